//! Small reads of the browser shared by the views: one home each, so a view never grows
//! its own copy.

use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::Event;

/// `performance.now()` in milliseconds (0 where the browser has no clock).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The value of the `<select>` that fired `e` (`None` when another element fired it).
pub fn select_value(e: &Event) -> Option<String> {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
}
