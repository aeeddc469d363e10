//! Checks that a workshop's demos can run as written: every `kubectl … -f samples/…` (or `-k`)
//! command in a chapter, its notes or a shell sample names a file or folder that exists
//! ([`files`]), and the Services, Ingresses, Gateways and routes of the samples refer to
//! objects that some sample (or a `kubectl create …` command) defines ([`objects`]).
//!
//! Both report warnings, not errors: a workshop may rely on objects a cluster or an installer
//! provides, and the trainer decides.

mod commands;
mod dangling;
mod files;
mod objects;

use std::path::{Path, PathBuf};

use crate::content::{CONTENT_DIR, Workshop};
use crate::diagnostics::Diagnostics;
use crate::project::Project;

/// A text that may hold commands: a chapter or a shell sample, with its path for messages.
struct Source {
    /// Relative to the workshop folder.
    path: PathBuf,
    text: String,
}

/// The problems of the workshop's commands and cross-sample references.
pub fn lint(project: &Project, workshop: &Workshop) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    let sources = sources(project, workshop);
    files::check(workshop, &sources, &mut diagnostics);
    objects::check(project, workshop, &sources, &mut diagnostics);
    diagnostics
}

/// The chapters and the shell scripts among the samples, as they are on disk now.
fn sources(project: &Project, workshop: &Workshop) -> Vec<Source> {
    let limits = &project.config.limits;
    let chapters = workshop
        .chapters
        .iter()
        .map(|c| (c.source.clone(), limits.chapter_bytes()));
    let scripts = workshop
        .samples()
        .filter(|a| a.extension().is_some_and(|e| e == "sh"))
        .map(|a| (Path::new(CONTENT_DIR).join(a), limits.sample_bytes()));
    chapters
        .chain(scripts)
        .filter_map(|(path, limit)| {
            let text = crate::files::read_text(&project.root.join(&path), limit)?;
            Some(Source { path, text })
        })
        .collect()
}
