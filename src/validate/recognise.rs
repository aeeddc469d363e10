//! YAML that is not a Kubernetes API object, recognised before it is checked against the API:
//! configuration files of Kubernetes tools that borrow `apiVersion`/`kind` (kustomize, kind,
//! k3d, kubeadm, the kubelet, the API server's own configuration…), kustomize patches, and
//! templates (Helm, ytt, Jinja or Go-template placeholders, envsubst variables).
//!
//! Each is parsed (when it is YAML before rendering) and named in `check --verbose`, but not
//! checked against the API: a patch is a fragment, a configuration file is read by a program
//! rather than the API server, and a template is not the manifest until it is rendered.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a document that carries `apiVersion` and `kind` is, when it is not an API object.
pub fn configuration_kind(api_version: &str, kind: &str) -> Option<&'static str> {
    let group = api_version.rsplit_once('/').map_or("", |(group, _)| group);
    // Each entry: API group (or whole apiVersion for groupless ones) and what reads the file.
    // Sources: kustomize `api/types/kustomization.go`; kind `pkg/apis/config/v1alpha4`; k3d
    // `pkg/config/v1alpha5`; the `config.k8s.io` groups of kubernetes/kubernetes
    // (`staging/src/k8s.io/{kubelet,kube-proxy,kube-scheduler,kube-controller-manager}/config`,
    // `apiserver/pkg/apis/{apiserver,audit}`, `pod-security-admission/api`); kubeadm
    // `cmd/kubeadm/app/apis/kubeadm`; client-go `tools/clientcmd/api` (kubeconfig files).
    const GROUPS: &[(&str, &str)] = &[
        ("kustomize.config.k8s.io", "a kustomize file"),
        ("builtin", "a kustomize transformer configuration"),
        ("kind.x-k8s.io", "a kind cluster configuration"),
        ("k3d.io", "a k3d cluster configuration"),
        ("ctlptl.dev", "a ctlptl cluster configuration"),
        ("kubeadm.k8s.io", "a kubeadm configuration"),
        ("kubelet.config.k8s.io", "a kubelet configuration"),
        ("kubeproxy.config.k8s.io", "a kube-proxy configuration"),
        (
            "kubescheduler.config.k8s.io",
            "a kube-scheduler configuration",
        ),
        (
            "kubecontrollermanager.config.k8s.io",
            "a kube-controller-manager configuration",
        ),
        (
            "apiserver.config.k8s.io",
            "an API server configuration file",
        ),
        ("apiserver.k8s.io", "an API server configuration file"),
        ("audit.k8s.io", "an API server audit policy"),
        (
            "pod-security.admission.config.k8s.io",
            "a Pod Security admission configuration",
        ),
        (
            "eventratelimit.admission.k8s.io",
            "an EventRateLimit admission configuration",
        ),
        (
            "client.authentication.k8s.io",
            "a client credential plugin's output",
        ),
        ("kpt.dev", "a kpt package file"),
        ("fn.kpt.dev", "a kpt function configuration"),
        ("config.kubernetes.io", "a KRM function configuration"),
        ("k0s.k0sproject.io", "a k0s cluster configuration"),
        ("k0sctl.k0sproject.io", "a k0sctl configuration"),
        ("talos.dev", "a Talos configuration"),
    ];
    if let Some((_, what)) = GROUPS.iter().find(|(g, _)| *g == group) {
        return Some(what);
    }
    if api_version.starts_with("skaffold/") {
        return Some("a Skaffold configuration");
    }
    match (api_version, kind) {
        ("v1", "Config") => Some("a kubeconfig file"),
        _ => None,
    }
}

/// How a file is a template as a whole, known before it is read: a Helm chart's template (by
/// its place), or a ytt template (its annotations are comments starting with `#@`, see
/// carvel.dev/ytt/docs "Language").
pub fn template_kind(root: &Path, file: &Path, text: &str) -> Option<&'static str> {
    if is_helm_template(root, file) {
        return Some("a Helm chart template");
    }
    let ytt = text.lines().any(|line| line.trim_start().starts_with("#@"));
    ytt.then_some("a ytt template")
}

/// Whether text that failed to parse holds template syntax (Go templates, Jinja, envsubst), so
/// that it is a template that is not YAML until rendered rather than broken YAML.
pub fn has_template_syntax(text: &str) -> bool {
    text.contains("{%") || text.lines().any(has_placeholder)
}

/// Whether a string value is, or holds, a placeholder that another tool fills in: Go templates
/// and Jinja (`{{ .Values.port }}`), envsubst and shell (`${PORT}`). Kubernetes' own
/// `$(VAR)` references in `command`/`args` are not placeholders.
pub fn has_placeholder(value: &str) -> bool {
    if let Some(start) = value.find("{{")
        && value[start..].contains("}}")
    {
        return true;
    }
    let mut rest = value;
    while let Some(start) = rest.find("${") {
        let name = &rest[start + 2..];
        if let Some(end) = name.find('}')
            && end > 0
            && name[..end]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':' || c == '-')
        {
            return true;
        }
        rest = &rest[start + 2..];
    }
    false
}

/// A file inside the `templates/` folder of a Helm chart (a folder holding `Chart.yaml`).
pub(crate) fn is_helm_template(root: &Path, file: &Path) -> bool {
    let mut dir = file.parent();
    let mut inside_templates = false;
    while let Some(current) = dir {
        if current.file_name().is_some_and(|n| n == "templates") {
            inside_templates = true;
        } else if inside_templates && root.join(current).join("Chart.yaml").is_file() {
            return true;
        }
        dir = current.parent();
    }
    false
}

/// Files that kustomizations of the workshop use as patches, with the kustomization naming each.
#[derive(Debug, Default, Clone)]
pub struct Patches {
    by_file: BTreeMap<PathBuf, PathBuf>,
}

impl Patches {
    /// Record the patches a kustomization file (`file`, holding `value`) lists: entries of
    /// `patchesStrategicMerge`, and the `path` of entries of `patches` and `patchesJson6902`.
    pub fn add_kustomization(&mut self, file: &Path, value: &serde_json::Value) {
        let dir = file.parent().unwrap_or(Path::new(""));
        let mut paths: Vec<&str> = Vec::new();
        if let Some(list) = value["patchesStrategicMerge"].as_array() {
            // An entry is a path, or an inline patch (which holds a newline or a colon).
            paths.extend(list.iter().filter_map(|v| v.as_str()));
        }
        for key in ["patches", "patchesJson6902"] {
            if let Some(list) = value[key].as_array() {
                paths.extend(list.iter().filter_map(|v| v["path"].as_str()));
            }
        }
        for path in paths.into_iter().filter(|p| !p.contains('\n')) {
            if let Some(resolved) = normalise(&dir.join(path)) {
                self.by_file.insert(resolved, file.to_path_buf());
            }
        }
    }

    /// The kustomization that uses `file` as a patch, if one does.
    pub fn kustomization_of(&self, file: &Path) -> Option<&Path> {
        self.by_file.get(file).map(PathBuf::as_path)
    }

    pub fn is_empty(&self) -> bool {
        self.by_file.is_empty()
    }
}

/// Whether a document is a kustomization (by its kind, or by its file name when it has none).
pub fn is_kustomization(file: &Path, value: &serde_json::Value) -> bool {
    let named = file.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
        matches!(
            n,
            "kustomization.yaml" | "kustomization.yml" | "Kustomization"
        )
    });
    let api_version = value["apiVersion"].as_str().unwrap_or("");
    named || api_version.starts_with("kustomize.config.k8s.io/")
}

/// `a/b/../c` as `a/c`, without touching the disk; `None` when it leaves the workshop.
fn normalise(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tool_configuration_kinds_are_recognised() {
        assert!(configuration_kind("kustomize.config.k8s.io/v1beta1", "Kustomization").is_some());
        assert!(configuration_kind("kustomize.config.k8s.io/v1alpha1", "Component").is_some());
        assert!(configuration_kind("kind.x-k8s.io/v1alpha4", "Cluster").is_some());
        assert!(
            configuration_kind("apiserver.config.k8s.io/v1", "AdmissionConfiguration").is_some()
        );
        assert!(configuration_kind("v1", "Config").is_some());
        // Cluster API's Cluster is a custom resource, not a tool's file.
        assert!(configuration_kind("cluster.x-k8s.io/v1beta1", "Cluster").is_none());
        assert!(configuration_kind("apps/v1", "Deployment").is_none());
    }

    #[test]
    fn placeholders_are_told_from_kubernetes_references() {
        assert!(has_placeholder("{{ .Values.image }}"));
        assert!(has_placeholder("web-{{name}}"));
        assert!(has_placeholder("${IMAGE_TAG}"));
        assert!(!has_placeholder("$(POD_NAME)"));
        assert!(!has_placeholder("echo ${} {{"));
    }

    #[test]
    fn templates_are_recognised_by_their_syntax() {
        let root = Path::new("/nonexistent");
        let file = Path::new("content/samples/app.yaml");
        assert_eq!(
            template_kind(root, file, "#@ load(\"@ytt:data\", \"data\")\nkind: Pod\n"),
            Some("a ytt template")
        );
        assert_eq!(template_kind(root, file, "kind: Pod\n# a comment\n"), None);
        assert!(has_template_syntax("{% if x %}\nkind: Pod\n{% endif %}\n"));
        assert!(has_template_syntax("config: {{config_data}}\n"));
        assert!(!has_template_syntax("command: [sh, -c, 'echo $(A)']\n"));
    }

    #[test]
    fn kustomization_patches_are_resolved_from_their_folder() {
        let mut patches = Patches::default();
        patches.add_kustomization(
            Path::new("content/samples/app/kustomization.yaml"),
            &json!({"patches": [{"path": "patch.yaml"}, {"patch": "inline"}], "patchesStrategicMerge": ["../common/sm.yaml"]}),
        );
        assert!(
            patches
                .kustomization_of(Path::new("content/samples/app/patch.yaml"))
                .is_some()
        );
        assert!(
            patches
                .kustomization_of(Path::new("content/samples/common/sm.yaml"))
                .is_some()
        );
        assert!(
            patches
                .kustomization_of(Path::new("content/samples/app/other.yaml"))
                .is_none()
        );
    }
}
