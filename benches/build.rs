//! Build times and peak memory of the release binary on the synthetic workshops of
//! ../shared/workload (10 and 200 chapters, YAML inline or included from samples) and on the
//! bundled workshop. Cold: no highlighting/sample cache and no previous output. Warm: both there
//! (the usual rebuild). Run with `cargo bench --bench build`; prints a Markdown table.

mod common;

use std::process::Command;

use common::*;

const COLD_RUNS: usize = 3;
const WARM_RUNS: usize = 10;

fn main() {
    let temp = tempfile::tempdir().unwrap();
    let bundled = bundled_copy(&temp.path().join("bundled"));
    let cases = [
        ("bundled workshop (10 chapters)".to_string(), bundled),
        (
            "workload n10, inline YAML".to_string(),
            workload(10, "deckhand"),
        ),
        (
            "workload n10, included samples".to_string(),
            workload(10, "deckhand-includes"),
        ),
        (
            "workload n200, inline YAML".to_string(),
            workload(200, "deckhand"),
        ),
        (
            "workload n200, included samples".to_string(),
            workload(200, "deckhand-includes"),
        ),
    ];
    println!("deckhand build, release binary; {}", machine());
    println!();
    println!("| workshop | cold median | warm median | warm p95 | peak RSS (max) |");
    println!("|---|---:|---:|---:|---:|");
    for (name, dir) in cases {
        let out = temp.path().join("out");
        let mut cold = Vec::new();
        let mut warm = Vec::new();
        let mut peak = 0;
        let build = || {
            run_measured(
                Command::new(DECKHAND)
                    .arg("build")
                    .arg(&dir)
                    .arg("--out")
                    .arg(&out),
            )
        };
        for _ in 0..COLD_RUNS {
            let _ = std::fs::remove_dir_all(dir.join(".deckhand"));
            let _ = std::fs::remove_dir_all(&out);
            let (time, rss) = build();
            cold.push(time.as_secs_f64() * 1000.0);
            peak = peak.max(rss);
        }
        for _ in 0..WARM_RUNS {
            let (time, rss) = build();
            warm.push(time.as_secs_f64() * 1000.0);
            peak = peak.max(rss);
        }
        println!(
            "| {name} | {:.0} ms | {:.1} ms | {:.1} ms | {:.1} MiB |",
            median(&mut cold),
            median(&mut warm.clone()),
            percentile(&mut warm, 95.0),
            peak as f64 / 1_048_576.0
        );
    }
}
