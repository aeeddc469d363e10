//! remark's slideshow model (`models/slideshow.js`, `models/slide.js`): which slide a slide
//! builds on — the previous one after `--`, the one named by `template:`, or the last
//! `layout: true` slide — what it inherits from it (its properties, `class` added to, and its
//! content, before the slide's own or in place of `{{ content }}`), which slides are left out
//! (`layout: true` ones, those with an excluded class), and `{{ property }}` expansion.

use std::collections::{HashMap, HashSet};

use super::parser::{Node, ParsedSlide, Property};
use crate::dialect::PieceBuilder;

/// A slide remark shows.
#[derive(Debug, Clone)]
pub struct Shown {
    pub start: usize,
    pub content: Vec<Node>,
    pub notes: Option<Vec<Node>>,
    pub properties: Vec<Property>,
    /// It repeats the slide shown before it, plus its own lines (a `--` continuation).
    pub continues_previous: bool,
}

impl Shown {
    pub fn property(&self, name: &str) -> Option<&str> {
        super::parser::property(&self.properties, name)
    }
}

/// What became of the slides.
pub struct Slideshow {
    pub shown: Vec<Shown>,
    /// Property names some `{{ name }}` asked for.
    pub referenced: HashSet<String>,
    /// A `layout: true` slide with no slide after it to apply to.
    pub unused_layout: Option<usize>,
}

/// remark's `createSlides`, then `expandVariables` on every slide.
pub fn build(parsed: Vec<ParsedSlide>, excluded_classes: &[String]) -> Slideshow {
    let mut shown: Vec<Shown> = Vec::new();
    let mut by_name: HashMap<String, Shown> = HashMap::new();
    let mut layout: Option<Shown> = None;
    let mut unused_layout = None;
    let mut referenced = HashSet::new();
    let count = parsed.len();
    for (i, slide) in parsed.into_iter().enumerate() {
        let is_layout = slide.property("layout") == Some("true");
        let template: Option<Shown> = if slide.continued && i > 0 {
            shown.last().cloned()
        } else if let Some(named) = slide.property("template").and_then(|t| by_name.get(t)) {
            Some(named.clone())
        } else if slide.property("layout") == Some("false") {
            layout = None;
            None
        } else if !is_layout {
            layout.clone()
        } else {
            None
        };
        let classes = slide.property("class").unwrap_or_default().to_string();
        let included = !classes
            .split([',', ' '])
            .any(|c| !c.is_empty() && excluded_classes.iter().any(|e| e == c));
        let continues_previous = slide.continued && i > 0 && !shown.is_empty();
        let mut model = Shown {
            start: slide.start,
            content: slide.content,
            notes: slide.notes,
            properties: slide.properties,
            continues_previous,
        };
        if let Some(template) = &template {
            inherit(&mut model, template, &mut referenced);
        }
        let name = model.property("name").map(str::to_string);
        if is_layout {
            unused_layout = (i + 1 == count).then_some(model.start);
            layout = Some(model.clone());
        } else if included {
            shown.push(model.clone());
        }
        if let Some(name) = name {
            by_name.insert(name, model);
        }
    }
    for slide in &mut shown {
        let properties: HashMap<String, String> = slide
            .properties
            .iter()
            .map(|p| (p.name.clone(), p.value.clone()))
            .collect();
        expand(&mut slide.content, &properties, &mut referenced);
    }
    Slideshow {
        shown,
        referenced,
        unused_layout,
    }
}

/// remark's `inherit`: properties (but `name`, `layout` and `count`), with `class` joined;
/// content, the template's first.
fn inherit(slide: &mut Shown, template: &Shown, referenced: &mut HashSet<String>) {
    for property in &template.properties {
        if matches!(property.name.as_str(), "name" | "layout" | "count") {
            continue;
        }
        let own = slide
            .properties
            .iter_mut()
            .find(|p| p.name == property.name);
        match own {
            Some(own) if property.name == "class" => {
                own.value = format!("{}, {}", property.value, own.value);
            }
            Some(_) => {}
            None => slide.properties.push(property.clone()),
        }
    }
    let own = std::mem::take(&mut slide.content);
    let mut content = template.content.clone();
    if !put_content(&mut content, &own, referenced) {
        content.extend(own);
    }
    slide.content = content;
}

/// Put `own` in place of the first `{{ content }}` of `nodes`; false when there is none.
fn put_content(nodes: &mut Vec<Node>, own: &[Node], referenced: &mut HashSet<String>) -> bool {
    for i in 0..nodes.len() {
        match &mut nodes[i] {
            Node::Class(class) => {
                if put_content(&mut class.content, own, referenced) {
                    return true;
                }
            }
            Node::Text(piece) => {
                let Some(found) =
                    variables(&piece.text).find(|v| !v.escaped && v.name == "content")
                else {
                    continue;
                };
                referenced.insert("content".into());
                let (mut before, mut after) = (PieceBuilder::new(), PieceBuilder::new());
                before.push_piece(piece, 0..found.range.start);
                after.push_piece(piece, found.range.end..piece.text.len());
                let mut replacement = vec![Node::Text(before.build())];
                replacement.extend(own.iter().cloned());
                replacement.push(Node::Text(after.build()));
                nodes.splice(i..=i, replacement);
                return true;
            }
        }
    }
    false
}

/// A `{{ name }}` in text.
struct Variable {
    range: std::ops::Range<usize>,
    name: String,
    escaped: bool,
}

/// remark's `/(\\)?(\{\{([^\}\n]+)\}\})/g`.
fn variables(text: &str) -> impl Iterator<Item = Variable> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            let open = from + text[from..].find("{{")?;
            let close = match text[open + 2..].find(['}', '\n']) {
                Some(rel) => open + 2 + rel,
                None => return None,
            };
            if close == open + 2 || !text[close..].starts_with("}}") {
                from = open + 1;
                continue;
            }
            from = close + 2;
            let escaped = open > 0 && text.as_bytes()[open - 1] == b'\\';
            let start = if escaped { open - 1 } else { open };
            return Some(Variable {
                range: start..close + 2,
                name: text[open + 2..close].trim().to_string(),
                escaped,
            });
        }
    })
}

/// remark's `expandVariables`: `{{ name }}` becomes the slide's property `name` (or nothing for
/// `content`); unknown names stay as written; `\{{ x }}` loses its backslash.
fn expand(
    nodes: &mut [Node],
    properties: &HashMap<String, String>,
    referenced: &mut HashSet<String>,
) {
    for node in nodes {
        match node {
            Node::Class(class) => expand(&mut class.content, properties, referenced),
            Node::Text(piece) => {
                if !piece.text.contains("{{") {
                    continue;
                }
                let mut out = PieceBuilder::new();
                let mut last = 0;
                for variable in variables(&piece.text) {
                    let range = variable.range.clone();
                    out.push_piece(piece, last..range.start);
                    last = range.end;
                    let at = piece.file_offset(range.start);
                    if variable.escaped {
                        out.push_piece(piece, range.start + 1..range.end);
                    } else if let Some(value) = properties.get(&variable.name) {
                        referenced.insert(variable.name);
                        out.push_made(value, at);
                    } else if variable.name == "content" {
                        // Nothing.
                    } else {
                        out.push_piece(piece, range);
                    }
                }
                out.push_piece(piece, last..piece.text.len());
                *piece = out.build();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::Piece;
    use crate::dialect::remark::{lexer, parser};

    fn show(text: &str, excluded: &[&str]) -> Slideshow {
        let origin = Piece::borrowed(text, 0);
        let (tokens, _) = lexer::lex(text);
        let parsed = parser::parse(text, &origin, tokens);
        let excluded: Vec<String> = excluded.iter().map(|s| s.to_string()).collect();
        build(parsed.slides, &excluded)
    }

    fn flat(nodes: &[Node]) -> String {
        nodes
            .iter()
            .map(|n| match n {
                Node::Text(t) => t.text.to_string(),
                Node::Class(c) => format!("<{}>{}</>", c.classes, flat(&c.content)),
            })
            .collect()
    }

    #[test]
    fn continuations_repeat_the_slide_before() {
        let s = show("- a\n--\n- b\n--\n- c", &[]);
        assert_eq!(s.shown.len(), 3);
        assert_eq!(flat(&s.shown[2].content), "- a\n- b\n- c");
        assert!(s.shown[1].continues_previous);
    }

    #[test]
    fn layouts_apply_to_the_slides_after_them() {
        let s = show(
            "layout: true\nclass: base\n\n.footer[F]\n---\nclass: x\n# One\n---\nlayout: false\n# Two",
            &[],
        );
        assert_eq!(s.shown.len(), 2);
        assert_eq!(s.shown[0].property("class"), Some("base, x"));
        assert!(flat(&s.shown[0].content).contains("<footer>F</>"));
        assert!(!flat(&s.shown[1].content).contains("footer"));
        assert!(s.unused_layout.is_none());
    }

    #[test]
    fn templates_and_content_placeholders() {
        let s = show(
            "name: frame\nlayout: true\n\n<b>{{ content }}</b> by {{author}}\n---\nauthor: Ada\nHi \\{{ x }}",
            &[],
        );
        assert_eq!(flat(&s.shown[0].content), "\n\n<b>\nHi {{ x }}</b> by Ada");
        assert!(s.referenced.contains("author"));
    }

    #[test]
    fn excluded_classes_and_a_trailing_layout() {
        let s = show(
            "# A\n---\nclass: extra, in-person\n# B\n---\nlayout: true\nX",
            &["in-person"],
        );
        assert_eq!(s.shown.len(), 1);
        assert!(s.unused_layout.is_some());
    }
}
