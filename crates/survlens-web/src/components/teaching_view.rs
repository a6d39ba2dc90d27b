//! Teaching mode: on a synthetic cohort, the planted truth beside the LRP explanation for
//! the selected patient and for the cohort, with the fidelity figures, so students see
//! where the explanation is right and where it is not. Every number comes from
//! `survlens_app::views::teaching`; this component lays them out.

use survlens_app::core::session::{PlantedInteraction, SessionSummary};
use survlens_app::job::views::{ViewReply, ViewRequest};
use survlens_app::views::measured::measured_fidelity;
use survlens_app::views::teaching::{CLEAR_EFFECT, Fidelity, NEGLIGIBLE, TruthComparison, Verdict};
use yew::prelude::*;

use super::charts::ChartView;
use super::charts::fidelity::{ImportanceScatter, TruthPairChart};
use super::{ViewProps, use_ask};

#[function_component]
pub fn TeachingView(props: &ViewProps) -> Html {
    let session = props.session.clone();
    // Computed by the worker, where the cohort and its planted truth live.
    let patient_request = ViewRequest::TruthComparison {
        patient: props.selected,
    };
    use_ask(props, vec![ViewRequest::Fidelity, patient_request.clone()]);
    let report = match props.answers.get(&ViewRequest::Fidelity).map(|a| &a.reply) {
        Some(ViewReply::Fidelity(f)) => Some(f.as_deref()),
        _ => None,
    };
    // The last patient's comparison stays while the next one's is on its way.
    let patient = match props
        .answers
        .current_or_last(&patient_request)
        .map(|a| &a.reply)
    {
        Some(ViewReply::TruthComparison(c)) => c.as_deref(),
        _ => None,
    };
    let Some(report) = report else {
        return html! {
            <section class="teaching panel" data-testid="teaching-view" aria-labelledby="teaching-heading">
                <h2 id="teaching-heading">{ "Teaching mode" }</h2>
                <p class="computing" role="status" aria-live="polite">{ "Comparing the explanation with the planted truth\u{2026}" }</p>
            </section>
        };
    };
    let Some(report) = report else {
        return html! {
            <section class="teaching panel" data-testid="teaching-view" aria-labelledby="teaching-heading">
                <h2 id="teaching-heading">{ "Teaching mode" }</h2>
                <p data-testid="teaching-unavailable">{ format!(
                    "Teaching mode needs a synthetic cohort, whose true effects are known: \u{201c}{}\u{201d} has no planted truth to compare the explanation with. Open the synthetic demo cohort to use it.",
                    session.title) }</p>
            </section>
        };
    };
    html! {
        <section class="teaching" data-testid="teaching-view" aria-labelledby="teaching-heading">
            <div class="panel">
                <h2 id="teaching-heading">{ "Teaching mode: the planted truth beside the explanation" }</h2>
                <p class="muted">{ format!(
                    "{}: the generator planted every marker's true effect on the hazard, so we can check what layer-wise relevance propagation ({}) recovers.",
                    session.title, session.rule) }</p>
                {
                    match patient {
                        Some(c) => patient_panel(c),
                        None => html! { <p>{ "No patient selected." }</p> },
                    }
                }
            </div>
            { cohort_panel(&session, report) }
        </section>
    }
}

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Agrees => "verdict-agrees",
        Verdict::CreditedWithoutEffect | Verdict::OppositeSign => "verdict-wrong",
        Verdict::Missed => "verdict-missed",
        Verdict::Minor => "verdict-minor",
    }
}

fn patient_panel(c: &TruthComparison) -> Html {
    let chart = TruthPairChart {
        patient: c.id.clone(),
        rows: c.rows.clone(),
    };
    html! {
        <div data-testid="teaching-patient" data-patient-id={c.id.clone()}>
            <h3>{ format!("Patient {}", c.id) }</h3>
            <p class="agreement" data-testid="agreement">{ c.sentence.clone() }</p>
            <ChartView<TruthPairChart>
                chart={chart}
                caption={format!("For each marker among the {} largest of either side: its true contribution to this patient's log-hazard (orange) and the relevance LRP gives it (blue). Bars on the same side of zero agree in direction.", c.k)}
                alt={format!("Paired bar chart of the planted truth and the LRP explanation for {} markers of patient {}.", c.rows.len(), c.id)}
                testid="truth-pair-chart">
                <table class="compact" data-testid="truth-table">
                    <thead><tr>
                        <th scope="col">{ "Marker" }</th><th scope="col">{ "Value" }</th>
                        <th scope="col" class="num">{ "True contribution" }</th><th scope="col" class="num">{ "LRP relevance" }</th>
                        <th scope="col">{ "Verdict" }</th><th scope="col">{ "Planted effect" }</th>
                    </tr></thead>
                    <tbody>
                    { for c.rows.iter().map(|r| html! {
                        <tr>
                            <th scope="row">{ r.name.clone() }</th>
                            <td>{ r.value_text.clone() }</td>
                            <td class="num">{ format!("{:+.3}", r.truth) }</td>
                            <td class="num">{ format!("{:+.3}", r.relevance) }</td>
                            <td class={verdict_class(r.verdict)}>{ r.verdict.label() }</td>
                            <td class="muted">{ if r.effect.is_empty() { "none".to_owned() } else { r.effect.clone() } }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            </ChartView<TruthPairChart>>
            <p class="muted">{ format!(
                "How to read it: a true contribution is measured from the marker's no-effect level (for example ECOG 0), a relevance from the training average, so a patient at the no-effect level can still get relevance when most patients are above it. Effects below {NEGLIGIBLE} log-hazard units count as none; a missed effect is one of at least {CLEAR_EFFECT} (a hazard ratio of about 1.1). Planted interactions are not in the per-marker truth; a marker that only acts through one can rightly get relevance.") }</p>
        </div>
    }
}

fn cohort_panel(session: &SessionSummary, f: &Fidelity) -> Html {
    let top = |k: usize| f.top_k.iter().find(|t| t.k == k);
    let top_text = |k: usize| {
        top(k).map_or_else(
            || "\u{2013}".to_owned(),
            |t| format!("{} of {}", t.recovered, t.k),
        )
    };
    let fig = &f.figures;
    let measured = session.truth_preset.as_deref().and_then(measured_fidelity);
    let summary = format!(
        "Measured against the truth the model can see (each marker's planted contribution on the values it was shown, interactions split between their partners, centred), LRP ranks prognostic above null markers with an AUROC of {}; of its {} first markers, a share of {} are ones an oracle test could detect at this size; over those detectable markers, its importance follows the truth's with a Spearman correlation of {}. An oracle explainer, whose relevances are the truth itself, scores {}, {} and {}. The model reaches a C-index of {:.3} on the held-out test patients, {:.3} below the oracle's {:.3}. Intervals: 95% bootstrap over {} patients.",
        fig.auroc.text(),
        fig.k,
        fig.precision_at_k.text(),
        fig.spearman.text(),
        f.ceiling.auroc.text(),
        f.ceiling.precision_at_k.text(),
        f.ceiling.spearman.text(),
        f.model_test_cindex,
        f.cindex_gap(),
        f.oracle_test_cindex,
        fig.patients
    );
    let detectable_here = |t: &PlantedInteraction| t.detectable_at(session.n_patients());
    html! {
        <div class="panel" data-testid="teaching-cohort">
            <h3>{ "The whole cohort: how faithful is the explanation?" }</h3>
            <dl class="fidelity-figures">
                <div data-testid="fidelity-auroc" data-value={fig.auroc.value.to_string()}>
                    <dt>{ "AUROC, prognostic vs null markers" }</dt><dd>{ fig.auroc.text() }</dd>
                </div>
                <div data-testid="fidelity-precision" data-value={fig.precision_at_k.value.to_string()}>
                    <dt>{ format!("Precision at k = {} detectable markers", fig.k) }</dt><dd>{ fig.precision_at_k.text() }</dd>
                </div>
                <div data-testid="fidelity-spearman" data-value={fig.spearman.value.to_string()}>
                    <dt>{ "Spearman \u{3c1} over detectable markers" }</dt><dd>{ fig.spearman.text() }</dd>
                </div>
                <div data-testid="fidelity-top5" data-value={top(5).map(|t| t.recovered.to_string()).unwrap_or_default()}>
                    <dt>{ "Top-5 markers recovered" }</dt><dd>{ top_text(5) }</dd>
                </div>
                <div data-testid="fidelity-top10" data-value={top(10).map(|t| t.recovered.to_string()).unwrap_or_default()}>
                    <dt>{ "Top-10 markers recovered" }</dt><dd>{ top_text(10) }</dd>
                </div>
                <div data-testid="model-cindex" data-value={f.model_test_cindex.to_string()}>
                    <dt>{ "Model C-index (Harrell, test patients)" }</dt><dd>{ format!("{:.3}", f.model_test_cindex) }</dd>
                </div>
                <div data-testid="oracle-cindex" data-value={f.oracle_test_cindex.to_string()}>
                    <dt>{ "Oracle C-index (true hazard)" }</dt><dd>{ format!("{:.3}", f.oracle_test_cindex) }</dd>
                </div>
            </dl>
            <p data-testid="fidelity-summary">{ summary }</p>
            if let Some(m) = measured {
                <p class="calibration" data-testid="fidelity-measured">{ m.sentence() }</p>
            }
            <ChartView<ImportanceScatter>
                chart={ImportanceScatter { markers: f.markers.clone() }}
                caption="Each point is a marker: its true importance (mean absolute centred true contribution on the values the model sees, interactions split between their partners) against its LRP importance (mean absolute centred relevance). Filled points have a planted effect; open points have none of their own, so any relevance they get is borrowed from correlated markers or interactions."
                alt={format!("Scatter plot of true against LRP importance for {} markers.", f.markers.len())}
                testid="importance-scatter">
                <table class="compact" data-testid="fidelity-table">
                    <thead><tr><th scope="col" class="num">{ "True rank" }</th><th scope="col">{ "Marker" }</th><th scope="col" class="num">{ "True importance" }</th><th scope="col" class="num">{ "LRP importance" }</th><th scope="col">{ "Planted effect" }</th></tr></thead>
                    <tbody>
                    { for f.markers.iter().enumerate().map(|(rank, m)| html! {
                        <tr>
                            <td class="num">{ rank + 1 }</td>
                            <th scope="row">{ m.name.clone() }</th>
                            <td class="num">{ format!("{:.3}", m.true_importance) }</td>
                            <td class="num">{ format!("{:.3}", m.lrp_importance) }</td>
                            <td>{
                                match (m.prognostic, m.interactions.is_empty()) {
                                    (true, true) => "yes".to_owned(),
                                    (true, false) => format!("yes; interacts ({})", m.interactions.join(", ")),
                                    (false, false) => format!("only through {}", m.interactions.join(", ")),
                                    (false, true) => "none".to_owned(),
                                }
                            }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            </ChartView<ImportanceScatter>>
            <h4>{ "Planted interactions" }</h4>
            if f.interactions.is_empty() {
                <p class="muted">{ "This cohort has no planted interactions." }</p>
            } else {
                <ul class="interactions" data-testid="planted-interactions">
                    { for f.interactions.iter().map(|t| html! {
                        <li><strong>{ t.name.clone() }</strong>{ format!(": {} {} with {} patients (an oracle test that knows its form has {:.0}% power).",
                            t.description,
                            if detectable_here(t) { "Detectable" } else { "Not detectable" },
                            session.n_patients(),
                            100.0 * t.oracle_power_at(session.n_patients())) }</li>
                    }) }
                </ul>
                <p class="muted">{ "The Interactions view shows which of them the default method declares on held-out outcomes." }</p>
            }
        </div>
    }
}
