//! Which globals a pickle may name: an allow-list of what ordinary data
//! needs, a graded deny-list, and everything else suspicious. The lists are
//! data files; a TOML file can extend them.

use std::path::Path;

use pyward_report::Severity;
use serde::Deserialize;

const ALLOW: &str = include_str!("policy/allow.txt");
const DENY: &str = include_str!("policy/deny.txt");
const NESTED: &str = include_str!("policy/nested.txt");
const RENAMES: &str = include_str!("policy/renames.txt");

/// A dotted-name pattern: `*` matches one component, `**` any number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    parts: Vec<String>,
}

impl Pattern {
    pub fn parse(text: &str) -> Self {
        Self { parts: text.split('.').map(str::to_string).collect() }
    }

    pub fn matches(&self, name: &str) -> bool {
        let components: Vec<&str> = name.split('.').collect();
        match_parts(&self.parts, &components)
    }
}

fn match_parts(pattern: &[String], name: &[&str]) -> bool {
    match pattern.split_first() {
        None => name.is_empty(),
        Some((head, rest)) if head == "**" => (0..=name.len()).any(|skip| match_parts(rest, &name[skip..])),
        Some((head, rest)) => match name.split_first() {
            Some((first, tail)) => component_matches(head, first) && match_parts(rest, tail),
            None => false,
        },
    }
}

/// A component pattern may hold `*` wildcards inside it (`*Storage`).
fn component_matches(pattern: &str, component: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == component,
        Some((prefix, suffix)) => {
            component.len() >= prefix.len()
                && component.starts_with(prefix)
                && component_matches_rest(suffix, &component[prefix.len()..])
        }
    }
}

fn component_matches_rest(pattern: &str, rest: &str) -> bool {
    if pattern.is_empty() {
        return true;
    }
    if !pattern.contains('*') {
        return rest.ends_with(pattern);
    }
    (0..=rest.len()).filter(|&i| rest.is_char_boundary(i)).any(|i| component_matches(pattern, &rest[i..]))
}

#[derive(Debug, Clone)]
pub struct DenyRule {
    pub severity: Severity,
    pub pattern: Pattern,
    pub reason: String,
}

/// What the policy says about one global.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grade {
    Allowed,
    Denied { severity: Severity, reason: String },
    Unknown,
}

#[derive(Debug, Clone)]
pub struct Policy {
    allow: Vec<Pattern>,
    deny: Vec<DenyRule>,
    nested: Vec<Pattern>,
    renames: Vec<(String, String)>,
    extensions: Vec<(i64, String)>,
}

/// The TOML a user may pass with `--policy`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    deny: DenyTable,
    #[serde(default)]
    nested_loaders: Vec<String>,
    /// copyreg extension codes the loading program registers: code -> "module.name".
    #[serde(default)]
    extensions: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DenyTable {
    #[serde(default)]
    critical: Vec<String>,
    #[serde(default)]
    high: Vec<String>,
    #[serde(default)]
    medium: Vec<String>,
    #[serde(default)]
    low: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    #[error("cannot read policy file {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("invalid policy file {path}: {message}")]
    Invalid { path: String, message: String },
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            allow: data_lines(ALLOW).map(Pattern::parse).collect(),
            deny: data_lines(DENY).filter_map(parse_deny_line).collect(),
            nested: data_lines(NESTED).map(Pattern::parse).collect(),
            renames: data_lines(RENAMES)
                .filter_map(|line| line.split_once(' '))
                .map(|(old, new)| (old.to_string(), new.trim().to_string()))
                .collect(),
            extensions: Vec::new(),
        }
    }
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#'))
}

fn parse_deny_line(line: &str) -> Option<DenyRule> {
    let mut words = line.split_whitespace();
    let severity = Severity::parse(words.next()?)?;
    let pattern = Pattern::parse(words.next()?);
    let reason = words.collect::<Vec<_>>().join(" ");
    Some(DenyRule { severity, pattern, reason })
}

impl Policy {
    /// The built-in lists extended by a TOML policy file.
    pub fn with_file(path: &Path) -> Result<Self, PolicyError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| PolicyError::Read { path: path.display().to_string(), source })?;
        let mut policy = Self::default();
        policy
            .extend_from_toml(&text)
            .map_err(|message| PolicyError::Invalid { path: path.display().to_string(), message })?;
        Ok(policy)
    }

    pub fn extend_from_toml(&mut self, text: &str) -> Result<(), String> {
        let file: PolicyFile = toml::from_str(text).map_err(|e| e.to_string())?;
        self.allow.extend(file.allow.iter().map(|p| Pattern::parse(p)));
        let graded = [
            (Severity::Critical, &file.deny.critical),
            (Severity::High, &file.deny.high),
            (Severity::Medium, &file.deny.medium),
            (Severity::Low, &file.deny.low),
        ];
        for (severity, patterns) in graded {
            self.deny.extend(patterns.iter().map(|p| DenyRule {
                severity,
                pattern: Pattern::parse(p),
                reason: "denied by the policy file".to_string(),
            }));
        }
        self.nested.extend(file.nested_loaders.iter().map(|p| Pattern::parse(p)));
        for (code, name) in file.extensions {
            let code = code.parse::<i64>().map_err(|_| format!("extension code `{code}` is not an integer"))?;
            self.extensions.push((code, name));
        }
        Ok(())
    }

    /// Grades `module` + `name`. A Python 2 module name is graded under the
    /// Python 3 name CPython maps it to; a deny-list match on the name as
    /// written still counts.
    pub fn grade(&self, module: &str, name: &str) -> Grade {
        let as_written = self.grade_full(&format!("{module}.{name}"));
        let renamed: Vec<Grade> = self.renamed(module).map(|m| self.grade_full(&format!("{m}.{name}"))).collect();
        if renamed.is_empty() {
            return as_written;
        }
        let mut grade = renamed.into_iter().reduce(worse).unwrap_or(Grade::Unknown);
        if matches!(as_written, Grade::Denied { .. }) {
            grade = worse(grade, as_written);
        }
        grade
    }

    fn renamed<'a>(&'a self, module: &'a str) -> impl Iterator<Item = &'a str> {
        self.renames.iter().filter(move |(old, _)| old == module).map(|(_, new)| new.as_str())
    }

    fn grade_full(&self, full: &str) -> Grade {
        // The first rule of the highest severity: the data files list
        // specific reasons before catch-all patterns.
        let denied = self.deny.iter().filter(|rule| rule.pattern.matches(full)).fold(
            None::<&DenyRule>,
            |best, rule| match best {
                Some(best) if best.severity >= rule.severity => Some(best),
                _ => Some(rule),
            },
        );
        if let Some(rule) = denied {
            return Grade::Denied { severity: rule.severity, reason: rule.reason.clone() };
        }
        if self.allow.iter().any(|pattern| pattern.matches(full)) { Grade::Allowed } else { Grade::Unknown }
    }

    /// Whether calling this global unpickles its first argument.
    pub fn is_nested_loader(&self, module: &str, name: &str) -> bool {
        let full = format!("{module}.{name}");
        let renamed = self.renamed(module).map(|m| format!("{m}.{name}")).collect::<Vec<_>>();
        self.nested.iter().any(|p| p.matches(&full) || renamed.iter().any(|r| p.matches(r)))
    }

    /// The global a copyreg extension code stands for, if the policy knows it.
    pub fn extension(&self, code: i64) -> Option<(&str, &str)> {
        let name = &self.extensions.iter().find(|(c, _)| *c == code)?.1;
        Some(name.rsplit_once('.').unwrap_or(("", name)))
    }
}

fn worse(a: Grade, b: Grade) -> Grade {
    fn rank(grade: &Grade) -> u8 {
        match grade {
            Grade::Allowed => 0,
            Grade::Unknown => 1,
            Grade::Denied { severity, .. } => 2 + *severity as u8,
        }
    }
    if rank(&b) > rank(&a) { b } else { a }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(Pattern::parse("os.**").matches("os"));
        assert!(Pattern::parse("os.**").matches("os.path.join"));
        assert!(!Pattern::parse("os.**").matches("osx.thing"));
        assert!(Pattern::parse("sklearn.**.SVC").matches("sklearn.svm._classes.SVC"));
        assert!(Pattern::parse("torch.*Storage").matches("torch.FloatStorage"));
        assert!(!Pattern::parse("torch.*Storage").matches("torch.FloatStorageX"));
        assert!(Pattern::parse("**.__globals__").matches("collections.OrderedDict.__init__.__globals__"));
    }

    #[test]
    fn grades() {
        let policy = Policy::default();
        assert_eq!(policy.grade("collections", "OrderedDict"), Grade::Allowed);
        assert!(matches!(policy.grade("posix", "system"), Grade::Denied { severity: Severity::Critical, .. }));
        assert!(matches!(policy.grade("__builtin__", "eval"), Grade::Denied { severity: Severity::Critical, .. }));
        assert!(matches!(policy.grade("pkgutil", "resolve_name"), Grade::Denied { severity: Severity::Critical, .. }));
        assert!(matches!(policy.grade("collections", "OrderedDict.__init__.__globals__"), Grade::Denied { .. }));
        assert_eq!(policy.grade("mypackage", "Model"), Grade::Unknown);
        assert!(policy.is_nested_loader("_pickle", "loads"));
        assert!(!policy.is_nested_loader("builtins", "set"));
    }

    #[test]
    fn config_extends_lists() {
        let mut policy = Policy::default();
        policy
            .extend_from_toml("allow = [\"mypackage.**\"]\n[deny]\nhigh = [\"mypackage.danger\"]\n[extensions]\n240 = \"builtins.set\"\n")
            .unwrap();
        assert_eq!(policy.grade("mypackage", "Model"), Grade::Allowed);
        assert!(matches!(policy.grade("mypackage", "danger"), Grade::Denied { severity: Severity::High, .. }));
        assert_eq!(policy.extension(240), Some(("builtins", "set")));
        assert!(policy.extend_from_toml("bogus = 1").is_err());
    }
}
