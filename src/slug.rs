//! Slugs: the lowercase, dashed names chapters and headings get in URLs and ids.

/// Whether `text` is a usable slug: lowercase letters, digits and single dashes.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !text.starts_with('-')
        && !text.ends_with('-')
}

/// Lowercase ASCII words joined by dashes, for slugs and heading ids.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase().filter(char::is_ascii_alphanumeric));
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_dashed() {
        assert_eq!(
            slugify("Exposing apps: Services & Ingress!"),
            "exposing-apps-services-ingress"
        );
        assert_eq!(slugify("Déjà vu"), "dj-vu");
        assert!(is_slug("data-room"));
        assert!(!is_slug("Data Room"));
    }
}
