//! One tab or pop-up: navigation, JavaScript, input, screenshots, console and requests.

use std::fs;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::DEADLINE;
use super::keys::key_info;
use super::protocol::Conn;

/// One tab (or pop-up window), attached over its own protocol session.
pub struct Page {
    pub(super) conn: Arc<Conn>,
    pub(super) session: String,
    pub(super) target: String,
    /// The browser context this page made and disposes of when it drops; `None` for a pop-up,
    /// which belongs to its opener's.
    pub(super) context: Option<String>,
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

    pub(super) fn evaluate(&self, mut params: Value, js: &str) -> Result<Value, String> {
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
    pub(super) fn poll(
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
        decode_base64(shot["data"].as_str().unwrap())
    }

    /// The colour the page paints at CSS pixel (`x`, `y`) of the document (of the viewport,
    /// when the page does not scroll).
    pub fn pixel(&self, x: u32, y: u32) -> [u8; 3] {
        let shot = self.call(
            "Page.captureScreenshot",
            json!({ "format": "png", "captureBeyondViewport": true,
                    "clip": { "x": x, "y": y, "width": 1, "height": 1, "scale": 1 } }),
        );
        png_pixel(&decode_base64(shot["data"].as_str().unwrap()), 0, 0)
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
        decode_base64(pdf["data"].as_str().unwrap())
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

/// Screenshots and PDFs come as standard base64.
/// The RGB colour of pixel (`x`, `y`) of a PNG image.
pub fn png_pixel(png: &[u8], x: u32, y: u32) -> [u8; 3] {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buffer = vec![0; reader.output_buffer_size().expect("a PNG's size")];
    let frame = reader.next_frame(&mut buffer).expect("a PNG frame");
    let channels = frame.color_type.samples();
    let at = (y as usize * frame.width as usize + x as usize) * channels;
    match channels {
        1 | 2 => [buffer[at]; 3],
        _ => [buffer[at], buffer[at + 1], buffer[at + 2]],
    }
}

fn decode_base64(text: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .expect("the browser sends valid base64")
}
