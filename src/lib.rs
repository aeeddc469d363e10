//! deckhand turns a workshop folder — `workshop.toml`, Markdown chapters and YAML samples under
//! `content/` — into a static site: a slide deck with a speaker view, handouts, downloadable
//! samples and an agenda.
//!
//! The build is a pipeline of plain data ([`pipeline::build`]):
//!
//! 1. [`project::Project::open`] reads `workshop.toml` ([`config`]).
//! 2. [`content::load`] reads the chapters: front matter, slides ([`dialect`]), includes
//!    ([`markdown::include`]), Markdown ([`markdown`]) and highlighting ([`highlight`]).
//! 3. [`check::lint`] looks across chapters (links, ids, time plan, and with [`references`] the
//!    demos' commands and the samples' references to each other); [`validate`] checks the
//!    samples.
//! 4. [`render::SiteRenderer`] renders the pages with tera from the [`theme`].
//! 5. [`output::Staging`] writes them beside the output and swaps them in.
//!
//! Every problem is a [`diagnostics::Diagnostic`] with a `file:line:col`; loading collects them
//! all, and a build writes nothing when one of them is an error.

pub mod check;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod dialect;
pub mod files;
pub mod highlight;
pub mod html;
pub mod import;
pub mod markdown;
pub mod output;
pub mod pdf;
pub mod pipeline;
pub mod project;
pub mod references;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod slug;
pub mod theme;
mod toml_input;
pub mod validate;
