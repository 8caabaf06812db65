//! Finding the Python files to analyse: `.py`/`.pyi`/`.pyw` and notebooks
//! (`.ipynb`) under the given paths,
//! honouring `.gitignore`/`.ignore`, skipping VCS folders, virtualenvs and
//! `__pycache__`, minus `exclude` globs. A file named explicitly is always
//! analysed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use pyward_report::ErrorEntry;

const PYTHON_EXTENSIONS: &[&str] = &["py", "pyi", "pyw", "ipynb"];

/// A file chosen for analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The path as reports show it (as reached from the user's argument).
    pub display: String,
    /// The dotted module name, from the enclosing `__init__.py` packages.
    pub module: String,
    pub is_package: bool,
}

#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<SourceFile>,
    pub errors: Vec<ErrorEntry>,
}

/// Glob patterns relative to a root folder (the configuration's).
#[derive(Debug, Clone)]
pub struct PathPatterns {
    root: PathBuf,
    set: GlobSet,
}

impl PathPatterns {
    pub fn new(root: &Path, patterns: &[String]) -> Result<Self, globset::Error> {
        let mut builder = GlobSetBuilder::new();
        for pattern in patterns {
            builder.add(Glob::new(pattern)?);
            // `build` also excludes everything below a folder called build.
            builder.add(Glob::new(&format!("{}/**", pattern.trim_end_matches('/')))?);
        }
        Ok(Self { root: absolute(root), set: builder.build()? })
    }

    pub fn empty() -> Self {
        Self { root: PathBuf::new(), set: GlobSet::empty() }
    }

    /// Whether `path` matches, relative to the root or by its file name.
    pub fn matches(&self, path: &Path) -> bool {
        if self.set.is_empty() {
            return false;
        }
        let full = absolute(path);
        let relative = full.strip_prefix(&self.root).unwrap_or(&full);
        self.set.is_match(relative) || path.file_name().is_some_and(|name| self.set.is_match(name))
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Walks `paths`. `max_size` bytes is the largest file analysed.
pub fn discover(paths: &[PathBuf], excludes: &PathPatterns, max_size: u64) -> Discovery {
    discover_on(paths, excludes, max_size, 0)
}

/// [`discover`] on `threads` threads (0: one per core).
pub fn discover_on(paths: &[PathBuf], excludes: &PathPatterns, max_size: u64, threads: usize) -> Discovery {
    let mut discovery = Discovery::default();
    let mut packages = PackageCache::default();
    for root in paths {
        if root.is_file() {
            // Named explicitly: analysed whatever its name or the excludes say.
            discovery.add(root, max_size, &mut packages);
            continue;
        }
        for found in walk(root, excludes, threads) {
            match found {
                Found::File(path, size) => discovery.add_sized(&path, size, max_size, &mut packages),
                Found::Error(error) => discovery.errors.push(error),
            }
        }
    }
    discovery.files.sort_by(|a, b| a.display.cmp(&b.display));
    discovery.files.dedup_by(|a, b| a.path == b.path);
    discovery
}

/// The Python files under `root` with their sizes, and the walk's errors,
/// found on `threads` threads (each file's size costs a call to the file
/// system); the caller names the files after their packages.
fn walk(root: &Path, excludes: &PathPatterns, threads: usize) -> Vec<Found> {
    let excludes_for_filter = excludes.clone();
    let walker = ignore::WalkBuilder::new(root)
        .threads(threads)
        .follow_links(true)
        .require_git(false)
        .filter_entry(move |entry| !skipped_folder(entry) && !excludes_for_filter.matches(entry.path()))
        .build_parallel();
    let found: std::sync::Mutex<Vec<Found>> = std::sync::Mutex::default();
    walker.run(|| {
        let found = &found;
        let mut mine = FoundByThread { found, list: Vec::new() };
        Box::new(move |entry| {
            mine.list.push(match entry {
                Ok(entry) => {
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    if !is_file || !has_python_extension(entry.path()) {
                        return ignore::WalkState::Continue;
                    }
                    let path = entry.into_path();
                    let size = std::fs::metadata(&path).map(|m| m.len());
                    Found::File(path, size)
                }
                Err(error) => Found::Error(walk_error(root, &error)),
            });
            ignore::WalkState::Continue
        })
    });
    found.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// What one entry of the walk gave.
enum Found {
    File(PathBuf, std::io::Result<u64>),
    Error(ErrorEntry),
}

/// The entries one thread of the walk found, handed over when it ends.
struct FoundByThread<'a> {
    found: &'a std::sync::Mutex<Vec<Found>>,
    list: Vec<Found>,
}

impl Drop for FoundByThread<'_> {
    fn drop(&mut self) {
        let mut found = self.found.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        found.append(&mut self.list);
    }
}

fn has_python_extension(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| PYTHON_EXTENSIONS.contains(&e))
}

/// `__pycache__`, and any virtualenv (a folder holding `pyvenv.cfg`).
fn skipped_folder(entry: &ignore::DirEntry) -> bool {
    // The walk knows the entry's type: asking the file system again would cost a call per file.
    if !entry.file_type().is_some_and(|t| t.is_dir()) {
        return false;
    }
    let path = entry.path();
    path.file_name().is_some_and(|name| name == "__pycache__") || path.join("pyvenv.cfg").is_file()
}

fn walk_error(root: &Path, error: &ignore::Error) -> ErrorEntry {
    let path = error_path(error).unwrap_or_else(|| root.to_path_buf());
    let kind = if error.to_string().contains("loop") { "symlink-loop" } else { "io" };
    ErrorEntry::new(path.display().to_string(), kind, error.to_string())
}

fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

impl Discovery {
    fn add(&mut self, path: &Path, max_size: u64, packages: &mut PackageCache) {
        self.add_sized(path, std::fs::metadata(path).map(|m| m.len()), max_size, packages);
    }

    /// Adds the file at `path`, of `size` bytes as the file system told.
    fn add_sized(&mut self, path: &Path, size: std::io::Result<u64>, max_size: u64, packages: &mut PackageCache) {
        let display = path.strip_prefix("./").unwrap_or(path).display().to_string();
        match size {
            Ok(size) if size > max_size => self.errors.push(ErrorEntry::new(
                display,
                "too-large",
                format!("{size} bytes is over the {max_size}-byte limit; raise `max-file-size` to analyse it"),
            )),
            Ok(_) => {
                let (module, is_package) = packages.module_name(path);
                self.files.push(SourceFile { path: path.to_path_buf(), display, module, is_package });
            }
            Err(error) => self.errors.push(ErrorEntry::new(display, "io", error.to_string())),
        }
    }
}

/// Remembers which folders are packages, so each is asked about once.
#[derive(Default)]
struct PackageCache {
    package_of_folder: HashMap<PathBuf, Option<String>>,
}

impl PackageCache {
    /// The dotted name of the module at `path`, and whether it is a package's `__init__`.
    fn module_name(&mut self, path: &Path) -> (String, bool) {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("module").to_string();
        let folder = path.parent().map(absolute).unwrap_or_default();
        let package = self.package(&folder);
        if stem == "__init__" {
            return (package.unwrap_or(stem), true);
        }
        match package {
            Some(package) => (format!("{package}.{stem}"), false),
            None => (stem, false),
        }
    }

    fn package(&mut self, folder: &Path) -> Option<String> {
        if let Some(known) = self.package_of_folder.get(folder) {
            return known.clone();
        }
        let name = folder.file_name().and_then(|n| n.to_str()).map(str::to_string);
        let result = match name {
            Some(name) if folder.join("__init__.py").is_file() => match folder.parent() {
                Some(parent) => match self.package(parent) {
                    Some(outer) => Some(format!("{outer}.{name}")),
                    None => Some(name),
                },
                None => Some(name),
            },
            _ => None,
        };
        self.package_of_folder.insert(folder.to_path_buf(), result.clone());
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "x = 1\n").unwrap();
    }

    #[test]
    fn finds_python_files_and_skips_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(&root.join("app/__init__.py"));
        touch(&root.join("app/views.py"));
        touch(&root.join("app/stub.pyi"));
        touch(&root.join("app/readme.txt"));
        touch(&root.join("app/__pycache__/views.py"));
        touch(&root.join("venv/lib/site.py"));
        std::fs::write(root.join("venv/pyvenv.cfg"), "home = /usr\n").unwrap();
        touch(&root.join("ignored/gen.py"));
        std::fs::write(root.join(".gitignore"), "ignored/\n").unwrap();
        touch(&root.join("build/out.py"));
        let excludes = PathPatterns::new(root, &["build".to_string()]).unwrap();
        let found = discover(&[root.to_path_buf()], &excludes, 1 << 20);
        let names: Vec<String> =
            found.files.iter().map(|f| f.path.strip_prefix(root).unwrap().display().to_string()).collect();
        assert_eq!(names, vec!["app/__init__.py", "app/stub.pyi", "app/views.py"]);
        let views = found.files.iter().find(|f| f.path.ends_with("views.py")).unwrap();
        assert_eq!(views.module, "app.views");
        assert!(found.files.iter().any(|f| f.module == "app" && f.is_package));
        // However many threads walk, the same files come out in the same order.
        for threads in [1, 3] {
            assert_eq!(discover_on(&[root.to_path_buf()], &excludes, 1 << 20, threads).files, found.files);
        }
    }

    #[test]
    fn explicit_files_are_always_analysed_and_size_is_limited() {
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("tool");
        std::fs::write(&script, "import os\n").unwrap();
        let big = dir.path().join("big.py");
        std::fs::write(&big, "x = 1\n".repeat(100)).unwrap();
        let excludes = PathPatterns::new(dir.path(), &["tool".to_string()]).unwrap();
        let found = discover(&[script.clone(), big], &excludes, 100);
        assert_eq!(found.files.len(), 1);
        assert_eq!(found.files[0].path, script);
        assert_eq!(found.errors.len(), 1);
        assert_eq!(found.errors[0].kind, "too-large");
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_an_error_entry() {
        let dir = tempfile::tempdir().unwrap();
        let inner = dir.path().join("pkg");
        touch(&inner.join("a.py"));
        std::os::unix::fs::symlink(&inner, inner.join("loop")).unwrap();
        let found = discover(&[dir.path().to_path_buf()], &PathPatterns::empty(), 1 << 20);
        assert_eq!(found.files.len(), 1);
        assert!(found.errors.iter().any(|e| e.kind == "symlink-loop"), "{:?}", found.errors);
    }
}
