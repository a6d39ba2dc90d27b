//! The patient view: risk, percentile and group, the contribution chart with its table, and
//! the accounting line.

use survlens_app::patient::{Direction, PatientView};
use survlens_app::state::SessionRef;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::chart::draw_contributions;

/// Bars shown before "all other markers".
const TOP_MARKERS: usize = 12;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub session: SessionRef,
    pub index: usize,
}

#[function_component]
pub fn PatientPanel(props: &Props) -> Html {
    let view = PatientView::build(&props.session, props.index, TOP_MARKERS);
    let canvas = use_node_ref();
    let chart_error = use_state(|| None::<String>);
    {
        let canvas = canvas.clone();
        let view = view.clone();
        let chart_error = chart_error.setter();
        use_effect_with(view, move |view| {
            if let (Some(view), Some(el)) = (view, canvas.cast::<HtmlCanvasElement>()) {
                let result = draw_contributions(el, &view.top, view.others, view.n_others);
                chart_error.set(result.err());
            }
        });
    }
    let Some(view) = view else {
        return html! { <section class="patient"><p>{ "No patient selected." }</p></section> };
    };
    let session = &props.session;
    html! {
        <section class="patient" aria-labelledby="patient-heading" data-testid="patient-view" data-patient-id={view.id.clone()}>
            <h2 id="patient-heading">{ format!("Patient {}", view.id) }<span class="entity">{ view.entity.clone() }</span></h2>
            <dl class="risk-summary">
                <div><dt>{ "Risk group" }</dt><dd class={format!("group-{:?}", view.group).to_lowercase()} data-testid="risk-group">{ view.group.label() }</dd></div>
                <div><dt>{ "Percentile in cohort" }</dt><dd>{ format!("{:.0}th", view.percentile) }</dd></div>
                <div><dt>{ "Risk score (log hazard ratio)" }</dt><dd data-testid="risk-score" data-value={view.risk.to_string()}>{ format!("{:+.3}", view.risk) }</dd></div>
            </dl>
            <p class="muted">{ format!(
                "Groups are tertiles of the training patients' risk scores. Model C-index on held-out patients: {:.3} (Harrell).",
                session.test_cindex) }</p>

            <h3>{ "What drives this patient's risk" }</h3>
            <p class="caption">{ "Each bar is one marker's contribution to the risk score, by layer-wise relevance propagation; " }
                <span class="raises">{ "vermillion raises" }</span>{ ", " }<span class="lowers">{ "blue lowers" }</span>{ " the risk. The patient's value is in brackets." }</p>
            <canvas ref={canvas} class="chart" aria-hidden="true" data-testid="contribution-chart"></canvas>
            if let Some(err) = &*chart_error {
                <p class="error" role="alert">{ format!("The chart could not be drawn: {err}. The table below has the same numbers.") }</p>
            }
            <p class="accounting" data-testid="accounting">{ view.accounting.sentence() }</p>
            <p class="disclaimer">{ "Relevance says how the model used a marker for this patient, not that the marker causes the outcome." }</p>
            <details>
                <summary>{ "Contributions as a table" }</summary>
                <table class="contributions" data-testid="contribution-table">
                    <caption>{ format!("Top {} contributions ({})", view.top.len(), session.rule) }</caption>
                    <thead><tr><th scope="col">{ "Marker" }</th><th scope="col">{ "Modality" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "Relevance" }</th><th scope="col">{ "Effect" }</th></tr></thead>
                    <tbody>
                    { for view.top.iter().map(|c| html! {
                        <tr data-marker={session.markers[c.marker].id.clone()}>
                            <td>{ c.name.clone() }</td>
                            <td><span class="tag">{ c.modality.clone() }</span></td>
                            <td>{ c.value_text.clone() }{ if c.out_of_range { " (outside reference range)" } else { "" } }</td>
                            <td class="num" data-value={c.relevance.to_string()}>{ format!("{:+.4}", c.relevance) }</td>
                            <td>{ match c.direction { Direction::RaisesRisk => "raises risk", Direction::LowersRisk => "lowers risk" } }</td>
                        </tr>
                    }) }
                    if view.n_others > 0 {
                        <tr><td colspan="3">{ format!("{} other markers", view.n_others) }</td><td class="num">{ format!("{:+.4}", view.others) }</td><td></td></tr>
                    }
                    </tbody>
                </table>
            </details>
            if !view.missing.is_empty() {
                <p class="warning">{ format!("Missing for this patient (the model imputed them): {}.", view.missing.join(", ")) }</p>
            }
        </section>
    }
}
