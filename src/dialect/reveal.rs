//! reveal.js's markdown plugin, as reveal-md runs it: the chapter is cut wherever the slide or
//! vertical separator regex matches (reveal-md's defaults: a line `---`, a line `----`),
//! separators inside code included, exactly as reveal.js does; a slide's notes start where the
//! notes regex (`^s*notes?:`, any case) matches, provided it matches once; a slide whose first
//! line is indented, or that starts with blank lines, loses that much indentation on every line
//! (reveal.js's `getMarkdownFromSlide`).
//!
//! The notes default is what reveal.js runs: its source writes `'^\s*notes?:'` in a JavaScript
//! string, where `\s` loses its backslash. So `Note:` must start its line.

use regress::Regex;
use std::ops::Range;

use super::foreign;
use super::settings::SettingError;
use super::{Context, Dialect, Direction, Piece, PieceBuilder, Properties, SlideSource, Split};
use crate::diagnostics::Diagnostic;

/// reveal-md's slide separator.
pub const DEFAULT_SEPARATOR: &str = r"\r?\n---\r?\n";
/// reveal-md's vertical separator.
pub const DEFAULT_SEPARATOR_VERTICAL: &str = r"\r?\n----\r?\n";
/// reveal.js's notes separator, as it runs (see the module's documentation).
pub const DEFAULT_SEPARATOR_NOTES: &str = "^s*notes?:";

/// The three regexes, compiled.
pub struct Separators {
    /// Slide or vertical separator, multi-line (reveal.js's `'mg'`).
    any: Regex,
    /// Whether a separator found is a horizontal one (tested on its text, as reveal.js does).
    horizontal: Regex,
    /// Multi-line and case-insensitive (reveal.js's `'mgi'`).
    notes: Regex,
}

impl Separators {
    /// Compile the given regexes, or reveal-md's defaults.
    pub fn compile(
        separator: Option<&str>,
        vertical: Option<&str>,
        notes: Option<&str>,
    ) -> Result<Separators, SettingError> {
        let separator = separator.unwrap_or(DEFAULT_SEPARATOR);
        let vertical = vertical.unwrap_or(DEFAULT_SEPARATOR_VERTICAL);
        let notes_pattern = notes.unwrap_or(DEFAULT_SEPARATOR_NOTES);
        let horizontal = compile("separator", separator, "")?;
        let notes = compile("separator_notes", notes_pattern, "mi")?;
        // An empty vertical separator: none (reveal.js's own default).
        let any = if vertical.is_empty() {
            compile("separator", separator, "m")?
        } else {
            compile("separator_vertical", vertical, "")?;
            // reveal.js joins the two into one alternation, as text.
            compile(
                "separator_vertical",
                &format!("{separator}|{vertical}"),
                "m",
            )?
        };
        Ok(Separators {
            any,
            horizontal,
            notes,
        })
    }
}

fn compile(key: &'static str, pattern: &str, flags: &str) -> Result<Regex, SettingError> {
    let regex = Regex::with_flags(pattern, flags).map_err(|err| SettingError {
        key,
        message: format!("`{pattern}` is not a valid regular expression: {err}"),
        hint: "separators are JavaScript regular expressions, as reveal.js's data-separator takes them, e.g. \"\\r?\\n---\\r?\\n\"".into(),
    })?;
    // An empty match would never move on: reveal.js loops forever on such a separator.
    if ["", "\n", "\n\n", "a\nb"]
        .iter()
        .any(|probe| regex.find_iter(probe).any(|m| m.range().is_empty()))
    {
        return Err(SettingError {
            key,
            message: format!("`{pattern}` matches empty text"),
            hint: "a separator must match at least one character, e.g. \"\\r?\\n---\\r?\\n\""
                .into(),
        });
    }
    Ok(regex)
}

/// The reveal dialect.
pub struct Reveal {
    separators: Separators,
}

impl Reveal {
    pub fn new(separators: Separators) -> Reveal {
        Reveal { separators }
    }
}

impl Dialect for Reveal {
    fn split<'a>(&self, body: &'a str, body_offset: usize, context: &Context<'_>) -> Split<'a> {
        let mut split = Split::default();
        // reveal-md puts the Markdown into its page, whose parser makes every line end in `\n`.
        let source = Piece::lf_only(body, body_offset);
        for (direction, range) in slidify(&self.separators, &source.text) {
            let slide = self.slide(&source, range, direction, context, &mut split);
            split.slides.push(slide);
        }
        foreign::remark_in_reveal(body, body_offset, context, &mut split.diagnostics);
        split
    }
}

impl Reveal {
    fn slide<'a>(
        &self,
        source: &Piece<'a>,
        range: Range<usize>,
        direction: Direction,
        context: &Context<'_>,
        split: &mut Split<'a>,
    ) -> SlideSource<'a> {
        let slide = source.slice(range);
        let text: &str = &slide.text;
        let start = slide.file_offset(0);
        // JavaScript's `split` puts capture groups among the parts: with any, reveal.js never
        // sees the two parts it wants.
        let mut groups = 0;
        let markers: Vec<Range<usize>> = self
            .separators
            .notes
            .find_iter(text)
            .map(|m| {
                groups = m.captures.len();
                m.range()
            })
            .collect();
        let (content, notes) = match markers.as_slice() {
            [marker] if groups == 0 => {
                let notes = &text[marker.end..];
                let from = marker.end + (notes.len() - notes.trim_start().len());
                let to = from + notes.trim().len();
                (0..marker.start, Some(slide.slice(from..to)))
            }
            [] | [_] => (0..text.len(), None),
            [_, second, ..] => {
                split.diagnostics.push(
                    Diagnostic::warning(
                        context.path,
                        (context.pos)(slide.file_offset(second.start)),
                        format!(
                            "this slide starts notes {} times; reveal.js then shows no notes and keeps every line on the slide",
                            markers.len()
                        ),
                    )
                    .with_hint("keep one `Note:` line per slide, before the notes"),
                );
                (0..text.len(), None)
            }
        };
        SlideSource {
            direction,
            start,
            steps: vec![dedent(slide.slice(content))],
            notes,
            properties: Properties::default(),
        }
    }
}

/// Cut `body` where the separators match, as reveal.js's `slidify` does: each slide's range and
/// whether it starts a stack or sits under the previous slide.
fn slidify(separators: &Separators, body: &str) -> Vec<(Direction, Range<usize>)> {
    let mut slides = Vec::new();
    let mut last = 0;
    let mut was_horizontal = true;
    for found in separators.any.find_iter(body) {
        let range = found.range();
        if range.is_empty() {
            continue;
        }
        let is_horizontal = separators.horizontal.find(&body[range.clone()]).is_some();
        // After a horizontal separator a slide starts a stack (a vertical separator after it
        // puts the next slides under it); after a vertical one it goes into the open stack.
        let direction = if was_horizontal {
            Direction::Horizontal
        } else {
            Direction::Vertical
        };
        slides.push((direction, last..range.start));
        last = range.end;
        was_horizontal = is_horizontal;
    }
    let direction = if was_horizontal {
        Direction::Horizontal
    } else {
        Direction::Vertical
    };
    slides.push((direction, last..body.len()));
    slides
}

/// [`dedent`] on plain text: what reveal.js does to the Markdown of a `<section>` in a page.
pub fn strip_common_indentation(text: &str) -> String {
    dedent(Piece::borrowed(text, 0)).text.into_owned()
}

/// reveal.js's `getMarkdownFromSlide`: if the slide's text starts (after one optional newline)
/// with tabs, every run of a newline and that many tabs becomes a newline; else if it starts
/// with two or more whitespace characters, the same with that many spaces. reveal.js does this
/// anywhere in a line, not only at its start; so do we.
fn dedent(piece: Piece<'_>) -> Piece<'_> {
    let text: &str = &piece.text;
    let after_newline = text.strip_prefix('\n').unwrap_or(text);
    let tabs = after_newline.len() - after_newline.trim_start_matches('\t').len();
    let whitespace = after_newline.len() - after_newline.trim_start().len();
    let pattern = if tabs > 0 {
        format!("\\n?\\t{{{tabs}}}(.*)")
    } else if whitespace > 1 {
        format!("\\n? {{{whitespace}}}(.*)")
    } else {
        return piece;
    };
    let Ok(regex) = Regex::new(&pattern) else {
        return piece;
    };
    let mut out = PieceBuilder::new();
    let mut last = 0;
    for found in regex.find_iter(text) {
        let range = found.range();
        let rest = found.group(1).unwrap_or(range.end..range.end);
        out.push_piece(&piece, last..range.start);
        out.push_made("\n", piece.file_offset(range.start));
        out.push_piece(&piece, rest);
        last = range.end;
    }
    out.push_piece(&piece, last..text.len());
    out.build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Pos;
    use std::path::Path;

    fn cut(body: &str, separators: Separators) -> Split<'_> {
        let pos = |_| Pos::new(1, 1);
        let context = Context {
            path: Path::new("c.md"),
            pos: &pos,
        };
        Reveal::new(separators).split(body, 0, &context)
    }

    fn defaults() -> Separators {
        Separators::compile(None, None, None).unwrap()
    }

    fn texts(split: &Split<'_>) -> Vec<(Direction, String)> {
        split
            .slides
            .iter()
            .map(|s| (s.direction, s.steps[0].text.to_string()))
            .collect()
    }

    #[test]
    fn reveal_md_separators_make_stacks() {
        let split = cut("A\n---\nB\n----\nC\n----\nD\n---\nE", defaults());
        assert_eq!(
            texts(&split),
            [
                (Direction::Horizontal, "A".into()),
                (Direction::Horizontal, "B".into()),
                (Direction::Vertical, "C".into()),
                (Direction::Vertical, "D".into()),
                (Direction::Horizontal, "E".into()),
            ]
        );
        assert_eq!(split.slides[1].start, 6);
    }

    #[test]
    fn separators_in_code_split_as_in_reveal_js() {
        let split = cut("```yaml\na: 1\n---\nb: 2\n```\n", defaults());
        assert_eq!(split.slides.len(), 2);
    }

    #[test]
    fn a_separator_needs_whole_lines() {
        let split = cut("A\n--- \nB\n--\nC\n---x\n", defaults());
        assert_eq!(split.slides.len(), 1);
    }

    #[test]
    fn notes_start_at_one_note_line() {
        let split = cut(
            "# A\nnotes: say hi\nmore\n---\n# B\n  Note: indented\n",
            defaults(),
        );
        let notes = split.slides[0].notes.as_ref().unwrap();
        assert_eq!(split.slides[0].steps[0].text, "# A\n");
        assert_eq!(notes.text, "say hi\nmore");
        assert_eq!(notes.file_offset(0), "# A\nnotes: ".len());
        // reveal.js's default does not allow indentation before `Note:`.
        assert!(split.slides[1].notes.is_none());
    }

    #[test]
    fn two_note_lines_mean_no_notes() {
        let split = cut("# A\nNote: one\nNote: two\n", defaults());
        assert!(split.slides[0].notes.is_none());
        assert_eq!(split.diagnostics.iter().count(), 1);
    }

    #[test]
    fn custom_separators_and_notes() {
        let seps = Separators::compile(
            Some("^\\r?\\n===\\r?\\n$"),
            Some("^>>>$"),
            Some("^Speaker:"),
        )
        .unwrap();
        // reveal.js 3's default separator: a line `===` between blank lines.
        let split = cut("A\n\n===\n\nB\n>>>\nC\nSpeaker: hi", seps);
        assert_eq!(split.slides.len(), 3);
        assert_eq!(split.slides[2].direction, Direction::Vertical);
        assert_eq!(split.slides[2].notes.as_ref().unwrap().text, "hi");
    }

    #[test]
    fn invalid_and_empty_separators_are_refused() {
        let err = Separators::compile(Some("(---"), None, None).err().unwrap();
        assert_eq!(err.key, "separator");
        let err = Separators::compile(None, Some("x*"), None).err().unwrap();
        assert!(err.message.contains("empty"), "{}", err.message);
    }

    #[test]
    fn indented_slides_lose_their_indentation() {
        let piece = dedent(Piece::borrowed("\n    # A\n    - b\n      - c", 100));
        assert_eq!(piece.text, "\n# A\n- b\n  - c");
        assert_eq!(piece.file_offset(1), 105);
        // Two blank lines count as whitespace, and nested items lose theirs as in reveal.js.
        let undented = |text| dedent(Piece::borrowed(text, 0)).text.to_string();
        assert_eq!(undented("\n\n\n- a\n  - b"), "\n\n\n- a\n- b");
        assert_eq!(undented("\n# A\n  - b"), "\n# A\n  - b");
    }
}
