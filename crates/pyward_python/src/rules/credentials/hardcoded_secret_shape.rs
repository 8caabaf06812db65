use pyward_report::{Confidence, Severity};
use ruff_python_ast::Expr;

use crate::engine::helpers::string_value;
use crate::engine::{Applies, Check, Context, ExprKind, Rule, RuleMeta, Violation};

/// ## What it finds
/// String literals that contain a credential recognisable by its shape,
/// whatever name holds it: AWS access key ids (`AKIA...`, `ASIA...`),
/// private keys (`-----BEGIN ... PRIVATE KEY-----` followed by key
/// material), GitHub tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`,
/// `github_pat_`), Slack tokens (`xoxb-`, `xoxp-`...), Google API keys
/// (`AIza...`) and Stripe live secret keys (`sk_live_`, `rk_live_`).
///
/// ## Why it matters
/// These are live credentials for cloud accounts, repositories and
/// payment systems. Bots scan public repositories for exactly these shapes
/// and use leaked keys within minutes.
///
/// To keep false positives low, each shape must stand alone (not inside a
/// longer word), have its exact length and alphabet, and not be a
/// documentation placeholder: values containing `EXAMPLE` or made of a few
/// repeated characters (`AKIAXXXXXXXXXXXXXXXX`) are skipped, and a private
/// key header alone (as in code that parses keys) is not reported.
///
/// ## Example
/// ```python
/// s3 = boto3.client("s3", aws_access_key_id="AKIA2OGYBAH6QEXPQZ3N")
/// ```
///
/// ## Fix
/// Revoke the credential now (it is in the history), then load it at run
/// time from the environment, a secrets manager or the platform's role
/// credentials.
///
/// ## References
/// - CWE-798: Use of Hard-coded Credentials
/// - CWE-321: Use of Hard-coded Cryptographic Key
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW806",
        name: "hardcoded-secret-shape",
        summary: "Literal that has the shape of a live credential",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[798, 321],
        category: "vulnerability/credentials",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Expr { kinds: &[ExprKind::StringLiteral], check }],
};

fn check(expr: &Expr, _context: &Context) -> Option<Violation> {
    let text = string_value(expr)?;
    if text.len() < 20 {
        return None;
    }
    let kind = find_secret(text)?;
    Some(Violation::new(format!("string holds what looks like {kind}: revoke it and load credentials at run time")))
}

/// What kind of credential `text` contains, if any.
fn find_secret(text: &str) -> Option<&'static str> {
    if has_private_key(text) {
        return Some("a private key");
    }
    tokens(text).find_map(token_kind)
}

/// Runs of characters that can make up a token.
/// Runs of ASCII letters, digits, `_` and `-` of 20 bytes or more.
/// Runs of token characters at least 20 long (every shape is longer).
/// Probes the 20th byte of each window first, so prose (docstrings) is
/// mostly skipped 20 bytes at a time.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    const SHORTEST: usize = 20;
    let bytes = text.as_bytes();
    // `at` is 0 or just after a byte that is not a token byte.
    let mut at = 0;
    std::iter::from_fn(move || {
        while at + SHORTEST <= bytes.len() {
            let probe = at + SHORTEST - 1;
            if !is_token_byte(bytes[probe]) {
                at = probe + 1;
                continue;
            }
            let start = bytes[at..probe].iter().rposition(|&b| !is_token_byte(b)).map_or(at, |i| at + i + 1);
            let end = bytes[probe..].iter().position(|&b| !is_token_byte(b)).map_or(bytes.len(), |i| probe + i);
            at = end + 1;
            if end - start >= SHORTEST {
                // Token bytes are ASCII: the run is on character boundaries.
                return text.get(start..end);
            }
        }
        None
    })
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// Prefix, alphabet of the rest, exact (min, max) length of the rest, what it is.
type Shape = (&'static [&'static str], fn(char) -> bool, (usize, usize), &'static str);

const SHAPES: &[Shape] = &[
    (
        &["AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "APKA", "AROA", "ASCA"],
        is_base32,
        (16, 16),
        "an AWS access key id",
    ),
    (&["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], is_alphanumeric, (36, 36), "a GitHub token"),
    (&["github_pat_"], is_word, (82, 82), "a GitHub fine-grained token"),
    (&["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-"], is_slack, (20, 200), "a Slack token"),
    (&["AIza"], is_url_safe, (35, 35), "a Google API key"),
    (&["sk_live_", "rk_live_"], is_alphanumeric, (24, 99), "a Stripe live secret key"),
];

fn token_kind(token: &str) -> Option<&'static str> {
    SHAPES.iter().find_map(|&(prefixes, alphabet, (min, max), kind)| {
        let rest = prefixes.iter().find_map(|p| token.strip_prefix(p))?;
        let fits = (min..=max).contains(&rest.len()) && rest.chars().all(alphabet);
        (fits && !is_placeholder(token, rest)).then_some(kind)
    })
}

fn is_placeholder(token: &str, rest: &str) -> bool {
    let mut distinct: Vec<char> = rest.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    token.to_ascii_uppercase().contains("EXAMPLE") || distinct.len() < 6
}

fn has_private_key(text: &str) -> bool {
    let Some(start) = memchr::memmem::find(text.as_bytes(), b"-----BEGIN ") else { return false };
    let after = &text[start + 11..];
    let Some(header_end) = after.find("-----") else { return false };
    let label = &after[..header_end];
    if !label.ends_with("PRIVATE KEY") && !label.ends_with("PRIVATE KEY BLOCK") {
        return false;
    }
    let material = after[header_end + 5..].split("-----END").next().unwrap_or("");
    material.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/')).count() >= 40
}

fn is_base32(c: char) -> bool {
    c.is_ascii_uppercase() || ('2'..='7').contains(&c)
}

fn is_alphanumeric(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn is_url_safe(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

fn is_slack(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-'
}

#[cfg(test)]
mod tests {
    use super::find_secret;

    #[test]
    fn shapes_are_recognised() {
        assert_eq!(find_secret("AKIA2OGYBAH6QEXPQZ3N"), Some("an AWS access key id"));
        assert_eq!(find_secret("token ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R done"), Some("a GitHub token"));
        let key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\n-----END RSA PRIVATE KEY-----";
        assert_eq!(find_secret(key), Some("a private key"));
        // Tokens end at any other character, multi-byte ones included, and at the end of the text.
        assert_eq!(find_secret("clé→ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R"), Some("a GitHub token"));
        assert_eq!(find_secret("short a-b ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R;"), Some("a GitHub token"));
    }

    #[test]
    fn look_alikes_are_not() {
        assert_eq!(find_secret("AKIAIOSFODNN7EXAMPLE"), None);
        assert_eq!(find_secret("AKIAXXXXXXXXXXXXXXXX"), None);
        assert_eq!(find_secret("-----BEGIN RSA PRIVATE KEY-----"), None);
        assert_eq!(find_secret("XAKIA2OGYBAH6QEXPQZ3N"), None);
        assert_eq!(find_secret("AKIA2OGYBAH6QEXPQZ3NQ"), None);
    }
}
