//! Building a file beside its target and swapping it in atomically.
//!
//! The database is built in a temporary file in the target's own directory (so the final
//! `rename` never crosses a file system), synced to disk, then renamed over the target and the
//! directory synced. Until the rename, the previous database is untouched; if the build fails
//! or is interrupted, the temporary file is removed — by `Drop` on an error or panic, and by
//! the next build (stale files of processes that no longer run) after a kill.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

/// The temporary file a build writes, removed unless [`Staged::commit`] succeeds.
#[derive(Debug)]
pub struct Staged {
    temp: PathBuf,
    target: PathBuf,
    committed: bool,
}

/// The prefix of temporary build files for `target`: `.trellis.sqlite.build-`.
fn temp_prefix(target: &Path) -> String {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    format!(".{name}.build-")
}

fn parent_dir(target: &Path) -> PathBuf {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

impl Staged {
    /// Reserves a fresh temporary path beside `target`, creating the directory if needed and
    /// removing temporary files left by builds that were killed.
    pub fn new(target: &Path) -> io::Result<Staged> {
        let dir = parent_dir(target);
        fs::create_dir_all(&dir)?;
        remove_stale(&dir, &temp_prefix(target));
        let pid = std::process::id();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let temp = dir.join(format!("{}{pid}-{nanos:08x}", temp_prefix(target)));
        // Claim the name so that two concurrent builds never share a file.
        File::options().write(true).create_new(true).open(&temp)?;
        Ok(Staged { temp, target: target.to_path_buf(), committed: false })
    }

    pub fn path(&self) -> &Path {
        &self.temp
    }

    /// Flushes the finished file to disk, renames it over the target and syncs the directory,
    /// so that after a crash either the old or the new database is there, complete.
    pub fn commit(mut self) -> io::Result<()> {
        File::open(&self.temp)?.sync_all()?;
        fs::rename(&self.temp, &self.target)?;
        self.committed = true;
        sync_dir(&parent_dir(&self.target))
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.temp);
            // SQLite side files, should a journal mode ever create them.
            for ext in ["-journal", "-wal", "-shm"] {
                let mut side = self.temp.clone().into_os_string();
                side.push(ext);
                let _ = fs::remove_file(side);
            }
        }
    }
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    // Directories cannot be opened for syncing on this platform; the rename is still atomic.
    Ok(())
}

/// Removes temporary build files whose process is gone (a build killed before it could clean
/// up). Files of a running build are left alone.
fn remove_stale(dir: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(prefix)) else { continue };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|pid| !process_alive(pid)) {
            tracing::info!("removing {} left by an interrupted build", entry.path().display());
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    if proc.is_dir() {
        proc.join(pid.to_string()).exists()
    } else {
        // Without /proc there is no cheap portable check: keep the file rather than risk
        // deleting the file of a build that is still running.
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drop_without_commit_leaves_target_and_removes_temp() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("db.sqlite");
        fs::write(&target, b"old").unwrap();
        let staged = Staged::new(&target).unwrap();
        fs::write(staged.path(), b"new").unwrap();
        let temp = staged.path().to_path_buf();
        drop(staged);
        assert!(!temp.exists());
        assert_eq!(fs::read(&target).unwrap(), b"old");
    }

    #[test]
    fn commit_replaces_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("db.sqlite");
        fs::write(&target, b"old").unwrap();
        let staged = Staged::new(&target).unwrap();
        fs::write(staged.path(), b"new").unwrap();
        staged.commit().unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn stale_temp_of_dead_process_is_removed() {
        if !Path::new("/proc").is_dir() {
            eprintln!("SKIPPED: stale_temp_of_dead_process_is_removed needs /proc");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("db.sqlite");
        // Process ids are below 2^22 on Linux, so this one cannot be running.
        let stale = dir.path().join(format!("{}4294967-0", temp_prefix(&target)));
        fs::write(&stale, b"partial").unwrap();
        let staged = Staged::new(&target).unwrap();
        assert!(!stale.exists());
        assert!(staged.path().exists());
    }
}
