//! Problems found in a workshop, each tied to a `file:line:col`.
//!
//! Loading never stops at the first problem: every stage pushes what it finds into one
//! [`Diagnostics`] list, so `deckhand check` can print them all and `deckhand build` can refuse to
//! write anything when one of them is an error.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop a build, warnings are printed and counted.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem at one place in one file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the workshop folder (what the author sees in their editor).
    pub path: PathBuf,
    /// 1-based line (1 when the problem concerns the whole file).
    pub line: usize,
    /// 1-based column in characters.
    pub col: usize,
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// The path is as the user typed it on the command line (relative to the current folder),
    /// not relative to the workshop folder.
    #[serde(default)]
    pub verbatim: bool,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, pos: Pos, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, path, pos, message)
    }

    pub fn warning(path: impl Into<PathBuf>, pos: Pos, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, path, pos, message)
    }

    fn new(
        severity: Severity,
        path: impl Into<PathBuf>,
        pos: Pos,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            path: path.into(),
            line: pos.line,
            col: pos.col,
            message: message.into(),
            hint: None,
            verbatim: false,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Show the path exactly as it is (a path the user typed), not inside the workshop folder.
    pub fn verbatim(mut self) -> Self {
        self.verbatim = true;
        self
    }

    /// The `path:line:col` prefix, with the path shown relative to `base` (the folder the user
    /// named on the command line) so terminals and editors can open it.
    pub fn location(&self, base: &Path) -> String {
        let shown = if self.verbatim {
            self.path.display().to_string()
        } else {
            display_path(base, &self.path)
        };
        if self.line == 0 {
            shown
        } else {
            format!("{shown}:{}:{}", self.line, self.col)
        }
    }

    /// The full two-line rendering used by the CLI and the dev server's overlay.
    pub fn render(&self, base: &Path) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{}: {kind}: {}", self.location(base), self.message);
        if let Some(hint) = &self.hint {
            out.push_str("\n  = hint: ");
            out.push_str(hint);
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Path::new("")))
    }
}

/// `base/path`, without a leading `./` when the base is the current folder.
pub fn display_path(base: &Path, path: &Path) -> String {
    if base.as_os_str().is_empty() || base == Path::new(".") {
        path.display().to_string()
    } else {
        base.join(path).display().to_string()
    }
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub const fn new(line: usize, col: usize) -> Self {
        Pos { line, col }
    }

    /// A problem with a whole file (or folder) points at its start: terminals, editors and CI
    /// problem matchers all want a `file:line:col`.
    pub const FILE: Pos = Pos { line: 1, col: 1 };

    /// The line and column of byte `offset` in `text` (columns count characters, not bytes).
    pub fn at(text: &str, offset: usize) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        Pos { line, col }
    }

    /// Shift a position found in a fragment of a file that starts at `origin` in that file.
    pub fn offset_by(self, origin: Pos) -> Self {
        if self.line <= 1 {
            Pos::new(origin.line, origin.col + self.col - 1)
        } else {
            Pos::new(origin.line + self.line - 1, self.col)
        }
    }
}

/// Line starts of a text, to turn many byte offsets into positions without rescanning it.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// The same as [`Pos::at`], in O(log lines) plus the length of the line.
    pub fn pos(&self, offset: usize) -> Pos {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        Pos {
            line,
            col: self.text[start..offset].chars().count() + 1,
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Everything found so far, in the order it was found.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn from_one(diagnostic: Diagnostic) -> Self {
        Diagnostics {
            items: vec![diagnostic],
        }
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Keep only the diagnostics for which `keep` is true.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    /// Counted as printed: the same problem reached twice counts once (see [`Self::sorted`]).
    fn count(&self, severity: Severity) -> usize {
        self.sorted()
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, then position, errors before warnings at the same place; duplicates
    /// (the same problem reached twice, e.g. a sample included by two chapters) removed.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.clone();
        items.sort_by(|a, b| {
            (&a.path, a.line, a.col, a.severity, &a.message)
                .cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
        });
        items.dedup();
        items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// `1 chapter`, `2 chapters`: a count with its noun (regular plurals only).
pub fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// The closest candidate to a misspelt `word`, for "did you mean …?" hints.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    // Jaro-Winkler ranks; the edit distance keeps only real near-misses (it alone would let a
    // shared first letter suggest `duration` for `draft`).
    candidates
        .into_iter()
        .filter(|c| {
            let longest = word.chars().count().max(c.chars().count());
            strsim::damerau_levenshtein(word, c) <= (longest / 3).max(1)
                || one_extends_the_other(word, c)
        })
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// `cache-vol` for `cache`, `web_port` for `web`: a name with a suffix added after a separator
/// is a near-miss however long the suffix (the edit distance alone would reject it).
fn one_extends_the_other(a: &str, b: &str) -> bool {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    !short.is_empty()
        && long
            .strip_prefix(short)
            .is_some_and(|rest| rest.starts_with(['-', '_', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_with_a_suffix_after_a_separator_suggests_the_name() {
        assert_eq!(did_you_mean("cache-vol", ["cache", "data"]), Some("cache"));
        assert_eq!(did_you_mean("web", ["web_port"]), Some("web_port"));
        assert_eq!(did_you_mean("draft", ["duration", "title"]), None);
        assert_eq!(did_you_mean("cachevol", ["cache"]), None);
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\ncdé\nx";
        assert_eq!(Pos::at(text, 0), Pos::new(1, 1));
        assert_eq!(Pos::at(text, 3), Pos::new(2, 1));
        assert_eq!(Pos::at(text, 7), Pos::new(2, 4)); // after the two-byte é
        assert_eq!(Pos::at(text, 8), Pos::new(3, 1));
    }

    #[test]
    fn the_line_index_agrees_with_a_scan() {
        let text = "ab\ncdé\n\nx\n";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(index.pos(offset), Pos::at(text, offset), "offset {offset}");
        }
    }

    #[test]
    fn offsets_shift_into_the_enclosing_file() {
        assert_eq!(Pos::new(1, 3).offset_by(Pos::new(10, 5)), Pos::new(10, 7));
        assert_eq!(Pos::new(2, 3).offset_by(Pos::new(10, 5)), Pos::new(11, 3));
    }

    #[test]
    fn suggestions_pick_the_closest_key() {
        assert_eq!(
            did_you_mean("titel", ["title", "duration", "slug"]),
            Some("title")
        );
        assert_eq!(did_you_mean("zzz", ["title", "duration"]), None);
        // A shared first letter is not a typo.
        assert_eq!(did_you_mean("draft", ["title", "duration", "slug"]), None);
        assert_eq!(
            did_you_mean("Deploymnet", ["Deployment", "DaemonSet"]),
            Some("Deployment")
        );
    }

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(counted(1, "chapter"), "1 chapter");
        assert_eq!(counted(0, "warning"), "0 warnings");
        assert_eq!(counted(12, "slide"), "12 slides");
    }
}
