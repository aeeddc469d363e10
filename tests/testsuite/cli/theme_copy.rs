//! A theme copied by `deckhand new --with-theme` and a newer deckhand: `check` names the copies
//! the built-in theme has changed since, saying which the author changed, and
//! `new --update-theme` refreshes the untouched ones and leaves the changed ones alone.

use super::*;

use deckhand::theming::manifest::{MANIFEST, hash};

/// Make the copy in `folder` look as an older deckhand's would: `path` held `old` when copied
/// (so the built-in has changed since), and holds `now` today.
fn as_if_copied_from_an_older_version(folder: &Path, path: &str, old: &str, now: &str) {
    let record = folder.join(MANIFEST);
    let text = std::fs::read_to_string(&record).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with(&format!("\"{path}\" = ")))
        .unwrap_or_else(|| panic!("{path} is not recorded:\n{text}"));
    let text = text
        .replace(line, &format!("\"{path}\" = \"{}\"", hash(old.as_bytes())))
        .replace(
            &format!("deckhand = \"{}\"", env!("CARGO_PKG_VERSION")),
            "deckhand = \"0.0.1\"",
        );
    std::fs::write(&record, text).unwrap();
    std::fs::write(folder.join(path), now).unwrap();
}

#[test]
fn check_names_the_stale_copies_and_update_theme_refreshes_the_untouched_ones() {
    let temp = tempfile::tempdir().unwrap();
    deckhand_in(temp.path(), ["new", "themed", "--with-theme"]).expect_code(0);
    let folder = temp.path().join("themed");
    let record = std::fs::read_to_string(folder.join(MANIFEST)).unwrap();
    assert!(
        record.contains("\"templates/deck.html\" = \"xxh3-128:"),
        "every copied file is recorded with its hash:\n{record}"
    );
    // Fresh from this binary: nothing to say.
    let check = deckhand_in(&folder, ["check"]);
    check.expect_code(0);
    assert_eq!(check.stderr, "", "a fresh copy is up to date");

    let untouched = "templates/deck-chapter.html";
    let changed = "static/css/deck.css";
    as_if_copied_from_an_older_version(&folder, untouched, "<old chapter/>\n", "<old chapter/>\n");
    as_if_copied_from_an_older_version(&folder, changed, "/* old */\n", "/* old */\n/* mine */\n");

    // A file new in the built-in theme (not recorded, not there), and a copy the author deleted
    // to use the built-in one (recorded, not there).
    let new_file = "templates/logo.html";
    let text = std::fs::read_to_string(folder.join(MANIFEST)).unwrap();
    let text: String = text
        .lines()
        .filter(|l| !l.starts_with(&format!("\"{new_file}\"")))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(folder.join(MANIFEST), text).unwrap();
    std::fs::remove_file(folder.join(new_file)).unwrap();
    let deleted = "templates/speaker.html";
    as_if_copied_from_an_older_version(&folder, deleted, "<old/>\n", "");
    std::fs::remove_file(folder.join(deleted)).unwrap();

    let check = deckhand_in(&folder, ["check"]);
    check.expect_code(0);
    let stale = check.warning(untouched, "copied from deckhand 0.0.1");
    assert!(
        stale.message.contains("you never changed the copy"),
        "{stale:?}"
    );
    assert!(
        stale
            .hint
            .as_deref()
            .unwrap_or_default()
            .contains("deckhand new --update-theme"),
        "{stale:?}"
    );
    let mine = check.warning(changed, "has changed since");
    assert!(mine.message.contains("you changed the copy"), "{mine:?}");
    assert!(
        mine.hint.as_deref().unwrap_or_default().contains("by hand"),
        "{mine:?}"
    );
    assert_eq!(check.diagnostics().len(), 2, "{}", check.stderr);

    let update = deckhand_in(&folder, ["new", "--update-theme"]);
    update.expect_code(0);
    let (refreshed, kept) = update
        .stdout
        .split_once("Left alone")
        .unwrap_or_else(|| panic!("{}", update.stdout));
    assert!(refreshed.contains(untouched), "{}", update.stdout);
    assert!(
        kept.contains(changed) && !kept.contains(untouched),
        "{}",
        update.stdout
    );
    assert!(
        update.stdout.contains("Added") && update.stdout.contains(new_file),
        "{}",
        update.stdout
    );
    assert!(
        folder.join(new_file).is_file(),
        "a new built-in file is copied"
    );
    assert!(
        !folder.join(deleted).exists(),
        "a deleted copy stays deleted"
    );
    let built_in = deckhand::theming::manifest::built_in();
    assert_eq!(
        std::fs::read(folder.join(untouched)).unwrap(),
        built_in[untouched],
        "the untouched copy is the built-in file now"
    );
    assert_eq!(
        std::fs::read_to_string(folder.join(changed)).unwrap(),
        "/* old */\n/* mine */\n",
        "the author's change is kept"
    );
    let check = deckhand_in(&folder, ["check"]);
    check.expect_code(0);
    check.warning(changed, "has changed since");
    assert_eq!(check.diagnostics().len(), 1, "{}", check.stderr);
    deckhand_in(&folder, ["build"]).expect_code(0);
}

#[test]
fn update_theme_without_a_record_says_why_and_changes_nothing() {
    let temp = tempfile::tempdir().unwrap();
    deckhand_in(temp.path(), ["new", "plain"]).expect_code(0);
    let folder = temp.path().join("plain");
    let before = tree(&folder);
    let run = deckhand_in(temp.path(), ["new", "--update-theme", "plain"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(MANIFEST) && run.stderr.contains("--with-theme"),
        "{}",
        run.stderr
    );
    assert_same_tree(&before, &tree(&folder), "a workshop without a copied theme");
}
