//! TOML parsing (workshop.toml and chapter front matter) with errors that point at a line and
//! column and suggest the key the author probably meant.

use serde::de::DeserializeOwned;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Pos, did_you_mean};

/// Parse `text`, which starts at `origin` in the file `path`, into `T`.
pub fn parse<T: DeserializeOwned>(text: &str, path: &Path, origin: Pos) -> Result<T, Diagnostic> {
    toml::from_str(text).map_err(|err| {
        let pos = err
            .span()
            .map_or(Pos::new(1, 1), |span| Pos::at(text, span.start));
        let (message, hint) = explain(err.message());
        let diagnostic = Diagnostic::error(path, pos.offset_by(origin), message);
        match hint {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic,
        }
    })
}

/// Turn serde's messages into sentences with a hint.
fn explain(message: &str) -> (String, Option<String>) {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let names = backticked(rest);
        if let Some((unknown, expected)) = names.split_first() {
            let hint = match did_you_mean(unknown, expected.iter().map(String::as_str)) {
                Some(best) => format!("did you mean `{best}`? Valid keys: {}", expected.join(", ")),
                None => format!("valid keys: {}", expected.join(", ")),
            };
            return (format!("unknown key `{unknown}`"), Some(hint));
        }
    }
    if let Some(rest) = message.strip_prefix("missing field ")
        && let Some(name) = backticked(rest).first()
    {
        return (
            format!("missing required key `{name}`"),
            Some(format!("add `{name} = …`")),
        );
    }
    let hint = if message.starts_with("invalid type") || message.starts_with("unknown variant") {
        "give the key a value of the expected type: text in double quotes, numbers and true/false without"
    } else {
        "check the TOML syntax: one `key = value` per line, text in double quotes (see https://toml.io)"
    };
    (message.to_string(), Some(hint.to_string()))
}

fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        duration: Option<u32>,
    }

    #[test]
    fn unknown_keys_get_a_suggestion_and_a_position() {
        let err = parse::<Sample>(
            "title = \"x\"\ndurration = 3\n",
            Path::new("a.md"),
            Pos::new(2, 1),
        )
        .unwrap_err();
        assert_eq!(err.message, "unknown key `durration`");
        assert!(err.hint.unwrap().contains("did you mean `duration`?"));
        assert_eq!((err.line, err.col), (3, 1));
    }

    #[test]
    fn missing_keys_are_named() {
        let err = parse::<Sample>("duration = 3\n", Path::new("a.md"), Pos::new(1, 1)).unwrap_err();
        assert_eq!(err.message, "missing required key `title`");
    }
}
