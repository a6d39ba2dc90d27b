//! The dependence plot: one marker's value (x, in its unit; categorical markers as jittered
//! columns per level) against its relevance (y), optionally coloured by a second marker's
//! value, with the reference range shaded.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::views::markers_view::DependenceView;

use super::error::{axis, finite};
use super::style::{
    GREEN, GradientLegend, INK, PURPLE, VIRIDIS_DOT_TOP, clip, draw_no_data, finite_extent, font,
    german_tick, grid, level_ticks, padded, relevance_tick, tick_in, value_colour, viridis,
};
use super::{Chart, ChartError};

/// The dependence plot of one marker.
#[derive(Clone, PartialEq)]
pub struct DependenceChart {
    /// Dots, levels and colouring, from the view-model.
    pub view: DependenceView,
    /// The language of the chart's texts and numbers.
    pub lang: Lang,
}

impl DependenceChart {
    /// Refuses a dot whose position is not a number.
    fn check(&self) -> Result<(), ChartError> {
        let v = &self.view;
        for d in &v.dots {
            let what = |key: &str| {
                self.lang.t_with(
                    key,
                    &[
                        ("name", Arg::Text(&v.name)),
                        ("row", Arg::Text(&(d.patient + 1).to_string())),
                    ],
                )
            };
            finite(d.x, || what("chart-what-row-position"))?;
            finite(d.relevance, || what("chart-what-row-relevance"))?;
        }
        Ok(())
    }
}

impl Chart for DependenceChart {
    fn height(&self, width: f64) -> f64 {
        (width * 0.55).clamp(300.0, 440.0)
            + if self.view.colour_by.is_some() {
                44.0
            } else {
                0.0
            }
    }

    fn file_stem(&self) -> String {
        format!(
            "dependence-{}",
            self.view.name.replace(' ', "-").to_lowercase()
        )
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), ChartError> {
        self.check()?;
        let v = &self.view;
        if v.dots.is_empty() {
            return draw_no_data(
                root,
                &self.lang.t_with(
                    "ui-markers-chart-no-values",
                    &[("name", Arg::Text(&v.name))],
                ),
                scale,
            );
        }
        let px = |x: f64| (x * scale).round() as i32;
        let (_, height) = root.dim_in_pixel();
        let legend_h = if v.colour_by.is_some() { px(44.0) } else { 0 };
        let (plot, legend) = root.split_vertically(i32::try_from(height).unwrap_or(0) - legend_h);
        let (x_lo, x_hi) = if v.is_categorical() {
            (-0.6, v.levels.len().saturating_sub(1) as f64 + 0.6)
        } else {
            let (lo, hi) =
                finite_extent(v.dots.iter().map(|d| f64::from(d.x))).unwrap_or((-1.0, 1.0));
            padded(lo, hi, 0.04)
        };
        let (r_lo, r_hi) = v.dots.iter().fold((0.0f64, 0.0f64), |(a, b), d| {
            (a.min(f64::from(d.relevance)), b.max(f64::from(d.relevance)))
        });
        let (y_lo, y_hi) = padded(r_lo, r_hi, 0.04);
        let level_name = level_ticks(v.levels.clone());
        let mut chart = ChartBuilder::on(&plot)
            .margin(px(12.0))
            .x_label_area_size(px(44.0))
            .y_label_area_size(px(62.0))
            .build_cartesian_2d(
                axis(&v.axis_label(), x_lo, x_hi)?,
                axis(&self.lang.t("chart-axis-relevance"), y_lo, y_hi)?,
            )?;
        let lang = self.lang;
        let y_tick = |y: &f64| tick_in(lang, relevance_tick(y));
        let x_tick = |x: &f64| german_tick(*x);
        let mut mesh = grid(&mut chart, scale, (12.0, 12.0));
        mesh.y_label_formatter(&y_tick)
            .x_desc(v.axis_label())
            .y_desc(lang.t("ui-markers-chart-relevance"));
        if lang == Lang::De && !v.is_categorical() {
            mesh.x_label_formatter(&x_tick);
        }
        if v.is_categorical() {
            mesh.disable_x_mesh()
                .x_labels(v.levels.len() * 2 + 3)
                .x_label_formatter(&level_name);
        }
        mesh.draw()?;
        if let (Some((lo, hi)), false) = (v.reference_range, v.is_categorical()) {
            let (lo, hi) = (f64::from(lo).max(x_lo), f64::from(hi).min(x_hi));
            if lo < hi {
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(lo, y_lo), (hi, y_hi)],
                    GREEN.mix(0.08).filled(),
                )))?;
            }
        }
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x_lo, 0.0), (x_hi, 0.0)],
            INK.stroke_width(1),
        )))?;
        let radius = px(2.4).max(1);
        chart.draw_series(v.dots.iter().map(|d| {
            let colour = if v.colour_by.is_some() {
                value_colour(d.colour).mix(0.8)
            } else {
                PURPLE.mix(0.55)
            };
            Circle::new(
                (f64::from(d.x), f64::from(d.relevance)),
                radius,
                colour.filled(),
            )
        }))?;
        if let Some(c) = v.colour_by.as_ref().filter(|c| !c.levels.is_empty()) {
            // Levels: one swatch each, so long level names never collide.
            let last = c.levels.len().saturating_sub(1).max(1) as f32;
            let mut x = px(74.0);
            legend.draw(&Text::new(
                self.lang.t_with(
                    "ui-markers-chart-colour",
                    &[("name", Arg::Text(&clip(&c.name, 30)))],
                ),
                (x, px(16.0)),
                font(12.0, scale).pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
            x += px(14.0 + 7.0 * clip(&c.name, 30).chars().count() as f64 + 50.0);
            for (k, level) in c.levels.iter().enumerate() {
                let label = clip(level, 18);
                legend.draw(&Circle::new(
                    (x, px(16.0)),
                    px(4.0),
                    value_colour(Some(k as f32 / last)).filled(),
                ))?;
                legend.draw(&Text::new(
                    label.clone(),
                    (x + px(8.0), px(16.0)),
                    font(11.0, scale).pos(Pos::new(HPos::Left, VPos::Center)),
                ))?;
                x += px(24.0 + 6.2 * label.chars().count() as f64);
            }
        } else if let Some(c) = &v.colour_by {
            GradientLegend {
                colour: |t| viridis(t * VIRIDIS_DOT_TOP),
                width: 160.0,
                low: &c.scale.low_label,
                high: &c.scale.high_label,
                title: &self.lang.t_with(
                    "ui-markers-chart-colour-missing",
                    &[("name", Arg::Text(&clip(&c.name, 40)))],
                ),
            }
            .draw(&legend, (px(74.0), px(10.0)), scale)?;
        } else if v.reference_range.is_some() && !v.is_categorical() {
            let (x, y) = chart.backend_coord(&(x_lo, y_hi));
            root.draw(&Text::new(
                self.lang.t("ui-markers-chart-reference"),
                (x + px(6.0), y + px(4.0)),
                font(11.0, scale).pos(Pos::new(HPos::Left, VPos::Top)),
            ))?;
        }
        Ok(())
    }
}
