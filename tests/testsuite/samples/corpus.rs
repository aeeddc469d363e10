//! Our own corpus of manifests (tests/fixtures/manifests): `valid/` holds valid but unusual
//! manifests and non-API YAML that must pass, `invalid/` one broken manifest per rule. Each file
//! states what `deckhand check --verbose` must say about it in comment lines:
//!
//! ```text
//! # expect: error | <text whose position the problem has> | <part of the message> | <part of the hint>
//! # expect: warning | … | … | …
//! # expect: note | <text, or nothing for anywhere> | <part of the note>
//! ```
//!
//! The text is found after the header; `text #2` is its second occurrence.
//!
//! A file gets exactly the errors and warnings it expects, each where the text sits (after the
//! comment header), and at least the notes it expects.

use std::path::{Path, PathBuf};

use crate::support::{Printed, Severity, Workshop, fixture_dir, parse_diagnostics};

struct Expected {
    kind: String,
    at: Option<(usize, usize)>,
    message: String,
    hint: Option<String>,
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

/// Where `needle` sits in `text` outside the `# expect:` lines: its first occurrence, or its
/// n-th when written `needle #n`.
fn position_after_header(text: &str, needle: &str) -> (usize, usize) {
    let (needle, mut nth) = match needle.rsplit_once(" #") {
        Some((needle, n)) if n.parse::<usize>().is_ok() => (needle, n.parse().unwrap()),
        _ => (needle, 1),
    };
    for (index, line) in text.lines().enumerate() {
        if !line.trim_start().starts_with("# expect:")
            && let Some(col) = line.find(needle)
        {
            nth -= 1;
            if nth == 0 {
                return (index + 1, line[..col].chars().count() + 1);
            }
        }
    }
    panic!("`{needle}` not found outside the header");
}

fn expectations(text: &str) -> Vec<Expected> {
    text.lines()
        .filter_map(|line| line.trim_start().strip_prefix("# expect:"))
        .map(|spec| {
            let parts: Vec<&str> = spec.split('|').map(str::trim).collect();
            let needle = parts.get(1).copied().unwrap_or("");
            Expected {
                kind: parts[0].to_string(),
                at: (!needle.is_empty()).then(|| position_after_header(text, needle)),
                message: parts.get(2).copied().unwrap_or("").to_string(),
                hint: parts.get(3).map(|h| h.to_string()),
            }
        })
        .collect()
}

struct Note {
    path: String,
    line: usize,
    col: usize,
    message: String,
}

fn notes(stderr: &str) -> Vec<Note> {
    stderr
        .lines()
        .filter_map(|line| {
            let (location, message) = line.split_once(": note: ")?;
            let mut parts = location.rsplitn(3, ':');
            let col = parts.next()?.parse().ok()?;
            let row = parts.next()?.parse().ok()?;
            Some(Note {
                path: parts.next()?.to_string(),
                line: row,
                col,
                message: message.to_string(),
            })
        })
        .collect()
}

/// Copy a corpus folder into a workshop's samples and check it.
fn check_corpus(name: &str) -> (Workshop, Vec<PathBuf>, Vec<Printed>, Vec<Note>, Option<i32>) {
    let workshop = Workshop::small();
    let source = fixture_dir("manifests").join(name);
    let mut files = Vec::new();
    yaml_files(&source, &mut files);
    files.sort();
    for file in &files {
        let rel = file.strip_prefix(&source).unwrap();
        workshop.write(
            Path::new("content/samples/corpus").join(rel),
            std::fs::read(file).unwrap(),
        );
    }
    let run = workshop.deckhand(["check", "--verbose", "."]);
    let code = run.code;
    let printed = parse_diagnostics(&run.stderr);
    let notes = notes(&run.stderr);
    let rels = files
        .iter()
        .map(|f| f.strip_prefix(&source).unwrap().to_path_buf())
        .collect();
    (workshop, rels, printed, notes, code)
}

fn assert_corpus(name: &str) -> Option<i32> {
    let (workshop, files, printed, notes, code) = check_corpus(name);
    let mut failures = Vec::new();
    for rel in files {
        let path = format!("content/samples/corpus/{}", rel.display());
        let text = workshop.read(&path);
        let expected = expectations(&text);
        let mut found: Vec<&Printed> = printed.iter().filter(|p| p.path == path).collect();
        for want in expected.iter().filter(|e| e.kind != "note") {
            let severity = if want.kind == "error" {
                Severity::Error
            } else {
                Severity::Warning
            };
            let matching = found.iter().position(|p| {
                p.severity == severity
                    && p.message.contains(&want.message)
                    && want
                        .at
                        .is_none_or(|(l, c)| p.line == Some(l) && p.col == Some(c))
                    && want.hint.as_ref().is_none_or(|h| {
                        p.hint
                            .as_deref()
                            .is_some_and(|got| got.contains(h.as_str()))
                    })
            });
            match matching {
                Some(i) => {
                    found.remove(i);
                }
                None => failures.push(format!(
                    "{path}: expected {} at {:?} containing `{}` (hint `{}`); got {:#?}",
                    want.kind,
                    want.at,
                    want.message,
                    want.hint.as_deref().unwrap_or(""),
                    printed
                        .iter()
                        .filter(|p| p.path == path)
                        .collect::<Vec<_>>()
                )),
            }
        }
        for extra in found {
            failures.push(format!("{path}: unexpected {extra:?}"));
        }
        for want in expected.iter().filter(|e| e.kind == "note") {
            let ok = notes.iter().any(|n| {
                n.path == path
                    && n.message.contains(&want.message)
                    && want.at.is_none_or(|(l, c)| (n.line, n.col) == (l, c))
            });
            if !ok {
                failures.push(format!(
                    "{path}: expected a note at {:?} containing `{}`; notes: {:?}",
                    want.at,
                    want.message,
                    notes
                        .iter()
                        .filter(|n| n.path == path)
                        .map(|n| (n.line, n.col, &n.message))
                        .collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    code
}

#[test]
fn valid_but_unusual_manifests_pass() {
    assert_eq!(assert_corpus("valid"), Some(0));
}

#[test]
fn each_broken_manifest_gets_its_message_at_its_field() {
    assert_eq!(assert_corpus("invalid"), Some(1));
}
