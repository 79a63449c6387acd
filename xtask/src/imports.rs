//! No import circles: within each crate of the workspace, the top-level modules (a file
//! `src/x.rs`, or a folder `src/x/` with everything in it) must depend on one another without
//! a cycle, so that each can be read, tested and moved knowing only what it imports.
//!
//! A module "imports" another when any of its files names `crate::other` (in a `use` or in a
//! path). The crate root (`lib.rs`, `main.rs`) is left out: it mounts every module, and
//! modules may use what it defines. The check runs as a unit test of xtask (`cargo test`), so
//! `cargo xtask test` fails on a new circle; [`cycles`] names the modules of each.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The `src` folders of the workspace's crates.
pub fn source_roots(workspace: &Path) -> Vec<PathBuf> {
    [
        "src",
        "cli/src",
        "www/src",
        "www/flow/src",
        "xtask/src",
        "train/src",
        "bench/src",
        "catalog-gen/src",
        "engine/src",
        "inbox/src",
    ]
    .iter()
    .map(|dir| workspace.join(dir))
    .filter(|dir| dir.is_dir())
    .collect()
}

/// The top-level module a file belongs to (`None` for the crate root and binaries).
fn top_module(root: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(root).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    if relative.components().count() == 1 {
        let stem = first.strip_suffix(".rs")?;
        (!matches!(stem, "lib" | "main")).then(|| stem.to_owned())
    } else {
        (first != "bin").then(|| first.to_owned())
    }
}

fn rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The module graph of one crate: module → the modules it names with `crate::`.
pub fn graph(root: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(root, &mut files);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| top_module(root, f)).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let Some(from) = top_module(root, file) else {
            continue;
        };
        // Comments (doc links included) name modules without importing them.
        let text: String = std::fs::read_to_string(file)
            .unwrap_or_default()
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let targets = edges.entry(from.clone()).or_default();
        for (at, _) in text.match_indices("crate::") {
            let name: String = text[at + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if name != from && modules.contains(&name) {
                targets.insert(name);
            }
        }
        // `use crate::{a, b::c}`: the names inside the braces.
        for (at, _) in text.match_indices("crate::{") {
            let inside = &text[at + "crate::{".len()..];
            let inside = &inside[..inside.find('}').unwrap_or(inside.len())];
            for part in inside.split(',') {
                let name = part.trim().split("::").next().unwrap_or_default().trim();
                if name != from && modules.contains(name) {
                    targets.insert(name.to_owned());
                }
            }
        }
    }
    edges
}

/// Every cycle of the graph, each as the modules on it, first the smallest name.
pub fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let mut found = BTreeSet::new();
    for start in graph.keys() {
        // Paths from `start` back to `start` through larger names only, so each cycle is found
        // once, from its smallest module.
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        while let Some((node, path)) = stack.pop() {
            for next in graph.get(&node).into_iter().flatten() {
                if next == start {
                    found.insert(path.clone());
                } else if next > start && !path.contains(next) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    found.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_crate_of_the_workspace_has_an_import_circle() {
        let roots = source_roots(&crate::workspace_root());
        assert!(roots.len() >= 9, "{roots:?}");
        // The graph is read, not empty: matching depends on the catalog (and not the reverse).
        let core = graph(&roots[0]);
        assert!(core["matching"].contains("catalog"), "{core:?}");
        assert!(!core["catalog"].contains("matching"), "{core:?}");
        let mut circles = Vec::new();
        for root in roots {
            for cycle in cycles(&graph(&root)) {
                circles.push(format!("{}: {}", root.display(), cycle.join(" → ")));
            }
        }
        assert!(
            circles.is_empty(),
            "import circles:\n{}",
            circles.join("\n")
        );
    }

    #[test]
    fn a_circle_is_found_and_named() {
        let graph: BTreeMap<String, BTreeSet<String>> = [
            ("catalog", vec!["matching", "profile"]),
            ("matching", vec!["catalog"]),
            ("profile", vec![]),
            ("result", vec!["charts"]),
            ("charts", vec!["format", "result"]),
            ("format", vec![]),
        ]
        .into_iter()
        .map(|(from, to)| (from.into(), to.into_iter().map(String::from).collect()))
        .collect();
        assert_eq!(
            cycles(&graph),
            vec![
                vec!["catalog".to_owned(), "matching".to_owned()],
                vec!["charts".to_owned(), "result".to_owned()],
            ]
        );
    }

    #[test]
    fn files_belong_to_their_top_level_module() {
        let root = Path::new("/w/src");
        assert_eq!(
            top_module(root, Path::new("/w/src/catalog/check.rs")),
            Some("catalog".into())
        );
        assert_eq!(
            top_module(root, Path::new("/w/src/matching.rs")),
            Some("matching".into())
        );
        assert_eq!(top_module(root, Path::new("/w/src/lib.rs")), None);
        assert_eq!(top_module(root, Path::new("/w/src/bin/load.rs")), None);
    }
}
