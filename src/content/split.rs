//! Cutting a chapter's Markdown into slides (`---` horizontal, `--` vertical) and each slide into
//! its content and speaker notes (`Note:` or `???` to the end of the slide), as reveal.js's
//! markdown plugin and remark do. Separators inside fenced code blocks do not count.

/// Where a slide sits in the deck's two-dimensional layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The first slide of the chapter, or one after `---`.
    Horizontal,
    /// A sub-slide after `--`, stacked under the previous horizontal slide.
    Vertical,
}

/// One slide's text, with byte offsets into the text that was split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawSlide<'a> {
    pub direction: Direction,
    pub content: &'a str,
    pub content_offset: usize,
    pub notes: Option<RawNotes<'a>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawNotes<'a> {
    pub text: &'a str,
    pub offset: usize,
}

/// Split `body` into slides. There is always at least one slide, and exactly one more slide
/// than separators outside code fences.
pub fn split_slides(body: &str) -> Vec<RawSlide<'_>> {
    let mut slides = Vec::new();
    let mut fence: Option<Fence> = None;
    let mut start = 0;
    let mut direction = Direction::Horizontal;
    let mut notes_at: Option<(usize, usize)> = None; // (marker line start, notes text start)
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let bare = line.trim_end_matches(['\n', '\r']);
        if let Some(open) = &fence {
            if open.is_closed_by(bare) {
                fence = None;
            }
            continue;
        }
        if let Some(open) = Fence::opened_by(bare) {
            fence = Some(open);
            continue;
        }
        let separator = match bare.trim_end() {
            "---" => Some(Direction::Horizontal),
            "--" => Some(Direction::Vertical),
            _ => None,
        };
        if let Some(next_direction) = separator {
            slides.push(make_slide(body, direction, start, line_start, notes_at));
            direction = next_direction;
            start = offset;
            notes_at = None;
        } else if notes_at.is_none()
            && let Some(skip) = notes_marker(line)
        {
            notes_at = Some((line_start, line_start + skip));
        }
    }
    slides.push(make_slide(body, direction, start, body.len(), notes_at));
    slides
}

fn make_slide(
    body: &str,
    direction: Direction,
    start: usize,
    end: usize,
    notes_at: Option<(usize, usize)>,
) -> RawSlide<'_> {
    match notes_at {
        Some((marker, notes_start)) => RawSlide {
            direction,
            content: &body[start..marker],
            content_offset: start,
            notes: Some(RawNotes {
                text: &body[notes_start..end],
                offset: notes_start,
            }),
        },
        None => RawSlide {
            direction,
            content: &body[start..end],
            content_offset: start,
            notes: None,
        },
    }
}

/// If `line` starts the notes, how many bytes of it belong to the marker (`Note:`, `Notes:`,
/// any case, or a line `???`).
fn notes_marker(line: &str) -> Option<usize> {
    if line.trim_end() == "???" {
        // The whole line, newline included: notes start on the next one.
        return Some(line.len());
    }
    let lower = line.get(..6).unwrap_or(line).to_ascii_lowercase();
    for marker in ["notes:", "note:"] {
        if lower.starts_with(marker) {
            return Some(marker.len());
        }
    }
    None
}

/// An open fenced code block: its character and length, as CommonMark defines them.
#[derive(Debug)]
pub(crate) struct Fence {
    ch: char,
    len: usize,
}

impl Fence {
    pub(crate) fn opened_by(line: &str) -> Option<Fence> {
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

    pub(crate) fn is_closed_by(&self, line: &str) -> bool {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent > 3 {
            return false;
        }
        let rest = &line[indent..];
        let len = rest.len() - rest.trim_start_matches(self.ch).len();
        len >= self.len && rest[len..].trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_make_horizontal_and_vertical_slides() {
        let slides = split_slides("# A\n---\n## B\n--\n## B.1\n");
        let dirs: Vec<_> = slides.iter().map(|s| s.direction).collect();
        assert_eq!(
            dirs,
            [
                Direction::Horizontal,
                Direction::Horizontal,
                Direction::Vertical
            ]
        );
        assert_eq!(slides[1].content, "## B\n");
        assert_eq!(slides[2].content_offset, "# A\n---\n## B\n--\n".len());
    }

    #[test]
    fn separators_inside_code_fences_do_not_split() {
        let slides = split_slides("```yaml\na: 1\n---\nb: 2\n```\n---\nnext\n");
        assert_eq!(slides.len(), 2);
        assert!(slides[0].content.contains("b: 2"));
    }

    #[test]
    fn notes_run_to_the_end_of_the_slide() {
        let slides = split_slides("# A\nNote: say hi\nand more\n---\n## B\n???\nremark style\n");
        let notes = slides[0].notes.as_ref().unwrap();
        assert_eq!(slides[0].content, "# A\n");
        assert_eq!(notes.text, " say hi\nand more\n");
        assert_eq!(slides[1].notes.as_ref().unwrap().text, "remark style\n");
    }

    #[test]
    fn longer_fences_close_only_with_as_many_marks() {
        let slides = split_slides("````\n```\n---\n````\n---\nx\n");
        assert_eq!(slides.len(), 2);
    }
}
