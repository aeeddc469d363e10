//! Diagnostics as a user reads them: parsed back from the binary's stderr, and where a needle sits in a file.

use std::path::Path;

use deckhand::diagnostics::Diagnostics;

/// One problem as the CLI printed it: `path[:line:col]: error|warning: message`, then
/// optionally `  = hint: …`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    pub severity: Severity,
    pub path: String,
    pub line: Option<usize>,
    pub col: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
}

impl Printed {
    #[track_caller]
    pub fn at(&self, line: usize, col: usize) -> &Self {
        assert_eq!(
            (self.line, self.col),
            (Some(line), Some(col)),
            "position of {self:?}"
        );
        self
    }

    #[track_caller]
    pub fn on_line(&self, line: usize) -> &Self {
        assert_eq!(self.line, Some(line), "line of {self:?}");
        self
    }

    /// Assert there is a hint, containing `text`.
    #[track_caller]
    pub fn hint(&self, text: &str) -> &Self {
        let hint = self
            .hint
            .as_deref()
            .unwrap_or_else(|| panic!("no hint for {self:?}"));
        assert!(
            hint.contains(text),
            "hint of {self:?} should contain `{text}`"
        );
        self
    }
}

pub fn parse_diagnostics(stderr: &str) -> Vec<Printed> {
    let mut found: Vec<Printed> = Vec::new();
    for line in stderr.lines() {
        if let Some(hint) = line.strip_prefix("  = hint: ") {
            if let Some(last) = found.last_mut() {
                last.hint = Some(hint.to_string());
            }
            continue;
        }
        let parsed = [
            (": error: ", Severity::Error),
            (": warning: ", Severity::Warning),
        ]
        .into_iter()
        .filter_map(|(marker, severity)| line.find(marker).map(|i| (i, marker, severity)))
        .min_by_key(|(i, _, _)| *i);
        let Some((i, marker, severity)) = parsed else {
            continue;
        };
        let (location, message) = (&line[..i], &line[i + marker.len()..]);
        let mut parts = location.rsplitn(3, ':');
        let (col, row, rest) = (parts.next(), parts.next(), parts.next());
        let numbers = row
            .and_then(|r| r.parse().ok())
            .zip(col.and_then(|c| c.parse().ok()));
        let (path, line, col) = match (numbers, rest) {
            (Some((row, col)), Some(path)) => (path.to_string(), Some(row), Some(col)),
            _ => (location.to_string(), None, None),
        };
        found.push(Printed {
            severity,
            path,
            line,
            col,
            message: message.to_string(),
            hint: None,
        });
    }
    found
}

/// Problems as the CLI would print them, for panic messages.
pub fn render(diagnostics: &Diagnostics) -> String {
    diagnostics
        .sorted()
        .iter()
        .map(|d| d.render(Path::new("")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The 1-based line of the first line of `text` that contains `needle`.
#[track_caller]
pub fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` not found"))
        + 1
}

/// The 1-based line and column (in characters) where `needle` first starts in `text`.
#[track_caller]
pub fn pos_of(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not found"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, col)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}
