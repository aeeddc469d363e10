//! mdBook-style includes inside fenced code blocks: `{{#include path}}`, `{{#include path:3:9}}`,
//! `{{#include path:3:}}`, `{{#include path::9}}`, `{{#include path:3}}` (one line) and
//! `{{#include path:name}}` for the lines between `ANCHOR: name` and `ANCHOR_END: name`.
//!
//! Paths are relative to the chapter's folder and may not leave the workshop folder, neither by
//! `..`, by an absolute path, nor through a symbolic link.

use std::path::{Component, Path, PathBuf};

/// What to take from the included file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    All,
    /// 1-based, inclusive line numbers; an open end runs to the file's end.
    Lines {
        start: usize,
        end: Option<usize>,
    },
    Anchor(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub path: String,
    pub selection: Selection,
}

/// The lines an include produced, with their numbers in the included file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Included {
    /// The included file, relative to the workshop folder.
    pub file: PathBuf,
    pub lines: Vec<(usize, String)>,
    pub selection: Selection,
}

impl Included {
    pub fn text(&self) -> String {
        let mut text = String::new();
        for (_, line) in &self.lines {
            text.push_str(line);
            text.push('\n');
        }
        text
    }
}

/// An include that failed, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncludeError {
    pub message: String,
    pub hint: String,
}

fn fail<T>(message: impl Into<String>, hint: impl Into<String>) -> Result<T, IncludeError> {
    Err(IncludeError {
        message: message.into(),
        hint: hint.into(),
    })
}

/// If a code block's whole content is an include directive, parse it.
pub fn parse_directive(code: &str) -> Option<Result<Directive, IncludeError>> {
    let inner = code.trim().strip_prefix("{{#include")?.strip_suffix("}}")?;
    // One directive on one line; `{{#include a}}\n{{#include b}}` is two, and not ours to run.
    if !inner.starts_with(char::is_whitespace) || inner.contains(['\n', '}']) {
        return None;
    }
    let spec = inner.trim();
    if spec.is_empty() {
        return Some(fail(
            "the include names no file",
            "write `{{#include samples/file.yaml}}`",
        ));
    }
    Some(parse_spec(spec))
}

fn parse_spec(spec: &str) -> Result<Directive, IncludeError> {
    let mut parts = spec.splitn(3, ':');
    let path = parts.next().unwrap_or_default().trim().to_string();
    let first = parts.next().map(str::trim);
    let second = parts.next().map(str::trim);
    let number = |text: &str| -> Result<Option<usize>, IncludeError> {
        if text.is_empty() {
            return Ok(None);
        }
        match text.parse::<usize>() {
            Ok(0) => fail("line numbers start at 1", "use `:1:` for the first line"),
            Ok(n) => Ok(Some(n)),
            Err(_) => fail(
                format!("`{text}` is not a line number"),
                "write `path:start:end` with numbers",
            ),
        }
    };
    let selection = match (first, second) {
        (None, _) => Selection::All,
        (Some(name), None) if !name.is_empty() && !name.chars().all(|c| c.is_ascii_digit()) => {
            Selection::Anchor(name.to_string())
        }
        (Some(line), None) => match number(line)? {
            Some(n) => Selection::Lines {
                start: n,
                end: Some(n),
            },
            None => Selection::All,
        },
        (Some(start), Some(end)) => {
            let start = number(start)?.unwrap_or(1);
            let end = number(end)?;
            if let Some(end) = end
                && end < start
            {
                return fail(
                    format!("the line range {start}:{end} is reversed"),
                    format!("write the first line first: `:{end}:{start}`"),
                );
            }
            Selection::Lines { start, end }
        }
    };
    Ok(Directive { path, selection })
}

/// Where a directive's path points, relative to the workshop folder, once checked that it stays
/// inside `root` (already canonical). `from_dir` is the including file's folder, relative to root.
pub fn resolve_path(root: &Path, from_dir: &Path, path: &str) -> Result<PathBuf, IncludeError> {
    let requested = Path::new(path);
    if requested.is_absolute() || path.starts_with('/') || path.starts_with('\\') || has_drive(path)
    {
        return fail(
            format!("`{path}` is an absolute path; includes must stay inside the workshop folder"),
            "write the path relative to the chapter, e.g. `samples/app/pod.yaml`",
        );
    }
    let mut relative = PathBuf::new();
    for component in from_dir.join(requested).components() {
        match component {
            Component::Normal(part) => relative.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                if !relative.pop() {
                    return fail(
                        format!("`{path}` points outside the workshop folder"),
                        "keep included files inside the workshop, e.g. under content/samples/",
                    );
                }
            }
            Component::RootDir | Component::Prefix(_) => {
                return fail(
                    format!("`{path}` is an absolute path"),
                    "write a relative path",
                );
            }
        }
    }
    let full = root.join(&relative);
    let canonical = match full.canonicalize() {
        Ok(canonical) => canonical,
        Err(_) => {
            return fail(
                format!("included file `{}` does not exist", relative.display()),
                "check the path; it is relative to the chapter's folder (content/)",
            );
        }
    };
    if !canonical.starts_with(root) {
        return fail(
            format!("`{path}` is a link to a file outside the workshop folder"),
            "copy the file into the workshop instead of linking to it",
        );
    }
    match std::fs::metadata(&canonical).map(|meta| crate::files::Kind::of(&meta)) {
        Ok(crate::files::Kind::File) => {}
        Ok(crate::files::Kind::Folder) => {
            return fail(
                format!("`{}` is not a file", relative.display()),
                "include a file, not a folder",
            );
        }
        Ok(kind) => {
            return fail(
                format!(
                    "`{}` is {}, not a regular file",
                    relative.display(),
                    kind.described()
                ),
                "include a regular file",
            );
        }
        Err(err) => {
            return fail(
                format!("cannot read `{}`: {err}", relative.display()),
                "check that you may read the file",
            );
        }
    }
    Ok(relative)
}

/// The files an include of `path` from `from_dir` reads, found or not, relative to `root`: the
/// path as written (with `..` resolved) and, when that is a link, where it leads inside `root`.
pub fn inputs(root: &Path, from_dir: &Path, path: &str) -> Vec<PathBuf> {
    let mut relative = PathBuf::new();
    for component in from_dir.join(path).components() {
        match component {
            Component::Normal(part) => relative.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                if !relative.pop() {
                    return Vec::new();
                }
            }
            Component::RootDir | Component::Prefix(_) => return Vec::new(),
        }
    }
    let mut found = vec![relative.clone()];
    if let Ok(target) = root.join(&relative).canonicalize()
        && let Ok(inside) = target.strip_prefix(root)
        && inside != relative
    {
        found.push(inside.to_path_buf());
    }
    found
}

fn has_drive(path: &str) -> bool {
    let bytes = path.as_bytes();
    bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':'
}

/// Take the selected lines of `text` (the file at `file`), dropping anchor marker lines.
pub fn select(text: &str, file: PathBuf, selection: &Selection) -> Result<Included, IncludeError> {
    let all: Vec<&str> = text.lines().collect();
    let numbered = |from: usize, to: usize| -> Vec<(usize, String)> {
        (from..to)
            .filter(|&i| !is_anchor_line(all[i]))
            .map(|i| (i + 1, all[i].to_string()))
            .collect()
    };
    let lines = match selection {
        Selection::All => numbered(0, all.len()),
        Selection::Lines { start, end } => {
            let end_line = end.unwrap_or(all.len());
            if *start > all.len() || end_line > all.len() {
                return fail(
                    format!(
                        "lines {start}:{} are past the end of `{}`, which has {} lines",
                        end.map_or(String::new(), |e| e.to_string()),
                        file.display(),
                        all.len()
                    ),
                    "check the line range against the file",
                );
            }
            numbered(start - 1, end_line)
        }
        Selection::Anchor(name) => {
            let start = all
                .iter()
                .position(|l| anchor_name(l, "ANCHOR:") == Some(name.as_str()));
            let Some(start) = start else {
                let known: Vec<String> = all
                    .iter()
                    .filter_map(|l| anchor_name(l, "ANCHOR:"))
                    .map(|n| format!("`{n}`"))
                    .collect();
                let hint = if known.is_empty() {
                    format!(
                        "mark the region in `{}` with `# ANCHOR: {name}` and `# ANCHOR_END: {name}`",
                        file.display()
                    )
                } else {
                    format!("anchors in that file: {}", known.join(", "))
                };
                return fail(format!("`{}` has no anchor `{name}`", file.display()), hint);
            };
            let end = all[start + 1..]
                .iter()
                .position(|l| anchor_name(l, "ANCHOR_END:") == Some(name.as_str()))
                .map(|i| start + 1 + i);
            let Some(end) = end else {
                return fail(
                    format!("anchor `{name}` in `{}` is never closed", file.display()),
                    format!("add a line `# ANCHOR_END: {name}` after the region"),
                );
            };
            numbered(start + 1, end)
        }
    };
    Ok(Included {
        file,
        lines,
        selection: selection.clone(),
    })
}

/// A sample as the site publishes it (the file, its copy in the zips, its listing in the
/// handouts): every `ANCHOR:` / `ANCHOR_END:` line left empty, so that no marker reaches an
/// attendee while every other line keeps the number the slides show for it. `None` when the
/// file has no marker (or is not text): publish it as it is.
pub fn without_markers(bytes: &[u8]) -> Option<Vec<u8>> {
    if !bytes.windows(6).any(|w| w == b"ANCHOR") {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if is_anchor_line(body) {
            out.push_str(&line[body.len()..]);
            changed = true;
        } else {
            out.push_str(line);
        }
    }
    changed.then(|| out.into_bytes())
}

fn is_anchor_line(line: &str) -> bool {
    anchor_name(line, "ANCHOR:").is_some() || anchor_name(line, "ANCHOR_END:").is_some()
}

/// The name after `marker` on a comment line such as `# ANCHOR: probes` or `// ANCHOR_END: x`.
fn anchor_name<'a>(line: &'a str, marker: &str) -> Option<&'a str> {
    let at = line.find(marker)?;
    if marker == "ANCHOR:" && line[..at].ends_with("_END") {
        return None;
    }
    let name = line[at + marker.len()..].trim();
    let name = name.trim_end_matches("-->").trim_end_matches("*/").trim();
    (!name.is_empty() && !name.contains(char::is_whitespace)).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directive(text: &str) -> Directive {
        parse_directive(text).unwrap().unwrap()
    }

    #[test]
    fn directives_cover_every_form() {
        assert_eq!(directive("{{#include a.yaml}}").selection, Selection::All);
        assert_eq!(
            directive("{{#include a.yaml:3:9}}").selection,
            Selection::Lines {
                start: 3,
                end: Some(9)
            }
        );
        assert_eq!(
            directive("{{#include a.yaml:3:}}").selection,
            Selection::Lines {
                start: 3,
                end: None
            }
        );
        assert_eq!(
            directive("{{#include a.yaml::9}}").selection,
            Selection::Lines {
                start: 1,
                end: Some(9)
            }
        );
        assert_eq!(
            directive("{{#include a.yaml:4}}").selection,
            Selection::Lines {
                start: 4,
                end: Some(4)
            }
        );
        assert_eq!(
            directive(" {{#include a.yaml:probes}}\n").selection,
            Selection::Anchor("probes".into())
        );
        assert!(parse_directive("kind: Pod").is_none());
    }

    #[test]
    fn reversed_ranges_are_refused() {
        let err = parse_directive("{{#include a.yaml:9:3}}")
            .unwrap()
            .unwrap_err();
        assert!(err.message.contains("reversed"));
    }

    #[test]
    fn anchors_select_their_region_without_markers() {
        let text =
            "a\n# ANCHOR: mid\nb\n# ANCHOR: inner\nc\n# ANCHOR_END: inner\n# ANCHOR_END: mid\nd\n";
        let inc = select(text, "f.yaml".into(), &Selection::Anchor("mid".into())).unwrap();
        assert_eq!(inc.lines, vec![(3, "b".to_string()), (5, "c".to_string())]);
        let err = select(text, "f.yaml".into(), &Selection::Anchor("nope".into())).unwrap_err();
        assert!(err.hint.contains("`mid`"));
    }

    #[test]
    fn line_ranges_past_the_end_are_refused() {
        assert!(
            select(
                "a\nb\n",
                "f".into(),
                &Selection::Lines {
                    start: 2,
                    end: Some(5)
                }
            )
            .is_err()
        );
        let inc = select(
            "a\nb\nc\n",
            "f".into(),
            &Selection::Lines {
                start: 2,
                end: None,
            },
        )
        .unwrap();
        assert_eq!(inc.text(), "b\nc\n");
    }

    #[test]
    fn paths_cannot_leave_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content/samples")).unwrap();
        std::fs::write(root.join("content/samples/a.yaml"), "a: 1\n").unwrap();
        let ok = resolve_path(&root, Path::new("content"), "samples/a.yaml").unwrap();
        assert_eq!(ok, Path::new("content/samples/a.yaml"));
        assert!(resolve_path(&root, Path::new("content"), "../../etc/passwd").is_err());
        assert!(resolve_path(&root, Path::new("content"), "/etc/passwd").is_err());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc/hostname", root.join("content/samples/link")).unwrap();
            let err = resolve_path(&root, Path::new("content"), "samples/link").unwrap_err();
            assert!(err.message.contains("outside"), "{err:?}");
        }
    }
}
