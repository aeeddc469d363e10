//! The publishing rules: which files under the workshop's source folders can ever reach the
//! site. They make a leak of the speaker notes impossible by construction rather than by care:
//!
//! - editors' backups and swap files, merge and patch leftovers, and dot-files are never read nor
//!   published ([`is_ignored_name`]): `01-intro.md~` is a whole chapter, notes included;
//! - pipes, sockets and devices are errors ([`crate::files::Kind::is_special`]);
//! - a symbolic link is followed only to a regular file that the site publishes anyway: inside
//!   the workshop, not a chapter, not an ignored file, under `content/` (or under the theme
//!   folder the link is in) ([`follow_link`]).
//!
//! The dev server's watcher ignores exactly the names these rules never publish, so an editor's
//! temporary files cannot change what it serves.

use std::path::{Component, Path, PathBuf};

use crate::diagnostics::{Diagnostic, Pos};
use crate::files::Kind;

use super::CONTENT_DIR;

/// Whether a file or folder called `name` is an editor's or a version-control tool's leftover,
/// or a dot-file: never read, never published.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        // Emacs: `#file#` while editing, `.#file` as a lock (a dot-file already).
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with('~')
        // Vim: swap files, and the probe file it writes to test a folder.
        || [".swp", ".swo", ".swx", ".orig", ".rej", ".bak"]
            .iter()
            .any(|ext| name.len() > ext.len() && name.to_ascii_lowercase().ends_with(ext))
        || name == "4913"
}

/// Whether any part of `rel` is an ignored name.
pub fn is_ignored_path(rel: &Path) -> bool {
    rel.components().any(|c| match c {
        Component::Normal(part) => is_ignored_name(&part.to_string_lossy()),
        _ => false,
    })
}

/// Whether `rel` (relative to the workshop folder) names a chapter: a `.md` file directly in
/// `content/`.
pub fn is_chapter_path(rel: &Path) -> bool {
    let mut parts = rel.components();
    parts.next() == Some(Component::Normal(CONTENT_DIR.as_ref()))
        && parts.clone().count() == 1
        && rel
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

/// Where the link at `link` (relative to the workshop folder `root`, which is canonical) may be
/// followed to: the regular file it leads to, relative to `root`, if the site publishes that file
/// anyway. `home` is the source folder holding the link (`content`, `static`, `templates`); a
/// link may lead into `content/` or into its own folder. A chapter may be a link too (`chapter`
/// is true, `home` is `content`), to a file under `content/`. Everything the site is made of
/// thus lives in the folders the dev server watches.
pub fn follow_link(
    root: &Path,
    link: &Path,
    home: &str,
    chapter: bool,
) -> Result<PathBuf, Diagnostic> {
    let full = root.join(link);
    let written = std::fs::read_link(&full)
        .map(|target| target.display().to_string())
        .unwrap_or_default();
    let refuse = |message: String, hint: &str| {
        Err(Diagnostic::error(link, Pos::new(1, 1), message).with_hint(hint))
    };
    let what = if chapter {
        "this chapter is a link"
    } else {
        "this is a link"
    };
    let target = match full.canonicalize() {
        Ok(target) => target,
        Err(_) => {
            return refuse(
                format!("{what} to `{written}`, which does not exist"),
                "fix the link's target, or remove the link",
            );
        }
    };
    let Ok(rel) = target.strip_prefix(root).map(Path::to_path_buf) else {
        return refuse(
            format!("{what} to `{written}`, outside the workshop folder; it is not followed"),
            "copy the file into the workshop instead of linking to it",
        );
    };
    let kind = std::fs::metadata(&target).map_or(Kind::Other, |meta| Kind::of(&meta));
    if kind != Kind::File {
        return refuse(
            format!(
                "{what} to `{}`, which is {}",
                rel.display(),
                kind.described()
            ),
            "deckhand follows links only to regular files",
        );
    }
    if is_ignored_path(&rel) {
        return refuse(
            format!(
                "{what} to `{}`, an editor's backup, a leftover or a dot-file, which is never published",
                rel.display()
            ),
            "link to the file itself, not to its backup",
        );
    }
    if !chapter && is_chapter_path(&rel) {
        return refuse(
            format!(
                "this is a link to the chapter `{}`; chapters are published as slides, never as files",
                rel.display()
            ),
            "remove the link; to show part of a chapter, copy that part into a sample",
        );
    }
    if !rel.starts_with(CONTENT_DIR) && !rel.starts_with(home) {
        return refuse(
            format!(
                "this is a link to `{}`, outside {CONTENT_DIR}/; only files under {CONTENT_DIR}/ are published",
                rel.display()
            ),
            "move the file under content/, or copy it there instead of linking to it",
        );
    }
    Ok(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_and_version_control_leftovers_are_ignored() {
        for name in [
            "01-intro.md~",
            "#01-intro.md#",
            ".#01-intro.md",
            ".01-intro.md.swp",
            "01-intro.md.swo",
            "01-intro.md.orig",
            "01-intro.md.rej",
            "pod.yaml.bak",
            "POD.YAML.BAK",
            ".DS_Store",
            ".git",
            "4913",
        ] {
            assert!(is_ignored_name(name), "{name}");
        }
        for name in [
            "01-intro.md",
            "pod.yaml",
            "swp",
            "backup.yaml",
            "a#b.png",
            "x.origami",
        ] {
            assert!(!is_ignored_name(name), "{name}");
        }
        assert!(is_ignored_path(Path::new("content/.drafts/a.png")));
        assert!(!is_ignored_path(Path::new("content/images/a.png")));
    }

    #[test]
    fn chapters_are_markdown_files_directly_in_content() {
        assert!(is_chapter_path(Path::new("content/01-intro.md")));
        assert!(is_chapter_path(Path::new("content/notes.MD")));
        assert!(!is_chapter_path(Path::new("content/samples/README.md")));
        assert!(!is_chapter_path(Path::new("drafts/01-intro.md")));
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_only_to_published_files() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let write = |rel: &str| {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        };
        write("content/01-intro.md");
        write("content/01-intro.md~");
        write("content/images/a.png");
        write("notes/private.txt");
        let link = |name: &str, target: &str| {
            symlink(target, root.join("content/images").join(name)).unwrap();
            Path::new("content/images").join(name)
        };
        let follow = |rel: &Path| follow_link(&root, rel, "content", false);
        assert_eq!(
            follow(&link("ok.png", "a.png")).unwrap(),
            Path::new("content/images/a.png")
        );
        let refused = |rel: PathBuf, needle: &str| {
            let err = follow(&rel).unwrap_err();
            assert!(err.message.contains(needle), "{}", err.message);
            assert_eq!((err.line, err.col), (1, 1));
        };
        refused(
            link("chapter.txt", "../01-intro.md"),
            "the chapter `content/01-intro.md`",
        );
        refused(link("backup.txt", "../01-intro.md~"), "never published");
        refused(
            link("notes.txt", "../../notes/private.txt"),
            "outside content/",
        );
        refused(
            link("host.txt", "/etc/hostname"),
            "outside the workshop folder",
        );
        refused(
            link("gone.png", "nowhere.png"),
            "`nowhere.png`, which does not exist",
        );
        refused(link("folder", ".."), "which is a folder");
    }
}
