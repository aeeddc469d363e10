//! Putting a staged build in place of the output, in one step, and clearing what killed builds
//! left behind.
//!
//! On Linux the swap is one `renameat2(RENAME_EXCHANGE)`: the staging folder and the output
//! trade places atomically, so at every instant the output is either the whole old build or the
//! whole new one, even if the process is killed mid-way. Where the system lacks it (another
//! kernel, or a file system that refuses the flag, such as some network and FUSE file systems),
//! the swap falls back to two renames (the old output aside, the new one in), with a window in
//! which the output is missing; a build killed in it leaves the old output under its
//! `.<name>.deckhand-old-<pid>` name, and the next build clears that too.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::is_ours;

/// The staging folder of the build with process id `pid`, beside the output `target`.
pub fn staging_name(target: &Path, pid: u32) -> PathBuf {
    beside(target, &format!("deckhand-staging-{pid}"))
}

/// Where the fallback swap puts the old output for a moment.
fn old_name(target: &Path, pid: u32) -> PathBuf {
    beside(target, &format!("deckhand-old-{pid}"))
}

/// `.<name of target>.<suffix>`, in the folder of `target`.
fn beside(target: &Path, suffix: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    parent_of(target).join(format!(".{name}.{suffix}"))
}

/// The folder holding `path` (`.` for a bare name).
pub fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Make `staging` the output `target`. Afterwards `staging` holds the previous output, if there
/// was one (the caller keeps it as the next build's starting point, or removes it).
pub fn swap_in(staging: &Path, target: &Path) -> io::Result<()> {
    if fs::symlink_metadata(target).is_err() {
        // Nothing to replace: a rename makes the whole folder appear at once.
        return fs::rename(staging, target);
    }
    match exchange(staging, target) {
        Ok(()) => Ok(()),
        Err(err) if exchange_unsupported(&err) => swap_by_two_renames(staging, target),
        Err(err) => Err(err),
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(staging: &Path, target: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, staging, CWD, target, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// The errors saying the system or the file system has no atomic exchange.
fn exchange_unsupported(err: &io::Error) -> bool {
    err.kind() == io::ErrorKind::Unsupported
        || matches!(
            err.raw_os_error().map(rustix::io::Errno::from_raw_os_error),
            Some(
                rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS | rustix::io::Errno::OPNOTSUPP
            )
        )
}

/// The fallback: the old output aside, the new one in, the old one where the staging folder was.
fn swap_by_two_renames(staging: &Path, target: &Path) -> io::Result<()> {
    let old = old_name(target, std::process::id());
    if fs::symlink_metadata(&old).is_ok() {
        fs::remove_dir_all(&old)?;
    }
    fs::rename(target, &old)?;
    if let Err(err) = fs::rename(staging, target) {
        // Put the previous output back rather than leave nothing.
        let _ = fs::rename(&old, target);
        return Err(err);
    }
    fs::rename(&old, staging)
}

/// Remove the staging folders (and fallback leftovers) of builds of `target` that were killed:
/// folders deckhand made, named for a process that is no longer running.
pub fn clear_stale(target: &Path) {
    let parent = parent_of(target);
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().to_string()) else {
        return;
    };
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().to_string();
        let pid = ["deckhand-staging-", "deckhand-old-"]
            .iter()
            .find_map(|kind| {
                file_name
                    .strip_prefix(&format!(".{name}.{kind}"))
                    .and_then(|pid| pid.parse::<u32>().ok())
            });
        let Some(pid) = pid else { continue };
        if pid != std::process::id() && !is_running(pid) && is_ours(&entry.path()) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether a process with this id exists (a signal 0 reaches it, or it belongs to someone else).
fn is_running(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    !matches!(
        rustix::process::test_kill_process(pid),
        Err(rustix::io::Errno::SRCH)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_with(path: &Path, file: &str) {
        fs::create_dir_all(path).unwrap();
        fs::write(path.join(super::super::MARKER), "").unwrap();
        fs::write(path.join(file), file).unwrap();
    }

    #[test]
    fn the_swap_trades_places() {
        let dir = tempfile::tempdir().unwrap();
        let (staging, target) = (dir.path().join(".public.s"), dir.path().join("public"));
        folder_with(&staging, "new");
        swap_in(&staging, &target).unwrap();
        assert!(target.join("new").is_file());
        assert!(
            fs::symlink_metadata(&staging).is_err(),
            "nothing was replaced"
        );
        folder_with(&staging, "newer");
        swap_in(&staging, &target).unwrap();
        assert!(target.join("newer").is_file());
        assert!(
            staging.join("new").is_file(),
            "the old output is where the staging was"
        );
        folder_with(&dir.path().join(".public.o"), "x");
        swap_by_two_renames(&dir.path().join(".public.o"), &target).unwrap();
        assert!(target.join("x").is_file());
        assert!(dir.path().join(".public.o/newer").is_file());
    }

    #[test]
    fn stale_folders_of_dead_builds_go_and_others_stay() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        // A pid above the kernel's maximum (4194304) never runs.
        let dead = staging_name(&target, 4_194_999);
        let old = old_name(&target, 4_194_998);
        let mine = staging_name(&target, std::process::id());
        let alive = staging_name(&target, 1);
        for folder in [&dead, &old, &mine, &alive] {
            folder_with(folder, "index.html");
        }
        let not_ours = staging_name(&target, 4_194_997);
        fs::create_dir(&not_ours).unwrap();
        clear_stale(&target);
        assert!(!dead.exists() && !old.exists());
        assert!(mine.exists() && alive.exists() && not_ours.exists());
    }
}
