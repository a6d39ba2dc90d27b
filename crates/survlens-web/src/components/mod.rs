//! The page's components. Each one renders a view-model value from `survlens-app`.

pub mod charts;
mod cohort_view;
mod data_mapping;
mod data_panel;
mod data_problems;
pub(crate) mod dom;
mod fhir_report;
mod interactions_view;
mod job_panel;
mod markers_view;
mod model_view;
mod new_patient;
mod patient_compare;
mod patient_list;
mod patient_over_time;
mod patient_stability;
mod patient_view;
mod patient_whatif;
mod teaching_view;

use std::rc::Rc;

use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::job::protocol::{Failure, Request, Response, WorkerFault};
use survlens_app::job::state::{Action, AppState, JobStatus, SessionRef, ViewAnswers};
use survlens_app::job::views::{Export, ViewRequest};
use survlens_app::sources::data_source::{BundledCohort, without_test_hooks};
use survlens_app::sources::spec::JobSpec;
use survlens_app::views::whatif::Edits;
use yew::prelude::*;
use yew_agent::reactor::{ReactorEvent, ReactorProvider, use_reactor_bridge};
use yew_router::prelude::*;

use crate::agent::JobWorker;
use job_panel::JobPanel;
use patient_list::PatientList;

/// The page's views. URLs name a view only, never a patient or any value: the fragment
/// router keeps everything after `#` in the tab.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Routable)]
pub enum Route {
    /// One patient's risk and explanation.
    #[at("/")]
    Patient,
    /// Cohort overview: survival by risk group, discrimination.
    #[at("/cohort")]
    Cohort,
    /// Key markers, beeswarm, dependence, entity heatmap.
    #[at("/markers")]
    Markers,
    /// Prognostic interactions.
    #[at("/interactions")]
    Interactions,
    /// Training, validation and calibration.
    #[at("/model")]
    Model,
    /// The planted truth beside the explanation.
    #[at("/teaching")]
    Teaching,
    /// Anything else.
    #[not_found]
    #[at("/404")]
    NotFound,
}

impl Route {
    /// The views in navigation order with their labels' message keys.
    pub const NAV: [(Route, &'static str); 6] = [
        (Route::Patient, "nav-patient"),
        (Route::Cohort, "nav-cohort"),
        (Route::Markers, "nav-markers"),
        (Route::Interactions, "nav-interactions"),
        (Route::Model, "nav-model"),
        (Route::Teaching, "nav-teaching"),
    ];
}

/// The page's language and how to change it, for every component
/// ([`survlens_app::core::i18n`]).
#[derive(Clone, PartialEq)]
pub struct Language {
    /// The language on screen.
    pub lang: Lang,
    /// Changes it.
    pub set: Callback<Lang>,
}

/// The page's language.
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Language>()
        .map(|l| l.lang)
        .unwrap_or_default()
}

/// The language the page opens in: the address's `?lang=`, then the browser's preferred
/// languages, then English ([`Lang::choose`]).
fn opening_language() -> Lang {
    let preferred: Vec<String> = web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        })
        .unwrap_or_default();
    Lang::choose(&address_search(), preferred.iter().map(String::as_str))
}

/// What every view receives: the summary of the explained cohort (the cohort itself stays in
/// the worker), the selected patient, and the data the worker computed for the views (a view
/// asks for what it lacks with `ask`).
#[derive(Properties, PartialEq, Clone)]
pub struct ViewProps {
    /// The explained cohort's summary.
    pub session: SessionRef,
    /// Index of the selected patient.
    pub selected: usize,
    /// Selects another patient.
    pub on_select: Callback<usize>,
    /// Generation of the cohort on screen (`AppState::generation`).
    pub generation: u64,
    /// The worker's answers about it.
    pub answers: Rc<ViewAnswers>,
    /// Asks the worker for a view's data about the cohort on screen.
    pub ask: Callback<ViewRequest>,
    /// Whether the interaction search of the cohort on screen has ended.
    pub interactions_found: bool,
    /// Asks the worker for a file made from the cohort on screen, which the page saves.
    pub save: Callback<Export>,
    /// Why the last file asked for could not be made.
    pub export_failure: Option<(Export, Failure)>,
    /// A new patient typed in, shown by the Patient view instead of the selected patient.
    pub new_patient: Option<Edits>,
}

/// Asks the worker for each of `requests` it has not yet answered about the cohort on
/// screen in the page's language, whenever the cohort, the requests, the language or the
/// state of the interaction search change.
#[hook]
pub fn use_ask(props: &ViewProps, requests: Vec<ViewRequest>) {
    let (ask, answers) = (props.ask.clone(), props.answers.clone());
    let lang = use_lang();
    // The answers that depend on the interaction search are dropped when it ends: asked again.
    use_effect_with(
        (props.generation, props.interactions_found, lang, requests),
        move |(_, _, lang, requests)| {
            let lang = *lang;
            for request in requests {
                // An answer in the language the page left is shown until its translation
                // comes, but asked again.
                if !answers.get(request).is_some_and(|a| a.lang == lang) {
                    ask.emit(request.clone());
                }
            }
        },
    );
}

/// The reducer store: `survlens_app::job::state::AppState` behind Yew's `Reducible`.
#[derive(Clone, Debug, PartialEq, Default)]
struct Store(AppState);

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Store(self.0.reduce(action)))
    }
}

/// The root component: the worker provider around the page, and what the page says when
/// its worker stops.
///
/// A new worker cannot be started in this tab: once the first worker has loaded, the page
/// forbids every connection ([`crate::privacy`]), and a worker must fetch its WebAssembly
/// module. So a stopped worker is restarted by loading the page again, which runs the
/// address's job afresh (a user's own file is opened again from the Data panel).
#[function_component]
pub fn App() -> Html {
    let fault = use_state(|| None::<WorkerFault>);
    let lang = use_state(opening_language);
    {
        // Screen readers and hyphenation read the document's language.
        use_effect_with(*lang, |lang| {
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("lang", lang.tag());
            }
        });
    }
    let language = Language {
        lang: *lang,
        set: {
            let lang = lang.clone();
            Callback::from(move |l: Lang| lang.set(l))
        },
    };
    {
        let fault = fault.clone();
        use_effect_with((), move |_| {
            let listener = crate::fault::listen(move |f| fault.set(Some(f)));
            move || drop(listener)
        });
    }
    let restart = Callback::from(|_: MouseEvent| {
        if let Some(location) = web_sys::window().map(|w| w.location()) {
            let hash = location.hash().unwrap_or_default();
            let search = without_test_hooks(&address_search());
            let _ = location.replace(&format!("/{search}{hash}"));
        }
    });
    html! {
        <ContextProvider<Language> context={language}>
        if let Some(f) = &*fault {
            <section class="panel worker-fault" role="alert" data-testid="worker-fault" aria-labelledby="fault-heading">
                <h2 id="fault-heading">{ lang.t("fault-heading") }</h2>
                <p>{ f.sentence() }</p>
                <p>{ f.advice() }</p>
                <button type="button" onclick={restart} data-testid="restart-worker">{ lang.t("fault-restart") }</button>
            </section>
        }
        <ReactorProvider<JobWorker> path="/worker.js">
            <HashRouter>
                <Page stopped={fault.is_some()} />
            </HashRouter>
        </ReactorProvider<JobWorker>>
        </ContextProvider<Language>>
    }
}

#[function_component]
fn Nav() -> Html {
    let current = use_route::<Route>().unwrap_or(Route::Patient);
    let lang = use_lang();
    html! {
        <nav class="views" aria-label={lang.t("nav-label")}>
            <ul>
            { for Route::NAV.iter().map(|(route, key)| {
                let here = *route == current;
                html! {
                    <li>
                        <Link<Route> to={*route} classes={classes!(here.then_some("current"))}>
                            <span aria-current={here.then_some("page")}>{ lang.t(key) }</span>
                        </Link<Route>>
                    </li>
                }
            }) }
            </ul>
        </nav>
    }
}

/// The header's choice of language, each named in itself.
#[function_component]
fn LanguageSwitch() -> Html {
    let Some(language) = use_context::<Language>() else {
        return Html::default();
    };
    let onchange = {
        let set = language.set.clone();
        Callback::from(move |e: Event| {
            let tag = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            if let Some(lang) = Lang::from_tag(&tag) {
                set.emit(lang);
            }
        })
    };
    html! {
        <label class="language">
            <span>{ language.lang.t("language-label") }</span>
            <select data-testid="language" {onchange}>
            { for Lang::ALL.iter().map(|l| html! {
                <option value={l.tag()} lang={l.tag()} selected={*l == language.lang}>{ l.name() }</option>
            }) }
            </select>
        </label>
    }
}

#[derive(Properties, PartialEq)]
struct PageProps {
    /// Whether the worker stopped: its job is over, whatever it last reported.
    stopped: bool,
}

#[function_component]
fn Page(props: &PageProps) -> Html {
    let store = use_reducer(Store::default);
    let bridge = {
        let dispatch = store.dispatcher();
        use_reactor_bridge::<JobWorker, _>(move |event| {
            if let ReactorEvent::Output(response) = event {
                // The worker has loaded its module: nothing needs the network any more.
                crate::privacy::forbid_connections();
                if let Response::Saved { file: Ok(file), .. } = &response {
                    // Made in the worker and kept in this tab: only its address crossed.
                    charts::download(&file.url, &file.name);
                }
                dispatch.dispatch(Action::Worker(response));
            }
        })
    };
    let file_opened = {
        let dispatch = store.dispatcher();
        Callback::from(move |()| dispatch.dispatch(Action::FileOpened))
    };
    let lang = use_lang();
    // The language the worker was last told: it speaks the page's language, told before the
    // opening job starts, at every switch and before any request asked in a language it was
    // not told yet (the views ask again for what they show after a switch).
    let told = use_mut_ref(|| None::<Lang>);
    let tell = {
        let (bridge, told) = (bridge.clone(), told.clone());
        move |lang: Lang| {
            if told.replace(Some(lang)) != Some(lang) {
                bridge.send(Request::Language(lang));
            }
        }
    };
    {
        let (tell, dispatch) = (tell.clone(), store.dispatcher());
        use_effect_with(lang, move |lang| {
            tell(*lang);
            dispatch.dispatch(Action::Language(*lang));
        });
    }
    let run = {
        let bridge = bridge.clone();
        let dispatch = store.dispatcher();
        Callback::from(move |spec: JobSpec| {
            dispatch.dispatch(Action::JobStarted);
            bridge.send(Request::Run(spec));
        })
    };
    {
        // Open on the default model's cohort, or on what the address names
        // (`?cohort=teaching`, `?patients=100000`): start it once, on first render.
        let (run, bridge) = (run.clone(), bridge.clone());
        use_effect_with((), move |_| {
            // The pool first, so the members load while the job starts.
            let search = address_search();
            let cores = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency());
            bridge.send(Request::Pool {
                workers: survlens_app::job::pool::workers(&search, cores),
                member_fault: search.contains("pool-fault=panic"),
            });
            run.emit(opening_job());
            // The end-to-end tests' hook: the worker fails on purpose.
            if address_search().contains("worker-fault=panic") {
                bridge.send(Request::Crash);
            }
        });
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
    let route = use_route::<Route>().unwrap_or(Route::Patient);
    {
        // The opening is over once the whole cohort is on screen with the worker's first
        // answers about it (the Patient view's: its patient list), or once nothing more will
        // come of it (the job failed, was cancelled or refused its input; the worker stopped).
        let whole = state
            .session
            .as_ref()
            .is_some_and(|s| s.first_look_of.is_none());
        let answered = match route {
            Route::Patient => state
                .views
                .current_or_last(&ViewRequest::PatientList {
                    query: String::new(),
                })
                .is_some(),
            _ => !state.views.is_empty(),
        };
        let over = props.stopped
            || state.problems.is_some()
            || matches!(state.job, JobStatus::Failed(_) | JobStatus::Cancelled)
            || whole && answered;
        use_effect_with(over, |&over| {
            if over {
                announce_opened();
            }
        });
    }
    let ask = {
        let (bridge, tell) = (bridge.clone(), tell.clone());
        let generation = state.generation;
        Callback::from(move |request: ViewRequest| {
            tell(lang);
            bridge.send(Request::View {
                generation,
                request,
            });
        })
    };
    let save = {
        let bridge = bridge.clone();
        let generation = state.generation;
        Callback::from(move |export: Export| {
            bridge.send(Request::Export { generation, export });
        })
    };
    // The words follow the cohort on screen; before the first one, nothing is said about
    // what it is about.
    let kind = state
        .session
        .as_ref()
        .map(|s| s.kind.clone())
        .unwrap_or_default();
    let tagline = kind.tagline(lang);
    let synthetic_note = kind.synthetic_note(lang);

    html! {
        <>
        <header class="masthead">
            <div class="brand">
                <h1>{ "survlens" }</h1>
                <p class="tagline" data-testid="tagline">{ tagline }</p>
            </div>
            <div class="masthead-side">
                <p class="privacy" role="note">{ lang.t("page-privacy") }</p>
                <LanguageSwitch />
            </div>
        </header>
        <Nav />
        <main>
            <data_panel::DataPanel current={state.session.as_ref().map(|s| AttrValue::from(s.title.text(lang)))}
                problems={state.problems.clone()} session={state.session.clone()} on_run={run.clone()}
                on_file_opened={file_opened} on_save={save.clone()} export_failure={state.export_failure.clone()}
                fhir_report={state.fhir_report.clone()} />
            if !props.stopped {
                <JobPanel job={state.job.clone()} on_cancel={cancel} on_rerun={run} />
            }
            if let Some(session) = state.session.clone() {
                { view(lang, route, ViewProps {
                    session,
                    selected: state.selected,
                    on_select: select,
                    generation: state.generation,
                    answers: state.views.clone(),
                    ask,
                    interactions_found: state.interactions_found,
                    save: save.clone(),
                    export_failure: state.export_failure.clone(),
                    new_patient: None,
                }, &state.query, search) }
            }
        </main>
        <footer>
            <p>
                { lang.t("page-footer") }
                if let Some(note) = synthetic_note { { " " }{ note } }
            </p>
        </footer>
        </>
    }
}

/// Tells index.html that the page's opening is over (the `survlens-opened` event), so that
/// the service worker's download of the build for offline use starts only now instead of
/// competing with the opening for the network, the disk and the cores. Telling it again does
/// nothing.
fn announce_opened() {
    if let (Some(window), Ok(event)) = (web_sys::window(), Event::new("survlens-opened")) {
        let _ = window.dispatch_event(&event);
    }
}

/// The job the page opens on ([`BundledCohort::opening_job`] of the address).
fn opening_job() -> JobSpec {
    BundledCohort::opening_job(&address_search())
}

/// The query part of the page's address (`?cohort=teaching`).
fn address_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The component of `route`. The patient picker accompanies the views about one patient.
fn view(
    lang: Lang,
    route: Route,
    props: ViewProps,
    query: &str,
    on_search: Callback<String>,
) -> Html {
    if let Some(of) = props.session.first_look_of {
        return first_look(lang, route, props, of);
    }
    let picker = html! {
        <PatientList view={props.clone()} query={query.to_owned()} on_search={on_search} />
    };
    match route {
        Route::Patient | Route::NotFound => html! {
            <div class="workspace">{ picker }<new_patient::NewPatientSwitch ..props /></div>
        },
        Route::Teaching => html! {
            <div class="workspace">{ picker }<teaching_view::TeachingView ..props /></div>
        },
        Route::Cohort => html! { <cohort_view::CohortView ..props /> },
        Route::Markers => html! { <markers_view::MarkersView ..props /> },
        Route::Interactions => html! { <interactions_view::InteractionsView ..props /> },
        // Every figure of the model view (held-out C, Brier score, calibration) compares
        // predictions with outcomes: a file without them gets the reason instead.
        Route::Model => {
            match (!props.session.has_outcomes).then(|| lang.t("ui-no-outcomes-model-note")) {
                Some(note) => no_outcomes_panel(lang, &lang.t("nav-model"), &note, &props.session),
                None => html! { <model_view::ModelView ..props /> },
            }
        }
    }
}

/// The page during a first look: the Patient view shows the cohort's first patient; the
/// views about the cohort say what they wait for.
fn first_look(lang: Lang, route: Route, props: ViewProps, of: usize) -> Html {
    let patients = Arg::Count(of as u64);
    let waiting = html! {
        <aside class="panel first-look" data-testid="first-look" aria-label={lang.t("ui-first-look-label")}>
            <p>{ lang.t_with("ui-first-look-first", &[("patients", patients)]) }</p>
            <p class="muted">{ lang.t("ui-first-look-rest") }</p>
        </aside>
    };
    match route {
        Route::Patient | Route::NotFound => html! {
            <div class="workspace">{ waiting }<patient_view::PatientPanel ..props /></div>
        },
        _ => {
            let name = Route::NAV
                .iter()
                .find(|(r, _)| *r == route)
                .map_or_else(String::new, |(_, key)| lang.t(key));
            html! {
                <section class="panel first-look" data-testid="first-look" aria-labelledby="first-look-heading">
                    <h2 id="first-look-heading">{ lang.t_with("ui-first-look-heading", &[("view", Arg::Text(&name))]) }</h2>
                    <p>{ lang.t_with("ui-first-look-view", &[("patients", patients)]) }</p>
                </section>
            }
        }
    }
}

/// What a view that needs outcomes shows for a file without them: the reason, and where
/// the model's own figures are.
fn no_outcomes_panel(lang: Lang, view: &str, note: &str, session: &SessionRef) -> Html {
    html! {
        <section class="panel no-outcomes" data-testid="no-outcomes" aria-labelledby="no-outcomes-heading">
            <h2 id="no-outcomes-heading">{ lang.t_with("ui-no-outcomes-heading", &[("view", Arg::Text(view))]) }</h2>
            <p>{ note.to_owned() }</p>
            <p class="muted">{ session.origin.sentence_in(lang) }</p>
            <p class="muted">{ lang.t("ui-no-outcomes-other-views") }</p>
        </section>
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
