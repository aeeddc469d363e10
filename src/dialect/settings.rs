//! The keys that choose and tune a chapter's dialect, shared by `workshop.toml` and a chapter's
//! front matter (which wins).

use serde::{Deserialize, Serialize};
use std::sync::Arc;

use super::Dialect;
use super::remark::Remark;
use super::reveal::{Reveal, Separators};

/// `syntax = "reveal"` or `"remark"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Syntax {
    /// reveal.js / reveal-md Markdown.
    #[default]
    Reveal,
    /// remark Markdown.
    Remark,
}

impl Syntax {
    pub fn name(self) -> &'static str {
        match self {
            Syntax::Reveal => "reveal",
            Syntax::Remark => "remark",
        }
    }
}

/// The dialect settings of a workshop or a chapter; unset keys fall back to the workshop's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DialectSettings {
    pub syntax: Option<Syntax>,
    /// reveal only: regexes as reveal.js's `data-separator`, `data-separator-vertical` and
    /// `data-separator-notes` take them (JavaScript syntax).
    pub separator: Option<String>,
    pub separator_vertical: Option<String>,
    pub separator_notes: Option<String>,
    /// remark only: slides with one of these classes are left out (remark's `excludedClasses`).
    pub exclude_classes: Option<Vec<String>>,
}

/// A setting that cannot be used: which key, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingError {
    pub key: &'static str,
    pub message: String,
    pub hint: String,
}

impl DialectSettings {
    /// These settings, with what they leave unset taken from `workshop`.
    pub fn over(&self, workshop: &DialectSettings) -> DialectSettings {
        DialectSettings {
            syntax: self.syntax.or(workshop.syntax),
            separator: self
                .separator
                .clone()
                .or_else(|| workshop.separator.clone()),
            separator_vertical: self
                .separator_vertical
                .clone()
                .or_else(|| workshop.separator_vertical.clone()),
            separator_notes: self
                .separator_notes
                .clone()
                .or_else(|| workshop.separator_notes.clone()),
            exclude_classes: self
                .exclude_classes
                .clone()
                .or_else(|| workshop.exclude_classes.clone()),
        }
    }

    pub fn syntax(&self) -> Syntax {
        self.syntax.unwrap_or_default()
    }

    /// Whether these settings say nothing of their own.
    pub fn is_empty(&self) -> bool {
        *self == DialectSettings::default()
    }

    /// The dialect these settings describe.
    pub fn dialect(&self) -> Result<Arc<dyn Dialect>, SettingError> {
        Ok(match self.syntax() {
            Syntax::Reveal => Arc::new(Reveal::new(Separators::compile(
                self.separator.as_deref(),
                self.separator_vertical.as_deref(),
                self.separator_notes.as_deref(),
            )?)),
            Syntax::Remark => Arc::new(Remark::new(
                self.exclude_classes.clone().unwrap_or_default(),
            )),
        })
    }
}

/// The workshop's dialect, built once, and each chapter's from it.
pub struct Dialects {
    workshop: DialectSettings,
    default: Arc<dyn Dialect>,
}

impl Dialects {
    pub fn new(workshop: DialectSettings) -> Result<Dialects, SettingError> {
        let default = workshop.dialect()?;
        Ok(Dialects { workshop, default })
    }

    /// The dialect of a chapter with settings `own`, and its syntax.
    pub fn for_chapter(
        &self,
        own: &DialectSettings,
    ) -> Result<(Arc<dyn Dialect>, Syntax), SettingError> {
        if own.is_empty() {
            return Ok((self.default.clone(), self.workshop.syntax()));
        }
        let settings = own.over(&self.workshop);
        Ok((settings.dialect()?, settings.syntax()))
    }
}

impl Default for Dialects {
    fn default() -> Self {
        Dialects::new(DialectSettings::default()).expect("the default dialect builds")
    }
}
