//! The patient's waterfall: floating bars from log-risk 0 to the patient's log-risk, one per
//! top marker (labelled with its value, unit, range mark and modality tag), one for all
//! other markers and one for the biases, then the risk score itself; relative to a typical
//! patient, from that patient's risk score (a labelled black line) without the biases' bar. In a what-if scenario
//! each marker's original contribution is drawn as an outline behind its bar.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use survlens_app::views::patient::Direction;
use survlens_app::views::patient_waterfall::{StepKind, Waterfall};

use super::error::{axis, finite};
use super::style::{GREY, INK, LOWERS, MUTED, PURPLE, RAISES, font, grid};
use super::{Chart, ChartError};
use survlens_app::core::i18n::{Arg, Lang};
/// Background of a modality tag.
const TAG: RGBColor = RGBColor(0xEE, 0xF1, 0xF4);
/// Text of the "outside reference range" mark: a dark vermillion readable on white.
const ALERT: RGBColor = RGBColor(0x9B, 0x2C, 0x00);

/// Height of one row in CSS pixels: two lines of label.
const ROW: f64 = 40.0;
/// Space above the rows, in CSS pixels (the chart's top margin).
const TOP: f64 = 22.0;
/// The chart's other margins, in CSS pixels.
const MARGIN: f64 = 8.0;
/// Height of the x axis with its labels and title, in CSS pixels.
const X_AXIS: f64 = 44.0;
/// Font size of a marker's name, in CSS pixels.
const TITLE: f64 = 13.0;
/// Font size of the value line, in CSS pixels.
const DETAIL: f64 = 12.0;
/// Font size of the modality tag, in CSS pixels.
const TAG_SIZE: f64 = 10.5;

/// Width of `text` in a sans-serif font of `size` CSS pixels, from Arial's (and Liberation
/// Sans's) advance widths by character class, slightly rounded up for the wider DejaVu Sans.
pub(crate) fn text_width(text: &str, size: f64) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.25,
            'f' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | ' ' | '-' | '/' => 0.32,
            'm' | 'w' | 'M' | 'W' | '%' | '…' => 0.85,
            '0'..='9' | '+' | '^' => 0.56,
            c if c.is_uppercase() => 0.68,
            _ => 0.54,
        })
        .sum();
    em * size
}

/// One patient's waterfall.
#[derive(Clone, PartialEq)]
pub struct WaterfallChart {
    /// Patient id, for the file name.
    pub patient: String,
    /// The steps.
    pub waterfall: Waterfall,
    /// The language of the chart's texts and numbers.
    pub lang: Lang,
}

/// One row's two label lines, its modality tag and whether to mark the value.
struct RowLabel {
    title: String,
    tag: Option<String>,
    detail: String,
    out_of_range: bool,
}

impl WaterfallChart {
    /// Refuses a step, the risk score or the cohort mean that is not a number: the bars
    /// would no longer add up to the risk score.
    fn check(&self) -> Result<(), ChartError> {
        let w = &self.waterfall;
        for (step, label) in w.steps.iter().zip(self.labels()) {
            let what = |key: &str| self.lang.t_with(key, &[("step", Arg::Text(&label.title))]);
            finite(step.relevance, || what("chart-what-step-contribution"))?;
            finite(step.start, || what("chart-what-step-start"))?;
            finite(step.end, || what("chart-what-step-end"))?;
            if let Some(o) = step.original {
                finite(o, || what("chart-what-step-recorded"))?;
            }
        }
        finite(w.output, || self.lang.t("chart-what-risk-score"))?;
        if let Some(mean) = w.cohort_mean {
            finite(mean, || self.lang.t("chart-what-mean-risk-score"))?;
        }
        if let Some(o) = w.original_output {
            finite(o, || self.lang.t("chart-what-recorded-risk-score"))?;
        }
        Ok(())
    }

    fn labels(&self) -> Vec<RowLabel> {
        let mut rows: Vec<RowLabel> = self
            .waterfall
            .steps
            .iter()
            .map(|s| match &s.kind {
                StepKind::Marker(c) => RowLabel {
                    title: c.name.clone(),
                    tag: Some(c.modality.clone()),
                    detail: match &c.typical_text {
                        Some(t) => self.lang.t_with(
                            "ui-chart-waterfall-typical",
                            &[
                                ("value", Arg::Text(&c.value_text)),
                                ("typical", Arg::Text(t)),
                            ],
                        ),
                        None => c.value_text.clone(),
                    },
                    out_of_range: c.out_of_range,
                },
                StepKind::Others { n_markers } => RowLabel {
                    title: self
                        .lang
                        .t_with("ui-patient-others", &[("n", Arg::Count(*n_markers as u64))]),
                    tag: None,
                    detail: self.lang.t("ui-chart-waterfall-summed"),
                    out_of_range: false,
                },
                StepKind::Biases => RowLabel {
                    title: self.lang.t("ui-chart-waterfall-biases"),
                    tag: None,
                    detail: self.lang.t("ui-chart-waterfall-unattributed"),
                    out_of_range: false,
                },
            })
            .collect();
        rows.push(RowLabel {
            title: self.lang.t("ui-patient-total"),
            tag: None,
            detail: match self.waterfall.original_output {
                Some(o) => self.lang.t_with(
                    "ui-chart-waterfall-output-recorded",
                    &[
                        (
                            "risk",
                            Arg::Text(&self.lang.signed(f64::from(self.waterfall.output), 3)),
                        ),
                        ("recorded", Arg::Text(&self.lang.signed(f64::from(o), 3))),
                    ],
                ),
                None => self.lang.signed(f64::from(self.waterfall.output), 3),
            },
            out_of_range: false,
        });
        rows
    }
}

impl Chart for WaterfallChart {
    fn height(&self, _width: f64) -> f64 {
        ROW * (self.waterfall.steps.len() + 1) as f64 + 64.0
    }

    /// The marker of the row at `y` (anywhere across the row, its label included); `None`
    /// for the other markers', the biases' and the risk score's rows and outside the rows.
    fn pick(&self, _x: f64, y: f64, width: f64) -> Option<usize> {
        let rows = self.labels().len();
        let plot = self.height(width) - TOP - MARGIN - X_AXIS;
        let at = (y - TOP) / plot * rows as f64;
        if !(0.0..rows as f64).contains(&at) {
            return None;
        }
        match &self.waterfall.steps.get(at as usize)?.kind {
            StepKind::Marker(c) => Some(c.marker),
            StepKind::Others { .. } | StepKind::Biases => None,
        }
    }

    fn file_stem(&self) -> String {
        format!("waterfall-{}", self.patient)
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), ChartError> {
        self.check()?;
        let w = &self.waterfall;
        let labels = self.labels();
        let n = labels.len();
        let (lo, hi) = w.extent();
        let pad = ((hi - lo).max(0.05)) * 0.16;
        let (x0, x1) = (lo.min(0.0) - pad, hi.max(0.0) + pad);
        let px = |v: f64| (v * scale) as u32;
        let (width, _) = root.dim_in_pixel();
        let label_width = (f64::from(width) * 0.4) as u32;
        let mut chart = ChartBuilder::on(root)
            .margin(px(MARGIN))
            .margin_top(px(TOP))
            .x_label_area_size(px(X_AXIS))
            .y_label_area_size(label_width)
            .build_cartesian_2d(
                axis(&self.lang.t("chart-axis-log-risk"), x0, x1)?,
                0f32..n as f32,
            )?;
        grid(&mut chart, scale, (13.0, 13.0))
            .disable_y_mesh()
            .disable_y_axis()
            .x_labels(7)
            .x_label_formatter(&|v| self.lang.signed(f64::from(*v), 2))
            .x_desc(w.axis_label())
            .draw()?;

        // Row 0 at the top: y grows upwards in chart coordinates.
        let centre = |row: usize| n as f32 - row as f32 - 0.5;
        let half = 0.3f32;
        let bar_colour = |kind: &StepKind| match kind {
            StepKind::Marker(c) => match c.direction {
                Direction::RaisesRisk => RAISES.filled(),
                Direction::LowersRisk => LOWERS.filled(),
            },
            StepKind::Others { .. } => GREY.filled(),
            StepKind::Biases => GREY.mix(0.35).filled(),
        };
        chart.draw_series(w.steps.iter().enumerate().map(|(row, s)| {
            let y = centre(row);
            Rectangle::new(
                [(s.start, y - half), (s.end, y + half)],
                bar_colour(&s.kind),
            )
        }))?;
        // Connectors: each step starts where the previous one ended.
        chart.draw_series(w.steps.iter().enumerate().skip(1).map(|(row, s)| {
            PathElement::new(
                vec![
                    (s.start, centre(row - 1) - half),
                    (s.start, centre(row) + half),
                ],
                MUTED.mix(0.6).stroke_width(px(1.0)),
            )
        }))?;
        let total = n - 1;
        let last_end = w.end();
        chart.draw_series(std::iter::once(PathElement::new(
            vec![
                (last_end, centre(total - 1) - half),
                (last_end, centre(total) + half),
            ],
            MUTED.mix(0.6).stroke_width(px(1.0)),
        )))?;
        chart.draw_series(std::iter::once(Rectangle::new(
            [
                (0.0, centre(total) - half),
                (w.output, centre(total) + half),
            ],
            INK.mix(0.8).filled(),
        )))?;
        // Ghosts of the original explanation, over the bars so they stay visible.
        let ghost = INK.stroke_width(px(1.5));
        chart.draw_series(w.steps.iter().enumerate().filter_map(|(row, s)| {
            let y = centre(row);
            s.original.map(|o| {
                Rectangle::new(
                    [(s.start, y - half - 0.08), (s.start + o, y + half + 0.08)],
                    ghost,
                )
            })
        }))?;
        if let Some(o) = w.original_output {
            let y = centre(total);
            chart.draw_series(std::iter::once(Rectangle::new(
                [(0.0, y - half - 0.08), (o, y + half + 0.08)],
                ghost,
            )))?;
        }
        // Zero line and, once the cohort is explained, its mean risk.
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, 0.0), (0.0, n as f32)],
            INK.stroke_width(px(1.0)),
        )))?;
        // Relative to a typical patient the bars start at its risk score: a labelled line
        // there, with the cohort mean's label on the other side so the two never overlap.
        let mean_left_of_typical = match (w.reference, w.cohort_mean) {
            (Some(r), Some(mean)) => mean < r,
            _ => false,
        };
        if let Some(r) = w.reference {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(r, 0.0), (r, n as f32)],
                INK.stroke_width(px(2.0)),
            )))?;
            let (rx, top_y) = chart.backend_coord(&(r, n as f32));
            let (anchor, nudge) = if mean_left_of_typical {
                (HPos::Left, 4.0)
            } else {
                (HPos::Right, -4.0)
            };
            root.draw(&Text::new(
                self.lang.t_with(
                    "ui-chart-waterfall-typical-line",
                    &[("risk", Arg::Text(&self.lang.signed(f64::from(r), 2)))],
                ),
                (rx + (nudge * scale) as i32, top_y - px(4.0) as i32),
                font(11.0, scale)
                    .color(&INK)
                    .pos(Pos::new(anchor, VPos::Bottom)),
            ))?;
        }
        if let Some(mean) = w.cohort_mean {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(mean, 0.0), (mean, n as f32)],
                PURPLE.stroke_width(px(2.0)),
            )))?;
            let (mx, top_y) = chart.backend_coord(&(mean, n as f32));
            let anchor = match (w.reference.is_some(), mean_left_of_typical) {
                (false, _) => HPos::Center,
                (true, true) => HPos::Right,
                (true, false) => HPos::Left,
            };
            root.draw(&Text::new(
                self.lang.t_with(
                    "ui-chart-waterfall-mean-line",
                    &[("risk", Arg::Text(&self.lang.signed(f64::from(mean), 2)))],
                ),
                (mx, top_y - px(4.0) as i32),
                font(11.0, scale)
                    .color(&PURPLE)
                    .pos(Pos::new(anchor, VPos::Bottom)),
            ))?;
        }

        // Values at the bar ends.
        let value_font = font(11.5, scale);
        let mut values: Vec<(f32, f32, f32)> = w
            .steps
            .iter()
            .enumerate()
            .map(|(row, s)| (s.start.max(s.end), s.start.min(s.end), centre(row)))
            .collect();
        values.push((w.output.max(0.0), w.output.min(0.0), centre(total)));
        let amounts = w
            .steps
            .iter()
            .map(|s| s.relevance)
            .chain(std::iter::once(w.output));
        for ((right, left, y), amount) in values.into_iter().zip(amounts) {
            let (anchor, x) = if amount >= 0.0 {
                (HPos::Left, right)
            } else {
                (HPos::Right, left)
            };
            let (bx, by) = chart.backend_coord(&(x, y));
            let nudge = if amount >= 0.0 { 4.0 } else { -4.0 };
            root.draw(&Text::new(
                self.lang.signed(f64::from(amount), 3),
                (bx + (nudge * scale) as i32, by),
                value_font.clone().pos(Pos::new(anchor, VPos::Center)),
            ))?;
        }

        // Labels: the name on the first line, the value and the range mark on the second;
        // the modality tag follows the name, or the value when the name needs the room.
        let title_font = font(TITLE, scale);
        let detail_font = font(DETAIL, scale).color(&MUTED);
        let alert_font = font(DETAIL, scale).color(&ALERT);
        let tag_font = font(TAG_SIZE, scale).color(&MUTED);
        let left = px(8.0) as i32;
        let gap = px(6.0) as i32;
        let tag_pad = px(4.0) as i32;
        let avail = label_width as i32 - left - gap;
        // Text widths come from a per-character model, not from the backend: plotters
        // measures text in the browser by laying out a hidden element, which forces a
        // layout of the whole page per call and would cost the what-if its frame budget.
        let measure = |text: &str, size: f64| -> i32 { (text_width(text, size) * scale) as i32 };
        // The longest prefix of `text` (with an ellipsis) no wider than `max` pixels.
        let fit = |text: &str, size: f64, max: i32| -> String {
            if measure(text, size) <= max {
                return text.to_owned();
            }
            let chars: Vec<char> = text.chars().collect();
            (1..chars.len())
                .rev()
                .map(|n| chars[..n].iter().chain(['…'].iter()).collect::<String>())
                .find(|candidate| measure(candidate, size) <= max)
                .unwrap_or_default()
        };
        let line1 = |y: i32| y - px(2.0) as i32;
        let line2 = |y: i32| y + px(2.0) as i32;
        for (row, label) in labels.iter().enumerate() {
            let (_, y) = chart.backend_coord(&(0.0, centre(row)));
            let title_w = measure(&label.title, TITLE);
            let outside = self.lang.t("ui-chart-waterfall-outside");
            let mark = label.out_of_range.then_some(outside.as_str());
            let detail_w = measure(&label.detail, DETAIL)
                + match mark {
                    Some(m) => gap + measure(m, DETAIL),
                    None => 0,
                };
            let tag_w = match &label.tag {
                Some(t) => measure(t, TAG_SIZE) + 2 * tag_pad,
                None => 0,
            };
            // Where the tag goes: after the name, after the value, or squeezed after a
            // shortened name.
            let tag_on_first = label.tag.is_some() && title_w + gap + tag_w <= avail;
            let tag_on_second =
                label.tag.is_some() && !tag_on_first && detail_w + gap + tag_w <= avail;
            let squeezed = label.tag.is_some() && !tag_on_first && !tag_on_second;
            let title_room = if squeezed {
                (avail - gap - tag_w.min(avail / 2)).max(avail / 2)
            } else {
                avail
            };
            let title = fit(&label.title, TITLE, title_room);
            root.draw(&Text::new(
                title.clone(),
                (left, line1(y)),
                title_font.clone().pos(Pos::new(HPos::Left, VPos::Bottom)),
            ))?;
            let detail = fit(&label.detail, DETAIL, avail);
            root.draw(&Text::new(
                detail.clone(),
                (left, line2(y)),
                detail_font.clone().pos(Pos::new(HPos::Left, VPos::Top)),
            ))?;
            let mut second_end = left + measure(&detail, DETAIL);
            if let Some(mark) = mark {
                root.draw(&Text::new(
                    mark,
                    (second_end + gap, line2(y)),
                    alert_font.clone().pos(Pos::new(HPos::Left, VPos::Top)),
                ))?;
                second_end += gap + measure(mark, DETAIL);
            }
            if let Some(tag) = &label.tag {
                let (x, baseline_y, room) = if tag_on_second {
                    (second_end + gap, line2(y) + px(14.0) as i32, avail)
                } else {
                    let x = left + measure(&title, TITLE) + gap;
                    (x, line1(y), left + avail - x)
                };
                let tag = fit(tag, TAG_SIZE, room - 2 * tag_pad);
                let gw = measure(&tag, TAG_SIZE);
                let top = baseline_y - px(TAG_SIZE + 3.0) as i32;
                root.draw(&Rectangle::new(
                    [
                        (x, top),
                        (x + gw + 2 * tag_pad, baseline_y + px(1.0) as i32),
                    ],
                    TAG.filled(),
                ))?;
                root.draw(&Text::new(
                    tag,
                    (x + tag_pad, baseline_y - px(1.0) as i32),
                    tag_font.clone().pos(Pos::new(HPos::Left, VPos::Bottom)),
                ))?;
            }
        }
        Ok(())
    }
}
