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
    pub handouts: HandoutConfig,
    pub notes: NotesConfig,
    pub samples: SamplesConfig,
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
            handouts: HandoutConfig::default(),
            notes: NotesConfig::default(),
            samples: SamplesConfig::default(),
            import: None,
        }
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
}

impl Default for HandoutConfig {
    fn default() -> Self {
        HandoutConfig {
            paper: Paper::A4,
            notes: true,
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

/// Where `key = …` is set in a TOML text, for messages about its value.
pub fn key_position(text: &str, key: &str) -> Pos {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            return Pos::at(text, offset + (line.len() - trimmed.len()));
        }
        offset += line.len();
    }
    Pos::new(1, 1)
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
    fn an_output_inside_the_sources_is_refused() {
        let err = Config::parse(
            "title = \"T\"\noutput = \"content\"\n",
            Path::new("workshop.toml"),
        )
        .unwrap_err();
        assert_eq!(err.line, 2);
    }
}
