//! The training curve: Cox loss of the training and validation patients per epoch above,
//! the validation C-index below, with the best epoch (lowest validation loss, the weights
//! the model kept) marked on both.

use plotters::coord::Shift;
use plotters::prelude::*;
use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::core::session::EpochLine;
use survlens_app::views::model_view::TrainingCurve;

use super::style::{
    GREEN, GRID, INK, LOWERS, ORANGE, dashes, draw_no_data, finite_extent, grid, legend_line,
    series_legend,
};
use super::{Chart, ChartError};

/// Training and validation curves.
#[derive(Clone, PartialEq)]
pub struct TrainingChart {
    /// One line per epoch.
    pub epochs: Vec<EpochLine>,
    /// The epoch whose weights the model kept.
    pub best_epoch: Option<usize>,
    /// The language of the chart's texts and numbers.
    pub lang: Lang,
}

impl TrainingChart {
    /// The model view's training curve, its texts in `lang`.
    pub fn of(curve: &TrainingCurve, lang: Lang) -> Self {
        Self {
            epochs: curve.epochs.clone(),
            best_epoch: curve.best_epoch,
            lang,
        }
    }
}

/// Finite min and max of `values`, padded by 5% of the span (or 0.05 when flat).
fn padded_range(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let (lo, hi) = finite_extent(values)?;
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
    ) -> Result<(), ChartError> {
        // Epochs whose losses are not finite (a diverged step) are left out of the lines;
        // the table lists them.
        if self.epochs.is_empty() {
            return draw_no_data(root, &self.lang.t("ui-model-chart-training-none"), scale);
        }
        let px = |v: f64| (v * scale) as u32;
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
            .build_cartesian_2d(x_range.clone(), loss_lo..loss_hi)?;
        grid(&mut losses, scale, (12.0, 13.0))
            .x_labels(8)
            .y_labels(5)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| self.lang.decimal(*v, 2))
            .y_desc(self.lang.t("ui-model-chart-training-loss"))
            .draw()?;
        for (colour, label, pick) in [
            (
                ORANGE,
                self.lang.t("ui-model-chart-training-training"),
                (|e: &EpochLine| e.train_loss) as fn(&EpochLine) -> f64,
            ),
            (
                LOWERS,
                self.lang.t("ui-model-chart-training-validation"),
                |e: &EpochLine| e.validation_loss,
            ),
        ] {
            losses
                .draw_series(LineSeries::new(
                    self.epochs
                        .iter()
                        .map(|e| (e.epoch as f64, pick(e)))
                        .filter(|p| p.1.is_finite()),
                    colour.stroke_width(px(2.0)),
                ))?
                .label(label)
                .legend(legend_line(colour.stroke_width(px(3.0)), scale));
        }

        let (c_lo, c_hi) =
            padded_range(self.epochs.iter().map(|e| e.validation_cindex).chain([0.5]))
                .unwrap_or((0.45, 1.0));
        let mut cindex = ChartBuilder::on(&lower)
            .margin_top(px(8.0))
            .margin_right(px(16.0))
            .x_label_area_size(px(40.0))
            .y_label_area_size(px(64.0))
            .build_cartesian_2d(x_range, c_lo..c_hi.min(1.0))?;
        grid(&mut cindex, scale, (12.0, 13.0))
            .x_labels(8)
            .y_labels(5)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| self.lang.decimal(*v, 2))
            .x_desc(self.lang.t("ui-model-chart-training-epoch"))
            .y_desc(self.lang.t("ui-model-chart-training-cindex"))
            .draw()?;
        // Chance level.
        cindex.draw_series(
            dashes((0.5, 0.5), (n + 0.5, 0.5), 40)
                .into_iter()
                .map(|seg| PathElement::new(seg, GRID.mix(1.0).stroke_width(px(2.0)))),
        )?;
        cindex.draw_series(LineSeries::new(
            self.epochs
                .iter()
                .map(|e| (e.epoch as f64, e.validation_cindex))
                .filter(|p| p.1.is_finite()),
            GREEN.stroke_width(px(2.0)),
        ))?;

        if let Some(best) = self.best_epoch {
            let b = best as f64;
            losses
                .draw_series(
                    dashes((b, loss_lo), (b, loss_hi), 16)
                        .into_iter()
                        .map(|seg| PathElement::new(seg, INK.stroke_width(px(1.0)))),
                )?
                .label(self.lang.t_with(
                    "ui-model-chart-training-best",
                    &[("epoch", Arg::Text(&best.to_string()))],
                ))
                .legend(legend_line(INK.stroke_width(px(1.0)), scale));
            cindex.draw_series(
                dashes((b, c_lo), (b, c_hi.min(1.0)), 12)
                    .into_iter()
                    .map(|seg| PathElement::new(seg, INK.stroke_width(px(1.0)))),
            )?;
            if let Some(e) = self.epochs.iter().find(|e| e.epoch == best) {
                cindex.draw_series(std::iter::once(Circle::new(
                    (b, e.validation_cindex),
                    px(4.0),
                    GREEN.filled(),
                )))?;
            }
        }
        // The validation loss settles low and the training loss stays high: the band between
        // them is free for the legend.
        series_legend(&mut losses, SeriesLabelPosition::MiddleRight, scale)
    }
}
