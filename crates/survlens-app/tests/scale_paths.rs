//! The large-cohort paths of the views, on a cohort made large by repeating the demo's
//! patients: above their caps the overview's and the model view's intervals resample a
//! bounded, deterministic sample (the estimates still use every patient), and the fast
//! paths below the caps give exactly what the plain computation gives.

// Test helpers outside `#[test]` functions fail loudly by design.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::sync::OnceLock;

use survlens_app::core::format::thousands;
use survlens_app::core::session::Session;
use survlens_app::views::cohort_view::{
    BOOTSTRAP_MAX_PATIENTS, Discrimination, MIN_PAGE_REPLICATES, Population, RiskGroupSurvival,
    RiskGrouping,
};
use survlens_app::views::model_view::{
    BootstrapConfig, MetricSettings, ModelReport, held_out_harrell,
};
use survlens_app::views::patient::RiskGroup;
use survlens_app::views::patient_list::patient_rows;
use survlens_model::BootstrapConcordance;
use survlens_model::{bootstrap_ci, harrell_c};

use common::demo_session as session;

/// The demo's patients `copies` times over (ids made unique, every patient held out, no
/// planted truth), so the held-out set exceeds the caps.
fn repeated(copies: usize) -> Session {
    let s = session();
    let mut big = s.clone();
    let rep = |v: &[f32]| v.repeat(copies);
    big.patient_ids = (0..copies)
        .flat_map(|c| s.patient_ids.iter().map(move |id| format!("{id}-{c}")))
        .collect();
    big.entity_of = s.entity_of.repeat(copies);
    big.time = s.time.repeat(copies);
    big.event = s.event.repeat(copies);
    big.values = rep(&s.values);
    big.risk = rep(&s.risk);
    big.relevance = rep(&s.relevance);
    big.bias_relevance = rep(&s.bias_relevance);
    for b in &mut big.baselines {
        b.risk = rep(&b.risk);
    }
    big.held_out = vec![true; big.patient_ids.len()];
    big.truth = None;
    big.check_shapes().unwrap();
    big
}

fn large() -> &'static Session {
    static LARGE: OnceLock<Session> = OnceLock::new();
    LARGE.get_or_init(|| repeated(4))
}

fn bootstrap() -> BootstrapConfig {
    BootstrapConfig {
        replicates: 60,
        level: 0.95,
        seed: 5,
    }
}

#[test]
fn patient_list_selects_the_same_rows_as_a_full_sort() {
    let s = large();
    let reference = |query: &str| {
        let needle = query.to_lowercase();
        let mut all: Vec<usize> = (0..s.n_patients())
            .filter(|&i| {
                s.patient_ids[i].to_lowercase().contains(&needle)
                    || s.entities[s.entity_of[i] as usize]
                        .to_lowercase()
                        .contains(&needle)
            })
            .collect();
        all.sort_by(|&a, &b| s.risk[b].total_cmp(&s.risk[a]).then(a.cmp(&b)));
        all
    };
    let entity = s.entities[s.entity_of[0] as usize].to_uppercase();
    // Every risk appears four times: ties are broken by index, as the full sort does.
    for query in ["", "-3", entity.as_str(), "nobody"] {
        let want = reference(query);
        for limit in [0, 1, 7, 200, want.len(), want.len() + 3] {
            let (rows, total) = patient_rows(s, query, limit);
            assert_eq!(total, want.len(), "{query:?}");
            let got: Vec<usize> = rows.iter().map(|r| r.index).collect();
            assert_eq!(
                got,
                want[..limit.min(want.len())],
                "{query:?} limit {limit}"
            );
            for r in &rows {
                assert_eq!(r.group, RiskGroup::of(s.risk[r.index], s.risk_cutoffs));
            }
        }
    }
}

#[test]
fn large_overview_intervals_resample_a_bounded_sample_around_the_full_estimate() {
    let s = large();
    let n = s.n_patients();
    assert!(
        n > BOOTSTRAP_MAX_PATIENTS,
        "the test needs a cohort above the cap"
    );
    let v = Discrimination::build(s, &bootstrap()).unwrap();
    assert_eq!(
        v,
        Discrimination::build(s, &bootstrap()).unwrap(),
        "deterministic"
    );

    // The estimate uses every patient: bit-identical to harrell_c on all of them.
    let time = s.time.clone();
    let event = s.event.clone();
    let risk: Vec<f64> = s.risk.iter().map(|&r| f64::from(r)).collect();
    let c = v.overall.c.as_ref().unwrap();
    assert_eq!(c.estimate, harrell_c(&time, &event, &risk).unwrap().index);

    // The interval: the bootstrap of every k-th patient, its limits' distances from the
    // sample's estimate scaled by sqrt(m / n) (the documented m-out-of-n recipe).
    let kept: Vec<usize> = (0..BOOTSTRAP_MAX_PATIENTS)
        .map(|k| k * n / BOOTSTRAP_MAX_PATIENTS)
        .collect();
    let g = |v: &[f64]| kept.iter().map(|&k| v[k]).collect::<Vec<f64>>();
    let kept_event: Vec<bool> = kept.iter().map(|&k| event[k]).collect();
    let mut fast = BootstrapConcordance::new(&g(&time), &kept_event, &g(&risk)).unwrap();
    let sampled = bootstrap_ci(kept.len(), &v.bootstrap, |idx| fast.resampled(idx)).unwrap();
    let scale = (kept.len() as f64 / n as f64).sqrt();
    // Same operations on the same numbers: exact.
    assert_eq!(
        c.lower,
        c.estimate + scale * (sampled.lower - sampled.estimate)
    );
    assert_eq!(
        c.upper,
        c.estimate + scale * (sampled.upper - sampled.estimate)
    );
    assert!(c.lower < c.estimate && c.estimate < c.upper, "{c:?}");

    // Bounded work: at least the floor of resamples, at most those asked for.
    assert!(v.bootstrap.replicates >= MIN_PAGE_REPLICATES.min(bootstrap().replicates));
    assert!(v.bootstrap.replicates <= bootstrap().replicates);
    let note = v
        .sampling_note()
        .expect("the caption says the intervals were sampled");
    assert!(note.contains(&thousands(BOOTSTRAP_MAX_PATIENTS)), "{note}");
    // The demo itself stays below the cap: no note, the plain bootstrap.
    let small = Discrimination::build(session(), &bootstrap()).unwrap();
    assert_eq!(small.sampling_note(), None);
    assert_eq!(small.bootstrap, bootstrap());
}

#[test]
fn thousands_are_separated_by_commas() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(2_000), "2,000");
    assert_eq!(thousands(100_000), "100,000");
    assert_eq!(thousands(1_234_567), "1,234,567");
}

#[test]
fn quartiles_of_a_cohort_without_training_patients_are_those_of_every_patient() {
    // Every patient held out: a stored model explaining a new cohort.
    let s = large();
    let v = RiskGroupSurvival::build(s, RiskGrouping::Quartiles, Population::All).unwrap();
    assert_eq!(v.training_patients, 0);
    assert_eq!(v.groups.len(), 4);
    assert_eq!(v.patients(), s.n_patients());
    // Quartiles of every risk: each group holds about a quarter (ties at a cut-off join
    // the lower group, and each demo risk appears four times).
    for g in &v.groups {
        let share = g.patients as f64 / s.n_patients() as f64;
        assert!((share - 0.25).abs() < 0.02, "{g:?}");
    }
}

#[test]
fn large_model_report_resamples_the_sample_and_keeps_the_full_estimates() {
    let s = large();
    let settings = |cap: usize| MetricSettings {
        bootstrap: BootstrapConfig {
            replicates: 30,
            level: 0.95,
            seed: 3,
        },
        max_bootstrap_patients: cap,
        ..MetricSettings::default()
    };
    let full = ModelReport::build(s, &settings(usize::MAX));
    let cap = 300;
    let sampled = ModelReport::build(s, &settings(cap));
    assert_eq!(
        sampled,
        ModelReport::build(s, &settings(cap)),
        "deterministic"
    );
    let (f, m) = (&full.metrics, &sampled.metrics);
    assert_eq!(f.bootstrap_patients, s.n_patients());
    assert_eq!(m.bootstrap_patients, cap);
    assert_eq!(m.antolini_patients, cap);
    // Estimates on every held-out patient do not depend on the sample: exact.
    assert_eq!(m.harrell_c.value(), f.harrell_c.value());
    assert_eq!(m.uno_c.value(), f.uno_c.value());
    assert_eq!(m.integrated_brier.value(), f.integrated_brier.value());
    for (a, b) in m.auc.iter().zip(&f.auc) {
        assert_eq!(a.auc.value(), b.auc.value());
    }
    assert_eq!(sampled.calibration, full.calibration);
    // Each interval brackets its estimate and has the replicates of the sample's budget.
    for e in [&m.harrell_c, &m.uno_c, &m.integrated_brier, &m.antolini_c] {
        let i = e.interval().unwrap();
        assert!(i.lower <= i.estimate && i.estimate <= i.upper, "{i:?}");
        assert!(i.replicates + i.failed <= 30);
    }
    // Antolini's C on the sample alone lies near the full-cohort figure (the demo's
    // patients repeated; 300 of 2,400): within 0.05, a loose bound for a 300-patient C.
    let (a, b) = (m.antolini_c.value().unwrap(), f.antolini_c.value().unwrap());
    assert!((a - b).abs() < 0.05, "{a} vs {b}");
    // The baselines follow the same rule: their estimates on every held-out patient, their
    // intervals from the sample's bootstrap, as wide as the full bootstrap's up to the
    // resampling noise of 30 replicates.
    assert!(!full.baselines.is_empty(), "the demo session has baselines");
    assert_eq!(sampled.baselines.len(), full.baselines.len());
    for (b, fb) in sampled.baselines.iter().zip(&full.baselines) {
        assert_eq!(b.kind, fb.kind);
        let risk: Vec<f32> = s
            .baselines
            .iter()
            .find(|r| r.kind == b.kind)
            .unwrap()
            .risk
            .clone();
        assert_eq!(
            b.harrell_c.value(),
            Some(held_out_harrell(s, &risk).unwrap())
        );
        for (e, fe) in [
            (&b.harrell_c, &fb.harrell_c),
            (&b.network_minus_baseline, &fb.network_minus_baseline),
        ] {
            let (i, fi) = (e.interval().unwrap(), fe.interval().unwrap());
            assert_eq!(i.estimate, fi.estimate);
            assert!(i.lower <= i.estimate && i.estimate <= i.upper, "{i:?}");
            let ratio = (i.upper - i.lower) / (fi.upper - fi.lower);
            assert!(
                (0.5..2.0).contains(&ratio),
                "width ratio {ratio}: {i:?} vs {fi:?}"
            );
        }
    }
}
