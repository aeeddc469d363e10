//! Pod specs, wherever they sit (a Pod, or the pod template of a workload), with the rules of
//! `ValidatePodSpec` in kubernetes `pkg/apis/core/validation/validation.go`: container names
//! (`validateContainers`: DNS-1123 labels, unique across containers, init and ephemeral
//! containers), images, ports (`validateContainerPorts`), probes (`validateProbe`,
//! `ValidatePortNumOrName`), volumes and their mounts (`ValidateVolumes`,
//! `validateVolumeMounts`), environment variables (`validateEnv`), and requests that exceed
//! limits (`ValidateContainerResourceRequirements`).

use serde_json::Value;
use std::collections::{HashMap, HashSet};

use super::super::problem::{Problem, child};
use super::super::recognise::has_placeholder;
use super::names;

const CONTAINER_LISTS: [&str; 3] = ["initContainers", "containers", "ephemeralContainers"];

/// Every problem of the pod spec at `path`; `claims` are more volume names (a StatefulSet's
/// `volumeClaimTemplates`).
pub fn check(path: &str, spec: &Value, claims: &[&str], problems: &mut Vec<Problem>) {
    if !spec.is_object() {
        return;
    }
    let mut volumes = volumes(path, spec, problems);
    volumes.extend(claims.iter().copied());
    let mut names_seen: HashMap<&str, String> = HashMap::new();
    for list in CONTAINER_LISTS {
        for (i, container) in spec[list].as_array().into_iter().flatten().enumerate() {
            let at = format!("{}[{i}]", child(path, list));
            if let Some(name) = container["name"].as_str() {
                container_name(&at, name, &mut names_seen, problems);
            }
            if list != "ephemeralContainers" {
                image(&at, container, problems);
            }
            ports(&at, container, problems);
            for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
                if let Some(handler) = container.get(probe).filter(|p| p.is_object()) {
                    probe_handler(&child(&at, probe), handler, problems);
                }
            }
            for hook in ["postStart", "preStop"] {
                if let Some(handler) = container["lifecycle"].get(hook).filter(|p| p.is_object()) {
                    probe_ports(&child(&child(&at, "lifecycle"), hook), handler, problems);
                }
            }
            mounts(&at, container, &volumes, problems);
            env(&at, container, problems);
            requests_within_limits(&at, container, problems);
        }
    }
}

fn container_name<'a>(
    at: &str,
    name: &'a str,
    seen: &mut HashMap<&'a str, String>,
    problems: &mut Vec<Problem>,
) {
    let path = child(at, "name");
    if has_placeholder(name) {
        return;
    }
    let errors = names::dns1123_label(name);
    if !errors.is_empty() {
        problems.push(
            Problem::new(
                &path,
                format!(
                    "container name \"{name}\" is not valid: {}",
                    errors.join("; ")
                ),
            )
            .hint(
                names::suggest(name, names::dns1123_label)
                    .map_or("use lowercase letters, digits and '-'".into(), |f| {
                        format!("e.g. `{f}`")
                    }),
            ),
        );
    }
    if let Some(first) = seen.get(name) {
        problems.push(
            Problem::new(
                &path,
                format!("two containers are named \"{name}\" (the first is `{first}`)"),
            )
            .hint("container names must be unique in a pod, init containers included"),
        );
    } else {
        seen.insert(name, path);
    }
}

fn image(at: &str, container: &Value, problems: &mut Vec<Problem>) {
    match container["image"].as_str() {
        Some(image) if !image.is_empty() => {}
        _ if container
            .get("image")
            .is_some_and(|v| !v.is_null() && !v.is_string()) => {}
        _ => problems.push(
            Problem::new(
                child(at, "image"),
                format!("`{}` is required but missing", child(at, "image")),
            )
            .hint("add `image:` with the container image, e.g. `nginx:1.27`"),
        ),
    }
}

/// `validateContainerPorts`: numbers in range, names valid and unique in the container.
fn ports(at: &str, container: &Value, problems: &mut Vec<Problem>) {
    let mut names_seen = HashSet::new();
    for (i, port) in container["ports"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let path = format!("{}[{i}]", child(at, "ports"));
        if let Some(number) = port["containerPort"].as_f64() {
            port_range(&child(&path, "containerPort"), number, false, problems);
        }
        if let Some(number) = port["hostPort"].as_f64() {
            port_range(&child(&path, "hostPort"), number, true, problems);
        }
        if let Some(name) = port["name"]
            .as_str()
            .filter(|n| !n.is_empty() && !has_placeholder(n))
        {
            port_name(&child(&path, "name"), name, problems);
            if !names_seen.insert(name) {
                problems.push(Problem::new(
                    child(&path, "name"),
                    format!("port name \"{name}\" is used twice in this container"),
                ));
            }
        }
    }
}

/// `IsValidPortNum` (1–65535); a hostPort may also be 0, meaning none.
pub fn port_range(path: &str, number: f64, zero_ok: bool, problems: &mut Vec<Problem>) {
    if (zero_ok && number == 0.0) || (1.0..=65535.0).contains(&number) {
        return;
    }
    problems.push(
        Problem::new(
            path,
            format!("`{path}` is {number}, but a port must be between 1 and 65535, inclusive"),
        )
        .hint("use a port number from 1 to 65535"),
    );
}

pub fn port_name(path: &str, name: &str, problems: &mut Vec<Problem>) {
    let errors = names::port_name(name);
    if !errors.is_empty() {
        problems.push(
            Problem::new(path, format!("port name \"{name}\" is not valid: {}", errors.join("; ")))
                .hint("a port name is at most 15 lowercase letters, digits and '-', with at least one letter"),
        );
    }
}

/// A port that may be a number or a name (`ValidatePortNumOrName`).
pub fn port_number_or_name(path: &str, port: &Value, problems: &mut Vec<Problem>) {
    match port {
        Value::Number(n) => port_range(path, n.as_f64().unwrap_or(0.0), false, problems),
        Value::String(name) if name.parse::<f64>().is_ok() => problems.push(
            Problem::new(path, format!("`{path}` is the string \"{name}\", which the API server reads as a port name, and a name needs a letter"))
                .hint(format!("write the number without quotes: `{name}`")),
        ),
        Value::String(name) if !has_placeholder(name) => port_name(path, name, problems),
        _ => {}
    }
}

/// `validateHandler` via `validateProbe`: exactly one handler, and its port.
fn probe_handler(path: &str, probe: &Value, problems: &mut Vec<Problem>) {
    let handlers: Vec<&str> = ["exec", "httpGet", "tcpSocket", "grpc"]
        .into_iter()
        .filter(|h| probe.get(*h).is_some_and(|v| !v.is_null()))
        .collect();
    match handlers.len() {
        0 => problems.push(
            Problem::new(path, format!("`{path}` has no handler"))
                .hint("add one of `exec`, `httpGet`, `tcpSocket` or `grpc`"),
        ),
        1 => {}
        _ => problems.push(Problem::new(
            path,
            format!(
                "`{path}` has {} handlers ({}); a probe takes exactly one",
                handlers.len(),
                handlers.join(", ")
            ),
        )),
    }
    probe_ports(path, probe, problems);
}

fn probe_ports(path: &str, handler: &Value, problems: &mut Vec<Problem>) {
    for kind in ["httpGet", "tcpSocket"] {
        if let Some(port) = handler[kind].get("port") {
            port_number_or_name(&child(&child(path, kind), "port"), port, problems);
        }
    }
    if let Some(port) = handler["grpc"]["port"].as_f64() {
        port_range(&child(&child(path, "grpc"), "port"), port, false, problems);
    }
}

/// Volume names (DNS-1123 labels, unique); returns the names. A volume with no source is
/// valid: `SetDefaults_Volume` (`pkg/apis/core/v1/defaults.go`) makes it an emptyDir.
fn volumes<'a>(path: &str, spec: &'a Value, problems: &mut Vec<Problem>) -> HashSet<&'a str> {
    let mut names_seen = HashSet::new();
    for (i, volume) in spec["volumes"].as_array().into_iter().flatten().enumerate() {
        let at = format!("{}[{i}]", child(path, "volumes"));
        let Some(name) = volume["name"].as_str() else {
            continue;
        };
        if !has_placeholder(name) {
            let errors = names::dns1123_label(name);
            if !errors.is_empty() {
                problems.push(Problem::new(
                    child(&at, "name"),
                    format!("volume name \"{name}\" is not valid: {}", errors.join("; ")),
                ));
            }
        }
        if !names_seen.insert(name) {
            problems.push(Problem::new(
                child(&at, "name"),
                format!("two volumes are named \"{name}\""),
            ));
        }
    }
    names_seen
}

/// `validateVolumeMounts`: each mount names a volume of the pod; mount paths are unique.
fn mounts(at: &str, container: &Value, volumes: &HashSet<&str>, problems: &mut Vec<Problem>) {
    // A mount may also name a claim of a StatefulSet's `volumeClaimTemplates` (added to
    // `volumes` by the caller).
    let mut paths = HashSet::new();
    for (i, mount) in container["volumeMounts"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let path = format!("{}[{i}]", child(at, "volumeMounts"));
        if let Some(name) = mount["name"].as_str()
            && !volumes.contains(name)
            && !has_placeholder(name)
        {
            let mut problem = Problem::new(
                child(&path, "name"),
                format!("volume mount \"{name}\" names no volume of the pod"),
            );
            let known = volumes.iter().copied();
            problem = match crate::diagnostics::did_you_mean(name, known) {
                Some(best) => problem.hint(format!("did you mean `{best}`?")),
                None => problem.hint("add a volume of that name under the pod's `volumes:`"),
            };
            problems.push(problem);
        }
        if let Some(mount_path) = mount["mountPath"].as_str()
            && !paths.insert(mount_path)
        {
            problems.push(Problem::new(
                child(&path, "mountPath"),
                format!("mount path \"{mount_path}\" is used twice in this container"),
            ));
        }
    }
}

/// `validateEnv`: names are printable ASCII without '=' (`IsRelaxedEnvVarName`), and a
/// variable has a value or a source, not both.
fn env(at: &str, container: &Value, problems: &mut Vec<Problem>) {
    for (i, var) in container["env"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let path = format!("{}[{i}]", child(at, "env"));
        if let Some(name) = var["name"].as_str()
            && (name.is_empty()
                || name.contains('=')
                || !name.bytes().all(|b| (b' '..=b'~').contains(&b)))
        {
            problems.push(Problem::new(
                child(&path, "name"),
                format!("environment variable name \"{name}\" is not valid: a valid environment variable name must consist only of printable ASCII characters other than '='"),
            ));
        }
        let has_value = var["value"].as_str().is_some_and(|v| !v.is_empty());
        if has_value && var["valueFrom"].is_object() {
            problems.push(Problem::new(
                child(&path, "valueFrom"),
                format!(
                    "`{}` may not be set when `value` is not empty",
                    child(&path, "valueFrom")
                ),
            ));
        }
    }
}

/// "must be less than or equal to … limit" (`ValidateResourceRequirements`).
fn requests_within_limits(at: &str, container: &Value, problems: &mut Vec<Problem>) {
    let resources = &container["resources"];
    let (Some(requests), Some(limits)) = (
        resources["requests"].as_object(),
        resources["limits"].as_object(),
    ) else {
        return;
    };
    for (name, request) in requests {
        let (Some(request), Some(limit)) = (quantity(request), limits.get(name).and_then(quantity))
        else {
            continue;
        };
        if request > limit {
            let path = child(&child(&child(at, "resources"), "requests"), name);
            problems.push(
                Problem::new(
                    &path,
                    format!("the {name} request is more than the {name} limit"),
                )
                .hint(format!(
                    "a request must be less than or equal to the limit (`{}`)",
                    child(&child(&child(at, "resources"), "limits"), name)
                )),
            );
        }
    }
}

/// A quantity's value, for comparisons (f64 is precise enough to order real requests).
pub fn quantity(value: &Value) -> Option<f64> {
    if let Some(n) = value.as_f64() {
        return Some(n);
    }
    let text = value.as_str()?;
    if !super::super::schema::formats::is_quantity(text) {
        return None;
    }
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '+' | '-')))
        .unwrap_or(text.len());
    let (number, suffix) = text.split_at(split);
    let number: f64 = if number.is_empty() || number == "+" || number == "-" {
        0.0
    } else {
        number.parse().ok()?
    };
    let scale = match suffix {
        "" => 1.0,
        "n" => 1e-9,
        "u" => 1e-6,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024.0,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "Ei" => 1024f64.powi(6),
        exponent => 10f64.powi(exponent[1..].parse().ok()?),
    };
    Some(number * scale)
}
