//! The rendered HTML of one slide per syntax feature of the every-feature fixture, compared with
//! tests/snapshots/<feature>.snap. Only the slide's own `<section>` is compared, so a change to
//! the page around it does not touch these.

use crate::support::EVERY_FEATURE;

/// One test per feature: `test_name => "slide-id"`; the snapshot file is named after the test.
macro_rules! slide_snapshots {
    ($($name:ident => $slide:literal,)*) => {$(
        #[test]
        fn $name() {
            let html = EVERY_FEATURE.slide($slide);
            insta::with_settings!({
                snapshot_path => "../snapshots",
                prepend_module_to_snapshot => false,
                omit_expression => true,
                description => concat!("slide `", $slide, "` of tests/fixtures/every-feature"),
            }, {
                insta::assert_snapshot!(stringify!($name), html);
            });
        }
    )*};
}

slide_snapshots! {
    // Slides, notes and attributes.
    notes_after_a_note_marker => "syntax-1",
    slide_attributes => "slide-attributes",
    notes_after_a_plural_marker => "syntax-3",
    vertical_sub_slide => "syntax-4-1",
    fragments_on_list_items_and_a_paragraph => "fragments",
    fragment_on_an_image_with_alt_text => "image",
    // GitHub-flavoured Markdown.
    table_with_alignment_and_a_fragment => "table",
    strikethrough => "strikethrough",
    task_list => "task-list",
    footnotes => "footnotes",
    heading_attributes => "heading-attributes",
    bare_url_autolinks => "autolinks",
    links_to_a_chapter_and_to_headings => "links",
    // Highlighted code.
    code_yaml => "code-yaml",
    code_bash => "code-bash",
    code_console => "code-console",
    code_json => "code-json",
    code_toml => "code-toml",
    code_go => "code-go",
    code_python => "code-python",
    code_dockerfile => "code-dockerfile",
    code_rust => "code-rust",
    code_unknown_language_as_plain_text => "code-unknown",
    // Includes and line highlights.
    include_whole_file => "include-whole",
    include_line_range_with_a_title => "include-range",
    include_from_a_line_to_the_end => "include-from",
    include_up_to_a_line => "include-to",
    include_one_line => "include-line",
    include_anchor_region => "include-anchor",
    highlighted_lines => "hl-static",
    step_through_highlights => "hl-steps",
    include_language_from_the_file_extension => "include-script",
}
