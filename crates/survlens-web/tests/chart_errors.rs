//! Why a chart could not be drawn, in the page's two languages: every [`ChartError`] names
//! a catalogue message whose English is the error's `Display` and whose German is a German
//! sentence; a chart that meets a value it cannot place names that value in its own
//! language, so a German page reads the whole failure in German.
//!
//! The charts here are built from plain data, without a trained session.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::views::model_view::CalibrationGroup;
use survlens_app::views::teaching::{MarkerFidelity, TruthRow, Verdict};
use survlens_data::Describe;
use survlens_web::charts::calibration::CalibrationChart;
use survlens_web::charts::fidelity::{ImportanceScatter, TruthPairChart};
use survlens_web::charts::heatmap::Heatmap;
use survlens_web::charts::importance::CumulativeShare;
use survlens_web::charts::{Chart, ChartError, render_svg};

/// Every variant's code ([`ChartError::code`]).
const CODES: [&str; 8] = [
    "backend",
    "busy",
    "layout",
    "not_finite",
    "axis",
    "shape",
    "canvas_size",
    "no_canvas_2d",
];

/// One error of each variant, its descriptions in German as a German chart writes them,
/// with the exact German sentence of each.
fn every_variant() -> Vec<(ChartError, &'static str)> {
    vec![
        (
            ChartError::Backend {
                description: "font not found".into(),
            },
            "die Zeichenfläche hat einen Fehler gemeldet (font not found)",
        ),
        (
            ChartError::Busy,
            "die Zeichenfläche war durch eine andere Zeichnung belegt",
        ),
        (
            ChartError::Layout,
            "die Teile des Diagramms passen nicht in seine Zeichenfläche",
        ),
        (
            ChartError::NotFinite {
                what: "die Relevanz von Albumin".into(),
                value: f64::NAN,
            },
            "die Relevanz von Albumin ist keine Zahl (NaN) und lässt sich nicht im Diagramm \
             eintragen",
        ),
        (
            ChartError::Axis {
                axis: "Relevanz".into(),
                low: 0.1 + 0.2,
                high: f64::INFINITY,
            },
            "die Achse „Relevanz“ würde von 0,3 bis inf reichen",
        ),
        (
            ChartError::Shape {
                what: "die Werte der Heatmap".into(),
                expected: 6,
                found: 5,
            },
            "die Zahl der Einträge für die Werte der Heatmap ist 5 statt der erwarteten 6",
        ),
        (
            ChartError::CanvasSize,
            "das Canvas-Element hat die benötigte Größe abgelehnt",
        ),
        (
            ChartError::NoCanvas2d,
            "dieser Browser stellt kein 2D-Canvas bereit",
        ),
    ]
}

#[test]
fn every_error_reads_in_english_as_its_display_and_in_german() {
    let errors = every_variant();
    let seen: Vec<&str> = errors.iter().map(|(e, _)| e.code()).collect();
    assert_eq!(seen, CODES, "one per variant");
    for (e, german) in &errors {
        let m = e.message();
        assert!(m.key.starts_with("chart-error-"), "{}", m.key);
        let en = Lang::En.message(&m);
        let de = Lang::De.message(&m);
        assert_eq!(en, e.to_string(), "{}", m.key);
        assert_ne!(de, en, "{}", m.key);
        assert_ne!(de, m.key, "{} is missing in German", m.key);
        assert_eq!(de, *german, "{}", m.key);
    }
    // The same errors with English descriptions, as an English chart writes them.
    for e in [
        ChartError::NotFinite {
            what: "the relevance of Albumin".into(),
            value: f64::NEG_INFINITY,
        },
        ChartError::Axis {
            axis: "risk".into(),
            low: f64::NAN,
            high: 1234.5,
        },
        ChartError::Shape {
            what: "the heatmap's values".into(),
            expected: 1200,
            found: 1,
        },
    ] {
        assert_eq!(Lang::En.message(&e.message()), e.to_string());
    }
}

#[test]
fn an_axis_writes_its_ends_rounded_with_the_language_s_decimal_mark() {
    let axis = |low, high| ChartError::Axis {
        axis: "Monate".into(),
        low,
        high,
    };
    for (e, english, german) in [
        (
            axis(-0.000_000_123_456, 2.5),
            "the Monate axis would run from -1.235e-7 to 2.5",
            "die Achse „Monate“ würde von -1.235e-7 bis 2,5 reichen",
        ),
        (
            axis(12_345.678, f64::NAN),
            "the Monate axis would run from 12350 to NaN",
            "die Achse „Monate“ würde von 12350 bis NaN reichen",
        ),
        (
            axis(f64::NEG_INFINITY, 0.0),
            "the Monate axis would run from -inf to 0",
            "die Achse „Monate“ würde von -inf bis 0 reichen",
        ),
    ] {
        assert_eq!(e.to_string(), english);
        assert_eq!(Lang::En.message(&e.message()), english);
        assert_eq!(Lang::De.message(&e.message()), german);
    }
    // An infinity and a value that is not a number read as words in German.
    let inf = ChartError::NotFinite {
        what: "der Schwellenwert".into(),
        value: f64::INFINITY,
    };
    assert_eq!(
        Lang::De.message(&inf.message()),
        "der Schwellenwert ist unendlich und lässt sich nicht im Diagramm eintragen"
    );
}

// ---------------------------------------------------------------------------------------
// Charts that meet a value they cannot place.

/// The chart's error.
fn draw_err<C: Chart>(chart: &C) -> ChartError {
    match render_svg(chart) {
        Ok(_) => panic!("{} drew data it should refuse", chart.file_stem()),
        Err(e) => e,
    }
}

/// The sentence the page shows under a chart that failed, in `lang`.
fn failure(lang: Lang, e: &ChartError) -> String {
    let reason = lang.message(&e.message());
    lang.t_with("ui-chart-failed", &[("reason", Arg::Text(&reason))])
}

/// English words of the charts' error sentences; none may appear in a German one.
const ENGLISH: [&str; 22] = [
    "the", "of", "is", "which", "cannot", "be", "placed", "on", "chart", "has", "entries", "where",
    "were", "expected", "axis", "would", "run", "from", "to", "at", "rank", "group",
];

/// The chart's failure in German, checked to be German throughout and to differ from the
/// English one (which is the error's `Display`, framed).
fn german_failure<C: Chart>(mut chart: C, set_lang: impl Fn(&mut C, Lang)) -> String {
    set_lang(&mut chart, Lang::En);
    let english = draw_err(&chart);
    assert_eq!(Lang::En.message(&english.message()), english.to_string());
    set_lang(&mut chart, Lang::De);
    let german = draw_err(&chart);
    assert_eq!(german.code(), english.code());
    let sentence = failure(Lang::De, &german);
    assert_ne!(sentence, failure(Lang::En, &english));
    let words: Vec<&str> = sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    for word in &words {
        assert!(
            !ENGLISH.contains(&word.to_lowercase().as_str()),
            "{word:?} in {sentence:?}"
        );
    }
    sentence
}

fn group(observed_upper: f64) -> CalibrationGroup {
    CalibrationGroup {
        group: 0,
        n: 40,
        predicted: 0.72,
        observed: 0.68,
        observed_lower: 0.55,
        observed_upper,
    }
}

#[test]
fn a_calibration_plot_with_a_nan_fails_in_german() {
    let chart = CalibrationChart {
        groups: vec![group(f64::NAN), group(0.9)],
        months: 60.0,
        lang: Lang::En,
    };
    assert_eq!(
        draw_err(&chart).to_string(),
        "the upper limit of observed survival of risk group 1 is NaN, which cannot be placed \
         on the chart"
    );
    assert_eq!(
        german_failure(chart, |c, lang| c.lang = lang),
        "Das Diagramm konnte nicht gezeichnet werden: die obere Grenze des beobachteten \
         Überlebens der Risikogruppe 1 ist keine Zahl (NaN) und lässt sich nicht im Diagramm \
         eintragen. Die Tabelle enthält dieselben Zahlen."
    );
}

#[test]
fn a_truth_pair_chart_with_a_nan_fails_in_german() {
    let row = |name: &str, truth: f32| TruthRow {
        marker: 0,
        name: name.into(),
        value_text: "35 g/L".into(),
        truth,
        relevance: 0.2,
        prognostic: true,
        effect: String::new(),
        verdict: Verdict::Agrees,
    };
    let chart = TruthPairChart {
        patient: "P0007".into(),
        rows: vec![row("CRP", 0.4), row("Albumin", f32::NAN)],
        lang: Lang::En,
    };
    assert_eq!(
        draw_err(&chart).to_string(),
        "the true contribution of Albumin is NaN, which cannot be placed on the chart"
    );
    assert_eq!(
        german_failure(chart, |c, lang| c.lang = lang),
        "Das Diagramm konnte nicht gezeichnet werden: der wahre Beitrag von Albumin ist keine \
         Zahl (NaN) und lässt sich nicht im Diagramm eintragen. Die Tabelle enthält dieselben \
         Zahlen."
    );
}

#[test]
fn an_importance_scatter_with_an_infinity_fails_in_german() {
    let marker = |name: &str, lrp_importance: f32| MarkerFidelity {
        marker: 0,
        name: name.into(),
        true_importance: 0.3,
        lrp_importance,
        prognostic: true,
        detectable: true,
        interactions: Vec::new(),
    };
    let chart = ImportanceScatter {
        markers: vec![marker("LDH", f32::NEG_INFINITY)],
        lang: Lang::En,
    };
    assert_eq!(
        draw_err(&chart).to_string(),
        "the LRP importance of LDH is -inf, which cannot be placed on the chart"
    );
    let sentence = german_failure(chart, |c, lang| c.lang = lang);
    assert!(
        sentence.contains("die LRP-Bedeutung von LDH ist -inf und lässt sich nicht"),
        "{sentence}"
    );
}

#[test]
fn a_cumulative_share_fails_in_german_on_a_nan_and_on_too_few_ranks() {
    let share = |shares: Vec<f64>, n_key| CumulativeShare {
        shares,
        threshold: 0.9,
        n_key,
        lang: Lang::En,
    };
    let chart = share(vec![0.4, f64::NAN, 0.95], 2);
    assert_eq!(
        draw_err(&chart).to_string(),
        "the cumulative share at rank 2 is NaN, which cannot be placed on the chart"
    );
    assert_eq!(
        german_failure(chart, |c, lang| c.lang = lang),
        "Das Diagramm konnte nicht gezeichnet werden: der kumulierte Anteil auf Rang 2 ist \
         keine Zahl (NaN) und lässt sich nicht im Diagramm eintragen. Die Tabelle enthält \
         dieselben Zahlen."
    );
    let chart = share(vec![0.5, 0.8], 5);
    assert_eq!(
        draw_err(&chart).to_string(),
        "the cumulative shares of 5 key markers has 2 entries where 5 were expected"
    );
    assert_eq!(
        german_failure(chart, |c, lang| c.lang = lang),
        "Das Diagramm konnte nicht gezeichnet werden: die Zahl der Einträge für die \
         kumulierten Anteile von 5 Schlüsselmarkern ist 2 statt der erwarteten 5. Die Tabelle \
         enthält dieselben Zahlen."
    );
}

#[test]
fn a_heatmap_of_the_wrong_shape_fails_in_german() {
    let chart = Heatmap {
        row_labels: vec!["Lunge".into(), "Darm".into()],
        col_labels: vec!["CRP".into(), "LDH".into()],
        values: vec![0.1, 0.2, 0.3],
        max: 0.3,
        marks: Vec::new(),
        legend: String::new(),
        mark_legend: String::new(),
        stem: "heatmap".into(),
        lang: Lang::En,
    };
    assert_eq!(
        draw_err(&chart).to_string(),
        "the heatmap's values has 3 entries where 4 were expected"
    );
    assert_eq!(
        german_failure(chart, |c, lang| c.lang = lang),
        "Das Diagramm konnte nicht gezeichnet werden: die Zahl der Einträge für die Werte der \
         Heatmap ist 3 statt der erwarteten 4. Die Tabelle enthält dieselben Zahlen."
    );
}
