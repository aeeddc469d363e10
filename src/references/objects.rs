//! What the samples define, and the check of their references to each other
//! ([`super::dangling`]). Defined is what any YAML sample of the workshop holds or an imperative
//! command in a chapter or script creates (`kubectl create secret tls NAME`, `kubectl expose …`).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

/// A YAML sample's Kubernetes objects.
struct Sample {
    path: PathBuf,
    documents: Vec<Document>,
}

pub(super) fn check(
    project: &Project,
    workshop: &Workshop,
    sources: &[Source],
    diagnostics: &mut Diagnostics,
) {
    let samples = samples(project, workshop);
    let mut defined = Defined::default();
    for document in samples.iter().flat_map(|s| &s.documents) {
        define(&mut defined, &document.value);
    }
    for source in sources {
        define_by_commands(&mut defined, &source.text);
    }
    for sample in &samples {
        for document in &sample.documents {
            let mut found = Vec::new();
            super::dangling::references(&defined, &document.value, &mut found);
            for (path, message, hint) in found {
                diagnostics.push(
                    Diagnostic::warning(&sample.path, document.position(&path), message)
                        .with_hint(hint),
                );
            }
        }
    }
}

/// Every YAML file under `content/` that parses and is not a Helm template, with its objects.
fn samples(project: &Project, workshop: &Workshop) -> Vec<Sample> {
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
            let text = std::fs::read_to_string(project.root.join(&path)).ok()?;
            // A file that does not parse is reported by the sample checks already.
            let documents = yaml::parse(&text)
                .ok()?
                .into_iter()
                .filter(|d| d.value["kind"].is_string() && d.value["apiVersion"].is_string())
                .collect();
            Some(Sample { path, documents })
        })
        .collect()
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
