//! A workshop folder on disk: where it is and what its `workshop.toml` says.

use std::path::{Path, PathBuf};

use crate::config::{CONFIG_FILE, Config};
use crate::diagnostics::{Diagnostic, Pos};

#[derive(Debug, Clone)]
pub struct Project {
    /// The workshop folder, canonical (symbolic links resolved), for containment checks.
    pub root: PathBuf,
    /// The folder as the user named it, for messages they can click.
    pub shown: PathBuf,
    pub config: Config,
}

impl Project {
    /// Open the workshop in `dir`.
    pub fn open(dir: &Path) -> Result<Project, Diagnostic> {
        let root = dir.canonicalize().map_err(|err| {
            Diagnostic::error(
                dir,
                Pos::FILE,
                format!("cannot open the workshop folder: {err}"),
            )
            .with_hint(
                "pass the folder that holds workshop.toml, or run `deckhand new NAME` to start one",
            )
        })?;
        let config_path = root.join(CONFIG_FILE);
        let text = match std::fs::read(&config_path) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
                Diagnostic::error(
                    CONFIG_FILE,
                    Pos::new(1, 1),
                    "workshop.toml is not UTF-8 text",
                )
                .with_hint("save it as UTF-8")
            })?,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Err(Diagnostic::error(CONFIG_FILE, Pos::FILE, "this folder has no workshop.toml")
                    .with_hint("run deckhand in a workshop folder, pass one as an argument, or create one with `deckhand new NAME`"));
            }
            Err(err) => {
                return Err(Diagnostic::error(
                    CONFIG_FILE,
                    Pos::FILE,
                    format!("cannot read workshop.toml: {err}"),
                ));
            }
        };
        let config = Config::parse(&text, Path::new(CONFIG_FILE))?;
        config
            .theme
            .check_files(&root, &text, Path::new(CONFIG_FILE))?;
        Ok(Project {
            root,
            shown: dir.to_path_buf(),
            config,
        })
    }

    /// Where `build` writes by default.
    pub fn default_output(&self) -> PathBuf {
        if self.shown == Path::new(".") {
            PathBuf::from(&self.config.output)
        } else {
            self.shown.join(&self.config.output)
        }
    }
}
