//! `deckhand build` against the floor and its peers, on the synthetic workshops of
//! ../shared/workload (10, 200 and 1,000 chapters of 25 slides, three YAML manifests and a bash
//! block each). Run with `cargo bench --bench build`; prints Markdown tables.
//!
//! Each repetition runs every tool once, one after the other, so that a busy machine slows them
//! all alike: the `cat` floor (every chapter file concatenated into one output file), a cold
//! deckhand build (no `.deckhand/` cache, no previous output: what CI does on a fresh checkout),
//! the first rebuild after it, a steady rebuild, a one-chapter edit, mdBook 0.5.4 and
//! reveal-md 6.1.4. The peers are installed into `target/bench-tools/` on the first run
//! (`cargo install mdbook`, `npm i reveal-md`); without network they are left out.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

const SIZES: [usize; 3] = [10, 200, 1000];
const REPETITIONS: usize = 5;

fn main() {
    let peers = Peers::install();
    let temp = tempfile::tempdir().unwrap();
    println!("deckhand build, release binary; {}", machine());
    println!(
        "medians of {REPETITIONS} repetitions, tools interleaved; peak RSS is the largest of the runs"
    );
    let rows: Vec<(usize, Row)> = SIZES
        .into_iter()
        .map(|chapters| {
            let row = measure(
                &workload_root(chapters),
                &temp.path().join(format!("n{chapters}")),
                &peers,
            );
            (chapters, row)
        })
        .collect();
    println!("\nWall time:\n");
    println!(
        "| chapters | cat floor | deckhand cold | first rebuild | rebuild | rebuild ÷ floor | one-chapter edit | mdBook | reveal-md | cold ÷ reveal-md |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (chapters, row) in &rows {
        println!(
            "| {chapters} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            ms(&row.floor.wall()),
            ms(&row.cold.wall()),
            ms(&row.first_warm.wall()),
            ms(&row.warm.wall()),
            ratio(&row.warm.wall(), &row.floor.wall()),
            ms(&row.edit.wall()),
            row.mdbook.as_ref().map_or("—".into(), |r| ms(&r.wall())),
            row.reveal.as_ref().map_or("—".into(), |r| ms(&r.wall())),
            row.reveal
                .as_ref()
                .map_or("—".into(), |r| ratio(&row.cold.wall(), &r.wall())),
        );
    }
    println!("\nCPU time (user + system) and peak memory:\n");
    println!(
        "| chapters | deckhand cold CPU | rebuild CPU | one-chapter edit CPU | mdBook CPU | reveal-md CPU | cold CPU ÷ reveal-md | peak RSS (cold) | peak RSS (rebuild) | mdBook RSS | reveal-md RSS |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (chapters, row) in &rows {
        println!(
            "| {chapters} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            ms(&row.cold.cpu()),
            ms(&row.warm.cpu()),
            ms(&row.edit.cpu()),
            row.mdbook.as_ref().map_or("—".into(), |r| ms(&r.cpu())),
            row.reveal.as_ref().map_or("—".into(), |r| ms(&r.cpu())),
            row.reveal
                .as_ref()
                .map_or("—".into(), |r| ratio(&row.cold.cpu(), &r.cpu())),
            mib(&row.cold),
            mib(&row.warm),
            row.mdbook.as_ref().map_or("—".into(), mib),
            row.reveal.as_ref().map_or("—".into(), mib),
        );
    }
    println!();
    other_workshops(temp.path());
}

/// Wall times, CPU times (ms) and peak memory (bytes) of a tool's runs.
#[derive(Default)]
struct Runs(Vec<Measured>);

impl Runs {
    fn run(&mut self, command: &mut Command) {
        self.0.push(run_measured(command));
    }
    fn wall(&self) -> Vec<f64> {
        self.0
            .iter()
            .map(|r| r.wall.as_secs_f64() * 1000.0)
            .collect()
    }
    fn cpu(&self) -> Vec<f64> {
        self.0
            .iter()
            .map(|r| r.cpu.as_secs_f64() * 1000.0)
            .collect()
    }
    fn peak(&self) -> u64 {
        self.0.iter().map(|r| r.peak_rss).max().unwrap_or(0)
    }
}

/// The median of `times` (ms), readably.
fn ms(times: &[f64]) -> String {
    let median = median(&mut times.to_vec());
    if median < 100.0 {
        format!("{median:.1} ms")
    } else {
        format!("{:.3} s", median / 1000.0)
    }
}

/// The ratio of two medians, each of its own list of runs.
fn ratio(a: &[f64], b: &[f64]) -> String {
    format!("{:.2}×", median(&mut a.to_vec()) / median(&mut b.to_vec()))
}

fn mib(runs: &Runs) -> String {
    format!("{:.0} MiB", runs.peak() as f64 / 1_048_576.0)
}

struct Row {
    floor: Runs,
    cold: Runs,
    first_warm: Runs,
    warm: Runs,
    edit: Runs,
    mdbook: Option<Runs>,
    reveal: Option<Runs>,
}

fn measure(root: &Path, scratch: &Path, peers: &Peers) -> Row {
    let workshop = root.join("deckhand");
    let out = scratch.join("deckhand");
    let mut row = Row {
        floor: Runs::default(),
        cold: Runs::default(),
        first_warm: Runs::default(),
        warm: Runs::default(),
        edit: Runs::default(),
        mdbook: peers.mdbook.as_ref().map(|_| Runs::default()),
        reveal: peers.reveal.as_ref().map(|_| Runs::default()),
    };
    std::fs::create_dir_all(scratch).unwrap();
    let chapters: Vec<PathBuf> = sorted_files(&workshop.join("content"), "md");
    let edited = &chapters[chapters.len() / 2];
    let original = std::fs::read_to_string(edited).unwrap();
    let build = || deckhand_build(&workshop, &out);
    for repetition in 0..REPETITIONS {
        let cat_out = scratch.join("cat.out");
        row.floor.run(
            Command::new("sh")
                .arg("-c")
                .arg("cat \"$@\" > \"$0\"")
                .arg(&cat_out)
                .args(&chapters),
        );
        let _ = std::fs::remove_dir_all(workshop.join(".deckhand"));
        let _ = std::fs::remove_dir_all(&out);
        row.cold.run(&mut build());
        row.first_warm.run(&mut build());
        row.warm.run(&mut build());
        // An edit of one slide's text in the middle chapter.
        let text = original.replacen(
            "\n## ",
            &format!("\n## Edited {repetition} "),
            2 + repetition,
        );
        std::fs::write(edited, text).unwrap();
        row.edit.run(&mut build());
        if let (Some(runs), Some(mdbook)) = (&mut row.mdbook, &peers.mdbook) {
            let book_out = scratch.join("mdbook");
            let _ = std::fs::remove_dir_all(&book_out);
            runs.run(
                Command::new(mdbook)
                    .arg("build")
                    .arg(root.join("mdbook"))
                    .arg("-d")
                    .arg(&book_out),
            );
        }
        if let (Some(runs), Some(reveal)) = (&mut row.reveal, &peers.reveal) {
            let reveal_out = scratch.join("reveal");
            let _ = std::fs::remove_dir_all(&reveal_out);
            runs.run(
                Command::new(reveal)
                    .arg(root.join("reveal"))
                    .arg("--static")
                    .arg(&reveal_out),
            );
        }
    }
    std::fs::write(edited, original).unwrap();
    row
}

fn deckhand_build(workshop: &Path, out: &Path) -> Command {
    let mut command = Command::new(DECKHAND);
    command.arg("build").arg(workshop).arg("--out").arg(out);
    command
}

fn sorted_files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    files
}

/// The bundled workshop and the included-samples variant (which also validates and publishes
/// 600 sample files and 201 archives at 200 chapters): cold and rebuild.
fn other_workshops(temp: &Path) {
    let cases = [
        (
            "bundled workshop (10 chapters)",
            bundled_copy(&temp.join("bundled")),
        ),
        (
            "workload n200, included samples",
            workload(200, "deckhand-includes"),
        ),
    ];
    println!("| workshop | cold | rebuild | peak RSS |");
    println!("|---|---:|---:|---:|");
    for (name, dir) in cases {
        let out = temp.join("other-out");
        let (mut cold, mut warm) = (Runs::default(), Runs::default());
        for _ in 0..3 {
            let _ = std::fs::remove_dir_all(dir.join(".deckhand"));
            let _ = std::fs::remove_dir_all(&out);
            cold.run(&mut deckhand_build(&dir, &out));
            warm.run(&mut deckhand_build(&dir, &out));
            warm.run(&mut deckhand_build(&dir, &out));
        }
        let peak = cold.peak().max(warm.peak());
        println!(
            "| {name} | {} | {} | {:.0} MiB |",
            ms(&cold.wall()),
            ms(&warm.wall()),
            peak as f64 / 1_048_576.0
        );
    }
}

/// mdBook and reveal-md, installed into `target/bench-tools/` when missing.
struct Peers {
    mdbook: Option<PathBuf>,
    reveal: Option<PathBuf>,
}

impl Peers {
    fn install() -> Peers {
        let tools = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-tools");
        let mdbook = tools.join("bin/mdbook");
        if !mdbook.is_file() {
            eprintln!("installing mdBook 0.5.4 into {}", tools.display());
            let _ = Command::new("cargo")
                .args(["install", "--locked", "mdbook@0.5.4", "--root"])
                .arg(&tools)
                .status();
        }
        let npm = tools.join("npm");
        let reveal = npm.join("node_modules/.bin/reveal-md");
        if !reveal.is_file() {
            eprintln!("installing reveal-md 6.1.4 into {}", npm.display());
            std::fs::create_dir_all(&npm).unwrap();
            let _ = Command::new("npm")
                .args(["i", "--no-audit", "--no-fund", "reveal-md@6.1.4"])
                .current_dir(&npm)
                // reveal-md prints PDFs with puppeteer, which would download a browser.
                .env("PUPPETEER_SKIP_DOWNLOAD", "1")
                .status();
        }
        let found = |path: PathBuf| {
            let found = path.is_file();
            if !found {
                eprintln!("{} is not installed: left out", path.display());
            }
            found.then_some(path)
        };
        Peers {
            mdbook: found(mdbook),
            reveal: found(reveal),
        }
    }
}
