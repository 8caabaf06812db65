//! What the credential rules share: which names look like they hold a
//! password, and which string values are plainly not secrets.

/// Whether `name` looks like it holds a password or token: one of its
/// `_`-separated words (case-insensitive) is `password` (and spellings like
/// `passwd`, `pasword`), `pass`, `passphrase`, `pwd`, `token`, `secret` or
/// `secrete` — the same words Bandit and Ruff look for.
pub(super) fn is_password_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let words: Vec<&str> = lower.split('_').collect();
    words.iter().any(|w| is_password_word(w)) && !words.iter().any(|w| NOT_A_SECRET_WORDS.contains(w))
}

fn is_password_word(word: &str) -> bool {
    matches!(word, "pass" | "passphrase" | "pwd" | "token" | "secret" | "secrete") || is_password_spelling(word)
}

/// `pa`, one or more `s`, then optional `w`, `o`, `r`, and a final `d`.
fn is_password_spelling(word: &str) -> bool {
    let Some(rest) = word.strip_prefix("pa") else { return false };
    let rest = rest.trim_start_matches('s');
    if rest.len() + 2 == word.len() {
        return false; // no `s`
    }
    let Some(rest) = rest.strip_suffix('d') else { return false };
    let rest = rest.strip_prefix('w').unwrap_or(rest);
    let rest = rest.strip_prefix('o').unwrap_or(rest);
    let rest = rest.strip_prefix('r').unwrap_or(rest);
    rest.is_empty()
}

/// Words that, next to `password` or `token`, say the name holds something
/// about the secret rather than the secret: `token_type`, `password_field`,
/// `reset_password_url`, `max_password_length`.
const NOT_A_SECRET_WORDS: &[&str] = &[
    "type",
    "url",
    "uri",
    "endpoint",
    "field",
    "fields",
    "label",
    "prompt",
    "path",
    "file",
    "filename",
    "dir",
    "name",
    "header",
    "length",
    "len",
    "min",
    "max",
    "pattern",
    "regex",
    "re",
    "format",
    "fmt",
    "hint",
    "help",
    "policy",
    "prefix",
    "suffix",
    "env",
    "var",
    "column",
    "col",
    "attr",
    "attribute",
    "param",
    "key_name",
    "expiry",
    "expires",
    "expiration",
    "ttl",
    "timeout",
    "lifetime",
    "kind",
    "mode",
    "method",
    "template",
    "placeholder",
    "message",
    "msg",
    "error",
    "text",
    "title",
    "widget",
    "input",
    "id",
    "count",
    "limit",
    "validator",
    "validators",
    "reset",
    "changed",
    "required",
    "enabled",
    "char",
    "chars",
    "charset",
];

/// Why a string assigned to a password-like name is not a secret, if it
/// is plainly not one.
pub(super) fn is_not_a_secret(name: &str, value: &str) -> bool {
    let trimmed = value.trim();
    trimmed.is_empty()
        || is_prompt(trimmed)
        || is_label(name, trimmed)
        || is_format_placeholder(trimmed)
        || is_variable_name(trimmed)
        || is_url_without_credentials(trimmed)
}

/// `"Password:"`, `"Enter your token: "`, `"Password?"`.
fn is_prompt(value: &str) -> bool {
    value.ends_with(':') || value.ends_with('?') || value.ends_with("> ")
}

/// The name itself or a word of it (`PASSWORD = "password"`, a form field
/// key), or a short capitalised phrase around a password word
/// (`"New password"`; `"this cool password"` may be a passphrase).
fn is_label(name: &str, value: &str) -> bool {
    let normalised = value.to_ascii_lowercase().replace([' ', '-'], "_");
    if normalised == name.to_ascii_lowercase() || name.to_ascii_lowercase().split('_').any(|w| w == normalised) {
        return true;
    }
    let words: Vec<&str> = normalised.split('_').filter(|w| !w.is_empty()).collect();
    value.contains(' ')
        && value.starts_with(|c: char| c.is_ascii_uppercase())
        && value.chars().all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '_' | '-'))
        && words.iter().any(|w| is_password_word(w))
        && words.len() <= 4
}

/// `"{password}"`, `"%(password)s"`, `"${DB_PASSWORD}"`, `"%s"`.
fn is_format_placeholder(value: &str) -> bool {
    let inner = value
        .strip_prefix("${")
        .and_then(|v| v.strip_suffix('}'))
        .or_else(|| value.strip_prefix('{').and_then(|v| v.strip_suffix('}')))
        .or_else(|| value.strip_prefix("%(").and_then(|v| v.strip_suffix(")s")))
        .or_else(|| value.strip_prefix('$'));
    matches!(value, "%s" | "{}" | "%r") || inner.is_some_and(|i| !i.is_empty() && i.chars().all(is_identifier_char))
}

/// An environment-variable or setting name such as `"DB_PASSWORD"`.
fn is_variable_name(value: &str) -> bool {
    value.contains('_')
        && value.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && value.starts_with(|c: char| c.is_ascii_uppercase())
}

fn is_url_without_credentials(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once("://") else { return value.starts_with('/') && !value.contains(' ') };
    let authority = rest.split('/').next().unwrap_or("");
    !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || c == '+') && !authority.contains('@')
}

fn is_identifier_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.'
}

#[cfg(test)]
mod tests {
    use super::{is_not_a_secret, is_password_name};

    #[test]
    fn password_names() {
        for name in [
            "password",
            "db_password",
            "PASSWD",
            "user_pwd",
            "api_token",
            "client_secret",
            "pass",
            "passphrase",
            "password_hash",
            "pasword",
        ] {
            assert!(is_password_name(name), "{name}");
        }
        for name in [
            "passed",
            "passport",
            "bypass_cache",
            "token_type",
            "password_field",
            "reset_password_url",
            "tokens",
            "compass",
        ] {
            assert!(!is_password_name(name), "{name}");
        }
    }

    #[test]
    fn values_that_are_not_secrets() {
        for (name, value) in [
            ("password", ""),
            ("password", "Password:"),
            ("password", "password"),
            ("token", "New token"),
            ("password", "{password}"),
            ("password", "%(password)s"),
            ("password", "${DB_PASSWORD}"),
            ("password", "DB_PASSWORD"),
            ("token", "https://example.com/oauth/token"),
        ] {
            assert!(is_not_a_secret(name, value), "{name} = {value:?}");
        }
        for (name, value) in [
            ("password", "hunter2"),
            ("password", "changeme"),
            ("secret", "correct horse battery staple"),
            ("token", "ghp_abc"),
            ("password", "Admin"),
            ("password", "s3cr3t!"),
            ("password", "secret"),
            ("password", "this cool password"),
        ] {
            assert!(!is_not_a_secret(name, value), "{name} = {value:?}");
        }
    }
}
