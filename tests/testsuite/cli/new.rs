//! `deckhand new`: a workshop that builds and checks cleanly, with or without the theme's files.

use super::*;

#[test]
fn new_then_build_then_check_succeed_without_warnings() {
    let temp = tempfile::tempdir().unwrap();
    deckhand_in(temp.path(), ["new", "my-workshop"]).expect_code(0);
    let folder = temp.path().join("my-workshop");
    for file in ["workshop.toml", "content/01-welcome.md"] {
        assert!(folder.join(file).is_file(), "`new` writes {file}");
    }
    let build = deckhand_in(&folder, ["build"]);
    build.expect_code(0);
    assert_eq!(build.stderr, "", "no warnings");
    let numbers = summary(&build);
    assert_eq!((numbers.chapters, numbers.warnings), (1, 0));
    assert!(numbers.samples >= 1, "the new workshop has a sample");
    let check = deckhand_in(&folder, ["check"]);
    check.expect_code(0);
    assert_eq!(check.stderr, "");
    assert!(
        check.stdout.contains("No errors, 0 warnings."),
        "{}",
        check.stdout
    );
}

#[test]
fn new_with_theme_builds_the_same_pages() {
    let temp = tempfile::tempdir().unwrap();
    deckhand_in(temp.path(), ["new", "plain"]).expect_code(0);
    deckhand_in(temp.path(), ["new", "themed", "--with-theme"]).expect_code(0);
    assert!(
        temp.path().join("themed/templates/deck.html").is_file(),
        "the theme is copied"
    );
    for name in ["plain", "themed"] {
        deckhand_in(&temp.path().join(name), ["build"]).expect_code(0);
    }
    // The title comes from the folder name, so compare the slides rather than the whole page.
    let deck = |name: &str| {
        std::fs::read_to_string(temp.path().join(name).join("public/print-deck.html")).unwrap()
    };
    let (plain, themed) = (deck("plain"), deck("themed"));
    let slides = |html: &str| {
        html[html.find("<section").unwrap()..html.rfind("</main>").unwrap()].to_string()
    };
    assert_eq!(slides(&plain), slides(&themed));
}

#[test]
fn new_refuses_a_folder_that_is_not_empty() {
    let temp = tempfile::tempdir().unwrap();
    let folder = temp.path().join("taken");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("notes.txt"), "mine").unwrap();
    let before = tree(&folder);
    let run = deckhand_in(temp.path(), ["new", "taken"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("taken") && run.stderr.contains("not empty"),
        "{}",
        run.stderr
    );
    assert_same_tree(&before, &tree(&folder), "the folder `new` refused");
    // An empty folder is fine.
    std::fs::create_dir(temp.path().join("empty")).unwrap();
    deckhand_in(temp.path(), ["new", "empty"]).expect_code(0);
}
