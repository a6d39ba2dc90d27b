//! Heatmaps (rows x columns of non-negative values on a sequential colour scale with its
//! legend) and the colour scales shared by the markers and interactions charts.
//!
//! Both scales are colour-blind safe and ordered in lightness, so they also read in grey:
//! viridis (dark purple -> yellow) for a marker's value low -> high, and ColorBrewer YlGnBu
//! (near white -> dark blue) for strength, where "more" should look darker.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, GREY, INK, err, font};

/// Viridis (matplotlib) sampled at 0, 0.1, ..., 1. Kept here rather than taken from
/// plotters' `colormaps::ViridisRGB`: that map interpolates eight stops of viridis, which
/// departs from matplotlib's colours by up to 13/255 in a channel (blue at 0.9, the top of
/// the dots' range), and the pinned plotters is built without its `colormaps` feature.
const VIRIDIS: [(u8, u8, u8); 11] = [
    (0x44, 0x01, 0x54),
    (0x48, 0x24, 0x75),
    (0x41, 0x44, 0x87),
    (0x35, 0x5F, 0x8D),
    (0x2A, 0x78, 0x8E),
    (0x21, 0x91, 0x8C),
    (0x22, 0xA8, 0x84),
    (0x44, 0xBF, 0x70),
    (0x7A, 0xD1, 0x51),
    (0xBD, 0xDF, 0x26),
    (0xFD, 0xE7, 0x25),
];

/// ColorBrewer YlGnBu, 9 classes.
const YL_GN_BU: [(u8, u8, u8); 9] = [
    (0xFF, 0xFF, 0xD9),
    (0xED, 0xF8, 0xB1),
    (0xC7, 0xE9, 0xB4),
    (0x7F, 0xCD, 0xBB),
    (0x41, 0xB6, 0xC4),
    (0x1D, 0x91, 0xC0),
    (0x22, 0x5E, 0xA8),
    (0x25, 0x34, 0x94),
    (0x08, 0x1D, 0x58),
];

/// Top of the viridis range used for dots: the last tenth is too pale on white.
pub const VIRIDIS_DOT_TOP: f64 = 0.9;

fn interpolate(stops: &[(u8, u8, u8)], t: f64) -> RGBColor {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let pos = t * (stops.len() - 1) as f64;
    let lo = (pos.floor() as usize).min(stops.len() - 1);
    let hi = (lo + 1).min(stops.len() - 1);
    let f = pos - lo as f64;
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * f).round() as u8;
    let (a, b) = (stops[lo], stops[hi]);
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Viridis at `t` in `[0, 1]` (clamped): a marker's value from low to high.
pub fn viridis(t: f64) -> RGBColor {
    interpolate(&VIRIDIS, t)
}

/// A dot's colour for a value at colour position `t` (`None`: missing, grey).
pub fn value_colour(t: Option<f32>) -> RGBColor {
    t.map_or(GREY, |t| viridis(f64::from(t) * VIRIDIS_DOT_TOP))
}

/// YlGnBu at `t` in `[0, 1]` (clamped): strength from none to most.
pub fn strength(t: f64) -> RGBColor {
    interpolate(&YL_GN_BU, t)
}

/// `label` cut to `max` characters with an ellipsis.
pub fn clip(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_owned()
    } else {
        let mut s: String = label.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// Draws a horizontal colour legend: a gradient bar of `width` x 10 CSS pixels at
/// `(x, y)` (device pixels), `low` and `high` under its ends and `title` to its right.
#[allow(clippy::too_many_arguments)]
pub fn draw_gradient_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    width: f64,
    colour: impl Fn(f64) -> RGBColor,
    low: &str,
    high: &str,
    title: &str,
    scale: f64,
) -> Result<(), String> {
    let steps = 48;
    let w = width * scale;
    let h = (10.0 * scale) as i32;
    for k in 0..steps {
        let x0 = x + (w * k as f64 / steps as f64) as i32;
        let x1 = x + (w * (k + 1) as f64 / steps as f64).ceil() as i32;
        let t = (k as f64 + 0.5) / steps as f64;
        root.draw(&Rectangle::new([(x0, y), (x1, y + h)], colour(t).filled()))
            .map_err(err)?;
    }
    root.draw(&Rectangle::new(
        [(x, y), (x + w as i32, y + h)],
        GREY.stroke_width(1),
    ))
    .map_err(err)?;
    let small = font(11.0, scale);
    let below = y + h + (3.0 * scale) as i32;
    root.draw(&Text::new(
        low.to_owned(),
        (x, below),
        small.clone().pos(Pos::new(HPos::Left, VPos::Top)),
    ))
    .map_err(err)?;
    root.draw(&Text::new(
        high.to_owned(),
        (x + w as i32, below),
        small.clone().pos(Pos::new(HPos::Right, VPos::Top)),
    ))
    .map_err(err)?;
    root.draw(&Text::new(
        title.to_owned(),
        (x + w as i32 + (10.0 * scale) as i32, y + h / 2),
        font(12.0, scale).pos(Pos::new(HPos::Left, VPos::Center)),
    ))
    .map_err(err)?;
    Ok(())
}

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
    /// Cell values; NaN leaves a cell empty (hatched grey).
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
    ) -> Result<(), String> {
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
            ))
            .map_err(err)?;
            for c in 0..cols {
                let x0 = l.left + l.cell_w * c as f64;
                let corners = [(px(x0), px(y0)), (px(x0 + l.cell_w), px(y0 + l.cell_h))];
                let v = self.values.get(r * cols + c).copied().unwrap_or(f64::NAN);
                if v.is_finite() {
                    let fill = strength(v / max);
                    root.draw(&Rectangle::new(corners, fill.filled()))
                        .map_err(err)?;
                    if self.marks.get(r * cols + c).copied().unwrap_or(false) {
                        // Dark dot on light cells, white on dark ones.
                        let dark = v / max < 0.55;
                        let dot = if dark { INK } else { WHITE };
                        root.draw(&Circle::new(
                            (px(x0 + l.cell_w / 2.0), px(y0 + l.cell_h / 2.0)),
                            px(2.6),
                            dot.filled(),
                        ))
                        .map_err(err)?;
                    }
                } else {
                    root.draw(&Rectangle::new(
                        corners,
                        RGBColor(0xF3, 0xF4, 0xF6).filled(),
                    ))
                    .map_err(err)?;
                }
                root.draw(&Rectangle::new(corners, WHITE.stroke_width(1)))
                    .map_err(err)?;
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
            ))
            .map_err(err)?;
        }
        let legend_y = l.top + l.cell_h * self.row_labels.len() as f64 + 14.0;
        draw_gradient_legend(
            root,
            (px(l.left), px(legend_y)),
            180.0,
            strength,
            "0",
            &format!("{:.3}", self.max),
            &self.legend,
            scale,
        )?;
        if !self.marks.is_empty() && self.marks.iter().any(|&m| m) {
            let y = px(legend_y + 34.0);
            root.draw(&Circle::new((px(l.left + 4.0), y), px(2.6), INK.filled()))
                .map_err(err)?;
            root.draw(&Text::new(
                self.mark_legend.clone(),
                (px(l.left + 12.0), y),
                font(11.0, scale).pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(err)?;
        }
        Ok(())
    }
}
