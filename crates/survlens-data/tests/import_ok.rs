//! Files that import: dialects, missing-value codes, marker kind inference, generated ids,
//! notes, role guessing and the export/import round trip.

// Helpers outside `#[test]` functions are test code too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use survlens_data::roles::{BadValue, SHOWN_OFFENDING};
use survlens_data::{
    Categorical, Cohort, ColumnRoles, ImportNote, ImportOptions, Imported, Marker, MarkerKind,
    Role, guess_roles, import_csv, preview, write_csv,
};

fn import(input: &str, roles: &ColumnRoles) -> Imported {
    import_csv(input.as_bytes(), "t.csv", roles, &ImportOptions::default())
        .unwrap_or_else(|r| panic!("{input:?}: {r}"))
}

fn roles() -> ColumnRoles {
    ColumnRoles::new("time", "event").with_id("id")
}

/// Checks the detected separator and decimal mark, and the times read.
fn check_dialect(input: &str, delimiter: u8, decimal_comma: bool, times: &[f64]) {
    let imported = import(input, &roles());
    assert_eq!(
        (
            char::from(imported.dialect.delimiter),
            imported.dialect.decimal_comma
        ),
        (char::from(delimiter), decimal_comma),
        "{input:?}"
    );
    assert_eq!(imported.cohort.time(), times, "{input:?}");
}

#[test]
fn separators_and_decimal_marks() {
    check_dialect("id,time,event\n1,2.5,1\n2,3,0\n", b',', false, &[2.5, 3.0]);
    check_dialect("id;time;event\n1;2,5;1\n2;3;0\n", b';', true, &[2.5, 3.0]);
    check_dialect("id;time;event\n1;2.5;1\n2;3;0\n", b';', false, &[2.5, 3.0]);
    check_dialect(
        "id\ttime\tevent\n1\t2,5\t1\n2\t3\t0\n",
        b'\t',
        true,
        &[2.5, 3.0],
    );
    check_dialect("id|time|event\n1|2.5|1\n2|3|0\n", b'|', false, &[2.5, 3.0]);
    check_dialect("\u{feff}id,time,event\n1,2.5,1\n", b',', false, &[2.5]);
    // Padded cells and a missing final newline.
    check_dialect(
        "id , time , event\n 1 , 2.5 , 1 \n2,3,0",
        b',',
        false,
        &[2.5, 3.0],
    );
    // Fixed by the caller: a semicolon file read with a decimal point refuses "2,5".
    let options = ImportOptions {
        decimal_comma: Some(false),
        ..ImportOptions::default()
    };
    assert!(import_csv(b"id;time;event\n1;2,5;1\n", "t.csv", &roles(), &options).is_err());
}

/// Checks the inferred kind of marker `x` and its values (`None` = missing).
fn check_kind(cells: &[&str], kind: MarkerKind, expected: &[Option<&str>]) {
    let rows: String = cells
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{i},{},1,{c}\n", i + 1))
        .collect();
    let imported = import(&format!("id,time,event,x\n{rows}"), &roles());
    let marker = imported.cohort.marker("x").unwrap();
    assert_eq!(marker.kind(), kind, "{cells:?}");
    let found: Vec<Option<String>> = (0..marker.len())
        .map(|i| match (marker.as_f32(), marker.as_categorical()) {
            (Some(v), _) => (!v[i].is_nan()).then(|| v[i].to_string()),
            (_, Some(c)) => c.label(i).map(str::to_owned),
            _ => None,
        })
        .collect();
    let expected: Vec<Option<String>> = expected.iter().map(|e| e.map(str::to_owned)).collect();
    assert_eq!(found, expected, "{cells:?}");
}

#[test]
fn marker_kinds_are_inferred_from_the_values() {
    use MarkerKind::{Binary, Categorical, Numeric};
    check_kind(
        &["1.5", "2", "-3e2"],
        Numeric,
        &[Some("1.5"), Some("2"), Some("-300")],
    );
    check_kind(&["0", "1", "1"], Binary, &[Some("0"), Some("1"), Some("1")]);
    check_kind(&["0", "", "1.0"], Binary, &[Some("0"), None, Some("1")]);
    check_kind(&["0", "0", "0"], Binary, &[Some("0"), Some("0"), Some("0")]);
    check_kind(
        &["0", "2", "1"],
        Numeric,
        &[Some("0"), Some("2"), Some("1")],
    );
    // Every missing-value code.
    check_kind(
        &["NA", "n/a", "#N/A", "NULL", ".", "", "4"],
        Numeric,
        &[None, None, None, None, None, None, Some("4")],
    );
    check_kind(&["NA", "", "."], Numeric, &[None, None, None]);
    check_kind(
        &["pre", "post", "NA"],
        Categorical,
        &[Some("pre"), Some("post"), None],
    );
    // SurvSet writes "missing" for a factor's missing value: a code, never a level.
    check_kind(
        &["a", "missing", "Missing", "b"],
        Categorical,
        &[Some("a"), None, None, Some("b")],
    );
    // Mostly text: numbers become levels as written.
    check_kind(
        &["T1", "T2", "3", "T1"],
        Categorical,
        &[Some("T1"), Some("T2"), Some("3"), Some("T1")],
    );
}

#[test]
fn fixed_kinds_override_inference() {
    let input = "id,time,event,grade,flag\n1,1,1,1,1\n2,2,0,3,0\n3,3,1,10,\n";
    let roles = roles()
        .with_kind("grade", MarkerKind::Categorical)
        .with_kind("flag", MarkerKind::Numeric);
    let c = import(input, &roles).cohort;
    let grade = c.marker("grade").unwrap().as_categorical().unwrap();
    // Natural order: 1 < 3 < 10.
    assert_eq!(grade.levels(), ["1", "3", "10"]);
    assert_eq!(grade.codes(), [0, 1, 2]);
    assert_eq!(c.marker("flag").unwrap().kind(), MarkerKind::Numeric);
}

#[test]
fn events_accept_zero_one_and_true_false() {
    let c = import(
        "id,time,event\n1,1,1\n2,2,0\n3,3,TRUE\n4,4,false\n5,5,1.0\n",
        &roles(),
    )
    .cohort;
    assert_eq!(c.event(), [true, false, true, false, true]);
}

#[test]
fn without_an_id_column_ids_are_spreadsheet_rows() {
    let c = import(
        "time,event\n1,1\n\n2,0\n",
        &ColumnRoles::new("time", "event"),
    )
    .cohort;
    assert_eq!(c.ids().collect::<Vec<_>>(), ["row 2", "row 4"]);
    assert_eq!(c.columns().id, "id");
    let c = import("time,event,id\n1,1,x\n", &ColumnRoles::new("time", "event")).cohort;
    assert_eq!(
        c.columns().id,
        "patient_id",
        "the generated id column avoids the marker's name"
    );
}

#[test]
fn markers_default_to_all_other_named_columns() {
    let imported = import(",id,time,event,a,b\n0,p1,1,1,5,x\n1,p2,2,0,6,y\n", &roles());
    let names: Vec<&str> = imported.cohort.markers().iter().map(|m| m.name()).collect();
    assert_eq!(names, ["a", "b"]);
    assert_eq!(
        imported.notes,
        [ImportNote::UnnamedColumnSkipped { column: 1 }]
    );
    assert_eq!(
        imported.notes[0].to_string(),
        "column A has no name in the header and was left out"
    );

    // An explicit list picks and orders; unlisted columns are never read (the bad cell in
    // "junk" is no problem).
    let imported = import(
        "id,time,event,a,junk,b\np1,1,1,5,NaN,x\n",
        &roles().with_markers(["b", "a", "b"]),
    );
    let names: Vec<&str> = imported.cohort.markers().iter().map(|m| m.name()).collect();
    assert_eq!(names, ["b", "a"]);

    let imported = import("id,time,event,empty\np1,1,1,\np2,2,0,NA\n", &roles());
    assert_eq!(
        imported.notes,
        [ImportNote::EmptyMarker {
            marker: "empty".into()
        }]
    );
}

#[test]
fn preview_shows_the_first_rows_as_text() {
    let p = preview(b"a;b\n1;x\n2\n3;z\n", "t.csv", &ImportOptions::default(), 2).unwrap();
    assert_eq!(p.dialect.delimiter, b';');
    assert_eq!(p.header, ["a", "b"]);
    assert_eq!(p.rows, [vec!["1", "x"], vec!["2"]]);
    assert_eq!(
        preview(b"", "t.csv", &ImportOptions::default(), 2)
            .unwrap_err()
            .problems[0]
            .code(),
        "empty_file"
    );
}

/// Checks the roles guessed for a header and sample: `(id, time, event, entity)`.
fn check_guess(header: &[&str], sample: &[&[&str]], expected: [Option<&str>; 4]) {
    let sample: Vec<Vec<&str>> = sample.iter().map(|r| r.to_vec()).collect();
    let g = guess_roles(header, &sample);
    let found = [
        g.id.as_deref(),
        g.time.as_deref(),
        g.event.as_deref(),
        g.entity.as_deref(),
    ];
    assert_eq!(found, expected, "{header:?}");
}

#[test]
fn role_guessing() {
    check_guess(
        &["pid", "event", "time", "num_age"],
        &[&["0", "1", "10", "50"]],
        [Some("pid"), Some("time"), Some("event"), None],
    );
    check_guess(
        &["Patient ID", "OS_days", "Status", "Cancer type", "age"],
        &[
            &["a", "12", "1", "Lung", "60"],
            &["b", "30", "0", "Breast", "70"],
        ],
        [
            Some("Patient ID"),
            Some("OS_days"),
            Some("Status"),
            Some("Cancer type"),
        ],
    );
    check_guess(
        &["futime", "fustat", "diagnosis"],
        &[&["5", "1", "CRC"]],
        [None, Some("futime"), Some("fustat"), Some("diagnosis")],
    );
    check_guess(
        &["survival_months", "dead"],
        &[&["5,5", "0"]],
        [None, Some("survival_months"), Some("dead"), None],
    );
    // Values decide: "status" holding text is not an event; "time" with a negative value is
    // not a time; ids must be unique.
    check_guess(
        &["id", "time", "status"],
        &[&["1", "-2", "alive"], &["1", "3", "dead"]],
        [None, None, None, None],
    );
    // "censored" means the opposite of an event and is never proposed.
    check_guess(
        &["time", "censored"],
        &[&["5", "1"]],
        [None, Some("time"), None, None],
    );
    // No column named like an event (a file of new patients): a time-like column is a
    // marker, not a follow-up.
    check_guess(
        &["pid", "diagtime", "age"],
        &[&["1", "5", "60"], &["2", "7", "70"]],
        [Some("pid"), None, None, None],
    );
    // An exact name beats a partial one: "time" wins over "diag_time".
    check_guess(
        &["diag_time", "time", "event"],
        &[&["3", "5", "1"]],
        [None, Some("time"), Some("event"), None],
    );

    let g = guess_roles(&["time", "event", "fac_grade", "num_age"], &[]);
    assert_eq!(
        g.kinds.into_iter().collect::<Vec<_>>(),
        [("fac_grade".to_string(), MarkerKind::Categorical)]
    );
    assert!(guess_roles(&["a", "b"], &[]).roles().is_none());
}

/// The spreadsheet rows the import reports for `column`, when that column is given `roles`.
fn import_problem_rows(csv: &str, roles: &ColumnRoles, column: &str) -> Vec<u64> {
    let report = import_csv(csv.as_bytes(), "t.csv", roles, &ImportOptions::default())
        .expect_err("the import refuses the column");
    report
        .problems
        .iter()
        .filter_map(|p| p.cell().filter(|at| at.column == column).map(|at| at.row))
        .collect()
}

#[test]
fn a_column_almost_a_survival_time_says_why_it_was_not_taken() {
    // A blank line counts as a row, as in the import's messages.
    let csv = "id,time,status,age\n1,5,1,60\n\n2,-3,0,70\n3,7,1,65\n4,0,1,50\n5,9,0,55\n";
    let guess = preview(csv.as_bytes(), "t.csv", &ImportOptions::default(), 50)
        .unwrap()
        .guess_roles();
    assert_eq!(
        (guess.time.as_deref(), guess.event.as_deref()),
        (None, Some("status"))
    );
    let [refused] = &guess.refused[..] else {
        panic!("one refusal expected: {:?}", guess.refused)
    };
    assert_eq!(
        (refused.column.as_str(), refused.role),
        ("time", Role::Time)
    );
    assert_eq!(
        refused.counts,
        [(BadValue::Negative, 1), (BadValue::Zero, 1)]
    );
    // The rows named are the rows the import itself reports when the column is taken.
    let rows: Vec<u64> = refused.first.iter().map(|c| c.row).collect();
    assert_eq!(
        rows,
        import_problem_rows(
            csv,
            &ColumnRoles::new("time", "status").with_id("id"),
            "time"
        )
    );
    assert_eq!(
        refused.to_string(),
        "Column `time` was not taken as the survival time: 1 negative value and 1 value of \
         zero in the first 5 rows (row 4: -3; row 6: 0). Fix it or choose the time column \
         yourself."
    );
    assert_eq!(refused.code(), "time_refused");
}

#[test]
fn an_event_coded_other_than_zero_and_one_says_why_it_was_not_taken() {
    // R's `survival::lung` codes its status 1 = censored, 2 = dead.
    let csv = "time,status,age\n306,2,74\n455,2,68\n1010,1,56\n210,2,57\n";
    let guess = preview(csv.as_bytes(), "t.csv", &ImportOptions::default(), 50)
        .unwrap()
        .guess_roles();
    assert_eq!((guess.time.as_deref(), guess.event), (Some("time"), None));
    let [refused] = &guess.refused[..] else {
        panic!("one refusal expected: {:?}", guess.refused)
    };
    assert_eq!(
        (refused.column.as_str(), refused.role),
        ("status", Role::Event)
    );
    assert_eq!(refused.counts, [(BadValue::NotZeroOrOne, 3)]);
    assert_eq!(refused.first.len(), SHOWN_OFFENDING);
    let rows: Vec<u64> = refused.first.iter().map(|c| c.row).collect();
    let imported = import_problem_rows(csv, &ColumnRoles::new("time", "status"), "status");
    assert_eq!(rows, imported[..SHOWN_OFFENDING]);
    let sentence = refused.to_string();
    assert!(
        sentence.starts_with(
            "Column `status` was not taken as the event (1 = event, 0 = censored): 3 values \
             that are not 0 or 1 in the first 4 rows (row 2: 2; row 3: 2; row 5: 2)."
        ),
        "{sentence}"
    );
}

#[test]
fn columns_far_from_a_role_are_not_noted() {
    // Mostly text is not "almost a time"; six different values are not an event code; a
    // file without an event-like name has no time to refuse.
    let rows: Vec<Vec<String>> = (0..6)
        .map(|i| {
            vec![
                if i == 0 { "4".into() } else { format!("t{i}") },
                format!("2020-0{}-01", i + 1),
                "1".into(),
            ]
        })
        .collect();
    let header = ["time", "death_date", "event"].map(String::from);
    let guess = guess_roles(&header, &rows);
    assert_eq!(guess.event.as_deref(), Some("event"));
    assert!(guess.refused.is_empty(), "{:?}", guess.refused);
    let guess = guess_roles(&["time", "age"], &[vec!["-1", "50"], vec!["5", "60"]]);
    assert!(guess.refused.is_empty(), "{:?}", guess.refused);
}

/// A cohort with every kind of column and awkward text, built without the importer.
fn awkward_cohort() -> Cohort {
    let ids = ["p 1", "p,2", "p\"3\"", "p\n4"].map(String::from).to_vec();
    let entity =
        Categorical::from_labels(&[Some("Lung"), None, Some("Breast; left"), Some("Lung")])
            .unwrap();
    let grade = Categorical::from_labels(&[Some("1"), Some("10"), None, Some("2")]).unwrap();
    Cohort::new(
        ids,
        vec![0.1, 1e-7, 123456.789, 3.0e30],
        vec![true, false, true, false],
    )
    .unwrap()
    .with_entity("cancer type", entity)
    .unwrap()
    .with_marker(Marker::numeric("crp, mg/l", vec![0.1, f32::NAN, -1e-30, 3.4e38]).unwrap())
    .unwrap()
    .with_marker(Marker::binary("smoker", vec![1.0, 0.0, f32::NAN, 1.0]).unwrap())
    .unwrap()
    .with_marker(Marker::categorical("grade", grade))
    .unwrap()
    .with_marker(Marker::numeric("all missing", vec![f32::NAN; 4]).unwrap())
    .unwrap()
}

#[test]
fn export_then_import_gives_the_same_cohort() {
    let cohort = awkward_cohort();
    let mut bytes = Vec::new();
    write_csv(&cohort, &mut bytes).unwrap();
    let back = import_csv(
        &bytes,
        "export.csv",
        &cohort.roles(),
        &ImportOptions::default(),
    )
    .unwrap_or_else(|r| panic!("{r}\n{}", String::from_utf8_lossy(&bytes)));
    // Bit-for-bit, NaN (missing) compared as missing.
    assert_eq!(
        back.cohort.ids().collect::<Vec<_>>(),
        cohort.ids().collect::<Vec<_>>()
    );
    assert_eq!(back.cohort.time(), cohort.time());
    assert_eq!(back.cohort.event(), cohort.event());
    assert_eq!(back.cohort.entity(), cohort.entity());
    assert_eq!(back.cohort.columns(), cohort.columns());
    for (a, b) in back.cohort.markers().iter().zip(cohort.markers()) {
        assert_eq!((a.name(), a.kind()), (b.name(), b.kind()));
        match (a.as_f32(), b.as_f32()) {
            (Some(x), Some(y)) => {
                let bits = |v: &[f32]| {
                    v.iter()
                        .map(|f| if f.is_nan() { None } else { Some(f.to_bits()) })
                        .collect::<Vec<_>>()
                };
                assert_eq!(bits(x), bits(y), "{}", a.name());
            }
            _ => assert_eq!(a.as_categorical(), b.as_categorical()),
        }
    }
    assert_eq!(back.cohort.markers().len(), cohort.markers().len());

    // And exporting the re-imported cohort writes the same bytes.
    let mut again = Vec::new();
    write_csv(&back.cohort, &mut again).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&again),
        String::from_utf8_lossy(&bytes)
    );
}
