//! Every public cohort shipped in data/ imports with the roles the page would guess, with
//! the patient and event counts of data/README.md.

// Helpers outside `#[test]` functions are test code too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use survlens_data::{ImportOptions, MarkerKind, import_csv, preview};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");

/// `(file, patients, events in %)` as data/README.md states them.
const COHORTS: [(&str, usize, f64); 5] = [
    ("support2.csv", 9105, 68.1),
    ("rotterdam.csv", 2982, 42.7),
    ("gbsg2.csv", 686, 43.6),
    ("ncctg_lung.csv", 228, 72.4),
    ("veteran_lung.csv", 137, 93.4),
];

#[test]
fn every_shipped_cohort_imports_with_guessed_roles() {
    let mut files: Vec<String> = std::fs::read_dir(DATA)
        .unwrap_or_else(|e| panic!("{DATA}: {e}"))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv"))
        // Files derived from these for the page (harmonised, trimmed) are checked where
        // they are used (survlens-app's data sources).
        .filter(|n| !n.contains("_harmonised") && !n.contains("_page"))
        .collect();
    files.sort();
    let mut listed: Vec<String> = COHORTS.iter().map(|c| c.0.to_string()).collect();
    listed.sort();
    assert_eq!(
        files, listed,
        "every source cohort in data/ is checked here"
    );

    for (file, patients, event_percent) in COHORTS {
        let bytes = std::fs::read(format!("{DATA}/{file}")).unwrap();
        let options = ImportOptions::default();
        let guess = preview(&bytes, file, &options, 50).unwrap().guess_roles();
        assert_eq!(
            (
                guess.id.as_deref(),
                guess.time.as_deref(),
                guess.event.as_deref()
            ),
            (Some("pid"), Some("time"), Some("event")),
            "{file}"
        );
        let imported = import_csv(&bytes, file, &guess.roles().unwrap(), &options)
            .unwrap_or_else(|report| panic!("{report}"));
        let c = imported.cohort;
        assert_eq!(c.len(), patients, "{file}");
        // README percentages are rounded to 0.1: within 0.05 points.
        let percent = 100.0 * c.event_count() as f64 / c.len() as f64;
        assert!(
            (percent - event_percent).abs() <= 0.05,
            "{file}: {percent:.2}% events"
        );
        let header = String::from_utf8_lossy(&bytes)
            .lines()
            .next()
            .unwrap()
            .split(',')
            .count();
        assert_eq!(
            c.markers().len(),
            header - 3,
            "{file}: all columns but pid, time, event"
        );
        for m in c.markers() {
            let expected = if m.name().starts_with("fac_") {
                MarkerKind::Categorical
            } else {
                m.kind()
            };
            assert_eq!(m.kind(), expected, "{file}: {}", m.name());
            assert!(
                m.name().starts_with("num_") || m.name().starts_with("fac_"),
                "{}",
                m.name()
            );
        }
    }
}

#[test]
fn missing_cells_and_levels_of_support2() {
    let bytes = std::fs::read(format!("{DATA}/support2.csv")).unwrap();
    let options = ImportOptions::default();
    let roles = preview(&bytes, "support2.csv", &options, 50)
        .unwrap()
        .guess_roles()
        .roles()
        .unwrap();
    let c = import_csv(&bytes, "support2.csv", &roles, &options)
        .unwrap()
        .cohort;
    // Empty cells counted with Python's csv module on the same file.
    for (marker, missing) in [
        ("num_edu", 1634),
        ("num_glucose", 4500),
        ("num_adlp", 5641),
        ("num_age", 0),
    ] {
        assert_eq!(
            c.marker(marker).unwrap().missing_count(),
            missing,
            "{marker}"
        );
    }
    // SurvSet writes a factor's missing value as the word "missing": a missing value,
    // never a level. Counts of "missing" cells by Python's csv module on the same file.
    for (marker, missing) in [("fac_income", 2982), ("fac_race", 42), ("fac_ca", 0)] {
        let m = c.marker(marker).unwrap();
        assert_eq!(m.missing_count(), missing, "{marker}");
        let levels = m.as_categorical().unwrap().levels();
        assert!(
            !levels.iter().any(|l| l == "missing"),
            "{marker}: {levels:?}"
        );
    }
    let income = c.marker("fac_income").unwrap().as_categorical().unwrap();
    assert_eq!(
        income.levels(),
        ["$11-$25k", "$25-$50k", ">$50k", "under $11k"]
    );
}

#[test]
fn the_word_missing_in_a_numeric_looking_column_is_a_missing_value() {
    // ncctg_lung's fac_ph_ecog (0-3) and fac_inst (institution codes) each hold one
    // "missing" (file lines 15 and 157, found with Python's csv module): read without
    // fixing their kind, both columns are numeric with those two cells missing.
    let bytes = std::fs::read(format!("{DATA}/ncctg_lung.csv")).unwrap();
    let roles = survlens_data::ColumnRoles::new("time", "event").with_id("pid");
    let c = import_csv(&bytes, "ncctg_lung.csv", &roles, &ImportOptions::default())
        .unwrap()
        .cohort;
    for (marker, line) in [("fac_ph_ecog", 15), ("fac_inst", 157)] {
        let m = c.marker(marker).unwrap();
        assert_eq!(m.kind(), MarkerKind::Numeric, "{marker}");
        assert_eq!(m.missing_count(), 1, "{marker}");
        // Line 1 is the header: patient index = line - 2.
        assert!(m.is_missing(line - 2), "{marker}");
    }
}
