//! The beeswarm: one row per marker, one dot per patient at its relevance, coloured by the
//! patient's value of the marker from low (dark purple) to high (yellow), missing in grey.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::views::markers_view::Beeswarm;

use super::error::{axis, finite};
use super::style::{
    GREY, GRID, GradientLegend, INK, VIRIDIS_DOT_TOP, clip, draw_no_data, font, grid,
    relevance_tick, tick_in, value_colour, viridis,
};
use super::{Chart, ChartError};

/// The beeswarm of the top markers.
#[derive(Clone, PartialEq)]
pub struct BeeswarmChart {
    /// The rows and dots, from the view-model.
    pub swarm: Beeswarm,
    /// The language of the chart's texts and numbers.
    pub lang: Lang,
}

const ROW: f64 = 34.0;

impl BeeswarmChart {
    /// Refuses a dot whose relevance or offset is not a number.
    fn check(&self) -> Result<(), ChartError> {
        finite(self.swarm.extent, || {
            self.lang.t("chart-what-largest-relevance")
        })?;
        for row in &self.swarm.rows {
            for d in &row.dots {
                let what = |key: &str| {
                    self.lang.t_with(
                        key,
                        &[
                            ("name", Arg::Text(&row.name)),
                            ("row", Arg::Text(&(d.patient + 1).to_string())),
                        ],
                    )
                };
                finite(d.relevance, || what("chart-what-row-relevance"))?;
                finite(d.offset, || what("chart-what-row-offset"))?;
            }
        }
        Ok(())
    }
}

impl Chart for BeeswarmChart {
    fn height(&self, _width: f64) -> f64 {
        ROW * self.swarm.rows.len() as f64 + 110.0
    }

    fn file_stem(&self) -> String {
        "beeswarm".to_owned()
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), ChartError> {
        self.check()?;
        if self.swarm.rows.is_empty() {
            return draw_no_data(root, &self.lang.t("ui-markers-chart-no-marker"), scale);
        }
        let (width, height) = root.dim_in_pixel();
        let css_width = f64::from(width) / scale;
        let px = |v: f64| (v * scale).round() as i32;
        let rows = &self.swarm.rows;
        let n = rows.len().max(1);
        let extent = f64::from(self.swarm.extent) * 1.05;
        let (plot, legend) = root.split_vertically(i32::try_from(height).unwrap_or(0) - px(58.0));
        let mut chart = ChartBuilder::on(&plot)
            .margin_top(px(8.0))
            .margin_right(px(16.0))
            .x_label_area_size(px(42.0))
            .y_label_area_size(px((css_width * 0.3).min(230.0)))
            .build_cartesian_2d(
                axis(&self.lang.t("chart-axis-relevance"), -extent, extent)?,
                0f64..n as f64,
            )?;
        let german_tick = |v: &f64| tick_in(Lang::De, relevance_tick(v));
        let mut mesh = grid(&mut chart, scale, (12.0, 12.0));
        mesh.disable_y_mesh()
            .disable_y_axis()
            .x_labels(7)
            .x_desc(self.lang.t("ui-markers-chart-swarm-x"));
        if self.lang == Lang::De {
            mesh.x_label_formatter(&german_tick);
        }
        mesh.draw()?;
        let top = n as f64;
        for k in 1..n {
            let y = top - k as f64;
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(-extent, y), (extent, y)],
                GRID.stroke_width(1),
            )))?;
        }
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, 0.0), (0.0, top)],
            INK.stroke_width(1),
        )))?;
        let radius = px(2.2).max(1);
        for (i, row) in rows.iter().enumerate() {
            let centre = top - i as f64 - 0.5;
            chart.draw_series(row.dots.iter().map(|d| {
                Circle::new(
                    (f64::from(d.relevance), centre + f64::from(d.offset) * 0.4),
                    radius,
                    value_colour(d.colour).mix(0.85).filled(),
                )
            }))?;
            let (x0, y) = chart.backend_coord(&(-extent, centre));
            root.draw(&Text::new(
                clip(&row.name, 30),
                (x0 - px(8.0), y),
                font(12.0, scale).pos(Pos::new(HPos::Right, VPos::Center)),
            ))?;
        }
        let (x_left, _) = chart.backend_coord(&(-extent, 0.0));
        GradientLegend {
            colour: |t| viridis(t * VIRIDIS_DOT_TOP),
            width: 160.0,
            low: &self.lang.t("ui-markers-chart-low"),
            high: &self.lang.t("ui-markers-chart-high"),
            title: &self.lang.t("ui-markers-chart-swarm-legend"),
        }
        .draw(&legend, (x_left, px(12.0)), scale)?;
        let gx = x_left + px(160.0 + 300.0);
        if f64::from(width) > f64::from(gx) + 120.0 * scale {
            legend.draw(&Circle::new((gx, px(17.0)), px(3.0), GREY.filled()))?;
            legend.draw(&Text::new(
                self.lang.t("ui-markers-chart-missing"),
                (gx + px(8.0), px(17.0)),
                font(12.0, scale).pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
        Ok(())
    }
}
