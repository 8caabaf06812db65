//! The order in which a project's modules are analysed: a module after the
//! modules it imports, so their function summaries are known when its
//! dataflow runs. Imports are read from the source text with a line scan;
//! it only orders the work (an import it misses, or a cycle, costs a later
//! round of re-analysis, never a result).

use rustc_hash::FxHashMap;

/// For each file, the files of the modules it imports (itself left out),
/// sorted. `modules` maps each file's module name to its index;
/// `imports[i]` is what file `i` imports.
pub fn imported_files(modules: &FxHashMap<&str, usize>, imports: &[&[String]]) -> Vec<Vec<usize>> {
    imports
        .iter()
        .enumerate()
        .map(|(i, names)| {
            let mut deps: Vec<usize> =
                names.iter().filter_map(|m| modules.get(m.as_str()).copied()).filter(|&d| d != i).collect();
            deps.sort_unstable();
            deps.dedup();
            deps
        })
        .collect()
}

/// `deps` (each file's imported files) without the imports that close a
/// cycle (the back edges of a depth-first walk): an order that analyses
/// every file after these always exists.
pub fn acyclic(mut deps: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    for (node, dep) in depth_first(&deps).back_edges {
        deps[node].retain(|&d| d != dep);
    }
    deps
}

/// A depth-first walk of a graph (`edges[node]`: the nodes it points to),
/// from every node in order.
pub struct DepthFirst {
    /// Every node after the nodes it points to, except along back edges.
    pub postorder: Vec<usize>,
    /// The edges that lead back to a node still open (they close cycles).
    pub back_edges: Vec<(usize, usize)>,
}

pub fn depth_first(edges: &[Vec<usize>]) -> DepthFirst {
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; edges.len()];
    let mut walk = DepthFirst { postorder: Vec::with_capacity(edges.len()), back_edges: Vec::new() };
    // An explicit stack: import chains can be deeper than the thread's stack allows.
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in 0..edges.len() {
        if state[root] != NEW {
            continue;
        }
        state[root] = OPEN;
        stack.push((root, 0));
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            if let Some(&to) = edges[node].get(*next) {
                *next += 1;
                match state[to] {
                    NEW => {
                        state[to] = OPEN;
                        stack.push((to, 0));
                    }
                    OPEN => walk.back_edges.push((node, to)),
                    _ => {}
                }
            } else {
                state[node] = DONE;
                walk.postorder.push(node);
                stack.pop();
            }
        }
    }
    walk
}

/// The absolute names of the modules `source` imports (and the names it
/// imports from them, which may be submodules), for the file of module
/// `module`. Reads `import` and `from ... import` at the start of lines.
pub fn scan_imports(source: &[u8], module: &str, is_package: bool) -> Vec<String> {
    let package = if is_package { Some(module) } else { module.rsplit_once('.').map(|(parent, _)| parent) };
    let mut out = Vec::new();
    for line in import_lines(source) {
        let Ok(line) = std::str::from_utf8(line) else { continue };
        let line = line.split(['#', ';']).next().unwrap_or("");
        if let Some(rest) = line.strip_prefix("import ") {
            for name in rest.split(',') {
                if let Some(name) = name.split_whitespace().next() {
                    out.push(name.to_string());
                }
            }
        } else if let Some(rest) = line.strip_prefix("from ") {
            let Some((from, names)) = rest.split_once(" import ") else { continue };
            let from = from.trim();
            let dots = from.len() - from.trim_start_matches('.').len();
            let Some(base) = absolute_module(package, dots, from.trim_start_matches('.')) else { continue };
            for name in names.split([',', '(', ')']) {
                if let Some(name) = name.split_whitespace().next().filter(|n| *n != "*") {
                    out.push(if base.is_empty() { name.to_string() } else { format!("{base}.{name}") });
                }
            }
            if !base.is_empty() {
                out.push(base);
            }
        }
    }
    // `import a.b.c` also runs `a` and `a.b`.
    let mut parents = Vec::new();
    for name in &out {
        let mut at = name.as_str();
        while let Some((parent, _)) = at.rsplit_once('.') {
            parents.push(parent.to_string());
            at = parent;
        }
    }
    out.extend(parents);
    out.sort_unstable();
    out.dedup();
    out
}

/// The lines that start with `import ` or `from ` (after indentation) and
/// say `import`: only those are looked at, found by searching for the word.
fn import_lines(source: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut next_line = 0;
    memchr::memmem::find_iter(source, b"import").filter_map(move |at| {
        if at < next_line {
            return None;
        }
        let start = memchr::memrchr(b'\n', &source[..at]).map_or(0, |newline| newline + 1);
        let end = memchr::memchr(b'\n', &source[at..]).map_or(source.len(), |newline| at + newline);
        next_line = end;
        let line = source[start..end].trim_ascii_start();
        (line.starts_with(b"import ") || line.starts_with(b"from ")).then_some(line)
    })
}

/// `from ..x import` in a module of `package`: `None` above the root.
fn absolute_module(package: Option<&str>, dots: usize, name: &str) -> Option<String> {
    if dots == 0 {
        return Some(name.to_string());
    }
    let mut parts: Vec<&str> = package?.split('.').collect();
    for _ in 1..dots {
        parts.pop()?;
    }
    if !name.is_empty() {
        parts.push(name);
    }
    Some(parts.join("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_are_read_from_every_form() {
        let source = b"import os, a.b as c\nfrom . import sibling\nfrom ..up import (x,\n    y)\n    from pkg.m import *  # lazy\nx = 'from nowhere import z'\n";
        let found = scan_imports(source, "pkg.sub.mod", false);
        for expected in ["os", "a", "a.b", "pkg.sub", "pkg.sub.sibling", "pkg.up", "pkg.up.x", "pkg", "pkg.m"] {
            assert!(found.iter().any(|f| f == expected), "{expected} missing from {found:?}");
        }
        assert!(!found.iter().any(|f| f.contains("nowhere")));
    }

    #[test]
    fn cycles_lose_one_edge_and_deep_chains_do_not_overflow() {
        // 0 imports 1, 1 imports 2, 2 imports 0 (a cycle), 3 imports 1.
        let deps = vec![vec![1], vec![2], vec![0], vec![1]];
        assert_eq!(depth_first(&deps).back_edges, vec![(2, 0)]);
        let chain: Vec<Vec<usize>> = (0..100_000).map(|i| if i + 1 < 100_000 { vec![i + 1] } else { vec![] }).collect();
        assert!(depth_first(&chain).back_edges.is_empty());
        let ring: Vec<Vec<usize>> = (0..100_000).map(|i| vec![(i + 1) % 100_000]).collect();
        assert_eq!(depth_first(&ring).back_edges.len(), 1);
    }
}
