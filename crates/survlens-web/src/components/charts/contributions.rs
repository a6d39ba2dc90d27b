//! The patient's contribution chart: horizontal bars of the largest marker contributions,
//! largest at the top, and one bar for all other markers.

use plotters::coord::Shift;
use plotters::prelude::*;
use survlens_app::patient::{Contribution, Direction};

use super::{Chart, GREY, INK, LOWERS, RAISES, err, font};

/// Bars of one patient's contributions.
#[derive(Clone, PartialEq)]
pub struct ContributionChart {
    /// Patient id, for the file name.
    pub patient: String,
    /// The largest contributions, largest first.
    pub bars: Vec<Contribution>,
    /// Summed relevance of all other markers.
    pub others: f32,
    /// Number of other markers.
    pub n_others: usize,
}

impl ContributionChart {
    fn rows(&self) -> Vec<(String, f32, RGBColor)> {
        let mut rows: Vec<_> = self
            .bars
            .iter()
            .map(|b| {
                let colour = match b.direction {
                    Direction::RaisesRisk => RAISES,
                    Direction::LowersRisk => LOWERS,
                };
                (
                    format!("{} ({})", b.name, b.value_text),
                    b.relevance,
                    colour,
                )
            })
            .collect();
        if self.n_others > 0 {
            rows.push((
                format!("{} other markers", self.n_others),
                self.others,
                GREY,
            ));
        }
        rows
    }
}

impl Chart for ContributionChart {
    fn height(&self, _width: f64) -> f64 {
        34.0 * self.rows().len() as f64 + 56.0
    }

    fn file_stem(&self) -> String {
        format!("contributions-{}", self.patient)
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), String> {
        let rows = self.rows();
        let n = rows.len().max(1);
        let extent = rows
            .iter()
            .map(|(_, r, _)| r.abs())
            .fold(0.0f32, f32::max)
            .max(1e-3)
            * 1.1;
        let (width, _) = root.dim_in_pixel();
        let text = font(13.0, scale);
        let mut chart = ChartBuilder::on(root)
            .margin((8.0 * scale) as u32)
            .x_label_area_size((44.0 * scale) as u32)
            .y_label_area_size((f64::from(width) * 0.42) as u32)
            .build_cartesian_2d(-extent..extent, 0f32..n as f32)
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .disable_y_axis()
            .x_labels(7)
            .light_line_style(TRANSPARENT)
            .bold_line_style(super::GRID.stroke_width(1))
            .x_desc("contribution to log-risk (relevance)")
            .label_style(text.clone())
            .axis_desc_style(text.clone())
            .draw()
            .map_err(err)?;
        // Row 0 at the top: y grows upwards in chart coordinates, so flip.
        let top = n as f32;
        chart
            .draw_series(rows.iter().enumerate().map(|(i, (_, r, colour))| {
                let y0 = top - i as f32 - 0.82;
                let y1 = top - i as f32 - 0.18;
                Rectangle::new([(0.0, y0), (*r, y1)], colour.filled())
            }))
            .map_err(err)?;
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(0.0, 0.0), (0.0, top)],
                INK.stroke_width(1),
            )))
            .map_err(err)?;
        for (i, (label, _, _)) in rows.iter().enumerate() {
            let (_, y) = chart.backend_coord(&(0.0, top - i as f32 - 0.5));
            root.draw(&Text::new(
                label.clone(),
                ((8.0 * scale) as i32, y - (7.0 * scale) as i32),
                text.clone(),
            ))
            .map_err(err)?;
        }
        Ok(())
    }
}
