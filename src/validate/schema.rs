//! Schemas a workshop declares for its custom resources (`[samples.schemas]` in workshop.toml):
//! a CustomResourceDefinition manifest, or its `openAPIV3Schema` alone, per `group/version/Kind`.
//!
//! They are applied with Kubernetes' structural-schema rules rather than JSON Schema's: a field
//! the schema does not declare is an error (the API server would prune or reject it) unless
//! `x-kubernetes-preserve-unknown-fields` or `additionalProperties` allows it.

use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

use super::kubernetes::Problem;
use crate::config::{CONFIG_FILE, key_position};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::project::Project;

#[derive(Debug, Default)]
pub struct Schemas {
    by_kind: HashMap<(String, String), Schema>,
}

#[derive(Debug)]
pub struct Schema {
    root: Value,
}

impl Schemas {
    /// Read the schemas workshop.toml declares; problems are reported on workshop.toml.
    pub fn load(project: &Project, diagnostics: &mut Diagnostics) -> Schemas {
        let mut schemas = Schemas::default();
        let config_text =
            std::fs::read_to_string(project.root.join(CONFIG_FILE)).unwrap_or_default();
        for (key, file) in &project.config.samples.schemas {
            let at = key_position(&config_text, &format!("\"{key}\""))
                .max(key_position(&config_text, key));
            let Some((api_version, kind)) = key.rsplit_once('/').filter(|(v, _)| !v.is_empty())
            else {
                diagnostics.push(Diagnostic::error(CONFIG_FILE, at, format!("schema key `{key}` is not `group/version/Kind`"))
                    .with_hint("e.g. \"autoscaling.k8s.io/v1/VerticalPodAutoscaler\" = \"schemas/vpa-crd.yaml\""));
                continue;
            };
            match load_schema(&project.root, Path::new(file), api_version, kind) {
                Ok(root) => {
                    schemas.by_kind.insert((api_version.to_string(), kind.to_string()), Schema::new(root));
                }
                Err(message) => diagnostics.push(Diagnostic::error(CONFIG_FILE, at, message)
                    .with_hint("point to a CustomResourceDefinition manifest or an OpenAPI v3 schema, relative to the workshop folder")),
            }
        }
        schemas
    }

    pub fn get(&self, api_version: &str, kind: &str) -> Option<&Schema> {
        self.by_kind
            .get(&(api_version.to_string(), kind.to_string()))
    }

    /// A set holding one schema, for tests and tools.
    pub fn with(api_version: &str, kind: &str, root: Value) -> Schemas {
        let mut schemas = Schemas::default();
        schemas.by_kind.insert(
            (api_version.to_string(), kind.to_string()),
            Schema::new(root),
        );
        schemas
    }
}

fn load_schema(root: &Path, file: &Path, api_version: &str, kind: &str) -> Result<Value, String> {
    if file.is_absolute() || file.components().any(|c| c.as_os_str() == "..") {
        return Err(format!(
            "schema `{}` must be inside the workshop folder",
            file.display()
        ));
    }
    let text = std::fs::read_to_string(root.join(file))
        .map_err(|err| format!("cannot read schema `{}`: {err}", file.display()))?;
    let documents = super::yaml::parse(&text).map_err(|err| {
        format!(
            "schema `{}` is not valid YAML: {}",
            file.display(),
            err.message
        )
    })?;
    let version = api_version.rsplit('/').next().unwrap_or(api_version);
    for document in documents {
        let value = document.value;
        if value["kind"] == "CustomResourceDefinition" {
            if value["spec"]["names"]["kind"] != kind {
                continue;
            }
            let versions = value["spec"]["versions"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            if let Some(found) = versions.iter().find(|v| v["name"] == version) {
                return Ok(found["schema"]["openAPIV3Schema"].clone());
            }
        } else if value.get("openAPIV3Schema").is_some() {
            return Ok(value["openAPIV3Schema"].clone());
        } else if value.get("type").is_some() || value.get("properties").is_some() {
            return Ok(value);
        }
    }
    Err(format!(
        "`{}` holds no schema for {kind} version {version}",
        file.display()
    ))
}

impl Schema {
    /// A schema whose `$ref`s point into its own `$defs` (or `definitions`).
    pub fn new(root: Value) -> Schema {
        Schema { root }
    }

    /// Every place `value` departs from the schema, plus a missing `metadata.name`.
    pub fn check(&self, value: &Value) -> Vec<Problem> {
        let mut problems = Vec::new();
        self.check_node(&self.root, value, String::new(), true, &mut problems);
        let named = ["name", "generateName"]
            .iter()
            .any(|k| value["metadata"][k].as_str().is_some_and(|s| !s.is_empty()));
        if !named && !problems.iter().any(|p| p.path == "metadata") {
            problems.push(
                Problem::new("metadata", "the object has no `metadata.name`")
                    .hint("every object needs a name: add `name: …` under metadata"),
            );
        }
        problems
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
            } else if let Some([only]) = schema["allOf"].as_array().map(Vec::as_slice) {
                schema = only;
            } else {
                break;
            }
        }
        schema
    }

    fn check_node(
        &self,
        schema: &Value,
        value: &Value,
        path: String,
        top: bool,
        problems: &mut Vec<Problem>,
    ) {
        let schema = self.resolve(schema);
        let shown = if path.is_empty() {
            "the object".to_string()
        } else {
            format!("`{path}`")
        };
        let mut problem = |message: String| problems.push(Problem::new(path.clone(), message));
        if value.is_null() {
            // An explicit null means "unset" to the API server.
            return;
        }
        if schema["x-kubernetes-int-or-string"] == true {
            if !(value.is_i64() || value.is_u64() || value.is_string()) {
                problem(format!("{shown} must be an integer or a string"));
            }
            return;
        }
        let expected = match &schema["type"] {
            Value::String(t) => Some(t.as_str()),
            Value::Array(types) => types
                .iter()
                .filter_map(Value::as_str)
                .find(|t| *t != "null"),
            _ => schema.get("properties").map(|_| "object"),
        };
        match expected {
            Some("object") => self.check_object(schema, value, path, top, problems),
            Some("array") => match value.as_array() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.check_node(
                            &schema["items"],
                            item,
                            format!("{path}[{i}]"),
                            false,
                            problems,
                        );
                    }
                }
                None => problem(format!("{shown} must be a list")),
            },
            Some("string") => match value.as_str() {
                Some(text) => {
                    if let Some(allowed) = schema["enum"].as_array()
                        && !allowed.iter().any(|a| a == text)
                    {
                        let list: Vec<String> = allowed.iter().map(|a| a.to_string()).collect();
                        problem(format!("{shown} must be one of {}", list.join(", ")));
                    }
                }
                None => problem(format!("{shown} must be a string, not {}", describe(value))),
            },
            Some("integer") => match value.as_i64() {
                Some(n) if schema["format"] == "int32" && i32::try_from(n).is_err() => {
                    problem(format!("{shown} is too large for a 32-bit integer"))
                }
                Some(_) => {}
                None if value.is_u64() => {}
                None => problem(format!(
                    "{shown} must be an integer, not {}",
                    describe(value)
                )),
            },
            Some("number") if !value.is_number() => {
                problem(format!("{shown} must be a number, not {}", describe(value)))
            }
            Some("boolean") if !value.is_boolean() => problem(format!(
                "{shown} must be true or false, not {}",
                describe(value)
            )),
            _ => {}
        }
    }

    fn check_object(
        &self,
        schema: &Value,
        value: &Value,
        path: String,
        top: bool,
        problems: &mut Vec<Problem>,
    ) {
        let Some(map) = value.as_object() else {
            let shown = if path.is_empty() {
                "the document".to_string()
            } else {
                format!("`{path}`")
            };
            problems.push(Problem::new(
                path.clone(),
                format!("{shown} must be a mapping, not {}", describe(value)),
            ));
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
                let at = if path.is_empty() {
                    required.to_string()
                } else {
                    format!("{path}.{required}")
                };
                problems.push(
                    Problem::new(path.clone(), format!("`{at}` is required but missing"))
                        .hint(format!("add `{required}:`")),
                );
            }
        }
        for (key, child) in map {
            let child_path = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            let implicit = top && matches!(key.as_str(), "apiVersion" | "kind" | "metadata");
            if let Some(child_schema) = properties.and_then(|p| p.get(key)) {
                self.check_node(child_schema, child, child_path, false, problems);
            } else if implicit {
                // Custom resource schemas often leave the envelope undeclared.
            } else if schema["additionalProperties"].is_object() {
                self.check_node(
                    &schema["additionalProperties"],
                    child,
                    child_path,
                    false,
                    problems,
                );
            } else if schema["additionalProperties"] == true
                || schema["x-kubernetes-preserve-unknown-fields"] == true
            {
            } else if properties.is_some() {
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
                problems.push(
                    Problem::new(child_path.clone(), format!("unknown field `{child_path}`"))
                        .hint(hint),
                );
            }
        }
    }
}

/// A value's type, for messages.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string \"{s}\""),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a mapping".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema() -> Schema {
        Schema::new(json!({
            "type": "object",
            "properties": {
                "spec": {
                    "type": "object",
                    "required": ["targetRef"],
                    "properties": {
                        "targetRef": {"type": "object", "properties": {"kind": {"type": "string"}, "name": {"type": "string"}}},
                        "updatePolicy": {"type": "object", "properties": {"updateMode": {"type": "string", "enum": ["Off", "Initial", "Recreate", "Auto"]}}},
                        "extra": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
                        "port": {"x-kubernetes-int-or-string": true}
                    }
                }
            }
        }))
    }

    #[test]
    fn a_matching_object_passes() {
        let value = json!({"apiVersion": "a/v1", "kind": "K", "metadata": {"name": "x"},
            "spec": {"targetRef": {"kind": "Deployment", "name": "web"}, "extra": {"anything": 1}, "port": "http"}});
        assert_eq!(schema().check(&value), vec![]);
    }

    #[test]
    fn unknown_fields_enums_and_required_fields_are_reported() {
        let value = json!({"metadata": {"name": "x"}, "spec": {"updatePolicy": {"updateMode": "Sometimes"}, "tagetRef": {}}});
        let problems = schema().check(&value);
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            ["spec", "spec.tagetRef", "spec.updatePolicy.updateMode"],
            "{problems:?}"
        );
        assert_eq!(
            problems[1].hint.as_deref(),
            Some("did you mean `targetRef`?")
        );
    }
}
