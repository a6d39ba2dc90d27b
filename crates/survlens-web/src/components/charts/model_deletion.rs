//! Deletion curves: a patient's log-risk as the inputs each method calls most risk-raising
//! are set to the reference patient's values, one by one. The faster a curve falls, the
//! more faithful the method's ranking of the inputs.

use plotters::coord::Shift;
use plotters::prelude::*;
use survlens_app::views::model_view::AttributionMethod;

use super::model_methods::method_colour;
use super::training::dashes;
use super::{Chart, GREY, GRID, err, font};

/// One deletion curve per method.
#[derive(Clone, PartialEq)]
pub struct DeletionChart {
    /// Patient id, for the file name.
    pub patient: String,
    /// `(method, log-risks after 0, 1, ..., n_inputs replacements)`.
    pub curves: Vec<(AttributionMethod, Vec<f32>)>,
    /// Log-risk of the reference patient (where every curve ends).
    pub reference_risk: f32,
}

impl Chart for DeletionChart {
    fn height(&self, width: f64) -> f64 {
        (width * 0.62).clamp(300.0, 420.0)
    }

    fn file_stem(&self) -> String {
        format!("deletion-curves-{}", self.patient)
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), String> {
        let px = |v: f64| (v * scale) as u32;
        let text = font(13.0, scale);
        let small = font(12.0, scale);
        let (lo, hi) = self
            .curves
            .iter()
            .flat_map(|(_, r)| r.iter().map(|&v| f64::from(v)))
            .chain([f64::from(self.reference_risk)])
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        let (lo, hi) = if lo <= hi { (lo, hi) } else { (-1.0, 1.0) };
        let pad = ((hi - lo) * 0.08).max(0.05);
        let mut chart = ChartBuilder::on(root)
            .margin_top(px(12.0))
            .margin_right(px(16.0))
            .x_label_area_size(px(44.0))
            .y_label_area_size(px(64.0))
            .build_cartesian_2d(0.0..100.0, (lo - pad)..(hi + pad))
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_labels(6)
            .y_labels(6)
            .x_label_formatter(&|v| format!("{v:.0}%"))
            .y_label_formatter(&|v| format!("{v:+.2}"))
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID.stroke_width(px(1.0)))
            .x_desc("inputs replaced by the median patient's, most relevant first")
            .y_desc("log-risk")
            .label_style(small.clone())
            .axis_desc_style(text)
            .draw()
            .map_err(err)?;
        let r = f64::from(self.reference_risk);
        chart
            .draw_series(
                dashes((0.0, r), (100.0, r), 40)
                    .into_iter()
                    .map(|seg| PathElement::new(seg, GREY.stroke_width(px(1.5)))),
            )
            .map_err(err)?
            .label("median patient")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], GREY.stroke_width(2)));
        for (method, risk) in &self.curves {
            let steps = risk.len().saturating_sub(1).max(1) as f64;
            let colour = method_colour(*method);
            chart
                .draw_series(LineSeries::new(
                    risk.iter()
                        .enumerate()
                        .map(|(k, &v)| (100.0 * k as f64 / steps, f64::from(v))),
                    colour.stroke_width(px(2.0)),
                ))
                .map_err(err)?
                .label(method.label())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(3))
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.9))
            .border_style(GRID)
            .label_font(small)
            .draw()
            .map_err(err)?;
        Ok(())
    }
}
