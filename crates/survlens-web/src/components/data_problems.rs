//! Why a file was refused: every problem with its row and column, the first
//! [`SHOWN_PROBLEMS`] in a table and the rest counted.

use survlens_app::sources::data_source::{ProblemList, SHOWN_PROBLEMS};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub problems: ProblemList,
}

#[function_component]
pub fn ProblemTable(props: &Props) -> Html {
    let list = &props.problems;
    let more = list.not_shown();
    html! {
        <section class="panel problems" role="alert" aria-labelledby="problems-heading" data-testid="problems">
            <h2 id="problems-heading">{ list.summary() }</h2>
            <p class="muted">
                { "Correct the file in a spreadsheet and open it again. The cohort on screen was not changed." }
            </p>
            <div class="table-scroll">
            <table class="problem-table">
                <caption>{ format!("Problems in {}, in file order (the header is row 1; at most {SHOWN_PROBLEMS} listed)", list.file) }</caption>
                <thead><tr>
                    <th scope="col" class="num">{ "Row" }</th>
                    <th scope="col">{ "Column" }</th>
                    <th scope="col">{ "Problem" }</th>
                </tr></thead>
                <tbody>
                { for list.shown().iter().map(|p| html! {
                    <tr data-code={p.code.clone()}>
                        <td class="num">{ p.row.map_or_else(|| "–".to_owned(), |r| r.to_string()) }</td>
                        <td>{ p.column.clone().unwrap_or_else(|| if p.row.is_some() { "whole row".to_owned() } else { "whole file".to_owned() }) }</td>
                        <td>{ p.message.clone() }</td>
                    </tr>
                }) }
                </tbody>
            </table>
            </div>
            if more > 0 {
                <p class="problems-more">{ format!("and {more} more") }</p>
            }
        </section>
    }
}
