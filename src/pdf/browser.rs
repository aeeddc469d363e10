//! Finding a Chromium (or Google Chrome) and printing a page to PDF with it, through its command
//! line: `chromium --headless --print-to-pdf=out.pdf file:///…/page.html`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The names a Chromium goes by on PATH, in the order they are tried.
pub const NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// Environment variables naming a browser, in the order they are read.
pub const ENV_VARS: &[&str] = &["DECKHAND_CHROME", "CHROME_PATH"];

/// Where browsers live when they are not on PATH.
const LOCATIONS: &[&str] = &[
    "/snap/bin/chromium",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files\Chromium\Application\chrome.exe",
];

/// How to get a browser, for every "no browser" message.
pub const INSTALL_HINT: &str = "install Chromium (Debian, Ubuntu: `sudo apt-get install chromium`; \
Fedora: `sudo dnf install chromium`; macOS: `brew install --cask chromium`) or download Google Chrome \
from https://www.google.com/chrome/, then run this again; to use a browser installed elsewhere, pass \
`--chrome PATH` or set DECKHAND_CHROME=PATH";

/// A browser to print with.
#[derive(Debug, Clone)]
pub struct Browser {
    pub path: PathBuf,
    /// How it was found, for messages: `--chrome`, `DECKHAND_CHROME`, `PATH`…
    pub found_by: String,
    /// Chromium refuses to run as root with its sandbox on.
    no_sandbox: bool,
}

/// Why no browser was found: a sentence for the error message.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct NotFound(pub String);

impl Browser {
    /// The browser `--chrome` names, else the one an environment variable names, else the first
    /// Chromium or Chrome on PATH or in the usual install locations.
    pub fn find(explicit: Option<&Path>) -> Result<Browser, NotFound> {
        Browser::find_with(explicit, |name| std::env::var_os(name))
    }

    /// [`Browser::find`] with the environment given (for tests).
    pub fn find_with(
        explicit: Option<&Path>,
        env: impl Fn(&str) -> Option<OsString>,
    ) -> Result<Browser, NotFound> {
        if let Some(path) = explicit {
            return resolve(path, &env)
                .map(|path| Browser::new(path, "--chrome"))
                .ok_or_else(|| {
                    NotFound(format!(
                        "found no browser at `{}` (given with --chrome)",
                        path.display()
                    ))
                });
        }
        for var in ENV_VARS {
            if let Some(value) = env(var).filter(|v| !v.is_empty()) {
                let path = PathBuf::from(&value);
                return resolve(&path, &env)
                    .map(|path| Browser::new(path, var))
                    .ok_or_else(|| {
                        NotFound(format!(
                            "found no browser at `{}` (given with {var})",
                            path.display()
                        ))
                    });
            }
        }
        let path_var = env("PATH").unwrap_or_default();
        for name in NAMES {
            if let Some(path) = search_path(name, &path_var) {
                return Ok(Browser::new(path, "PATH"));
            }
        }
        for location in LOCATIONS {
            let path = Path::new(location);
            if path.is_file() {
                return Ok(Browser::new(path.to_path_buf(), "its usual location"));
            }
        }
        Err(NotFound(format!(
            "found no Chromium or Chrome: none of {} is on PATH, and neither DECKHAND_CHROME nor CHROME_PATH is set",
            NAMES.join(", ")
        )))
    }

    fn new(path: PathBuf, found_by: &str) -> Browser {
        Browser {
            path,
            found_by: found_by.to_string(),
            no_sandbox: running_as_root(),
        }
    }

    /// The command line that prints `url` into `pdf`, with its own throwaway `profile`.
    fn command(&self, url: &str, pdf: &Path, profile: &Path) -> Command {
        let mut command = Command::new(&self.path);
        command.args([
            "--headless",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-extensions",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            "--hide-scrollbars",
            "--mute-audio",
            "--log-level=3",
            // Wait for the page's scripts and a full frame before printing.
            "--run-all-compositor-stages-before-draw",
            "--virtual-time-budget=5000",
            // No date, title and URL in the margins (the second spelling for Chrome before 111).
            "--no-pdf-header-footer",
            "--print-to-pdf-no-header",
            // Bookmarks from the headings.
            "--generate-pdf-document-outline",
        ]);
        if self.no_sandbox {
            command.arg("--no-sandbox");
        }
        let mut profile_arg = OsString::from("--user-data-dir=");
        profile_arg.push(profile);
        let mut pdf_arg = OsString::from("--print-to-pdf=");
        pdf_arg.push(pdf);
        command.arg(profile_arg).arg(pdf_arg).arg(url);
        command
    }

    /// Print the page at `url` (a `file://` URL) into `pdf`, giving up after `timeout`. `scratch`
    /// is a folder for the browser's profile and logs.
    pub fn print(
        &mut self,
        url: &str,
        pdf: &Path,
        scratch: &Path,
        timeout: Duration,
    ) -> anyhow::Result<()> {
        match self.print_once(url, pdf, scratch, timeout) {
            Err(PrintError::Sandbox(_)) if !self.no_sandbox => {
                // Containers often have no usable sandbox, whoever runs them.
                self.no_sandbox = true;
                self.print_once(url, pdf, scratch, timeout)
                    .map_err(anyhow::Error::from)
            }
            other => other.map_err(anyhow::Error::from),
        }
    }

    fn print_once(
        &self,
        url: &str,
        pdf: &Path,
        scratch: &Path,
        timeout: Duration,
    ) -> Result<(), PrintError> {
        let _ = std::fs::remove_file(pdf);
        let stem = pdf
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let profile = scratch.join(format!("profile-{stem}"));
        let log_path = scratch.join(format!("{stem}.log"));
        let log = std::fs::File::create(&log_path)
            .map_err(|err| PrintError::Start(format!("{}: {err}", log_path.display())))?;
        let log_err = log
            .try_clone()
            .map_err(|err| PrintError::Start(err.to_string()))?;
        let mut child = self
            .command(url, pdf, &profile)
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            .spawn()
            .map_err(|err| {
                PrintError::Start(format!("cannot run {}: {err}", self.path.display()))
            })?;
        let started = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if started.elapsed() > timeout => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(PrintError::Timeout {
                        seconds: timeout.as_secs(),
                        log: log_tail(&log_path),
                    });
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(40)),
                Err(err) => return Err(PrintError::Start(err.to_string())),
            }
        };
        let _ = std::fs::remove_dir_all(&profile);
        let printed = std::fs::metadata(pdf).is_ok_and(|m| m.len() > 0);
        if status.success() && printed {
            return Ok(());
        }
        let log = log_tail(&log_path);
        if log.contains("No usable sandbox") || log.contains("without --no-sandbox") {
            return Err(PrintError::Sandbox(log));
        }
        Err(PrintError::Failed {
            status: status.to_string(),
            url: url.to_string(),
            log,
        })
    }
}

#[derive(Debug, thiserror::Error)]
enum PrintError {
    #[error("{0}")]
    Start(String),
    #[error("the browser has no usable sandbox:\n{0}")]
    Sandbox(String),
    #[error("the browser did not finish printing within {seconds} s; its last words:\n{log}")]
    Timeout { seconds: u64, log: String },
    #[error(
        "the browser printed nothing ({status}) from {url}; it must be able to read that folder \
         (a browser installed as a snap or a Flatpak sees only some folders); its last words:\n{log}"
    )]
    Failed {
        status: String,
        url: String,
        log: String,
    },
}

/// The last lines a browser logged, without the noise every run makes.
fn log_tail(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.contains("unexpected operator"))
        .collect();
    let tail = &lines[lines.len().saturating_sub(12)..];
    if tail.is_empty() {
        "(nothing)".into()
    } else {
        tail.iter()
            .map(|l| format!("  {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// An explicit browser: a path to an executable file, or a name to look up on PATH.
fn resolve(path: &Path, env: &impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    if path.components().count() > 1 || path.is_absolute() {
        return path.is_file().then(|| path.to_path_buf());
    }
    search_path(path.as_os_str(), &env("PATH").unwrap_or_default())
        .or_else(|| path.is_file().then(|| path.to_path_buf()))
}

fn search_path(name: impl AsRef<std::ffi::OsStr>, path_var: &std::ffi::OsStr) -> Option<PathBuf> {
    let name = name.as_ref();
    std::env::split_paths(path_var).find_map(|dir| {
        let candidate = dir.join(name);
        if is_executable(&candidate) {
            return Some(candidate);
        }
        let exe = dir.join(Path::new(name).with_extension("exe"));
        (cfg!(windows) && exe.is_file()).then_some(exe)
    })
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// Whether this process runs as root, which Chromium's sandbox refuses.
#[cfg(target_os = "linux")]
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    // /proc/self belongs to the process's effective user.
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

#[cfg(not(target_os = "linux"))]
fn running_as_root() -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn an_explicit_browser_that_is_not_there_is_an_error() {
        let err = Browser::find_with(Some(Path::new("/nonexistent/chrome")), env(&[])).unwrap_err();
        assert!(err.0.contains("/nonexistent/chrome"), "{err}");
        assert!(err.0.contains("--chrome"), "{err}");
    }

    #[test]
    fn the_environment_names_a_browser_before_path() {
        let dir =
            std::env::temp_dir().join(format!("deckhand-browser-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fake = dir.join("chromium");
        std::fs::write(&fake, "#!/bin/sh\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let dir_str = dir.to_string_lossy().to_string();
        let fake_str = fake.to_string_lossy().to_string();
        let on_path = Browser::find_with(None, env(&[("PATH", &dir_str)])).unwrap();
        assert_eq!(on_path.path, fake);
        assert_eq!(on_path.found_by, "PATH");
        let by_env = Browser::find_with(
            None,
            env(&[("PATH", "/nowhere"), ("CHROME_PATH", &fake_str)]),
        )
        .unwrap();
        assert_eq!(by_env.found_by, "CHROME_PATH");
        let missing = Browser::find_with(None, env(&[("DECKHAND_CHROME", "/no/such/chrome")]));
        assert!(missing.unwrap_err().0.contains("DECKHAND_CHROME"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
