//! Calibration at a fixed time: each risk group's mean predicted survival against its
//! Kaplan-Meier estimate with the 95% interval as a whisker, and the diagonal of perfect
//! calibration.

use plotters::coord::Shift;
use plotters::prelude::*;
use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::views::model_view::{CalibrationGroup, CalibrationPlot};

use super::error::finite;
use super::style::{GREY, LOWERS, dashes, draw_no_data, font, grid, percent_tick};
use super::{Chart, ChartError};

/// Predicted against observed survival by risk group.
#[derive(Clone, PartialEq)]
pub struct CalibrationChart {
    /// The groups, lowest risk first.
    pub groups: Vec<CalibrationGroup>,
    /// Time of the comparison, months.
    pub months: f64,
    /// The language of the chart's texts and numbers.
    pub lang: Lang,
}

impl CalibrationChart {
    /// The model view's calibration plot, its texts in `lang`.
    pub fn of(plot: &CalibrationPlot, lang: Lang) -> Self {
        Self {
            groups: plot.groups.clone(),
            months: plot.months,
            lang,
        }
    }

    /// Refuses a group whose survival, predicted or observed, is not a number.
    fn check(&self) -> Result<(), ChartError> {
        for g in &self.groups {
            for (value, key) in [
                (g.predicted, "chart-what-calibration-predicted"),
                (g.observed, "chart-what-calibration-observed"),
                (g.observed_lower, "chart-what-calibration-lower"),
                (g.observed_upper, "chart-what-calibration-upper"),
            ] {
                finite(value, || {
                    let group = (g.group + 1).to_string();
                    self.lang.t_with(key, &[("group", Arg::Text(&group))])
                })?;
            }
        }
        Ok(())
    }
}

impl Chart for CalibrationChart {
    fn height(&self, width: f64) -> f64 {
        (width * 0.8).clamp(320.0, 460.0)
    }

    fn file_stem(&self) -> String {
        format!("calibration-{:.0}-months", self.months)
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), ChartError> {
        self.check()?;
        if self.groups.is_empty() {
            return draw_no_data(root, &self.lang.t("ui-model-chart-calibration-none"), scale);
        }
        let px = |v: f64| (v * scale) as u32;
        let small = font(11.0, scale);
        // Both axes on one scale, from the lowest point (rounded down to 10%) to 100%.
        let lowest = self
            .groups
            .iter()
            .flat_map(|g| [g.predicted, g.observed_lower])
            .fold(1.0f64, f64::min);
        let lo = ((lowest * 10.0).floor() / 10.0).clamp(0.0, 0.9) * 100.0;
        let mut chart = ChartBuilder::on(root)
            .margin_top(px(12.0))
            .margin_right(px(20.0))
            .x_label_area_size(px(44.0))
            .y_label_area_size(px(64.0))
            .build_cartesian_2d(lo..100.0, lo..100.0)?;
        grid(&mut chart, scale, (13.0, 13.0))
            .x_labels(6)
            .y_labels(6)
            .x_label_formatter(&|v| percent_tick(self.lang, *v))
            .y_label_formatter(&|v| percent_tick(self.lang, *v))
            .x_desc(self.lang.t_with(
                "ui-model-chart-calibration-predicted",
                &[("months", Arg::Text(&self.lang.decimal(self.months, 0)))],
            ))
            .y_desc(self.lang.t("ui-model-chart-calibration-observed"))
            .draw()?;
        chart.draw_series(
            dashes((lo, lo), (100.0, 100.0), 30)
                .into_iter()
                .map(|seg| PathElement::new(seg, GREY.stroke_width(px(1.5)))),
        )?;
        chart.draw_series(self.groups.iter().map(|g| {
            PathElement::new(
                vec![
                    (100.0 * g.predicted, 100.0 * g.observed_lower),
                    (100.0 * g.predicted, 100.0 * g.observed_upper),
                ],
                LOWERS.mix(0.55).stroke_width(px(2.0)),
            )
        }))?;
        chart.draw_series(self.groups.iter().map(|g| {
            Circle::new(
                (100.0 * g.predicted, 100.0 * g.observed),
                px(5.0),
                LOWERS.filled(),
            )
        }))?;
        // Group numbers (1 = lowest risk) beside the points.
        for g in &self.groups {
            let (x, y) = chart.backend_coord(&(100.0 * g.predicted, 100.0 * g.observed));
            root.draw(&Text::new(
                format!("{}", g.group + 1),
                (x + px(7.0) as i32, y - px(14.0) as i32),
                small.clone(),
            ))?;
        }
        Ok(())
    }
}
