use std::fmt;

use serde::{Deserialize, Serialize};

/// How bad a finding is. `Critical` is used by `pyward pickle` only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Self::Low, Self::Medium, Self::High, Self::Critical];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }

    /// The CVSS-like score GitHub code scanning reads from `security-severity`.
    pub fn security_severity(self) -> f64 {
        match self {
            Self::Low => 3.0,
            Self::Medium => 5.5,
            Self::High => 8.0,
            Self::Critical => 9.5,
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str().eq_ignore_ascii_case(text))
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How sure the rule is that the finding is real.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub const ALL: [Confidence; 3] = [Self::Low, Self::Medium, Self::High];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str().eq_ignore_ascii_case(text))
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One step of a dataflow path, from the source towards the sink.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceStep {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub note: String,
}

/// One problem found by any pyward command. Field order is the JSON order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub name: String,
    pub severity: Severity,
    pub confidence: Confidence,
    pub cwe: Vec<u32>,
    pub category: String,
    pub aliases: Vec<String>,
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub message: String,
    pub fingerprint: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub trace: Option<Vec<TraceStep>>,
    /// Command-specific facts (a pickle's byte offset and archive member, a
    /// datagram key...). Omitted from JSON when empty.
    #[serde(skip_serializing_if = "serde_json::Map::is_empty", default)]
    pub details: serde_json::Map<String, serde_json::Value>,
    /// The source line the finding starts on, for the text renderer's caret.
    #[serde(skip)]
    pub snippet: Option<String>,
}

impl Finding {
    /// The order DESIGN.md promises: path, line, column, rule.
    pub fn sort_key(&self) -> (&str, u32, u32, &str) {
        (&self.path, self.line, self.column, &self.rule)
    }

    /// The review-checklist group (`language` of `language/serialization`).
    pub fn category_group(&self) -> &str {
        self.category.split('/').next().unwrap_or(&self.category)
    }
}

/// A file or input that could not be processed (fully). Never stops a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorEntry {
    pub path: String,
    pub kind: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line: Option<u32>,
}

impl ErrorEntry {
    pub fn new(path: impl Into<String>, kind: impl Into<String>, message: impl Into<String>) -> Self {
        Self { path: path.into(), kind: kind.into(), message: message.into(), line: None }
    }

    pub fn at_line(mut self, line: u32) -> Self {
        self.line = Some(line);
        self
    }
}

/// What SARIF's `tool.driver.rules` says about a rule that has results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleDescriptor {
    pub id: String,
    pub name: String,
    pub summary: String,
    /// Markdown documentation: what, why, how to fix.
    pub help: String,
    pub severity: Severity,
    pub cwe: Vec<u32>,
    pub category: String,
    pub aliases: Vec<String>,
}
