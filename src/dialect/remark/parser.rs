//! remark's parser (`src/remark/parser.js`): tokens become slides, each a list of text and
//! content classes, with notes after `???`, link definitions gathered, and the leading
//! `name: value` lines (or `<!-- name: value -->` comments) of its first text taken out as
//! properties. Slides with `exclude: true` are dropped here, as remark does.

use regress::Regex;
use std::sync::LazyLock;

use super::lexer::Token;
use crate::dialect::{Piece, PieceBuilder};

/// remark's `propertyFinder`, case-insensitive.
static PROPERTY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::with_flags(
        r"^\n*([-\w]+):([^$\n]*)|\n*(?:<!--\s*)([-\w]+):([^$\n]*?)(?:\s*-->)",
        "i",
    )
    .expect("remark's property expression")
});

/// Slide content: text, and content classes holding more of it.
#[derive(Debug, Clone)]
pub enum Node {
    Text(Piece<'static>),
    Class(Class),
}

/// `.a.b[…]`: a `span` (on one line) or a `div` (over several).
#[derive(Debug, Clone)]
pub struct Class {
    /// `a b`
    pub classes: String,
    pub block: bool,
    /// File offsets of the `.a.b[` and of the closing `]`.
    pub open_at: usize,
    pub close_at: usize,
    pub content: Vec<Node>,
}

/// One `name: value` property and where its line is in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    pub name: String,
    pub value: String,
    pub at: usize,
}

/// A slide as the parser leaves it.
#[derive(Debug, Clone)]
pub struct ParsedSlide {
    /// File offset of the slide's first byte.
    pub start: usize,
    pub content: Vec<Node>,
    pub notes: Option<Vec<Node>>,
    pub properties: Vec<Property>,
    /// After `--`: the previous slide again, plus this one.
    pub continued: bool,
}

impl ParsedSlide {
    pub fn property(&self, name: &str) -> Option<&str> {
        property(&self.properties, name)
    }
}

/// The value of the property `name` among `properties`.
pub fn property<'p>(properties: &'p [Property], name: &str) -> Option<&'p str> {
    properties
        .iter()
        .find(|p| p.name == name)
        .map(|p| p.value.as_str())
}

/// A link definition `[id]: href "title"`, which remark gives every slide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkDef {
    pub id: String,
    pub href: String,
    pub title: Option<String>,
}

/// Something remark would stop at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MacroMissing {
    pub name: String,
    pub at: usize,
}

pub struct Parsed {
    pub slides: Vec<ParsedSlide>,
    pub links: Vec<LinkDef>,
    pub missing_macros: Vec<MacroMissing>,
}

/// The frame content is appended to: the slide (its notes once `???` was seen) or an open class.
enum Frame {
    Slide(ParsedSlide),
    Class(Class),
}

/// Parse the tokens of `text` (the lexed chapter body, whose bytes map to the file by `origin`).
pub fn parse(text: &str, origin: &Piece<'_>, tokens: Vec<Token>) -> Parsed {
    let file = |at: usize| origin.file_offset(at);
    let new_slide = |at: usize, continued: bool| ParsedSlide {
        start: file(at),
        content: Vec::new(),
        notes: None,
        properties: Vec::new(),
        continued,
    };
    let mut slides = Vec::new();
    let mut links = Vec::new();
    let mut missing_macros = Vec::new();
    let mut stack = vec![Frame::Slide(new_slide(0, false))];
    for token in tokens {
        match token {
            Token::Text(range) => {
                let mut piece = PieceBuilder::new();
                piece.push_piece(origin, range);
                append(&mut stack, Node::Text(piece.build()));
            }
            Token::Def { id, href, title } => links.push(LinkDef { id, href, title }),
            Token::Macro { name, at, .. } => {
                // remark ships one macro; decks define their own in JavaScript.
                if name == "hello" {
                    let mut piece = PieceBuilder::new();
                    piece.push_made("hello!", file(at));
                    append(&mut stack, Node::Text(piece.build()));
                } else {
                    missing_macros.push(MacroMissing { name, at: file(at) });
                }
            }
            Token::ContentStart { classes, block, at } => stack.push(Frame::Class(Class {
                classes: classes.join(" "),
                block,
                open_at: file(at),
                close_at: file(at),
                content: Vec::new(),
            })),
            Token::ContentEnd { at, .. } => {
                if let Some(Frame::Class(mut class)) = stack.pop() {
                    class.close_at = file(at);
                    append(&mut stack, Node::Class(class));
                }
            }
            Token::Separator { continued, at } => {
                // Separators only come between classes, so the slide is alone on the stack.
                stack.truncate(1);
                // The new slide starts on the line after the separator.
                let next = Frame::Slide(new_slide(
                    (at + if continued { 3 } else { 4 }).min(text.len()),
                    continued,
                ));
                if let Some(Frame::Slide(done)) = stack.pop() {
                    slides.push(done);
                }
                stack.push(next);
            }
            Token::Notes { .. } => {
                if let Some(Frame::Slide(slide)) = stack.first_mut() {
                    slide.notes = Some(Vec::new());
                }
            }
        }
    }
    stack.truncate(1);
    if let Some(Frame::Slide(last)) = stack.pop() {
        slides.push(last);
    }
    for slide in &mut slides {
        extract_properties(slide);
    }
    slides.retain(|s| {
        !s.property("exclude")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    });
    Parsed {
        slides,
        links,
        missing_macros,
    }
}

fn append(stack: &mut [Frame], node: Node) {
    let target = match stack.last_mut() {
        Some(Frame::Slide(slide)) => slide.notes.as_mut().unwrap_or(&mut slide.content),
        Some(Frame::Class(class)) => &mut class.content,
        None => return,
    };
    // remark joins consecutive strings into one.
    if let (Some(Node::Text(last)), Node::Text(next)) = (target.last_mut(), &node) {
        let mut joined = PieceBuilder::new();
        joined.push_all(last);
        joined.push_all(next);
        *last = joined.build();
        return;
    }
    target.push(node);
}

/// remark's `extractProperties`, on the slide's first text.
fn extract_properties(slide: &mut ParsedSlide) {
    let Some(Node::Text(first)) = slide.content.first_mut() else {
        return;
    };
    while let Some(found) = PROPERTY.find(&first.text) {
        let (name, value) = match (found.group(1), found.group(2)) {
            (Some(n), Some(v)) => (n, v),
            _ => match (found.group(3), found.group(4)) {
                (Some(n), Some(v)) => (n, v),
                _ => break,
            },
        };
        slide.properties.push(Property {
            name: first.text[name.clone()].trim().to_string(),
            value: first.text[value].trim().to_string(),
            at: first.file_offset(name.start),
        });
        let range = found.range();
        let mut rest = PieceBuilder::new();
        rest.push_piece(first, 0..range.start);
        rest.push_piece(first, range.end..first.text.len());
        *first = rest.build();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::remark::lexer::lex;

    fn parse_text(text: &str) -> Parsed {
        let origin = Piece::borrowed(text, 0);
        let (tokens, _) = lex(text);
        parse(text, &origin, tokens)
    }

    fn first_text(slide: &ParsedSlide) -> String {
        match slide.content.first() {
            Some(Node::Text(t)) => t.text.to_string(),
            _ => String::new(),
        }
    }

    #[test]
    fn properties_lead_the_slide() {
        let parsed =
            parse_text("class: center, middle\nname: intro\n\n# Hi\nclass: not-a-property\n");
        let slide = &parsed.slides[0];
        assert_eq!(slide.property("class"), Some("center, middle"));
        assert_eq!(slide.property("name"), Some("intro"));
        assert_eq!(slide.properties[1].at, "class: center, middle\n".len());
        assert_eq!(first_text(slide), "\n\n# Hi\nclass: not-a-property\n");
    }

    #[test]
    fn comment_properties_anywhere_in_the_first_text() {
        let parsed = parse_text("# Hi\n\n<!-- name: hidden -->\ntext");
        assert_eq!(parsed.slides[0].property("name"), Some("hidden"));
        // The newlines before the comment go with it, as in remark.
        assert_eq!(first_text(&parsed.slides[0]), "# Hi\ntext");
    }

    #[test]
    fn notes_continuations_and_exclusion() {
        let parsed = parse_text("a\n???\nsay\n--\nb\n---\nexclude: true\nc\n---\nd");
        assert_eq!(parsed.slides.len(), 3);
        assert!(parsed.slides[0].notes.is_some());
        assert!(parsed.slides[1].continued);
        assert_eq!(first_text(&parsed.slides[2]), "d");
    }

    #[test]
    fn classes_hold_their_content() {
        let parsed = parse_text("x .red[y] z");
        let content = &parsed.slides[0].content;
        assert_eq!(content.len(), 3);
        match &content[1] {
            Node::Class(class) => {
                assert_eq!(class.classes, "red");
                assert!(!class.block);
                assert_eq!((class.open_at, class.close_at), (2, 8));
            }
            other => panic!("{other:?}"),
        }
    }
}
