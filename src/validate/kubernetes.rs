//! Kubernetes objects checked against the API of Kubernetes 1.37.
//!
//! Why this approach: k8s-openapi is the maintained Rust model generated from Kubernetes' own
//! OpenAPI definitions, and its `schemars` feature turns each kind into the JSON schema of the
//! real API: field names, nesting, types, integer formats, int-or-string fields and required
//! fields. Nothing is vendored or updated by hand. Objects are checked against that schema
//! with the same structural rules as custom resources ([`super::schema`]): a field the API
//! does not declare is an error with a did-you-mean, reported at its path and line. (Typed
//! deserialisation alone would not do: k8s-openapi ignores unknown fields and defaults missing
//! required ones.) The cost: k8s-openapi is a large crate to compile (about a minute cold),
//! and each kind's schema is generated once per process (about a millisecond).

use k8s_openapi::Resource;
use schemars::JsonSchema;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use super::schema::Schema;

/// A problem in one object, at a field path such as `spec.template.spec.containers[0].image`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

type SchemaOf = fn() -> Value;

macro_rules! kinds {
    ($($ty:ty),* $(,)?) => {
        /// Every built-in kind deckhand knows: apiVersion, kind, and how to get its schema.
        const KINDS: &[(&str, &str, SchemaOf)] = &[
            $( (<$ty as Resource>::API_VERSION, <$ty as Resource>::KIND, schema_of::<$ty> as SchemaOf), )*
        ];
    };
}

use k8s_openapi::api::{
    admissionregistration::v1 as admission, apps::v1 as apps, autoscaling, batch::v1 as batch,
    certificates::v1 as certs, coordination::v1 as coordination, core::v1 as core,
    discovery::v1 as discovery, events::v1 as events, flowcontrol::v1 as flowcontrol,
    networking::v1 as networking, node::v1 as node, policy::v1 as policy, rbac::v1 as rbac,
    resource::v1 as resource, scheduling::v1 as scheduling, storage::v1 as storage,
};
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1 as apiextensions;
use k8s_openapi::kube_aggregator::pkg::apis::apiregistration::v1 as apiregistration;

kinds![
    core::Pod,
    core::Service,
    core::ConfigMap,
    core::Secret,
    core::Namespace,
    core::ServiceAccount,
    core::PersistentVolume,
    core::PersistentVolumeClaim,
    core::ResourceQuota,
    core::LimitRange,
    core::Endpoints,
    core::Node,
    core::ReplicationController,
    core::PodTemplate,
    core::Event,
    apps::Deployment,
    apps::StatefulSet,
    apps::DaemonSet,
    apps::ReplicaSet,
    apps::ControllerRevision,
    batch::Job,
    batch::CronJob,
    networking::Ingress,
    networking::IngressClass,
    networking::NetworkPolicy,
    networking::IPAddress,
    networking::ServiceCIDR,
    policy::PodDisruptionBudget,
    rbac::Role,
    rbac::ClusterRole,
    rbac::RoleBinding,
    rbac::ClusterRoleBinding,
    autoscaling::v1::HorizontalPodAutoscaler,
    autoscaling::v2::HorizontalPodAutoscaler,
    storage::StorageClass,
    storage::CSIDriver,
    storage::CSINode,
    storage::VolumeAttachment,
    storage::CSIStorageCapacity,
    storage::VolumeAttributesClass,
    scheduling::PriorityClass,
    coordination::Lease,
    discovery::EndpointSlice,
    events::Event,
    node::RuntimeClass,
    admission::ValidatingWebhookConfiguration,
    admission::MutatingWebhookConfiguration,
    admission::ValidatingAdmissionPolicy,
    admission::ValidatingAdmissionPolicyBinding,
    admission::MutatingAdmissionPolicy,
    admission::MutatingAdmissionPolicyBinding,
    certs::CertificateSigningRequest,
    certs::ClusterTrustBundle,
    flowcontrol::FlowSchema,
    flowcontrol::PriorityLevelConfiguration,
    resource::DeviceClass,
    resource::ResourceClaim,
    resource::ResourceClaimTemplate,
    resource::ResourceSlice,
    apiextensions::CustomResourceDefinition,
    apiregistration::APIService,
];

/// API groups that belong to Kubernetes itself: an unknown kind or version in them is a mistake,
/// not a custom resource.
const BUILT_IN_GROUPS: &[&str] = &[
    "",
    "apps",
    "batch",
    "extensions",
    "networking.k8s.io",
    "policy",
    "rbac.authorization.k8s.io",
    "autoscaling",
    "storage.k8s.io",
    "scheduling.k8s.io",
    "coordination.k8s.io",
    "discovery.k8s.io",
    "admissionregistration.k8s.io",
    "node.k8s.io",
    "certificates.k8s.io",
    "events.k8s.io",
    "flowcontrol.apiserver.k8s.io",
    "apiextensions.k8s.io",
    "resource.k8s.io",
    "authentication.k8s.io",
    "authorization.k8s.io",
    "apiregistration.k8s.io",
    "storagemigration.k8s.io",
    "internal.apiserver.k8s.io",
];

/// How an object was recognised.
#[derive(Debug, PartialEq, Eq)]
pub enum Kind {
    BuiltIn,
    /// A kind from a group Kubernetes does not define: a custom resource.
    Custom,
}

/// Check one object (a document with `apiVersion` and `kind`).
pub fn check(api_version: &str, kind: &str, value: &Value) -> (Kind, Vec<Problem>) {
    let group = api_version.rsplit_once('/').map_or("", |(group, _)| group);
    match builtin_schema(api_version, kind) {
        Some(schema) => (Kind::BuiltIn, schema.check(value)),
        None if BUILT_IN_GROUPS.contains(&group) => {
            (Kind::BuiltIn, vec![unknown_kind(api_version, kind)])
        }
        None => (Kind::Custom, check_custom_top_level(value)),
    }
}

fn schema_of<T: JsonSchema>() -> Value {
    schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value()
}

/// The schema of a built-in kind, generated on first use.
fn builtin_schema(api_version: &str, kind: &str) -> Option<Arc<Schema>> {
    type Cache = Mutex<HashMap<(&'static str, &'static str), Arc<Schema>>>;
    static CACHE: LazyLock<Cache> = LazyLock::new(Default::default);
    let (v, k, schema_of) = KINDS
        .iter()
        .find(|(v, k, _)| *v == api_version && *k == kind)?;
    let mut cache = CACHE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    Some(
        cache
            .entry((v, k))
            .or_insert_with(|| Arc::new(Schema::new(schema_of())))
            .clone(),
    )
}

fn has_name(value: &Value) -> bool {
    let metadata = &value["metadata"];
    ["name", "generateName"]
        .iter()
        .any(|k| metadata[k].as_str().is_some_and(|s| !s.is_empty()))
}

fn unknown_kind(api_version: &str, kind: &str) -> Problem {
    let served: Vec<&str> = KINDS
        .iter()
        .filter(|(_, k, _)| *k == kind)
        .map(|(v, _, _)| *v)
        .collect();
    if !served.is_empty() {
        return Problem::new(
            "apiVersion",
            format!("Kubernetes 1.37 does not serve {kind} as `{api_version}`"),
        )
        .hint(format!("use `apiVersion: {}`", served.join("` or `")));
    }
    let in_version: Vec<&str> = KINDS
        .iter()
        .filter(|(v, _, _)| *v == api_version)
        .map(|(_, k, _)| *k)
        .collect();
    let mut problem = Problem::new("kind", format!("`{api_version}` has no kind `{kind}`"));
    if let Some(best) = crate::diagnostics::did_you_mean(kind, in_version.iter().copied()) {
        problem = problem.hint(format!("did you mean `{best}`?"));
    } else if in_version.is_empty() {
        problem = problem.hint(format!(
            "`{api_version}` is not an API version of Kubernetes 1.37"
        ));
    }
    problem
}

/// A custom resource without a declared schema: the fields every object has.
fn check_custom_top_level(value: &Value) -> Vec<Problem> {
    let mut problems = Vec::new();
    if !value["metadata"].is_object() {
        problems.push(
            Problem::new("metadata", "the object has no `metadata`")
                .hint("add `metadata:` with a `name:`"),
        );
    } else if !has_name(value) {
        problems.push(
            Problem::new("metadata", "the object has no `metadata.name`")
                .hint("add `name: …` under metadata"),
        );
    }
    if let Some(spec) = value.get("spec")
        && !spec.is_object()
    {
        problems.push(Problem::new("spec", "`spec` must be a mapping"));
    }
    problems
}

/// Whether `api_version`/`kind` is a built-in kind (used to pick the object's schema source).
pub fn is_known(api_version: &str, kind: &str) -> bool {
    KINDS
        .iter()
        .any(|(v, k, _)| *v == api_version && *k == kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_yaml(text: &str) -> Vec<Problem> {
        let doc = crate::validate::yaml::parse(text).unwrap().remove(0);
        let api_version = doc.value["apiVersion"].as_str().unwrap().to_string();
        let kind = doc.value["kind"].as_str().unwrap().to_string();
        check(&api_version, &kind, &doc.value).1
    }

    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.3\n";

    #[test]
    fn a_valid_pod_passes() {
        assert_eq!(check_yaml(POD), vec![]);
    }

    #[test]
    fn unknown_fields_are_found_with_their_path() {
        let problems = check_yaml(&POD.replace("image:", "imag:"));
        assert_eq!(problems[0].path, "spec.containers[0].imag");
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `image`?"));
    }

    #[test]
    fn wrong_types_are_found_with_their_path() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: three\n  selector: {}\n  template: {}\n";
        let problems = check_yaml(text);
        assert_eq!(problems[0].path, "spec.replicas", "{problems:?}");
        assert_eq!(
            problems[0].message,
            "`spec.replicas` must be an integer, not the string \"three\""
        );
    }

    #[test]
    fn missing_names_and_required_fields_are_found() {
        let problems =
            check_yaml("apiVersion: v1\nkind: Pod\nmetadata: {}\nspec:\n  containers: []\n");
        assert_eq!(problems[0].message, "the object has no `metadata.name`");
        let problems = check_yaml("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec: {}\n");
        assert!(
            problems[0]
                .message
                .contains("`spec.containers` is required"),
            "{problems:?}"
        );
        let problems = check_yaml(&POD.replace("    - name: web\n      image", "    - image"));
        assert_eq!(
            problems[0].message,
            "`spec.containers[0].name` is required but missing"
        );
    }

    #[test]
    fn removed_api_versions_point_to_the_served_one() {
        let problems =
            check_yaml("apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: x\n");
        assert_eq!(
            problems[0].hint.as_deref(),
            Some("use `apiVersion: networking.k8s.io/v1`")
        );
        let problems = check_yaml("apiVersion: v1\nkind: Pood\nmetadata:\n  name: x\n");
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `Pod`?"));
    }

    #[test]
    fn custom_resources_get_their_top_level_checked() {
        let vpa = "apiVersion: autoscaling.k8s.io/v1\nkind: VerticalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  targetRef: {}\n";
        assert_eq!(check_yaml(vpa), vec![]);
        let problems = check_yaml(
            "apiVersion: autoscaling.k8s.io/v1\nkind: VerticalPodAutoscaler\nspec: {}\n",
        );
        assert_eq!(problems.len(), 1);
    }
}
