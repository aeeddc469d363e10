//! Objects checked against an OpenAPI v3 schema with Kubernetes' rules: the schemas of built-in
//! kinds (from k8s-openapi, see [`super::kubernetes`]) and those of custom resources (from a
//! CustomResourceDefinition, see [`super::crds`]).
//!
//! Kubernetes' rules rather than plain JSON Schema's (apiextensions-apiserver, "structural
//! schemas"): a field the schema does not declare is an error, since kubectl's strict field
//! validation rejects what the API server would prune, unless `x-kubernetes-preserve-unknown-
//! fields` or `additionalProperties` allows it; `null` means "unset"; `allOf`, `anyOf`, `oneOf`
//! and `not` only validate values and never declare fields; `x-kubernetes-int-or-string` takes
//! an integer or a string; `x-kubernetes-list-type: set|map` forbids duplicates.
//! `x-kubernetes-validations` (CEL rules) are collected but not evaluated.

pub mod formats;
mod keywords;

use regex::Regex;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Mutex;

use super::problem::{Problem, child, describe, shown};
use super::recognise::has_placeholder;
use crate::diagnostics::did_you_mean;

/// A schema whose `$ref`s point into its own `$defs` (or `definitions`).
#[derive(Debug)]
pub struct Schema {
    root: Value,
    /// Compiled `pattern`s; `None` for one the regex engine does not take.
    patterns: Mutex<HashMap<String, Option<Regex>>>,
}

/// What a check found.
#[derive(Debug, Default)]
pub struct Checked {
    pub problems: Vec<Problem>,
    /// Paths whose schema carries CEL rules (`x-kubernetes-validations`), which are not run.
    pub unevaluated: Vec<String>,
}

/// Whether unknown fields are errors (the structural schema) or not looked at (a branch of
/// `allOf`/`anyOf`/`oneOf`/`not`, which only constrains values).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Structural,
    Values,
}

impl Schema {
    pub fn new(root: Value) -> Schema {
        Schema {
            root,
            patterns: Mutex::default(),
        }
    }

    pub fn root(&self) -> &Value {
        &self.root
    }

    /// Every place `value` departs from the schema.
    pub fn check(&self, value: &Value) -> Checked {
        let mut checked = Checked::default();
        self.node(&self.root, value, "", Mode::Structural, &mut checked);
        checked
    }

    /// Whether `value` passes `schema` (a branch), without collecting anything.
    fn passes(&self, schema: &Value, value: &Value, path: &str) -> Result<(), Vec<Problem>> {
        let mut checked = Checked::default();
        self.node(schema, value, path, Mode::Values, &mut checked);
        let errors: Vec<Problem> = checked
            .problems
            .into_iter()
            .filter(|p| p.severity == crate::diagnostics::Severity::Error)
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Follow `$ref`s (and single-item `allOf`s, which schema generators use to wrap them).
    fn resolve<'s>(&'s self, mut schema: &'s Value) -> &'s Value {
        for _ in 0..32 {
            if let Some(reference) = schema["$ref"].as_str() {
                let name = reference.rsplit('/').next().unwrap_or(reference);
                let defs = self
                    .root
                    .get("$defs")
                    .or_else(|| self.root.get("definitions"));
                match defs.and_then(|d| d.get(name)) {
                    Some(target) => schema = target,
                    None => return schema,
                }
            } else if let Some([only]) = schema["allOf"].as_array().map(Vec::as_slice)
                && schema.get("type").is_none()
                && schema.get("properties").is_none()
            {
                schema = only;
            } else {
                break;
            }
        }
        schema
    }

    fn node(&self, schema: &Value, value: &Value, path: &str, mode: Mode, out: &mut Checked) {
        let schema = self.resolve(schema);
        // An explicit null means "unset" to the API server (Go's zero value for built-in kinds;
        // pruned for custom resources unless `nullable`), so it is checked as absent.
        if value.is_null() {
            return;
        }
        // A placeholder another tool fills in (`{{ .Values.port }}`) is checked once rendered.
        if let Value::String(text) = value
            && has_placeholder(text)
        {
            return;
        }
        if mode == Mode::Structural
            && let Some(rules) = schema["x-kubernetes-validations"].as_array()
            && !rules.is_empty()
        {
            out.unevaluated.push(path.to_string());
        }
        let shown = shown(path);
        let declared = schema_type(schema);
        if declared.is_none()
            && schema.get("properties").is_none()
            && !is_int_or_string(schema)
            && !is_quantity(schema)
            && let Some(branches) = schema["oneOf"]
                .as_array()
                .or_else(|| schema["anyOf"].as_array())
        {
            // A union by type (k8s-openapi's JSONSchemaPropsOrBool, …): the branch of the
            // value's type is the schema of the value.
            let branch = branches
                .iter()
                .find(|b| schema_type(self.resolve(b)).is_some_and(|t| type_admits(t, value)));
            match branch {
                Some(branch) => self.node(branch, value, path, mode, out),
                None => {
                    let names: Vec<&str> = branches
                        .iter()
                        .filter_map(|b| schema_type(self.resolve(b)))
                        .collect();
                    out.problems.push(Problem::new(
                        path,
                        format!(
                            "{shown} must be {}, not {}",
                            names.join(" or "),
                            describe(value)
                        ),
                    ));
                }
            }
            return;
        }
        if is_quantity(schema) {
            let ok = match value {
                Value::Number(_) => true,
                Value::String(text) => formats::is_quantity(text),
                _ => false,
            };
            if !ok {
                let text = value.as_str().unwrap_or_default();
                out.problems.push(
                    Problem::new(
                        path,
                        format!("{shown} must be a quantity, not {}", describe(value)),
                    )
                    .hint(formats::quantity_hint(text)),
                );
            }
            return;
        }
        if is_int_or_string(schema) {
            if !(value.is_string() || is_integer(value)) {
                out.problems.push(Problem::new(
                    path,
                    format!(
                        "{shown} must be an integer or a string, not {}",
                        describe(value)
                    ),
                ));
                return;
            }
        } else if let Some(expected) = declared
            && !type_admits(expected, value)
        {
            out.problems.push(type_problem(path, expected, value));
            return;
        }
        // Keywords about objects and arrays apply to a value of that type, even when the
        // schema (a branch of `oneOf`, say) does not declare a type.
        match value {
            Value::Object(_) => self.object(schema, value, path, mode, out),
            Value::Array(_) => self.array(schema, value, path, mode, out),
            _ => {}
        }
        self.value_keywords(schema, value, path, out);
    }

    fn object(&self, schema: &Value, value: &Value, path: &str, mode: Mode, out: &mut Checked) {
        let Some(map) = value.as_object() else {
            return;
        };
        let properties = schema["properties"].as_object();
        for required in schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if map.get(required).is_none_or(Value::is_null) {
                let at = child(path, required);
                out.problems.push(
                    Problem::new(at.clone(), format!("`{at}` is required but missing"))
                        .hint(format!("add `{required}:`")),
                );
            }
        }
        let preserve = schema["x-kubernetes-preserve-unknown-fields"] == true
            || schema["additionalProperties"] == true;
        for (key, field) in map {
            let field_path = child(path, key);
            if let Some(field_schema) = properties.and_then(|p| p.get(key)) {
                self.node(field_schema, field, &field_path, mode, out);
            } else if path.is_empty() && matches!(key.as_str(), "apiVersion" | "kind" | "metadata")
            {
                // Custom resource schemas often leave the envelope undeclared.
            } else if schema["additionalProperties"].is_object() {
                self.node(
                    &schema["additionalProperties"],
                    field,
                    &field_path,
                    mode,
                    out,
                );
            } else if mode == Mode::Structural && !preserve && properties.is_some() {
                let names = properties
                    .into_iter()
                    .flat_map(|p| p.keys().map(String::as_str));
                let hint = match did_you_mean(key, names) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => {
                        "this field does not exist here; check its spelling and its indentation"
                            .to_string()
                    }
                };
                out.problems.push(
                    Problem::new(field_path.clone(), format!("unknown field `{field_path}`"))
                        .hint(hint),
                );
            }
        }
        let count = map.values().filter(|v| !v.is_null()).count();
        if let Some(min) = schema["minProperties"].as_u64()
            && (count as u64) < min
        {
            out.problems.push(Problem::new(
                path,
                format!("{} must have at least {min} entries", shown(path)),
            ));
        }
        if let Some(max) = schema["maxProperties"].as_u64()
            && (count as u64) > max
        {
            out.problems.push(Problem::new(
                path,
                format!("{} must have at most {max} entries", shown(path)),
            ));
        }
    }

    fn array(&self, schema: &Value, value: &Value, path: &str, mode: Mode, out: &mut Checked) {
        let Some(items) = value.as_array() else {
            return;
        };
        for (i, item) in items.iter().enumerate() {
            self.node(&schema["items"], item, &format!("{path}[{i}]"), mode, out);
        }
        let shown = shown(path);
        if let Some(min) = schema["minItems"].as_u64()
            && (items.len() as u64) < min
        {
            out.problems.push(Problem::new(
                path,
                format!("{shown} must have at least {min} items"),
            ));
        }
        if let Some(max) = schema["maxItems"].as_u64()
            && (items.len() as u64) > max
        {
            out.problems.push(Problem::new(
                path,
                format!("{shown} must have at most {max} items"),
            ));
        }
        // The API server rejects duplicates in sets and duplicate keys in maps
        // (apiextensions-apiserver `pkg/apiserver/schema/listtype/validation.go`).
        match schema["x-kubernetes-list-type"].as_str() {
            Some("set") => {
                for (i, item) in items.iter().enumerate() {
                    if items[..i].iter().any(|earlier| json_eq(earlier, item)) {
                        out.problems.push(Problem::new(
                            format!("{path}[{i}]"),
                            format!("`{path}[{i}]` repeats an earlier item of a set"),
                        ));
                    }
                }
            }
            Some("map") => {
                let keys: Vec<&str> = schema["x-kubernetes-list-map-keys"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                if !keys.is_empty() {
                    for (i, item) in items.iter().enumerate() {
                        let same =
                            |other: &Value| keys.iter().all(|k| json_eq(&other[k], &item[k]));
                        if items[..i].iter().any(same) {
                            out.problems.push(Problem::new(
                                format!("{path}[{i}]"),
                                format!(
                                    "`{path}[{i}]` has the same {} as an earlier item",
                                    keys.iter()
                                        .map(|k| format!("`{k}`"))
                                        .collect::<Vec<_>>()
                                        .join(" and ")
                                ),
                            ));
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn pattern(&self, pattern: &str) -> Option<Regex> {
        let mut cache = self
            .patterns
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        cache
            .entry(pattern.to_string())
            .or_insert_with(|| Regex::new(pattern).ok())
            .clone()
    }
}

/// The type a schema declares (`["string", "null"]` counts as `string`).
fn schema_type(schema: &Value) -> Option<&str> {
    match &schema["type"] {
        Value::String(t) => Some(t.as_str()),
        Value::Array(types) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null"),
        _ => schema.get("properties").map(|_| "object"),
    }
}

fn is_int_or_string(schema: &Value) -> bool {
    schema["x-kubernetes-int-or-string"] == true
}

/// Resource quantities (see [`super::kubernetes`], which marks them).
fn is_quantity(schema: &Value) -> bool {
    schema["x-deckhand-quantity"] == true
}

/// An integer, or a float with no fraction: kubectl sends `3.0` as `3`, which an integer field
/// takes.
fn is_integer(value: &Value) -> bool {
    value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|f| f.fract() == 0.0)
}

fn type_admits(expected: &str, value: &Value) -> bool {
    match expected {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => is_integer(value),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        _ => true,
    }
}

fn type_problem(path: &str, expected: &str, value: &Value) -> Problem {
    let shown = shown(path);
    let what = match expected {
        "object" => "a mapping",
        "array" => "a list",
        "string" => "a string",
        "integer" => "an integer",
        "number" => "a number",
        "boolean" => "true or false",
        other => other,
    };
    let mut problem = Problem::new(
        path,
        format!("{shown} must be {what}, not {}", describe(value)),
    );
    if expected == "string" && !value.is_object() && !value.is_array() {
        problem = problem.hint(format!(
            "quote it: \"{}\"",
            value.to_string().trim_matches('"')
        ));
    }
    problem
}

/// JSON equality with numbers compared by value (`1` equals `1.0`).
fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_eq(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests;
