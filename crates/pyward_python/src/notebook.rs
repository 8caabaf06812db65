//! Jupyter notebooks: the code cells are analysed as one module (cells run
//! in one namespace), and every location is mapped back to its cell.
//!
//! Lines that are not Python — line and cell magics (`%time`, `%%bash`),
//! shell escapes (`!pip install`, `files = !ls`) and help (`obj?`) — are
//! blanked, not reported as syntax errors. Cells are numbered from 1 in the
//! order of the notebook's code cells.

use serde_json::Value;

use crate::analyze::{CheckSettings, FileReport, analyze_source};
use crate::files::SourceFile;

pub fn is_notebook(path: &std::path::Path) -> bool {
    path.extension().is_some_and(|e| e == "ipynb")
}

/// The notebook's code as one source, and where each cell starts in it.
#[derive(Debug, PartialEq, Eq)]
pub struct NotebookSource {
    pub text: String,
    /// (first line of the cell in `text`, 1-based) for cells 1, 2, ...
    pub cell_starts: Vec<u32>,
}

impl NotebookSource {
    /// (cell number, line within the cell) of a line of `text`.
    pub fn locate(&self, line: u32) -> (u32, u32) {
        let index = self.cell_starts.partition_point(|&start| start <= line).saturating_sub(1);
        let start = self.cell_starts.get(index).copied().unwrap_or(1);
        (index as u32 + 1, line.saturating_sub(start) + 1)
    }
}

pub fn notebook_source(bytes: &[u8]) -> Result<NotebookSource, String> {
    let document: Value = serde_json::from_slice(bytes).map_err(|e| format!("not a notebook (invalid JSON: {e})"))?;
    let cells = document
        .get("cells")
        .and_then(Value::as_array)
        .ok_or("not a notebook: no `cells` list (nbformat 4 is supported)")?;
    let mut text = String::new();
    let mut cell_starts = Vec::new();
    let mut line = 1u32;
    for cell in cells.iter().filter(|c| c.get("cell_type").and_then(Value::as_str) == Some("code")) {
        let source = cell_source(cell);
        cell_starts.push(line);
        let python = is_python_cell(&source);
        for code_line in source.lines() {
            if python && !is_ipython_only(code_line) {
                text.push_str(code_line);
            }
            text.push('\n');
            line = line.saturating_add(1);
        }
        // A blank line keeps an unfinished statement from running into the next cell.
        text.push('\n');
        line = line.saturating_add(1);
    }
    Ok(NotebookSource { text, cell_starts })
}

fn cell_source(cell: &Value) -> String {
    match cell.get("source") {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Array(parts)) => parts.iter().filter_map(Value::as_str).collect(),
        _ => String::new(),
    }
}

/// A cell starting with a cell magic (`%%bash`, `%%html`) is not Python.
fn is_python_cell(source: &str) -> bool {
    let first = source.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim_start();
    !first.starts_with("%%") || first.starts_with("%%time") || first.starts_with("%%capture")
}

fn is_ipython_only(line: &str) -> bool {
    let code = line.trim();
    if code.starts_with(['%', '!']) || (code.ends_with('?') && !code.starts_with('#')) {
        return true;
    }
    // `files = !ls`
    code.split_once('=').is_some_and(|(target, value)| {
        value.trim_start().starts_with('!') && target.trim().chars().all(|c| c.is_alphanumeric() || c == '_')
    })
}

/// Analyses a notebook's code cells and maps findings and errors to cells.
pub fn analyze_notebook(file: &SourceFile, bytes: &[u8], settings: &CheckSettings) -> FileReport {
    let notebook = match notebook_source(bytes) {
        Ok(notebook) => notebook,
        Err(message) => {
            return FileReport {
                findings: Vec::new(),
                errors: vec![pyward_report::ErrorEntry::new(&file.display, "decode", message)],
            };
        }
    };
    let mut report = analyze_source(file, &notebook.text, settings);
    for finding in &mut report.findings {
        let (cell, line) = notebook.locate(finding.line);
        let (_, end_line) = notebook.locate(finding.end_line);
        finding.line = line;
        finding.end_line = end_line;
        finding.details.insert("cell".into(), cell.into());
        finding.fingerprint = pyward_report::fingerprint(&[&finding.fingerprint, &cell.to_string()]);
    }
    for error in &mut report.errors {
        if let Some(line) = error.line {
            let (cell, in_cell) = notebook.locate(line);
            error.line = Some(in_cell);
            error.message = format!("cell {cell}: {}", error.message);
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_cells_joined_and_located() {
        let notebook = br##"{"cells": [
            {"cell_type": "markdown", "source": ["# Title"]},
            {"cell_type": "code", "source": ["import os\n", "!pip install x\n", "os.system(cmd)"]},
            {"cell_type": "code", "source": "%%bash\nrm -rf /\n"},
            {"cell_type": "code", "source": ["files = !ls\n", "%time eval(x)\n", "os?\n", "eval(y)\n"]}
        ], "nbformat": 4}"##;
        let source = notebook_source(notebook).unwrap();
        assert_eq!(source.cell_starts, vec![1, 5, 8]);
        assert_eq!(source.text, "import os\n\nos.system(cmd)\n\n\n\n\n\n\n\neval(y)\n\n");
        assert_eq!(source.locate(3), (1, 3));
        assert_eq!(source.locate(11), (3, 4));
    }

    #[test]
    fn not_a_notebook() {
        assert!(notebook_source(b"{\"nbformat\": 4}").is_err());
        assert!(notebook_source(b"not json").unwrap_err().contains("invalid JSON"));
    }
}
