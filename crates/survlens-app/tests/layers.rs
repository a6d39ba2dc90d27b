//! The crate's layers, read from its sources: each folder of `src/` imports only the layers
//! below it (core < sources < analysis < views < job), so views never import the job engine
//! and `Session` can be read without it. Comments may name any layer; code may not.

// Test code, and helpers outside `#[test]` functions, fail loudly by design.
#![allow(clippy::panic, clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::Path;

use common::rust_files;

/// The layers, lowest first.
const LAYERS: [&str; 5] = ["core", "sources", "analysis", "views", "job"];

/// The code of `text` without its comments (line comments and doc comments; the crate has
/// no block comments, which the second assertion below holds).
fn code(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The layers a file's code refers to as `crate::<layer>`.
fn layers_used(code: &str) -> Vec<&'static str> {
    LAYERS
        .into_iter()
        .filter(|layer| code.contains(&format!("crate::{layer}::")))
        .collect()
}

#[test]
fn each_layer_imports_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut checked = 0;
    let mut violations = Vec::new();
    for (rank, layer) in LAYERS.iter().enumerate() {
        let mut files = Vec::new();
        rust_files(&src.join(layer), &mut files);
        assert!(!files.is_empty(), "the layer {layer} has no source file");
        for file in files {
            let text = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{e}"));
            assert!(
                !text.contains("/*"),
                "{}: a block comment would hide code from this test",
                file.display()
            );
            for used in layers_used(&code(&text)) {
                let used_rank = LAYERS.iter().position(|l| *l == used).unwrap_or(0);
                if used_rank > rank {
                    violations.push(format!("{} uses crate::{used}", file.display()));
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} files read");
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn every_module_lives_in_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let top: Vec<String> = fs::read_dir(&src)
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|e| e.unwrap_or_else(|e| panic!("{e}")).file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .collect();
    for name in &top {
        assert!(
            name == "lib.rs" || LAYERS.contains(&name.as_str()),
            "src/{name} is outside the layers {LAYERS:?}"
        );
    }
}

/// The test's own reader: a file that reaches up a layer is caught, one that reaches down or
/// names a layer only in a comment is not.
#[test]
fn the_reader_tells_code_from_comments() {
    let text = "//! Built by [`crate::job::pipeline`].\nuse crate::core::session::Session;\n";
    assert_eq!(layers_used(&code(text)), ["core"]);
    let text = "use crate::core::session::Session; // not crate::job::x\nfn f() { crate::job::pipeline::run() }";
    assert_eq!(layers_used(&code(text)), ["core", "job"]);
}
