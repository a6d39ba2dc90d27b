//! Side by side against its invariants on the demo session: each patient's contributions
//! add up to its log-risk minus its reference (conservation), swapping the two patients
//! swaps the columns and negates the differences (symmetry), the linear Cox model's
//! decomposition adds up to its own linear predictor difference exactly, a network that is
//! the linear Cox model itself (additive) gets the linear model's contributions back, and
//! the held-out C-indices are the Model view's.

#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::demo_session as session;
use survlens_app::core::session::Session;
use survlens_app::views::model_view::{MetricSettings, ModelReport, held_out_harrell};
use survlens_app::views::patient_compare::{COMPARE_TOP, Contrast, SideBySide};
use survlens_app::views::patient_reference::{Explanation, ReferenceGroup};
use survlens_app::views::patient_report::PatientEngine;
use survlens_model::BaselineKind;

const EXPLANATIONS: [Explanation; 3] = Explanation::ALL;

/// Tolerance of an `f32` sum over a few dozen markers of log-risks of order 1, and of the
/// explainers' own conservation (LRP and DeepLIFT-rescale conserve to `f32` rounding).
const SUM_TOLERANCE: f32 = 2e-3;

fn patients(a: usize, b: usize, explanation: Explanation) -> SideBySide {
    let s = session();
    let mut engine = PatientEngine::new(s);
    SideBySide::patients(s, &mut engine, a, b, explanation).expect("comparison")
}

fn assert_conserves(c: &SideBySide) {
    for side in [&c.left, &c.right] {
        let total = side.reference + side.unattributed + side.sum;
        assert!(
            (total - side.risk).abs() < SUM_TOLERANCE,
            "{}: {} + {} + {} = {total}, risk {}",
            side.label,
            side.reference,
            side.unattributed,
            side.sum,
            side.risk
        );
    }
    // The rows (the shown markers and the summed others) hold every marker: each column
    // adds up to its side's sum.
    let left: f32 = c.rows.iter().map(|r| r.left).sum();
    let right: f32 = c.rows.iter().map(|r| r.right).sum();
    assert!(
        (left - c.left.sum).abs() < SUM_TOLERANCE,
        "{left} vs {}",
        c.left.sum
    );
    assert!(
        (right - c.right.sum).abs() < SUM_TOLERANCE,
        "{right} vs {}",
        c.right.sum
    );
    for r in &c.rows {
        assert_eq!(r.difference, r.left - r.right);
    }
}

#[test]
fn each_patients_contributions_add_up_to_its_risk_minus_its_reference() {
    let s = session();
    for explanation in EXPLANATIONS {
        for (a, b) in [(0, 1), (3, 17), (5, 5)] {
            let c = patients(a, b, explanation);
            assert_eq!(c.contrast, Contrast::Patients);
            assert_eq!(c.explanation, explanation);
            assert_conserves(&c);
            assert_eq!(c.left.risk, s.risk[a]);
            assert_eq!(c.right.risk, s.risk[b]);
            if explanation == Explanation::Study {
                // The study's LRP: from log-risk 0, the biases absorbing the rest.
                assert_eq!(c.left.reference, 0.0);
                assert_eq!(c.left.unattributed, s.bias_relevance[a]);
            } else {
                // DeepLIFT-rescale conserves: nothing but rounding is left unattributed.
                assert!(c.left.unattributed.abs() < 1e-3, "{}", c.left.unattributed);
            }
            // The union of each side's top markers, then one summed row.
            let markers = c.rows.iter().filter(|r| r.marker.is_some()).count();
            assert!(
                (COMPARE_TOP..=2 * COMPARE_TOP).contains(&markers),
                "{markers}"
            );
            assert_eq!(markers + c.n_others, s.n_markers());
            assert_eq!(c.rows.last().unwrap().marker, None);
            // Sorted by the absolute difference, largest first.
            let d: Vec<f32> = c.rows[..markers]
                .iter()
                .map(|r| r.difference.abs())
                .collect();
            assert!(d.windows(2).all(|w| w[0] >= w[1]), "{d:?}");
            assert!(c.caption.contains("not a difference in the effect"));
        }
    }
    // A patient against itself: every difference is 0.
    let same = patients(5, 5, Explanation::Study);
    assert!(same.rows.iter().all(|r| r.difference == 0.0));
}

#[test]
fn swapping_the_patients_swaps_the_columns_and_negates_the_differences() {
    for explanation in EXPLANATIONS {
        let ab = patients(2, 9, explanation);
        let ba = patients(9, 2, explanation);
        assert_eq!(ab.rows.len(), ba.rows.len());
        for (x, y) in ab.rows.iter().zip(&ba.rows) {
            assert_eq!(x.marker, y.marker, "the same rows in the same order");
            assert_eq!(x.left, y.right);
            assert_eq!(x.right, y.left);
            assert_eq!(x.left_value, y.right_value);
            assert_eq!(x.difference, -y.difference);
        }
        assert_eq!(ab.left, ba.right);
        assert_eq!(ab.right, ba.left);
    }
}

#[test]
fn the_linear_decomposition_adds_up_to_its_linear_predictor_difference_exactly() {
    let s = session();
    let linear = s
        .linear_cox
        .as_ref()
        .expect("the demo fits a linear Cox model");
    let risks = &s
        .baselines
        .iter()
        .find(|b| b.kind == BaselineKind::Linear)
        .unwrap()
        .risk;
    let p = linear.encoder.n_features();
    let zero = linear.model.log_risk(&vec![0.0; p], 1).unwrap()[0] as f32;
    let mut engine = PatientEngine::new(s);
    for explanation in EXPLANATIONS {
        for patient in [0, 4, 33] {
            let c = SideBySide::models(s, &mut engine, patient, explanation).unwrap();
            assert_eq!(c.contrast, Contrast::Models);
            assert_conserves(&c);
            let lin = &c.right;
            // Exact but for the f64 -> f32 rounding of each marker's sum.
            assert!(lin.unattributed.abs() < 1e-6, "{}", lin.unattributed);
            assert!(
                (lin.reference + lin.sum - lin.risk).abs() < 1e-5,
                "{} + {} vs {}",
                lin.reference,
                lin.sum,
                lin.risk
            );
            // Its log-risk is the one the session (and the Model view) scores it with.
            assert!((lin.risk - risks[patient]).abs() < 1e-4);
            assert_eq!(c.left.risk, s.risk[patient]);
            match explanation {
                Explanation::Study => {
                    assert!(
                        (lin.reference - zero).abs() < 1e-5,
                        "the encoded zero input"
                    );
                    assert!(c.caption.contains("zero input"));
                }
                Explanation::TypicalPatient { .. } => {
                    assert!(c.caption.contains("same typical patient"));
                }
            }
        }
    }
}

#[test]
fn a_network_that_is_the_linear_model_gets_the_linear_contributions_back() {
    // The additive case with a known answer: the linear Cox model as a one-layer network
    // with its own preprocessing. Relative to the same typical patient, DeepLIFT-rescale of
    // a linear network is exactly beta (x - r), so the two columns agree marker by marker.
    let mut s: Session = session().clone();
    let linear = s.linear_cox.clone().unwrap();
    s.model.network = linear.model.as_network().unwrap().unwrap();
    s.model.encoder = linear.encoder.clone();
    let mut engine = PatientEngine::new(&s);
    let mut planted_signs = 0;
    for of in [ReferenceGroup::Cohort, ReferenceGroup::Entity] {
        for patient in [0, 7, 21] {
            let c =
                SideBySide::models(&s, &mut engine, patient, Explanation::TypicalPatient { of })
                    .unwrap();
            assert!(
                (c.left.risk - c.right.risk).abs() < 1e-4,
                "one model: {} vs {}",
                c.left.risk,
                c.right.risk
            );
            for r in &c.rows {
                assert!(
                    (r.left - r.right).abs() < 1e-4,
                    "{}: network {} vs linear {}",
                    r.name,
                    r.left,
                    r.right
                );
                let prognostic = r
                    .marker
                    .and_then(|j| s.truth.as_ref().map(|t| t.prognostic[j]))
                    .unwrap_or(false);
                if prognostic && r.right.abs() > 1e-3 {
                    assert_eq!(r.left.signum(), r.right.signum(), "{}", r.name);
                    planted_signs += 1;
                }
            }
        }
    }
    assert!(planted_signs > 0, "some planted markers were compared");
}

#[test]
fn the_held_out_c_indices_are_the_model_views() {
    let s = session();
    let report = ModelReport::build(s, &MetricSettings::default());
    let mut engine = PatientEngine::new(s);
    let c = SideBySide::models(s, &mut engine, 0, Explanation::Study).unwrap();
    let network = report.metrics.harrell_c.value().unwrap();
    let linear = report
        .baselines
        .iter()
        .find(|b| b.kind == BaselineKind::Linear)
        .unwrap()
        .harrell_c
        .value()
        .unwrap();
    assert_eq!(c.left.held_out_c, Some(network));
    assert_eq!(c.right.held_out_c, Some(linear));
    assert_eq!(held_out_harrell(s, &s.risk).unwrap(), network);
    assert!(c.caption.contains(&format!("{network:.3}")));
}

#[test]
fn the_comparison_downloads_as_csv_with_its_sums() {
    let c = patients(0, 1, Explanation::Study);
    let csv = c.csv();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 1 + c.rows.len() + 4);
    assert!(lines[0].starts_with("marker,modality,Patient "));
    assert!(lines[0].ends_with(",difference"));
    let sums: Vec<&str> = lines[1 + c.rows.len()].split(',').collect();
    assert_eq!(sums[0], "sum of contributions");
    assert_eq!(sums[3].parse::<f32>().unwrap(), c.left.sum);
    assert!(c.file_stem.starts_with("compare-"));
}

#[test]
fn an_unknown_patient_or_a_missing_linear_model_is_a_typed_error() {
    let s = session();
    let mut engine = PatientEngine::new(s);
    let n = s.n_patients();
    let e = SideBySide::patients(s, &mut engine, 0, n, Explanation::Study).unwrap_err();
    assert_eq!(e.code(), "no_patient");
    let mut without = s.clone();
    without.linear_cox = None;
    let mut engine = PatientEngine::new(&without);
    let e = SideBySide::models(&without, &mut engine, 0, Explanation::Study).unwrap_err();
    assert_eq!(e.code(), "no_linear_model");
}

#[test]
fn the_comparisons_speak_german_with_the_same_numbers_and_english_downloads() {
    use survlens_app::core::i18n::Lang;
    use survlens_app::views::patient_compare::Who;
    let s = session();
    let mut engine = PatientEngine::new(s);
    for explanation in EXPLANATIONS {
        let en = SideBySide::patients(s, &mut engine, 3, 17, explanation).unwrap();
        let de = SideBySide::patients_in(s, &mut engine, 3, 17, explanation, Lang::De).unwrap();
        // The same comparison: figures and rows alike, only their words differ.
        assert_eq!(en.left.risk, de.left.risk);
        assert_eq!(en.left.who, Who::Patient(s.patient_ids[3].clone()));
        assert_eq!(de.left.who, en.left.who);
        let figures = |c: &SideBySide| -> Vec<(Option<usize>, f32, f32)> {
            c.rows.iter().map(|r| (r.marker, r.left, r.right)).collect()
        };
        assert_eq!(figures(&en), figures(&de));
        assert!(
            de.caption.starts_with(&format!(
                "Patient {} und Patient {} nebeneinander",
                s.patient_ids[3], s.patient_ids[17]
            )),
            "{}",
            de.caption
        );
        assert!(de.caption.contains("Erhaltung:"), "{}", de.caption);
        for english in [
            "side by side",
            "contributions sum to",
            "Conservation",
            "typical patient",
            "baseline hazard",
        ] {
            assert!(!de.caption.contains(english), "{english}: {}", de.caption);
        }
        // Signed figures with the decimal comma.
        assert!(
            de.caption
                .contains(&Lang::De.signed(f64::from(de.left.sum), 3)),
            "{}",
            de.caption
        );
        if let Some(others) = de.rows.iter().find(|r| r.marker.is_none()) {
            assert!(others.name.ends_with("weitere Marker"), "{}", others.name);
        }
        // Downloads keep English column names in either language.
        assert_eq!(de.csv().lines().next(), en.csv().lines().next());

        let de = SideBySide::models_in(s, &mut engine, 4, explanation, Lang::De).unwrap();
        assert_eq!(de.left.label, "Netz");
        assert_eq!(de.right.label, "Lineares Cox-Modell");
        assert!(de.caption.contains("Harrells C 0,"), "{}", de.caption);
        for english in [
            "explained by the network",
            "Conservation",
            "held-out",
            "zero input",
        ] {
            assert!(!de.caption.contains(english), "{english}: {}", de.caption);
        }
    }
}
