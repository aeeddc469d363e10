//! The theme: tera templates and static files compiled into the binary, each overridable by a
//! file at the same path in the workshop's own `templates/` or `static/` (as mdBook and Zola do).

use include_dir::{Dir, include_dir};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::project::Project;

static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");
static STATIC: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/static");

pub const TEMPLATES_DIR: &str = "templates";
pub const STATIC_DIR: &str = "static";

/// Where a theme file came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Embedded,
    /// The workshop's own file, relative to the workshop folder.
    Workshop(PathBuf),
}

#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub bytes: Cow<'static, [u8]>,
    pub origin: Origin,
}

/// Templates and static files, keyed by their path inside `templates/` or `static/`.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub templates: BTreeMap<String, ThemeFile>,
    pub statics: BTreeMap<String, ThemeFile>,
}

impl Theme {
    /// The embedded theme with the workshop's overrides.
    pub fn load(project: &Project, diagnostics: &mut Diagnostics) -> Theme {
        let mut theme = Theme::default();
        embedded(&TEMPLATES, &mut theme.templates);
        embedded(&STATIC, &mut theme.statics);
        overrides(project, TEMPLATES_DIR, &mut theme.templates, diagnostics);
        overrides(project, STATIC_DIR, &mut theme.statics, diagnostics);
        apply_theme_table(project, &mut theme.statics, diagnostics);
        crate::theming::manifest::warnings(&project.root, diagnostics);
        theme
    }

    /// The embedded files only, as `deckhand new` needs nothing else.
    pub fn embedded_only() -> Theme {
        let mut theme = Theme::default();
        embedded(&TEMPLATES, &mut theme.templates);
        embedded(&STATIC, &mut theme.statics);
        theme
    }

    /// A tera instance holding every template, or the problems of the ones that do not parse.
    pub fn tera(&self) -> Result<tera::Tera, Diagnostics> {
        let mut diagnostics = Diagnostics::new();
        let mut sources = Vec::new();
        for (name, file) in &self.templates {
            match std::str::from_utf8(&file.bytes) {
                Ok(text) => sources.push((name.as_str(), text)),
                Err(_) => diagnostics.push(Diagnostic::error(
                    self.template_path(name),
                    Pos::FILE,
                    "the template is not UTF-8 text",
                )),
            }
        }
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml", ".svg"]);
        if let Err(err) = tera.add_raw_templates(sources) {
            diagnostics.push(self.template_error(&err));
        }
        if diagnostics.is_empty() {
            Ok(tera)
        } else {
            Err(diagnostics)
        }
    }

    /// The file to blame for a template problem.
    pub fn template_path(&self, name: &str) -> PathBuf {
        match self.templates.get(name).map(|f| &f.origin) {
            Some(Origin::Workshop(path)) => path.clone(),
            _ => Path::new("(built-in theme)").join(TEMPLATES_DIR).join(name),
        }
    }

    /// A tera error as a diagnostic on the template's file, line and column.
    pub fn template_error(&self, err: &tera::Error) -> Diagnostic {
        match err.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                let span = report.span();
                let pos = Pos::new(span.start_line.max(1), span.start_col + 1);
                Diagnostic::error(
                    self.template_path(report.filename()),
                    pos,
                    format!("template: {}", report.message()),
                )
                .with_hint(
                    "fix the template, or delete the workshop's copy to use the built-in one",
                )
            }
            other => Diagnostic::error(
                Path::new(TEMPLATES_DIR),
                Pos::FILE,
                format!("template: {other}"),
            )
            .with_hint("fix the template, or delete the workshop's copy to use the built-in one"),
        }
    }
}

fn embedded(dir: &'static Dir<'static>, into: &mut BTreeMap<String, ThemeFile>) {
    for entry in dir.entries() {
        match entry {
            include_dir::DirEntry::Dir(sub) => embedded(sub, into),
            include_dir::DirEntry::File(file) => {
                let name = file.path().to_string_lossy().replace('\\', "/");
                into.insert(
                    name,
                    ThemeFile {
                        bytes: Cow::Borrowed(file.contents()),
                        origin: Origin::Embedded,
                    },
                );
            }
        }
    }
}

/// The workshop's own files in `folder`, under the publishing rules (no backups or dot-files,
/// no pipes, links only to published files, the size limit of published files).
fn overrides(
    project: &Project,
    folder: &str,
    into: &mut BTreeMap<String, ThemeFile>,
    diagnostics: &mut Diagnostics,
) {
    let base = project.root.join(folder);
    let limit = project.config.limits.file_bytes();
    for (rel, _) in crate::content::discover::published_files(project, folder, diagnostics) {
        let name = rel.to_string_lossy().replace('\\', "/");
        let shown = Path::new(folder).join(&rel);
        match crate::files::read(&base.join(&rel), limit) {
            Ok(bytes) => {
                into.insert(
                    name,
                    ThemeFile {
                        bytes: Cow::Owned(bytes),
                        origin: Origin::Workshop(shown),
                    },
                );
            }
            Err(err) => diagnostics.push(
                Diagnostic::error(
                    shown,
                    Pos::new(1, 1),
                    format!("cannot read the theme file: {err}"),
                )
                .with_hint("check that the file exists and that you may read it"),
            ),
        }
    }
}

/// `[theme]` in workshop.toml: its stylesheets, logo and font files from outside `static/`, and
/// the overrides of accent, fonts and aspect appended to `css/theme.css` (see [`crate::theming`]).
fn apply_theme_table(
    project: &Project,
    statics: &mut BTreeMap<String, ThemeFile>,
    diagnostics: &mut Diagnostics,
) {
    let config = &project.config.theme;
    let limit = project.config.limits.file_bytes();
    for (published, entry) in config.extra_files() {
        match crate::files::read(&project.root.join(entry), limit) {
            Ok(bytes) => {
                statics.insert(
                    published,
                    ThemeFile {
                        bytes: Cow::Owned(bytes),
                        origin: Origin::Workshop(PathBuf::from(entry)),
                    },
                );
            }
            Err(err) => diagnostics.push(
                Diagnostic::error(
                    crate::config::CONFIG_FILE,
                    Pos::new(1, 1),
                    format!("cannot read `{entry}`, listed under [theme]: {err}"),
                )
                .with_hint("check that the file exists and that you may read it"),
            ),
        }
    }
    if let Some(file) = statics.get_mut(crate::theming::THEME_CSS) {
        let text = String::from_utf8_lossy(&file.bytes);
        if let Some(extra) = config.theme_css_overrides(&text) {
            let mut bytes = file.bytes.to_vec();
            bytes.extend_from_slice(extra.as_bytes());
            file.bytes = Cow::Owned(bytes);
        }
    }
}
