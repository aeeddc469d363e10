//! Parser events to JSON values, as kubectl's YAML-to-JSON conversion would produce them, with
//! the position of every key and item.
//!
//! Built straight from saphyr's event stream rather than through a node tree: one pass, no
//! hashing of nodes, and the scalars' text and style are at hand for YAML 1.1 resolution
//! ([`super::scalars`]).

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError, Span, Tag};
use serde_json::{Map, Value};
use std::collections::HashMap;

use super::scalars::{plain_key, resolve_plain, resolve_tagged};
use super::{Document, SyntaxError};
use crate::diagnostics::Pos;

/// At most this many nodes may be copied by aliases in one document (a "billion laughs" file
/// would otherwise exhaust memory).
const ALIAS_BUDGET: usize = 1_000_000;

/// Where a chunk of text sits in the file: its first line, and columns added to some lines by
/// [`super::flow`] (to be taken off again).
pub(super) struct Origin<'a> {
    pub first_line: usize,
    pub shifts: &'a HashMap<usize, usize>,
}

impl Origin<'_> {
    pub fn pos(&self, marker: &Marker) -> Pos {
        let line = marker.line().max(1);
        let shift = self.shifts.get(&line).copied().unwrap_or(0);
        let col = marker.col().saturating_sub(shift) + 1;
        Pos::new(line + self.first_line, col)
    }

    pub fn error(&self, err: &ScanError) -> SyntaxError {
        SyntaxError {
            pos: self.pos(err.marker()),
            message: err.info().to_string(),
        }
    }
}

enum Frame {
    Mapping {
        map: Map<String, Value>,
        path: String,
        /// The key whose value comes next, and whether it is the merge key `<<`.
        key: Option<(String, bool)>,
        /// Where each key was written, to point at the first of two duplicates.
        key_pos: HashMap<String, Pos>,
        merges: Vec<Value>,
        anchor: usize,
        nodes: usize,
    },
    Sequence {
        items: Vec<Value>,
        path: String,
        anchor: usize,
        nodes: usize,
    },
}

/// Read every document of `text`; documents that end before a syntax error are kept.
pub(super) fn documents(
    text: &str,
    origin: &Origin<'_>,
    out: &mut Vec<Document>,
) -> Result<(), SyntaxError> {
    let mut builder = Builder {
        origin,
        frames: Vec::new(),
        anchors: HashMap::new(),
        positions: HashMap::new(),
        root: None,
        doc_pos: None,
        budget: ALIAS_BUDGET,
    };
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|err| origin.error(&err))?;
        if let Some(document) = builder.event(event, span)? {
            out.push(document);
        }
    }
    Ok(())
}

struct Builder<'o, 'a> {
    origin: &'o Origin<'a>,
    frames: Vec<Frame>,
    /// Anchored values and how many nodes each holds.
    anchors: HashMap<usize, (Value, usize)>,
    positions: HashMap<String, Pos>,
    root: Option<Value>,
    doc_pos: Option<Pos>,
    budget: usize,
}

impl Builder<'_, '_> {
    fn event(&mut self, event: Event<'_>, span: Span) -> Result<Option<Document>, SyntaxError> {
        let pos = self.origin.pos(&span.start);
        match event {
            Event::DocumentStart(_) => {
                self.positions = HashMap::new();
                self.anchors.clear();
                self.root = None;
                self.doc_pos = None;
            }
            Event::DocumentEnd => {
                let value = self.root.take().unwrap_or(Value::Null);
                return Ok(Some(Document {
                    value,
                    pos: self.doc_pos.take().unwrap_or(pos),
                    positions: std::mem::take(&mut self.positions),
                }));
            }
            Event::Scalar(text, style, anchor, tag) => {
                if let Some(Frame::Mapping { key: None, .. }) = self.frames.last() {
                    return self.key(&text, style, pos).map(|()| None);
                }
                self.node_path(pos);
                let value = scalar(&text, style, tag.as_deref()).ok_or_else(|| SyntaxError {
                    pos,
                    message: format!("`{text}` does not match its tag"),
                })?;
                if anchor > 0 {
                    self.anchors.insert(anchor, (value.clone(), 1));
                }
                self.finish(value, 1, pos)?;
            }
            Event::Alias(anchor) => {
                if let Some(Frame::Mapping { key: None, .. }) = self.frames.last() {
                    return Err(complex_key(pos));
                }
                self.node_path(pos);
                let (value, nodes) = self.anchors.get(&anchor).cloned().ok_or(SyntaxError {
                    pos,
                    message: "this alias names no anchor".into(),
                })?;
                self.budget = self.budget.checked_sub(nodes).ok_or(SyntaxError {
                    pos,
                    message: "aliases expand this document to too many nodes".into(),
                })?;
                self.finish(value, nodes, pos)?;
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                if let Some(Frame::Mapping { key: None, .. }) = self.frames.last() {
                    return Err(complex_key(pos));
                }
                let path = self.node_path(pos);
                self.frames
                    .push(if matches!(event, Event::MappingStart(..)) {
                        Frame::Mapping {
                            map: Map::new(),
                            path,
                            key: None,
                            key_pos: HashMap::new(),
                            merges: Vec::new(),
                            anchor,
                            nodes: 1,
                        }
                    } else {
                        Frame::Sequence {
                            items: Vec::new(),
                            path,
                            anchor,
                            nodes: 1,
                        }
                    });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let (value, anchor, nodes) = match self.frames.pop() {
                    Some(Frame::Mapping {
                        mut map,
                        merges,
                        anchor,
                        nodes,
                        ..
                    }) => {
                        // Explicit keys win over merged ones, and earlier merged maps over later.
                        for merged in merges {
                            if let Value::Object(merged) = merged {
                                for (k, v) in merged {
                                    map.entry(k).or_insert(v);
                                }
                            }
                        }
                        (Value::Object(map), anchor, nodes)
                    }
                    Some(Frame::Sequence {
                        items,
                        anchor,
                        nodes,
                        ..
                    }) => (Value::Array(items), anchor, nodes),
                    None => return Ok(None),
                };
                if anchor > 0 {
                    self.anchors.insert(anchor, (value.clone(), nodes));
                }
                self.finish(value, nodes, pos)?;
            }
            Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
        }
        Ok(None)
    }

    /// A key of the mapping on top of the stack.
    fn key(&mut self, text: &str, style: ScalarStyle, pos: Pos) -> Result<(), SyntaxError> {
        let Some(Frame::Mapping {
            path, key, key_pos, ..
        }) = self.frames.last_mut()
        else {
            return Ok(());
        };
        let plain = style == ScalarStyle::Plain;
        let name = if plain {
            plain_key(text)
        } else {
            text.to_string()
        };
        let merge = plain && text == "<<";
        if !merge {
            // kubectl refuses duplicate keys (strict decoding, `json: duplicate field`), and a
            // later value silently replacing an earlier one is a mistake worth stopping for.
            if let Some(first) = key_pos.get(&name) {
                return Err(SyntaxError {
                    pos,
                    message: format!(
                        "duplicate key `{name}` (first at line {}, column {})",
                        first.line, first.col
                    ),
                });
            }
            let full = child_path(path, &name);
            self.positions.insert(full, pos);
        }
        key_pos.insert(name.clone(), pos);
        *key = Some((name, merge));
        Ok(())
    }

    /// The path of the node starting at `pos`, recording the position of a sequence item.
    fn node_path(&mut self, pos: Pos) -> String {
        match self.frames.last() {
            Some(Frame::Mapping {
                path,
                key: Some((name, _)),
                ..
            }) => child_path(path, name),
            Some(Frame::Sequence { path, items, .. }) => {
                let item = format!("{path}[{}]", items.len());
                self.positions.insert(item.clone(), pos);
                item
            }
            _ => {
                self.doc_pos.get_or_insert(pos);
                String::new()
            }
        }
    }

    /// A complete node: into its parent, or the document's root.
    fn finish(&mut self, value: Value, count: usize, pos: Pos) -> Result<(), SyntaxError> {
        match self.frames.last_mut() {
            Some(Frame::Mapping {
                map,
                key,
                merges,
                nodes,
                ..
            }) => {
                *nodes += count;
                match key.take() {
                    Some((_, true)) => match value {
                        Value::Object(_) => merges.push(value),
                        Value::Array(items) if items.iter().all(Value::is_object) => {
                            merges.extend(items)
                        }
                        _ => {
                            return Err(SyntaxError {
                                pos,
                                message: "a merge key `<<` needs a mapping or a list of mappings"
                                    .into(),
                            });
                        }
                    },
                    Some((name, false)) => {
                        map.insert(name, value);
                    }
                    None => {}
                }
            }
            Some(Frame::Sequence { items, nodes, .. }) => {
                *nodes += count;
                items.push(value);
            }
            None => self.root = Some(value),
        }
        Ok(())
    }
}

fn child_path(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

fn complex_key(pos: Pos) -> SyntaxError {
    SyntaxError {
        pos,
        message: "a mapping key must be a plain value, not a list or a mapping".into(),
    }
}

/// A scalar's value from its text, style and tag; `None` when the text does not fit the tag.
fn scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Option<Value> {
    match tag {
        Some(tag) if tag.handle == "!!" || tag.handle == "tag:yaml.org,2002:" => {
            resolve_tagged(&tag.suffix, text)
        }
        // The non-specific tag `!` makes a plain scalar a string; other tags (`!Ref`…) belong
        // to other tools and leave the value as written.
        Some(tag) if tag.handle == "!" && tag.suffix.is_empty() => {
            Some(Value::String(text.to_string()))
        }
        _ if style == ScalarStyle::Plain => Some(resolve_plain(text)),
        _ => Some(Value::String(text.to_string())),
    }
}
