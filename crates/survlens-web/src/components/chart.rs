//! Charts drawn with plotters on a `<canvas>`. Every chart has a text alternative in the
//! component that uses it; the canvas itself is `aria-hidden`.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use survlens_app::patient::{Contribution, Direction};
use web_sys::HtmlCanvasElement;

/// Okabe-Ito vermillion: raises risk.
pub const RAISES: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Okabe-Ito blue: lowers risk.
pub const LOWERS: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Neutral grey for the "all other markers" bar.
const OTHERS: RGBColor = RGBColor(0x8A, 0x8A, 0x8A);
const INK: RGBColor = RGBColor(0x1F, 0x24, 0x2B);

/// Horizontal bars of the largest contributions, largest at the top, and one bar for all
/// other markers.
///
/// The canvas's pixel size is set from its CSS size times the device pixel ratio so the
/// chart is sharp on high-density screens.
pub fn draw_contributions(
    canvas: HtmlCanvasElement,
    bars: &[Contribution],
    others: f32,
    n_others: usize,
) -> Result<(), String> {
    let ratio = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    let css_width = f64::from(canvas.client_width().max(320));
    let rows = bars.len() + usize::from(n_others > 0);
    let css_height = 34.0 * rows as f64 + 48.0;
    canvas.set_width((css_width * ratio) as u32);
    canvas.set_height((css_height * ratio) as u32);
    let _ = canvas.set_attribute("style", &format!("height: {css_height}px"));

    let backend = CanvasBackend::with_canvas_object(canvas)
        .ok_or_else(|| "this browser gives no 2D canvas".to_owned())?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;

    let mut labels: Vec<(String, f32, RGBColor)> = bars
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
    if n_others > 0 {
        labels.push((format!("{n_others} other markers"), others, OTHERS));
    }
    let extent = labels
        .iter()
        .map(|(_, r, _)| r.abs())
        .fold(0.0f32, f32::max)
        .max(1e-3)
        * 1.1;
    let scale = ratio as f32;
    let label_px = (css_width * 0.42 * ratio) as u32;
    let font = ("sans-serif", 13.0 * scale).into_font().color(&INK);

    let mut chart = ChartBuilder::on(&root)
        .margin((8.0 * scale) as u32)
        .x_label_area_size((42.0 * scale) as u32)
        .y_label_area_size(label_px)
        .build_cartesian_2d(-extent..extent, 0f32..rows as f32)
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .x_labels(7)
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(0xE3, 0xE7, 0xEB).stroke_width(1))
        .x_desc("contribution to log-risk (relevance)")
        .label_style(font.clone())
        .axis_desc_style(font.clone())
        .draw()
        .map_err(|e| e.to_string())?;

    // Row 0 at the top: y grows upwards in chart coordinates, so flip.
    let top = rows as f32;
    chart
        .draw_series(labels.iter().enumerate().map(|(i, (_, r, colour))| {
            let y0 = top - i as f32 - 0.82;
            let y1 = top - i as f32 - 0.18;
            Rectangle::new([(0.0, y0), (*r, y1)], colour.filled())
        }))
        .map_err(|e| e.to_string())?;
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(0.0, 0.0), (0.0, top)],
            INK.stroke_width(1),
        )))
        .map_err(|e| e.to_string())?;

    let text_x = (8.0 * scale) as i32;
    for (i, (label, _, _)) in labels.iter().enumerate() {
        let (_, y) = chart.backend_coord(&(0.0, top - i as f32 - 0.5));
        root.draw(&Text::new(
            label.clone(),
            (text_x, y - (7.0 * scale) as i32),
            font.clone(),
        ))
        .map_err(|e| e.to_string())?;
    }
    root.present().map_err(|e| e.to_string())
}
