//! HTML attribute lists written by authors: `class="fragment" data-fragment-index=2 id=intro`,
//! as found in `<!-- .slide: … -->` / `<!-- .element: … -->` comments and code-block info strings.

use std::fmt::Write;

/// Parsed attributes, classes kept apart so that several sources can be merged.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Attributes {
    pub id: Option<String>,
    pub classes: Vec<String>,
    /// Every other attribute, in the order written. A bare name has an empty value.
    pub others: Vec<(String, String)>,
}

impl Attributes {
    /// Parse `name`, `name=value`, `name="value"` or `name='value'` items separated by spaces.
    pub fn parse(text: &str) -> Result<Attributes, String> {
        let mut attrs = Attributes::default();
        let mut rest = text.trim();
        while !rest.is_empty() {
            let name_len = rest
                .find(|c: char| c.is_whitespace() || c == '=')
                .unwrap_or(rest.len());
            let name = &rest[..name_len];
            if !valid_name(name) {
                return Err(format!("`{name}` is not a valid attribute name"));
            }
            rest = rest[name_len..].trim_start();
            let value = if let Some(after_eq) = rest.strip_prefix('=') {
                let after_eq = after_eq.trim_start();
                let (value, remaining) = match after_eq.chars().next() {
                    Some(quote @ ('"' | '\'')) => {
                        let body = &after_eq[1..];
                        let end = body.find(quote).ok_or_else(|| {
                            format!("the value of `{name}` has no closing {quote}")
                        })?;
                        (&body[..end], &body[end + 1..])
                    }
                    Some(_) => {
                        let end = after_eq.find(char::is_whitespace).unwrap_or(after_eq.len());
                        (&after_eq[..end], &after_eq[end..])
                    }
                    None => return Err(format!("`{name}=` has no value")),
                };
                rest = remaining.trim_start();
                value.to_string()
            } else {
                String::new()
            };
            attrs.set(name, value);
        }
        Ok(attrs)
    }

    /// Set one attribute; `class` values add to the class list.
    pub fn set(&mut self, name: &str, value: String) {
        match name {
            "class" => self
                .classes
                .extend(value.split_whitespace().map(str::to_string)),
            "id" => self.id = Some(value),
            _ => {
                if let Some(slot) = self.others.iter_mut().find(|(n, _)| n == name) {
                    slot.1 = value;
                } else {
                    self.others.push((name.to_string(), value));
                }
            }
        }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.others
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn add_class(&mut self, class: &str) {
        if !self.has_class(class) {
            self.classes.push(class.to_string());
        }
    }

    pub fn has_class(&self, class: &str) -> bool {
        self.classes.iter().any(|c| c == class)
    }

    /// Merge `other` into `self`: classes are added, other attributes overwritten.
    pub fn merge(&mut self, other: Attributes) {
        if other.id.is_some() {
            self.id = other.id;
        }
        for class in other.classes {
            self.add_class(&class);
        }
        for (name, value) in other.others {
            self.set(&name, value);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.id.is_none() && self.classes.is_empty() && self.others.is_empty()
    }

    /// ` id="…" class="…" name="…"`, escaped, with a leading space per attribute.
    pub fn to_html(&self) -> String {
        let mut out = String::new();
        self.write_html(&mut out);
        out
    }

    pub fn write_html(&self, out: &mut String) {
        if let Some(id) = &self.id {
            let _ = write!(out, " id=\"{}\"", escape(id));
        }
        if !self.classes.is_empty() {
            let _ = write!(out, " class=\"{}\"", escape(&self.classes.join(" ")));
        }
        for (name, value) in &self.others {
            let _ = write!(out, " {name}=\"{}\"", escape(value));
        }
    }
}

fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == ':')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
}

/// Escape text for an HTML attribute value or element content.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(text, &mut out);
    out
}

pub fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_quoted_unquoted_and_bare_attributes() {
        let a =
            Attributes::parse(r#"class="fragment fade-up" data-fragment-index=2 hidden id='x'"#)
                .unwrap();
        assert_eq!(a.classes, ["fragment", "fade-up"]);
        assert_eq!(a.get("data-fragment-index"), Some("2"));
        assert_eq!(a.get("hidden"), Some(""));
        assert_eq!(a.id.as_deref(), Some("x"));
        assert_eq!(
            a.to_html(),
            r#" id="x" class="fragment fade-up" data-fragment-index="2" hidden="""#
        );
    }

    #[test]
    fn rejects_broken_lists() {
        assert!(Attributes::parse(r#"class="open"#).is_err());
        assert!(Attributes::parse(r#"<b>=1"#).is_err());
        assert!(Attributes::parse("a=").is_err());
    }

    #[test]
    fn values_are_escaped() {
        let a = Attributes::parse(r#"title='"><script>'"#).unwrap();
        assert_eq!(a.to_html(), r#" title="&quot;&gt;&lt;script&gt;""#);
    }
}
