//! A code block's info string: the language, our options (`hl_lines`, `linenos`, `title`,
//! `id`, `class`) and reveal.js's (`[1|3-5]`, `[712: 1-2|3]`, `[]`, `data-line-numbers`,
//! `data-ln-start-from`, `data-trim`, `data-noescape`).

use std::sync::LazyLock;

use super::ChapterRenderer;
use crate::diagnostics::{Diagnostic, Pos};
use crate::html::Attributes;

/// Options a code block's info string may carry after the language.
const OPTIONS: &[&str] = &[
    "hl_lines",
    "linenos",
    "title",
    "id",
    "class",
    "data-line-numbers",
    "data-ln-start-from",
    "data-trim",
    "data-noescape",
];

/// reveal.js's `[offset: steps]` form, as its markdown plugin matches it.
static LINE_NUMBERS: LazyLock<regress::Regex> = LazyLock::new(|| {
    regress::Regex::new(r"\[\s*((\d*):)?\s*([\s\d,|-]*)\]").expect("reveal.js's expression")
});

/// What the info string asks of the block.
pub(super) struct Info {
    pub lang: String,
    pub options: Attributes,
    /// The step spec (`hl_lines` or reveal.js's), with spaces removed; empty for none.
    pub steps: String,
    /// Line numbers shown even without steps (reveal.js's `[]`, `data-line-numbers`).
    pub numbered: bool,
    pub start_from: Option<usize>,
    /// The steps are `hl_lines`, in the gutter's numbers (reveal.js's forms count positions).
    pub by_number: bool,
    /// `linenos` was set (`false` among them): the author has seen the gutter's numbers.
    pub linenos_set: bool,
    /// `linenos=false`: no gutter, in the deck or the handouts.
    pub no_gutter: bool,
}

impl ChapterRenderer<'_> {
    pub(super) fn parse_info(&mut self, info: &str, pos: Pos) -> Info {
        let mut info = info.trim().to_string();
        let mut steps = String::new();
        let mut numbered = false;
        let mut start_from = None;
        // reveal.js takes `[…]` out of the info string wherever it is.
        if let Some(found) = LINE_NUMBERS.find(&info) {
            numbered = true;
            start_from = found.group(2).and_then(|r| info[r].parse::<usize>().ok());
            steps = found
                .group(3)
                .map(|r| info[r].to_string())
                .unwrap_or_default();
            info.replace_range(found.range(), " ");
        }
        let info = info.trim();
        let (lang, rest) = info.split_once(char::is_whitespace).unwrap_or((info, ""));
        // `yaml{3-5}`-style braces are not ours; keep the language usable anyway.
        let lang = lang
            .split('{')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let options = match Attributes::parse(rest) {
            Ok(options) => options,
            Err(message) => {
                self.push(
                    Diagnostic::error(self.path, pos, format!("code block options: {message}"))
                        .with_hint(
                            "write options as name=\"value\", e.g. ```yaml hl_lines=\"3-5|9\"",
                        ),
                );
                Attributes::default()
            }
        };
        for (name, _) in &options.others {
            if !OPTIONS.contains(&name.as_str()) {
                let mut diagnostic = Diagnostic::warning(
                    self.path,
                    pos,
                    format!("unknown code block option `{name}`"),
                );
                if let Some(best) = crate::diagnostics::did_you_mean(name, OPTIONS.iter().copied())
                {
                    diagnostic = diagnostic.with_hint(format!("did you mean `{best}`?"));
                }
                self.push(diagnostic);
            }
        }
        let mut by_number = false;
        if let Some(spec) = options.get("hl_lines") {
            steps = spec.to_string();
            by_number = true;
        }
        let linenos = options.get("linenos").map(|v| v.trim().to_string());
        let mut no_gutter = false;
        match linenos.as_deref() {
            None => {}
            Some("true") => numbered = true,
            Some("false") => {
                numbered = false;
                no_gutter = true;
            }
            Some(first) => match first.parse::<usize>() {
                Ok(first) if first > 0 => {
                    numbered = true;
                    start_from = Some(first);
                }
                _ => self.push(
                    Diagnostic::error(
                        self.path,
                        pos,
                        format!("linenos: `{first}` is not `true`, `false` or a line number"),
                    )
                    .with_hint("write linenos=true (numbers from 1, or the file's), linenos=false (none), or the first number, e.g. linenos=\"9\""),
                ),
            },
        }
        if let Some(spec) = options.get("data-line-numbers") {
            numbered = true;
            steps = spec.to_string();
            by_number = false;
        }
        if let Some(first) = options.get("data-ln-start-from") {
            match first.trim().parse::<usize>() {
                Ok(first) => start_from = Some(first),
                Err(_) => self.push(
                    Diagnostic::error(
                        self.path,
                        pos,
                        format!("data-ln-start-from: `{first}` is not a line number"),
                    )
                    .with_hint(
                        "give the number of the first line, e.g. data-ln-start-from=\"712\"",
                    ),
                ),
            }
        }
        steps.retain(|c| !c.is_whitespace());
        Info {
            lang,
            options,
            steps,
            numbered,
            start_from,
            by_number,
            linenos_set: linenos.is_some(),
            no_gutter,
        }
    }
}
