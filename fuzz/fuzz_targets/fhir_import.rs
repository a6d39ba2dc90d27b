//! Fuzz target: the FHIR import must turn any bytes into a cohort and a report, or a
//! refusal naming its problems, never a panic; every problem points into the input, and
//! the report's counts by resource type and by file agree.
//!
//! The first input byte picks how the bytes are read (as NDJSON, as one JSON document, or
//! split in two files at the second byte's position) and whether an index date is set.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use survlens_fhir::{Catalogue, Day, Input, ReadOptions, read_with};

/// The dictionary with its routes, built once: building it per input would dominate the
/// time of every run.
fn catalogue() -> Option<&'static Catalogue> {
    static CATALOGUE: OnceLock<Option<Catalogue>> = OnceLock::new();
    CATALOGUE.get_or_init(|| Catalogue::standard().ok()).as_ref()
}

fuzz_target!(|data: &[u8]| {
    let Some((&settings, rest)) = data.split_first() else {
        return;
    };
    let options = ReadOptions {
        index_date: (settings & 0b100 != 0).then(|| Day::from_ymd(2024, 1, 1)).flatten(),
        markers: None,
    };
    let (a, b) = match (settings & 0b11, rest.split_first()) {
        (2, Some((&at, tail))) => tail.split_at(usize::from(at).min(tail.len())),
        _ => (rest, &[][..]),
    };
    let first = if settings & 0b11 == 1 { "fuzz.json" } else { "fuzz.ndjson" };
    let mut inputs = vec![Input { name: first, bytes: a }];
    if !b.is_empty() {
        inputs.push(Input { name: "more.ndjson", bytes: b });
    }
    let lines = data.iter().filter(|&&c| c == b'\n').count() as u64 + 1;
    let check = |problems: &[survlens_fhir::Problem]| {
        for p in problems {
            if let Some(line) = p.at.line {
                assert!((1..=lines).contains(&line), "{p}: line {line} outside 1..={lines}");
            }
            let _ = p.to_string();
            let _ = p.code();
        }
    };
    let Some(catalogue) = catalogue() else {
        return;
    };
    match read_with(&inputs, &options, catalogue) {
        Ok(imported) => {
            let report = &imported.report;
            assert!(imported.cohort.len() >= 1, "an imported cohort has patients");
            assert_eq!(report.patients, imported.cohort.len());
            // Nothing is lost from the count: every resource read is in its file's count.
            let by_type: usize = report.resources.iter().map(|r| r.read).sum();
            let by_file: usize = report.files.iter().map(|f| f.resources).sum();
            assert_eq!(by_type, by_file, "resources by type and by file");
            assert!(report.resources.iter().all(|r| r.used <= r.read));
            check(&report.problems);
            let _ = report.to_string();
            let _ = report.to_json();
            let mut csv = Vec::new();
            survlens_data::write_csv(&imported.cohort, &mut csv).ok();
        }
        Err(failure) => {
            assert!(!failure.to_string().is_empty(), "a refusal says why");
            check(failure.problems());
        }
    }
});
