//! Tests in a real headless Chromium, and the small harness they share.
//!
//! The harness speaks the Chrome DevTools Protocol itself, over `--remote-debugging-pipe`
//! (JSON messages separated by NUL bytes on the browser's file descriptors 3 and 4), so it needs
//! no WebSocket and no browser download: it drives the Chromium installed on the machine.
//!
//! ```ignore
//! let Some(browser) = browser::shared() else { return };   // prints a loud SKIP when absent
//! let page = browser.open("http://127.0.0.1:1234/deck.html");   // 1280×720, loaded
//! page.press("ArrowRight");
//! page.wait_for("location.hash === '#/intro-2'");              // polls, with a deadline
//! let title: String = page.eval("document.title");
//! let speaker = page.popup("speaker.html");                    // a window.open() pop-up
//! assert!(page.console_errors().is_empty(), "{:?}", page.requests());
//! ```
//!
//! - [`shared`] is one Chromium for the whole test binary (it quits by itself when the binary
//!   exits and its pipe closes); [`Browser::launch`] starts a private one, killed on drop.
//! - Every [`Browser::open`] (or [`Browser::blank`], to set up emulation before loading) gets a
//!   fresh browser context, like an incognito window: its own storage, cache and history, so
//!   tests running in parallel cannot see each other. It closes when the [`Page`] drops.
//! - Every page, pop-ups included, is attached paused and set up before it runs, so
//!   [`Page::console_errors`] and [`Page::requests`] hold everything from its first moment.
//! - [`Page::wait_for`] polls a JavaScript condition until [`DEADLINE`]: tests never sleep to
//!   synchronise. [`Page::eval_in_frame`] reaches into an `<iframe>`, even a `file://` one.
//! - [`Page::call`] and [`Browser::call`] send any other protocol command.
//!
//! Chromium is looked up as `$DECKHAND_CHROME`, else `chromium`, `chromium-browser`,
//! `google-chrome` or `chrome` on `PATH`. When there is none, the tests print a loud SKIP line and
//! pass, unless `DECKHAND_REQUIRE_BROWSER=1`, when they fail. `DECKHAND_CHROME=/nonexistent`
//! simulates a machine without Chromium.
//!
//! The tests: [`site`] builds the workshops once and serves them under a sub-path or copies them
//! to disk; [`deck`] (keys, fragments, code steps, links, history, overview, accessibility, what
//! the page loads, `file://`), [`speaker`], [`print`], [`fit`] (no slide overflows, at 1280×720
//! or on a phone; contrast in both themes) and [`budget`] (the runtime's weight, no browser).
//! [`shots`] writes screenshots for a person to look at (ignored by default).

mod budget;
mod deck;
mod fit;
mod print;
mod shots;
pub mod site;
mod speaker;

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock, mpsc};
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// How long [`Page::wait_for`] and friends wait before failing.
pub const DEADLINE: Duration = Duration::from_secs(10);
/// How long one protocol command may take.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);

// ---- finding and starting Chromium ----------------------------------------------------------

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

// ---- the protocol ---------------------------------------------------------------------------

type Reply = Result<Value, String>;

/// One DevTools connection: commands by id, and every event kept per session.
struct Conn {
    stdin: Mutex<ChildStdin>,
    next_id: AtomicU64,
    pending: Mutex<HashMap<u64, mpsc::Sender<Reply>>>,
    events: Mutex<HashMap<String, Vec<Value>>>,
    /// Pages set up and running, by target id: their session and target info.
    attached: Mutex<HashMap<String, (String, Value)>>,
    changed: Condvar,
}

impl Conn {
    fn new(stdin: ChildStdin, stdout: impl std::io::Read + Send + 'static) -> Arc<Conn> {
        let conn = Arc::new(Conn {
            stdin: Mutex::new(stdin),
            next_id: AtomicU64::new(1),
            pending: Mutex::new(HashMap::new()),
            events: Mutex::new(HashMap::new()),
            attached: Mutex::new(HashMap::new()),
            changed: Condvar::new(),
        });
        let reader = Arc::downgrade(&conn);
        std::thread::spawn(move || {
            let mut stdout = BufReader::new(stdout);
            let mut buf = Vec::new();
            loop {
                buf.clear();
                let ended = !matches!(stdout.read_until(0, &mut buf), Ok(n) if n > 0);
                let Some(conn) = reader.upgrade() else { return };
                if ended {
                    // Dropping the senders fails every waiting call.
                    conn.pending.lock().unwrap().clear();
                    return;
                }
                buf.pop_if(|b| *b == 0);
                let Ok(msg) = serde_json::from_slice::<Value>(&buf) else {
                    continue;
                };
                if let Some(id) = msg["id"].as_u64() {
                    if let Some(tx) = conn.pending.lock().unwrap().remove(&id) {
                        let reply = match msg.get("error") {
                            Some(err) => Err(err.to_string()),
                            None => Ok(msg["result"].clone()),
                        };
                        let _ = tx.send(reply);
                    }
                } else {
                    let session = msg["sessionId"].as_str().unwrap_or("").to_string();
                    if session.is_empty() && msg["method"] == "Target.attachedToTarget" {
                        // Set it up on another thread: this one must go on reading replies.
                        let conn = conn.clone();
                        let params = msg["params"].clone();
                        std::thread::spawn(move || conn.set_up(params));
                    }
                    conn.events
                        .lock()
                        .unwrap()
                        .entry(session)
                        .or_default()
                        .push(msg);
                    conn.changed.notify_all();
                }
            }
        });
        conn
    }

    fn call(&self, session: Option<&str>, method: &str, params: Value) -> Reply {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = mpsc::channel();
        self.pending.lock().unwrap().insert(id, tx);
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            msg["sessionId"] = session.into();
        }
        let mut bytes = serde_json::to_vec(&msg).unwrap();
        bytes.push(0);
        {
            let mut stdin = self.stdin.lock().unwrap();
            stdin
                .write_all(&bytes)
                .and_then(|()| stdin.flush())
                .map_err(|e| format!("the browser is gone ({e})"))?;
        }
        match rx.recv_timeout(COMMAND_TIMEOUT) {
            Ok(reply) => reply,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                self.pending.lock().unwrap().remove(&id);
                Err(format!("no answer within {COMMAND_TIMEOUT:?}"))
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => Err("the browser is gone".into()),
        }
    }

    /// Set up a page that was attached paused (see [`Browser::start`]): record its console,
    /// network and log from the start, emulate the focus, then let it run.
    fn set_up(&self, params: Value) {
        let session = params["sessionId"].as_str().unwrap_or("").to_string();
        let info = params["targetInfo"].clone();
        if info["type"] == "page" {
            for domain in ["Page", "Runtime", "Network", "Log"] {
                let _ = self.call(Some(&session), &format!("{domain}.enable"), json!({}));
            }
            // As if the window had the focus: document.hasFocus(), :focus-visible.
            let _ = self.call(
                Some(&session),
                "Emulation.setFocusEmulationEnabled",
                json!({ "enabled": true }),
            );
        }
        let _ = self.call(Some(&session), "Runtime.runIfWaitingForDebugger", json!({}));
        let target = info["targetId"].as_str().unwrap_or("").to_string();
        self.attached
            .lock()
            .unwrap()
            .insert(target, (session, info));
        self.changed.notify_all();
    }

    /// The first attached and running target that `wanted` accepts: (target id, session id).
    fn wait_attached(&self, wanted: impl Fn(&Value) -> bool) -> Option<(String, String)> {
        let start = Instant::now();
        let mut attached = self.attached.lock().unwrap();
        loop {
            let found = attached
                .iter()
                .find(|(_, (_, info))| wanted(info))
                .map(|(target, (session, _))| (target.clone(), session.clone()));
            if found.is_some() || start.elapsed() > DEADLINE {
                return found;
            }
            attached = self
                .changed
                .wait_timeout(attached, Duration::from_millis(100))
                .unwrap()
                .0;
        }
    }

    /// The events of one session so far.
    fn events(&self, session: &str) -> Vec<Value> {
        self.events
            .lock()
            .unwrap()
            .get(session)
            .cloned()
            .unwrap_or_default()
    }
}

// ---- pages ----------------------------------------------------------------------------------

/// One tab (or pop-up window), attached over its own protocol session.
pub struct Page {
    conn: Arc<Conn>,
    session: String,
    target: String,
    /// The browser context this page made and disposes of when it drops; `None` for a pop-up,
    /// which belongs to its opener's.
    context: Option<String>,
}

impl Page {
    /// A raw protocol command in this page's session.
    pub fn call(&self, method: &str, params: Value) -> Value {
        self.conn
            .call(Some(&self.session), method, params)
            .unwrap_or_else(|err| panic!("{method}: {err}"))
    }

    /// Go to `url` and wait until it has loaded (a change of the hash alone keeps the document).
    pub fn goto(&self, url: &str) {
        let _ = self.try_eval("window.__harnessOld = true");
        let nav = self.call("Page.navigate", json!({ "url": url }));
        if let Some(err) = nav["errorText"].as_str() {
            panic!("navigate to {url}: {err}");
        }
        // Only a navigation to a new document has a loader.
        if nav.get("loaderId").is_some() {
            self.wait_for("!window.__harnessOld && document.readyState === 'complete'");
        }
    }

    /// Reload and wait until the new document has loaded.
    pub fn reload(&self) {
        let _ = self.try_eval("window.__harnessOld = true");
        self.call("Page.reload", json!({}));
        self.wait_for("!window.__harnessOld && document.readyState === 'complete'");
    }

    /// Run a script for its effects, ignoring its value. Panics on an exception.
    #[track_caller]
    pub fn run(&self, js: &str) {
        if let Err(err) = self.try_eval(js) {
            panic!("{js}\nthrew: {err}");
        }
    }

    /// Evaluate a JavaScript expression (promises are awaited) and deserialize its value.
    /// Panics on an exception.
    #[track_caller]
    pub fn eval<T: DeserializeOwned>(&self, js: &str) -> T {
        let value = self
            .try_eval(js)
            .unwrap_or_else(|err| panic!("{js}\nthrew: {err}"));
        serde_json::from_value(value.clone())
            .unwrap_or_else(|err| panic!("{js}\nreturned {value}, not the expected type: {err}"))
    }

    /// Evaluate, returning the exception as an error.
    pub fn try_eval(&self, js: &str) -> Result<Value, String> {
        self.evaluate(json!({}), js)
    }

    fn evaluate(&self, mut params: Value, js: &str) -> Result<Value, String> {
        params["expression"] = js.into();
        params["returnByValue"] = true.into();
        params["awaitPromise"] = true.into();
        let reply = self
            .conn
            .call(Some(&self.session), "Runtime.evaluate", params)?;
        if let Some(ex) = reply.get("exceptionDetails") {
            let text = ex["exception"]["description"]
                .as_str()
                .or(ex["text"].as_str())
                .unwrap_or("exception");
            return Err(text.to_string());
        }
        Ok(reply["result"].get("value").cloned().unwrap_or(Value::Null))
    }

    /// Evaluate in the document of the `<iframe>` that `selector` finds (even one of another
    /// origin, such as a `file://` frame), and deserialize the value.
    #[track_caller]
    pub fn eval_in_frame<T: DeserializeOwned>(&self, selector: &str, js: &str) -> T {
        let value = self
            .try_eval_in_frame(selector, js)
            .unwrap_or_else(|err| panic!("in frame {selector}: {js}\nthrew: {err}"));
        serde_json::from_value(value.clone())
            .unwrap_or_else(|err| panic!("{js}\nreturned {value}, not the expected type: {err}"))
    }

    pub fn try_eval_in_frame(&self, selector: &str, js: &str) -> Result<Value, String> {
        let sel = serde_json::to_string(selector).unwrap();
        let element = self.conn.call(
            Some(&self.session),
            "Runtime.evaluate",
            json!({ "expression": format!("document.querySelector({sel})") }),
        )?;
        let object = element["result"]["objectId"]
            .as_str()
            .ok_or_else(|| format!("no element {selector}"))?;
        let node = self.conn.call(
            Some(&self.session),
            "DOM.describeNode",
            json!({ "objectId": object }),
        )?;
        let frame = node["node"]["frameId"]
            .as_str()
            .ok_or_else(|| format!("{selector} is not a frame"))?;
        // The frame's main world: the last default context created for it.
        let context = self
            .conn
            .events(&self.session)
            .iter()
            .rev()
            .map(|ev| &ev["params"]["context"])
            .find(|c| c["auxData"]["frameId"] == frame && c["auxData"]["isDefault"] == true)
            .and_then(|c| c["id"].as_i64())
            .ok_or_else(|| format!("no script context in frame {selector} yet"))?;
        self.evaluate(json!({ "contextId": context }), js)
    }

    /// Like [`Page::wait_for`], in the document of the `<iframe>` that `selector` finds.
    #[track_caller]
    pub fn wait_for_in_frame(&self, selector: &str, js: &str) -> Value {
        self.poll(
            || self.try_eval_in_frame(selector, js),
            &format!("`{js}` in frame {selector}"),
            String::new,
        )
    }

    /// Poll a JavaScript condition until it is truthy, for at most [`DEADLINE`]; return its value.
    /// Exceptions count as false (the document may be changing).
    #[track_caller]
    pub fn wait_for(&self, js: &str) -> Value {
        self.wait_for_or(js, String::new)
    }

    /// Like [`Page::wait_for`]; on timeout the panic message adds `explain()`.
    #[track_caller]
    pub fn wait_for_or(&self, js: &str, explain: impl FnOnce() -> String) -> Value {
        self.poll(|| self.try_eval(js), &format!("`{js}`"), explain)
    }

    #[track_caller]
    fn poll(
        &self,
        mut probe: impl FnMut() -> Result<Value, String>,
        what: &str,
        explain: impl FnOnce() -> String,
    ) -> Value {
        let start = Instant::now();
        let mut last = Ok(Value::Null);
        while start.elapsed() < DEADLINE {
            last = probe();
            if let Ok(value) = &last
                && truthy(value)
            {
                return value.clone();
            }
            std::thread::sleep(Duration::from_millis(15));
        }
        panic!(
            "timed out after {DEADLINE:?} waiting for {what} (last: {last:?}) at {}\n{}",
            self.try_eval("location.href").unwrap_or_default(),
            explain()
        )
    }

    /// Press and release a key, as a person would: "ArrowRight", "Space", "Shift+Space", "o",
    /// "?", "Enter", "2". Waits until the page has handled it.
    pub fn press(&self, key: &str) {
        let (shift, key) = match key.strip_prefix("Shift+") {
            Some(key) => (true, key),
            None => (false, key),
        };
        let (key, code, vk, text, shifted) = key_info(key);
        let modifiers = if shift || shifted { 8 } else { 0 };
        let mut down = json!({
            "type": if text.is_empty() { "rawKeyDown" } else { "keyDown" },
            "key": key, "code": code, "windowsVirtualKeyCode": vk, "modifiers": modifiers,
        });
        if !text.is_empty() {
            down["text"] = text.as_str().into();
            down["unmodifiedText"] = text.into();
        }
        self.call("Input.dispatchKeyEvent", down);
        self.call(
            "Input.dispatchKeyEvent",
            json!({ "type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": vk, "modifiers": modifiers }),
        );
    }

    /// Type each character of `keys` (`"12"`, `"2.3"`).
    pub fn type_text(&self, keys: &str) {
        for c in keys.chars() {
            self.press(&c.to_string());
        }
    }

    /// Click the middle of the first element matching a CSS selector, with the mouse.
    #[track_caller]
    pub fn click(&self, selector: &str) {
        let sel = serde_json::to_string(selector).unwrap();
        let [x, y]: [f64; 2] = self.eval(&format!(
            "(() => {{ const el = document.querySelector({sel}); if (!el) throw new Error('no ' + {sel});
               el.scrollIntoView({{ block: 'nearest', inline: 'nearest' }}); const r = el.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()"
        ));
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": x, "y": y, "button": "left", "buttons": 1, "clickCount": 1 }),
            );
        }
    }

    /// Set the viewport to `width`×`height` CSS pixels at device scale 1.
    pub fn set_viewport(&self, width: u32, height: u32) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
        );
    }

    /// Emulate a CSS media type ("print", "screen" or "") and media features such as
    /// `[("prefers-reduced-motion", "reduce")]`.
    pub fn emulate_media(&self, media: &str, features: &[(&str, &str)]) {
        let features: Vec<Value> = features
            .iter()
            .map(|(name, value)| json!({ "name": name, "value": value }))
            .collect();
        self.call(
            "Emulation.setEmulatedMedia",
            json!({ "media": media, "features": features }),
        );
    }

    /// A PNG of the viewport.
    pub fn screenshot(&self) -> Vec<u8> {
        let shot = self.call("Page.captureScreenshot", json!({ "format": "png" }));
        base64(shot["data"].as_str().unwrap())
    }

    /// Save a PNG of the viewport to `path`.
    pub fn save_screenshot(&self, path: impl AsRef<Path>) {
        fs::write(path, self.screenshot()).unwrap();
    }

    /// Print to PDF as the browser's print dialog would, with the page's own @page size.
    pub fn pdf(&self) -> Vec<u8> {
        let pdf = self.call(
            "Page.printToPDF",
            json!({ "preferCSSPageSize": true, "printBackground": true }),
        );
        base64(pdf["data"].as_str().unwrap())
    }

    /// Console errors and uncaught exceptions so far, from the page and its frames, including
    /// failed loads ("Failed to load resource").
    pub fn console_errors(&self) -> Vec<String> {
        let mut errors = Vec::new();
        for ev in self.conn.events(&self.session) {
            let p = &ev["params"];
            match ev["method"].as_str().unwrap_or("") {
                "Runtime.exceptionThrown" => {
                    let d = &p["exceptionDetails"];
                    errors.push(format!(
                        "uncaught: {} {}",
                        d["exception"]["description"].as_str().unwrap_or(""),
                        d["text"].as_str().unwrap_or("")
                    ));
                }
                "Runtime.consoleAPICalled" if p["type"] == "error" || p["type"] == "assert" => {
                    let args: Vec<String> = p["args"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|a| {
                            a["value"]
                                .as_str()
                                .map(str::to_string)
                                .unwrap_or_else(|| a["description"].to_string())
                        })
                        .collect();
                    errors.push(format!("console.error: {}", args.join(" ")));
                }
                "Log.entryAdded" if p["entry"]["level"] == "error" => errors.push(format!(
                    "{}: {} {}",
                    p["entry"]["source"].as_str().unwrap_or(""),
                    p["entry"]["text"].as_str().unwrap_or(""),
                    p["entry"]["url"].as_str().unwrap_or("")
                )),
                "Network.loadingFailed" if p["canceled"] != true => errors.push(format!(
                    "request {} failed: {}",
                    p["requestId"],
                    p["errorText"].as_str().unwrap_or("")
                )),
                _ => {}
            }
        }
        errors
    }

    /// Every URL this page (and its frames) asked for so far, in order.
    pub fn requests(&self) -> Vec<String> {
        self.conn
            .events(&self.session)
            .iter()
            .filter(|ev| ev["method"] == "Network.requestWillBeSent")
            .filter_map(|ev| ev["params"]["request"]["url"].as_str().map(String::from))
            .collect()
    }

    /// The first pop-up window this page opened (`window.open`), once it has loaded a URL
    /// containing `url_part`. It was recorded from its start, like a page of [`Browser::open`].
    #[track_caller]
    pub fn popup(&self, url_part: &str) -> Page {
        let (target, session) = self
            .conn
            .wait_attached(|info| info["openerId"] == self.target.as_str())
            .unwrap_or_else(|| panic!("no pop-up opened within {DEADLINE:?}"));
        let page = Page {
            conn: self.conn.clone(),
            session,
            target,
            context: None,
        };
        let part = serde_json::to_string(url_part).unwrap();
        page.wait_for(&format!(
            "location.href.includes({part}) && document.readyState === 'complete'"
        ));
        page
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        let _ = match &self.context {
            Some(context) => self.conn.call(
                None,
                "Target.disposeBrowserContext",
                json!({ "browserContextId": context }),
            ),
            None => self.conn.call(
                None,
                "Target.detachFromTarget",
                json!({ "sessionId": self.session }),
            ),
        };
        self.conn.events.lock().unwrap().remove(&self.session);
    }
}

fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        _ => true,
    }
}

/// `(key, code, windowsVirtualKeyCode, text, needs shift)` for a key name or a character.
fn key_info(key: &str) -> (String, String, u32, String, bool) {
    let named = |code: &str, vk| (key.to_string(), code.to_string(), vk, String::new(), false);
    match key {
        "ArrowLeft" => named("ArrowLeft", 37),
        "ArrowUp" => named("ArrowUp", 38),
        "ArrowRight" => named("ArrowRight", 39),
        "ArrowDown" => named("ArrowDown", 40),
        "PageUp" => named("PageUp", 33),
        "PageDown" => named("PageDown", 34),
        "End" => named("End", 35),
        "Home" => named("Home", 36),
        "Escape" => named("Escape", 27),
        "Tab" => named("Tab", 9),
        "Backspace" => named("Backspace", 8),
        "Enter" => ("Enter".into(), "Enter".into(), 13, "\r".into(), false),
        "Space" | " " => (" ".into(), "Space".into(), 32, " ".into(), false),
        _ => {
            let mut chars = key.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                panic!("unknown key {key}");
            };
            let (code, vk, shift) = match c {
                'a'..='z' => (
                    format!("Key{}", c.to_ascii_uppercase()),
                    c.to_ascii_uppercase() as u32,
                    false,
                ),
                'A'..='Z' => (format!("Key{c}"), c as u32, true),
                '0'..='9' => (format!("Digit{c}"), c as u32, false),
                '.' => ("Period".into(), 190, false),
                '?' => ("Slash".into(), 191, true),
                '/' => ("Slash".into(), 191, false),
                '+' => ("Equal".into(), 187, true),
                '=' => ("Equal".into(), 187, false),
                '-' => ("Minus".into(), 189, false),
                _ => panic!("no key code for {c:?}"),
            };
            (c.to_string(), code, vk, c.to_string(), shift)
        }
    }
}

/// Standard base64, as the protocol sends screenshots and PDFs.
fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let bytes: Vec<u8> = text.bytes().filter(|&c| c != b'=' && c != b'\n').collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &c)| n | (value(c) as u32) << (18 - 6 * i));
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}
