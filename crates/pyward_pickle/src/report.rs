//! Turning a [`FileScan`] into the shared report vocabulary: findings with
//! their pickle facts in `details`, and the per-file entry of the `files`
//! array.

use pyward_report::{Confidence, fingerprint};
use serde_json::{Map, Value, json};

use crate::rules::{CATEGORY, CWE, Rule};
use crate::{FileScan, Finding};

/// The report findings of one scanned file, `path` as it should be shown.
pub fn report_findings(scan: &FileScan, path: &str) -> Vec<pyward_report::Finding> {
    scan.findings.iter().enumerate().map(|(index, finding)| convert(finding, path, index)).collect()
}

fn convert(finding: &Finding, path: &str, index: usize) -> pyward_report::Finding {
    let member = finding.member();
    let mut message = finding.message.clone();
    match &member {
        Some(member) => message.push_str(&format!(" (byte {} of {member})", finding.offset)),
        None => message.push_str(&format!(" (byte {})", finding.offset)),
    }
    let offset = finding.offset.to_string();
    let identity =
        [finding.rule.id(), path, member.as_deref().unwrap_or(""), finding.global.as_deref().unwrap_or(""), &offset];
    let index = index.to_string();
    pyward_report::Finding {
        rule: finding.rule.id().to_string(),
        name: finding.rule.name().to_string(),
        severity: finding.severity,
        confidence: confidence(finding.rule),
        cwe: vec![CWE],
        category: CATEGORY.to_string(),
        aliases: Vec::new(),
        path: path.to_string(),
        line: 0,
        column: 0,
        end_line: 0,
        end_column: 0,
        message,
        fingerprint: fingerprint(&[&identity.join("\u{1f}"), &index]),
        trace: None,
        details: details(finding),
        snippet: None,
    }
}

fn confidence(rule: Rule) -> Confidence {
    match rule {
        Rule::DangerousGlobal | Rule::AttributeInjection | Rule::KerasLambda | Rule::Malformed => Confidence::High,
        _ => Confidence::Medium,
    }
}

fn details(finding: &Finding) -> Map<String, Value> {
    let mut details = Map::new();
    details.insert("offset".into(), json!(finding.offset));
    if let Some(global) = &finding.global {
        details.insert("global".into(), json!(global));
    }
    if let Some(opcode) = finding.opcode {
        details.insert("opcode".into(), json!(opcode));
    }
    if let Some(member) = finding.member() {
        details.insert("member".into(), json!(member));
    }
    details
}

/// The entry of the top-level `files` array for one file.
pub fn file_entry(scan: &FileScan, path: &str) -> Value {
    json!({
        "path": path,
        "format": scan.format,
        "verdict": scan.verdict().as_str(),
        "pickles": scan.pickles,
        "findings": scan.findings,
        "error": scan.error,
        "notes": scan.notes,
    })
}
