//! One problem found in a scanned file.

use pyward_report::Severity;
use serde::Serialize;

use crate::rules::Rule;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    #[serde(serialize_with = "rule_id")]
    pub rule: Rule,
    pub severity: Severity,
    pub message: String,
    /// The resolved global (`module.name`), when the finding is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub global: Option<String>,
    /// Byte offset of the opcode in the innermost stream (pickle, member).
    pub offset: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opcode: Option<&'static str>,
    /// Where the stream lives, outermost first: archive members, nested
    /// archives, nested pickles (`pickle.loads@0x1f`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub location: Vec<String>,
}

fn rule_id<S: serde::Serializer>(rule: &Rule, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(rule.id())
}

impl Finding {
    pub fn new(rule: Rule, severity: Severity, message: String, offset: u64) -> Self {
        Self { rule, severity, message, global: None, offset, opcode: None, location: Vec::new() }
    }

    pub fn with_opcode(mut self, opcode: &'static str) -> Self {
        self.opcode = Some(opcode);
        self
    }

    pub fn with_global(mut self, global: Option<String>) -> Self {
        self.global = global;
        self
    }

    /// Places the finding inside `outer` (a member or nested stream).
    pub fn within(mut self, outer: &str) -> Self {
        self.location.insert(0, outer.to_string());
        self
    }

    /// The archive member path and nested streams, joined for display.
    pub fn member(&self) -> Option<String> {
        (!self.location.is_empty()).then(|| self.location.join(" > "))
    }
}
