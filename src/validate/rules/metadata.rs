//! `metadata` of every object: the name each kind accepts, the namespace, labels and
//! annotations (apimachinery `pkg/api/validation/objectmeta.go`, `ValidateObjectMetaAccessor`,
//! `ValidateAnnotations`; `pkg/apis/meta/v1/validation/validation.go`, `ValidateLabels`), and
//! the labels and annotations of pod templates, which `ValidatePodTemplateSpec` checks the same
//! way.

use serde_json::Value;

use super::super::problem::{Problem, child};
use super::super::recognise::has_placeholder;
use super::names;

/// `TotalAnnotationSizeLimitB` in objectmeta.go.
const ANNOTATIONS_MAX_BYTES: usize = 256 * 1024;

/// Which rule a kind's name follows: `NameIsDNS1035Label` for Services
/// (`ValidateServiceName`), `NameIsDNSLabel` for Namespaces, `IsValidPathSegmentName` for RBAC
/// (`ValidateRBACName`), CSRs, flow control and a few others; `NameIsDNSSubdomain` for the rest,
/// custom resources included.
fn name_rule(kind: &str) -> (fn(&str) -> Vec<String>, &'static str) {
    match kind {
        "Service" => (names::dns1035_label, "a Service name"),
        "Namespace" => (names::dns1123_label, "a Namespace name"),
        "Role"
        | "ClusterRole"
        | "RoleBinding"
        | "ClusterRoleBinding"
        | "CertificateSigningRequest"
        | "FlowSchema"
        | "PriorityLevelConfiguration"
        | "ClusterTrustBundle"
        | "IPAddress"
        | "APIService"
        | "ComponentStatus" => (names::path_segment, "this kind's name"),
        _ => (names::dns1123_subdomain, "a name"),
    }
}

pub fn check(_api_version: &str, kind: &str, value: &Value, problems: &mut Vec<Problem>) {
    let metadata = &value["metadata"];
    if !metadata.is_object() {
        problems.push(
            Problem::new("metadata", "the object has no `metadata.name`")
                .hint("add `metadata:` with a `name:`"),
        );
        return;
    }
    let (rule, what) = name_rule(kind);
    let name = metadata["name"].as_str().filter(|s| !s.is_empty());
    let generate = metadata["generateName"].as_str().filter(|s| !s.is_empty());
    match (name, generate) {
        (Some(name), _) => check_name("metadata.name", name, rule, what, false, problems),
        (None, Some(prefix)) => {
            check_name("metadata.generateName", prefix, rule, what, true, problems)
        }
        (None, None) => problems.push(
            Problem::new("metadata.name", "the object has no `metadata.name`")
                .hint("every object needs a name: add `name: …` under metadata"),
        ),
    }
    if let Some(name) = name {
        extra_name_limits(kind, name, problems);
    }
    if let Some(namespace) = metadata["namespace"].as_str().filter(|s| !s.is_empty()) {
        check_name(
            "metadata.namespace",
            namespace,
            names::dns1123_label,
            "a namespace",
            false,
            problems,
        );
    }
    labels_and_annotations("metadata", metadata, problems);
}

/// Limits some controllers add to the name rule, because they build names or labels from it.
fn extra_name_limits(kind: &str, name: &str, problems: &mut Vec<Problem>) {
    // `ValidateCronJob` (pkg/apis/batch/validation): the Job names it creates add 11 characters.
    // `ValidateJob`: the `job-name` label of its pods is a label value (at most 63 characters).
    let limit = match kind {
        "CronJob" => 52,
        "Job" => 63,
        _ => return,
    };
    if name.len() > limit {
        problems.push(
            Problem::new(
                "metadata.name",
                format!("`metadata.name` is {} characters long; a {kind}'s name must be no more than {limit}", name.len()),
            )
            .hint("shorten the name"),
        );
    }
}

fn check_name(
    path: &str,
    value: &str,
    rule: fn(&str) -> Vec<String>,
    what: &str,
    prefix: bool,
    problems: &mut Vec<Problem>,
) {
    if has_placeholder(value) {
        return;
    }
    // A generateName may end with '-' (the generated suffix follows it), as `maskTrailingDash`.
    let checked = if prefix {
        value.strip_suffix('-').unwrap_or(value)
    } else {
        value
    };
    let errors = rule(checked);
    if errors.is_empty() {
        return;
    }
    let mut problem = Problem::new(
        path,
        format!(
            "`{path}` \"{value}\" is not valid as {what}: {}",
            errors.join("; ")
        ),
    );
    problem = match names::suggest(value, rule) {
        Some(fixed) => problem.hint(format!("e.g. `{fixed}`")),
        None => problem.hint("use lowercase letters, digits and '-'"),
    };
    problems.push(problem);
}

/// Labels and annotations of a `metadata` mapping at `path`.
pub fn labels_and_annotations(path: &str, metadata: &Value, problems: &mut Vec<Problem>) {
    labels(&child(path, "labels"), &metadata["labels"], problems);
    if let Some(annotations) = metadata["annotations"].as_object() {
        let at = child(path, "annotations");
        let mut size = 0;
        for (key, value) in annotations {
            size += key.len() + value.as_str().map_or(0, str::len);
            // "The rule is QualifiedName except that case doesn't matter" (objectmeta.go).
            let errors = names::qualified_name(&key.to_ascii_lowercase());
            if !errors.is_empty() && !has_placeholder(key) {
                problems.push(
                    Problem::new(child(&at, key), format!("annotation key `{key}` is not valid: {}", errors.join("; ")))
                        .hint("an annotation key is a name, optionally prefixed by a DNS subdomain and '/', e.g. `example.com/owner`"),
                );
            }
        }
        if size > ANNOTATIONS_MAX_BYTES {
            problems.push(Problem::new(
                at,
                format!("the annotations take {size} bytes; the API server's limit is {ANNOTATIONS_MAX_BYTES}"),
            ));
        }
    }
}

/// A label map (object labels, selectors' `matchLabels`, a Service's `selector`).
pub fn labels(path: &str, labels: &Value, problems: &mut Vec<Problem>) {
    let Some(labels) = labels.as_object() else {
        return;
    };
    for (key, value) in labels {
        let at = child(path, key);
        if has_placeholder(key) {
            continue;
        }
        let key_errors = names::qualified_name(key);
        if !key_errors.is_empty() {
            problems.push(
                Problem::new(at.clone(), format!("label key `{key}` is not valid: {}", key_errors.join("; ")))
                    .hint("a label key is a name of at most 63 characters, optionally prefixed by a DNS subdomain and '/', e.g. `app.kubernetes.io/name`"),
            );
        }
        let Some(text) = value.as_str() else {
            continue; // a number or a boolean is the schema's to report
        };
        let value_errors = names::label_value(text);
        if !value_errors.is_empty() && !has_placeholder(text) {
            problems.push(
                Problem::new(at, format!("label `{key}` has an invalid value \"{text}\": {}", value_errors.join("; ")))
                    .hint("label values are at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit"),
            );
        }
    }
}
