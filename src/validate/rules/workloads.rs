//! Workloads and their pod templates: the selector must be set, not empty, valid, and match the
//! template's labels (kubernetes `pkg/apis/apps/validation/validation.go`,
//! `ValidateDeploymentSpec`, `ValidateReplicaSetSpec`, `ValidateDaemonSetSpec`,
//! `ValidateStatefulSetSpec`; `pkg/apis/core/validation`, `ValidateReplicationControllerSpec`;
//! `pkg/apis/batch/validation/validation.go`, `ValidateGeneratedSelector`, `validateJobSpec`),
//! and the template's restart policy must suit the workload.

use serde_json::Value;

use super::super::problem::{Problem, child};
use super::super::recognise::has_placeholder;
use super::metadata;

/// Where a kind keeps its pod template, and what its template's `restartPolicy` may be.
pub fn template_path(kind: &str) -> Option<(&'static str, &'static [&'static str])> {
    const ALWAYS: &[&str] = &["Always"];
    const RUN_TO_COMPLETION: &[&str] = &["OnFailure", "Never"];
    Some(match kind {
        "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" | "ReplicationController" => {
            ("spec.template", ALWAYS)
        }
        "Job" => ("spec.template", RUN_TO_COMPLETION),
        "CronJob" => ("spec.jobTemplate.spec.template", RUN_TO_COMPLETION),
        "PodTemplate" => ("template", &[]),
        _ => return None,
    })
}

/// The value at a dotted path of plain keys.
pub fn at<'v>(value: &'v Value, path: &str) -> &'v Value {
    path.split('.').fold(value, |v, key| &v[key])
}

pub fn check(kind: &str, value: &Value, problems: &mut Vec<Problem>) {
    let Some((template_at, restart)) = template_path(kind) else {
        return;
    };
    let template = at(value, template_at);
    metadata::labels_and_annotations(
        &child(template_at, "metadata"),
        &template["metadata"],
        problems,
    );
    pod_template(kind, value, template_at, template, problems);
    restart_policy(kind, template_at, template, restart, problems);
    let labels = &template["metadata"]["labels"];
    match kind {
        "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" => {
            selector_matches(
                "spec.selector",
                &value["spec"]["selector"],
                template_at,
                labels,
                kind,
                problems,
            );
        }
        "ReplicationController" => {
            // An RC's selector is a plain map, defaulted from the template's labels when empty.
            if let Some(selector) = value["spec"]["selector"]
                .as_object()
                .filter(|s| !s.is_empty())
            {
                metadata::labels("spec.selector", &value["spec"]["selector"], problems);
                let wanted = Value::Object(selector.clone());
                if !matches_labels(&Value::Null, &wanted, labels) {
                    problems.push(mismatch(template_at, kind));
                }
            }
        }
        "Job" => job_selector(value, template_at, labels, problems),
        _ => {}
    }
}

/// The pod spec of the template. The API server validates a StatefulSet's pod template only
/// when the StatefulSet creates its pods (`ValidatePodTemplateSpecForStatefulSet` leaves
/// `ValidatePodTemplateSpec` out, apps `validation.go`), so there its problems are warnings:
/// the StatefulSet is accepted, and its pods refused.
fn pod_template(
    kind: &str,
    value: &Value,
    template_at: &str,
    template: &Value,
    problems: &mut Vec<Problem>,
) {
    let claims: Vec<&str> = value["spec"]["volumeClaimTemplates"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["metadata"]["name"].as_str())
        .collect();
    let before = problems.len();
    super::pods::check(
        &child(template_at, "spec"),
        &template["spec"],
        &claims,
        problems,
    );
    if kind == "StatefulSet" {
        for problem in &mut problems[before..] {
            problem.severity = crate::diagnostics::Severity::Warning;
            problem.message.push_str(
                " (the StatefulSet is accepted, but the API server will refuse its pods)",
            );
        }
    }
}

fn restart_policy(
    kind: &str,
    template_at: &str,
    template: &Value,
    allowed: &[&str],
    problems: &mut Vec<Problem>,
) {
    if allowed.is_empty() {
        return;
    }
    let path = format!("{template_at}.spec.restartPolicy");
    // Unset, it is defaulted to Always (`SetDefaults_PodSpec`), which a Job refuses.
    let policy = template["spec"]["restartPolicy"]
        .as_str()
        .filter(|p| !p.is_empty());
    let shown = policy.unwrap_or("Always");
    if allowed.contains(&shown) || policy.is_some_and(has_placeholder) {
        return;
    }
    let hint = if allowed.len() == 1 {
        format!("remove it, or set `restartPolicy: {}`", allowed[0])
    } else {
        format!(
            "add `restartPolicy: {}` (or `{}`) to the pod template's spec",
            allowed[1], allowed[0]
        )
    };
    let message = match policy {
        Some(p) => format!(
            "a {kind}'s pods must have `restartPolicy` {}, not {p}",
            allowed.join(" or ")
        ),
        None => format!(
            "a {kind}'s pod template needs `restartPolicy: OnFailure` or `Never` (unset, it means Always)"
        ),
    };
    let at = if policy.is_some() {
        path
    } else {
        format!("{template_at}.spec")
    };
    problems.push(Problem::new(at, message).hint(hint));
}

fn job_selector(value: &Value, template_at: &str, labels: &Value, problems: &mut Vec<Problem>) {
    let selector = &value["spec"]["selector"];
    if selector.is_null() {
        return; // generated by the API server
    }
    if value["spec"]["manualSelector"] == true {
        selector_matches(
            "spec.selector",
            selector,
            template_at,
            labels,
            "Job",
            problems,
        );
    } else {
        problems.push(
            Problem::new("spec.selector", "a Job's `selector` is generated by the API server unless `manualSelector: true` (\"`selector` not auto-generated\")")
                .hint("remove `selector:`, or add `manualSelector: true` under spec"),
        );
    }
}

/// The selector is required, not empty, valid, and matches the template's labels.
fn selector_matches(
    path: &str,
    selector: &Value,
    template_at: &str,
    labels: &Value,
    kind: &str,
    problems: &mut Vec<Problem>,
) {
    if !selector.is_object() {
        return; // missing: the schema reports it
    }
    let match_labels = &selector["matchLabels"];
    let expressions = selector["matchExpressions"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    if match_labels.as_object().is_none_or(|m| m.is_empty()) && expressions.is_empty() {
        problems.push(
            Problem::new(path, format!("an empty selector is invalid for a {kind}"))
                .hint("select the pods by their labels: `matchLabels: {app: …}`"),
        );
        return;
    }
    metadata::labels(&child(path, "matchLabels"), match_labels, problems);
    let before = problems.len();
    expressions_valid(&child(path, "matchExpressions"), expressions, problems);
    if problems.len() > before || any_placeholder(selector) || any_placeholder(labels) {
        return;
    }
    if !matches_labels(&Value::Array(expressions.to_vec()), match_labels, labels) {
        problems.push(mismatch(template_at, kind));
    }
}

fn mismatch(template_at: &str, kind: &str) -> Problem {
    Problem::new(
        format!("{template_at}.metadata.labels"),
        format!("the {kind}'s `selector` does not match its template's `labels`"),
    )
    .hint("the template's labels must include every `matchLabels` pair and satisfy every `matchExpressions` rule")
}

/// `ValidateLabelSelectorRequirement`: In/NotIn need values, Exists/DoesNotExist take none.
fn expressions_valid(path: &str, expressions: &[Value], problems: &mut Vec<Problem>) {
    for (i, rule) in expressions.iter().enumerate() {
        let at = format!("{path}[{i}]");
        let values = rule["values"].as_array().map_or(0, Vec::len);
        match rule["operator"].as_str() {
            Some("In" | "NotIn") if values == 0 => problems.push(Problem::new(
                child(&at, "values"),
                format!(
                    "`{at}` uses `{}`, which needs `values`",
                    rule["operator"].as_str().unwrap_or("")
                ),
            )),
            Some(op @ ("Exists" | "DoesNotExist")) if values > 0 => problems.push(Problem::new(
                child(&at, "values"),
                format!("`{at}` uses `{op}`, which takes no `values`"),
            )),
            _ => {}
        }
    }
}

/// Whether labels satisfy `matchLabels` and `matchExpressions` (apimachinery `labels.Selector`).
pub fn matches_labels(expressions: &Value, match_labels: &Value, labels: &Value) -> bool {
    let label = |key: &str| labels.get(key).and_then(label_text);
    let pairs_ok = match_labels
        .as_object()
        .into_iter()
        .flatten()
        .all(|(k, v)| label(k).is_some() && label(k) == label_text(v));
    let rules_ok = expressions.as_array().into_iter().flatten().all(|rule| {
        let key = rule["key"].as_str().unwrap_or("");
        let values: Vec<String> = rule["values"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(label_text)
            .collect();
        let have = label(key);
        match rule["operator"].as_str() {
            Some("In") => have.is_some_and(|h| values.contains(&h)),
            Some("NotIn") => have.is_none_or(|h| !values.contains(&h)),
            Some("Exists") => have.is_some(),
            Some("DoesNotExist") => have.is_none(),
            _ => true,
        }
    });
    pairs_ok && rules_ok
}

/// A label value as text (a number or boolean in YAML is the schema's to report).
fn label_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

fn any_placeholder(value: &Value) -> bool {
    match value {
        Value::String(s) => has_placeholder(s),
        Value::Object(map) => map
            .iter()
            .any(|(k, v)| has_placeholder(k) || any_placeholder(v)),
        Value::Array(items) => items.iter().any(any_placeholder),
        _ => false,
    }
}
