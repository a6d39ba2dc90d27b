//! Deletion curves: a patient's log-risk as the inputs each method calls most risk-raising
//! are set to the reference patient's values, one by one. The faster a curve falls, the
//! more faithful the method's ranking of the inputs.

use plotters::coord::Shift;
use plotters::prelude::*;
use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::views::model_view::{AttributionMethod, MethodComparison};

use super::error::{axis, finite};
use super::model_methods::method_colour;
use super::style::{
    GREY, dashes, draw_no_data, grid, legend_line, percent_tick, series_legend, tick_in,
};
use super::{Chart, ChartError};

/// One deletion curve per method.
#[derive(Clone, PartialEq)]
pub struct DeletionChart {
    /// Patient id, for the file name.
    pub patient: String,
    /// `(method, log-risks after 0, 1, ..., n_inputs replacements)`.
    pub curves: Vec<(AttributionMethod, Vec<f32>)>,
    /// Log-risk of the reference patient (where every curve ends).
    pub reference_risk: f32,
    /// The language of the chart's texts and numbers.
    pub lang: Lang,
}

impl DeletionChart {
    /// The model view's deletion curves of the patient `comparison` explains, in `lang`.
    pub fn of(comparison: &MethodComparison, lang: Lang) -> Self {
        Self {
            patient: comparison.patient_id.clone(),
            curves: comparison
                .methods
                .iter()
                .map(|e| (e.method, e.deletion_risk.clone()))
                .collect(),
            reference_risk: comparison.reference_risk,
            lang,
        }
    }

    /// Refuses a log-risk that is not a number: a curve through it would break off at the
    /// chart's edge.
    fn check(&self) -> Result<(), ChartError> {
        finite(self.reference_risk, || {
            self.lang.t("chart-what-median-log-risk")
        })?;
        for (method, risk) in &self.curves {
            for (k, &v) in risk.iter().enumerate() {
                finite(v, || {
                    self.lang.t_with(
                        "chart-what-deletion-log-risk",
                        &[
                            ("inputs", Arg::Text(&k.to_string())),
                            ("method", Arg::Text(&method.label_in(self.lang))),
                        ],
                    )
                })?;
            }
        }
        Ok(())
    }
}

impl Chart for DeletionChart {
    fn height(&self, width: f64) -> f64 {
        (width * 0.62).clamp(300.0, 420.0)
    }

    fn file_stem(&self) -> String {
        format!("deletion-curves-{}", self.patient)
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), ChartError> {
        self.check()?;
        if self.curves.iter().all(|(_, r)| r.is_empty()) {
            return draw_no_data(root, &self.lang.t("ui-model-chart-deletion-none"), scale);
        }
        let px = |v: f64| (v * scale) as u32;
        let (lo, hi) = self
            .curves
            .iter()
            .flat_map(|(_, r)| r.iter().map(|&v| f64::from(v)))
            .chain([f64::from(self.reference_risk)])
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        let pad = ((hi - lo) * 0.08).max(0.05);
        let mut chart = ChartBuilder::on(root)
            .margin_top(px(12.0))
            .margin_right(px(16.0))
            .x_label_area_size(px(44.0))
            .y_label_area_size(px(64.0))
            .build_cartesian_2d(
                0.0..100.0,
                axis(&self.lang.t("chart-axis-log-risk"), lo - pad, hi + pad)?,
            )?;
        grid(&mut chart, scale, (12.0, 13.0))
            .x_labels(6)
            .y_labels(6)
            .x_label_formatter(&|v| percent_tick(self.lang, *v))
            .y_label_formatter(&|v| tick_in(self.lang, format!("{v:+.2}")))
            .x_desc(self.lang.t("ui-model-chart-deletion-replaced"))
            .y_desc(self.lang.t("ui-model-chart-deletion-log-risk"))
            .draw()?;
        let r = f64::from(self.reference_risk);
        chart
            .draw_series(
                dashes((0.0, r), (100.0, r), 40)
                    .into_iter()
                    .map(|seg| PathElement::new(seg, GREY.stroke_width(px(1.5)))),
            )?
            .label(self.lang.t("ui-model-chart-deletion-median"))
            .legend(legend_line(GREY.stroke_width(px(2.0)), scale));
        for (method, risk) in &self.curves {
            let steps = risk.len().saturating_sub(1).max(1) as f64;
            let colour = method_colour(*method);
            chart
                .draw_series(LineSeries::new(
                    risk.iter()
                        .enumerate()
                        .map(|(k, &v)| (100.0 * k as f64 / steps, f64::from(v))),
                    colour.stroke_width(px(2.0)),
                ))?
                .label(method.label_in(self.lang))
                .legend(legend_line(colour.stroke_width(px(3.0)), scale));
        }
        series_legend(&mut chart, SeriesLabelPosition::UpperRight, scale)
    }
}
