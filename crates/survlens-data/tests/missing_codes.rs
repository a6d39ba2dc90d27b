//! Missing-value codes in every column kind, added codes, patients without an outcome, and
//! a real public file that writes `missing` (against pandas' reading of it).

// Helpers outside `#[test]` functions are test code too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use survlens_data::cell::MISSING_CODES;
use survlens_data::{
    Cohort, ColumnRoles, ImportNote, ImportOptions, MarkerKind, MissingCodes, import_csv, preview,
    write_csv,
};

fn import(text: &str, roles: &ColumnRoles, options: &ImportOptions) -> Cohort {
    match import_csv(text.as_bytes(), "t.csv", roles, options) {
        Ok(imported) => imported.cohort,
        Err(report) => panic!("{text:?}: {report}"),
    }
}

fn problems(text: &str, roles: &ColumnRoles, options: &ImportOptions) -> Vec<(String, String)> {
    match import_csv(text.as_bytes(), "t.csv", roles, options) {
        Ok(_) => panic!("{text:?} was imported"),
        Err(report) => report
            .problems
            .iter()
            .map(|p| (p.code().to_owned(), p.to_string()))
            .collect(),
    }
}

/// Every spelling a file may use for the code: as listed, upper case, capitalised, padded.
fn spellings(code: &str) -> Vec<String> {
    let mut chars = code.chars();
    let capitalised = chars.next().map_or_else(String::new, |c| {
        c.to_ascii_uppercase().to_string() + chars.as_str()
    });
    vec![
        code.to_owned(),
        code.to_ascii_uppercase(),
        capitalised,
        format!("  {code}\t"),
    ]
}

/// The codes of the table in `survlens_data::cell`, plus the patterns it names.
fn every_code() -> Vec<String> {
    let mut codes: Vec<String> = MISSING_CODES.iter().flat_map(|c| spellings(c)).collect();
    codes.extend(["", " ", ".A", ".z", "._"].map(str::to_owned));
    codes
}

/// One file where row 3 holds `cell` in every marker kind and the entity, the other rows
/// holding values: each column must read that cell as missing and keep its kind.
#[test]
fn every_code_is_missing_in_every_marker_kind_and_the_entity() {
    let roles = ColumnRoles::new("time", "event")
        .with_id("id")
        .with_entity("entity")
        .with_kind("fixed_cat", MarkerKind::Categorical)
        .with_kind("fixed_num", MarkerKind::Numeric)
        .with_kind("fixed_bin", MarkerKind::Binary);
    for code in every_code() {
        let cell = if code.contains([',', '"']) {
            format!("\"{code}\"")
        } else {
            code.clone()
        };
        let text = format!(
            "id,time,event,entity,num,bin,cat,fixed_cat,fixed_num,fixed_bin\n\
             a,1,1,lung,1.5,0,T1,x,2,1\n\
             b,2,0,{cell},{cell},{cell},{cell},{cell},{cell},{cell}\n\
             c,3,1,breast,2.5,1,T2,y,3,0\n"
        );
        let cohort = import(&text, &roles, &ImportOptions::default());
        for (name, kind) in [
            ("num", MarkerKind::Numeric),
            ("bin", MarkerKind::Binary),
            ("cat", MarkerKind::Categorical),
            ("fixed_cat", MarkerKind::Categorical),
            ("fixed_num", MarkerKind::Numeric),
            ("fixed_bin", MarkerKind::Binary),
        ] {
            let m = cohort.marker(name).unwrap();
            assert_eq!(m.kind(), kind, "{code:?} in {name}");
            assert!(m.is_missing(1), "{code:?} in {name}");
            assert_eq!(m.missing_count(), 1, "{code:?} in {name}");
            if let Some(c) = m.as_categorical() {
                assert_eq!(c.levels().len(), 2, "{code:?} became a level of {name}");
            }
        }
        let entity = cohort.entity().unwrap();
        assert_eq!(entity.label(1), None, "{code:?} as entity");
        assert_eq!(entity.levels(), ["breast", "lung"], "{code:?}");
    }
}

/// A code in a required column (id, time, event) is reported as a missing value of that
/// role, naming the cell, whatever the spelling.
#[test]
fn every_code_is_a_missing_id_time_or_event() {
    let roles = ColumnRoles::new("time", "event").with_id("id");
    for code in every_code() {
        let cell = if code.contains(',') {
            format!("\"{code}\"")
        } else {
            code.clone()
        };
        for (column, role, row) in [
            ("id", "patient id", format!("{cell},2,1,5")),
            ("time", "survival time", format!("b,{cell},1,5")),
            ("event", "event", format!("b,2,{cell},5")),
        ] {
            let text = format!("id,time,event,x\na,1,1,4\n{row}\n");
            let found = problems(&text, &roles, &ImportOptions::default());
            assert_eq!(found.len(), 1, "{code:?} in {column}: {found:?}");
            let (kind, message) = &found[0];
            assert_eq!(kind, "missing_value", "{code:?} in {column}");
            assert!(
                message.starts_with(&format!(
                    "t.csv, row 3, column \"{column}\": the {role} is missing"
                )),
                "{code:?}: {message}"
            );
        }
    }
}

/// What is *not* a missing value: infinities (reported), words with a meaning in clinical
/// tables (`none`, `unknown`: levels), numbers that look like codes.
#[test]
fn infinities_are_reported_and_clinical_words_stay_levels() {
    let roles = ColumnRoles::new("time", "event");
    for inf in ["inf", "-Inf", "Infinity"] {
        let text = format!("time,event,x\n1,1,2\n2,0,{inf}\n3,1,4\n");
        let found = problems(&text, &roles, &ImportOptions::default());
        assert_eq!(found[0].0, "non_finite", "{inf}");
        assert!(found[0].1.contains("row 3, column \"x\""), "{found:?}");
    }
    let text = "time,event,smoking\n1,1,none\n2,0,current\n3,1,unknown\n4,0,former\n";
    let cohort = import(text, &roles, &ImportOptions::default());
    let smoking = cohort.marker("smoking").unwrap();
    assert_eq!(smoking.missing_count(), 0);
    assert_eq!(
        smoking.as_categorical().unwrap().levels(),
        ["current", "former", "none", "unknown"]
    );
}

/// Codes added by the import option: text in any case and numbers by value, in every
/// column kind; numeric codes leave ids alone.
#[test]
fn added_codes_apply_to_every_column_kind() {
    let options = ImportOptions {
        missing_codes: MissingCodes::new(["unknown", "None", "-99"]).unwrap(),
        ..ImportOptions::default()
    };
    let roles = ColumnRoles::new("time", "event")
        .with_id("id")
        .with_entity("entity");
    let text = "id,time,event,entity,crp,smoking,flag\n\
                -99,1,1,lung,2.5,current,1\n\
                b,2,0,UNKNOWN,-99.0,none,-99\n\
                c,3,1,breast,unknown,Unknown,0\n\
                d,4,0,lung,3.5,former,None\n";
    let cohort = import(text, &roles, &options);
    assert_eq!(cohort.id(0), "-99", "numeric codes do not apply to ids");
    let missing = |name: &str| -> Vec<usize> {
        let m = cohort.marker(name).unwrap();
        (0..cohort.len()).filter(|&i| m.is_missing(i)).collect()
    };
    assert_eq!(missing("crp"), [1, 2]);
    assert_eq!(cohort.marker("crp").unwrap().kind(), MarkerKind::Numeric);
    assert_eq!(missing("smoking"), [1, 2]);
    assert_eq!(missing("flag"), [1, 3]);
    assert_eq!(cohort.marker("flag").unwrap().kind(), MarkerKind::Binary);
    assert_eq!(cohort.entity().unwrap().label(1), None);

    // Without them, the same cells are values or problems.
    let found = problems(text, &roles, &ImportOptions::default());
    assert!(
        found
            .iter()
            .any(|(k, m)| k == "not_a_number" && m.contains("\"unknown\"")),
        "{found:?}"
    );
    // A text code applies to ids: the id is then missing.
    let text = "id,time,event,x\nunknown,1,1,2\nb,2,1,3\n";
    let found = problems(
        text,
        &ColumnRoles::new("time", "event").with_id("id"),
        &options,
    );
    assert_eq!(found[0].0, "missing_value", "{found:?}");
    // And to time and event.
    let text = "time,event,x\n1,1,2\n-99,0,3\n4,unknown,5\n";
    let found: Vec<String> = problems(text, &ColumnRoles::new("time", "event"), &options)
        .into_iter()
        .map(|(_, m)| m)
        .collect();
    assert_eq!(
        found,
        [
            "t.csv, row 3, column \"time\": the survival time is missing (found \"-99\")",
            "t.csv, row 4, column \"event\": the event is missing (found \"unknown\")",
        ]
    );
}

/// A decimal-comma file matches a numeric code written with a comma.
#[test]
fn numeric_codes_follow_the_files_decimal_mark() {
    let options = ImportOptions {
        missing_codes: MissingCodes::new(["99.5"]).unwrap(),
        ..ImportOptions::default()
    };
    let text = "time;event;x\n1;1;1,5\n2;0;99,5\n3;1;2,5\n";
    let cohort = import(text, &ColumnRoles::new("time", "event"), &options);
    assert_eq!(cohort.marker("x").unwrap().missing_count(), 1);
    assert!(cohort.marker("x").unwrap().is_missing(1));
}

/// The role guess skips added codes in sample values, so a time column with `unknown`
/// cells is still proposed.
#[test]
fn the_role_guess_reads_added_codes_as_missing() {
    let text = b"pid,os_days,status,x\n1,100,1,2\n2,unknown,0,3\n3,50,1,4\n";
    let p = preview(text, "t.csv", &ImportOptions::default(), 10).unwrap();
    assert_eq!(p.guess_roles().time, None);
    let codes = MissingCodes::new(["unknown"]).unwrap();
    let guess = p.guess_roles_with(&codes);
    assert_eq!(guess.time.as_deref(), Some("os_days"));
    assert_eq!(guess.event.as_deref(), Some("status"));
}

/// R rpart's `stagec` as SurvSet distributes it (`missing` in factors, empty numeric
/// cells), imported as the page guesses its roles, against pandas 2.3.3 reading the same
/// file with its default codes plus `missing`
/// (tests/fixtures/reference/missing_codes_stagec.json, written by
/// tools/references/missing_codes_fixtures.py). Counts are exact.
#[test]
fn a_public_cohort_that_writes_missing_reads_as_pandas_reads_it() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    let bytes = std::fs::read(format!("{root}/csv/stagec_survset.csv")).unwrap();
    let reference: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/reference/missing_codes_stagec.json")).unwrap(),
    )
    .unwrap();
    let options = ImportOptions::default();
    let roles = preview(&bytes, "stagec_survset.csv", &options, 50)
        .unwrap()
        .guess_roles()
        .roles()
        .unwrap();
    assert_eq!(
        (roles.time.as_str(), roles.event.as_str()),
        ("time", "event")
    );
    let cohort = import_csv(&bytes, "stagec_survset.csv", &roles, &options)
        .unwrap()
        .cohort;
    assert_eq!(cohort.len() as u64, reference["patients"].as_u64().unwrap());
    assert_eq!(
        cohort.event_count() as u64,
        reference["events"].as_u64().unwrap()
    );
    let written = reference["missing_word_cells"].as_object().unwrap();
    assert!(
        written.values().map(|v| v.as_u64().unwrap()).sum::<u64>() > 0,
        "the fixture writes the word"
    );
    for (column, expected) in reference["missing"].as_object().unwrap() {
        let Some(marker) = cohort.marker(column) else {
            continue;
        };
        assert_eq!(
            marker.missing_count() as u64,
            expected.as_u64().unwrap(),
            "{column}"
        );
    }
    for (column, levels) in reference["levels"].as_object().unwrap() {
        let marker = cohort.marker(column).unwrap();
        assert_eq!(marker.kind(), MarkerKind::Categorical, "{column}");
        let mut ours = marker.as_categorical().unwrap().levels().to_vec();
        // pandas sorts text; survlens keeps levels in natural order (numbers by value).
        ours.sort();
        let theirs: Vec<String> = levels
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap().to_owned())
            .collect();
        assert_eq!(ours, theirs, "{column}");
    }
}

/// Patients without an outcome: a file without time and event imports as a cohort without
/// outcomes when the outcome is optional, and is refused when it is required; half an
/// outcome is refused either way.
#[test]
fn files_without_outcome_columns() {
    let text = "pid,age,stage\np1,61,II\np2,NA,missing\np3,74,III\n";
    let roles = ColumnRoles::new("time", "event").with_id("pid");
    let optional = ImportOptions {
        require_outcome: false,
        ..ImportOptions::default()
    };
    let imported = import_csv(text.as_bytes(), "new.csv", &roles, &optional).unwrap();
    assert!(imported.notes.contains(&ImportNote::NoOutcome));
    let cohort = imported.cohort;
    assert!(!cohort.has_outcome());
    assert_eq!(cohort.len(), 3);
    assert_eq!(cohort.ids().collect::<Vec<_>>(), ["p1", "p2", "p3"]);
    assert!(cohort.time().is_empty() && cohort.event().is_empty());
    assert_eq!(
        cohort.outcome("a C-index").unwrap_err().code(),
        "no_outcome"
    );
    assert_eq!(cohort.marker("age").unwrap().missing_count(), 1);
    assert_eq!(cohort.marker("stage").unwrap().missing_count(), 1);
    // Views and subsets keep the cohort without outcomes.
    let rows = [2, 0];
    let view = cohort.rows(&rows).unwrap();
    assert!(view.times().is_empty() && view.events().is_empty());
    assert!(view.time(0).is_nan());
    let sub = cohort.subset(&rows).unwrap();
    assert!(!sub.has_outcome());
    assert_eq!(sub.ids().collect::<Vec<_>>(), ["p3", "p1"]);
    // Written without time and event, read back the same.
    let mut out = Vec::new();
    write_csv(&cohort, &mut out).unwrap();
    let written = String::from_utf8(out).unwrap();
    assert!(written.starts_with("pid,age,stage\n"), "{written}");
    let back = import_csv(written.as_bytes(), "back.csv", &cohort.roles(), &optional)
        .unwrap()
        .cohort;
    // (Compared as written text: NaN, the missing value, is not equal to itself.)
    let mut again = Vec::new();
    write_csv(&back, &mut again).unwrap();
    assert_eq!(String::from_utf8(again).unwrap(), written);
    assert!(!back.has_outcome());
    // No id column either: ids from the rows.
    let no_id = import_csv(
        b"age\n61\n70\n",
        "m.csv",
        &ColumnRoles::new("", ""),
        &optional,
    )
    .unwrap()
    .cohort;
    assert_eq!(no_id.ids().collect::<Vec<_>>(), ["row 2", "row 3"]);

    // Required (the default): both named columns are reported missing.
    let found = problems(text, &roles, &ImportOptions::default());
    assert_eq!(
        found.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
        ["missing_column", "missing_column"]
    );
    let found = problems(
        "age\n61\n",
        &ColumnRoles::new("", ""),
        &ImportOptions::default(),
    );
    assert_eq!(
        found,
        [
            (
                "role_not_chosen".to_owned(),
                "t.csv: no column was chosen for the survival time".to_owned()
            ),
            (
                "role_not_chosen".to_owned(),
                "t.csv: no column was chosen for the event".to_owned()
            ),
        ]
    );
    // Half an outcome.
    let found = problems("pid,time,age\np1,5,61\n", &roles, &optional);
    assert_eq!(
        found,
        [(
            "half_outcome".to_owned(),
            "t.csv: the file has the survival time column \"time\" but no column \"event\" \
             for the event; give both (time and event) to have outcomes, or neither to \
             predict for patients without an outcome"
                .to_owned()
        )]
    );
    // A file with both reads them even when they are optional; their cells stay required.
    let both = import(
        "pid,time,event,age\np1,5,1,61\np2,7,0,70\n",
        &roles,
        &optional,
    );
    assert!(both.has_outcome());
    assert_eq!(both.time(), [5.0, 7.0]);
    let found = problems("pid,time,event,age\np1,NA,1,61\n", &roles, &optional);
    assert_eq!(found[0].0, "missing_value");
    // Without outcomes there are no events to require.
    assert!(optional.require_events);
}
