//! Kaplan-Meier curves of groups of patients (the model's risk groups, the four groups of an
//! interaction pair) with their 95% confidence bands, censoring ticks, and the numbers at
//! risk under the time axis, as lifelines' `add_at_risk_counts` lays them out.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use survlens_app::core::format::count_in as count;
use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::views::cohort_view::{RiskGroupSurvival, SurvivalCurve, SurvivalGroups};
use survlens_app::views::interactions_view::PairSurvival;

use super::error::{axis, finite, same_length};
use super::style::{
    GREEN, GRID, INK, ORANGE, RAISES, SKY, draw_no_data, font, grid, legend_line, series_legend,
};
use super::{Chart, ChartError};

/// Colour of risk group `g` of `n_groups`, lowest risk first: green for the lowest and
/// vermillion for the highest group at any grouping (as the patient view's groups), orange
/// for intermediate, sky blue for the second quartile (Okabe-Ito, colour-blind safe).
pub fn group_colour(n_groups: usize, g: usize) -> RGBColor {
    match (n_groups, g) {
        (_, 0) => GREEN,
        (4, 1) => SKY,
        (n, g) if g + 1 == n => RAISES,
        _ => ORANGE,
    }
}

/// The colour as CSS `#rrggbb`, for swatches in tables.
pub fn css(colour: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", colour.0, colour.1, colour.2)
}

/// Kaplan-Meier curves by group.
#[derive(Clone, PartialEq)]
pub struct KmChart {
    /// The curves, groups and numbers at risk, from the view-model.
    pub survival: SurvivalGroups,
    /// Download file name without extension.
    pub stem: String,
    /// The language of the chart's texts and numbers.
    pub lang: Lang,
}

impl KmChart {
    /// The cohort view's curves of the model's risk groups.
    pub fn risk_groups(s: &RiskGroupSurvival) -> Self {
        Self {
            survival: s.curves(),
            stem: format!(
                "kaplan-meier-risk-{}-{}",
                s.grouping.label(),
                s.population.label().replace(' ', "-")
            ),
            lang: Lang::En,
        }
    }

    /// The interactions view's curves of the four groups of a pair.
    pub fn pair(s: &PairSurvival) -> Self {
        Self {
            survival: s.curves.clone(),
            stem: format!("kaplan-meier-pair-{}-{}", s.a, s.b),
            lang: Lang::En,
        }
    }

    /// Refuses curves whose lists disagree in length or hold a value that is not a
    /// number, and landmarks that are not numbers.
    fn check(&self) -> Result<(), ChartError> {
        let s = &self.survival;
        for (k, &l) in s.landmarks_months.iter().enumerate() {
            finite(l, || {
                let number = (k + 1).to_string();
                self.lang
                    .t_with("chart-what-landmark", &[("number", Arg::Text(&number))])
            })?;
        }
        for g in &s.groups {
            let Some(c) = &g.curve else { continue };
            let n = c.time_months.len();
            for (list, key) in [
                (&c.survival, "chart-what-km-survival-list"),
                (&c.lower, "chart-what-km-lower-list"),
                (&c.upper, "chart-what-km-upper-list"),
            ] {
                same_length(
                    || self.lang.t_with(key, &[("group", Arg::Text(&g.label))]),
                    n,
                    list.len(),
                )?;
            }
            for (list, key) in [
                (&c.time_months, "chart-what-km-time"),
                (&c.survival, "chart-what-km-survival"),
                (&c.lower, "chart-what-km-lower"),
                (&c.upper, "chart-what-km-upper"),
                (&c.censored_months, "chart-what-km-censoring"),
            ] {
                for (k, &v) in list.iter().enumerate() {
                    finite(v, || {
                        let step = (k + 1).to_string();
                        self.lang.t_with(
                            key,
                            &[("step", Arg::Text(&step)), ("group", Arg::Text(&g.label))],
                        )
                    })?;
                }
            }
        }
        Ok(())
    }
}

/// Height of the plot itself, in CSS pixels, for a given width.
fn plot_height(width: f64) -> f64 {
    (width * 0.5).clamp(280.0, 420.0)
}

/// Height of one row of the at-risk table, in CSS pixels.
const AT_RISK_ROW: f64 = 20.0;
/// Width of the y label area, where the at-risk rows carry the group names.
const Y_LABELS: f64 = 150.0;

/// Characters of a group name that fit the at-risk rows' label area at 12 px (the square
/// and its gap take 26 px; about 6.6 px per character of the chart's sans-serif font).
const AT_RISK_LABEL_CHARS: usize = 17;

/// `label` shortened to `max` characters with an ellipsis, so that a long group name (a pair
/// of markers with their cut-offs) does not run into the numbers; the legend and the table
/// carry the full name.
fn fit_label(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        return label.to_owned();
    }
    let kept: String = label.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// The corners of a right-continuous step curve, in percent.
fn steps(curve: &SurvivalCurve, values: &[f64], end: f64) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(2 * values.len() + 1);
    for (k, (&t, &v)) in curve.time_months.iter().zip(values).enumerate() {
        if k > 0 {
            out.push((t, 100.0 * values[k - 1]));
        }
        out.push((t, 100.0 * v));
    }
    // Hold the last value up to the last follow-up of the group, never beyond the axis.
    if let (Some(&t), Some(&v)) = (curve.time_months.last(), values.last()) {
        out.push((t.min(end), 100.0 * v));
    }
    out
}

impl Chart for KmChart {
    fn height(&self, width: f64) -> f64 {
        plot_height(width) + 34.0 + AT_RISK_ROW * self.survival.groups.len() as f64 + 8.0
    }

    fn file_stem(&self) -> String {
        self.stem.clone()
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), ChartError> {
        self.check()?;
        let s = &self.survival;
        if s.groups.iter().all(|g| g.curve.is_none()) {
            return draw_no_data(root, &self.lang.t("ui-cohort-km-no-patients"), scale);
        }
        let px = |v: f64| (v * scale) as u32;
        let text = font(13.0, scale);
        let (width, _) = root.dim_in_pixel();
        let plot_h = px(plot_height(f64::from(width) / scale));
        let (upper, lower) = root.split_vertically(plot_h);
        let end = s.axis_end_months.max(1.0);
        let n_groups = s.groups.len();

        let mut chart = ChartBuilder::on(&upper)
            .margin_top(px(12.0))
            .margin_right(px(16.0))
            .x_label_area_size(px(44.0))
            .y_label_area_size(px(Y_LABELS))
            .build_cartesian_2d(
                axis(&self.lang.t("chart-axis-months"), 0.0, end)?,
                0.0..100.0,
            )?;
        // The x ticks are drawn by hand at the landmarks, so that the numbers at risk sit
        // exactly under them.
        grid(&mut chart, scale, (13.0, 13.0))
            .x_labels(0)
            .y_labels(6)
            .y_label_formatter(&|v| match self.lang {
                Lang::En => format!("{v:.0}%"),
                Lang::De => format!("{}\u{a0}%", self.lang.decimal(*v, 0)),
            })
            .y_desc(self.lang.t("ui-cohort-km-y"))
            .draw()?;
        for &l in &s.landmarks_months {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(l, 0.0), (l, 100.0)],
                GRID.stroke_width(px(1.0)),
            )))?;
        }
        let centred = text.clone().pos(Pos::new(HPos::Center, VPos::Top));
        for &l in &s.landmarks_months {
            let (x, y) = chart.backend_coord(&(l, 0.0));
            upper.draw(&PathElement::new(
                vec![(x, y), (x, y + px(5.0) as i32)],
                INK.stroke_width(px(1.0)),
            ))?;
            upper.draw(&Text::new(
                format!("{l:.0}"),
                (x, y + px(8.0) as i32),
                centred.clone(),
            ))?;
        }
        let (x0, y0) = chart.backend_coord(&(0.0, 0.0));
        let (x1, _) = chart.backend_coord(&(end, 0.0));
        upper.draw(&Text::new(
            self.lang.t("ui-cohort-km-x"),
            ((x0 + x1) / 2, y0 + px(26.0) as i32),
            centred.clone(),
        ))?;

        // Bands first, then curves on top, so no band hides a line.
        for g in &s.groups {
            let Some(curve) = &g.curve else { continue };
            let colour = group_colour(n_groups, g.group);
            let mut band = steps(curve, &curve.upper, end);
            band.extend(steps(curve, &curve.lower, end).into_iter().rev());
            chart.draw_series(std::iter::once(Polygon::new(
                band,
                colour.mix(0.16).filled(),
            )))?;
        }
        for g in &s.groups {
            let Some(curve) = &g.curve else { continue };
            let colour = group_colour(n_groups, g.group);
            chart
                .draw_series(std::iter::once(PathElement::new(
                    steps(curve, &curve.survival, end),
                    colour.stroke_width(px(2.5)),
                )))?
                .label(self.lang.t_with(
                    "ui-cohort-km-legend",
                    &[
                        ("group", Arg::Text(&g.label)),
                        ("n", Arg::Text(&count(self.lang, g.patients))),
                    ],
                ))
                .legend(legend_line(colour.stroke_width(px(3.0)), scale));
            // Censoring ticks: short vertical marks on the curve where patients left follow-up.
            let ticks = curve.censored_months.iter().map(|&t| {
                let (v, _, _) = curve.at(t);
                let (x, y) = chart.backend_coord(&(t, 100.0 * v));
                PathElement::new(
                    vec![(x, y - px(4.0) as i32), (x, y + px(4.0) as i32)],
                    colour.stroke_width(px(1.2)),
                )
            });
            for tick in ticks {
                upper.draw(&tick)?;
            }
        }
        series_legend(&mut chart, SeriesLabelPosition::UpperRight, scale)?;

        // Numbers at risk, one row per group, each number under its landmark.
        let left = font(12.0, scale).pos(Pos::new(HPos::Left, VPos::Center));
        let number = font(12.0, scale).pos(Pos::new(HPos::Center, VPos::Center));
        let row_y = |k: usize| px(24.0 + AT_RISK_ROW * k as f64 + AT_RISK_ROW / 2.0) as i32;
        lower.draw(&Text::new(
            self.lang.t("ui-cohort-km-at-risk"),
            (px(8.0) as i32, px(10.0) as i32),
            font(12.0, scale).pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
        for (k, g) in s.groups.iter().enumerate() {
            let colour = group_colour(n_groups, g.group);
            let y = row_y(k);
            lower.draw(&Rectangle::new(
                [
                    (px(8.0) as i32, y - px(5.0) as i32),
                    (px(20.0) as i32, y + px(5.0) as i32),
                ],
                colour.filled(),
            ))?;
            lower.draw(&Text::new(
                fit_label(&g.label, AT_RISK_LABEL_CHARS),
                (px(26.0) as i32, y),
                left.clone(),
            ))?;
            for (&l, &n) in s.landmarks_months.iter().zip(&g.at_risk) {
                let (x, _) = chart.backend_coord(&(l, 0.0));
                lower.draw(&Text::new(count(self.lang, n), (x, y), number.clone()))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::fit_label;

    #[test]
    fn long_group_names_are_shortened_to_fit_and_short_ones_kept() {
        assert_eq!(fit_label("Upper third", 17), "Upper third");
        let long = "Age \u{2264} 63 years, Potassium \u{2264} 4.20 mmol/L";
        let fitted = fit_label(long, 17);
        assert!(fitted.chars().count() <= 17);
        assert!(fitted.ends_with('\u{2026}'));
        assert!(long.starts_with(fitted.trim_end_matches('\u{2026}')));
    }
}
