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
        let value = err.span().map(|span| Value::at(text, span));
        let (message, hint) = explain(err.message(), value.as_ref());
        Diagnostic::error(path, pos.offset_by(origin), message).with_hint(hint)
    })
}

/// The value an error points at, as the author wrote it, and the key it was given to.
#[derive(Debug)]
struct Value {
    /// `title`, or `notes.private` inside a `[notes]` table.
    key: Option<String>,
    /// The key as written on its line (`private` inside `[notes]`).
    written_key: Option<String>,
    /// The value's text (its first line, shortened).
    written: String,
    /// An item of a list (`objectives = [1]`), not the key's whole value.
    in_list: bool,
}

impl Value {
    fn at(text: &str, span: std::ops::Range<usize>) -> Value {
        let start = span.start.min(text.len());
        let end = span.end.clamp(start, text.len());
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let before = &text[line_start..start];
        let (key, in_list) = match before.split_once('=') {
            Some((key, rest)) => (
                Some(key.trim().trim_matches('"').to_string()),
                rest.contains('['),
            ),
            None => (None, false),
        };
        let written_key = key.filter(|k| !k.is_empty());
        let key = written_key
            .clone()
            .map(|key| match table_above(&text[..line_start]) {
                Some(table) => format!("{table}.{key}"),
                None => key,
            });
        let written = text
            .get(start..end)
            .unwrap_or_default()
            .lines()
            .next()
            .unwrap_or_default()
            .trim();
        let written = match written.char_indices().nth(40) {
            Some((cut, _)) => format!("{}…", &written[..cut]),
            None => written.to_string(),
        };
        Value {
            key,
            written_key,
            written,
            in_list,
        }
    }
}

/// The `[table]` whose keys the lines after `text` are.
fn table_above(text: &str) -> Option<String> {
    text.lines().rev().find_map(|line| {
        let line = line.trim();
        let name = line.strip_prefix('[')?.split(']').next()?;
        Some(name.trim_matches(['[', ' ']).to_string())
    })
}

/// Turn serde's messages into sentences about the author's key and value, with a hint that says
/// what to write. Serde's type names (`u32`, `i128`, `struct NotesConfig`) never reach the user.
fn explain(message: &str, value: Option<&Value>) -> (String, String) {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let names = backticked(rest);
        if let Some((unknown, expected)) = names.split_first() {
            let hint = match did_you_mean(unknown, expected.iter().map(String::as_str)) {
                Some(best) => format!("did you mean `{best}`? Valid keys: {}", expected.join(", ")),
                None => format!("valid keys: {}", expected.join(", ")),
            };
            return (format!("unknown key `{unknown}`"), hint);
        }
    }
    if let Some(rest) = message.strip_prefix("missing field ")
        && let Some(name) = backticked(rest).first()
    {
        return (
            format!("missing required key `{name}`"),
            format!("add `{name} = …`"),
        );
    }
    let subject = match value {
        Some(Value {
            key: Some(key),
            in_list: true,
            ..
        }) => format!("an item of `{key}`"),
        Some(Value { key: Some(key), .. }) => format!("`{key}`"),
        _ => "the value".to_string(),
    };
    let written = value.map_or("", |v| v.written.as_str());
    let leaf = value
        .and_then(|v| v.written_key.as_deref())
        .unwrap_or("key");
    let full = value.and_then(|v| v.key.as_deref()).unwrap_or(leaf);
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let names = backticked(rest);
        if let Some((unknown, expected)) = names.split_first() {
            let choices = expected
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let best = expected
                .iter()
                .find(|n| n.eq_ignore_ascii_case(unknown))
                .map(String::as_str)
                .or_else(|| did_you_mean(unknown, expected.iter().map(String::as_str)))
                .or(expected.first().map(String::as_str))
                .unwrap_or_default();
            return (
                format!("{subject} must be one of {choices}, not `{unknown}`"),
                format!("write it like `{leaf} = \"{best}\"`"),
            );
        }
    }
    let expected = message.rsplit_once(", expected ").map(|(_, e)| e.trim());
    if let Some(expected) = expected
        && (message.starts_with("invalid type") || message.starts_with("invalid value"))
    {
        let kind = Kind::of(expected);
        let what = kind.described();
        // Serde says `invalid value` for too large and `invalid type … as i128` for larger still.
        let digits = !written.is_empty() && written.chars().all(|c| c.is_ascii_digit() || c == '_');
        let needed = match kind {
            Kind::Count(max) if digits && max > 0 => format!("a whole number no larger than {max}"),
            _ => what.to_string(),
        };
        let message = if written.is_empty() {
            format!("{subject} must be {needed}")
        } else {
            format!("{subject} must be {needed}, not `{written}`")
        };
        let hint = match kind {
            Kind::Table => format!(
                "make `{full}` a table: a line `[{full}]` followed by its `key = value` lines"
            ),
            _ if value.is_some_and(|v| v.in_list) => {
                format!(
                    "write each item as {what}, like `{leaf} = [{}]`",
                    kind.example(written)
                )
            }
            _ => format!("write it like `{leaf} = {}`", kind.example(written)),
        };
        return (message, hint);
    }
    (
        message.to_string(),
        "check the TOML syntax: one `key = value` per line, text in double quotes (see https://toml.io)"
            .to_string(),
    )
}

/// What a key takes, in the words of the guide rather than of Rust.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An unsigned whole number, with its largest value (0: unknown).
    Count(u64),
    Whole,
    Number,
    Text,
    Flag,
    List,
    Table,
    Other,
}

impl Kind {
    fn of(expected: &str) -> Kind {
        match expected {
            "u8" => Kind::Count(u8::MAX.into()),
            "u16" => Kind::Count(u16::MAX.into()),
            "u32" => Kind::Count(u32::MAX.into()),
            "u64" | "usize" | "u128" => Kind::Count(0),
            "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => Kind::Whole,
            "f32" | "f64" => Kind::Number,
            "a string" | "a char" | "a borrowed string" => Kind::Text,
            "a boolean" => Kind::Flag,
            "a sequence" | "a tuple" => Kind::List,
            "a map" => Kind::Table,
            other if other.starts_with("struct ") => Kind::Table,
            _ => Kind::Other,
        }
    }

    fn described(self) -> &'static str {
        match self {
            Kind::Count(_) => "a whole number of 0 or more",
            Kind::Whole => "a whole number",
            Kind::Number => "a number",
            Kind::Text => "text in double quotes",
            Kind::Flag => "true or false",
            Kind::List => "a list in square brackets",
            Kind::Table => "a table of keys",
            Kind::Other => "a value of another kind",
        }
    }

    /// A value of this kind, for a hint; text is the author's own value in quotes when it can be.
    fn example(self, written: &str) -> String {
        match self {
            Kind::Count(_) | Kind::Whole | Kind::Number => "20".into(),
            Kind::Text
                if !written.is_empty()
                    && !written.contains(['"', '\'', '[', '{', '\\'])
                    && !written.ends_with('…') =>
            {
                format!("\"{written}\"")
            }
            Kind::Text | Kind::Other => "\"…\"".into(),
            Kind::Flag => "true".into(),
            Kind::List => "[\"…\", \"…\"]".into(),
            Kind::Table => "{ … }".into(),
        }
    }
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
