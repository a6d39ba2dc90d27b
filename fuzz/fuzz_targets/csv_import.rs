//! Fuzz target: the CSV/TSV import must turn any bytes into a cohort or a report, never a
//! panic, and a report must point at rows that exist.
//!
//! The first input byte picks the settings (separator detected or fixed, decimal comma,
//! id column or row numbers, small limits so one input stays fast); the rest is the file.
//! Column roles are what the page would pre-fill: `time`, `event`, optionally `id`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use survlens_data::{ColumnRoles, ImportOptions, Limits, MissingCodes, import_csv, preview};

fuzz_target!(|data: &[u8]| {
    let Some((&settings, file)) = data.split_first() else {
        return;
    };
    let options = ImportOptions {
        delimiter: match settings & 0b11 {
            0 => None,
            1 => Some(b','),
            2 => Some(b';'),
            _ => Some(b'\t'),
        },
        decimal_comma: match (settings >> 2) & 0b11 {
            0 => None,
            1 => Some(false),
            _ => Some(true),
        },
        require_events: settings & 0b1_0000 != 0,
        // The top bit: a file whose outcome may be absent, as predict and explain read it,
        // with added codes (a text and a numeric one).
        require_outcome: settings & 0b1000_0000 == 0,
        missing_codes: if settings & 0b1000_0000 != 0 {
            MissingCodes::new(["unknown", "-9"]).unwrap_or_default()
        } else {
            MissingCodes::none()
        },
        // Missing markers refused, as an ONNX network's inputs are read, with an id column.
        require_markers: settings & 0b10_0000 != 0,
        limits: Limits {
            max_bytes: 1 << 20,
            max_columns: 64,
            max_rows: 4_096,
            max_cells: 1 << 16,
            max_levels: 16,
            max_problems: 8,
        },
    };
    let mut roles = ColumnRoles::new("time", "event");
    if settings & 0b10_0000 != 0 {
        roles = roles.with_id("id");
    }
    if settings & 0b100_0000 != 0 {
        roles = roles.with_entity("entity");
    }

    // The page's first look at a file: preview, then guessed roles.
    if let Ok(p) = preview(file, "fuzz.csv", &options, 5) {
        let _ = p.guess_roles();
    }

    match import_csv(file, "fuzz.csv", &roles, &options) {
        Ok(imported) => {
            let cohort = &imported.cohort;
            assert!(cohort.len() >= 1, "an imported cohort has patients");
            assert!(
                cohort.time().iter().all(|t| t.is_finite() && *t > 0.0),
                "imported survival times are finite and positive"
            );
            let outcome = if cohort.has_outcome() { cohort.len() } else { 0 };
            assert_eq!(cohort.time().len(), outcome, "one time per patient, or none");
            assert_eq!(cohort.event().len(), outcome, "one event per patient, or none");
        }
        Err(report) => {
            assert!(report.total() >= 1, "a refused file names a problem");
            // Rows are 1-based spreadsheet rows; a file cannot have more rows than bytes.
            let last_row = file.len() as u64 + 1;
            for problem in &report.problems {
                if let Some(row) = problem.row() {
                    assert!(
                        (1..=last_row).contains(&row),
                        "{problem}: row {row} outside 1..={last_row}"
                    );
                }
                let _ = problem.to_string();
            }
            let _ = report.to_string();
        }
    }
});
