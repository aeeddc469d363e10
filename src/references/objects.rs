//! References between the samples' objects: a Service must select the Pods of some workload, an
//! Ingress or a route must lead to a Service (and port) and a Gateway that exist, a TLS Secret
//! must be created somewhere. "Somewhere" is any YAML sample of the workshop or an imperative
//! command in a chapter or script (`kubectl create secret tls NAME`, `kubectl expose …`).

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
type Key = (String, String);

/// What the workshop defines.
#[derive(Default)]
struct Defined {
    /// Services and their ports (`None`: created by a command, ports unknown).
    services: HashMap<Key, Option<Vec<(Option<String>, i64)>>>,
    /// Gateways and their listeners' names.
    gateways: HashMap<Key, Vec<String>>,
    secrets: HashSet<Key>,
    ingress_classes: HashSet<String>,
    gateway_classes: HashSet<String>,
    /// The labels of every Pod (template) and its namespace.
    pod_labels: Vec<(String, BTreeMap<String, String>)>,
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
            references(&defined, &document.value, &mut found);
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

fn text<'v>(value: &'v Value, pointer: &str) -> Option<&'v str> {
    value.pointer(pointer).and_then(Value::as_str)
}

fn namespace(object: &Value) -> String {
    text(object, "/metadata/namespace")
        .unwrap_or("default")
        .to_string()
}

fn group(object: &Value) -> &str {
    text(object, "/apiVersion")
        .and_then(|v| v.rsplit_once('/'))
        .map_or("", |(group, _)| group)
}

fn labels(value: Option<&Value>) -> BTreeMap<String, String> {
    value
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
        .collect()
}

/// Record what one object defines.
fn define(defined: &mut Defined, object: &Value) {
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
fn define_by_commands(defined: &mut Defined, text: &str) {
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

/// A problem: the field path it is about, the message and the hint.
type Found = (String, String, String);

/// The references of one object that lead nowhere.
fn references(defined: &Defined, object: &Value, found: &mut Vec<Found>) {
    let ns = namespace(object);
    let kind = text(object, "/kind").unwrap_or("");
    let name = text(object, "/metadata/name").unwrap_or("");
    match (group(object), kind) {
        ("", "Service") => service_selector(defined, object, &ns, name, found),
        ("networking.k8s.io", "Ingress") => ingress(defined, object, &ns, found),
        ("gateway.networking.k8s.io", "HTTPRoute" | "GRPCRoute") => {
            route(defined, object, &ns, found)
        }
        ("gateway.networking.k8s.io", "Gateway") => gateway(defined, object, &ns, found),
        _ => {}
    }
}

fn service_selector(
    defined: &Defined,
    object: &Value,
    ns: &str,
    name: &str,
    found: &mut Vec<Found>,
) {
    let selector = labels(object.pointer("/spec/selector"));
    if selector.is_empty() || text(object, "/spec/type") == Some("ExternalName") {
        return;
    }
    let selects = defined.pod_labels.iter().any(|(pod_ns, labels)| {
        pod_ns == ns && selector.iter().all(|(k, v)| labels.get(k) == Some(v))
    });
    if !selects {
        let wanted: Vec<String> = selector.iter().map(|(k, v)| format!("{k}={v}")).collect();
        found.push((
            "spec.selector".into(),
            format!("Service `{name}` selects no Pods: no sample in namespace `{ns}` has a Pod template labelled {}", wanted.join(", ")),
            "fix the selector or the labels, or add the workload's sample".into(),
        ));
    }
}

/// A reference to a Service port, by name or by number, from `at` (a field path).
fn service(defined: &Defined, key: Key, port: Option<&Value>, at: &str, found: &mut Vec<Found>) {
    let Some(ports) = defined.services.get(&key) else {
        found.push((
            format!("{at}.name"),
            format!(
                "Service `{}` is not defined by any sample (namespace `{}`)",
                key.1, key.0
            ),
            format!(
                "add a sample with the Service `{}`, or point at one that exists",
                key.1
            ),
        ));
        return;
    };
    let (Some(ports), Some(port)) = (ports, port) else {
        return;
    };
    let matches = match port {
        Value::String(name) => ports.iter().any(|(n, _)| n.as_deref() == Some(name)),
        Value::Number(n) => ports.iter().any(|(_, p)| Some(*p) == n.as_i64()),
        _ => true,
    };
    if !matches {
        let known: Vec<String> = ports
            .iter()
            .map(|(n, p)| n.as_ref().map_or(p.to_string(), |n| format!("{n} ({p})")))
            .collect();
        found.push((
            format!("{at}.port"),
            format!("Service `{}` has no port {port}", key.1),
            format!("its ports: {}", known.join(", ")),
        ));
    }
}

fn ingress(defined: &Defined, object: &Value, ns: &str, found: &mut Vec<Found>) {
    if let Some(class) = text(object, "/spec/ingressClassName")
        && !defined.ingress_classes.is_empty()
        && !defined.ingress_classes.contains(class)
    {
        let known: Vec<&str> = defined.ingress_classes.iter().map(String::as_str).collect();
        found.push((
            "spec.ingressClassName".into(),
            format!("IngressClass `{class}` is not defined by any sample"),
            format!("the samples define {}", known.join(", ")),
        ));
    }
    let mut backends = Vec::new();
    if let Some(backend) = object.pointer("/spec/defaultBackend/service") {
        backends.push(("spec.defaultBackend.service".to_string(), backend));
    }
    for (r, rule) in array(object, "/spec/rules") {
        for (p, path) in array(rule, "/http/paths") {
            if let Some(backend) = path.pointer("/backend/service") {
                backends.push((
                    format!("spec.rules[{r}].http.paths[{p}].backend.service"),
                    backend,
                ));
            }
        }
    }
    for (at, backend) in backends {
        if let Some(name) = backend["name"].as_str() {
            let port = backend
                .pointer("/port/name")
                .or(backend.pointer("/port/number"));
            service(
                defined,
                (ns.to_string(), name.to_string()),
                port,
                &at,
                found,
            );
        }
    }
    for (t, tls) in array(object, "/spec/tls") {
        if let Some(secret) = tls["secretName"].as_str() {
            secret_exists(
                defined,
                (ns.to_string(), secret.to_string()),
                &format!("spec.tls[{t}].secretName"),
                found,
            );
        }
    }
}

fn secret_exists(defined: &Defined, key: Key, at: &str, found: &mut Vec<Found>) {
    if !defined.secrets.contains(&key) {
        found.push((
            at.to_string(),
            format!("TLS Secret `{}` is not created by any sample or command (namespace `{}`)", key.1, key.0),
            "add a sample or script that creates it (`kubectl create secret tls NAME --cert=… --key=…`), or name one that exists".into(),
        ));
    }
}

fn route(defined: &Defined, object: &Value, ns: &str, found: &mut Vec<Found>) {
    for (i, parent) in array(object, "/spec/parentRefs") {
        let group = parent["group"]
            .as_str()
            .unwrap_or("gateway.networking.k8s.io");
        let kind = parent["kind"].as_str().unwrap_or("Gateway");
        let Some(name) = parent["name"].as_str() else {
            continue;
        };
        if (group, kind) != ("gateway.networking.k8s.io", "Gateway") {
            continue;
        }
        let key = (
            parent["namespace"].as_str().unwrap_or(ns).to_string(),
            name.to_string(),
        );
        let at = format!("spec.parentRefs[{i}]");
        match defined.gateways.get(&key) {
            None => found.push((
                format!("{at}.name"),
                format!("Gateway `{}` in namespace `{}` is not defined by any sample", key.1, key.0),
                "add the Gateway's sample, or attach the route to one that exists (mind `namespace`)".into(),
            )),
            Some(listeners) => {
                if let Some(section) = parent["sectionName"].as_str()
                    && !listeners.iter().any(|l| l == section)
                {
                    found.push((
                        format!("{at}.sectionName"),
                        format!("Gateway `{}` has no listener `{section}`", key.1),
                        format!("its listeners: {}", listeners.join(", ")),
                    ));
                }
            }
        }
    }
    for (r, rule) in array(object, "/spec/rules") {
        for (b, backend) in array(rule, "/backendRefs") {
            let group = backend["group"].as_str().unwrap_or("");
            let kind = backend["kind"].as_str().unwrap_or("Service");
            let Some(name) = backend["name"].as_str() else {
                continue;
            };
            if (group, kind) == ("", "Service") {
                let key = (
                    backend["namespace"].as_str().unwrap_or(ns).to_string(),
                    name.to_string(),
                );
                service(
                    defined,
                    key,
                    backend.get("port"),
                    &format!("spec.rules[{r}].backendRefs[{b}]"),
                    found,
                );
            }
        }
    }
}

fn gateway(defined: &Defined, object: &Value, ns: &str, found: &mut Vec<Found>) {
    if let Some(class) = text(object, "/spec/gatewayClassName")
        && !defined.gateway_classes.is_empty()
        && !defined.gateway_classes.contains(class)
    {
        let known: Vec<&str> = defined.gateway_classes.iter().map(String::as_str).collect();
        found.push((
            "spec.gatewayClassName".into(),
            format!("GatewayClass `{class}` is not defined by any sample"),
            format!("the samples define {}", known.join(", ")),
        ));
    }
    for (l, listener) in array(object, "/spec/listeners") {
        for (c, cert) in array(listener, "/tls/certificateRefs") {
            let kind = cert["kind"].as_str().unwrap_or("Secret");
            if let (Some(name), "Secret") = (cert["name"].as_str(), kind) {
                let key = (
                    cert["namespace"].as_str().unwrap_or(ns).to_string(),
                    name.to_string(),
                );
                secret_exists(
                    defined,
                    key,
                    &format!("spec.listeners[{l}].tls.certificateRefs[{c}].name"),
                    found,
                );
            }
        }
    }
}

/// The items of the array at `pointer`, with their indexes.
fn array<'v>(value: &'v Value, pointer: &str) -> impl Iterator<Item = (usize, &'v Value)> {
    value
        .pointer(pointer)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn problems(objects: &[Value], commands: &str) -> Vec<(String, String)> {
        let mut defined = Defined::default();
        for object in objects {
            define(&mut defined, object);
        }
        define_by_commands(&mut defined, commands);
        let mut found = Vec::new();
        for object in objects {
            references(&defined, object, &mut found);
        }
        found
            .into_iter()
            .map(|(path, message, _)| (path, message))
            .collect()
    }

    fn deployment(label: &str) -> Value {
        json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": label},
            "spec": {"template": {"metadata": {"labels": {"app": label}}}}})
    }

    fn service(name: &str, app: &str) -> Value {
        json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": name},
            "spec": {"selector": {"app": app}, "ports": [{"name": "http", "port": 80}]}})
    }

    #[test]
    fn a_service_must_select_some_pods_in_its_namespace() {
        assert_eq!(
            problems(&[deployment("web"), service("web", "web")], ""),
            []
        );
        let found = problems(&[deployment("web"), service("web", "wbe")], "");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "spec.selector");
        // Pods made by a command count.
        assert_eq!(
            problems(
                &[service("c", "catalog")],
                "kubectl create deployment catalog --image=x"
            ),
            []
        );
    }

    #[test]
    fn ingress_backends_ports_classes_and_tls_secrets_are_checked() {
        let ingress = json!({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "i"},
            "spec": {"ingressClassName": "nginx", "tls": [{"secretName": "shop-tls"}],
                "rules": [{"http": {"paths": [
                    {"backend": {"service": {"name": "web", "port": {"name": "http"}}}},
                    {"backend": {"service": {"name": "web", "port": {"number": 8080}}}},
                    {"backend": {"service": {"name": "gone", "port": {"number": 80}}}}]}}]}});
        let class = json!({"apiVersion": "networking.k8s.io/v1", "kind": "IngressClass", "metadata": {"name": "traefik"}});
        let found = problems(
            &[
                deployment("web"),
                service("web", "web"),
                ingress.clone(),
                class,
            ],
            "",
        );
        let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "spec.ingressClassName",
                "spec.rules[0].http.paths[1].backend.service.port",
                "spec.rules[0].http.paths[2].backend.service.name",
                "spec.tls[0].secretName"
            ],
            "{found:?}"
        );
        // Without any IngressClass among the samples, the class is the cluster's business; a
        // Secret made by a command counts.
        let found = problems(
            &[deployment("web"), service("web", "web"), ingress],
            "`kubectl create secret tls shop-tls --cert=a --key=b`",
        );
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn routes_need_their_gateway_listener_and_service() {
        let gateway = json!({"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway",
            "metadata": {"name": "public", "namespace": "infra"},
            "spec": {"gatewayClassName": "x", "listeners": [{"name": "web", "port": 8000, "protocol": "HTTP"}]}});
        let route = |namespace: Option<&str>, section: &str, port: i64| {
            json!({"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": {"name": "r"},
                "spec": {"parentRefs": [{"name": "public", "namespace": namespace, "sectionName": section}],
                    "rules": [{"backendRefs": [{"name": "web", "port": port}]}]}})
        };
        let base = [deployment("web"), service("web", "web"), gateway];
        let good = [&base[..], &[route(Some("infra"), "web", 80)]].concat();
        assert_eq!(problems(&good, ""), []);
        let bad = [&base[..], &[route(None, "web", 81)]].concat();
        let paths: Vec<String> = problems(&bad, "").into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            paths,
            [
                "spec.parentRefs[0].name",
                "spec.rules[0].backendRefs[0].port"
            ]
        );
        let wrong_listener = [&base[..], &[route(Some("infra"), "https", 80)]].concat();
        assert_eq!(
            problems(&wrong_listener, "")[0].0,
            "spec.parentRefs[0].sectionName"
        );
    }
}
