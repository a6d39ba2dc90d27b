//! Numerical robustness: extreme but valid cohorts (values near the ends of `f32`, constant
//! markers, a marker that perfectly separates events, every survival time tied) go through
//! the CSV import, the encoder, the trainer and LRP, and every number a view would draw
//! (losses, log-risks, relevances, the accounting) is finite, or a step refuses with a
//! typed error. Never a NaN.
//!
//! The same cohorts run through the page's whole job in `bad_inputs.rs` (corpus files
//! `csv/valid_*.csv`); here each stage is checked on its own, for every tie handling and
//! both scalings, with training pushed hard (learning rate 0.1, many epochs) so that a
//! diverging fit would show.

// Helpers outside `#[test]` functions are test code too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;

use survlens_data::{Cohort, ColumnRoles, EncoderConfig, ImportOptions, Scaling, import_csv};
use survlens_model::Ties;
use survlens_model::train::{HiddenWidth, SurvivalData, TrainConfig, Trainer};
use survlens_xai::{Composite, Lrp, LrpRule};

/// Patients of every generated cohort: enough for 2 hidden units to overfit.
const N: usize = 48;

/// A cohort file of `N` patients: `id,time,event` then the named marker columns, the cell
/// of patient `i` (1-based) given by `value(i, column)`. Times `10 + 37 i mod 400` unless
/// `tied`; every third patient censored.
fn cohort_csv(markers: &[&str], tied: bool, value: impl Fn(usize, usize) -> String) -> Vec<u8> {
    let mut s = String::from("id,time,event");
    for m in markers {
        write!(s, ",{m}").unwrap();
    }
    for i in 1..=N {
        let time = if tied { 100 } else { 10 + (i * 37) % 400 };
        let event = u8::from(i % 3 != 0);
        write!(s, "\n{i},{time},{event}").unwrap();
        for c in 0..markers.len() {
            write!(s, ",{}", value(i, c)).unwrap();
        }
    }
    s.push('\n');
    s.into_bytes()
}

fn import(bytes: &[u8]) -> Cohort {
    let roles = ColumnRoles::new("time", "event").with_id("id");
    match import_csv(bytes, "extreme.csv", &roles, &ImportOptions::default()) {
        Ok(imported) => imported.cohort,
        Err(report) => panic!("a valid extreme cohort was refused: {report}"),
    }
}

/// Hard training: a high learning rate and many epochs, no early stopping to hide a
/// divergence (patience covers the whole schedule).
fn hard_training(ties: Ties) -> TrainConfig {
    TrainConfig {
        hidden_width: HiddenWidth::Fixed(2),
        learning_rate: 0.1,
        batch_size: 16,
        stages: 1,
        epochs_per_stage: 60,
        patience: 60,
        ties,
        seed: 11,
        ..TrainConfig::default()
    }
}

/// Encodes (fitted on every patient), trains on the first two thirds, validates on the
/// rest, explains everyone with the study's composite and the zennit-style epsilon rule;
/// checks that every number is finite. `case` names the cohort in failures.
fn check_pipeline(case: &str, cohort: &Cohort, scaling: Scaling, ties: Ties) {
    let all: Vec<usize> = (0..cohort.len()).collect();
    let config = EncoderConfig {
        scaling,
        ..EncoderConfig::default()
    };
    let encoder = config.fit(cohort.rows(&all).unwrap()).unwrap();
    let p = encoder.n_features();
    let x = encoder.transform(cohort.view()).unwrap().design.into_vec();
    if let Some(k) = x.iter().position(|v| !v.is_finite()) {
        panic!("{case}: encoded input {k} (patient {}) is {}", k / p, x[k]);
    }

    let split = 2 * cohort.len() / 3;
    let data = |rows: std::ops::Range<usize>| {
        SurvivalData::new(
            x[rows.start * p..rows.end * p].to_vec(),
            p,
            cohort.time()[rows.clone()].to_vec(),
            cohort.event()[rows].to_vec(),
        )
        .unwrap()
    };
    let mut trainer = Trainer::new(
        hard_training(ties),
        data(0..split),
        data(split..cohort.len()),
    )
    .unwrap();
    while !trainer.is_finished() {
        // A typed error would be acceptable; none occurs on these cohorts.
        let progress = trainer
            .run_epoch()
            .unwrap_or_else(|e| panic!("{case}: training refused with {e}"));
        if let Some(e) = progress.epoch_summary {
            assert!(
                e.train_loss.is_finite() && e.validation_loss.is_finite(),
                "{case}, {ties:?}: epoch {} losses {} / {}",
                e.epoch,
                e.train_loss,
                e.validation_loss
            );
            // The C-index is NaN only when no pair is comparable (all times tied).
            assert!(
                e.validation_c_index.is_finite() || cohort.time().iter().all(|&t| t == 100.0),
                "{case}: validation C-index {}",
                e.validation_c_index
            );
        }
    }
    let net = trainer.finish().network;
    for (l, layer) in net.layers().iter().enumerate() {
        assert!(
            layer
                .weight()
                .iter()
                .chain(layer.bias())
                .all(|w| w.is_finite()),
            "{case}: layer {l} has a non-finite parameter"
        );
    }
    let risk = net.predict(&x, cohort.len());
    assert!(
        risk.iter().all(|r| r.is_finite()),
        "{case}: log-risks {risk:?}"
    );

    for composite in [
        Composite::paper(),
        Composite::uniform(LrpRule::epsilon(1e-6)),
    ] {
        let lrp = Lrp::new(&net, &composite).unwrap();
        let relevances = lrp.explain_batch(&x, cohort.len()).unwrap();
        assert!(
            relevances.values().iter().all(|r| r.is_finite()),
            "{case}: a relevance is not finite under {composite:?}"
        );
        for (i, a) in relevances.accountings().enumerate() {
            assert!(
                a.output.is_finite()
                    && a.relevance_sum.is_finite()
                    && a.bias_share.is_finite()
                    && a.stabilizer_share.is_finite(),
                "{case}: patient {i} accounting {a:?}"
            );
        }
    }
}

/// Every scaling and tie handling on one cohort.
fn check_all_settings(case: &str, csv: &[u8]) {
    let cohort = import(csv);
    assert_eq!(cohort.len(), N, "{case}");
    for scaling in [Scaling::MinMax, Scaling::ZScore] {
        for ties in [Ties::Pycox, Ties::Breslow, Ties::Efron] {
            check_pipeline(case, &cohort, scaling, ties);
        }
    }
}

#[test]
fn values_near_the_ends_of_f32_train_and_explain_finitely() {
    // 3.4e38 is f32::MAX; 1.2e-38 its smallest normal value, 1e-40 a subnormal one.
    let csv = cohort_csv(
        &["huge", "tiny", "subnormal", "span"],
        false,
        |i, c| match c {
            0 => format!("{:e}", 3.0e38 * (i % 7 + 1) as f64 / 8.0),
            1 => format!("{:e}", 1.0e-38 * (i % 5 + 1) as f64),
            2 => format!("{:e}", 1.0e-40 * (i % 3) as f64),
            _ => if i % 2 == 0 { "3.0e38" } else { "-3.0e38" }.to_owned(),
        },
    );
    check_all_settings("huge and tiny values", &csv);
}

#[test]
fn constant_and_almost_empty_markers_train_and_explain_finitely() {
    let csv = cohort_csv(&["constant", "one_value", "age"], false, |i, c| match c {
        0 => "5".to_owned(),
        1 => if i == 7 { "2.5" } else { "" }.to_owned(),
        _ => (40 + i % 30).to_string(),
    });
    check_all_settings("constant markers", &csv);
}

#[test]
fn a_perfectly_separating_marker_trains_and_explains_finitely() {
    // The marker equals the event: the Cox partial likelihood has no finite maximum, so
    // the weights grow with every epoch; 60 epochs at learning rate 0.1 must stay finite.
    let csv = cohort_csv(&["marker", "age"], false, |i, c| match c {
        0 => u8::from(i % 3 != 0).to_string(),
        _ => (40 + i % 30).to_string(),
    });
    check_all_settings("separating marker", &csv);
}

#[test]
fn every_survival_time_tied_trains_and_explains_finitely() {
    let csv = cohort_csv(&["age", "crp"], true, |i, c| match c {
        0 => (40 + i % 30).to_string(),
        _ => format!("{}", (i * 13) % 50) + ".5",
    });
    check_all_settings("all times tied", &csv);
}

/// A model applied to a new patient far outside its training range: min-max scaling of
/// 3e38 by a training range of 1.2e-7 leaves the `f32` range. The encoder refuses the
/// cohort with a message naming the marker, the patient and the value, rather than
/// passing an infinite input on to a NaN log-risk.
#[test]
fn a_new_patient_far_outside_the_training_range_is_refused_by_name() {
    let train = import(&cohort_csv(&["narrow"], false, |i, _| {
        format!("{}", 1.0 + 1e-7 * (i % 2) as f64)
    }));
    let all: Vec<usize> = (0..train.len()).collect();
    let encoder = EncoderConfig::default()
        .fit(train.rows(&all).unwrap())
        .unwrap();
    let outlier = import(&cohort_csv(&["narrow"], false, |i, _| {
        if i == 2 { "3e38" } else { "1" }.to_owned()
    }));
    match encoder.transform(outlier.view()) {
        Err(e) => assert_eq!(
            e.to_string(),
            "column \"narrow\", patient 1: the value is so far outside the training range \
             that the model cannot use it, found \"3e38\""
        ),
        Ok(encoded) => panic!(
            "encoded the outlier as {:?}",
            &encoded.design.into_vec()[..2]
        ),
    }
    // A large but representable outlier is encoded finitely and explained finitely.
    let near = import(&cohort_csv(&["narrow"], false, |i, _| {
        if i == 2 { "1e30" } else { "1" }.to_owned()
    }));
    let x = encoder.transform(near.view()).unwrap().design.into_vec();
    assert!(x.iter().all(|v| v.is_finite()), "{:?}", &x[..2]);
    let mut trainer = Trainer::new(
        hard_training(Ties::Pycox),
        SurvivalData::new(x.clone(), 1, near.time().to_vec(), near.event().to_vec()).unwrap(),
        SurvivalData::new(x.clone(), 1, near.time().to_vec(), near.event().to_vec()).unwrap(),
    )
    .unwrap();
    while !trainer.is_finished() {
        trainer.run_epoch().unwrap();
    }
    let net = trainer.finish().network;
    let lrp = Lrp::new(&net, &Composite::paper()).unwrap();
    let relevances = lrp.explain_batch(&x, near.len()).unwrap();
    assert!(relevances.values().iter().all(|v| v.is_finite()));
}
