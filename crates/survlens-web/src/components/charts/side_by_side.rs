//! Two explanations side by side: one row per marker, a column of labels (the marker's name
//! and the difference of the two contributions, or the patient's value when one patient is
//! explained by two models), then one panel per side, each with its bar diverging from 0
//! on the same scale and, above the bar, that side's value of the marker.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use survlens_app::views::patient_compare::{Contrast, ContrastRow, SideBySide};

use super::error::{axis, finite};
use super::style::{GREY, INK, LOWERS, MUTED, RAISES, draw_no_data, font, grid, px};
use super::waterfall::text_width;
use super::{Chart, ChartError};
use survlens_app::core::i18n::{Arg, Lang};

/// Height of one row in CSS pixels: a line of text over a bar.
const ROW: f64 = 44.0;
/// Font size of a marker's name, in CSS pixels.
const TITLE: f64 = 13.0;
/// Font size of the second label line and the values, in CSS pixels.
const DETAIL: f64 = 11.5;

/// Two explanations aligned marker by marker.
#[derive(Clone, PartialEq)]
pub struct SideBySideChart {
    /// The comparison.
    pub comparison: SideBySide,
    /// The language of the chart's texts and numbers.
    pub lang: Lang,
}

impl SideBySideChart {
    fn check(&self) -> Result<(), ChartError> {
        let c = &self.comparison;
        for r in &c.rows {
            let what = |side: &str| {
                self.lang.t_with(
                    "chart-what-side-contribution",
                    &[("side", Arg::Text(side)), ("name", Arg::Text(&r.name))],
                )
            };
            finite(r.left, || what(&c.left.label))?;
            finite(r.right, || what(&c.right.label))?;
        }
        let risk = |side: &str| {
            self.lang
                .t_with("chart-what-side-risk", &[("side", Arg::Text(side))])
        };
        finite(c.left.risk, || risk(&c.left.label))?;
        finite(c.right.risk, || risk(&c.right.label))?;
        Ok(())
    }

    /// The label column's second line.
    fn detail(&self, row: &ContrastRow) -> String {
        match self.comparison.contrast {
            Contrast::Models if row.marker.is_some() => self.lang.t_with(
                "ui-chart-side-value-difference",
                &[
                    ("value", Arg::Text(&row.left_value)),
                    (
                        "difference",
                        Arg::Text(&self.lang.signed(f64::from(row.difference), 3)),
                    ),
                ],
            ),
            _ => self.lang.t_with(
                "ui-chart-side-difference",
                &[(
                    "difference",
                    Arg::Text(&self.lang.signed(f64::from(row.difference), 3)),
                )],
            ),
        }
    }
}

/// The longest prefix of `text` (with an ellipsis) no wider than `max` device pixels.
fn fit(text: &str, size: f64, scale: f64, max: i32) -> String {
    let measure = |t: &str| (text_width(t, size) * scale) as i32;
    if measure(text) <= max {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    (1..chars.len())
        .rev()
        .map(|n| chars[..n].iter().chain(['…'].iter()).collect::<String>())
        .find(|candidate| measure(candidate) <= max)
        .unwrap_or_default()
}

impl Chart for SideBySideChart {
    fn height(&self, _width: f64) -> f64 {
        ROW * self.comparison.rows.len().max(1) as f64 + 124.0
    }

    fn file_stem(&self) -> String {
        self.comparison.file_stem.clone()
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), ChartError> {
        let c = &self.comparison;
        if c.rows.is_empty() {
            return draw_no_data(root, &self.lang.t("ui-chart-side-none"), scale);
        }
        self.check()?;
        let n = c.rows.len();
        // Room beyond the longest bar for its value.
        let extent = f64::from(c.extent()).max(0.01) * 1.6;
        let decimals = if extent < 0.5 { 2 } else { 1 };
        let (width, _) = root.dim_in_pixel();
        let label_width = (f64::from(width) * 0.32) as u32;
        let (labels_area, panels) = root.split_horizontally(label_width);
        let (panel_width, _) = panels.dim_in_pixel();
        let (left_area, right_area) = panels.split_horizontally(panel_width / 2);
        let centre = |row: usize| n as f32 - row as f32 - 0.5;
        let value_font = font(DETAIL, scale).color(&MUTED);
        let amount_font = font(DETAIL, scale);
        let mut rows_y: Vec<i32> = Vec::with_capacity(n);
        for (k, (area, side)) in [(&left_area, &c.left), (&right_area, &c.right)]
            .into_iter()
            .enumerate()
        {
            let mut chart = ChartBuilder::on(area)
                .margin(px(10.0, scale))
                .margin_top(px(60.0, scale))
                .x_label_area_size(px(44.0, scale))
                .build_cartesian_2d(
                    axis(
                        &self.lang.t("chart-axis-contribution"),
                        -extent as f32,
                        extent as f32,
                    )?,
                    0f32..n as f32,
                )?;
            grid(&mut chart, scale, (12.0, 12.0))
                .disable_y_mesh()
                .disable_y_axis()
                .x_labels(5)
                .x_label_formatter(&|v| self.lang.signed(f64::from(*v), decimals))
                .x_desc(self.lang.t("ui-chart-side-axis"))
                .draw()?;
            // The side's name and risk score over its panel.
            let (x_mid, top) = chart.backend_coord(&(0.0, n as f32));
            let (x0, _) = chart.backend_coord(&(-extent as f32, 0.0));
            let (x1, _) = chart.backend_coord(&(extent as f32, 0.0));
            let room = x1 - x0;
            // Its name over its risk score, two lines that fit a narrow panel.
            root.draw(&Text::new(
                fit(&side.label, TITLE, scale, room),
                (x_mid, top - px(36.0, scale) as i32),
                font(TITLE, scale).pos(Pos::new(HPos::Center, VPos::Bottom)),
            ))?;
            root.draw(&Text::new(
                fit(
                    &self.lang.t_with(
                        "ui-chart-side-risk",
                        &[(
                            "risk",
                            Arg::Text(&self.lang.signed(f64::from(side.risk), 3)),
                        )],
                    ),
                    DETAIL,
                    scale,
                    room,
                ),
                (x_mid, top - px(20.0, scale) as i32),
                value_font.clone().pos(Pos::new(HPos::Center, VPos::Bottom)),
            ))?;
            let half = 0.2f32;
            let lower = -0.18f32;
            chart.draw_series(c.rows.iter().enumerate().map(|(row, r)| {
                let v = if k == 0 { r.left } else { r.right };
                let colour = if r.marker.is_none() {
                    GREY.filled()
                } else if v >= 0.0 {
                    RAISES.filled()
                } else {
                    LOWERS.filled()
                };
                let y = centre(row) + lower;
                Rectangle::new([(0.0, y - half), (v, y + half)], colour)
            }))?;
            // The zero line, row by row beside the bars only: the values above them stay
            // clear of it.
            chart.draw_series((0..n).map(|row| {
                let y = centre(row) + lower;
                PathElement::new(
                    vec![(0.0, y - half - 0.06), (0.0, y + half + 0.06)],
                    INK.stroke_width(px(1.0, scale)),
                )
            }))?;
            for (row, r) in c.rows.iter().enumerate() {
                let v = if k == 0 { r.left } else { r.right };
                let y = centre(row) + lower;
                let (bx, by) = chart.backend_coord(&(v, y));
                let (anchor, nudge) = if v >= 0.0 {
                    (HPos::Left, 4.0)
                } else {
                    (HPos::Right, -4.0)
                };
                root.draw(&Text::new(
                    self.lang.signed(f64::from(v), 3),
                    (bx + (nudge * scale) as i32, by),
                    amount_font.clone().pos(Pos::new(anchor, VPos::Center)),
                ))?;
                // Each side's own value of the marker, above its bar (two patients).
                if c.contrast == Contrast::Patients && r.marker.is_some() {
                    let (_, ty) = chart.backend_coord(&(0.0, centre(row) + 0.45));
                    let text = fit(&r_value(self.lang, r, k), DETAIL, scale, room);
                    root.draw(&Text::new(
                        text,
                        (x0, ty),
                        value_font.clone().pos(Pos::new(HPos::Left, VPos::Top)),
                    ))?;
                }
                if k == 0 {
                    rows_y.push(chart.backend_coord(&(0.0, centre(row))).1);
                }
            }
        }
        // The label column: the marker's name, then the difference (and the value).
        let left = px(8.0, scale) as i32;
        let avail = label_width as i32 - 2 * left;
        for (row, y) in c.rows.iter().zip(rows_y) {
            let name = fit(&row.name, TITLE, scale, avail);
            labels_area.draw(&Text::new(
                name,
                (left, y - px(2.0, scale) as i32),
                font(TITLE, scale).pos(Pos::new(HPos::Left, VPos::Bottom)),
            ))?;
            let detail = fit(&self.detail(row), DETAIL, scale, avail);
            labels_area.draw(&Text::new(
                detail,
                (left, y + px(2.0, scale) as i32),
                value_font.clone().pos(Pos::new(HPos::Left, VPos::Top)),
            ))?;
        }
        Ok(())
    }
}

/// Side `k`'s value of the row's marker.
fn r_value(lang: Lang, row: &ContrastRow, k: usize) -> String {
    let v = if k == 0 {
        &row.left_value
    } else {
        &row.right_value
    };
    lang.t_with("ui-chart-side-value", &[("value", Arg::Text(v))])
}
