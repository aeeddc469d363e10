//! Schemas of custom resources: from `[samples.schemas]` in workshop.toml (a
//! CustomResourceDefinition manifest, or its `openAPIV3Schema` alone, per `group/version/Kind`),
//! and from every CustomResourceDefinition among the workshop's own samples, so that a workshop
//! that ships a CRD has its custom resources checked with no configuration.

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::schema::Schema;
use crate::config::{CONFIG_FILE, key_position};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::project::Project;

/// A custom resource's schema and the file it came from.
#[derive(Debug, Clone)]
pub struct Source {
    pub schema: Arc<Schema>,
    pub file: PathBuf,
}

#[derive(Debug, Default)]
pub struct Schemas {
    by_kind: HashMap<(String, String), Source>,
    /// Declared in workshop.toml: they win over a CRD found among the samples.
    declared: Vec<(String, String)>,
}

impl Schemas {
    /// Read the schemas workshop.toml declares; problems are reported on workshop.toml.
    pub fn load(project: &Project, diagnostics: &mut Diagnostics) -> Schemas {
        let mut schemas = Schemas::default();
        if project.config.samples.schemas.is_empty() {
            return schemas;
        }
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
            let limit = project.config.limits.sample_bytes();
            match load_declared(&project.root, Path::new(file), limit, api_version, kind) {
                Ok(root) => {
                    let id = (api_version.to_string(), kind.to_string());
                    schemas.declared.push(id.clone());
                    schemas.by_kind.insert(
                        id,
                        Source {
                            schema: Arc::new(Schema::new(root)),
                            file: PathBuf::from(file),
                        },
                    );
                }
                Err(message) => diagnostics.push(Diagnostic::error(CONFIG_FILE, at, message)
                    .with_hint("point to a CustomResourceDefinition manifest or an OpenAPI v3 schema, relative to the workshop folder")),
            }
        }
        schemas
    }

    /// Take the schemas of a CustomResourceDefinition found in sample `file`, for each of its
    /// versions, unless workshop.toml declares one for the same kind.
    pub fn add_definition(&mut self, file: &Path, crd: &Value) {
        for (api_version, kind, root) in definition_schemas(crd) {
            let id = (api_version, kind);
            if self.declared.contains(&id) {
                continue;
            }
            self.by_kind.entry(id).or_insert_with(|| Source {
                schema: Arc::new(Schema::new(root)),
                file: file.to_path_buf(),
            });
        }
    }

    pub fn get(&self, api_version: &str, kind: &str) -> Option<&Source> {
        self.by_kind
            .get(&(api_version.to_string(), kind.to_string()))
    }

    /// A set holding one schema, for tests and tools.
    pub fn with(api_version: &str, kind: &str, root: Value) -> Schemas {
        let mut schemas = Schemas::default();
        schemas.by_kind.insert(
            (api_version.to_string(), kind.to_string()),
            Source {
                schema: Arc::new(Schema::new(root)),
                file: PathBuf::from("(test)"),
            },
        );
        schemas
    }
}

/// `(apiVersion, kind, openAPIV3Schema)` for each version a CRD serves a schema for
/// (apiextensions.k8s.io/v1 `spec.versions[].schema`, or v1beta1's `spec.validation`).
pub fn definition_schemas(crd: &Value) -> Vec<(String, String, Value)> {
    let spec = &crd["spec"];
    let (Some(group), Some(kind)) = (spec["group"].as_str(), spec["names"]["kind"].as_str()) else {
        return Vec::new();
    };
    let shared = &spec["validation"]["openAPIV3Schema"];
    let mut out = Vec::new();
    let versions = spec["versions"].as_array().cloned().unwrap_or_default();
    for version in &versions {
        let Some(name) = version["name"].as_str() else {
            continue;
        };
        let schema = match &version["schema"]["openAPIV3Schema"] {
            Value::Object(_) => version["schema"]["openAPIV3Schema"].clone(),
            _ if shared.is_object() => shared.clone(),
            _ => continue,
        };
        out.push((format!("{group}/{name}"), kind.to_string(), schema));
    }
    if versions.is_empty()
        && let (Some(version), true) = (spec["version"].as_str(), shared.is_object())
    {
        out.push((
            format!("{group}/{version}"),
            kind.to_string(),
            shared.clone(),
        ));
    }
    out
}

pub fn is_definition(value: &Value) -> bool {
    value["kind"] == "CustomResourceDefinition"
        && value["apiVersion"]
            .as_str()
            .is_some_and(|v| v.starts_with("apiextensions.k8s.io/"))
}

fn load_declared(
    root: &Path,
    file: &Path,
    limit: u64,
    api_version: &str,
    kind: &str,
) -> Result<Value, String> {
    if file.is_absolute() || file.components().any(|c| c.as_os_str() == "..") {
        return Err(format!(
            "schema `{}` must be inside the workshop folder",
            file.display()
        ));
    }
    // Through files::read like every workshop file: a schema that is a FIFO must not hang.
    let bytes = crate::files::read(&root.join(file), limit)
        .map_err(|err| format!("cannot read schema `{}`: {err}", file.display()))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        format!(
            "cannot read schema `{}`: it is not UTF-8 text",
            file.display()
        )
    })?;
    let parsed = super::yaml::parse(&text);
    if let Some(err) = parsed.errors.first() {
        return Err(format!(
            "schema `{}` is not valid YAML: {} (line {}, column {})",
            file.display(),
            err.message,
            err.pos.line,
            err.pos.col
        ));
    }
    let version = api_version.rsplit('/').next().unwrap_or(api_version);
    for document in parsed.documents {
        let value = document.value;
        if is_definition(&value) {
            if let Some((_, _, schema)) = definition_schemas(&value)
                .into_iter()
                .find(|(v, k, _)| v == api_version && k == kind)
            {
                return Ok(schema);
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
