//! Memoised lines. The HTML of a highlighted line depends only on the parser's and the
//! highlighter's state at its start and on its text, so a line met again in the same state is
//! not parsed again: a workshop's manifests share most of their lines (`apiVersion: apps/v1`,
//! `metadata:`, `  labels:`…), and parsing is what highlighting costs (syntect tries the
//! patterns of the grammar's current contexts at every token; 0.1–0.4 ms for a line of YAML).
//!
//! States are interned: each distinct (parse state, scope stack) gets a number, and the memo maps
//! a state's number and a line to the line's HTML and the next state's number. syntect's states
//! implement `Eq` but not `Hash`, so they are hashed through their `Debug` text and compared with
//! `==` before a number is reused: a collision costs a comparison, never a wrong line.
//!
//! A state that holds a capture of the regex engine (inside a YAML block scalar, or a shell
//! heredoc, whose end depends on what their first line captured) is not equal even to its own
//! copy with Oniguruma, which compares captures by address: such lines are parsed, not memoised.
//! With Oniguruma a state cannot move between threads either, so each thread keeps its own memo.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use syntect::highlighting::HighlightState;
use syntect::parsing::ParseState;

/// Where a line starts: what the parser and the highlighter hold at that point.
#[derive(Clone)]
pub(super) struct LineStart {
    pub parse: ParseState,
    pub highlight: HighlightState,
}

impl LineStart {
    fn same(&self, other: &LineStart) -> bool {
        self.parse == other.parse && self.highlight.path == other.highlight.path
    }

    fn hash(&self) -> u64 {
        let mut hasher = rustc_hash::FxHasher::default();
        format!("{:?}", self.parse).hash(&mut hasher);
        self.highlight.path.as_slice().hash(&mut hasher);
        hasher.finish()
    }
}

/// A line highlighted from a known state: its HTML and the number of the state after it.
#[derive(Clone)]
pub(super) struct Done {
    pub html: Rc<str>,
    pub next: u32,
}

/// The lines this thread has highlighted, by the state they started in.
#[derive(Default)]
pub(super) struct LineMemo {
    starts: Vec<Rc<LineStart>>,
    by_hash: HashMap<u64, Vec<u32>>,
    /// Per state number, the lines highlighted from it.
    lines: HashMap<u32, HashMap<Box<str>, Done>>,
}

thread_local! {
    static MEMO: RefCell<LineMemo> = RefCell::new(LineMemo::default());
}

/// Run `f` with this thread's memo.
pub(super) fn with_memo<T>(f: impl FnOnce(&mut LineMemo) -> T) -> T {
    MEMO.with(|memo| f(&mut memo.borrow_mut()))
}

impl LineMemo {
    /// The number of `start`, given one if it is new; `None` if it can never be found again.
    pub fn intern(&mut self, start: &LineStart) -> Option<u32> {
        let copy = start.clone();
        if !copy.same(start) {
            return None;
        }
        let hash = start.hash();
        let candidates = self.by_hash.entry(hash).or_default();
        if let Some(&found) = candidates
            .iter()
            .find(|&&n| self.starts[n as usize].same(start))
        {
            return Some(found);
        }
        let number = self.starts.len() as u32;
        candidates.push(number);
        self.starts.push(Rc::new(copy));
        Some(number)
    }

    /// The state numbered `number`, to go on parsing from.
    pub fn start(&self, number: u32) -> LineStart {
        LineStart::clone(&self.starts[number as usize])
    }

    /// `line` as highlighted from state `number` before, if it was.
    pub fn get(&self, number: u32, line: &str) -> Option<Done> {
        self.lines.get(&number)?.get(line).cloned()
    }

    pub fn put(&mut self, number: u32, line: &str, done: Done) {
        self.lines
            .entry(number)
            .or_default()
            .insert(line.into(), done);
    }
}
