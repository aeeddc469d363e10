//! Rules of single kinds, each from the validation function of the API server named with it.

use serde_json::Value;
use std::collections::HashSet;

use super::super::problem::{Problem, child};
use super::super::recognise::has_placeholder;
use super::names;

pub fn check(api_version: &str, kind: &str, value: &Value, problems: &mut Vec<Problem>) {
    let spec = &value["spec"];
    match (api_version, kind) {
        ("v1", "ConfigMap") | ("v1", "Secret") => config_keys(kind, value, problems),
        ("v1", "PersistentVolumeClaim") => claim(spec, "spec", problems),
        ("apps/v1", "Deployment") => rolling_update(
            &spec["strategy"]["rollingUpdate"],
            "spec.strategy.rollingUpdate",
            problems,
        ),
        ("apps/v1", "StatefulSet") => {
            for (i, claim_template) in spec["volumeClaimTemplates"]
                .as_array()
                .into_iter()
                .flatten()
                .enumerate()
            {
                claim(
                    &claim_template["spec"],
                    &format!("spec.volumeClaimTemplates[{i}].spec"),
                    problems,
                );
            }
        }
        ("batch/v1", "CronJob") => {
            if let Some(schedule) = spec["schedule"].as_str() {
                cron_schedule(schedule, problems);
            }
        }
        ("networking.k8s.io/v1", "Ingress") => ingress(spec, problems),
        ("autoscaling/v2" | "autoscaling/v1", "HorizontalPodAutoscaler") => {
            autoscaler(spec, problems)
        }
        ("policy/v1", "PodDisruptionBudget") => disruption_budget(spec, problems),
        ("rbac.authorization.k8s.io/v1", "RoleBinding" | "ClusterRoleBinding") => {
            binding(kind, value, problems)
        }
        _ => {}
    }
}

/// `ValidateConfigMap`/`ValidateSecret`: keys are config keys, and a key is not in both
/// `data` and `binaryData`.
fn config_keys(kind: &str, value: &Value, problems: &mut Vec<Problem>) {
    let mut seen = HashSet::new();
    for section in ["data", "binaryData", "stringData"] {
        for key in value[section]
            .as_object()
            .into_iter()
            .flat_map(|m| m.keys())
        {
            let path = child(section, key);
            let errors = names::config_key(key);
            if !errors.is_empty() && !has_placeholder(key) {
                problems.push(
                    Problem::new(
                        &path,
                        format!(
                            "key `{key}` is not valid in a {kind}: {}",
                            errors.join("; ")
                        ),
                    )
                    .hint("keys are letters, digits, '-', '_' and '.', e.g. `app.properties`"),
                );
            }
            if kind == "ConfigMap" && !seen.insert(key.as_str()) {
                problems.push(Problem::new(
                    &path,
                    format!("key `{key}` is in both `data` and `binaryData`"),
                ));
            }
        }
    }
}

/// `ValidatePersistentVolumeClaimSpec`: access modes and a storage request are required.
fn claim(spec: &Value, path: &str, problems: &mut Vec<Problem>) {
    if !spec.is_object() {
        return;
    }
    if spec["accessModes"].as_array().is_none_or(|m| m.is_empty()) {
        problems.push(
            Problem::new(
                child(path, "accessModes"),
                format!("`{path}.accessModes` needs at least one access mode"),
            )
            .hint("add `accessModes: [ReadWriteOnce]`"),
        );
    }
    if spec["resources"]["requests"]["storage"].is_null() {
        problems.push(
            Problem::new(
                child(path, "resources"),
                format!("`{path}.resources.requests.storage` is required"),
            )
            .hint("add `resources: {requests: {storage: 1Gi}}`"),
        );
    }
}

/// `ValidateRollingUpdateDeployment`: int-or-percent values, not both zero, at most 100%.
fn rolling_update(rolling: &Value, path: &str, problems: &mut Vec<Problem>) {
    if !rolling.is_object() {
        return;
    }
    let mut zero = 0;
    for key in ["maxSurge", "maxUnavailable"] {
        let at = child(path, key);
        match &rolling[key] {
            Value::String(text) if !has_placeholder(text) => {
                match text.strip_suffix('%').map(str::parse::<u32>) {
                    Some(Ok(percent)) => {
                        zero += usize::from(percent == 0);
                        if key == "maxUnavailable" && percent > 100 {
                            problems.push(Problem::new(
                                &at,
                                format!("`{at}` must not be more than 100%"),
                            ));
                        }
                    }
                    _ => problems.push(
                        Problem::new(
                            &at,
                            format!("`{at}` \"{text}\" is neither a number nor a percentage"),
                        )
                        .hint("write a number of pods (`1`) or a percentage (`25%`)"),
                    ),
                }
            }
            Value::Number(n) => {
                zero += usize::from(n.as_f64() == Some(0.0));
                if n.as_f64().is_some_and(|f| f < 0.0) {
                    problems.push(Problem::new(&at, format!("`{at}` must not be negative")));
                }
            }
            _ => {}
        }
    }
    if zero == 2 {
        problems.push(
            Problem::new(
                child(path, "maxUnavailable"),
                "`maxUnavailable` and `maxSurge` may not both be 0",
            )
            .hint("a rollout needs room to replace pods: raise one of them"),
        );
    }
}

/// The schedule syntax CronJobs take (`validateScheduleFormat` with robfig/cron's
/// `ParseStandard`): five fields or a descriptor, and no TZ prefix (`spec.timeZone` instead).
fn cron_schedule(schedule: &str, problems: &mut Vec<Problem>) {
    if has_placeholder(schedule) {
        return;
    }
    let text = schedule.trim();
    let fail = |why: String, problems: &mut Vec<Problem>| {
        problems.push(
            Problem::new("spec.schedule", format!("`spec.schedule` \"{schedule}\" is not a cron schedule: {why}"))
                .hint("five fields: minute hour day-of-month month day-of-week, e.g. \"*/5 * * * *\", or @hourly, @daily…"),
        )
    };
    if text.starts_with("TZ=") || text.starts_with("CRON_TZ=") {
        problems.push(
            Problem::new(
                "spec.schedule",
                "a CronJob's schedule cannot name a time zone",
            )
            .hint("set `spec.timeZone: Europe/Rome` (for example) and remove the TZ prefix"),
        );
        return;
    }
    if let Some(descriptor) = text.strip_prefix('@') {
        let ok = matches!(
            descriptor,
            "yearly" | "annually" | "monthly" | "weekly" | "daily" | "midnight" | "hourly"
        ) || descriptor
            .strip_prefix("every ")
            .is_some_and(|d| !d.trim().is_empty());
        if !ok {
            fail(format!("unknown descriptor `@{descriptor}`"), problems);
        }
        return;
    }
    let fields: Vec<&str> = text.split_whitespace().collect();
    if fields.len() != 5 {
        fail(format!("it has {} fields, not 5", fields.len()), problems);
        return;
    }
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    const DAYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    let bounds: [(&str, u32, u32, &[&str]); 5] = [
        ("minute", 0, 59, &[]),
        ("hour", 0, 23, &[]),
        ("day of the month", 1, 31, &[]),
        ("month", 1, 12, &MONTHS),
        ("day of the week", 0, 6, &DAYS),
    ];
    for (field, (what, low, high, names)) in fields.iter().zip(bounds) {
        let value = |part: &str| -> Option<u32> {
            part.parse().ok().or_else(|| {
                let lower = part.to_ascii_lowercase();
                names
                    .iter()
                    .position(|n| *n == lower)
                    .map(|i| i as u32 + low)
            })
        };
        let ok = field.split(',').all(|item| {
            let (range, step) = match item.split_once('/') {
                Some((range, step)) => (
                    range,
                    step.parse::<u32>().ok().filter(|s| *s > 0).map(|_| ()),
                ),
                None => (item, Some(())),
            };
            step.is_some()
                && match range {
                    "*" | "?" => true,
                    _ => match range.split_once('-') {
                        Some((a, b)) => value(a)
                            .zip(value(b))
                            .is_some_and(|(a, b)| low <= a && a <= b && b <= high),
                        None => value(range).is_some_and(|v| (low..=high).contains(&v)),
                    },
                }
        });
        if !ok {
            fail(
                format!("the {what} field `{field}` is not valid ({low}-{high})"),
                problems,
            );
            return;
        }
    }
}

/// `validateIngressRules`/`validateHTTPIngressRuleValue`: hosts are DNS names (a leading `*.`
/// allowed), not IPs; paths of type Exact and Prefix are absolute.
fn ingress(spec: &Value, problems: &mut Vec<Problem>) {
    for (i, rule) in spec["rules"].as_array().into_iter().flatten().enumerate() {
        let at = format!("spec.rules[{i}]");
        if let Some(host) = rule["host"]
            .as_str()
            .filter(|h| !h.is_empty() && !has_placeholder(h))
        {
            let name = host.strip_prefix("*.").unwrap_or(host);
            let errors = names::dns1123_subdomain(name);
            if host.parse::<std::net::IpAddr>().is_ok() {
                problems.push(Problem::new(
                    child(&at, "host"),
                    format!("host \"{host}\" must be a DNS name, not an IP address"),
                ));
            } else if !errors.is_empty() {
                problems.push(Problem::new(
                    child(&at, "host"),
                    format!("host \"{host}\" is not valid: {}", errors.join("; ")),
                ));
            }
        }
        for (j, http_path) in rule["http"]["paths"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let at = format!("{at}.http.paths[{j}]");
            let kind = http_path["pathType"].as_str().unwrap_or("");
            if let Some(path) = http_path["path"].as_str()
                && matches!(kind, "Exact" | "Prefix")
                && !path.starts_with('/')
                && !has_placeholder(path)
            {
                problems.push(
                    Problem::new(
                        child(&at, "path"),
                        format!(
                            "path \"{path}\" must be absolute (start with '/') with pathType {kind}"
                        ),
                    )
                    .hint(format!("write `/{path}`")),
                );
            }
            if let Some(port) = http_path["backend"]["service"]["port"]["number"].as_f64() {
                super::pods::port_range(
                    &format!("{at}.backend.service.port.number"),
                    port,
                    false,
                    problems,
                );
            }
        }
    }
}

/// `validateHorizontalPodAutoscalerSpec`: at least one replica, and max not below min.
fn autoscaler(spec: &Value, problems: &mut Vec<Problem>) {
    let min = spec["minReplicas"].as_f64();
    let max = spec["maxReplicas"].as_f64();
    if let Some(min) = min.filter(|m| *m < 1.0) {
        problems.push(Problem::new(
            "spec.minReplicas",
            format!("`spec.minReplicas` is {min}, but must be at least 1"),
        ));
    }
    if let Some(max) = max {
        if max < 1.0 {
            problems.push(Problem::new(
                "spec.maxReplicas",
                format!("`spec.maxReplicas` is {max}, but must be at least 1"),
            ));
        } else if min.is_some_and(|min| max < min) {
            problems.push(
                Problem::new(
                    "spec.maxReplicas",
                    "`spec.maxReplicas` must be greater than or equal to `minReplicas`",
                )
                .hint("raise maxReplicas or lower minReplicas"),
            );
        }
    }
}

/// `ValidatePodDisruptionBudgetSpec`: minAvailable and maxUnavailable exclude each other.
fn disruption_budget(spec: &Value, problems: &mut Vec<Problem>) {
    let set = |k: &str| spec.get(k).is_some_and(|v| !v.is_null());
    if set("minAvailable") && set("maxUnavailable") {
        problems.push(
            Problem::new(
                "spec.maxUnavailable",
                "`minAvailable` and `maxUnavailable` cannot both be set",
            )
            .hint("keep one of them"),
        );
    }
}

/// `ValidateRoleBinding`/`ValidateClusterRoleBinding` and `ValidateRoleBindingSubject`.
fn binding(kind: &str, value: &Value, problems: &mut Vec<Problem>) {
    let role_ref = &value["roleRef"];
    if let Some(group) = role_ref["apiGroup"].as_str()
        && !group.is_empty()
        && group != "rbac.authorization.k8s.io"
    {
        problems.push(
            Problem::new(
                "roleRef.apiGroup",
                format!("`roleRef.apiGroup` must be rbac.authorization.k8s.io, not \"{group}\""),
            )
            .hint("write `apiGroup: rbac.authorization.k8s.io`"),
        );
    }
    if kind == "ClusterRoleBinding" && role_ref["kind"] == "Role" {
        problems.push(
            Problem::new(
                "roleRef.kind",
                "a ClusterRoleBinding can only refer to a ClusterRole",
            )
            .hint("use a RoleBinding for a Role, or refer to a ClusterRole"),
        );
    }
    for (i, subject) in value["subjects"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let at = format!("subjects[{i}]");
        if subject["kind"] == "ServiceAccount" {
            if subject["apiGroup"].as_str().is_some_and(|g| !g.is_empty()) {
                problems.push(Problem::new(
                    child(&at, "apiGroup"),
                    "a ServiceAccount subject's `apiGroup` must be empty (\"\")",
                ));
            }
            if kind == "ClusterRoleBinding"
                && subject["namespace"].as_str().is_none_or(str::is_empty)
            {
                problems.push(
                    Problem::new(
                        child(&at, "namespace"),
                        "a ServiceAccount subject of a ClusterRoleBinding needs its `namespace`",
                    )
                    .hint("add `namespace: default` (the ServiceAccount's namespace)"),
                );
            }
        }
    }
}
