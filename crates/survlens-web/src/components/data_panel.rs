//! The "Data" panel: choose a bundled cohort, or open a CSV/TSV file (picker or drop), map
//! its columns and train on it; save the network on screen as a model file, or explain the
//! chosen cohort with a model file (survlens JSON or ONNX). Files are read in this tab and
//! sent only to the page's own worker; nothing leaves the browser.

mod fhir;
mod model_file;

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::{FileReader, read_as_bytes};
use survlens_app::core::format::thousands;
use survlens_app::core::i18n::Arg;
use survlens_app::core::origin::ModelOrigin;
use survlens_app::job::state::SessionRef;
use survlens_app::sources::data_source::{BundledCohort, FileDraft, Mapping, ProblemList};
use survlens_app::sources::default_model::DefaultModelSpec;
use survlens_app::sources::model_file::as_model_file_problem;
use survlens_app::sources::spec::{JobSpec, ModelSource};
use survlens_data::Describe;
use web_sys::{DragEvent, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::data_mapping::{MappingEdit, MappingForm};
use super::data_problems::ProblemTable;
use super::fhir_report::FhirReport;
use super::use_lang;
use fhir::FhirSection;
use model_file::{ModelFileSection, ModelTarget};
use survlens_app::job::protocol::Failure;
use survlens_app::job::views::Export;
use survlens_app::sources::fhir_source::{FhirExport, FhirReportView};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Title of the cohort on screen, if any.
    pub current: Option<AttrValue>,
    /// Why the worker refused the last file.
    pub problems: Option<ProblemList>,
    /// The explained cohort on screen, for saving its model.
    #[prop_or_default]
    pub session: Option<SessionRef>,
    /// Starts a job.
    pub on_run: Callback<JobSpec>,
    /// A file was opened: the worker's refusal of an earlier one no longer applies.
    pub on_file_opened: Callback<()>,
    /// Asks the worker for a file to save.
    pub on_save: Callback<Export>,
    /// Why the last file asked for could not be made.
    #[prop_or_default]
    pub export_failure: Option<(Export, Failure)>,
    /// The mapping report of the last FHIR export read.
    #[prop_or_default]
    pub fhir_report: Option<Rc<FhirReportView>>,
}

/// A file being read: its reader must live until the read finishes (dropping it cancels).
type PendingRead = Rc<RefCell<Option<FileReader>>>;

/// The open file's mapping. An edit applies to the mapping as it is when the edit arrives,
/// not as it was drawn: edits made faster than the form redraws all stay.
#[derive(Default)]
struct OpenMapping(Option<Mapping>);

enum MappingAction {
    /// A file opened (its detected mapping) or closed.
    Replace(Option<Mapping>),
    Edit(MappingEdit),
}

impl Reducible for OpenMapping {
    type Action = MappingAction;

    fn reduce(self: Rc<Self>, action: MappingAction) -> Rc<Self> {
        match (action, &self.0) {
            (MappingAction::Replace(mapping), _) => Rc::new(Self(mapping)),
            (MappingAction::Edit(edit), Some(mapping)) => {
                let mut next = mapping.clone();
                edit(&mut next);
                Rc::new(Self(Some(next)))
            }
            // An edit of a form already closed.
            (MappingAction::Edit(_), None) => self,
        }
    }
}

#[function_component]
pub fn DataPanel(props: &Props) -> Html {
    let lang = use_lang();
    let choice = use_state(|| BundledCohort::OPENING);
    // The typed size of a generated cohort (at first the default model's own cohort), and
    // why it was refused.
    let patients = use_state(|| thousands(DefaultModelSpec::default().cohort.n_patients));
    let size_error = use_state(|| None::<String>);
    let draft = use_state(|| None::<Rc<FileDraft>>);
    let mapping = use_reducer(OpenMapping::default);
    let read_problems = use_state(|| None::<ProblemList>);
    let reading = use_state(|| None::<String>);
    let dragging = use_state(|| false);
    let pending: PendingRead = use_mut_ref(|| None);
    // The FHIR export chosen in its section, for the Model section's choice of cohort.
    let fhir_export = use_state(|| None::<Rc<FhirExport>>);
    let on_fhir = {
        let fhir_export = fhir_export.clone();
        Callback::from(move |x: Option<Rc<FhirExport>>| fhir_export.set(x))
    };
    // The panel closes when a new cohort's results arrive, so that they are what the user
    // sees; it opens again from its summary line.
    let panel = use_node_ref();
    // The panel's body is built the first time the panel opens and kept from then on (its
    // sections keep what the user chose): a closed panel at the opening costs no DOM work.
    let opened = use_state(|| false);
    let on_toggle = {
        let (panel, opened) = (panel.clone(), opened.clone());
        Callback::from(move |_: Event| {
            let open = panel
                .cast::<web_sys::Element>()
                .is_some_and(|d| d.has_attribute("open"));
            if open && !*opened {
                opened.set(true);
            }
        })
    };
    {
        let panel = panel.clone();
        use_effect_with(props.session.clone(), move |_| {
            if let Some(details) = panel.cast::<web_sys::Element>() {
                let _ = details.remove_attribute("open");
            }
        });
    }

    // Reads one file: preview, detection and the form's starting values.
    let open_file = {
        let draft = draft.clone();
        let mapping = mapping.clone();
        let read_problems = read_problems.clone();
        let reading = reading.clone();
        let pending = pending.clone();
        let on_file_opened = props.on_file_opened.clone();
        Callback::from(move |file: web_sys::File| {
            on_file_opened.emit(());
            let file = gloo::file::File::from(file);
            let name = file.name();
            reading.set(Some(name.clone()));
            let (draft, mapping, read_problems, reading) = (
                draft.clone(),
                mapping.clone(),
                read_problems.clone(),
                reading.clone(),
            );
            let reader = read_as_bytes(&file, move |result| {
                reading.set(None);
                let read = match result {
                    Ok(bytes) => FileDraft::read(&name, bytes),
                    Err(e) => Err(ProblemList {
                        file: name.clone(),
                        problems: vec![survlens_app::sources::data_source::ImportProblem {
                            row: None,
                            column: None,
                            code: "unreadable".to_owned(),
                            message: lang.t_with(
                                "ui-data-unreadable",
                                &[("reason", Arg::Text(&e.to_string()))],
                            ),
                        }],
                        omitted: 0,
                    }),
                };
                match read {
                    Ok(d) => {
                        mapping.dispatch(MappingAction::Replace(Some(Mapping::detected(&d))));
                        draft.set(Some(Rc::new(d)));
                        read_problems.set(None);
                    }
                    Err(list) => {
                        draft.set(None);
                        mapping.dispatch(MappingAction::Replace(None));
                        read_problems.set(Some(list));
                    }
                }
            });
            *pending.borrow_mut() = Some(reader);
        })
    };

    let FileInput {
        on_pick,
        on_drop,
        on_drag_over,
        on_drag_leave,
    } = FileInput::new(&open_file, &dragging);

    let on_choose = {
        let choice = choice.clone();
        Callback::from(move |e: Event| {
            let key = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(c) = BundledCohort::from_key(&key) {
                choice.set(c);
            }
        })
    };
    let open_bundled = {
        let choice = choice.clone();
        let patients = patients.clone();
        let size_error = size_error.clone();
        let on_run = props.on_run.clone();
        Callback::from(move |_: MouseEvent| {
            let job = if choice.sizeable() {
                choice.sized_job(&patients)
            } else {
                Ok(choice.job_spec())
            };
            match job {
                Ok(job) => {
                    size_error.set(None);
                    on_run.emit(job);
                }
                Err(why) => size_error.set(Some(lang.message(&why.message()))),
            }
        })
    };
    let on_patients = {
        let patients = patients.clone();
        Callback::from(move |e: InputEvent| {
            patients.set(e.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let on_mapping = {
        let mapping = mapping.clone();
        Callback::from(move |edit: MappingEdit| mapping.dispatch(MappingAction::Edit(edit)))
    };
    let on_train = {
        let on_run = props.on_run.clone();
        let draft = draft.clone();
        let mapping = mapping.clone();
        Callback::from(move |_: ()| {
            if let (Some(d), Some(m)) = (draft.as_ref(), mapping.0.as_ref())
                && let Ok(spec) = m.job_spec(d)
            {
                on_run.emit(spec);
            }
        })
    };
    let on_close = {
        let draft = draft.clone();
        let mapping = mapping.clone();
        Callback::from(move |_: ()| {
            draft.set(None);
            mapping.dispatch(MappingAction::Replace(None));
        })
    };

    // The user's CSV, when open and mapped, as a model file's possible cohort.
    let own_file = match (draft.as_ref(), mapping.0.as_ref()) {
        // `roles`, not `job_spec`: a render must not copy the file's bytes.
        (Some(d), Some(m)) if m.roles(d).is_ok() => Some(AttrValue::from(d.file_name.clone())),
        _ => None,
    };
    let on_apply_model = {
        let on_run = props.on_run.clone();
        let (choice, draft, mapping, fhir_export) = (
            choice.clone(),
            draft.clone(),
            mapping.clone(),
            fhir_export.clone(),
        );
        Callback::from(
            move |(file, target): (
                Rc<survlens_app::sources::model_file::ModelFile>,
                ModelTarget,
            )| {
                // A stored model needs no outcome: the file may hold new patients only.
                let own = match (target, draft.as_ref(), mapping.0.as_ref()) {
                    (ModelTarget::OwnFile, Some(d), Some(m)) => {
                        m.source(d).ok().map(|source| JobSpec {
                            source,
                            ..JobSpec::demo()
                        })
                    }
                    // The model file's job replaces the default model (`apply_to`).
                    (ModelTarget::Fhir, _, _) => fhir_export
                        .as_ref()
                        .and_then(|x| x.job_spec(ModelSource::Default).ok()),
                    _ => None,
                };
                let cohort = own.unwrap_or_else(|| choice.job_spec());
                on_run.emit(file.apply_to(cohort));
            },
        )
    };

    let problems = read_problems.as_ref().or(props.problems.as_ref()).cloned();
    // A model file's problem is one sentence about the file, not a table of cells.
    let model_problem = problems
        .as_ref()
        .and_then(|l| as_model_file_problem(l).map(|m| (l.file.clone(), m.to_owned())));
    let onnx_note = props.session.as_ref().and_then(|s| match &s.origin {
        ModelOrigin::Onnx { .. } => Some(s.origin.sentence_in(lang)),
        _ => None,
    });
    let current = props
        .current
        .clone()
        .unwrap_or_else(|| AttrValue::from(lang.t("ui-data-none-yet")));
    html! {
        <>
        <details class="panel data-panel" data-testid="data-panel" ref={panel} ontoggle={on_toggle}>
            <summary>
                <span class="data-summary-label">{ lang.t("ui-data-summary") }</span>
                <span class="data-current" data-testid="current-cohort">{ lang.t_with("ui-data-current", &[("cohort", Arg::Text(&current))]) }</span>
                <span class="data-hint">{ lang.t("ui-data-hint") }</span>
            </summary>
            if *opened {
            <div class="data-sources">
                <section class="data-bundled" aria-labelledby="bundled-heading">
                    <h3 id="bundled-heading">{ lang.t("ui-data-bundled") }</h3>
                    <label for="bundled-select">{ lang.t("ui-data-cohort") }</label>
                    <select id="bundled-select" data-testid="cohort-select" onchange={on_choose}>
                    { for BundledCohort::ALL.iter().map(|c| html! {
                        <option value={c.key()} selected={*c == *choice}>{ c.label_in(lang) }</option>
                    }) }
                    </select>
                    <p class="muted">{ choice.description(lang) }</p>
                    if choice.sizeable() {
                        <label for="patients-input">{ lang.t("ui-data-patients") }</label>
                        <input id="patients-input" type="text" inputmode="numeric"
                            data-testid="patients-input" value={(*patients).clone()}
                            oninput={on_patients}
                            aria-describedby="patients-help"
                            aria-invalid={size_error.is_some().then_some("true")} />
                        <p id="patients-help" class="muted">
                            { lang.t_with("ui-data-patients-help", &[
                                ("own", Arg::Count(DefaultModelSpec::default().cohort.n_patients as u64)),
                                ("most", Arg::Count(250_000)),
                            ]) }
                        </p>
                        if let Some(why) = (*size_error).clone() {
                            <p class="error" role="alert" data-testid="patients-error">{ why }</p>
                        }
                    }
                    <button type="button" onclick={open_bundled} data-testid="open-bundled">
                        { lang.t("ui-data-open-bundled") }
                    </button>
                </section>
                <section class="data-file" aria-labelledby="file-heading">
                    <h3 id="file-heading">{ lang.t("ui-data-file-heading") }</h3>
                    <div class={classes!("drop-zone", dragging.then_some("dragging"))}
                        ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave}>
                        <label for="csv-input">
                            { lang.t("ui-data-file-drop") }
                        </label>
                        <input id="csv-input" type="file" data-testid="csv-input"
                            accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
                            aria-describedby="file-help" onchange={on_pick} />
                        <p id="file-help" class="muted">
                            { lang.t("ui-data-file-help") }
                        </p>
                        if let Some(name) = reading.as_ref() {
                            <p role="status">{ lang.t_with("ui-data-reading", &[("name", Arg::Text(name))]) }</p>
                        }
                    </div>
                </section>
                <FhirSection on_run={props.on_run.clone()} on_change={on_fhir} />
                <ModelFileSection session={props.session.clone()} bundled={AttrValue::from(choice.label_in(lang))}
                    own_file={own_file} fhir={fhir_export.as_ref().map(|x| AttrValue::from(x.label_in(lang)))} on_apply={on_apply_model} on_save={props.on_save.clone()}
                    export_failure={props.export_failure.as_ref().filter(|(e, _)| *e == Export::ModelFile).map(|(_, why)| AttrValue::from(why.message(lang).to_owned()))} />
            </div>
            if let (Some(d), Some(m)) = (draft.as_ref(), mapping.0.as_ref()) {
                <MappingForm draft={d.clone()} mapping={m.clone()} on_change={on_mapping}
                    on_train={on_train} on_close={on_close} />
            }
            }
        </details>
        if let Some(report) = props.fhir_report.clone() {
            <FhirReport {report} />
        }
        if let Some((file, message)) = model_problem {
            <section class="panel problems model-problem" role="alert" data-testid="model-error">
                <h2>{ lang.t_with("ui-data-model-unusable", &[("file", Arg::Text(&file))]) }</h2>
                <p>{ message }</p>
                <p class="muted">{ lang.t("ui-data-model-unusable-note") }</p>
            </section>
        } else if let Some(list) = problems {
            <ProblemTable problems={list} />
        }
        if let Some(note) = onnx_note {
            <p class="panel model-note" role="note" data-testid="onnx-note">{ note }</p>
        }
        </>
    }
}

/// The handlers of a file picker with a drop zone: each hands the first chosen or dropped
/// file to `open`; `dragging` says whether a file hovers over the zone.
pub(super) struct FileInput {
    /// The picker's `change`.
    pub on_pick: Callback<Event>,
    /// The zone's `drop`.
    pub on_drop: Callback<DragEvent>,
    /// The zone's `dragover`.
    pub on_drag_over: Callback<DragEvent>,
    /// The zone's `dragleave`.
    pub on_drag_leave: Callback<DragEvent>,
}

impl FileInput {
    pub(super) fn new(open: &Callback<web_sys::File>, dragging: &UseStateHandle<bool>) -> Self {
        let on_pick = {
            let open = open.clone();
            Callback::from(move |e: Event| {
                let input = e.target_unchecked_into::<HtmlInputElement>();
                if let Some(file) = input.files().and_then(|f| f.get(0)) {
                    open.emit(file);
                }
                // Picking the same file again (after fixing it, or after a refusal) must
                // fire `change` again.
                input.set_value("");
            })
        };
        let on_drop = {
            let (open, dragging) = (open.clone(), dragging.clone());
            Callback::from(move |e: DragEvent| {
                e.prevent_default();
                dragging.set(false);
                if let Some(file) = e
                    .data_transfer()
                    .and_then(|d| d.files())
                    .and_then(|f| f.get(0))
                {
                    open.emit(file);
                }
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
        Self {
            on_pick,
            on_drop,
            on_drag_over,
            on_drag_leave,
        }
    }
}
