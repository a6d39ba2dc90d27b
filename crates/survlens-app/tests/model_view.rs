//! The model view against direct calls of the statistics and explainers it is built from:
//! every held-out figure must be the `survlens_model` function on the held-out rows, and
//! every attribution method must keep its own accounting identity on the demo's network.

// Test helpers outside `#[test]` functions fail loudly by design.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::sync::OnceLock;

use survlens_app::core::i18n::Lang;
use survlens_app::core::units::DAYS_PER_MONTH;
use survlens_app::views::model_view::{
    AttributionMethod, BootstrapConfig, CensoringSource, EncodedCohort, Estimate, MIN_REPLICATES,
    MethodComparison, MethodSettings, MetricSettings, ModelReport, Split, TrainingCurve,
};
use survlens_model::{
    RiskGroups, antolini_c, calibration_at, calibration_summary, cumulative_dynamic_auc, harrell_c,
    integrated_brier_score, uno_c,
};

use common::demo_session as session;

/// Few resamples: these tests check the estimates, not the intervals' precision.
fn settings() -> MetricSettings {
    MetricSettings {
        bootstrap: BootstrapConfig {
            replicates: 40,
            level: 0.95,
            seed: 3,
        },
        ..MetricSettings::default()
    }
}

fn report() -> &'static ModelReport {
    static REPORT: OnceLock<ModelReport> = OnceLock::new();
    REPORT.get_or_init(|| ModelReport::build(session(), &settings()))
}

fn encoded() -> &'static EncodedCohort {
    static ENCODED: OnceLock<EncodedCohort> = OnceLock::new();
    ENCODED.get_or_init(|| EncodedCohort::build(session()).unwrap())
}

/// Held-out and training follow-up with the held-out log-risks.
struct Rows {
    train_time: Vec<f64>,
    train_event: Vec<bool>,
    time: Vec<f64>,
    event: Vec<bool>,
    risk: Vec<f64>,
}

fn rows() -> Rows {
    let s = session();
    let train: Vec<usize> = (0..s.n_patients()).filter(|&i| !s.held_out[i]).collect();
    let held: Vec<usize> = (0..s.n_patients()).filter(|&i| s.held_out[i]).collect();
    Rows {
        train_time: train.iter().map(|&i| s.time[i]).collect(),
        train_event: train.iter().map(|&i| s.event[i]).collect(),
        time: held.iter().map(|&i| s.time[i]).collect(),
        event: held.iter().map(|&i| s.event[i]).collect(),
        risk: held.iter().map(|&i| f64::from(s.risk[i])).collect(),
    }
}

/// The share of `values` at or below `t`.
fn share_at_or_below(values: &[f64], t: f64) -> f64 {
    values.iter().filter(|&&v| v <= t).count() as f64 / values.len() as f64
}

fn estimate(e: &Estimate) -> f64 {
    match e {
        Estimate::Value(i) => {
            assert!(i.lower <= i.upper, "interval {i:?}");
            assert_eq!(i.replicates + i.failed, 40);
            i.estimate
        }
        Estimate::Unavailable(why) => panic!("figure unavailable: {why}"),
    }
}

#[test]
fn split_partitions_the_cohort_by_the_held_out_flags() {
    let s = session();
    let split = Split::of(s);
    assert_eq!(split.train.len() + split.held_out.len(), s.n_patients());
    assert!(split.held_out.iter().all(|&i| s.held_out[i]));
    assert!(split.train.iter().all(|&i| !s.held_out[i]));
    let events = s.event.iter().filter(|&&e| e).count();
    assert_eq!(split.train_events + split.held_out_events, events);
    assert!(
        split
            .sentence(s.kind.endpoint, Lang::En)
            .contains(&format!("{} held-out test patients", split.held_out.len()))
    );
}

#[test]
fn best_epoch_has_the_lowest_validation_loss() {
    let s = session();
    let curve = TrainingCurve::of(s);
    assert_eq!(curve.epochs, s.history);
    let best = curve.best().expect("the demo reports validation losses");
    assert!(
        s.history
            .iter()
            .all(|e| e.validation_loss >= best.validation_loss)
    );
    // The first of equal minima.
    assert!(
        s.history
            .iter()
            .filter(|e| e.epoch < best.epoch)
            .all(|e| e.validation_loss > best.validation_loss)
    );
}

#[test]
fn harrell_and_uno_equal_direct_calls_on_the_held_out_rows() {
    let r = rows();
    let m = &report().metrics;
    // Same function, same inputs in the same order: identical to the last bit.
    let harrell = harrell_c(&r.time, &r.event, &r.risk).unwrap().index;
    assert_eq!(estimate(&m.harrell_c), harrell);
    assert!(harrell > 0.5 && harrell < 1.0, "Harrell's C {harrell}");

    // tau is the 80th percentile of held-out follow-up: 80% of the times at or below it,
    // within one patient (linear interpolation between order statistics).
    let n = r.time.len() as f64;
    let below = share_at_or_below(&r.time, m.uno_tau_days);
    assert!(
        (below - 0.8).abs() <= 1.0 / n + 1e-12,
        "share below tau {below}"
    );
    let uno = uno_c(
        &r.train_time,
        &r.train_event,
        &r.time,
        &r.event,
        &r.risk,
        Some(m.uno_tau_days),
    )
    .unwrap()
    .index;
    assert_eq!(estimate(&m.uno_c), uno);
}

#[test]
fn antolini_and_brier_equal_direct_calls_on_breslow_curves() {
    let s = session();
    let r = rows();
    let m = &report().metrics;
    let mut grid = r.time.clone();
    grid.sort_by(f64::total_cmp);
    grid.dedup();
    let curves = s.model.baseline.survival_matrix(&r.risk, &grid).unwrap();
    let antolini = antolini_c(&r.time, &r.event, &grid, &curves).unwrap();
    assert_eq!(estimate(&m.antolini_c), antolini);
    // For a proportional-hazards model the curves never cross, so Antolini's C orders
    // pairs as the log-risk does except for ties within the step-function reading (every
    // curve is 1 before the baseline's first event time). On the demo's 60 test patients
    // a few such pairs move the index by a few hundredths.
    let harrell = estimate(&m.harrell_c);
    assert!(
        (antolini - harrell).abs() < 0.05,
        "Antolini {antolini} vs Harrell {harrell}"
    );

    let g = &m.brier_grid_days;
    assert_eq!(g.len(), 50);
    let n = r.time.len() as f64;
    assert!((share_at_or_below(&r.time, g[0]) - 0.1).abs() <= 1.0 / n + 1e-12);
    assert!((share_at_or_below(&r.time, g[49]) - 0.9).abs() <= 1.0 / n + 1e-12);
    let curves = s.model.baseline.survival_matrix(&r.risk, g).unwrap();
    let ibs = integrated_brier_score(&r.train_time, &r.train_event, &r.time, &r.event, &curves, g)
        .unwrap();
    assert_eq!(estimate(&m.integrated_brier), ibs);
    // Better than predicting 50% for everyone (0.25) once the model has learned anything.
    assert!(ibs > 0.0 && ibs < 0.25, "integrated Brier score {ibs}");
}

#[test]
fn auc_at_6_12_24_months_equals_direct_calls() {
    let s = session();
    let r = rows();
    let m = &report().metrics;
    assert_eq!(
        m.auc.iter().map(|a| a.months).collect::<Vec<_>>(),
        [6.0, 12.0, 24.0]
    );
    for a in &m.auc {
        let t = a.months * DAYS_PER_MONTH;
        let dying: Vec<f64> = r
            .risk
            .iter()
            .map(|&x| 1.0 - s.model.baseline.survival_at(t, x))
            .collect();
        let direct = cumulative_dynamic_auc(
            &r.train_time,
            &r.train_event,
            &r.time,
            &r.event,
            &dying,
            &[t],
        )
        .unwrap();
        assert_eq!(estimate(&a.auc), direct.auc[0], "{} months", a.months);
        // The death probability is increasing in the log-risk, so the AUC of the log-risk
        // is the same up to ties the exponentials create or resolve (1e-3).
        let by_risk = cumulative_dynamic_auc(
            &r.train_time,
            &r.train_event,
            &r.time,
            &r.event,
            &r.risk,
            &[t],
        )
        .unwrap();
        assert!((by_risk.auc[0] - direct.auc[0]).abs() < 1e-3);
    }
}

#[test]
fn calibration_equals_a_direct_call_on_held_out_deciles() {
    let s = session();
    let r = rows();
    let (months, plot) = &report().calibration[0];
    let plot = plot.as_ref().unwrap();
    assert_eq!(*months, 12.0);
    assert_eq!(plot.months, 12.0);
    let t = 12.0 * DAYS_PER_MONTH;
    let predicted: Vec<f64> = r
        .risk
        .iter()
        .map(|&x| s.model.baseline.survival_at(t, x))
        .collect();
    let deciles = RiskGroups::equal_sized(&r.risk, 10).unwrap();
    let direct = calibration_at(&r.time, &r.event, &r.risk, &predicted, t, &deciles).unwrap();
    let summary = calibration_summary(&r.time, &r.event, &r.risk, &predicted, t, &deciles).unwrap();
    assert_eq!(plot.groups, summary.groups);
    assert_eq!(plot.groups.iter().map(|g| g.n).sum::<usize>(), r.time.len());
    if summary.groups.len() == 10 {
        // Nothing merged: the groups are the deciles themselves.
        assert_eq!(plot.groups, direct);
    } else {
        // Tenths with fewer deaths than the minimum by a year were merged with neighbours:
        // each group holds a run of whole tenths.
        assert_eq!(summary.requested_groups, 10);
        assert!(summary.groups.len() < 10);
        let sizes: Vec<usize> = direct.iter().map(|g| g.n).collect();
        for g in &plot.groups {
            let whole = (0..sizes.len())
                .any(|a| (a..sizes.len()).any(|b| sizes[a..=b].iter().sum::<usize>() == g.n));
            assert!(
                whole,
                "group of {} is not a run of whole tenths {sizes:?}",
                g.n
            );
        }
    }
    // Deciles of distinct risks: every tenth within one patient of a tenth of the patients.
    let tenth = r.time.len() as f64 / 10.0;
    assert!(
        direct
            .iter()
            .all(|g| (g.n as f64 - tenth).abs() <= 1.0 + 1e-9)
    );
}

#[test]
fn encoding_the_session_reproduces_the_pipelines_risks() {
    let s = session();
    let e = encoded();
    let all: Vec<usize> = (0..s.n_patients()).collect();
    let x = s.encode_patients(&all).unwrap();
    assert_eq!(x.len(), s.n_patients() * e.n_inputs);
    let risk = s.model.network.predict(&x, s.n_patients());
    // The pipeline took the risk from the LRP forward pass over the same inputs: the same
    // products in another blocking, so f32 rounding only.
    for (i, (&a, &b)) in risk.iter().zip(&s.risk).enumerate() {
        assert!(
            (a - b).abs() <= 1e-4 * b.abs().max(1.0),
            "patient {i}: {a} vs {b}"
        );
    }
    // One patient's row is the same encoding.
    let last = s.n_patients() - 1;
    assert_eq!(
        e.row(s, last).unwrap().unwrap(),
        &x[last * e.n_inputs..(last + 1) * e.n_inputs]
    );
    assert_eq!(e.row(s, s.n_patients()).unwrap(), None);
    // The reference is the column-wise median: at most half the patients on either side.
    for c in 0..e.n_inputs {
        let col: Vec<f32> = (0..s.n_patients()).map(|i| x[i * e.n_inputs + c]).collect();
        let below = col.iter().filter(|&&v| v < e.reference[c]).count();
        let above = col.iter().filter(|&&v| v > e.reference[c]).count();
        assert!(
            below * 2 <= col.len() && above * 2 <= col.len(),
            "input {c}"
        );
    }
}

fn comparison(patient: usize) -> MethodComparison {
    MethodComparison::build(session(), encoded(), patient, &MethodSettings::default()).unwrap()
}

#[test]
fn every_method_keeps_its_accounting_identity() {
    let s = session();
    let m = s.n_markers();
    for patient in [0, 101, s.n_patients() - 1] {
        let c = comparison(patient);
        assert_eq!(c.methods.len(), 5, "the demo's network is within budget");
        assert_eq!((c.shapley_permutations, c.shapley_batches), (8 * 16, 8));
        let output = s.risk[patient];
        for e in &c.methods {
            let a = e.accounting;
            let total: f32 = e.marker_relevance.iter().sum();
            // Grouping into markers keeps the patient's total (f32 sums over ~30 inputs).
            assert!((total - a.relevance_sum).abs() < 1e-4, "{:?}", e.method);
            assert!((a.output - output).abs() < 1e-4 * output.abs().max(1.0));
            assert!(a.residual().abs() < 1e-4, "{:?}: {a:?}", e.method);
            // Deletion starts at the patient and ends at the reference (every input
            // replaced): the same forward pass, f32 rounding only.
            assert_eq!(e.deletion_risk.len(), e.input_relevance.len() + 1);
            assert!((e.deletion_risk[0] - output).abs() < 1e-4 * output.abs().max(1.0));
            let last = *e.deletion_risk.last().unwrap();
            assert!((last - c.reference_risk).abs() < 1e-4);
            assert_eq!(e.marker_relevance.len(), m);
        }

        // LRP with the study's rule is the session's own explanation.
        let lrp = c.get(AttributionMethod::LrpPaperGamma).unwrap();
        for (j, (&a, &b)) in lrp
            .marker_relevance
            .iter()
            .zip(s.relevance_of(patient))
            .enumerate()
        {
            assert!(
                (a - b).abs() <= 1e-5 * b.abs().max(1.0),
                "marker {j}: {a} vs {b}"
            );
        }

        // Gradient x input on a ReLU network: f(x) = grad . x + offset exactly (locally
        // linear), so relevances plus the offset give the output, f32 rounding only.
        let gxi = c.get(AttributionMethod::GradientTimesInput).unwrap();
        assert!(
            (gxi.accounting.relevance_sum + gxi.accounting.bias_share - output).abs()
                < 1e-4 * output.abs().max(1.0)
        );
        assert_eq!(gxi.accounting.stabilizer_share, 0.0);

        // Reference methods measure against the median patient: bias share = f(reference).
        for method in [
            AttributionMethod::IntegratedGradients,
            AttributionMethod::SampledShapley,
        ] {
            let e = c.get(method).unwrap();
            assert!((e.accounting.bias_share - c.reference_risk).abs() < 1e-6);
        }
        let gap = output - c.reference_risk;
        // Integrated gradients, completeness: sum = f(x) - f(r) up to the midpoint rule's
        // error, which on a piecewise-linear path comes only from segments where a ReLU
        // switches; with 64 steps it stays within 2% of the gap (plus f32 rounding).
        let ig = c.get(AttributionMethod::IntegratedGradients).unwrap();
        assert!(
            (ig.accounting.relevance_sum - gap).abs() <= 0.02 * gap.abs() + 1e-4,
            "IG sum {} vs gap {gap}",
            ig.accounting.relevance_sum
        );
        // Sampled Shapley, efficiency: every permutation's contributions telescope to
        // f(x) - f(r), so the mean does too, f32 rounding only.
        let sh = c.get(AttributionMethod::SampledShapley).unwrap();
        assert!((sh.accounting.relevance_sum - gap).abs() < 1e-4);
        assert!(sh.marker_std_err.iter().all(|v| v.is_finite() && *v >= 0.0));
        assert!(sh.marker_std_err.iter().any(|&v| v > 0.0));
        for e in &c.methods {
            if e.method != AttributionMethod::SampledShapley {
                assert!(e.marker_std_err.iter().all(|&v| v == 0.0));
            }
        }
    }
}

#[test]
fn methods_are_ranked_by_faithfulness_and_top_markers_by_mean_magnitude() {
    let c = comparison(7);
    let order = c.ranking();
    assert_eq!(order.len(), c.methods.len());
    assert!(
        order
            .windows(2)
            .all(|w| c.methods[w[0]].faithfulness >= c.methods[w[1]].faithfulness)
    );
    for e in &c.methods {
        // Faithfulness is f(x) minus the trapezoid area of the deletion curve.
        let d = e.input_relevance.len() as f32;
        let area: f32 = e
            .deletion_risk
            .windows(2)
            .map(|w| 0.5 * (w[0] + w[1]))
            .sum::<f32>()
            / d;
        assert!((e.faithfulness - (e.deletion_risk[0] - area)).abs() < 1e-4);
    }
    let mean_abs = |j: usize| {
        c.methods
            .iter()
            .map(|e| e.marker_relevance[j].abs())
            .sum::<f32>()
    };
    assert_eq!(c.top_markers.len(), 8);
    assert!(
        c.top_markers
            .windows(2)
            .all(|w| mean_abs(w[0]) >= mean_abs(w[1]) - 1e-6)
    );
    let smallest_top = mean_abs(*c.top_markers.last().unwrap());
    for j in (0..session().n_markers()).filter(|j| !c.top_markers.contains(j)) {
        assert!(mean_abs(j) <= smallest_top + 1e-6);
    }
}

#[test]
fn shapley_is_left_out_when_over_budget_and_says_why() {
    let settings = MethodSettings {
        shapley_budget: 1.0,
        ..MethodSettings::default()
    };
    let c = MethodComparison::build(session(), encoded(), 0, &settings).unwrap();
    assert_eq!(c.methods.len(), 4);
    assert!(c.get(AttributionMethod::SampledShapley).is_none());
    assert_eq!(c.shapley_permutations, 0);
    assert!(c.shapley_note.as_deref().unwrap().contains("left out"));
    assert!(
        MethodComparison::build(session(), encoded(), session().n_patients(), &settings).is_err()
    );
}

#[test]
fn a_time_beyond_the_training_follow_up_is_capped_and_says_so() {
    let settings = MetricSettings {
        auc_months: vec![12.0, 10_000.0],
        ..settings()
    };
    let r = ModelReport::build(session(), &settings);
    assert!(r.metrics.auc[0].auc.value().is_some());
    assert!(!r.metrics.auc[0].capped);
    // 10,000 months lies beyond every follow-up: the AUC is read just before the last
    // training time, where the censoring distribution is still defined, and flagged.
    let far = &r.metrics.auc[1];
    assert!(far.capped, "{far:?}");
    assert!(
        far.months < 10_000.0,
        "read at the cap, {} months",
        far.months
    );
    assert_ne!(far.auc.text(3, Lang::En), "not available", "{far:?}");
}

#[test]
fn a_large_held_out_set_gets_fewer_resamples_and_a_coarser_antolini_grid() {
    let r = rows();
    let settings = MetricSettings {
        resample_budget: 1,
        antolini_pair_budget: 1.0,
        antolini_grid_points: 12,
        ..settings()
    };
    let coarse = ModelReport::build(session(), &settings);
    let m = &coarse.metrics;
    for e in [&m.harrell_c, &m.uno_c, &m.antolini_c, &m.integrated_brier] {
        let i = e.interval().unwrap();
        assert_eq!(i.replicates + i.failed, MIN_REPLICATES);
    }
    // The estimates do not depend on the number of resamples.
    assert_eq!(m.harrell_c.value(), report().metrics.harrell_c.value());
    // Antolini on 12 quantiles of the follow-up (0%, 1/11, ..., 100%).
    assert!(m.antolini_grid_points <= 12 && m.antolini_grid_points >= 2);
    let mut sorted = r.time.clone();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len() as f64;
    let quantile = |q: f64| {
        let pos = q * (n - 1.0);
        let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
        sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
    };
    let mut grid: Vec<f64> = (0..12).map(|k| quantile(k as f64 / 11.0)).collect();
    grid.dedup();
    let curves = session()
        .model
        .baseline
        .survival_matrix(&r.risk, &grid)
        .unwrap();
    let direct = antolini_c(&r.time, &r.event, &grid, &curves).unwrap();
    assert_eq!(m.antolini_c.value(), Some(direct));
    // The default grid for the demo's held-out set is every distinct time.
    let distinct = {
        let mut d = sorted.clone();
        d.dedup();
        d.len()
    };
    assert_eq!(report().metrics.antolini_grid_points, distinct);
}

#[test]
fn without_training_patients_the_held_out_follow_up_weights_itself() {
    let mut s = session().clone();
    s.held_out = vec![true; s.n_patients()];
    let report = ModelReport::build(&s, &settings());
    assert_eq!(report.censoring_from, CensoringSource::HeldOut);
    assert_eq!(
        ModelReport::build(session(), &settings()).censoring_from,
        CensoringSource::Training
    );
    assert!(report.split.train.is_empty());
    assert!(
        report
            .split
            .sentence(s.kind.endpoint, Lang::En)
            .contains("fitted outside this cohort")
    );
    let mut sorted = s.time.clone();
    sorted.sort_by(f64::total_cmp);
    let risk: Vec<f64> = s.risk.iter().map(|&r| f64::from(r)).collect();
    let direct = uno_c(
        &s.time,
        &s.event,
        &s.time,
        &s.event,
        &risk,
        Some(report.metrics.uno_tau_days),
    )
    .unwrap()
    .index;
    assert_eq!(estimate(&report.metrics.uno_c), direct);
}

#[test]
fn a_tight_shapley_budget_draws_fewer_permutations_in_fewer_batches() {
    let s = session();
    let e = encoded();
    let per_permutation = (e.n_inputs + 1) as f64 * s.model.network.n_params() as f64;
    let settings = MethodSettings {
        shapley_budget: 10.5 * per_permutation,
        ..MethodSettings::default()
    };
    let c = MethodComparison::build(s, e, 3, &settings).unwrap();
    // 10 affordable permutations: 5 batches of 2.
    assert_eq!((c.shapley_permutations, c.shapley_batches), (10, 5));
    let sh = c.get(AttributionMethod::SampledShapley).unwrap();
    let gap = s.risk[3] - c.reference_risk;
    // Efficiency holds for any number of permutations (f32 rounding only).
    assert!((sh.accounting.relevance_sum - gap).abs() < 1e-4);
    let just_short = MethodSettings {
        shapley_budget: 3.9 * per_permutation,
        ..MethodSettings::default()
    };
    assert!(
        MethodComparison::build(s, e, 3, &just_short)
            .unwrap()
            .get(AttributionMethod::SampledShapley)
            .is_none()
    );
}

/// In German the worker's sentences are German with a decimal comma and the figures the same
/// as in English; the English texts keep their words.
#[test]
fn the_model_views_sentences_read_in_german_with_the_same_figures() {
    let s = session();
    let r = report();
    let (en, de) = (
        r.split.sentence(s.kind.endpoint, Lang::En),
        r.split.sentence(s.kind.endpoint, Lang::De),
    );
    assert!(en.contains("held-out test patients"), "{en}");
    assert!(
        de.contains(&format!(
            "{} zurückgehaltenen Testpersonen",
            survlens_app::core::format::count_in(Lang::De, r.split.held_out.len())
        )),
        "{de}"
    );
    assert!(!de.contains("held-out") && !de.contains("patients"), "{de}");

    let i = r.metrics.harrell_c.interval().unwrap();
    let german = r.metrics.harrell_c.text(3, Lang::De);
    assert_eq!(
        german,
        format!(
            "{} (95-%-KI {}–{})",
            Lang::De.decimal(i.estimate, 3),
            Lang::De.decimal(i.lower, 3),
            Lang::De.decimal(i.upper, 3)
        )
    );
    assert!(german.contains(','), "{german}");
    assert_eq!(
        r.metrics.harrell_c.text(3, Lang::En),
        format!("{:.3} (95% CI {:.3}–{:.3})", i.estimate, i.lower, i.upper)
    );

    for (_, plot) in &r.calibration {
        let plot = plot.as_ref().unwrap();
        let de = plot.sentence(s.kind.endpoint, Lang::De);
        assert!(de.starts_with("D'Agostino-Nam-Test: Chi-Quadrat "), "{de}");
        assert!(
            de.contains(&format!(
                "in {} von {} Gruppen",
                plot.inside(),
                plot.groups.len()
            )),
            "{de}"
        );
        for english in ["Observed", "groups", "degrees of freedom", "chance"] {
            assert!(!de.contains(english), "{english:?} in {de}");
        }
        assert!(
            plot.sentence(s.kind.endpoint, Lang::En)
                .starts_with("D'Agostino-Nam test: chi-square ")
        );
    }
    for method in AttributionMethod::ALL {
        assert_ne!(method.label_in(Lang::De), method.label(), "{method:?}");
        assert_eq!(method.label_in(Lang::En), method.label());
    }
}

/// The note on left-out Shapley values follows the language it is asked in.
#[test]
fn the_shapley_note_is_german_in_german() {
    let tight = MethodSettings {
        shapley_budget: 1.0,
        ..MethodSettings::default()
    };
    let c = MethodComparison::build(session(), encoded(), 0, &tight).unwrap();
    assert!(c.shapley_note.as_deref().unwrap().contains("left out"));
    let de = c.in_language(Lang::De);
    let note = de.shapley_note.unwrap();
    assert!(note.starts_with("Shapley-Werte entfallen"), "{note}");
}
