//! The fixture builder and the helpers every test module shares: copy a fixture workshop to a
//! temporary folder, change it, build it in-process or run the real binary on it, and look at
//! what came out.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;

use deckhand::diagnostics::{Diagnostic, Diagnostics};
use deckhand::pipeline::{self, BuildOptions, Report};

/// The folder of a fixture under tests/fixtures/.
pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A workshop folder of its own, in a temporary directory that is removed when it drops.
pub struct Workshop {
    /// Holds the workshop folder `ws/` and room beside it (for `--out ../site` and the like).
    temp: tempfile::TempDir,
    root: PathBuf,
}

impl Workshop {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Workshop {
        let workshop = Workshop::empty();
        copy_dir(&fixture_dir(name), &workshop.root);
        workshop
    }

    /// A copy of the repository's own workshop (workshop.toml and content/).
    pub fn bundled() -> Workshop {
        let workshop = Workshop::empty();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&repo.join("content"), &workshop.root.join("content"));
        fs::copy(
            repo.join("workshop.toml"),
            workshop.root.join("workshop.toml"),
        )
        .unwrap();
        workshop
    }

    /// A copy of the small, good workshop that the bad-input cases break.
    pub fn small() -> Workshop {
        Workshop::fixture("small")
    }

    /// An empty workshop folder.
    pub fn empty() -> Workshop {
        let temp = tempfile::tempdir().expect("create a temporary folder");
        // Canonical, so that paths compare equal to what deckhand resolves (/var → /private/var).
        let root = temp.path().canonicalize().unwrap().join("ws");
        fs::create_dir(&root).unwrap();
        Workshop { temp, root }
    }

    /// The workshop folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The temporary folder holding the workshop folder, for outputs outside it.
    pub fn outside(&self) -> PathBuf {
        self.temp.path().canonicalize().unwrap()
    }

    pub fn path(&self, rel: impl AsRef<Path>) -> PathBuf {
        self.root.join(rel)
    }

    /// Write a file (creating its folders).
    pub fn write(&self, rel: impl AsRef<Path>, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, contents).unwrap_or_else(|err| panic!("write {}: {err}", path.display()));
        self
    }

    pub fn read(&self, rel: impl AsRef<Path>) -> String {
        let path = self.path(rel);
        fs::read_to_string(&path).unwrap_or_else(|err| panic!("read {}: {err}", path.display()))
    }

    /// Replace the one occurrence of `from` in a file by `to`; panics when `from` is not there
    /// exactly once, so a fixture change cannot silently turn a test into a no-op.
    pub fn replace(&self, rel: impl AsRef<Path>, from: &str, to: &str) -> &Self {
        let rel = rel.as_ref();
        let text = self.read(rel);
        assert_eq!(
            text.matches(from).count(),
            1,
            "`{from}` should occur once in {}",
            rel.display()
        );
        self.write(rel, text.replacen(from, to, 1))
    }

    pub fn remove(&self, rel: impl AsRef<Path>) -> &Self {
        let path = self.path(rel);
        if path.is_dir() {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        }
        .unwrap_or_else(|err| panic!("remove {}: {err}", path.display()));
        self
    }

    /// Build in-process into the default output (`public/` inside the workshop).
    pub fn build(&self) -> Result<Report, Diagnostics> {
        pipeline::build(&self.root, &BuildOptions::default())
    }

    /// Build in-process into `out`.
    pub fn build_into(&self, out: &Path) -> Result<Report, Diagnostics> {
        pipeline::build(
            &self.root,
            &BuildOptions {
                out: Some(out.to_path_buf()),
                ..Default::default()
            },
        )
    }

    /// Build in-process and panic, listing the problems, unless it succeeds.
    pub fn build_ok(&self) -> Report {
        self.build()
            .unwrap_or_else(|problems| panic!("the build failed:\n{}", render(&problems)))
    }

    /// The real binary, run in the workshop folder.
    pub fn deckhand<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        deckhand_in(&self.root, args)
    }
}

/// Run the real `deckhand` binary in `cwd`.
pub fn deckhand_in<I, S>(cwd: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let output = Command::new(env!("CARGO_BIN_EXE_deckhand"))
        .args(args)
        .current_dir(cwd)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run deckhand");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// What a run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// `None` when a signal ended it.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Assert the exit code, and that deckhand did not panic on the way.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Self {
        assert!(
            !self.stderr.contains("panicked"),
            "deckhand panicked:\n{}",
            self.stderr
        );
        assert_eq!(
            self.code,
            Some(code),
            "exit code; stdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// The problems printed on stderr.
    pub fn diagnostics(&self) -> Vec<Printed> {
        parse_diagnostics(&self.stderr)
    }

    /// The one error at `path` whose message contains `message`; panics, showing stderr, if
    /// there is none.
    #[track_caller]
    pub fn error(&self, path: &str, message: &str) -> Printed {
        self.find(Severity::Error, path, message)
    }

    #[track_caller]
    pub fn warning(&self, path: &str, message: &str) -> Printed {
        self.find(Severity::Warning, path, message)
    }

    #[track_caller]
    fn find(&self, severity: Severity, path: &str, message: &str) -> Printed {
        self.diagnostics()
            .into_iter()
            .find(|d| d.severity == severity && d.path == path && d.message.contains(message))
            .unwrap_or_else(|| {
                panic!(
                    "no {severity:?} at {path} containing `{message}` in stderr:\n{}",
                    self.stderr
                )
            })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem as the CLI printed it: `path[:line:col]: error|warning: message`, then
/// optionally `  = hint: …`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    pub severity: Severity,
    pub path: String,
    pub line: Option<usize>,
    pub col: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
}

impl Printed {
    #[track_caller]
    pub fn at(&self, line: usize, col: usize) -> &Self {
        assert_eq!(
            (self.line, self.col),
            (Some(line), Some(col)),
            "position of {self:?}"
        );
        self
    }

    #[track_caller]
    pub fn on_line(&self, line: usize) -> &Self {
        assert_eq!(self.line, Some(line), "line of {self:?}");
        self
    }

    /// Assert there is a hint, containing `text`.
    #[track_caller]
    pub fn hint(&self, text: &str) -> &Self {
        let hint = self
            .hint
            .as_deref()
            .unwrap_or_else(|| panic!("no hint for {self:?}"));
        assert!(
            hint.contains(text),
            "hint of {self:?} should contain `{text}`"
        );
        self
    }
}

pub fn parse_diagnostics(stderr: &str) -> Vec<Printed> {
    let mut found: Vec<Printed> = Vec::new();
    for line in stderr.lines() {
        if let Some(hint) = line.strip_prefix("  = hint: ") {
            if let Some(last) = found.last_mut() {
                last.hint = Some(hint.to_string());
            }
            continue;
        }
        let parsed = [
            (": error: ", Severity::Error),
            (": warning: ", Severity::Warning),
        ]
        .into_iter()
        .filter_map(|(marker, severity)| line.find(marker).map(|i| (i, marker, severity)))
        .min_by_key(|(i, _, _)| *i);
        let Some((i, marker, severity)) = parsed else {
            continue;
        };
        let (location, message) = (&line[..i], &line[i + marker.len()..]);
        let mut parts = location.rsplitn(3, ':');
        let (col, row, rest) = (parts.next(), parts.next(), parts.next());
        let numbers = row
            .and_then(|r| r.parse().ok())
            .zip(col.and_then(|c| c.parse().ok()));
        let (path, line, col) = match (numbers, rest) {
            (Some((row, col)), Some(path)) => (path.to_string(), Some(row), Some(col)),
            _ => (location.to_string(), None, None),
        };
        found.push(Printed {
            severity,
            path,
            line,
            col,
            message: message.to_string(),
            hint: None,
        });
    }
    found
}

/// Problems as the CLI would print them, for panic messages.
pub fn render(diagnostics: &Diagnostics) -> String {
    diagnostics
        .sorted()
        .iter()
        .map(|d| d.render(Path::new("")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The 1-based line of the first line of `text` that contains `needle`.
#[track_caller]
pub fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` not found"))
        + 1
}

/// The 1-based line and column (in characters) where `needle` first starts in `text`.
#[track_caller]
pub fn pos_of(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not found"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, col)
}

/// One entry of a folder tree, for byte-for-byte comparisons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Dir,
    File(Vec<u8>),
    Link(PathBuf),
}

/// Every entry under `dir` (relative paths), with file contents; empty when `dir` is missing.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Entry> {
    let mut entries = BTreeMap::new();
    walk(dir, Path::new(""), &mut entries);
    entries
}

fn walk(base: &Path, rel: &Path, into: &mut BTreeMap<PathBuf, Entry>) {
    let Ok(read) = fs::read_dir(base.join(rel)) else {
        return;
    };
    for entry in read {
        let entry = entry.unwrap();
        let rel = rel.join(entry.file_name());
        let kind = entry.file_type().unwrap();
        if kind.is_symlink() {
            into.insert(rel, Entry::Link(fs::read_link(entry.path()).unwrap()));
        } else if kind.is_dir() {
            into.insert(rel.clone(), Entry::Dir);
            walk(base, &rel, into);
        } else {
            into.insert(rel, Entry::File(fs::read(entry.path()).unwrap()));
        }
    }
}

/// The names in a folder (not recursive), sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Assert two trees are equal, naming the first difference rather than dumping megabytes.
#[track_caller]
pub fn assert_same_tree(
    before: &BTreeMap<PathBuf, Entry>,
    after: &BTreeMap<PathBuf, Entry>,
    what: &str,
) {
    let added: Vec<_> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    let removed: Vec<_> = before.keys().filter(|k| !after.contains_key(*k)).collect();
    let changed: Vec<_> = before
        .iter()
        .filter(|(k, v)| after.get(*k).is_some_and(|a| a != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        added.is_empty() && removed.is_empty() && changed.is_empty(),
        "{what} changed: added {added:?}, removed {removed:?}, changed {changed:?}"
    );
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap_or_else(|err| panic!("read {}: {err}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A finished build, read into memory (its temporary folder is gone).
pub struct Site {
    /// Output files by `/`-separated path.
    pub files: BTreeMap<String, Vec<u8>>,
    pub warnings: Vec<Diagnostic>,
    pub chapters: usize,
    pub slides: usize,
    pub samples: usize,
}

impl Site {
    /// Build a copy of a fixture into a temporary folder and read the result.
    pub fn build(fixture: &str) -> Site {
        Site::build_with(fixture, |_| {})
    }

    /// Like [`Site::build`], changing the copy first.
    pub fn build_with(fixture: &str, change: impl FnOnce(&Workshop)) -> Site {
        let workshop = Workshop::fixture(fixture);
        change(&workshop);
        let out = workshop.outside().join("site");
        let report = workshop
            .build_into(&out)
            .unwrap_or_else(|problems| panic!("the build failed:\n{}", render(&problems)));
        Site::read(&out, report)
    }

    pub fn read(out: &Path, report: Report) -> Site {
        let files = tree(out)
            .into_iter()
            .filter_map(|(path, entry)| match entry {
                Entry::File(bytes) => Some((path.to_string_lossy().replace('\\', "/"), bytes)),
                _ => None,
            })
            .collect();
        Site {
            files,
            warnings: report.warnings.sorted(),
            chapters: report.chapters,
            slides: report.slides,
            samples: report.samples,
        }
    }

    #[track_caller]
    pub fn text(&self, path: &str) -> &str {
        let bytes = self
            .files
            .get(path)
            .unwrap_or_else(|| panic!("the site has no {path}; it has {:?}", self.files.keys()));
        std::str::from_utf8(bytes).unwrap()
    }

    /// Every generated HTML page: (path, text).
    pub fn pages(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files
            .iter()
            .filter(|(path, _)| path.ends_with(".html"))
            .map(|(path, bytes)| (path.as_str(), std::str::from_utf8(bytes).unwrap()))
    }

    /// The `<section …id="id"…>…</section>` of one slide in the deck.
    #[track_caller]
    pub fn slide(&self, id: &str) -> &str {
        slide_region(self.text("deck.html"), id)
    }
}

/// The every-feature fixture, built once per test run.
pub static EVERY_FEATURE: LazyLock<Site> = LazyLock::new(|| Site::build("every-feature"));

/// Cut the `<section … id="id" …>…</section>` region of one slide out of a page.
#[track_caller]
pub fn slide_region<'a>(html: &'a str, id: &str) -> &'a str {
    let wanted = format!(" id=\"{id}\"");
    let mut from = 0;
    while let Some(found) = html[from..].find("<section") {
        let start = from + found;
        let tag_end = start + html[start..].find('>').expect("a closed tag");
        if html[start..tag_end].contains(&wanted) {
            let end = start
                + html[start..].find("</section>").expect("a closed section")
                + "</section>".len();
            return &html[start..end];
        }
        from = tag_end;
    }
    panic!("no <section id=\"{id}\"> in the page")
}

/// The opening tags of every element `tag` in `html` (`<img …>`), attributes included.
pub fn tags<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find(&open) {
        let start = from + i;
        let after = html[start + open.len()..].chars().next();
        let end = start
            + html[start..]
                .find('>')
                .map_or(html.len() - start, |e| e + 1);
        if matches!(after, Some(c) if c.is_whitespace() || c == '>' || c == '/') {
            found.push(&html[start..end]);
        }
        from = end;
    }
    found
}

/// The value of attribute `name` in an opening tag.
pub fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = start + tag[start..].find('"')?;
    Some(&tag[start..end])
}
