//! The charts' shared look: the Okabe-Ito palette, the font, the grid every chart draws
//! under its data, the series legend, the "nothing to show" state, tick labels, axis
//! ranges from data, and the two sequential colour scales with their legend.
//!
//! Both colour scales are colour-blind safe and ordered in lightness, so they also read in
//! grey: viridis (dark purple -> yellow) for a marker's value low -> high, and ColorBrewer
//! YlGnBu (near white -> dark blue) for strength, where "more" should look darker.

use plotters::chart::{ChartContext, MeshStyle, SeriesLabelPosition};
use plotters::coord::Shift;
use plotters::coord::ranged1d::{Ranged, ValueFormatter};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::error::ChartError;

/// Okabe-Ito vermillion: raises risk, high-risk group.
pub const RAISES: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Okabe-Ito blue: lowers risk.
pub const LOWERS: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Okabe-Ito bluish green: low-risk group.
pub const GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
/// Okabe-Ito orange: intermediate group.
pub const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
/// Okabe-Ito reddish purple.
pub const PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
/// Okabe-Ito sky blue.
pub const SKY: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
/// Neutral grey.
pub const GREY: RGBColor = RGBColor(0x8A, 0x8A, 0x8A);
/// Text and axes.
pub const INK: RGBColor = RGBColor(0x1F, 0x24, 0x2B);
/// Muted text, as the page's captions.
pub const MUTED: RGBColor = RGBColor(0x5B, 0x65, 0x70);
/// Light grid lines.
pub const GRID: RGBColor = RGBColor(0xE3, 0xE7, 0xEB);
/// Colours for series in order (Okabe-Ito, colour-blind safe).
pub const SERIES: [RGBColor; 6] = [GREEN, ORANGE, RAISES, LOWERS, PURPLE, SKY];

/// A font of `size` CSS pixels.
pub fn font(size: f64, scale: f64) -> TextStyle<'static> {
    ("sans-serif", size * scale).into_font().color(&INK)
}

/// `css` CSS pixels in device pixels, for line widths and sizes plotters takes unsigned.
pub fn px(css: f64, scale: f64) -> u32 {
    (css * scale) as u32
}

/// The grid every chart with axes draws under its data: bold lines in [`GRID`] one CSS
/// pixel wide, no light lines, tick labels of `ticks` and axis titles of `titles` CSS
/// pixels. Returns plotters' mesh, for the chart's own label counts, formatters and
/// titles; its `draw` draws it.
pub fn grid<'a, 'b, DB, X, Y>(
    chart: &'b mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
    scale: f64,
    (ticks, titles): (f64, f64),
) -> MeshStyle<'a, 'b, X, Y, DB>
where
    DB: DrawingBackend,
    X: Ranged + ValueFormatter<<X as Ranged>::ValueType>,
    Y: Ranged + ValueFormatter<<Y as Ranged>::ValueType>,
{
    let mut mesh = chart.configure_mesh();
    mesh.light_line_style(TRANSPARENT)
        .bold_line_style(GRID.stroke_width(px(1.0, scale)))
        .label_style(font(ticks, scale))
        .axis_desc_style(font(titles, scale));
    mesh
}

/// Draws the legend of the chart's labelled series at `position`: a white box with a grid
/// border, 12 CSS pixel text.
///
/// # Errors
/// [`ChartError`] when the backend fails.
pub fn series_legend<'a, DB, CT>(
    chart: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
    scale: f64,
) -> Result<(), ChartError>
where
    DB: DrawingBackend + 'a,
    CT: CoordTranslate,
{
    chart
        .configure_series_labels()
        .position(position)
        .background_style(WHITE.mix(0.9))
        .border_style(GRID)
        .label_font(font(12.0, scale))
        .margin(px(8.0, scale))
        .draw()?;
    Ok(())
}

/// The corner of a chart's plotting area where a legend covers the fewest of `points`: the
/// quarter of the area (split at the middle of `x` and of `y`) holding the fewest of them,
/// the lower left first among equals, then lower right, upper left, upper right.
pub fn emptiest_corner(
    points: impl IntoIterator<Item = (f64, f64)>,
    x: (f64, f64),
    y: (f64, f64),
) -> SeriesLabelPosition {
    let (x_mid, y_mid) = ((x.0 + x.1) / 2.0, (y.0 + y.1) / 2.0);
    // Lower left, lower right, upper left, upper right.
    let mut counts = [0usize; 4];
    for (px, py) in points {
        if px.is_finite() && py.is_finite() {
            counts[usize::from(px >= x_mid) + 2 * usize::from(py >= y_mid)] += 1;
        }
    }
    let corners = [
        SeriesLabelPosition::LowerLeft,
        SeriesLabelPosition::LowerRight,
        SeriesLabelPosition::UpperLeft,
        SeriesLabelPosition::UpperRight,
    ];
    let fewest = (0..4).min_by_key(|&k| counts[k]).unwrap_or(0);
    corners[fewest].clone()
}

/// A series' legend mark: a line 18 CSS pixels long in `style`.
pub fn legend_line(
    style: ShapeStyle,
    scale: f64,
) -> impl Fn((i32, i32)) -> PathElement<(i32, i32)> {
    let length = px(18.0, scale) as i32;
    move |(x, y)| PathElement::new(vec![(x, y), (x + length, y)], style)
}

/// Draws `sentence` in muted text in the middle of `root`: the honest state of a chart
/// with nothing to show, in place of empty axes.
///
/// # Errors
/// [`ChartError`] when the backend fails.
pub fn draw_no_data<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    sentence: &str,
    scale: f64,
) -> Result<(), ChartError> {
    let (width, height) = root.dim_in_pixel();
    root.draw(&Text::new(
        sentence.to_owned(),
        ((width / 2) as i32, (height / 2) as i32),
        font(14.0, scale)
            .color(&MUTED)
            .pos(Pos::new(HPos::Center, VPos::Center)),
    ))?;
    Ok(())
}

/// Axis label of a relevance tick: two decimals, and ticks near 0 print as "0.00", never
/// "-0.00".
pub fn relevance_tick(v: &f64) -> String {
    format!("{:.2}", if v.abs() < 1e-9 { 0.0 } else { *v })
}

/// A signed tick label that never reads "-0.00".
pub fn signed(v: f64) -> String {
    if v.abs() < 5e-3 {
        "0".to_owned()
    } else {
        format!("{v:+.2}")
    }
}

/// Labels the integer ticks of a categorical axis (level `k` at `x = k`) with their level
/// names, cut to 16 characters; every other tick stays blank.
pub fn level_ticks(levels: Vec<String>) -> impl Fn(&f64) -> String {
    move |x: &f64| {
        let k = x.round();
        if (x - k).abs() < 1e-6 && k >= 0.0 {
            levels
                .get(k as usize)
                .map_or_else(String::new, |l| clip(l, LEVEL_NAME_CHARS))
        } else {
            String::new()
        }
    }
}

/// A tick label written with `.` as the decimal mark, in the language's: `0.5` or `0,5`.
pub fn tick_in(lang: survlens_app::core::i18n::Lang, text: String) -> String {
    match lang {
        survlens_app::core::i18n::Lang::En => text,
        survlens_app::core::i18n::Lang::De => text.replace('.', ","),
    }
}

/// A German axis tick: the value to at most six decimals without trailing zeros, with the
/// decimal comma (`0,25`).
pub fn german_tick(v: f64) -> String {
    let text = format!("{v:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match text {
        "-0" | "" => "0".to_owned(),
        t => t.replace('.', ","),
    }
}

/// A percentage tick or label, whole percent: `50%`, German `50 %` (DIN 5008).
pub fn percent_tick(lang: survlens_app::core::i18n::Lang, v: f64) -> String {
    match lang {
        survlens_app::core::i18n::Lang::En => format!("{}%", lang.decimal(v, 0)),
        survlens_app::core::i18n::Lang::De => format!("{}\u{a0}%", lang.decimal(v, 0)),
    }
}

/// The longest level name an axis writes; longer ones end in an ellipsis (the chart's
/// table names them whole).
pub const LEVEL_NAME_CHARS: usize = 16;

/// `label` cut to `max` characters with an ellipsis.
pub fn clip(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_owned()
    } else {
        let mut s: String = label.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
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

/// An x range from the smallest to the largest bar end, always containing zero, padded by
/// 8% of its span: bars that all point one way use the whole width. Non-finite ends are
/// left out.
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

/// The finite smallest and largest of `values`, `None` when none is finite.
pub fn finite_extent(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    (lo <= hi).then_some((lo, hi))
}

/// `[lo, hi]` padded by `fraction` of its span on both sides, widened around a single
/// value; `(-1, 1)` when either end is not finite.
pub fn padded(lo: f64, hi: f64, fraction: f64) -> (f64, f64) {
    if !(lo.is_finite() && hi.is_finite()) {
        return (-1.0, 1.0);
    }
    let span = (hi - lo).max(1e-6 * lo.abs().max(1.0));
    (lo - fraction * span, hi + fraction * span)
}

/// Viridis (matplotlib) sampled at 0, 0.1, ..., 1. Kept here rather than taken from
/// plotters' `colormaps::ViridisRGB`: that map interpolates eight stops of viridis, which
/// departs from matplotlib's colours by up to 13/255 in a channel (blue at 0.9, the top of
/// the dots' range), and the pinned plotters is built without its `colormaps` feature.
const VIRIDIS: [(u8, u8, u8); 11] = [
    (0x44, 0x01, 0x54),
    (0x48, 0x24, 0x75),
    (0x41, 0x44, 0x87),
    (0x35, 0x5F, 0x8D),
    (0x2A, 0x78, 0x8E),
    (0x21, 0x91, 0x8C),
    (0x22, 0xA8, 0x84),
    (0x44, 0xBF, 0x70),
    (0x7A, 0xD1, 0x51),
    (0xBD, 0xDF, 0x26),
    (0xFD, 0xE7, 0x25),
];

/// ColorBrewer YlGnBu, 9 classes.
const YL_GN_BU: [(u8, u8, u8); 9] = [
    (0xFF, 0xFF, 0xD9),
    (0xED, 0xF8, 0xB1),
    (0xC7, 0xE9, 0xB4),
    (0x7F, 0xCD, 0xBB),
    (0x41, 0xB6, 0xC4),
    (0x1D, 0x91, 0xC0),
    (0x22, 0x5E, 0xA8),
    (0x25, 0x34, 0x94),
    (0x08, 0x1D, 0x58),
];

/// Top of the viridis range used for dots: the last tenth is too pale on white.
pub const VIRIDIS_DOT_TOP: f64 = 0.9;

fn interpolate(stops: &[(u8, u8, u8)], t: f64) -> RGBColor {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let pos = t * (stops.len() - 1) as f64;
    let lo = (pos.floor() as usize).min(stops.len() - 1);
    let hi = (lo + 1).min(stops.len() - 1);
    let f = pos - lo as f64;
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * f).round() as u8;
    let (a, b) = (stops[lo], stops[hi]);
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Viridis at `t` in `[0, 1]` (clamped): a marker's value from low to high.
pub fn viridis(t: f64) -> RGBColor {
    interpolate(&VIRIDIS, t)
}

/// A dot's colour for a value at colour position `t` (`None`: missing, grey).
pub fn value_colour(t: Option<f32>) -> RGBColor {
    t.map_or(GREY, |t| viridis(f64::from(t) * VIRIDIS_DOT_TOP))
}

/// YlGnBu at `t` in `[0, 1]` (clamped): strength from none to most.
pub fn strength(t: f64) -> RGBColor {
    interpolate(&YL_GN_BU, t)
}

/// A horizontal colour legend: a gradient bar of `width` x 10 CSS pixels whose colour at
/// `t` in `[0, 1]` is `colour(t)`, `low` and `high` under its ends and `title` to its right.
pub struct GradientLegend<'a, C: Fn(f64) -> RGBColor> {
    /// The colour scale.
    pub colour: C,
    /// Width of the bar, CSS pixels.
    pub width: f64,
    /// Under the left end.
    pub low: &'a str,
    /// Under the right end.
    pub high: &'a str,
    /// Right of the bar.
    pub title: &'a str,
}

impl<C: Fn(f64) -> RGBColor> GradientLegend<'_, C> {
    /// Draws the legend with the bar's top left corner at `(x, y)` (device pixels).
    ///
    /// # Errors
    /// [`ChartError`] when the backend fails.
    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        (x, y): (i32, i32),
        scale: f64,
    ) -> Result<(), ChartError> {
        let steps = 48;
        let w = self.width * scale;
        let h = (10.0 * scale) as i32;
        for k in 0..steps {
            let x0 = x + (w * k as f64 / steps as f64) as i32;
            let x1 = x + (w * (k + 1) as f64 / steps as f64).ceil() as i32;
            let t = (k as f64 + 0.5) / steps as f64;
            root.draw(&Rectangle::new(
                [(x0, y), (x1, y + h)],
                (self.colour)(t).filled(),
            ))?;
        }
        root.draw(&Rectangle::new(
            [(x, y), (x + w as i32, y + h)],
            GREY.stroke_width(1),
        ))?;
        let small = font(11.0, scale);
        let below = y + h + (3.0 * scale) as i32;
        root.draw(&Text::new(
            self.low.to_owned(),
            (x, below),
            small.clone().pos(Pos::new(HPos::Left, VPos::Top)),
        ))?;
        root.draw(&Text::new(
            self.high.to_owned(),
            (x + w as i32, below),
            small.pos(Pos::new(HPos::Right, VPos::Top)),
        ))?;
        root.draw(&Text::new(
            self.title.to_owned(),
            (x + w as i32 + (10.0 * scale) as i32, y + h / 2),
            font(12.0, scale).pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_scales_hit_their_stops_and_clamp_outside() {
        assert_eq!(viridis(0.0), RGBColor(0x44, 0x01, 0x54));
        assert_eq!(viridis(1.0), RGBColor(0xFD, 0xE7, 0x25));
        assert_eq!(viridis(0.5), RGBColor(0x21, 0x91, 0x8C));
        assert_eq!(strength(-3.0), strength(0.0));
        assert_eq!(strength(7.0), RGBColor(0x08, 0x1D, 0x58));
        assert_eq!(strength(f64::NAN), strength(0.0));
        assert_eq!(value_colour(None), GREY);
    }

    #[test]
    fn ticks_never_read_minus_zero() {
        assert_eq!(relevance_tick(&-1e-12), "0.00");
        assert_eq!(signed(-0.001), "0");
        assert_eq!(signed(-0.25), "-0.25");
        assert_eq!(german_tick(-1e-9), "0");
        assert_eq!(german_tick(0.1 + 0.2), "0,3");
        assert_eq!(german_tick(-2.5), "-2,5");
        assert_eq!(german_tick(40.0), "40");
    }

    #[test]
    fn a_legend_goes_to_the_corner_with_the_fewest_points() {
        let corner = |points: &[(f64, f64)]| {
            format!(
                "{:?}",
                emptiest_corner(points.iter().copied(), (0.0, 10.0), (0.0, 1.0))
            )
        };
        // Survival falling from the upper left to the lower right: the lower left is empty.
        assert_eq!(corner(&[(1.0, 0.9), (5.0, 0.6), (9.0, 0.2)]), "LowerLeft");
        // Survival rising to the right: the lower left holds points, the lower right not.
        assert_eq!(corner(&[(1.0, 0.2), (3.0, 0.3), (9.0, 0.9)]), "LowerRight");
        // Low survival throughout: an upper corner.
        assert_eq!(
            corner(&[(1.0, 0.1), (9.0, 0.2), (f64::NAN, 0.9)]),
            "UpperLeft"
        );
        assert_eq!(corner(&[]), "LowerLeft");
    }

    #[test]
    fn bar_ranges_contain_zero_and_skip_non_finite_ends() {
        let (lo, hi) = bar_range([0.5, 1.0, f64::NAN, f64::INFINITY].into_iter());
        assert!(lo < 0.0 && hi > 1.0 && hi.is_finite());
        assert_eq!(finite_extent([f64::NAN].into_iter()), None);
        assert_eq!(padded(f64::NAN, 1.0, 0.05), (-1.0, 1.0));
    }
}
