//! The page's components. Each one renders a view-model value from `survlens-app`.

mod chart;
mod job_panel;
mod patient_list;
mod patient_view;

use std::rc::Rc;

use survlens_app::pipeline::DemoSpec;
use survlens_app::protocol::Request;
use survlens_app::state::{Action, AppState};
use yew::prelude::*;
use yew_agent::reactor::{ReactorEvent, ReactorProvider, use_reactor_bridge};

use crate::agent::DemoWorker;
use job_panel::JobPanel;
use patient_list::PatientList;
use patient_view::PatientPanel;

/// The reducer store: `survlens_app::state::AppState` behind Yew's `Reducible`.
#[derive(Clone, Debug, PartialEq, Default)]
struct Store(AppState);

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Store(self.0.reduce(action)))
    }
}

/// The root component: the worker provider around the page.
#[function_component]
pub fn App() -> Html {
    html! {
        <ReactorProvider<DemoWorker> path="/worker.js">
            <Page />
        </ReactorProvider<DemoWorker>>
    }
}

#[function_component]
fn Page() -> Html {
    let store = use_reducer(Store::default);
    let bridge = {
        let dispatch = store.dispatcher();
        use_reactor_bridge::<DemoWorker, _>(move |event| {
            if let ReactorEvent::Output(response) = event {
                // The worker has loaded its module: nothing needs the network any more.
                crate::privacy::forbid_connections();
                dispatch.dispatch(Action::Worker(response));
            }
        })
    };
    let run = {
        let bridge = bridge.clone();
        let dispatch = store.dispatcher();
        Callback::from(move |spec: DemoSpec| {
            dispatch.dispatch(Action::JobStarted);
            bridge.send(Request::RunDemo(spec));
        })
    };
    {
        // Open on the demo: start it once, on first render.
        let run = run.clone();
        use_effect_with((), move |_| run.emit(DemoSpec::default()));
    }
    let cancel = {
        let bridge = bridge.clone();
        Callback::from(move |_| bridge.send(Request::Cancel))
    };
    let select = {
        let dispatch = store.dispatcher();
        Callback::from(move |i: usize| dispatch.dispatch(Action::SelectPatient(i)))
    };
    let search = {
        let dispatch = store.dispatcher();
        Callback::from(move |q: String| dispatch.dispatch(Action::Search(q)))
    };
    let state = &store.0;

    html! {
        <>
        <header class="masthead">
            <div class="brand">
                <h1>{ "survlens" }</h1>
                <p class="tagline">{ "Explaining survival predictions in oncology, marker by marker" }</p>
            </div>
            <p class="privacy" role="note">
                { "Your data stays in this browser tab: nothing is uploaded, nothing is stored." }
            </p>
        </header>
        <main>
            <JobPanel job={state.job.clone()} on_cancel={cancel} on_rerun={run} />
            if let Some(session) = state.session.clone() {
                <div class="workspace">
                    <PatientList
                        session={session.clone()}
                        selected={state.selected}
                        query={state.query.clone()}
                        on_select={select}
                        on_search={search}
                    />
                    <PatientPanel session={session} index={state.selected} />
                </div>
            }
        </main>
        <footer>
            <p>
                { "survlens rebuilds the method of Keyl et al., Nature Cancer 2025: a deep Cox network predicts each patient's risk and layer-wise relevance propagation splits it into one contribution per marker. " }
                { "The demo cohort is synthetic: no real patient is shown." }
            </p>
        </footer>
        </>
    }
}

/// Replaces the page with an error panel and a reload button. Called from the panic hook,
/// when the app can no longer be trusted to render itself.
pub fn show_panic_panel(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    let Ok(panel) = document.create_element("div") else {
        return;
    };
    panel.set_class_name("panic-panel");
    let _ = panel.set_attribute("role", "alert");
    panel.set_inner_html(
        "<h2>survlens stopped after an unexpected error</h2>\
         <p>No data left this tab. Reloading starts the page afresh.</p>\
         <pre></pre><button type=\"button\" onclick=\"location.reload()\">Reload the page</button>",
    );
    if let Ok(Some(pre)) = panel.query_selector("pre") {
        pre.set_text_content(Some(message));
    }
    let _ = body.append_child(&panel);
}
