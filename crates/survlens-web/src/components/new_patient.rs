//! A new patient: a form with one field per model marker (unit, reference range and the
//! cohort's observed range as a hint; empty = missing) or one pasted CSV row, explained at
//! once against the cohort on screen by the Patient view. The typed values live in this
//! component's state only: nothing is stored or sent anywhere but to the page's own worker.
//!
//! The component only wires: reading the fields and the pasted row is
//! `survlens_app::views::new_patient`'s.

use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::job::views::{Export, ViewReply, ViewRequest};
use survlens_app::views::new_patient::{
    NewFieldKind, NewPatientError, NewPatientField, NewPatientForm, OutsideObserved,
};
use survlens_app::views::whatif::Edits;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::patient_view::PatientPanel;
use super::{ViewProps, use_ask, use_lang};

/// Whether answer `a` is about the same patient as `b`: the same cohort patient, or the
/// same typed values (the what-if may differ).
pub fn same_patient(a: &ViewRequest, b: &ViewRequest) -> bool {
    match (a, b) {
        (ViewRequest::Patient { patient: x, .. }, ViewRequest::Patient { patient: y, .. }) => {
            x == y
        }
        (ViewRequest::NewPatient { values: x, .. }, ViewRequest::NewPatient { values: y, .. }) => {
            x == y
        }
        _ => false,
    }
}

/// What the Patient view shows: the selected cohort patient, the form, or a new patient.
#[derive(Clone, PartialEq)]
enum Mode {
    Cohort,
    Form,
    /// The typed values explained; the number counts explanations (a fresh Patient view
    /// for each new patient).
    Explained(Edits, u32),
}

/// The Patient view with its "New patient" entry.
#[function_component]
pub fn NewPatientSwitch(props: &ViewProps) -> Html {
    let lang = use_lang();
    let mode = use_state(|| Mode::Cohort);
    let texts = use_state(Vec::<String>::new);
    let problems = use_state(Vec::<(usize, NewPatientError)>::new);
    let outside = use_state(Vec::<OutsideObserved>::new);
    let paste_note = use_state(|| None::<(bool, String)>);
    let pasted = use_state(String::new);
    let count = use_mut_ref(|| 0u32);
    {
        // Another patient picked in the list, or another cohort: back to the cohort (the
        // typed values stay for the next time the form opens).
        let mode = mode.clone();
        use_effect_with((props.generation, props.selected), move |_| {
            if *mode != Mode::Cohort {
                mode.set(Mode::Cohort);
            }
        });
    }
    let in_form = *mode == Mode::Form;
    use_ask(
        props,
        if in_form {
            vec![ViewRequest::NewPatientForm]
        } else {
            Vec::new()
        },
    );
    let open = {
        let mode = mode.clone();
        Callback::from(move |_: MouseEvent| mode.set(Mode::Form))
    };
    let back = {
        let mode = mode.clone();
        Callback::from(move |_: MouseEvent| mode.set(Mode::Cohort))
    };
    match &*mode {
        Mode::Cohort => html! {
            <div class="patient-with-entry">
                <div class="new-patient-entry">
                    <button type="button" class="secondary" onclick={open} data-testid="new-patient-open">
                        { lang.t("ui-newpatient-open") }
                    </button>
                    <span class="muted">{ lang.t("ui-newpatient-entry") }</span>
                </div>
                <PatientPanel key="cohort" ..props.clone() />
            </div>
        },
        Mode::Explained(values, n) => {
            let form = form_of(props);
            let edit = {
                let mode = mode.clone();
                Callback::from(move |_: MouseEvent| mode.set(Mode::Form))
            };
            html! {
                <div class="patient-with-entry">
                    <div class="new-patient-entry" data-testid="new-patient-bar">
                        <button type="button" class="secondary" onclick={edit} data-testid="new-patient-edit">{ lang.t("ui-newpatient-edit") }</button>
                        <button type="button" class="secondary" onclick={back} data-testid="new-patient-back">{ lang.t("ui-newpatient-back") }</button>
                        <span class="muted">{ lang.t("ui-newpatient-typed-note") }</span>
                    </div>
                    if let (false, Some(form)) = (outside.is_empty(), form.as_ref()) {
                        <ul class="new-patient-outside" data-testid="new-patient-outside">
                            { for outside.iter().map(|o| html! { <li>{ o.sentence_in(form, lang) }</li> }) }
                        </ul>
                    }
                    <PatientPanel key={format!("new-{n}")} new_patient={Some(values.clone())} ..props.clone() />
                </div>
            }
        }
        Mode::Form => {
            let Some(form) = form_of(props) else {
                return html! {
                    <section class="patient new-patient" data-testid="new-patient-form" aria-busy="true">
                        <p class="computing" role="status" aria-live="polite">{ lang.t("ui-newpatient-listing") }</p>
                    </section>
                };
            };
            let shown_texts: Vec<String> = if texts.len() == form.fields.len() {
                (*texts).clone()
            } else {
                vec![String::new(); form.fields.len()]
            };
            let on_field = {
                let (texts, problems, base) =
                    (texts.clone(), problems.clone(), shown_texts.clone());
                Callback::from(move |(k, text): (usize, String)| {
                    let mut next = if texts.len() == base.len() {
                        (*texts).clone()
                    } else {
                        base.clone()
                    };
                    if let Some(slot) = next.get_mut(k) {
                        *slot = text;
                    }
                    texts.set(next);
                    if problems.iter().any(|(f, _)| *f == k) {
                        problems.set(problems.iter().filter(|(f, _)| *f != k).cloned().collect());
                    }
                })
            };
            let explain = {
                let (form, mode, problems, outside, count) = (
                    form.clone(),
                    mode.clone(),
                    problems.clone(),
                    outside.clone(),
                    count.clone(),
                );
                let current = shown_texts.clone();
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    match form.read(&current) {
                        Ok(read) => {
                            problems.set(Vec::new());
                            outside.set(read.outside.clone());
                            let n = {
                                let mut c = count.borrow_mut();
                                *c += 1;
                                *c
                            };
                            mode.set(Mode::Explained(read.request_values(), n));
                        }
                        Err(found) => problems.set(found),
                    }
                })
            };
            let fill = {
                let (form, texts, problems, paste_note) = (
                    form.clone(),
                    texts.clone(),
                    problems.clone(),
                    paste_note.clone(),
                );
                let text = (*pasted).clone();
                Callback::from(move |_: MouseEvent| match form.paste(&text) {
                    Ok(row) => {
                        let mut note = if row.with_header {
                            lang.t_with(
                                "ui-newpatient-filled-header",
                                &[(
                                    "n",
                                    Arg::Count((form.fields.len() - row.absent.len()) as u64),
                                )],
                            )
                        } else {
                            lang.t_with(
                                "ui-newpatient-filled-order",
                                &[("n", Arg::Count(form.fields.len() as u64))],
                            )
                        };
                        if !row.unknown.is_empty() {
                            note.push_str(&lang.t_with(
                                "ui-newpatient-filled-unknown",
                                &[("columns", Arg::Text(&row.unknown.join(", ")))],
                            ));
                        }
                        if !row.absent.is_empty() {
                            note.push_str(&lang.t_with(
                                "ui-newpatient-filled-absent",
                                &[("n", Arg::Count(row.absent.len() as u64))],
                            ));
                        }
                        texts.set(row.texts);
                        problems.set(row.problems);
                        paste_note.set(Some((false, note)));
                    }
                    Err(e) => paste_note.set(Some((true, e.message_in(lang)))),
                })
            };
            let on_paste = {
                let pasted = pasted.clone();
                Callback::from(move |e: InputEvent| {
                    pasted.set(e.target_unchecked_into::<HtmlTextAreaElement>().value());
                })
            };
            let clear = {
                let (texts, problems) = (texts.clone(), problems.clone());
                Callback::from(move |_: MouseEvent| {
                    texts.set(Vec::new());
                    problems.set(Vec::new());
                })
            };
            let template = props
                .save
                .reform(|_: MouseEvent| Export::NewPatientTemplate);
            let template_failure = props
                .export_failure
                .as_ref()
                .filter(|(e, _)| *e == Export::NewPatientTemplate)
                .map(|(_, why)| why.message(lang).to_owned());
            // Fields grouped by modality, in the template's order within each.
            let mut modalities: Vec<&str> = Vec::new();
            for f in &form.fields {
                if !modalities.contains(&f.modality.as_str()) {
                    modalities.push(&f.modality);
                }
            }
            html! {
                <section class="patient new-patient" aria-labelledby="new-patient-heading" data-testid="new-patient-form">
                    <div class="patient-head">
                        <h2 id="new-patient-heading">{ lang.t("ui-newpatient-heading") }</h2>
                        <div class="patient-tools">
                            <button type="button" class="secondary" onclick={template} data-testid="new-patient-template"
                                title={lang.t("ui-newpatient-template-title")}>
                                { lang.t("ui-newpatient-template") }
                            </button>
                            <button type="button" class="secondary" onclick={back} data-testid="new-patient-cancel">{ lang.t("ui-newpatient-back") }</button>
                        </div>
                    </div>
                    <p class="muted">{ lang.t_with("ui-newpatient-help", &[("n", Arg::Count(form.fields.len() as u64))]) }</p>
                    if let Some(why) = template_failure {
                        <p class="error" role="alert">{ lang.t_with("ui-newpatient-template-failed", &[("reason", Arg::Text(&why))]) }</p>
                    }
                    <div class="new-patient-paste">
                        <label for="new-patient-paste">{ lang.t("ui-newpatient-paste") }</label>
                        <textarea id="new-patient-paste" rows="3" data-testid="new-patient-paste" spellcheck="false"
                            aria-describedby="new-patient-paste-note" value={(*pasted).clone()} oninput={on_paste} />
                        <div class="paste-actions">
                            <button type="button" onclick={fill} data-testid="new-patient-fill">{ lang.t("ui-newpatient-fill") }</button>
                        </div>
                        <p id="new-patient-paste-note" data-testid="new-patient-paste-note"
                            class={classes!(paste_note.as_ref().is_some_and(|(bad, _)| *bad).then_some("error"))}
                            role="status" aria-live="polite">
                            { paste_note.as_ref().map(|(_, n)| n.clone()).unwrap_or_default() }
                        </p>
                    </div>
                    <form onsubmit={explain} novalidate=true data-testid="new-patient-fields">
                        if !problems.is_empty() {
                            <div class="error-summary" role="alert" data-testid="new-patient-problems">
                                <p>{ lang.t_with("ui-newpatient-problems", &[("n", Arg::Count(problems.len() as u64))]) }</p>
                                <ul>{ for problems.iter().map(|(_, e)| html! { <li>{ e.message_in(lang) }</li> }) }</ul>
                            </div>
                        }
                        { for modalities.iter().map(|modality| html! {
                            <fieldset class="new-patient-group">
                                <legend>{ modality.to_string() }</legend>
                                <div class="new-patient-fields">
                                { for form.fields.iter().enumerate().filter(|(_, f)| f.modality == *modality).map(|(k, f)| {
                                    let text = shown_texts.get(k).cloned().unwrap_or_default();
                                    let problem = problems.iter().find(|(j, _)| *j == k).map(|(_, e)| e.message_in(lang));
                                    field(lang, k, f, text, problem, on_field.clone())
                                }) }
                                </div>
                            </fieldset>
                        }) }
                        <div class="new-patient-actions">
                            <button type="submit" data-testid="new-patient-explain">{ lang.t("ui-newpatient-explain") }</button>
                            <button type="button" class="secondary" onclick={clear} data-testid="new-patient-clear">{ lang.t("ui-newpatient-clear") }</button>
                        </div>
                    </form>
                </section>
            }
        }
    }
}

/// The form's fields, once the worker listed them for the cohort on screen.
fn form_of(props: &ViewProps) -> Option<NewPatientForm> {
    props
        .answers
        .get(&ViewRequest::NewPatientForm)
        .and_then(|a| match &a.reply {
            ViewReply::NewPatientForm(f) => Some((**f).clone()),
            _ => None,
        })
}

/// One field: a text input for a number (a decimal comma is fine, and a bad value stays as
/// typed), a select for levels; its hint and its problem described by the input.
fn field(
    lang: Lang,
    k: usize,
    f: &NewPatientField,
    text: String,
    problem: Option<String>,
    on_field: Callback<(usize, String)>,
) -> Html {
    let id = format!("new-patient-{k}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = if problem.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        hint_id.clone()
    };
    let invalid = problem.is_some().then_some("true");
    let control = match &f.kind {
        NewFieldKind::Number => {
            let oninput = on_field.reform(move |e: InputEvent| {
                (k, e.target_unchecked_into::<HtmlInputElement>().value())
            });
            html! {
                <span class="new-patient-number">
                    <input id={id.clone()} type="text" inputmode="decimal" autocomplete="off" value={text}
                        {oninput} aria-describedby={described} aria-invalid={invalid} data-marker={f.id.clone()} />
                    if !f.unit.is_empty() { <span class="unit" aria-hidden="true">{ f.unit.clone() }</span> }
                </span>
            }
        }
        NewFieldKind::YesNo { levels } | NewFieldKind::Choice { levels, .. } => {
            let onchange = on_field.reform(move |e: Event| {
                (k, e.target_unchecked_into::<HtmlSelectElement>().value())
            });
            let known =
                text.is_empty() || levels.iter().any(|l| l.eq_ignore_ascii_case(text.trim()));
            html! {
                <select id={id.clone()} {onchange} aria-describedby={described} aria-invalid={invalid} data-marker={f.id.clone()}>
                    <option value="" selected={text.is_empty()}>{ lang.t("ui-whatif-missing") }</option>
                    { for levels.iter().map(|l| html! {
                        <option value={l.clone()} selected={!text.is_empty() && l.eq_ignore_ascii_case(text.trim())}>{ l.clone() }</option>
                    }) }
                    if !known {
                        <option value={text.clone()} selected=true>{ lang.t_with("ui-newpatient-not-level", &[("value", Arg::Text(&text))]) }</option>
                    }
                </select>
            }
        }
    };
    html! {
        <div class={classes!("new-patient-field", problem.is_some().then_some("invalid"))}>
            <label for={id.clone()}>{ f.name.clone() }</label>
            { control }
            <span id={hint_id} class="hint">{ f.hint_in(lang) }</span>
            if let Some(p) = problem {
                <span id={error_id} class="error" data-testid="new-patient-field-error">{ p }</span>
            }
        </div>
    }
}
