//! Small reads of the browser shared by the views: one home each, so a view never grows
//! its own copy.

use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::Event;

/// `performance.now()` in milliseconds, on the page and in the worker alike (both globals
/// have a `performance`), with its sub-millisecond resolution; the date's milliseconds
/// where there is none.
pub fn now_ms() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// `text` as a browser `Blob` of type `mime`, or a sentence where the browser cannot hold
/// it (made with web-sys rather than `gloo::file::Blob`, which throws then).
pub fn text_blob(text: &str, mime: &str) -> Result<web_sys::Blob, String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not hold the file".to_owned())
}

/// The value of the `<select>` that fired `e` (`None` when another element fired it).
pub fn select_value(e: &Event) -> Option<String> {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
}
