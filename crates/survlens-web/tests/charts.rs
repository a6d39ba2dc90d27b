//! Every chart of the page, drawn natively into SVG (plotters' `SVGBackend::with_string`,
//! the path of the page's SVG download) from the view-model of a short demo job: the
//! teaching cohort trained by the study's recipe, 5 epochs per stage. For each chart the
//! SVG is read back element by element and checked against the data it was drawn from:
//! the data's strings are `<text>` elements, there is one mark per datum (bar, dot, curve,
//! cell), and where a colour encodes direction or risk it is the Okabe-Ito colour for it.
//! Each chart also meets the data it cannot draw (nothing, one point, NaN, an infinity,
//! lists of different lengths) and answers with a "no data" sentence or a `ChartError`
//! naming the value, never a panic.
//!
//! Natively plotters measures text with its built-in estimate (the workspace builds it
//! without the `ttf` and `ab_glyph` font features), which is all the SVG writer needs: the
//! browser lays the text out when it shows the file.

// Test helpers outside `#[test]` functions fail loudly by design.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::sync::OnceLock;

use plotters::prelude::*;
use survlens_app::core::i18n::Lang;
use survlens_app::core::session::{EpochLine, Session};
use survlens_app::job::pipeline::{Finished, Job, JobStep};
use survlens_app::sources::spec::{JobSpec, Recipe};
use survlens_app::views::cohort_view::{Population, RiskGroupSurvival, RiskGrouping};
use survlens_app::views::interactions_view::{InteractionMatrix, Method, PairPlot, PairSurvival};
use survlens_app::views::marker_profile::{
    CohortEffects, DistributionBar, MarkerProfile, ProfilePoint,
};
use survlens_app::views::markers_view::{
    BEESWARM_MARKERS, Beeswarm, DependenceView, EntityHeatmap, HEATMAP_MARKERS, KeyMarkerView,
    MAX_DOTS,
};
use survlens_app::views::model_view::{
    EncodedCohort, MethodComparison, MethodSettings, MetricSettings, ModelReport, TrainingCurve,
};
use survlens_app::views::patient::PatientView;
use survlens_app::views::patient_compare::SideBySide;
use survlens_app::views::patient_reference::{Explanation, ReferenceGroup};
use survlens_app::views::patient_report::{PatientEngine, PatientReport};
use survlens_app::views::patient_survival::{
    chart_horizon_months, cohort_curve, cohort_km, predicted_curve,
};
use survlens_app::views::patient_waterfall::{StepKind, Waterfall};
use survlens_app::views::teaching::{compare_patient, fidelity};
use survlens_app::views::whatif::{Edits, WhatIf};
use survlens_web::charts::beeswarm::BeeswarmChart;
use survlens_web::charts::calibration::CalibrationChart;
use survlens_web::charts::dependence::DependenceChart;
use survlens_web::charts::fidelity::{ImportanceScatter, TruthPairChart};
use survlens_web::charts::heatmap::Heatmap;
use survlens_web::charts::importance::{CumulativeShare, ImportanceBars};
use survlens_web::charts::interaction_pair::PairChart;
use survlens_web::charts::km::KmChart;
use survlens_web::charts::marker_profile::{EffectsChart, ProfileChart};
use survlens_web::charts::model_deletion::DeletionChart;
use survlens_web::charts::model_methods::{MethodBarsChart, method_colour};
use survlens_web::charts::side_by_side::SideBySideChart;
use survlens_web::charts::survival_curve::SurvivalCurveChart;
use survlens_web::charts::training::TrainingChart;
use survlens_web::charts::waterfall::WaterfallChart;
use survlens_web::charts::{Chart, ChartError, render_svg, style};

// ---------------------------------------------------------------------------------------
// The palette, from its source: Okabe & Ito, "Color Universal Design" (2008), the eight
// colours as published, in hex.

const VERMILLION: &str = "#D55E00";
const BLUE: &str = "#0072B2";
const BLUISH_GREEN: &str = "#009E73";
const ORANGE: &str = "#E69F00";
const SKY_BLUE: &str = "#56B4E9";
const REDDISH_PURPLE: &str = "#CC79A7";
const YELLOW: &str = "#F0E442";
const BLACK: &str = "#000000";
const OKABE_ITO: [&str; 8] = [
    BLACK,
    ORANGE,
    SKY_BLUE,
    BLUISH_GREEN,
    YELLOW,
    BLUE,
    VERMILLION,
    REDDISH_PURPLE,
];

fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

// ---------------------------------------------------------------------------------------
// The demo job, once per test binary (as survlens-app's tests/common/mod.rs runs it).

fn demo() -> &'static Finished {
    static JOB: OnceLock<Finished> = OnceLock::new();
    JOB.get_or_init(|| {
        let mut spec = JobSpec::demo();
        spec.recipe = Recipe::Study;
        spec.training.epochs_per_stage = 5;
        let mut job = Job::new(spec);
        loop {
            match job.step() {
                Ok(JobStep::Done(done)) => return *done,
                Ok(JobStep::Progress(_) | JobStep::FirstLook(_) | JobStep::Explained(_)) => {}
                Err(e) => panic!("demo job failed: {e}"),
            }
        }
    })
}

fn session() -> &'static Session {
    &demo().session
}

fn ranking() -> Vec<usize> {
    KeyMarkerView::build(session(), 0.9).unwrap().ranking()
}

// ---------------------------------------------------------------------------------------
// Reading plotters' SVG back. The writer puts one element on a line, attributes in double
// quotes with `<>&"'` escaped, and a `<text>` element's content on the line after its tag.

#[derive(Debug)]
struct Mark {
    tag: String,
    attrs: Vec<(String, String)>,
    text: String,
}

impl Mark {
    fn attr(&self, key: &str) -> &str {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, v)| v.as_str())
    }

    fn num(&self, key: &str) -> f64 {
        self.attr(key)
            .parse()
            .unwrap_or_else(|_| panic!("{key} of {self:?}"))
    }

    fn is(&self, tag: &str) -> bool {
        self.tag == tag
    }

    fn fill(&self) -> &str {
        self.attr("fill")
    }

    fn stroke(&self) -> &str {
        self.attr("stroke")
    }

    fn opacity(&self) -> f64 {
        self.num("opacity")
    }

    fn points(&self) -> Vec<(i32, i32)> {
        self.attr("points")
            .split_whitespace()
            .map(|p| {
                let (x, y) = p.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect()
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn parse(svg: &str) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut lines = svg.lines();
    while let Some(line) = lines.next() {
        let line = line.trim();
        if !line.starts_with('<') || line.starts_with("</") || line.starts_with("<svg") {
            continue;
        }
        let body = line
            .trim_start_matches('<')
            .trim_end_matches('>')
            .trim_end_matches('/');
        let (tag, mut rest) = body.split_once(' ').unwrap_or((body, ""));
        let mut attrs = Vec::new();
        while let Some((key, after)) = rest.split_once("=\"") {
            let (value, next) = after.split_once('"').unwrap();
            attrs.push((key.trim().to_owned(), unescape(value)));
            rest = next;
        }
        let text = if tag == "text" {
            unescape(lines.next().unwrap_or(""))
        } else {
            String::new()
        };
        marks.push(Mark {
            tag: tag.to_owned(),
            attrs,
            text,
        });
    }
    marks
}

/// The chart drawn as the page's SVG download, read back.
struct Drawn {
    marks: Vec<Mark>,
}

impl Drawn {
    fn texts(&self) -> impl Iterator<Item = &str> {
        self.marks
            .iter()
            .filter(|m| m.is("text"))
            .map(|m| m.text.as_str())
    }

    /// Whether `label` is written, whole or cut short with an ellipsis.
    fn shows(&self, label: &str) -> bool {
        self.texts().any(|t| {
            t == label
                || t.strip_suffix('…').is_some_and(|kept| {
                    !kept.trim().is_empty() && label.starts_with(kept.trim_end())
                })
        })
    }

    fn assert_shows(&self, label: &str) {
        assert!(
            self.shows(label),
            "{label:?} is not among the texts {:?}",
            self.texts().collect::<Vec<_>>()
        );
    }

    fn count(&self, pick: impl Fn(&Mark) -> bool) -> usize {
        self.marks.iter().filter(|m| pick(m)).count()
    }

    fn all(&self, pick: impl Fn(&Mark) -> bool) -> Vec<&Mark> {
        self.marks.iter().filter(|m| pick(m)).collect()
    }
}

fn draw<C: Chart>(chart: &C) -> Drawn {
    let svg = render_svg(chart).unwrap_or_else(|e| panic!("{}: {e}", chart.file_stem()));
    assert!(svg.starts_with("<svg"), "{svg}");
    Drawn { marks: parse(&svg) }
}

fn draw_err<C: Chart>(chart: &C) -> ChartError {
    match render_svg(chart) {
        Ok(_) => panic!("{} drew data it should refuse", chart.file_stem()),
        Err(e) => e,
    }
}

/// The chart drew its "nothing to show" sentence and no data marks.
fn assert_no_data<C: Chart>(chart: &C, sentence: &str) {
    let d = draw(chart);
    d.assert_shows(sentence);
    let data = d.count(|m| {
        m.is("circle")
            || m.is("polyline")
            || m.is("polygon")
            || (m.is("rect") && m.fill() != "#FFFFFF")
    });
    assert_eq!(
        data,
        0,
        "{}: marks beside the no-data sentence",
        chart.file_stem()
    );
}

fn assert_not_finite(e: ChartError, named: &str) {
    match &e {
        ChartError::NotFinite { what, value } => {
            assert!(what.contains(named), "{e} should name {named:?}");
            assert!(!value.is_finite());
        }
        other => panic!("expected NotFinite naming {named:?}, got {other:?}"),
    }
    assert!(e.to_string().contains(named));
}

// ---------------------------------------------------------------------------------------

#[test]
fn the_page_palette_is_okabe_ito() {
    for (ours, published) in [
        (style::RAISES, VERMILLION),
        (style::LOWERS, BLUE),
        (style::GREEN, BLUISH_GREEN),
        (style::ORANGE, ORANGE),
        (style::SKY, SKY_BLUE),
        (style::PURPLE, REDDISH_PURPLE),
    ] {
        assert_eq!(hex(ours), published);
    }
    for c in style::SERIES {
        assert!(OKABE_ITO.contains(&hex(c).as_str()));
    }
}

// ---------------------------------------------------------------------------------------
// Patient view

fn waterfall_of(patient: usize) -> (PatientView, WaterfallChart) {
    let s = session();
    let view = PatientView::build(s, patient, 12).unwrap();
    let mean = s.risk.iter().map(|&r| f64::from(r)).sum::<f64>() / s.n_patients() as f64;
    let waterfall = Waterfall::new(&view, Some(mean as f32), None);
    let chart = WaterfallChart {
        patient: view.id.clone(),
        waterfall,
        lang: Lang::En,
    };
    (view, chart)
}

#[test]
fn waterfall_draws_one_bar_per_contribution_coloured_by_its_sign() {
    let (view, chart) = waterfall_of(0);
    let d = draw(&chart);
    let w = &chart.waterfall;
    // Bars are drawn first, in step order: one per step in the direction colours or grey.
    let bars = d.all(|m| m.is("rect") && [VERMILLION, BLUE, "#8A8A8A"].contains(&m.fill()));
    assert_eq!(bars.len(), w.steps.len(), "one bar per step");
    for (bar, step) in bars.iter().zip(&w.steps) {
        match &step.kind {
            StepKind::Marker(c) => {
                let expected = if c.relevance > 0.0 { VERMILLION } else { BLUE };
                assert_eq!(bar.fill(), expected, "{}: {:+}", c.name, c.relevance);
                d.assert_shows(&c.name);
                d.assert_shows(&c.value_text);
                d.assert_shows(&c.modality);
            }
            StepKind::Others { n_markers } => {
                assert_eq!(*n_markers, view.n_others);
                assert_eq!((bar.fill(), bar.opacity()), ("#8A8A8A", 1.0));
            }
            StepKind::Biases => assert_eq!((bar.fill(), bar.opacity()), ("#8A8A8A", 0.35)),
        }
        d.assert_shows(&format!("{:+.3}", step.relevance));
    }
    assert_eq!(
        w.steps
            .iter()
            .filter(|s| matches!(s.kind, StepKind::Marker(_)))
            .count(),
        view.top.len()
    );
    // Bar lengths are proportional to the contributions (to two pixels of rounding), at
    // the scale of the longest bar.
    let (longest, step) = bars
        .iter()
        .zip(&w.steps)
        .max_by(|a, b| a.1.relevance.abs().total_cmp(&b.1.relevance.abs()))
        .unwrap();
    let per_unit = longest.num("width") / f64::from(step.relevance.abs());
    for (bar, step) in bars.iter().zip(&w.steps) {
        let expected = per_unit * f64::from(step.relevance.abs());
        assert!(
            (bar.num("width") - expected).abs() <= 2.0,
            "bar of {:+} is {} px, expected {expected:.1}",
            step.relevance,
            bar.num("width")
        );
    }
    // The risk score's own bar, and its value.
    assert_eq!(d.count(|m| m.is("rect") && m.fill() == "#1F242B"), 1);
    d.assert_shows(&format!("{:+.3}", w.output));
    d.assert_shows(&format!("cohort mean {:+.2}", w.cohort_mean.unwrap()));
}

#[test]
fn waterfall_relative_to_a_typical_patient_starts_at_a_labelled_line() {
    let s = session();
    let mut engine = PatientEngine::new(s);
    let report = PatientReport::build_with(
        s,
        &mut engine,
        0,
        &Edits::default(),
        Explanation::TypicalPatient {
            of: ReferenceGroup::Cohort,
        },
    )
    .unwrap();
    let typical = report
        .typical
        .as_ref()
        .expect("the typical patient is built");
    let chart = WaterfallChart {
        patient: report.view.id.clone(),
        waterfall: report.waterfall.clone(),
        lang: Lang::En,
    };
    let d = draw(&chart);
    d.assert_shows(&format!("typical patient {:+.2}", typical.risk));
    // No bar for the biases: the markers' bars alone add up to the difference.
    assert!(
        chart
            .waterfall
            .steps
            .iter()
            .all(|st| !matches!(st.kind, StepKind::Biases))
    );
    // The first bar starts on the line: one vertical black line at one of its two edges.
    let bars = d.all(|m| m.is("rect") && [VERMILLION, BLUE, "#8A8A8A"].contains(&m.fill()));
    let first = bars.first().expect("a bar");
    let edges = [first.num("x"), first.num("x") + first.num("width")];
    let lines = d.all(|m| {
        m.is("polyline") && m.stroke() == "#1F242B" && {
            let p = m.points();
            p.len() == 2 && p[0].0 == p[1].0 && p[0].1 != p[1].1
        }
    });
    assert!(
        lines.iter().any(|l| edges
            .iter()
            .any(|&e| (f64::from(l.points()[0].0) - e).abs() <= 1.5)),
        "a vertical black line at {edges:?}"
    );
}

#[test]
fn waterfall_refuses_a_contribution_that_is_not_a_number() {
    let (view, mut chart) = waterfall_of(1);
    chart.waterfall.steps[0].relevance = f32::NAN;
    assert_not_finite(draw_err(&chart), &view.top[0].name);
    let (_, mut chart) = waterfall_of(1);
    chart.waterfall.output = f32::INFINITY;
    assert_not_finite(draw_err(&chart), "risk score");
}

fn side_by_side(models: bool) -> SideBySideChart {
    let s = session();
    let mut engine = PatientEngine::new(s);
    let comparison = if models {
        SideBySide::models(s, &mut engine, 0, Explanation::Study).unwrap()
    } else {
        SideBySide::patients(s, &mut engine, 0, 1, Explanation::Study).unwrap()
    };
    SideBySideChart {
        comparison,
        lang: Lang::En,
    }
}

#[test]
fn side_by_side_draws_two_aligned_bars_per_row_on_one_scale() {
    for models in [false, true] {
        let chart = side_by_side(models);
        let c = &chart.comparison;
        let d = draw(&chart);
        let bars = d.all(|m| m.is("rect") && [VERMILLION, BLUE, "#8A8A8A"].contains(&m.fill()));
        assert_eq!(bars.len(), 2 * c.rows.len(), "two bars per row");
        let (left, right) = bars.split_at(c.rows.len());
        for ((l, r), row) in left.iter().zip(right).zip(&c.rows) {
            // Aligned: the two bars of a row at the same height.
            assert_eq!(l.num("y"), r.num("y"), "{}", row.name);
            if row.marker.is_some() {
                let colour = |v: f32| if v >= 0.0 { VERMILLION } else { BLUE };
                assert_eq!(l.fill(), colour(row.left), "{}", row.name);
                assert_eq!(r.fill(), colour(row.right), "{}", row.name);
            }
            d.assert_shows(&format!("{:+.3}", row.left));
            d.assert_shows(&format!("{:+.3}", row.right));
            let difference = format!("{:+.3}", row.difference);
            assert!(
                d.texts()
                    .any(|t| t.contains("diff") && t.ends_with(&difference)),
                "{}: {difference}",
                row.name
            );
            if !models && row.marker.is_some() {
                d.assert_shows(&format!("value {}", row.left_value));
            }
        }
        // One scale: pixels per unit are the same on both sides (two pixels of rounding).
        let per_unit = |bars: &[&Mark], values: Vec<f32>| {
            let (bar, v) = bars
                .iter()
                .zip(values)
                .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
                .unwrap();
            bar.num("width") / f64::from(v.abs())
        };
        let pl = per_unit(left, c.rows.iter().map(|r| r.left).collect());
        let pr = per_unit(right, c.rows.iter().map(|r| r.right).collect());
        assert!((pl - pr).abs() / pl < 0.02, "{pl} vs {pr} px per unit");
        d.assert_shows(&c.left.label);
        d.assert_shows(&format!("risk score {:+.3}", c.right.risk));
        // The axis is labelled beyond 0 whatever the scale.
        let ticks = d
            .texts()
            .filter(|t| t.parse::<f64>().is_ok_and(|v| v != 0.0) && t.len() <= 5)
            .count();
        assert!(ticks >= 4, "{ticks} tick labels besides 0");
    }
}

#[test]
fn side_by_side_refuses_a_contribution_that_is_not_a_number() {
    let mut chart = side_by_side(false);
    chart.comparison.rows[0].right = f32::NAN;
    let name = chart.comparison.rows[0].name.clone();
    assert_not_finite(draw_err(&chart), &name);
    let mut chart = side_by_side(true);
    chart.comparison.rows.clear();
    assert_no_data(&chart, "No markers to compare.");
}

fn survival_chart(patient: usize, what_if: bool) -> SurvivalCurveChart {
    let s = session();
    let km = cohort_km(s).unwrap();
    let horizon = chart_horizon_months(&s.model.baseline);
    let risk = f64::from(s.risk[patient]);
    SurvivalCurveChart {
        patient: s.patient_ids[patient].clone(),
        cohort: cohort_curve(&km, horizon),
        ci_level: km.level,
        predicted: predicted_curve(&s.model.baseline, risk, horizon),
        what_if: what_if.then(|| predicted_curve(&s.model.baseline, risk + 0.5, horizon)),
        horizon_months: horizon,
        lang: Lang::En,
    }
}

#[test]
fn survival_curve_draws_the_patient_and_the_cohort_as_step_lines() {
    for what_if in [false, true] {
        let chart = survival_chart(3, what_if);
        let d = draw(&chart);
        // A step line through n points has 2n - 1 corners.
        let lines = |colour: &str, width: &str| {
            d.all(|m| m.is("polyline") && m.stroke() == colour && m.attr("stroke-width") == width)
        };
        let cohort = lines("#8A8A8A", "2");
        assert_eq!(cohort.len(), 2, "the cohort's curve and its legend line");
        assert_eq!(cohort[0].points().len(), 2 * chart.cohort.len() - 1);
        let (patient_width, patient_lines) = if what_if { ("2", 1) } else { ("3", 2) };
        let patient = lines(BLUE, patient_width);
        assert!(patient.len() >= patient_lines);
        assert_eq!(patient[0].points().len(), 2 * chart.predicted.len() - 1);
        let edited = lines(ORANGE, "3");
        assert_eq!(edited.len(), if what_if { 2 } else { 0 });
        if let Some(w) = &chart.what_if {
            assert_eq!(edited[0].points().len(), 2 * w.len() - 1);
        }
        // The band: one polygon.
        assert_eq!(d.count(|m| m.is("polygon") && m.fill() == "#8A8A8A"), 1);
        assert!(
            d.texts()
                .any(|t| t.contains(&format!("{:.0}%", 100.0 * chart.ci_level)))
        );
    }
}

/// In German the survival chart's axes, legends and ticks are German, with the percent sign
/// after a space and no English label left.
#[test]
fn survival_curve_speaks_german() {
    let mut chart = survival_chart(3, true);
    chart.lang = Lang::De;
    let d = draw(&chart);
    d.assert_shows("Monate seit Studienbeginn");
    d.assert_shows("Überleben");
    d.assert_shows("Kohorte (Kaplan-Meier)");
    d.assert_shows("diese Person, erfasste Werte");
    d.assert_shows("Was wäre, wenn (geänderte Werte)");
    d.assert_shows("20\u{a0}%");
    d.assert_shows(&format!(
        "{:.0}-%-Konfidenzband der Kohorte",
        100.0 * chart.ci_level
    ));
    for english in [
        "months since baseline",
        "survival",
        "cohort (Kaplan-Meier)",
        "20%",
    ] {
        assert!(
            !d.shows(english),
            "{english:?} is drawn in the German chart"
        );
    }
    chart.cohort.clear();
    chart.predicted.clear();
    chart.what_if = None;
    assert_no_data(&chart, "Keine Überlebenskurve darzustellen.");
}

/// The German waterfall: its labels, and its numbers with a decimal comma.
#[test]
fn waterfall_speaks_german_with_decimal_commas() {
    let (_, mut chart) = waterfall_of(0);
    chart.lang = Lang::De;
    let d = draw(&chart);
    d.assert_shows("Risikoscore (logarithmiertes Risiko)");
    d.assert_shows(&Lang::De.signed(f64::from(chart.waterfall.output), 3));
    assert!(!d.shows("Risk score (log-risk)"));
    // Every signed amount drawn is written with a comma, none with a point.
    let amounts: Vec<String> = d
        .texts()
        .filter(|t| {
            t.starts_with(['+', '-'])
                && t[1..]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        })
        .map(str::to_owned)
        .collect();
    assert!(!amounts.is_empty());
    assert!(
        amounts.iter().all(|a| a.contains(',') && !a.contains('.')),
        "{amounts:?}"
    );
}

#[test]
fn survival_curve_without_curves_says_so_and_refuses_an_endless_axis() {
    let mut chart = survival_chart(0, false);
    chart.cohort.clear();
    chart.predicted.clear();
    assert_no_data(&chart, "No survival curve to show.");
    let mut chart = survival_chart(0, false);
    chart.horizon_months = f64::INFINITY;
    let e = draw_err(&chart);
    assert!(matches!(e, ChartError::Axis { .. }));
    assert_eq!(e.code(), "axis");
    let mut chart = survival_chart(0, false);
    chart.predicted[2].survival = f64::NAN;
    assert_not_finite(draw_err(&chart), "point 3 of the patient's predicted curve");
    // A single point still draws: a line of one corner.
    let mut chart = survival_chart(0, false);
    chart.cohort.truncate(1);
    chart.predicted.truncate(1);
    let d = draw(&chart);
    assert_eq!(
        d.all(|m| m.is("polyline") && m.stroke() == BLUE && m.attr("stroke-width") == "3")[0]
            .points()
            .len(),
        1
    );
}

// ---------------------------------------------------------------------------------------
// Cohort and interactions views: Kaplan-Meier curves

/// One curve per group in the group's colour (lowest risk bluish green, highest
/// vermillion), with its band, one tick per censoring time and its numbers at risk.
fn check_km(chart: &KmChart, colours: &[&str]) {
    let d = draw(chart);
    let s = &chart.survival;
    assert_eq!(s.groups.len(), colours.len());
    for (g, &colour) in s.groups.iter().zip(colours) {
        let Some(curve) = &g.curve else { continue };
        let curves =
            d.all(|m| m.is("polyline") && m.stroke() == colour && m.attr("stroke-width") == "2");
        assert_eq!(curves.len(), 1, "group {}: one curve", g.label);
        // Two corners per step, the first and the held last value one each.
        assert_eq!(curves[0].points().len(), 2 * curve.time_months.len());
        let ticks =
            d.count(|m| m.is("polyline") && m.stroke() == colour && m.attr("stroke-width") == "1");
        assert_eq!(
            ticks,
            curve.censored_months.len(),
            "group {}: censoring ticks",
            g.label
        );
        assert_eq!(d.count(|m| m.is("polygon") && m.fill() == colour), 1);
        assert!(
            d.texts()
                .any(|t| t.starts_with(&g.label) && t.contains(&g.patients.to_string())),
            "legend of {}",
            g.label
        );
        let numbers: Vec<&str> = d.texts().collect();
        for n in &g.at_risk {
            assert!(numbers.contains(&n.to_string().as_str()), "{n} at risk");
        }
    }
    for l in &s.landmarks_months {
        d.assert_shows(&format!("{l:.0}"));
    }
}

#[test]
fn kaplan_meier_curves_of_the_risk_groups() {
    let s = session();
    let tertiles =
        RiskGroupSurvival::build(s, RiskGrouping::Tertiles, Population::HeldOut).unwrap();
    check_km(
        &KmChart::risk_groups(&tertiles),
        &[BLUISH_GREEN, ORANGE, VERMILLION],
    );
    let quartiles = RiskGroupSurvival::build(s, RiskGrouping::Quartiles, Population::All).unwrap();
    check_km(
        &KmChart::risk_groups(&quartiles),
        &[BLUISH_GREEN, SKY_BLUE, ORANGE, VERMILLION],
    );
}

/// In German the Kaplan-Meier chart's axes, legend and numbers at risk are German, the
/// ticks carry the percent sign after a space, and no English label is left.
#[test]
fn kaplan_meier_curves_speak_german() {
    let s = session();
    let tertiles =
        RiskGroupSurvival::build(s, RiskGrouping::Tertiles, Population::HeldOut).unwrap();
    let mut chart = KmChart::risk_groups(&tertiles);
    chart.lang = Lang::De;
    check_km(&chart, &[BLUISH_GREEN, ORANGE, VERMILLION]);
    let d = draw(&chart);
    d.assert_shows("Monate seit Therapiebeginn");
    d.assert_shows("Gesamtüberleben");
    d.assert_shows("Zahl unter Risiko");
    d.assert_shows("20\u{a0}%");
    for english in [
        "months since start of therapy",
        "overall survival",
        "Number at risk",
        "20%",
    ] {
        assert!(
            !d.shows(english),
            "{english:?} is drawn in the German chart"
        );
    }
}

#[test]
fn kaplan_meier_curves_of_a_pair() {
    let s = session();
    let r = ranking();
    let pair = PairSurvival::build(s, r[0], r[1]).unwrap();
    check_km(
        &KmChart::pair(&pair),
        &[BLUISH_GREEN, SKY_BLUE, ORANGE, VERMILLION],
    );
}

#[test]
fn kaplan_meier_without_patients_says_so_and_refuses_broken_curves() {
    let s = session();
    let v = RiskGroupSurvival::build(s, RiskGrouping::Tertiles, Population::All).unwrap();
    let mut chart = KmChart::risk_groups(&v);
    for g in &mut chart.survival.groups {
        g.curve = None;
    }
    assert_no_data(&chart, "No patients in any group.");

    let mut chart = KmChart::risk_groups(&v);
    let curve = chart.survival.groups[1].curve.as_mut().unwrap();
    curve.survival.pop();
    let label = chart.survival.groups[1].label.clone();
    match draw_err(&chart) {
        ChartError::Shape {
            what,
            expected,
            found,
        } => {
            assert!(what.contains(&label));
            assert_eq!(expected, found + 1);
        }
        other => panic!("{other:?}"),
    }

    let mut chart = KmChart::risk_groups(&v);
    chart.survival.groups[0].curve.as_mut().unwrap().upper[1] = f64::NAN;
    assert_not_finite(draw_err(&chart), "upper limit at step 2");
    let mut chart = KmChart::risk_groups(&v);
    chart.survival.axis_end_months = f64::INFINITY;
    assert!(matches!(draw_err(&chart), ChartError::Axis { .. }));
}

// ---------------------------------------------------------------------------------------
// Markers view

#[test]
fn importance_bars_one_per_ranked_marker_in_its_modality_colour() {
    let key = KeyMarkerView::build(session(), 0.9).unwrap();
    let chart = ImportanceBars::of(&key);
    let d = draw(&chart);
    let bars = d.all(|m| m.is("rect") && m.num("height") > 12.0 && OKABE_ITO.contains(&m.fill()));
    assert_eq!(bars.len(), chart.rows.len());
    for (bar, row) in bars.iter().zip(&chart.rows) {
        d.assert_shows(&format!("{}. {}", row.rank, row.name));
        d.assert_shows(&row.modality);
        let same = chart
            .rows
            .iter()
            .zip(&bars)
            .filter(|(r, _)| r.modality_index == row.modality_index);
        for (_, other) in same {
            assert_eq!(other.fill(), bar.fill());
        }
    }
    // Most important first: bar lengths never grow down the ranking.
    for pair in bars.windows(2) {
        assert!(pair[0].num("width") + 1.0 >= pair[1].num("width"));
    }
    for name in &chart.modalities {
        d.assert_shows(name);
    }
}

#[test]
fn cumulative_share_one_corner_per_rank_and_the_key_marker_point() {
    let key = KeyMarkerView::build(session(), 0.9).unwrap();
    let chart = CumulativeShare::of(&key);
    let d = draw(&chart);
    let line = d.all(|m| m.is("polyline") && m.stroke() == BLUE);
    assert_eq!(line.len(), 1);
    assert_eq!(line[0].points().len(), chart.shares.len() + 1);
    assert_eq!(d.count(|m| m.is("circle") && m.fill() == VERMILLION), 1);
    assert!(d.texts().any(|t| t.starts_with(&chart.n_key.to_string())));
}

#[test]
fn importance_charts_without_markers_say_so_and_refuse_inconsistent_counts() {
    let key = KeyMarkerView::build(session(), 0.9).unwrap();
    let mut bars = ImportanceBars::of(&key);
    bars.rows.clear();
    assert_no_data(&bars, "No marker to rank.");
    let mut bars = ImportanceBars::of(&key);
    bars.rows[2].importance = f64::NAN;
    assert_not_finite(draw_err(&bars), &key.rows[2].name);

    let mut curve = CumulativeShare::of(&key);
    curve.shares.clear();
    curve.n_key = 0;
    assert_no_data(&curve, "No marker to rank.");
    // More key markers than ranks once indexed past the end of the shares.
    let mut curve = CumulativeShare::of(&key);
    curve.n_key = curve.shares.len() + 3;
    assert!(matches!(draw_err(&curve), ChartError::Shape { .. }));
}

#[test]
fn beeswarm_one_dot_per_patient_and_marker() {
    let swarm = Beeswarm::build(session(), &ranking(), BEESWARM_MARKERS, MAX_DOTS).unwrap();
    let chart = BeeswarmChart {
        swarm: swarm.clone(),
        lang: Lang::En,
    };
    let d = draw(&chart);
    let dots: usize = swarm.rows.iter().map(|r| r.dots.len()).sum();
    // Dots have a radius of 2 CSS pixels; the legend's "missing" dot 3.
    assert_eq!(d.count(|m| m.is("circle") && m.attr("r") == "2"), dots);
    let missing = swarm
        .rows
        .iter()
        .flat_map(|r| &r.dots)
        .filter(|d| d.colour.is_none())
        .count();
    assert_eq!(
        d.count(|m| m.is("circle") && m.attr("r") == "2" && m.fill() == "#8A8A8A"),
        missing
    );
    for row in &swarm.rows {
        d.assert_shows(&row.name);
    }
}

/// In German the beeswarm's axis, legend and marker names are German, its ticks carry a
/// decimal comma, and no English label is left; the dependence plot and the importance
/// charts likewise.
#[test]
fn markers_charts_speak_german() {
    let s = session();
    let r = ranking();
    let swarm = Beeswarm::build_in(s, &r, BEESWARM_MARKERS, MAX_DOTS, Lang::De).unwrap();
    let d = draw(&BeeswarmChart {
        swarm: swarm.clone(),
        lang: Lang::De,
    });
    d.assert_shows(
        "Relevanz für die Person (Log-Risiko): links senkt, rechts erhöht sie das Risiko",
    );
    d.assert_shows("niedrig");
    d.assert_shows("Markerwert (Ausprägungen der Reihe nach)");
    for row in &swarm.rows {
        d.assert_shows(&row.name);
    }
    assert!(
        d.texts()
            .any(|t| t.contains(',') && t.chars().any(|c| c.is_ascii_digit())),
        "no tick with a decimal comma"
    );
    for english in [
        "relevance for the patient (log-risk): left lowers, right raises the risk",
        "the marker's value (levels in their listed order)",
        "low",
        "high",
    ] {
        assert!(
            !d.shows(english),
            "{english:?} is drawn in the German beeswarm"
        );
    }
    let view = DependenceView::build_in(s, r[0], Some(r[1]), MAX_DOTS, Lang::De).unwrap();
    let d = draw(&DependenceChart {
        view,
        lang: Lang::De,
    });
    d.assert_shows("Relevanz (Log-Risiko)");
    assert!(!d.shows("relevance (log-risk)"));
    assert!(d.texts().any(|t| t.starts_with("Farbe: ")));
    assert!(!d.texts().any(|t| t.starts_with("colour: ")));
    let key = KeyMarkerView::build_in(s, 0.9, Lang::De).unwrap();
    let d = draw(&CumulativeShare {
        lang: Lang::De,
        ..CumulativeShare::of(&key)
    });
    d.assert_shows("Marker, bedeutendster zuerst (Rang)");
    d.assert_shows(&format!("{} Marker erreichen 90\u{a0}%", key.n_key));
    assert!(!d.shows("markers, most important first (rank)"));
    let d = draw(&ImportanceBars {
        lang: Lang::De,
        ..ImportanceBars::of(&key)
    });
    d.assert_shows("mittlere |Relevanz| über die Patientinnen und Patienten (Log-Risiko)");
    assert!(!d.shows("mean |relevance| over patients (log-risk)"));
    // The importance axis's ticks: German numbers, short (no float noise such as
    // 0,30000000000000004).
    let ticks: Vec<&str> = d
        .texts()
        .filter(|t| t.replace(',', ".").parse::<f64>().is_ok())
        .collect();
    assert!(ticks.len() > 2, "{ticks:?}");
    assert!(
        ticks.iter().all(|t| !t.contains('.') && t.len() <= 6),
        "{ticks:?}"
    );
}

#[test]
fn beeswarm_without_rows_says_so_and_refuses_nan() {
    let swarm = Beeswarm::build(session(), &ranking(), BEESWARM_MARKERS, MAX_DOTS).unwrap();
    let mut empty = swarm.clone();
    empty.rows.clear();
    assert_no_data(
        &BeeswarmChart {
            swarm: empty,
            lang: Lang::En,
        },
        "No marker to show.",
    );
    let mut broken = swarm.clone();
    broken.rows[1].dots[0].relevance = f32::NAN;
    let name = broken.rows[1].name.clone();
    assert_not_finite(
        draw_err(&BeeswarmChart {
            swarm: broken,
            lang: Lang::En,
        }),
        &name,
    );
    let mut broken = swarm;
    broken.extent = f32::INFINITY;
    assert_not_finite(
        draw_err(&BeeswarmChart {
            swarm: broken,
            lang: Lang::En,
        }),
        "largest |relevance|",
    );
}

#[test]
fn dependence_one_dot_per_patient_with_the_marker_on_the_x_axis() {
    let r = ranking();
    for colour in [None, Some(r[1])] {
        let view = DependenceView::build(session(), r[0], colour, MAX_DOTS).unwrap();
        let chart = DependenceChart {
            view: view.clone(),
            lang: Lang::En,
        };
        let d = draw(&chart);
        assert_eq!(
            d.count(|m| m.is("circle") && m.attr("r") == "2"),
            view.dots.len()
        );
        if colour.is_none() {
            assert!(
                d.all(|m| m.is("circle"))
                    .iter()
                    .all(|m| m.fill() == REDDISH_PURPLE)
            );
        }
        d.assert_shows(&view.axis_label());
        if let Some(c) = &view.colour_by {
            assert!(d.texts().any(|t| t.contains(&c.name)));
        }
    }
}

#[test]
fn dependence_without_values_says_so_and_a_single_patient_draws() {
    let view = DependenceView::build(session(), ranking()[0], None, MAX_DOTS).unwrap();
    let mut empty = view.clone();
    empty.dots.clear();
    assert_no_data(
        &DependenceChart {
            view: empty,
            lang: Lang::En,
        },
        &format!("No patient has a value of {}.", view.name),
    );
    let mut one = view.clone();
    one.dots.truncate(1);
    let d = draw(&DependenceChart {
        view: one,
        lang: Lang::En,
    });
    assert_eq!(d.count(|m| m.is("circle")), 1);
    let mut broken = view.clone();
    broken.dots[4].relevance = f32::NEG_INFINITY;
    assert_not_finite(
        draw_err(&DependenceChart {
            view: broken,
            lang: Lang::En,
        }),
        &view.name,
    );
}

#[test]
fn entity_heatmap_one_cell_per_entity_and_marker() {
    let heat = EntityHeatmap::build(session(), &ranking(), HEATMAP_MARKERS).unwrap();
    let chart = Heatmap::entities(&heat);
    let d = draw(&chart);
    let cells = heat.rows.len() * heat.markers.len();
    assert!(cells > 0);
    // Every cell has its white border.
    assert_eq!(
        d.count(|m| m.is("rect") && m.fill() == "none" && m.stroke() == "#FFFFFF"),
        cells
    );
    for r in &heat.rows {
        d.assert_shows(&format!("{} (n={})", r.name, r.patients));
    }
    for name in &heat.marker_names {
        d.assert_shows(name);
    }
    d.assert_shows(&chart.legend);
    d.assert_shows(&format!("{:.3}", heat.max));
}

#[test]
fn heatmap_leaves_nan_cells_empty_and_refuses_a_wrong_shape() {
    let heat = EntityHeatmap::build(session(), &ranking(), HEATMAP_MARKERS).unwrap();
    let mut chart = Heatmap::entities(&heat);
    chart.values[0] = f64::NAN;
    chart.values[1] = f64::NAN;
    let d = draw(&chart);
    let empty = hex(survlens_web::charts::heatmap::EMPTY_CELL);
    assert_eq!(d.count(|m| m.is("rect") && m.fill() == empty), 2);

    let mut short = Heatmap::entities(&heat);
    short.values.pop();
    match draw_err(&short) {
        ChartError::Shape {
            expected, found, ..
        } => assert_eq!(expected, found + 1),
        other => panic!("{other:?}"),
    }
    let mut none = Heatmap::entities(&heat);
    none.row_labels.clear();
    none.values.clear();
    assert_no_data(&none, "No cells to show.");
}

// ---------------------------------------------------------------------------------------
// Interactions view

#[test]
fn coupling_heatmaps_mark_the_pairs_that_stand_out() {
    let found = &demo().interactions;
    for method in [Method::ModelBased, Method::Statistical] {
        let m = InteractionMatrix::build(session(), found, method, 20).unwrap();
        let chart = Heatmap::coupling(&m);
        let d = draw(&chart);
        let k = m.markers.len();
        assert_eq!(
            d.count(|c| c.is("rect") && c.fill() == "none" && c.stroke() == "#FFFFFF"),
            k * k
        );
        // The diagonal and pairs not examined are NaN: empty cells.
        let nan = m.values.iter().filter(|v| !v.is_finite()).count();
        let empty = hex(survlens_web::charts::heatmap::EMPTY_CELL);
        assert_eq!(d.count(|c| c.is("rect") && c.fill() == empty), nan);
        let marked = m
            .values
            .iter()
            .zip(&m.significant)
            .filter(|(v, s)| **s && v.is_finite())
            .count();
        // A dot per marked cell, and one more in the legend when any is marked.
        let legend = usize::from(m.significant.iter().any(|&s| s));
        assert_eq!(d.count(|c| c.is("circle")), marked + legend);
        for n in &m.names {
            d.assert_shows(&format!("A: {n}"));
            d.assert_shows(&format!("B: {n}"));
        }
        d.assert_shows(&chart.legend);
    }
}

#[test]
fn pair_plot_one_dot_per_patient_and_one_box_per_group() {
    let r = ranking();
    let plot = PairPlot::build(session(), r[0], r[1], 3_000).unwrap();
    let chart = PairChart {
        plot: plot.clone(),
        lang: Lang::En,
    };
    let d = draw(&chart);
    assert_eq!(
        d.count(|m| m.is("circle") && m.fill() == BLUE),
        plot.dots.len()
    );
    assert_eq!(
        d.count(|m| m.is("rect") && m.fill() == ORANGE),
        plot.boxes.len()
    );
    d.assert_shows(&plot.axis_label());
    assert!(
        d.texts()
            .any(|t| t.contains(plot.a_name.chars().take(20).collect::<String>().as_str()))
    );
}

#[test]
fn pair_plot_without_values_says_so_and_refuses_nan() {
    let r = ranking();
    let plot = PairPlot::build(session(), r[0], r[1], 3_000).unwrap();
    let mut empty = plot.clone();
    empty.dots.clear();
    assert_no_data(
        &PairChart {
            plot: empty,
            lang: Lang::En,
        },
        &format!("No patient has a value of {}.", plot.b_name),
    );
    let mut broken = plot.clone();
    broken.boxes[0].quartiles[1] = f32::NAN;
    assert_not_finite(
        draw_err(&PairChart {
            plot: broken,
            lang: Lang::En,
        }),
        &plot.boxes[0].label,
    );
}

/// In German the pair plot's axes and the coupling heatmap's labels and legend are German,
/// the relevance ticks carry a decimal comma, and no English label is left.
#[test]
fn interaction_charts_speak_german() {
    let s = session();
    let r = ranking();
    let plot = PairPlot::build_in(s, r[0], r[1], 3_000, Lang::De).unwrap();
    let d = draw(&PairChart {
        plot: plot.clone(),
        lang: Lang::De,
    });
    d.assert_shows(&plot.axis_label_in(Lang::De));
    assert!(
        d.texts().any(|t| t.starts_with("Relevanz von ")),
        "no German relevance axis"
    );
    assert!(!d.texts().any(|t| t.starts_with("relevance of ")));
    assert!(!d.texts().any(|t| t.ends_with("(value)")));
    assert!(
        d.texts()
            .any(|t| t.contains(',') && t.chars().any(|c| c.is_ascii_digit())),
        "no tick with a decimal comma"
    );
    let mut empty = plot.clone();
    empty.dots.clear();
    assert_no_data(
        &PairChart {
            plot: empty,
            lang: Lang::De,
        },
        &format!("Keine Person hat einen Wert für {}.", plot.b_name),
    );
    let found = &demo().interactions;
    for method in [Method::ModelBased, Method::Statistical] {
        let m = InteractionMatrix::build_in(s, found, method, 20, Lang::De).unwrap();
        let chart = Heatmap::coupling_in(&m, Lang::De);
        let d = draw(&chart);
        for n in &m.names {
            d.assert_shows(&format!("A: {n}"));
        }
        d.assert_shows(&chart.legend);
        d.assert_shows("fällt auf");
        assert!(!d.shows("stands out"));
        assert!(!d.shows("|rank-biserial correlation|"));
        assert!(!d.shows("mean |change| of A's relevance (log-risk)"));
    }
}

// ---------------------------------------------------------------------------------------
// Model view

/// In German the Model view's charts draw German axes, legends and method names, with
/// decimal commas and the percent sign after a space, and no English label.
#[test]
fn model_view_charts_speak_german() {
    let s = session();
    let mut training = TrainingChart::of(&TrainingCurve::of(s), Lang::De);
    let d = draw(&training);
    d.assert_shows("Cox-Verlust");
    d.assert_shows("Epoche");
    d.assert_shows("C der Validierung (Harrell)");
    assert!(d.texts().any(|t| t.starts_with("beste Epoche (")));
    for english in ["Cox loss", "epoch", "validation", "training (with dropout)"] {
        assert!(!d.shows(english), "{english:?} is drawn in German");
    }
    assert!(
        d.texts()
            .any(|t| t.contains(',') && t.parse::<f64>().is_err()),
        "no tick with a decimal comma"
    );
    assert!(
        !d.texts()
            .any(|t| t.contains('.') && t.parse::<f64>().is_ok())
    );
    training.epochs.clear();
    assert_no_data(
        &training,
        "Kein Trainingsverlauf: Das Modell wurde nicht hier trainiert.",
    );

    let mut calibration = calibration();
    calibration.lang = Lang::De;
    let d = draw(&calibration);
    d.assert_shows("beobachtet (Kaplan-Meier)");
    d.assert_shows(&format!(
        "vorhergesagtes {:.0}-Monats-Überleben",
        calibration.months
    ));
    assert!(d.texts().any(|t| t.ends_with("\u{a0}%")));
    assert!(!d.texts().any(|t| t.ends_with("0%")));

    let c = comparison(5);
    let bars = MethodBarsChart::of(&s.summary(), &c, Lang::De);
    let d = draw(&bars);
    d.assert_shows("Beitrag zum logarithmierten Risiko");
    let deletion = DeletionChart::of(&c, Lang::De);
    let dd = draw(&deletion);
    dd.assert_shows("Medianperson");
    dd.assert_shows("log. Risiko");
    for e in &c.methods {
        d.assert_shows(&e.method.label_in(Lang::De));
        dd.assert_shows(&e.method.label_in(Lang::De));
        assert!(!d.shows(e.method.label()), "{}", e.method.label());
    }
    assert!(!dd.shows("median patient") && !dd.shows("log-risk"));
}

#[test]
fn training_curve_one_corner_per_epoch_and_the_best_epoch() {
    let curve = TrainingCurve::of(session());
    let chart = TrainingChart::of(&curve, Lang::En);
    let d = draw(&chart);
    let n = curve.epochs.len();
    assert!(n > 1);
    for colour in [ORANGE, BLUE, BLUISH_GREEN] {
        let line =
            d.all(|m| m.is("polyline") && m.stroke() == colour && m.attr("stroke-width") == "2");
        assert_eq!(line.len(), 1, "{colour}");
        assert_eq!(line[0].points().len(), n);
    }
    let best = curve.best_epoch.unwrap();
    assert_eq!(d.count(|m| m.is("circle") && m.fill() == BLUISH_GREEN), 1);
    assert!(
        d.texts()
            .any(|t| t.starts_with("best epoch") && t.contains(&best.to_string()))
    );
}

#[test]
fn training_curve_edge_cases() {
    let chart = TrainingChart {
        epochs: Vec::new(),
        best_epoch: None,
        lang: Lang::En,
    };
    assert_no_data(
        &chart,
        "No training history: the model was not trained here.",
    );
    // One epoch: lines of one point each.
    let one = EpochLine {
        epoch: 1,
        train_loss: 5.1,
        validation_loss: 5.3,
        validation_cindex: 0.61,
    };
    let d = draw(&TrainingChart {
        epochs: vec![one.clone()],
        best_epoch: Some(1),
        lang: Lang::En,
    });
    assert_eq!(
        d.all(|m| m.is("polyline") && m.stroke() == ORANGE && m.attr("stroke-width") == "2")[0]
            .points()
            .len(),
        1
    );
    // A diverged epoch's loss is left out of its line; the others stay.
    let mut epochs: Vec<EpochLine> = (1..=4)
        .map(|epoch| EpochLine {
            epoch,
            ..one.clone()
        })
        .collect();
    epochs[2].validation_loss = f64::NAN;
    let d = draw(&TrainingChart {
        epochs,
        best_epoch: Some(1),
        lang: Lang::En,
    });
    assert_eq!(
        d.all(|m| m.is("polyline") && m.stroke() == BLUE && m.attr("stroke-width") == "2")[0]
            .points()
            .len(),
        3
    );
}

fn calibration() -> CalibrationChart {
    let report = ModelReport::build(session(), &MetricSettings::default());
    let plot = report
        .calibration
        .iter()
        .find_map(|(_, p)| p.as_ref().ok())
        .expect("a calibration plot");
    CalibrationChart::of(plot, Lang::En)
}

#[test]
fn calibration_one_point_and_whisker_per_risk_group() {
    let chart = calibration();
    let d = draw(&chart);
    let k = chart.groups.len();
    assert!(k > 0);
    assert_eq!(d.count(|m| m.is("circle") && m.fill() == BLUE), k);
    assert_eq!(
        d.count(|m| m.is("polyline") && m.stroke() == BLUE && m.attr("stroke-width") == "2"),
        k
    );
    for g in &chart.groups {
        d.assert_shows(&(g.group + 1).to_string());
    }
    assert!(
        d.texts()
            .any(|t| t.contains(&format!("{:.0}-month", chart.months)))
    );
}

#[test]
fn calibration_without_groups_says_so_and_refuses_nan() {
    let mut chart = calibration();
    chart.groups[0].observed_upper = f64::NAN;
    assert_not_finite(draw_err(&chart), "risk group 1");
    chart.groups.clear();
    assert_no_data(&chart, "No risk group to calibrate.");
}

fn comparison(patient: usize) -> MethodComparison {
    let s = session();
    let encoded = EncodedCohort::build(s).unwrap();
    MethodComparison::build(s, &encoded, patient, &MethodSettings::default()).unwrap()
}

#[test]
fn attribution_methods_one_bar_per_marker_and_method_and_one_deletion_curve_per_method() {
    let s = session();
    let c = comparison(5);
    let bars = MethodBarsChart::of(&s.summary(), &c, Lang::En);
    let d = draw(&bars);
    assert_eq!(bars.markers.len(), c.top_markers.len());
    for e in &c.methods {
        let colour = hex(method_colour(e.method));
        assert!(OKABE_ITO.contains(&colour.as_str()));
        // One bar per marker, and the legend's swatch.
        assert_eq!(
            d.count(|m| m.is("rect") && m.fill() == colour),
            c.top_markers.len() + 1,
            "{}",
            e.method.label()
        );
        d.assert_shows(e.method.label());
    }
    for &j in &c.top_markers {
        assert!(d.texts().any(|t| t.starts_with(&s.markers[j].name)));
    }

    let deletion = DeletionChart::of(&c, Lang::En);
    let d = draw(&deletion);
    for e in &c.methods {
        let colour = hex(method_colour(e.method));
        let curves =
            d.all(|m| m.is("polyline") && m.stroke() == colour && m.attr("stroke-width") == "2");
        assert_eq!(curves.len(), 1, "{}", e.method.label());
        assert_eq!(curves[0].points().len(), e.deletion_risk.len());
        d.assert_shows(e.method.label());
    }
}

#[test]
fn attribution_charts_without_data_say_so_and_refuse_nan() {
    let s = session();
    let c = comparison(5);
    let mut bars = MethodBarsChart::of(&s.summary(), &c, Lang::En);
    bars.markers[0].bars[0].1 = f32::NAN;
    let label = bars.markers[0].label.clone();
    assert_not_finite(draw_err(&bars), &label);
    bars.markers.clear();
    assert_no_data(&bars, "No marker to compare.");

    let mut deletion = DeletionChart::of(&c, Lang::En);
    deletion.curves[1].1[3] = f32::NAN;
    assert_not_finite(draw_err(&deletion), c.methods[1].method.label());
    deletion.curves.clear();
    assert_no_data(&deletion, "No deletion curve to show.");
}

// ---------------------------------------------------------------------------------------
// Teaching view

#[test]
fn truth_pairs_two_bars_per_marker_pointing_the_way_of_their_sign() {
    let c = compare_patient(session(), 2, 6).unwrap();
    let chart = TruthPairChart {
        patient: c.id.clone(),
        rows: c.rows.clone(),
        lang: Lang::En,
    };
    let d = draw(&chart);
    // One bar per marker and side, after the legend's swatch.
    let truth = d.all(|m| m.is("rect") && m.fill() == ORANGE);
    let relevance = d.all(|m| m.is("rect") && m.fill() == BLUE);
    assert_eq!(truth.len(), c.rows.len() + 1);
    assert_eq!(relevance.len(), c.rows.len() + 1);
    // The zero line is the last ink line; a positive value's bar starts at it, a
    // negative one's ends there.
    let zero = d
        .all(|m| m.is("polyline") && m.stroke() == "#1F242B")
        .last()
        .unwrap()
        .points()[0]
        .0;
    for (row, (t, r)) in c.rows.iter().zip(truth.iter().zip(&relevance).skip(1)) {
        for (bar, value) in [(t, row.truth), (r, row.relevance)] {
            let (x, w) = (bar.num("x") as i32, bar.num("width") as i32);
            if value > 0.0 {
                assert!((x - zero).abs() <= 1, "{}: {value:+}", row.name);
            } else if value < 0.0 {
                assert!((x + w - zero).abs() <= 1, "{}: {value:+}", row.name);
            }
        }
        d.assert_shows(&format!("{} ({})", row.name, row.value_text));
    }
}

#[test]
fn importance_scatter_one_point_per_marker_filled_where_an_effect_was_planted() {
    let f = fidelity(session()).unwrap();
    let chart = ImportanceScatter {
        markers: f.markers.clone(),
        lang: Lang::En,
    };
    let d = draw(&chart);
    let planted = f.markers.iter().filter(|m| m.prognostic).count();
    assert_eq!(d.count(|m| m.is("circle") && m.fill() == BLUE), planted);
    assert_eq!(
        d.count(|m| m.is("circle") && m.fill() == "none" && m.stroke() == "#8A8A8A"),
        f.markers.len() - planted
    );
    // The most important marker by the truth is always named.
    d.assert_shows(&f.markers[0].name);
}

/// In German the teaching charts' legends, axes and marker names are German, their ticks
/// carry a decimal comma, and no English label is left.
#[test]
fn teaching_charts_speak_german() {
    use survlens_app::views::teaching::{compare_patient_in, fidelity_in};
    let s = session();
    let c = compare_patient_in(s, 2, 6, Lang::De).unwrap();
    let d = draw(&TruthPairChart {
        patient: c.id.clone(),
        rows: c.rows.clone(),
        lang: Lang::De,
    });
    d.assert_shows("eingebaute Wahrheit (wahrer Beitrag zum Log-Hazard)");
    d.assert_shows("LRP-Relevanz (die Erklärung des Modells)");
    d.assert_shows("Beitrag zum Log-Hazard");
    for row in &c.rows {
        d.assert_shows(&format!("{} ({})", row.name, row.value_text));
    }
    assert!(
        d.texts()
            .any(|t| t.contains(',') && t.chars().any(|c| c.is_ascii_digit())),
        "no tick with a decimal comma"
    );
    for english in [
        "planted truth (true log-hazard contribution)",
        "LRP relevance (the model's explanation)",
        "contribution to log-hazard",
    ] {
        assert!(
            !d.shows(english),
            "{english:?} is drawn in the German chart"
        );
    }
    let f = fidelity_in(s, Lang::De).unwrap();
    let d = draw(&ImportanceScatter {
        markers: f.markers.clone(),
        lang: Lang::De,
    });
    d.assert_shows("eingebauter Effekt");
    d.assert_shows("kein eigener eingebauter Effekt");
    d.assert_shows("wahre Bedeutung (mittlerer |wahrer Beitrag|)");
    d.assert_shows("LRP-Bedeutung (mittlere |Relevanz|)");
    d.assert_shows(&f.markers[0].name);
    assert_eq!(
        f.markers[0].name,
        s.markers[f.markers[0].marker].name_in(Lang::De)
    );
    assert!(d.texts().any(|t| t == "0,00"), "no German tick at zero");
    for english in [
        "planted effect",
        "no planted effect of its own",
        "true importance (mean |true contribution|)",
    ] {
        assert!(
            !d.shows(english),
            "{english:?} is drawn in the German scatter"
        );
    }
    let mut empty = ImportanceScatter {
        markers: Vec::new(),
        lang: Lang::De,
    };
    assert_no_data(&empty, "Kein Marker zum Vergleichen.");
    empty.lang = Lang::En;
    assert_no_data(&empty, "No marker to compare.");
}

#[test]
fn teaching_charts_without_markers_say_so_and_refuse_nan() {
    let c = compare_patient(session(), 2, 6).unwrap();
    let mut pairs = TruthPairChart {
        patient: c.id.clone(),
        rows: c.rows.clone(),
        lang: Lang::En,
    };
    pairs.rows[1].truth = f32::NAN;
    assert_not_finite(draw_err(&pairs), &c.rows[1].name);
    pairs.rows.clear();
    assert_no_data(&pairs, "No marker to compare.");

    let f = fidelity(session()).unwrap();
    let mut scatter = ImportanceScatter {
        markers: f.markers.clone(),
        lang: Lang::En,
    };
    scatter.markers[0].lrp_importance = f32::INFINITY;
    assert_not_finite(draw_err(&scatter), &f.markers[0].name);
    scatter.markers.clear();
    assert_no_data(&scatter, "No marker to compare.");
}

// ---------------------------------------------------------------------------------------
// Every chart at a device pixel ratio of 2, as on a high-density screen's canvas.

fn draws_at_scale_two<C: Chart>(chart: &C) {
    let (width, height) = (1800u32, (chart.height(900.0) * 2.0) as u32);
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, (width, height)).into_drawing_area();
        root.fill(&WHITE).unwrap();
        chart
            .draw(&root, 2.0)
            .unwrap_or_else(|e| panic!("{}: {e}", chart.file_stem()));
        root.present().unwrap();
    }
    assert!(parse(&text).iter().any(|m| m.is("text")));
}

#[test]
fn every_chart_draws_at_twice_the_pixel_density() {
    let s = session();
    let r = ranking();
    let key = KeyMarkerView::build(s, 0.9).unwrap();
    let c = comparison(5);
    let tc = compare_patient(s, 2, 6).unwrap();
    draws_at_scale_two(&waterfall_of(0).1);
    draws_at_scale_two(&survival_chart(0, true));
    draws_at_scale_two(&KmChart::risk_groups(
        &RiskGroupSurvival::build(s, RiskGrouping::Tertiles, Population::HeldOut).unwrap(),
    ));
    draws_at_scale_two(&ImportanceBars::of(&key));
    draws_at_scale_two(&CumulativeShare::of(&key));
    draws_at_scale_two(&BeeswarmChart {
        swarm: Beeswarm::build(s, &r, BEESWARM_MARKERS, MAX_DOTS).unwrap(),
        lang: Lang::En,
    });
    draws_at_scale_two(&DependenceChart {
        view: DependenceView::build(s, r[0], Some(r[1]), MAX_DOTS).unwrap(),
        lang: Lang::En,
    });
    draws_at_scale_two(&Heatmap::entities(
        &EntityHeatmap::build(s, &r, HEATMAP_MARKERS).unwrap(),
    ));
    draws_at_scale_two(&PairChart {
        plot: PairPlot::build(s, r[0], r[1], 3_000).unwrap(),
        lang: Lang::En,
    });
    draws_at_scale_two(&TrainingChart::of(&TrainingCurve::of(s), Lang::En));
    draws_at_scale_two(&calibration());
    draws_at_scale_two(&MethodBarsChart::of(&s.summary(), &c, Lang::En));
    draws_at_scale_two(&DeletionChart::of(&c, Lang::En));
    draws_at_scale_two(&TruthPairChart {
        patient: tc.id,
        rows: tc.rows,
        lang: Lang::En,
    });
    draws_at_scale_two(&ImportanceScatter {
        markers: fidelity(s).unwrap().markers,
        lang: Lang::En,
    });
}

// ---------------------------------------------------------------------------------------
// Along one marker: a patient's ceteris-paribus profile and the cohort's PDP and ALE

/// The first marker of the demo whose values are levels (`true`) or numbers (`false`),
/// with the profile of patient 2 along it.
fn profile_along(levels: bool) -> ProfileChart {
    let s = session();
    let whatif = WhatIf::new(s).unwrap();
    (0..s.n_markers())
        .find_map(|m| {
            let profile = MarkerProfile::build(s, &whatif, 2, m).unwrap();
            (profile.heading.levels == levels && profile.points.len() > 1).then_some(ProfileChart {
                profile,
                lang: Lang::En,
            })
        })
        .unwrap_or_else(|| panic!("the demo has no marker with levels = {levels}"))
}

fn effects_along(levels: bool) -> EffectsChart {
    let s = session();
    let whatif = WhatIf::new(s).unwrap();
    let marker = profile_along(levels).profile.heading.marker;
    EffectsChart {
        effects: CohortEffects::build(s, &whatif, marker).unwrap(),
        lang: Lang::En,
    }
}

fn filled_circles(d: &Drawn, colour: &str) -> usize {
    d.count(|m| m.is("circle") && m.fill() == colour)
}

#[test]
fn profile_one_dot_per_grid_value_the_patients_own_marked_over_the_cohorts_bars() {
    for levels in [false, true] {
        let chart = profile_along(levels);
        let p = &chart.profile;
        let d = draw(&chart);
        // The risk score: one vermillion dot per grid value, one dark dot for the patient.
        assert_eq!(
            filled_circles(&d, VERMILLION),
            p.points.len(),
            "{}",
            p.heading.name
        );
        assert_eq!(filled_circles(&d, &hex(style::INK)), 1);
        let own = p.points.iter().find(|q| q.own).unwrap();
        d.assert_shows(&format!("this patient: {} ({:+.3})", own.text, own.risk));
        // The patient's value is a vertical line through each of the three panels.
        let verticals = d.all(|m| {
            m.is("polyline") && m.stroke() == hex(style::INK) && {
                let pts = m.points();
                pts.len() == 2 && pts[0].0 == pts[1].0
            }
        });
        assert_eq!(verticals.len(), 3, "{}", p.heading.name);
        // Survival at each horizon, named in the legend: a line through every value of a
        // number; a dot per level (levels have no order to join them in).
        for (colour, years) in [(BLUISH_GREEN, 1.0), (BLUE, 2.0)] {
            // The legend's line, and the curve of a number.
            let lines = d.all(|m| m.is("polyline") && m.stroke() == colour);
            assert_eq!(
                lines.len(),
                if levels { 1 } else { 2 },
                "{years}-year lines"
            );
            if !levels {
                assert!(lines.iter().any(|l| l.points().len() == p.points.len()));
            }
            let dots = filled_circles(&d, colour);
            assert_eq!(dots, if levels { p.points.len() } else { 0 });
            d.assert_shows(&format!("{years:.0}-year survival"));
        }
        let joined = d.count(|m| m.is("polyline") && m.stroke() == VERMILLION);
        assert_eq!(joined, usize::from(!levels), "the risk score's line");
        // The cohort's distribution: one grey bar per bin or level.
        let bars = d.count(|m| m.is("rect") && m.fill() == hex(style::GREY));
        assert_eq!(bars, p.distribution.bars.len());
        for title in ["risk score", "survival", "patients"] {
            d.assert_shows(title);
        }
        if levels {
            // A categorical marker's levels are named on its axis.
            for q in &p.points {
                d.assert_shows(&q.text);
            }
        }
    }
}

#[test]
fn many_levels_are_named_upwards_below_a_taller_chart() {
    let mut chart = profile_along(true);
    let few = chart.height(900.0);
    let template = chart.profile.points[0].clone();
    chart.profile.points = (0..38)
        .map(|k| ProfilePoint {
            value: k as f32,
            text: format!("Entity number {k}"),
            own: k == 3,
            ..template.clone()
        })
        .collect();
    chart.profile.distribution.bars = (0..38)
        .map(|k| DistributionBar {
            lo: k as f32,
            hi: k as f32,
            label: format!("Entity number {k}"),
            count: 10 + k,
        })
        .collect();
    assert!(chart.height(900.0) > few + 100.0);
    let d = draw(&chart);
    for k in 0..38 {
        // Names longer than the axis allows end in an ellipsis.
        d.assert_shows(&format!("Entity number {k}"));
    }
    let upright = d.all(|m| m.is("text") && m.text.starts_with("Entity number"));
    assert!(
        upright
            .iter()
            .all(|m| m.attr("transform").contains("rotate(270")),
        "{:?}",
        upright.first()
    );
}

#[test]
fn profile_without_points_says_so_and_refuses_nan() {
    let mut chart = profile_along(false);
    chart.profile.points.clear();
    assert_no_data(&chart, "No profile to show.");
    let mut chart = profile_along(false);
    chart.profile.points[1].risk = f32::NAN;
    let at = format!(
        "the risk score at {} = {}",
        chart.profile.heading.name, chart.profile.points[1].text
    );
    assert_not_finite(draw_err(&chart), &at);
    let mut chart = profile_along(true);
    chart.profile.points[0].survival[1] = f64::INFINITY;
    assert_not_finite(draw_err(&chart), "survival");
}

#[test]
fn effects_one_dot_per_value_for_each_curve_on_one_axis() {
    for levels in [false, true] {
        let chart = effects_along(levels);
        let e = &chart.effects;
        let d = draw(&chart);
        assert_eq!(
            filled_circles(&d, ORANGE),
            e.points.len(),
            "partial dependence"
        );
        assert_eq!(
            filled_circles(&d, BLUE),
            e.points.len(),
            "accumulated local effects"
        );
        d.assert_shows("partial dependence (minus the mean risk score)");
        d.assert_shows("accumulated local effects");
        d.assert_shows("change in risk score");
        // The two curves share the axis of change: the higher curve point is drawn higher
        // (SVG y grows downwards).
        let dots = |colour: &str| -> Vec<(f64, f64)> {
            d.all(|m| m.is("circle") && m.fill() == colour)
                .iter()
                .map(|m| (m.num("cx"), m.num("cy")))
                .collect()
        };
        let (pdp, ale) = (dots(ORANGE), dots(BLUE));
        for (k, q) in e.points.iter().enumerate() {
            let (a, b) = (f64::from(q.pdp - e.mean_risk), f64::from(q.ale));
            if (a - b).abs() > 0.05 {
                assert_eq!(a > b, pdp[k].1 < ale[k].1, "value {}", q.text);
            }
            assert!((pdp[k].0 - ale[k].0).abs() < 1.5, "same x for {}", q.text);
        }
    }
}

#[test]
fn effects_without_points_say_so_and_refuse_nan() {
    let mut chart = effects_along(false);
    chart.effects.points.clear();
    assert_no_data(&chart, "No curves to show.");
    let mut chart = effects_along(false);
    chart.effects.points[0].ale = f32::NAN;
    assert_not_finite(draw_err(&chart), "accumulated local effect");
}

// ---------------------------------------------------------------------------------------
// Over time.

#[test]
fn over_time_draws_one_bar_per_marker_at_the_horizon_and_one_curve_per_top_marker() {
    use survlens_app::views::patient_over_time::OverTime;
    use survlens_app::views::whatif::WhatIf;
    use survlens_web::charts::over_time::OverTimeChart;
    let s = session();
    let whatif = WhatIf::new(s).unwrap();
    let o = OverTime::build(s, &whatif, 0).unwrap();
    for years in [1.0, 2.0] {
        let chart = OverTimeChart {
            over: o.clone(),
            years,
            lang: Lang::En,
        };
        let d = draw(&chart);
        let h = o.at(years).unwrap();
        let tones = [hex(style::RAISES), hex(style::LOWERS), hex(style::GREY)];
        let bars = d.all(|m| m.is("rect") && tones.iter().any(|t| t == m.fill()));
        assert_eq!(bars.len(), h.top.len() + 1);
        for c in &h.top {
            d.assert_shows(&c.name);
        }
        d.assert_shows(&format!("all other {} markers", h.n_rest));
        for c in &o.curves {
            d.assert_shows(&c.name);
        }
        let lines = d.count(|m| m.is("polyline") && m.points().len() == o.months.len());
        assert!(lines >= o.curves.len(), "{lines} curves");
    }
    let mut broken = OverTimeChart {
        over: o.clone(),
        years: 1.0,
        lang: Lang::En,
    };
    broken.over.horizons[0].top[0].contribution = f64::NAN;
    assert_not_finite(draw_err(&broken), "the contribution of");
    let mut empty = OverTimeChart {
        over: o,
        years: 1.0,
        lang: Lang::En,
    };
    empty.over.horizons.clear();
    assert_no_data(&empty, "No contribution at this horizon.");
}

#[test]
fn a_click_on_a_waterfall_row_picks_the_marker_whose_bar_is_drawn_there() {
    let (view, chart) = waterfall_of(0);
    let d = draw(&chart);
    let w = &chart.waterfall;
    let bars = d.all(|m| m.is("rect") && [VERMILLION, BLUE, "#8A8A8A"].contains(&m.fill()));
    assert_eq!(bars.len(), w.steps.len());
    // The SVG is drawn 900 CSS pixels wide at scale 1: its coordinates are the canvas's.
    let width = 900.0;
    let mut picked = 0;
    for (bar, step) in bars.iter().zip(&w.steps) {
        let (top, height) = (bar.num("y"), bar.num("height"));
        for y in [top + 1.0, top + height / 2.0, top + height - 1.0] {
            // Anywhere across the row: over the label, over the bar.
            for x in [10.0, bar.num("x") + bar.num("width") / 2.0] {
                let expected = match &step.kind {
                    StepKind::Marker(c) => Some(c.marker),
                    _ => None,
                };
                assert_eq!(chart.pick(x, y, width), expected, "y {y}");
            }
        }
        picked += usize::from(matches!(step.kind, StepKind::Marker(_)));
    }
    assert_eq!(picked, view.top.len(), "every top marker's row picks it");
    // Above the rows, on the risk score's row and below the axis: nothing.
    let height = chart.height(width);
    for y in [0.0, 10.0, height - 1.0, height + 5.0, -3.0] {
        assert_eq!(chart.pick(100.0, y, width), None, "y {y}");
    }
}
