//! Collects each rule's documentation from the doc comment above its
//! `static RULE` so it is written once, in the rule's own file, and
//! `pyward explain` and docs/rules.md render the same text.

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    let rules_dir = Path::new("src/rules");
    println!("cargo:rerun-if-changed={}", rules_dir.display());
    let mut files = Vec::new();
    collect_rust_files(rules_dir, &mut files);
    files.sort();
    let mut entries = Vec::new();
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let text = std::fs::read_to_string(file).expect("rule file is readable");
        if let Some(entry) = documented_rule(&text) {
            entries.push(entry);
        }
    }
    let mut generated = String::from(
        "/// The documentation of rule `id`, from its file's doc comment.\n\
         pub fn documentation(id: &str) -> &'static str {\n    match id {\n",
    );
    for (id, doc) in entries {
        let _ = writeln!(generated, "        {id:?} => {doc:?},");
    }
    generated.push_str("        _ => \"\",\n    }\n}\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("rule_docs.rs");
    std::fs::write(out, generated).expect("OUT_DIR is writable");
}

fn collect_rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_rust_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The id and doc comment of the `static RULE` in a rule file.
fn documented_rule(text: &str) -> Option<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let position = lines.iter().position(|l| l.contains("static RULE: Rule"))?;
    let mut doc = Vec::new();
    for line in lines[..position].iter().rev() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("///") {
            doc.push(rest.strip_prefix(' ').unwrap_or(rest));
        } else if !trimmed.starts_with("#[") {
            break;
        }
    }
    doc.reverse();
    let id = lines[position..].iter().find_map(|l| {
        let rest = l.trim_start().strip_prefix("id: \"")?;
        Some(rest.split('"').next()?.to_string())
    })?;
    Some((id, doc.join("\n").trim().to_string()))
}
