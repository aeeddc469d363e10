//! Checks that need the whole workshop: duplicate slugs and ids, links between slides and
//! chapters, and the time plan.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::{Path, PathBuf};

use crate::config::{CONFIG_FILE, key_position};
use crate::content::{CONTENT_DIR, Workshop};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos, did_you_mean};
use crate::project::Project;

/// Problems found across chapters.
pub fn lint(project: &Project, workshop: &Workshop) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    duplicate_slugs(workshop, &mut diagnostics);
    file_names(workshop, &mut diagnostics);
    duplicate_slide_ids(workshop, &mut diagnostics);
    dead_anchors(project, workshop, &mut diagnostics);
    dead_file_links(project, workshop, &mut diagnostics);
    time_plan(project, workshop, &mut diagnostics);
    diagnostics.extend(crate::references::lint(project, workshop));
    diagnostics
}

fn duplicate_slugs(workshop: &Workshop, diagnostics: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Path> = HashMap::default();
    for chapter in &workshop.chapters {
        if let Some(first) = seen.insert(&chapter.slug, &chapter.source) {
            diagnostics.push(
                Diagnostic::error(
                    &chapter.source,
                    chapter.slug_pos,
                    format!(
                        "slug `{}` is already used by {}",
                        chapter.slug,
                        first.display()
                    ),
                )
                .with_hint("give one of the chapters its own `slug = \"…\"` in the front matter"),
            );
        }
    }
}

/// The longest file name most file systems allow, in bytes.
const NAME_MAX: usize = 255;

/// A chapter's slug names its handout (`handout-<slug>.html`) and its samples' archive: a long
/// one makes a file the disk refuses, mid-build.
fn file_names(workshop: &Workshop, diagnostics: &mut Diagnostics) {
    for chapter in &workshop.chapters {
        let page = crate::render::chapter_handout_path(&chapter.slug);
        if page.len() > NAME_MAX {
            let longest = NAME_MAX - (page.len() - chapter.slug.len());
            let shown: String = page.chars().take(24).collect();
            diagnostics.push(
                Diagnostic::error(
                    &chapter.source,
                    chapter.slug_pos,
                    format!(
                        "the slug is {} characters long: the chapter's handout `{shown}….html` would have a file name of {} bytes, and file systems allow {NAME_MAX}",
                        chapter.slug.len(),
                        page.len()
                    ),
                )
                .with_hint(format!(
                    "set a shorter `slug = \"…\"` in the front matter (at most {longest} characters), or give the file a shorter name"
                )),
            );
        }
    }
}

fn duplicate_slide_ids(workshop: &Workshop, diagnostics: &mut Diagnostics) {
    let mut seen: HashMap<&str, (&Path, usize)> = HashMap::default();
    seen.reserve(workshop.slide_count());
    for chapter in &workshop.chapters {
        for slide in &chapter.slides {
            if let Some((path, line)) = seen.insert(&slide.id, (&chapter.source, slide.line)) {
                diagnostics.push(
                    Diagnostic::error(&chapter.source, Pos::new(slide.line, 1), format!("slide id `{}` is already used at {}:{line}", slide.id, path.display()))
                        .with_hint("slide ids must be unique in the workshop; change the `id` in `<!-- .slide: id=\"…\" -->`"),
                );
            }
        }
    }
}

fn dead_anchors(project: &Project, workshop: &Workshop, diagnostics: &mut Diagnostics) {
    if workshop.chapters.iter().all(|c| c.anchor_links.is_empty()) {
        return;
    }
    let mut ids: HashSet<&str> = HashSet::default();
    let chapter_ids: Vec<String> = workshop
        .chapters
        .iter()
        .map(|c| format!("chapter-{}", c.slug))
        .collect();
    ids.extend(chapter_ids.iter().map(String::as_str));
    for chapter in &workshop.chapters {
        ids.extend(chapter.heading_ids.iter().map(String::as_str));
        ids.extend(chapter.slides.iter().map(|s| s.id.as_str()));
    }
    // Chapters are the `.md` files at the top of content/, so a file name tells them apart.
    let loaded: HashSet<&std::ffi::OsStr> = workshop
        .chapters
        .iter()
        .filter_map(|c| c.source.file_name())
        .collect();
    let imported = project.config.import.is_some();
    for chapter in &workshop.chapters {
        let mut unresolved = Vec::new();
        for link in &chapter.anchor_links {
            if ids.contains(link.id.as_str()) {
                continue;
            }
            if imported {
                unresolved.push(link);
                continue;
            }
            // A link into a chapter that failed to load: that chapter's own error says why.
            let file = link
                .written
                .split(['#', '?'])
                .next()
                .unwrap_or("")
                .replace("%20", " ");
            let name = Path::new(&file).file_name();
            if name.is_some_and(|name| !loaded.contains(name)) {
                // A draft is left out on purpose: the link would lead nowhere on the site.
                if workshop.drafts.iter().any(|d| d.file_name() == name) {
                    diagnostics.push(
                        Diagnostic::warning(
                            &chapter.source,
                            link.pos,
                            format!("link `{}` leads into a draft chapter, which the build leaves out", link.written),
                        )
                        .with_hint("remove the link until the chapter is ready, or drop `draft = true` from its front matter"),
                    );
                }
                continue;
            }
            let mut diagnostic = Diagnostic::error(
                &chapter.source,
                link.pos,
                format!("link `{}` matches no heading", link.written),
            );
            // Suggest a heading of the chapter the link points into, which may be another one.
            let target = workshop
                .chapters
                .iter()
                .filter(|c| link.id.starts_with(&format!("{}-", c.slug)))
                .max_by_key(|c| c.slug.len())
                .unwrap_or(chapter);
            let prefix = format!("{}-", target.slug);
            let wanted = link.id.strip_prefix(&prefix).unwrap_or(&link.id);
            let candidates: Vec<&str> = target
                .heading_ids
                .iter()
                .filter_map(|id| id.strip_prefix(&prefix))
                .collect();
            diagnostic = match did_you_mean(wanted, candidates.iter().copied()) {
                Some(best) => {
                    let file = link.written.rsplit_once('#').map_or("", |(file, _)| file);
                    diagnostic.with_hint(format!("did you mean `{file}#{best}`?"))
                }
                None => diagnostic.with_hint("anchors are heading texts in lowercase with dashes, e.g. `#pods-and-deployments`"),
            };
            diagnostics.push(diagnostic);
        }
        if let Some(first) = unresolved.first() {
            let message = crate::content::chapter::unresolved_message(
                unresolved.iter().map(|l| l.written.as_str()),
            );
            diagnostics.push(Diagnostic::warning(&chapter.source, first.pos, message).with_hint(
                "they were slides or headings of the deck's own site: link to what the workshop has, or remove them",
            ));
        }
    }
}

/// Links to files under `content/` must lead to a file the site publishes (or to a folder of them).
fn dead_file_links(project: &Project, workshop: &Workshop, diagnostics: &mut Diagnostics) {
    if workshop.chapters.iter().all(|c| c.file_links.is_empty()) {
        return;
    }
    let published: HashSet<&Path> = workshop.assets().iter().map(PathBuf::as_path).collect();
    let folders: HashSet<&Path> = workshop
        .assets()
        .iter()
        .flat_map(|a| a.ancestors().skip(1))
        .collect();
    for chapter in &workshop.chapters {
        for link in &chapter.file_links {
            let Ok(rel) = link.target.strip_prefix(CONTENT_DIR) else {
                continue;
            };
            if published.contains(rel) || folders.contains(rel) {
                continue;
            }
            let on_disk = std::fs::symlink_metadata(project.root.join(&link.target)).is_ok();
            let (message, hint) = if on_disk {
                (
                    format!("link to `{}`, which the site does not publish", link.written),
                    "editors' backups, leftovers, dot-files, pipes and refused links are never published: link to the file itself"
                        .to_string(),
                )
            } else {
                (
                    format!("link to `{}`, which does not exist", link.written),
                    format!("create {} or fix the link", link.target.display()),
                )
            };
            diagnostics.push(Diagnostic::error(&chapter.source, link.pos, message).with_hint(hint));
        }
    }
}

fn time_plan(project: &Project, workshop: &Workshop, diagnostics: &mut Diagnostics) {
    for chapter in &workshop.chapters {
        if chapter.duration.is_none() {
            diagnostics.push(
                Diagnostic::warning(&chapter.source, Pos::new(1, 1), "the chapter has no duration")
                    .with_hint("add `duration = 20` (minutes) to its front matter, or `default_duration` to workshop.toml"),
            );
        }
    }
    // A chapter that did not load has no duration to count: its own error comes first.
    if let Some(planned) = project.config.planned_minutes
        && workshop.failed.is_empty()
    {
        let total = workshop.total_minutes();
        if total != planned && !workshop.chapters.is_empty() {
            let text = std::fs::read_to_string(project.root.join(CONFIG_FILE)).unwrap_or_default();
            diagnostics.push(
                Diagnostic::warning(
                    CONFIG_FILE,
                    key_position(&text, "planned_minutes"),
                    format!(
                        "the chapters add up to {total} minutes, but planned_minutes is {planned}"
                    ),
                )
                .with_hint(if total > planned {
                    format!(
                        "cut {} minutes from the chapters' durations, or raise planned_minutes",
                        total - planned
                    )
                } else {
                    format!(
                        "{} minutes are not planned for; adjust the durations or planned_minutes",
                        planned - total
                    )
                }),
            );
        }
    }
}
