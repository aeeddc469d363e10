//! `kubectl … -f samples/…` and `-k samples/…`: the file or folder must be among the samples.

use std::path::Path;

use super::Source;
use super::commands::{kubectl_commands, option_offset, option_text};
use crate::content::{SAMPLES_DIR, Workshop};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos, did_you_mean};

const FILE_OPTIONS: [&str; 2] = ["-f", "--filename"];
const KUSTOMIZE_OPTIONS: [&str; 2] = ["-k", "--kustomize"];
/// The names kustomize looks for in a folder.
const KUSTOMIZATIONS: [&str; 3] = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

pub(super) fn check(workshop: &Workshop, sources: &[Source], diagnostics: &mut Diagnostics) {
    let assets: Vec<String> = workshop
        .assets()
        .iter()
        .map(|a| a.to_string_lossy().replace('\\', "/"))
        .collect();
    for source in sources {
        for command in kubectl_commands(&source.text) {
            for (options, kustomize) in [(&FILE_OPTIONS, false), (&KUSTOMIZE_OPTIONS, true)] {
                for word in command.option_values(options) {
                    let written = option_text(word, options);
                    let Some(path) = sample_path(written) else {
                        continue;
                    };
                    if let Some(problem) = missing(&assets, &path, kustomize) {
                        let pos = Pos::at(&source.text, option_offset(word, options));
                        diagnostics.push(
                            Diagnostic::warning(&source.path, pos, problem)
                                .with_hint(hint(&assets, &path, kustomize)),
                        );
                    }
                }
            }
        }
    }
}

/// `samples/…` as a path relative to `content/` without a trailing `/` or sentence
/// punctuation, or `None` for what is not a sample path (`-`, URLs, variables, globs, other
/// folders).
fn sample_path(written: &str) -> Option<String> {
    let trimmed = written
        .trim_start_matches("./")
        .trim_end_matches([',', '.', ':', ';', ')'])
        .trim_end_matches('/');
    let is_sample = trimmed
        .strip_prefix(SAMPLES_DIR)
        .is_some_and(|rest| rest.starts_with('/'));
    (is_sample && !trimmed.contains(['$', '*', '?', '{'])).then(|| trimmed.to_string())
}

/// What is wrong with `path`, if anything.
fn missing(assets: &[String], path: &str, kustomize: bool) -> Option<String> {
    let folder = format!("{path}/");
    let is_file = assets.iter().any(|a| a == path);
    let is_folder = assets.iter().any(|a| a.starts_with(&folder));
    if kustomize {
        if KUSTOMIZATIONS
            .iter()
            .any(|k| assets.iter().any(|a| *a == format!("{folder}{k}")))
        {
            return None;
        }
        return Some(if is_folder {
            format!("`{path}/` has no kustomization.yaml for `kubectl -k`")
        } else {
            format!("`kubectl -k {path}` names a folder no sample has")
        });
    }
    if is_file || is_folder {
        None
    } else {
        Some(format!("`kubectl -f {path}` names a file no sample has"))
    }
}

fn hint(assets: &[String], path: &str, kustomize: bool) -> String {
    const KUSTOMIZE: &str =
        "`-k` takes a folder under content/samples/ holding a kustomization.yaml";
    if kustomize && assets.iter().any(|a| a.starts_with(&format!("{path}/"))) {
        return KUSTOMIZE.into();
    }
    // Suggest a neighbour (same folder) or a namesake (same file name in another folder): a
    // suggestion from elsewhere would only share the `samples/` prefix.
    let wanted = Path::new(path);
    let mut candidates: Vec<String> = Vec::new();
    for asset in assets.iter().filter(|a| a.starts_with("samples/")) {
        let mut entry = Some(Path::new(asset.as_str()));
        while let Some(current) = entry.filter(|e| e.as_os_str() != SAMPLES_DIR) {
            let neighbour = current.parent() == wanted.parent();
            let namesake = current.file_name() == wanted.file_name();
            let text = current.to_string_lossy().replace('\\', "/");
            if (neighbour || namesake) && !candidates.contains(&text) {
                candidates.push(text);
            }
            entry = current.parent();
        }
    }
    // Compared by their last part: the folders they share say nothing.
    let last = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
    let names: Vec<String> = candidates.iter().map(|c| last(c)).collect();
    let best = did_you_mean(&last(path), names.iter().map(String::as_str))
        .and_then(|name| candidates.iter().find(|c| last(c) == name));
    match best {
        Some(best) => format!("did you mean `{best}`?"),
        None if kustomize => KUSTOMIZE.into(),
        None => "sample paths are relative to content/, e.g. `samples/concepts/pod.yaml`; add the file or fix the path".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sample_paths_are_checked() {
        assert_eq!(
            sample_path("samples/a/b.yaml,").as_deref(),
            Some("samples/a/b.yaml")
        );
        assert_eq!(sample_path("./samples/a/").as_deref(), Some("samples/a"));
        for skipped in [
            "-",
            "https://example.org/x.yaml",
            "pod.yaml",
            "samples/$X",
            "samples/*.yaml",
            "samplesx/a",
        ] {
            assert_eq!(sample_path(skipped), None, "{skipped}");
        }
    }

    #[test]
    fn files_folders_and_kustomizations_are_told_apart() {
        let assets: Vec<String> = ["samples/a/pod.yaml", "samples/k/kustomization.yaml"]
            .map(String::from)
            .to_vec();
        assert_eq!(missing(&assets, "samples/a/pod.yaml", false), None);
        assert_eq!(missing(&assets, "samples/a", false), None);
        assert!(missing(&assets, "samples/a/nope.yaml", false).is_some());
        assert_eq!(missing(&assets, "samples/k", true), None);
        assert!(
            missing(&assets, "samples/a", true)
                .unwrap()
                .contains("no kustomization")
        );
        assert_eq!(
            hint(&assets, "samples/a/pods.yaml", false),
            "did you mean `samples/a/pod.yaml`?"
        );
        assert_eq!(
            hint(&assets, "samples/b/pod.yaml", false),
            "did you mean `samples/a/pod.yaml`?"
        );
        assert!(hint(&assets, "samples/nope.yaml", false).contains("relative to content/"));
    }
}
