//! Over time: the patient's explanation of its predicted survival (SurvSHAP(t)), drawn as
//! bars of each top marker's contribution at the chosen horizon in percentage points (all
//! other markers together in grey), above the curves of the top markers' contributions
//! over time with the horizon marked ([`OverTimeChart`]). A marker that lowers survival
//! (raises risk) takes the page's "raises" tone, one that raises survival the "lowers"
//! tone, as in the waterfall.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::views::patient_over_time::OverTime;

use super::error::{axis, finite};
use super::style::{
    GREY, INK, LOWERS, RAISES, SERIES, bar_range, clip, draw_no_data, font, grid, padded, px,
};
use super::{Chart, ChartError};

/// One patient's contributions over time, at one horizon.
#[derive(Clone, PartialEq)]
pub struct OverTimeChart {
    /// The explanation, from the view-model.
    pub over: OverTime,
    /// The horizon shown as bars, in years (one of the explanation's horizons).
    pub years: f64,
    /// The language of the chart's texts and numbers.
    pub lang: Lang,
}

const BAR_ROW: f64 = 24.0;
const LEGEND_ROW: f64 = 20.0;
const LEGEND_ITEM: f64 = 220.0;
const CURVES: f64 = 300.0;

/// Legend entries per row at `width` CSS pixels.
fn per_row(width: f64) -> usize {
    ((width - 72.0) / LEGEND_ITEM).floor().max(1.0) as usize
}

/// Percentage points with a sign, in the language's format.
fn points(lang: Lang, v: f64) -> String {
    let p = 100.0 * v;
    if p.abs() < 0.005 {
        lang.decimal(0.0, 2)
    } else {
        lang.signed(p, 2)
    }
}

impl OverTimeChart {
    fn check(&self) -> Result<(), ChartError> {
        let o = &self.over;
        for h in &o.horizons {
            for c in &h.top {
                finite(c.contribution, || {
                    self.lang
                        .t_with("chart-what-contribution", &[("name", Arg::Text(&c.name))])
                })?;
            }
            finite(h.rest, || self.lang.t("chart-what-others-contribution"))?;
        }
        for c in &o.curves {
            for (m, v) in o.months.iter().zip(&c.contribution) {
                finite(*v, || {
                    self.lang.t_with(
                        "chart-what-contribution-at",
                        &[
                            ("name", Arg::Text(&c.name)),
                            (
                                "months",
                                Arg::Text(&self.lang.number_text(&format!("{m:.1}"))),
                            ),
                        ],
                    )
                })?;
            }
        }
        Ok(())
    }

    fn bars(&self) -> Vec<(String, f64, bool)> {
        self.over
            .at(self.years)
            .map(|h| {
                h.top
                    .iter()
                    .map(|c| (c.name.clone(), c.contribution, false))
                    .chain(std::iter::once((
                        self.lang.t_with(
                            "ui-chart-overtime-rest",
                            &[("n", Arg::Count(h.n_rest as u64))],
                        ),
                        h.rest,
                        true,
                    )))
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Chart for OverTimeChart {
    fn height(&self, width: f64) -> f64 {
        let legend_rows = self.over.curves.len().div_ceil(per_row(width));
        BAR_ROW * self.bars().len() as f64 + 60.0 + LEGEND_ROW * legend_rows as f64 + 8.0 + CURVES
    }

    fn file_stem(&self) -> String {
        format!("over-time-{}-{:.0}y", self.over.patient_id, self.years)
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), ChartError> {
        self.check()?;
        let bars = self.bars();
        if bars.is_empty() {
            return draw_no_data(root, &self.lang.t("ui-chart-overtime-none"), scale);
        }
        let (width, _) = root.dim_in_pixel();
        let css_width = f64::from(width) / scale;
        let (top, bottom) = root.split_vertically(px(BAR_ROW * bars.len() as f64 + 60.0, scale));

        // Bars at the horizon, in percentage points.
        let (x0, x1) = bar_range(bars.iter().map(|b| 100.0 * b.1));
        // Room beyond the longest bars for their value labels.
        let span = x1 - x0;
        let x0 = if x0 < -span * 0.05 {
            x0 - 0.12 * span
        } else {
            x0
        };
        let x1 = if x1 > span * 0.05 {
            x1 + 0.12 * span
        } else {
            x1
        };
        let n = bars.len() as f64;
        let label_width = (css_width * 0.34).min(240.0);
        let mut chart = ChartBuilder::on(&top)
            .margin(px(8.0, scale))
            .margin_right(px(16.0, scale))
            .x_label_area_size(px(40.0, scale))
            .y_label_area_size(px(label_width, scale))
            .build_cartesian_2d(
                axis(&self.lang.t("chart-axis-percentage-points"), x0, x1)?,
                0f64..n,
            )?;
        grid(&mut chart, scale, (12.0, 12.0))
            .disable_y_mesh()
            .disable_y_axis()
            .x_labels(7)
            .x_label_formatter(&|v| self.lang.signed(*v, 1))
            .x_desc(self.lang.t_with(
                "ui-chart-overtime-axis",
                &[("years", Arg::Text(&self.lang.decimal(self.years, 0)))],
            ))
            .draw()?;
        chart.draw_series(bars.iter().enumerate().map(|(i, (_, v, rest))| {
            let y0 = n - i as f64 - 0.85;
            let y1 = n - i as f64 - 0.15;
            let colour = if *rest {
                GREY
            } else if *v < 0.0 {
                RAISES
            } else {
                LOWERS
            };
            Rectangle::new([(0.0, y0), (100.0 * v, y1)], colour.filled())
        }))?;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, 0.0), (0.0, n)],
            INK.stroke_width(px(1.0, scale)),
        )))?;
        for (i, (name, v, _)) in bars.iter().enumerate() {
            let y = n - i as f64 - 0.5;
            let (x_zero, yy) = chart.backend_coord(&(x0, y));
            root.draw(&Text::new(
                clip(name, 32),
                (x_zero - (6.0 * scale) as i32, yy),
                font(12.0, scale).pos(Pos::new(HPos::Right, VPos::Center)),
            ))?;
            let (xb, yb) = chart.backend_coord(&(100.0 * v, y));
            let (anchor, nudge) = if *v < 0.0 {
                (HPos::Right, -4.0)
            } else {
                (HPos::Left, 4.0)
            };
            root.draw(&Text::new(
                points(self.lang, *v),
                (xb + (nudge * scale) as i32, yb),
                font(11.0, scale)
                    .color(&INK)
                    .pos(Pos::new(anchor, VPos::Center)),
            ))?;
        }

        // Curves over time.
        let o = &self.over;
        if o.curves.is_empty() {
            return draw_no_data(&bottom, &self.lang.t("ui-chart-overtime-flat"), scale);
        }
        let last = o.months.last().copied().unwrap_or(12.0).max(1.0);
        let (lo, hi) = o
            .curves
            .iter()
            .flat_map(|c| c.contribution.iter().map(|v| 100.0 * v))
            .fold((0.0f64, 0.0f64), |(a, b), v| (a.min(v), b.max(v)));
        let (lo, hi) = padded(lo, hi, 0.08);
        // The legend above the curves, wrapped, so that it never covers them.
        let n_row = per_row(css_width);
        let legend_rows = o.curves.len().div_ceil(n_row);
        let (legend, bottom) =
            bottom.split_vertically(px(LEGEND_ROW * legend_rows as f64 + 8.0, scale));
        for (k, c) in o.curves.iter().enumerate() {
            let colour = SERIES[k % SERIES.len()];
            let x = 64.0 + LEGEND_ITEM * (k % n_row) as f64;
            let y = 4.0 + LEGEND_ROW * (k / n_row) as f64 + LEGEND_ROW / 2.0;
            let at = |v: f64| (v * scale).round() as i32;
            legend.draw(&PathElement::new(
                vec![(at(x), at(y)), (at(x + 18.0), at(y))],
                colour.stroke_width(px(2.5, scale)),
            ))?;
            legend.draw(&Text::new(
                clip(&c.name, 30),
                (at(x + 24.0), at(y)),
                font(12.0, scale).pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
        let mut chart = ChartBuilder::on(&bottom)
            .margin(px(8.0, scale))
            .margin_right(px(16.0, scale))
            .x_label_area_size(px(40.0, scale))
            .y_label_area_size(px(56.0, scale))
            .build_cartesian_2d(
                axis(&self.lang.t("chart-axis-months"), 0.0, last)?,
                axis(&self.lang.t("chart-axis-percentage-points"), lo, hi)?,
            )?;
        grid(&mut chart, scale, (12.0, 12.0))
            .x_labels(8)
            .y_labels(6)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| self.lang.signed(*v, 1))
            .x_desc(self.lang.t("ui-chart-overtime-months"))
            .y_desc(self.lang.t("ui-chart-overtime-points"))
            .draw()?;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, 0.0), (last, 0.0)],
            INK.stroke_width(px(1.0, scale)),
        )))?;
        let h = self.years * 12.0;
        chart.draw_series(DashedLineSeries::new(
            vec![(h, lo), (h, hi)],
            px(5.0, scale),
            px(4.0, scale),
            GREY.stroke_width(px(1.5, scale)),
        ))?;
        // Backend coordinates: drawn on the root, whose origin they share.
        let (hx, hy) = chart.backend_coord(&(h, hi));
        root.draw(&Text::new(
            self.lang.t_with(
                "ui-chart-overtime-horizon",
                &[("years", Arg::Text(&self.lang.decimal(self.years, 0)))],
            ),
            (hx + (4.0 * scale) as i32, hy),
            font(11.0, scale)
                .color(&GREY)
                .pos(Pos::new(HPos::Left, VPos::Top)),
        ))?;
        for (k, c) in o.curves.iter().enumerate() {
            let colour = SERIES[k % SERIES.len()];
            let line: Vec<(f64, f64)> = o
                .months
                .iter()
                .zip(&c.contribution)
                .map(|(&m, &v)| (m, 100.0 * v))
                .collect();
            chart.draw_series(LineSeries::new(line, colour.stroke_width(px(2.5, scale))))?;
        }
        Ok(())
    }
}
