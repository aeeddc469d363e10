//! `check` finds demos that cannot run as written: a `kubectl … -f samples/…` naming a file no
//! sample has, and samples whose Services, Ingresses and routes lead to objects nobody defines;
//! the bundled workshop has none of either.

use std::path::Path;

use deckhand::pipeline;

use crate::support::{Severity, Workshop, line_of, pos_of, render};

/// A chapter whose notes and code run commands against the small workshop's samples.
const DEMOS: &str = r#"+++
title = "Demos"
duration = 5
+++

# Demos

```console
$ kubectl apply -f samples/intro/pod.yaml
$ kubectl apply -f samples/nope.yaml
$ kubectl apply -k samples/intro/
```

Note:
First `kubectl delete -f samples/intro/pods.yaml`, then
`kubectl apply --filename=samples/intro/`; `kubectl apply -f https://example.org/x.yaml`
and `kubectl get pods -n shop` are fine.
"#;

#[test]
fn check_warns_about_kubectl_commands_naming_samples_that_do_not_exist() {
    let workshop = Workshop::small();
    workshop.write("content/03-demos.md", DEMOS);
    workshop.replace(
        "workshop.toml",
        "planned_minutes = 30",
        "planned_minutes = 35",
    );
    let run = workshop.deckhand(["check"]);
    run.expect_code(0);
    let (line, col) = pos_of(DEMOS, "samples/nope.yaml");
    run.warning(
        "content/03-demos.md",
        "`kubectl -f samples/nope.yaml` names a file no sample has",
    )
    .at(line, col)
    .hint("relative to content/");
    let (line, col) = pos_of(DEMOS, "samples/intro/pods.yaml");
    run.warning(
        "content/03-demos.md",
        "`kubectl -f samples/intro/pods.yaml` names a file",
    )
    .at(line, col)
    .hint("did you mean `samples/intro/pod.yaml`?");
    run.warning(
        "content/03-demos.md",
        "`samples/intro/` has no kustomization.yaml",
    )
    .on_line(line_of(DEMOS, "-k samples/intro/"))
    .hint("holding a kustomization.yaml");
    let warnings: Vec<_> = run
        .diagnostics()
        .into_iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    assert_eq!(warnings.len(), 3, "only those three:\n{}", run.stderr);
}

#[test]
fn check_warns_about_services_routes_and_ingresses_that_lead_nowhere() {
    let workshop = Workshop::small();
    let ingress = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  tls:\n    - secretName: web-tls\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: api\n  ports:\n    - port: 80\n";
    workshop.write("content/samples/intro/ingress.yaml", ingress);
    let run = workshop.deckhand(["check"]);
    run.expect_code(0);
    let file = "content/samples/intro/ingress.yaml";
    run.warning(file, "Service `web` is not defined by any sample")
        .at(15, 17)
        .hint("add a sample with the Service `web`");
    run.warning(
        file,
        "TLS Secret `web-tls` is not created by any sample or command",
    )
    .at(7, 7)
    .hint("kubectl create secret tls");
    run.warning(file, "Service `api` selects no Pods")
        .on_line(line_of(ingress, "  selector:"));

    // Defining what is missing (a Secret made by a script counts) silences every warning.
    workshop.write(
        "content/samples/intro/web.yaml",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app.kubernetes.io/name: web\n  ports:\n    - port: 80\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  labels:\n    app: api\nspec:\n  containers:\n    - name: api\n      image: busybox:1.38.0\n",
    );
    workshop.write(
        "content/samples/intro/make-cert.sh",
        "#!/bin/sh\nkubectl create secret tls web-tls --cert=tls.crt --key=tls.key\n",
    );
    let problems = pipeline::check(workshop.root());
    let warnings: Vec<_> = problems
        .sorted()
        .into_iter()
        .filter(|d| d.path.starts_with("content/samples"))
        .collect();
    assert!(warnings.is_empty(), "{warnings:?}");
}

/// The bundled workshop: every command names a sample that exists, every reference resolves,
/// and nothing else is wrong either.
#[test]
fn the_bundled_workshop_has_no_dead_demo_or_reference() {
    let problems = pipeline::check(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(
        problems.is_empty(),
        "check found problems in the bundled workshop:\n{}",
        render(&problems)
    );
}
