//! The name and label syntaxes of apimachinery's `pkg/util/validation/validation.go` and
//! `pkg/api/validate/content/kube.go` (`IsDNS1123Label`, `IsDNS1123Subdomain`,
//! `IsDNS1035Label`, `IsQualifiedName`/`IsLabelKey`, `IsLabelValue`, `IsValidPortName`,
//! `IsConfigMapKey`) and `pkg/api/validation/path/name.go` (`IsValidPathSegmentName`). Each
//! returns the API server's own explanations, empty when the value is valid.

const LABEL_MAX: usize = 63;
const SUBDOMAIN_MAX: usize = 253;

fn alnum_lower(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`
fn is_label_syntax(value: &str) -> bool {
    let b = value.as_bytes();
    !b.is_empty()
        && alnum_lower(b[0])
        && alnum_lower(b[b.len() - 1])
        && b.iter().all(|&c| alnum_lower(c) || c == b'-')
}

pub fn dns1123_label(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > LABEL_MAX {
        errs.push(max_len(LABEL_MAX));
    }
    if !is_label_syntax(value) {
        errs.push("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character".into());
    }
    errs
}

pub fn dns1123_subdomain(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > SUBDOMAIN_MAX {
        errs.push(max_len(SUBDOMAIN_MAX));
    }
    if !value.split('.').all(is_label_syntax) {
        errs.push("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character".into());
    }
    errs
}

pub fn dns1035_label(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > LABEL_MAX {
        errs.push(max_len(LABEL_MAX));
    }
    if !(is_label_syntax(value) && value.as_bytes()[0].is_ascii_lowercase()) {
        errs.push("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character".into());
    }
    errs
}

/// `IsValidPathSegmentName`: what RBAC objects and a few others take as a name.
pub fn path_segment(value: &str) -> Vec<String> {
    if value == "." || value == ".." {
        return vec![format!("may not be '{value}'")];
    }
    ["/", "%"]
        .iter()
        .filter(|c| value.contains(*c))
        .map(|c| format!("may not contain '{c}'"))
        .collect()
}

/// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
fn is_qualified_part(value: &str) -> bool {
    let b = value.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

/// A label key or annotation key: a name with an optional DNS subdomain prefix and `/`.
pub fn qualified_name(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let parts: Vec<&str> = value.split('/').collect();
    let name = match parts.as_slice() {
        [name] => *name,
        [prefix, name] => {
            if prefix.is_empty() {
                errs.push("prefix part must be non-empty".into());
            } else {
                errs.extend(
                    dns1123_subdomain(prefix)
                        .into_iter()
                        .map(|m| format!("prefix part {m}")),
                );
            }
            name
        }
        _ => {
            return vec!["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')".into()];
        }
    };
    if name.is_empty() {
        errs.push("name part must be non-empty".into());
    } else if name.len() > LABEL_MAX {
        errs.push(format!("name part {}", max_len(LABEL_MAX)));
    }
    if !is_qualified_part(name) {
        errs.push("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character".into());
    }
    errs
}

pub fn label_value(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > LABEL_MAX {
        errs.push(max_len(LABEL_MAX));
    }
    if !value.is_empty() && !is_qualified_part(value) {
        errs.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character".into());
    }
    errs
}

/// `IsValidPortName` (an IANA_SVC_NAME).
pub fn port_name(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > 15 {
        errs.push(max_len(15));
    }
    if value.is_empty() || !value.bytes().all(|b| alnum_lower(b) || b == b'-') {
        errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".into());
    }
    if !value.bytes().any(|b| b.is_ascii_lowercase()) {
        errs.push("must contain at least one letter (a-z)".into());
    }
    if value.contains("--") {
        errs.push("must not contain consecutive hyphens".into());
    }
    if value.starts_with('-') || value.ends_with('-') {
        errs.push("must not begin or end with a hyphen".into());
    }
    errs
}

/// `IsConfigMapKey`: keys of ConfigMap and Secret data.
pub fn config_key(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > SUBDOMAIN_MAX {
        errs.push(max_len(SUBDOMAIN_MAX));
    }
    if value.is_empty()
        || !value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    {
        errs.push(
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.'".into(),
        );
    }
    if value == "." || value == ".." || value.starts_with("..") {
        errs.push("must not be '.' or '..' or start with '..'".into());
    }
    errs
}

fn max_len(n: usize) -> String {
    format!("must be no more than {n} characters")
}

/// A name close to `value` that passes `rule`, for a hint: lowercase, other characters as `-`.
pub fn suggest(value: &str, rule: fn(&str) -> Vec<String>) -> Option<String> {
    let mut fixed: String = value
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    while fixed.contains("--") {
        fixed = fixed.replace("--", "-");
    }
    let fixed = fixed.trim_matches(|c| c == '-' || c == '.').to_string();
    (fixed != value && !fixed.is_empty() && rule(&fixed).is_empty()).then_some(fixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_apimachinery() {
        assert!(dns1123_subdomain("web-1.example").is_empty());
        assert!(!dns1123_subdomain("PG_db").is_empty());
        assert!(!dns1123_subdomain("-web").is_empty());
        assert!(dns1123_label("web-1").is_empty());
        assert!(!dns1123_label("web.1").is_empty());
        assert!(!dns1035_label("1web").is_empty());
        assert!(dns1035_label("web1").is_empty());
        assert!(path_segment("system:controller:x").is_empty());
        assert!(!path_segment("a/b").is_empty());
        assert_eq!(
            suggest("PG_db", dns1123_subdomain).as_deref(),
            Some("pg-db")
        );
    }

    #[test]
    fn labels_follow_apimachinery() {
        assert!(qualified_name("app.kubernetes.io/name").is_empty());
        assert!(qualified_name("App_1").is_empty());
        assert!(!qualified_name("a/b/c").is_empty());
        assert!(!qualified_name("Example.com/x").is_empty());
        assert!(!qualified_name("-x").is_empty());
        assert!(label_value("").is_empty());
        assert!(label_value("v1.2_3-x").is_empty());
        assert!(!label_value(&"a".repeat(70)).is_empty());
        assert!(!label_value("has space").is_empty());
    }

    #[test]
    fn port_names_and_config_keys() {
        assert!(port_name("http").is_empty());
        assert!(port_name("http-metrics").is_empty());
        assert!(!port_name("HTTP").is_empty());
        assert!(!port_name("8080").is_empty());
        assert!(!port_name("very-long-port-name").is_empty());
        assert!(config_key("app.properties").is_empty());
        assert!(config_key("KEY_1").is_empty());
        assert!(!config_key("a/b").is_empty());
        assert!(!config_key("..x").is_empty());
    }
}
