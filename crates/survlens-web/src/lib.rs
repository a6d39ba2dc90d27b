//! The survlens page: Yew components over the `survlens-app` view-model, and the web worker
//! that generates, trains and explains off the UI thread.
//!
//! This is the only crate that touches the browser. Components hold no logic beyond
//! wiring: what a view shows is computed by `survlens-app` and tested natively there.

pub mod agent;
mod components;
pub mod fault;
pub mod pool;
pub mod privacy;

/// The charts: plain values drawn by plotters, public so that native tests draw them into SVG.
pub use components::charts;

pub use components::App;

/// Mounts the page on `<body>` after installing the panic hook: an unexpected error shows a
/// panel with a reload button instead of a dead page.
///
/// The first render runs in a task of its own. The task that calls this function has just
/// instantiated the WebAssembly module; rendering in it as well made it the opening's
/// longest main-thread task.
pub fn start_app() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        components::show_panic_panel(&info.to_string());
    }));
    gloo::timers::callback::Timeout::new(0, || {
        yew::Renderer::<App>::new().render();
    })
    .forget();
}
