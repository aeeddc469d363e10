//! Constructs of the other dialect found in a chapter: each is shown as the chapter's own
//! dialect has it (usually as text), with a warning that names the line and suggests `syntax`.
//! One warning per kind of construct and chapter, counting the others.

use regress::Regex;
use std::sync::LazyLock;

use super::Context;
use super::lines::prose_lines;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// remark's content-class opener, as its lexer has it.
static CONTENT_CLASS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\\)?((?:\.[a-zA-Z_\-][a-zA-Z\-_0-9]*)+)\[").unwrap());
/// The slide properties remark acts on, when they lead a slide.
static REMARK_PROPERTY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(class|name|layout|template|count|exclude|background-image|background-color|background-size|background-position|highlight-style):").unwrap()
});
static REVEAL_NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::with_flags(r"^notes?:", "i").unwrap());

/// A kind of construct: the first place it was found and how many there are.
struct Found {
    what: String,
    effect: &'static str,
    first: usize,
    count: usize,
}

#[derive(Default)]
struct Findings(Vec<Found>);

impl Findings {
    fn add(&mut self, what: &str, effect: &'static str, offset: usize) {
        match self.0.iter_mut().find(|f| f.effect == effect) {
            Some(found) => found.count += 1,
            None => self.0.push(Found {
                what: what.to_string(),
                effect,
                first: offset,
                count: 1,
            }),
        }
    }

    fn report(self, context: &Context<'_>, other: &str, diagnostics: &mut Diagnostics) {
        for found in self.0 {
            let more = match found.count {
                1 => String::new(),
                n => format!(" ({} more in this chapter)", n - 1),
            };
            diagnostics.push(
                Diagnostic::warning(
                    context.path,
                    (context.pos)(found.first),
                    format!("{} is {other} syntax: {}{more}", found.what, found.effect),
                )
                .with_hint(format!(
                    "if the chapter is written for {other}, set `syntax = \"{other}\"` in its front matter or in workshop.toml"
                )),
            );
        }
    }
}

/// remark constructs in a chapter read as reveal.
pub fn remark_in_reveal(
    body: &str,
    body_offset: usize,
    context: &Context<'_>,
    diagnostics: &mut Diagnostics,
) {
    let mut found = Findings::default();
    let mut slide_top = true;
    for (offset, line) in prose_lines(body) {
        let at = body_offset + offset;
        let trimmed = line.trim_end();
        match trimmed {
            "---" | "----" => {
                slide_top = true;
                continue;
            }
            "--" => found.add(
                "a line `--`",
                "remark's incremental step is a plain line here (reveal-md's vertical separator is `----`)",
                at,
            ),
            "???" => found.add(
                "a line `???`",
                "remark's notes marker shows as text here; reveal notes start with `Note:`",
                at,
            ),
            "" => continue,
            _ => {
                if slide_top && REMARK_PROPERTY.find(trimmed).is_some() {
                    found.add(
                        &format!("`{}`", trimmed.split(':').next().unwrap_or("")),
                        "a remark slide property, shown as text here",
                        at,
                    );
                    continue;
                }
                if let Some(class) = content_class(trimmed) {
                    found.add(
                        &format!("`{class}[`"),
                        "a remark content class, shown as text here",
                        at + line.find(&class).unwrap_or(0),
                    );
                }
            }
        }
        slide_top = false;
    }
    found.report(context, "remark", diagnostics);
}

/// reveal constructs in a chapter read as remark.
pub fn reveal_in_remark(
    body: &str,
    body_offset: usize,
    context: &Context<'_>,
    diagnostics: &mut Diagnostics,
) {
    let mut found = Findings::default();
    for (offset, line) in prose_lines(body) {
        let at = body_offset + offset;
        if line.trim_end() == "----" {
            found.add(
                "a line `----`",
                "reveal-md's vertical separator is a plain rule here",
                at,
            );
        } else if REVEAL_NOTE.find(line).is_some() {
            found.add(
                "a line starting `Note:`",
                "remark has no such rule: the line and those after it stay on the slide (a first line becomes a hidden slide property); remark notes follow a line `???`",
                at,
            );
        } else if let Some(col) = line
            .find("<!-- .slide:")
            .or_else(|| line.find("<!-- .element:"))
        {
            found.add(
                "a `<!-- .slide: -->` or `<!-- .element: -->` comment",
                "remark ignores it, deckhand still applies it",
                at + col,
            );
        }
    }
    found.report(context, "reveal", diagnostics);
}

/// The first remark content class opened on `line` outside inline code, e.g. `.lab`.
fn content_class(line: &str) -> Option<String> {
    if !line.contains("[") {
        return None;
    }
    let mut in_code = false;
    let mut last = 0;
    for (i, c) in line.char_indices() {
        if c == '`' {
            if !in_code
                && let Some(found) = CONTENT_CLASS.find(&line[last..i])
                && !line[last..].starts_with('\\')
            {
                return Some(line[last + found.start()..last + found.end() - 1].to_string());
            }
            in_code = !in_code;
            last = i + 1;
        }
    }
    if in_code {
        return None;
    }
    CONTENT_CLASS
        .find(&line[last..])
        .filter(|found| !line[last + found.start()..].starts_with('\\'))
        .map(|found| line[last + found.start()..last + found.end() - 1].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_classes_outside_inline_code() {
        assert_eq!(content_class(".lab["), Some(".lab".into()));
        assert_eq!(content_class("see .footnote[x]"), Some(".footnote".into()));
        assert_eq!(content_class("`a.b[0]` is code"), None);
        assert_eq!(content_class("\\.escaped[x]"), None);
        assert_eq!(content_class("[link](x.md)"), None);
    }
}
