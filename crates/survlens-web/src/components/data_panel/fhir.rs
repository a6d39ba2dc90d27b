//! The Data panel's FHIR section: one or several FHIR R4 files (a Bundle, bulk-export NDJSON,
//! NDJSON of Bundles; picker or drop) and an index date, explained by the page's default
//! model (or, from the Model section, by a model file). The files are read in this tab and
//! sent only to the page's own worker, which reads them and reports what mapped.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::{FileReader, read_as_bytes};
use survlens_app::core::i18n::Arg;
use survlens_app::sources::fhir_source::{FhirExport, FhirFile, index_date};
use survlens_app::sources::spec::ModelSource;
use survlens_data::Describe;
use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Starts the job that reads the export and explains it with the default model.
    pub on_run: Callback<survlens_app::sources::spec::JobSpec>,
    /// The export as chosen (files and index date), for the Model section; `None` when no
    /// file is open.
    pub on_change: Callback<Option<Rc<FhirExport>>>,
}

/// Files being read: each reader must live until its read finishes (dropping it cancels).
type PendingReads = Rc<RefCell<Vec<FileReader>>>;

/// The outcome of each file's read, in the order chosen; `None` while it is being read.
type ReadSlots = Rc<RefCell<Vec<Option<Result<FhirFile, String>>>>>;

/// Every file of a `FileList`.
fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

#[function_component]
pub fn FhirSection(props: &Props) -> Html {
    let lang = super::super::use_lang();
    let export = use_state(|| None::<Rc<FhirExport>>);
    let index_text = use_state(String::new);
    let reading = use_state(|| 0_usize);
    let read_error = use_state(|| None::<String>);
    let dragging = use_state(|| false);
    let pending: PendingReads = use_mut_ref(Vec::new);

    // Reads every chosen file, then hands the whole export on at once.
    let open = {
        let (export, index_text, reading, read_error, pending, on_change) = (
            export.clone(),
            index_text.clone(),
            reading.clone(),
            read_error.clone(),
            pending.clone(),
            props.on_change.clone(),
        );
        Callback::from(move |files: Vec<web_sys::File>| {
            if files.is_empty() {
                return;
            }
            let n = files.len();
            reading.set(n);
            read_error.set(None);
            let slots: ReadSlots = Rc::new(RefCell::new(vec![None; n]));
            let mut readers = Vec::with_capacity(n);
            for (k, file) in files.into_iter().enumerate() {
                let file = gloo::file::File::from(file);
                let name = file.name();
                let (slots, export, index_text, reading, read_error, on_change) = (
                    slots.clone(),
                    export.clone(),
                    index_text.clone(),
                    reading.clone(),
                    read_error.clone(),
                    on_change.clone(),
                );
                readers.push(read_as_bytes(&file, move |result| {
                    let got = result
                        .map(|bytes| FhirFile {
                            name: name.clone(),
                            bytes,
                        })
                        .map_err(|e| {
                            format!(
                                "{name}: {}",
                                lang.t_with(
                                    "ui-data-unreadable",
                                    &[("reason", Arg::Text(&e.to_string()))]
                                )
                            )
                        });
                    let mut slots = slots.borrow_mut();
                    if let Some(slot) = slots.get_mut(k) {
                        *slot = Some(got);
                    }
                    if slots.iter().any(Option::is_none) {
                        return;
                    }
                    reading.set(0);
                    let mut files = Vec::with_capacity(slots.len());
                    let mut errors = Vec::new();
                    for slot in slots.drain(..).flatten() {
                        match slot {
                            Ok(f) => files.push(f),
                            Err(e) => errors.push(e),
                        }
                    }
                    if errors.is_empty() {
                        let chosen = Rc::new(FhirExport {
                            files,
                            index_date: (*index_text).clone(),
                        });
                        on_change.emit(Some(chosen.clone()));
                        export.set(Some(chosen));
                    } else {
                        read_error.set(Some(errors.join("; ")));
                    }
                }));
            }
            *pending.borrow_mut() = readers;
        })
    };

    let on_pick = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            open.emit(files_of(input.files()));
            // Choosing the same files again (after a fix) must fire `change` again.
            input.set_value("");
        })
    };
    let on_drop = {
        let (open, dragging) = (open.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            open.emit(files_of(e.data_transfer().and_then(|d| d.files())));
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Without this the browser opens the dropped file itself.
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_date = {
        let (export, index_text, on_change) =
            (export.clone(), index_text.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            index_text.set(text.clone());
            if let Some(current) = export.as_ref() {
                let next = Rc::new(FhirExport {
                    files: current.files.clone(),
                    index_date: text,
                });
                on_change.emit(Some(next.clone()));
                export.set(Some(next));
            }
        })
    };
    let date_error = index_date(&index_text)
        .err()
        .map(|e| lang.message(&e.message()));
    let on_explain = {
        let (export, on_run) = (export.clone(), props.on_run.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(x) = export.as_ref()
                && let Ok(spec) = x.job_spec(ModelSource::Default)
            {
                on_run.emit(spec);
            }
        })
    };
    let on_close = {
        let (export, on_change) = (export.clone(), props.on_change.clone());
        Callback::from(move |_: MouseEvent| {
            export.set(None);
            on_change.emit(None);
        })
    };
    let ready = export.is_some() && date_error.is_none();

    html! {
        <section class="data-fhir" aria-labelledby="fhir-heading" data-testid="fhir-section">
            <h3 id="fhir-heading">{ lang.t("ui-fhir-heading") }</h3>
            <div class={classes!("drop-zone", dragging.then_some("dragging"))}
                ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave}>
                <label for="fhir-input">{ lang.t("ui-fhir-drop") }</label>
                <input id="fhir-input" type="file" multiple=true data-testid="fhir-input"
                    accept=".json,.ndjson,.jsonl,application/json,application/fhir+json"
                    aria-describedby="fhir-help" onchange={on_pick} />
                <p id="fhir-help" class="muted">
                    { lang.t("ui-fhir-help") }
                </p>
                if *reading > 0 {
                    <p role="status">{ lang.t_with("ui-fhir-reading", &[("n", Arg::Count(*reading as u64))]) }</p>
                }
            </div>
            if let Some(why) = (*read_error).clone() {
                <p class="model-error" role="alert" data-testid="fhir-read-error">{ why }</p>
            }
            if let Some(x) = export.as_ref() {
                <div class="fhir-chosen" data-testid="fhir-files">
                    <p>
                        <strong>{ x.label_in(lang) }</strong>
                        { format!(" · {}", survlens_app::core::format::file_size(x.size())) }
                        if x.files.len() > 1 {
                            <span class="muted">{ format!(": {}", x.files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join(", ")) }</span>
                        }
                    </p>
                    <button type="button" class="secondary" onclick={on_close}>{ lang.t("ui-fhir-close") }</button>
                </div>
            }
            <div class="fhir-index">
                <label for="fhir-index-date">{ lang.t("ui-fhir-index-date") }</label>
                <input id="fhir-index-date" type="date" data-testid="fhir-index-date"
                    value={(*index_text).clone()} onchange={on_date}
                    aria-describedby="fhir-index-help"
                    aria-invalid={date_error.is_some().then_some("true")} />
                <p id="fhir-index-help" class="muted">
                    { lang.t("ui-fhir-index-help") }
                </p>
                if let Some(why) = date_error {
                    <p class="error" role="alert" data-testid="fhir-date-error">{ why }</p>
                }
            </div>
            <button type="button" onclick={on_explain} disabled={!ready} data-testid="fhir-explain">
                { lang.t("ui-fhir-explain") }
            </button>
        </section>
    }
}
