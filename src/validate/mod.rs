//! Checks of YAML samples: every YAML file the workshop publishes or includes is parsed (all
//! its documents), and every Kubernetes object in it (a document with `apiVersion` and `kind`)
//! is checked the way the API server of the configured Kubernetes version would check it: its
//! schema ([`kubernetes`] for built-in kinds, [`crds`] for custom resources) and the rules of
//! the API server's validation code ([`rules`]).
//!
//! YAML that is not an API object is recognised first ([`recognise`]): configuration files of
//! tools (kustomize, kind, kubeadm…), kustomize patches and templates (Helm, ytt, placeholder
//! files) are parsed when they are YAML, named in `check --verbose`, and not checked against
//! the API.

mod cache;
pub mod crds;
mod enums;
pub mod kubernetes;
mod objects;
mod problem;
pub mod recognise;
pub mod rules;
pub mod schema;
pub mod yaml;

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::content::{CONTENT_DIR, Workshop};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::project::Project;
pub use cache::SampleCache;
pub use objects::Object;
pub use problem::Problem;
pub(crate) use recognise::is_helm_template;

pub use crate::config::SUPPORTED_KUBERNETES_VERSIONS;

/// Something `check --verbose` says about a sample that is not a problem: YAML recognised as
/// something else than an API object, or a check that was not done.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Note {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl Note {
    fn new(path: &Path, pos: Pos, message: impl Into<String>) -> Note {
        Note {
            path: path.to_path_buf(),
            line: pos.line,
            col: pos.col,
            message: message.into(),
        }
    }

    /// `path:line:col: note: message`, the path relative to `base` as in diagnostics.
    pub fn render(&self, base: &Path) -> String {
        let shown = crate::diagnostics::display_path(base, &self.path);
        format!("{shown}:{}:{}: note: {}", self.line, self.col, self.message)
    }
}

/// What checking one file found.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Found {
    pub diagnostics: Diagnostics,
    pub notes: Vec<Note>,
}

/// What the checks of one file depend on besides its text.
pub struct Context<'a> {
    pub root: &'a Path,
    pub schemas: &'a crds::Schemas,
    pub patches: &'a recognise::Patches,
}

/// Parse every YAML sample and check the Kubernetes objects in it.
pub fn validate_samples(
    project: &Project,
    workshop: &Workshop,
    cache: &SampleCache,
) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    let mut schemas = crds::Schemas::load(project, &mut diagnostics);
    let mut patches = recognise::Patches::default();
    let mut texts = Vec::new();
    for file in yaml_files(workshop) {
        match read_sample(project, &file) {
            Ok(text) => texts.push((file, text)),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    // First what other files' checks depend on: the CRDs and the kustomizations.
    let mut context_hash = xxhash_rust::xxh3::Xxh3::new();
    for (file, text) in &texts {
        let defines = text.contains("CustomResourceDefinition");
        let kustomizes = text.contains("kustomize.config.k8s.io")
            || recognise::is_kustomization(file, &Value::Null);
        if !(defines || kustomizes) {
            continue;
        }
        context_hash.update(file.as_os_str().as_encoded_bytes());
        context_hash.update(text.as_bytes());
        for document in yaml::parse(text).documents {
            if crds::is_definition(&document.value) {
                schemas.add_definition(file, &document.value);
            } else if recognise::is_kustomization(file, &document.value) {
                patches.add_kustomization(file, &document.value);
            }
        }
    }
    let context = Context {
        root: &project.root,
        schemas: &schemas,
        patches: &patches,
    };
    let mut notes = Vec::new();
    for (file, text) in &texts {
        let found = cache.get_or_check(file, text, context_hash.digest128(), || {
            validate_file(file, text, &context)
        });
        diagnostics.extend(found.diagnostics);
        notes.extend(found.notes);
    }
    cache.set_notes(notes);
    diagnostics
}

fn read_sample(project: &Project, file: &Path) -> Result<String, Diagnostic> {
    // Only a regular file, within `[limits] sample_mb`: a pipe would hang the check.
    match crate::files::read(
        &project.root.join(file),
        project.config.limits.sample_bytes(),
    ) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
            Diagnostic::error(file, Pos::new(1, 1), "the sample is not UTF-8 text")
                .with_hint("save it as UTF-8")
        }),
        Err(err) => Err(crate::content::discover::read_error(
            file,
            err,
            "samples",
            "sample_mb",
        )),
    }
}

/// Check one YAML file's text; `file` (relative to the workshop) is used in messages.
pub fn validate_file(file: &Path, text: &str, context: &Context<'_>) -> Found {
    let mut found = Found::default();
    let template = recognise::template_kind(context.root, file, text);
    if template == Some("a Helm chart template") {
        found.notes.push(Note::new(
            file,
            Pos::new(1, 1),
            "a Helm chart template: not YAML until Helm renders it, so not checked",
        ));
        return found;
    }
    let parsed = yaml::parse(text);
    if !parsed.errors.is_empty() && template.is_none() && recognise::has_template_syntax(text) {
        found.notes.push(Note::new(
            file,
            parsed.errors[0].pos,
            "a template (Go-template, Jinja or envsubst placeholders) that is not YAML until rendered: not checked",
        ));
        return found;
    }
    for error in &parsed.errors {
        found.diagnostics.push(
            Diagnostic::error(file, error.pos, format!("invalid YAML: {}", error.message))
                .with_hint(if error.message.starts_with("duplicate key") {
                    "kubectl refuses a mapping with the same key twice: remove or rename one"
                } else {
                    "check the indentation and quoting around this position"
                }),
        );
    }
    if let Some(what) = template {
        found.notes.push(Note::new(
            file,
            Pos::new(1, 1),
            format!("{what}: parsed, but not checked against the Kubernetes API until rendered"),
        ));
        return found;
    }
    if let Some(kustomization) = context.patches.kustomization_of(file) {
        found.notes.push(Note::new(
            file,
            Pos::new(1, 1),
            format!(
                "a kustomize patch (listed in {}): parsed, but not checked as a whole object",
                kustomization.display()
            ),
        ));
        return found;
    }
    if recognise::has_template_syntax(text) {
        found.notes.push(Note::new(
            file,
            Pos::new(1, 1),
            "holds template placeholders (`{{ }}`, `${ }`): the fields holding them are checked once rendered, the rest now",
        ));
    }
    let mut objects = Vec::new();
    for document in &parsed.documents {
        objects::check_document(file, document, context, &mut found, &mut objects);
    }
    for problem in rules::across_documents(&objects) {
        let document = objects[problem.object].document;
        objects::push_problem(
            file,
            document,
            &objects[problem.object].kind,
            problem.problem,
            &mut found,
        );
    }
    found
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
