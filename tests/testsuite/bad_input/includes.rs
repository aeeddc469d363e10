//! Broken workshops: includes of samples: missing files, paths that leave the workshop, anchors and line ranges.

use super::*;

bad_input! {
    missing_include: |w| {
        w.replace(NEXT, "samples/intro/pod.yaml:1:2", "samples/intro/missing.yaml");
        error_at(NEXT, (13, 1), "`content/samples/intro/missing.yaml` does not exist")
    };
    include_escaping_the_root_with_dot_dot: |w| {
        secret(w);
        w.replace(NEXT, "samples/intro/pod.yaml:1:2", "../../secret.yaml");
        error_at(NEXT, (13, 1), "outside the workshop folder")
    };
    include_by_absolute_path: |w| {
        let path = secret(w);
        w.replace(NEXT, "samples/intro/pod.yaml:1:2", &path.display().to_string());
        error_at(NEXT, (13, 1), "is an absolute path")
    };
    include_of_a_file_that_is_not_utf8: |w| {
        w.write("content/samples/intro/latin1.txt", b"caf\xe9\n");
        w.replace(NEXT, "samples/intro/pod.yaml:1:2", "samples/intro/latin1.txt");
        error_at(NEXT, (13, 1), "not UTF-8")
    };
    unknown_anchor: |w| {
        w.replace(INTRO, "pod.yaml:meta", "pod.yaml:metadata");
        error_at(INTRO, (27, 1), "has no anchor `metadata`").hint("`meta`")
    };
    unclosed_anchor: |w| {
        w.replace("content/samples/intro/pod.yaml", "# ANCHOR_END: meta\n", "");
        let message = "anchor `meta` in `content/samples/intro/pod.yaml` is never closed";
        error_at(INTRO, (27, 1), message).hint("ANCHOR_END: meta")
    };
    reversed_line_range: |w| {
        w.replace(NEXT, "pod.yaml:1:2", "pod.yaml:2:1");
        error_at(NEXT, (13, 1), "reversed").hint(":1:2")
    };
    line_range_past_the_end: |w| {
        w.replace(NEXT, "pod.yaml:1:2", "pod.yaml:1:99");
        error_at(NEXT, (13, 1), "past the end")
    };
    misspelt_include_with_an_s: |w| {
        w.replace(INTRO, "{{#include samples/intro/pod.yaml:meta}}", "{{#includes samples/intro/pod.yaml:meta}}");
        error_at(INTRO, (27, 1), "`{{#includes` is not a directive deckhand knows").hint("did you mean `{{#include`?")
    };
    misspelt_include_with_a_space: |w| {
        w.replace(INTRO, "{{#include samples/intro/pod.yaml:meta}}", "{{ #include samples/intro/pod.yaml:meta }}");
        error_at(INTRO, (27, 1), "`{{ #include` is not a directive deckhand knows").hint("did you mean `{{#include`?")
    };
    misspelt_include_with_letters_swapped: |w| {
        w.replace(INTRO, "{{#include samples/intro/pod.yaml:meta}}", "kind: Pod\n  {{#inlcude samples/intro/pod.yaml:meta}}");
        error_at(INTRO, (28, 3), "`{{#inlcude` is not a directive deckhand knows").hint("did you mean `{{#include`?")
    };
    include_in_prose: |w| {
        w.replace(INTRO, "Welcome.", "Welcome. {{#include samples/intro/pod.yaml}}");
        error_at(INTRO, (9, 10), "works only as the whole content of a fenced code block").hint("put it alone in a code block")
    };
    include_of_a_folder: |w| {
        w.replace(NEXT, "samples/intro/pod.yaml:1:2", "samples/intro");
        error_at(NEXT, (13, 1), "is not a file")
    };
}

#[cfg(unix)]
bad_input! {
    include_through_a_symlink_pointing_outside: |w| {
        std::os::unix::fs::symlink(secret(w), w.path("content/samples/intro/linked.yaml")).unwrap();
        w.replace(NEXT, "samples/intro/pod.yaml:1:2", "samples/intro/linked.yaml");
        error_at(NEXT, (13, 1), "outside the workshop folder")
    };
}
