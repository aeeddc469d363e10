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
mod problem;
pub mod recognise;
pub mod rules;
pub mod schema;
pub mod yaml;

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::content::{CONTENT_DIR, Workshop};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos, Severity};
use crate::project::Project;
pub use cache::SampleCache;
pub use problem::Problem;

/// Kubernetes versions whose API deckhand carries.
pub const SUPPORTED_KUBERNETES_VERSIONS: &[&str] = &["1.37"];

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
        match read_sample(&project.root, &file) {
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

fn read_sample(root: &Path, file: &Path) -> Result<String, Diagnostic> {
    match std::fs::read(root.join(file)) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
            Diagnostic::error(file, Pos::new(1, 1), "the sample is not UTF-8 text")
                .with_hint("save it as UTF-8")
        }),
        Err(err) => Err(Diagnostic::error(
            file,
            Pos::FILE,
            format!("cannot read the sample: {err}"),
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
        check_document(file, document, context, &mut found, &mut objects);
    }
    for problem in rules::across_documents(&objects) {
        let document = objects[problem.object].document;
        push_problem(
            file,
            document,
            &objects[problem.object].kind,
            problem.problem,
            &mut found,
        );
    }
    found
}

/// An API object of a file, for the rules that look at several objects at once.
pub struct Object<'a> {
    pub document: &'a yaml::Document,
    /// Where the object sits in the document: "" or `items[3]` in a List.
    pub prefix: String,
    pub value: &'a Value,
    pub kind: String,
}

fn check_document<'a>(
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

fn push_problem(
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

/// Helm's `Chart.yaml` has an `apiVersion` (the chart API) but no `kind`.
fn is_chart_metadata(file: &Path) -> bool {
    file.file_name().is_some_and(|n| n == "Chart.yaml")
}
