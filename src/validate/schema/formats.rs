//! The `format`s of OpenAPI schemas, and Kubernetes' resource quantities.
//!
//! Built-in kinds use `int32`, `int64`, `date-time` and `byte` (k8s-openapi's schemas, from
//! the API's OpenAPI document). Custom resources may use any format of kube-openapi's registry
//! (`k8s.io/kube-openapi/pkg/validation/strfmt`, which the API server validates custom
//! resources with); those listed in [`check_string`] are checked, others are accepted, as the
//! API server accepts formats it does not know.

use std::net::IpAddr;

/// Why `value` does not have string format `format`, if it does not.
pub fn check_string(format: &str, value: &str) -> Option<String> {
    let ok = match format {
        // metav1.Time reads RFC 3339 (`time.Parse(time.RFC3339, …)` in `meta/v1/time.go`);
        // strfmt's `date-time` also takes a few reduced forms, all with a date and a time.
        "date-time" | "datetime" => is_date_time(value),
        "date" => is_date(value),
        // Go's encoding/json reads []byte fields as standard, padded base64.
        "byte" => is_base64(value),
        "ipv4" => value.parse::<std::net::Ipv4Addr>().is_ok(),
        "ipv6" => value.parse::<std::net::Ipv6Addr>().is_ok(),
        "cidr" => is_cidr(value),
        "uuid" | "uuid3" | "uuid4" | "uuid5" => is_uuid(value),
        "mac" => is_mac(value),
        "hostname" => is_hostname(value),
        "hexcolor" => is_hex_color(value),
        _ => true,
    };
    (!ok).then(|| match format {
        "date-time" | "datetime" => {
            "a date and time in RFC 3339 form, e.g. 2025-01-31T09:30:00Z".into()
        }
        "byte" => "base64 text (encode the value with `base64 -w0`)".into(),
        other => format!("a valid `{other}`"),
    })
}

/// Why `value` is out of the range of integer format `format`, if it is.
pub fn check_integer(format: &str, value: &serde_json::Value) -> Option<&'static str> {
    let number = value.as_f64().unwrap_or(0.0);
    let fits = match format {
        "int32" => (f64::from(i32::MIN)..=f64::from(i32::MAX)).contains(&number),
        "int64" => value.as_i64().is_some() || number.abs() < 9.2e18,
        _ => return None,
    };
    (!fits).then_some(if format == "int32" {
        "is too large for a 32-bit integer"
    } else {
        "is too large for a 64-bit integer"
    })
}

/// Whether `text` is a resource quantity, following `parseQuantityString` and the suffix table
/// of apimachinery's `pkg/api/resource` (`quantity.go`, `suffix.go`): an optional sign, digits
/// with an optional fraction, then a binary suffix (Ki…Ei), a decimal one (n u m k M G T P E),
/// or an exponent (`e3`, `E-2`).
pub fn is_quantity(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.is_empty() {
        return false;
    }
    let mut i = usize::from(matches!(bytes[0], b'+' | b'-'));
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
    }
    let suffix = &text[i..];
    matches!(
        suffix,
        "" | "n"
            | "u"
            | "m"
            | "k"
            | "M"
            | "G"
            | "T"
            | "P"
            | "E"
            | "Ki"
            | "Mi"
            | "Gi"
            | "Ti"
            | "Pi"
            | "Ei"
    ) || (suffix.len() > 1 && matches!(suffix.as_bytes()[0], b'e' | b'E') && {
        let exponent = &suffix[1..];
        let digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    })
}

/// A suggestion for a mistyped quantity: `2GB` → `2G` or `2Gi`, `1K` → `1k` or `1Ki`.
pub fn quantity_hint(text: &str) -> String {
    let number_end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-'))
        .unwrap_or(text.len());
    let (number, suffix) = text.split_at(number_end);
    let unit = suffix
        .trim()
        .trim_end_matches(['B', 'b'])
        .trim_end_matches('i');
    let letter = unit.chars().next().map(|c| c.to_ascii_uppercase());
    if !number.is_empty()
        && let Some(letter) = letter.filter(|l| "KMGTPE".contains(*l))
        && unit.len() == 1
    {
        let decimal = if letter == 'K' { 'k' } else { letter };
        return format!(
            "did you mean `{number}{decimal}` or `{number}{letter}i`? (k, M, G are powers of 1000; Ki, Mi, Gi of 1024)"
        );
    }
    "write a number with an optional unit, e.g. `500m` or `0.5` (CPU), `128Mi` or `1G` (bytes)"
        .into()
}

fn digits(text: &str, n: usize) -> bool {
    text.len() == n && text.bytes().all(|b| b.is_ascii_digit())
}

fn is_date(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    parts.len() == 3
        && digits(parts[0], 4)
        && digits(parts[1], 2)
        && digits(parts[2], 2)
        && jiff::civil::Date::new(
            parts[0].parse().unwrap_or(0),
            parts[1].parse().unwrap_or(0),
            parts[2].parse().unwrap_or(0),
        )
        .is_ok()
}

fn is_date_time(value: &str) -> bool {
    let Some(split) = value.find(['T', 't', ' ']) else {
        return false;
    };
    let (date, rest) = (&value[..split], &value[split + 1..]);
    if !is_date(date) {
        return false;
    }
    // hh:mm:ss, an optional fraction, then Z or ±hh:mm (strfmt also takes no offset).
    let (time, offset) = match rest.find(['Z', 'z', '+', '-']) {
        Some(cut) => (&rest[..cut], &rest[cut..]),
        None => (rest, ""),
    };
    let (clock, fraction) = time.split_once('.').unwrap_or((time, "0"));
    let fields: Vec<&str> = clock.split(':').collect();
    let clock_ok = fields.len() == 3
        && fields.iter().all(|f| digits(f, 2))
        && fields[0] < "24"
        && fields[1] < "60"
        && fields[2] <= "60";
    let offset_ok = match offset {
        "" | "Z" | "z" => true,
        o => {
            let hm = &o[1..];
            hm.len() == 5 && digits(&hm[..2], 2) && &hm[2..3] == ":" && digits(&hm[3..], 2)
        }
    };
    clock_ok && !fraction.is_empty() && fraction.bytes().all(|b| b.is_ascii_digit()) && offset_ok
}

fn is_base64(value: &str) -> bool {
    use base64::Engine;
    // Go's decoder skips line breaks inside base64 text.
    let compact: String = value.chars().filter(|c| *c != '\n' && *c != '\r').collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact)
        .is_ok()
}

fn is_cidr(value: &str) -> bool {
    let Some((addr, prefix)) = value.split_once('/') else {
        return false;
    };
    let Ok(addr) = addr.parse::<IpAddr>() else {
        return false;
    };
    let max = if addr.is_ipv4() { 32 } else { 128 };
    prefix.parse::<u8>().is_ok_and(|p| p <= max) && !prefix.starts_with('+')
}

fn is_uuid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn is_mac(value: &str) -> bool {
    let groups: Vec<&str> = value.split([':', '-']).collect();
    matches!(groups.len(), 6 | 8 | 20)
        && groups
            .iter()
            .all(|g| g.len() == 2 && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn is_hostname(value: &str) -> bool {
    value.len() <= 255
        && value.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

fn is_hex_color(value: &str) -> bool {
    let hex = value.strip_prefix('#').unwrap_or(value);
    matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_follow_apimachinery() {
        // ParseQuantity takes a missing number as 0, so even `Gi` is a quantity.
        for good in [
            "1", "0.5", ".5", "1.", "500m", "128Mi", "2Gi", "1G", "1e3", "1E-2", "+1", "-1", "0",
            "Gi",
        ] {
            assert!(is_quantity(good), "{good}");
        }
        for bad in [
            "two-gigs", "2GB", "1K", "500mi", "", "1.2.3", "1 Gi", "1e", "0x10",
        ] {
            assert!(!is_quantity(bad), "{bad}");
        }
    }

    #[test]
    fn mistyped_quantities_get_a_suggestion() {
        assert!(quantity_hint("2GB").contains("`2G` or `2Gi`"));
        assert!(quantity_hint("1K").contains("`1k` or `1Ki`"));
        assert!(quantity_hint("two-gigs").contains("e.g."));
    }

    #[test]
    fn string_formats() {
        assert_eq!(check_string("date-time", "2025-01-31T09:30:00Z"), None);
        assert_eq!(
            check_string("date-time", "2025-01-31T09:30:00.25+01:00"),
            None
        );
        assert!(check_string("date-time", "yesterday").is_some());
        assert!(check_string("date-time", "2025-02-30T09:30:00Z").is_some());
        assert_eq!(check_string("byte", "aGVsbG8="), None);
        assert!(check_string("byte", "hello!").is_some());
        assert_eq!(check_string("cidr", "10.0.0.0/8"), None);
        assert!(check_string("cidr", "10.0.0.0/33").is_some());
        assert_eq!(
            check_string("uuid", "123e4567-e89b-12d3-a456-426614174000"),
            None
        );
        assert_eq!(check_string("unknown-format", "anything"), None);
    }
}
