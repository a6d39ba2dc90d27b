//! Worker faults. A worker that panics, or whose WebAssembly instance traps (most often when
//! it runs out of memory), reports it on a `BroadcastChannel` before it goes: the message
//! channel to the page may be what failed, and a trapped instance cannot answer. The page
//! listens on the same channel ([`listen`]) and offers to start a new worker.

use std::sync::atomic::{AtomicBool, Ordering};

use survlens_app::job::protocol::WorkerFault;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Whether this worker has reported its fault already (a panic is followed by its trap).
static REPORTED: AtomicBool = AtomicBool::new(false);

/// In the worker: reports a panic, an uncaught error and an unhandled rejection (how a trap
/// surfaces from a message handler or a future) on the fault channel, then closes the
/// worker so that its memory is released.
pub fn install_in_worker() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        report(info.to_string(), true);
    }));
    let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() else {
        return;
    };
    let on_error = Closure::<dyn Fn(JsValue)>::new(|event: JsValue| {
        let what = if let Some(e) = event.dyn_ref::<web_sys::ErrorEvent>() {
            e.message()
        } else if let Some(e) = event.dyn_ref::<web_sys::PromiseRejectionEvent>() {
            let reason = e.reason();
            reason
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.to_string()))
                .or_else(|| reason.as_string())
                .unwrap_or_else(|| "an unhandled rejection".to_owned())
        } else {
            "the worker stopped".to_owned()
        };
        report(what, false);
    });
    for kind in ["error", "unhandledrejection"] {
        let _ = scope.add_event_listener_with_callback(kind, on_error.as_ref().unchecked_ref());
    }
    on_error.forget();
}

/// This instance's WebAssembly memory, in bytes (NaN where it cannot be read).
pub fn memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| {
            f64::from(
                m.buffer()
                    .unchecked_into::<js_sys::ArrayBuffer>()
                    .byte_length(),
            )
        })
        .unwrap_or(f64::NAN)
}

/// Sends the fault on the channel once, then closes the worker.
fn report(what: String, panicked: bool) {
    if REPORTED.swap(true, Ordering::SeqCst) {
        return;
    }
    let memory_bytes = memory_bytes();
    let fault = WorkerFault {
        what,
        panicked,
        memory_bytes,
    };
    if let Ok(channel) = web_sys::BroadcastChannel::new(WorkerFault::CHANNEL) {
        let _ = channel.post_message(&JsValue::from_str(&fault.to_message()));
        channel.close();
    }
    if let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() {
        scope.close();
    }
}

/// On the page: calls `on_fault` with every fault a worker reports. The listener lives as
/// long as the returned channel.
pub fn listen(on_fault: impl Fn(WorkerFault) + 'static) -> Option<Listener> {
    let channel = web_sys::BroadcastChannel::new(WorkerFault::CHANNEL).ok()?;
    let handler =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            on_fault(WorkerFault::from_message(&text));
        });
    channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    Some(Listener {
        channel,
        _handler: handler,
    })
}

/// The page's end of the fault channel; dropping it stops listening.
pub struct Listener {
    channel: web_sys::BroadcastChannel,
    _handler: Closure<dyn Fn(web_sys::MessageEvent)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}
