//! Fields of built-in kinds that take one of a few values. The OpenAPI document k8s-openapi is
//! generated from lists them only in descriptions, so they are written here, each from the
//! check that enforces it in the API server, by definition and property.
//!
//! Sources (kubernetes/kubernetes): `pkg/apis/core/validation/validation.go`
//! (`supportedPullPolicies`, `supportedPortProtocols`, `supportedServiceType`,
//! `supportedSessionAffinityType`, `supportedServiceInternalTrafficPolicy`,
//! `supportedPVCAccessModes`, `supportedReclaimPolicy`, `supportedVolumeModes`,
//! `supportedMountPropagations`, `validateRestartPolicy`, `validateDNSPolicy`,
//! `validateTolerations`, `validateNodeSelectorRequirement`, `validateTopologySpreadConstraints`,
//! `validateSeccompProfileField`, `validateHTTPGetAction`, `validateHostPathType`…);
//! `pkg/apis/apps/validation/validation.go` (strategy types, `podManagementPolicy`,
//! `ValidatePersistentVolumeClaimRetentionPolicyType`); `pkg/apis/batch/validation/
//! validation.go` (`concurrencyPolicy`, `completionMode`, pod failure policy);
//! `pkg/apis/autoscaling/validation/validation.go` (metric and target types, scaling
//! policies); `pkg/apis/networking/validation/validation.go` (`supportedPathTypes`,
//! policy types); `pkg/apis/policy/validation`, `pkg/apis/storage/validation`;
//! apimachinery `pkg/apis/meta/v1/validation/validation.go` (label selector operators);
//! apiextensions-apiserver `pkg/apis/apiextensions/validation/validation.go` (schema types,
//! scope).

pub const ENUMS: &[(&str, &str, &[&str])] = &[
    ("io.k8s.api.core.v1.Container", "imagePullPolicy", PULL),
    (
        "io.k8s.api.core.v1.EphemeralContainer",
        "imagePullPolicy",
        PULL,
    ),
    (
        "io.k8s.api.core.v1.Container",
        "terminationMessagePolicy",
        TERMINATION_MESSAGE,
    ),
    (
        "io.k8s.api.core.v1.EphemeralContainer",
        "terminationMessagePolicy",
        TERMINATION_MESSAGE,
    ),
    (
        "io.k8s.api.core.v1.PodSpec",
        "restartPolicy",
        &["Always", "OnFailure", "Never"],
    ),
    (
        "io.k8s.api.core.v1.PodSpec",
        "dnsPolicy",
        &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"],
    ),
    (
        "io.k8s.api.core.v1.PodSpec",
        "preemptionPolicy",
        &["PreemptLowerPriority", "Never"],
    ),
    ("io.k8s.api.core.v1.ContainerPort", "protocol", PROTOCOLS),
    ("io.k8s.api.core.v1.ServicePort", "protocol", PROTOCOLS),
    ("io.k8s.api.core.v1.EndpointPort", "protocol", PROTOCOLS),
    (
        "io.k8s.api.discovery.v1.EndpointPort",
        "protocol",
        PROTOCOLS,
    ),
    (
        "io.k8s.api.networking.v1.NetworkPolicyPort",
        "protocol",
        PROTOCOLS,
    ),
    (
        "io.k8s.api.core.v1.ServiceSpec",
        "type",
        &["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"],
    ),
    (
        "io.k8s.api.core.v1.ServiceSpec",
        "sessionAffinity",
        &["ClientIP", "None"],
    ),
    (
        "io.k8s.api.core.v1.ServiceSpec",
        "externalTrafficPolicy",
        &["Cluster", "Local"],
    ),
    (
        "io.k8s.api.core.v1.ServiceSpec",
        "internalTrafficPolicy",
        &["Cluster", "Local"],
    ),
    (
        "io.k8s.api.core.v1.ServiceSpec",
        "ipFamilyPolicy",
        &["SingleStack", "PreferDualStack", "RequireDualStack"],
    ),
    (
        "io.k8s.api.core.v1.ServiceSpec",
        "ipFamilies",
        &["IPv4", "IPv6"],
    ),
    (
        "io.k8s.api.core.v1.PersistentVolumeClaimSpec",
        "accessModes",
        ACCESS_MODES,
    ),
    (
        "io.k8s.api.core.v1.PersistentVolumeClaimSpec",
        "volumeMode",
        VOLUME_MODES,
    ),
    (
        "io.k8s.api.core.v1.PersistentVolumeSpec",
        "accessModes",
        ACCESS_MODES,
    ),
    (
        "io.k8s.api.core.v1.PersistentVolumeSpec",
        "volumeMode",
        VOLUME_MODES,
    ),
    (
        "io.k8s.api.core.v1.PersistentVolumeSpec",
        "persistentVolumeReclaimPolicy",
        &["Retain", "Delete", "Recycle"],
    ),
    (
        "io.k8s.api.core.v1.Toleration",
        "operator",
        &["Exists", "Equal"],
    ),
    ("io.k8s.api.core.v1.Toleration", "effect", TAINT_EFFECTS),
    ("io.k8s.api.core.v1.Taint", "effect", TAINT_EFFECTS),
    (
        "io.k8s.api.core.v1.NodeSelectorRequirement",
        "operator",
        &["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"],
    ),
    (
        "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement",
        "operator",
        &["In", "NotIn", "Exists", "DoesNotExist"],
    ),
    (
        "io.k8s.api.core.v1.TopologySpreadConstraint",
        "whenUnsatisfiable",
        &["DoNotSchedule", "ScheduleAnyway"],
    ),
    (
        "io.k8s.api.core.v1.TopologySpreadConstraint",
        "nodeAffinityPolicy",
        HONOR,
    ),
    (
        "io.k8s.api.core.v1.TopologySpreadConstraint",
        "nodeTaintsPolicy",
        HONOR,
    ),
    (
        "io.k8s.api.core.v1.HTTPGetAction",
        "scheme",
        &["HTTP", "HTTPS"],
    ),
    ("io.k8s.api.core.v1.SeccompProfile", "type", PROFILES),
    ("io.k8s.api.core.v1.AppArmorProfile", "type", PROFILES),
    (
        "io.k8s.api.core.v1.SecurityContext",
        "procMount",
        &["Default", "Unmasked"],
    ),
    (
        "io.k8s.api.core.v1.PodSecurityContext",
        "fsGroupChangePolicy",
        &["OnRootMismatch", "Always"],
    ),
    ("io.k8s.api.core.v1.PodOS", "name", &["linux", "windows"]),
    (
        "io.k8s.api.core.v1.HostPathVolumeSource",
        "type",
        &[
            "DirectoryOrCreate",
            "Directory",
            "FileOrCreate",
            "File",
            "Socket",
            "CharDevice",
            "BlockDevice",
        ],
    ),
    (
        "io.k8s.api.core.v1.VolumeMount",
        "mountPropagation",
        &["None", "HostToContainer", "Bidirectional"],
    ),
    (
        "io.k8s.api.core.v1.VolumeMount",
        "recursiveReadOnly",
        &["Disabled", "IfPossible", "Enabled"],
    ),
    (
        "io.k8s.api.core.v1.ContainerResizePolicy",
        "restartPolicy",
        &["NotRequired", "RestartContainer"],
    ),
    (
        "io.k8s.api.apps.v1.DeploymentStrategy",
        "type",
        &["Recreate", "RollingUpdate"],
    ),
    (
        "io.k8s.api.apps.v1.StatefulSetSpec",
        "podManagementPolicy",
        &["OrderedReady", "Parallel"],
    ),
    (
        "io.k8s.api.apps.v1.StatefulSetUpdateStrategy",
        "type",
        UPDATE_STRATEGIES,
    ),
    (
        "io.k8s.api.apps.v1.DaemonSetUpdateStrategy",
        "type",
        UPDATE_STRATEGIES,
    ),
    (
        "io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy",
        "whenDeleted",
        RETENTION,
    ),
    (
        "io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy",
        "whenScaled",
        RETENTION,
    ),
    (
        "io.k8s.api.batch.v1.CronJobSpec",
        "concurrencyPolicy",
        &["Allow", "Forbid", "Replace"],
    ),
    (
        "io.k8s.api.batch.v1.JobSpec",
        "completionMode",
        &["NonIndexed", "Indexed"],
    ),
    (
        "io.k8s.api.batch.v1.JobSpec",
        "podReplacementPolicy",
        &["TerminatingOrFailed", "Failed"],
    ),
    (
        "io.k8s.api.batch.v1.PodFailurePolicyRule",
        "action",
        &["FailJob", "FailIndex", "Ignore", "Count"],
    ),
    (
        "io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement",
        "operator",
        &["In", "NotIn"],
    ),
    (
        "io.k8s.api.autoscaling.v2.MetricSpec",
        "type",
        &[
            "Object",
            "Pods",
            "Resource",
            "ContainerResource",
            "External",
        ],
    ),
    (
        "io.k8s.api.autoscaling.v2.MetricTarget",
        "type",
        &["Utilization", "Value", "AverageValue"],
    ),
    (
        "io.k8s.api.autoscaling.v2.HPAScalingRules",
        "selectPolicy",
        &["Max", "Min", "Disabled"],
    ),
    (
        "io.k8s.api.autoscaling.v2.HPAScalingPolicy",
        "type",
        &["Pods", "Percent"],
    ),
    (
        "io.k8s.api.networking.v1.HTTPIngressPath",
        "pathType",
        &["Exact", "Prefix", "ImplementationSpecific"],
    ),
    (
        "io.k8s.api.networking.v1.NetworkPolicySpec",
        "policyTypes",
        &["Ingress", "Egress"],
    ),
    (
        "io.k8s.api.policy.v1.PodDisruptionBudgetSpec",
        "unhealthyPodEvictionPolicy",
        &["IfHealthyBudget", "AlwaysAllow"],
    ),
    (
        "io.k8s.api.storage.v1.StorageClass",
        "reclaimPolicy",
        &["Retain", "Delete"],
    ),
    (
        "io.k8s.api.storage.v1.StorageClass",
        "volumeBindingMode",
        &["Immediate", "WaitForFirstConsumer"],
    ),
    (
        "io.k8s.api.rbac.v1.Subject",
        "kind",
        &["ServiceAccount", "User", "Group"],
    ),
    (
        "io.k8s.api.rbac.v1.RoleRef",
        "kind",
        &["Role", "ClusterRole"],
    ),
    (
        "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps",
        "type",
        &["array", "boolean", "integer", "number", "object", "string"],
    ),
    (
        "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionSpec",
        "scope",
        &["Cluster", "Namespaced"],
    ),
];

const PULL: &[&str] = &["Always", "Never", "IfNotPresent"];
const TERMINATION_MESSAGE: &[&str] = &["File", "FallbackToLogsOnError"];
const PROTOCOLS: &[&str] = &["TCP", "UDP", "SCTP"];
const ACCESS_MODES: &[&str] = &[
    "ReadWriteOnce",
    "ReadOnlyMany",
    "ReadWriteMany",
    "ReadWriteOncePod",
];
const VOLUME_MODES: &[&str] = &["Block", "Filesystem"];
const TAINT_EFFECTS: &[&str] = &["NoSchedule", "PreferNoSchedule", "NoExecute"];
const HONOR: &[&str] = &["Honor", "Ignore"];
const PROFILES: &[&str] = &["RuntimeDefault", "Unconfined", "Localhost"];
const UPDATE_STRATEGIES: &[&str] = &["RollingUpdate", "OnDelete"];
const RETENTION: &[&str] = &["Retain", "Delete"];
