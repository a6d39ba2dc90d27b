//! The cohort overview against the statistics it is built from: every curve, count, test and
//! C-index the view shows is recomputed here directly with `survlens_model` on the same
//! patients, and small hand-made cohorts pin the summary figures.

// Test helpers outside `#[test]` functions fail loudly by design.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod common;

use survlens_app::core::format::format_p;
use survlens_app::core::session::Session;
use survlens_app::core::units::DAYS_PER_MONTH;
use survlens_app::views::cohort_view::{
    CohortSummary, ConventionalScore, Discrimination, Population, RiskGroupSurvival, RiskGrouping,
    SurvivalCurve, format_c, format_c_difference, landmarks,
};
use survlens_app::views::patient::RiskGroup;
use survlens_model::BootstrapConcordance;
use survlens_model::{
    BootstrapConfig, KaplanMeier, RiskGroups, bootstrap_ci, harrell_c, logrank_test, resample,
};

use common::demo_session as session;

/// A fast bootstrap for the tests (the page uses 200 resamples).
fn bootstrap() -> BootstrapConfig {
    BootstrapConfig {
        replicates: 50,
        level: 0.95,
        seed: 3,
    }
}

/// The demo session cut down to a hand-made cohort: follow-up in days, events, entity of
/// each patient; every marker value present (0) unless listed in `missing` as
/// `(patient, marker)`.
fn tiny(time: &[f64], event: &[bool], entity_of: &[u32], missing: &[(usize, usize)]) -> Session {
    let mut s = session().clone();
    let n = time.len();
    let m = s.n_markers();
    s.patient_ids = (0..n).map(|i| format!("P{i}")).collect();
    s.time = time.to_vec();
    s.event = event.to_vec();
    s.entity_of = entity_of.to_vec();
    s.values = vec![0.0; n * m];
    for &(i, j) in missing {
        s.values[i * m + j] = f32::NAN;
    }
    s.relevance = vec![0.0; n * m];
    s.risk = (0..n).map(|i| i as f32).collect();
    s.bias_relevance = vec![0.0; n];
    s.held_out = vec![true; n];
    s.check_shapes().unwrap();
    s
}

/// Held-out rows of `entity` (all entities when `None`).
fn held_out_rows(s: &Session, entity: Option<u32>) -> Vec<usize> {
    (0..s.n_patients())
        .filter(|&i| s.held_out[i] && entity.is_none_or(|e| s.entity_of[i] == e))
        .collect()
}

fn harrell_on_rows(s: &Session, rows: &[usize], score: impl Fn(usize) -> f64) -> f64 {
    let t: Vec<f64> = rows.iter().map(|&i| s.time[i]).collect();
    let e: Vec<bool> = rows.iter().map(|&i| s.event[i]).collect();
    let r: Vec<f64> = rows.iter().map(|&i| score(i)).collect();
    harrell_c(&t, &e, &r).unwrap().index
}

// ---------------------------------------------------------------------------------------
// Summary

#[test]
fn summary_counts_patients_events_and_entities_by_hand() {
    let s = tiny(
        &[10.0, 20.0, 30.0, 40.0, 50.0],
        &[true, false, true, false, false],
        &[1, 0, 1, 1, 0],
        &[],
    );
    let v = CohortSummary::build(&s).unwrap();
    assert_eq!(v.patients, 5);
    assert_eq!(v.events, 2);
    // Exact: 2 / 5.
    assert_eq!(v.event_rate(), 0.4);
    let names: Vec<(&str, usize, usize)> = v
        .entities
        .iter()
        .map(|e| (e.name.as_str(), e.patients, e.events))
        .collect();
    assert_eq!(
        names,
        vec![
            (s.entities[1].as_str(), 3, 2),
            (s.entities[0].as_str(), 2, 0)
        ],
        "most patients first; entities without patients left out"
    );
}

#[test]
fn median_follow_up_is_the_reverse_kaplan_meier_median_by_hand() {
    // Reverse Kaplan-Meier (censorings are the events): drops to 3/4 at day 20 (4 at risk,
    // one censored) and to 3/8 at day 40 (2 at risk, one censored), so the median follow-up
    // is day 40. Overall survival: 4/5 at day 10, 4/5 * 2/3 = 0.533 at day 30, and never
    // at or below 1/2 afterwards (no more deaths): no median. Reference: hand computation
    // of the product-limit estimator; tolerance 1e-12 for the days -> months division.
    let s = tiny(
        &[10.0, 20.0, 30.0, 40.0, 50.0],
        &[true, false, true, false, false],
        &[0; 5],
        &[],
    );
    let v = CohortSummary::build(&s).unwrap();
    let fu = v.median_follow_up_months.unwrap();
    assert!((fu - 40.0 / DAYS_PER_MONTH).abs() < 1e-12, "{fu}");
    assert_eq!(v.median_survival_months, None);
}

#[test]
fn missingness_is_the_share_of_missing_cells_per_modality() {
    let s = tiny(
        &[10.0, 20.0, 30.0, 40.0],
        &[true; 4],
        &[0; 4],
        &[(0, 0), (3, 0), (2, 5)],
    );
    let v = CohortSummary::build(&s).unwrap();
    let n = 4;
    for row in &v.missingness {
        let members: Vec<usize> = (0..s.n_markers())
            .filter(|&j| s.markers[j].modality == row.modality)
            .collect();
        assert_eq!(row.markers, members.len());
        assert_eq!(row.cells, n * members.len());
        let want = [(0, 0), (3, 0), (2, 5)]
            .iter()
            .filter(|(_, j)| members.contains(j))
            .count();
        assert_eq!(row.missing_cells, want, "{}", row.modality);
        // Exact ratio of small integers.
        assert_eq!(row.share(), want as f64 / row.cells as f64);
    }
    let markers: usize = v.missingness.iter().map(|r| r.markers).sum();
    assert_eq!(
        markers,
        s.n_markers(),
        "every marker in exactly one modality"
    );
}

#[test]
fn demo_summary_matches_the_session() {
    let s = session();
    let v = CohortSummary::build(s).unwrap();
    assert_eq!(v.patients, s.n_patients());
    assert_eq!(v.events, s.event.iter().filter(|&&e| e).count());
    assert_eq!(
        v.entities.iter().map(|e| e.patients).sum::<usize>(),
        s.n_patients()
    );
    let missing = s.values.iter().filter(|v| v.is_nan()).count();
    assert_eq!(
        v.missingness.iter().map(|r| r.missing_cells).sum::<usize>(),
        missing
    );
    // The teaching cohort follows its patients for years: a median follow-up exists.
    assert!(v.median_follow_up_months.is_some_and(|m| m > 1.0));
}

// ---------------------------------------------------------------------------------------
// Kaplan-Meier by risk group

/// The cut-offs the view must use, recomputed from the training patients.
fn expected_groups(s: &Session, grouping: RiskGrouping) -> RiskGroups {
    let train: Vec<f64> = (0..s.n_patients())
        .filter(|&i| !s.held_out[i])
        .map(|i| f64::from(s.risk[i]))
        .collect();
    match grouping {
        RiskGrouping::Tertiles => {
            RiskGroups::from_cut_offs(s.risk_cutoffs.iter().map(|&c| f64::from(c)).collect())
                .unwrap()
        }
        RiskGrouping::Quartiles => RiskGroups::equal_sized(&train, 4).unwrap(),
    }
}

#[test]
fn kaplan_meier_per_group_equals_the_model_crate_on_the_same_rows() {
    let s = session();
    for grouping in RiskGrouping::ALL {
        for population in Population::ALL {
            let v = RiskGroupSurvival::build(s, grouping, population).unwrap();
            let groups = expected_groups(s, grouping);
            assert_eq!(v.cut_offs, groups.cut_offs());
            assert_eq!(v.groups.len(), grouping.n_groups());
            let rows = population.rows(s);
            for g in &v.groups {
                let members: Vec<usize> = rows
                    .iter()
                    .copied()
                    .filter(|&i| groups.assign(f64::from(s.risk[i])) == g.group)
                    .collect();
                assert_eq!(g.patients, members.len());
                let t: Vec<f64> = members.iter().map(|&i| s.time[i]).collect();
                let e: Vec<bool> = members.iter().map(|&i| s.event[i]).collect();
                let km = KaplanMeier::fit(&t, &e).unwrap();
                let curve = g.curve.as_ref().unwrap();
                // Same estimator on the same rows: identical values; times differ only by
                // the division into months (relative 1e-12).
                assert_eq!(curve.survival, km.survival);
                assert_eq!(curve.lower, km.ci_lower);
                assert_eq!(curve.upper, km.ci_upper);
                for (tm, td) in curve.time_months.iter().zip(&km.time) {
                    assert!((tm * DAYS_PER_MONTH - td).abs() <= 1e-12 * td.max(1.0));
                }
                assert_eq!(g.events, e.iter().filter(|&&d| d).count());
                assert_eq!(g.median_months, km.median().map(|d| d / DAYS_PER_MONTH));
            }
        }
    }
}

#[test]
fn survival_read_off_a_curve_is_the_step_at_or_before_that_time() {
    let s = session();
    let v = RiskGroupSurvival::build(s, RiskGrouping::Tertiles, Population::All).unwrap();
    let groups = expected_groups(s, RiskGrouping::Tertiles);
    for g in &v.groups {
        let rows: Vec<usize> = (0..s.n_patients())
            .filter(|&i| groups.assign(f64::from(s.risk[i])) == g.group)
            .collect();
        let t: Vec<f64> = rows.iter().map(|&i| s.time[i]).collect();
        let e: Vec<bool> = rows.iter().map(|&i| s.event[i]).collect();
        let km = KaplanMeier::fit(&t, &e).unwrap();
        let curve = g.curve.as_ref().unwrap();
        for months in [0.0, 6.0, 12.0, 24.0, 36.0] {
            // Reference: KaplanMeier::survival_at on days; a landmark that falls exactly on
            // an event day could round differently through the month conversion, so the
            // comparison is at the landmark, not at knots.
            let (sv, lo, hi) = curve.at(months);
            assert_eq!(
                sv,
                km.survival_at(months * DAYS_PER_MONTH),
                "{} at {months}",
                g.label
            );
            assert!(lo <= sv && sv <= hi);
        }
    }
}

#[test]
fn group_sizes_follow_the_training_cut_offs() {
    let s = session();
    for grouping in RiskGrouping::ALL {
        let v = RiskGroupSurvival::build(s, grouping, Population::All).unwrap();
        assert_eq!(v.patients(), s.n_patients());
        assert_eq!(
            v.training_patients,
            s.held_out.iter().filter(|h| !**h).count()
        );
        // Every patient lies in (c_{g-1}, c_g] of its group.
        let groups = expected_groups(s, grouping);
        let c = groups.cut_offs();
        for i in 0..s.n_patients() {
            let r = f64::from(s.risk[i]);
            let g = groups.assign(r);
            assert!(g == 0 || r > c[g - 1]);
            assert!(g == c.len() || r <= c[g]);
        }
        // Training patients split into (nearly) equal groups at their own quantiles: each
        // within one patient of n_train / k (ties in the risks aside; none in the demo).
        let k = grouping.n_groups();
        let share = v.training_patients as f64 / k as f64;
        for g in 0..k {
            let n_train = (0..s.n_patients())
                .filter(|&i| !s.held_out[i] && groups.assign(f64::from(s.risk[i])) == g)
                .count();
            assert!(
                (n_train as f64 - share).abs() <= 1.0,
                "{grouping:?} group {g}: {n_train} training patients, expected about {share}"
            );
        }
    }
}

#[test]
fn quartiles_give_four_groups_and_tertiles_the_patient_views_three() {
    let s = session();
    let q = RiskGroupSurvival::build(s, RiskGrouping::Quartiles, Population::HeldOut).unwrap();
    assert_eq!(q.groups.len(), 4);
    assert_eq!(q.cut_offs.len(), 3);
    assert_eq!(q.logrank.unwrap().df, 3);
    let t = RiskGroupSurvival::build(s, RiskGrouping::Tertiles, Population::HeldOut).unwrap();
    assert_eq!(t.groups.len(), 3);
    let rows = Population::HeldOut.rows(s);
    let wanted = [RiskGroup::Low, RiskGroup::Intermediate, RiskGroup::High];
    for (g, want) in t.groups.iter().zip(wanted) {
        let n = rows
            .iter()
            .filter(|&&i| RiskGroup::of(s.risk[i], s.risk_cutoffs) == want)
            .count();
        assert_eq!(g.patients, n, "{want:?}: the patient view's groups");
    }
}

#[test]
fn numbers_at_risk_match_the_kaplan_meier_table() {
    let s = session();
    let v = RiskGroupSurvival::build(s, RiskGrouping::Quartiles, Population::All).unwrap();
    assert_eq!(v.landmarks_months[0], 0.0);
    let longest = s.time.iter().copied().fold(0.0, f64::max) / DAYS_PER_MONTH;
    assert!(v.axis_end_months >= longest);
    for g in &v.groups {
        assert_eq!(g.at_risk.len(), v.landmarks_months.len());
        assert_eq!(g.at_risk[0], g.patients);
        let curve = g.curve.as_ref().unwrap();
        let rows = Population::All.rows(s);
        let groups = expected_groups(s, RiskGrouping::Quartiles);
        let t: Vec<f64> = rows
            .iter()
            .filter(|&&i| groups.assign(f64::from(s.risk[i])) == g.group)
            .map(|&i| s.time[i])
            .collect();
        let km = KaplanMeier::fit(&t, &vec![true; t.len()]).unwrap();
        for (&l, &n) in v.landmarks_months.iter().zip(&g.at_risk) {
            // At risk at a landmark = at risk at the first observed time at or after it.
            let want = km
                .time
                .iter()
                .position(|&d| d / DAYS_PER_MONTH >= l)
                .map_or(0, |k| km.at_risk[k]);
            assert_eq!(n, want, "{} at {l} months", g.label);
        }
        assert!(curve.time_months[0] == 0.0);
    }
}

#[test]
fn logrank_p_equals_the_multi_group_test_on_the_same_rows() {
    let s = session();
    for grouping in RiskGrouping::ALL {
        let v = RiskGroupSurvival::build(s, grouping, Population::HeldOut).unwrap();
        let rows = Population::HeldOut.rows(s);
        let groups = expected_groups(s, grouping);
        let t: Vec<f64> = rows.iter().map(|&i| s.time[i]).collect();
        let e: Vec<bool> = rows.iter().map(|&i| s.event[i]).collect();
        let g: Vec<usize> = rows
            .iter()
            .map(|&i| groups.assign(f64::from(s.risk[i])))
            .collect();
        let want = logrank_test(&t, &e, &g).unwrap();
        let got = v.logrank.unwrap();
        // Same function, same inputs: bit-identical.
        assert_eq!(got.p_value, want.p_value);
        assert_eq!(got.statistic, want.statistic);
        assert_eq!(got.df, grouping.n_groups() - 1);
    }
}

#[test]
fn one_group_has_no_logrank_test() {
    // All risks at or below the lowest cut-off: one non-empty group.
    let mut s = tiny(&[10.0, 20.0, 30.0], &[true, true, false], &[0; 3], &[]);
    s.risk = vec![-100.0; 3];
    s.risk_cutoffs = [0.0, 1.0];
    let v = RiskGroupSurvival::build(&s, RiskGrouping::Tertiles, Population::All).unwrap();
    assert_eq!(v.logrank, None);
    assert_eq!(v.groups[0].patients, 3);
    assert!(v.groups[1].curve.is_none() && v.groups[2].curve.is_none());
}

#[test]
fn landmarks_are_regular_and_cover_the_follow_up() {
    assert_eq!(landmarks(50.0), vec![0.0, 12.0, 24.0, 36.0, 48.0, 60.0]);
    assert_eq!(
        landmarks(7.5),
        vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]
    );
    assert_eq!(landmarks(0.0), vec![0.0, 1.0]);
    assert_eq!(landmarks(f64::NAN), vec![0.0, 1.0]);
    let long = landmarks(2000.0);
    assert!(long.len() <= 9 && *long.last().unwrap() >= 2000.0);
}

#[test]
fn p_values_read_as_a_clinician_expects() {
    assert_eq!(format_p(0.0004), "< 0.001");
    assert_eq!(format_p(0.001), "0.00100");
    assert_eq!(format_p(0.0123), "0.0123");
    assert_eq!(format_p(0.04996), "0.0500");
    assert_eq!(format_p(0.0497), "0.0497");
    assert_eq!(format_p(0.5), "0.500");
    assert_eq!(format_p(1.0), "1.00");
    assert_eq!(format_p(f64::NAN), "–");
    assert_eq!(survlens_app::core::format::format_p_or_dash(None), "–");
    assert_eq!(survlens_app::core::format::p_clause(0.0004), "< 0.001");
    assert_eq!(survlens_app::core::format::p_clause(0.2), "= 0.200");
}

#[test]
fn c_indices_read_with_three_decimals_and_their_interval() {
    let ci = survlens_model::BootstrapInterval {
        estimate: 0.76858,
        lower: 0.72404,
        upper: 0.81048,
        level: 0.95,
        replicates: 200,
        failed: 0,
    };
    assert_eq!(format_c(Some(&ci)), "0.769 (0.724–0.810)");
    assert_eq!(format_c(None), "not computable");
    let d = survlens_model::BootstrapInterval {
        estimate: 0.1474,
        lower: -0.0123,
        upper: 0.1954,
        ..ci
    };
    assert_eq!(format_c_difference(Some(&d)), "+0.147 (-0.012 to +0.195)");
}

// ---------------------------------------------------------------------------------------
// Discrimination

#[test]
fn model_c_on_the_held_out_patients_equals_harrell_c_directly() {
    let s = session();
    let v = Discrimination::build(s, &bootstrap()).unwrap();
    let rows = held_out_rows(s, None);
    assert_eq!(v.overall.patients, rows.len());
    let c = v.overall.c.as_ref().unwrap();
    // Same function on the same rows in the same order: bit-identical.
    assert_eq!(
        c.estimate,
        harrell_on_rows(s, &rows, |i| f64::from(s.risk[i]))
    );
    assert!(c.lower <= c.estimate && c.estimate <= c.upper, "{c:?}");
    assert!(c.lower < c.upper, "a real interval");
    assert_eq!(c.replicates + c.failed, bootstrap().replicates);
}

#[test]
fn per_entity_rows_follow_the_studys_rule() {
    let s = session();
    let v = Discrimination::build(s, &bootstrap()).unwrap();
    for row in &v.entities {
        assert!(row.patients >= 10 && row.events > 5, "{row:?}");
        let e = s.entities.iter().position(|n| *n == row.label).unwrap() as u32;
        let rows = held_out_rows(s, Some(e));
        assert_eq!(row.patients, rows.len());
        let c = row.c.as_ref().unwrap();
        assert_eq!(
            c.estimate,
            harrell_on_rows(s, &rows, |i| f64::from(s.risk[i]))
        );
        assert!(c.lower <= c.estimate && c.estimate <= c.upper, "{row:?}");
    }
    for x in &v.excluded {
        assert!(x.patients < 10 || x.events <= 5, "{x:?}");
    }
    let shown = v.entities.len() + v.excluded.len();
    let present = (0..s.entities.len() as u32)
        .filter(|&e| !held_out_rows(s, Some(e)).is_empty())
        .count();
    assert_eq!(
        shown, present,
        "every entity with held-out patients is accounted for"
    );
}

#[test]
fn entity_rule_excludes_small_entities_by_hand() {
    // Entity 0: 10 patients, 6 events (kept). Entity 1: 10 patients, 5 events (left out:
    // the study asks for more than 5). Entity 2: 9 patients, 9 events (left out: fewer
    // than 10).
    let mut time = Vec::new();
    let mut event = Vec::new();
    let mut entity = Vec::new();
    for (e, n, d) in [(0u32, 10, 6), (1, 10, 5), (2, 9, 9)] {
        for k in 0..n {
            time.push(10.0 * (k + 1) as f64);
            event.push(k < d);
            entity.push(e);
        }
    }
    let s = tiny(&time, &event, &entity, &[]);
    let v = Discrimination::build(&s, &bootstrap()).unwrap();
    let kept: Vec<&str> = v.entities.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(kept, vec![s.entities[0].as_str()]);
    let left: Vec<(usize, usize)> = v.excluded.iter().map(|x| (x.patients, x.events)).collect();
    assert_eq!(left, vec![(10, 5), (9, 9)]);
}

#[test]
fn conventional_scores_are_found_by_marker_id_and_compared_on_the_same_patients() {
    let s = session();
    let v = Discrimination::build(s, &bootstrap()).unwrap();
    let found: Vec<ConventionalScore> = v.conventional.iter().map(|c| c.score).collect();
    // The teaching cohort records UICC stage and ECOG, no Charlson index.
    assert_eq!(
        found,
        vec![ConventionalScore::UiccStage, ConventionalScore::Ecog]
    );
    let m = s.n_markers();
    for cmp in &v.conventional {
        assert!(cmp.score.matches(&s.markers[cmp.marker].id));
        let rows: Vec<usize> = held_out_rows(s, None)
            .into_iter()
            .filter(|&i| !s.values[i * m + cmp.marker].is_nan())
            .collect();
        assert_eq!(cmp.patients, rows.len());
        assert_eq!(cmp.patients + cmp.missing, v.overall.patients);
        let score_c = harrell_on_rows(s, &rows, |i| f64::from(s.values[i * m + cmp.marker]));
        let model_c = harrell_on_rows(s, &rows, |i| f64::from(s.risk[i]));
        let (sc, mc, d) = (
            cmp.score_c.as_ref().unwrap(),
            cmp.model_c.as_ref().unwrap(),
            cmp.difference.as_ref().unwrap(),
        );
        assert_eq!(sc.estimate, score_c);
        assert_eq!(mc.estimate, model_c);
        // Difference of the two estimates, computed in one expression: f64 rounding only.
        assert!((d.estimate - (model_c - score_c)).abs() < 1e-15);
        for ci in [sc, mc, d] {
            assert!(ci.lower <= ci.estimate && ci.estimate <= ci.upper, "{ci:?}");
        }
        // A stage or ECOG with four levels ties many pairs, which count one half: the score
        // is a weaker ranking than the model built on it and fifteen other markers.
        assert!(mc.estimate > sc.estimate, "{cmp:?}");
    }
}

#[test]
fn score_ids_match_as_documented() {
    assert!(ConventionalScore::UiccStage.matches("uicc_stage"));
    assert!(ConventionalScore::Ecog.matches("ecog"));
    assert!(ConventionalScore::Ecog.matches("fac_ph_ecog"));
    assert!(ConventionalScore::Charlson.matches("charlson_index"));
    assert!(ConventionalScore::Charlson.matches("Charlson"));
    assert!(!ConventionalScore::Charlson.matches("age_charlson"));
    assert!(!ConventionalScore::UiccStage.matches("stage"));
}

#[test]
fn bootstrap_intervals_are_reproducible() {
    let s = session();
    let a = Discrimination::build(s, &bootstrap()).unwrap();
    let b = Discrimination::build(s, &bootstrap()).unwrap();
    assert_eq!(a, b);
    let other = BootstrapConfig {
        seed: 4,
        ..bootstrap()
    };
    let c = Discrimination::build(s, &other).unwrap();
    assert_eq!(
        a.overall.c.as_ref().unwrap().estimate,
        c.overall.c.as_ref().unwrap().estimate
    );
    assert_ne!(
        a.overall.c, c.overall.c,
        "another seed draws other resamples"
    );
}

/// Drives `replicates` seeded resamples of `n` patients and checks that the prepared
/// concordance equals `harrell_c` on the gathered rows, bit for bit, failures included.
/// Returns how many resamples both refused.
fn check_resampled_equals_harrell(
    time: &[f64],
    event: &[bool],
    risk: &[f64],
    replicates: usize,
) -> usize {
    let mut fast = BootstrapConcordance::new(time, event, risk).unwrap();
    let (mut compared, mut failed) = (0, 0);
    let config = BootstrapConfig {
        replicates,
        level: 0.95,
        seed: 11,
    };
    bootstrap_ci(time.len(), &config, |idx| {
        let want = harrell_c(
            &resample(time, idx)?,
            &resample(event, idx)?,
            &resample(risk, idx)?,
        );
        match (fast.resampled(idx), want) {
            // Sums of halves of whole numbers: exact in any order, so bit-identical.
            (Ok(got), Ok(want)) => assert_eq!(got, want.index, "{idx:?}"),
            (Err(_), Err(_)) => failed += 1,
            (got, want) => panic!("{got:?} vs harrell_c {want:?} on {idx:?}"),
        }
        compared += 1;
        Ok(0.0)
    })
    .unwrap();
    assert_eq!(compared, replicates + 1);
    failed
}

#[test]
fn resampled_concordance_equals_harrell_c_on_the_gathered_rows() {
    let s = session();
    let rows = held_out_rows(s, None);
    let t: Vec<f64> = rows.iter().map(|&i| s.time[i]).collect();
    let e: Vec<bool> = rows.iter().map(|&i| s.event[i]).collect();
    let model: Vec<f64> = rows.iter().map(|&i| f64::from(s.risk[i])).collect();
    check_resampled_equals_harrell(&t, &e, &model, 100);
    // A four-level score ties most pairs; the missing values become a level of their own
    // here (-1), which only adds ties.
    let stage = s.markers.iter().position(|m| m.id == "uicc_stage").unwrap();
    let m = s.n_markers();
    let score: Vec<f64> = rows
        .iter()
        .map(|&i| f64::from(s.values[i * m + stage]))
        .map(|v| if v.is_nan() { -1.0 } else { v })
        .collect();
    check_resampled_equals_harrell(&t, &e, &score, 100);
}

#[test]
fn resampled_concordance_handles_tied_times_tied_risks_and_empty_resamples() {
    // Events and censorings sharing times, risks within the tie tolerance (1e-8) of each
    // other, and a cohort so small that some resamples have no comparable pair.
    let t = [5.0, 5.0, 5.0, 8.0, 8.0, 12.0, 12.0, 20.0];
    let e = [true, false, true, true, true, false, true, false];
    let r = [0.3, 0.3 + 5e-9, 0.1, 0.7, 0.2, 0.2, 0.9, -0.4];
    check_resampled_equals_harrell(&t, &e, &r, 300);
    let tiny_t = [3.0, 9.0];
    let tiny_e = [true, false];
    let tiny_r = [1.0, 0.0];
    // Two patients: a quarter of the resamples draw the event twice, a quarter the
    // censoring twice; both have no comparable pair.
    let failed = check_resampled_equals_harrell(&tiny_t, &tiny_e, &tiny_r, 50);
    assert!(failed > 0, "some resamples have no comparable pair");
    let mut fast = BootstrapConcordance::new(&tiny_t, &tiny_e, &tiny_r).unwrap();
    assert!(
        fast.resampled(&[0, 2]).is_err(),
        "index beyond the patients"
    );
    assert!(
        fast.resampled(&[1, 1]).is_err(),
        "no event, no comparable pair"
    );
}

#[test]
fn survival_is_known_up_to_the_last_follow_up_or_once_everyone_died() {
    let curve = |survival: Vec<f64>| SurvivalCurve {
        time_months: vec![0.0, 2.0, 5.0],
        lower: survival.clone(),
        upper: survival.clone(),
        survival,
        censored_months: Vec::new(),
    };
    let alive = curve(vec![1.0, 0.5, 0.25]);
    assert_eq!(alive.known_at(4.0), Some((0.5, 0.5, 0.5)));
    assert_eq!(alive.known_at(5.0), Some((0.25, 0.25, 0.25)));
    assert_eq!(alive.known_at(6.0), None, "beyond follow-up, still at risk");
    let extinct = curve(vec![1.0, 0.5, 0.0]);
    assert_eq!(
        extinct.known_at(24.0),
        Some((0.0, 0.0, 0.0)),
        "everyone died"
    );
}

/// The Cohort view's worker sentences and figures in German: the held-out note with the
/// decimal comma, the C-index with its interval, the score names and the log-rank
/// calibration sentence with the German date; English stays as it was.
#[test]
fn the_cohort_views_sentences_and_figures_speak_german() {
    use survlens_app::core::i18n::Lang;
    use survlens_app::views::cohort_view::{format_c, format_c_in};
    use survlens_app::views::measured::RISK_GROUP_CALIBRATION;
    let s = session();
    let v = Discrimination::build(s, &bootstrap()).unwrap();
    let summary = s.summary();
    let english = v.held_out_note_in(&summary, Lang::En);
    assert!(
        english.starts_with(&format!("On the {} held-out patients", v.overall.patients))
            && english.contains(&format!("model's C is {:.3},", summary.test_cindex)),
        "{english}"
    );
    let note = v.held_out_note_in(&summary, Lang::De);
    assert!(
        note.starts_with(&format!(
            "Für die {} zurückgehaltenen Patientinnen und Patienten",
            v.overall.patients
        )),
        "{note}"
    );
    assert!(
        note.contains(&Lang::De.decimal(summary.test_cindex, 3)),
        "{note}"
    );
    assert!(!note.contains("held-out"), "{note}");
    let c = v.overall.c.as_ref();
    assert_eq!(format_c_in(c, Lang::En), format_c(c));
    let german = format_c_in(c, Lang::De);
    assert!(german.contains(',') && !german.contains('.'), "{german}");
    assert_eq!(format_c_in(None, Lang::De), "nicht berechenbar");
    let english = RISK_GROUP_CALIBRATION.sentence_in(Lang::En);
    assert!(
        english.starts_with("How often this test misleads, measured: on 200 synthetic cohorts")
            && english.contains("(p < 0.05) on 13 (6.5%, where 5% is expected by chance)")
            && english.ends_with("(survlens calibrate-views --seeds 200, 2026-12-05)."),
        "{english}"
    );
    let measured = RISK_GROUP_CALIBRATION.sentence_in(Lang::De);
    assert!(
        measured.starts_with("Wie oft dieser Test irreführt"),
        "{measured}"
    );
    assert!(
        measured.contains("05.12.2026") && measured.contains("p < 0,05"),
        "{measured}"
    );
}

#[test]
fn the_held_out_note_names_the_patients_the_overall_row_counts() {
    // A network trained here: the held-out fold's two halves.
    let s = session();
    let v = Discrimination::build(s, &bootstrap()).unwrap();
    let note = v.held_out_note(&s.summary());
    assert!(note.starts_with(&format!("On the {} held-out patients", v.overall.patients)));
    assert!(note.contains("validation and test halves"));
    // A stored model on a new cohort: every patient is held out, none trained the network.
    let mut stored = s.clone();
    stored.held_out.iter_mut().for_each(|h| *h = true);
    let v = Discrimination::build(&stored, &bootstrap()).unwrap();
    let note = v.held_out_note(&stored.summary());
    assert!(
        note.starts_with(&format!("On all {} patients", stored.n_patients())),
        "{note}"
    );
    assert!(!note.contains("validation"), "{note}");
    assert!(note.contains(&format!("{:.3}", stored.test_cindex)));
}
