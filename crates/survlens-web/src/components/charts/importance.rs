//! Marker importance: ranked bars of mean |relevance| coloured by modality (with the
//! modality also written beside each bar), and the cumulative share of total importance
//! over the ranking with the key-marker threshold.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use survlens_app::core::format::count_in;
use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::views::markers_view::{ImportanceRow, KeyMarkerView};

use super::error::{axis, finite, same_length};
use super::style::{
    GREY, INK, LOWERS, RAISES, SERIES, SKY, clip, draw_no_data, font, german_tick, grid,
};
use super::{Chart, ChartError};

/// Bars in the ranked chart: the key markers, at least this many, at most [`MAX_BARS`].
pub const MIN_BARS: usize = 15;
/// The most bars in the ranked chart (and ranks in the cumulative share's table).
pub const MAX_BARS: usize = 40;

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
    /// The language of the chart's texts and numbers.
    pub lang: Lang,
}

const BAR_ROW: f64 = 22.0;
const LEGEND_ROW: f64 = 20.0;

impl ImportanceBars {
    /// The markers view's bars: the key markers, at least [`MIN_BARS`] and at most
    /// [`MAX_BARS`] of them.
    pub fn of(key: &KeyMarkerView) -> Self {
        let n_bars = key.n_key.clamp(MIN_BARS, MAX_BARS).min(key.rows.len());
        Self {
            rows: key.rows.iter().take(n_bars).cloned().collect(),
            n_key: key.n_key,
            threshold: key.threshold,
            modalities: key.modalities.clone(),
            lang: Lang::En,
        }
    }

    /// Refuses an importance that is not a number.
    fn check(&self) -> Result<(), ChartError> {
        for r in &self.rows {
            finite(r.importance, || {
                self.lang
                    .t_with("chart-what-importance", &[("name", Arg::Text(&r.name))])
            })?;
        }
        Ok(())
    }

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
    ) -> Result<(), ChartError> {
        self.check()?;
        if self.rows.is_empty() {
            return draw_no_data(root, &self.lang.t("ui-markers-chart-no-rank"), scale);
        }
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
            ))?;
            root.draw(&Text::new(
                clip(name, 26),
                (px(x + 17.0), px(y + 9.0)),
                font(12.0, scale).pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
        let top = self.legend_rows(css_width) as f64 * LEGEND_ROW + 12.0;
        let (_, area) = root.split_vertically(px(top));
        let n = self.rows.len().max(1);
        // Room right of the longest bar for its modality tag; German modality names are
        // longer, so the room follows the longest tag there.
        let room = match self.lang {
            Lang::En => 1.32,
            Lang::De => {
                let longest = self
                    .rows
                    .iter()
                    .map(|r| clip(&r.modality, 22).chars().count())
                    .max()
                    .unwrap_or(0);
                (1.0 + 0.022 * longest as f64).max(1.32)
            }
        };
        let extent = self
            .rows
            .iter()
            .map(|r| r.importance)
            .fold(0.0f64, f64::max)
            .max(1e-9)
            * room;
        let label_width = (css_width * 0.34).min(250.0);
        let mut chart = ChartBuilder::on(&area)
            .margin_right(px(10.0))
            .x_label_area_size(px(40.0))
            .y_label_area_size(px(label_width))
            .build_cartesian_2d(
                axis(&self.lang.t("chart-axis-importance"), 0f64, extent)?,
                0f64..n as f64,
            )?;
        let german_tick = |v: &f64| german_tick(*v);
        let mut mesh = grid(&mut chart, scale, (12.0, 12.0));
        mesh.disable_y_mesh()
            .disable_y_axis()
            .x_labels(6)
            .x_desc(self.lang.t("ui-markers-chart-importance-x"));
        if self.lang == Lang::De {
            mesh.x_label_formatter(&german_tick);
        }
        mesh.draw()?;
        let top_y = n as f64;
        chart.draw_series(self.rows.iter().enumerate().map(|(i, r)| {
            let y0 = top_y - i as f64 - 0.85;
            let y1 = top_y - i as f64 - 0.15;
            Rectangle::new(
                [(0.0, y0), (r.importance, y1)],
                modality_colour(r.modality_index).filled(),
            )
        }))?;
        for (i, r) in self.rows.iter().enumerate() {
            let (x_bar, y) = chart.backend_coord(&(r.importance, top_y - i as f64 - 0.5));
            let (x0, _) = chart.backend_coord(&(0.0, 0.0));
            root.draw(&Text::new(
                format!("{}. {}", r.rank, clip(&r.name, 30)),
                (x0 - px(6.0), y),
                font(12.0, scale).pos(Pos::new(HPos::Right, VPos::Center)),
            ))?;
            root.draw(&Text::new(
                clip(&r.modality, 22),
                (x_bar + px(5.0), y),
                font(11.0, scale)
                    .color(&GREY)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
        if self.n_key > 0 && self.n_key < self.rows.len() {
            let y = top_y - self.n_key as f64;
            chart.draw_series(DashedLineSeries::new(
                vec![(0.0, y), (extent, y)],
                px(5.0) as u32,
                px(4.0) as u32,
                INK.stroke_width(px(1.0).max(1) as u32),
            ))?;
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
    /// The language of the chart's texts and numbers.
    pub lang: Lang,
}

impl CumulativeShare {
    /// The markers view's curve over every marker of the ranking.
    pub fn of(key: &KeyMarkerView) -> Self {
        Self {
            shares: key.rows.iter().map(|r| r.cumulative_share).collect(),
            threshold: key.threshold,
            n_key: key.n_key,
            lang: Lang::En,
        }
    }

    /// Refuses a share or threshold that is not a number, and more key markers than ranks.
    fn check(&self) -> Result<(), ChartError> {
        finite(self.threshold, || self.lang.t("chart-what-threshold"))?;
        for (k, &s) in self.shares.iter().enumerate() {
            finite(s, || {
                let rank = (k + 1).to_string();
                self.lang
                    .t_with("chart-what-cumulative-share", &[("rank", Arg::Text(&rank))])
            })?;
        }
        if self.n_key > self.shares.len() {
            same_length(
                || {
                    let n = self.n_key.to_string();
                    self.lang
                        .t_with("chart-what-cumulative-shares", &[("n", Arg::Text(&n))])
                },
                self.n_key,
                self.shares.len(),
            )?;
        }
        Ok(())
    }
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
    ) -> Result<(), ChartError> {
        self.check()?;
        if self.shares.is_empty() {
            return draw_no_data(root, &self.lang.t("ui-markers-chart-no-rank"), scale);
        }
        let px = |v: f64| (v * scale).round() as i32;
        let m = self.shares.len();
        let mut chart = ChartBuilder::on(root)
            .margin(px(12.0))
            .x_label_area_size(px(42.0))
            .y_label_area_size(px(54.0))
            .build_cartesian_2d(0f64..m as f64, 0f64..100.0)?;
        grid(&mut chart, scale, (12.0, 12.0))
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| format!("{v:.0}"))
            .x_desc(self.lang.t("ui-markers-chart-cumulative-x"))
            .y_desc(self.lang.t("ui-markers-chart-cumulative-y"))
            .draw()?;
        let points: Vec<(f64, f64)> = std::iter::once((0.0, 0.0))
            .chain(
                self.shares
                    .iter()
                    .enumerate()
                    .map(|(k, s)| ((k + 1) as f64, s * 100.0)),
            )
            .collect();
        chart.draw_series(AreaSeries::new(
            points.iter().copied(),
            0.0,
            SKY.mix(0.18).filled(),
        ))?;
        chart.draw_series(LineSeries::new(
            points.iter().copied(),
            LOWERS.stroke_width(px(2.0) as u32),
        ))?;
        let t = self.threshold * 100.0;
        chart.draw_series(DashedLineSeries::new(
            vec![(0.0, t), (m as f64, t)],
            px(6.0) as u32,
            px(4.0) as u32,
            RAISES.stroke_width(px(1.5) as u32),
        ))?;
        if let Some(share) = self.n_key.checked_sub(1).and_then(|k| self.shares.get(k)) {
            let k = self.n_key as f64;
            let at = share * 100.0;
            chart.draw_series(DashedLineSeries::new(
                vec![(k, 0.0), (k, at)],
                px(6.0) as u32,
                px(4.0) as u32,
                RAISES.stroke_width(px(1.5) as u32),
            ))?;
            chart.draw_series(std::iter::once(Circle::new(
                (k, at),
                px(4.5),
                RAISES.filled(),
            )))?;
            let (x, y) = chart.backend_coord(&(k, at));
            root.draw(&Text::new(
                self.lang.t_with(
                    "ui-markers-chart-reach",
                    &[
                        ("n", Arg::Text(&count_in(self.lang, self.n_key))),
                        ("percent", Arg::Text(&format!("{t:.0}"))),
                    ],
                ),
                (x + px(8.0), y + px(8.0)),
                font(12.0, scale).pos(Pos::new(HPos::Left, VPos::Top)),
            ))?;
        }
        Ok(())
    }
}
