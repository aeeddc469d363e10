//! Which dialect a Markdown deck is written in, when nothing says: the constructs only one of
//! them has, counted.

use crate::dialect::Syntax;

/// The dialect whose own constructs `markdown` uses more; reveal when it is a tie.
pub fn syntax_of(markdown: &str) -> Syntax {
    let (mut remark, mut reveal) = (0usize, 0usize);
    let mut slide_top = true;
    let mut fence = false;
    for line in markdown.lines() {
        let trimmed = line.trim_end();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = !fence;
            continue;
        }
        if fence {
            continue;
        }
        match trimmed {
            "--" | "???" => remark += 1,
            "----" => reveal += 1,
            "---" => {
                slide_top = true;
                continue;
            }
            "" => continue,
            _ => {
                let lower = trimmed.to_ascii_lowercase();
                if lower.starts_with("note:") || lower.starts_with("notes:") {
                    reveal += 1;
                }
                if trimmed.contains("<!-- .slide:") || trimmed.contains("<!-- .element:") {
                    reveal += 1;
                }
                if slide_top
                    && [
                        "class:",
                        "name:",
                        "layout:",
                        "template:",
                        "count:",
                        "exclude:",
                    ]
                    .iter()
                    .any(|p| trimmed.starts_with(p))
                {
                    remark += 1;
                    continue;
                }
                remark += content_classes(trimmed);
            }
        }
        slide_top = false;
    }
    if remark > reveal {
        Syntax::Remark
    } else {
        Syntax::Reveal
    }
}

/// How many `.name[` openers a line has.
fn content_classes(line: &str) -> usize {
    line.match_indices('.')
        .filter(|(i, _)| {
            let rest = &line[i + 1..];
            let name_len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(rest.len());
            name_len > 0
                && rest[..1]
                    .chars()
                    .all(|c| c.is_ascii_alphabetic() || c == '_')
                && rest[name_len..].starts_with('[')
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructs_tell_the_dialects_apart() {
        assert_eq!(
            syntax_of("# A\n---\nclass: center\n# B\n--\nmore\n???\nn"),
            Syntax::Remark
        );
        assert_eq!(
            syntax_of("# A\nNote: hi\n---\n## B\n----\n## C"),
            Syntax::Reveal
        );
        assert_eq!(syntax_of(".lab[\n- x\n]\n"), Syntax::Remark);
        assert_eq!(syntax_of("# Plain\n\ntext"), Syntax::Reveal);
        assert_eq!(syntax_of("```\n--\n???\n```\nNote: x"), Syntax::Reveal);
    }
}
