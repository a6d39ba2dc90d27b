//! Charts: every chart is a plain value implementing [`Chart`], drawn by plotters on any
//! backend, so the same code paints the canvas on the page and writes the SVG the user
//! downloads (and native tests read that SVG back). [`ChartView`] adds the caption, the
//! export buttons and the table alternative.
//!
//! Every chart draws its axes and legends through [`style`] (palette, grid, legends, colour
//! scales, ranges), and fails with a [`ChartError`]: data it cannot place (a value that is
//! not a number, lists of different lengths) is refused with the value named, and data with
//! nothing to show draws a sentence saying so instead of empty axes.

pub mod beeswarm;
pub mod calibration;
pub mod dependence;
pub mod error;
pub mod fidelity;
pub mod heatmap;
pub mod importance;
pub mod interaction_pair;
pub mod km;
pub mod marker_profile;
pub mod model_deletion;
pub mod model_methods;
pub mod over_time;
pub mod side_by_side;
pub mod style;
pub mod survival_curve;
pub mod training;
pub mod waterfall;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use survlens_app::core::i18n::{Arg, Lang};
use survlens_data::Describe;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

pub use error::ChartError;

/// A chart: data plus how to draw it.
pub trait Chart: PartialEq + Clone + 'static {
    /// Height in CSS pixels for a given width.
    fn height(&self, width: f64) -> f64;

    /// Draws on `root`. `scale` multiplies every size given in CSS pixels (the device pixel
    /// ratio on a canvas, 1 in SVG). Without data to show, draws a sentence saying so.
    ///
    /// # Errors
    /// [`ChartError::NotFinite`], [`ChartError::Shape`] or [`ChartError::Axis`] for data the
    /// chart cannot place, checked before anything is drawn; the backend's failures.
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), ChartError>;

    /// File name for downloads, without extension.
    fn file_stem(&self) -> String;

    /// What a click at (`x`, `y`) CSS pixels from the chart's top left corner points at, on
    /// a chart `width` CSS pixels wide drawn at [`Chart::height`]: an index the chart's
    /// owner understands (the waterfall: the marker of the row clicked). `None` where a
    /// click means nothing, and for every chart that offers no choice.
    fn pick(&self, _x: f64, _y: f64, _width: f64) -> Option<usize> {
        None
    }
}

/// What [`ChartView`] shows: the chart, its caption, its text alternative and its table.
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
    /// Called with what a click on the chart picks ([`Chart::pick`]), when the chart offers
    /// a choice by mouse (the same choice is always in its table too).
    #[prop_or_default]
    pub on_pick: Option<Callback<usize>>,
}

/// A chart on a canvas with its caption, PNG and SVG downloads, and its numbers as a table.
#[function_component]
pub fn ChartView<C: Chart>(props: &ChartProps<C>) -> Html {
    let lang = super::use_lang();
    let canvas = use_node_ref();
    // Set after every paint: only a change may render the chart again, or a chart that
    // compares unequal to itself would paint in a loop.
    let failure = use_state_eq(|| None::<Failure>);
    {
        let canvas = canvas.clone();
        let failure = failure.setter();
        use_effect_with(props.chart.clone(), move |chart| {
            if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                failure.set(paint(&el, chart).err().map(Failure::Chart));
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
                    failure.set(Some(Failure::Download(e)));
                }
            }
            Err(e) => failure.set(Some(Failure::Chart(e))),
        })
    };
    let on_click = props.on_pick.clone().map(|on_pick| {
        let (canvas, chart) = (canvas.clone(), props.chart.clone());
        Callback::from(move |e: MouseEvent| {
            let width = canvas
                .cast::<HtmlCanvasElement>()
                .map_or(0.0, |c| f64::from(c.client_width()));
            if let Some(k) = chart.pick(f64::from(e.offset_x()), f64::from(e.offset_y()), width) {
                on_pick.emit(k);
            }
        })
    });
    html! {
        <figure class="chart-figure">
            <figcaption class="caption">{ props.caption.clone() }</figcaption>
            <canvas ref={canvas} class={classes!("chart", on_click.is_some().then_some("pickable"))} role="img" aria-label={props.alt.clone()} data-testid={props.testid.clone()} onclick={on_click}></canvas>
            if let Some(e) = &*failure {
                <p class="error" role="alert">{ e.sentence(lang) }</p>
            }
            <div class="chart-tools">
                <button type="button" class="link" onclick={png}>{ lang.t("ui-chart-png") }</button>
                <button type="button" class="link" onclick={svg}>{ lang.t("ui-chart-svg") }</button>
            </div>
            if props.children != Html::default() {
                <details>
                    <summary>{ lang.t("ui-chart-table") }</summary>
                    { props.children.clone() }
                </details>
            }
        </figure>
    }
}

/// Why a chart shows no picture or its download failed.
#[derive(Clone, PartialEq)]
enum Failure {
    /// The chart could not be drawn.
    Chart(ChartError),
    /// The browser refused the download, in its words.
    Download(String),
}

impl Failure {
    /// The sentence under the chart, in `lang`: the error written in that language.
    fn sentence(&self, lang: Lang) -> String {
        let reason = match self {
            Self::Chart(e) => lang.message(&e.message()),
            Self::Download(text) => text.clone(),
        };
        lang.t_with("ui-chart-failed", &[("reason", Arg::Text(&reason))])
    }
}

/// Paints `chart` on `canvas`, sized from the canvas's CSS width and the device pixel ratio.
fn paint<C: Chart>(canvas: &HtmlCanvasElement, chart: &C) -> Result<(), ChartError> {
    let ratio = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    let width = f64::from(canvas.client_width().max(320));
    let height = chart.height(width);
    canvas.set_width((width * ratio) as u32);
    canvas.set_height((height * ratio) as u32);
    canvas
        .set_attribute("style", &format!("height: {height}px"))
        .map_err(|_| ChartError::CanvasSize)?;
    let backend =
        CanvasBackend::with_canvas_object(canvas.clone()).ok_or(ChartError::NoCanvas2d)?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE)?;
    chart.draw(&root, ratio)?;
    root.present()?;
    Ok(())
}

/// The chart as an SVG document, 900 CSS pixels wide.
///
/// # Errors
/// The chart's [`ChartError`] when it cannot be drawn.
pub fn render_svg<C: Chart>(chart: &C) -> Result<String, ChartError> {
    let width = 900.0;
    let height = chart.height(width);
    let mut text = String::new();
    {
        let root =
            SVGBackend::with_string(&mut text, (width as u32, height as u32)).into_drawing_area();
        root.fill(&WHITE)?;
        chart.draw(&root, 1.0)?;
        root.present()?;
    }
    Ok(text)
}

/// Saves `url` (a data: or blob: URL made in this tab) under `file_name`.
pub(crate) fn download(url: &str, file_name: &str) {
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
/// revoked when it is dropped, after the click has started the download).
pub fn download_text(text: &str, mime: &str, file_name: &str) -> Result<(), String> {
    let url = gloo::file::ObjectUrl::from(super::dom::text_blob(text, mime)?);
    download(&url, file_name);
    Ok(())
}
