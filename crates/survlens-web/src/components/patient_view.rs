//! The patient view: risk, percentile and group, the contribution chart with its table, and
//! the accounting line.

use survlens_app::patient::{Direction, PatientView};
use yew::prelude::*;

use super::ViewProps;
use super::charts::ChartView;
use super::charts::contributions::ContributionChart;

/// Bars shown before "all other markers".
const TOP_MARKERS: usize = 12;

#[function_component]
pub fn PatientPanel(props: &ViewProps) -> Html {
    let session = &props.session;
    let Some(view) = PatientView::build(session, props.selected, TOP_MARKERS) else {
        return html! { <section class="patient"><p>{ "No patient selected." }</p></section> };
    };
    let chart = ContributionChart {
        patient: view.id.clone(),
        bars: view.top.clone(),
        others: view.others,
        n_others: view.n_others,
    };
    let alt = format!(
        "Bar chart of the {} largest contributions to patient {}'s risk score; the table below lists them.",
        view.top.len(),
        view.id
    );
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
            <ChartView<ContributionChart>
                chart={chart}
                caption="Each bar is one marker's contribution to the risk score, by layer-wise relevance propagation; vermillion raises, blue lowers the risk. The patient's value is in brackets."
                alt={alt}
                testid="contribution-chart">
                <table class="contributions" data-testid="contribution-table">
                    <caption>{ format!("Top {} contributions ({})", view.top.len(), session.rule) }</caption>
                    <thead><tr><th scope="col">{ "Marker" }</th><th scope="col">{ "Modality" }</th><th scope="col">{ "Value" }</th><th scope="col" class="num">{ "Relevance" }</th><th scope="col">{ "Effect" }</th></tr></thead>
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
            </ChartView<ContributionChart>>
            <p class="accounting" data-testid="accounting">{ view.accounting.sentence() }</p>
            <p class="disclaimer">{ "Relevance says how the model used a marker for this patient, not that the marker causes the outcome." }</p>
            if !view.missing.is_empty() {
                <p class="warning">{ format!("Missing for this patient (the model imputed them): {}.", view.missing.join(", ")) }</p>
            }
        </section>
    }
}
