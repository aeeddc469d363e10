//! Dialects: the rules that cut a chapter's Markdown into slides, steps and notes and read the
//! slides' properties, each as its original tool has them.
//!
//! - [`reveal`]: reveal.js's markdown plugin with reveal-md's separators (`---` slides, `----`
//!   vertical sub-slides, notes after a `Note:` line), all three settable as regexes.
//! - [`remark`]: remark's lexer and parser (`---` slides, `--` incremental steps, `???` notes,
//!   `name: value` slide properties, layouts and templates, `.class[…]` content classes).
//!
//! One is chosen per chapter ([`Syntax`], from `workshop.toml` or the chapter's front matter).
//! What it hands on is plain Markdown with slide properties ([`SlideSource`]): everything after
//! it (Markdown, highlighting, rendering, the runtime) knows nothing of dialects.

mod foreign;
pub mod lines;
mod piece;
pub mod remark;
pub mod reveal;
pub mod settings;

use std::path::Path;

use crate::diagnostics::{Diagnostics, Pos};
pub use piece::{Piece, PieceBuilder, SourceMap};
pub use settings::{DialectSettings, Dialects, SettingError, Syntax};

/// Where a slide sits in the deck's two-dimensional layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The first slide of the chapter, or one after a horizontal separator.
    Horizontal,
    /// A sub-slide stacked under the previous horizontal slide.
    Vertical,
}

/// One slide as a dialect read it.
#[derive(Debug, Clone)]
pub struct SlideSource<'a> {
    pub direction: Direction,
    /// Where the slide starts in the chapter file (a byte offset).
    pub start: usize,
    /// The slide's Markdown as it shows at each step: one entry, plus one for each remark `--`
    /// continuation (the whole slide again with the lines that step adds).
    pub steps: Vec<Piece<'a>>,
    pub notes: Option<Piece<'a>>,
    pub properties: Properties,
}

/// What a slide says about itself besides its content.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Properties {
    /// The slide's id (remark's `name:`), and where it is set.
    pub id: Option<(String, usize)>,
    pub classes: Vec<String>,
    /// Other attributes of the slide, e.g. `data-background-image` from remark's
    /// `background-image:`.
    pub attributes: Vec<(String, String)>,
    /// False for a slide that does not advance the slide number (remark's `count: false`).
    pub uncounted: bool,
}

/// A chapter cut into slides.
#[derive(Debug, Default)]
pub struct Split<'a> {
    pub slides: Vec<SlideSource<'a>>,
    pub diagnostics: Diagnostics,
}

/// What a dialect knows of the chapter it cuts, for its messages.
pub struct Context<'c> {
    /// The chapter file, relative to the workshop folder.
    pub path: &'c Path,
    /// The line and column of a byte offset of the file.
    pub pos: &'c dyn Fn(usize) -> Pos,
}

/// The one thing a dialect does: cut a chapter's body (found at `body_offset` of the file) into
/// slides, each with its steps, notes and properties, and content classes made plain HTML.
pub trait Dialect: Send + Sync {
    fn split<'a>(&self, body: &'a str, body_offset: usize, context: &Context<'_>) -> Split<'a>;
}
