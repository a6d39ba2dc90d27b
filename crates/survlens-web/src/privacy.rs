//! Keeps patient data in the tab: once the page's own code is loaded, no connection to any
//! host is allowed any more.

/// Adds a second content security policy, `connect-src 'none'`, to the document. Browsers
/// enforce every policy present, so from now on the page's `fetch`, XHR, WebSocket and
/// beacons are refused whatever their target.
///
/// Call it once the web worker has answered: the worker is started from a `blob:` URL and
/// inherits the document's policy as it was at its creation, and it must still fetch its
/// own WebAssembly module from the page's origin (the first policy, in index.html, allows
/// exactly that). Calling it again does nothing.
pub fn forbid_connections() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(Some(_)) = document.query_selector("meta[data-survlens=\"no-connections\"]") {
        return;
    }
    let (Ok(meta), Some(head)) = (document.create_element("meta"), document.head()) else {
        return;
    };
    // Failures here leave the first policy in force; they are not worth killing the page.
    let _ = meta.set_attribute("http-equiv", "Content-Security-Policy");
    let _ = meta.set_attribute("content", "connect-src 'none'");
    let _ = meta.set_attribute("data-survlens", "no-connections");
    let _ = head.append_child(&meta);
}
