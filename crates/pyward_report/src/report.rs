use std::collections::BTreeMap;

use serde::Serialize;

use crate::{ErrorEntry, Finding, RuleDescriptor, Severity};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToolInfo {
    pub name: String,
    pub version: String,
}

impl Default for ToolInfo {
    fn default() -> Self {
        Self { name: "pyward".to_string(), version: env!("CARGO_PKG_VERSION").to_string() }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub findings: usize,
    pub by_severity: BTreeMap<String, usize>,
    pub by_category: BTreeMap<String, usize>,
}

/// Everything one command run produced. Build it, call [`Report::finish`],
/// then render it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub tool: ToolInfo,
    pub findings: Vec<Finding>,
    pub errors: Vec<ErrorEntry>,
    pub summary: Summary,
    /// Command-specific top-level members (`datagrams`, `files`, `checks`...).
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
    /// Descriptions of the rules that may appear in `findings`, for SARIF.
    #[serde(skip)]
    pub rules: Vec<RuleDescriptor>,
    /// How many inputs (files, captures, feeds) were examined.
    #[serde(skip)]
    pub files_examined: usize,
    /// The command's name, shown in SARIF's `automationDetails`.
    #[serde(skip)]
    pub command: String,
}

impl Report {
    pub fn new(command: &str) -> Self {
        Self { command: command.to_string(), ..Self::default() }
    }

    /// Sorts findings and errors deterministically and computes the summary.
    pub fn finish(&mut self) {
        self.findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.errors.sort_by(|a, b| (&a.path, a.line, &a.kind).cmp(&(&b.path, b.line, &b.kind)));
        self.rules.sort_by(|a, b| a.id.cmp(&b.id));
        self.rules.dedup_by(|a, b| a.id == b.id);
        let mut summary = Summary { files: self.files_examined, findings: self.findings.len(), ..Summary::default() };
        for finding in &self.findings {
            *summary.by_severity.entry(finding.severity.to_string()).or_default() += 1;
            *summary.by_category.entry(finding.category.clone()).or_default() += 1;
        }
        self.summary = summary;
    }

    pub fn to_json(&self) -> String {
        // Sized up front: growing a report of thousands of findings copies it over and over.
        let mut text = Vec::with_capacity(4096 + self.findings.len() * 1024);
        serde_json::to_writer_pretty(&mut text, self).expect("report serialises");
        text.push(b'\n');
        String::from_utf8(text).expect("JSON is UTF-8")
    }

    /// The highest severity among findings, if any.
    pub fn worst_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}
