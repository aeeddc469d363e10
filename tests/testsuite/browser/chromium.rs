//! Finding and starting Chromium, driven over its DevTools pipe; the benchmarks use it too
//! (`benches/browser.rs` includes this file with the page and protocol modules).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::{Value, json};

use super::Page;
use super::protocol::Conn;

/// The Chromium binary to drive, if any.
pub fn chromium_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("DECKHAND_CHROME") {
        let path = PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    if !cfg!(unix) {
        return None; // the pipe transport below starts the browser through sh
    }
    let dirs = std::env::var_os("PATH").unwrap_or_default();
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
        "chrome",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&dirs).map(move |dir| dir.join(name)))
    .find(|path| path.is_file())
}

fn required() -> bool {
    std::env::var("DECKHAND_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

/// Say loudly that a test did not run. Written to the real stderr, past the test harness's
/// capture, so it shows in a normal `cargo test` run.
fn skip(why: &str) {
    let test = std::thread::current().name().unwrap_or("?").to_string();
    let _ = writeln!(
        std::io::stderr(),
        "\n!!! SKIP {test}: {why}. Install Chromium (or set DECKHAND_CHROME) to run the \
         browser tests; DECKHAND_REQUIRE_BROWSER=1 makes this a failure.\n"
    );
}

/// The Chromium shared by every test of this binary, started on first use. `None`, after a loud
/// SKIP line, when there is no Chromium; a panic instead when `DECKHAND_REQUIRE_BROWSER=1`.
pub fn shared() -> Option<&'static Browser> {
    static SHARED: OnceLock<Result<Browser, String>> = OnceLock::new();
    match SHARED.get_or_init(start) {
        Ok(browser) => Some(browser),
        Err(why) if required() => panic!("DECKHAND_REQUIRE_BROWSER=1 but {why}"),
        Err(why) => {
            skip(why);
            None
        }
    }
}

fn start() -> Result<Browser, String> {
    let path = chromium_path().ok_or("no Chromium found")?;
    Browser::start(&path).map_err(|err| format!("{} did not start: {err}", path.display()))
}

/// A headless Chromium driven over its DevTools pipe.
pub struct Browser {
    conn: Arc<Conn>,
    child: Mutex<Child>,
    profile: PathBuf,
}

impl Browser {
    /// A Chromium of its own (killed when it drops). `None` as for [`shared`].
    pub fn launch() -> Option<Browser> {
        match start() {
            Ok(browser) => Some(browser),
            Err(why) if required() => panic!("DECKHAND_REQUIRE_BROWSER=1 but {why}"),
            Err(why) => {
                skip(&why);
                None
            }
        }
    }

    fn start(path: &Path) -> Result<Browser, String> {
        // The profile lives in cargo's scratch folder; profiles of test runs that are over
        // (their process is gone) are removed here, since the shared browser is never dropped.
        let scratch = Path::new(env!("CARGO_TARGET_TMPDIR"));
        for entry in fs::read_dir(scratch).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(pid) = name.strip_prefix("chromium-profile-")
                && let Some(pid) = pid.split('-').next()
                && !Path::new("/proc").join(pid).exists()
                && Path::new("/proc/self").exists()
            {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
        static COUNT: AtomicU64 = AtomicU64::new(0);
        let profile = scratch.join(format!(
            "chromium-profile-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        fs::create_dir_all(&profile).map_err(|e| e.to_string())?;
        let log = fs::File::create(profile.join("stderr.log")).map_err(|e| e.to_string())?;
        // sh moves our pipes to the descriptors Chromium reads (3) and writes (4).
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 0</dev/null 1>&2"#)
            .arg(path)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-default-apps",
                "--disable-extensions",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--mute-audio",
                "--password-store=basic",
                "--use-mock-keychain",
                "--remote-debugging-pipe",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .map_err(|e| e.to_string())?;
        let conn = Conn::new(child.stdin.take().unwrap(), child.stdout.take().unwrap());
        let browser = Browser {
            conn,
            child: Mutex::new(child),
            profile,
        };
        if let Err(err) = browser.conn.call(None, "Browser.getVersion", json!({})) {
            let log = fs::read_to_string(browser.profile.join("stderr.log")).unwrap_or_default();
            return Err(format!("{err}; its stderr:\n{log}"));
        }
        // Every new page, ours and the pop-ups they open, is attached paused, so that its
        // console and requests are recorded from its very first moment.
        browser.call(
            "Target.setAutoAttach",
            json!({ "autoAttach": true, "waitForDebuggerOnStart": true, "flatten": true,
                    "filter": [{ "type": "page" }] }),
        );
        Ok(browser)
    }

    /// The process id of the browser.
    pub fn pid(&self) -> u32 {
        self.child.lock().unwrap().id()
    }

    /// A raw protocol command to the browser itself.
    pub fn call(&self, method: &str, params: Value) -> Value {
        self.conn
            .call(None, method, params)
            .unwrap_or_else(|err| panic!("{method}: {err}"))
    }

    /// A new tab at 1280×720 in a fresh browser context, at `url`, once it has loaded.
    pub fn open(&self, url: &str) -> Page {
        self.open_sized(url, 1280, 720)
    }

    /// Like [`Browser::open`], with a viewport of `width`×`height` CSS pixels.
    pub fn open_sized(&self, url: &str, width: u32, height: u32) -> Page {
        let page = self.blank(width, height);
        page.goto(url);
        page
    }

    /// A new blank tab in a fresh browser context: set it up (media, scripts) before
    /// [`Page::goto`].
    pub fn blank(&self, width: u32, height: u32) -> Page {
        let context = self.call("Target.createBrowserContext", json!({}))["browserContextId"]
            .as_str()
            .unwrap()
            .to_string();
        let target = self.call(
            "Target.createTarget",
            json!({ "url": "about:blank", "browserContextId": context, "width": width, "height": height }),
        )["targetId"]
            .as_str()
            .unwrap()
            .to_string();
        let (target, session) = self
            .conn
            .wait_attached(|info| info["targetId"] == target.as_str())
            .unwrap_or_else(|| panic!("the new tab {target} was not attached"));
        let page = Page {
            conn: self.conn.clone(),
            session,
            target,
            context: Some(context),
        };
        page.set_viewport(width, height);
        page
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.conn.call(None, "Browser.close", json!({}));
        let mut child = self.child.lock().unwrap();
        let _ = child.kill();
        let _ = child.wait();
        let _ = fs::remove_dir_all(&self.profile);
    }
}
