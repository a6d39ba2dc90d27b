//! The patient's predicted survival curve against the cohort's Kaplan-Meier curve with its
//! confidence band; in a what-if scenario the edited prediction beside the original.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::views::patient_survival::CurvePoint;

use super::error::{axis, finite};
use super::style::{
    GREY, LOWERS, ORANGE, draw_no_data, grid, legend_line, percent_tick, series_legend,
};
use super::{Chart, ChartError};

/// Survival curves of one patient and the cohort, in months.
#[derive(Clone, PartialEq)]
pub struct SurvivalCurveChart {
    /// Patient id, for the file name.
    pub patient: String,
    /// The cohort's Kaplan-Meier step curve with its limits; empty for a cohort without
    /// outcomes, whose chart shows the prediction alone.
    pub cohort: Vec<CurvePoint>,
    /// Level of the cohort band, e.g. 0.95.
    pub ci_level: f64,
    /// The patient's predicted step curve (recorded values).
    pub predicted: Vec<CurvePoint>,
    /// The what-if prediction, when values were edited.
    pub what_if: Option<Vec<CurvePoint>>,
    /// Right end of the time axis, in months.
    pub horizon_months: f64,
    /// The language of the chart's texts and numbers.
    pub lang: Lang,
}

/// The corners of a right-continuous step function through `points`, reading `value`.
fn steps(points: &[CurvePoint], value: impl Fn(&CurvePoint) -> f64) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(2 * points.len());
    for (k, p) in points.iter().enumerate() {
        if k > 0 {
            out.push((p.months, 100.0 * value(&points[k - 1])));
        }
        out.push((p.months, 100.0 * value(p)));
    }
    out
}

impl SurvivalCurveChart {
    /// Refuses a curve point that is not a number.
    fn check(&self) -> Result<(), ChartError> {
        let curves = [
            ("chart-what-cohort-curve", Some(&self.cohort)),
            ("chart-what-predicted-curve", Some(&self.predicted)),
            ("chart-what-what-if-curve", self.what_if.as_ref()),
        ];
        for (curve, points) in curves {
            for (k, p) in points.into_iter().flatten().enumerate() {
                for (v, key) in [
                    (p.months, "chart-what-curve-time"),
                    (p.survival, "chart-what-curve-survival"),
                    (p.lower, "chart-what-curve-lower"),
                    (p.upper, "chart-what-curve-upper"),
                ] {
                    finite(v, || {
                        self.lang.t_with(
                            key,
                            &[
                                ("point", Arg::Text(&(k + 1).to_string())),
                                ("curve", Arg::Text(&self.lang.t(curve))),
                            ],
                        )
                    })?;
                }
            }
        }
        Ok(())
    }
}

impl Chart for SurvivalCurveChart {
    fn height(&self, width: f64) -> f64 {
        (width * 0.55).clamp(260.0, 400.0)
    }

    fn file_stem(&self) -> String {
        format!("survival-{}", self.patient)
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), ChartError> {
        self.check()?;
        if self.cohort.is_empty() && self.predicted.is_empty() {
            return draw_no_data(root, &self.lang.t("ui-chart-survival-none"), scale);
        }
        let px = move |v: f64| (v * scale) as u32;
        let horizon = self.horizon_months.max(1.0);
        let mut chart = ChartBuilder::on(root)
            .margin(px(10.0))
            .x_label_area_size(px(44.0))
            .y_label_area_size(px(52.0))
            .build_cartesian_2d(
                axis(&self.lang.t("chart-axis-months"), 0.0, horizon)?,
                0.0..100.0,
            )?;
        let step = if horizon > 72.0 { 12.0 } else { 6.0 };
        grid(&mut chart, scale, (13.0, 13.0))
            .x_labels((horizon / step) as usize + 1)
            .x_label_formatter(&|m| format!("{m:.0}"))
            .y_labels(6)
            .y_label_formatter(&|s| percent_tick(self.lang, *s))
            .x_desc(self.lang.t("ui-chart-months-since-baseline"))
            .y_desc(self.lang.t("ui-chart-survival"))
            .draw()?;

        // The horizons the page states in numbers, and the median line.
        for months in [12.0, 24.0].into_iter().filter(|&m| m < horizon) {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(months, 0.0), (months, 100.0)],
                GREY.mix(0.6).stroke_width(px(1.0)),
            )))?;
        }
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, 50.0), (horizon, 50.0)],
            GREY.mix(0.6).stroke_width(px(1.0)),
        )))?;

        if !self.cohort.is_empty() {
            self.draw_cohort(&mut chart, scale)?;
        }
        self.draw_patient(&mut chart, scale)?;
        series_legend(&mut chart, SeriesLabelPosition::UpperRight, scale)
    }
}

type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

impl SurvivalCurveChart {
    /// The cohort's Kaplan-Meier curve with its confidence band.
    fn draw_cohort<DB: DrawingBackend>(
        &self,
        chart: &mut Plot<'_, DB>,
        scale: f64,
    ) -> Result<(), ChartError> {
        let px = move |v: f64| (v * scale) as u32;
        // Cohort band: upper limits forwards, lower limits backwards.
        let mut band = steps(&self.cohort, |p| p.upper);
        band.extend(steps(&self.cohort, |p| p.lower).into_iter().rev());
        chart
            .draw_series(std::iter::once(Polygon::new(band, GREY.mix(0.22).filled())))?
            .label(self.lang.t_with(
                "ui-chart-survival-band",
                &[(
                    "level",
                    Arg::Text(&self.lang.decimal(100.0 * self.ci_level, 0)),
                )],
            ))
            .legend(move |(x, y)| {
                Rectangle::new(
                    [
                        (x, y - px(5.0) as i32),
                        (x + px(18.0) as i32, y + px(5.0) as i32),
                    ],
                    GREY.mix(0.22).filled(),
                )
            });
        chart
            .draw_series(std::iter::once(PathElement::new(
                steps(&self.cohort, |p| p.survival),
                GREY.stroke_width(px(2.0)),
            )))?
            .label(self.lang.t("ui-chart-survival-cohort"))
            .legend(legend_line(GREY.stroke_width(px(2.0)), scale));
        Ok(())
    }

    /// The patient's predicted curve, and the what-if curve when values were edited.
    fn draw_patient<DB: DrawingBackend>(
        &self,
        chart: &mut Plot<'_, DB>,
        scale: f64,
    ) -> Result<(), ChartError> {
        let px = move |v: f64| (v * scale) as u32;
        let (patient_style, patient_label) = if self.what_if.is_some() {
            (
                LOWERS.mix(0.55).stroke_width(px(2.0)),
                self.lang.t("ui-chart-survival-recorded"),
            )
        } else {
            (
                LOWERS.stroke_width(px(3.0)),
                self.lang.t("ui-chart-survival-predicted"),
            )
        };
        chart
            .draw_series(std::iter::once(PathElement::new(
                steps(&self.predicted, |p| p.survival),
                patient_style,
            )))?
            .label(patient_label)
            .legend(legend_line(patient_style, scale));
        if let Some(what_if) = &self.what_if {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    steps(what_if, |p| p.survival),
                    ORANGE.stroke_width(px(3.0)),
                )))?
                .label(self.lang.t("ui-chart-survival-whatif"))
                .legend(legend_line(ORANGE.stroke_width(px(3.0)), scale));
        }
        Ok(())
    }
}
