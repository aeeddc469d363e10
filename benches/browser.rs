//! How fast the built pages open in headless Chromium, at 10, 200 and 1,000 synthetic chapters
//! (../shared/workload): first contentful paint, the load event and the deck's `ready` event of
//! the landing page, a chapter's deck page, an old `deck.html#/<id>` link (forwarded to its
//! chapter's page), the speaker view, a chapter's handout and the all-in-one handout (a print
//! page, measured up to 200 chapters); then a key that opens another chapter's page (Space on a
//! chapter's last slide, End on the first slide) to that page's first paint.
//! Run with `cargo bench --bench browser` (`DECKHAND_BENCH_SIZES=10,200` for other sizes); prints
//! Markdown tables (see bench/RESULTS.md).
//!
//! Every load is in a fresh browser context (empty cache, no storage) at 1280×720; the site is
//! served on 127.0.0.1 by `python3 -m http.server` (no compression: a plain static host). Times
//! are from the start of the tab's first navigation, so a forwarded link counts both pages. The
//! browser is the one the tests drive (`tests/testsuite/browser/`, included below).

mod common;

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use serde_json::{Value, json};

/// The test harness's Chromium driver, with deadlines for big pages on a busy machine.
#[path = "../tests/testsuite/browser"]
#[allow(dead_code)] // the benchmark uses part of it
mod browser {
    use std::time::Duration;
    pub const DEADLINE: Duration = Duration::from_secs(300);
    const COMMAND_TIMEOUT: Duration = Duration::from_secs(300);
    mod chromium;
    pub use chromium::Browser;
    mod keys;
    mod page;
    pub use page::Page;
    mod protocol;
}

/// Workshop sizes (chapters); `DECKHAND_BENCH_SIZES=10,200` picks others.
fn sizes() -> Vec<usize> {
    std::env::var("DECKHAND_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10, 200, 1000])
}
const REPETITIONS: usize = 3;
/// The all-in-one handout is ~43 MB at 1,000 chapters: a page to print, not to open.
const PRINT_PAGE_UP_TO: usize = 200;

/// Injected into every document and frame before its scripts: when the tab's first navigation
/// started, when a deck (or the speaker view's current-slide frame) emitted `ready`, and when the
/// last key went down (all as absolute times, so they survive a change of page).
const PROBE: &str = r#"(() => {
  const now = () => performance.timeOrigin + performance.now();
  try { if (!sessionStorage.getItem('probe-start')) sessionStorage.setItem('probe-start', performance.timeOrigin); } catch (e) {}
  const mark = () => { try { if (!top.__probeReady) top.__probeReady = now(); } catch (e) {} };
  document.addEventListener('DOMContentLoaded', () => window.deckhand && deckhand.on && deckhand.on('ready', mark));
  addEventListener('keydown', e => sessionStorage.setItem('probe-key', performance.timeOrigin + e.timeStamp), true);
})()"#;

/// What a page reports once it has painted, loaded and (for decks) emitted ready, in ms from the
/// start of the tab's first navigation (or from the last key, `key`).
const REPORT: &str = r#"(() => {
  const fcp = performance.getEntriesByName('first-contentful-paint')[0], nav = performance.getEntriesByType('navigation')[0];
  const hasDeck = !!document.querySelector('#deck .slide, #sv-cur');
  if (!fcp || !nav || !nav.loadEventEnd || (hasDeck && !window.__probeReady)) return null;
  const start = +sessionStorage.getItem('probe-start'), key = +sessionStorage.getItem('probe-key');
  const abs = t => performance.timeOrigin + t;
  return { fcp: abs(fcp.startTime) - start, load: abs(nav.loadEventEnd) - start,
    ready: hasDeck ? window.__probeReady - start : null, key: key ? abs(fcp.startTime) - key : null,
    bytes: nav.decodedBodySize, elements: document.getElementsByTagName('*').length, url: location.pathname };
})()"#;

fn main() {
    let Some(browser) = browser::Browser::launch() else {
        eprintln!("no Chromium: nothing measured");
        return;
    };
    let temp = tempfile::tempdir().unwrap();
    let sizes = sizes();
    for &chapters in &sizes {
        let out = temp.path().join(format!("n{chapters}"));
        let status = Command::new(DECKHAND)
            .arg("build")
            .arg(workload(chapters, "deckhand"))
            .arg("--out")
            .arg(&out)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "the build of n{chapters} failed");
    }
    let server = StaticServer::start(temp.path());
    println!("deckhand pages in headless Chromium; {}", machine());
    println!(
        "medians of {REPETITIONS} loads, each in a fresh browser context; ms from the first navigation"
    );
    println!();
    println!(
        "| chapters | page | HTML bytes | DOM elements | first contentful paint | load event | deck ready |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|");
    let mut crossing = Vec::new();
    for &chapters in &sizes {
        let base = format!("{}/n{chapters}", server.base);
        let middle = format!("ch{:03}", chapters / 2);
        let page = |path: &str| (path.to_string(), path.to_string());
        // (what is opened, the page it ends on)
        let mut pages = vec![
            ("landing page", page("index.html")),
            ("deck, first chapter", page("deck-ch001.html")),
            ("deck, middle chapter", page(&format!("deck-{middle}.html"))),
            (
                "old link deck.html#/…",
                (
                    format!("deck.html#/{middle}-3"),
                    format!("deck-{middle}.html"),
                ),
            ),
            ("speaker view", page("speaker.html")),
            ("handout, one chapter", page("handout-ch001.html")),
        ];
        if chapters <= PRINT_PAGE_UP_TO {
            pages.push(("handout, all chapters (print)", page("handout.html")));
        }
        for (name, (path, lands_on)) in pages {
            let reports: Vec<Value> = (0..REPETITIONS)
                .map(|_| load(&browser, &format!("{base}/{path}"), &lands_on))
                .collect();
            println!(
                "| {chapters} | {name} | {} | {} | {} | {} | {} |",
                reports[0]["bytes"],
                reports[0]["elements"],
                median_ms(&reports, "fcp"),
                median_ms(&reports, "load"),
                median_ms(&reports, "ready"),
            );
        }
        let next = (0..REPETITIONS)
            .map(|_| key_to_paint(&browser, &format!("{base}/deck-ch001.html"), true, "Space"))
            .collect::<Vec<_>>();
        let end = (0..REPETITIONS)
            .map(|_| key_to_paint(&browser, &format!("{base}/deck-ch001.html"), false, "End"))
            .collect::<Vec<_>>();
        crossing.push((chapters, median_ms(&next, "key"), median_ms(&end, "key")));
    }
    println!();
    println!(
        "| chapters | Space on chapter 1's last slide → chapter 2's first paint | End on the first slide → the last chapter's first paint |"
    );
    println!("|---:|---:|---:|");
    for (chapters, next, end) in crossing {
        println!("| {chapters} | {next} | {end} |");
    }
}

/// Load `url` in a fresh context and wait for the report of the page it ends on.
fn load(browser: &browser::Browser, url: &str, lands_on: &str) -> Value {
    let page = probed_tab(browser);
    page.goto(url);
    report(&page, lands_on)
}

fn probed_tab(browser: &browser::Browser) -> browser::Page {
    let page = browser.blank(1280, 720);
    page.call(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": PROBE }),
    );
    page
}

/// Open `url`, go to its last slide if `at_end`, press `key` and wait for the report of the page
/// it opens.
fn key_to_paint(browser: &browser::Browser, url: &str, at_end: bool, key: &str) -> Value {
    let page = probed_tab(browser);
    page.goto(url);
    let here = url.rsplit('/').next().unwrap();
    report(&page, here);
    if at_end {
        page.run("deckhand.setState({ id: deckhand.slides().at(-1).id, f: 99 })");
    }
    page.press(key);
    page.wait_for(&format!(
        "!location.pathname.endsWith({})",
        serde_json::to_string(here).unwrap()
    ));
    let there: String = page.eval("location.pathname.split('/').pop()");
    report(&page, &there)
}

/// The report of the page once it is `path` and has painted, loaded and is ready.
fn report(page: &browser::Page, path: &str) -> Value {
    let path = serde_json::to_string(path).unwrap();
    let text: String = page
        .wait_for(&format!(
            "location.pathname.endsWith({path}) && JSON.stringify({REPORT}) !== 'null' && JSON.stringify({REPORT})"
        ))
        .as_str()
        .unwrap()
        .to_string();
    serde_json::from_str(&text).unwrap()
}

fn median_ms(reports: &[Value], key: &str) -> String {
    let mut values: Vec<f64> = reports.iter().filter_map(|r| r[key].as_f64()).collect();
    if values.is_empty() {
        return "—".into();
    }
    format!("{:.0} ms", median(&mut values))
}

/// `python3 -m http.server` on 127.0.0.1, serving `root`; stopped when dropped.
struct StaticServer {
    child: Child,
    base: String,
}

impl StaticServer {
    fn start(root: &Path) -> StaticServer {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new("python3")
            .args(["-m", "http.server", "--bind", "127.0.0.1", "--directory"])
            .arg(root)
            .arg(port.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("run python3 -m http.server");
        // The server is up when it accepts a connection.
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "http.server did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        StaticServer {
            child,
            base: format!("http://127.0.0.1:{port}"),
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
