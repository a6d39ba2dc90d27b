//! The data crate's errors in the page's languages: every `DataError` (and the
//! `CodeRefusal` inside one) and an `ImportReport` name a key of the catalogues, whose
//! English sentence is the command line's `Display` text word for word and whose German
//! sentence exists and reads in German.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeSet;

use survlens_app::core::i18n::Lang;
use survlens_data::{
    Categorical, CellRef, CodeRefusal, Cohort, ColumnRoles, DataError, Describe, EncoderConfig,
    Expected, ImportOptions, ImportReport, Marker, MarkerKind, Role, Scaling, import_csv,
};

use common::{call_arguments, field_literals, is_nested, leak, sources};

fn at(row: u64, column: &str) -> CellRef {
    CellRef {
        file: "patients.csv".into(),
        row,
        column: column.into(),
    }
}

fn file() -> String {
    "patients.csv".to_owned()
}

/// At least one value of every variant, in declaration order, with realistic fields; then
/// further values for every choice a sentence makes (each role, hint, kind, rule, refusal).
fn every_error() -> Vec<DataError> {
    let mut errors = vec![
        DataError::EmptyFile { file: file() },
        DataError::HeaderOnly { file: file() },
        DataError::FileTooLarge {
            file: file(),
            bytes: 612_400_000,
            limit: 536_870_912,
        },
        DataError::TooManyColumns {
            file: file(),
            found: 5000,
            limit: 4096,
        },
        DataError::TooManyRows {
            file: file(),
            limit: 1_000_000,
        },
        DataError::TooManyCells {
            file: file(),
            rows: 200_000,
            columns: 400,
            limit: 50_000_000,
        },
        DataError::DuplicateColumn {
            file: file(),
            column: "age".into(),
            first: 3,
            second: 28,
        },
        DataError::MissingColumn {
            file: file(),
            column: "os_months".into(),
            role: Role::Time,
            available: "\"id\", \"time\", \"status\", \"age\"".into(),
        },
        DataError::RoleConflict {
            column: "status".into(),
            first: Role::Event,
            second: Role::Marker,
        },
        DataError::RaggedRow {
            file: file(),
            row: 14,
            expected: 6,
            found: 5,
        },
        DataError::NonUtf8 {
            at: at(7, "diagnosis"),
            text: "Magenkarzinom \u{fffd}".into(),
        },
        DataError::MissingValue {
            at: at(12, "time"),
            role: Role::Time,
            text: String::new(),
        },
        DataError::NotNumber {
            at: at(9, "crp"),
            text: "high".into(),
            expected: Expected::Number,
        },
        DataError::NonPositiveTime {
            at: at(5, "time"),
            text: "0".into(),
        },
        DataError::NonFinite {
            at: at(8, "ldh"),
            text: "inf".into(),
        },
        DataError::NumberTooLarge {
            at: at(8, "ldh"),
            text: "1e40".into(),
        },
        DataError::BadEvent {
            at: at(4, "status"),
            text: "dead".into(),
        },
        DataError::DuplicateId {
            at: at(31, "id"),
            id: "P-0017".into(),
            first_row: 18,
        },
        DataError::NoEvents {
            file: file(),
            patients: 42,
        },
        DataError::TooManyLevels {
            file: file(),
            column: "comment".into(),
            limit: 100,
            row: 103,
            text: "follow-up by GP".into(),
        },
        DataError::Malformed {
            file: file(),
            row: 2,
            description: "found record with 3 fields, but the previous record has 6 fields".into(),
        },
        DataError::UnclosedQuote {
            file: file(),
            row: 17,
            column: "comment".into(),
        },
        DataError::LengthMismatch {
            column: "time".into(),
            expected: 120,
            found: 119,
        },
        DataError::InvalidValue {
            column: "time".into(),
            index: 3,
            value: "-2".into(),
            reason: "times must be finite and > 0",
        },
        DataError::DuplicateMarker {
            name: "albumin".into(),
        },
        DataError::RowOutOfBounds {
            index: 250,
            len: 200,
        },
        DataError::RepeatedRow { index: 7 },
        DataError::EmptyTrainingSet,
        DataError::MarkerNotFound {
            marker: "albumin".into(),
        },
        DataError::KindMismatch {
            marker: "grade".into(),
            expected: MarkerKind::Categorical,
            found: MarkerKind::Numeric,
        },
        DataError::EntityMissing,
        DataError::UnseenLevel {
            marker: "grade".into(),
            level: "G4".into(),
            id: "P-0102".into(),
        },
        DataError::InvalidMissingCode {
            code: "-999".into(),
            reason: CodeRefusal::TooMany,
        },
        DataError::RoleNotChosen {
            file: file(),
            role: Role::Event,
        },
        DataError::HalfOutcome {
            file: file(),
            present: Role::Time,
            present_column: "os_days".into(),
            role: Role::Event,
            column: "status".into(),
        },
        DataError::NoOutcome {
            needed: "a C-index",
        },
        DataError::InvalidSettings {
            reason: "mirroring (1 - x) needs min-max scaling to [0, 1]",
        },
        DataError::InvalidEncoder {
            marker: "crp".into(),
            reason: "a log transform needs a finite shift >= 0 and a floor > 0",
        },
        DataError::Write {
            description: "No space left on device (os error 28)".into(),
        },
    ];
    // Every role in each sentence that names one.
    for role in [
        Role::Id,
        Role::Time,
        Role::Event,
        Role::Entity,
        Role::Marker,
    ] {
        errors.extend([
            DataError::MissingColumn {
                file: file(),
                column: "x".into(),
                role,
                available: "\"a\", \"b\"".into(),
            },
            DataError::RoleConflict {
                column: "x".into(),
                first: role,
                second: Role::Marker,
            },
            DataError::RoleConflict {
                column: "x".into(),
                first: Role::Id,
                second: role,
            },
            DataError::MissingValue {
                at: at(3, "x"),
                role,
                text: "NA".into(),
            },
            DataError::MissingValue {
                at: at(3, "x"),
                role,
                text: "  ".into(),
            },
            DataError::RoleNotChosen { file: file(), role },
            DataError::HalfOutcome {
                file: file(),
                present: role,
                present_column: "a".into(),
                role,
                column: "b".into(),
            },
        ]);
    }
    // Every hint: a single field, too many fields, too few.
    for (expected, found) in [(6, 1), (6, 8), (6, 5), (1, 1)] {
        errors.push(DataError::RaggedRow {
            file: file(),
            row: 3,
            expected,
            found,
        });
    }
    for (text, expected) in [
        ("1,234.5", Expected::Number),
        ("3,7", Expected::Number),
        ("<5", Expected::Number),
        ("-", Expected::PositiveTime),
        ("none", Expected::ZeroOrOne),
        ("positive", Expected::Number),
        ("yes", Expected::ZeroOrOne),
        ("soon", Expected::PositiveTime),
    ] {
        errors.push(DataError::NotNumber {
            at: at(6, "x"),
            text: text.into(),
            expected,
        });
    }
    errors.push(DataError::BadEvent {
        at: at(4, "status"),
        text: " 2".into(),
    });
    for expected in [
        MarkerKind::Numeric,
        MarkerKind::Binary,
        MarkerKind::Categorical,
    ] {
        for found in [
            MarkerKind::Numeric,
            MarkerKind::Binary,
            MarkerKind::Categorical,
        ] {
            errors.push(DataError::KindMismatch {
                marker: "m".into(),
                expected,
                found,
            });
        }
    }
    for reason in [
        CodeRefusal::TooLong,
        CodeRefusal::Unprintable,
        CodeRefusal::TooMany,
        CodeRefusal::NotFinite,
    ] {
        errors.push(DataError::InvalidMissingCode {
            code: "x".into(),
            reason,
        });
    }
    // Every rule the crate states, as each variant carrying one.
    for reason in [
        "a level must be non-empty text without surrounding spaces and not a missing-value code",
        "level names must be unique",
        "too many levels",
        "a code must index a level",
        "values must be finite",
        "binary values must be 0 or 1",
        "a patient id must be non-empty text without surrounding spaces and not a \
         missing-value code",
        "patient ids must be unique",
        "times must be finite and > 0",
        "the value is so far outside the training range that the model cannot use it",
    ] {
        errors.push(DataError::InvalidValue {
            column: "c".into(),
            index: 0,
            value: "v".into(),
            reason,
        });
    }
    for reason in [
        "statistics must be finite, with scale >= 0 and min <= max",
        "a log transform needs a finite shift >= 0 and a floor > 0",
        "a binary marker imputes 0 or 1",
        "the imputed level is not a level",
        "the reference level is not a level",
        "levels must be unique",
        "the feature list does not match the marker encodings",
    ] {
        errors.push(DataError::InvalidEncoder {
            marker: "m".into(),
            reason,
        });
    }
    for reason in [
        "mirroring (1 - x) needs min-max scaling to [0, 1]",
        "the field separator must be an ASCII character other than a quote or a line break",
    ] {
        errors.push(DataError::InvalidSettings { reason });
    }
    errors
}

/// Which variant `e` is; a new variant breaks this match, so the list above must grow with
/// the enum.
fn index(e: &DataError) -> usize {
    match e {
        DataError::EmptyFile { .. } => 0,
        DataError::HeaderOnly { .. } => 1,
        DataError::FileTooLarge { .. } => 2,
        DataError::TooManyColumns { .. } => 3,
        DataError::TooManyRows { .. } => 4,
        DataError::TooManyCells { .. } => 5,
        DataError::DuplicateColumn { .. } => 6,
        DataError::MissingColumn { .. } => 7,
        DataError::RoleConflict { .. } => 8,
        DataError::RaggedRow { .. } => 9,
        DataError::NonUtf8 { .. } => 10,
        DataError::MissingValue { .. } => 11,
        DataError::NotNumber { .. } => 12,
        DataError::NonPositiveTime { .. } => 13,
        DataError::NonFinite { .. } => 14,
        DataError::NumberTooLarge { .. } => 15,
        DataError::BadEvent { .. } => 16,
        DataError::DuplicateId { .. } => 17,
        DataError::NoEvents { .. } => 18,
        DataError::TooManyLevels { .. } => 19,
        DataError::Malformed { .. } => 20,
        DataError::UnclosedQuote { .. } => 21,
        DataError::LengthMismatch { .. } => 22,
        DataError::InvalidValue { .. } => 23,
        DataError::DuplicateMarker { .. } => 24,
        DataError::RowOutOfBounds { .. } => 25,
        DataError::RepeatedRow { .. } => 26,
        DataError::EmptyTrainingSet => 27,
        DataError::MarkerNotFound { .. } => 28,
        DataError::KindMismatch { .. } => 29,
        DataError::EntityMissing => 30,
        DataError::UnseenLevel { .. } => 31,
        DataError::InvalidMissingCode { .. } => 32,
        DataError::RoleNotChosen { .. } => 33,
        DataError::HalfOutcome { .. } => 34,
        DataError::NoOutcome { .. } => 35,
        DataError::InvalidSettings { .. } => 36,
        DataError::InvalidEncoder { .. } => 37,
        DataError::Write { .. } => 38,
        _ => panic!("a variant the list does not know: {e:?}"),
    }
}

/// The English catalogue writes `e` as the command line does, and the German one has the
/// key and says something else.
fn assert_both_languages(e: &(impl Describe + std::fmt::Display), what: &str) {
    let message = e.message();
    let en = Lang::En.message(&message);
    let de = Lang::De.message(&message);
    assert_eq!(en, e.to_string(), "{what}: English of {}", message.key);
    assert_ne!(de, en, "{what}: German of {}", message.key);
    assert_ne!(de, message.key, "{what}: {} missing in German", message.key);
    assert!(!de.contains("data-"), "{what}: a key left in German: {de}");
}

#[test]
fn every_variant_reads_as_the_command_line_in_english_and_in_german() {
    let errors = every_error();
    let mut seen = vec![false; 39];
    for e in &errors {
        seen[index(e)] = true;
        assert_both_languages(e, &format!("{e:?}"));
    }
    assert!(seen.iter().all(|s| *s), "{seen:?}");
}

#[test]
fn each_variant_has_its_own_key_and_a_rule_its_own_sentence() {
    let mut keys: Vec<&str> = every_error().iter().map(|e| e.message().key).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), 39, "{keys:?}");
    assert!(keys.iter().all(|k| k.starts_with("data-")), "{keys:?}");
    // A rule the crate states reads in German, not in English inside a German sentence.
    for e in every_error() {
        let reason = match &e {
            DataError::InvalidValue { reason, .. }
            | DataError::InvalidEncoder { reason, .. }
            | DataError::InvalidSettings { reason } => *reason,
            _ => continue,
        };
        assert!(!Lang::De.message(&e.message()).contains(reason), "{e:?}");
    }
}

#[test]
fn the_refusal_of_a_missing_value_code_reads_in_both_languages() {
    for refusal in [
        CodeRefusal::TooLong,
        CodeRefusal::Unprintable,
        CodeRefusal::TooMany,
        CodeRefusal::NotFinite,
    ] {
        assert_both_languages(&refusal, &format!("{refusal:?}"));
    }
}

#[test]
fn german_sentences_read_as_a_german_data_manager_writes_them() {
    let de = |e: &DataError| Lang::De.message(&e.message());
    assert_eq!(
        de(&DataError::FileTooLarge {
            file: file(),
            bytes: 612_400_000,
            limit: 536_870_912,
        }),
        "patients.csv: die Datei ist 612,4 MB groß und überschreitet damit die Grenze von \
         536,9 MB; teilen Sie sie auf oder erhöhen Sie die Grenze"
    );
    assert_eq!(
        de(&DataError::DuplicateColumn {
            file: file(),
            column: "age".into(),
            first: 3,
            second: 28,
        }),
        "patients.csv, Zeile 1: der Spaltenname „age“ kommt zweimal vor (Spalten C und AB); \
         benennen Sie eine der beiden Spalten um"
    );
    assert_eq!(
        de(&DataError::MissingColumn {
            file: file(),
            column: "grade".into(),
            role: Role::Marker,
            available: "\"id\", \"time\"".into(),
        }),
        "patients.csv: es gibt keine Spalte „grade“ für den Marker; die Kopfzeile enthält: \
         \"id\", \"time\""
    );
    assert_eq!(
        de(&DataError::RoleConflict {
            column: "status".into(),
            first: Role::Event,
            second: Role::Marker,
        }),
        "die Spalte „status“ kann nicht zugleich das Ereignis und ein Marker sein"
    );
    assert_eq!(
        de(&DataError::RaggedRow {
            file: file(),
            row: 14,
            expected: 6,
            found: 1,
        }),
        "patients.csv, Zeile 14: erwartet: 6 Felder wie in der Kopfzeile, gefunden: 1; ist die \
         Datei durch ein anderes Zeichen getrennt?"
    );
    assert_eq!(
        de(&DataError::MissingValue {
            at: at(12, "time"),
            role: Role::Time,
            text: "NA".into(),
        }),
        "patients.csv, Zeile 12, Spalte „time“: die Überlebenszeit fehlt (gefunden: „NA“)"
    );
    assert_eq!(
        de(&DataError::MissingValue {
            at: at(12, "id"),
            role: Role::Id,
            text: String::new(),
        }),
        "patients.csv, Zeile 12, Spalte „id“: die Patienten-ID fehlt"
    );
    assert_eq!(
        de(&DataError::NotNumber {
            at: at(9, "crp"),
            text: "3,7".into(),
            expected: Expected::Number,
        }),
        "patients.csv, Zeile 9, Spalte „crp“: erwartet: eine Zahl, gefunden: „3,7“; das \
         Dezimaltrennzeichen scheint ein Komma zu sein, während der Rest der Datei einen Punkt \
         verwendet"
    );
    assert_eq!(
        de(&DataError::BadEvent {
            at: at(4, "status"),
            text: "2".into(),
        }),
        "patients.csv, Zeile 4, Spalte „status“: erwartet: 1 (Ereignis beobachtet) oder 0 \
         (zensiert), gefunden: „2“; falls die Datei Ereignisse als 1 = zensiert, 2 = verstorben \
         kodiert (wie es das R-Paket survival tun kann), kodieren Sie sie in 0 und 1 um"
    );
    assert_eq!(
        de(&DataError::NoEvents {
            file: file(),
            patients: 42,
        }),
        "patients.csv: bei keiner der 42 Personen wurde ein Ereignis beobachtet (alle sind \
         zensiert); ein Überlebenszeitmodell braucht Ereignisse"
    );
    assert_eq!(
        de(&DataError::KindMismatch {
            marker: "grade".into(),
            expected: MarkerKind::Categorical,
            found: MarkerKind::Numeric,
        }),
        "der Marker „grade“ war beim Training des Modells kategorial, ist hier aber numerisch; \
         legen Sie seine Art beim Import der Datei fest"
    );
    assert_eq!(
        de(&DataError::InvalidMissingCode {
            code: "-999".into(),
            reason: CodeRefusal::TooMany,
        }),
        "der Code für fehlende Werte „-999“ ist nicht verwendbar: es können höchstens 64 Codes \
         für fehlende Werte hinzugefügt werden"
    );
    assert_eq!(
        de(&DataError::RoleNotChosen {
            file: file(),
            role: Role::Event,
        }),
        "patients.csv: für das Ereignis wurde keine Spalte gewählt"
    );
    assert_eq!(
        de(&DataError::InvalidValue {
            column: "time".into(),
            index: 3,
            value: "-2".into(),
            reason: "times must be finite and > 0",
        }),
        "Spalte „time“, Patientenindex 3: Zeiten müssen endlich und > 0 sein, gefunden: „-2“"
    );
}

#[test]
fn the_rules_the_crate_breaks_read_in_german() {
    let ids = |ids: &[&str]| ids.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let cohort = Cohort::new(ids(&["a", "b"]), vec![3.0, 5.0], vec![true, false]).unwrap();
    let mirror = EncoderConfig {
        scaling: Scaling::ZScore,
        mirror: true,
        ..EncoderConfig::study()
    };
    let separator = ImportOptions {
        delimiter: Some(b'"'),
        ..ImportOptions::default()
    };
    let refused = [
        Marker::numeric("crp", vec![1.0, f32::INFINITY]).unwrap_err(),
        Marker::binary("smoker", vec![0.0, 2.0]).unwrap_err(),
        Cohort::new(ids(&["a", "a"]), vec![3.0, 5.0], vec![true, false]).unwrap_err(),
        Cohort::new(ids(&["a", "b"]), vec![3.0, -5.0], vec![true, false]).unwrap_err(),
        Cohort::new(ids(&["a", "NA"]), vec![3.0, 5.0], vec![true, false]).unwrap_err(),
        Categorical::new(vec![0], ids(&["G1", "G1"])).unwrap_err(),
        Categorical::new(vec![4], ids(&["G1", "G2"])).unwrap_err(),
        Categorical::new(vec![0], ids(&[" G1"])).unwrap_err(),
        mirror.fit(cohort.view()).unwrap_err(),
        import_csv(
            b"time,event\n3,1\n",
            "patients.csv",
            &ColumnRoles::new("time", "event"),
            &separator,
        )
        .unwrap_err()
        .problems
        .remove(0),
    ];
    for e in &refused {
        assert_both_languages(e, &format!("{e:?}"));
        let (DataError::InvalidValue { reason, .. } | DataError::InvalidSettings { reason }) = e
        else {
            panic!("not a broken rule: {e:?}");
        };
        assert!(!Lang::De.message(&e.message()).contains(reason), "{e:?}");
    }
}

#[test]
fn an_import_report_lists_its_problems_in_each_language() {
    let problems = [
        DataError::NonPositiveTime {
            at: at(3, "time"),
            text: "0".into(),
        },
        DataError::BadEvent {
            at: at(4, "event"),
            text: "yes".into(),
        },
        DataError::DuplicateId {
            at: at(5, "id"),
            id: "P-1".into(),
            first_row: 2,
        },
    ];
    let report = |problems: Vec<DataError>, omitted| ImportReport {
        file: file(),
        problems,
        omitted,
    };
    let single = report(problems[..1].to_vec(), 0);
    assert_both_languages(&single, "one problem");
    assert_eq!(single.message(), problems[0].message());
    for n in 0..=problems.len() {
        for omitted in [0, 1, 250] {
            if n == 1 && omitted == 0 {
                continue;
            }
            let r = report(problems[..n].to_vec(), omitted);
            assert_both_languages(&r, &format!("{n} problems, {omitted} omitted"));
        }
    }
    assert_eq!(
        Lang::De.message(&report(problems[..2].to_vec(), 250).message()),
        "patients.csv: 252 Probleme gefunden\n\
         - patients.csv, Zeile 3, Spalte „time“: erwartet: eine Überlebenszeit (eine Zahl größer \
         als null), gefunden: „0“\n\
         - patients.csv, Zeile 4, Spalte „event“: erwartet: 1 (Ereignis beobachtet) oder 0 \
         (zensiert), gefunden: „yes“\n\
         - … und 250 weitere"
    );
    // A long list nests only as deep as its logarithm and reads in full.
    let many: Vec<DataError> = (0..1000)
        .map(|i| DataError::NonFinite {
            at: at(i + 2, "crp"),
            text: "NaN".into(),
        })
        .collect();
    let long = report(many, 17);
    assert_both_languages(&long, "a long report");
    assert_eq!(Lang::De.message(&long.message()).lines().count(), 1002);
    // An import that finds several problems.
    let refused = import_csv(
        b"time,event,age\n0,1,50\n3,yes,61\n4,1,inf\n",
        "patients.csv",
        &ColumnRoles::new("time", "event"),
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(refused.total() > 1, "{refused}");
    assert_both_languages(&refused, "an import");
}

/// Every rule the data crate's sources state as the reason of an error (a broken
/// invariant, an invalid setting, an inconsistent stored encoder) has its own message, so
/// that no German sentence quotes an English rule: a rule added without its message fails
/// here.
#[test]
fn every_rule_in_the_data_crates_sources_has_its_message() {
    let mut found = BTreeSet::new();
    for text in sources("survlens-data") {
        found.extend(field_literals(&text, "reason"));
        // `invalid(column, index, value, reason)` and `bad(marker, reason)` build the
        // cohort's and the encoder's refusals.
        for (function, position) in [("invalid", 3), ("bad", 1)] {
            for args in call_arguments(&text, function) {
                found.extend(args.get(position).cloned().flatten());
            }
        }
    }
    for reason in &found {
        let e = DataError::InvalidSettings {
            reason: leak(reason),
        };
        assert!(
            is_nested(&e.message(), "reason"),
            "{reason:?} has no message"
        );
        let german = Lang::De.message(&e.message());
        assert!(!german.contains(reason.as_str()), "{german}");
    }
    // The scan finds what the sources hold (it would find nothing if their style changed).
    assert!(found.len() >= 15, "{} rules found: {found:?}", found.len());
}
