//! Replacing the output: atomic even when the build is killed mid-way, nothing left behind by
//! killed builds once the next one ran, and an output folder that is a symbolic link written
//! through (the folder it leads to is replaced, the link stays).
//!
//! The kills are made with strace's fault injection: `-e inject=…:signal=KILL:when=N` kills the
//! build at its N-th rename, the system call that moves folders, so every point where a swap
//! could be half done is tried, deterministically. Without strace these tests skip loudly
//! (CI installs it; `DECKHAND_REQUIRE_BROWSER=1`, which CI sets, makes a missing strace a failure).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{Entry, Workshop, listing, tree};

const RENAMES: &str = "rename,renameat,renameat2";

fn strace_or_skip(test: &str) -> bool {
    let found = Command::new("strace")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var("DECKHAND_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
            panic!("{test} needs strace (apt-get install strace)");
        }
        eprintln!("SKIPPED {test}: strace is not installed (apt-get install strace)");
    }
    found
}

/// `deckhand build` killed at its `nth` call of `syscall` (if it makes that many; strace counts
/// each system call apart); whether it was killed.
fn build_killed_at(workshop: &Workshop, syscall: &str, nth: usize) -> bool {
    let status = Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "-e"])
        .arg(format!("trace={RENAMES}"))
        .arg("-e")
        .arg(format!("inject={syscall}:signal=KILL:when={nth}"))
        .arg(crate::support::deckhand_bin())
        .arg("build")
        .current_dir(workshop.root())
        .output()
        .expect("run strace");
    // strace reports a traced program killed by a signal as its own exit status 128 + 9.
    !status.status.success()
}

/// The names beside the output that builds leave (staging folders, old outputs).
fn leftovers(workshop: &Workshop) -> Vec<String> {
    listing(workshop.root())
        .into_iter()
        .filter(|name| name.contains("deckhand-"))
        .collect()
}

fn is_whole(site: &BTreeMap<PathBuf, Entry>) -> bool {
    ["index.html", "deck.html", "speaker.html", ".deckhand-build"]
        .iter()
        .all(|page| matches!(site.get(Path::new(page)), Some(Entry::File(_))))
}

#[test]
fn a_build_killed_at_any_rename_leaves_the_whole_old_or_the_whole_new_output() {
    if !strace_or_skip("a_build_killed_at_any_rename_leaves_the_whole_old_or_the_whole_new_output")
    {
        return;
    }
    let workshop = Workshop::small();
    workshop.build_ok();
    let old = tree(&workshop.path("public"));
    let mut kills = Vec::new();
    // The round whose build is in public/ (0: the first build).
    let mut current = 0;
    let mut round = 0;
    for syscall in RENAMES.split(',') {
        for nth in 1..=6 {
            // Each round changes the deck, so that every build has something new to swap in.
            round += 1;
            workshop.write(
                "content/03-round.md",
                format!("+++\ntitle = \"Round {round}\"\nduration = 5\n+++\n# Round {round}\n"),
            );
            let killed = build_killed_at(&workshop, syscall, nth);
            let site = tree(&workshop.path("public"));
            let at = format!("after a kill at {syscall} number {nth}");
            assert!(
                is_whole(&site),
                "{at}, public/ is missing or incomplete: {:?}",
                site.keys().take(5).collect::<Vec<_>>()
            );
            let Some(Entry::File(deck)) = site.get(Path::new("deck.html")) else {
                unreachable!("checked above")
            };
            let deck = String::from_utf8_lossy(deck);
            let fresh = deck.contains(&format!("Round {round}<"));
            let previous = if current == 0 {
                site == old
            } else {
                deck.contains(&format!("Round {current}<"))
            };
            assert!(
                fresh || previous,
                "{at}, public/ is neither the last build nor the new one"
            );
            if fresh {
                current = round;
            }
            if !killed {
                break;
            }
            kills.push(format!("{syscall} {nth}"));
        }
    }
    assert!(
        kills.len() >= 2,
        "the builds were killed at several renames: {kills:?}"
    );
    // The next build clears what the killed ones left beside the output.
    workshop.deckhand(["build"]).expect_code(0);
    assert_eq!(leftovers(&workshop), Vec::<String>::new());
}

#[test]
fn staging_folders_of_killed_builds_are_cleared_by_the_next_build() {
    let workshop = Workshop::small();
    workshop.build_ok();
    // What a build killed while rendering leaves: its staging folder, marked as deckhand's,
    // named for a process that is gone (ids above the kernel's maximum never run).
    for (name, pid) in [
        ("staging", 4_194_900),
        ("old", 4_194_901),
        ("staging", 4_194_902),
    ] {
        let folder = workshop.path(format!(".public.deckhand-{name}-{pid}"));
        std::fs::create_dir_all(folder.join("css")).unwrap();
        std::fs::write(folder.join(".deckhand-build"), "").unwrap();
        std::fs::write(folder.join("deck.html"), vec![b'x'; 100_000]).unwrap();
    }
    // A folder of that name that deckhand did not make is not its to remove.
    std::fs::create_dir(workshop.path(".public.deckhand-staging-4194903")).unwrap();
    workshop.deckhand(["build"]).expect_code(0);
    assert_eq!(leftovers(&workshop), [".public.deckhand-staging-4194903"]);
}

#[test]
fn an_output_that_is_a_link_is_written_through() {
    let workshop = Workshop::small();
    let site = workshop.outside().join("www/site");
    std::os::unix::fs::symlink(&site, workshop.path("public")).unwrap();
    for round in ["first", "second"] {
        workshop.write(
            "content/03-round.md",
            format!("+++\ntitle = \"The {round} round\"\nduration = 5\n+++\n# Round\n"),
        );
        workshop.deckhand(["build"]).expect_code(0);
        let link = std::fs::symlink_metadata(workshop.path("public")).unwrap();
        assert!(
            link.file_type().is_symlink(),
            "public/ is still a link after the {round} build"
        );
        let deck = std::fs::read_to_string(site.join("deck.html")).unwrap();
        assert!(
            deck.contains(&format!("The {round} round")),
            "the {round} build is where the link leads"
        );
    }
    assert_eq!(
        listing(&workshop.outside().join("www")),
        ["site"],
        "nothing left beside the folder the link leads to"
    );
}
