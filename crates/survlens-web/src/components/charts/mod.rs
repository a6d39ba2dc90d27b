//! Charts: every chart is a plain value implementing [`Chart`], drawn by plotters on any
//! backend, so the same code paints the canvas on the page and writes the SVG the user
//! downloads. [`ChartView`] adds the caption, the export buttons and the table alternative.

pub mod beeswarm;
pub mod calibration;
pub mod dependence;
pub mod fidelity;
pub mod heatmap;
pub mod importance;
pub mod interaction_pair;
pub mod km;
pub mod model_deletion;
pub mod model_methods;
pub mod survival_curve;
pub mod training;
pub mod waterfall;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

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
/// Light grid lines.
pub const GRID: RGBColor = RGBColor(0xE3, 0xE7, 0xEB);
/// Colours for series in order (Okabe-Ito, colour-blind safe).
pub const SERIES: [RGBColor; 6] = [GREEN, ORANGE, RAISES, LOWERS, PURPLE, SKY];

/// A chart: data plus how to draw it.
pub trait Chart: PartialEq + Clone + 'static {
    /// Height in CSS pixels for a given width.
    fn height(&self, width: f64) -> f64;

    /// Draws on `root`. `scale` multiplies every size given in CSS pixels (the device pixel
    /// ratio on a canvas, 1 in SVG).
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), String>;

    /// File name for downloads, without extension.
    fn file_stem(&self) -> String;
}

/// A font of `size` CSS pixels.
pub fn font(size: f64, scale: f64) -> TextStyle<'static> {
    ("sans-serif", size * scale).into_font().color(&INK)
}

/// Axis label of a relevance tick: two decimals, and ticks near 0 print as "0.00", never
/// "-0.00".
pub fn relevance_tick(v: &f64) -> String {
    format!("{:.2}", if v.abs() < 1e-9 { 0.0 } else { *v })
}

/// Labels the integer ticks of a categorical axis (level `k` at `x = k`) with their level
/// names, cut to 16 characters; every other tick stays blank.
pub fn level_ticks(levels: Vec<String>) -> impl Fn(&f64) -> String {
    move |x: &f64| {
        let k = x.round();
        if (x - k).abs() < 1e-6 && k >= 0.0 {
            levels
                .get(k as usize)
                .map_or_else(String::new, |l| heatmap::clip(l, 16))
        } else {
            String::new()
        }
    }
}

/// Maps any plotters error to a message.
pub fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

#[derive(Properties, PartialEq)]
pub struct ChartProps<C: Chart> {
    /// The chart.
    pub chart: C,
    /// What the chart shows, in one or two sentences (shown above it).
    pub caption: AttrValue,
    /// Text alternative for screen readers (short).
    pub alt: AttrValue,
    /// `data-testid` of the canvas.
    #[prop_or_default]
    pub testid: AttrValue,
    /// The chart's numbers as a table (shown in a disclosure under the chart).
    #[prop_or_default]
    pub children: Html,
}

/// A chart on a canvas with its caption, PNG and SVG downloads, and its numbers as a table.
#[function_component]
pub fn ChartView<C: Chart>(props: &ChartProps<C>) -> Html {
    let canvas = use_node_ref();
    let failure = use_state(|| None::<String>);
    {
        let canvas = canvas.clone();
        let failure = failure.setter();
        use_effect_with(props.chart.clone(), move |chart| {
            if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                failure.set(paint(&el, chart).err());
            }
        });
    }
    let png = {
        let canvas = canvas.clone();
        let stem = props.chart.file_stem();
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = canvas.cast::<HtmlCanvasElement>()
                && let Ok(url) = el.to_data_url()
            {
                download(&url, &format!("{stem}.png"));
            }
        })
    };
    let svg = {
        let chart = props.chart.clone();
        let failure = failure.setter();
        Callback::from(move |_: MouseEvent| match render_svg(&chart) {
            Ok(text) => {
                if let Err(e) = download_text(
                    &text,
                    "image/svg+xml",
                    &format!("{}.svg", chart.file_stem()),
                ) {
                    failure.set(Some(e));
                }
            }
            Err(e) => failure.set(Some(e)),
        })
    };
    html! {
        <figure class="chart-figure">
            <figcaption class="caption">{ props.caption.clone() }</figcaption>
            <canvas ref={canvas} class="chart" role="img" aria-label={props.alt.clone()} data-testid={props.testid.clone()}></canvas>
            if let Some(e) = &*failure {
                <p class="error" role="alert">{ format!("The chart could not be drawn: {e}. The table has the same numbers.") }</p>
            }
            <div class="chart-tools">
                <button type="button" class="link" onclick={png}>{ "Download PNG" }</button>
                <button type="button" class="link" onclick={svg}>{ "Download SVG" }</button>
            </div>
            if props.children != Html::default() {
                <details>
                    <summary>{ "Numbers as a table" }</summary>
                    { props.children.clone() }
                </details>
            }
        </figure>
    }
}

/// Paints `chart` on `canvas`, sized from the canvas's CSS width and the device pixel ratio.
fn paint<C: Chart>(canvas: &HtmlCanvasElement, chart: &C) -> Result<(), String> {
    let ratio = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    let width = f64::from(canvas.client_width().max(320));
    let height = chart.height(width);
    canvas.set_width((width * ratio) as u32);
    canvas.set_height((height * ratio) as u32);
    canvas
        .set_attribute("style", &format!("height: {height}px"))
        .map_err(|_| "the canvas refused its size".to_owned())?;
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| "this browser gives no 2D canvas".to_owned())?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(err)?;
    chart.draw(&root, ratio)?;
    root.present().map_err(err)
}

/// The chart as an SVG document, 900 CSS pixels wide.
pub fn render_svg<C: Chart>(chart: &C) -> Result<String, String> {
    let width = 900.0;
    let height = chart.height(width);
    let mut text = String::new();
    {
        let root =
            SVGBackend::with_string(&mut text, (width as u32, height as u32)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        chart.draw(&root, 1.0)?;
        root.present().map_err(err)?;
    }
    Ok(text)
}

/// Saves `url` (a data: or blob: URL made in this tab) under `file_name`.
fn download(url: &str, file_name: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(anchor) = document.create_element("a") else {
        return;
    };
    let Ok(anchor) = anchor.dyn_into::<web_sys::HtmlAnchorElement>() else {
        return;
    };
    anchor.set_href(url);
    anchor.set_download(file_name);
    anchor.click();
}

/// Saves `text` as a file of type `mime`, through a blob URL (`gloo::file::ObjectUrl`,
/// revoked when it is dropped, after the click has started the download). The blob is made
/// here rather than with `gloo::file::Blob`, which throws where the browser cannot hold
/// the file; this says so instead.
pub fn download_text(text: &str, mime: &str, file_name: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not hold the file".to_owned())?;
    let url = gloo::file::ObjectUrl::from(blob);
    download(&url, file_name);
    Ok(())
}
