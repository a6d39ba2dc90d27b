//! Along one marker: a patient's risk score and predicted 1- and 2-year survival over the
//! marker's observed range with the patient's own value marked and the cohort's
//! distribution of the marker beneath ([`ProfileChart`]); the cohort's partial dependence
//! and accumulated local effects of the marker ([`EffectsChart`]). A categorical marker's
//! levels sit at the integers, named on the axis.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::views::marker_profile::{CohortEffects, MarkerHeading, MarkerProfile};

use super::error::{axis, finite};
use super::style::{
    GREEN, GREY, INK, LEVEL_NAME_CHARS, LOWERS, MUTED, ORANGE, RAISES, draw_no_data,
    emptiest_corner, font, grid, legend_line, level_ticks, padded, percent_tick, px, series_legend,
    signed, tick_in,
};
use super::{Chart, ChartError};

/// One patient's ceteris-paribus profile along one marker.
#[derive(Clone, PartialEq)]
pub struct ProfileChart {
    /// The profile, from the view-model.
    pub profile: MarkerProfile,
    /// The language of the chart's texts and numbers.
    pub lang: Lang,
}

/// The cohort's partial dependence and accumulated local effects of one marker.
#[derive(Clone, PartialEq)]
pub struct EffectsChart {
    /// The curves, from the view-model.
    pub effects: CohortEffects,
    /// The language of the chart's texts and numbers.
    pub lang: Lang,
}

/// The x range and tick labels of a marker's axis: its values (numeric) or its levels at
/// the integers, named from `(value, text)` pairs.
fn x_axis(heading: &MarkerHeading, points: &[(f32, String)]) -> (f64, f64, Option<Vec<String>>) {
    let lo = points
        .iter()
        .map(|p| f64::from(p.0))
        .fold(f64::INFINITY, f64::min);
    let hi = points
        .iter()
        .map(|p| f64::from(p.0))
        .fold(f64::NEG_INFINITY, f64::max);
    if heading.levels {
        let mut names = vec![String::new(); hi.max(0.0) as usize + 1];
        for (v, t) in points {
            if let Some(slot) = names.get_mut(*v as usize) {
                slot.clone_from(t);
            }
        }
        (lo - 0.5, hi + 0.5, Some(names))
    } else {
        let (a, b) = padded(lo, hi, 0.03);
        (a, b, None)
    }
}

fn x_title(heading: &MarkerHeading) -> String {
    if heading.unit.is_empty() {
        heading.name.clone()
    } else {
        format!("{} ({})", heading.name, heading.unit)
    }
}

/// Levels beyond this many are named on an axis written upwards, so that every name fits.
const UPRIGHT_LEVELS: usize = 8;

/// The height of an axis of level names written upwards: room for the longest (clipped)
/// name; `None` for a numeric marker or a few levels, named side by side.
fn upright_axis(heading: &MarkerHeading, names: impl Iterator<Item = usize>) -> Option<f64> {
    let (count, longest) = names.fold((0, 0), |(n, l), len| (n + 1, l.max(len)));
    (heading.levels && count > UPRIGHT_LEVELS)
        .then(|| 16.0 + 6.6 * longest.min(LEVEL_NAME_CHARS) as f64)
}

/// The x-axis labels: level names upwards when `upright`, otherwise as the axis writes them.
fn x_label_style(upright: bool, scale: f64) -> TextStyle<'static> {
    if upright {
        font(11.0, scale)
            .transform(FontTransform::Rotate270)
            .pos(Pos::new(HPos::Right, VPos::Center))
    } else {
        font(12.0, scale)
    }
}

impl ProfileChart {
    /// The room of an axis of level names written upwards, if this marker needs one.
    fn upright(&self) -> Option<f64> {
        upright_axis(
            &self.profile.heading,
            self.profile.points.iter().map(|q| q.text.chars().count()),
        )
    }

    fn check(&self) -> Result<(), ChartError> {
        let p = &self.profile;
        for q in &p.points {
            let what = |key: &str| {
                self.lang.t_with(
                    key,
                    &[
                        ("name", Arg::Text(&p.heading.name)),
                        ("at", Arg::Text(&q.text)),
                    ],
                )
            };
            finite(q.value, || what("chart-what-profile-value"))?;
            finite(q.risk, || what("chart-what-profile-risk"))?;
            for s in &q.survival {
                finite(*s, || what("chart-what-profile-survival"))?;
            }
        }
        Ok(())
    }
}

impl Chart for ProfileChart {
    fn height(&self, width: f64) -> f64 {
        (width * 0.75).clamp(420.0, 600.0) + self.upright().unwrap_or(0.0)
    }

    fn file_stem(&self) -> String {
        format!(
            "profile-{}-{}",
            self.profile.patient_id,
            self.profile.heading.name.replace(' ', "-").to_lowercase()
        )
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), ChartError> {
        self.check()?;
        let p = &self.profile;
        if p.points.is_empty() {
            return draw_no_data(root, &self.lang.t("ui-chart-profile-none"), scale);
        }
        let pairs: Vec<(f32, String)> = p
            .points
            .iter()
            .map(|q| (q.value, q.text.clone()))
            .chain(
                p.distribution
                    .bars
                    .iter()
                    .flat_map(|b| [(b.lo, b.label.clone()), (b.hi, b.label.clone())]),
            )
            .filter(|(v, _)| v.is_finite())
            .collect();
        let (x0, x1, levels) = x_axis(&p.heading, &pairs);
        let ticks = levels.clone().map(level_ticks);
        let format_x = |v: &f64| match &ticks {
            Some(t) => t(v),
            None => tick_in(self.lang, format!("{v}")),
        };
        // Levels have no order between them: their points are not joined by lines.
        let joined = !p.heading.levels;
        let upright = self.upright();
        let (_, height) = root.dim_in_pixel();
        // The panels share the height without the room of upright level names.
        let h = f64::from(height) - upright.unwrap_or(0.0) * scale;
        let (top, rest) = root.split_vertically((h * 0.42) as u32);
        let (middle, bottom) = rest.split_vertically((h * 0.32) as u32);
        let own = p.points.iter().find(|q| q.own).map(|q| f64::from(q.value));

        // Risk score.
        let (r0, r1) = p
            .points
            .iter()
            .map(|q| f64::from(q.risk))
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), r| {
                (a.min(r), b.max(r))
            });
        let (r0, r1) = padded(r0, r1, 0.1);
        let mut chart = ChartBuilder::on(&top)
            .margin(px(8.0, scale))
            .margin_right(px(16.0, scale))
            .x_label_area_size(px(10.0, scale))
            .y_label_area_size(px(56.0, scale))
            .build_cartesian_2d(
                axis(&p.heading.name, x0, x1)?,
                axis(&self.lang.t("chart-axis-risk-score"), r0, r1)?,
            )?;
        grid(&mut chart, scale, (12.0, 12.0))
            .x_labels(0)
            .y_labels(5)
            .y_label_formatter(&|v| tick_in(self.lang, signed(*v)))
            .y_desc(self.lang.t("ui-chart-profile-risk"))
            .draw()?;
        let line: Vec<(f64, f64)> = p
            .points
            .iter()
            .map(|q| (f64::from(q.value), f64::from(q.risk)))
            .collect();
        if joined {
            chart.draw_series(LineSeries::new(
                line.clone(),
                RAISES.stroke_width(px(2.5, scale)),
            ))?;
        }
        chart.draw_series(line.iter().map(|&xy| {
            Circle::new(
                xy,
                px(if joined { 3.0 } else { 4.0 }, scale),
                RAISES.filled(),
            )
        }))?;
        if let Some(q) = p.points.iter().find(|q| q.own) {
            let at = (f64::from(q.value), f64::from(q.risk));
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(at.0, r0), (at.0, r1)],
                INK.stroke_width(px(1.5, scale)),
            )))?;
            chart.draw_series(std::iter::once(Circle::new(
                at,
                px(6.0, scale),
                INK.filled(),
            )))?;
            // The label reads away from the nearer edge, so it is never cut off.
            let (anchor, nudge) = if at.0 > (x0 + x1) / 2.0 {
                (HPos::Right, -6.0)
            } else {
                (HPos::Left, 6.0)
            };
            let (lx, ly) = chart.backend_coord(&(at.0, r1));
            top.draw(&Text::new(
                self.lang.t_with(
                    "ui-chart-profile-own",
                    &[
                        ("value", Arg::Text(&q.text)),
                        ("risk", Arg::Text(&self.lang.signed(f64::from(q.risk), 3))),
                    ],
                ),
                (lx + (nudge * scale) as i32, ly),
                font(12.0, scale)
                    .color(&INK)
                    .pos(Pos::new(anchor, VPos::Top)),
            ))?;
        }

        // Survival at the horizons.
        let mut chart = ChartBuilder::on(&middle)
            .margin(px(8.0, scale))
            .margin_right(px(16.0, scale))
            .x_label_area_size(px(10.0, scale))
            .y_label_area_size(px(56.0, scale))
            .build_cartesian_2d(axis(&p.heading.name, x0, x1)?, 0f64..1f64)?;
        grid(&mut chart, scale, (12.0, 12.0))
            .x_labels(0)
            .y_labels(5)
            .y_label_formatter(&|v| percent_tick(self.lang, v * 100.0))
            .y_desc(self.lang.t("ui-chart-survival"))
            .draw()?;
        for (k, &years) in p.horizon_years.iter().enumerate() {
            let colour = if k == 0 { GREEN } else { LOWERS };
            let series: Vec<(f64, f64)> = p
                .points
                .iter()
                .filter_map(|q| q.survival.get(k).map(|&s| (f64::from(q.value), s)))
                .collect();
            let drawn = if joined {
                chart.draw_series(LineSeries::new(series, colour.stroke_width(px(2.5, scale))))?
            } else {
                chart.draw_series(
                    series
                        .into_iter()
                        .map(|xy| Circle::new(xy, px(4.0, scale), colour.filled())),
                )?
            };
            drawn
                .label(self.lang.t_with(
                    "ui-chart-profile-years",
                    &[("years", Arg::Text(&self.lang.decimal(years, 0)))],
                ))
                .legend(legend_line(colour.stroke_width(px(2.5, scale)), scale));
        }
        if let Some(x) = own {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x, 0.0), (x, 1.0)],
                INK.stroke_width(px(1.5, scale)),
            )))?;
        }
        // The legend takes the quarter of the panel with the fewest survival dots.
        let dots = p.points.iter().flat_map(|q| {
            q.survival
                .iter()
                .take(p.horizon_years.len())
                .map(move |&s| (f64::from(q.value), s))
        });
        series_legend(
            &mut chart,
            emptiest_corner(dots, (x0, x1), (0.0, 1.0)),
            scale,
        )?;

        // The cohort's distribution.
        let most = p
            .distribution
            .bars
            .iter()
            .map(|b| b.count)
            .max()
            .unwrap_or(1)
            .max(1);
        let mut chart = ChartBuilder::on(&bottom)
            .margin(px(8.0, scale))
            .margin_right(px(16.0, scale))
            .x_label_area_size(px(upright.map_or(40.0, |u| u + 24.0), scale))
            .y_label_area_size(px(56.0, scale))
            .build_cartesian_2d(axis(&p.heading.name, x0, x1)?, 0f64..most as f64 * 1.1)?;
        grid(&mut chart, scale, (12.0, 12.0))
            .x_labels(if levels.is_some() { 60 } else { 7 })
            .x_label_formatter(&format_x)
            .x_label_style(x_label_style(upright.is_some(), scale))
            .y_labels(3)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .y_desc(self.lang.t("ui-chart-profile-patients"))
            .x_desc(x_title(&p.heading))
            .draw()?;
        chart.draw_series(p.distribution.bars.iter().map(|b| {
            let (a, z) = if levels.is_some() {
                (f64::from(b.lo) - 0.3, f64::from(b.hi) + 0.3)
            } else {
                (f64::from(b.lo), f64::from(b.hi))
            };
            Rectangle::new([(a, 0.0), (z, b.count as f64)], GREY.mix(0.6).filled())
        }))?;
        if let Some(x) = own {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x, 0.0), (x, most as f64 * 1.1)],
                INK.stroke_width(px(1.5, scale)),
            )))?;
        }
        Ok(())
    }
}

impl EffectsChart {
    /// The room of an axis of level names written upwards, if this marker needs one.
    fn upright(&self) -> Option<f64> {
        upright_axis(
            &self.effects.heading,
            self.effects.points.iter().map(|q| q.text.chars().count()),
        )
    }

    fn check(&self) -> Result<(), ChartError> {
        let e = &self.effects;
        for q in &e.points {
            let what = |key: &str| {
                self.lang.t_with(
                    key,
                    &[
                        ("name", Arg::Text(&e.heading.name)),
                        ("at", Arg::Text(&q.text)),
                    ],
                )
            };
            finite(q.value, || what("chart-what-profile-value"))?;
            finite(q.pdp, || what("chart-what-profile-pdp"))?;
            finite(q.ale, || what("chart-what-profile-ale"))?;
        }
        Ok(())
    }
}

impl Chart for EffectsChart {
    fn height(&self, width: f64) -> f64 {
        (width * 0.6).clamp(340.0, 480.0) + self.upright().unwrap_or(0.0)
    }

    fn file_stem(&self) -> String {
        format!(
            "pdp-ale-{}",
            self.effects.heading.name.replace(' ', "-").to_lowercase()
        )
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), ChartError> {
        self.check()?;
        let e = &self.effects;
        if e.points.is_empty() {
            return draw_no_data(root, &self.lang.t("ui-chart-effects-none"), scale);
        }
        let pairs: Vec<(f32, String)> =
            e.points.iter().map(|q| (q.value, q.text.clone())).collect();
        let (x0, x1, levels) = x_axis(&e.heading, &pairs);
        let upright = self.upright();
        // Levels have no order between them: their points are not joined by lines.
        let joined = !e.heading.levels;
        let ticks = levels.clone().map(level_ticks);
        let format_x = |v: &f64| match &ticks {
            Some(t) => t(v),
            None => tick_in(self.lang, format!("{v}")),
        };
        // Both curves on one axis of change in the risk score: the PDP measured from the
        // cohort's mean risk score, the ALE centred on the patients' mean.
        let pdp: Vec<(f64, f64)> = e
            .points
            .iter()
            .map(|q| {
                (
                    f64::from(q.value),
                    f64::from(q.pdp) - f64::from(e.mean_risk),
                )
            })
            .collect();
        let ale: Vec<(f64, f64)> = e
            .points
            .iter()
            .map(|q| (f64::from(q.value), f64::from(q.ale)))
            .collect();
        let (y0, y1) = pdp
            .iter()
            .chain(&ale)
            .map(|p| p.1)
            .fold((0.0f64, 0.0f64), |(a, b), y| (a.min(y), b.max(y)));
        let (y0, y1) = padded(y0, y1, 0.1);
        let mut chart = ChartBuilder::on(root)
            .margin(px(8.0, scale))
            .margin_right(px(16.0, scale))
            .x_label_area_size(px(upright.map_or(44.0, |u| u + 28.0), scale))
            .y_label_area_size(px(60.0, scale))
            .build_cartesian_2d(
                axis(&e.heading.name, x0, x1)?,
                axis(&self.lang.t("chart-axis-risk-change"), y0, y1)?,
            )?;
        grid(&mut chart, scale, (12.0, 13.0))
            .x_labels(if levels.is_some() { 60 } else { 7 })
            .x_label_formatter(&format_x)
            .x_label_style(x_label_style(upright.is_some(), scale))
            .y_labels(6)
            .y_label_formatter(&|v| tick_in(self.lang, signed(*v)))
            .y_desc(self.lang.t("ui-chart-effects-axis"))
            .x_desc(x_title(&e.heading))
            .draw()?;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x0, 0.0), (x1, 0.0)],
            MUTED.stroke_width(px(1.0, scale)),
        )))?;
        for (points, colour, label) in [
            (&pdp, ORANGE, self.lang.t("ui-chart-effects-pdp")),
            (&ale, LOWERS, self.lang.t("ui-chart-effects-ale")),
        ] {
            if joined {
                chart.draw_series(LineSeries::new(
                    points.clone(),
                    colour.stroke_width(px(2.5, scale)),
                ))?;
            }
            chart
                .draw_series(points.iter().map(|&xy| {
                    Circle::new(
                        xy,
                        px(if joined { 3.0 } else { 4.0 }, scale),
                        colour.filled(),
                    )
                }))?
                .label(label)
                .legend(legend_line(colour.stroke_width(px(2.5, scale)), scale));
        }
        series_legend(&mut chart, SeriesLabelPosition::UpperLeft, scale)?;
        Ok(())
    }
}
