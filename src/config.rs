//! `workshop.toml`: the workshop's settings, with defaults for everything but the title.

use serde::{Deserialize, Serialize};
use std::path::Path;

use crate::diagnostics::{Diagnostic, Pos};
use crate::dialect::{DialectSettings, Syntax};

/// The file name of a workshop's configuration.
pub const CONFIG_FILE: &str = "workshop.toml";

/// Kubernetes versions whose API deckhand carries (the sample checks in `validate` read it).
pub const SUPPORTED_KUBERNETES_VERSIONS: &[&str] = &["1.37"];

/// The Kubernetes version samples are checked against unless `kubernetes_version` says otherwise.
pub const DEFAULT_KUBERNETES_VERSION: &str = "1.37";

/// Settings from `workshop.toml`. Every key but `title` is optional.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The workshop's title (required).
    pub title: String,
    /// Who wrote or presents it. Default: empty.
    pub author: String,
    /// One or two sentences for the landing page. Default: empty.
    pub description: String,
    /// The language of the content, as a BCP 47 tag. Default: `en`.
    pub language: String,
    /// A date shown on the handout cover, free text. Default: none.
    pub date: Option<String>,
    /// The absolute URL the site is published at; only used where a relative link cannot work
    /// (the canonical link). Default: none.
    pub base_url: Option<String>,
    /// The output folder, relative to the workshop folder. Default: `public`.
    pub output: String,
    /// Minutes for chapters whose front matter has no `duration`. Default: none (a warning).
    pub default_duration: Option<u32>,
    /// The planned length of the whole workshop in minutes; the chapters' durations must add up
    /// to it. Default: none (not checked).
    pub planned_minutes: Option<u32>,
    /// The Kubernetes version that samples are validated against. Default: the newest supported.
    pub kubernetes_version: String,
    /// How the chapters are written: `reveal` (reveal.js / reveal-md Markdown) or `remark`. A
    /// chapter's front matter may say otherwise. Default: `reveal`.
    pub syntax: Syntax,
    /// reveal only: the slide separator, a JavaScript regex as reveal.js's `data-separator`
    /// takes it. Default: reveal-md's `\r?\n---\r?\n` (a line `---`).
    pub separator: Option<String>,
    /// reveal only: the vertical separator. Default: reveal-md's `\r?\n----\r?\n`.
    pub separator_vertical: Option<String>,
    /// reveal only: where notes start. Default: reveal.js's `^s*notes?:` (a line `Note:`).
    pub separator_notes: Option<String>,
    /// remark only: slides with one of these classes are left out (remark's `excludedClasses`).
    /// Default: none.
    pub exclude_classes: Vec<String>,
    /// `[based_on]`: the talk or course this workshop comes from, credited on the landing page,
    /// the handout cover and in the PDF metadata. Default: none.
    pub based_on: Option<BasedOn>,
    pub handouts: HandoutConfig,
    pub notes: NotesConfig,
    pub samples: SamplesConfig,
    pub limits: Limits,
    /// `[theme]`: accent colour, extra stylesheets, slide footer and numbers.
    pub theme: crate::theming::ThemeConfig,
    /// Set by `deckhand import`: links to files the deck did not have are warnings, not errors.
    pub import: Option<ImportConfig>,
}

/// `[import]`: where an imported workshop came from.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ImportConfig {
    /// The deck it was imported from, as given to `deckhand import`.
    pub source: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: String::new(),
            author: String::new(),
            description: String::new(),
            language: "en".into(),
            date: None,
            base_url: None,
            output: "public".into(),
            default_duration: None,
            planned_minutes: None,
            kubernetes_version: DEFAULT_KUBERNETES_VERSION.into(),
            syntax: Syntax::default(),
            separator: None,
            separator_vertical: None,
            separator_notes: None,
            exclude_classes: Vec::new(),
            based_on: None,
            handouts: HandoutConfig::default(),
            notes: NotesConfig::default(),
            samples: SamplesConfig::default(),
            limits: Limits::default(),
            theme: crate::theming::ThemeConfig::default(),
            import: None,
        }
    }
}

/// `[based_on]`: the original work a workshop carries. `author` at the top of workshop.toml stays
/// the people who wrote or maintain this edition; this table credits whoever made the original.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BasedOn {
    /// The original's title, e.g. the talk's title (required).
    pub title: String,
    /// Who made the original (required).
    pub author: String,
    /// Where the original can be found (an `http(s)://` address). Default: none.
    #[serde(default)]
    pub url: Option<String>,
    /// Free text shown after the credit, e.g. "given in Italian with English slides".
    /// Default: none.
    #[serde(default)]
    pub note: Option<String>,
}

impl BasedOn {
    /// The credit as one line of plain text, for places without markup (PDF metadata).
    pub fn credit(&self) -> String {
        let mut line = format!("Based on the talk “{}” by {}", self.title, self.author);
        if let Some(note) = self.note.as_deref().filter(|n| !n.trim().is_empty()) {
            line.push_str(&format!(" ({note})"));
        }
        line
    }
}

/// `[handouts]`: the printable pages.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct HandoutConfig {
    /// Paper size: `a4` or `letter`. Default: `a4`.
    pub paper: Paper,
    /// Print each slide's speaker notes under it. Default: true (ignored when notes are private).
    pub notes: bool,
    /// Show the slides hidden from the deck (`<!-- .slide: hidden -->`) in the handouts, in
    /// their place. Default: false (`hidden="handout"` on a slide shows that one anyway).
    pub hidden_slides: bool,
}

impl Default for HandoutConfig {
    fn default() -> Self {
        HandoutConfig {
            paper: Paper::A4,
            notes: true,
            hidden_slides: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    A4,
    Letter,
}

impl Paper {
    /// The CSS `@page` size keyword.
    pub fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        }
    }
}

/// `[notes]`: who may read the speaker notes.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct NotesConfig {
    /// Keep notes out of everything `deckhand build` publishes; only `deckhand serve` and
    /// `deckhand pdf --with-notes` show them. Default: false.
    pub private: bool,
}

/// `[samples]`: how YAML samples are checked.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SamplesConfig {
    /// Files (relative to the workshop folder) holding JSON schemas for custom resources, as a
    /// map from `apiVersion/kind` (e.g. `autoscaling.k8s.io/v1/VerticalPodAutoscaler`) to a path.
    /// Default: none; custom resources then get their top-level fields checked only.
    pub schemas: std::collections::BTreeMap<String, String>,
}

/// `[limits]`: the largest files deckhand reads, in megabytes (a file larger than its limit is
/// an error, not something to hang on or to fill the memory with).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// A chapter's Markdown file. Default: 8.
    pub chapter_mb: u32,
    /// A sample: a file under `content/samples/`, an included file, or a YAML file (all read,
    /// checked, highlighted and zipped). Default: 8.
    pub sample_mb: u32,
    /// Any other file the site publishes (images, downloads, theme files). Default: 100.
    pub file_mb: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            chapter_mb: 8,
            sample_mb: 8,
            file_mb: 100,
        }
    }
}

impl Limits {
    const MB: u64 = 1024 * 1024;

    pub fn chapter_bytes(&self) -> u64 {
        u64::from(self.chapter_mb) * Self::MB
    }

    pub fn sample_bytes(&self) -> u64 {
        u64::from(self.sample_mb) * Self::MB
    }

    pub fn file_bytes(&self) -> u64 {
        u64::from(self.file_mb) * Self::MB
    }
}

impl Config {
    /// The dialect settings every chapter starts from.
    pub fn dialect_settings(&self) -> DialectSettings {
        DialectSettings {
            syntax: Some(self.syntax),
            separator: self.separator.clone(),
            separator_vertical: self.separator_vertical.clone(),
            separator_notes: self.separator_notes.clone(),
            exclude_classes: Some(self.exclude_classes.clone()),
        }
    }

    /// Parse `workshop.toml`'s text; `path` is used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config, Diagnostic> {
        let config: Config = crate::toml_input::parse(text, path, Pos::new(1, 1))?;
        config.validate(text, path)?;
        Ok(config)
    }

    fn validate(&self, text: &str, path: &Path) -> Result<(), Diagnostic> {
        let at = |key: &str| key_position(text, key);
        if self.title.trim().is_empty() {
            return Err(
                Diagnostic::error(path, at("title"), "the workshop has no title")
                    .with_hint("add `title = \"…\"` at the top of workshop.toml"),
            );
        }
        if self.language.trim().is_empty() || self.language.contains(char::is_whitespace) {
            return Err(Diagnostic::error(
                path,
                at("language"),
                format!("`{}` is not a language tag", self.language),
            )
            .with_hint("use a BCP 47 tag such as `en` or `fr-CA`"));
        }
        let output = Path::new(&self.output);
        if self.output.trim().is_empty()
            || output.is_absolute()
            || output.components().any(|c| c.as_os_str() == "..")
        {
            return Err(Diagnostic::error(path, at("output"), format!("output folder `{}` must stay inside the workshop folder", self.output))
                .with_hint("use a relative folder such as `public`, or `deckhand build --out PATH` for anywhere else"));
        }
        if matches!(
            self.output.trim_matches('/'),
            "content" | "templates" | "static" | "." | ""
        ) {
            return Err(Diagnostic::error(
                path,
                at("output"),
                format!(
                    "output folder `{}` would overwrite the workshop's sources",
                    self.output
                ),
            )
            .with_hint("use a folder of its own such as `public`"));
        }
        if let Err(err) = self.dialect_settings().dialect() {
            return Err(Diagnostic::error(path, at(err.key), err.message).with_hint(err.hint));
        }
        let limits = [
            ("chapter_mb", self.limits.chapter_mb),
            ("sample_mb", self.limits.sample_mb),
            ("file_mb", self.limits.file_mb),
        ];
        if let Some((key, _)) = limits.iter().find(|(_, value)| *value == 0) {
            return Err(Diagnostic::error(
                path,
                at(key),
                format!("`{key}` must be at least 1 (megabyte)"),
            )
            .with_hint(format!(
                "remove it to use the default, or write e.g. `{key} = 8`"
            )));
        }
        if let Some(based_on) = &self.based_on {
            based_on.validate(text, path)?;
        }
        self.theme.validate(text, path)?;
        if !SUPPORTED_KUBERNETES_VERSIONS.contains(&self.kubernetes_version.as_str()) {
            return Err(Diagnostic::error(
                path,
                at("kubernetes_version"),
                format!("Kubernetes {} is not supported", self.kubernetes_version),
            )
            .with_hint(format!(
                "supported: {}",
                SUPPORTED_KUBERNETES_VERSIONS.join(", ")
            )));
        }
        Ok(())
    }
}

impl BasedOn {
    fn validate(&self, text: &str, path: &Path) -> Result<(), Diagnostic> {
        let at = |key: &str| table_key_position(text, "based_on", key);
        for (key, value) in [("title", &self.title), ("author", &self.author)] {
            if value.trim().is_empty() {
                return Err(
                    Diagnostic::error(path, at(key), format!("`based_on.{key}` is empty"))
                        .with_hint(format!(
                            "give the original's {key}, e.g. `{key} = \"…\"` under [based_on]"
                        )),
                );
            }
        }
        if let Some(url) = &self.url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            return Err(Diagnostic::error(
                path,
                at("url"),
                format!("`based_on.url` `{url}` is not a web address"),
            )
            .with_hint("use a full address starting with https://, or leave `url` out"));
        }
        Ok(())
    }
}

/// Where `key = …` is set inside the table `[table]` of a TOML text (the table's header when the
/// key is not there), for messages about its value.
pub fn table_key_position(text: &str, table: &str, key: &str) -> Pos {
    let header = format!("[{table}]");
    let mut offset = 0;
    let mut inside = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            if inside.is_some() {
                break;
            }
            if trimmed.trim_end().starts_with(&header) {
                inside = Some(offset + (line.len() - trimmed.len()));
            }
        } else if inside.is_some()
            && let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            return Pos::at(text, offset + (line.len() - trimmed.len()));
        }
        offset += line.len();
    }
    inside.map_or(Pos::new(1, 1), |at| Pos::at(text, at))
}

/// Where `key = …` is set in a TOML text, for messages about its value (line 1 if it is not).
pub fn key_position(text: &str, key: &str) -> Pos {
    key_position_if_set(text, key).unwrap_or(Pos::new(1, 1))
}

/// Where `key = …` is set in a TOML text, if it is.
pub fn key_position_if_set(text: &str, key: &str) -> Option<Pos> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            return Some(Pos::at(text, offset + (line.len() - trimmed.len())));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_everything_but_the_title() {
        let config = Config::parse("title = \"T\"\n", Path::new("workshop.toml")).unwrap();
        assert_eq!(config.language, "en");
        assert_eq!(config.output, "public");
        assert_eq!(config.handouts.paper, Paper::A4);
        assert!(!config.notes.private);
    }

    #[test]
    fn based_on_credits_the_original_apart_from_the_author() {
        let text = "title = \"T\"\nauthor = \"The maintainers\"\n\n[based_on]\ntitle = \"The talk\"\nauthor = \"Someone Else\"\nnote = \"given in Italian\"\n";
        let config = Config::parse(text, Path::new("workshop.toml")).unwrap();
        let based_on = config.based_on.as_ref().unwrap();
        assert_eq!(config.author, "The maintainers");
        assert_eq!(based_on.author, "Someone Else");
        assert_eq!(based_on.url, None);
        assert_eq!(
            based_on.credit(),
            "Based on the talk “The talk” by Someone Else (given in Italian)"
        );
        assert!(
            Config::parse("title = \"T\"\n", Path::new("workshop.toml"))
                .unwrap()
                .based_on
                .is_none()
        );
    }

    #[test]
    fn a_based_on_without_an_author_or_with_a_bad_url_is_refused_where_it_is_written() {
        let missing = Config::parse(
            "title = \"T\"\n[based_on]\ntitle = \"Talk\"\n",
            Path::new("workshop.toml"),
        )
        .unwrap_err();
        assert!(missing.message.contains("`author`"), "{missing:?}");
        let empty = Config::parse(
            "title = \"T\"\n[based_on]\ntitle = \"Talk\"\nauthor = \" \"\n",
            Path::new("workshop.toml"),
        )
        .unwrap_err();
        assert_eq!((empty.line, empty.col), (4, 1), "{empty:?}");
        let url = Config::parse(
            "title = \"T\"\n[based_on]\ntitle = \"Talk\"\nauthor = \"A\"\nurl = \"example.org/talk\"\n",
            Path::new("workshop.toml"),
        )
        .unwrap_err();
        assert_eq!(url.line, 5, "{url:?}");
        assert!(url.hint.as_deref().unwrap().contains("https://"));
        let unknown = Config::parse(
            "title = \"T\"\n[based_on]\ntitle = \"Talk\"\nauthor = \"A\"\nauthors = \"B\"\n",
            Path::new("workshop.toml"),
        )
        .unwrap_err();
        assert_eq!(unknown.line, 5, "{unknown:?}");
    }

    #[test]
    fn an_output_inside_the_sources_is_refused() {
        let err = Config::parse(
            "title = \"T\"\noutput = \"content\"\n",
            Path::new("workshop.toml"),
        )
        .unwrap_err();
        assert_eq!(err.line, 2);
    }
}
