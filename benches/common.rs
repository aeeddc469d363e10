//! What both benchmarks need: the synthetic workloads, running the release binary, statistics.

#![allow(dead_code)] // each benchmark uses part of it

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The deckhand binary of this build (cargo bench builds it in release mode).
pub const DECKHAND: &str = env!("CARGO_BIN_EXE_deckhand");

/// The formats generated for each workload: deckhand's two, and those of the peers the build
/// benchmark runs.
const FORMATS: [&str; 4] = ["deckhand", "deckhand-includes", "reveal", "mdbook"];

/// Generate (once) the synthetic workshop of `chapters` chapters in `format` ("deckhand" or
/// "deckhand-includes") with ../shared/workload/gen_workload.py, or the script named by
/// DECKHAND_WORKLOAD_GEN.
pub fn workload(chapters: usize, format: &str) -> PathBuf {
    workload_root(chapters).join(format)
}

/// The folder holding the workload of `chapters` chapters in every format of [`FORMATS`].
pub fn workload_root(chapters: usize) -> PathBuf {
    let script = std::env::var_os("DECKHAND_WORKLOAD_GEN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/workload/gen_workload.py")
        });
    assert!(
        script.is_file(),
        "the workload generator is missing: {} (set DECKHAND_WORKLOAD_GEN)",
        script.display()
    );
    let out =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-workloads/n{chapters}"));
    let complete = out.join("deckhand/workshop.toml").is_file()
        && out.join("deckhand-includes/workshop.toml").is_file()
        && out.join("mdbook/book.toml").is_file()
        && out.join("reveal/ch001.md").is_file();
    if !complete {
        let status = Command::new("python3")
            .arg(&script)
            .args(["-n", &chapters.to_string(), "--out"])
            .arg(&out)
            .args(["--formats", &FORMATS.join(",")])
            .status()
            .expect("run python3");
        assert!(status.success(), "the workload generator failed");
    }
    out
}

/// A copy of the bundled workshop (workshop.toml, content/ and its schemas) at `to`, so that a
/// benchmark's caches and edits stay out of the repository.
pub fn bundled_copy(to: &Path) -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("content"), &to.join("content"));
    copy_dir(&repo.join("schemas"), &to.join("schemas"));
    std::fs::copy(repo.join("workshop.toml"), to.join("workshop.toml")).unwrap();
    to.to_path_buf()
}

/// Copy a folder (a workshop) to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// What one run of a command cost.
pub struct Measured {
    pub wall: Duration,
    /// User + system CPU time of the process and its waited-for children: on a busy machine it
    /// moves far less than the wall time does.
    pub cpu: Duration,
    /// Peak resident memory, bytes.
    pub peak_rss: u64,
}

/// Run a command to completion: its wall time, CPU time and peak resident memory (from wait4).
pub fn run_measured(command: &mut Command) -> Measured {
    let started = std::time::Instant::now();
    let child = command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child, waited for exactly once; `status` and `usage` are valid.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = started.elapsed();
    assert_eq!(waited, pid, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{command:?} failed"
    );
    std::mem::forget(child);
    let seconds = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Measured {
        wall: elapsed,
        cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        // ru_maxrss is in kilobytes on Linux.
        peak_rss: usage.ru_maxrss as u64 * 1024,
    }
}

pub fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// The nearest-rank percentile.
pub fn percentile(values: &mut [f64], p: f64) -> f64 {
    values.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * values.len() as f64).ceil() as usize;
    values[rank.clamp(1, values.len()) - 1]
}

/// The machine, for the results table.
pub fn machine() -> String {
    let cpus = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    format!(
        "{cpus} CPUs, load average {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    )
}
