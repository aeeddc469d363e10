//! Leniency about the indentation of flow collections (`[…]`, `{…}`) written over several lines.
//!
//! The YAML spec wants every line of a flow collection indented deeper than the block it sits
//! in, and saphyr enforces it; libyaml, go-yaml (what kubectl uses) and PyYAML ignore
//! indentation inside flow collections, so real manifests close a list at the key's column:
//!
//! ```yaml
//! args: [
//!   "-c", "/etc/app.yml",
//! ]
//! ```
//!
//! When saphyr rejects a file for its indentation, [`reindent`] indents the lines that continue
//! a flow collection one column deeper than the line that opened it, and remembers how many
//! columns it added to each line so that positions still point at the original text.

use std::collections::HashMap;

/// The text with under-indented flow continuation lines indented, and the columns added per
/// (1-based) line; `None` when no line needed it.
pub fn reindent(text: &str) -> Option<(String, HashMap<usize, usize>)> {
    let mut out = String::with_capacity(text.len() + 64);
    let mut shifts = HashMap::new();
    let mut scan = Scan::default();
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let blank = line.trim().is_empty();
        if let Some(parent) = scan.block_scalar {
            if blank || indent > parent {
                out.push_str(line);
                continue;
            }
            scan.block_scalar = None;
        }
        if (scan.depth > 0 || scan.quote.is_some()) && !blank && indent <= scan.opener_indent {
            let shift = scan.opener_indent + 1 - indent;
            shifts.insert(index + 1, shift);
            out.extend(std::iter::repeat_n(' ', shift));
        }
        out.push_str(line);
        scan.line(line, indent);
    }
    (!shifts.is_empty()).then_some((out, shifts))
}

#[derive(Default)]
struct Scan {
    /// How many flow collections are open.
    depth: usize,
    /// The indentation of the line that opened the outermost open collection.
    opener_indent: usize,
    /// Inside a quoted scalar that continues on the next line.
    quote: Option<char>,
    /// Inside a block scalar (`|`, `>`) whose parent line has this indentation.
    block_scalar: Option<usize>,
}

impl Scan {
    fn line(&mut self, line: &str, indent: usize) {
        let mut prev: Option<char> = None;
        // Whether a node may start here: a `[` or `{` there opens a flow collection, while in
        // the middle of a plain scalar (`it's [x]`) it is text.
        let mut node_start = true;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            let next = chars.peek().copied();
            if let Some(q) = self.quote {
                // A `\"` escape in double quotes, or `''` in single quotes, is not the end.
                if (c == '\\' && q == '"') || (c == q && q == '\'' && next == Some('\'')) {
                    chars.next();
                } else if c == q {
                    self.quote = None;
                }
                prev = Some(c);
                continue;
            }
            let space_before = prev.is_none_or(char::is_whitespace);
            match c {
                '#' if space_before => break,
                _ if c.is_whitespace() => {}
                '"' | '\'' if node_start => self.quote = Some(c),
                '[' | '{' if node_start || self.depth > 0 => {
                    if self.depth == 0 {
                        self.opener_indent = indent;
                    }
                    self.depth += 1;
                    node_start = true;
                }
                ']' | '}' if self.depth > 0 => {
                    self.depth -= 1;
                    node_start = false;
                }
                ',' if self.depth > 0 => node_start = true,
                ':' | '-' | '?' if next.is_none_or(char::is_whitespace) => node_start = true,
                _ => node_start = false,
            }
            prev = Some(c);
        }
        if self.depth == 0 && self.quote.is_none() && opens_block_scalar(line) {
            self.block_scalar = Some(indent);
        }
    }
}

/// Whether a line ends with a block scalar indicator (`key: |`, `- >-`, `|2`).
fn opens_block_scalar(line: &str) -> bool {
    let code = match line.find(" #") {
        Some(cut) => &line[..cut],
        None => line,
    }
    .trim_end();
    let indicator = code.trim_end_matches(|c: char| c == '+' || c == '-' || c.is_ascii_digit());
    if !(indicator.ends_with('|') || indicator.ends_with('>')) {
        return false;
    }
    let before = indicator[..indicator.len() - 1].trim_end();
    before.is_empty() || before.ends_with(':') || before.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closing_bracket_at_the_keys_column_is_indented() {
        let (text, shifts) = reindent("args: [\n  \"-c\",\n]\nnext: 1\n").unwrap();
        assert_eq!(text, "args: [\n  \"-c\",\n ]\nnext: 1\n");
        assert_eq!(shifts, HashMap::from([(3, 1)]));
    }

    #[test]
    fn nested_keys_and_items_below_the_opener_are_indented() {
        let (text, _) = reindent("a:\n  list: [\n  1,\n  2\n  ]\n  b: {x: 1,\n  y: 2}\n").unwrap();
        assert_eq!(
            text,
            "a:\n  list: [\n   1,\n   2\n   ]\n  b: {x: 1,\n   y: 2}\n"
        );
    }

    #[test]
    fn brackets_in_quotes_comments_plain_text_and_block_scalars_are_ignored() {
        let text = "a: \"[\"\nb: it's [x]\nc: 1 # [\nd: |\n  [\ne: x[0]\n";
        assert_eq!(reindent(text), None);
    }
}
