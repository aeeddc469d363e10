//! deckhand's integration tests: one test binary (as mdBook's tests/testsuite and just's
//! tests/test.rs have it), one module per concern, all built on the fixture builder in
//! [`support`].
//!
//! - [`every_feature`]: the fixture using every syntax feature, and the bundled workshop, build cleanly.
//! - [`snapshots`]: the rendered HTML of one slide per syntax feature, against tests/snapshots/.
//! - [`cli`]: the real binary: exit codes, the summary, messages, `--out`, `check`, `new`.
//! - [`bad_input`]: broken workshops fail with the right message and leave the last output alone.
//! - [`credit`]: the original talk's credit on the landing page and the handout covers.
//! - [`contract`]: what later issues rely on: relative links, semantic HTML, escaping, stable ids.
//! - [`references`]: `check` warns about demos naming missing samples and references that lead nowhere.
//! - [`timing`]: the bundled workshop's per-slide timing cues add up to each chapter's duration.
//! - [`properties`]: slide splitting and Markdown rendering never panic; slide counts add up.
//!
//! Snapshots are reviewed by reading them; after an intended change, rerun with
//! `INSTA_UPDATE=always cargo test` (or `cargo insta review`) and read the diff before committing.

mod authoring;
mod bad_input;
mod browser;
mod cli;
mod contract;
mod credit;
mod dialects;
mod downloads;
mod every_feature;
mod import;
mod pdf;
mod private_notes;
mod properties;
mod publishing;
mod references;
mod samples;
mod serve;
mod snapshots;
mod support;
mod swap;
mod timing;
