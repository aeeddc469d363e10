//! Plain scalars resolved the way `kubectl` reads them, which is YAML 1.1 rather than 1.2.
//!
//! kubectl turns YAML into JSON with `sigs.k8s.io/yaml`, whose `YAMLToJSON` decodes with its
//! fork of go-yaml v2 (`sigs.k8s.io/yaml/goyaml.v2`, `resolve.go`). So `yes`/`no`/`on`/`off` are
//! booleans, `0644` is octal (420, what `defaultMode` expects), `1_000` is 1000, and timestamps
//! stay strings ("for backward compatibility", says `decode.go`). kubernetes-validate reads YAML
//! with PyYAML, also YAML 1.1, so both tools see the same values.

use serde_json::{Number, Value};

/// The value of a plain (unquoted, untagged) scalar.
pub fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Value::Bool(true);
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Value::Bool(false);
        }
        // JSON has no NaN or infinity; json.Marshal fails on them, so kubectl cannot send them.
        // They stay text here, and a numeric field reports them as a string.
        _ => {}
    }
    let first = text.as_bytes()[0];
    if (first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.'))
        && let Some(number) = number(text)
    {
        return Value::Number(number);
    }
    Value::String(text.to_string())
}

/// A number as go-yaml v2 reads one: `strconv.ParseInt(s, 0, 64)` (decimal, `0x`, `0o`, `0b`,
/// a leading `0` for octal), then unsigned, then a float of YAML's float syntax; `_` is ignored.
fn number(text: &str) -> Option<Number> {
    let plain: String = text.chars().filter(|&c| c != '_').collect();
    if let Some(n) = parse_int(&plain) {
        return Some(n);
    }
    if is_yaml_float(&plain) {
        return plain.parse::<f64>().ok().and_then(Number::from_f64);
    }
    None
}

fn parse_int(text: &str) -> Option<Number> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, body) = if let Some(rest) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        (16, rest)
    } else if let Some(rest) = digits
        .strip_prefix("0o")
        .or_else(|| digits.strip_prefix("0O"))
    {
        (8, rest)
    } else if let Some(rest) = digits
        .strip_prefix("0b")
        .or_else(|| digits.strip_prefix("0B"))
    {
        (2, rest)
    } else if digits.len() > 1 && digits.starts_with('0') {
        (8, &digits[1..])
    } else {
        (10, digits)
    };
    if body.is_empty() || !body.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u64::from_str_radix(body, radix).ok()?;
    if negative {
        let value = i64::try_from(magnitude)
            .map(|m| -m)
            .or_else(|_| (magnitude == 1 << 63).then_some(i64::MIN).ok_or(()))
            .ok()?;
        Some(value.into())
    } else {
        Some(magnitude.into())
    }
}

/// go-yaml v2's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_float(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = usize::from(matches!(bytes.first(), Some(b'-' | b'+')));
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < bytes.len() && bytes[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if bytes.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == bytes.len()
}

/// The value of a scalar with a core-schema tag (`!!str`, `!!int`…); `None` when the text does
/// not fit the tag.
pub fn resolve_tagged(suffix: &str, text: &str) -> Option<Value> {
    match suffix {
        "str" | "binary" | "timestamp" => Some(Value::String(text.to_string())),
        "null" => Some(Value::Null),
        "bool" => match resolve_plain(text) {
            Value::Bool(b) => Some(Value::Bool(b)),
            _ => None,
        },
        "int" => match resolve_plain(text) {
            Value::Number(n) if !n.is_f64() => Some(Value::Number(n)),
            _ => None,
        },
        "float" => match resolve_plain(text) {
            Value::Number(n) => n.as_f64().and_then(Number::from_f64).map(Value::Number),
            _ => None,
        },
        _ => Some(resolve_plain(text)),
    }
}

/// A plain mapping key as JSON text: `YAMLToJSON` (sigs.k8s.io/yaml `yaml.go`,
/// `convertToJSONableObject`) formats a key that resolved to a boolean, number or null with
/// `strconv`, so `yes:` becomes `"true"` and `0644:` becomes `"420"`.
pub fn plain_key(text: &str) -> String {
    match resolve_plain(text) {
        Value::String(s) => s,
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn plain_scalars_resolve_as_yaml_1_1() {
        for (text, expected) in [
            ("yes", json!(true)),
            ("Off", json!(false)),
            ("~", json!(null)),
            ("0644", json!(420)),
            ("0x1F", json!(31)),
            ("1_000", json!(1000)),
            ("-42", json!(-42)),
            ("0.05", json!(0.05)),
            ("1e3", json!(1000.0)),
            (".5", json!(0.5)),
            ("18446744073709551615", json!(18446744073709551615u64)),
            ("1.2.3", json!("1.2.3")),
            ("2024-01-01", json!("2024-01-01")),
            ("08", json!(8.0)),
            ("500m", json!("500m")),
            (".inf", json!(".inf")),
            ("-", json!("-")),
        ] {
            assert_eq!(resolve_plain(text), expected, "{text}");
        }
    }

    #[test]
    fn keys_that_resolve_to_other_types_are_written_as_json_does() {
        assert_eq!(plain_key("yes"), "true");
        assert_eq!(plain_key("0644"), "420");
        assert_eq!(plain_key("~"), "null");
        assert_eq!(
            plain_key("app.kubernetes.io/name"),
            "app.kubernetes.io/name"
        );
    }

    #[test]
    fn core_tags_force_a_type() {
        assert_eq!(resolve_tagged("str", "0644"), Some(json!("0644")));
        assert_eq!(resolve_tagged("int", "12"), Some(json!(12)));
        assert_eq!(resolve_tagged("int", "twelve"), None);
        assert_eq!(resolve_tagged("float", "1"), Some(json!(1.0)));
    }
}
