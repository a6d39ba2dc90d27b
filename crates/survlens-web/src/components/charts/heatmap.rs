//! Heatmaps: rows x columns of non-negative values on a sequential colour scale (YlGnBu,
//! from [`super::style`]) with its legend: the markers view's entity x marker importance
//! and the interactions view's network coupling strength.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use survlens_app::core::format::count_in;
use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::views::interactions_view::{InteractionMatrix, Method};
use survlens_app::views::markers_view::EntityHeatmap;

use super::error::same_length;
use super::style::{GradientLegend, INK, clip, draw_no_data, font, strength, tick_in};
use super::{Chart, ChartError};

/// Colour of a cell without a value.
pub const EMPTY_CELL: RGBColor = RGBColor(0xF3, 0xF4, 0xF6);

/// A heatmap of non-negative values: rows labelled on the left (horizontal, readable),
/// columns labelled on top (rotated), one sequential scale from 0 to `max` with its legend.
///
/// # Shapes
/// `values` and (when not empty) `marks`: `rows x columns`, row-major.
#[derive(Clone, PartialEq)]
pub struct Heatmap {
    /// Row labels, top to bottom.
    pub row_labels: Vec<String>,
    /// Column labels, left to right.
    pub col_labels: Vec<String>,
    /// Cell values; NaN leaves a cell empty ([`EMPTY_CELL`]).
    pub values: Vec<f64>,
    /// Value at the top of the scale.
    pub max: f64,
    /// Cells to mark with a dot (e.g. "counts as an interaction"); empty for none.
    pub marks: Vec<bool>,
    /// What the colour means, with its unit.
    pub legend: String,
    /// What a marked cell means (ignored without marks).
    pub mark_legend: String,
    /// File name for downloads.
    pub stem: String,
    /// The language of the chart's own texts and numbers.
    pub lang: Lang,
}

/// Sizes of a heatmap in CSS pixels for a given width.
struct Layout {
    left: f64,
    top: f64,
    cell_w: f64,
    cell_h: f64,
}

const ROW_LABEL_CHARS: usize = 34;
const COL_LABEL_CHARS: usize = 26;
const LEGEND_HEIGHT: f64 = 56.0;

impl Heatmap {
    /// The markers view's heatmap: mean |relevance| of the top markers (columns) within
    /// each cancer entity (rows, named with their patients).
    pub fn entities(heat: &EntityHeatmap) -> Self {
        Self::entities_in(heat, Lang::En)
    }

    /// [`Heatmap::entities`] with its legend and counts in `lang`.
    pub fn entities_in(heat: &EntityHeatmap, lang: Lang) -> Self {
        Self {
            row_labels: heat
                .rows
                .iter()
                .map(|r| format!("{} (n={})", r.name, count_in(lang, r.patients)))
                .collect(),
            col_labels: heat.marker_names.clone(),
            values: heat.rows.iter().flat_map(|r| r.values.clone()).collect(),
            max: heat.max,
            marks: Vec::new(),
            legend: lang.t("ui-markers-chart-heatmap-legend"),
            mark_legend: String::new(),
            stem: "entity-marker-importance".to_owned(),
            lang,
        }
    }

    /// The interactions view's heatmap of a network-coupling description: the strength of
    /// every ordered pair of its markers (row A, column B), the pairs that stand out
    /// marked.
    pub fn coupling(m: &InteractionMatrix) -> Self {
        Self::coupling_in(m, Lang::En)
    }

    /// [`Heatmap::coupling`] with its labels and legend in `lang`.
    pub fn coupling_in(m: &InteractionMatrix, lang: Lang) -> Self {
        let statistical = m.method == Method::Statistical;
        let label = |key: &str, n: &str| lang.t_with(key, &[("name", Arg::Text(n))]);
        Self {
            row_labels: m
                .names
                .iter()
                .map(|n| label("ui-interactions-heatmap-row", n))
                .collect(),
            col_labels: m
                .names
                .iter()
                .map(|n| label("ui-interactions-heatmap-col", n))
                .collect(),
            values: m.values.clone(),
            max: m.max,
            marks: m.significant.clone(),
            legend: if statistical {
                lang.t("ui-interactions-heatmap-legend-statistical")
            } else {
                lang.t("ui-interactions-heatmap-legend-model")
            },
            mark_legend: lang.t("ui-interactions-heatmap-stands-out"),
            stem: format!(
                "coupling-strength-{}",
                if statistical {
                    "relevance-split"
                } else {
                    "relevance-change"
                }
            ),
            lang,
        }
    }

    /// Checks that `values` (and `marks`, when any) hold one entry per cell.
    fn check_shape(&self) -> Result<(), ChartError> {
        let cells = self.row_labels.len() * self.col_labels.len();
        same_length(
            || self.lang.t("chart-what-heatmap-values"),
            cells,
            self.values.len(),
        )?;
        if !self.marks.is_empty() {
            same_length(
                || self.lang.t("chart-what-heatmap-marks"),
                cells,
                self.marks.len(),
            )?;
        }
        Ok(())
    }

    fn layout(&self, width: f64) -> Layout {
        let longest_row = self
            .row_labels
            .iter()
            .map(|l| l.chars().count().min(ROW_LABEL_CHARS))
            .max()
            .unwrap_or(4);
        let longest_col = self
            .col_labels
            .iter()
            .map(|l| l.chars().count().min(COL_LABEL_CHARS))
            .max()
            .unwrap_or(4);
        let left = (longest_row as f64 * 7.0 + 16.0).min(width * 0.4);
        let top = longest_col as f64 * 6.6 + 16.0;
        let cols = self.col_labels.len().max(1) as f64;
        let cell_w = ((width - left - 16.0) / cols).max(8.0);
        let cell_h = (cell_w * 0.7).clamp(18.0, 30.0);
        Layout {
            left,
            top,
            cell_w,
            cell_h,
        }
    }
}

impl Chart for Heatmap {
    fn height(&self, width: f64) -> f64 {
        let l = self.layout(width);
        l.top + l.cell_h * self.row_labels.len() as f64 + LEGEND_HEIGHT
    }

    fn file_stem(&self) -> String {
        self.stem.clone()
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), ChartError> {
        self.check_shape()?;
        if self.row_labels.is_empty() || self.col_labels.is_empty() {
            return draw_no_data(root, &self.lang.t("ui-markers-chart-no-cells"), scale);
        }
        let (width, _) = root.dim_in_pixel();
        let l = self.layout(f64::from(width) / scale);
        let px = |v: f64| (v * scale).round() as i32;
        let cols = self.col_labels.len();
        let max = if self.max > 0.0 { self.max } else { 1.0 };
        for (r, label) in self.row_labels.iter().enumerate() {
            let y0 = l.top + l.cell_h * r as f64;
            root.draw(&Text::new(
                clip(label, ROW_LABEL_CHARS),
                (px(l.left - 6.0), px(y0 + l.cell_h / 2.0)),
                font(12.0, scale).pos(Pos::new(HPos::Right, VPos::Center)),
            ))?;
            for c in 0..cols {
                let x0 = l.left + l.cell_w * c as f64;
                let corners = [(px(x0), px(y0)), (px(x0 + l.cell_w), px(y0 + l.cell_h))];
                let v = self.values.get(r * cols + c).copied().unwrap_or(f64::NAN);
                if v.is_finite() {
                    let fill = strength(v / max);
                    root.draw(&Rectangle::new(corners, fill.filled()))?;
                    if self.marks.get(r * cols + c).copied().unwrap_or(false) {
                        // Dark dot on light cells, white on dark ones.
                        let dark = v / max < 0.55;
                        let dot = if dark { INK } else { WHITE };
                        root.draw(&Circle::new(
                            (px(x0 + l.cell_w / 2.0), px(y0 + l.cell_h / 2.0)),
                            px(2.6),
                            dot.filled(),
                        ))?;
                    }
                } else {
                    root.draw(&Rectangle::new(corners, EMPTY_CELL.filled()))?;
                }
                root.draw(&Rectangle::new(corners, WHITE.stroke_width(1)))?;
            }
        }
        let rotated = font(12.0, scale)
            .transform(FontTransform::Rotate270)
            .pos(Pos::new(HPos::Left, VPos::Center));
        for (c, label) in self.col_labels.iter().enumerate() {
            let x = l.left + l.cell_w * (c as f64 + 0.5);
            root.draw(&Text::new(
                clip(label, COL_LABEL_CHARS),
                (px(x), px(l.top - 6.0)),
                rotated.clone(),
            ))?;
        }
        let legend_y = l.top + l.cell_h * self.row_labels.len() as f64 + 14.0;
        GradientLegend {
            colour: strength,
            width: 180.0,
            low: "0",
            high: &tick_in(self.lang, format!("{:.3}", self.max)),
            title: &self.legend,
        }
        .draw(root, (px(l.left), px(legend_y)), scale)?;
        if !self.marks.is_empty() && self.marks.iter().any(|&m| m) {
            let y = px(legend_y + 34.0);
            root.draw(&Circle::new((px(l.left + 4.0), y), px(2.6), INK.filled()))?;
            root.draw(&Text::new(
                self.mark_legend.clone(),
                (px(l.left + 12.0), y),
                font(11.0, scale).pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
        Ok(())
    }
}
