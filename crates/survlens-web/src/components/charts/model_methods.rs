//! Attribution methods side by side: for each of a patient's top markers, one bar per
//! method (LRP with the study's rule, epsilon-LRP, gradient x input, integrated gradients,
//! sampled Shapley with its 95% interval as a whisker).

use plotters::coord::Shift;
use plotters::prelude::*;
use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::core::session::SessionSummary;
use survlens_app::views::model_view::{AttributionMethod, MethodComparison};

use super::error::finite;
use super::style::{
    GREEN, INK, LOWERS, ORANGE, PURPLE, SKY, bar_range, draw_no_data, font, grid, signed, tick_in,
};
use super::{Chart, ChartError};

/// The colour of a method, the same in every model-view chart (Okabe-Ito).
pub fn method_colour(method: AttributionMethod) -> RGBColor {
    match method {
        AttributionMethod::LrpPaperGamma => LOWERS,
        AttributionMethod::LrpEpsilon => SKY,
        AttributionMethod::GradientTimesInput => PURPLE,
        AttributionMethod::IntegratedGradients => GREEN,
        AttributionMethod::SampledShapley => ORANGE,
    }
}

/// One marker's relevance under every method.
#[derive(Clone, PartialEq)]
pub struct MarkerBars {
    /// Marker name with the patient's value.
    pub label: String,
    /// `(method, relevance, standard error)`, in method order.
    pub bars: Vec<(AttributionMethod, f32, f32)>,
}

/// Grouped bars of the top markers.
#[derive(Clone, PartialEq)]
pub struct MethodBarsChart {
    /// Patient id, for the file name.
    pub patient: String,
    /// The markers, largest first.
    pub markers: Vec<MarkerBars>,
    /// The methods shown, in legend order.
    pub methods: Vec<AttributionMethod>,
    /// The language of the chart's texts and numbers.
    pub lang: Lang,
}

/// Height of one bar, CSS pixels.
const BAR: f64 = 8.0;
/// Space between marker groups, CSS pixels.
const GAP: f64 = 14.0;
/// Legend band above the bars, CSS pixels.
const LEGEND: f64 = 30.0;

impl MethodBarsChart {
    /// The model view's bars: the comparison's top markers, each labelled with the
    /// patient's value, one bar per method.
    /// Texts and numbers in `lang`.
    pub fn of(session: &SessionSummary, comparison: &MethodComparison, lang: Lang) -> Self {
        let values = &comparison.values;
        let markers = comparison
            .top_markers
            .iter()
            .filter_map(|&j| {
                let marker = session.markers.get(j)?;
                let value = values.get(j).copied().unwrap_or(f32::NAN);
                Some(MarkerBars {
                    label: format!(
                        "{} ({})",
                        marker.name_in(lang),
                        marker.format_in(value, lang)
                    ),
                    bars: comparison
                        .methods
                        .iter()
                        .map(|e| {
                            let at = |v: &[f32]| v.get(j).copied().unwrap_or(f32::NAN);
                            (e.method, at(&e.marker_relevance), at(&e.marker_std_err))
                        })
                        .collect(),
                })
            })
            .collect();
        Self {
            patient: comparison.patient_id.clone(),
            markers,
            methods: comparison.methods.iter().map(|e| e.method).collect(),
            lang,
        }
    }

    /// Refuses a relevance or standard error that is not a number.
    fn check(&self) -> Result<(), ChartError> {
        for marker in &self.markers {
            for &(method, r, se) in &marker.bars {
                let what = |key: &str| {
                    self.lang.t_with(
                        key,
                        &[
                            ("marker", Arg::Text(&marker.label)),
                            ("method", Arg::Text(&method.label_in(self.lang))),
                        ],
                    )
                };
                finite(r, || what("chart-what-method-relevance"))?;
                finite(se, || what("chart-what-method-error"))?;
            }
        }
        Ok(())
    }

    fn group_height(&self) -> f64 {
        BAR * self.methods.len().max(1) as f64 + GAP
    }
}

impl Chart for MethodBarsChart {
    fn height(&self, _width: f64) -> f64 {
        LEGEND + self.group_height() * self.markers.len().max(1) as f64 + 52.0
    }

    fn file_stem(&self) -> String {
        format!("attribution-methods-{}", self.patient)
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), ChartError> {
        self.check()?;
        if self.markers.is_empty() {
            return draw_no_data(root, &self.lang.t("ui-model-chart-methods-none"), scale);
        }
        let px = |v: f64| (v * scale) as u32;
        let text = font(13.0, scale);
        let small = font(12.0, scale);
        let (width, _) = root.dim_in_pixel();

        // Legend: a swatch and the method's name, in one row.
        let mut x = px(8.0) as i32;
        for &m in &self.methods {
            root.draw(&Rectangle::new(
                [(x, px(9.0) as i32), (x + px(12.0) as i32, px(21.0) as i32)],
                method_colour(m).filled(),
            ))?;
            let label = m.label_in(self.lang);
            let step = px(32.0 + 7.2 * label.chars().count() as f64) as i32;
            root.draw(&Text::new(
                label,
                (x + px(17.0) as i32, px(8.0) as i32),
                small.clone(),
            ))?;
            x += step;
        }
        let (_, body) = root.split_vertically(px(LEGEND));

        let (lo, hi) = bar_range(self.markers.iter().flat_map(|g| {
            g.bars.iter().flat_map(|&(_, r, se)| {
                let (r, half) = (f64::from(r), 1.96 * f64::from(se));
                [r - half, r + half]
            })
        }));
        let n_groups = self.markers.len().max(1) as f64;
        let group = self.group_height();
        let total = group * n_groups;
        // Room for the longest label at about 7 CSS pixels a character, within 20-40% of
        // the width.
        let longest = self
            .markers
            .iter()
            .map(|m| m.label.chars().count())
            .max()
            .unwrap_or(10) as f64;
        let label_area = (longest * 7.2 * scale + 16.0 * scale)
            .clamp(f64::from(width) * 0.2, f64::from(width) * 0.4);
        let mut chart = ChartBuilder::on(&body)
            .margin(px(8.0))
            .x_label_area_size(px(40.0))
            .y_label_area_size(label_area as u32)
            .build_cartesian_2d(lo..hi, 0.0..total)?;
        grid(&mut chart, scale, (12.0, 13.0))
            .disable_y_mesh()
            .disable_y_axis()
            .x_labels(7)
            .x_label_formatter(&|v| tick_in(self.lang, signed(*v)))
            .x_desc(self.lang.t("ui-model-chart-methods-axis"))
            .draw()?;
        // Group g from the top; y grows upwards in chart coordinates.
        for (g, marker) in self.markers.iter().enumerate() {
            let top = total - g as f64 * group - GAP / 2.0;
            for (k, &(method, r, se)) in marker.bars.iter().enumerate() {
                let y1 = top - k as f64 * BAR;
                let y0 = y1 - BAR * 0.85;
                let colour = method_colour(method);
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(0.0, y0), (f64::from(r), y1)],
                    colour.filled(),
                )))?;
                if se > 0.0 {
                    let mid = (y0 + y1) / 2.0;
                    let half = 1.96 * f64::from(se);
                    chart.draw_series(std::iter::once(PathElement::new(
                        vec![(f64::from(r) - half, mid), (f64::from(r) + half, mid)],
                        INK.stroke_width(px(1.0)),
                    )))?;
                }
            }
            let (_, y) = chart.backend_coord(&(0.0, top - BAR * marker.bars.len() as f64 / 2.0));
            root.draw(&Text::new(
                marker.label.clone(),
                (px(8.0) as i32, y - px(7.0) as i32),
                text.clone(),
            ))?;
        }
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, 0.0), (0.0, total)],
            INK.stroke_width(px(1.0)),
        )))?;
        Ok(())
    }
}
