//! Where a build writes, and whether it may: the checks `build` and `check` share.
//!
//! The output folder comes from `--out` (relative to the current folder) or from `output` in
//! workshop.toml (relative to the workshop folder). Messages name it as the user wrote it, at
//! the place they wrote it: the `output` key, or the `--out` path as typed.

use std::path::{Component, Path, PathBuf};

use super::MARKER;
use crate::config::{CONFIG_FILE, key_position_if_set};
use crate::content::CONTENT_DIR;
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::project::Project;
use crate::theme::{STATIC_DIR, TEMPLATES_DIR};

/// The output folder of a build.
#[derive(Debug, Clone)]
pub struct Output {
    /// The path to write to (relative to the current folder, or absolute).
    pub path: PathBuf,
    origin: Origin,
}

#[derive(Debug, Clone)]
enum Origin {
    /// `--out PATH`, as typed.
    Flag(PathBuf),
    /// `output = "…"` in workshop.toml, at this position.
    Config(String, Pos),
    /// The default (`public`), relative to the workshop folder.
    Default(String),
}

impl Output {
    /// The folder `build` writes to: `out` if given, else workshop.toml's `output`.
    pub fn of(project: &Project, out: Option<&Path>) -> Output {
        match out {
            Some(out) => Output {
                path: out.to_path_buf(),
                origin: Origin::Flag(out.to_path_buf()),
            },
            None => {
                let text =
                    std::fs::read_to_string(project.root.join(CONFIG_FILE)).unwrap_or_default();
                let value = project.config.output.clone();
                let origin = match key_position_if_set(&text, "output") {
                    Some(pos) => Origin::Config(value, pos),
                    None => Origin::Default(value),
                };
                Output {
                    path: project.default_output(),
                    origin,
                }
            }
        }
    }

    /// The folder, absolute, with `..` and links resolved as far as it exists.
    pub fn resolved(&self) -> PathBuf {
        resolve(&self.path)
    }

    /// An error about the output folder, where the user chose it. `what` completes "the output
    /// folder `x` …".
    pub fn error(&self, what: &str, hint: &str) -> Diagnostic {
        match &self.origin {
            Origin::Flag(typed) => {
                Diagnostic::error(typed, Pos::new(1, 1), format!("the output folder {what}"))
                    .verbatim()
            }
            Origin::Config(value, pos) => Diagnostic::error(
                CONFIG_FILE,
                *pos,
                format!("the output folder `{value}` {what}"),
            ),
            Origin::Default(value) => {
                Diagnostic::error(value, Pos::new(1, 1), format!("the output folder {what}"))
            }
        }
        .with_hint(hint)
    }

    /// Every reason not to write there: inside or over the workshop's sources, or a folder (or
    /// a file) that deckhand did not write.
    pub fn check(&self, project: &Project) -> Diagnostics {
        let mut found = Diagnostics::new();
        let resolved = self.resolved();
        let root = &project.root;
        let sources = [CONTENT_DIR, TEMPLATES_DIR, STATIC_DIR].map(|d| root.join(d));
        let own_folder = match &self.origin {
            Origin::Flag(_) => "write the site to a folder of its own, e.g. --out public",
            Origin::Config(..) | Origin::Default(_) => {
                "write the site to a folder of its own, e.g. `output = \"public\"` in workshop.toml"
            }
        };
        if root.starts_with(&resolved) {
            found.push(self.error(
                "would hold the workshop folder itself, and replace its sources",
                own_folder,
            ));
        } else if let Some(source) = sources.iter().find(|s| resolved.starts_with(s)) {
            let name = source.file_name().unwrap_or_default().to_string_lossy();
            found.push(self.error(
                &format!("is inside {name}/, the workshop's sources: each build would publish the last one"),
                own_folder,
            ));
        } else if resolved == root.join(CONFIG_FILE) || resolved.starts_with(root.join(".deckhand"))
        {
            found.push(self.error("would overwrite the workshop's own files", own_folder));
        } else if let Err(problem) = self.replaceable(&resolved) {
            found.push(problem);
        }
        found
    }

    /// Whether the folder is missing, empty, or an earlier build (deckhand's marker is in it).
    fn replaceable(&self, resolved: &Path) -> Result<(), Diagnostic> {
        let Ok(meta) = std::fs::metadata(resolved) else {
            return Ok(());
        };
        if !meta.is_dir() {
            return Err(self.error(
                "is a file, not a folder",
                "choose a folder for the site (deckhand creates it), or move the file away",
            ));
        }
        let empty = std::fs::read_dir(resolved).is_ok_and(|mut entries| entries.next().is_none());
        if empty || resolved.join(MARKER).is_file() {
            Ok(())
        } else {
            Err(self.error(
                "holds files that deckhand did not write; a build would replace them",
                "choose another folder for the site, or empty this one (deckhand replaces only folders it wrote)",
            ))
        }
    }
}

/// `path` made absolute, with `..` and links resolved as the system would: component by
/// component, each link replaced by where it leads (so that a `..` after it climbs from there),
/// and the part that does not exist yet taken as written.
pub fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut resolved = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                resolved.push(name);
                if let Ok(canonical) = resolved.canonicalize() {
                    resolved = canonical;
                }
            }
            other => resolved.push(other),
        }
    }
    resolved
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_through_dots_and_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("public")).unwrap();
        assert_eq!(resolve(&root.join("x/..//public/.")), root.join("public"));
        assert_eq!(resolve(&root.join("new/./site")), root.join("new/site"));
        assert_eq!(
            resolve(&root.join("missing/..//public")),
            root.join("public")
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("public"), root.join("link")).unwrap();
            assert_eq!(resolve(&root.join("link")), root.join("public"));
        }
    }
}
