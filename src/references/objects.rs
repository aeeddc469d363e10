//! What the samples define, and the check of their references to each other
//! ([`super::dangling`]). Defined is what any YAML sample of the workshop holds or an imperative
//! command in a chapter or script creates (`kubectl create secret tls NAME`, `kubectl expose …`).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde_json::Value;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

use super::Source;
use super::commands::kubectl_commands;
use crate::content::{CONTENT_DIR, Workshop};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::project::Project;
use crate::validate::yaml::{self, Document};

/// A namespaced name; objects without a namespace count as `default`, where kubectl puts them.
pub(super) type Key = (String, String);

/// A Service's ports: name (if any) and number.
pub(super) type Ports = Vec<(Option<String>, i64)>;

/// What the workshop defines.
#[derive(Default)]
pub(super) struct Defined {
    /// Services and their ports (`None`: created by a command, ports unknown).
    pub services: HashMap<Key, Option<Ports>>,
    /// Gateways and their listeners' names.
    pub gateways: HashMap<Key, Vec<String>>,
    pub secrets: HashSet<Key>,
    pub ingress_classes: HashSet<String>,
    pub gateway_classes: HashSet<String>,
    /// The labels of every Pod (template) and its namespace.
    pub pod_labels: Vec<(String, BTreeMap<String, String>)>,
}

/// A YAML sample as text, with the kinds of its top-level objects (found by a line scan).
struct SampleText {
    path: PathBuf,
    text: String,
    kinds: Vec<String>,
}

/// Kinds that refer to other objects or that are referred to by name: always read.
const NAMED: [&str; 10] = [
    "Service",
    "Ingress",
    "HTTPRoute",
    "GRPCRoute",
    "Gateway",
    "GatewayClass",
    "IngressClass",
    "Secret",
    "SealedSecret",
    "ExternalSecret",
];

/// Kinds whose only part here is their Pods' labels: read when some Service may select them.
const WORKLOADS: [&str; 7] = [
    "Pod",
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "ReplicaSet",
    "Job",
    "CronJob",
];

pub(super) fn check(
    project: &Project,
    workshop: &Workshop,
    sources: &[Source],
    diagnostics: &mut Diagnostics,
) {
    // Parsing YAML is the expensive part, and most samples are workloads that matter only if a
    // Service selects them: parse the files with named kinds, then only the workload files whose
    // text holds every value of some selector.
    let texts = sample_texts(project, workshop);
    let has = |t: &SampleText, kinds: &[&str]| t.kinds.iter().any(|k| kinds.contains(&k.as_str()));
    let mut defined = Defined::default();
    let mut named = Vec::new();
    for text in texts.iter().filter(|t| has(t, &NAMED)) {
        let documents = parsed(&project.root.join(&text.path), &text.text);
        for document in documents.iter() {
            define(&mut defined, &document.value);
        }
        named.push((text, documents));
    }
    for source in sources {
        define_by_commands(&mut defined, &source.text);
    }
    let selectors: Vec<BTreeMap<String, String>> = named
        .iter()
        .flat_map(|(_, documents)| documents.iter())
        .filter(|d| d.value["kind"] == "Service")
        .map(|d| labels(d.value.pointer("/spec/selector")))
        .filter(|s| !s.is_empty())
        .collect();
    for text in texts
        .iter()
        .filter(|t| !has(t, &NAMED) && has(t, &WORKLOADS))
    {
        let may_match = selectors
            .iter()
            .any(|s| s.values().all(|v| text.text.contains(v.as_str())));
        if may_match {
            for document in parsed(&project.root.join(&text.path), &text.text).iter() {
                define(&mut defined, &document.value);
            }
        }
    }
    for (text, documents) in &named {
        for document in documents.iter() {
            let mut found = Vec::new();
            super::dangling::references(&defined, &document.value, &mut found);
            for (path, message, hint) in found {
                diagnostics.push(
                    Diagnostic::warning(&text.path, document.position(&path), message)
                        .with_hint(hint),
                );
            }
        }
    }
}

/// Every YAML file under `content/` that is not a Helm template, with its top-level kinds.
fn sample_texts(project: &Project, workshop: &Workshop) -> Vec<SampleText> {
    workshop
        .assets()
        .iter()
        .filter(|a| {
            a.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
        })
        .map(|a| Path::new(CONTENT_DIR).join(a))
        .filter(|path| !crate::validate::is_helm_template(&project.root, path))
        .filter_map(|path| {
            let text = crate::files::read_text(
                &project.root.join(&path),
                project.config.limits.sample_bytes(),
            )?;
            // Top-level keys start at the first column, nested `kind:` fields do not.
            let kinds = text
                .lines()
                .filter_map(|l| l.strip_prefix("kind:"))
                .map(|k| {
                    k.split('#')
                        .next()
                        .unwrap_or("")
                        .trim()
                        .trim_matches(['"', '\''])
                        .to_string()
                })
                .collect();
            Some(SampleText { path, text, kinds })
        })
        .collect()
}

/// Parsed documents by file, reused while the text is unchanged: `deckhand serve` runs these
/// checks on every edit, and parsing every sample each time would cost more than the edit.
static PARSED: LazyLock<Mutex<HashMap<PathBuf, Parsed>>> = LazyLock::new(Default::default);

/// A file's text hash and its objects.
type Parsed = (u64, Arc<Vec<Document>>);

/// The Kubernetes objects of a file (none when it does not parse: the sample checks report that).
fn parsed(file: &Path, text: &str) -> Arc<Vec<Document>> {
    let mut hasher = std::hash::DefaultHasher::new();
    text.hash(&mut hasher);
    let hash = hasher.finish();
    let mut cache = PARSED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((known, documents)) = cache.get(file)
        && *known == hash
    {
        return documents.clone();
    }
    let documents: Arc<Vec<Document>> = Arc::new(
        // Syntax errors are reported by the sample checks already; the documents that do
        // parse still define objects.
        yaml::parse(text)
            .documents
            .into_iter()
            .filter(|d| d.value["kind"].is_string() && d.value["apiVersion"].is_string())
            .collect(),
    );
    // Many workshops in one process (tests, a long serve session with renames) stay bounded.
    if cache.len() > 4096 {
        cache.clear();
    }
    cache.insert(file.to_path_buf(), (hash, documents.clone()));
    documents
}

pub(super) fn text<'v>(value: &'v Value, pointer: &str) -> Option<&'v str> {
    value.pointer(pointer).and_then(Value::as_str)
}

pub(super) fn namespace(object: &Value) -> String {
    text(object, "/metadata/namespace")
        .unwrap_or("default")
        .to_string()
}

pub(super) fn group(object: &Value) -> &str {
    text(object, "/apiVersion")
        .and_then(|v| v.rsplit_once('/'))
        .map_or("", |(group, _)| group)
}

pub(super) fn labels(value: Option<&Value>) -> BTreeMap<String, String> {
    value
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
        .collect()
}

/// Record what one object defines.
pub(super) fn define(defined: &mut Defined, object: &Value) {
    let Some(name) = text(object, "/metadata/name") else {
        return;
    };
    let key = (namespace(object), name.to_string());
    let kind = text(object, "/kind").unwrap_or("");
    match (group(object), kind) {
        ("", "Service") => {
            let ports = object
                .pointer("/spec/ports")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|p| {
                    let name = p["name"].as_str().map(str::to_string);
                    Some((name, p["port"].as_i64()?))
                })
                .collect();
            defined.services.insert(key, Some(ports));
        }
        ("", "Secret") => {
            defined.secrets.insert(key);
        }
        ("", "Pod") => defined
            .pod_labels
            .push((key.0, labels(object.pointer("/metadata/labels")))),
        ("apps", "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet") | ("batch", "Job") => {
            defined.pod_labels.push((
                key.0,
                labels(object.pointer("/spec/template/metadata/labels")),
            ))
        }
        ("batch", "CronJob") => defined.pod_labels.push((
            key.0,
            labels(object.pointer("/spec/jobTemplate/spec/template/metadata/labels")),
        )),
        ("networking.k8s.io", "IngressClass") => {
            defined.ingress_classes.insert(name.to_string());
        }
        ("gateway.networking.k8s.io", "GatewayClass") => {
            defined.gateway_classes.insert(name.to_string());
        }
        ("gateway.networking.k8s.io", "Gateway") => {
            let listeners = object
                .pointer("/spec/listeners")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|l| l["name"].as_str().map(str::to_string))
                .collect();
            defined.gateways.insert(key, listeners);
        }
        // A SealedSecret or an ExternalSecret turns into a Secret of the same name.
        ("bitnami.com", "SealedSecret") | ("external-secrets.io", "ExternalSecret") => {
            defined.secrets.insert(key);
        }
        _ => {}
    }
}

/// Record what `kubectl create …`, `kubectl expose …` and `kubectl run …` commands create.
pub(super) fn define_by_commands(defined: &mut Defined, text: &str) {
    const WITH_VALUES: [&str; 10] = [
        "-n",
        "--namespace",
        "--image",
        "--port",
        "--name",
        "-l",
        "--labels",
        "--cert",
        "--key",
        "--from-literal",
    ];
    for command in kubectl_commands(text) {
        let namespace = command
            .option(&["-n", "--namespace"])
            .unwrap_or_else(|| "default".into());
        let words: Vec<&str> = command
            .positionals(&WITH_VALUES)
            .into_iter()
            .map(|w| w.text.as_str())
            .collect();
        match words.as_slice() {
            ["create", "secret", _, name, ..] => {
                defined.secrets.insert((namespace, name.to_string()));
            }
            ["create", "deployment", name, ..] => defined.pod_labels.push((
                namespace,
                BTreeMap::from([("app".to_string(), name.to_string())]),
            )),
            ["expose", _, name, ..] => {
                let service = command.option(&["--name"]).unwrap_or(name.to_string());
                defined.services.insert((namespace, service), None);
            }
            ["create", "service", _, name, ..] => {
                defined.services.insert((namespace, name.to_string()), None);
            }
            ["run", name, ..] => {
                let labels = match command.option(&["-l", "--labels"]) {
                    Some(list) => list
                        .split(',')
                        .filter_map(|kv| kv.split_once('='))
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect(),
                    None => BTreeMap::from([("run".to_string(), name.to_string())]),
                };
                defined.pod_labels.push((namespace, labels));
            }
            _ => {}
        }
    }
}
