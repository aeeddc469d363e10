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
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use super::enums::ENUMS;
use super::problem::Problem;
use super::schema::Schema;

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

/// How an object is known: its built-in schema, a kind Kubernetes does not have in a group
/// that is its own (a mistake), or a custom resource.
pub enum Known {
    BuiltIn(Arc<Schema>),
    Unknown(Problem),
    Custom,
}

/// What deckhand knows of `api_version`/`kind`.
pub fn lookup(api_version: &str, kind: &str) -> Known {
    let group = api_version.rsplit_once('/').map_or("", |(group, _)| group);
    match builtin_schema(api_version, kind) {
        Some(schema) => Known::BuiltIn(schema),
        None if BUILT_IN_GROUPS.contains(&group) => Known::Unknown(unknown_kind(api_version, kind)),
        None => Known::Custom,
    }
}

fn schema_of<T: JsonSchema>() -> Value {
    let mut schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value();
    patch(&mut schema);
    schema
}

/// Bring k8s-openapi's schema closer to what the API server accepts.
fn patch(schema: &mut Value) {
    let defs = &mut schema["$defs"];
    if let Some(defs) = defs.as_object_mut() {
        // A Quantity is a string or a number (`Quantity.UnmarshalJSON` in apimachinery's
        // `pkg/api/resource/quantity.go` takes both: `cpu: 0.5`), and a string must parse.
        if let Some(q) = defs.get_mut("io.k8s.apimachinery.pkg.api.resource.Quantity") {
            *q = json!({"x-deckhand-quantity": true});
        }
        // apiextensions' JSON (a CRD's `enum`, `default`, `example`) is any JSON value, not an
        // object (`apiextensions/v1/types_jsonschema.go`).
        if let Some(any) =
            defs.get_mut("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON")
        {
            *any = json!({"x-kubernetes-preserve-unknown-fields": true});
        }
        for (definition, property, values) in ENUMS {
            if let Some(field) = defs
                .get_mut(*definition)
                .and_then(|d| d["properties"].get_mut(*property))
            {
                let target = if field["type"] == "array" {
                    &mut field["items"]
                } else {
                    field
                };
                // "" is what an absent field decodes to, and defaulting replaces it.
                let mut allowed: Vec<Value> = values.iter().map(|v| json!(v)).collect();
                allowed.push(json!(""));
                target["enum"] = Value::Array(allowed);
            }
        }
    }
    // `metadata` is checked by the name rules ("name or generateName is required"), and
    // `Event.involvedObject` may be empty (`ValidateEvent` in `pkg/apis/core/validation/
    // events.go` only compares its namespace): k8s-openapi marks both required.
    if let Some(required) = schema["required"].as_array_mut() {
        required.retain(|r| r != "metadata" && r != "involvedObject");
    }
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
        let doc = crate::validate::yaml::parse(text).documents.remove(0);
        let api_version = doc.value["apiVersion"].as_str().unwrap().to_string();
        let kind = doc.value["kind"].as_str().unwrap().to_string();
        match lookup(&api_version, &kind) {
            Known::BuiltIn(schema) => schema.check(&doc.value).problems,
            Known::Unknown(problem) => vec![problem],
            Known::Custom => vec![],
        }
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
    fn required_fields_are_found_where_they_belong() {
        let problems = check_yaml("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec: {}\n");
        assert_eq!(
            problems[0].message,
            "`spec.containers` is required but missing"
        );
        let problems = check_yaml(&POD.replace("    - name: web\n      image", "    - image"));
        assert_eq!(
            problems[0].message,
            "`spec.containers[0].name` is required but missing"
        );
        // An Event's involvedObject may be left empty.
        assert_eq!(
            check_yaml("apiVersion: v1\nkind: Event\nmetadata:\n  name: e\ninvolvedObject:\n"),
            vec![]
        );
    }

    #[test]
    fn quantities_take_numbers_and_check_strings() {
        let pod = POD.replace("image: nginx:1.27.3\n", "image: nginx:1.27.3\n      resources:\n        requests: {cpu: 0.05, memory: 64Mi}\n        limits: {cpu: 1, memory: 2GB}\n");
        let problems = check_yaml(&pod);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems[0].path,
            "spec.containers[0].resources.limits.memory"
        );
        assert!(
            problems[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("`2G` or `2Gi`")
        );
    }

    #[test]
    fn enum_fields_take_their_values_only() {
        let problems = check_yaml(&POD.replace(
            "image: nginx:1.27.3",
            "image: nginx:1.27.3\n      imagePullPolicy: Allways",
        ));
        assert_eq!(problems[0].path, "spec.containers[0].imagePullPolicy");
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `Always`?"));
        assert_eq!(
            check_yaml(&POD.replace(
                "image: nginx:1.27.3",
                "image: nginx:1.27.3\n      imagePullPolicy: IfNotPresent"
            )),
            vec![]
        );
    }

    #[test]
    fn crd_schemas_may_hold_enums_of_any_json() {
        let crd = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: pizzas.example.com\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {kind: Pizza, plural: pizzas}\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                sauce: {type: string, enum: [red, white]}\n                size: {type: integer, enum: [1, 2], default: 1}\n";
        assert_eq!(check_yaml(crd), vec![]);
        let problems = check_yaml(&crd.replace("type: integer", "type: integr"));
        assert!(
            problems[0].message.contains("must be one of"),
            "{problems:?}"
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
}
