//! `[tool.pyward]` in `pyproject.toml`, or a `pyward.toml`: discovery and
//! strict parsing. Unknown keys and bad values are errors naming the file,
//! the line and the key.

use std::path::{Path, PathBuf};

use pyward_report::{Confidence, Severity};
use toml_edit::{ImDocument, Item, TableLike};

use crate::engine::Selector;
use crate::version::PythonVersion;

pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

const KNOWN_KEYS: &[&str] = &[
    "select",
    "ignore",
    "severity",
    "confidence",
    "exclude",
    "per-file-ignores",
    "target-version",
    "max-file-size",
    "dataflow",
];

/// The settings a configuration file holds; `None`/empty where it is silent.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it came from (`None` for defaults).
    pub path: Option<PathBuf>,
    pub select: Vec<Selector>,
    pub ignore: Vec<Selector>,
    pub severity: Option<Severity>,
    pub confidence: Option<Confidence>,
    pub exclude: Vec<String>,
    pub per_file_ignores: Vec<(String, Vec<Selector>)>,
    pub target_version: Option<PythonVersion>,
    pub max_file_size: Option<u64>,
    /// `[tool.pyward.dataflow]`: the project's own sources, sinks and sanitisers on top of the built-in ones.
    pub dataflow: Option<std::sync::Arc<crate::dataflow::Specs>>,
}

impl Config {
    /// The folder that globs in `exclude` and `per-file-ignores` are relative to.
    pub fn root(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: Option<u32>,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// The nearest `pyward.toml`, or `pyproject.toml` with a `[tool.pyward]`
/// table, in `start` or a folder above it.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(start).ok()?;
    let mut folder = if start.is_dir() { Some(start.as_path()) } else { start.parent() };
    while let Some(dir) = folder {
        let dedicated = dir.join("pyward.toml");
        if dedicated.is_file() {
            return Some(dedicated);
        }
        let pyproject = dir.join("pyproject.toml");
        if std::fs::read_to_string(&pyproject).is_ok_and(|text| text.contains("[tool.pyward")) {
            return Some(pyproject);
        }
        folder = dir.parent();
    }
    None
}

pub fn load_config(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|error| ConfigError {
        path: path.to_path_buf(),
        line: None,
        message: format!("cannot read the configuration: {error}"),
    })?;
    parse_config(path, &text)
}

pub fn parse_config(path: &Path, text: &str) -> Result<Config, ConfigError> {
    let parser = Parser { path, text };
    let document = ImDocument::parse(text.to_string()).map_err(|error| {
        parser.error(error.span().map(|s| s.start), format!("invalid TOML: {}", error.message().trim()))
    })?;
    let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
    let table: &dyn TableLike = if is_pyproject {
        match document.as_table().get("tool").and_then(|t| t.get("pyward")).and_then(Item::as_table_like) {
            Some(table) => table,
            None => return Ok(Config { path: Some(path.to_path_buf()), ..Config::default() }),
        }
    } else {
        document.as_table()
    };
    parser.config(table)
}

struct Parser<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Parser<'_> {
    fn error(&self, offset: Option<usize>, message: String) -> ConfigError {
        let line = offset.map(|o| {
            let end = o.min(self.text.len());
            u32::try_from(self.text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1).unwrap_or(0)
        });
        ConfigError { path: self.path.to_path_buf(), line, message }
    }

    fn config(&self, table: &dyn TableLike) -> Result<Config, ConfigError> {
        let mut config = Config { path: Some(self.path.to_path_buf()), ..Config::default() };
        for (key, item) in table.iter() {
            let at = item.span().map(|s| s.start);
            let bad = |what: &str| self.error(at, format!("`{key}` must be {what}"));
            match key {
                "select" => config.select = self.strings(key, item)?.into_iter().map(Selector).collect(),
                "ignore" => config.ignore = self.strings(key, item)?.into_iter().map(Selector).collect(),
                "exclude" => config.exclude = self.strings(key, item)?,
                "severity" => {
                    let text = item.as_str().ok_or_else(|| bad("one of \"low\", \"medium\", \"high\""))?;
                    config.severity =
                        Some(Severity::parse(text).ok_or_else(|| bad("one of \"low\", \"medium\", \"high\""))?);
                }
                "confidence" => {
                    let text = item.as_str().ok_or_else(|| bad("one of \"low\", \"medium\", \"high\""))?;
                    config.confidence =
                        Some(Confidence::parse(text).ok_or_else(|| bad("one of \"low\", \"medium\", \"high\""))?);
                }
                "target-version" => {
                    let text = item.as_str().ok_or_else(|| bad("a version such as \"py27\" or \"py312\""))?;
                    let version = PythonVersion::parse(text)
                        .ok_or_else(|| bad("a version from \"py27\" to \"py314\" (e.g. \"py312\")"))?;
                    config.target_version = Some(version);
                }
                "max-file-size" => config.max_file_size = Some(self.size(key, item)?),
                "per-file-ignores" => config.per_file_ignores = self.per_file_ignores(item)?,
                "dataflow" => {
                    let table = item.as_table_like().ok_or_else(|| bad("a table of sources, sinks and sanitizers"))?;
                    let specs = crate::dataflow::Specs::with_table(table)
                        .map_err(|message| self.error(at, format!("[dataflow]: {message}")))?;
                    config.dataflow = Some(std::sync::Arc::new(specs));
                }
                unknown => {
                    let key_at = table.get_key_value(unknown).and_then(|(k, _)| k.span()).map(|s| s.start);
                    return Err(self.error(
                        key_at.or(at),
                        format!(
                            "unknown key `{unknown}` in pyward's configuration; known keys: {}",
                            KNOWN_KEYS.join(", ")
                        ),
                    ));
                }
            }
        }
        Ok(config)
    }

    fn strings(&self, key: &str, item: &Item) -> Result<Vec<String>, ConfigError> {
        let at = item.span().map(|s| s.start);
        let error = || self.error(at, format!("`{key}` must be a list of strings"));
        let array = item.as_array().ok_or_else(error)?;
        array.iter().map(|value| value.as_str().map(str::to_string).ok_or_else(error)).collect()
    }

    fn size(&self, key: &str, item: &Item) -> Result<u64, ConfigError> {
        let at = item.span().map(|s| s.start);
        let error = || self.error(at, format!("`{key}` must be a byte count such as 10485760 or \"10MiB\""));
        if let Some(number) = item.as_integer() {
            return u64::try_from(number).ok().filter(|n| *n > 0).ok_or_else(error);
        }
        parse_size(item.as_str().ok_or_else(error)?).ok_or_else(error)
    }

    fn per_file_ignores(&self, item: &Item) -> Result<Vec<(String, Vec<Selector>)>, ConfigError> {
        let at = item.span().map(|s| s.start);
        let table = item
            .as_table_like()
            .ok_or_else(|| self.error(at, "`per-file-ignores` must be a table of glob = [rules]".into()))?;
        let mut entries = Vec::new();
        for (glob, codes) in table.iter() {
            let list = self.strings(&format!("per-file-ignores.\"{glob}\""), codes)?;
            entries.push((glob.to_string(), list.into_iter().map(Selector).collect()));
        }
        Ok(entries)
    }
}

/// `1048576`, `"512KiB"`, `"10MiB"`, `"1GB"`.
pub fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let number: u64 = digits.parse().ok()?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1024,
        "m" | "mb" | "mib" => 1024 * 1024,
        "g" | "gb" | "gib" => 1024 * 1024 * 1024,
        _ => return None,
    };
    number.checked_mul(factor).filter(|n| *n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(name: &str, text: &str) -> Result<Config, ConfigError> {
        parse_config(Path::new(name), text)
    }

    #[test]
    fn reads_every_key() {
        let config = parse(
            "pyproject.toml",
            r#"
[project]
name = "x"

[tool.pyward]
select = ["PW2", "B602"]
ignore = ["pickle-load"]
severity = "medium"
confidence = "high"
exclude = ["build/*"]
target-version = "py27"
max-file-size = "2MiB"

[tool.pyward.per-file-ignores]
"tests/*" = ["PW101"]
"#,
        )
        .unwrap();
        assert_eq!(config.select, vec![Selector("PW2".into()), Selector("B602".into())]);
        assert_eq!(config.ignore, vec![Selector("pickle-load".into())]);
        assert_eq!(config.severity, Some(Severity::Medium));
        assert_eq!(config.confidence, Some(Confidence::High));
        assert_eq!(config.exclude, vec!["build/*".to_string()]);
        assert_eq!(config.target_version, Some(PythonVersion::PY27));
        assert_eq!(config.max_file_size, Some(2 * 1024 * 1024));
        assert_eq!(config.per_file_ignores, vec![("tests/*".to_string(), vec![Selector("PW101".into())])]);
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let error = parse("pyward.toml", "select = [\"PW1\"]\n\nseverity_level = \"high\"\n").unwrap_err();
        assert_eq!(error.line, Some(3));
        assert!(error.message.contains("unknown key `severity_level`"), "{}", error.message);
        assert!(error.to_string().starts_with("pyward.toml:3:"));
    }

    #[test]
    fn bad_values_are_errors() {
        let error = parse("pyward.toml", "target-version = \"py99\"\n").unwrap_err();
        assert!(error.message.contains("target-version"));
        let error = parse("pyward.toml", "severity = \"extreme\"\n").unwrap_err();
        assert_eq!(error.line, Some(1));
        let error = parse("pyward.toml", "select = \"PW1\"\n").unwrap_err();
        assert!(error.message.contains("list of strings"));
        let error = parse("pyward.toml", "max-file-size = \"ten\"\n").unwrap_err();
        assert!(error.message.contains("max-file-size"));
        let error = parse("pyward.toml", "select = [\n").unwrap_err();
        assert!(error.message.starts_with("invalid TOML"));
    }

    #[test]
    fn pyproject_without_section_is_empty() {
        let config = parse("pyproject.toml", "[tool.ruff]\nline-length = 88\n").unwrap();
        assert!(config.select.is_empty() && config.severity.is_none());
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("10MiB"), Some(10 * 1024 * 1024));
        assert_eq!(parse_size("512 kb"), Some(512 * 1024));
        assert_eq!(parse_size("0"), None);
        assert_eq!(parse_size("12 parsecs"), None);
    }
}
