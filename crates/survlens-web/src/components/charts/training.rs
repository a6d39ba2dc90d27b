//! The training curve: Cox loss of the training and validation patients per epoch above,
//! the validation C-index below, with the best epoch (lowest validation loss, the weights
//! the model kept) marked on both.

use plotters::coord::Shift;
use plotters::prelude::*;
use survlens_app::core::session::EpochLine;

use super::{Chart, GREEN, GRID, INK, LOWERS, ORANGE, err, font};

/// Training and validation curves.
#[derive(Clone, PartialEq)]
pub struct TrainingChart {
    /// One line per epoch.
    pub epochs: Vec<EpochLine>,
    /// The epoch whose weights the model kept.
    pub best_epoch: Option<usize>,
}

/// Dash segments between two points in data coordinates: `n` dashes, each half of its
/// period, for reference lines that must not look like data.
pub fn dashes(from: (f64, f64), to: (f64, f64), n: usize) -> Vec<Vec<(f64, f64)>> {
    let n = n.max(1);
    (0..n)
        .map(|k| {
            let t0 = k as f64 / n as f64;
            let t1 = (k as f64 + 0.5) / n as f64;
            let at = |t: f64| (from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t);
            vec![at(t0), at(t1)]
        })
        .collect()
}

/// A signed tick label that never reads "-0.00".
pub fn signed(v: f64) -> String {
    if v.abs() < 5e-3 {
        "0".to_owned()
    } else {
        format!("{v:+.2}")
    }
}

/// An x range from the smallest to the largest bar end, always containing zero, padded by
/// 8% of its span: bars that all point one way use the whole width.
pub fn bar_range(ends: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = ends
        .filter(|v| v.is_finite())
        .fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let pad = ((hi - lo) * 0.08).max(1e-3);
    (
        if lo < 0.0 { lo - pad } else { -pad / 2.0 },
        if hi > 0.0 { hi + pad } else { pad / 2.0 },
    )
}

/// Finite min and max of `values`, padded by 5% of the span (or 0.05 when flat).
fn padded_range(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if lo > hi {
        return None;
    }
    let pad = ((hi - lo) * 0.05).max(0.05);
    Some((lo - pad, hi + pad))
}

impl Chart for TrainingChart {
    fn height(&self, width: f64) -> f64 {
        (width * 0.6).clamp(320.0, 460.0)
    }

    fn file_stem(&self) -> String {
        "training-curve".to_owned()
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), String> {
        let px = |v: f64| (v * scale) as u32;
        let text = font(13.0, scale);
        let small = font(12.0, scale);
        let (_, height) = root.dim_in_pixel();
        let (upper, lower) = root.split_vertically((f64::from(height) * 0.58) as u32);
        let n = self.epochs.len().max(1) as f64;
        let x_range = 0.5..n + 0.5;

        let (loss_lo, loss_hi) = padded_range(
            self.epochs
                .iter()
                .flat_map(|e| [e.train_loss, e.validation_loss]),
        )
        .unwrap_or((0.0, 1.0));
        let mut losses = ChartBuilder::on(&upper)
            .margin_top(px(10.0))
            .margin_right(px(16.0))
            .x_label_area_size(px(24.0))
            .y_label_area_size(px(64.0))
            .build_cartesian_2d(x_range.clone(), loss_lo..loss_hi)
            .map_err(err)?;
        losses
            .configure_mesh()
            .x_labels(8)
            .y_labels(5)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| format!("{v:.2}"))
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID.stroke_width(px(1.0)))
            .y_desc("Cox loss")
            .label_style(small.clone())
            .axis_desc_style(text.clone())
            .draw()
            .map_err(err)?;
        for (colour, label, pick) in [
            (
                ORANGE,
                "training (with dropout)",
                (|e: &EpochLine| e.train_loss) as fn(&EpochLine) -> f64,
            ),
            (LOWERS, "validation", |e: &EpochLine| e.validation_loss),
        ] {
            losses
                .draw_series(LineSeries::new(
                    self.epochs
                        .iter()
                        .map(|e| (e.epoch as f64, pick(e)))
                        .filter(|p| p.1.is_finite()),
                    colour.stroke_width(px(2.0)),
                ))
                .map_err(err)?
                .label(label)
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(3))
                });
        }

        let (c_lo, c_hi) =
            padded_range(self.epochs.iter().map(|e| e.validation_cindex).chain([0.5]))
                .unwrap_or((0.45, 1.0));
        let mut cindex = ChartBuilder::on(&lower)
            .margin_top(px(8.0))
            .margin_right(px(16.0))
            .x_label_area_size(px(40.0))
            .y_label_area_size(px(64.0))
            .build_cartesian_2d(x_range, c_lo..c_hi.min(1.0))
            .map_err(err)?;
        cindex
            .configure_mesh()
            .x_labels(8)
            .y_labels(5)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| format!("{v:.2}"))
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID.stroke_width(px(1.0)))
            .x_desc("epoch")
            .y_desc("validation C (Harrell)")
            .label_style(small.clone())
            .axis_desc_style(text.clone())
            .draw()
            .map_err(err)?;
        // Chance level.
        cindex
            .draw_series(
                dashes((0.5, 0.5), (n + 0.5, 0.5), 40)
                    .into_iter()
                    .map(|seg| PathElement::new(seg, GRID.mix(1.0).stroke_width(px(2.0)))),
            )
            .map_err(err)?;
        cindex
            .draw_series(LineSeries::new(
                self.epochs
                    .iter()
                    .map(|e| (e.epoch as f64, e.validation_cindex))
                    .filter(|p| p.1.is_finite()),
                GREEN.stroke_width(px(2.0)),
            ))
            .map_err(err)?;

        if let Some(best) = self.best_epoch {
            let b = best as f64;
            losses
                .draw_series(
                    dashes((b, loss_lo), (b, loss_hi), 16)
                        .into_iter()
                        .map(|seg| PathElement::new(seg, INK.stroke_width(px(1.0)))),
                )
                .map_err(err)?
                .label(format!("best epoch ({best})"))
                .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], INK.stroke_width(1)));
            cindex
                .draw_series(
                    dashes((b, c_lo), (b, c_hi.min(1.0)), 12)
                        .into_iter()
                        .map(|seg| PathElement::new(seg, INK.stroke_width(px(1.0)))),
                )
                .map_err(err)?;
            if let Some(e) = self.epochs.iter().find(|e| e.epoch == best) {
                cindex
                    .draw_series(std::iter::once(Circle::new(
                        (b, e.validation_cindex),
                        px(4.0),
                        GREEN.filled(),
                    )))
                    .map_err(err)?;
            }
        }
        losses
            .configure_series_labels()
            // The validation loss settles low and the training loss stays high: the band
            // between them is free for the legend.
            .position(SeriesLabelPosition::MiddleRight)
            .background_style(WHITE.mix(0.9))
            .border_style(GRID)
            .label_font(small)
            .draw()
            .map_err(err)?;
        Ok(())
    }
}
