//! Markdown → HTML for slides and notes, with pulldown-cmark.
//!
//! On top of CommonMark + GFM (tables, strikethrough, task lists, footnotes, bare-URL
//! autolinks) a slide's events are rewritten before pulldown-cmark's HTML writer sees them:
//! headings are demoted one level (the page owns the only `h1`) and get ids prefixed by the
//! chapter's slug; `<!-- .slide: … -->` comments become the slide's attributes and
//! `<!-- .element: … -->` comments their target's ([`elements`]); fenced code is included,
//! highlighted and stepped ([`code`]); links are rewritten and checked ([`links`]).

mod code;
mod comments;
mod directives;
mod elements;
mod env;
mod events;
mod fences;
mod gutter;
pub mod include;
mod info;
pub mod links;
pub mod toc;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex, Pos};
use crate::dialect::{Piece, Syntax};
use crate::html::Attributes;
use crate::slug::slugify;
pub use code::code_lines;
use elements::Out;
pub use env::{Env, FileCache};
pub use events::count_fragments;
use events::{demoted, find_end, linkify, plain_text};
pub use links::{AnchorLink, FileLink};

/// Deeper nesting than this is certainly a mistake, and costly to lay out in a browser.
pub const MAX_NESTING: usize = 32;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Which part of a slide is being rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Content,
    /// A later step of a slide shown in full at each step (a remark continuation): its headings
    /// get no ids and give no title, the first step's do.
    LaterStep,
    Notes,
}

/// One rendered piece of Markdown.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// The first heading's text, plain.
    pub title: String,
    /// From `<!-- .slide: … -->` comments.
    pub slide_attributes: Attributes,
    /// How many elements are fragments (including code steps).
    pub fragments: usize,
    /// Where each `<!-- .column -->` break is; each left [`COLUMN_BREAK`] in `html`.
    pub column_breaks: Vec<Pos>,
    /// Where the first `<!-- .slide: … -->` comment is, for messages about its classes.
    pub slide_attributes_at: Option<Pos>,
}

/// What a `<!-- .column -->` comment leaves in the rendered HTML, for the slide's layout to split
/// on (see `content::layout`); still a comment, so it shows nothing if left.
pub const COLUMN_BREAK: &str = "<!--dh-column-->";

/// Renders the Markdown of one chapter, collecting problems, includes and links as it goes.
pub struct ChapterRenderer<'a> {
    env: &'a Env<'a>,
    /// The chapter file, relative to the workshop folder.
    path: &'a Path,
    /// The whole chapter file's lines, to turn byte offsets into lines and columns.
    lines: LineIndex<'a>,
    slug: &'a str,
    /// The chapter's dialect: under remark, `#name` links to the slide named so.
    syntax: Syntax,
    pub diagnostics: Diagnostics,
    pub includes: BTreeSet<PathBuf>,
    /// Every file an include tried to read, found or not (as written, and where a link led),
    /// relative to the workshop folder: what the chapter must be loaded again after.
    pub inputs: BTreeSet<PathBuf>,
    pub anchor_links: Vec<AnchorLink>,
    /// Links to files under `content/`, checked against what the site publishes.
    pub file_links: Vec<FileLink>,
    pub heading_ids: HashSet<String>,
    /// In an imported workshop, links to files it does not have: where, and as written.
    pub unresolved: Vec<(Pos, String)>,
    /// A slide holds `{{#toc}}` or `{{#toc chapter}}`: its pages depend on other chapters.
    pub has_toc: bool,
}

impl<'a> ChapterRenderer<'a> {
    pub fn new(
        env: &'a Env<'a>,
        path: &'a Path,
        text: &'a str,
        slug: &'a str,
        syntax: Syntax,
    ) -> Self {
        ChapterRenderer {
            env,
            path,
            lines: LineIndex::new(text),
            slug,
            syntax,
            diagnostics: Diagnostics::new(),
            includes: BTreeSet::new(),
            inputs: BTreeSet::new(),
            anchor_links: Vec::new(),
            file_links: Vec::new(),
            heading_ids: HashSet::new(),
            unresolved: Vec::new(),
            has_toc: false,
        }
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// The chapter file, relative to the workshop folder.
    pub fn path(&self) -> &'a Path {
        self.path
    }

    /// The URL to write for a link or image source `dest` written at `pos` (checked, as the
    /// chapter's own links are).
    pub fn link(&mut self, dest: &str, pos: Pos) -> String {
        self.rewrite_link(dest, pos)
    }

    /// The line and column of a byte offset in the chapter file.
    pub fn pos(&self, offset: usize) -> Pos {
        self.lines.pos(offset)
    }

    /// Render `piece`, whose bytes map into the chapter file, as part of slide `slide_id`.
    pub fn render(&mut self, piece: &Piece<'_>, slide_id: &str, part: Part) -> Rendered {
        let markdown: &str = &piece.text;
        let mut rendered = Rendered::default();
        let events: Vec<(Event<'_>, std::ops::Range<usize>)> = Parser::new_ext(markdown, options())
            .into_offset_iter()
            .collect();
        let mut outs: Vec<Out<'_>> = Vec::with_capacity(events.len());
        let mut depth = 0usize;
        let mut too_deep = false;
        let mut link_depth = 0usize;
        let mut i = 0;
        while i < events.len() {
            let (event, range) = &events[i];
            let at = piece.file_offset(range.start);
            // A paragraph holding only `{{#toc …}}` becomes a table of contents (or its error).
            if let Some((asked, end)) = toc::paragraph(&events[i..]) {
                let pos = self.pos(at);
                outs.extend(self.toc(asked, pos, part));
                i += end + 1;
                continue;
            }
            match event {
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    let end = find_end(&events, i);
                    let text = plain_text(&events[i + 1..end]);
                    if rendered.title.is_empty() && part == Part::Content {
                        rendered.title = text.clone();
                    }
                    let mut attributes = Attributes::default();
                    if part == Part::Content {
                        let wanted = id
                            .as_deref()
                            .map(str::to_string)
                            .unwrap_or_else(|| slugify(&text));
                        attributes.id = Some(self.unique_heading_id(&wanted));
                    }
                    for class in classes {
                        attributes.add_class(class);
                    }
                    for (name, value) in attrs {
                        attributes.set(name, value.as_deref().unwrap_or("").to_string());
                    }
                    outs.push(Out::Open {
                        tag: demoted(*level).1,
                        attrs: attributes,
                    });
                    depth += 1;
                }
                Event::End(TagEnd::Heading(level)) => {
                    outs.push(Out::Event(Event::End(TagEnd::Heading(demoted(*level).0))));
                    depth = depth.saturating_sub(1);
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let end = find_end(&events, i);
                    let code: String = events[i + 1..end]
                        .iter()
                        .filter_map(|(e, _)| {
                            if let Event::Text(t) = e {
                                Some(t.as_ref())
                            } else {
                                None
                            }
                        })
                        .collect();
                    let content_at = events
                        .get(i + 1)
                        .map_or(at, |(_, r)| piece.file_offset(r.start));
                    let info = match kind {
                        CodeBlockKind::Fenced(info) => {
                            self.unclosed_fence(&markdown[range.clone()], at, part);
                            info.to_string()
                        }
                        CodeBlockKind::Indented => String::new(),
                    };
                    let (fence, pos) = (self.pos(at), self.pos(content_at));
                    if crate::markdown::include::parse_directive(&code).is_none() {
                        for (_, range) in &events[i + 1..end] {
                            self.misspelt_directives(piece, range, directives::Place::CodeBlock);
                        }
                    }
                    outs.push(self.code_block(&info, &code, fence, pos, part == Part::Notes));
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Image {
                    dest_url, title, ..
                }) => {
                    let end = find_end(&events, i);
                    let alt = plain_text(&events[i + 1..end]);
                    let pos = self.pos(at);
                    if alt.trim().is_empty() {
                        self.push(Diagnostic::warning(self.path, pos, format!("image `{dest_url}` has no alt text"))
                            .with_hint("describe the image for people who cannot see it: ![what it shows](path)"));
                    }
                    let mut attrs = Attributes::default();
                    attrs.set("src", self.rewrite_link(dest_url, pos));
                    attrs.set("alt", alt);
                    if !title.is_empty() {
                        attrs.set("title", title.to_string());
                    }
                    outs.push(Out::Atom {
                        tag: "img",
                        attrs,
                        inner: String::new(),
                    });
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let pos = self.pos(at);
                    let dest = self.rewrite_link(dest_url, pos);
                    outs.push(Out::Event(Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url: CowStr::from(dest),
                        title: title.clone(),
                        id: id.clone(),
                    })));
                    link_depth += 1;
                    depth += 1;
                }
                Event::End(TagEnd::Link) => {
                    outs.push(Out::Event(event.clone()));
                    link_depth = link_depth.saturating_sub(1);
                    depth = depth.saturating_sub(1);
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    outs.push(Out::Event(Event::Start(Tag::FootnoteDefinition(
                        CowStr::from(format!("{slide_id}-{label}")),
                    ))));
                    depth += 1;
                }
                Event::FootnoteReference(label) => {
                    outs.push(Out::Event(Event::FootnoteReference(CowStr::from(format!(
                        "{slide_id}-{label}"
                    )))));
                }
                Event::Html(html) | Event::InlineHtml(html) => {
                    let inline = matches!(event, Event::InlineHtml(_));
                    // A block of HTML at the top of the slide sits in its own HtmlBlock: depth 1.
                    let top_level = !inline && depth == 1;
                    self.html_comments(html, inline, top_level, at, &mut rendered, &mut outs);
                }
                Event::Text(text) if link_depth == 0 => {
                    self.misspelt_directives(piece, range, directives::Place::Prose);
                    linkify(text, &mut outs)
                }
                Event::Text(_) => {
                    self.misspelt_directives(piece, range, directives::Place::Prose);
                    outs.push(Out::Event(event.clone()));
                }
                Event::Start(_) => {
                    depth += 1;
                    if depth > MAX_NESTING && !too_deep {
                        too_deep = true;
                        let pos = self.pos(at);
                        self.push(
                            Diagnostic::error(
                                self.path,
                                pos,
                                format!("Markdown nested more than {MAX_NESTING} levels deep"),
                            )
                            .with_hint(
                                "flatten the lists or quotes; slides cannot show that much nesting",
                            ),
                        );
                    }
                    outs.push(Out::Event(event.clone()));
                }
                Event::End(_) => {
                    depth = depth.saturating_sub(1);
                    outs.push(Out::Event(event.clone()));
                }
                _ => outs.push(Out::Event(event.clone())),
            }
            i += 1;
        }
        for unattached in elements::attach_element_attributes(&mut outs) {
            self.push(
                Diagnostic::warning(
                    self.path,
                    unattached.pos,
                    "`.element:` attributes have no element to apply to",
                )
                .with_hint(
                    "put the comment right after the element, e.g. at the end of a list item",
                ),
            );
        }
        let mut html = String::with_capacity(markdown.len() * 2);
        pulldown_cmark::html::push_html(&mut html, elements::into_events(outs));
        rendered.fragments = count_fragments(&html);
        rendered.html = html;
        rendered
    }

    /// Report what in `markdown[range]` looks like a directive but will not run (see
    /// [`directives`]); `offset` is where `markdown` starts in the chapter file.
    fn misspelt_directives(
        &mut self,
        piece: &Piece<'_>,
        range: &std::ops::Range<usize>,
        place: directives::Place,
    ) {
        for found in directives::find(&piece.text[..range.end], range.start, place) {
            let pos = self.pos(piece.file_offset(found.at));
            self.push(Diagnostic::error(self.path, pos, found.message).with_hint(found.hint));
        }
    }

    /// Warn about a fenced code block (`block`, its source, opening at file offset `at`) that
    /// is never closed, once even when a slide's steps repeat it.
    fn unclosed_fence(&mut self, block: &str, at: usize, part: Part) {
        let Some(found) = fences::unclosed(block) else {
            return;
        };
        let pos = self.pos(at);
        let end = if part == Part::Notes {
            "the notes"
        } else {
            "the slide"
        };
        let what = match found.lines {
            0 => format!("nothing follows it to the end of {end}"),
            1 => format!("the line after it, to the end of {end}, shows as code"),
            n => format!(
                "the {n} lines after it ({} with text), to the end of {end}, show as code",
                found.text_lines
            ),
        };
        let fence = &found.fence;
        let warning = Diagnostic::warning(
            self.path,
            pos,
            format!("this code fence ({fence}) is never closed: {what}"),
        )
        .with_hint(format!(
            "end the code with a line {fence} of its own (the same character, at least as many, at most 3 spaces before it)"
        ));
        // A remark step repeats the slide with more lines after the fence: the last, longest
        // count stands.
        self.diagnostics.retain(|d| {
            !(d.line == warning.line
                && d.col == warning.col
                && d.path == warning.path
                && d.message.starts_with("this code fence ("))
        });
        self.push(warning);
    }

    /// `<slug>-<wanted>`, made unique within the chapter.
    fn unique_heading_id(&mut self, wanted: &str) -> String {
        let base = if wanted.is_empty() {
            format!("{}-section", self.slug)
        } else {
            format!("{}-{wanted}", self.slug)
        };
        let mut id = base.clone();
        let mut n = 1;
        while !self.heading_ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

#[cfg(test)]
mod tests;
