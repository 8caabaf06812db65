use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Check, ImportSite, Rule, RuleMeta, Violation};
use crate::version::PythonVersion;

/// ## What it finds
/// Imports of standard-library modules that current Python removed (PEP 594
/// and earlier removals): `asynchat`, `asyncore`, `smtpd`, `distutils`,
/// `imp` (3.12); `aifc`, `audioop`, `cgi`, `cgitb`, `chunk`, `crypt`,
/// `imghdr`, `mailcap`, `msilib`, `nis`, `nntplib`, `ossaudiodev`, `pipes`,
/// `sndhdr`, `spwd`, `sunau`, `telnetlib`, `uu`, `xdrlib`, `lib2to3`
/// (3.13); `binhex` (3.11); `formatter`, `symbol` (3.10); `macpath` (3.8).
/// (`parser`, `rexec` and `Bastion` are PW901.)
///
/// ## Why it matters
/// These modules no longer receive fixes, several carry known weaknesses
/// (`crypt` exposes DES-based hashes, `telnetlib` and `nntplib` speak
/// cleartext, `cgi` parses uploads with unbounded memory), and on the
/// version that removed them the import fails: the program stops, often in
/// a rarely used path such as error handling.
///
/// Code whose `target-version` is older than the removal is reported at low
/// severity (deprecated, still importable). Python 2 code is not reported.
/// `chunk`, `formatter` and `symbol` are reported with low confidence: a
/// project module of that name is imported the same way.
///
/// ## Example
/// ```python
/// import crypt
/// hashed = crypt.crypt(password)
/// ```
///
/// ## Fix
/// Use the replacement the message names (`hashlib.scrypt` or a password
/// hashing library for `crypt`, `subprocess` with `shlex.quote` for `pipes`,
/// `importlib` for `imp`, `email`/`urllib.parse` for `cgi`, ...).
///
/// ## References
/// - CWE-477: Use of Obsolete Function
/// - PEP 594: Removing dead batteries from the standard library
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW902",
        name: "removed-stdlib-module",
        summary: "A standard-library module that current Python removed",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[477],
        category: "language/instruction-validation",
        aliases: &[],
        applies: Applies::Since(PythonVersion::PY3),
    },
    checks: &[Check::Import { names: MODULE_NAMES, check }],
};

/// (module, removed in 3.x, what to use instead)
const REMOVED: &[(&str, u8, &str)] = &[
    ("asynchat", 12, "asyncio"),
    ("asyncore", 12, "asyncio"),
    ("smtpd", 12, "aiosmtpd (third-party) or asyncio"),
    ("distutils", 12, "setuptools, packaging and sysconfig"),
    ("imp", 12, "importlib"),
    ("aifc", 13, "a maintained third-party audio library"),
    ("audioop", 13, "audioop-lts or numpy"),
    ("cgi", 13, "email.message for multipart bodies and urllib.parse.parse_qs for queries"),
    ("cgitb", 13, "traceback and logging"),
    ("chunk", 13, "struct-based parsing"),
    ("crypt", 13, "hashlib.scrypt, or bcrypt/argon2 password hashing"),
    ("imghdr", 13, "filetype or Pillow"),
    ("mailcap", 13, "mimetypes"),
    ("msilib", 13, "an external MSI toolchain"),
    ("nis", 13, "a maintained directory client"),
    ("nntplib", 13, "a maintained NNTP client over TLS"),
    ("ossaudiodev", 13, "a maintained audio library"),
    ("pipes", 13, "subprocess with an argument list and shlex.quote"),
    ("sndhdr", 13, "filetype"),
    ("spwd", 13, "PAM (python-pam)"),
    ("sunau", 13, "a maintained audio library"),
    ("telnetlib", 13, "SSH (paramiko, asyncssh) or telnetlib3"),
    ("uu", 13, "base64"),
    ("xdrlib", 13, "struct"),
    ("lib2to3", 13, "ast, libcst or parso"),
    ("binhex", 11, "base64 or binascii"),
    ("formatter", 10, "custom string formatting"),
    ("symbol", 10, "token and ast"),
    ("macpath", 8, "os.path"),
];

/// Import keys: each module and the submodules people import directly.
const MODULE_NAMES: &[&str] = &[
    "asynchat",
    "asyncore",
    "smtpd",
    "distutils",
    "distutils.core",
    "distutils.util",
    "distutils.version",
    "distutils.spawn",
    "distutils.sysconfig",
    "distutils.dir_util",
    "distutils.file_util",
    "distutils.command",
    "distutils.errors",
    "distutils.extension",
    "distutils.ccompiler",
    "distutils.log",
    "imp",
    "aifc",
    "audioop",
    "cgi",
    "cgitb",
    "chunk",
    "crypt",
    "imghdr",
    "mailcap",
    "msilib",
    "nis",
    "nntplib",
    "ossaudiodev",
    "pipes",
    "sndhdr",
    "spwd",
    "sunau",
    "telnetlib",
    "uu",
    "xdrlib",
    "lib2to3",
    "lib2to3.refactor",
    "lib2to3.pgen2",
    "lib2to3.pytree",
    "lib2to3.fixer_base",
    "binhex",
    "formatter",
    "symbol",
    "macpath",
];

fn check(site: &ImportSite) -> Option<Violation> {
    // `from distutils import core` matches both `distutils` and
    // `distutils.core`: report it once, on the module.
    if site.member.is_some() && site.matched != site.module {
        return None;
    }
    let top = site.matched.split('.').next().unwrap_or(site.matched);
    let &(module, removed_minor, replacement) = REMOVED.iter().find(|(name, _, _)| *name == top)?;
    let removed = PythonVersion::new(3, removed_minor);
    let still_importable = site.context.python.version.is_some_and(|v| v < removed);
    let violation = if still_importable {
        Violation::new(format!("{module} is deprecated and removed in Python 3.{removed_minor}; move to {replacement}"))
            .severity(Severity::Low)
    } else {
        Violation::new(format!(
            "{module} was removed in Python 3.{removed_minor}: this import fails there; use {replacement}"
        ))
    };
    // A project module may well be called `chunk` or `symbol`.
    Some(if COMMON_NAMES.contains(&module) { violation.confidence(Confidence::Low) } else { violation })
}

/// Removed modules whose names projects often give their own modules.
const COMMON_NAMES: &[&str] = &["chunk", "formatter", "symbol"];
