//! A piece of Markdown a dialect hands on: text that may be put together from several places
//! of the chapter file (a remark template and the slide that uses it, a content class turned
//! into HTML) with a map from every byte of it back to the file, for `file:line:col` messages.

use std::borrow::Cow;

/// Where the bytes of a [`Piece`] come from: runs of text, each starting at a text offset and
/// mapped to a file offset. Text made up by the dialect (a `<div>` for `.class[`) maps to the
/// place of the construct it stands for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// (offset in the text, offset in the file, made up), sorted by text offset, the first at
    /// 0. Every byte of a made-up run maps to the same file offset.
    runs: Vec<(usize, usize, bool)>,
}

impl SourceMap {
    /// The text is the file's bytes from `file_offset` on.
    pub fn at(file_offset: usize) -> SourceMap {
        SourceMap {
            runs: vec![(0, file_offset, false)],
        }
    }

    /// The file offset of byte `at` of the text.
    pub fn file_offset(&self, at: usize) -> usize {
        let index = self.runs.partition_point(|(text, _, _)| *text <= at);
        match index.checked_sub(1).and_then(|i| self.runs.get(i)) {
            Some((_, file, true)) => *file,
            Some((text, file, false)) => file + (at - text),
            None => 0,
        }
    }
}

/// Markdown text and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece<'a> {
    pub text: Cow<'a, str>,
    pub map: SourceMap,
}

impl<'a> Piece<'a> {
    /// A slice of the chapter file found at `file_offset`.
    pub fn borrowed(text: &'a str, file_offset: usize) -> Piece<'a> {
        Piece {
            text: Cow::Borrowed(text),
            map: SourceMap::at(file_offset),
        }
    }

    pub fn file_offset(&self, at: usize) -> usize {
        self.map.file_offset(at)
    }

    /// The part `range` of this piece, borrowed when this piece is.
    pub fn slice(&self, range: std::ops::Range<usize>) -> Piece<'a> {
        match &self.text {
            Cow::Borrowed(text) => {
                Piece::borrowed(&text[range.clone()], self.file_offset(range.start))
            }
            Cow::Owned(_) => {
                let mut out = PieceBuilder::new();
                out.push_piece(self, range);
                out.build()
            }
        }
    }

    /// `text` (found at `file_offset`) with `\r\n` line endings made `\n`, as a browser reads a
    /// page's text; borrowed when there is no `\r`.
    pub fn lf_only(text: &'a str, file_offset: usize) -> Piece<'a> {
        if !text.contains('\r') {
            return Piece::borrowed(text, file_offset);
        }
        let mut out = PieceBuilder::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            match line.strip_suffix("\r\n") {
                Some(kept) => {
                    out.push(kept, file_offset + offset);
                    out.push("\n", file_offset + offset + line.len() - 1);
                }
                None => out.push(line, file_offset + offset),
            }
            offset += line.len();
        }
        out.build()
    }
}

/// Builds an owned [`Piece`] run by run.
#[derive(Debug, Clone, Default)]
pub struct PieceBuilder {
    text: String,
    map: SourceMap,
}

impl PieceBuilder {
    pub fn new() -> PieceBuilder {
        PieceBuilder::default()
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Append `text`, found in the file at `file_offset`.
    pub fn push(&mut self, text: &str, file_offset: usize) {
        if text.is_empty() {
            return;
        }
        let continues = self
            .map
            .runs
            .last()
            .is_some_and(|(t, f, made)| !made && f + (self.text.len() - t) == file_offset);
        if !continues {
            self.map.runs.push((self.text.len(), file_offset, false));
        }
        self.text.push_str(text);
    }

    /// Append the part `range` of another piece, keeping its origins.
    pub fn push_piece(&mut self, piece: &Piece<'_>, range: std::ops::Range<usize>) {
        let mut start = range.start;
        while start < range.end {
            // The run holding `start`, and where it ends.
            let index = piece.map.runs.partition_point(|(t, _, _)| *t <= start);
            let run_end = piece
                .map
                .runs
                .get(index)
                .map_or(range.end, |(t, _, _)| (*t).min(range.end));
            let end = run_end.max(start + 1).min(range.end);
            let made = index
                .checked_sub(1)
                .and_then(|i| piece.map.runs.get(i))
                .is_some_and(|run| run.2);
            if made {
                self.push_made(&piece.text[start..end], piece.file_offset(start));
            } else {
                self.push(&piece.text[start..end], piece.file_offset(start));
            }
            start = end;
        }
    }

    /// Append the whole of another piece.
    pub fn push_all(&mut self, piece: &Piece<'_>) {
        self.push_piece(piece, 0..piece.text.len());
    }

    /// Append text the dialect made up in place of the construct at `file_offset`.
    pub fn push_made(&mut self, text: &str, file_offset: usize) {
        if text.is_empty() {
            return;
        }
        self.map.runs.push((self.text.len(), file_offset, true));
        self.text.push_str(text);
    }

    pub fn build(self) -> Piece<'static> {
        let mut map = self.map;
        if map.runs.is_empty() {
            map.runs.push((0, 0, false));
        }
        Piece {
            text: Cow::Owned(self.text),
            map,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_back_through_runs() {
        let mut b = PieceBuilder::new();
        b.push("abc", 10);
        b.push("def", 13);
        b.push_made("<div>", 20);
        b.push("xyz", 40);
        let piece = b.build();
        assert_eq!(piece.text, "abcdef<div>xyz");
        assert_eq!(piece.file_offset(0), 10);
        assert_eq!(piece.file_offset(5), 15);
        assert_eq!(piece.file_offset(7), 20);
        assert_eq!(piece.file_offset(11), 40);
        assert_eq!(piece.file_offset(13), 42);
    }

    #[test]
    fn parts_of_pieces_keep_their_origins() {
        let mut b = PieceBuilder::new();
        b.push("hello ", 100);
        b.push("world", 500);
        let piece = b.build();
        let mut c = PieceBuilder::new();
        c.push_piece(&piece, 3..8);
        let part = c.build();
        assert_eq!(part.text, "lo wo");
        assert_eq!(part.file_offset(0), 103);
        assert_eq!(part.file_offset(3), 500);
        assert_eq!(part.file_offset(4), 501);
    }
}
