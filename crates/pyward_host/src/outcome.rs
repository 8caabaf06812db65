//! The result of one check, and the finding a failed check becomes.

use pyward_report::{Confidence, Finding, fingerprint};
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::catalog::Rule;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Pass,
    Fail,
    /// The value could not be read here (container, non-Linux, module not loaded).
    NotAvailable,
}

/// What one check read, what it expected and how it judged.
#[derive(Debug, Clone)]
pub struct CheckResult {
    pub rule: &'static Rule,
    /// What was examined: a sysctl name, or a short description.
    pub subject: String,
    /// The host path the value came from.
    pub path: String,
    pub status: Status,
    pub read: Option<String>,
    pub expected: String,
    /// Context that changes how the result reads (kernel model, why unavailable).
    pub note: Option<String>,
}

impl CheckResult {
    /// The member of the report's top-level `checks` array.
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.rule.id,
            "name": self.rule.name,
            "category": self.rule.category,
            "severity": self.rule.severity,
            "subject": self.subject,
            "path": self.path,
            "status": self.status,
            "read": self.read,
            "expected": self.expected,
            "note": self.note,
        })
    }

    /// The finding for a failed check; `None` when it passed or could not run.
    pub fn to_finding(&self) -> Option<Finding> {
        if self.status != Status::Fail {
            return None;
        }
        let read = self.read.as_deref().unwrap_or("nothing");
        let mut message = format!("{}: {} is {read:?}, expected {}", self.rule.summary, self.subject, self.expected);
        if let Some(note) = &self.note {
            message.push_str(&format!(" ({note})"));
        }
        message.push_str(&format!(". Fix: {}", self.rule.fix));
        Some(Finding {
            rule: self.rule.id.clone(),
            name: self.rule.name.clone(),
            severity: self.rule.severity,
            confidence: Confidence::High,
            cwe: self.rule.cwe.clone(),
            category: self.rule.category.clone(),
            aliases: Vec::new(),
            path: self.path.clone(),
            line: 0,
            column: 0,
            end_line: 0,
            end_column: 0,
            message,
            fingerprint: fingerprint(&[&self.rule.id, &self.subject]),
            trace: None,
            details: self.details(read),
            snippet: None,
        })
    }

    fn details(&self, read: &str) -> Map<String, Value> {
        let mut details = Map::new();
        details.insert("subject".into(), json!(self.subject));
        details.insert("read".into(), json!(read));
        details.insert("expected".into(), json!(self.expected));
        details.insert("fix".into(), json!(self.rule.fix));
        details.insert("rationale".into(), json!(self.rule.rationale));
        if let Some(note) = &self.note {
            details.insert("note".into(), json!(note));
        }
        details
    }
}
