//! SARIF 2.1.0, as GitHub code scanning and the SARIF validators read it.

use serde_json::{Map, Value, json};

use crate::{ErrorEntry, Finding, Report, RuleDescriptor, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";

pub fn render(report: &Report) -> String {
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [run(report)],
    });
    let mut text = serde_json::to_string_pretty(&log).expect("sarif serialises");
    text.push('\n');
    text
}

fn run(report: &Report) -> Value {
    let rules = described_rules(report);
    let results: Vec<Value> = report.findings.iter().map(|f| result(f, &rules)).collect();
    let mut run = json!({
        "tool": {"driver": {
            "name": report.tool.name,
            "version": report.tool.version,
            "semanticVersion": report.tool.version,
            "informationUri": "https://owasp.org/www-project-python-security/",
            "rules": rules.iter().map(rule).collect::<Vec<_>>(),
        }},
        "invocations": [invocation(&report.errors)],
        "originalUriBaseIds": {SRCROOT: {"uri": current_dir_uri()}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if !report.command.is_empty() {
        run["automationDetails"] = json!({"id": format!("pyward/{}/", report.command)});
    }
    run
}

/// The descriptors of every rule that has a result: those the command
/// supplied, plus a minimal one for any rule it forgot, so the log is valid.
fn described_rules(report: &Report) -> Vec<RuleDescriptor> {
    let mut rules: Vec<RuleDescriptor> = Vec::new();
    for finding in &report.findings {
        if rules.iter().any(|r| r.id == finding.rule) {
            continue;
        }
        let known = report.rules.iter().find(|r| r.id == finding.rule).cloned();
        rules.push(known.unwrap_or_else(|| RuleDescriptor {
            id: finding.rule.clone(),
            name: finding.name.clone(),
            summary: finding.name.replace('-', " "),
            help: String::new(),
            severity: finding.severity,
            cwe: finding.cwe.clone(),
            category: finding.category.clone(),
            aliases: finding.aliases.clone(),
        }));
    }
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    rules
}

fn rule(rule: &RuleDescriptor) -> Value {
    let mut tags = vec!["security".to_string(), rule.category.clone()];
    tags.extend(rule.cwe.iter().map(|n| format!("external/cwe/cwe-{n}")));
    let help = if rule.help.is_empty() { rule.summary.clone() } else { rule.help.clone() };
    json!({
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.summary},
        "help": {"text": help, "markdown": help},
        "defaultConfiguration": {"level": level(rule.severity)},
        "properties": {
            "tags": tags,
            "security-severity": rule.severity.security_severity(),
            "precision": "high",
            "aliases": rule.aliases,
        },
    })
}

fn result(finding: &Finding, rules: &[RuleDescriptor]) -> Value {
    let index = rules.iter().position(|r| r.id == finding.rule).unwrap_or(0);
    let mut result = json!({
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": level(finding.severity),
        "message": {"text": finding.message},
        "locations": [location(&finding.path, region(finding))],
        "partialFingerprints": {"pywardFingerprint/v1": finding.fingerprint},
        "properties": {
            "severity": finding.severity,
            "confidence": finding.confidence,
            "category": finding.category,
            "cwe": finding.cwe,
        },
    });
    if !finding.details.is_empty() {
        result["properties"]["details"] = Value::Object(finding.details.clone());
    }
    if let Some(trace) = &finding.trace {
        let steps: Vec<Value> = trace
            .iter()
            .map(|step| {
                let region = point_region(step.line, step.column);
                let mut location = location(&step.path, region);
                location["message"] = json!({"text": step.note});
                json!({"location": location})
            })
            .collect();
        result["codeFlows"] = json!([{"threadFlows": [{"locations": steps}]}]);
    }
    result
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

fn region(finding: &Finding) -> Option<Value> {
    if finding.line == 0 {
        return None;
    }
    let mut region = Map::new();
    region.insert("startLine".into(), json!(finding.line));
    if finding.column > 0 {
        region.insert("startColumn".into(), json!(finding.column));
    }
    if finding.end_line >= finding.line {
        region.insert("endLine".into(), json!(finding.end_line));
        let same_line_backwards = finding.end_line == finding.line && finding.end_column <= finding.column;
        if finding.end_column > 0 && !same_line_backwards {
            region.insert("endColumn".into(), json!(finding.end_column));
        }
    }
    Some(Value::Object(region))
}

fn point_region(line: u32, column: u32) -> Option<Value> {
    (line > 0).then(|| {
        if column > 0 { json!({"startLine": line, "startColumn": column}) } else { json!({"startLine": line}) }
    })
}

fn location(path: &str, region: Option<Value>) -> Value {
    let mut physical = json!({"artifactLocation": artifact(path)});
    if let Some(region) = region {
        physical["region"] = region;
    }
    json!({"physicalLocation": physical})
}

fn artifact(path: &str) -> Value {
    let path = path.replace('\\', "/");
    if path.starts_with('/') {
        json!({"uri": format!("file://{}", encode_uri_path(&path))})
    } else {
        let relative = path.trim_start_matches("./");
        json!({"uri": encode_uri_path(relative), "uriBaseId": SRCROOT})
    }
}

fn invocation(errors: &[ErrorEntry]) -> Value {
    let notifications: Vec<Value> = errors
        .iter()
        .map(|error| {
            let mut text = format!("{}: {}", error.kind, error.message);
            if text.is_empty() {
                text = "error".into();
            }
            json!({
                "level": "error",
                "message": {"text": text},
                "descriptor": {"id": error.kind},
                "locations": [location(&error.path, error.line.and_then(|l| point_region(l, 0)))],
            })
        })
        .collect();
    json!({"executionSuccessful": true, "toolExecutionNotifications": notifications})
}

fn current_dir_uri() -> String {
    let dir = std::env::current_dir().map(|d| d.to_string_lossy().replace('\\', "/")).unwrap_or_else(|_| "/".into());
    let dir = if dir.starts_with('/') { dir } else { format!("/{dir}") };
    let dir = if dir.ends_with('/') { dir } else { format!("{dir}/") };
    format!("file://{}", encode_uri_path(&dir))
}

/// Percent-encodes everything outside RFC 3986's unreserved set and `/`.
fn encode_uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::encode_uri_path;

    #[test]
    fn encodes_spaces_and_unicode() {
        assert_eq!(encode_uri_path("a b/ü.py"), "a%20b/%C3%BC.py");
    }
}
