//! Rules of the API server's validation code that a schema does not express: names and labels,
//! selectors that must match their pod template, ports, unique names. Each rule names the
//! function of the Kubernetes source it follows. Rules the API server does not enforce but that
//! catch a certain mistake are warnings, never errors.

mod kinds;
mod metadata;
pub mod names;
mod pods;
mod services;
mod workloads;

use serde_json::Value;

use super::Object;
use super::problem::Problem;

/// The problems of one object.
pub fn check(api_version: &str, kind: &str, value: &Value) -> Vec<Problem> {
    let mut problems = Vec::new();
    metadata::check(api_version, kind, value, &mut problems);
    let built_in_workload = matches!(
        (api_version, kind),
        (
            "apps/v1",
            "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet"
        ) | ("batch/v1", "Job" | "CronJob")
            | ("v1", "ReplicationController" | "PodTemplate")
    );
    if built_in_workload {
        workloads::check(kind, value, &mut problems);
    }
    match (api_version, kind) {
        ("v1", "Pod") => pods::check("spec", &value["spec"], &[], &mut problems),
        ("v1", "Service") => services::check(value, &mut problems),
        _ => {}
    }
    kinds::check(api_version, kind, value, &mut problems);
    problems
}

/// A problem that concerns one object of a file, found by looking at several.
pub struct ObjectProblem {
    pub object: usize,
    pub problem: Problem,
}

/// Problems found across the objects of one file.
pub fn across_documents(objects: &[Object<'_>]) -> Vec<ObjectProblem> {
    let mut problems = Vec::new();
    services::target_port_names(objects, &mut problems);
    problems
}
