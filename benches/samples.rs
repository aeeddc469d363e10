//! Sample checks at scale (issue 11). Two tables:
//!
//! 1. `deckhand check` of 150 manifests: the 50-chapter synthetic workshop with included samples
//!    (../shared/workload, three manifests a chapter), cold (no `.deckhand/` cache) and warm
//!    (a second `check` of the unchanged workshop), next to a warm `build` of it.
//! 2. One large sample, a ConfigMap of 20,000 and of 100,000 lines included in a chapter: the
//!    time `build` spends on it (a cold build of the workshop with the sample, minus a cold build
//!    of the same workshop without it), and in this process the parts of that work (reading it
//!    as kubectl does and checking it; highlighting it), each as a ratio to the time saphyr's
//!    parser alone takes to read the same text (its events, no tree: the floor).
//!
//! Run with `cargo bench --bench samples` (DECKHAND_BENCH_RUNS=N changes the number of runs per
//! row, 3 by default); prints Markdown tables with medians.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;
use deckhand::validate::{Context, crds::Schemas, recognise::Patches, validate_file};

fn runs() -> usize {
    std::env::var("DECKHAND_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3)
}

fn main() {
    let temp = tempfile::tempdir().unwrap();
    println!("deckhand samples, release binary; {}", machine());
    println!();
    check_table(temp.path());
    println!();
    large_sample_table(temp.path());
}

fn ms(time: Duration) -> f64 {
    time.as_secs_f64() * 1000.0
}

fn deckhand(args: &[&str], dir: &Path) -> Duration {
    run_measured(Command::new(DECKHAND).args(args).arg(dir)).wall
}

fn check_table(temp: &Path) {
    let dir = workload(50, "deckhand-includes");
    let manifests = count_yaml(&dir.join("content/samples"));
    let out = temp.join("out");
    let out = out.to_str().unwrap();
    let (mut cold, mut warm, mut build) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs() {
        let _ = std::fs::remove_dir_all(dir.join(".deckhand"));
        cold.push(ms(deckhand(&["check"], &dir)));
        warm.push(ms(deckhand(&["check"], &dir)));
        build.push(ms(deckhand(&["build", "--out", out], &dir)));
    }
    println!("`deckhand check` of {manifests} manifests (workload n50, included samples)");
    println!();
    println!("| command | median |");
    println!("|---|---:|");
    println!(
        "| check, cold (no `.deckhand/`) | {:.0} ms |",
        median(&mut cold)
    );
    println!("| check, warm (second run) | {:.0} ms |", median(&mut warm));
    println!(
        "| build, warm (for comparison) | {:.0} ms |",
        median(&mut build)
    );
}

fn count_yaml(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            let path = e.path();
            if path.is_dir() {
                count_yaml(&path)
            } else {
                usize::from(path.extension().is_some_and(|x| x == "yaml"))
            }
        })
        .sum()
}

/// A ConfigMap of about `lines` lines: short settings, and every 50th key a small block scalar.
fn large_config_map(lines: usize) -> String {
    let mut text = String::from(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: large-settings\n  labels: {app: shop}\ndata:\n",
    );
    let mut i = 0;
    while text.lines().count() < lines {
        if i % 50 == 0 {
            text.push_str(&format!(
                "  script-{i:06}.sh: |\n    #!/bin/sh\n    echo \"step {i}\" >> /tmp/log\n    exit 0\n"
            ));
        } else {
            text.push_str(&format!(
                "  setting-{i:06}: \"value number {i}, with a comma and a # sign\"\n"
            ));
        }
        i += 1;
    }
    text
}

/// A workshop made by `deckhand new`, plus a chapter that includes `sample` when given.
fn workshop_with(dir: &Path, sample: Option<&str>) -> PathBuf {
    let status = Command::new(DECKHAND)
        .arg("new")
        .arg(dir)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let samples = dir.join("content/samples/large");
    std::fs::create_dir_all(&samples).unwrap();
    let body = if let Some(text) = sample {
        std::fs::write(samples.join("settings.yaml"), text).unwrap();
        "```yaml\n{{#include samples/large/settings.yaml}}\n```"
    } else {
        "None here."
    };
    let chapter = format!(
        "+++\ntitle = \"Large settings\"\nduration = 10\n+++\n\n# Large settings\n\n{body}\n"
    );
    std::fs::write(dir.join("content/90-large.md"), chapter).unwrap();
    dir.to_path_buf()
}

/// The median of `runs()` timings of `work`.
fn timed(mut work: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs())
        .map(|_| {
            let started = Instant::now();
            work();
            ms(started.elapsed())
        })
        .collect();
    median(&mut times)
}

fn cold_build(dir: &Path, out: &Path) -> f64 {
    let out = out.to_str().unwrap();
    timed(|| {
        let _ = std::fs::remove_dir_all(dir.join(".deckhand"));
        let _ = std::fs::remove_dir_all(out);
        deckhand(&["build", "--out", out], dir);
    })
}

fn large_sample_table(temp: &Path) {
    let plain = workshop_with(&temp.join("plain"), None);
    let without = cold_build(&plain, &temp.join("out-plain"));
    println!("One large sample (a ConfigMap) included in a chapter; ratios to saphyr's parser");
    println!();
    println!(
        "| lines | saphyr-parser events | read + check (in process) | highlight (in process) | build, cold, minus the same build without it |"
    );
    println!("|---:|---:|---:|---:|---:|");
    for lines in [20_000, 100_000] {
        let text = large_config_map(lines);
        let floor = timed(|| {
            let events = saphyr_parser::Parser::new_from_str(&text).count();
            assert!(events > lines);
        });
        let schemas = Schemas::default();
        let patches = Patches::default();
        let context = Context {
            root: temp,
            schemas: &schemas,
            patches: &patches,
        };
        let file = Path::new("content/samples/large/settings.yaml");
        let check = timed(|| {
            let found = validate_file(file, &text, &context);
            assert!(found.diagnostics.is_empty(), "{:?}", found.diagnostics);
        });
        let highlight = timed(|| {
            let html = deckhand::highlight::highlight_uncached("yaml", &text);
            assert_eq!(html.len(), text.lines().count());
        });
        let dir = workshop_with(&temp.join(format!("large-{lines}")), Some(&text));
        let build = cold_build(&dir, &temp.join(format!("out-{lines}"))) - without;
        let ratio = |t: f64| format!("{t:.0} ms ({:.1}×)", t / floor);
        println!(
            "| {lines} | {floor:.1} ms | {} | {} | {} |",
            ratio(check),
            ratio(highlight),
            ratio(build)
        );
    }
    println!();
    println!("(the build without the sample: {without:.0} ms cold)");
}
