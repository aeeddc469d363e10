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

#[test]
fn new_writes_a_commented_theme_block_that_works_once_uncommented() {
    let temp = tempfile::tempdir().unwrap();
    deckhand_in(temp.path(), ["new", "looks"]).expect_code(0);
    let folder = temp.path().join("looks");
    let toml = std::fs::read_to_string(folder.join("workshop.toml")).unwrap();
    assert!(toml.contains("\n[theme]\n"), "{toml}");
    let keys = [
        "accent",
        "css",
        "footer",
        "slide_numbers",
        "logo",
        "logo_on_slides",
        "font",
        "code_font",
        "aspect",
    ];
    let mut uncommented = String::new();
    for line in toml.lines() {
        let key = line.strip_prefix("# ").and_then(|rest| {
            keys.iter()
                .find(|k| rest.starts_with(&format!("{k} =")))
                .map(|_| rest)
        });
        assert!(
            !keys.iter().any(|k| line.starts_with(&format!("{k} ="))),
            "`{line}` is commented out by default"
        );
        uncommented.push_str(key.unwrap_or(line));
        uncommented.push('\n');
    }
    for key in keys {
        assert!(
            uncommented
                .lines()
                .any(|l| l.starts_with(&format!("{key} ="))),
            "the block shows `{key}`:\n{toml}"
        );
    }
    std::fs::write(folder.join("workshop.toml"), &uncommented).unwrap();
    std::fs::create_dir_all(folder.join("theme")).unwrap();
    std::fs::write(
        folder.join("theme/brand.css"),
        "h2 { letter-spacing: .02em }\n",
    )
    .unwrap();
    std::fs::create_dir_all(folder.join("static")).unwrap();
    std::fs::write(
        folder.join("static/logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"/>\n",
    )
    .unwrap();
    let build = deckhand_in(&folder, ["build"]);
    build.expect_code(0);
    assert_eq!(build.stderr, "", "no warnings");
    let public = folder.join("public");
    assert!(public.join("logo.svg").is_file(), "the logo is published");
    let theme_css = std::fs::read_to_string(public.join("css/theme.css")).unwrap();
    assert!(theme_css.contains("--dh-accent:"), "{theme_css}");
    assert!(
        theme_css.contains("--dh-slide-height:800px"),
        "aspect 16:10: {theme_css}"
    );
    assert!(public.join("css/extra/theme/brand.css").is_file());
    let index = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert!(
        index.contains("href=\"css/extra/theme/brand.css\""),
        "{index}"
    );
}
