//! Shared helpers of the command-line tests: run the built `survlens` binary, read
//! fixtures, compare numbers with a stated tolerance.

// Each test crate uses a different part; helpers unwrap because a malformed fixture must
// fail the test loudly.
#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

/// What one run of the binary produced.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Stdout parsed as JSON, failing with stderr shown when the run failed.
    pub fn json(&self) -> Value {
        assert_eq!(self.code, 0, "survlens failed: {}", self.stderr);
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// Runs `survlens args...` from the repository root (so paths in messages are relative).
pub fn survlens(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_survlens"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// A JSON fixture, `path` relative to tests/fixtures.
pub fn fixture(path: &str) -> Value {
    let full = root().join("tests/fixtures").join(path);
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full:?}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// A JSON array of numbers.
pub fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|x| x.as_f64().unwrap_or(f64::NAN))
        .collect()
}

/// Asserts `|got - want| <= rel * |want| + abs`, naming the quantity on failure.
#[track_caller]
pub fn assert_close(got: f64, want: f64, rel: f64, abs: f64, what: &str) {
    assert!(
        (got - want).abs() <= rel * want.abs() + abs,
        "{what}: got {got}, want {want} (tolerance rel {rel:e} + abs {abs:e})"
    );
}

/// A fresh scratch directory for one test's output files.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("survlens-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
