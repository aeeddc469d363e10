//! The `@@…` placeholders a deck manifest's build tool (container.training's `markmaker.py`)
//! replaces in every file it reads: `@@TITLE@@`, `@@CHAT@@`, `@@GITREPO@@`, `@@SLIDES@@`,
//! `@@ZIP@@`, `@@HTML@@` from the manifest, `@@LINK[path]` (a link to the file in the
//! repository), `@@INCLUDE[path]` (the file's text, from the folder above the manifest's), and
//! `@@TOC@@` in the whole deck (here: a list of the chapters). What cannot be resolved is taken
//! out and reported, never left on a slide.

use std::collections::BTreeMap;
use std::path::Path;

/// The manifest's values for the simple placeholders.
#[derive(Debug, Clone, Default)]
pub struct Values {
    pub values: BTreeMap<&'static str, String>,
    /// `gitrepo`, for `@@LINK[…]`.
    pub gitrepo: Option<String>,
}

/// What became of the placeholders of one file.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub included: Vec<String>,
    /// Placeholders that could not be resolved, as written.
    pub unresolved: Vec<String>,
}

/// Replace the placeholders of `text` (a file of the deck) as markmaker does; `includes_from`
/// is the folder `@@INCLUDE[path]` paths start from.
pub fn expand(text: &str, values: &Values, includes_from: &Path, outcome: &mut Outcome) -> String {
    let mut text = text.to_string();
    for (name, value) in &values.values {
        text = text.replace(&format!("@@{name}@@"), value);
    }
    let (linked, failed) = replace_calls(&text, "@@LINK[", |file| match &values.gitrepo {
        Some(repo) if !repo.is_empty() => Ok(format!(
            "[{file}](https://{}/tree/main/{file})",
            repo.trim_start_matches("https://").trim_end_matches('/')
        )),
        _ => Err(format!("`{file}`")),
    });
    outcome.unresolved.extend(failed);
    let mut included = Vec::new();
    let (text, failed) =
        replace_calls(&linked, "@@INCLUDE[", |file| match std::fs::read_to_string(
            includes_from.join(file),
        ) {
            Ok(text) => {
                included.push(file.to_string());
                Ok(text)
            }
            Err(_) => Err(String::new()),
        });
    outcome.included.extend(included);
    outcome.unresolved.extend(failed);
    // The rest, e.g. `@@TOC@@` outside the whole deck, or a name the manifest does not have.
    let mut kept = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find("@@") {
        let after = &rest[start + 2..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_uppercase() || c == '_'))
            .unwrap_or(after.len());
        if name_len > 0 && after[name_len..].starts_with("@@") && &after[..name_len] != "TOC" {
            kept.push_str(&rest[..start]);
            outcome
                .unresolved
                .push(format!("@@{}@@", &after[..name_len]));
            rest = &after[name_len + 2..];
        } else {
            kept.push_str(&rest[..start + 2]);
            rest = after;
        }
    }
    kept.push_str(rest);
    kept
}

/// Replace each `{opener}path]` with what `resolve(path)` gives; a failure takes the call out
/// (leaving what `Err` holds). Returns the text and the calls that failed.
fn replace_calls(
    text: &str,
    opener: &str,
    mut resolve: impl FnMut(&str) -> Result<String, String>,
) -> (String, Vec<String>) {
    let mut failed = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(opener) {
        let after = &rest[start + opener.len()..];
        let Some(end) = after.find(']') else {
            break;
        };
        out.push_str(&rest[..start]);
        let file = &after[..end];
        match resolve(file) {
            Ok(replacement) => out.push_str(&replacement),
            Err(left) => {
                out.push_str(&left);
                failed.push(format!("{opener}{file}]"));
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    (out, failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_replaced_or_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("k8s")).unwrap();
        std::fs::write(dir.path().join("k8s/pod.yaml"), "kind: Pod\n").unwrap();
        let mut values = Values {
            gitrepo: Some("github.com/example/course".into()),
            ..Values::default()
        };
        values.values.insert("TITLE", "The course".into());
        let mut outcome = Outcome::default();
        let text = "# @@TITLE@@\n@@LINK[k8s/pod.yaml]\n```\n@@INCLUDE[k8s/pod.yaml]```\n@@INCLUDE[k8s/none.yaml]\n@@WHAT@@ @@TOC@@";
        let out = expand(text, &values, dir.path(), &mut outcome);
        assert_eq!(
            out,
            "# The course\n[k8s/pod.yaml](https://github.com/example/course/tree/main/k8s/pod.yaml)\n```\nkind: Pod\n```\n\n @@TOC@@"
        );
        assert_eq!(outcome.included, ["k8s/pod.yaml"]);
        assert_eq!(outcome.unresolved, ["@@INCLUDE[k8s/none.yaml]", "@@WHAT@@"]);
    }
}
