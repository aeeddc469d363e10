use super::*;

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn a_committed_build_replaces_the_old_one_entirely() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let mut first = Staging::new(&out, Some(&dir.path().join("cache/spare"))).unwrap();
    first.put("old.html", b"old".to_vec()).unwrap();
    first.put("gone/page.html", b"old".to_vec()).unwrap();
    first.commit().unwrap();
    let mut second = Staging::new(&out, Some(&dir.path().join("cache/spare"))).unwrap();
    second.put("css/new.css", b"new".to_vec()).unwrap();
    second.commit().unwrap();
    assert_eq!(names(&out), [".deckhand-build", "css"]);
    assert_eq!(fs::read(out.join("css/new.css")).unwrap(), b"new");
    // Beside it: nothing; the spare the next build starts from is in the cache folder.
    assert_eq!(names(dir.path()), ["cache", "public"]);
    assert_eq!(names(&dir.path().join("cache")), ["spare"]);
}

#[test]
fn an_abandoned_build_leaves_the_old_one_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let mut first = Staging::new(&out, Some(&dir.path().join("cache/spare"))).unwrap();
    first.put("index.html", b"v1".to_vec()).unwrap();
    first.commit().unwrap();
    for _ in 0..2 {
        let mut second = Staging::new(&out, Some(&dir.path().join("cache/spare"))).unwrap();
        second.put("index.html", b"v2".to_vec()).unwrap();
        second.put("extra.html", b"v2".to_vec()).unwrap();
    }
    assert_eq!(fs::read(out.join("index.html")).unwrap(), b"v1");
    assert_eq!(names(&out), [".deckhand-build", "index.html"]);
    let mut third = Staging::new(&out, Some(&dir.path().join("cache/spare"))).unwrap();
    third.put("index.html", b"v3".to_vec()).unwrap();
    third.commit().unwrap();
    assert_eq!(
        names(&out),
        [".deckhand-build", "index.html"],
        "what the failed builds wrote is gone"
    );
}

#[test]
fn unchanged_files_are_kept_and_changed_ones_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    // Three builds: the third starts from the first's folder, kept as the spare.
    for (round, changed) in [(1, "v1"), (2, "v2"), (3, "v3")] {
        let mut staging = Staging::new(&out, Some(&dir.path().join("cache/spare"))).unwrap();
        staging.put("same.html", b"same".to_vec()).unwrap();
        staging
            .put("changed.html", changed.as_bytes().to_vec())
            .unwrap();
        staging.commit().unwrap();
        assert_eq!(
            fs::read(out.join("changed.html")).unwrap(),
            changed.as_bytes(),
            "round {round}"
        );
        assert_eq!(fs::read(out.join("same.html")).unwrap(), b"same");
    }
}

#[cfg(unix)]
#[test]
fn a_spare_holding_a_link_is_not_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let outside = dir.path().join("outside.txt");
    fs::write(&outside, "precious").unwrap();
    for _ in 0..2 {
        let mut staging = Staging::new(&out, Some(&dir.path().join("cache/spare"))).unwrap();
        staging.put("page.html", b"page".to_vec()).unwrap();
        staging.commit().unwrap();
    }
    let spare = dir.path().join("cache/spare");
    fs::remove_file(spare.join("page.html")).unwrap();
    std::os::unix::fs::symlink(&outside, spare.join("page.html")).unwrap();
    let mut staging = Staging::new(&out, Some(&dir.path().join("cache/spare"))).unwrap();
    staging.put("page.html", b"overwritten?".to_vec()).unwrap();
    staging.commit().unwrap();
    assert_eq!(fs::read_to_string(&outside).unwrap(), "precious");
}

#[test]
fn a_file_where_a_folder_was_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let rounds: [&[(&str, &str)]; 4] = [
        &[("a/b.html", "1")],
        &[("a", "file")],
        &[("a/b.html", "2")],
        &[("a", "file")],
    ];
    for files in rounds {
        let mut staging = Staging::new(&out, Some(&dir.path().join("cache/spare"))).unwrap();
        for (path, text) in files {
            staging.put(path, text.as_bytes().to_vec()).unwrap();
        }
        staging.commit().unwrap();
        for (path, text) in files {
            assert_eq!(fs::read_to_string(out.join(path)).unwrap(), *text);
        }
    }
}

#[test]
fn foreign_folders_are_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("thesis.tex"), "precious").unwrap();
    assert!(Staging::new(dir.path(), None).is_err());
    let mut staging = Staging::new(&dir.path().join("site"), None).unwrap();
    assert!(staging.put("../escape.txt", vec![]).is_err());
}
