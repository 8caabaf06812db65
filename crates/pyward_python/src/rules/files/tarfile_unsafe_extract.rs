use pyward_report::{Confidence, Severity};

use crate::engine::helpers::string_value;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};
use crate::version::PythonVersion;

/// ## What it finds
/// `TarFile.extractall()` and `TarFile.extract()` without an extraction
/// `filter` (or with `filter="fully_trusted"`), on archives opened with
/// `tarfile.open()` or `tarfile.TarFile()`.
///
/// ## Why it matters
/// Tar members may be named `../../etc/cron.d/x` or `/home/user/.ssh/...`,
/// be symlinks pointing outside the target, or be device files. Before
/// Python 3.14 `extractall` honours all of that by default (CVE-2007-4559,
/// still found in hundreds of thousands of projects).
///
/// Code targeting Python 3.14 or later (`target-version`) is not reported:
/// there the default filter is `"data"`.
///
/// ## Example
/// ```python
/// with tarfile.open(upload) as archive:
///     archive.extractall(dest)
/// ```
///
/// ## Fix
/// `archive.extractall(dest, filter="data")` (Python 3.12+, and security
/// releases of 3.8–3.11), or check every member's resolved path before
/// extracting.
///
/// ## References
/// - CWE-22: Path Traversal
///
/// ## Differences from Bandit/Ruff
/// Bandit and Ruff report any method named `extractall` in a file that
/// imports `tarfile`, whatever the object (a `ZipFile`, a test helper, even
/// the nonexistent `tarfile.extractall()`). pyward reports only archives it
/// knows come from `tarfile.open()` or `TarFile`, so a `TarFile` handed in as
/// a parameter or stored in `self.tar` is not reported. It also reports
/// `extract()`, which they do not. A filter that is not a literal
/// (`filter=filter` passed through from the caller) is taken as the caller's
/// decision and not reported; both peers report it.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW402",
        name: "tarfile-unsafe-extract",
        summary: "Tar extraction without a filter follows ../, absolute paths and links",
        severity: Severity::High,
        confidence: Confidence::Medium,
        cwe: &[22],
        category: "language/file-operations",
        aliases: &["B202", "S202"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "tarfile.open().extractall",
            "tarfile.open().extract",
            "tarfile.TarFile().extractall",
            "tarfile.TarFile().extract",
            "tarfile.TarFile.open().extractall",
            "tarfile.TarFile.open().extract",
            "tarfile.TarFile.taropen().extractall",
            "tarfile.TarFile.gzopen().extractall",
            "tarfile.TarFile.bz2open().extractall",
            "tarfile.TarFile.xzopen().extractall",
        ],
        check,
    }],
};

const SAFE_FILTERS: &[&str] = &["data", "tar", "tarfile.data_filter", "tarfile.tar_filter"];

fn check(site: &CallSite) -> Option<Violation> {
    if site.context.python.version.is_some_and(|v| v >= PythonVersion::new(3, 14)) {
        return None;
    }
    let Some(filter) = site.keyword("filter") else {
        if site.has_double_star() {
            return None;
        }
        return Some(Violation::new(
            "tar extraction without filter= honours ../ names, absolute paths and links; pass filter=\"data\"",
        ));
    };
    let named = string_value(filter).map(str::to_string).or_else(|| site.resolve(filter));
    match named.as_deref() {
        Some(name) if SAFE_FILTERS.contains(&name) => None,
        Some("fully_trusted" | "tarfile.fully_trusted_filter") => Some(Violation::new(
            "tar extraction with the fully_trusted filter honours ../ names, absolute paths and links",
        )),
        // A custom filter function: the author took responsibility.
        _ => None,
    }
}
