//! The PDFs `deckhand pdf` writes into the output folder. A build replaces that folder, so it
//! carries these files over from the output it replaces (they would be gone otherwise, and the
//! landing page links them when they are there). Only the names `deckhand pdf` gives them are
//! carried, and never the handout with notes when the notes are private: turning the notes
//! private and building again must not leave them published.

use std::path::Path;

use serde::Serialize;

use crate::config::Config;

/// A PDF in the output folder, as the landing page links it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PdfFile {
    /// The file's name, which is also its URL relative to the landing page.
    pub url: String,
    /// What the link says: "Slides", "Handout", "Handout with notes".
    pub label: &'static str,
    pub bytes: u64,
    /// The size as the link shows it: "340 KB", "2.1 MB".
    pub size: String,
}

/// The slug of the workshop's title that starts the PDFs' names.
fn stem(config: &Config) -> String {
    match crate::slug::slugify(&config.title) {
        s if s.is_empty() => "workshop".to_string(),
        s => s,
    }
}

/// The names `deckhand pdf` writes: slides, handout, handout with notes.
pub fn slides_name(config: &Config) -> String {
    format!("{}-slides.pdf", stem(config))
}

pub fn handout_name(config: &Config, with_notes: bool) -> String {
    if with_notes {
        format!("{}-handout-with-notes.pdf", stem(config))
    } else {
        format!("{}-handout.pdf", stem(config))
    }
}

/// The PDFs of this workshop in `folder` (regular files only: a link could lead anywhere).
pub fn present(folder: &Path, config: &Config) -> Vec<PdfFile> {
    let mut names = vec![
        (slides_name(config), "Slides"),
        (handout_name(config, false), "Handout"),
    ];
    if !config.notes.private {
        names.push((handout_name(config, true), "Handout with notes"));
    }
    names
        .into_iter()
        .filter_map(|(url, label)| {
            let meta = std::fs::symlink_metadata(folder.join(&url)).ok()?;
            meta.is_file().then(|| PdfFile {
                url,
                label,
                bytes: meta.len(),
                size: size(meta.len()),
            })
        })
        .collect()
}

fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / f64::from(1 << 20))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}
