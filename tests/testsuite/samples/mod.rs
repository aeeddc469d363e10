//! Sample validation, on copies of the bundled workshop's own samples broken one way each: the
//! message names the problem, and its file, line and column point at it.

use crate::support::{Workshop, pos_of};

/// Break `file` (under content/samples/) by replacing `from` with `to`, run `deckhand check`, and
/// return the error on that file whose message contains `message`, with the position of `at`
/// (a piece of the broken text) as the expected position.
#[track_caller]
fn broken(file: &str, from: &str, to: &str, message: &str, at: &str) -> crate::support::Printed {
    let workshop = Workshop::bundled();
    let rel = format!("content/samples/{file}");
    workshop.replace(&rel, from, to);
    let run = workshop.deckhand(["check", "."]);
    run.expect_code(1);
    let error = run.error(&rel, message);
    let (line, col) = pos_of(&workshop.read(&rel), at);
    error.at(line, col);
    error
}

#[test]
fn the_bundled_samples_are_all_valid() {
    let run = Workshop::bundled().deckhand(["check", "."]);
    run.expect_code(0);
    assert!(!run.stderr.contains("samples/"), "{}", run.stderr);
}

#[test]
fn a_removed_api_version_points_to_the_served_one() {
    broken(
        "concepts/deployment.yaml",
        "apiVersion: apps/v1",
        "apiVersion: extensions/v1beta1",
        "does not serve Deployment",
        "apiVersion",
    )
    .hint("use `apiVersion: apps/v1`");
}

#[test]
fn an_unknown_kind_is_named() {
    broken(
        "concepts/pod.yaml",
        "kind: Pod",
        "kind: Pood",
        "has no kind `Pood`",
        "kind: Pood",
    )
    .hint("did you mean `Pod`?");
}

#[test]
fn an_unknown_field_is_named_with_its_path() {
    broken(
        "concepts/deployment.yaml",
        "containerPort: 80",
        "containerPrt: 80",
        "unknown field `spec.template.spec.containers[0].ports[0].containerPrt`",
        "containerPrt",
    )
    .hint("did you mean `containerPort`?");
}

#[test]
fn a_wrong_type_is_named_with_its_path() {
    broken(
        "concepts/deployment.yaml",
        "replicas: 3",
        "replicas: three",
        "`spec.replicas` must be an integer",
        "replicas: three",
    );
}

#[test]
fn a_missing_name_is_reported() {
    broken(
        "concepts/deployment.yaml",
        "metadata:\n  name: web\n",
        "metadata:\n  labels2: {}\n",
        "no `metadata.name`",
        "metadata:",
    );
}

#[test]
fn invalid_yaml_is_reported_where_the_parser_stopped() {
    let workshop = Workshop::bundled();
    let rel = "content/samples/concepts/pod.yaml";
    workshop.replace(rel, "kind: Pod", "kind: [Pod");
    let run = workshop.deckhand(["check", "."]);
    run.expect_code(1);
    let error = run.error(rel, "invalid YAML");
    assert!(
        error.line.unwrap() >= crate::support::line_of(&workshop.read(rel), "kind: [Pod"),
        "{error:?}"
    );
}

#[test]
fn an_unknown_anchor_in_an_include_is_reported_on_the_chapter() {
    let workshop = Workshop::bundled();
    let chapter = "content/04-high-availability.md";
    workshop.replace(chapter, "hpa.yaml:behavior}}", "hpa.yaml:behaviour}}");
    let run = workshop.deckhand(["check", "."]);
    run.expect_code(1);
    let error = run.error(chapter, "has no anchor `behaviour`");
    assert_eq!(
        error.line,
        Some(crate::support::line_of(
            &workshop.read(chapter),
            "hpa.yaml:behaviour}}"
        ))
    );
    error.hint("`behavior`");
}

#[test]
fn a_custom_resource_gets_a_full_check_against_a_declared_schema() {
    let workshop = Workshop::bundled();
    workshop.write(
        "schemas/vpa-crd.yaml",
        r#"apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: verticalpodautoscalers.autoscaling.k8s.io
spec:
  group: autoscaling.k8s.io
  scope: Namespaced
  names: {kind: VerticalPodAutoscaler, plural: verticalpodautoscalers}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [targetRef]
              properties:
                targetRef:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
                updatePolicy:
                  type: object
                  properties:
                    updateMode: {type: string, enum: ["Off", Initial, Recreate, InPlaceOrRecreate]}
                resourcePolicy:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
"#,
    );
    // The bundled workshop declares its own VPA schema; this test's replaces it.
    workshop.replace(
        "workshop.toml",
        "\"autoscaling.k8s.io/v1/VerticalPodAutoscaler\" = \"schemas/verticalpodautoscaler.yaml\"",
        "\"autoscaling.k8s.io/v1/VerticalPodAutoscaler\" = \"schemas/vpa-crd.yaml\"",
    );
    workshop.deckhand(["check", "."]).expect_code(0);
    let rel = "content/samples/high-availability/vpa.yaml";
    workshop.replace(rel, "updatePolicy:", "updatePolicyy:");
    let run = workshop.deckhand(["check", "."]);
    run.expect_code(1);
    run.error(rel, "unknown field `spec.updatePolicyy`")
        .hint("did you mean `updatePolicy`?");
}

#[test]
fn helm_templates_are_recognised_and_not_checked() {
    let workshop = Workshop::bundled();
    let template = std::fs::read_dir(workshop.path("content/samples/helm"))
        .unwrap()
        .flatten()
        .map(|e| e.path().join("templates/deployment.yaml"))
        .find(|p| p.is_file())
        .expect("the bundled chart has a deployment template");
    let text = std::fs::read_to_string(&template).unwrap();
    assert!(text.contains("{{"), "the template uses Helm syntax");
    workshop.deckhand(["check", "."]).expect_code(0);
}

/// `check` keeps the sample checks in `.deckhand/` as `build` does, and a change to a CRD
/// rechecks the custom resources of other, unchanged files.
#[test]
fn check_caches_and_a_changed_crd_rechecks_its_resources() {
    let workshop = crate::support::Workshop::small();
    let crd = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: lamps.example.com\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {kind: Lamp, plural: lamps}\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                colour: {type: string, enum: [amber, green]}\n";
    workshop.write("content/samples/crds/lamp-crd.yaml", crd);
    workshop.write(
        "content/samples/intro/lamp.yaml",
        "apiVersion: example.com/v1\nkind: Lamp\nmetadata:\n  name: desk\nspec:\n  colour: green\n",
    );
    workshop.deckhand(["check", "."]).expect_code(0);
    assert!(workshop.path(".deckhand/samples.cache").is_file());
    workshop.replace(
        "content/samples/crds/lamp-crd.yaml",
        "[amber, green]",
        "[amber, red]",
    );
    let run = workshop.deckhand(["check", "."]);
    run.expect_code(1);
    run.error(
        "content/samples/intro/lamp.yaml",
        "`spec.colour` must be one of `amber`, `red`",
    )
    .at(6, 3);
}

mod corpus;
