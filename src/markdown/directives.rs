//! Misspelt directives: `{{#includes …}}`, `{{ #include …}}`, `{{#inlcude …}}` and an include
//! outside the code block it must fill would otherwise reach the slide as plain text, with no
//! warning. Here they are found in the chapter's source and reported with a did-you-mean.
//!
//! Only text that looks like a directive of ours is reported: `{{`, optional spaces, `#`, and a
//! name that is one of [`DIRECTIVES`] or close to one. Template syntax that merely shares the
//! braces (Helm's `{{ .Values.x }}`, Handlebars' `{{#each}}`) is left alone, and `\{{` writes
//! the braces literally, as in mdBook.

use crate::diagnostics::did_you_mean;

/// The directives deckhand knows.
pub const DIRECTIVES: &[&str] = &["include", "toc"];

/// Where a directive-like text appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Inside a fenced code block whose whole content is not an include.
    CodeBlock,
    /// In a slide's or note's text.
    Prose,
}

/// A directive-like text that deckhand will not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misspelt {
    /// Byte offset of its `{{` in the scanned text.
    pub at: usize,
    pub message: String,
    pub hint: String,
}

/// Every directive-like text in `source[start..]` (raw chapter source: the text before `start`
/// tells whether a `{{` is escaped) that is not a directive deckhand runs there.
pub fn find(source: &str, start: usize, place: Place) -> Vec<Misspelt> {
    let mut found = Vec::new();
    let mut from = start;
    while let Some(rel) = source[from..].find("{{") {
        let at = from + rel;
        from = at + 2;
        if source[..at].ends_with('\\') {
            continue;
        }
        if let Some(problem) = check(&source[at..], place) {
            found.push(Misspelt { at, ..problem });
        }
    }
    found
}

/// `text` starts with `{{`.
fn check(text: &str, place: Place) -> Option<Misspelt> {
    let after_braces = &text[2..];
    let hash_rel = after_braces.len() - after_braces.trim_start_matches([' ', '\t']).len();
    let after_hash = after_braces[hash_rel..].strip_prefix('#')?;
    let name_rel = after_hash.len() - after_hash.trim_start_matches([' ', '\t']).len();
    let rest = &after_hash[name_rel..];
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    let written = &rest[..name_len];
    if written.is_empty() {
        return None;
    }
    let lower = written.to_ascii_lowercase();
    let known = DIRECTIVES
        .iter()
        .copied()
        .find(|d| *d == lower)
        .or_else(|| {
            DIRECTIVES
                .iter()
                .copied()
                .find(|d| lower.starts_with(d))
                .or_else(|| did_you_mean(&lower, DIRECTIVES.iter().copied()))
        })?;
    let shown = format!(
        "{{{{{}#{}{}",
        &after_braces[..hash_rel],
        &after_hash[..name_rel],
        written
    );
    let exact = hash_rel == 0 && name_rel == 0 && written == known;
    let problem = |message: String, hint: String| {
        Some(Misspelt {
            at: 0,
            message,
            hint,
        })
    };
    if !exact {
        return problem(
            format!("`{shown}` is not a directive deckhand knows; it would show as text"),
            format!(
                "did you mean `{{{{#{known}`? (no spaces inside, e.g. `{}`); write `\\{{{{` to show the braces as they are",
                if known == "toc" {
                    "{{#toc}}"
                } else {
                    "{{#include samples/pod.yaml}}"
                }
            ),
        );
    }
    // A `{{#toc}}` alone in its paragraph never reaches here (`markdown::toc` takes it).
    if known == "toc" {
        return problem(
            "`{{#toc}}` works only alone in a paragraph of a slide; here it would show as text".to_string(),
            "put `{{#toc}}` or `{{#toc chapter}}` on a line of its own with blank lines around it, or write `\\{{` to show the braces as they are".to_string(),
        );
    }
    match place {
        Place::Prose => problem(
            format!("`{{{{#{known}}}}}` works only as the whole content of a fenced code block; here it would show as text"),
            "put it alone in a code block: ```yaml, then `{{#include samples/pod.yaml}}`, then ```; or write `\\{{` to show the braces as they are".to_string(),
        ),
        Place::CodeBlock => problem(
            format!("`{{{{#{known}}}}}` must be the whole content of its code block; here it would show as text"),
            "give each include a code block of its own, or write `\\{{` to show the braces as they are".to_string(),
        ),
    }
}

/// A code block's text with the backslash of each escaped directive (`\\{{#include …`) dropped:
/// the way to show one literally. Other backslashes (a shell's `\\{{a,b}}`) stay.
pub fn unescape(code: &str) -> std::borrow::Cow<'_, str> {
    let escaped: Vec<usize> = code
        .match_indices("\\{{")
        .map(|(at, _)| at)
        .filter(|&at| check(&code[at + 1..], Place::CodeBlock).is_some())
        .collect();
    if escaped.is_empty() {
        return code.into();
    }
    let mut out = String::with_capacity(code.len());
    let mut from = 0;
    for at in escaped {
        out.push_str(&code[from..at]);
        from = at + 1;
    }
    out.push_str(&code[from..]);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str, place: Place) -> Vec<(usize, String, String)> {
        find(text, 0, place)
            .into_iter()
            .map(|m| (m.at, m.message, m.hint))
            .collect()
    }

    #[test]
    fn misspellings_are_found_with_a_did_you_mean() {
        for text in [
            "{{#includes a.yaml}}",
            "{{ #include a.yaml }}",
            "{{# include a.yaml}}",
            "{{#inlcude a.yaml}}",
            "{{#Include a.yaml}}",
            "{{#incldue a.yaml}}",
        ] {
            let found = messages(&format!("x: 1\n{text}\n"), Place::CodeBlock);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].0, 5, "{text}");
            assert!(
                found[0].1.contains("not a directive"),
                "{text}: {}",
                found[0].1
            );
            assert!(
                found[0].2.starts_with("did you mean `{{#include`?"),
                "{}",
                found[0].2
            );
        }
    }

    #[test]
    fn the_message_quotes_what_was_written() {
        let found = messages("{{ #include a.yaml }}", Place::Prose);
        assert!(
            found[0].1.starts_with("`{{ #include` is not"),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn a_correct_include_in_the_wrong_place_is_reported_for_that_place() {
        let prose = messages("See {{#include a.yaml}} here", Place::Prose);
        assert_eq!(prose.len(), 1);
        assert_eq!(prose[0].0, 4);
        assert!(
            prose[0]
                .1
                .contains("only as the whole content of a fenced code block")
        );
        let code = messages(
            "{{#include a.yaml}}\n{{#include b.yaml}}\n",
            Place::CodeBlock,
        );
        assert_eq!(code.len(), 2);
        assert!(code[0].1.contains("whole content of its code block"));
    }

    #[test]
    fn other_template_syntax_and_escapes_are_left_alone() {
        for text in [
            "image: {{ .Values.image }}",
            "{{#each items}}{{/each}}",
            "{{#if ok}}yes{{/if}}",
            "{{> partial}}",
            "{{}}",
            "{{#}}",
            "\\{{#include a.yaml}}",
            "\\{{#includes a.yaml}}",
            "{{",
        ] {
            assert!(find(text, 0, Place::Prose).is_empty(), "{text}");
        }
        // A text event that starts after the backslash that escapes it.
        assert!(find("\\{{#includes a}}", 1, Place::Prose).is_empty());
        assert_eq!(unescape("\\{{#include a}}\n"), "{{#include a}}\n");
        assert_eq!(unescape("x \\{{ #includes a}}"), "x {{ #includes a}}");
        assert_eq!(
            unescape("echo \\{{a,b}} \\{{#each}}"),
            "echo \\{{a,b}} \\{{#each}}"
        );
    }
}
