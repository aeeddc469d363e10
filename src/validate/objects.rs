//! Each API object of a document (or of a `v1` `List`): recognised, checked against its
//! schema and the API server's rules, and its problems placed at their fields.

use serde_json::Value;
use std::path::Path;

use super::problem::Problem;
use super::{Context, Found, Note, kubernetes, recognise, rules, yaml};
use crate::diagnostics::{Diagnostic, Severity};

/// An API object of a file, for the rules that look at several objects at once.
pub struct Object<'a> {
    pub document: &'a yaml::Document,
    /// Where the object sits in the document: "" or `items[3]` in a List.
    pub prefix: String,
    pub value: &'a Value,
    pub kind: String,
}

pub(super) fn check_document<'a>(
    file: &Path,
    document: &'a yaml::Document,
    context: &Context<'_>,
    found: &mut Found,
    objects: &mut Vec<Object<'a>>,
) {
    let value = &document.value;
    let (api_version, kind) = match (value.get("apiVersion"), value.get("kind")) {
        // Plain YAML data (values.yaml, a kustomization without kind…).
        (None, None) => return,
        (Some(Value::String(v)), Some(Value::String(k))) => (v.as_str(), k.as_str()),
        (None, Some(_)) => {
            found.diagnostics.push(
                Diagnostic::error(
                    file,
                    document.position("kind"),
                    "the object has a `kind` but no `apiVersion`",
                )
                .with_hint("add `apiVersion:`, e.g. `apiVersion: v1` for a Pod"),
            );
            return;
        }
        (Some(_), None) if is_chart_metadata(file) => return,
        (Some(_), None) => {
            found.diagnostics.push(
                Diagnostic::error(
                    file,
                    document.position("apiVersion"),
                    "the object has an `apiVersion` but no `kind`",
                )
                .with_hint("add `kind:`, e.g. `kind: Deployment`"),
            );
            return;
        }
        _ => {
            found.diagnostics.push(Diagnostic::error(
                file,
                document.position("apiVersion"),
                "`apiVersion` and `kind` must be strings",
            ));
            return;
        }
    };
    if let Some(what) = recognise::configuration_kind(api_version, kind) {
        found.notes.push(Note::new(
            file,
            document.position("kind"),
            format!("{kind} ({api_version}) is {what}, not an API object: parsed, but not checked against the Kubernetes API"),
        ));
        return;
    }
    // kubectl takes a `v1` List and applies each of its items.
    if api_version == "v1" && kind == "List" {
        for (i, item) in value["items"].as_array().into_iter().flatten().enumerate() {
            check_object(
                file,
                document,
                &format!("items[{i}]"),
                item,
                context,
                found,
                objects,
            );
        }
        return;
    }
    check_object(file, document, "", value, context, found, objects);
}

fn check_object<'a>(
    file: &Path,
    document: &'a yaml::Document,
    prefix: &str,
    value: &'a Value,
    context: &Context<'_>,
    found: &mut Found,
    objects: &mut Vec<Object<'a>>,
) {
    let (Some(api_version), Some(kind)) = (value["apiVersion"].as_str(), value["kind"].as_str())
    else {
        return;
    };
    let at = |path: &str| join(prefix, path);
    let mut problems = Vec::new();
    let declared = context.schemas.get(api_version, kind);
    match (kubernetes::lookup(api_version, kind), declared) {
        (kubernetes::Known::BuiltIn(schema), _) => {
            problems.extend(schema.check(value).problems);
            problems.extend(rules::check(api_version, kind, value));
        }
        (kubernetes::Known::Unknown(problem), _) => problems.push(problem),
        (kubernetes::Known::Custom, Some(source)) => {
            let checked = source.schema.check(value);
            problems.extend(checked.problems);
            problems.extend(rules::check(api_version, kind, value));
            let mut note = format!(
                "{kind} ({api_version}): checked against the schema in {}",
                source.file.display()
            );
            if !checked.unevaluated.is_empty() {
                let places: Vec<String> = checked
                    .unevaluated
                    .iter()
                    .map(|p| {
                        if p.is_empty() {
                            "the object".to_string()
                        } else {
                            format!("`{p}`")
                        }
                    })
                    .collect();
                note.push_str(&format!(
                    "; its `x-kubernetes-validations` (CEL) rules at {} are not evaluated",
                    places.join(", ")
                ));
            }
            found
                .notes
                .push(Note::new(file, document.position(&at("kind")), note));
        }
        (kubernetes::Known::Custom, None) => {
            problems.extend(rules::check(api_version, kind, value));
            found.notes.push(Note::new(
                file,
                document.position(&at("kind")),
                format!("{kind} ({api_version}): a custom resource with no known schema, so only its metadata is checked; add its CustomResourceDefinition to the samples or name it in [samples.schemas]"),
            ));
        }
    }
    for mut problem in problems {
        problem.path = at(&problem.path);
        push_problem(file, document, kind, problem, found);
    }
    objects.push(Object {
        document,
        prefix: prefix.to_string(),
        value,
        kind: kind.to_string(),
    });
}

pub(super) fn push_problem(
    file: &Path,
    document: &yaml::Document,
    kind: &str,
    problem: Problem,
    found: &mut Found,
) {
    let pos = document.position(&problem.path);
    let message = format!("{kind}: {}", problem.message);
    let mut diagnostic = match problem.severity {
        Severity::Error => Diagnostic::error(file, pos, message),
        Severity::Warning => Diagnostic::warning(file, pos, message),
    };
    if let Some(hint) = problem.hint {
        diagnostic = diagnostic.with_hint(hint);
    }
    found.diagnostics.push(diagnostic);
}

fn join(prefix: &str, path: &str) -> String {
    match (prefix.is_empty(), path.is_empty()) {
        (true, _) => path.to_string(),
        (false, true) => prefix.to_string(),
        (false, false) if path.starts_with('[') => format!("{prefix}{path}"),
        (false, false) => format!("{prefix}.{path}"),
    }
}

/// Helm's `Chart.yaml` has an `apiVersion` (the chart API) but no `kind`.
fn is_chart_metadata(file: &Path) -> bool {
    file.file_name().is_some_and(|n| n == "Chart.yaml")
}
