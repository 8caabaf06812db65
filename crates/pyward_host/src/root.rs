//! Every read of `/proc`, `/sys` and `/dev` goes through a [`HostRoot`], so an
//! audit can run against the live system, a mounted image, a container's root
//! or a fake tree built by a test.

use std::fs::{File, Metadata};
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};

/// The largest kernel setting we read; sysctl values are a few bytes long.
pub const MAX_VALUE_BYTES: u64 = 4096;
/// The most directory entries listed from one folder (`/proc` on a busy host).
pub const MAX_DIR_ENTRIES: usize = 1_000_000;

/// Why a value could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// The file does not exist here (non-Linux, container, module not loaded).
    #[error("not present")]
    Missing,
    /// The file exists but we may not read it.
    #[error("permission denied")]
    Denied,
    /// The file is longer than any kernel setting is.
    #[error("longer than the {limit}-byte limit for a kernel setting")]
    TooLong { limit: u64 },
    /// The contents are not text.
    #[error("not UTF-8 text")]
    NotText,
    /// A symbolic link below the root: it could lead out of an image into
    /// the auditing machine, so it is not followed.
    #[error("{0} is a symbolic link, which is not followed below --proc-root")]
    Symlink(String),
    /// A FIFO, device or folder where a kernel setting should be; opening a
    /// FIFO would block forever.
    #[error("not a regular file")]
    NotAFile,
    #[error("{0}")]
    Other(String),
}

impl ReadError {
    /// Whether the failure says something is wrong with the input (and
    /// deserves an entry in `errors`) rather than that it is simply absent.
    pub fn is_malformed(&self) -> bool {
        matches!(self, Self::TooLong { .. } | Self::NotText | Self::Symlink(_) | Self::NotAFile | Self::Other(_))
    }

    fn from_io(error: &std::io::Error) -> Self {
        match error.kind() {
            ErrorKind::NotFound | ErrorKind::NotADirectory => Self::Missing,
            ErrorKind::PermissionDenied => Self::Denied,
            _ => Self::Other(error.to_string()),
        }
    }
}

/// A directory standing in for `/`.
#[derive(Debug, Clone)]
pub struct HostRoot {
    base: PathBuf,
}

impl HostRoot {
    pub fn new(base: impl Into<PathBuf>) -> Self {
        Self { base: base.into() }
    }

    pub fn base(&self) -> &Path {
        &self.base
    }

    /// The real location of an absolute host path such as `/proc/sys/fs/suid_dumpable`.
    pub fn resolve(&self, host_path: &str) -> PathBuf {
        self.base.join(host_path.trim_start_matches('/'))
    }

    /// Reads a small text file, trimmed of surrounding whitespace.
    pub fn read_value(&self, host_path: &str) -> Result<String, ReadError> {
        let file = self.open(host_path)?;
        let mut bytes = Vec::new();
        // One byte past the limit tells "exactly at the limit" from "too long".
        file.take(MAX_VALUE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| ReadError::from_io(&e))?;
        if bytes.len() as u64 > MAX_VALUE_BYTES {
            return Err(ReadError::TooLong { limit: MAX_VALUE_BYTES });
        }
        let text = String::from_utf8(bytes).map_err(|_| ReadError::NotText)?;
        Ok(text.trim().to_string())
    }

    /// Opens a regular file reached without symbolic links below the root
    /// (also used by the entropy watcher for its one descriptor).
    pub fn open(&self, host_path: &str) -> Result<File, ReadError> {
        let path = self.resolve(host_path);
        self.refuse_symlinks(host_path)?;
        let metadata = std::fs::metadata(&path).map_err(|e| ReadError::from_io(&e))?;
        if !metadata.is_file() {
            return Err(ReadError::NotAFile);
        }
        File::open(path).map_err(|e| ReadError::from_io(&e))
    }

    /// Checks each component below the base, so no link leads out of the root.
    fn refuse_symlinks(&self, host_path: &str) -> Result<(), ReadError> {
        let mut path = self.base.clone();
        for component in host_path.split('/').filter(|c| !c.is_empty()) {
            path.push(component);
            let metadata = std::fs::symlink_metadata(&path).map_err(|e| ReadError::from_io(&e))?;
            if metadata.file_type().is_symlink() {
                return Err(ReadError::Symlink(path.display().to_string()));
            }
        }
        Ok(())
    }

    /// Whether something exists at the path. Symbolic links are not followed,
    /// so an absolute link inside a mounted image never points at this host.
    pub fn exists(&self, host_path: &str) -> bool {
        self.metadata(host_path).is_ok()
    }

    pub fn metadata(&self, host_path: &str) -> Result<Metadata, ReadError> {
        std::fs::symlink_metadata(self.resolve(host_path)).map_err(|e| ReadError::from_io(&e))
    }

    /// The names in a folder, up to [`MAX_DIR_ENTRIES`]; the flag says whether
    /// the limit cut the listing short.
    pub fn list_dir(&self, host_path: &str) -> Result<(Vec<String>, bool), ReadError> {
        let entries = std::fs::read_dir(self.resolve(host_path)).map_err(|e| ReadError::from_io(&e))?;
        let mut names = Vec::new();
        for entry in entries.flatten() {
            if names.len() == MAX_DIR_ENTRIES {
                return Ok((names, true));
            }
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
        Ok((names, false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root_with(path: &str, contents: &[u8]) -> (tempfile::TempDir, HostRoot) {
        let dir = tempfile::tempdir().unwrap();
        let root = HostRoot::new(dir.path());
        let file = root.resolve(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, contents).unwrap();
        (dir, root)
    }

    #[test]
    fn reads_trimmed_value_under_the_root() {
        let (_dir, root) = root_with("/proc/sys/kernel/randomize_va_space", b"2\n");
        assert_eq!(root.read_value("/proc/sys/kernel/randomize_va_space").unwrap(), "2");
    }

    #[test]
    fn missing_file_is_missing_not_an_error() {
        let (_dir, root) = root_with("/proc/x", b"1");
        let error = root.read_value("/proc/sys/nothing").unwrap_err();
        assert_eq!(error, ReadError::Missing);
        assert!(!error.is_malformed());
    }

    #[test]
    fn oversized_and_binary_values_are_malformed() {
        let (_dir, root) = root_with("/proc/big", &vec![b'1'; MAX_VALUE_BYTES as usize + 1]);
        assert_eq!(root.read_value("/proc/big").unwrap_err(), ReadError::TooLong { limit: MAX_VALUE_BYTES });
        let (_dir, root) = root_with("/proc/bin", &[0xff, 0xfe]);
        assert!(root.read_value("/proc/bin").unwrap_err().is_malformed());
        let (_dir, root) = root_with("/proc/edge", &vec![b'7'; MAX_VALUE_BYTES as usize]);
        assert!(root.read_value("/proc/edge").is_ok());
    }

    #[test]
    fn symlinks_below_the_root_are_refused() {
        let (_dir, root) = root_with("/proc/sys/kernel/hostname", b"box\n");
        std::os::unix::fs::symlink("/etc/hostname", root.resolve("/proc/sys/kernel/osrelease")).unwrap();
        std::os::unix::fs::symlink("/proc/sys", root.resolve("/sys")).unwrap();
        assert!(matches!(root.read_value("/proc/sys/kernel/osrelease"), Err(ReadError::Symlink(_))));
        assert!(matches!(root.read_value("/sys/kernel/hostname"), Err(ReadError::Symlink(_))));
        assert_eq!(root.read_value("/proc/sys/kernel/hostname").unwrap(), "box");
    }

    #[test]
    fn fifo_is_refused_instead_of_blocking() {
        let (_dir, root) = root_with("/proc/sys/kernel/hostname", b"box");
        let fifo = root.resolve("/proc/sys/kernel/osrelease");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo (coreutils) is needed by this test");
        assert_eq!(root.read_value("/proc/sys/kernel/osrelease").unwrap_err(), ReadError::NotAFile);
    }

    #[test]
    fn absolute_symlinks_are_not_followed_out_of_the_root() {
        let (_dir, root) = root_with("/dev/placeholder", b"");
        std::os::unix::fs::symlink("/definitely/not/here", root.resolve("/dev/hwrng")).unwrap();
        assert!(root.exists("/dev/hwrng"));
    }
}
