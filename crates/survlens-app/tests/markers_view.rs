//! The markers view against the demo job's own relevances: key markers, cumulative shares,
//! beeswarm, dependence and the entity heatmap must restate the session's numbers, and the
//! key markers must be the fewest that reach the threshold.

// Test helpers outside `#[test]` functions fail loudly by design.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod common;

use survlens_app::core::session::Session;
use survlens_app::views::markers_view::{
    BEESWARM_MARKERS, Beeswarm, DependenceView, EntityHeatmap, HEATMAP_MARKERS, KeyMarkerView,
    MAX_DOTS, MarkersViewError, jitter,
};

use common::demo_session as session;

/// Mean |relevance| of marker `j` over `rows`, summed in f64 in row order: the definition,
/// written out independently of the library.
fn direct_mean_abs(s: &Session, j: usize, rows: impl Iterator<Item = usize>) -> f64 {
    let (mut sum, mut count) = (0.0f64, 0usize);
    for p in rows {
        sum += f64::from(s.relevance_of(p)[j]).abs();
        count += 1;
    }
    sum / count as f64
}

/// A copy of the demo session with relevances from a fixed linear congruential sequence,
/// scaled per marker so that importance spreads over orders of magnitude.
fn with_scrambled_relevance(seed: u64) -> Session {
    let mut s = session().clone();
    let m = s.n_markers();
    let mut state = seed;
    for (k, r) in s.relevance.iter_mut().enumerate() {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let u = (state >> 40) as f32 / (1u64 << 24) as f32 - 0.5;
        *r = u * 0.7f32.powi((k % m) as i32);
    }
    s
}

fn check_key_markers(s: &Session, threshold: f64) {
    let view = KeyMarkerView::build(s, threshold).unwrap();
    let m = s.n_markers();
    assert_eq!(view.rows.len(), m);
    // Importance is the definition's mean |relevance|; both sums run in f64 in row order,
    // so they agree to rounding of the final division (1e-12 relative).
    for row in &view.rows {
        let want = direct_mean_abs(s, row.marker, 0..s.n_patients());
        assert!(
            (row.importance - want).abs() <= 1e-12 * want.max(1e-300),
            "{}: {} vs {want}",
            row.name,
            row.importance
        );
    }
    // Ranked by decreasing importance; cumulative shares non-decreasing, ending at 1
    // (the last partial sum is the total: exact up to one rounding, 1e-12).
    assert!(
        view.rows
            .windows(2)
            .all(|w| w[0].importance >= w[1].importance)
    );
    assert!(
        view.rows
            .windows(2)
            .all(|w| w[0].cumulative_share <= w[1].cumulative_share)
    );
    let last = view.rows.last().unwrap().cumulative_share;
    assert!((last - 1.0).abs() <= 1e-12, "curve ends at {last}");
    let shares: f64 = view.rows.iter().map(|r| r.share).sum();
    assert!((shares - 1.0).abs() <= 1e-12, "shares sum to {shares}");
    // Key markers reach the threshold, and one fewer would not: minimal.
    let n_key = view.n_key;
    assert!(n_key >= 1 && n_key <= m);
    assert!(view.rows[n_key - 1].cumulative_share >= threshold - 1e-12);
    if n_key >= 2 {
        assert!(
            view.rows[n_key - 2].cumulative_share < threshold,
            "{} markers already reach {threshold}",
            n_key - 1
        );
    }
    assert_eq!(view.key_markers().len(), n_key);
    assert!(view.rows.iter().all(|r| r.key == (r.rank <= n_key)));
    // Modality shares partition the total and the key markers.
    let by_modality: f64 = view.modality_shares.iter().map(|s| s.share).sum();
    assert!((by_modality - 1.0).abs() <= 1e-12);
    let key_count: usize = view.modality_shares.iter().map(|s| s.key_markers).sum();
    assert_eq!(key_count, n_key);
    assert!(
        view.sentence()
            .starts_with(&format!("{n_key} of {m} markers"))
    );
}

#[test]
fn key_markers_reach_the_threshold_and_are_minimal() {
    for threshold in [0.5, 0.8, 0.9, 0.95, 1.0] {
        check_key_markers(session(), threshold);
    }
    for seed in [1, 2, 3] {
        let s = with_scrambled_relevance(seed);
        for threshold in [0.3, 0.9, 0.999] {
            check_key_markers(&s, threshold);
        }
    }
    assert!(matches!(
        KeyMarkerView::build(session(), 0.0),
        Err(MarkersViewError::Xai(_))
    ));
    assert!(matches!(
        KeyMarkerView::build(session(), 1.5),
        Err(MarkersViewError::Xai(_))
    ));
}

#[test]
fn beeswarm_rows_hold_one_dot_per_patient() {
    let s = session();
    let ranking = KeyMarkerView::build(s, 0.9).unwrap().ranking();
    let swarm = Beeswarm::build(s, &ranking, BEESWARM_MARKERS, MAX_DOTS).unwrap();
    let m = s.n_markers();
    assert_eq!(swarm.rows.len(), BEESWARM_MARKERS.min(m));
    assert_eq!(swarm.n_drawn, s.n_patients());
    for (row, &j) in swarm.rows.iter().zip(&ranking) {
        assert_eq!(row.marker, j);
        assert_eq!(row.dots.len(), s.n_patients(), "{}", row.name);
        for (p, dot) in row.dots.iter().enumerate() {
            assert_eq!(dot.patient, p);
            // The dot's x is the session's relevance itself (no arithmetic on it).
            assert_eq!(dot.relevance, s.relevance_of(p)[j]);
            assert!((-1.0..=1.0).contains(&dot.offset));
            assert!(dot.relevance.abs() <= swarm.extent);
            let value = s.values_of(p)[j];
            assert_eq!(dot.colour.is_none(), value.is_nan(), "{} row {p}", row.name);
            assert!(dot.colour.is_none_or(|c| (0.0..=1.0).contains(&c)));
        }
        let missing = (0..s.n_patients())
            .filter(|&p| s.values_of(p)[j].is_nan())
            .count();
        assert_eq!(row.missing, missing);
        let want = direct_mean_abs(s, j, 0..s.n_patients());
        assert!((row.importance - want).abs() <= 1e-12 * want.max(1e-300));
    }
    // Deterministic: the same layout on every build.
    assert_eq!(
        swarm,
        Beeswarm::build(s, &ranking, BEESWARM_MARKERS, MAX_DOTS).unwrap()
    );
    // Thinned to an evenly spaced sample when the cohort exceeds the dot limit.
    let thin = Beeswarm::build(s, &ranking, 3, 100).unwrap();
    assert_eq!(thin.rows.len(), 3);
    for row in &thin.rows {
        assert_eq!(row.dots.len(), 100);
        assert!(row.dots.windows(2).all(|w| w[0].patient < w[1].patient));
        assert_eq!(row.dots[1].patient, s.n_patients() / 100);
    }
    assert!(matches!(
        Beeswarm::build(s, &[m], 1, MAX_DOTS),
        Err(MarkersViewError::UnknownMarker { marker, .. }) if marker == m
    ));
}

#[test]
fn higher_values_of_a_monotone_marker_sit_on_one_side() {
    // For the most important numeric marker the colour (value) and x (relevance) must be
    // related: the medians of the bottom and top fifth of values differ. A beeswarm that
    // mixed up patients between colour and x would show no difference.
    let s = session();
    let ranking = KeyMarkerView::build(s, 0.9).unwrap().ranking();
    let swarm = Beeswarm::build(s, &ranking, BEESWARM_MARKERS, MAX_DOTS).unwrap();
    let row = swarm
        .rows
        .iter()
        .find(|r| s.markers[r.marker].levels.is_empty())
        .unwrap();
    let (lo, hi) = (
        row.median_relevance_low.unwrap(),
        row.median_relevance_high.unwrap(),
    );
    assert!(
        (hi - lo).abs() > 0.1 * row.importance as f32,
        "{}: median relevance {lo} (low values) vs {hi} (high values)",
        row.name
    );
}

#[test]
fn dependence_accounts_for_every_patient() {
    let s = session();
    let m = s.n_markers();
    for j in 0..m {
        let colour = (j + 1) % m;
        let view = DependenceView::build(s, j, Some(colour), MAX_DOTS).unwrap();
        assert_eq!(view.dots.len() + view.missing, s.n_patients());
        let binned: usize = view.bins.iter().map(|b| b.patients).sum();
        assert_eq!(binned, s.n_patients());
        for dot in &view.dots {
            let p = dot.patient;
            assert_eq!(dot.value, s.values_of(p)[j]);
            assert_eq!(dot.relevance, s.relevance_of(p)[j]);
            if view.is_categorical() {
                // Columns per level, jitter within +-0.3 of the level index.
                assert!((dot.x - dot.value).abs() <= 0.3 + 1e-6);
            } else {
                assert_eq!(dot.x, dot.value);
            }
            assert_eq!(dot.colour.is_none(), s.values_of(p)[colour].is_nan());
        }
        // Each bin's mean is the mean of its patients' relevances: the bins' weighted means
        // add up to the cohort's mean relevance (f64 sums of f32 values, 1e-9 absolute).
        let total: f64 = view
            .bins
            .iter()
            .map(|b| b.mean_relevance * b.patients as f64)
            .sum();
        let direct: f64 = (0..s.n_patients())
            .map(|p| f64::from(s.relevance_of(p)[j]))
            .sum();
        assert!((total - direct).abs() <= 1e-9 * s.n_patients() as f64);
        assert!(!view.axis_label().is_empty());
    }
    assert!(DependenceView::build(s, m, None, MAX_DOTS).is_err());
    assert!(DependenceView::build(s, 0, Some(m), MAX_DOTS).is_err());
    assert!(
        DependenceView::build(s, 0, None, MAX_DOTS)
            .unwrap()
            .colour_by
            .is_none()
    );
}

#[test]
fn heatmap_cells_are_the_entity_means() {
    let s = session();
    let ranking = KeyMarkerView::build(s, 0.9).unwrap().ranking();
    let heat = EntityHeatmap::build(s, &ranking, HEATMAP_MARKERS).unwrap();
    assert_eq!(heat.markers.len(), HEATMAP_MARKERS.min(s.n_markers()));
    assert_eq!(heat.markers, ranking[..heat.markers.len()]);
    let patients: usize = heat.rows.iter().map(|r| r.patients).sum();
    assert_eq!(patients, s.n_patients());
    assert!(heat.rows.windows(2).all(|w| w[0].patients >= w[1].patients));
    let mut max = 0.0f64;
    for row in &heat.rows {
        let members = || (0..s.n_patients()).filter(|&p| s.entity_of[p] as usize == row.entity);
        assert_eq!(members().count(), row.patients);
        for (k, &j) in heat.markers.iter().enumerate() {
            let want = direct_mean_abs(s, j, members());
            // Same f64 summation in row order: rounding of the division only.
            assert!(
                (row.values[k] - want).abs() <= 1e-12 * want.max(1e-300),
                "{} x {}: {} vs {want}",
                row.name,
                s.markers[j].name,
                row.values[k]
            );
            max = max.max(want);
        }
    }
    assert!((heat.max - max).abs() <= 1e-12 * max);
}

#[test]
fn jitter_is_deterministic_and_bounded() {
    for p in 0..10_000 {
        let j = jitter(p);
        assert!((-0.5..0.5).contains(&j));
        assert_eq!(j, jitter(p));
    }
    // Consecutive rows land far apart (golden-ratio sequence): no two of the first 8 rows
    // within 0.05 of each other.
    for a in 0..8 {
        for b in a + 1..8 {
            assert!((jitter(a) - jitter(b)).abs() > 0.05, "{a} {b}");
        }
    }
}

/// The Markers view's worker texts in German: the markers' names from the marker
/// dictionary, modalities, the key-marker sentence with German numbers, the dependence
/// table's value ranges and its missing row, the entities' German names and the measured
/// key-marker calibration with the German date; the English figures stay as they were.
#[test]
fn the_markers_view_speaks_german() {
    use survlens_app::core::i18n::Lang;
    use survlens_app::core::session::entity_name_in;
    use survlens_app::views::measured::KEY_MARKER_CALIBRATION;
    let s = session();
    let en = KeyMarkerView::build(s, 0.9).unwrap();
    let de = KeyMarkerView::build_in(s, 0.9, Lang::De).unwrap();
    assert_eq!(en.ranking(), de.ranking());
    assert_eq!(en.n_key, de.n_key);
    assert_eq!(
        en.sentence(),
        format!(
            "{} of {} markers carry 90% of the total importance (mean |relevance| over {} patients).",
            en.n_key,
            en.rows.len(),
            en.n_patients
        )
    );
    assert_eq!(
        de.sentence_in(Lang::De),
        format!(
            "{} von {} Markern tragen 90\u{a0}% der Gesamtrelevanz (mittlere |Relevanz| über {} Patientinnen und Patienten).",
            de.n_key,
            de.rows.len(),
            Lang::De.integer(de.n_patients as i64)
        )
    );
    let mut german_names = 0;
    for (e, d) in en.rows.iter().zip(&de.rows) {
        let info = &s.markers[e.marker];
        assert_eq!(e.name, info.name);
        assert_eq!(d.name, info.name_in(Lang::De));
        german_names += usize::from(d.name != e.name);
        assert_eq!(d.modality, info.modality_in(Lang::De));
        assert_eq!(de.modalities[d.modality_index], d.modality);
    }
    assert!(german_names > 0, "no marker has a German name");
    assert!(de.modalities.iter().any(|m| !en.modalities.contains(m)));

    let r = en.ranking();
    let numeric = *r.iter().find(|&&j| s.markers[j].levels.is_empty()).unwrap();
    let dep_en = DependenceView::build(s, numeric, None, MAX_DOTS).unwrap();
    let dep_de = DependenceView::build_in(s, numeric, None, MAX_DOTS, Lang::De).unwrap();
    assert_eq!(dep_en.dots, dep_de.dots);
    assert_eq!(dep_de.name, s.markers[numeric].name_in(Lang::De));
    for (e, d) in dep_en.bins.iter().zip(&dep_de.bins) {
        assert_eq!(e.patients, d.patients);
        if e.label == "missing (imputed)" {
            assert_eq!(d.label, "fehlend (imputiert)");
        } else {
            assert!(e.label.contains(" to "), "{}", e.label);
            assert!(
                d.label.contains(" bis ") && !d.label.contains(" to "),
                "{}",
                d.label
            );
        }
    }

    let heat = EntityHeatmap::build_in(s, &r, HEATMAP_MARKERS, Lang::De).unwrap();
    for row in &heat.rows {
        assert_eq!(row.name, entity_name_in(&s.entities[row.entity], Lang::De));
    }
    let swarm = Beeswarm::build_in(s, &r, BEESWARM_MARKERS, MAX_DOTS, Lang::De).unwrap();
    for row in &swarm.rows {
        assert_eq!(row.name, s.markers[row.marker].name_in(Lang::De));
    }

    let measured = KEY_MARKER_CALIBRATION.sentence_in(Lang::De);
    assert!(
        measured.starts_with("Schlüsselmarker beschreiben"),
        "{measured}"
    );
    assert!(measured.contains("im Mittel 13,5 Marker"), "{measured}");
    assert!(measured.contains("84\u{a0}%"), "{measured}");
    assert!(measured.contains("05.12.2026"), "{measured}");
    // English from the same catalogue entry, in today's wording and number forms.
    let english = KEY_MARKER_CALIBRATION.sentence_in(Lang::En);
    assert!(
        english.starts_with("Key markers describe where the network's importance goes"),
        "{english}"
    );
    assert!(
        english.contains("13.5 markers were key on average")
            && english.contains("84% of the planted markers")
            && english.ends_with("(survlens calibrate-views --seeds 200, 2026-12-05)."),
        "{english}"
    );
}
