//! Messages word for word: a sample of settings written wrong, each with the exact message and
//! hint a user reads. They name the key as written (with its table), show the value as typed,
//! say what to write in the guide's words (no `u32`, `i128`, `struct …`, `a sequence`), give a
//! hint that is a whole sentence, and are the only problem printed (nothing cascades from them,
//! such as a `planned_minutes` warning for a chapter that did not load). Every other bad-input
//! case is held to the same words by `assert_plain`.

use super::*;

/// workshop.toml with `extra` lines after its last line (`planned_minutes`, line 5).
fn with_settings(w: &Workshop, extra: &str) {
    w.write("workshop.toml", w.read("workshop.toml") + extra);
}

/// The second chapter with `extra` lines after its `duration` (line 3).
fn next_with(w: &Workshop, extra: &str) {
    w.replace(NEXT, "duration = 20\n", &format!("duration = 20\n{extra}"));
}

bad_input! {
    text_for_a_number: |w| {
        w.replace("workshop.toml", "planned_minutes = 30", "planned_minutes = \"thirty\"");
        error_at("workshop.toml", (5, 19), "planned_minutes").exactly(
            "`planned_minutes` must be a whole number of 0 or more, not `\"thirty\"`",
            "write it like `planned_minutes = 20`",
        )
    };
    a_negative_number_of_minutes: |w| {
        w.replace("workshop.toml", "planned_minutes = 30", "planned_minutes = -5");
        error_at("workshop.toml", (5, 19), "planned_minutes").exactly(
            "`planned_minutes` must be a whole number of 0 or more, not `-5`",
            "write it like `planned_minutes = 20`",
        )
    };
    a_number_too_large: |w| {
        w.replace("workshop.toml", "planned_minutes = 30", "planned_minutes = 99999999999");
        error_at("workshop.toml", (5, 19), "planned_minutes").exactly(
            "`planned_minutes` must be a whole number no larger than 4294967295, not `99999999999`",
            "write it like `planned_minutes = 20`",
        )
    };
    a_number_too_large_for_any_integer: |w| {
        w.replace("workshop.toml", "planned_minutes = 30", "planned_minutes = 99999999999999999999");
        error_at("workshop.toml", (5, 19), "planned_minutes").exactly(
            "`planned_minutes` must be a whole number no larger than 4294967295, not `99999999999999999999`",
            "write it like `planned_minutes = 20`",
        )
    };
    a_flag_for_a_number: |w| {
        with_settings(w, "default_duration = true\n");
        error_at("workshop.toml", (6, 20), "default_duration").exactly(
            "`default_duration` must be a whole number of 0 or more, not `true`",
            "write it like `default_duration = 20`",
        )
    };
    a_negative_duration_of_a_chapter: |w| {
        w.replace(NEXT, "duration = 20", "duration = -5");
        error_at(NEXT, (3, 12), "duration").exactly(
            "`duration` must be a whole number of 0 or more, not `-5`",
            "write it like `duration = 20`",
        )
    };
    a_fraction_of_a_minute: |w| {
        w.replace(NEXT, "duration = 20", "duration = 1.5");
        error_at(NEXT, (3, 12), "duration").exactly(
            "`duration` must be a whole number of 0 or more, not `1.5`",
            "write it like `duration = 20`",
        )
    };
    a_duration_in_words: |w| {
        w.replace(NEXT, "duration = 20", "duration = \"twenty\"");
        error_at(NEXT, (3, 12), "duration").exactly(
            "`duration` must be a whole number of 0 or more, not `\"twenty\"`",
            "write it like `duration = 20`",
        )
    };
    a_number_for_the_title: |w| {
        w.replace("workshop.toml", "title = \"Small workshop\"", "title = 5");
        error_at("workshop.toml", (2, 9), "title").exactly(
            "`title` must be text in double quotes, not `5`",
            "write it like `title = \"5\"`",
        )
    };
    a_date_without_quotes: |w| {
        with_settings(w, "date = 2026-12-01\n");
        error_at("workshop.toml", (6, 8), "date").exactly(
            "`date` must be text in double quotes, not `2026-12-01`",
            "write it like `date = \"2026-12-01\"`",
        )
    };
    an_empty_slug: |w| {
        next_with(w, "slug = \"\"\n");
        error_at(NEXT, (4, 1), "slug").exactly(
            "the chapter's slug is empty",
            "remove the `slug` line to use the file's name, or give one such as `slug = \"next\"`",
        )
    };
    a_slug_with_spaces_and_capitals: |w| {
        next_with(w, "slug = \"Big Pods!\"\n");
        error_at(NEXT, (4, 1), "slug").exactly(
            "slug `Big Pods!` may only hold a-z, 0-9 and `-`",
            "for example `slug = \"big-pods\"`",
        )
    };
    text_for_a_list: |w| {
        next_with(w, "objectives = \"know pods\"\n");
        error_at(NEXT, (4, 14), "objectives").exactly(
            "`objectives` must be a list in square brackets, not `\"know pods\"`",
            "write it like `objectives = [\"…\", \"…\"]`",
        )
    };
    a_number_in_a_list_of_text: |w| {
        next_with(w, "objectives = [\"know pods\", 2]\n");
        error_at(NEXT, (4, 28), "objectives").exactly(
            "an item of `objectives` must be text in double quotes, not `2`",
            "write each item as text in double quotes, like `objectives = [\"2\"]`",
        )
    };
    text_for_a_flag_in_a_table: |w| {
        with_settings(w, "\n[notes]\nprivate = \"yes\"\n");
        error_at("workshop.toml", (8, 11), "private").exactly(
            "`notes.private` must be true or false, not `\"yes\"`",
            "write it like `private = true`",
        )
    };
    a_dotted_key: |w| {
        with_settings(w, "notes.private = 1\n");
        error_at("workshop.toml", (6, 17), "private").exactly(
            "`notes.private` must be true or false, not `1`",
            "write it like `notes.private = true`",
        )
    };
    a_paper_size_that_does_not_exist: |w| {
        with_settings(w, "\n[handouts]\npaper = \"A5\"\n");
        error_at("workshop.toml", (8, 9), "paper").exactly(
            "`handouts.paper` must be one of `a4`, `letter`, not `A5`",
            "write it like `paper = \"a4\"`",
        )
    };
    a_paper_size_in_capitals: |w| {
        with_settings(w, "\n[handouts]\npaper = \"Letter\"\n");
        error_at("workshop.toml", (8, 9), "paper").exactly(
            "`handouts.paper` must be one of `a4`, `letter`, not `Letter`",
            "write it like `paper = \"letter\"`",
        )
    };
    a_number_for_a_table: |w| {
        with_settings(w, "notes = 5\n");
        error_at("workshop.toml", (6, 9), "notes").exactly(
            "`notes` must be a table of keys, not `5`",
            "make `notes` a table: a line `[notes]` followed by its `key = value` lines",
        )
    };
    a_list_for_a_nested_table: |w| {
        with_settings(w, "\n[samples]\nschemas = []\n");
        error_at("workshop.toml", (8, 11), "schemas").exactly(
            "`samples.schemas` must be a table of keys, not `[]`",
            "make `samples.schemas` a table: a line `[samples.schemas]` followed by its `key = value` lines",
        )
    };
    a_negative_limit: |w| {
        with_settings(w, "\n[limits]\nsample_mb = -1\n");
        error_at("workshop.toml", (8, 13), "sample_mb").exactly(
            "`limits.sample_mb` must be a whole number of 0 or more, not `-1`",
            "write it like `sample_mb = 20`",
        )
    };
    a_flag_for_the_author: |w| {
        w.replace("workshop.toml", "author = \"The deckhand tests\"", "author = true");
        error_at("workshop.toml", (3, 10), "author").exactly(
            "`author` must be text in double quotes, not `true`",
            "write it like `author = \"true\"`",
        )
    };
    a_list_for_the_language: |w| {
        w.replace("workshop.toml", "language = \"en\"", "language = [\"en\"]");
        error_at("workshop.toml", (4, 12), "language").exactly(
            "`language` must be text in double quotes, not `[\"en\"]`",
            "write it like `language = \"…\"`",
        )
    };
    a_version_as_a_number: |w| {
        with_settings(w, "kubernetes_version = 1.30\n");
        error_at("workshop.toml", (6, 22), "kubernetes_version").exactly(
            "`kubernetes_version` must be text in double quotes, not `1.30`",
            "write it like `kubernetes_version = \"1.30\"`",
        )
    };
    a_negative_default_duration: |w| {
        with_settings(w, "default_duration = -20\n");
        error_at("workshop.toml", (6, 20), "default_duration").exactly(
            "`default_duration` must be a whole number of 0 or more, not `-20`",
            "write it like `default_duration = 20`",
        )
    };
    text_for_the_handouts_notes_flag: |w| {
        with_settings(w, "\n[handouts]\nnotes = \"yes\"\n");
        error_at("workshop.toml", (8, 9), "notes").exactly(
            "`handouts.notes` must be true or false, not `\"yes\"`",
            "write it like `notes = true`",
        )
    };
    a_flag_for_a_chapter_title: |w| {
        w.replace(NEXT, "title = \"Next\"", "title = true");
        error_at(NEXT, (2, 9), "title").exactly(
            "`title` must be text in double quotes, not `true`",
            "write it like `title = \"true\"`",
        )
    };
    a_number_for_a_summary: |w| {
        next_with(w, "summary = 3\n");
        error_at(NEXT, (4, 11), "summary").exactly(
            "`summary` must be text in double quotes, not `3`",
            "write it like `summary = \"3\"`",
        )
    };
    an_unknown_key_unlike_any_other: |w| {
        next_with(w, "banana = true\n");
        error_at(NEXT, (4, 1), "unknown key `banana`")
            .hint("valid keys: title, duration")
            .not_in_hint("did you mean")
    };
}

#[test]
fn counts_are_singular_for_one() {
    let workshop = Workshop::small();
    let run = workshop.deckhand(["build"]);
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("Built 2 chapters, 4 slides, 1 sample, 0 warnings in "),
        "{}",
        run.stdout
    );
    workshop.replace(NEXT, "duration = 20", "duration = -5");
    let failed = workshop.deckhand(["build"]);
    assert!(
        failed
            .stderr
            .contains("error: the build failed with 1 error; nothing was written"),
        "{}",
        failed.stderr
    );
    let checked = workshop.deckhand(["check"]);
    assert!(
        checked.stderr.contains("1 error, 0 warnings"),
        "{}",
        checked.stderr
    );
}

/// Run from the folder holding the workshop (`deckhand build ws`), an output folder is named as
/// the user can find it from there: `./mine` as typed, `ws/public` for the default, never
/// `ws/./mine` or `ws/ws/public`; and the hint is about the folder's contents, not permissions.
#[test]
fn output_folders_are_named_as_typed_when_run_from_another_folder() {
    let w = Workshop::small();
    let here = w.outside();
    let foreign = |folder: &Path| {
        fs::create_dir_all(folder).unwrap();
        fs::write(folder.join("mine.txt"), "not deckhand's").unwrap();
    };
    foreign(&here.join("mine"));
    foreign(&w.path("public"));
    for (args, shown) in [
        (vec!["build", "ws", "--out", "./mine"], "./mine"),
        (vec!["build", "ws"], "ws/public"),
    ] {
        let run = crate::support::deckhand_in(&here, &args);
        run.expect_code(1);
        let error = run.error(shown, "did not write");
        error.at(1, 1);
        let hint = error.hint.clone().unwrap_or_default();
        assert!(
            !hint.contains("permission"),
            "{args:?}: a hint about what to do with the folder: {hint}"
        );
        assert!(
            !run.stderr.contains("ws/./") && !run.stderr.contains("ws/ws/"),
            "{args:?}: no doubled path:\n{}",
            run.stderr
        );
    }
}
