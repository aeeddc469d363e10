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

mod attendee;
mod authoring;
mod budget;
mod chromium;
pub use chromium::{Browser, shared};
mod fragment_styles;
mod keys;
mod layout_shapes;
mod layout_shots;
mod layouts;
mod page;
pub use page::Page;
mod deck;
mod dialects;
mod fit;
mod print;
mod protocol;
mod shots;
pub mod site;
mod speaker;
mod theme;
mod theme_assets;

use std::time::Duration;

/// How long [`Page::wait_for`] and friends wait before failing.
pub const DEADLINE: Duration = Duration::from_secs(10);
/// How long one protocol command may take.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);
