//! References that lead nowhere: a Service must select the Pods of some workload, an Ingress or
//! a route must lead to a Service (and port) and a Gateway that exist, a TLS Secret must be
//! created somewhere.

use serde_json::Value;

use super::objects::{Defined, Key, group, labels, namespace, text};

/// A problem: the field path it is about, the message and the hint.
pub(super) type Found = (String, String, String);

/// The references of one object that lead nowhere.
pub(super) fn references(defined: &Defined, object: &Value, found: &mut Vec<Found>) {
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
    use crate::references::objects::{define, define_by_commands};
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
