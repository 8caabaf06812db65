use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, AttributeSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// Reading `.value` of a `ctypes` string buffer or `c_char_p`/`c_wchar_p`.
///
/// ## Why it matters
/// `.value` stops at the first NUL byte, as C does. The seed talk shows the
/// silent loss:
///
/// ```python
/// buffer = ctypes.create_string_buffer(8)
/// buffer.value = 'a\0bc1234'
/// buffer.raw    # 'a\x00bc1234'
/// buffer.value  # 'a'
/// ```
///
/// A check done on `.value` sees different data than what is stored or
/// sent — the poison-NUL-byte pattern.
///
/// ## Fix
/// Read `.raw` (with the length you expect) or reject input that contains
/// NUL bytes before it reaches `ctypes`.
///
/// ## References
/// - CWE-626: Null Byte Interaction Error (Poison Null Byte)
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW404",
        name: "ctypes-value-truncation",
        summary: "ctypes string .value silently truncates at NUL",
        severity: Severity::Low,
        confidence: Confidence::High,
        cwe: &[626],
        category: "language/data-limits",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Attribute { attributes: &["value"], check }],
};

const STRING_BUFFERS: &[&str] =
    &["ctypes.create_string_buffer()", "ctypes.create_unicode_buffer()", "ctypes.c_char_p()", "ctypes.c_wchar_p()"];

fn check(site: &AttributeSite) -> Option<Violation> {
    let owner = site.context.resolve(&site.attribute.value)?;
    STRING_BUFFERS.contains(&owner.as_str()).then(|| {
        Violation::new(format!(
            ".value of {} stops at the first NUL byte; read .raw or reject NUL bytes first",
            owner.trim_end_matches("()")
        ))
    })
}
