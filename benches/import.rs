//! `deckhand import` and the build it runs, on a public course (a deck manifest of 100+ chapters,
//! such as container.training's `slides/kube-selfpaced.yml`, whose path you give in
//! `DECKHAND_BENCH_COURSE`), against a cold build of the synthetic 200-chapter workshop of
//! ../shared/workload. An import always starts cold: a new folder, no cache.
//! Run with `DECKHAND_BENCH_COURSE=/path/to/slides/kube-selfpaced.yml cargo bench --bench import`.

mod common;

use std::process::Command;

use common::*;

const RUNS: usize = 3;

fn main() {
    let Some(course) = std::env::var_os("DECKHAND_BENCH_COURSE") else {
        println!(
            "skipped: set DECKHAND_BENCH_COURSE to a deck manifest (e.g. container.training's slides/kube-selfpaced.yml)"
        );
        return;
    };
    let temp = tempfile::tempdir().unwrap();
    let synthetic = workload(200, "deckhand");
    let mut import = Vec::new();
    let mut build = Vec::new();
    let mut peak = 0;
    for run in 0..RUNS {
        let out = temp.path().join(format!("course-{run}"));
        let measured = run_measured(
            Command::new(DECKHAND)
                .arg("import")
                .arg(&course)
                .arg("--out")
                .arg(&out)
                .arg("--chapter-per-file"),
        );
        import.push(measured.wall.as_secs_f64() * 1000.0);
        peak = peak.max(measured.peak_rss);
        let site = temp.path().join("synthetic-site");
        let _ = std::fs::remove_dir_all(synthetic.join(".deckhand"));
        let _ = std::fs::remove_dir_all(&site);
        let measured = run_measured(
            Command::new(DECKHAND)
                .arg("build")
                .arg(&synthetic)
                .arg("--out")
                .arg(&site),
        );
        build.push(measured.wall.as_secs_f64() * 1000.0);
    }
    let chapters = std::fs::read_dir(temp.path().join("course-0/content"))
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
                .count()
        })
        .unwrap_or(0);
    let (import, build) = (median(&mut import), median(&mut build));
    println!("deckhand import + build, release binary; {}", machine());
    println!();
    println!("| what | median of {RUNS} | peak RSS |");
    println!("|---|---:|---:|");
    println!(
        "| import + build of {} ({chapters} chapters, one per file) | {import:.0} ms | {:.1} MiB |",
        std::path::Path::new(&course).display(),
        peak as f64 / 1_048_576.0
    );
    println!("| cold build of workload n200, inline YAML | {build:.0} ms | |");
    println!();
    println!("ratio: {:.2} (target: at most 2)", import / build);
}
