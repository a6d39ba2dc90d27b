//! The patient view's data against its sources: survival figures against the Breslow
//! baseline and Kaplan-Meier (by hand and on the demo), the waterfall and modality totals
//! against the relevances, what-if against the session, limitations against the raw
//! values, and the relevance export against the session it writes.

// Test helpers outside `#[test]` functions fail loudly by design.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod common;

use survlens_app::core::units::{DAYS_PER_MONTH, DAYS_PER_YEAR};
use survlens_app::views::patient::{Explained, PatientView, modality_totals, percentile_of};
use survlens_app::views::patient_export::relevance_csv;
use survlens_app::views::patient_flags::{FEW_TRAINING_PATIENTS, Limitation, limitations};
use survlens_app::views::patient_list::PatientPage;
use survlens_app::views::patient_report::{PatientEngine, PatientReport, TOP_MARKERS};
use survlens_app::views::patient_survival::{
    SurvivalFigures, cohort_curve, cohort_km, predicted_curve,
};
use survlens_app::views::patient_waterfall::{StepKind, Waterfall};
use survlens_app::views::whatif::{
    Edits, FieldKind, WhatIf, changed_markers, form_fields, parse_choice, parse_numeric,
};
use survlens_data::display::distinct_pair;
use survlens_data::encode::MarkerEncoding;
use survlens_model::{BreslowBaseline, KaplanMeier};

/// Bars shown one by one, as on the page.
const TOP: usize = 12;

use common::demo_session as session;

/// `H0(t)` read off the baseline's step points by a linear scan: the reference the
/// figures are checked against, independent of the library's binary search.
fn h0_by_hand(baseline: &BreslowBaseline, t: f64) -> f64 {
    let mut h = 0.0;
    for (&s, &v) in baseline.time().iter().zip(baseline.cumulative_hazard()) {
        if s <= t {
            h = v;
        }
    }
    h
}

#[test]
fn survival_figures_of_a_hand_made_baseline() {
    // H0 steps to 0.1 at day 100, 0.3 at day 300, 0.9 at day 500. With log-risk ln 2:
    // S(365.25 d) = exp(-0.3 * 2) = 0.548811636, S(730.5 d) = exp(-0.9 * 2) = 0.165298888
    // (by hand); the curve first reaches 0.5 at day 500 = 16.427 months.
    let baseline =
        BreslowBaseline::from_parts(vec![100.0, 300.0, 500.0], vec![0.1, 0.3, 0.9]).unwrap();
    // Kaplan-Meier of 4 patients, deaths at 100, 300, 500 and one censored at 600:
    // S = 3/4, then 1/2, then 1/4 (by hand); median 300 days.
    let km = KaplanMeier::fit(&[100.0, 300.0, 500.0, 600.0], &[true, true, true, false]).unwrap();
    let f = SurvivalFigures::new(&baseline, &km, 2f64.ln());
    let tol = 1e-9; // f64 rounding of exp and ln only.
    assert!((f.horizons[0].predicted - 0.548_811_636).abs() < tol);
    assert!((f.horizons[1].predicted - 0.165_298_888).abs() < tol);
    assert!((f.horizons[0].cohort - 0.5).abs() < 1e-12);
    assert!((f.horizons[1].cohort - 0.25).abs() < 1e-12);
    assert!(!f.horizons[0].beyond_training);
    assert!(f.horizons[1].beyond_training, "two years is after day 500");
    let (lo, hi) = f.horizons[0].cohort_ci;
    assert!(
        lo < 0.5 && 0.5 < hi,
        "the interval holds the estimate: {lo}..{hi}"
    );
    assert!((f.median_months.unwrap() - 500.0 / DAYS_PER_MONTH).abs() < 1e-12);
    assert!((f.cohort_median_months.unwrap() - 300.0 / DAYS_PER_MONTH).abs() < 1e-12);
    assert_eq!(f.median_text(), "16.4 months");

    // A low risk never reaches 50 % within the baseline's follow-up.
    let low = SurvivalFigures::new(&baseline, &km, -3.0);
    assert_eq!(low.median_months, None);
    assert_eq!(low.median_text(), "not reached (within 16 months)");
}

#[test]
fn survival_figures_of_the_demo_equal_the_breslow_baseline() {
    let s = session();
    let baseline = &s.model.baseline;
    let km = cohort_km(s).unwrap();
    for i in [0, 1, 17, 250, s.n_patients() - 1] {
        let r = f64::from(s.risk[i]);
        let f = SurvivalFigures::new(baseline, &km, r);
        for h in &f.horizons {
            let t = h.years * DAYS_PER_YEAR;
            // exp(-H0(t) exp(r)) with H0 read by hand: identical arithmetic, so equal to
            // f64 rounding.
            let want = (-h0_by_hand(baseline, t) * r.exp()).exp();
            assert!(
                (h.predicted - want).abs() < 1e-12,
                "{} vs {want}",
                h.predicted
            );
            assert_eq!(h.cohort, km.survival_at(t));
        }
        // The median is the first step time at which the curve is at or below one half.
        // Months back to days is one f64 division and multiplication (error ~1e-13 d), so
        // the curve is read 1e-6 days after and before that time.
        match f.median_months {
            Some(m) => {
                let t = m * DAYS_PER_MONTH;
                assert!(baseline.survival_at(t + 1e-6, r) <= 0.5);
                assert!(baseline.survival_at(t - 1e-6, r) > 0.5);
            }
            None => {
                let last = *baseline.time().last().unwrap();
                assert!(baseline.survival_at(last, r) > 0.5);
            }
        }
        // Higher risk, lower survival: the curve is monotone in the risk.
        let worse = SurvivalFigures::new(baseline, &km, r + 0.5);
        assert!(worse.horizons[0].predicted <= f.horizons[0].predicted);
    }
}

#[test]
fn survival_curves_are_steps_from_one_to_the_horizon() {
    let s = session();
    let km = cohort_km(s).unwrap();
    let horizon = 36.0;
    let r = f64::from(s.risk[3]);
    let predicted = predicted_curve(&s.model.baseline, r, horizon);
    assert_eq!(predicted[0].survival, 1.0);
    assert_eq!(predicted.last().unwrap().months, horizon);
    assert!(predicted.windows(2).all(|w| w[1].months >= w[0].months));
    assert!(predicted.windows(2).all(|w| w[1].survival <= w[0].survival));
    for p in &predicted {
        // Points sit on step times and the curve is right-continuous: read it 1e-6 days
        // after the point, beyond the ~1e-13 d rounding of months back to days.
        let want =
            (-h0_by_hand(&s.model.baseline, p.months * DAYS_PER_MONTH + 1e-6) * r.exp()).exp();
        assert!((p.survival - want).abs() < 1e-12);
    }
    let cohort = cohort_curve(&km, horizon);
    assert!(cohort.windows(2).all(|w| w[1].survival <= w[0].survival));
    assert!(
        cohort
            .iter()
            .all(|p| p.lower <= p.survival && p.survival <= p.upper)
    );
}

#[test]
fn waterfall_steps_add_up_to_the_relevances_and_the_risk() {
    let s = session();
    let cohort_mean = s.risk.iter().sum::<f32>() / s.n_patients() as f32;
    for i in 0..s.n_patients() {
        let v = PatientView::build(s, i, TOP).unwrap();
        let w = Waterfall::new(&v, Some(cohort_mean), None);
        let relevance_sum: f32 = s.relevance_of(i).iter().sum();
        // Top bars, "others" and the patient's relevances summed in another order: f32
        // rounding over 17 terms of size < 1.
        assert!(
            (w.marker_sum() - relevance_sum).abs() < 1e-4,
            "patient {i}: {} vs {relevance_sum}",
            w.marker_sum()
        );
        // Output = inputs' relevance + biases + stabilisers (LRP accounting): the last
        // step ends at the risk up to f32 rounding.
        assert!(
            (w.end() - s.risk[i]).abs() < 1e-3,
            "{} vs {}",
            w.end(),
            s.risk[i]
        );
        assert_eq!(w.start, 0.0);
        assert!(w.steps.windows(2).all(|p| p[0].end == p[1].start));
        let markers: Vec<_> = w
            .steps
            .iter()
            .filter_map(|st| match &st.kind {
                StepKind::Marker(c) => Some(c.relevance.abs()),
                _ => None,
            })
            .collect();
        assert_eq!(markers.len(), TOP.min(s.n_markers()));
        assert!(
            markers.windows(2).all(|p| p[0] >= p[1]),
            "sorted by |relevance|"
        );
        assert!(matches!(w.steps.last().unwrap().kind, StepKind::Biases));
    }
}

#[test]
fn modality_totals_partition_the_relevances() {
    let s = session();
    for i in [0, 9, 400] {
        let relevance = s.relevance_of(i);
        let totals = modality_totals(s, relevance);
        let sum: f32 = totals.iter().map(|t| t.relevance).sum();
        let want: f32 = relevance.iter().sum();
        assert!((sum - want).abs() < 1e-4, "{sum} vs {want}"); // f32 rounding
        assert_eq!(
            totals.iter().map(|t| t.n_markers).sum::<usize>(),
            s.n_markers()
        );
        for t in &totals {
            let by_hand: f32 = s
                .markers
                .iter()
                .zip(relevance)
                .filter(|(m, _)| m.modality == t.modality)
                .map(|(_, r)| r)
                .sum();
            assert!((t.relevance - by_hand).abs() < 1e-5);
        }
        assert!(
            totals
                .windows(2)
                .all(|p| p[0].relevance.abs() >= p[1].relevance.abs())
        );
        assert_eq!(
            PatientView::build(s, i, TOP).unwrap().modality_totals,
            totals
        );
    }
}

#[test]
fn what_if_with_unchanged_values_is_the_session_view() {
    let s = session();
    let mut engine = WhatIf::new(s).unwrap();
    for i in [0, 5, 123, 599] {
        let values = s.values_of(i).to_vec();
        let scenario = engine.evaluate(s, &values).unwrap();
        let edited = PatientView::explain(s, i, scenario.explained(&values), TOP).unwrap();
        let original = PatientView::build(s, i, TOP).unwrap();
        // Batch and single-patient LRP differ in f32 summation order only.
        assert!((edited.risk - original.risk).abs() < 1e-4);
        assert!(
            (edited.accounting.bias_relevance - original.accounting.bias_relevance).abs() < 1e-4
        );
        assert_eq!(edited.group, original.group);
        for (a, b) in edited.top.iter().zip(&original.top) {
            assert!((a.relevance - b.relevance).abs() < 1e-4);
            assert_eq!(a.value_text, b.value_text);
        }
        assert!(changed_markers(s.values_of(i), &values).is_empty());
    }
}

#[test]
fn worsening_performance_status_through_the_form_raises_risk() {
    let s = session();
    let mut engine = WhatIf::new(s).unwrap();
    let i = (0..s.n_patients())
        .find(|&i| {
            let j = s
                .markers
                .iter()
                .position(|m| m.id.contains("ecog"))
                .unwrap();
            s.values_of(i)[j] == 0.0
        })
        .expect("a patient with ECOG 0");
    let fields = form_fields(s, i);
    assert_eq!(fields.len(), s.n_markers());
    assert!(fields.first().unwrap().treatment, "treatments come first");
    let ecog = fields.iter().find(|f| f.id.contains("ecog")).unwrap();
    let FieldKind::Choice { levels } = &ecog.kind else {
        panic!("ECOG is a choice");
    };
    let worst = parse_choice(&(levels.len() - 1).to_string(), levels.len()).unwrap();
    let mut values = s.values_of(i).to_vec();
    values[ecog.marker] = worst;
    let scenario = engine.evaluate(s, &values).unwrap();
    let edited = PatientView::explain(s, i, scenario.explained(&values), TOP).unwrap();
    // The teaching cohort plants a strong harmful effect of poor performance status.
    assert!(
        edited.risk > s.risk[i],
        "ECOG 0 -> worst: {} vs {}",
        edited.risk,
        s.risk[i]
    );
    assert!(edited.percentile >= percentile_of(&s.risk, s.risk[i]));
    assert_eq!(changed_markers(s.values_of(i), &values), vec![ecog.marker]);
    // The ghost of the edited marker is its original contribution.
    let w = Waterfall::new(&edited, Some(0.0), Some((s.relevance_of(i), s.risk[i])));
    for step in &w.steps {
        if let StepKind::Marker(c) = &step.kind {
            assert_eq!(step.original, Some(s.relevance_of(i)[c.marker]));
        }
    }
    assert_eq!(w.original_output, Some(s.risk[i]));
    // The session itself is untouched.
    assert_eq!(s.values_of(i)[ecog.marker], 0.0);
}

#[test]
fn limitations_list_missing_markers_and_values_outside_training() {
    let s = session();
    let i = (0..s.n_patients())
        .find(|&i| s.values_of(i).iter().any(|v| v.is_nan()))
        .expect("the teaching cohort has missing values");
    let values = s.values_of(i).to_vec();
    let entity = s.entity_of[i] as usize;
    let flags = limitations(s, &values, entity);
    let missing: Vec<usize> = flags
        .iter()
        .filter_map(|f| match f {
            Limitation::Missing { marker, .. } => Some(*marker),
            _ => None,
        })
        .collect();
    let want: Vec<usize> = (0..s.n_markers()).filter(|&j| values[j].is_nan()).collect();
    assert_eq!(missing, want);

    // Push one numeric marker to twice its training maximum.
    let (j, max) = s
        .model
        .encoder
        .markers()
        .iter()
        .find_map(|plan| match plan.encoding {
            MarkerEncoding::Numeric {
                range: Some([_, hi]),
                ..
            } if hi > 0.0 => Some((s.markers.iter().position(|m| m.id == plan.name)?, hi)),
            _ => None,
        })
        .unwrap();
    let mut edited = values.clone();
    edited[j] = (2.0 * max) as f32;
    let flags = limitations(s, &edited, entity);
    assert!(
        flags
            .iter()
            .any(|f| matches!(f, Limitation::OutsideTraining { marker, .. } if *marker == j))
    );
    // The sentence's numbers are rounded, and a value just above the maximum never reads
    // as the maximum itself.
    let unit = &s.markers[j].unit;
    let with_unit = |x: String| {
        if unit.is_empty() {
            x
        } else {
            format!("{x} {unit}")
        }
    };
    for above in [2.0 * max, max * (1.0 + 1e-4)] {
        let above = f64::from(above as f32);
        if above <= max {
            continue;
        }
        edited[j] = above as f32;
        let flags = limitations(s, &edited, entity);
        let (value, range) = flags
            .iter()
            .find_map(|f| match f {
                Limitation::OutsideTraining {
                    marker,
                    value,
                    range,
                    ..
                } if *marker == j => Some((value.clone(), range.clone())),
                _ => None,
            })
            .unwrap();
        let (want_value, want_max) = distinct_pair(above, max);
        assert_ne!(want_value, want_max);
        assert_eq!(value, with_unit(want_value));
        assert!(
            range.ends_with(&format!(" to {}", with_unit(want_max))),
            "{range}"
        );
    }
    edited[j] = max as f32;
    let flags = limitations(s, &edited, entity);
    assert!(
        !flags
            .iter()
            .any(|f| matches!(f, Limitation::OutsideTraining { marker, .. } if *marker == j)),
        "the training maximum itself is inside"
    );

    // Entities: flagged exactly when they had few training patients.
    for (e, name) in s.entities.iter().enumerate() {
        let n_training = (0..s.n_patients())
            .filter(|&k| s.entity_of[k] as usize == e && !s.held_out[k])
            .count();
        let mut v = values.clone();
        if let Some(plan) = s.model.encoder.entity() {
            let je = s.markers.iter().position(|m| m.id == plan.name).unwrap();
            v[je] = e as f32;
        }
        let rare = limitations(s, &v, e)
            .into_iter()
            .any(|f| matches!(f, Limitation::RareEntity { ref entity, .. } if entity == name));
        assert_eq!(
            rare,
            n_training < FEW_TRAINING_PATIENTS,
            "{name}: {n_training}"
        );
    }
}

#[test]
fn a_cohort_without_training_patients_names_no_rare_entity_and_no_training_cut_offs() {
    use survlens_app::core::origin::ModelOrigin;
    use survlens_app::views::patient::risk_group_note;
    // The demo, as if a stored model explained it: every patient held out, so how many
    // patients of an entity trained the model is not known here.
    let mut s = session().clone();
    s.held_out.iter_mut().for_each(|h| *h = true);
    for e in 0..s.entities.len() {
        let i = (0..s.n_patients())
            .find(|&k| s.entity_of[k] as usize == e)
            .unwrap_or(0);
        let values = s.values[i * s.n_markers()..(i + 1) * s.n_markers()].to_vec();
        assert!(
            !limitations(&s, &values, e)
                .iter()
                .any(|f| matches!(f, Limitation::RareEntity { .. })),
            "entity {e}"
        );
    }
    // Where the risk groups come from, by origin of the network.
    let cuts = [-0.5, 0.5];
    let onnx = ModelOrigin::Onnx {
        file_name: "net.onnx".into(),
        producer: String::new(),
        n_inputs: 3,
    };
    assert!(risk_group_note(cuts, &onnx).contains("this cohort's risk scores"));
    assert!(!risk_group_note(cuts, &onnx).contains("training"));
    let file = ModelOrigin::File {
        file_name: "m.json".into(),
        model: Default::default(),
    };
    assert!(risk_group_note(cuts, &file).contains("stored in its file"));
    assert!(risk_group_note(cuts, &ModelOrigin::Unrecorded).contains("the training patients"));
    assert!(risk_group_note(cuts, &ModelOrigin::Unrecorded).contains("-0.500 and +0.500"));
}

#[test]
fn relevance_csv_has_one_row_per_patient_and_reads_back() {
    let s = session();
    let csv = relevance_csv(s);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), s.n_patients() + 1);
    let header: Vec<&str> = lines[0].split(',').collect();
    assert_eq!(header[..2], ["patient_id", "prediction"]);
    let ids: Vec<&str> = s.markers.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(header[2..], ids[..]);
    let m = s.n_markers();
    for i in [0, 77, s.n_patients() - 1] {
        let fields: Vec<&str> = lines[i + 1].split(',').collect();
        assert_eq!(fields.len(), m + 2);
        assert_eq!(fields[0], s.patient_ids[i]);
        // Shortest round-trip formatting: every number reads back bit for bit.
        assert_eq!(fields[1].parse::<f32>().unwrap(), s.risk[i]);
        for j in 0..m {
            assert_eq!(
                fields[j + 2].parse::<f32>().unwrap(),
                s.relevance[i * m + j]
            );
        }
    }
}

#[test]
fn form_inputs_are_read_or_refused() {
    let cases: [(&str, Option<f32>); 6] = [
        ("3.5", Some(3.5)),
        (" 3,5 ", Some(3.5)),
        ("-2", Some(-2.0)),
        ("abc", None),
        ("inf", None),
        ("1e3", Some(1000.0)),
    ];
    for (text, want) in cases {
        assert_eq!(parse_numeric(text), want, "{text:?}");
    }
    assert!(parse_numeric("").unwrap().is_nan(), "empty means missing");
    assert_eq!(parse_choice("2", 3), Some(2.0));
    assert_eq!(parse_choice("3", 3), None);
    assert_eq!(parse_choice("-1", 3), None);
    assert!(parse_choice("", 3).unwrap().is_nan());
    assert_eq!(
        changed_markers(&[1.0, f32::NAN, 2.0], &[1.0, f32::NAN, 3.0]),
        vec![2]
    );
    let s = session();
    assert!(Explained::of_session(s, s.n_patients()).is_none());
    assert!(PatientView::build(s, s.n_patients(), TOP).is_none());
}

#[test]
fn every_risk_group_has_a_style_in_the_page() {
    use survlens_app::views::patient::RiskGroup;
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../web/style.css"))
        .unwrap();
    let groups = [RiskGroup::Low, RiskGroup::Intermediate, RiskGroup::High];
    for (i, g) in groups.iter().enumerate() {
        // The patient view's risk group (a `dd`) is coloured for every group.
        assert!(
            css.contains(&format!("dd.group-{} ", g.key())),
            "no style for {}",
            g.key()
        );
        for other in &groups[i + 1..] {
            assert_ne!(g.key(), other.key());
        }
    }
}

/// The patient report the worker sends is the view-model's own figures: with the recorded
/// values it is the session's view; with an edit it is the what-if engine's, beside the
/// recorded figures, and dropping the edit returns to the recorded report exactly.
#[test]
fn the_patient_report_is_the_session_view_or_the_what_if_beside_it() {
    let s = session();
    let mut engine = PatientEngine::new(s);
    let i = s.first_patient();
    let recorded = PatientReport::build(s, &mut engine, i, &Edits::default()).unwrap();
    assert!(!recorded.what_if);
    assert_eq!(
        recorded.view,
        PatientView::build(s, i, TOP_MARKERS).unwrap()
    );
    assert_eq!(recorded.recorded_risk, s.risk[i]);
    assert_eq!(recorded.recorded_relevance, None);
    assert_eq!(recorded.recorded_figures, None);
    assert_eq!(recorded.scenario_note, None);
    // Compared through `Debug`, where a missing value's `NaN` equals itself.
    assert_eq!(
        format!("{:?}", recorded.fields),
        format!("{:?}", form_fields(s, i))
    );
    assert!(
        recorded
            .values
            .iter()
            .zip(s.values_of(i))
            .all(|(a, b)| a.to_bits() == b.to_bits())
    );
    assert!(PatientReport::build(s, &mut engine, s.n_patients(), &Edits::default()).is_none());

    // Edit the marker that matters most for this patient to the other end of its range.
    let j = recorded.view.top[0].marker;
    let value = match &recorded.fields.iter().find(|f| f.marker == j).unwrap().kind {
        FieldKind::Choice { levels } => {
            if s.values_of(i)[j] == 0.0 {
                (levels.len() - 1) as f32
            } else {
                0.0
            }
        }
        FieldKind::Numeric { .. } => s.values_of(i)[j] * 2.0 + 1.0,
    };
    let mut edits = Edits::default();
    edits.set(s.values_of(i), j, value);
    assert_eq!(edits.markers().collect::<Vec<_>>(), vec![j]);
    let edited = PatientReport::build(s, &mut engine, i, &edits).unwrap();
    assert!(edited.what_if);
    let values = edits.apply(s.values_of(i));
    assert_eq!(changed_markers(s.values_of(i), &values), vec![j]);
    let scenario = WhatIf::new(s).unwrap().evaluate(s, &values).unwrap();
    assert_eq!(edited.view.risk, scenario.risk);
    assert_ne!(edited.view.risk, s.risk[i]);
    assert_eq!(edited.recorded_risk, s.risk[i]);
    assert_eq!(
        edited.recorded_relevance.as_deref(),
        Some(s.relevance_of(i))
    );
    assert_eq!(
        format!("{:?}", edited.recorded_figures),
        format!("{:?}", recorded.figures)
    );
    assert_eq!(
        edited.limits,
        limitations(s, &values, s.entity_of[i] as usize)
    );
    let note = edited.scenario_note.as_deref().unwrap();
    assert!(note.contains(&s.markers[j].name), "{note}");
    let curves = edited.curves.as_ref().unwrap();
    assert_eq!(
        curves.predicted,
        recorded.curves.as_ref().unwrap().predicted
    );
    assert!(curves.what_if.is_some());

    // Setting the recorded value again drops the edit: the recorded report comes back.
    edits.set(s.values_of(i), j, s.values_of(i)[j]);
    assert!(edits.is_empty());
    assert_eq!(
        format!(
            "{:?}",
            PatientReport::build(s, &mut engine, i, &edits).unwrap()
        ),
        format!("{recorded:?}")
    );
}

/// The picker's page: the highest risks first, every match counted, an exact identifier
/// found whatever its rank.
#[test]
fn the_patient_page_lists_the_highest_risks_and_finds_an_exact_id() {
    let s = session();
    let all = PatientPage::build(s, "");
    assert_eq!(all.matches, s.n_patients());
    assert_eq!(all.rows.len(), PatientPage::ROWS.min(s.n_patients()));
    assert!(all.rows.windows(2).all(|w| w[0].risk >= w[1].risk));
    let max = s.risk.iter().copied().fold(f32::MIN, f32::max);
    assert_eq!(all.rows[0].risk, max);
    assert_eq!(all.exact, None);
    // The lowest-risk patient is beyond the first page, and found by its identifier.
    let lowest = (0..s.n_patients())
        .min_by(|&a, &b| s.risk[a].total_cmp(&s.risk[b]))
        .unwrap();
    let id = &s.patient_ids[lowest];
    let page = PatientPage::build(s, &format!(" {id} "));
    assert_eq!(page.exact.as_ref().map(|r| r.index), Some(lowest));
    assert!(page.rows.iter().any(|r| r.index == lowest));
    assert_eq!(PatientPage::build(s, "no such patient").matches, 0);
}

/// The patient a trained cohort opens on is the highest-risk held-out patient, the page
/// says so beside it, and every report says whether the model trained on its patient; a
/// cohort whose patients were all held out opens on the list's first row and tags nobody.
#[test]
fn the_opening_patient_is_the_highest_risk_held_out_one_and_says_why() {
    use survlens_app::core::i18n::Lang;
    use survlens_app::core::session::{Opening, OpeningReason};
    let s = session();
    let n_held_out = s.held_out.iter().filter(|&&h| h).count();
    assert!(n_held_out > 0 && n_held_out < s.n_patients());
    let highest_held_out = (0..s.n_patients())
        .filter(|&i| s.held_out[i])
        .max_by(|&a, &b| s.risk[a].total_cmp(&s.risk[b]))
        .unwrap();
    let opening = s.opening();
    assert_eq!(
        opening,
        Opening {
            index: highest_held_out,
            reason: OpeningReason::HighestRiskHeldOut {
                held_out: n_held_out
            }
        }
    );
    assert_eq!(s.summary().opening, opening);
    // Not the list's first row in this cohort: the sentence is what tells the user why.
    let first_row = PatientPage::build(s, "").rows[0].index;
    assert!(
        !s.held_out[first_row],
        "the highest risk overall is a training patient"
    );
    let en = opening.sentence_in(Lang::En, s.n_patients());
    assert!(
        en.starts_with(&format!(
            "Shown first: of the {n_held_out} patients the model did not train on, the one with \
             the highest risk."
        )),
        "{en}"
    );
    assert!(
        en.contains(&format!("all {} patients", s.n_patients())),
        "{en}"
    );
    let de = opening.sentence_in(Lang::De, s.n_patients());
    assert!(
        de.starts_with("Zuerst gezeigt") && de.contains(&n_held_out.to_string()),
        "{de}"
    );

    let mut engine = PatientEngine::new(s);
    for (i, trained) in [(highest_held_out, false), (first_row, true)] {
        let report = PatientReport::build(s, &mut engine, i, &Edits::default()).unwrap();
        assert_eq!(report.trained_on, Some(trained), "patient {i}");
        assert_eq!(s.trained_on(i), Some(trained));
    }

    // Every patient held out (a network trained elsewhere): the list's first row, no tags.
    let mut elsewhere = s.clone();
    elsewhere.held_out.iter_mut().for_each(|h| *h = true);
    let opening = elsewhere.opening();
    assert_eq!(opening.reason, OpeningReason::HighestRisk);
    assert_eq!(
        opening.index,
        PatientPage::build(&elsewhere, "").rows[0].index
    );
    assert_eq!(elsewhere.trained_on(opening.index), None);
}
