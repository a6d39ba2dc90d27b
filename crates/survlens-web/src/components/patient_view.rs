//! The patient view: predicted survival at one and two years and the median against the
//! cohort, the survival curve, risk score with percentile and group, what the model does
//! not know, the waterfall of contributions with modality totals and the accounting line,
//! the what-if form, the relevance export and the printable one-page report.
//!
//! The component only wires: every number comes from `survlens_app`'s patient modules.
//! What-if edits live in this component's state and are evaluated on a copy of the
//! patient's values; the loaded session is never modified.

use std::cell::RefCell;
use std::rc::Rc;

use survlens_app::job::state::SessionRef;
use survlens_app::views::patient::{Direction, PatientView, risk_group_note};
use survlens_app::views::patient_export::{relevance_csv, relevance_csv_name};
use survlens_app::views::patient_flags::{Limitation, limitations};
use survlens_app::views::patient_survival::{
    SurvivalFigures, chart_horizon_months, cohort_curve, cohort_km, percent, predicted_curve,
};
use survlens_app::views::patient_waterfall::Waterfall;
use survlens_app::views::whatif::{Scenario, WhatIf, changed_markers, form_fields};
use yew::prelude::*;

use super::ViewProps;
use super::charts::survival_curve::SurvivalCurveChart;
use super::charts::waterfall::WaterfallChart;
use super::charts::{ChartView, download_text};
use super::dom::now_ms;
use super::patient_whatif::WhatIfForm;

/// Bars shown before "all other markers".
const TOP_MARKERS: usize = 12;

/// A what-if scenario of one patient of one session.
struct Edit {
    session: SessionRef,
    index: usize,
    values: Vec<f32>,
    scenario: Scenario,
    /// Time of the last recompute (encode, forward and LRP pass), in milliseconds.
    recompute_ms: f64,
}

#[function_component]
pub fn PatientPanel(props: &ViewProps) -> Html {
    let session = props.session.clone();
    let index = props.selected;
    // Built once per session: the explainer prepares the network's weights.
    let engine = use_memo(session.clone(), |s| {
        RefCell::new(WhatIf::new(s).map_err(|e| e.to_string()))
    });
    let km = use_memo(session.clone(), |s| cohort_km(s).ok());
    let cohort_mean = use_memo(session.clone(), |s| {
        s.risk.iter().map(|&r| f64::from(r)).sum::<f64>() / s.n_patients().max(1) as f64
    });
    let edit = use_state(|| None::<Rc<Edit>>);
    let failure = use_state(|| None::<String>);
    let export_failure = use_state(|| None::<String>);
    // Start time of an edit or reset whose screen update is still to be measured.
    let pending = use_mut_ref(|| None::<f64>);
    let section = use_node_ref();
    {
        // A scenario belongs to one patient: another patient or cohort starts afresh, and
        // coming back shows the recorded values again.
        let edit = edit.clone();
        use_effect_with((session.clone(), index), move |_| {
            if edit.is_some() {
                edit.set(None);
            }
        });
    }
    {
        let pending = pending.clone();
        let section = section.clone();
        // After every render: if an edit is waiting, the DOM (and the canvases, painted by
        // the charts' own effects) now shows it.
        use_effect(move || {
            if let Some(start) = pending.borrow_mut().take()
                && let Some(el) = section.cast::<web_sys::Element>()
            {
                let _ = el.set_attribute("data-update-ms", &format!("{:.2}", now_ms() - start));
            }
        });
    }

    let Some(original) = PatientView::build(&session, index, TOP_MARKERS) else {
        return html! { <section class="patient"><p>{ "No patient selected." }</p></section> };
    };
    let active = edit
        .as_ref()
        .filter(|e| e.session == session && e.index == index)
        .cloned();
    let recorded = session.values_of(index);
    let values: Vec<f32> = active
        .as_ref()
        .map_or_else(|| recorded.to_vec(), |e| e.values.clone());

    let on_edit = {
        let edit = edit.clone();
        let failure = failure.clone();
        let engine = engine.clone();
        let session = session.clone();
        let values = values.clone();
        let pending = pending.clone();
        Callback::from(move |(marker, value): (usize, f32)| {
            let started = now_ms();
            let mut values = values.clone();
            let Some(slot) = values.get_mut(marker) else {
                return;
            };
            *slot = value;
            if changed_markers(session.values_of(index), &values).is_empty() {
                *pending.borrow_mut() = Some(started);
                edit.set(None);
                return;
            }
            let Ok(mut engine) = engine.try_borrow_mut() else {
                return;
            };
            let result = match engine.as_mut() {
                Ok(engine) => engine
                    .evaluate(&session, &values)
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e.clone()),
            };
            let recompute_ms = now_ms() - started;
            match result {
                Ok(scenario) => {
                    *pending.borrow_mut() = Some(started);
                    failure.set(None);
                    edit.set(Some(Rc::new(Edit {
                        session: session.clone(),
                        index,
                        values,
                        scenario,
                        recompute_ms,
                    })));
                }
                Err(e) => failure.set(Some(e)),
            }
        })
    };
    let on_reset = {
        let edit = edit.clone();
        let pending = pending.clone();
        Callback::from(move |()| {
            *pending.borrow_mut() = Some(now_ms());
            edit.set(None);
        })
    };
    let on_export = {
        let session = session.clone();
        let export_failure = export_failure.clone();
        Callback::from(move |_: MouseEvent| {
            let text = relevance_csv(&session);
            let result = download_text(&text, "text/csv", &relevance_csv_name(&session));
            export_failure.set(result.err());
        })
    };
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });

    let view = match &active {
        Some(e) => PatientView::explain(
            &session,
            index,
            e.scenario.explained(&e.values),
            TOP_MARKERS,
        )
        .unwrap_or_else(|| original.clone()),
        None => original.clone(),
    };
    let baseline = &session.model.baseline;
    // Without outcomes (new patients), the prediction stands alone: no cohort estimate.
    let figures = SurvivalFigures::for_session(&session, (*km).as_ref(), f64::from(view.risk));
    let recorded_figures =
        SurvivalFigures::for_session(&session, (*km).as_ref(), f64::from(original.risk));
    let horizon = chart_horizon_months(baseline);
    let cohort_band = match (*km).as_ref() {
        Some(km) => Some((cohort_curve(km, horizon), km.level)),
        None if !session.has_outcomes => Some((Vec::new(), f64::NAN)),
        None => None,
    };
    let curve = cohort_band.map(|(cohort, ci_level)| SurvivalCurveChart {
        patient: view.id.clone(),
        cohort,
        ci_level,
        predicted: predicted_curve(baseline, f64::from(original.risk), horizon),
        what_if: active
            .as_ref()
            .map(|_| predicted_curve(baseline, f64::from(view.risk), horizon)),
        horizon_months: horizon,
    });
    let waterfall = Waterfall::new(
        &view,
        *cohort_mean as f32,
        active
            .as_ref()
            .map(|_| (session.relevance_of(index), original.risk)),
    );
    let entity = session.entity_of.get(index).map_or(0, |&e| e as usize);
    let limits = limitations(&session, &values, entity);
    // Missing markers are summed up in one line: a pan-cancer record misses dozens (most
    // patients were never sequenced), and a list of them would bury the other flags.
    let missing: Vec<&str> = limits
        .iter()
        .filter_map(|l| match l {
            Limitation::Missing { name, .. } => Some(name.as_str()),
            _ => None,
        })
        .collect();
    let fields = form_fields(&session, index);
    let summary = active.as_ref().map(|e| {
        let changed = changed_markers(recorded, &e.values);
        let names: Vec<&str> = changed
            .iter()
            .filter_map(|&j| session.markers.get(j).map(|m| m.name.as_str()))
            .collect();
        let survival = match (&figures, &recorded_figures) {
            (Some(f), Some(r)) => format!(
                "; 1-year survival {} (recorded {})",
                f.horizons[0].predicted_text(),
                r.horizons[0].predicted_text()
            ),
            _ => String::new(),
        };
        AttrValue::from(format!(
            "Edited: {}. Risk score {:+.3} (recorded {:+.3}, change {:+.3}){survival}.",
            names.join(", "),
            view.risk,
            original.risk,
            view.risk - original.risk
        ))
    });
    let recompute = active
        .as_ref()
        .map(|e| format!("{:.2}", e.recompute_ms))
        .unwrap_or_default();
    let printed =
        js_sys::Date::new_0().to_locale_date_string("en-GB", &wasm_bindgen::JsValue::UNDEFINED);

    html! {
        <section class={classes!("patient", active.is_some().then_some("whatif-active"))}
            ref={section}
            aria-labelledby="patient-heading" data-testid="patient-view" data-patient-id={view.id.clone()}
            data-whatif={if active.is_some() { "on" } else { "off" }} data-recompute-ms={recompute}>
            <p class="print-only report-head">
                { format!("survlens patient report · {} · printed {}", session.title, String::from(printed)) }
            </p>
            <div class="patient-head">
                <h2 id="patient-heading">{ format!("Patient {}", view.id) }<span class="entity">{ view.entity.clone() }</span></h2>
                <div class="patient-tools">
                    <button type="button" class="secondary" onclick={on_print} data-testid="print-report">{ "Print report" }</button>
                    <button type="button" class="secondary" onclick={on_export} data-testid="export-relevance"
                        title="All patients' relevances, one row per patient, as a CSV file">
                        { "Relevance table (CSV)" }
                    </button>
                </div>
            </div>
            if let Some(e) = &*export_failure {
                <p class="error" role="alert">{ format!("The table could not be saved: {e}") }</p>
            }
            if active.is_some() {
                <p class="whatif-banner" role="status">{ "What-if scenario: the figures below use edited values, not the recorded ones." }</p>
            }

            { survival_figures(figures.as_ref(), active.as_ref().and(recorded_figures.as_ref()), session.origin.baseline_patients()) }

            <dl class="risk-summary">
                <div><dt>{ "Risk group" }</dt><dd class={format!("group-{}", view.group.key())} data-testid="risk-group">{ view.group.label() }</dd></div>
                <div><dt>{ "Percentile in cohort" }</dt><dd data-testid="risk-percentile">{ ordinal(view.percentile) }</dd></div>
                <div><dt>{ "Risk score (log hazard ratio)" }</dt>
                    <dd data-testid="risk-score" data-value={view.risk.to_string()} data-original={original.risk.to_string()}>
                        { format!("{:+.3}", view.risk) }
                        if active.is_some() {
                            <span class={classes!("delta", if view.risk >= original.risk { "raises" } else { "lowers" })}>
                                { format!(" ({:+.3})", view.risk - original.risk) }
                            </span>
                        }
                    </dd>
                </div>
            </dl>
            <p class="muted">{ if session.has_outcomes {
                format!(
                    "{} Model C-index on held-out patients: {:.3} (Harrell).",
                    risk_group_note(session.risk_cutoffs, &session.origin), session.test_cindex)
            } else {
                format!(
                    "{} This file has no survival times or events, so the model's C-index cannot be computed on it.",
                    risk_group_note(session.risk_cutoffs, &session.origin))
            } }</p>

            <section class="limits" aria-labelledby="limits-heading" data-testid="model-limits">
                <h3 id="limits-heading">{ "What the model does not know about this patient" }</h3>
                if limits.is_empty() {
                    <p class="muted">{ "Nothing flagged: every marker is recorded, every value lies within the training range, and the entity had enough training patients." }</p>
                } else {
                    <ul>
                        { for limits.iter().filter(|l| !matches!(l, Limitation::Missing { .. })).map(|l| html! { <li>{ l.sentence() }</li> }) }
                        if !missing.is_empty() {
                            <li>
                                { format!(
                                    "{} marker{} missing for this patient; the model used typical training values for {}.",
                                    missing.len(),
                                    if missing.len() == 1 { " is" } else { "s are" },
                                    if missing.len() == 1 { "it" } else { "them" }
                                ) }
                                <details>
                                    <summary>{ "Which markers" }</summary>
                                    <p class="missing-list">{ missing.join(", ") }</p>
                                </details>
                            </li>
                        }
                    </ul>
                }
            </section>

            <div class="patient-grid">
                <div class="patient-main">
                    if let Some(curve) = curve {
                        <h3>{ "Predicted survival" }</h3>
                        <ChartView<SurvivalCurveChart>
                            chart={curve.clone()}
                            caption={if curve.cohort.is_empty() {
                                format!("This patient's survival curve predicted by the model (its risk score applied to the Breslow baseline hazard of {}). This file has no outcomes, so no observed survival is drawn beside it. The prediction is a point estimate: the model gives no interval for it. Grey lines mark 12 and 24 months and 50% survival.", session.origin.baseline_patients())
                            } else {
                                format!("This patient's survival curve predicted by the model (its risk score applied to the Breslow baseline hazard of {}), against the Kaplan-Meier curve of the whole cohort with its 95% confidence band. The prediction is a point estimate: the model gives no interval for it. Grey lines mark 12 and 24 months and 50% survival.", session.origin.baseline_patients())
                            }}
                            alt={if curve.cohort.is_empty() {
                                format!("Survival curve predicted for patient {}; the table below lists it.", view.id)
                            } else {
                                format!("Survival curves: patient {} predicted against the cohort's Kaplan-Meier estimate; the table below lists them.", view.id)
                            }}
                            testid="survival-chart">
                            { curve_table(&curve) }
                        </ChartView<SurvivalCurveChart>>
                    }

                    <h3>{ "What drives this patient's risk" }</h3>
                    <ChartView<WaterfallChart>
                        chart={WaterfallChart { patient: view.id.clone(), waterfall: waterfall.clone() }}
                        caption={waterfall_caption(active.is_some())}
                        alt={format!(
                            "Waterfall of the {} largest contributions to patient {}'s risk score, from 0 to {:+.3}; the table below lists them.",
                            view.top.len(), view.id, view.risk)}
                        testid="contribution-chart">
                        { contribution_table(&session, &view, active.as_ref().map(|_| session.relevance_of(index))) }
                    </ChartView<WaterfallChart>>
                    <p class="accounting" data-testid="accounting">{ view.accounting.sentence() }</p>
                    <p class="disclaimer">{ "Relevance says how the model used a marker for this patient, not that the marker causes the outcome." }</p>

                    <h3>{ "Contributions by modality" }</h3>
                    { modality_table(&view) }
                </div>
                <aside class="patient-side" aria-label="What-if">
                    <WhatIfForm
                        key={format!("{}-{}", view.id, session.n_patients())}
                        patient={AttrValue::from(view.id.clone())}
                        fields={fields}
                        markers={session.markers.clone()}
                        values={values.clone()}
                        summary={summary}
                        on_edit={on_edit}
                        on_reset={on_reset}
                        failure={(*failure).clone().map(AttrValue::from)} />
                </aside>
            </div>
        </section>
    }
}

fn waterfall_caption(what_if: bool) -> AttrValue {
    let base = "Each bar is one marker's contribution to the risk score by layer-wise relevance propagation, from 0 (the baseline hazard) to this patient's log-risk, largest first; vermillion raises, blue lowers the risk. Each label gives the patient's value with its unit and the marker's modality; the purple line is the cohort's mean risk.";
    if what_if {
        AttrValue::from(format!(
            "{base} Black outlines show the contributions with the recorded values."
        ))
    } else {
        AttrValue::from(base)
    }
}

/// "37th", "1st", "22nd", "100th".
fn ordinal(percentile: f32) -> String {
    let n = percentile.round() as u32;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn survival_figures(
    figures: Option<&SurvivalFigures>,
    recorded: Option<&SurvivalFigures>,
    baseline_patients: &str,
) -> Html {
    let Some(f) = figures else {
        return html! { <p class="warning">{ "The cohort's survival curve could not be estimated; survival figures are not shown." }</p> };
    };
    let beyond = f.horizons.iter().any(|h| h.beyond_training);
    html! {
        <>
        <div class="survival-figures" aria-label="Predicted survival">
            { for f.horizons.iter().enumerate().map(|(k, h)| {
                let (lo, hi) = h.cohort_ci;
                html! {
                    <div class="figure" data-testid={format!("survival-{}y", h.years)} data-value={h.predicted.to_string()}>
                        <span class="figure-label">{ format!("Predicted {}-year survival", h.years) }</span>
                        <span class="figure-value">{ h.predicted_text() }</span>
                        <span class="figure-compare">{ if f.cohort_observed {
                            format!("cohort {} ({:.0}% CI {}–{})", percent(h.cohort), 100.0 * f.ci_level, percent(lo), percent(hi))
                        } else {
                            "no observed survival in this file".to_owned()
                        } }</span>
                        if let Some(r) = recorded {
                            <span class="figure-was">{ format!("recorded values: {}", r.horizons[k].predicted_text()) }</span>
                        }
                    </div>
                }
            }) }
            <div class="figure" data-testid="median-survival" data-value={f.median_months.map(|m| m.to_string()).unwrap_or_default()}>
                <span class="figure-label">{ "Predicted median survival" }</span>
                <span class="figure-value">{ f.median_text() }</span>
                <span class="figure-compare">{ if f.cohort_observed {
                    format!("cohort {}", f.cohort_median_text())
                } else {
                    "no observed survival in this file".to_owned()
                } }</span>
                if let Some(r) = recorded {
                    <span class="figure-was">{ format!("recorded values: {}", r.median_text()) }</span>
                }
            </div>
        </div>
        <p class="muted">
            { if f.cohort_observed {
                format!("Predicted from the risk score and the Breslow baseline hazard of {baseline_patients}; the cohort figures are Kaplan-Meier estimates over all patients.")
            } else {
                format!("Predicted from the risk score and the Breslow baseline hazard of {baseline_patients}. This file has no survival times or events: nothing here says how its patients fared.")
            } }
            if beyond {
                { format!(" The last training death was at {:.0} months: later figures hold the hazard flat and are extrapolations.", f.training_follow_up_months) }
            }
        </p>
        </>
    }
}

fn curve_table(chart: &SurvivalCurveChart) -> Html {
    // Yearly rows (and 6 and 18 months) keep the table short; the curve has every step.
    let mut months: Vec<f64> = vec![6.0, 12.0, 18.0, 24.0];
    let mut y = 36.0;
    while y <= chart.horizon_months {
        months.push(y);
        y += 12.0;
    }
    let read = |curve: &[survlens_app::views::patient_survival::CurvePoint], m: f64| {
        curve.iter().rev().find(|p| p.months <= m).copied()
    };
    html! {
        <table class="survival-table">
            <caption>{ "Survival by time since baseline" }</caption>
            <thead><tr>
                <th scope="col" class="num">{ "Months" }</th>
                <th scope="col" class="num">{ "Patient, predicted" }</th>
                if chart.what_if.is_some() { <th scope="col" class="num">{ "What-if" }</th> }
                if !chart.cohort.is_empty() {
                    <th scope="col" class="num">{ "Cohort (Kaplan-Meier)" }</th>
                    <th scope="col" class="num">{ format!("Cohort {:.0}% CI", 100.0 * chart.ci_level) }</th>
                }
            </tr></thead>
            <tbody>
            { for months.into_iter().filter(|&m| m <= chart.horizon_months).map(|m| {
                let p = read(&chart.predicted, m);
                let w = chart.what_if.as_deref().and_then(|c| read(c, m));
                let c = read(&chart.cohort, m);
                html! {
                    <tr>
                        <td class="num">{ format!("{m:.0}") }</td>
                        <td class="num">{ p.map(|p| percent(p.survival)).unwrap_or_default() }</td>
                        if chart.what_if.is_some() { <td class="num">{ w.map(|p| percent(p.survival)).unwrap_or_default() }</td> }
                        if !chart.cohort.is_empty() {
                            <td class="num">{ c.map(|p| percent(p.survival)).unwrap_or_default() }</td>
                            <td class="num">{ c.map(|p| format!("{}–{}", percent(p.lower), percent(p.upper))).unwrap_or_default() }</td>
                        }
                    </tr>
                }
            }) }
            </tbody>
        </table>
    }
}

fn contribution_table(
    session: &SessionRef,
    view: &PatientView,
    recorded_relevance: Option<&[f32]>,
) -> Html {
    html! {
        <table class="contributions" data-testid="contribution-table">
            <caption>{ format!("Top {} contributions ({})", view.top.len(), session.rule) }</caption>
            <thead><tr>
                <th scope="col">{ "Marker" }</th><th scope="col">{ "Modality" }</th><th scope="col">{ "Value" }</th>
                <th scope="col">{ "Reference range" }</th>
                <th scope="col" class="num">{ "Relevance" }</th>
                if recorded_relevance.is_some() { <th scope="col" class="num">{ "Change" }</th> }
                <th scope="col">{ "Effect" }</th>
            </tr></thead>
            <tbody>
            { for view.top.iter().map(|c| {
                let info = &session.markers[c.marker];
                let range = info.reference_range.map(|(lo, hi)| {
                    if info.unit.is_empty() { format!("{lo}–{hi}") } else { format!("{lo}–{hi} {}", info.unit) }
                }).unwrap_or_default();
                let delta = recorded_relevance.and_then(|r| r.get(c.marker)).map(|r| c.relevance - r);
                html! {
                    <tr data-marker={info.id.clone()}>
                        <td>{ c.name.clone() }</td>
                        <td><span class="tag">{ c.modality.clone() }</span></td>
                        <td>{ c.value_text.clone() }{ if c.out_of_range { " (outside reference range)" } else { "" } }</td>
                        <td>{ range }</td>
                        <td class="num" data-value={c.relevance.to_string()}>{ format!("{:+.4}", c.relevance) }</td>
                        if let Some(d) = delta { <td class="num" data-delta={d.to_string()}>{ format!("{d:+.4}") }</td> }
                        <td>{ match c.direction { Direction::RaisesRisk => "raises risk", Direction::LowersRisk => "lowers risk" } }</td>
                    </tr>
                }
            }) }
            if view.n_others > 0 {
                <tr><td colspan="4">{ format!("{} other markers", view.n_others) }</td><td class="num">{ format!("{:+.4}", view.others) }</td>
                    if recorded_relevance.is_some() { <td></td> }<td></td></tr>
            }
            <tr><td colspan="4">{ "Absorbed by network biases" }</td><td class="num">{ format!("{:+.4}", view.accounting.bias_relevance) }</td>
                if recorded_relevance.is_some() { <td></td> }<td></td></tr>
            <tr class="total"><td colspan="4">{ "Risk score (log-risk)" }</td><td class="num">{ format!("{:+.4}", view.risk) }</td>
                if recorded_relevance.is_some() { <td></td> }<td></td></tr>
            </tbody>
        </table>
    }
}

fn modality_table(view: &PatientView) -> Html {
    let largest = view
        .modality_totals
        .iter()
        .map(|t| t.relevance.abs())
        .fold(1e-6f32, f32::max);
    html! {
        <table class="modality-totals" data-testid="modality-totals">
            <caption>{ "Sum of the contributions of each modality's markers; the sums add up to the markers' total in the accounting line." }</caption>
            <thead><tr><th scope="col">{ "Modality" }</th><th scope="col" class="num">{ "Markers" }</th><th scope="col" class="num">{ "Sum of relevance" }</th><th scope="col"><span class="visually-hidden">{ "Bar" }</span></th></tr></thead>
            <tbody>
            { for view.modality_totals.iter().map(|t| {
                let width = format!("width: {:.1}%", 100.0 * t.relevance.abs() / largest);
                let class = if t.relevance >= 0.0 { "bar raises-bg" } else { "bar lowers-bg" };
                html! {
                    <tr>
                        <td>{ t.modality.clone() }</td>
                        <td class="num">{ t.n_markers }</td>
                        <td class="num" data-value={t.relevance.to_string()}>{ format!("{:+.3}", t.relevance) }</td>
                        <td class="bar-cell" aria-hidden="true"><span class={class} style={width}></span></td>
                    </tr>
                }
            }) }
            </tbody>
        </table>
    }
}
