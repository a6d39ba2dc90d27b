//! The patient picker: search box and a table of patients, highest risk first.

use survlens_app::job::state::SessionRef;
use survlens_app::views::patient_list::patient_rows;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Rows shown at once; the search narrows the rest down.
const VISIBLE_ROWS: usize = 200;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub session: SessionRef,
    pub selected: usize,
    pub query: String,
    pub on_select: Callback<usize>,
    pub on_search: Callback<String>,
}

#[function_component]
pub fn PatientList(props: &Props) -> Html {
    let (rows, total) = patient_rows(&props.session, &props.query, VISIBLE_ROWS);
    let oninput = props
        .on_search
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    html! {
        <nav class="patients" aria-label="Patients">
            <h2>{ "Patients" }</h2>
            <label class="search">
                <span>{ "Search by id or entity" }</span>
                <input type="search" value={props.query.clone()} {oninput} placeholder="e.g. P0042 or lung" />
            </label>
            <p class="muted">{ format!("{total} of {} patients, highest risk first", props.session.n_patients()) }</p>
            <div class="table-scroll">
            <table class="patient-table">
                <thead><tr><th scope="col">{ "Patient" }</th><th scope="col">{ "Entity" }</th><th scope="col">{ "Risk" }</th></tr></thead>
                <tbody>
                { for rows.into_iter().map(|row| {
                    let i = row.index;
                    let onclick = props.on_select.reform(move |_: MouseEvent| i);
                    let onkeydown = {
                        let cb = props.on_select.clone();
                        move |e: KeyboardEvent| if e.key() == "Enter" || e.key() == " " {
                            e.prevent_default();
                            cb.emit(i);
                        }
                    };
                    let selected = i == props.selected;
                    html! {
                        <tr class={classes!(selected.then_some("selected"))} tabindex="0"
                            aria-selected={selected.to_string()} {onclick} {onkeydown}
                            data-patient={row.id.clone()}>
                            <td>{ row.id }</td>
                            <td>{ row.entity }</td>
                            <td class={classes!("num", format!("group-{}", row.group.key()))}>{ format!("{:+.2}", row.risk) }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            </div>
        </nav>
    }
}
