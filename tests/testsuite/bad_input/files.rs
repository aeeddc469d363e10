//! Broken workshops: the files themselves. Pipes, sockets and devices (which would hang a build
//! or fill its memory), links the publishing rules do not follow, files over their size limit,
//! chapters numbered twice, names too long for the disk, and notes that private builds must not
//! publish.

use super::*;
use std::os::unix::fs::symlink;

/// A named pipe at `rel`: opening it for reading waits for a writer, forever.
fn fifo(w: &Workshop, rel: &str) {
    let path = w.path(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let name = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo(3) on a NUL-terminated path.
    assert_eq!(
        unsafe { libc::mkfifo(name.as_ptr(), 0o644) },
        0,
        "mkfifo {rel}"
    );
}

fn link(w: &Workshop, target: impl AsRef<Path>, rel: &str) {
    symlink(target, w.path(rel)).unwrap();
}

/// `[limits]` appended to workshop.toml.
fn limits(w: &Workshop, line: &str) {
    w.write(
        "workshop.toml",
        w.read("workshop.toml") + "\n[limits]\n" + line + "\n",
    );
}

/// Megabytes of YAML that parse: one comment line after another.
fn yaml_of(bytes: usize) -> String {
    let mut text = String::from("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n");
    while text.len() < bytes {
        text.push_str(
            "# a line of padding that makes this sample large, as a generated file would be\n",
        );
    }
    text
}

const FIFO: &str = "this is a named pipe (FIFO), not a regular file";

bad_input! {
    fifo_under_content_images: |w| {
        fifo(w, "content/images/pipe.png");
        error_in("content/images/pipe.png", FIFO).hint("deckhand reads only regular files")
    };
    fifo_named_like_a_chapter: |w| {
        fifo(w, "content/03-pipe.md");
        error_in("content/03-pipe.md", FIFO)
    };
    fifo_named_like_a_sample: |w| {
        fifo(w, "content/samples/intro/service.yaml");
        error_in("content/samples/intro/service.yaml", FIFO)
    };
    fifo_in_the_theme: |w| {
        fifo(w, "static/css/extra.css");
        error_in("static/css/extra.css", FIFO)
    };
    include_of_a_fifo: |w| {
        fifo(w, "content/samples/intro/pipe.txt");
        w.replace(NEXT, "samples/intro/pod.yaml:1:2", "samples/intro/pipe.txt");
        error_at(NEXT, (13, 1), "`content/samples/intro/pipe.txt` is a named pipe (FIFO), not a regular file")
    };
    socket_under_content: |w| {
        let _listening = std::os::unix::net::UnixListener::bind(w.path("content/images/app.sock")).unwrap();
        error_in("content/images/app.sock", "this is a socket, not a regular file")
    };
    character_device_under_content: |w| {
        let path = std::ffi::CString::new(w.path("content/images/zero.png").to_str().unwrap()).unwrap();
        // SAFETY: mknod(2) of /dev/zero's device numbers on a NUL-terminated path.
        let made = unsafe { libc::mknod(path.as_ptr(), libc::S_IFCHR | 0o644, libc::makedev(1, 5)) };
        if made == 0 {
            error_in("content/images/zero.png", "this is a character device, not a regular file")
        } else {
            eprintln!("SKIPPED the character device (mknod needs root; CI runs as root): a pipe instead");
            fifo(w, "content/images/zero.png");
            error_in("content/images/zero.png", FIFO)
        }
    };
    // The old code read this sample until memory ran out (2 GB in 4 s under `ulimit -v`):
    // do not point this case at an old binary without a memory limit.
    character_device_named_like_a_sample: |w| {
        let path = std::ffi::CString::new(w.path("content/samples/intro/zero.yaml").to_str().unwrap()).unwrap();
        // SAFETY: mknod(2) of /dev/zero's device numbers on a NUL-terminated path.
        let made = unsafe { libc::mknod(path.as_ptr(), libc::S_IFCHR | 0o644, libc::makedev(1, 5)) };
        if made == 0 {
            error_in("content/samples/intro/zero.yaml", "this is a character device, not a regular file")
        } else {
            eprintln!("SKIPPED the character device (mknod needs root; CI runs as root): a pipe instead");
            fifo(w, "content/samples/intro/zero.yaml");
            error_in("content/samples/intro/zero.yaml", FIFO)
        }
    };
    link_to_dev_zero_named_like_a_sample: |w| {
        link(w, "/dev/zero", "content/samples/intro/zero.yaml");
        error_in("content/samples/intro/zero.yaml", "outside the workshop folder; it is not followed")
    };
    link_to_a_chapter_under_images: |w| {
        link(w, "../01-intro.md", "content/images/intro.txt");
        error_in("content/images/intro.txt", "a link to the chapter `content/01-intro.md`")
            .hint("remove the link")
    };
    link_to_an_editors_backup_of_a_chapter: |w| {
        w.write("content/01-intro.md~", w.read(INTRO));
        link(w, "../01-intro.md~", "content/images/intro.txt");
        error_in("content/images/intro.txt", "`content/01-intro.md~`, an editor's backup")
    };
    link_to_a_file_outside_content: |w| {
        w.write("notes/private.txt", "What I really think.\n");
        link(w, "../../notes/private.txt", "content/images/notes.txt");
        error_in("content/images/notes.txt", "`notes/private.txt`, outside content/")
    };
    link_to_a_folder: |w| {
        link(w, "../samples", "content/images/samples");
        error_in("content/images/samples", "which is a folder")
    };
    dangling_link_under_content: |w| {
        link(w, "gone.svg", "content/images/logo.svg");
        error_in("content/images/logo.svg", "a link to `gone.svg`, which does not exist")
    };
    dangling_chapter_link: |w| {
        link(w, "drafts/03-draft.md", "content/03-draft.md");
        error_in("content/03-draft.md", "this chapter is a link to `drafts/03-draft.md`, which does not exist")
    };
    chapter_link_outside_the_workshop: |w| {
        let outside = w.outside().join("03-elsewhere.md");
        fs::write(&outside, "+++\ntitle = \"Elsewhere\"\n+++\n# Elsewhere\n").unwrap();
        link(w, &outside, "content/03-elsewhere.md");
        error_in("content/03-elsewhere.md", "outside the workshop folder; it is not followed")
    };
    chapter_link_to_a_file_outside_content: |w| {
        w.write("drafts/03-draft.md", "+++\ntitle = \"Draft\"\nduration = 5\n+++\n# Draft\n");
        link(w, "../drafts/03-draft.md", "content/03-draft.md");
        error_in("content/03-draft.md", "`drafts/03-draft.md`, outside content/")
    };
    sample_over_its_size_limit: |w| {
        limits(w, "sample_mb = 1");
        w.write("content/samples/intro/big.yaml", yaml_of(1536 * 1024));
        error_in("content/samples/intro/big.yaml", "the file is 1.5 MB; samples are limited to 1 MB")
            .hint("add `sample_mb = 2` under `[limits]` in workshop.toml")
    };
    yaml_outside_samples_over_the_sample_limit: |w| {
        limits(w, "sample_mb = 1");
        w.write("content/data/big.yml", yaml_of(1100 * 1024));
        error_in("content/data/big.yml", "samples are limited to 1 MB")
    };
    image_over_the_file_limit: |w| {
        limits(w, "file_mb = 1");
        w.write("content/images/photo.png", vec![0x89u8; 2 * 1024 * 1024 + 10]);
        error_in("content/images/photo.png", "the file is 2 MB; published files are limited to 1 MB")
            .hint("`file_mb = 3`")
    };
    theme_file_over_the_file_limit: |w| {
        limits(w, "file_mb = 1");
        w.write("static/js/huge.js", "// padding\n".repeat(120_000));
        error_in("static/js/huge.js", "published files are limited to 1 MB")
    };
    chapter_over_a_lowered_limit: |w| {
        limits(w, "chapter_mb = 1");
        w.write("content/03-long.md", format!("+++\ntitle = \"Long\"\n+++\n# Long\n\n{}", "A sentence.\n".repeat(100_000)));
        error_in("content/03-long.md", "the chapter is 1.1 MB; chapters are limited to 1 MB")
            .hint("`chapter_mb = 2`")
    };
    include_over_the_sample_limit_from_outside_content: |w| {
        limits(w, "sample_mb = 1");
        w.write("scripts/big.sh", "echo padding\n".repeat(90_000));
        w.replace(NEXT, "```yaml\n{{#include samples/intro/pod.yaml:1:2}}", "```bash\n{{#include ../scripts/big.sh}}");
        error_at(NEXT, (13, 1), "`scripts/big.sh` is 1.1 MB; included files are limited to 1 MB")
    };
    a_limit_of_zero: |w| {
        limits(w, "sample_mb = 0");
        error_at("workshop.toml", (8, 1), "`sample_mb` must be at least 1 (megabyte)")
    };
    two_chapters_numbered_alike: |w| {
        w.write("content/02-other.md", "+++\ntitle = \"Other\"\nduration = 5\n+++\n# Other\n");
        error_in("content/02-other.md", "chapter number 2 is already taken by content/02-next.md")
            .hint("give each chapter its own number")
    };
    output_inside_content_in_workshop_toml: |w| {
        w.write("workshop.toml", w.read("workshop.toml") + "output = \"content/site\"\n");
        error_at("workshop.toml", (6, 1), "the output folder `content/site` is inside content/")
    };
    output_set_to_workshop_toml: |w| {
        w.write("workshop.toml", w.read("workshop.toml") + "output = \"workshop.toml\"\n");
        error_at("workshop.toml", (6, 1), "the output folder `workshop.toml` would overwrite the workshop's own files")
    };
    output_a_link_to_a_folder_deckhand_did_not_write: |w| {
        let precious = w.outside().join("precious");
        fs::create_dir(&precious).unwrap();
        fs::write(precious.join("thesis.tex"), "\\documentclass{article}\n").unwrap();
        link(w, &precious, "site");
        w.write("workshop.toml", w.read("workshop.toml") + "output = \"site\"\n");
        error_at("workshop.toml", (6, 1), "the output folder `site` holds files that deckhand did not write")
            .hint("choose another folder")
            .untouched(precious)
    };
    slug_too_long_for_a_file_name: |w| {
        let slug = "a-very-long-slug".repeat(16);
        w.replace(NEXT, "duration = 20", &format!("duration = 20\nslug = \"{slug}\""));
        error_at(NEXT, (4, 1), "the slug is 256 characters long")
            .hint("at most 242 characters")
    };
    chapter_file_name_too_long_for_its_handout: |w| {
        let name = format!("content/03-{}.md", "x".repeat(248));
        w.write(&name, "+++\ntitle = \"Long name\"\nduration = 5\n+++\n# Long name\n");
        error_in(&name, "would have a file name of 261 bytes, and file systems allow 255")
    };
    a_private_note_copied_into_a_published_file: |w| {
        w.write("workshop.toml", w.read("workshop.toml") + "\n[notes]\nprivate = true\n");
        let note = "Tell the story of the first cluster we ever broke, and how it came back.";
        w.replace(INTRO, "Say hello.", &format!("Say hello. {note}"));
        w.write("content/images/script.txt", format!("My script for the talk: {note}\n"));
        error_at(INTRO, (6, 1), "the speaker notes of slide `intro-1` would be published in `images/script.txt`")
            .hint("private = false")
    };
}
