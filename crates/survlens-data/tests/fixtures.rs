//! The files in tests/fixtures/csv: each good one gives the stated cohort (with roles
//! guessed from its preview), each bad one the stated problems at the stated cells.

// Helpers outside `#[test]` functions are test code too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use survlens_data::{ColumnRoles, ImportOptions, Imported, MarkerKind, import_csv, preview};

fn read(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../tests/fixtures/csv/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Imports a fixture with the roles guessed from its preview.
fn import_guessed(name: &str) -> Imported {
    let bytes = read(name);
    let options = ImportOptions::default();
    let roles = preview(&bytes, name, &options, 20)
        .unwrap()
        .guess_roles()
        .roles()
        .unwrap();
    import_csv(&bytes, name, &roles, &options).unwrap_or_else(|r| panic!("{r}"))
}

fn values(imported: &Imported, marker: &str) -> Vec<f32> {
    imported
        .cohort
        .marker(marker)
        .unwrap()
        .as_f32()
        .unwrap()
        .to_vec()
}

fn labels(imported: &Imported, marker: &str) -> Vec<Option<String>> {
    let c = imported
        .cohort
        .marker(marker)
        .unwrap()
        .as_categorical()
        .unwrap();
    (0..c.len())
        .map(|i| c.label(i).map(str::to_owned))
        .collect()
}

/// NaN-aware equality for marker columns (NaN = missing).
fn same(a: &[f32], b: &[f32]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x == y || (x.is_nan() && y.is_nan()))
}

#[test]
fn semicolon_file_with_decimal_commas_and_entity() {
    let imported = import_guessed("semicolon_decimal_comma.csv");
    let c = &imported.cohort;
    assert_eq!(
        (imported.dialect.delimiter, imported.dialect.decimal_comma),
        (b';', true)
    );
    let columns = c.columns();
    assert_eq!(
        (
            columns.id.as_str(),
            columns.time.as_str(),
            columns.event.as_str(),
            columns.entity.as_deref()
        ),
        ("patient_id", "os_days", "status", Some("entity"))
    );
    assert_eq!(c.ids().collect::<Vec<_>>(), ["1", "2", "3"]);
    assert_eq!(c.time(), [120.5, 30.0, 400.25]);
    assert_eq!(c.event(), [true, false, true]);
    let entity = c.entity().unwrap();
    assert_eq!(entity.levels(), ["Breast", "Lung"]);
    assert_eq!(entity.codes(), [1, 0, 1]);
    let kinds: Vec<(&str, MarkerKind)> = c.markers().iter().map(|m| (m.name(), m.kind())).collect();
    assert_eq!(
        kinds,
        [
            ("crp", MarkerKind::Numeric),
            ("smoker", MarkerKind::Binary),
            ("grade", MarkerKind::Categorical)
        ]
    );
    assert!(same(&values(&imported, "crp"), &[3.2, f32::NAN, 12.75]));
    assert!(same(&values(&imported, "smoker"), &[1.0, 0.0, f32::NAN]));
    assert_eq!(
        labels(&imported, "grade"),
        [Some("II".into()), Some("I".into()), Some("III".into())]
    );
}

#[test]
fn tab_file_with_byte_order_mark() {
    let imported = import_guessed("bom_tab.tsv");
    let c = &imported.cohort;
    assert_eq!(imported.dialect.delimiter, b'\t');
    assert_eq!(
        (c.columns().id.as_str(), c.columns().time.as_str()),
        ("pid", "futime")
    );
    assert_eq!(c.ids().collect::<Vec<_>>(), ["7", "8", "9"]);
    assert_eq!(c.time(), [10.0, 20.0, 35.5]);
    assert!(same(&values(&imported, "age"), &[61.5, 70.0, f32::NAN]));
}

#[test]
fn quoted_fields_keep_separators_quotes_and_line_breaks() {
    let roles = ColumnRoles::new("time", "event").with_id("id");
    let options = ImportOptions::default();
    let pipe = import_csv(&read("pipe_quoted_newline.csv"), "p.csv", &roles, &options).unwrap();
    assert_eq!(pipe.dialect.delimiter, b'|');
    assert_eq!(
        labels(&pipe, "note"),
        [Some("line one\nline two".into()), Some("plain".into())]
    );

    let crlf = import_csv(&read("crlf_quotes.csv"), "c.csv", &roles, &options).unwrap();
    assert_eq!(crlf.cohort.time(), [10.0, 12.0]);
    assert_eq!(
        labels(&crlf, "comment"),
        [Some("said \"no\", then\r\nleft".into()), None]
    );
}

/// `(kind code, row, column)` of each expected problem.
type Expected<'a> = &'a [(&'a str, Option<u64>, Option<&'a str>)];

fn check_bad(name: &str, expected: Expected<'_>) {
    let roles = ColumnRoles::new("time", "event").with_id("id");
    let report = match import_csv(&read(name), name, &roles, &ImportOptions::default()) {
        Ok(_) => panic!("{name} imported"),
        Err(report) => report,
    };
    let found: Vec<(&str, Option<u64>, Option<&str>)> = report
        .problems
        .iter()
        .map(|p| (p.code(), p.row(), p.cell().map(|c| c.column.as_str())))
        .collect();
    assert_eq!(found, expected, "{name}: {report}");
    // Every message names the file.
    assert!(
        report
            .problems
            .iter()
            .all(|p| p.to_string().starts_with(name)),
        "{report}"
    );
}

#[test]
fn bad_files_report_every_problem_at_its_cell() {
    let table: [(&str, Expected<'_>); 10] = [
        (
            "bad_ragged.csv",
            &[("ragged_row", Some(3), None), ("ragged_row", Some(4), None)],
        ),
        (
            "bad_times.csv",
            &[
                ("non_positive_time", Some(3), Some("time")),
                ("non_positive_time", Some(4), Some("time")),
            ],
        ),
        ("bad_latin1.csv", &[("non_utf8", Some(2), Some("sex"))]),
        (
            "bad_duplicate_ids.csv",
            &[("duplicate_id", Some(4), Some("id"))],
        ),
        ("bad_all_censored.csv", &[("no_events", None, None)]),
        (
            "bad_events.csv",
            &[
                ("bad_event", Some(3), Some("event")),
                ("bad_event", Some(4), Some("event")),
            ],
        ),
        (
            // Row 2's "NaN" is a missing-value code (crate::cell), not a problem.
            "bad_nan_inf.csv",
            &[
                ("non_finite", Some(3), Some("crp")),
                ("number_too_large", Some(4), Some("crp")),
            ],
        ),
        ("bad_header_only.csv", &[("header_only", None, None)]),
        ("bad_empty.csv", &[("empty_file", None, None)]),
        (
            "bad_duplicate_columns.csv",
            &[("duplicate_column", Some(1), None)],
        ),
    ];
    for (name, expected) in table {
        check_bad(name, expected);
    }
}

/// "stagec_survset.csv" (a real public cohort that writes `missing`) is compared with
/// pandas in tests/missing_codes.rs; here: its roles are detected as the page needs them.
#[test]
fn the_survset_export_has_detectable_roles() {
    let bytes = read("stagec_survset.csv");
    let guess = preview(&bytes, "stagec_survset.csv", &ImportOptions::default(), 50)
        .unwrap()
        .guess_roles();
    assert_eq!(guess.id.as_deref(), Some("pid"));
    assert_eq!(guess.time.as_deref(), Some("time"));
    assert_eq!(guess.event.as_deref(), Some("event"));
    assert_eq!(guess.kinds.len(), 4, "fac_* columns are categorical");
}

#[test]
fn every_fixture_is_in_a_table() {
    let dir = format!("{}/../../tests/fixtures/csv", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "README.md")
        .collect();
    names.sort();
    let source = include_str!("fixtures.rs");
    for name in names {
        assert!(
            source.contains(&format!("\"{name}\"")),
            "{name} is not checked by any test"
        );
    }
}
