//! Broken workshops: chapter files and their front matter: missing, unreadable, empty, too large, or clashing with another chapter.

use super::*;

bad_input! {
    unknown_key_in_front_matter: |w| {
        w.replace(NEXT, "duration = 20", "durration = 20");
        error_at(NEXT, (3, 1), "unknown key `durration`").hint("did you mean `duration`?")
    };
    unterminated_front_matter: |w| {
        w.replace(NEXT, "duration = 20\n+++\n", "duration = 20\n");
        error_at(NEXT, (1, 1), "never closed")
    };
    chapter_without_front_matter: |w| {
        w.write("content/03-bare.md", "# Bare\n\nNo front matter here.\n");
        error_at("content/03-bare.md", (1, 1), "does not start with `+++` front matter")
    };
    zero_byte_chapter: |w| {
        w.write("content/03-nothing.md", "");
        error_at("content/03-nothing.md", (1, 1), "front matter")
    };
    missing_title: |w| {
        w.replace(NEXT, "title = \"Next\"\n", "");
        error_at(NEXT, (2, 1), "missing required key `title`")
    };
    empty_title: |w| {
        w.replace(NEXT, "title = \"Next\"", "title = \"  \"");
        error_at(NEXT, (2, 1), "title is empty")
    };
    duration_zero: |w| {
        w.replace(NEXT, "duration = 20", "duration = 0");
        error_at(NEXT, (3, 1), "0 minutes")
    };
    duration_as_a_string: |w| {
        w.replace(NEXT, "duration = 20", "duration = \"20\"");
        error_at(NEXT, (3, 12), "`duration` must be a whole number of 0 or more, not `\"20\"`")
            .hint("write it like `duration = 20`")
    };
    invalid_slug_in_front_matter: |w| {
        w.replace(NEXT, "duration = 20", "duration = 20\nslug = \"Next Steps\"");
        error_at(NEXT, (4, 1), "slug `Next Steps`").hint("next-steps")
    };
    invalid_utf8_in_a_chapter: |w| {
        let mut bytes = w.read(NEXT).into_bytes();
        let at = w.read(NEXT).find("first two").unwrap();
        bytes.splice(at..at, *b"\xff");
        w.write(NEXT, bytes);
        error_at(NEXT, (10, 5), "not valid UTF-8")
    };
    empty_chapter: |w| {
        w.write("content/03-empty.md", "+++\ntitle = \"Empty\"\nduration = 5\n+++\n\n");
        error_at("content/03-empty.md", (5, 1), "has no slides")
    };
    duplicate_slug: |w| {
        w.replace(NEXT, "duration = 20", "duration = 20\nslug = \"intro\"");
        error_at(NEXT, (4, 1), "slug `intro` is already used by content/01-intro.md")
    };
    binary_file_named_md: |w| {
        w.write("content/03-diagram.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10");
        error_at("content/03-diagram.md", (3, 1), "binary file")
    };
    chapter_of_50_megabytes: |w| {
        let mut text = String::from("+++\ntitle = \"Huge\"\nduration = 5\n+++\n\n# Huge\n\n");
        let line = "A line of a pasted log that goes on and on, as logs do, for a long time.\n";
        while text.len() < 50 * 1024 * 1024 {
            text.push_str(line);
        }
        w.write("content/03-huge.md", text);
        error_at("content/03-huge.md", (1, 1), "the chapter is 50 MB; chapters are limited to 8 MB")
    };
}
