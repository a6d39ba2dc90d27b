//! Teaching charts: a patient's planted truth beside the LRP explanation, marker by marker,
//! and the cohort's true importance against LRP importance, one point per marker.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::views::teaching::{MarkerFidelity, TruthRow};

use super::error::finite;
use super::style::{
    GREY, INK, LOWERS, ORANGE, bar_range, draw_no_data, font, grid, signed, tick_in,
};
use super::{Chart, ChartError};

/// Colour of the planted truth.
pub const TRUTH: RGBColor = ORANGE;
/// Colour of the LRP explanation (as the study's LRP on the model view).
pub const EXPLANATION: RGBColor = LOWERS;

/// Paired bars: true contribution and relevance of each marker for one patient.
#[derive(Clone, PartialEq)]
pub struct TruthPairChart {
    /// Patient id, for the file name.
    pub patient: String,
    /// The markers, largest first.
    pub rows: Vec<TruthRow>,
    /// The language of the chart's texts and numbers.
    pub lang: Lang,
}

/// Height of one marker's pair of bars, CSS pixels.
const PAIR: f64 = 30.0;
/// Legend band, CSS pixels.
const LEGEND: f64 = 28.0;

fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    scale: f64,
    entries: &[(RGBColor, &str)],
) -> Result<(), ChartError> {
    let px = |v: f64| (v * scale) as i32;
    let small = font(12.0, scale);
    let mut x = px(8.0);
    for &(colour, label) in entries {
        root.draw(&Rectangle::new(
            [(x, px(9.0)), (x + px(12.0), px(21.0))],
            colour.filled(),
        ))?;
        root.draw(&Text::new(label, (x + px(17.0), px(8.0)), small.clone()))?;
        x += px(36.0 + 7.0 * label.chars().count() as f64);
    }
    Ok(())
}

impl TruthPairChart {
    /// Refuses a contribution that is not a number.
    fn check(&self) -> Result<(), ChartError> {
        for row in &self.rows {
            let what = |key: &str| self.lang.t_with(key, &[("name", Arg::Text(&row.name))]);
            finite(row.truth, || what("chart-what-true-contribution"))?;
            finite(row.relevance, || what("chart-what-relevance"))?;
        }
        Ok(())
    }
}

impl Chart for TruthPairChart {
    fn height(&self, _width: f64) -> f64 {
        LEGEND + PAIR * self.rows.len().max(1) as f64 + 56.0
    }

    fn file_stem(&self) -> String {
        format!("truth-vs-explanation-{}", self.patient)
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), ChartError> {
        self.check()?;
        if self.rows.is_empty() {
            return draw_no_data(root, &self.lang.t("ui-teaching-chart-no-marker"), scale);
        }
        let px = |v: f64| (v * scale) as u32;
        let text = font(13.0, scale);
        let (width, _) = root.dim_in_pixel();
        let (truth, lrp) = (
            self.lang.t("ui-teaching-chart-truth"),
            self.lang.t("ui-teaching-chart-lrp"),
        );
        legend(root, scale, &[(TRUTH, &truth), (EXPLANATION, &lrp)])?;
        let (_, body) = root.split_vertically(px(LEGEND));
        let (lo, hi) = bar_range(
            self.rows
                .iter()
                .flat_map(|r| [f64::from(r.truth), f64::from(r.relevance)]),
        );
        let n = self.rows.len().max(1) as f64;
        let mut chart = ChartBuilder::on(&body)
            .margin(px(8.0))
            .x_label_area_size(px(40.0))
            .y_label_area_size((f64::from(width) * 0.36) as u32)
            .build_cartesian_2d(lo..hi, 0.0..n)?;
        grid(&mut chart, scale, (12.0, 13.0))
            .disable_y_mesh()
            .disable_y_axis()
            .x_labels(7)
            .x_label_formatter(&|v| tick_in(self.lang, signed(*v)))
            .x_desc(self.lang.t("ui-teaching-chart-pair-x"))
            .draw()?;
        for (i, row) in self.rows.iter().enumerate() {
            let top = n - i as f64;
            for (k, (value, colour)) in [(row.truth, TRUTH), (row.relevance, EXPLANATION)]
                .into_iter()
                .enumerate()
            {
                let y1 = top - 0.12 - k as f64 * 0.38;
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(0.0, y1 - 0.34), (f64::from(value), y1)],
                    colour.filled(),
                )))?;
            }
            let (_, y) = chart.backend_coord(&(0.0, top - 0.5));
            let label = format!("{} ({})", row.name, row.value_text);
            root.draw(&Text::new(
                label,
                (px(8.0) as i32, y - px(8.0) as i32),
                text.clone(),
            ))?;
        }
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, 0.0), (0.0, n)],
            INK.stroke_width(px(1.0)),
        )))?;
        Ok(())
    }
}

/// True importance against LRP importance, one point per marker.
#[derive(Clone, PartialEq)]
pub struct ImportanceScatter {
    /// Every marker.
    pub markers: Vec<MarkerFidelity>,
    /// The language of the chart's texts and numbers.
    pub lang: Lang,
}

/// Markers that may be named beside their point, the most important by either measure
/// first; a name that would overlap another is left out.
const LABELLED: usize = 24;

impl ImportanceScatter {
    /// Refuses an importance that is not a number.
    fn check(&self) -> Result<(), ChartError> {
        for m in &self.markers {
            let what = |key: &str| self.lang.t_with(key, &[("name", Arg::Text(&m.name))]);
            finite(m.true_importance, || what("chart-what-true-importance"))?;
            finite(m.lrp_importance, || what("chart-what-lrp-importance"))?;
        }
        Ok(())
    }
}

impl Chart for ImportanceScatter {
    fn height(&self, width: f64) -> f64 {
        (width * 0.7).clamp(320.0, 480.0)
    }

    fn file_stem(&self) -> String {
        "true-vs-lrp-importance".to_owned()
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), ChartError> {
        self.check()?;
        if self.markers.is_empty() {
            return draw_no_data(root, &self.lang.t("ui-teaching-chart-no-marker"), scale);
        }
        let px = |v: f64| (v * scale) as u32;
        let small = font(11.0, scale);
        let (planted, unplanted) = (
            self.lang.t("ui-teaching-chart-planted"),
            self.lang.t("ui-teaching-chart-unplanted"),
        );
        legend(root, scale, &[(EXPLANATION, &planted), (GREY, &unplanted)])?;
        let (_, body) = root.split_vertically(px(LEGEND));
        let max = |f: fn(&MarkerFidelity) -> f32| {
            f64::from(self.markers.iter().map(f).fold(0.0f32, f32::max).max(1e-3)) * 1.12
        };
        let (x_max, y_max) = (max(|m| m.true_importance), max(|m| m.lrp_importance));
        let mut chart = ChartBuilder::on(&body)
            .margin_top(px(8.0))
            .margin_right(px(24.0))
            .x_label_area_size(px(44.0))
            .y_label_area_size(px(64.0))
            .build_cartesian_2d(0.0..x_max, 0.0..y_max)?;
        grid(&mut chart, scale, (11.0, 13.0))
            .x_labels(6)
            .y_labels(6)
            .x_label_formatter(&|v| tick_in(self.lang, format!("{v:.2}")))
            .y_label_formatter(&|v| tick_in(self.lang, format!("{v:.2}")))
            .x_desc(self.lang.t("ui-teaching-chart-scatter-x"))
            .y_desc(self.lang.t("ui-teaching-chart-scatter-y"))
            .draw()?;
        for m in &self.markers {
            let at = (f64::from(m.true_importance), f64::from(m.lrp_importance));
            if m.prognostic {
                chart.draw_series(std::iter::once(Circle::new(
                    at,
                    px(5.0),
                    EXPLANATION.filled(),
                )))?;
            } else {
                chart.draw_series(std::iter::once(Circle::new(
                    at,
                    px(5.0),
                    GREY.stroke_width(px(2.0)),
                )))?;
            }
        }
        // Markers arrive by decreasing true importance; name the largest by either measure.
        let mut named: Vec<&MarkerFidelity> = self.markers.iter().take(LABELLED / 2).collect();
        let mut by_lrp: Vec<&MarkerFidelity> = self.markers.iter().collect();
        by_lrp.sort_by(|a, b| b.lrp_importance.total_cmp(&a.lrp_importance));
        for m in by_lrp {
            if named.len() >= LABELLED.min(self.markers.len()) {
                break;
            }
            if !named.iter().any(|n| n.marker == m.marker) {
                named.push(m);
            }
        }
        // Place each name right of its point, else left of it, else leave it out: no two
        // names may overlap (boxes estimated at 6.5 CSS pixels a character).
        let (width, _) = root.dim_in_pixel();
        // Points count as taken space too, so that no name covers a marker's point.
        let mut placed: Vec<(i32, i32, i32, i32)> = self
            .markers
            .iter()
            .map(|m| {
                let (x, y) = chart
                    .backend_coord(&(f64::from(m.true_importance), f64::from(m.lrp_importance)));
                let r = (5.0 * scale) as i32;
                (x - r, y - r, x + r, y + r)
            })
            .collect();
        let right = small.clone();
        let left = small.clone().pos(Pos::new(HPos::Right, VPos::Top));
        for m in named {
            let (x, y) =
                chart.backend_coord(&(f64::from(m.true_importance), f64::from(m.lrp_importance)));
            let w = (6.5 * m.name.chars().count() as f64 * scale) as i32;
            let h = (13.0 * scale) as i32;
            let (gap, top) = ((8.0 * scale) as i32, y - (7.0 * scale) as i32);
            let candidates = [
                ((x + gap, top, x + gap + w, top + h), x + gap, &right),
                ((x - gap - w, top, x - gap, top + h), x - gap, &left),
            ];
            let free = |b: &(i32, i32, i32, i32)| {
                b.0 >= 0
                    && b.2 <= width as i32
                    && placed
                        .iter()
                        .all(|p| b.2 <= p.0 || b.0 >= p.2 || b.3 <= p.1 || b.1 >= p.3)
            };
            if let Some((b, at, style)) = candidates.into_iter().find(|(b, _, _)| free(b)) {
                root.draw(&Text::new(m.name.clone(), (at, top), style.clone()))?;
                placed.push(b);
            }
        }
        Ok(())
    }
}
