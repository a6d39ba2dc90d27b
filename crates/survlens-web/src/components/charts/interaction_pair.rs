//! One interaction up close: marker A's relevance (y) against marker B's value (x), every
//! patient a dot, with a box (quartiles, median, whiskers at 1.5 IQR) per level of B or per
//! fifth of B's values.

use plotters::coord::Shift;
use plotters::prelude::*;
use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::views::interactions_view::PairPlot;

use super::error::{axis, finite};
use super::style::{
    INK, LOWERS, ORANGE, clip, draw_no_data, finite_extent, grid, level_ticks, padded,
    relevance_tick,
};
use super::{Chart, ChartError};

/// A German axis tick: the value to at most six decimals without trailing zeros, with the
/// decimal comma (`0,25`).
fn german_tick(v: f64) -> String {
    let text = format!("{v:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match text {
        "-0" | "" => "0".to_owned(),
        t => t.replace('.', ","),
    }
}

/// The pair plot of one (A, B).
#[derive(Clone, PartialEq)]
pub struct PairChart {
    /// Dots and boxes, from the view-model.
    pub plot: PairPlot,
    /// The language of the chart's axes and notes.
    pub lang: Lang,
}

impl PairChart {
    /// Refuses a dot or a box whose position is not a number.
    fn check(&self) -> Result<(), ChartError> {
        let p = &self.plot;
        for d in &p.dots {
            let what = |key: &str, name: &str| {
                self.lang.t_with(
                    key,
                    &[
                        ("name", Arg::Text(name)),
                        ("row", Arg::Text(&(d.patient + 1).to_string())),
                    ],
                )
            };
            finite(d.x, || what("chart-what-pair-position", &p.b_name))?;
            finite(d.relevance, || what("chart-what-pair-relevance", &p.a_name))?;
        }
        for b in &p.boxes {
            for v in std::iter::once(b.x).chain(b.quartiles).chain(b.whiskers) {
                finite(v, || {
                    self.lang
                        .t_with("chart-what-pair-box", &[("box", Arg::Text(&b.label))])
                })?;
            }
        }
        Ok(())
    }
}

impl Chart for PairChart {
    fn height(&self, width: f64) -> f64 {
        (width * 0.5).clamp(300.0, 420.0)
    }

    fn file_stem(&self) -> String {
        format!(
            "interaction-{}-by-{}",
            self.plot.a_name.replace(' ', "-").to_lowercase(),
            self.plot.b_name.replace(' ', "-").to_lowercase()
        )
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), ChartError> {
        self.check()?;
        let p = &self.plot;
        if p.dots.is_empty() {
            return draw_no_data(
                root,
                &self.lang.t_with(
                    "ui-interactions-chart-no-values",
                    &[("name", Arg::Text(&p.b_name))],
                ),
                scale,
            );
        }
        let px = |x: f64| (x * scale).round() as i32;
        let (x_lo, x_hi) = if p.is_categorical() {
            (-0.6, p.b_levels.len().saturating_sub(1) as f64 + 0.6)
        } else {
            let (lo, hi) =
                finite_extent(p.dots.iter().map(|d| f64::from(d.x))).unwrap_or((-1.0, 1.0));
            padded(lo, hi, 0.04)
        };
        let (r_lo, r_hi) = p.dots.iter().fold((0.0f64, 0.0f64), |(a, b), d| {
            (a.min(f64::from(d.relevance)), b.max(f64::from(d.relevance)))
        });
        let (y_lo, y_hi) = padded(r_lo, r_hi, 0.05);
        let level_name = level_ticks(p.b_levels.clone());
        let mut chart = ChartBuilder::on(root)
            .margin(px(12.0))
            .x_label_area_size(px(44.0))
            .y_label_area_size(px(62.0))
            .build_cartesian_2d(
                axis(&p.axis_label_in(self.lang), x_lo, x_hi)?,
                axis(&self.lang.t("chart-axis-relevance"), y_lo, y_hi)?,
            )?;
        let y_desc = self.lang.t_with(
            "ui-interactions-chart-relevance",
            &[("name", Arg::Text(&clip(&p.a_name, 28)))],
        );
        let mut mesh = grid(&mut chart, scale, (12.0, 12.0));
        let lang = self.lang;
        let y_tick = |v: &f64| lang.number_text(&relevance_tick(v));
        let x_tick = |x: &f64| german_tick(*x);
        mesh.y_label_formatter(&y_tick)
            .x_desc(p.axis_label_in(lang))
            .y_desc(y_desc);
        if lang == Lang::De && !p.is_categorical() {
            mesh.x_label_formatter(&x_tick);
        }
        if p.is_categorical() {
            mesh.disable_x_mesh()
                .x_labels(p.b_levels.len() * 2 + 3)
                .x_label_formatter(&level_name);
        }
        mesh.draw()?;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x_lo, 0.0), (x_hi, 0.0)],
            INK.stroke_width(1),
        )))?;
        let radius = px(2.2).max(1);
        chart.draw_series(p.dots.iter().map(|d| {
            Circle::new(
                (f64::from(d.x), f64::from(d.relevance)),
                radius,
                LOWERS.mix(0.35).filled(),
            )
        }))?;
        let half = if p.is_categorical() {
            0.22
        } else {
            (x_hi - x_lo) / 28.0
        };
        for b in &p.boxes {
            let x = f64::from(b.x);
            let [q1, q2, q3] = b.quartiles.map(f64::from);
            let [w0, w1] = b.whiskers.map(f64::from);
            let line = INK.stroke_width(px(1.2).max(1) as u32);
            chart.draw_series([
                PathElement::new(vec![(x, w0), (x, q1)], line),
                PathElement::new(vec![(x, q3), (x, w1)], line),
                PathElement::new(vec![(x - half / 2.0, w0), (x + half / 2.0, w0)], line),
                PathElement::new(vec![(x - half / 2.0, w1), (x + half / 2.0, w1)], line),
            ])?;
            chart.draw_series([
                Rectangle::new([(x - half, q1), (x + half, q3)], ORANGE.mix(0.35).filled()),
                Rectangle::new([(x - half, q1), (x + half, q3)], line),
            ])?;
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x - half, q2), (x + half, q2)],
                INK.stroke_width(px(2.5) as u32),
            )))?;
        }
        Ok(())
    }
}
