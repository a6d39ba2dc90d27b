//! Teaching mode: the rank statistics against their definitions and scipy, and the
//! fidelity report and patient comparison against the demo's planted truth.

// Test helpers outside `#[test]` functions fail loudly by design.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod common;

use survlens_app::core::stats::{average_ranks, ranking, spearman, top_k_recovery};
use survlens_app::views::teaching::{CLEAR_EFFECT, NEGLIGIBLE, Verdict, compare_patient, fidelity};

use common::demo_session as session;

/// Distinct pseudo-random values (a fixed LCG: the tests need variety, not statistics).
fn values(n: usize, seed: u64) -> Vec<f64> {
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
    (0..n)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}

#[test]
fn spearman_of_a_vector_with_itself_is_one_and_with_its_reverse_order_minus_one() {
    for seed in 0..20 {
        let a = values(17, seed);
        // Exact identities; f64 rounding of the mean and sums only.
        assert!((spearman(&a, &a).unwrap() - 1.0).abs() < 1e-12);
        let reversed: Vec<f64> = a.iter().map(|v| -v).collect();
        assert!((spearman(&a, &reversed).unwrap() + 1.0).abs() < 1e-12);
        // Ranks only: any increasing transform leaves it unchanged.
        let b = values(17, seed + 100);
        let b_exp: Vec<f64> = b.iter().map(|v| (5.0 * v).exp()).collect();
        let (r, r_exp) = (spearman(&a, &b).unwrap(), spearman(&a, &b_exp).unwrap());
        assert!((r - r_exp).abs() < 1e-12);
        assert!((-1.0..=1.0).contains(&r));
        assert!((r - spearman(&b, &a).unwrap()).abs() < 1e-12);
    }
}

#[test]
fn spearman_with_ties_matches_scipy() {
    let a = [1.0, 2.0, 2.0, 3.0, 5.0, 0.5, 7.0];
    let b = [2.0, 1.0, 4.0, 4.0, 9.0, 0.0, 3.0];
    // scipy 1.17.1 `rankdata(a)` (average ranks).
    assert_eq!(average_ranks(&a), [2.0, 3.5, 3.5, 5.0, 6.0, 1.0, 7.0]);
    // scipy 1.17.1 `spearmanr(a, b).statistic` = 0.6818181818181819; tolerance 1e-12.
    assert!((spearman(&a, &b).unwrap() - 0.681_818_181_818_181_9).abs() < 1e-12);
    assert_eq!(spearman(&a, &[1.0; 7]), None, "constant vector");
    assert_eq!(spearman(&a[..1], &b[..1]), None, "a single pair");
    assert_eq!(spearman(&a, &b[..6]), None, "different lengths");
}

#[test]
fn top_k_recovery_of_the_truth_against_itself_is_k() {
    for seed in 0..10 {
        let truth = values(17, seed);
        for k in [1, 5, 10, 17] {
            assert_eq!(top_k_recovery(&truth, &truth, k), k);
        }
        // Reversed importance: the top k and the bottom k are disjoint while 2k <= n.
        let reversed: Vec<f64> = truth.iter().map(|v| -v).collect();
        assert_eq!(top_k_recovery(&truth, &reversed, 5), 0);
        // Beyond n, k is capped at n.
        assert_eq!(top_k_recovery(&truth, &reversed, 40), 17);
    }
    assert_eq!(ranking(&[0.2, f64::NAN, 0.5, 0.2]), [2, 0, 3, 1]);
}

#[test]
fn fidelity_reads_the_truth_and_the_relevances_of_the_demo() {
    let s = session();
    let truth = s.truth.as_ref().unwrap();
    let f = fidelity(s).unwrap();
    let m = s.n_markers();
    assert_eq!(f.markers.len(), m);
    assert!(
        f.markers
            .windows(2)
            .all(|w| w[0].true_importance >= w[1].true_importance)
    );
    let n = s.n_patients();
    for mf in &f.markers {
        // LRP importance: mean |relevance - the marker's mean relevance|.
        let mean = (0..n)
            .map(|i| f64::from(s.relevance_of(i)[mf.marker]))
            .sum::<f64>()
            / n as f64;
        let centred = (0..n)
            .map(|i| (f64::from(s.relevance_of(i)[mf.marker]) - mean).abs())
            .sum::<f64>()
            / n as f64;
        // f64 accumulation in both, rounded to f32 once.
        assert!((f64::from(mf.lrp_importance) - centred).abs() < 1e-6);
        assert_eq!(mf.prognostic, truth.prognostic[mf.marker]);
    }
    // A marker never missing and in no interaction: its truth is its own contribution,
    // centred.
    let m_all = s.n_markers();
    let plain = (0..m_all)
        .find(|&j| {
            truth.prognostic[j]
                && (0..n).all(|i| !s.values_of(i)[j].is_nan())
                && !truth.interactions.iter().any(|t| t.markers.contains(&j))
        })
        .unwrap();
    let mean = (0..n)
        .map(|i| f64::from(truth.contributions[i * m_all + plain]))
        .sum::<f64>()
        / n as f64;
    let want = (0..n)
        .map(|i| (f64::from(truth.contributions[i * m_all + plain]) - mean).abs())
        .sum::<f64>()
        / n as f64;
    let got = f.markers.iter().find(|x| x.marker == plain).unwrap();
    assert!((f64::from(got.true_importance) - want).abs() < 1e-6);
    let true_imp: Vec<f64> = f
        .markers
        .iter()
        .map(|x| f64::from(x.true_importance))
        .collect();
    let lrp_imp: Vec<f64> = f
        .markers
        .iter()
        .map(|x| f64::from(x.lrp_importance))
        .collect();
    // The figures: AUROC in [0, 1], the ceiling (the truth explaining itself) ranks every
    // prognostic marker above every null one and follows the truth exactly over the
    // detectable markers; each interval holds its estimate.
    for fig in [&f.figures, &f.ceiling] {
        for e in [fig.auroc, fig.precision_at_k, fig.spearman] {
            assert!(
                e.lower <= e.value + 1e-12 && e.value <= e.upper + 1e-12,
                "{e:?}"
            );
        }
        assert_eq!(fig.patients, s.n_patients());
    }
    assert_eq!(f.ceiling.auroc.value, 1.0);
    assert!((f.ceiling.spearman.value - 1.0).abs() < 1e-12);
    assert_eq!(
        f.figures.k,
        f.markers.iter().filter(|x| x.detectable).count()
    );
    // Detectable markers are prognostic (an effect of their own, or a planted partner).
    assert!(
        f.markers
            .iter()
            .all(|x| !x.detectable || x.prognostic || !x.interactions.is_empty())
    );
    assert_eq!(f.top_k.iter().map(|t| t.k).collect::<Vec<_>>(), [5, 10]);
    for t in &f.top_k {
        assert_eq!(t.recovered, top_k_recovery(&true_imp, &lrp_imp, t.k));
        assert_eq!(t.recovered + t.missed.len(), t.k);
    }
    assert_eq!(f.model_test_cindex, s.test_cindex);
    assert_eq!(f.oracle_test_cindex, truth.oracle_test_cindex);
    assert_eq!(f.interactions, truth.interactions);
    // Interaction partners are named on both markers.
    for t in &f.interactions {
        for j in t.markers {
            let mf = f.markers.iter().find(|x| x.marker == j).unwrap();
            assert!(mf.interactions.contains(&t.name));
        }
    }
}

#[test]
fn the_agreement_sentence_names_a_planted_marker_and_matches_the_verdicts() {
    let s = session();
    let truth = s.truth.as_ref().unwrap();
    let m = s.n_markers();
    let planted: Vec<&str> = (0..m)
        .filter(|&j| truth.prognostic[j])
        .map(|j| s.markers[j].name.as_str())
        .collect();
    for patient in [0, 5, 42, 101, s.n_patients() - 1] {
        let c = compare_patient(s, patient, 6).unwrap();
        assert!(
            planted.iter().any(|name| c.sentence.contains(name)),
            "patient {patient}: {}",
            c.sentence
        );
        assert!(c.sentence.contains(&s.patient_ids[patient]));
        // Every marker of either top-6 list is a row; nothing else is.
        let abs = |v: &[f32]| v.iter().map(|x| f64::from(x.abs())).collect::<Vec<_>>();
        let t_row = &truth.contributions[patient * m..(patient + 1) * m];
        let r_row = s.relevance_of(patient);
        let mut want: Vec<usize> = ranking(&abs(r_row))[..6].to_vec();
        want.extend(ranking(&abs(t_row))[..6].iter().copied());
        want.sort_unstable();
        want.dedup();
        let mut got: Vec<usize> = c.rows.iter().map(|r| r.marker).collect();
        got.sort_unstable();
        assert_eq!(got, want);
        for row in &c.rows {
            assert_eq!(row.truth, t_row[row.marker]);
            assert_eq!(row.relevance, r_row[row.marker]);
            match row.verdict {
                Verdict::CreditedWithoutEffect => {
                    assert!(row.truth.abs() < NEGLIGIBLE);
                    assert!(c.sentence.contains(&row.name));
                }
                Verdict::Missed => {
                    assert!(row.truth.abs() >= CLEAR_EFFECT);
                    assert!(c.sentence.contains(&row.name));
                }
                Verdict::OppositeSign => {
                    assert!(row.truth.signum() != row.relevance.signum());
                    assert!(c.sentence.contains(&row.name));
                }
                Verdict::Agrees => {
                    assert_eq!(row.truth.signum(), row.relevance.signum());
                    assert!(c.sentence.contains(&row.name));
                }
                Verdict::Minor => {}
            }
        }
    }
}

#[test]
fn a_cohort_without_truth_has_no_teaching_figures() {
    let mut s = session().clone();
    s.truth = None;
    assert!(fidelity(&s).is_none());
    assert!(compare_patient(&s, 0, 6).is_none());
    assert!(compare_patient(session(), session().n_patients(), 6).is_none());
}
