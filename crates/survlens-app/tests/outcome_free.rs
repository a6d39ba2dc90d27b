//! A stored model explaining a file of new patients without an outcome, through the page's
//! job and view-model: the session says it has no outcomes, every patient is predicted and
//! explained exactly as with the outcome columns present, and the views that need survival
//! times refuse with the same plain sentence instead of computing on nothing. Also: a
//! categorical cell written `missing` is a missing value in the views, never a level.

// Helpers outside `#[test]` functions are test code too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use survlens_app::core::i18n::Lang;
use survlens_app::core::session::{OutcomeNeed, Session};
use survlens_app::job::pipeline::{Job, JobStep, PipelineError};
use survlens_app::sources::data_source::{BundledCohort, FileDraft, Mapping};
use survlens_app::sources::model_file::ModelFile;
use survlens_app::sources::spec::JobSpec;
use survlens_app::views::cohort_view::{
    CohortSummary, CohortViewError, Discrimination, Population, RiskGroupCounts, RiskGroupSurvival,
    RiskGrouping,
};
use survlens_app::views::markers_view::KeyMarkerView;
use survlens_app::views::patient::PatientView;
use survlens_app::views::patient_export::relevance_csv;
use survlens_app::views::patient_flags::{Limitation, limitations};
use survlens_app::views::patient_survival::{SurvivalFigures, cohort_km, supported_ranges};
use survlens_app::views::whatif::{FieldKind, WhatIf, form_fields};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn run(spec: JobSpec) -> Result<Session, PipelineError> {
    let mut job = Job::new(spec);
    loop {
        match job.step()? {
            JobStep::Done(done) => return Ok(done.into_session()),
            JobStep::Progress(_) | JobStep::FirstLook(_) | JobStep::Explained(_) => {}
        }
    }
}

/// The veteran lung cohort, with the outcome columns or without, with two cells of the
/// model's markers written as missing-value codes (`NA` age, `missing` cell type).
fn veteran(with_outcome: bool) -> String {
    let text = std::fs::read_to_string(format!("{ROOT}/data/veteran_lung.csv")).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (age, celltype) = (col("num_age"), col("fac_celltype"));
    let keep: Vec<usize> = (0..header.len())
        .filter(|&c| with_outcome || !["time", "event"].contains(&header[c]))
        .collect();
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            let mut cells: Vec<&str> = line.split(',').collect();
            if i == 3 {
                cells[age] = "NA";
            }
            if i == 5 {
                cells[celltype] = "missing";
            }
            keep.iter().map(|&c| cells[c]).collect::<Vec<_>>().join(",") + "\n"
        })
        .collect()
}

/// A session of `text` explained by tests/fixtures/bad/model_valid.json (a survlens model
/// file trained on the veteran cohort's num_karno, num_age and fac_celltype), as the page
/// runs it: the file read and mapped with detection, the model file applied.
fn explained(name: &str, text: &str) -> Session {
    let draft = FileDraft::read(name, text.as_bytes().to_vec()).unwrap();
    let mapping = Mapping::detected(&draft);
    let source = mapping.source(&draft).unwrap();
    let model_bytes = std::fs::read(format!("{ROOT}/tests/fixtures/bad/model_valid.json")).unwrap();
    let model = ModelFile::read("model_valid.json", model_bytes).unwrap();
    let spec = model.apply_to(JobSpec {
        source,
        ..JobSpec::demo()
    });
    run(spec).unwrap()
}

#[test]
fn a_stored_model_explains_new_patients_as_it_explains_the_same_patients_with_outcomes() {
    let new = explained("new_patients.csv", &veteran(false));
    let known = explained("veteran.csv", &veteran(true));
    assert!(!new.has_outcomes);
    assert!(known.has_outcomes);
    assert!(
        new.title.to_string().contains("without outcomes"),
        "{}",
        new.title
    );
    new.check_shapes().unwrap();
    assert_eq!(new.n_patients(), 137);
    assert_eq!(new.patient_ids, known.patient_ids);
    // Outcomes play no part in a prediction or its explanation: bit for bit the same.
    assert_eq!(new.risk, known.risk);
    assert_eq!(new.relevance, known.relevance);
    assert_eq!(new.bias_relevance, known.bias_relevance);
    assert_eq!(new.risk_cutoffs, known.risk_cutoffs);
    let same_values = new
        .values
        .iter()
        .zip(&known.values)
        .all(|(a, b)| a == b || (a.is_nan() && b.is_nan()));
    assert!(same_values);
    // The two coded cells are missing values (patients 2 and 4, file lines 4 and 6).
    let m = new.n_markers();
    let marker = |id: &str| new.markers.iter().position(|x| x.id == id).unwrap();
    assert!(new.values[2 * m + marker("num_age")].is_nan());
    assert!(new.values[4 * m + marker("fac_celltype")].is_nan());
    assert!(
        !new.markers[marker("fac_celltype")]
            .levels
            .iter()
            .any(|l| l == "missing")
    );

    // Without outcomes there is no C-index, no Kaplan-Meier estimate, no curves.
    assert!(new.test_cindex.is_nan());
    assert!(known.test_cindex.is_finite());
    assert!(cohort_km(&new).is_err());
    let summary = CohortSummary::build(&new).unwrap();
    assert!(!summary.has_outcomes);
    assert_eq!((summary.patients, summary.events), (137, 0));
    assert_eq!(summary.median_survival_months, None);
    assert_eq!(summary.median_follow_up_months, None);
    let note = new
        .outcome_note(OutcomeNeed::RiskGroupSurvival, Lang::En)
        .unwrap();
    assert_eq!(
        note,
        "This file has no survival times or events (patients without an outcome yet), so \
         survival by risk group cannot be shown: the model predicts and explains its \
         patients, but nothing here says how they fared."
    );
    let german = new.outcome_note(OutcomeNeed::CIndex, Lang::De).unwrap();
    assert!(
        german.starts_with("Diese Datei enthält keine Überlebenszeiten oder Ereignisse")
            && german.contains("der C-Index des Modells"),
        "{german}"
    );
    assert!(known.outcome_note(OutcomeNeed::CIndex, Lang::En).is_none());
    match RiskGroupSurvival::build(&new, RiskGrouping::Tertiles, Population::All) {
        Err(e @ CohortViewError::NoOutcomes { .. }) => {
            assert_eq!(e.to_string(), note);
            assert_eq!(e.code(), "no_outcomes");
        }
        other => panic!("{other:?}"),
    }
    match Discrimination::build(&new, &Discrimination::page_bootstrap()) {
        Err(e @ CohortViewError::NoOutcomes { .. }) => {
            assert!(e.to_string().contains("the model's C-index"));
        }
        other => panic!("{other:?}"),
    }
    assert!(RiskGroupSurvival::build(&known, RiskGrouping::Tertiles, Population::All).is_ok());

    // Risk groups without outcomes: the patient view's groups, counted.
    let counts = RiskGroupCounts::build(&new);
    assert_eq!(counts.groups.iter().map(|(_, n)| n).sum::<usize>(), 137);
    for (label, n) in &counts.groups {
        let by_patient = (0..137)
            .filter(|&i| PatientView::build(&new, i, 10).unwrap().group.label() == label)
            .count();
        assert_eq!(*n, by_patient, "{label}");
    }

    // The patient view: predicted survival from the model's own baseline, no cohort
    // estimate beside it; the same prediction as with the outcomes present.
    for i in [0, 2, 4, 136] {
        let view = PatientView::build(&new, i, 10).unwrap();
        let figures =
            SurvivalFigures::with_ranges(&new, None, &supported_ranges(&new), f64::from(view.risk))
                .unwrap();
        assert!(!figures.cohort_observed);
        assert!(figures.horizons.iter().all(|h| h.cohort.is_nan()));
        let km = cohort_km(&known).unwrap();
        let with = SurvivalFigures::with_ranges(
            &known,
            Some(&km),
            &supported_ranges(&known),
            f64::from(view.risk),
        )
        .unwrap();
        assert!(with.cohort_observed);
        for (a, b) in figures.horizons.iter().zip(&with.horizons) {
            assert_eq!(a.predicted, b.predicted);
            assert!((0.0..=1.0).contains(&a.predicted));
        }
        assert_eq!(figures.median_months, with.median_months);
    }
    // A session with outcomes but no estimate gives no figures (the page says why).
    assert!(SurvivalFigures::with_ranges(&known, None, &[], 0.0).is_none());

    // What the model does not know: the coded cells are flagged as missing.
    let flags = limitations(&new, new.values_of(4), new.entity_of[4] as usize);
    assert!(
        flags.iter().any(
            |l| matches!(l, Limitation::Missing { marker: j, .. } if *j == marker("fac_celltype"))
        ),
        "{flags:?}"
    );
    // What-if: the cell type is offered once per level, "missing" once (as the empty
    // choice, not a level), and an edit recomputes.
    let fields = form_fields(&new, 4);
    let celltype = fields.iter().find(|f| f.id == "fac_celltype").unwrap();
    let FieldKind::Choice { levels } = &celltype.kind else {
        panic!("{:?}", celltype.kind)
    };
    assert_eq!(levels, &["adeno", "large", "smallcell", "squamous"]);
    let mut engine = WhatIf::new(&new).unwrap();
    let mut values = new.values_of(4).to_vec();
    values[marker("fac_celltype")] = 0.0;
    let scenario = engine.evaluate(&new, &values).unwrap();
    assert!(scenario.risk.is_finite());

    // The markers view and the relevance export need no outcome.
    let key = KeyMarkerView::build(&new, 0.9).unwrap();
    assert_eq!(key.rows.len(), 3);
    let csv = relevance_csv(&new);
    assert_eq!(csv.lines().count(), 138);
    assert_eq!(csv, relevance_csv(&known));
}

#[test]
fn training_and_onnx_need_outcomes_and_say_so() {
    let text = veteran(false);
    let draft = FileDraft::read("new_patients.csv", text.as_bytes().to_vec()).unwrap();
    let mapping = Mapping::detected(&draft);
    assert!(mapping.without_outcome());
    assert!(!mapping.can_train(&draft));
    assert!(mapping.job_spec(&draft).is_err());
    // Forced through the job anyway, training names the missing columns.
    let e = run(JobSpec {
        source: mapping.source(&draft).unwrap(),
        ..JobSpec::demo()
    })
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("no column was chosen for the survival time"),
        "{e}"
    );
}

/// The page's NCCTG lung cohort (R survival::lung as SurvSet writes it) has one ECOG cell
/// and one institution cell written `missing`: trained and explained in the page, ECOG has
/// its four levels only, the patient is flagged as missing it, and the what-if form offers
/// no "missing" level.
#[test]
fn a_categorical_cell_written_missing_is_a_missing_value_in_the_views() {
    let mut spec = BundledCohort::NcctgLung.job_spec();
    spec.training.epochs_per_stage = 2;
    let s = run(spec).unwrap();
    let ecog = s
        .markers
        .iter()
        .position(|m| m.id == "fac_ph_ecog")
        .unwrap();
    assert_eq!(s.markers[ecog].levels, ["0", "1", "2", "3"]);
    for info in &s.markers {
        assert!(!info.levels.iter().any(|l| l == "missing"), "{}", info.id);
    }
    // File line 15: patient index 13 (the header is line 1).
    let patient = s.patient_ids.iter().position(|id| id == "13").unwrap();
    assert!(s.values_of(patient)[ecog].is_nan());
    let flags = limitations(&s, s.values_of(patient), s.entity_of[patient] as usize);
    assert!(
        flags
            .iter()
            .any(|l| matches!(l, Limitation::Missing { marker, .. } if *marker == ecog)),
        "{flags:?}"
    );
    let fields = form_fields(&s, patient);
    let field = fields.iter().find(|f| f.marker == ecog).unwrap();
    let FieldKind::Choice { levels } = &field.kind else {
        panic!("{:?}", field.kind)
    };
    assert_eq!(levels, &["0", "1", "2", "3"]);
}
