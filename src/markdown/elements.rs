//! The rendered event stream, and reveal.js's `<!-- .element: … -->` rule on it: the comment's
//! attributes go to the closest element before it among its siblings, or else to its parent.
//!
//! Elements that need attributes are emitted as our own start tags ([`Out::Open`]) or whole
//! elements ([`Out::Atom`]); everything else stays a pulldown-cmark event for its HTML writer.

use pulldown_cmark::{Alignment, CowStr, Event, Tag, TagEnd};

use crate::diagnostics::Pos;
use crate::html::{Attributes, escape};

/// One piece of the output stream.
#[derive(Debug)]
pub enum Out<'a> {
    Event(Event<'a>),
    /// A start tag we write ourselves; its end tag is still the parser's `End` event.
    Open {
        tag: &'static str,
        attrs: Attributes,
    },
    /// A whole element: `<tag attrs>` then `inner` (which includes any closing tag).
    Atom {
        tag: &'static str,
        attrs: Attributes,
        inner: String,
    },
    /// An `.element:` comment waiting for its target.
    ElementAttributes {
        attrs: Attributes,
        pos: Pos,
    },
}

/// What happens to an `.element:` comment that found nothing to attach to.
pub struct Unattached {
    pub pos: Pos,
}

enum Kind {
    Start,
    End,
    Element,
    Text,
    Transparent,
    Comment,
}

fn kind(out: &Out<'_>) -> Kind {
    match out {
        Out::Event(Event::Start(Tag::HtmlBlock)) | Out::Event(Event::End(TagEnd::HtmlBlock)) => {
            Kind::Transparent
        }
        Out::Event(Event::Start(_)) | Out::Open { .. } => Kind::Start,
        Out::Event(Event::End(_)) => Kind::End,
        Out::Atom { .. } | Out::Event(Event::Code(_) | Event::Rule | Event::TaskListMarker(_)) => {
            Kind::Element
        }
        Out::Event(Event::FootnoteReference(_)) => Kind::Element,
        Out::ElementAttributes { .. } => Kind::Comment,
        Out::Event(_) => Kind::Text,
    }
}

/// Attach every `.element:` comment's attributes to its target. Returns the comments that had
/// no element to go to.
pub fn attach_element_attributes(outs: &mut [Out<'_>]) -> Vec<Unattached> {
    let mut unattached = Vec::new();
    // For each open element: the index of its start, and of its last element child so far.
    let mut stack: Vec<(Option<usize>, Option<usize>)> = vec![(None, None)];
    let mut targets: Vec<(usize, Attributes, Pos)> = Vec::new();
    for (i, out) in outs.iter_mut().enumerate() {
        match kind(out) {
            Kind::Start => stack.push((Some(i), None)),
            Kind::End => {
                if stack.len() > 1 {
                    let (start, _) = stack.pop().unwrap();
                    if let Some(parent) = stack.last_mut() {
                        parent.1 = start;
                    }
                }
            }
            Kind::Element => {
                if let Some(top) = stack.last_mut() {
                    top.1 = Some(i);
                }
            }
            Kind::Comment => {
                let (parent, previous) = *stack.last().unwrap();
                let Out::ElementAttributes { attrs, pos } =
                    std::mem::replace(out, Out::Event(Event::Text("".into())))
                else {
                    unreachable!()
                };
                match previous.or(parent) {
                    Some(target) => targets.push((target, attrs, pos)),
                    None => unattached.push(Unattached { pos }),
                }
            }
            Kind::Text | Kind::Transparent => {}
        }
    }
    for (target, attrs, pos) in targets {
        if !apply(&mut outs[target], attrs) {
            unattached.push(Unattached { pos });
        }
    }
    open_table_cells(outs);
    unattached
}

/// Give `out` the attributes; false when it is an element that cannot carry them.
fn apply(out: &mut Out<'_>, extra: Attributes) -> bool {
    match out {
        Out::Open { attrs, .. } | Out::Atom { attrs, .. } => attrs.merge(extra),
        Out::Event(event) => {
            let taken = std::mem::replace(event, Event::Text("".into()));
            match to_element(taken, extra) {
                Ok(converted) => *out = converted,
                Err(original) => {
                    *event = original;
                    return false;
                }
            }
        }
        Out::ElementAttributes { .. } => return false,
    }
    true
}

/// Re-express an event as an element of ours carrying `attrs`, or give it back unchanged.
fn to_element(event: Event<'_>, mut attrs: Attributes) -> Result<Out<'_>, Event<'_>> {
    let open = |tag: &'static str, attrs: Attributes| Ok(Out::Open { tag, attrs });
    match event {
        Event::Start(tag) => match tag {
            Tag::Paragraph => open("p", attrs),
            Tag::Item => open("li", attrs),
            Tag::List(None) => open("ul", attrs),
            Tag::List(Some(start)) => {
                if start != 1 {
                    attrs.set("start", start.to_string());
                }
                open("ol", attrs)
            }
            Tag::BlockQuote(kind) => {
                if let Some(kind) = kind {
                    attrs.add_class(&format!(
                        "markdown-alert-{}",
                        format!("{kind:?}").to_lowercase()
                    ));
                }
                open("blockquote", attrs)
            }
            Tag::Emphasis => open("em", attrs),
            Tag::Strong => open("strong", attrs),
            Tag::Strikethrough => open("del", attrs),
            Tag::Link {
                dest_url, title, ..
            } => {
                attrs.set("href", dest_url.to_string());
                if !title.is_empty() {
                    attrs.set("title", title.to_string());
                }
                open("a", attrs)
            }
            Tag::Table(alignments) => {
                attrs.set(
                    "data-align",
                    alignments
                        .iter()
                        .map(align_name)
                        .collect::<Vec<_>>()
                        .join(","),
                );
                open("table", attrs)
            }
            Tag::TableRow => open("tr", attrs),
            other => Err(Event::Start(other)),
        },
        Event::Code(code) => Ok(Out::Atom {
            tag: "code",
            attrs,
            inner: format!("{}</code>", escape(&code)),
        }),
        Event::Rule => Ok(Out::Atom {
            tag: "hr",
            attrs,
            inner: String::new(),
        }),
        other => Err(other),
    }
}

fn align_name(alignment: &Alignment) -> &'static str {
    match alignment {
        Alignment::None => "",
        Alignment::Left => "left",
        Alignment::Center => "center",
        Alignment::Right => "right",
    }
}

/// A table we opened ourselves lost the parser's alignment state: write its cells too, with the
/// alignments we stashed in `data-align`.
fn open_table_cells(outs: &mut [Out<'_>]) {
    let mut i = 0;
    while i < outs.len() {
        let alignments: Option<Vec<String>> = match &mut outs[i] {
            Out::Open {
                tag: "table",
                attrs,
            } if attrs.get("data-align").is_some() => {
                let list = attrs
                    .get("data-align")
                    .unwrap()
                    .split(',')
                    .map(str::to_string)
                    .collect();
                attrs.others.retain(|(name, _)| name != "data-align");
                Some(list)
            }
            _ => None,
        };
        let Some(alignments) = alignments else {
            i += 1;
            continue;
        };
        let mut in_head = false;
        let mut column = 0;
        i += 1;
        while i < outs.len() {
            match &outs[i] {
                Out::Event(Event::End(TagEnd::Table)) => break,
                Out::Event(Event::Start(Tag::TableHead)) => in_head = true,
                Out::Event(Event::End(TagEnd::TableHead)) => in_head = false,
                Out::Event(Event::Start(Tag::TableRow)) | Out::Open { tag: "tr", .. } => column = 0,
                Out::Event(Event::Start(Tag::TableCell)) => {
                    let mut attrs = Attributes::default();
                    if let Some(align) = alignments.get(column).filter(|a| !a.is_empty()) {
                        attrs.set("style", format!("text-align: {align}"));
                    }
                    outs[i] = Out::Open {
                        tag: if in_head { "th" } else { "td" },
                        attrs,
                    };
                    column += 1;
                }
                _ => {}
            }
            i += 1;
        }
    }
}

/// Turn the stream into pulldown-cmark events, our own elements becoming raw HTML.
pub fn into_events<'a>(outs: Vec<Out<'a>>) -> impl Iterator<Item = Event<'a>> {
    outs.into_iter().filter_map(|out| match out {
        Out::Event(event) => Some(event),
        Out::Open { tag, attrs } => Some(Event::Html(CowStr::from(format!(
            "<{tag}{}>",
            attrs.to_html()
        )))),
        Out::Atom { tag, attrs, inner } => Some(Event::Html(CowStr::from(format!(
            "<{tag}{}>{inner}",
            attrs.to_html()
        )))),
        Out::ElementAttributes { .. } => None,
    })
}
