//! No panicking macro in library code: a panic in the browser kills the page, so user data
//! must become a typed error, never reach `assert!` or `unreachable!`.
//!
//! Clippy's workspace lints (`unwrap_used`, `expect_used`, `panic`, `todo`; errors in CI
//! through `-D warnings`, allowed in tests by `clippy.toml`) cover `unwrap`, `expect`,
//! `panic!` and `todo!`. They do not cover `assert!`, `assert_eq!`, `assert_ne!`,
//! `unreachable!` or `unimplemented!`, which panic just the same in a release build; this
//! test scans every crate's `src/` for them outside `#[cfg(test)]` modules and test files.
//! (`debug_assert!` is allowed: it is compiled out of the page's release build.)

// Helpers outside `#[test]` functions are test code too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use common::rust_files;

/// Macros that panic in release builds and that clippy's workspace lints do not flag.
const PANICKING: [&str; 5] = [
    "assert!(",
    "assert_eq!(",
    "assert_ne!(",
    "unreachable!(",
    "unimplemented!(",
];

/// Lines of `source` that are library code: without comments, and without `#[cfg(test)]`
/// items (rustfmt closes a top-level item with `}` at column 0). 1-based line numbers.
fn library_lines(source: &str) -> Vec<(usize, &str)> {
    let mut lines = Vec::new();
    let mut in_test_item = false;
    let mut pending_cfg_test = false;
    for (n, line) in source.lines().enumerate() {
        if in_test_item {
            in_test_item = line != "}";
            continue;
        }
        let code = line.trim_start();
        if code.starts_with("#[cfg(test)]") {
            pending_cfg_test = true;
            continue;
        }
        if pending_cfg_test {
            // The item the attribute applies to: a one-line `mod tests;` ends here.
            pending_cfg_test = false;
            in_test_item = code.ends_with('{');
            continue;
        }
        if code.starts_with("//") {
            continue;
        }
        lines.push((n + 1, line));
    }
    lines
}

#[test]
fn library_code_has_no_panicking_macros() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for krate in std::fs::read_dir(&crates).unwrap() {
        let src = krate.unwrap().path().join("src");
        if src.is_dir() {
            rust_files(&src, &mut files);
        }
    }
    assert!(files.len() > 20, "found only {} source files", files.len());
    let mut found = Vec::new();
    for file in &files {
        // `mod tests;` files hold a crate's unit tests.
        if file.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let source = std::fs::read_to_string(file).unwrap();
        for (n, line) in library_lines(&source) {
            let code = line.split("//").next().unwrap_or("");
            for mac in PANICKING {
                let hit = code
                    .match_indices(mac)
                    .any(|(i, _)| !code[..i].ends_with("debug_") && !code[..i].ends_with('_'));
                if hit {
                    let rel = file.strip_prefix(&crates).unwrap_or(file);
                    found.push(format!("crates/{}:{n}: {}", rel.display(), line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "panicking macros in library code (return a typed error instead):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_sees_through_comments_and_test_modules_only() {
    let source = "fn f() {\n    assert!(x);\n}\n// assert!(doc)\n#[cfg(test)]\nmod tests {\n    \
                  fn g() {\n        assert!(y);\n    }\n}\nfn h() {\n    unreachable!();\n}\n";
    let lines: Vec<usize> = library_lines(source)
        .into_iter()
        .filter(|(_, l)| PANICKING.iter().any(|m| l.contains(m)))
        .map(|(n, _)| n)
        .collect();
    assert_eq!(lines, [2, 12]);
}
