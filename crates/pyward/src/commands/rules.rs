//! `pyward rules` and `pyward explain`.

use std::fmt::Write;

use anyhow::bail;
use clap::{Args, ValueEnum};
use pyward_python::engine::{Rule, Selector};
use pyward_python::rules::ALL;

use crate::output::Status;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Only rules matching these selectors (ids, names, aliases, categories, prefixes).
    #[arg(value_delimiter = ',')]
    pub select: Vec<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id (PW201), name (pickle-load) or Bandit/Ruff code (B301, S301).
    pub rule: String,
}

pub fn run_rules(args: RulesArgs) -> anyhow::Result<Status> {
    let selectors: Vec<Selector> = args.select.iter().map(|s| Selector(s.clone())).collect();
    let rules: Vec<&Rule> =
        ALL.iter().copied().filter(|r| selectors.is_empty() || selectors.iter().any(|s| s.matches(r))).collect();
    if rules.is_empty() {
        bail!("no rule matches {}; `pyward rules` lists them all", args.select.join(","));
    }
    let text = match args.format {
        ListFormat::Json => rules_json(&rules),
        ListFormat::Text => rules_table(&rules),
    };
    print!("{text}");
    Ok(Status::Clean)
}

fn rules_json(rules: &[&Rule]) -> String {
    let list: Vec<serde_json::Value> = rules
        .iter()
        .map(|rule| {
            let meta = &rule.meta;
            serde_json::json!({
                "id": meta.id, "name": meta.name, "summary": meta.summary,
                "severity": meta.severity, "confidence": meta.confidence,
                "cwe": meta.cwe, "category": meta.category, "aliases": meta.aliases,
                "documentation": rule.documentation(),
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&list).expect("rules serialise");
    text.push('\n');
    text
}

fn rules_table(rules: &[&Rule]) -> String {
    let width = rules.iter().map(|r| r.meta.name.len()).max().unwrap_or(4);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<6} {:<width$} {:<8} {:<8} {:<10} {:<14} SUMMARY",
        "ID", "NAME", "SEVERITY", "CONF.", "CWE", "ALIASES"
    );
    for rule in rules {
        let meta = &rule.meta;
        let cwe: Vec<String> = meta.cwe.iter().map(|n| n.to_string()).collect();
        let _ = writeln!(
            out,
            "{:<6} {:<width$} {:<8} {:<8} {:<10} {:<14} {}",
            meta.id,
            meta.name,
            meta.severity,
            meta.confidence,
            cwe.join(","),
            meta.aliases.join(","),
            meta.summary
        );
    }
    let _ = writeln!(out, "\n{} rules. `pyward explain ID` documents one.", rules.len());
    out
}

pub fn run_explain(args: ExplainArgs) -> anyhow::Result<Status> {
    let wanted = args.rule.trim();
    let rule = ALL.iter().find(|r| {
        let meta = &r.meta;
        meta.id.eq_ignore_ascii_case(wanted)
            || meta.name.eq_ignore_ascii_case(wanted)
            || meta.aliases.iter().any(|a| a.eq_ignore_ascii_case(wanted))
    });
    let Some(rule) = rule else {
        bail!("no rule is called `{wanted}`; `pyward rules` lists them all");
    };
    print!("{}", explanation(rule));
    Ok(Status::Clean)
}

/// The rule's header facts, then its documentation.
pub fn explanation(rule: &Rule) -> String {
    let meta = &rule.meta;
    let cwe: Vec<String> = meta.cwe.iter().map(|n| format!("CWE-{n}")).collect();
    let aliases = if meta.aliases.is_empty() { "none".to_string() } else { meta.aliases.join(", ") };
    format!(
        "# {} {}: {}\n\nSeverity: {} · Confidence: {} · {} · Category: {} · Aliases: {}\n\n{}\n",
        meta.id,
        meta.name,
        meta.summary,
        meta.severity,
        meta.confidence,
        cwe.join(", "),
        meta.category,
        aliases,
        rule.documentation()
    )
}
