//! Teaching mode: on a synthetic cohort, the planted truth beside the LRP explanation for
//! the selected patient and for the cohort, with the fidelity figures, so students see
//! where the explanation is right and where it is not. Every number comes from
//! `survlens_app::views::teaching`; this component lays them out.

use survlens_app::core::format::count_in as count;
use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::core::session::{PlantedInteraction, SessionSummary, rule_in};
use survlens_app::job::views::{ViewReply, ViewRequest};
use survlens_app::views::measured::measured_fidelity;
use survlens_app::views::teaching::{CLEAR_EFFECT, Fidelity, NEGLIGIBLE, TruthComparison, Verdict};
use yew::prelude::*;

use super::charts::ChartView;
use super::charts::fidelity::{ImportanceScatter, TruthPairChart};
use super::{ViewProps, use_ask};

/// A number with `places` decimals (`0.123`, German `0,123`).
fn fixed(lang: Lang, v: f64, places: usize) -> String {
    match lang {
        Lang::En => format!("{v:.places$}"),
        Lang::De => lang.decimal(v, places),
    }
}

/// A signed number with `places` decimals (`+0.123`, German `+0,123`).
fn signed(lang: Lang, v: f64, places: usize) -> String {
    match lang {
        Lang::En => format!("{v:+.places$}"),
        Lang::De => lang.signed(v, places),
    }
}

#[function_component]
pub fn TeachingView(props: &ViewProps) -> Html {
    let lang = super::use_lang();
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
                <h2 id="teaching-heading">{ lang.t("ui-teaching-heading") }</h2>
                <p class="computing" role="status" aria-live="polite">{ lang.t("ui-teaching-computing") }</p>
            </section>
        };
    };
    let Some(report) = report else {
        return html! {
            <section class="teaching panel" data-testid="teaching-view" aria-labelledby="teaching-heading">
                <h2 id="teaching-heading">{ lang.t("ui-teaching-heading") }</h2>
                <p data-testid="teaching-unavailable">{ lang.t_with("ui-teaching-unavailable", &[("title", Arg::Text(&session.title.text(lang)))]) }</p>
            </section>
        };
    };
    html! {
        <section class="teaching" data-testid="teaching-view" aria-labelledby="teaching-heading">
            <div class="panel">
                <h2 id="teaching-heading">{ lang.t("ui-teaching-title") }</h2>
                <p class="muted">{ lang.t_with("ui-teaching-intro", &[("title", Arg::Text(&session.title.text(lang))), ("rule", Arg::Text(&rule_in(&session.rule, lang)))]) }</p>
                {
                    match patient {
                        Some(c) => patient_panel(c, lang),
                        None => html! { <p>{ lang.t("ui-teaching-no-patient") }</p> },
                    }
                }
            </div>
            { cohort_panel(&session, report, lang) }
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

fn patient_panel(c: &TruthComparison, lang: Lang) -> Html {
    let chart = TruthPairChart {
        patient: c.id.clone(),
        rows: c.rows.clone(),
        lang,
    };
    let number = |x: f32| match lang {
        Lang::En => x.to_string(),
        Lang::De => lang.number_text(&x.to_string()),
    };
    html! {
        <div data-testid="teaching-patient" data-patient-id={c.id.clone()}>
            <h3>{ lang.t_with("ui-teaching-patient", &[("id", Arg::Text(&c.id))]) }</h3>
            <p class="agreement" data-testid="agreement">{ c.sentence.clone() }</p>
            <ChartView<TruthPairChart>
                chart={chart}
                caption={lang.t_with("ui-teaching-pair-caption", &[("k", Arg::Text(&count(lang, c.k)))])}
                alt={lang.t_with("ui-teaching-pair-alt", &[("n", Arg::Text(&count(lang, c.rows.len()))), ("id", Arg::Text(&c.id))])}
                testid="truth-pair-chart">
                <table class="compact" data-testid="truth-table">
                    <thead><tr>
                        <th scope="col">{ lang.t("ui-teaching-marker") }</th><th scope="col">{ lang.t("ui-teaching-value") }</th>
                        <th scope="col" class="num">{ lang.t("ui-teaching-true-contribution") }</th><th scope="col" class="num">{ lang.t("ui-teaching-lrp-relevance") }</th>
                        <th scope="col">{ lang.t("ui-teaching-verdict") }</th><th scope="col">{ lang.t("ui-teaching-planted-effect") }</th>
                    </tr></thead>
                    <tbody>
                    { for c.rows.iter().map(|r| html! {
                        <tr>
                            <th scope="row">{ r.name.clone() }</th>
                            <td>{ r.value_text.clone() }</td>
                            <td class="num">{ signed(lang, f64::from(r.truth), 3) }</td>
                            <td class="num">{ signed(lang, f64::from(r.relevance), 3) }</td>
                            <td class={verdict_class(r.verdict)}>{ r.verdict.label_in(lang) }</td>
                            <td class="muted">{ if r.effect.is_empty() { lang.t("ui-teaching-none") } else { r.effect.clone() } }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            </ChartView<TruthPairChart>>
            <p class="muted">{ lang.t_with("ui-teaching-how-to-read", &[("negligible", Arg::Text(&number(NEGLIGIBLE))), ("clear", Arg::Text(&number(CLEAR_EFFECT)))]) }</p>
        </div>
    }
}

fn cohort_panel(session: &SessionSummary, f: &Fidelity, lang: Lang) -> Html {
    let top = |k: usize| f.top_k.iter().find(|t| t.k == k);
    let top_text = |k: usize| {
        top(k).map_or_else(
            || "\u{2013}".to_owned(),
            |t| {
                lang.t_with(
                    "ui-teaching-recovered",
                    &[
                        ("recovered", Arg::Text(&count(lang, t.recovered))),
                        ("k", Arg::Text(&count(lang, t.k))),
                    ],
                )
            },
        )
    };
    let fig = &f.figures;
    let measured = session.truth_preset.as_deref().and_then(measured_fidelity);
    let summary = lang.t_with(
        "ui-teaching-summary",
        &[
            ("auroc", Arg::Text(&fig.auroc.text_in(lang))),
            ("k", Arg::Text(&count(lang, fig.k))),
            ("precision", Arg::Text(&fig.precision_at_k.text_in(lang))),
            ("spearman", Arg::Text(&fig.spearman.text_in(lang))),
            ("ceilauroc", Arg::Text(&f.ceiling.auroc.text_in(lang))),
            (
                "ceilprecision",
                Arg::Text(&f.ceiling.precision_at_k.text_in(lang)),
            ),
            ("ceilspearman", Arg::Text(&f.ceiling.spearman.text_in(lang))),
            ("model", Arg::Text(&fixed(lang, f.model_test_cindex, 3))),
            ("gap", Arg::Text(&fixed(lang, f.cindex_gap(), 3))),
            ("oracle", Arg::Text(&fixed(lang, f.oracle_test_cindex, 3))),
            ("patients", Arg::Text(&count(lang, fig.patients))),
        ],
    );
    let n_patients = count(lang, session.n_patients());
    let detectable_here = |t: &PlantedInteraction| t.detectable_at(session.n_patients());
    html! {
        <div class="panel" data-testid="teaching-cohort">
            <h3>{ lang.t("ui-teaching-cohort-heading") }</h3>
            <dl class="fidelity-figures">
                <div data-testid="fidelity-auroc" data-value={fig.auroc.value.to_string()}>
                    <dt>{ lang.t("ui-teaching-auroc") }</dt><dd>{ fig.auroc.text_in(lang) }</dd>
                </div>
                <div data-testid="fidelity-precision" data-value={fig.precision_at_k.value.to_string()}>
                    <dt>{ lang.t_with("ui-teaching-precision", &[("k", Arg::Text(&count(lang, fig.k)))]) }</dt><dd>{ fig.precision_at_k.text_in(lang) }</dd>
                </div>
                <div data-testid="fidelity-spearman" data-value={fig.spearman.value.to_string()}>
                    <dt>{ lang.t("ui-teaching-spearman") }</dt><dd>{ fig.spearman.text_in(lang) }</dd>
                </div>
                <div data-testid="fidelity-top5" data-value={top(5).map(|t| t.recovered.to_string()).unwrap_or_default()}>
                    <dt>{ lang.t("ui-teaching-top5") }</dt><dd>{ top_text(5) }</dd>
                </div>
                <div data-testid="fidelity-top10" data-value={top(10).map(|t| t.recovered.to_string()).unwrap_or_default()}>
                    <dt>{ lang.t("ui-teaching-top10") }</dt><dd>{ top_text(10) }</dd>
                </div>
                <div data-testid="model-cindex" data-value={f.model_test_cindex.to_string()}>
                    <dt>{ lang.t("ui-teaching-model-cindex") }</dt><dd>{ fixed(lang, f.model_test_cindex, 3) }</dd>
                </div>
                <div data-testid="oracle-cindex" data-value={f.oracle_test_cindex.to_string()}>
                    <dt>{ lang.t("ui-teaching-oracle-cindex") }</dt><dd>{ fixed(lang, f.oracle_test_cindex, 3) }</dd>
                </div>
            </dl>
            <p data-testid="fidelity-summary">{ summary }</p>
            if let Some(m) = measured {
                <p class="calibration" data-testid="fidelity-measured">{ m.sentence_in(lang) }</p>
            }
            <ChartView<ImportanceScatter>
                chart={ImportanceScatter { markers: f.markers.clone(), lang }}
                caption={lang.t("ui-teaching-scatter-caption")}
                alt={lang.t_with("ui-teaching-scatter-alt", &[("n", Arg::Text(&count(lang, f.markers.len())))])}
                testid="importance-scatter">
                <table class="compact" data-testid="fidelity-table">
                    <thead><tr><th scope="col" class="num">{ lang.t("ui-teaching-true-rank") }</th><th scope="col">{ lang.t("ui-teaching-marker") }</th><th scope="col" class="num">{ lang.t("ui-teaching-true-importance") }</th><th scope="col" class="num">{ lang.t("ui-teaching-lrp-importance") }</th><th scope="col">{ lang.t("ui-teaching-planted-effect") }</th></tr></thead>
                    <tbody>
                    { for f.markers.iter().enumerate().map(|(rank, m)| html! {
                        <tr>
                            <td class="num">{ rank + 1 }</td>
                            <th scope="row">{ m.name.clone() }</th>
                            <td class="num">{ fixed(lang, f64::from(m.true_importance), 3) }</td>
                            <td class="num">{ fixed(lang, f64::from(m.lrp_importance), 3) }</td>
                            <td>{
                                match (m.prognostic, m.interactions.is_empty()) {
                                    (true, true) => lang.t("ui-teaching-yes"),
                                    (true, false) => lang.t_with("ui-teaching-yes-interacts", &[("interactions", Arg::Text(&m.interactions.join(", ")))]),
                                    (false, false) => lang.t_with("ui-teaching-only-through", &[("interactions", Arg::Text(&m.interactions.join(", ")))]),
                                    (false, true) => lang.t("ui-teaching-none"),
                                }
                            }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            </ChartView<ImportanceScatter>>
            <h4>{ lang.t("ui-teaching-interactions-heading") }</h4>
            if f.interactions.is_empty() {
                <p class="muted">{ lang.t("ui-teaching-no-interactions") }</p>
            } else {
                <ul class="interactions" data-testid="planted-interactions">
                    { for f.interactions.iter().map(|t| {
                        let args = [
                            ("description", Arg::Text(&t.description)),
                            ("n", Arg::Text(&n_patients)),
                            ("power", Arg::Text(&fixed(lang, 100.0 * t.oracle_power_at(session.n_patients()), 0))),
                        ];
                        let detail = if detectable_here(t) {
                            lang.t_with("ui-teaching-detectable", &args)
                        } else {
                            lang.t_with("ui-teaching-not-detectable", &args)
                        };
                        html! {
                            <li><strong>{ t.name.clone() }</strong>{ format!(": {detail}") }</li>
                        }
                    }) }
                </ul>
                <p class="muted">{ lang.t("ui-teaching-interactions-note") }</p>
            }
        </div>
    }
}
