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
        // they are used (survlens-app's data sources); Rotterdam's relapse columns below.
        .filter(|n| !n.contains("_harmonised") && !n.contains("_page"))
        .filter(|n| n != "rotterdam_recurrence.csv")
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

/// The rows of a small CSV file in data/ as maps from column name to cell.
fn rows(file: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(format!("{DATA}/{file}")).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

fn number(row: &std::collections::HashMap<String, String>, column: &str) -> f64 {
    row[column]
        .parse()
        .unwrap_or_else(|e| panic!("{column}: {e}"))
}

/// rotterdam.csv records deaths only (R `AF::rott2`'s overall survival), GBSG2 relapse or
/// death: the external validation's Rotterdam file takes its endpoint from the relapse
/// columns of R `survival::rotterdam` (data/rotterdam_recurrence.csv), as that package's
/// documentation defines recurrence-free survival: relapse or death, at the relapse time when
/// there was one. Reference counts: 1,272 deaths and 1,713 such events among 2,982 patients
/// (the survival package's data; Royston and Altman, BMC Med Res Methodol 2013;13:33).
#[test]
fn the_external_validation_compares_recurrence_free_survival_on_both_sides() {
    let days_per_month = 365.25 / 12.0;
    let deaths: std::collections::HashMap<String, (f64, f64)> = rows("rotterdam.csv")
        .iter()
        .map(|r| (r["pid"].clone(), (number(r, "event"), number(r, "time"))))
        .collect();
    let relapse: std::collections::HashMap<String, _> = rows("rotterdam_recurrence.csv")
        .into_iter()
        .map(|r| (r["pid"].clone(), r))
        .collect();
    let harmonised = rows("rotterdam_harmonised.csv");
    assert_eq!(
        (deaths.len(), relapse.len(), harmonised.len()),
        (2982, 2982, 2982)
    );

    let (mut died, mut rfs_events) = (0, 0);
    for h in &harmonised {
        let pid = &h["pid"];
        let r = &relapse[pid];
        let (death_event, death_months) = deaths[pid];
        // rotterdam.csv is the survival package's death and death time, to 4 decimals.
        assert_eq!(death_event, number(r, "death"), "patient {pid}");
        assert!(
            (death_months - number(r, "dtime") / days_per_month).abs() < 1e-4,
            "patient {pid}: {death_months} months vs {} days",
            r["dtime"]
        );
        let relapsed = number(r, "recur") == 1.0;
        let event = if relapsed { 1.0 } else { number(r, "death") };
        let days = number(r, if relapsed { "rtime" } else { "dtime" });
        assert_eq!(number(h, "event"), event, "patient {pid}");
        assert!(
            (number(h, "time") - days / days_per_month).abs() < 1e-4,
            "patient {pid}: {} months vs {days} days",
            h["time"]
        );
        died += usize::from(death_event == 1.0);
        rfs_events += usize::from(event == 1.0);
    }
    assert_eq!((died, rfs_events), (1272, 1713));
}
