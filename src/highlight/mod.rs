//! Server-side syntax highlighting with syntect.
//!
//! Tokens are reduced to a dozen short classes (`t-k` keyword, `t-s` string, …; see [`TOKENS`])
//! rather than syntect's one class per scope atom: the HTML stays small (a 200-chapter deck is
//! mostly code) and one tiny generated stylesheet ([`stylesheet`]) colours them for the light
//! and the dark theme. The mapping from scopes to classes is done by syntect's own theme
//! matcher, fed with a theme whose "colours" are class numbers.
//!
//! Highlighting is the hot spot of a build (~1–2 ms per 40-line YAML block), so results are kept
//! in a content-addressed [`cache::HighlightCache`] that the build persists between runs.

pub mod cache;
mod lines;
mod stylesheet;

use std::rc::Rc;
use std::str::FromStr;
use std::sync::LazyLock;
use syntect::highlighting::{
    Color, HighlightIterator, HighlightState, Highlighter as ThemeMatcher, ScopeSelectors,
    StyleModifier, Theme, ThemeItem, ThemeSettings,
};
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};

use crate::html::escape_into;
use lines::{Done, LineStart};
pub use stylesheet::stylesheet;

/// A token class: its CSS class, the scopes it covers, and a scope that shows its colour in a
/// real theme (used to generate the stylesheet).
pub(crate) struct Token {
    pub class: &'static str,
    pub selector: &'static str,
    /// Only the stylesheet generator (a test) reads it.
    #[cfg_attr(not(test), allow(dead_code))]
    pub sample_scope: &'static str,
}

/// Token classes, most specific first where selectors overlap (syntect picks the best match).
pub(crate) const TOKENS: &[Token] = &[
    Token {
        class: "t-c",
        selector: "comment, punctuation.definition.comment",
        sample_scope: "comment.line",
    },
    Token {
        class: "t-s",
        selector: "string, meta.string",
        sample_scope: "string.quoted.double",
    },
    Token {
        class: "t-n",
        selector: "constant.numeric, constant.language, constant.character, constant.other",
        sample_scope: "constant.numeric",
    },
    Token {
        class: "t-k",
        selector: "keyword, storage, keyword.operator.word",
        sample_scope: "keyword.control",
    },
    Token {
        class: "t-e",
        selector: "entity.name.tag, meta.mapping.key string, entity.name.type.anchor",
        sample_scope: "entity.name.tag",
    },
    Token {
        class: "t-f",
        selector: "entity.name.function, support.function, variable.function",
        sample_scope: "entity.name.function",
    },
    Token {
        class: "t-t",
        selector: "entity.name.type, entity.name.class, support.type, support.class, entity.other.inherited-class",
        sample_scope: "entity.name.class",
    },
    Token {
        class: "t-a",
        selector: "entity.other.attribute-name",
        sample_scope: "entity.other.attribute-name",
    },
    Token {
        class: "t-v",
        selector: "variable.other, variable.parameter, support.variable, variable.language, punctuation.definition.variable",
        sample_scope: "variable.parameter",
    },
    Token {
        class: "t-x",
        selector: "constant.character.escape, string.regexp, string.other.link",
        sample_scope: "string.regexp",
    },
    Token {
        class: "t-h",
        selector: "markup.heading, markup.bold",
        sample_scope: "markup.heading",
    },
    Token {
        class: "t-i",
        selector: "markup.inserted",
        sample_scope: "markup.inserted",
    },
    Token {
        class: "t-d",
        selector: "markup.deleted, invalid",
        sample_scope: "markup.deleted",
    },
];

/// Class of the output lines of a `console` block, and of its `$ ` prompts.
pub(crate) const OUTPUT_CLASS: &str = "t-o";
pub(crate) const PROMPT_CLASS: &str = "t-g";

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(two_face::syntax::extra_newlines);

/// A theme whose foreground "colour" for each token class is `Color { r: index + 1, .. }`.
static CLASS_THEME: LazyLock<Theme> = LazyLock::new(|| Theme {
    settings: ThemeSettings {
        foreground: Some(class_color(0)),
        ..ThemeSettings::default()
    },
    scopes: TOKENS
        .iter()
        .enumerate()
        .map(|(i, token)| ThemeItem {
            scope: ScopeSelectors::from_str(token.selector).expect("token selectors are valid"),
            style: StyleModifier {
                foreground: Some(class_color(i + 1)),
                ..StyleModifier::default()
            },
        })
        .collect(),
    ..Theme::default()
});

fn class_color(index: usize) -> Color {
    Color {
        r: index as u8,
        g: 0,
        b: 0,
        a: 0xff,
    }
}

/// Languages that are plain text on purpose: no warning for them.
const PLAIN: &[&str] = &[
    "",
    "text",
    "txt",
    "plain",
    "plaintext",
    "output",
    "none",
    "log",
];

/// Names authors use that syntect knows by another name.
fn alias(lang: &str) -> &str {
    match lang {
        "shell" | "sh" | "zsh" | "bash" | "shell-session" => "bash",
        "yml" | "yaml" | "k8s" | "kubernetes" => "yaml",
        "docker" | "containerfile" => "dockerfile",
        "golang" => "go",
        "py" => "python",
        "rs" => "rust",
        "js" | "javascript" => "js",
        "ts" => "typescript",
        other => other,
    }
}

/// The outcome of highlighting one block: HTML for each line, without line wrappers.
pub type Lines = Vec<String>;

/// Whether `lang` is highlighted (known), plain on purpose, or unknown (plain, with a warning).
#[derive(Debug, Clone, Copy)]
pub enum Language<'a> {
    Known(&'a SyntaxReference),
    Console,
    Plain,
    Unknown,
}

pub fn language(lang: &str) -> Language<'static> {
    let lower = lang.to_ascii_lowercase();
    if PLAIN.contains(&lower.as_str()) {
        return Language::Plain;
    }
    if lower == "console" || lower == "terminal" {
        return Language::Console;
    }
    let name = alias(&lower);
    // "PHP" starts in HTML and highlights nothing before a `<?php`; slides show PHP without it
    // (as reveal.js's highlight.js does), so a block tagged php is PHP source.
    let php = (name == "php").then(|| SYNTAXES.find_syntax_by_name("PHP Source"));
    match php
        .flatten()
        .or_else(|| SYNTAXES.find_syntax_by_token(name))
    {
        Some(syntax) => Language::Known(syntax),
        None => Language::Unknown,
    }
}

/// Highlight `code` as `lang`: one HTML string per line, escaped, tokens wrapped in `span.t-*`.
pub fn highlight_uncached(lang: &str, code: &str) -> Lines {
    match language(lang) {
        Language::Known(syntax) => highlight_syntax(syntax, code),
        Language::Console => highlight_console(code),
        Language::Plain | Language::Unknown => code.lines().map(crate::html::escape).collect(),
    }
}

fn highlight_syntax(syntax: &SyntaxReference, code: &str) -> Lines {
    let matcher = ThemeMatcher::new(&CLASS_THEME);
    lines::with_memo(|memo| {
        let first = LineStart {
            parse: ParseState::new(syntax),
            highlight: HighlightState::new(&matcher, ScopeStack::new()),
        };
        // The state at the start of the current line: numbered when it can be found in the
        // memo, in hand when the previous line was parsed (at least one of the two).
        let mut number = memo.intern(&first);
        let mut live = Some(first);
        let mut out = Vec::new();
        for line in code.lines() {
            if let Some(done) = number.and_then(|n| memo.get(n, line)) {
                out.push(done.html.to_string());
                number = Some(done.next);
                live = None;
                continue;
            }
            let mut state = match (live.take(), number) {
                (Some(state), _) => state,
                (None, Some(n)) => memo.start(n),
                (None, None) => unreachable!("a line starts in a numbered state or one in hand"),
            };
            let html = highlight_line(&mut state, line, &matcher);
            let next = memo.intern(&state);
            if let (Some(n), Some(next)) = (number, next) {
                let html = Rc::from(html.as_str());
                memo.put(n, line, Done { html, next });
            }
            out.push(html);
            number = next;
            live = Some(state);
        }
        out
    })
}

/// One line's HTML, moving `state` past it.
fn highlight_line(state: &mut LineStart, line: &str, matcher: &ThemeMatcher) -> String {
    // The syntaxes are the "newlines" variant: they expect each line to end with '\n'.
    let with_newline = format!("{line}\n");
    let mut html = String::with_capacity(line.len() * 2);
    match state.parse.parse_line(&with_newline, &SYNTAXES) {
        Ok(ops) => {
            let mut pending: Option<(u8, String)> = None;
            for (style, text) in
                HighlightIterator::new(&mut state.highlight, &ops, &with_newline, matcher)
            {
                let text = text.strip_suffix('\n').unwrap_or(text);
                if text.is_empty() {
                    continue;
                }
                let class = style.foreground.r;
                match &mut pending {
                    Some((current, buffer)) if *current == class || text.trim().is_empty() => {
                        buffer.push_str(text)
                    }
                    _ => {
                        if let Some((current, buffer)) = pending.take() {
                            push_token(&mut html, current, &buffer);
                        }
                        pending = Some((class, text.to_string()));
                    }
                }
            }
            if let Some((current, buffer)) = pending {
                push_token(&mut html, current, &buffer);
            }
        }
        // A grammar failure must not lose the code: show the line plain.
        Err(_) => escape_into(line, &mut html),
    }
    html
}

fn push_token(html: &mut String, class: u8, text: &str) {
    if class == 0 || text.trim().is_empty() {
        escape_into(text, html);
        return;
    }
    html.push_str("<span class=\"");
    html.push_str(TOKENS[class as usize - 1].class);
    html.push_str("\">");
    escape_into(text, html);
    html.push_str("</span>");
}

/// A shell session: `$ ` lines are commands (highlighted as bash), the rest is output.
fn highlight_console(code: &str) -> Lines {
    let bash = SYNTAXES
        .find_syntax_by_token("bash")
        .expect("bash is a default syntax");
    code.lines()
        .map(|line| {
            let mut html = String::new();
            if let Some(command) = line.strip_prefix("$ ") {
                html.push_str(&format!("<span class=\"{PROMPT_CLASS}\">$ </span>"));
                html.push_str(&highlight_syntax(bash, command).concat());
            } else if !line.is_empty() {
                html.push_str(&format!("<span class=\"{OUTPUT_CLASS}\">"));
                escape_into(line, &mut html);
                html.push_str("</span>");
            }
            html
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_keys_strings_and_numbers_get_their_classes() {
        let lines = highlight_uncached(
            "yaml",
            "apiVersion: v1 # core\nreplicas: 3\nname: \"web\"\n",
        );
        assert!(
            lines[0].contains(r#"<span class="t-e">apiVersion</span>"#),
            "{}",
            lines[0]
        );
        assert!(
            lines[0].contains(r#"<span class="t-c"># core</span>"#),
            "{}",
            lines[0]
        );
        assert!(
            lines[1].contains(r#"<span class="t-n">3</span>"#),
            "{}",
            lines[1]
        );
        assert!(lines[2].contains("t-s"), "{}", lines[2]);
    }

    #[test]
    fn php_without_its_opening_tag_is_highlighted() {
        let lines = highlight_uncached("php", "public function foo()\n{\n    $foo = 1;\n}\n");
        assert!(lines[0].contains("<span class=\"t-"), "{}", lines[0]);
        assert!(lines[2].contains("<span class=\"t-"), "{}", lines[2]);
    }

    #[test]
    fn every_required_language_is_known() {
        for lang in [
            "yaml",
            "bash",
            "shell",
            "json",
            "toml",
            "go",
            "python",
            "dockerfile",
            "rust",
        ] {
            assert!(matches!(language(lang), Language::Known(_)), "{lang}");
        }
        assert!(matches!(language("console"), Language::Console));
        assert!(matches!(language("klingon"), Language::Unknown));
    }

    #[test]
    fn unknown_languages_are_escaped_plain_text() {
        let lines = highlight_uncached("klingon", "</script><script>alert(1)</script>");
        assert_eq!(
            lines,
            ["&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"]
        );
    }

    #[test]
    fn shell_commands_stand_out_but_their_arguments_do_not() {
        let line = &highlight_uncached("bash", "kubectl auth can-i patch deployments -n shop\n")[0];
        assert!(
            line.starts_with(r#"<span class="t-f">kubectl</span> "#),
            "{line}"
        );
        assert!(
            line.contains("</span> auth can-i patch deployments"),
            "{line}"
        );
        assert!(!line.contains(r#"t-f">shop"#), "{line}");
    }

    /// Lines met again come from the memo: they must read exactly as if parsed afresh, inside
    /// YAML block scalars and shell heredocs too (states holding a capture).
    #[test]
    fn memoised_lines_match_a_fresh_highlight() {
        let yaml =
            "kind: ConfigMap\ndata:\n  app.yaml: |\n    port: 80\n    name: web\n  other: 1\n";
        let warm_up =
            "kind: ConfigMap\nmetadata:\n  name: web\ndata:\n  app.yaml: |\n    name: web\n";
        let bash = "cat <<EOF > x\nkind: Pod\nEOF\nkubectl apply -f x\n";
        let fresh = |lang: &'static str, code: &'static str| {
            std::thread::spawn(move || highlight_uncached(lang, code))
                .join()
                .unwrap()
        };
        let expected_yaml = fresh("yaml", yaml);
        let expected_bash = fresh("bash", bash);
        assert!(expected_yaml[3].contains("port: 80"), "{expected_yaml:?}");
        std::thread::spawn(move || {
            highlight_uncached("yaml", warm_up);
            highlight_uncached("bash", "kubectl apply -f x\ncat <<EOF > x\n");
            for _ in 0..2 {
                assert_eq!(highlight_uncached("yaml", yaml), expected_yaml);
                assert_eq!(highlight_uncached("bash", bash), expected_bash);
            }
        })
        .join()
        .unwrap();
    }

    #[test]
    fn console_blocks_split_commands_from_output() {
        let lines = highlight_uncached("console", "$ kubectl get pods\nNAME READY\n");
        assert!(lines[0].starts_with(r#"<span class="t-g">$ </span>"#));
        assert_eq!(lines[1], r#"<span class="t-o">NAME READY</span>"#);
    }
}
