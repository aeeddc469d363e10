//! Services (`ValidateService` in kubernetes `pkg/apis/core/validation/validation.go`): ports in
//! range and named when there are several, names unique and DNS-1123 labels, target ports, node
//! ports only where they mean something; and, across the objects of one file, a named
//! `targetPort` that no container of the workloads the Service selects declares.

use serde_json::Value;
use std::collections::HashSet;

use super::super::Object;
use super::super::problem::{Problem, child};
use super::super::recognise::has_placeholder;
use super::{ObjectProblem, metadata, names, pods, workloads};

pub fn check(value: &Value, problems: &mut Vec<Problem>) {
    let spec = &value["spec"];
    metadata::labels("spec.selector", &spec["selector"], problems);
    let service_type = spec["type"].as_str().unwrap_or("ClusterIP");
    let ports = spec["ports"].as_array().map_or(&[][..], Vec::as_slice);
    let headless = spec["clusterIP"] == "None";
    if ports.is_empty() && service_type != "ExternalName" && !headless {
        problems.push(
            Problem::new(
                "spec.ports",
                "a Service needs at least one port (unless it is headless or an ExternalName)",
            )
            .hint("add `ports: [{port: 80, targetPort: 8080}]`"),
        );
    }
    let mut names_seen = HashSet::new();
    let mut pairs = HashSet::new();
    for (i, port) in ports.iter().enumerate() {
        let at = format!("spec.ports[{i}]");
        if let Some(number) = port["port"].as_f64() {
            pods::port_range(&child(&at, "port"), number, false, problems);
            let protocol = port["protocol"].as_str().unwrap_or("TCP").to_string();
            if !pairs.insert((number as i64, protocol.clone())) {
                problems.push(Problem::new(
                    child(&at, "port"),
                    format!("port {number}/{protocol} is listed twice"),
                ));
            }
        }
        match port["name"].as_str().filter(|n| !n.is_empty()) {
            Some(name) if !has_placeholder(name) => {
                let errors = names::dns1123_label(name);
                if !errors.is_empty() {
                    problems.push(Problem::new(
                        child(&at, "name"),
                        format!("port name \"{name}\" is not valid: {}", errors.join("; ")),
                    ));
                }
                if !names_seen.insert(name) {
                    problems.push(Problem::new(
                        child(&at, "name"),
                        format!("two ports are named \"{name}\""),
                    ));
                }
            }
            Some(_) => {}
            None if ports.len() > 1 => problems.push(
                Problem::new(
                    &at,
                    format!("`{at}` needs a `name`: a Service with several ports must name each"),
                )
                .hint("add `name: http` (or another name) to each port"),
            ),
            None => {}
        }
        if let Some(target) = port.get("targetPort").filter(|t| !t.is_null()) {
            pods::port_number_or_name(&child(&at, "targetPort"), target, problems);
        }
        // 0 is what an unset port decodes to.
        if let Some(node_port) = port["nodePort"].as_f64().filter(|p| *p != 0.0) {
            node_port_rules(&child(&at, "nodePort"), node_port, service_type, problems);
        }
    }
    if service_type == "ExternalName" {
        match spec["externalName"].as_str() {
            Some(name) if !has_placeholder(name) => {
                let errors = names::dns1123_subdomain(name.trim_end_matches('.'));
                if !errors.is_empty() {
                    problems.push(Problem::new(
                        "spec.externalName",
                        format!(
                            "`spec.externalName` \"{name}\" is not a DNS name: {}",
                            errors.join("; ")
                        ),
                    ));
                }
            }
            Some(_) => {}
            None => problems.push(
                Problem::new(
                    "spec.externalName",
                    "an ExternalName Service needs `spec.externalName`",
                )
                .hint("add `externalName: db.example.com`"),
            ),
        }
    }
}

fn node_port_rules(path: &str, node_port: f64, service_type: &str, problems: &mut Vec<Problem>) {
    if !matches!(service_type, "NodePort" | "LoadBalancer") {
        problems.push(
            Problem::new(
                path,
                format!("`{path}` may not be used when the Service's type is {service_type}"),
            )
            .hint("remove it, or set `type: NodePort`"),
        );
        return;
    }
    pods::port_range(path, node_port, false, problems);
    // The range is the API server's `--service-node-port-range` (30000-32767 by default), so
    // a port outside it is refused by most clusters but not all.
    if (1.0..=65535.0).contains(&node_port) && !(30000.0..=32767.0).contains(&node_port) {
        problems.push(
            Problem::warning(path, format!("node port {node_port} is outside the default range 30000-32767, which most clusters refuse"))
                .hint("use a port from 30000 to 32767, or leave `nodePort` out to get one"),
        );
    }
}

/// A named `targetPort` is looked up in each selected pod's container ports when endpoints are
/// made (`FindPort` in kubernetes `pkg/api/v1/pod/util.go`): if the workloads of the file that
/// the Service selects declare no port of that name, the Service gets no endpoints from them.
/// The API server accepts it, so it is a warning (kube-linter reports it too).
pub fn target_port_names(objects: &[Object<'_>], out: &mut Vec<ObjectProblem>) {
    let workloads: Vec<(&Value, &Value)> = objects
        .iter()
        .filter_map(|o| {
            let (template_at, _) = workloads::template_path(&o.kind)?;
            let template = workloads::at(o.value, template_at);
            Some((&template["metadata"]["labels"], &template["spec"]))
        })
        .chain(
            objects
                .iter()
                .filter(|o| o.kind == "Pod")
                .map(|o| (&o.value["metadata"]["labels"], &o.value["spec"])),
        )
        .collect();
    for (index, object) in objects.iter().enumerate() {
        if object.kind != "Service" || object.value["apiVersion"] != "v1" {
            continue;
        }
        let selector = &object.value["spec"]["selector"];
        if selector.as_object().is_none_or(|s| s.is_empty()) {
            continue;
        }
        let selected: Vec<&Value> = workloads
            .iter()
            .filter(|(labels, _)| workloads::matches_labels(&Value::Null, selector, labels))
            .map(|(_, spec)| *spec)
            .collect();
        if selected.is_empty() {
            continue;
        }
        let declared: HashSet<&str> = selected
            .iter()
            .flat_map(|spec| {
                ["containers", "initContainers"]
                    .into_iter()
                    .flat_map(move |list| spec[list].as_array().into_iter().flatten())
            })
            .flat_map(|c| c["ports"].as_array().into_iter().flatten())
            .filter_map(|p| p["name"].as_str())
            .collect();
        for (i, port) in object.value["spec"]["ports"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let Some(name) = port["targetPort"].as_str() else {
                continue;
            };
            if declared.contains(name) || has_placeholder(name) || name.parse::<f64>().is_ok() {
                continue;
            }
            let path = child(&object.prefix, &format!("spec.ports[{i}].targetPort"));
            let mut problem = Problem::warning(
                path.trim_start_matches('.'),
                format!(
                    "targetPort \"{name}\" is not the name of a port of the containers this Service selects in this file"
                ),
            );
            problem = match crate::diagnostics::did_you_mean(name, declared.iter().copied()) {
                Some(best) => problem.hint(format!("did you mean `{best}`? (the Service would get no endpoints from these pods)")),
                None => problem.hint("name the container port (`ports: [{name: …, containerPort: …}]`) or use its number"),
            };
            out.push(ObjectProblem {
                object: index,
                problem,
            });
        }
    }
}
