//! What a change touches: the plan of a rebuild.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{Changes, Engine};
use crate::config::CONFIG_FILE;
use crate::content::CONTENT_DIR;
use crate::theme::{STATIC_DIR, TEMPLATES_DIR};

pub(super) enum Plan {
    Nothing,
    Full,
    Partial {
        chapters: BTreeSet<PathBuf>,
        assets: BTreeSet<PathBuf>,
        statics: bool,
        styles_only: bool,
    },
}

impl Plan {
    pub(super) fn describe(&self) -> String {
        match self {
            Plan::Nothing => "nothing".into(),
            Plan::Full => "everything".into(),
            Plan::Partial {
                chapters,
                assets,
                statics,
                ..
            } => {
                let mut parts: Vec<String> =
                    chapters.iter().map(|c| c.display().to_string()).collect();
                if !assets.is_empty() {
                    parts.push(format!("{} content file(s)", assets.len()));
                }
                if *statics {
                    parts.push("static files".into());
                }
                parts.join(", ")
            }
        }
    }
}

impl Engine {
    pub(super) fn plan(&self, changes: &Changes) -> Plan {
        let Some(state) = &self.state else {
            return Plan::Full;
        };
        if changes.is_empty() || self.diagnostics.has_errors() && self.site.files.is_empty() {
            return Plan::Full;
        }
        let mut chapters = BTreeSet::new();
        let mut assets = BTreeSet::new();
        let mut statics = false;
        let mut styles_only = true;
        for path in changes {
            if path == Path::new(CONFIG_FILE) || path.starts_with(TEMPLATES_DIR) {
                return Plan::Full;
            }
            if path.starts_with(STATIC_DIR) {
                statics = true;
                styles_only &= path.extension().is_some_and(|e| e == "css");
                continue;
            }
            let Ok(rel) = path.strip_prefix(CONTENT_DIR) else {
                continue;
            };
            let top_level_md = rel.components().count() == 1
                && rel
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("md"));
            if top_level_md {
                let known = state.workshop.chapters.iter().any(|c| &c.source == path);
                // A chapter appeared or disappeared: numbers and order change everywhere.
                if known != self.dir.join(path).is_file() {
                    return Plan::Full;
                }
                chapters.insert(path.clone());
            } else {
                // A file that came and went before we looked (an editor's temporary file) and
                // that the site never had changes nothing.
                let url = rel.to_string_lossy().replace('\\', "/");
                if self.dir.join(path).exists() || self.site.files.contains_key(&url) {
                    assets.insert(path.clone());
                } else {
                    continue;
                }
            }
            styles_only = false;
        }
        if chapters.is_empty() && assets.is_empty() && !statics {
            return Plan::Nothing;
        }
        for chapter in &state.workshop.chapters {
            if chapter.includes.iter().any(|i| assets.contains(i)) {
                chapters.insert(chapter.source.clone());
            }
        }
        Plan::Partial {
            chapters,
            assets,
            statics,
            styles_only: statics && styles_only,
        }
    }
}
