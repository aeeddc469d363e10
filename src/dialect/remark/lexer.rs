//! remark's lexer (`src/remark/lexer.js`), with its regular expressions as they are, run by an
//! ECMAScript regex engine so that they mean what they mean in remark: indented and fenced code
//! and inline code are opaque; `---` (or `<!-- break -->`) and `--` lines separate slides, a
//! line `???` starts the notes; `.class[…]` opens a content class that runs to its matching `]`
//! (brackets counted over the raw text, code included), whose inside is lexed again without
//! separators; link definitions and `![:macro]` calls are tokens of their own.

use regress::Regex;
use std::ops::Range;
use std::sync::LazyLock;

const CODE: &str = r"(?:^|\n\n)( {4}[^\n]+\n*)+";
const INLINE_CODE: &str = r"\`([^\`].*?)\`";
const CONTENT: &str = r"(?:\\)?((?:\.[a-zA-Z_\-][a-zA-Z\-_0-9]*)+)\[";
const FENCES: &str = r"(?:^|\n) *(`{3,}|~{3,}) *(?:\S+)? *\n(?:[\s\S]+?)\s*\4 *(?:\n+|$)";
const DEF: &str = r#"(?:^|\n) *\[([^\]]+)\]: *<?([^\s>]+)>?(?: +["(]([^\n]+)[")])? *(?:\n+|$)"#;
const MACRO: &str = r"!\[:([^\] ]+)([^\]]*)\](?:\(([^\)]*)\))?";
const SLIDE_SEPARATOR: &str = r"(?:^|\n)(---|<!--\s*break\s*-->)(?:\n|$)";
const FRAGMENT_SEPARATOR: &str = r"(?:^|\n)(--)(?![^\n])";
const NOTES_SEPARATOR: &str = r"(?:^|\n)(\?{3})(?:\n|$)";

// Capture groups of the joined expressions, as remark numbers them.
const G_CODE: usize = 1;
const G_INLINE_CODE: usize = 2;
const G_CONTENT: usize = 3;
const G_FENCES: usize = 4;
const G_DEF: usize = 5;
const G_DEF_HREF: usize = 6;
const G_DEF_TITLE: usize = 7;
const G_MACRO: usize = 8;
const G_MACRO_ARGS: usize = 9;
const G_MACRO_OBJ: usize = 10;
const G_SLIDE_SEPARATOR: usize = 11;
const G_FRAGMENT_SEPARATOR: usize = 12;
const G_NOTES_SEPARATOR: usize = 13;

/// Everything, between slides.
static BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    let parts = [
        CODE,
        INLINE_CODE,
        CONTENT,
        FENCES,
        DEF,
        MACRO,
        SLIDE_SEPARATOR,
        FRAGMENT_SEPARATOR,
        NOTES_SEPARATOR,
    ];
    Regex::new(&parts.join("|")).expect("remark's block expression")
});
/// Inside a content class: no separators.
static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    let parts = [CODE, INLINE_CODE, CONTENT, FENCES, DEF, MACRO];
    Regex::new(&parts.join("|")).expect("remark's inline expression")
});

/// A token; ranges and offsets are byte offsets into the lexed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// Text, code and fenced code alike: kept as written.
    Text(Range<usize>),
    Def {
        id: String,
        href: String,
        title: Option<String>,
    },
    Macro {
        name: String,
        args: Vec<String>,
        at: usize,
    },
    /// `---` or `<!-- break -->` (a new slide), `--` (a continuation).
    Separator {
        continued: bool,
        at: usize,
    },
    Notes {
        at: usize,
    },
    ContentStart {
        classes: Vec<String>,
        block: bool,
        at: usize,
    },
    ContentEnd {
        block: bool,
        at: usize,
    },
}

/// A `.class[` whose `]` never comes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unterminated {
    pub class: String,
    pub at: usize,
}

/// Lex `src` as remark does.
pub fn lex(src: &str) -> (Vec<Token>, Vec<Unterminated>) {
    let mut tokens = Vec::new();
    let mut unterminated = Vec::new();
    lex_range(src, 0, src.len(), &BLOCK, &mut tokens, &mut unterminated);
    (tokens, unterminated)
}

fn lex_range(
    src: &str,
    mut pos: usize,
    end: usize,
    regex: &Regex,
    tokens: &mut Vec<Token>,
    unterminated: &mut Vec<Unterminated>,
) {
    while pos < end {
        // remark cuts the text after each token, so `^` matches where the rest starts.
        let Some(found) = regex.find(&src[pos..end]) else {
            break;
        };
        let (start, stop) = (pos + found.start(), pos + found.end());
        let base = pos;
        let group =
            |m: &regress::Match, i: usize| m.group(i).map(|r| (r.start + base, r.end + base));
        if start > pos {
            tokens.push(Token::Text(pos..start));
        }
        let text = |r: Option<(usize, usize)>| r.map(|(a, b)| src[a..b].to_string());
        if group(&found, G_CODE).is_some()
            || group(&found, G_INLINE_CODE).is_some()
            || group(&found, G_FENCES).is_some()
        {
            tokens.push(Token::Text(start..stop));
        } else if let Some(id) = text(group(&found, G_DEF)) {
            tokens.push(Token::Def {
                id: id.to_lowercase(),
                href: text(group(&found, G_DEF_HREF)).unwrap_or_default(),
                title: text(group(&found, G_DEF_TITLE)),
            });
        } else if let Some(name) = text(group(&found, G_MACRO)) {
            let args = text(group(&found, G_MACRO_ARGS)).unwrap_or_default();
            let _obj = text(group(&found, G_MACRO_OBJ));
            tokens.push(Token::Macro {
                name,
                args: args.split(',').map(|a| a.trim().to_string()).collect(),
                at: start,
            });
        } else if let Some((a, b)) =
            group(&found, G_SLIDE_SEPARATOR).or_else(|| group(&found, G_FRAGMENT_SEPARATOR))
        {
            tokens.push(Token::Separator {
                continued: &src[a..b] == "--",
                at: a,
            });
        } else if let Some((a, _)) = group(&found, G_NOTES_SEPARATOR) {
            tokens.push(Token::Notes { at: a });
        } else if let Some((a, b)) = group(&found, G_CONTENT) {
            let escaped = src[start..].starts_with('\\');
            match closing_bracket(src, stop, end) {
                Some(close) if escaped => {
                    // `\.class[…]` is the text without its backslash.
                    tokens.push(Token::Text(start + 1..close + 1));
                    pos = close + 1;
                    continue;
                }
                Some(close) => {
                    let block = src[stop..close].contains('\n');
                    tokens.push(Token::ContentStart {
                        classes: src[a + 1..b].split('.').map(str::to_string).collect(),
                        block,
                        at: start,
                    });
                    lex_range(src, stop, close, &INLINE, tokens, unterminated);
                    tokens.push(Token::ContentEnd { block, at: close });
                    pos = close + 1;
                    continue;
                }
                None => {
                    if !escaped {
                        unterminated.push(Unterminated {
                            class: src[a..b].to_string(),
                            at: start,
                        });
                    }
                    tokens.push(Token::Text(start..stop));
                }
            }
        }
        pos = stop;
    }
    if pos < end {
        tokens.push(Token::Text(pos..end));
    }
}

/// remark's `getTextInBrackets`: the `]` that brings the depth back to 0, counting every `[`
/// and `]` from `from` on.
fn closing_bracket(src: &str, from: usize, end: usize) -> Option<usize> {
    let mut depth = 1usize;
    for (i, byte) in src.as_bytes()[from..end].iter().enumerate() {
        match byte {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(from + i);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<String> {
        lex(src)
            .0
            .iter()
            .map(|t| match t {
                Token::Text(r) => format!("text {:?}", &src[r.clone()]),
                Token::Def { id, .. } => format!("def {id}"),
                Token::Macro { name, .. } => format!("macro {name}"),
                Token::Separator { continued, .. } => format!("sep {continued}"),
                Token::Notes { .. } => "notes".into(),
                Token::ContentStart { classes, block, .. } => {
                    format!("start {} {block}", classes.join("."))
                }
                Token::ContentEnd { .. } => "end".into(),
            })
            .collect()
    }

    #[test]
    fn separators_and_notes() {
        assert_eq!(
            kinds("a\n---\nb\n--\nc\n???\nn"),
            [
                "text \"a\"",
                "sep false",
                "text \"b\"",
                "sep true",
                "text \"\\nc\"",
                "notes",
                "text \"n\""
            ]
        );
    }

    #[test]
    fn fences_hide_separators() {
        let k = kinds("a\n```yaml\nx: 1\n---\ny: 2\n```\n---\nb");
        assert_eq!(k.iter().filter(|k| k.starts_with("sep")).count(), 1);
    }

    #[test]
    fn content_classes_nest_and_keep_separators_inside() {
        let k = kinds(".lab[\n---\n.red[x]\n] after");
        assert_eq!(
            k,
            [
                "start lab true",
                "text \"\\n---\\n\"",
                "start red false",
                "text \"x\"",
                "end",
                "text \"\\n\"",
                "end",
                "text \" after\""
            ]
        );
    }

    #[test]
    fn escaped_and_unterminated_classes() {
        assert_eq!(kinds("\\.red[x]"), ["text \".red[x]\""]);
        let (_, unterminated) = lex("text .lab[ never closed\n---\nnext");
        assert_eq!(unterminated[0].class, ".lab");
        assert_eq!(unterminated[0].at, 5);
    }

    #[test]
    fn link_definitions_and_macros_are_tokens() {
        assert_eq!(
            kinds("a\n\n[Ref]: https://x.org \"T\"\nb ![:hello 1, 2]"),
            ["text \"a\\n\"", "def ref", "text \"b \"", "macro hello"]
        );
    }
}
