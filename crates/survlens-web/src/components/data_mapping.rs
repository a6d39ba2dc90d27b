//! A user's file before training: the first rows as a table, the detected column roles in a
//! form to correct (time and event both, or neither for new patients a stored model
//! explains), the codes the file writes for a missing value, the markers with their kinds,
//! and the messages of the mapping.

use std::rc::Rc;

use survlens_app::core::units::TimeUnit;
use survlens_app::sources::data_source::{
    Field, FileDraft, Mapping, MappingIssue, MarkerKind, Severity,
};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub draft: Rc<FileDraft>,
    pub mapping: Mapping,
    pub on_change: Callback<Mapping>,
    pub on_train: Callback<()>,
    pub on_close: Callback<()>,
}

/// The four column roles with their labels, ids and whether they may stay empty (time and
/// event together: a file of new patients has neither).
const ROLES: [(Field, &str, &str, bool); 4] = [
    (Field::Time, "Survival time", "map-time", true),
    (
        Field::Event,
        "Event (1 = event, 0 = censored)",
        "map-event",
        true,
    ),
    (Field::Id, "Patient id", "map-id", true),
    (Field::Entity, "Cancer entity", "map-entity", true),
];

fn kind_name(kind: MarkerKind) -> &'static str {
    match kind {
        MarkerKind::Numeric => "numeric",
        MarkerKind::Binary => "yes/no (0 or 1)",
        MarkerKind::Categorical => "categorical",
    }
}

fn kind_key(kind: Option<MarkerKind>) -> &'static str {
    match kind {
        None => "auto",
        Some(MarkerKind::Numeric) => "numeric",
        Some(MarkerKind::Binary) => "binary",
        Some(MarkerKind::Categorical) => "categorical",
    }
}

fn kind_from_key(key: &str) -> Option<MarkerKind> {
    match key {
        "numeric" => Some(MarkerKind::Numeric),
        "binary" => Some(MarkerKind::Binary),
        "categorical" => Some(MarkerKind::Categorical),
        _ => None,
    }
}

/// The messages of one field, as a list under it.
/// A marker row's control: emits the mapping with `column` changed by `change`, from the
/// value `read` takes from the control's event.
fn column_edit<T: 'static>(
    mapping: &Mapping,
    on_change: &Callback<Mapping>,
    column: &str,
    read: fn(&Event) -> T,
    change: fn(&mut Mapping, &str, T),
) -> Callback<Event> {
    let (mapping, on_change, column) = (mapping.clone(), on_change.clone(), column.to_owned());
    Callback::from(move |e: Event| {
        let mut next = mapping.clone();
        change(&mut next, &column, read(&e));
        on_change.emit(next);
    })
}

/// Whether a checkbox is ticked.
fn checked(e: &Event) -> bool {
    e.target_unchecked_into::<HtmlInputElement>().checked()
}

/// A select's chosen value.
fn selected(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

/// A text field's value.
fn text(e: &Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn messages(issues: &[MappingIssue], field: Field, id: &str) -> Html {
    let mine: Vec<&MappingIssue> = issues.iter().filter(|i| i.field == field).collect();
    if mine.is_empty() {
        return html! {};
    }
    html! {
        <ul class="field-messages" id={id.to_owned()}>
        { for mine.iter().map(|i| {
            let class = if i.severity == Severity::Error { "error" } else { "warning" };
            html! { <li class={class}>{ i.message.clone() }</li> }
        }) }
        </ul>
    }
}

#[function_component]
pub fn MappingForm(props: &Props) -> Html {
    let draft = &props.draft;
    let mapping = &props.mapping;
    let issues = mapping.issues(draft);
    let ready = mapping.can_train(draft);
    let no_outcome = mapping.without_outcome();
    let samples = mapping.samples(draft);
    let header = draft.header();
    let guess = &draft.detected;

    let refused_of = |field: Field| mapping.refused_for(draft, field).map(|r| r.column.clone());
    let role_select = |(field, label, id, optional): (Field, &str, &str, bool)| {
        let onchange = {
            let mapping = mapping.clone();
            let cb = props.on_change.clone();
            Callback::from(move |e: Event| {
                let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                let mut m = mapping.clone();
                m.set_role(field, Some(value));
                cb.emit(m);
            })
        };
        let chosen = mapping.role(field).unwrap_or_default().to_owned();
        let detected = match field {
            Field::Time => guess.time.as_deref(),
            Field::Event => guess.event.as_deref(),
            Field::Id => guess.id.as_deref(),
            Field::Entity => guess.entity.as_deref(),
            Field::Unit | Field::Markers | Field::MissingCodes => None,
        };
        let help_id = format!("{id}-messages");
        let has_messages = issues.iter().any(|i| i.field == field);
        let invalid = issues
            .iter()
            .any(|i| i.field == field && i.severity == Severity::Error);
        html! {
            <div class="map-field">
                <label for={id.to_owned()}>{ label }</label>
                <select id={id.to_owned()} data-testid={id.to_owned()} {onchange}
                    aria-invalid={invalid.to_string()}
                    aria-describedby={has_messages.then(|| help_id.clone())}>
                    <option value="" selected={chosen.is_empty()}>
                        { match (optional, field) {
                            (true, Field::Time | Field::Event) => "none (patients without an outcome)",
                            (true, _) => "none",
                            (false, _) => "choose a column",
                        } }
                    </option>
                    { for header.iter().filter(|h| !h.is_empty()).map(|h| html! {
                        <option value={h.clone()} selected={*h == chosen}>{ h.clone() }</option>
                    }) }
                </select>
                <span class="muted detected">
                    { match (detected, refused_of(field)) {
                        (Some(d), _) => format!("detected: {d}"),
                        (None, Some(r)) => format!("not detected: {r} was not taken"),
                        (None, None) => "not detected".to_owned(),
                    } }
                </span>
                { messages(&issues, field, &help_id) }
            </div>
        }
    };

    let on_unit = {
        let mapping = mapping.clone();
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(unit) = TimeUnit::from_name(&value) {
                let mut m = mapping.clone();
                m.unit = unit;
                cb.emit(m);
            }
        })
    };
    let on_codes = {
        let mapping = mapping.clone();
        let cb = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            let mut m = mapping.clone();
            m.missing_codes = e.target_unchecked_into::<HtmlInputElement>().value();
            cb.emit(m);
        })
    };
    let codes_invalid = issues.iter().any(|i| i.field == Field::MissingCodes);
    let train = props.on_train.reform(|_: MouseEvent| ());
    let close = props.on_close.reform(|_: MouseEvent| ());
    let markers: Vec<_> = mapping.marker_columns().cloned().collect();
    let n_used = markers.iter().filter(|m| m.include).count();

    html! {
        <section class="data-mapping" aria-labelledby="mapping-heading" data-testid="mapping">
            <div class="mapping-head">
                <h3 id="mapping-heading">{ format!("{} · {}", draft.file_name, survlens_app::core::format::file_size(draft.size())) }</h3>
                <button type="button" class="secondary" onclick={close}>{ "Close this file" }</button>
            </div>
            <p class="muted">
                { format!(
                    "{} columns, {} separated{}. The first {} rows:",
                    header.len(),
                    draft.preview.dialect.delimiter_name(),
                    if draft.preview.dialect.decimal_comma { ", decimal comma" } else { "" },
                    draft.table_rows().len()
                ) }
            </p>
            <div class="preview-scroll">
                <table class="preview-table" data-testid="preview">
                    <caption>{ format!("First rows of {}", draft.file_name) }</caption>
                    <thead><tr>
                        <th scope="col" class="num">{ "Row" }</th>
                        { for header.iter().map(|h| html! { <th scope="col">{ h.clone() }</th> }) }
                    </tr></thead>
                    <tbody>
                    { for draft.table_rows().iter().zip(&draft.preview.row_numbers).map(|(row, number)| html! {
                        <tr>
                            // Spreadsheet rows, as messages name them: the header is row 1.
                            <td class="num muted">{ number }</td>
                            { for row.iter().map(|v| html! { <td>{ v.clone() }</td> }) }
                        </tr>
                    }) }
                    </tbody>
                </table>
            </div>

            <h4>{ "Which column is what" }</h4>
            <div class="map-fields">
                { for ROLES.into_iter().map(role_select) }
                <div class="map-field">
                    <label for="map-unit">{ "Time unit" }</label>
                    <select id="map-unit" data-testid="map-unit" onchange={on_unit}>
                    { for TimeUnit::ALL.iter().map(|u| html! {
                        <option value={u.name()} selected={*u == mapping.unit}>{ u.name() }</option>
                    }) }
                    </select>
                    <span class="muted detected">{ "the page shows times in days and months" }</span>
                </div>
                <div class="map-field map-codes">
                    <label for="map-missing-codes">{ "Also missing" }</label>
                    <input id="map-missing-codes" type="text" data-testid="map-missing-codes"
                        value={mapping.missing_codes.clone()} oninput={on_codes}
                        placeholder="e.g. unknown, none, 99"
                        aria-invalid={codes_invalid.to_string()}
                        aria-describedby="map-missing-codes-help map-missing-codes-messages" />
                    <span id="map-missing-codes-help" class="muted detected">
                        { "Always read as missing, in every column and any letter case: an empty cell, NA, N/A, #N/A, NaN, NULL, ., ?, missing, SAS/Stata .A to .Z. Add your file's own codes here, comma separated (numbers match by value)." }
                    </span>
                    { messages(&issues, Field::MissingCodes, "map-missing-codes-messages") }
                </div>
            </div>

            <h4>{ format!("Markers: {n_used} of {} columns used", markers.len()) }</h4>
            { messages(&issues, Field::Markers, "map-markers-messages") }
            <div class="preview-scroll">
            <table class="marker-map" data-testid="marker-map">
                <caption>{ "Columns the model learns from, with the kind each is read as and the label and unit the page names it by (saved with the model)" }</caption>
                <thead><tr>
                    <th scope="col">{ "Use" }</th>
                    <th scope="col">{ "Column" }</th>
                    <th scope="col">{ "Kind" }</th>
                    <th scope="col">{ "Label" }</th>
                    <th scope="col">{ "Unit" }</th>
                    <th scope="col">{ "Example values" }</th>
                    <th scope="col" class="num">{ "Missing in first rows" }</th>
                </tr></thead>
                <tbody>
                { for markers.iter().map(|m| {
                    let sample = samples.iter().find(|c| c.name == m.column);
                    let inferred = sample.and_then(|s| s.inferred);
                    let column = m.column.clone();
                    let on_use = column_edit(mapping, &props.on_change, &column, checked, |m, c, on| {
                        m.set_included(c, on);
                    });
                    let edit = |read, change| column_edit(mapping, &props.on_change, &column, read, change);
                    let on_kind = edit(selected, |m, c, key| m.set_kind(c, kind_from_key(&key)));
                    let on_label = edit(text, |m, c, label| m.set_label(c, &label));
                    let on_unit_text = edit(text, |m, c, unit| m.set_unit(c, &unit));
                    let auto = match inferred {
                        Some(k) => format!("as read: {}", kind_name(k)),
                        None => "as read".to_owned(),
                    };
                    let current = kind_key(m.kind);
                    let note = mapping.marker_note(draft, &column);
                    html! {
                        <tr>
                            <td><input type="checkbox" checked={m.include} onchange={on_use}
                                aria-label={format!("use {column} as a marker")} /></td>
                            <th scope="row">
                                { column.clone() }
                                if let Some(note) = note {
                                    <span class="marker-note warning" data-testid="marker-note">{ note }</span>
                                }
                            </th>
                            <td>
                                <select onchange={on_kind} aria-label={format!("kind of {column}")}>
                                    <option value="auto" selected={current == "auto"}>{ auto }</option>
                                    { for [MarkerKind::Numeric, MarkerKind::Binary, MarkerKind::Categorical].into_iter().map(|k| html! {
                                        <option value={kind_key(Some(k))} selected={current == kind_key(Some(k))}>{ kind_name(k) }</option>
                                    }) }
                                </select>
                            </td>
                            <td>
                                <input type="text" class="marker-label" value={m.label.clone()}
                                    onchange={on_label} data-column={column.clone()}
                                    placeholder={column.clone()}
                                    aria-label={format!("label of {column}")} />
                            </td>
                            <td>
                                <input type="text" class="marker-unit" value={m.unit.clone()}
                                    onchange={on_unit_text} data-column={column.clone()}
                                    aria-label={format!("unit of {column}")} />
                            </td>
                            <td class="muted">{ sample.map(|s| s.examples.join(", ")).unwrap_or_default() }</td>
                            <td class="num">{ sample.map_or(0, |s| s.missing) }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            </div>

            <div class="mapping-actions">
                <button type="button" onclick={train} disabled={!ready} data-testid="train-csv"
                    aria-describedby="train-note">
                    { "Train on this cohort" }
                </button>
                <span id="train-note" class="muted">
                    { if ready {
                        "Trains the network in this tab and explains every patient; the cohort on screen stays until it is done."
                    } else if no_outcome && mapping.is_ready(draft) {
                        "No survival time and event: this file can be explained with a model file (the Model section above), not trained on."
                    } else {
                        "Correct the marked fields first."
                    } }
                </span>
            </div>
        </section>
    }
}
