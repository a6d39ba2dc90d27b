//! A new patient typed in or pasted: the form's fields against the session's markers,
//! reading typed text (decimal comma, missing, refused text naming its field) and pasted
//! rows (with and without a header, unknown columns, a wrong column count), and the
//! invariant that a new patient typed with exactly the values of a cohort patient gets
//! that patient's risk and relevances.

// Test helpers outside `#[test]` functions fail loudly by design.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::sync::Arc;

use survlens_app::job::views::{Export, ViewReply, ViewRequest, ViewServer};
use survlens_app::views::new_patient::{NewFieldKind, NewPatientError, NewPatientForm, Place};
use survlens_app::views::patient::NEW_PATIENT_ID;
use survlens_app::views::patient_reference::Explanation;
use survlens_app::views::patient_report::{PatientEngine, PatientReport};
use survlens_app::views::whatif::Edits;

use common::demo_session as session;

fn form() -> NewPatientForm {
    NewPatientForm::build(session())
}

fn first_numeric(form: &NewPatientForm) -> usize {
    form.fields
        .iter()
        .position(|f| f.kind == NewFieldKind::Number)
        .expect("a numeric marker")
}

#[test]
fn the_form_has_one_field_per_marker_with_its_unit_and_ranges() {
    let s = session();
    let form = form();
    assert_eq!(form.fields.len(), s.n_markers());
    for (j, (f, m)) in form.fields.iter().zip(&s.markers).enumerate() {
        assert_eq!(f.marker, j);
        assert_eq!(f.id, m.id);
        assert_eq!(f.unit, m.unit);
        assert_eq!(f.reference_range, m.reference_range);
        match &f.kind {
            NewFieldKind::Number => {
                let (lo, hi) = f.observed_range.expect("an observed range");
                let column: Vec<f32> = (0..s.n_patients())
                    .map(|i| s.values_of(i)[j])
                    .filter(|v| !v.is_nan())
                    .collect();
                assert_eq!(lo, column.iter().copied().fold(f32::INFINITY, f32::min));
                assert_eq!(hi, column.iter().copied().fold(f32::NEG_INFINITY, f32::max));
                assert!(f.hint().contains("cohort"), "{}", f.hint());
            }
            NewFieldKind::YesNo { levels } | NewFieldKind::Choice { levels, .. } => {
                assert_eq!(levels, &m.levels);
                assert!(f.observed_range.is_none());
            }
        }
    }
    assert!(
        form.fields.iter().any(|f| matches!(
            f.kind,
            NewFieldKind::Choice { .. } | NewFieldKind::YesNo { .. }
        )),
        "the demo has markers with levels"
    );
    let header = form.template();
    assert_eq!(
        header.trim_end().split(',').count(),
        form.fields.len(),
        "{header}"
    );
}

#[test]
fn typed_numbers_take_a_point_or_a_comma_and_empty_is_missing() {
    let form = form();
    let k = first_numeric(&form);
    let place = Place::Field {
        name: form.fields[k].name.clone(),
    };
    assert_eq!(form.read_value(k, "3.5", place.clone()), Ok(3.5));
    assert_eq!(form.read_value(k, " 3,5 ", place.clone()), Ok(3.5));
    assert!(form.read_value(k, "", place.clone()).unwrap().is_nan());
    assert!(form.read_value(k, "NA", place.clone()).unwrap().is_nan());
    let mut texts = vec![String::new(); form.fields.len()];
    texts[k] = "1,25".to_owned();
    let read = form.read(&texts).expect("read");
    assert_eq!(read.values[form.fields[k].marker], 1.25);
    assert_eq!(
        read.values.iter().filter(|v| v.is_nan()).count(),
        form.fields.len() - 1
    );
}

#[test]
fn a_value_outside_the_cohort_is_accepted_and_flagged() {
    let form = form();
    let k = first_numeric(&form);
    let (_, hi) = form.fields[k].observed_range.unwrap();
    let mut texts = vec![String::new(); form.fields.len()];
    texts[k] = format!("{}", hi * 10.0 + 100.0);
    let read = form.read(&texts).expect("accepted");
    assert_eq!(read.outside.len(), 1);
    assert_eq!(read.outside[0].field, k);
    let sentence = read.outside[0].sentence(&form);
    assert!(sentence.contains(&form.fields[k].name), "{sentence}");
    assert!(
        sentence.contains("outside the cohort's observed range"),
        "{sentence}"
    );
}

#[test]
fn text_that_is_no_number_is_refused_naming_the_field_and_kept() {
    let form = form();
    let k = first_numeric(&form);
    let name = form.fields[k].name.clone();
    let mut texts = vec![String::new(); form.fields.len()];
    texts[k] = "about 3".to_owned();
    let choice = form
        .fields
        .iter()
        .position(|f| {
            matches!(
                f.kind,
                NewFieldKind::Choice { .. } | NewFieldKind::YesNo { .. }
            )
        })
        .unwrap();
    texts[choice] = "purple".to_owned();
    let problems = form.read(&texts).expect_err("refused");
    assert_eq!(problems.len(), 2, "{problems:?}");
    let (field, e) = &problems[0];
    assert_eq!(*field, k.min(choice));
    let (_, number) = problems.iter().find(|(f, _)| *f == k).unwrap();
    assert_eq!(number.code(), "not_a_number");
    let sentence = number.to_string();
    assert!(sentence.starts_with(&name), "{sentence}");
    assert!(sentence.contains("\"about 3\""), "{sentence}");
    let (_, level) = problems.iter().find(|(f, _)| *f == choice).unwrap();
    assert_eq!(level.code(), "unknown_level");
    assert!(level.to_string().contains(&form.fields[choice].name));
    assert!(e.place().is_some());
    // Nothing typed is lost: the texts are the caller's and unchanged.
    assert_eq!(texts[k], "about 3");
}

#[test]
fn a_pasted_row_with_its_header_is_read_by_column_name() {
    let s = session();
    let form = form();
    let values = s.values_of(3);
    let texts = form.texts_of(values);
    // Columns shuffled (reversed), an unknown column, and one marker left out.
    let mut header = vec!["patient_id".to_owned()];
    let mut row = vec!["P-17".to_owned()];
    for (f, t) in form.fields.iter().zip(&texts).rev().skip(1) {
        header.push(f.id.clone());
        row.push(t.clone());
    }
    let text = format!("{}\n{}\n", header.join(";"), row.join(";"));
    let pasted = form.paste(&text).expect("pasted");
    assert!(pasted.with_header);
    assert_eq!(pasted.unknown, vec!["patient_id".to_owned()]);
    let last = form.fields.last().unwrap();
    assert_eq!(pasted.absent, vec![last.id.clone()]);
    assert!(pasted.problems.is_empty(), "{:?}", pasted.problems);
    let read = form.read(&pasted.texts).expect("read");
    for (j, (&got, &want)) in read.values.iter().zip(values).enumerate() {
        if j == last.marker {
            assert!(got.is_nan());
        } else {
            assert!(got == want || (got.is_nan() && want.is_nan()), "{j}");
        }
    }
}

#[test]
fn a_pasted_row_without_header_follows_the_template_and_its_count() {
    let s = session();
    let form = form();
    let texts = form.texts_of(s.values_of(5));
    let pasted = form.paste(&texts.join(",")).expect("pasted");
    assert!(!pasted.with_header);
    assert_eq!(pasted.texts, texts);
    let short = texts[..texts.len() - 1].join(",");
    let e = form.paste(&short).expect_err("refused");
    assert_eq!(
        e,
        NewPatientError::ColumnCount {
            found: texts.len() - 1,
            expected: texts.len()
        }
    );
    assert!(
        e.to_string()
            .contains(&format!("{} columns", texts.len() - 1))
    );
    assert_eq!(
        form.paste("  \n").expect_err("empty"),
        NewPatientError::NoRow
    );
    // A pasted cell that is no number names its column, and is kept in its field.
    let k = first_numeric(&form);
    let mut bad = texts.clone();
    bad[k] = "high".to_owned();
    let pasted = form.paste(&bad.join(",")).expect("pasted");
    assert_eq!(pasted.texts[k], "high");
    let (field, e) = &pasted.problems[0];
    assert_eq!(*field, k);
    assert!(
        e.to_string()
            .starts_with(&format!("Column {} ({})", k + 1, form.fields[k].id)),
        "{e}"
    );
}

#[test]
fn a_new_patient_with_a_cohort_patients_values_gets_its_risk_and_relevances() {
    let s = session();
    let form = form();
    let mut engine = PatientEngine::new(s);
    for k in [0, 1, 7, s.n_patients() - 1] {
        // Through the form's texts, as the page types them.
        let read = form.read(&form.texts_of(s.values_of(k))).expect("read");
        let report = PatientReport::build_new(
            s,
            &mut engine,
            &read.values,
            &Edits::default(),
            Explanation::Study,
        )
        .expect("explained");
        assert!(report.new_patient);
        assert_eq!(report.view.id, NEW_PATIENT_ID);
        assert_eq!(report.view.index, s.n_patients());
        assert!((report.view.risk - s.risk[k]).abs() < 1e-6, "{k}");
        let cohort = PatientReport::build(s, &mut engine, k, &Edits::default()).unwrap();
        assert_eq!(report.view.group, cohort.view.group);
        // The risk may differ from the cohort's in its last bits (one patient explained
        // alone, not in a batch), which moves the percentile by at most the patient itself.
        let one = 100.0 / s.n_patients() as f32;
        assert!(
            (report.view.percentile - cohort.view.percentile).abs() <= one + 1e-4,
            "{k}"
        );
        assert_eq!(report.view.entity, cohort.view.entity);
        for (got, want) in report
            .view
            .top
            .iter()
            .map(|c| (c.marker, c.relevance))
            .zip(cohort.view.top.iter().map(|c| (c.marker, c.relevance)))
        {
            assert_eq!(got.0, want.0, "{k}");
            assert!((got.1 - want.1).abs() < 1e-6, "{k}");
        }
        for (a, b) in report
            .view
            .modality_totals
            .iter()
            .zip(&cohort.view.modality_totals)
        {
            assert!((a.relevance - b.relevance).abs() < 1e-5);
        }
        assert_eq!(
            report.curves.as_ref().map(|c| c.predicted.len()),
            cohort.curves.as_ref().map(|c| c.predicted.len())
        );
        assert_eq!(report.fields.len(), cohort.fields.len());
    }
}

#[test]
fn the_worker_answers_a_new_patient_and_its_what_if() {
    let s = session();
    let mut views = ViewServer::default();
    let generation = views.show(Arc::new(s.clone()));
    let Some(ViewReply::NewPatientForm(form)) =
        views.answer(generation, &ViewRequest::NewPatientForm)
    else {
        panic!("no form")
    };
    assert_eq!(*form, NewPatientForm::build(s));
    let read = form.read(&form.texts_of(s.values_of(2))).unwrap();
    let request = ViewRequest::NewPatient {
        values: read.request_values(),
        edits: Edits::default(),
        explanation: Explanation::Study,
    };
    let Some(ViewReply::NewPatient(Ok(report))) = views.answer(generation, &request) else {
        panic!("no report")
    };
    assert!((report.view.risk - s.risk[2]).abs() < 1e-6);
    assert!(!report.what_if);
    // A what-if over the typed values.
    let k = first_numeric(&form);
    let mut edits = Edits::default();
    let was = report.recorded[form.fields[k].marker];
    edits.set(&report.recorded, form.fields[k].marker, was * 3.0 + 10.0);
    let request = ViewRequest::NewPatient {
        values: read.request_values(),
        edits,
        explanation: Explanation::TypicalPatient {
            of: survlens_app::views::patient_reference::ReferenceGroup::Cohort,
        },
    };
    let Some(ViewReply::NewPatient(Ok(edited))) = views.answer(generation, &request) else {
        panic!("no report")
    };
    assert!(edited.what_if);
    assert_eq!(edited.recorded_risk, report.view.risk);
    assert!(
        edited
            .scenario_note
            .as_deref()
            .unwrap_or("")
            .contains("as typed")
    );
    let Some(Ok(template)) = views.export(generation, Export::NewPatientTemplate) else {
        panic!("no template")
    };
    assert_eq!(template.text, form.template());
}

#[test]
fn the_form_its_hints_and_its_problems_speak_german() {
    use survlens_app::core::i18n::Lang;
    let s = session();
    let (en, de) = (
        NewPatientForm::build(s),
        NewPatientForm::build_in(s, Lang::De),
    );
    // The same fields, read the same way; only their words differ.
    assert_eq!(en.fields.len(), de.fields.len());
    for (e, d) in en.fields.iter().zip(&de.fields) {
        assert_eq!((e.marker, &e.id, &e.kind), (d.marker, &d.id, &d.kind));
        assert_eq!(d.name, s.markers[d.marker].name_in(Lang::De));
    }
    let age = de.fields.iter().position(|f| f.id == "age").expect("age");
    assert_eq!(de.fields[age].unit, "Jahre");
    let hint = de.fields[age].hint_in(Lang::De);
    assert!(
        hint.starts_with("Kohorte ") || hint.starts_with("Referenzbereich "),
        "{hint}"
    );
    assert!(hint.ends_with("Jahre; leer = fehlend"), "{hint}");
    // A value with a decimal comma in the sentence on a value outside the cohort.
    let k = age;
    let (_, hi) = de.fields[k].observed_range.unwrap();
    assert!(hi < 99.0, "three significant digits keep a half year: {hi}");
    let mut texts = vec![String::new(); de.fields.len()];
    texts[k] = format!("{}", hi.floor() + 1.5);
    let read = de.read(&texts).expect("accepted");
    let sentence = read.outside[0].sentence_in(&de, Lang::De);
    assert!(
        sentence.starts_with(&format!("{}: ", de.fields[k].name))
            && sentence.contains(",5")
            && sentence.contains("liegt außerhalb des in der Kohorte beobachteten Bereichs"),
        "{sentence}"
    );
    // A problem names its place in German, and reads in English as before.
    texts[k] = "etwa 3".to_owned();
    let problems = de.read(&texts).expect_err("refused");
    let (_, e) = problems.iter().find(|(f, _)| *f == k).unwrap();
    assert_eq!(
        e.message_in(Lang::De),
        format!(
            "{}: „etwa 3“ ist keine Zahl; geben Sie eine Zahl wie 3,5 oder 3.5 ein, oder lassen Sie das Feld leer, wenn der Wert fehlt.",
            de.fields[k].name
        )
    );
    assert_eq!(e.message_in(Lang::En), e.to_string());
    let e = de.paste("").expect_err("empty");
    assert_eq!(
        e.message_in(Lang::De),
        "Der eingefügte Text enthält keine Patientenzeile."
    );
    assert_eq!(e.to_string(), "The pasted text holds no patient row.");
}
