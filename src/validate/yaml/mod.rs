//! YAML documents as JSON values, with the line and column of every key and item, so that a
//! problem found in the value can be shown where the author wrote it.
//!
//! The reading follows kubectl's, so that what `kubectl apply` takes passes here: YAML 1.1
//! scalars ([`scalars`]), merge keys, aliases expanded, and flow collections whose lines are
//! not indented ([`flow`]). Duplicate keys stay an error, as they are for kubectl. A syntax
//! error ends its own document only: reading starts again at the next `---`, so every other
//! document of the file is still checked.

mod build;
mod flow;
mod scalars;

use std::collections::HashMap;

use crate::diagnostics::Pos;
use build::Origin;

/// One document of a YAML file.
#[derive(Debug)]
pub struct Document {
    pub value: serde_json::Value,
    /// Where the document starts.
    pub pos: Pos,
    /// Positions by path (`spec.containers[0].image`); keys point at the key, items at the item.
    pub positions: HashMap<String, Pos>,
}

impl Document {
    /// The position of `path`, or of its closest ancestor that has one.
    pub fn position(&self, path: &str) -> Pos {
        let mut current = path;
        loop {
            if let Some(pos) = self.positions.get(current) {
                return *pos;
            }
            match current.rfind(['.', '[']) {
                Some(cut) => current = &current[..cut],
                None => return self.pos,
            }
        }
    }

    /// Whether the document holds `path` (a key or an item), even with a null value.
    pub fn has(&self, path: &str) -> bool {
        self.positions.contains_key(path)
    }
}

/// A YAML syntax error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

/// Every document that could be read, and the syntax errors that stopped the others.
#[derive(Debug, Default)]
pub struct Parsed {
    pub documents: Vec<Document>,
    pub errors: Vec<SyntaxError>,
}

/// Parse every document of `text`.
pub fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    // The 0-based line to read from: the start, then the document after each error.
    let mut from = 0;
    while from < line_starts.len() {
        let chunk = &text[line_starts[from]..];
        match parse_chunk(chunk, from, &mut parsed.documents) {
            Ok(()) => break,
            Err(error) => {
                // The error's own line may be the `---` an unclosed collection ran into.
                let error_line = error.pos.line.saturating_sub(1).max(from + 1);
                parsed.errors.push(error);
                match next_document(text, &line_starts, error_line) {
                    Some(line) => from = line,
                    None => break,
                }
            }
        }
    }
    parsed
}

/// Read the documents of a chunk that starts at (0-based) line `first_line` of the file.
fn parse_chunk(chunk: &str, first_line: usize, out: &mut Vec<Document>) -> Result<(), SyntaxError> {
    let no_shifts = HashMap::new();
    let origin = Origin {
        first_line,
        shifts: &no_shifts,
    };
    let before = out.len();
    let Err(error) = build::documents(chunk, &origin, out) else {
        return Ok(());
    };
    if !error.message.contains("indentation") {
        return Err(error);
    }
    // Perhaps a flow collection kubectl would take: try again with its lines indented.
    let Some((reindented, shifts)) = flow::reindent(chunk) else {
        return Err(error);
    };
    let mut retry = Vec::new();
    let origin = Origin {
        first_line,
        shifts: &shifts,
    };
    match build::documents(&reindented, &origin, &mut retry) {
        Ok(()) => {
            out.truncate(before);
            out.extend(retry);
            Ok(())
        }
        Err(_) => Err(error),
    }
}

/// The first line at or after `from` that starts a document (`---`), 0-based.
fn next_document(text: &str, line_starts: &[usize], from: usize) -> Option<usize> {
    (from..line_starts.len()).find(|&line| {
        let rest = &text[line_starts[line]..];
        rest.strip_prefix("---")
            .is_some_and(|after| after.is_empty() || after.starts_with([' ', '\t', '\n', '\r']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn one(text: &str) -> Document {
        let mut parsed = parse(text);
        assert_eq!(parsed.errors, vec![], "{text}");
        assert_eq!(parsed.documents.len(), 1);
        parsed.documents.remove(0)
    }

    #[test]
    fn documents_keep_the_positions_of_keys_and_items() {
        let docs = parse(
            "a: 1\n---\nkind: Pod\nspec:\n  containers:\n    - name: web\n      image: nginx\n",
        )
        .documents;
        assert_eq!(docs.len(), 2);
        let pod = &docs[1];
        assert_eq!(pod.value["spec"]["containers"][0]["image"], "nginx");
        assert_eq!(pod.position("spec.containers[0].image"), Pos::new(7, 7));
        assert_eq!(pod.position("spec.containers[0].missing"), Pos::new(6, 7));
        assert_eq!(pod.pos, Pos::new(3, 1));
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let parsed = parse("a: 1\nb: [1, 2\n");
        assert!(parsed.errors[0].pos.line >= 2, "{parsed:?}");
    }

    #[test]
    fn duplicate_keys_are_errors_that_name_the_first() {
        let parsed = parse("a: 1\nb:\n  c: 1\na: 2\n");
        assert_eq!(parsed.errors[0].pos, Pos::new(4, 1));
        assert_eq!(
            parsed.errors[0].message,
            "duplicate key `a` (first at line 1, column 1)"
        );
    }

    #[test]
    fn an_error_stops_only_its_own_document() {
        let parsed = parse("a: 1\n---\nb: [1, 2\n---\nc: 3\n---\nd: 1\nd: 2\n---\ne: 5\n");
        let values: Vec<_> = parsed.documents.iter().map(|d| d.value.clone()).collect();
        assert_eq!(values, [json!({"a": 1}), json!({"c": 3}), json!({"e": 5})]);
        assert_eq!(parsed.errors.len(), 2, "{:?}", parsed.errors);
        assert_eq!(parsed.documents[1].position("c"), Pos::new(5, 1));
        assert_eq!(parsed.errors[1].pos.line, 8);
    }

    #[test]
    fn scalars_are_read_as_kubectl_reads_them() {
        let v = one("num: 3\nf: 0.05\nb: true\ns: \"3\"\nnull_value: ~\nword: yes\nmode: 0644\nt: !!str 12\n").value;
        assert_eq!(
            v,
            json!({"num": 3, "f": 0.05, "b": true, "s": "3", "null_value": null, "word": true, "mode": 420, "t": "12"})
        );
    }

    #[test]
    fn aliases_and_merge_keys_are_expanded() {
        let v = one("base: &b {cpu: 1, memory: 2}\nuse:\n  <<: *b\n  cpu: 3\nlist: [*b]\n").value;
        assert_eq!(v["use"], json!({"cpu": 3, "memory": 2}));
        assert_eq!(v["list"][0]["memory"], 2);
    }

    #[test]
    fn flow_collections_may_close_at_the_keys_column() {
        let doc = one(
            "spec:\n  args: [\n    \"-c\", \"x\",\n  ]\n  env: {a: 1,\n  b: 2}\n  next: [\n  1]\n",
        );
        assert_eq!(doc.value["spec"]["args"], json!(["-c", "x"]));
        assert_eq!(doc.value["spec"]["env"], json!({"a": 1, "b": 2}));
        assert_eq!(doc.value["spec"]["next"], json!([1]));
        // Positions are those of the text as written.
        assert_eq!(doc.position("spec.next[0]"), Pos::new(8, 3));
        assert_eq!(doc.position("spec.env.b"), Pos::new(6, 3));
    }

    #[test]
    fn present_null_fields_keep_their_position() {
        let doc = one("spec:\n  involvedObject:\n  other: 1\n");
        assert!(doc.value["spec"]["involvedObject"].is_null());
        assert!(doc.has("spec.involvedObject"));
        assert_eq!(doc.position("spec.involvedObject"), Pos::new(2, 3));
    }

    #[test]
    fn mapping_keys_must_be_plain_values() {
        let parsed = parse("config: {{value}}\n");
        assert_eq!(parsed.errors.len(), 1);
    }
}
