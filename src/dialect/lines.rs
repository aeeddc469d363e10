//! Lines of Markdown outside fenced code, for the checks that look for a dialect's constructs
//! (a `.class[` inside a code sample is not one).

/// An open fenced code block: its character and length, as CommonMark defines them.
#[derive(Debug)]
struct Fence {
    ch: char,
    len: usize,
}

impl Fence {
    fn opened_by(line: &str) -> Option<Fence> {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent > 3 {
            return None;
        }
        let rest = &line[indent..];
        let ch = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
        let len = rest.len() - rest.trim_start_matches(ch).len();
        // A backtick fence's info string may not contain backticks.
        (len >= 3 && !(ch == '`' && rest[len..].contains('`'))).then_some(Fence { ch, len })
    }

    fn is_closed_by(&self, line: &str) -> bool {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent > 3 {
            return false;
        }
        let rest = &line[indent..];
        let len = rest.len() - rest.trim_start_matches(self.ch).len();
        len >= self.len && rest[len..].trim().is_empty()
    }
}

/// Each line of `text` that is neither inside a fenced code block nor a fence itself, without
/// its line ending, with its byte offset in `text`.
pub fn prose_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut fence: Option<Fence> = None;
    let mut offset = 0;
    text.split_inclusive('\n').filter_map(move |line| {
        let start = offset;
        offset += line.len();
        let bare = line.trim_end_matches(['\n', '\r']);
        if let Some(open) = &fence {
            if open.is_closed_by(bare) {
                fence = None;
            }
            return None;
        }
        if let Some(open) = Fence::opened_by(bare) {
            fence = Some(open);
            return None;
        }
        Some((start, bare))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fenced_code_is_skipped() {
        let text = "a\n```yaml\n---\n```\nb\n````\n```\nc\n````\nd\n";
        let lines: Vec<&str> = prose_lines(text).map(|(_, l)| l).collect();
        assert_eq!(lines, ["a", "b", "d"]);
        let (offset, _) = prose_lines(text).nth(1).unwrap();
        assert_eq!(&text[offset..offset + 1], "b");
    }
}
