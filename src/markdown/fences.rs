//! Unclosed code fences. CommonMark lets a fenced code block that is never closed run to the
//! end of the document, which for a slide is the rest of the slide: every heading, list and
//! image after the fence silently shows as code. The block is found as pulldown-cmark parses
//! it (so a fence inside an included file, spliced in after parsing, never counts, and a
//! dialect's slide cuts are already made); here we only tell whether it was closed.

/// What an unclosed fence swallowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unclosed {
    /// The fence as written (e.g. "```" or "~~~~").
    pub fence: String,
    /// Lines after the fence's own line that the block took in.
    pub lines: usize,
    /// Of those, lines that are not blank.
    pub text_lines: usize,
}

/// `block` is the source of one fenced code block as pulldown-cmark delimits it (from the
/// opening fence to the closing one, or to the end of its container). `None` when the block
/// ends with a closing fence: the same character, at least as many, nothing but spaces after.
pub fn unclosed(block: &str) -> Option<Unclosed> {
    let mut lines = block.trim_end_matches(['\n', '\r']).split('\n');
    let first = lines.next()?.trim_start();
    let ch = first.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = first.len() - first.trim_start_matches(ch).len();
    let rest: Vec<&str> = lines.map(|l| l.trim_end_matches('\r')).collect();
    // A container's markers (`>`, list indentation) may stand before the closing fence.
    let closes = |line: &str| {
        let bare = line.trim_start_matches(['>', ' ', '\t']);
        let run = bare.len() - bare.trim_start_matches(ch).len();
        run >= len && bare[run..].trim().is_empty()
    };
    if rest.last().is_some_and(|last| closes(last)) {
        return None;
    }
    Some(Unclosed {
        fence: first[..len].to_string(),
        lines: rest.len(),
        text_lines: rest.iter().filter(|l| !l.trim().is_empty()).count(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_fence_is_not_reported() {
        assert_eq!(unclosed("```yaml\na: 1\n```\n"), None);
        assert_eq!(unclosed("~~~~\nx\n~~~~~  \n"), None);
        assert_eq!(unclosed("```\n```"), None);
        assert_eq!(unclosed("> ```\n> x\n> ```\n"), None);
    }

    #[test]
    fn a_fence_never_closed_reports_what_it_swallowed() {
        let found = unclosed("```yaml\na: 1\n\n## Next\n- item\n").unwrap();
        assert_eq!(found.fence, "```");
        assert_eq!((found.lines, found.text_lines), (4, 3));
    }

    #[test]
    fn only_the_same_character_at_least_as_long_closes() {
        assert!(unclosed("````\nx\n```\n").is_some(), "shorter");
        assert!(unclosed("```\nx\n~~~\n").is_some(), "other character");
        assert!(
            unclosed("```\nx\n``` yaml\n").is_some(),
            "an info string opens"
        );
        assert!(unclosed("```").is_some_and(|u| u.lines == 0));
    }
}
