//! The Data panel's model section: the network on screen, saved as a survlens model file
//! when it was trained in this tab, and a model file to open (survlens JSON or ONNX; picker
//! or drop) with the cohort it applies to. The file is read in this tab; the worker checks
//! it and names any problem.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::{FileReader, read_as_bytes};
use survlens_app::core::i18n::Arg;
use survlens_app::job::state::SessionRef;
use survlens_app::job::views::Export;
use survlens_app::sources::data_source::ProblemList;
use survlens_app::sources::model_file::{ModelFile, as_model_file_problem, model_file_problem};
use yew::prelude::*;

/// Which cohort an opened model file explains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelTarget {
    /// The bundled cohort chosen in the panel.
    Bundled,
    /// The user's own CSV file, as mapped in the panel.
    OwnFile,
    /// The FHIR export opened in the panel.
    Fhir,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The explained cohort on screen, if any.
    pub session: Option<SessionRef>,
    /// Label of the bundled cohort chosen in the panel.
    pub bundled: AttrValue,
    /// Name of the user's CSV when it is open and its mapping is complete.
    pub own_file: Option<AttrValue>,
    /// How the panel names the FHIR export when one is open.
    #[prop_or_default]
    pub fhir: Option<AttrValue>,
    /// Explains the chosen cohort with the file.
    pub on_apply: Callback<(Rc<ModelFile>, ModelTarget)>,
    /// Asks the worker for the model file of the network on screen.
    pub on_save: Callback<Export>,
    /// Why the model file could not be made.
    #[prop_or_default]
    pub export_failure: Option<AttrValue>,
}

#[function_component]
pub fn ModelFileSection(props: &Props) -> Html {
    let lang = super::super::use_lang();
    let file = use_state(|| None::<Rc<ModelFile>>);
    let problem = use_state(|| None::<ProblemList>);
    let reading = use_state(|| None::<String>);
    let dragging = use_state(|| false);
    let target = use_state(|| ModelTarget::OwnFile);
    let pending: Rc<RefCell<Option<FileReader>>> = use_mut_ref(|| None);

    let open = {
        let (file, problem, reading, pending) = (
            file.clone(),
            problem.clone(),
            reading.clone(),
            pending.clone(),
        );
        Callback::from(move |picked: web_sys::File| {
            let picked = gloo::file::File::from(picked);
            let name = picked.name();
            reading.set(Some(name.clone()));
            let (file, problem, reading) = (file.clone(), problem.clone(), reading.clone());
            let reader = read_as_bytes(&picked, move |result| {
                reading.set(None);
                let read = match result {
                    Ok(bytes) => ModelFile::read(&name, bytes),
                    Err(e) => Err(model_file_problem(
                        &name,
                        &lang.t_with(
                            "ui-data-unreadable",
                            &[("reason", Arg::Text(&e.to_string()))],
                        ),
                    )),
                };
                match read {
                    Ok(f) => {
                        file.set(Some(Rc::new(f)));
                        problem.set(None);
                    }
                    Err(list) => {
                        file.set(None);
                        problem.set(Some(list));
                    }
                }
            });
            *pending.borrow_mut() = Some(reader);
        })
    };
    let super::FileInput {
        on_pick,
        on_drop,
        on_drag_over,
        on_drag_leave,
    } = super::FileInput::new(&open, &dragging);

    let on_export = props.on_save.reform(|_: MouseEvent| Export::ModelFile);

    // The user's CSV is the target only while it is open and mapped.
    let own_file = props.own_file.clone();
    let fhir = props.fhir.clone();
    let effective = match (*target, &own_file, &fhir) {
        (ModelTarget::OwnFile, Some(_), _) => ModelTarget::OwnFile,
        (ModelTarget::Fhir, _, Some(_)) => ModelTarget::Fhir,
        _ => ModelTarget::Bundled,
    };
    let choose = |t: ModelTarget| {
        let target = target.clone();
        Callback::from(move |_: Event| target.set(t))
    };
    let on_apply = {
        let (file, on_apply) = (file.clone(), props.on_apply.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(f) = file.as_ref() {
                on_apply.emit((f.clone(), effective));
            }
        })
    };

    html! {
        <section class="data-model" aria-labelledby="model-file-heading">
            <h3 id="model-file-heading">{ lang.t("ui-model-file-heading") }</h3>
            if let Some(session) = props.session.as_ref() {
                <div class="model-origin" data-testid="model-origin">
                    <p>{ session.origin.sentence_in(lang) }</p>
                    if session.origin.can_export() {
                        <button type="button" class="secondary" onclick={on_export}
                            data-testid="export-model">
                            { lang.t("ui-model-file-export") }
                        </button>
                    }
                    if let Some(e) = props.export_failure.as_ref() {
                        <p class="model-error" role="alert">{ lang.t_with("ui-model-file-export-failed", &[("reason", Arg::Text(e))]) }</p>
                    }
                </div>
            }
            <div class={classes!("drop-zone", dragging.then_some("dragging"))}
                ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave}>
                <label for="model-input">{ lang.t("ui-model-file-drop") }</label>
                <input id="model-input" type="file" data-testid="model-input"
                    accept=".json,.onnx,application/json"
                    aria-describedby="model-help" onchange={on_pick} />
                <p id="model-help" class="muted">
                    { lang.t("ui-model-file-help") }
                </p>
                if let Some(name) = reading.as_ref() {
                    <p role="status">{ lang.t_with("ui-data-reading", &[("name", Arg::Text(name))]) }</p>
                }
            </div>
            if let Some(list) = problem.as_ref() {
                <p class="model-error" role="alert" data-testid="model-read-error">
                    { format!("{}: {}", list.file, as_model_file_problem(list).map_or_else(|| lang.t("ui-model-file-unreadable"), str::to_owned)) }
                </p>
            }
            if let Some(f) = file.as_ref() {
                <div class="model-apply" data-testid="model-file">
                    <p><strong>{ f.file_name.clone() }</strong>{ format!(": {}", f.kind.label_in(lang)) }</p>
                    <fieldset>
                        <legend>{ lang.t("ui-model-file-target") }</legend>
                        <label>
                            <input type="radio" name="model-target" data-testid="model-target-bundled"
                                checked={effective == ModelTarget::Bundled}
                                onchange={choose(ModelTarget::Bundled)} />
                            { lang.t_with("ui-model-file-target-bundled", &[("name", Arg::Text(&props.bundled))]) }
                        </label>
                        if let Some(name) = own_file.as_ref() {
                            <label>
                                <input type="radio" name="model-target" data-testid="model-target-csv"
                                    checked={effective == ModelTarget::OwnFile}
                                    onchange={choose(ModelTarget::OwnFile)} />
                                { lang.t_with("ui-model-file-target-csv", &[("name", Arg::Text(name))]) }
                            </label>
                        }
                        if let Some(name) = fhir.as_ref() {
                            <label>
                                <input type="radio" name="model-target" data-testid="model-target-fhir"
                                    checked={effective == ModelTarget::Fhir}
                                    onchange={choose(ModelTarget::Fhir)} />
                                { lang.t_with("ui-model-file-target-fhir", &[("name", Arg::Text(name))]) }
                            </label>
                        }
                    </fieldset>
                    <button type="button" onclick={on_apply} data-testid="apply-model">
                        { lang.t("ui-model-file-apply") }
                    </button>
                </div>
            }
        </section>
    }
}
