//! Opening feed files: plain or gzip (told by the magic bytes), and walking
//! directories for them.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;
use pyward_report::ErrorEntry;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// An opened feed: its bytes, decompressed when needed.
pub struct Opened {
    pub reader: Box<dyn Read + Send>,
    pub compressed: bool,
}

pub fn open(path: &Path) -> std::io::Result<Opened> {
    let mut buffered = BufReader::with_capacity(256 << 10, File::open(path)?);
    let compressed = buffered.fill_buf()?.starts_with(&GZIP_MAGIC);
    let reader: Box<dyn Read + Send> =
        if compressed { Box::new(MultiGzDecoder::new(buffered)) } else { Box::new(buffered) };
    Ok(Opened { reader, compressed })
}

/// Whether a file inside a directory looks like a feed.
fn is_feed_name(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    name.ends_with(".json") || name.ends_with(".json.gz")
}

/// The files to read: files as given, directories walked (sorted) for `*.json` and `*.json.gz`.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<ErrorEntry>) {
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files, &mut errors);
        } else {
            files.push(path.clone());
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<ErrorEntry>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(ErrorEntry::new(dir.display().to_string(), "io", format!("cannot list the directory: {e}")));
            return;
        }
    };
    // Symbolic links to directories are not followed, so a link loop cannot trap the walk.
    let mut children: Vec<(PathBuf, bool)> =
        entries.filter_map(|e| e.ok()).map(|e| (e.path(), e.file_type().is_ok_and(|t| t.is_dir()))).collect();
    children.sort();
    for (child, is_dir) in children {
        if is_dir {
            walk(&child, files, errors);
        } else if is_feed_name(&child) {
            files.push(child);
        }
    }
}
