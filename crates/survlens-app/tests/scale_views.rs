//! Scale: every view-model builder the page calls, timed on a 100,000-patient synthetic
//! pan-cancer cohort explained by the default model (issue "Scale": the views of a
//! 100k-patient cohort render without freezing the tab).
//!
//! Ignored by default (the cohort takes about 20 s to build and explain natively). Run it
//! in release to read the table:
//!
//! ```text
//! cargo test --release -p survlens-app --test scale_views -- --ignored --nocapture
//! ```
//!
//! `SURVLENS_SCALE_PATIENTS` sets another cohort size. The table marks a builder over
//! [`BUDGET_MS`] natively (the page runs WebAssembly at about 2-3x native time); it reports
//! and does not fail, as timings on a shared machine are noise-prone.

// Test helpers outside `#[test]` functions fail loudly by design.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::time::Instant;

use survlens_app::core::session::Session;
use survlens_app::job::pipeline::{Job, JobStep};
use survlens_app::sources::spec::JobSpec;
use survlens_app::views::cohort_view::{
    CohortSummary, Discrimination, Population, RiskGroupSurvival, RiskGrouping,
};
use survlens_app::views::interactions_view::PairPlot;
use survlens_app::views::markers_view::{
    BEESWARM_MARKERS, Beeswarm, DependenceView, EntityHeatmap, HEATMAP_MARKERS, KeyMarkerView,
    MAX_DOTS,
};
use survlens_app::views::model_view::{
    EncodedCohort, MethodComparison, MethodSettings, MetricSettings, ModelReport,
};
use survlens_app::views::patient::PatientView;
use survlens_app::views::patient_flags::limitations;
use survlens_app::views::patient_list::patient_rows;
use survlens_app::views::patient_survival::{
    SurvivalFigures, chart_horizon_months, cohort_curve, cohort_km, predicted_curve,
};
use survlens_app::views::patient_waterfall::Waterfall;
use survlens_app::views::teaching::{compare_patient, fidelity};
use survlens_app::views::whatif::{WhatIf, form_fields};

/// Native time each view builder may take at 100k patients, in milliseconds.
const BUDGET_MS: f64 = 500.0;

/// The model view's two builders run after the view's first paint (it shows "Computing…"
/// meanwhile) and still take about 1-2 s natively at 100k patients: encoding the whole
/// cohort again and the held-out figures' estimates on every patient. Until they move
/// off the page's thread the table measures them against this looser bound.
const DEFERRED: [&str; 2] = ["ModelReport::build", "EncodedCohort::build"];

/// Native time the [`DEFERRED`] builders may take, in milliseconds.
const DEFERRED_BUDGET_MS: f64 = 4_000.0;

fn explained_cohort(patients: usize) -> Session {
    let mut job = Job::new(JobSpec::pan_cancer_of(patients));
    loop {
        match job.step().expect("the job runs") {
            JobStep::Explained(session) => {
                return std::sync::Arc::unwrap_or_clone(session);
            }
            JobStep::Progress(_) | JobStep::FirstLook(_) => {}
            JobStep::Done(done) => return done.into_session(),
        }
    }
}

struct Timings(Vec<(&'static str, &'static str, f64)>);

impl Timings {
    fn time<T>(&mut self, view: &'static str, builder: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let value = std::hint::black_box(f());
        let ms = start.elapsed().as_secs_f64() * 1e3;
        eprintln!("  {view}: {builder} {ms:.1} ms");
        self.0.push((view, builder, ms));
        value
    }
}

#[test]
#[ignore = "builds and explains a 100,000-patient cohort (about 20 s in release)"]
fn every_view_builds_in_well_under_a_second_at_100k_patients() {
    let patients = std::env::var("SURVLENS_SCALE_PATIENTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let start = Instant::now();
    let s = explained_cohort(patients);
    eprintln!(
        "{patients} patients x {} markers explained in {:.1} s",
        s.n_markers(),
        start.elapsed().as_secs_f64()
    );
    let patient = s.n_patients() / 2;
    let mut t = Timings(Vec::new());

    t.time("list", "patient_rows(\"\", 200)", || {
        patient_rows(&s, "", 200)
    });
    t.time("list", "patient_rows(\"lung\", 200)", || {
        patient_rows(&s, "lung", 200)
    });

    let engine = t.time("patient", "WhatIf::new", || {
        WhatIf::new(&s).expect("engine")
    });
    let km = t.time("patient", "cohort_km", || cohort_km(&s).expect("km"));
    t.time("patient", "cohort mean risk", || {
        s.risk.iter().map(|&r| f64::from(r)).sum::<f64>() / s.n_patients() as f64
    });
    let view = t.time("patient", "PatientView::build", || {
        PatientView::build(&s, patient, 12).expect("patient")
    });
    let baseline = &s.model.baseline;
    t.time("patient", "SurvivalFigures::new", || {
        SurvivalFigures::new(baseline, &km, f64::from(view.risk))
    });
    let horizon = chart_horizon_months(baseline);
    t.time("patient", "cohort_curve", || cohort_curve(&km, horizon));
    t.time("patient", "predicted_curve", || {
        predicted_curve(baseline, f64::from(view.risk), horizon)
    });
    t.time("patient", "Waterfall::new", || {
        Waterfall::new(&view, Some(0.0), None)
    });
    let entity = s.entity_of[patient] as usize;
    t.time("patient", "limitations", || {
        limitations(&s, s.values_of(patient), entity)
    });
    t.time("patient", "form_fields", || form_fields(&s, patient));
    let mut engine = engine;
    let mut edited = s.values_of(patient).to_vec();
    edited[0] += 1.0;
    t.time("patient", "WhatIf::evaluate", || {
        engine.evaluate(&s, &edited).expect("what-if")
    });

    t.time("cohort", "CohortSummary::build", || {
        CohortSummary::build(&s).expect("summary")
    });
    t.time("cohort", "Discrimination::build(page)", || {
        Discrimination::build(&s, &Discrimination::page_bootstrap()).expect("discrimination")
    });
    t.time("cohort", "RiskGroupSurvival::build(T, held-out)", || {
        RiskGroupSurvival::build(&s, RiskGrouping::Tertiles, Population::HeldOut).expect("km")
    });
    let _ = t.time("cohort", "RiskGroupSurvival::build(Q, all)", || {
        RiskGroupSurvival::build(&s, RiskGrouping::Quartiles, Population::All)
    });

    let key = t.time("markers", "KeyMarkerView::build", || {
        KeyMarkerView::build(&s, 0.9).expect("key markers")
    });
    let ranking = key.ranking();
    t.time("markers", "Beeswarm::build", || {
        Beeswarm::build(&s, &ranking, BEESWARM_MARKERS, MAX_DOTS).expect("beeswarm")
    });
    t.time("markers", "EntityHeatmap::build", || {
        EntityHeatmap::build(&s, &ranking, HEATMAP_MARKERS).expect("heatmap")
    });
    t.time("markers", "DependenceView::build", || {
        DependenceView::build(&s, ranking[0], Some(ranking[1]), MAX_DOTS).expect("dependence")
    });

    let _ = t.time("interactions", "PairPlot::build", || {
        PairPlot::build(&s, ranking[0], ranking[1], 3_000)
    });

    t.time("model", "ModelReport::build", || {
        ModelReport::build(&s, &MetricSettings::default())
    });
    let encoded = t.time("model", "EncodedCohort::build", || {
        EncodedCohort::build(&s).expect("encoded")
    });
    t.time("model", "MethodComparison::build", || {
        MethodComparison::build(&s, &encoded, patient, &MethodSettings::default()).expect("methods")
    });

    t.time("teaching", "fidelity", || fidelity(&s));
    t.time("teaching", "compare_patient", || {
        compare_patient(&s, patient, 6)
    });

    // A benchmark, not a timed test (the machine may be shared and noisy): the table marks
    // the builders over their budget instead of failing.
    let budget = |builder: &str| {
        if DEFERRED.contains(&builder) {
            DEFERRED_BUDGET_MS
        } else {
            BUDGET_MS
        }
    };
    eprintln!("| view | builder | ms | budget |\n|---|---|---:|---|");
    for (view, builder, ms) in &t.0 {
        let over = if *ms > budget(builder) { "over" } else { "" };
        eprintln!("| {view} | {builder} | {ms:.1} | {over} |");
    }
}
