//! Why a file was refused: every problem with its row and column, the first
//! [`SHOWN_PROBLEMS`] in a table and the rest counted.

use survlens_app::core::i18n::Arg;
use survlens_app::sources::data_source::{ProblemList, SHOWN_PROBLEMS};
use yew::prelude::*;

use super::use_lang;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub problems: ProblemList,
}

#[function_component]
pub fn ProblemTable(props: &Props) -> Html {
    let lang = use_lang();
    let list = &props.problems;
    let more = list.not_shown();
    html! {
        <section class="panel problems" role="alert" aria-labelledby="problems-heading" data-testid="problems">
            <h2 id="problems-heading">{ list.summary() }</h2>
            <p class="muted">
                { lang.t("ui-problems-help") }
            </p>
            <div class="table-scroll">
            <table class="problem-table">
                <caption>{ lang.t_with("ui-problems-caption", &[("file", Arg::Text(&list.file)), ("most", Arg::Count(SHOWN_PROBLEMS as u64))]) }</caption>
                <thead><tr>
                    <th scope="col" class="num">{ lang.t("ui-problems-row") }</th>
                    <th scope="col">{ lang.t("ui-problems-column") }</th>
                    <th scope="col">{ lang.t("ui-problems-problem") }</th>
                </tr></thead>
                <tbody>
                { for list.shown().iter().map(|p| html! {
                    <tr data-code={p.code.clone()}>
                        <td class="num">{ p.row.map_or_else(|| "–".to_owned(), |r| lang.integer(r as i64)) }</td>
                        <td>{ p.column.clone().unwrap_or_else(|| if p.row.is_some() { lang.t("ui-problems-whole-row") } else { lang.t("ui-problems-whole-file") }) }</td>
                        <td>{ p.message.clone() }</td>
                    </tr>
                }) }
                </tbody>
            </table>
            </div>
            if more > 0 {
                <p class="problems-more">{ lang.t_with("ui-problems-more", &[("n", Arg::Count(more as u64))]) }</p>
            }
        </section>
    }
}
