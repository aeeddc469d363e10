//! Checks of YAML samples: every YAML file the workshop publishes or includes is parsed (all
//! its documents), and every Kubernetes object in it (a document with `apiVersion` and `kind`)
//! is checked against the API of the configured Kubernetes version ([`kubernetes`]) or, for
//! custom resources, against a schema the workshop declares ([`schema`]).
//!
//! Helm chart templates (files under a chart's `templates/`) are not YAML until rendered, so they
//! are recognised and skipped; the chart's `Chart.yaml` and `values.yaml` are parsed.

mod cache;
pub mod kubernetes;
pub mod schema;
pub mod yaml;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::content::{CONTENT_DIR, Workshop};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::project::Project;
pub use cache::SampleCache;

/// Kubernetes versions whose API deckhand carries.
pub const SUPPORTED_KUBERNETES_VERSIONS: &[&str] = &["1.37"];

/// Parse every YAML sample and check the Kubernetes objects in it.
pub fn validate_samples(
    project: &Project,
    workshop: &Workshop,
    cache: &SampleCache,
) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    let schemas = schema::Schemas::load(project, &mut diagnostics);
    for file in yaml_files(workshop) {
        if is_helm_template(&project.root, &file) {
            continue;
        }
        // Only a regular file, within `[limits] sample_mb`: a pipe would hang the check.
        let text = match crate::files::read(
            &project.root.join(&file),
            project.config.limits.sample_bytes(),
        ) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(_) => {
                    diagnostics.push(
                        Diagnostic::error(&file, Pos::new(1, 1), "the sample is not UTF-8 text")
                            .with_hint("save it as UTF-8"),
                    );
                    continue;
                }
            },
            Err(err) => {
                diagnostics.push(crate::content::discover::read_error(
                    &file,
                    err,
                    "samples",
                    "sample_mb",
                ));
                continue;
            }
        };
        diagnostics
            .extend(cache.get_or_check(&file, &text, || validate_file(&file, &text, &schemas)));
    }
    diagnostics
}

/// Check one YAML file's text; `file` (relative to the workshop) is used in messages.
pub fn validate_file(file: &Path, text: &str, schemas: &schema::Schemas) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    let documents = match yaml::parse(text) {
        Ok(documents) => documents,
        Err(err) => {
            diagnostics.push(
                Diagnostic::error(file, err.pos, format!("invalid YAML: {}", err.message))
                    .with_hint("check the indentation and quoting around this position"),
            );
            return diagnostics;
        }
    };
    for document in documents {
        let api_version = document.value.get("apiVersion");
        let kind = document.value.get("kind");
        let (api_version, kind) = match (api_version, kind) {
            (None, None) => continue, // plain YAML data (values.yaml, a kustomization without kind…)
            (Some(serde_json::Value::String(v)), Some(serde_json::Value::String(k))) => {
                (v.clone(), k.clone())
            }
            (None, Some(_)) => {
                diagnostics.push(
                    Diagnostic::error(
                        file,
                        document.position("kind"),
                        "the object has a `kind` but no `apiVersion`",
                    )
                    .with_hint("add `apiVersion:`, e.g. `apiVersion: v1` for a Pod"),
                );
                continue;
            }
            (Some(_), None) if is_chart_metadata(file) => continue,
            (Some(_), None) => {
                diagnostics.push(
                    Diagnostic::error(
                        file,
                        document.position("apiVersion"),
                        "the object has an `apiVersion` but no `kind`",
                    )
                    .with_hint("add `kind:`, e.g. `kind: Deployment`"),
                );
                continue;
            }
            _ => {
                diagnostics.push(Diagnostic::error(
                    file,
                    document.position("apiVersion"),
                    "`apiVersion` and `kind` must be strings",
                ));
                continue;
            }
        };
        let problems = match schemas.get(&api_version, &kind) {
            Some(schema) if !kubernetes::is_known(&api_version, &kind) => {
                schema.check(&document.value)
            }
            _ => kubernetes::check(&api_version, &kind, &document.value).1,
        };
        for problem in problems {
            let mut diagnostic = Diagnostic::error(
                file,
                document.position(&problem.path),
                format!("{kind}: {}", problem.message),
            );
            if let Some(hint) = problem.hint {
                diagnostic = diagnostic.with_hint(hint);
            }
            diagnostics.push(diagnostic);
        }
    }
    diagnostics
}

/// YAML files under `content/` and YAML files included from elsewhere, relative to the workshop.
fn yaml_files(workshop: &Workshop) -> BTreeSet<PathBuf> {
    let is_yaml = |p: &Path| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
    };
    let mut files: BTreeSet<PathBuf> = workshop
        .assets()
        .iter()
        .filter(|a| is_yaml(a))
        .map(|a| Path::new(CONTENT_DIR).join(a))
        .collect();
    for chapter in &workshop.chapters {
        files.extend(chapter.includes.iter().filter(|p| is_yaml(p)).cloned());
    }
    files
}

/// A file inside the `templates/` folder of a Helm chart (a folder holding `Chart.yaml`).
pub(crate) fn is_helm_template(root: &Path, file: &Path) -> bool {
    let mut dir = file.parent();
    let mut inside_templates = false;
    while let Some(current) = dir {
        if current.file_name().is_some_and(|n| n == "templates") {
            inside_templates = true;
        } else if inside_templates && root.join(current).join("Chart.yaml").is_file() {
            return true;
        }
        dir = current.parent();
    }
    false
}

/// Helm's `Chart.yaml` has an `apiVersion` (the chart API) but no `kind`.
fn is_chart_metadata(file: &Path) -> bool {
    file.file_name().is_some_and(|n| n == "Chart.yaml")
}
