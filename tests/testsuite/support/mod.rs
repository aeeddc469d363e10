//! The fixture builder and the helpers every test module shares: copy a fixture workshop to a
//! temporary folder, change it, build it in-process or run the real binary on it, and look at
//! what came out.

mod files;
mod html;
mod printed;

pub use files::*;
pub use html::*;
pub use printed::*;

use std::ffi::OsStr;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::LazyLock;
use std::sync::mpsc;
use std::time::Duration;

use deckhand::diagnostics::Diagnostics;
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

    /// A copy of the repository's own workshop (workshop.toml, content/ and the schemas its
    /// custom resources are checked against).
    pub fn bundled() -> Workshop {
        let workshop = Workshop::empty();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&repo.join("content"), &workshop.root.join("content"));
        copy_dir(&repo.join("schemas"), &workshop.root.join("schemas"));
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

    /// The same, failing the test if it runs longer than `limit`.
    pub fn deckhand_within<I, S>(&self, args: I, limit: Duration) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        deckhand_within(&self.root, args, limit)
    }
}

/// The `deckhand` binary the tests drive: the one cargo built for this test run, or the one
/// named by `DECKHAND_TEST_BIN`. That lets the same tests run against an older build, to show
/// that a test fails where a bug was and passes where it is fixed, e.g.
/// `DECKHAND_TEST_BIN=/tmp/old15-target/debug/deckhand cargo test --test testsuite -- bad_input`.
/// In-process tests (the library's `pipeline::build`) still test this checkout's code.
pub fn deckhand_bin() -> PathBuf {
    std::env::var_os("DECKHAND_TEST_BIN")
        .filter(|bin| !bin.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_deckhand")))
}

/// Run the real `deckhand` binary in `cwd`.
pub fn deckhand_in<I, S>(cwd: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    deckhand_within(cwd, args, Duration::from_secs(120))
}

/// Run the real `deckhand` binary in `cwd`, and fail the test if it takes longer than `limit`
/// (it is killed: a hang must not hang the test suite too).
pub fn deckhand_within<I, S>(cwd: &Path, args: I, limit: Duration) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let args: Vec<_> = args
        .into_iter()
        .map(|a| a.as_ref().to_os_string())
        .collect();
    let mut child = Command::new(deckhand_bin())
        .args(&args)
        .current_dir(cwd)
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run deckhand");
    let pid = child.id();
    let read = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            let _ = pipe.read_to_end(&mut text);
            String::from_utf8(text).expect("deckhand prints UTF-8")
        })
    };
    let stdout = read(Box::new(child.stdout.take().unwrap()));
    let stderr = read(Box::new(child.stderr.take().unwrap()));
    let (done, status) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait());
    });
    let status = match status.recv_timeout(limit) {
        Ok(status) => status.expect("wait for deckhand"),
        Err(_) => {
            // SAFETY: kill(2) on the pid of a child this test started and has not reaped.
            unsafe { libc::kill(pid as i32, libc::SIGKILL) };
            panic!(
                "deckhand {:?} hung: still running after {} s",
                args,
                limit.as_secs()
            );
        }
    };
    Run {
        code: status.code(),
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
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

/// The every-feature fixture, built once per test run.
pub static EVERY_FEATURE: LazyLock<Site> = LazyLock::new(|| Site::build("every-feature"));

/// The fixture in both dialects, with backgrounds, built once per test run.
pub static DIALECTS: LazyLock<Site> = LazyLock::new(|| Site::build("dialects"));

/// The workshop bundled at the repository's root, built in place (into a temporary output
/// folder) once per test run.
pub static BUNDLED: LazyLock<Site> = LazyLock::new(|| {
    let temp = tempfile::tempdir().expect("create a temporary folder");
    let out = temp.path().join("public");
    let report = pipeline::build(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &BuildOptions {
            out: Some(out.clone()),
            ..Default::default()
        },
    )
    .unwrap_or_else(|problems| {
        panic!(
            "the bundled workshop does not build:\n{}",
            render(&problems)
        )
    });
    Site::read(&out, report)
});
