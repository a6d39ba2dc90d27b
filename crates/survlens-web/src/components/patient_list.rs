//! The patient picker: search box and a table of patients, highest risk first. The rows
//! come from the worker ([`ViewRequest::PatientList`]), a page at a time: the search
//! narrows down the rest.

use survlens_app::core::i18n::Arg;
use survlens_app::core::session::entity_name_in;
use survlens_app::job::views::{ViewReply, ViewRequest};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{ViewProps, use_ask, use_lang};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The view it accompanies.
    pub view: ViewProps,
    /// The search text.
    pub query: String,
    /// The search text changed.
    pub on_search: Callback<String>,
}

#[function_component]
pub fn PatientList(props: &Props) -> Html {
    let view = &props.view;
    let request = ViewRequest::PatientList {
        query: props.query.clone(),
    };
    use_ask(view, vec![request.clone()]);
    // The last search's rows stay while the next one's are on their way.
    let page = match view.answers.current_or_last(&request).map(|a| &a.reply) {
        Some(ViewReply::PatientList(page)) => Some(page),
        _ => None,
    };
    let oninput = props
        .on_search
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    let kind = &view.session.kind;
    let group = kind.group.clone();
    let lang = use_lang();
    let count = |n: usize| Arg::Count(n as u64);
    html! {
        <nav class="patients" aria-label={lang.t("patients-heading")}>
            <h2>{ lang.t("patients-heading") }</h2>
            <label class="search">
                <span>{ kind.search_label_in(lang) }</span>
                <input type="search" value={props.query.clone()} {oninput} placeholder={view.session.search_placeholder_in(lang)} />
            </label>
            if let Some(page) = page {
                <p class="muted">{ if page.matches > page.rows.len() {
                    lang.t_with("patients-matches-paged", &[("matches", count(page.matches)),
                        ("total", count(view.session.n_patients())), ("shown", count(page.rows.len()))])
                } else {
                    lang.t_with("patients-matches", &[("matches", count(page.matches)), ("total", count(view.session.n_patients()))])
                } }</p>
                <div class="table-scroll">
                <table class="patient-table">
                    <thead><tr>
                        <th scope="col">{ lang.t("patients-column-patient") }</th>
                        if group.is_some() { <th scope="col">{ kind.group_label_in(lang) }</th> }
                        <th scope="col">{ lang.t("patients-column-risk") }</th>
                    </tr></thead>
                    <tbody>
                    { for page.rows.iter().map(|row| {
                        let i = row.index;
                        let onclick = view.on_select.reform(move |_: MouseEvent| i);
                        let onkeydown = {
                            let cb = view.on_select.clone();
                            move |e: KeyboardEvent| if e.key() == "Enter" || e.key() == " " {
                                e.prevent_default();
                                cb.emit(i);
                            }
                        };
                        let selected = i == view.selected;
                        html! {
                            <tr class={classes!(selected.then_some("selected"))} tabindex="0"
                                aria-selected={selected.to_string()} {onclick} {onkeydown}
                                data-patient={row.id.clone()}>
                                <td>{ row.id.clone() }</td>
                                if group.is_some() { <td>{ entity_name_in(&row.entity, lang) }</td> }
                                <td class={classes!("num", format!("group-{}", row.group.key()))}>{ lang.signed(f64::from(row.risk), 2) }</td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
                </div>
            } else {
                <p class="computing" role="status">{ lang.t("patients-listing") }</p>
            }
        </nav>
    }
}

#[derive(Properties, PartialEq)]
pub struct IdProps {
    /// The view it sits in.
    pub view: ViewProps,
    /// The identifier of the patient shown.
    pub id: AttrValue,
    /// The field's visible label.
    #[prop_or(AttrValue::from("Patient "))]
    pub label: AttrValue,
    /// The field's accessible name.
    #[prop_or(AttrValue::from("Patient id"))]
    pub aria_label: AttrValue,
    /// The `id` of its list of suggestions (one per page).
    #[prop_or(AttrValue::from("model-patient-ids"))]
    pub list: AttrValue,
    /// `data-testid` of the field.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// A patient chosen by typing its identifier (suggestions: the highest-risk patients). The
/// worker looks the identifier up ([`ViewRequest::PatientList`]); an unknown one is named.
#[function_component]
pub fn IdPicker(props: &IdProps) -> Html {
    let view = &props.view;
    let lang = use_lang();
    let wanted = use_state(|| None::<String>);
    // What is typed, until a patient is found: the page re-renders while the worker reports
    // (a running interaction search), and Yew sets an input's value to the rendered one.
    let draft = use_state(|| None::<String>);
    let suggestions = ViewRequest::PatientList {
        query: String::new(),
    };
    let lookup = wanted
        .as_ref()
        .map(|q| ViewRequest::PatientList { query: q.clone() });
    use_ask(
        view,
        std::iter::once(suggestions.clone())
            .chain(lookup.clone())
            .collect(),
    );
    let found = lookup
        .as_ref()
        .and_then(|r| view.answers.get(r))
        .and_then(|a| match &a.reply {
            ViewReply::PatientList(page) => Some(page.exact.as_ref().map(|row| row.index)),
            _ => None,
        });
    {
        let (wanted, draft, on_select) = (wanted.clone(), draft.clone(), view.on_select.clone());
        use_effect_with(found, move |found| {
            if let Some(Some(i)) = found {
                on_select.emit(*i);
                wanted.set(None);
                draft.set(None);
            }
        });
    }
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            draft.set(Some(e.target_unchecked_into::<HtmlInputElement>().value()));
        })
    };
    let value = draft
        .as_ref()
        .map_or_else(|| props.id.clone(), |d| AttrValue::from(d.clone()));
    let onchange = {
        let wanted = wanted.clone();
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            let text = text.trim();
            if !text.is_empty() {
                wanted.set(Some(text.to_owned()));
            }
        })
    };
    let rows = match view.answers.get(&suggestions).map(|a| &a.reply) {
        Some(ViewReply::PatientList(page)) => page.rows.as_slice(),
        _ => &[],
    };
    html! {
        <>
            <label>{ props.label.clone() }
                <input type="text" list={props.list.clone()} {value} {oninput} {onchange}
                    aria-label={props.aria_label.clone()} size="10" placeholder="id"
                    data-testid={props.testid.clone()} />
            </label>
            <datalist id={props.list.clone()}>
                { for rows.iter().map(|row| html! { <option value={row.id.clone()} /> }) }
            </datalist>
            if let (Some(q), Some(None)) = (wanted.as_ref(), found) {
                <span class="error" role="alert">{ lang.t_with("patients-not-found", &[("id", Arg::Text(q))]) }</span>
            }
        </>
    }
}
