use pyward_report::{Confidence, Severity};

use crate::engine::helpers::{ArgumentKind, argument_kind};
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// Django's `mark_safe()` (`django.utils.safestring` or
/// `django.utils.html`), and the `SafeString`, `SafeText`, `SafeUnicode`
/// and `SafeBytes` constructors.
///
/// ## Why it matters
/// `mark_safe` tells the template engine to skip escaping. Applied to text
/// that holds user input, the input's HTML and scripts reach the page:
/// cross-site scripting.
///
/// A literal argument cannot carry input and is reported at low severity.
///
/// ## Example
/// ```python
/// return mark_safe("<b>%s</b>" % user.name)
/// ```
///
/// ## Fix
/// Build HTML with `format_html("<b>{}</b>", user.name)`, which escapes
/// every argument, or escape with `django.utils.html.escape()` first.
///
/// ## References
/// - CWE-79: Cross-site Scripting
///
/// ## Differences from Bandit/Ruff
/// Bandit's B308 and Ruff's S308 report every `mark_safe` call; Bandit's
/// B703 only computed arguments, following assignments to decide whether
/// a variable is safe. pyward reports both under one rule, the literal
/// case at low severity, and (without that dataflow) every computed
/// argument: more findings than B703 on variables that only ever hold
/// constants. The `Safe*` constructors, which Bandit checks only under
/// B703, carry the B308/S308 aliases here as well.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW708",
        name: "django-mark-safe",
        summary: "Django mark_safe() disables escaping",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        cwe: &[79],
        category: "vulnerability/input-validation",
        aliases: &["B308", "B703", "S308"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "django.utils.safestring.mark_safe",
            "django.utils.html.mark_safe",
            "django.utils.safestring.SafeString",
            "django.utils.safestring.SafeText",
            "django.utils.safestring.SafeUnicode",
            "django.utils.safestring.SafeBytes",
        ],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    Some(match argument_kind(site.argument("s", 0)) {
        ArgumentKind::Constant => {
            Violation::new("mark_safe() of a literal: safe as written, but prefer format_html() for HTML")
                .severity(Severity::Low)
                .confidence(Confidence::High)
        }
        _ => Violation::new(
            "mark_safe() of computed text disables escaping (XSS); build HTML with format_html() or escape() first",
        ),
    })
}
