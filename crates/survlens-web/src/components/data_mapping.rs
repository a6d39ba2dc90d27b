//! A user's file before training: the first rows as a table, the detected column roles in a
//! form to correct (time and event both, or neither for new patients a stored model
//! explains), the codes the file writes for a missing value, the markers with their kinds,
//! and the messages of the mapping.

use std::rc::Rc;

use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::core::units::TimeUnit;
use survlens_app::sources::data_source::{
    Field, FileDraft, Mapping, MappingIssue, MarkerKind, Severity,
};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::use_lang;

/// One change to a file's mapping.
pub type MappingEdit = Box<dyn FnOnce(&mut Mapping)>;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub draft: Rc<FileDraft>,
    pub mapping: Mapping,
    /// Emits each change as an edit, which the owner applies to the mapping it holds when
    /// the edit arrives: two changes made before the form redraws both stay.
    pub on_change: Callback<MappingEdit>,
    pub on_train: Callback<()>,
    pub on_close: Callback<()>,
}

/// The four column roles with their labels' keys, ids and whether they may stay empty (time
/// and event together: a file of new patients has neither).
const ROLES: [(Field, &str, &str, bool); 4] = [
    (Field::Time, "ui-mapping-time", "map-time", true),
    (Field::Event, "ui-mapping-event", "map-event", true),
    (Field::Id, "ui-mapping-id", "map-id", true),
    (Field::Entity, "ui-mapping-entity", "map-entity", true),
];

fn kind_name(lang: Lang, kind: MarkerKind) -> String {
    match kind {
        MarkerKind::Numeric => lang.t("ui-mapping-kind-numeric"),
        MarkerKind::Binary => lang.t("ui-mapping-kind-binary"),
        MarkerKind::Categorical => lang.t("ui-mapping-kind-categorical"),
    }
}

/// A time unit's name on screen (its value in the form stays [`TimeUnit::name`]).
fn unit_name(lang: Lang, unit: TimeUnit) -> String {
    match unit {
        TimeUnit::Days => lang.t("ui-mapping-unit-days"),
        TimeUnit::Weeks => lang.t("ui-mapping-unit-weeks"),
        TimeUnit::Months => lang.t("ui-mapping-unit-months"),
        TimeUnit::Years => lang.t("ui-mapping-unit-years"),
    }
}

/// The separator's name: "comma", "semicolon", "tab", "pipe" or the character quoted.
fn delimiter_name(lang: Lang, delimiter: u8) -> String {
    match delimiter {
        b',' => lang.t("ui-mapping-sep-comma"),
        b';' => lang.t("ui-mapping-sep-semicolon"),
        b'\t' => lang.t("ui-mapping-sep-tab"),
        b'|' => lang.t("ui-mapping-sep-pipe"),
        other => format!("\"{}\"", char::from(other)),
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

/// A control's change: emits `change` with the value `read` takes from the control's event.
fn edit<E: AsRef<Event> + 'static, T: 'static>(
    on_change: &Callback<MappingEdit>,
    read: fn(&Event) -> T,
    change: impl Fn(&mut Mapping, T) + Clone + 'static,
) -> Callback<E> {
    let on_change = on_change.clone();
    Callback::from(move |e: E| {
        let (value, change) = (read(e.as_ref()), change.clone());
        on_change.emit(Box::new(move |m: &mut Mapping| change(m, value)));
    })
}

/// A marker row's control: [`edit`] of the marker in `column`.
fn column_edit<E: AsRef<Event> + 'static, T: 'static>(
    on_change: &Callback<MappingEdit>,
    column: &str,
    read: fn(&Event) -> T,
    change: fn(&mut Mapping, &str, T),
) -> Callback<E> {
    let column = column.to_owned();
    edit(on_change, read, move |m: &mut Mapping, value| {
        change(m, &column, value)
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

/// The messages of one field, as a list under it.
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
    let lang = use_lang();
    let draft = &props.draft;
    let mapping = &props.mapping;
    let issues = mapping.issues(draft, lang);
    let ready = mapping.can_train(draft);
    let no_outcome = mapping.without_outcome();
    let samples = mapping.samples(draft);
    let header = draft.header();
    let guess = &draft.detected;

    let refused_of = |field: Field| mapping.refused_for(draft, field).map(|r| r.column.clone());
    let role_select = |(field, label, id, optional): (Field, &str, &str, bool)| {
        let onchange = edit::<Event, _>(&props.on_change, selected, move |m, value| {
            m.set_role(field, Some(value));
        });
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
                <label for={id.to_owned()}>{ lang.t(label) }</label>
                <select id={id.to_owned()} data-testid={id.to_owned()} {onchange}
                    aria-invalid={invalid.to_string()}
                    aria-describedby={has_messages.then(|| help_id.clone())}>
                    <option value="" selected={chosen.is_empty()}>
                        { match (optional, field) {
                            (true, Field::Time | Field::Event) => lang.t("ui-mapping-none-outcome"),
                            (true, _) => lang.t("ui-mapping-none"),
                            (false, _) => lang.t("ui-mapping-choose"),
                        } }
                    </option>
                    { for header.iter().filter(|h| !h.is_empty()).map(|h| html! {
                        <option value={h.clone()} selected={*h == chosen}>{ h.clone() }</option>
                    }) }
                </select>
                <span class="muted detected">
                    { match (detected, refused_of(field)) {
                        (Some(d), _) => lang.t_with("ui-mapping-detected", &[("column", Arg::Text(d))]),
                        (None, Some(r)) => lang.t_with("ui-mapping-refused", &[("column", Arg::Text(&r))]),
                        (None, None) => lang.t("ui-mapping-not-detected"),
                    } }
                </span>
                { messages(&issues, field, &help_id) }
            </div>
        }
    };

    let on_unit = edit::<Event, _>(&props.on_change, selected, |m, value| {
        if let Some(unit) = TimeUnit::from_name(&value) {
            m.unit = unit;
        }
    });
    let on_codes = edit::<InputEvent, _>(&props.on_change, text, |m, codes| {
        m.missing_codes = codes;
    });
    let codes_invalid = issues.iter().any(|i| i.field == Field::MissingCodes);
    let train = props.on_train.reform(|_: MouseEvent| ());
    let close = props.on_close.reform(|_: MouseEvent| ());
    let markers: Vec<_> = mapping.marker_columns().cloned().collect();
    let n_used = markers.iter().filter(|m| m.include).count();

    html! {
        <section class="data-mapping" aria-labelledby="mapping-heading" data-testid="mapping">
            <div class="mapping-head">
                <h3 id="mapping-heading">{ format!("{} · {}", draft.file_name, survlens_app::core::format::file_size(draft.size())) }</h3>
                <button type="button" class="secondary" onclick={close}>{ lang.t("ui-mapping-close") }</button>
            </div>
            <p class="muted">
                { lang.t_with(
                    if draft.preview.dialect.decimal_comma { "ui-mapping-preview-comma" } else { "ui-mapping-preview" },
                    &[
                        ("columns", Arg::Count(header.len() as u64)),
                        ("separator", Arg::Text(&delimiter_name(lang, draft.preview.dialect.delimiter))),
                        ("rows", Arg::Count(draft.table_rows().len() as u64)),
                    ],
                ) }
            </p>
            <div class="preview-scroll">
                <table class="preview-table" data-testid="preview">
                    <caption>{ lang.t_with("ui-mapping-preview-caption", &[("file", Arg::Text(&draft.file_name))]) }</caption>
                    <thead><tr>
                        <th scope="col" class="num">{ lang.t("ui-problems-row") }</th>
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

            <h4>{ lang.t("ui-mapping-roles") }</h4>
            <div class="map-fields">
                { for ROLES.into_iter().map(role_select) }
                <div class="map-field">
                    <label for="map-unit">{ lang.t("ui-mapping-unit") }</label>
                    <select id="map-unit" data-testid="map-unit" onchange={on_unit}>
                    { for TimeUnit::ALL.iter().map(|u| html! {
                        <option value={u.name()} selected={*u == mapping.unit}>{ unit_name(lang, *u) }</option>
                    }) }
                    </select>
                    <span class="muted detected">{ lang.t("ui-mapping-unit-note") }</span>
                </div>
                <div class="map-field map-codes">
                    <label for="map-missing-codes">{ lang.t("ui-mapping-codes") }</label>
                    <input id="map-missing-codes" type="text" data-testid="map-missing-codes"
                        value={mapping.missing_codes.clone()} oninput={on_codes}
                        placeholder={lang.t("ui-mapping-codes-placeholder")}
                        aria-invalid={codes_invalid.to_string()}
                        aria-describedby="map-missing-codes-help map-missing-codes-messages" />
                    <span id="map-missing-codes-help" class="muted detected">
                        { lang.t("ui-mapping-codes-help") }
                    </span>
                    { messages(&issues, Field::MissingCodes, "map-missing-codes-messages") }
                </div>
            </div>

            <h4>{ lang.t_with("ui-mapping-markers", &[("used", Arg::Count(n_used as u64)), ("n", Arg::Count(markers.len() as u64))]) }</h4>
            { messages(&issues, Field::Markers, "map-markers-messages") }
            <div class="preview-scroll">
            <table class="marker-map" data-testid="marker-map">
                <caption>{ lang.t("ui-mapping-markers-caption") }</caption>
                <thead><tr>
                    <th scope="col">{ lang.t("ui-mapping-col-use") }</th>
                    <th scope="col">{ lang.t("ui-problems-column") }</th>
                    <th scope="col">{ lang.t("ui-mapping-col-kind") }</th>
                    <th scope="col">{ lang.t("ui-mapping-col-label") }</th>
                    <th scope="col">{ lang.t("ui-mapping-col-unit") }</th>
                    <th scope="col">{ lang.t("ui-mapping-col-examples") }</th>
                    <th scope="col" class="num">{ lang.t("ui-mapping-col-missing") }</th>
                </tr></thead>
                <tbody>
                { for markers.iter().map(|m| {
                    let sample = samples.iter().find(|c| c.name == m.column);
                    let inferred = sample.and_then(|s| s.inferred);
                    let column = m.column.clone();
                    let on_use = column_edit::<Event, _>(&props.on_change, &column, checked, |m, c, on| {
                        m.set_included(c, on);
                    });
                    let on_kind = column_edit::<Event, _>(&props.on_change, &column, selected, |m, c, key| {
                        m.set_kind(c, kind_from_key(&key));
                    });
                    // Text commits as it is typed: a redraw puts the mapping's value back
                    // into the field, which would undo typing not yet committed.
                    let on_label = column_edit::<InputEvent, _>(&props.on_change, &column, text, |m, c, label| {
                        m.set_label(c, &label);
                    });
                    let on_unit_text = column_edit::<InputEvent, _>(&props.on_change, &column, text, |m, c, unit| {
                        m.set_unit(c, &unit);
                    });
                    let auto = match inferred {
                        Some(k) => lang.t_with("ui-mapping-as-read-kind", &[("kind", Arg::Text(&kind_name(lang, k)))]),
                        None => lang.t("ui-mapping-as-read"),
                    };
                    let current = kind_key(m.kind);
                    let note = mapping.marker_note(draft, &column, lang);
                    html! {
                        <tr>
                            <td><input type="checkbox" checked={m.include} onchange={on_use}
                                aria-label={lang.t_with("ui-mapping-use-label", &[("column", Arg::Text(&column))])} /></td>
                            <th scope="row">
                                { column.clone() }
                                if let Some(note) = note {
                                    <span class="marker-note warning" data-testid="marker-note">{ note }</span>
                                }
                            </th>
                            <td>
                                <select onchange={on_kind} aria-label={lang.t_with("ui-mapping-kind-label", &[("column", Arg::Text(&column))])}>
                                    <option value="auto" selected={current == "auto"}>{ auto }</option>
                                    { for [MarkerKind::Numeric, MarkerKind::Binary, MarkerKind::Categorical].into_iter().map(|k| html! {
                                        <option value={kind_key(Some(k))} selected={current == kind_key(Some(k))}>{ kind_name(lang, k) }</option>
                                    }) }
                                </select>
                            </td>
                            <td>
                                <input type="text" class="marker-label" value={m.label.clone()}
                                    oninput={on_label} data-column={column.clone()}
                                    placeholder={column.clone()}
                                    aria-label={lang.t_with("ui-mapping-label-label", &[("column", Arg::Text(&column))])} />
                            </td>
                            <td>
                                <input type="text" class="marker-unit" value={m.unit.clone()}
                                    oninput={on_unit_text} data-column={column.clone()}
                                    aria-label={lang.t_with("ui-mapping-unit-label", &[("column", Arg::Text(&column))])} />
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
                    { lang.t("ui-mapping-train") }
                </button>
                <span id="train-note" class="muted">
                    { if ready {
                        lang.t("ui-mapping-train-note")
                    } else if no_outcome && mapping.is_ready(draft) {
                        lang.t("ui-mapping-train-no-outcome")
                    } else {
                        lang.t("ui-mapping-train-fix")
                    } }
                </span>
            </div>
        </section>
    }
}
