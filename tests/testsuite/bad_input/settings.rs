//! Broken workshops: workshop.toml, the folders a build reads, where it writes (`--out`) and the theme's templates.

use super::*;

bad_input! {
    broken_toml_in_workshop_toml: |w| {
        w.replace("workshop.toml", "author = \"The deckhand tests\"", "author = \"The deckhand tests");
        error_at("workshop.toml", (3, 29), "expected `\"`").hint("TOML syntax")
    };
    unknown_key_in_workshop_toml: |w| {
        w.replace("workshop.toml", "author =", "autor =");
        error_at("workshop.toml", (3, 1), "unknown key `autor`").hint("did you mean `author`?")
    };
    unknown_key_in_a_table_of_workshop_toml: |w| {
        w.write("workshop.toml", w.read("workshop.toml") + "\n[handouts]\npapr = \"a4\"\n");
        error_at("workshop.toml", (8, 1), "unknown key `papr`").hint("did you mean `paper`?")
    };
    invalid_value_in_workshop_toml: |w| {
        w.write("workshop.toml", w.read("workshop.toml") + "\n[handouts]\npaper = \"a5\"\n");
        error_at("workshop.toml", (8, 9), "a5")
    };
    output_outside_the_workshop_in_workshop_toml: |w| {
        w.write("workshop.toml", w.read("workshop.toml") + "output = \"../elsewhere\"\n");
        error_at("workshop.toml", (6, 1), "must stay inside the workshop folder")
    };
    output_folder_set_to_content_in_workshop_toml: |w| {
        w.write("workshop.toml", w.read("workshop.toml") + "output = \"content\"\n");
        error_at("workshop.toml", (6, 1), "would overwrite the workshop's sources")
    };
    missing_workshop_toml: |w| {
        w.remove("workshop.toml");
        error_in("workshop.toml", "no workshop.toml").hint("deckhand new")
    };
    missing_content_folder: |w| {
        w.remove("content");
        error_in("content", "cannot read the content folder").hint("content/")
    };
    no_chapters: |w| {
        w.remove("content/01-intro.md").remove("content/02-next.md");
        error_in("content", "no chapters").hint("content/01-intro.md")
    };
    template_syntax_error_in_a_user_override: |w| {
        w.write("templates/index.html", index_template("<h1>{{ workshop.title }</h1>"));
        error_at("templates/index.html", (4, 23), "template: Found `}` but expected }}")
    };
    template_using_a_missing_variable: |w| {
        w.write("templates/index.html", index_template("<h1>{{ workshop.titel }}</h1>"));
        error_at("templates/index.html", (4, 17), "template: Field `titel` is not defined")
    };
    out_pointing_at_the_content_folder: |w| {
        error_in("content", "the output folder is inside content/, the workshop's sources")
            .hint("--out public")
            .args(&["--out", "content"])
            .untouched(w.path("content"))
    };
    out_pointing_at_the_workshop_folder_itself: |w| {
        error_in(".", "the output folder would hold the workshop folder itself")
            .args(&["--out", "."])
            .untouched(w.path("content"))
    };
    out_pointing_at_a_folder_deckhand_did_not_create: |w| {
        let precious = w.outside().join("precious");
        fs::create_dir(&precious).unwrap();
        fs::write(precious.join("thesis.tex"), "\\documentclass{article}\n").unwrap();
        let shown = Path::new("..").join("precious").display().to_string();
        error_in(&shown, "did not write").args(&["--out", &shown]).untouched(precious)
    };
    out_pointing_at_a_file: |w| {
        fs::write(w.outside().join("site.html"), "<p>mine</p>").unwrap();
        let shown = Path::new("..").join("site.html").display().to_string();
        error_in(&shown, "not a folder").args(&["--out", &shown]).untouched(w.outside())
    };
    out_pointing_at_the_folder_holding_the_workshop: |w| {
        error_in("..", "the output folder would hold the workshop folder itself")
            .args(&["--out", ".."])
            .untouched(w.outside())
    };
}
