//! Marker importance: ranked bars of mean |relevance| coloured by modality (with the
//! modality also written beside each bar), and the cumulative share of total importance
//! over the ranking with the key-marker threshold.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use survlens_app::views::markers_view::ImportanceRow;

use super::heatmap::clip;
use super::{Chart, GREY, GRID, INK, LOWERS, RAISES, SERIES, SKY, err, font};

/// Okabe-Ito black.
const BLACK: RGBColor = RGBColor(0x00, 0x00, 0x00);
/// Okabe-Ito yellow (last: pale on white).
const YELLOW: RGBColor = RGBColor(0xF0, 0xE4, 0x42);

/// The colour of the modality at `index` in order of first appearance: the page's series
/// colours, then Okabe-Ito black and yellow (all eight colour-blind safe), cycling after.
pub fn modality_colour(index: usize) -> RGBColor {
    let k = index % (SERIES.len() + 2);
    match SERIES.get(k) {
        Some(&c) => c,
        None if k == SERIES.len() => BLACK,
        None => YELLOW,
    }
}

/// Ranked bars of marker importance.
#[derive(Clone, PartialEq)]
pub struct ImportanceBars {
    /// The bars, most important first.
    pub rows: Vec<ImportanceRow>,
    /// Key markers (ranks `1..=n_key`); a line separates them from the rest.
    pub n_key: usize,
    /// The threshold the key markers reach, in `(0, 1]`.
    pub threshold: f64,
    /// The session's modalities (colour order).
    pub modalities: Vec<String>,
}

const BAR_ROW: f64 = 22.0;
const LEGEND_ROW: f64 = 20.0;

impl ImportanceBars {
    fn legend_rows(&self, width: f64) -> usize {
        let per_row = ((width - 20.0) / 190.0).floor().max(1.0) as usize;
        self.modalities.len().div_ceil(per_row).max(1)
    }
}

impl Chart for ImportanceBars {
    fn height(&self, width: f64) -> f64 {
        self.legend_rows(width) as f64 * LEGEND_ROW + 12.0 + BAR_ROW * self.rows.len() as f64 + 48.0
    }

    fn file_stem(&self) -> String {
        "marker-importance".to_owned()
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), String> {
        let (width, _) = root.dim_in_pixel();
        let css_width = f64::from(width) / scale;
        let px = |v: f64| (v * scale).round() as i32;
        // Legend: one swatch per modality, wrapped.
        let per_row = ((css_width - 20.0) / 190.0).floor().max(1.0) as usize;
        for (k, name) in self.modalities.iter().enumerate() {
            let x = 8.0 + 190.0 * (k % per_row) as f64;
            let y = 6.0 + LEGEND_ROW * (k / per_row) as f64;
            root.draw(&Rectangle::new(
                [(px(x), px(y + 3.0)), (px(x + 12.0), px(y + 15.0))],
                modality_colour(k).filled(),
            ))
            .map_err(err)?;
            root.draw(&Text::new(
                clip(name, 26),
                (px(x + 17.0), px(y + 9.0)),
                font(12.0, scale).pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(err)?;
        }
        let top = self.legend_rows(css_width) as f64 * LEGEND_ROW + 12.0;
        let (_, area) = root.split_vertically(px(top));
        let n = self.rows.len().max(1);
        let extent = self
            .rows
            .iter()
            .map(|r| r.importance)
            .fold(0.0f64, f64::max)
            .max(1e-9)
            // Room right of the longest bar for its modality tag.
            * 1.32;
        let label_width = (css_width * 0.34).min(250.0);
        let mut chart = ChartBuilder::on(&area)
            .margin_right(px(10.0))
            .x_label_area_size(px(40.0))
            .y_label_area_size(px(label_width))
            .build_cartesian_2d(0f64..extent, 0f64..n as f64)
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .disable_y_axis()
            .x_labels(6)
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID.stroke_width(1))
            .x_desc("mean |relevance| over patients (log-risk)")
            .label_style(font(12.0, scale))
            .axis_desc_style(font(12.0, scale))
            .draw()
            .map_err(err)?;
        let top_y = n as f64;
        chart
            .draw_series(self.rows.iter().enumerate().map(|(i, r)| {
                let y0 = top_y - i as f64 - 0.85;
                let y1 = top_y - i as f64 - 0.15;
                Rectangle::new(
                    [(0.0, y0), (r.importance, y1)],
                    modality_colour(r.modality_index).filled(),
                )
            }))
            .map_err(err)?;
        for (i, r) in self.rows.iter().enumerate() {
            let (x_bar, y) = chart.backend_coord(&(r.importance, top_y - i as f64 - 0.5));
            let (x0, _) = chart.backend_coord(&(0.0, 0.0));
            root.draw(&Text::new(
                format!("{}. {}", r.rank, clip(&r.name, 30)),
                (x0 - px(6.0), y),
                font(12.0, scale).pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .map_err(err)?;
            root.draw(&Text::new(
                clip(&r.modality, 22),
                (x_bar + px(5.0), y),
                font(11.0, scale)
                    .color(&GREY)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(err)?;
        }
        if self.n_key > 0 && self.n_key < self.rows.len() {
            let y = top_y - self.n_key as f64;
            chart
                .draw_series(DashedLineSeries::new(
                    vec![(0.0, y), (extent, y)],
                    px(5.0) as u32,
                    px(4.0) as u32,
                    INK.stroke_width(px(1.0).max(1) as u32),
                ))
                .map_err(err)?;
        }
        Ok(())
    }
}

/// Cumulative share of total importance over the ranking, with the threshold and the
/// number of key markers.
#[derive(Clone, PartialEq)]
pub struct CumulativeShare {
    /// Cumulative share after each rank, in `[0, 1]`.
    pub shares: Vec<f64>,
    /// The threshold, in `(0, 1]`.
    pub threshold: f64,
    /// Key markers.
    pub n_key: usize,
}

impl Chart for CumulativeShare {
    fn height(&self, width: f64) -> f64 {
        (width * 0.55).clamp(260.0, 380.0)
    }

    fn file_stem(&self) -> String {
        "cumulative-importance".to_owned()
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), String> {
        let px = |v: f64| (v * scale).round() as i32;
        let m = self.shares.len().max(1);
        let mut chart = ChartBuilder::on(root)
            .margin(px(12.0))
            .x_label_area_size(px(42.0))
            .y_label_area_size(px(54.0))
            .build_cartesian_2d(0f64..m as f64, 0f64..100.0)
            .map_err(err)?;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID.stroke_width(1))
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| format!("{v:.0}"))
            .x_desc("markers, most important first (rank)")
            .y_desc("share of total importance (%)")
            .label_style(font(12.0, scale))
            .axis_desc_style(font(12.0, scale))
            .draw()
            .map_err(err)?;
        let points: Vec<(f64, f64)> = std::iter::once((0.0, 0.0))
            .chain(
                self.shares
                    .iter()
                    .enumerate()
                    .map(|(k, s)| ((k + 1) as f64, s * 100.0)),
            )
            .collect();
        chart
            .draw_series(AreaSeries::new(
                points.iter().copied(),
                0.0,
                SKY.mix(0.18).filled(),
            ))
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(
                points.iter().copied(),
                LOWERS.stroke_width(px(2.0) as u32),
            ))
            .map_err(err)?;
        let t = self.threshold * 100.0;
        chart
            .draw_series(DashedLineSeries::new(
                vec![(0.0, t), (m as f64, t)],
                px(6.0) as u32,
                px(4.0) as u32,
                RAISES.stroke_width(px(1.5) as u32),
            ))
            .map_err(err)?;
        if self.n_key > 0 {
            let k = self.n_key as f64;
            let at = self.shares[self.n_key - 1] * 100.0;
            chart
                .draw_series(DashedLineSeries::new(
                    vec![(k, 0.0), (k, at)],
                    px(6.0) as u32,
                    px(4.0) as u32,
                    RAISES.stroke_width(px(1.5) as u32),
                ))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(Circle::new(
                    (k, at),
                    px(4.5),
                    RAISES.filled(),
                )))
                .map_err(err)?;
            let (x, y) = chart.backend_coord(&(k, at));
            root.draw(&Text::new(
                format!("{} markers reach {:.0}%", self.n_key, t),
                (x + px(8.0), y + px(8.0)),
                font(12.0, scale).pos(Pos::new(HPos::Left, VPos::Top)),
            ))
            .map_err(err)?;
        }
        Ok(())
    }
}
