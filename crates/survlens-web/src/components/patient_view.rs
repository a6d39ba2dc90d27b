//! The patient view: predicted survival at one and two years and the median against the
//! cohort, the survival curve, risk score with percentile and group, what the model does
//! not know, the waterfall of contributions with modality totals and the accounting line,
//! the what-if form, the relevance export and the printable one-page report.
//!
//! The component only wires: every number comes from `survlens_app`'s patient modules.
//! What-if edits live in this component's state and are evaluated on a copy of the
//! patient's values; the loaded session is never modified.

use survlens_app::core::error::Failure;
use survlens_app::core::format::percent;
use survlens_app::core::i18n::Lang;
use survlens_app::core::session::SessionSummary;
use survlens_app::job::views::Export;
use survlens_app::job::views::{ViewReply, ViewRequest};
use survlens_app::views::marker_profile::MarkerProfile;
use survlens_app::views::patient::{Direction, PatientView};
use survlens_app::views::patient_flags::Limitation;
use survlens_app::views::patient_reference::Explanation;
use survlens_app::views::patient_report::{PatientCurves, TypicalNote};
use survlens_app::views::patient_survival::SurvivalFigures;
use survlens_app::views::whatif::Edits;
use yew::prelude::*;

use super::charts::ChartView;
use super::charts::marker_profile::ProfileChart;
use super::charts::survival_curve::SurvivalCurveChart;
use super::charts::waterfall::WaterfallChart;
use super::dom::now_ms;
use super::dom::select_value;
use super::patient_compare::SideBySidePanel;
use super::patient_whatif::WhatIfForm;
use super::{ViewProps, use_ask, use_lang};

#[function_component]
pub fn PatientPanel(props: &ViewProps) -> Html {
    // The language the worker built the report's texts in.
    let lang = use_lang();
    let session = props.session.clone();
    let index = props.selected;
    // The scenario being explored: it belongs to one patient of one cohort, so another
    // patient or cohort starts afresh, and coming back shows the recorded values again.
    let scenario = use_state(|| (0u64, 0usize, Edits::default()));
    {
        // Another patient or cohort drops the scenario: coming back shows the recorded
        // values again.
        let scenario = scenario.clone();
        use_effect_with((props.generation, index), move |&(generation, index)| {
            if !matches!(&*scenario, (g, i, e) if *g == generation && *i == index && e.is_empty()) {
                scenario.set((generation, index, Edits::default()));
            }
        });
    }
    let edits = match &*scenario {
        (g, i, e) if *g == props.generation && *i == index => e.clone(),
        _ => Edits::default(),
    };
    // Which explanation the user chose; it stays across patients and cohorts.
    let explanation = use_state(|| Explanation::Study);
    let request = match props.new_patient.clone() {
        Some(values) => ViewRequest::NewPatient {
            values,
            edits: edits.clone(),
            explanation: *explanation,
        },
        None => ViewRequest::Patient {
            patient: index,
            edits: edits.clone(),
            explanation: *explanation,
        },
    };
    use_ask(props, vec![request.clone()]);
    // Start time of an edit or reset whose screen update is still to be measured.
    let pending = use_mut_ref(|| None::<(f64, Edits)>);
    let section = use_node_ref();
    // The report asked for; while the answer to an edit is on its way, the last report of
    // the scenario being edited stands in. A patient picked afresh waits for its own.
    let editing = matches!(&*scenario, (g, i, _) if *g == props.generation && *i == index);
    let answer = props
        .answers
        .current_or_last(&request)
        .filter(|a| {
            a.request == request
                || editing && super::new_patient::same_patient(&a.request, &request)
        })
        .cloned();
    let shown = answer.as_ref().and_then(|a| match &a.reply {
        ViewReply::Patient(report) => Some((report.as_deref(), a.ms)),
        ViewReply::NewPatient(report) => Some((report.as_ref().ok().map(|r| &**r), a.ms)),
        _ => None,
    });
    {
        let pending = pending.clone();
        let section = section.clone();
        let shown_edits = shown.and_then(|(r, _)| r.map(|r| r.edits.clone()));
        // After every render: if an edit is waiting and the report now on screen is its
        // answer, the DOM (and the canvases, painted by the charts' own effects) shows it.
        use_effect(move || {
            let done = matches!((&*pending.borrow(), &shown_edits), (Some((_, want)), Some(have)) if want == have);
            if done
                && let Some((start, _)) = pending.borrow_mut().take()
                && let Some(el) = section.cast::<web_sys::Element>()
            {
                let _ = el.set_attribute("data-update-ms", &format!("{:.2}", now_ms() - start));
            }
        });
    }

    // Along one marker: the marker picked, else the top marker of the waterfall on screen.
    let along = use_state(|| None::<usize>);
    let top_marker = shown
        .and_then(|(r, _)| r)
        .and_then(|r| r.view.top.first().map(|c| c.marker));
    let along_request = (*along)
        .or(top_marker)
        .filter(|_| props.new_patient.is_none())
        .map(|marker| ViewRequest::MarkerProfile {
            patient: index,
            marker,
        });
    use_ask(props, along_request.clone().into_iter().collect());
    let along_answer = along_request
        .as_ref()
        .and_then(|r| props.answers.current_or_last(r))
        .and_then(|a| match &a.reply {
            ViewReply::MarkerProfile(p) => Some((p.clone(), a.ms)),
            _ => None,
        });
    let on_along = {
        let along = along.clone();
        Callback::from(move |marker: usize| along.set(Some(marker)))
    };

    let Some((report, recompute_ms)) = shown else {
        return html! {
            <section class="patient" data-testid="patient-pending" aria-busy="true">
                <p class="computing" role="status" aria-live="polite">{ "Explaining this patient\u{2026}" }</p>
            </section>
        };
    };
    let Some(report) = report else {
        return html! { <section class="patient" data-testid="patient-view"><p>{ "No patient selected." }</p></section> };
    };
    let on_edit = {
        let scenario = scenario.clone();
        let pending = pending.clone();
        let (generation, edits, recorded) =
            (props.generation, edits.clone(), report.recorded.clone());
        Callback::from(move |(marker, value): (usize, f32)| {
            let mut next = edits.clone();
            next.set(&recorded, marker, value);
            *pending.borrow_mut() = Some((now_ms(), next.clone()));
            scenario.set((generation, index, next));
        })
    };
    let on_reset = {
        let scenario = scenario.clone();
        let pending = pending.clone();
        let generation = props.generation;
        Callback::from(move |()| {
            *pending.borrow_mut() = Some((now_ms(), Edits::default()));
            scenario.set((generation, index, Edits::default()));
        })
    };
    // The table follows the explanation on screen.
    let on_export = {
        let save = props.save.clone();
        let explanation = report.explanation;
        Callback::from(move |_: MouseEvent| save.emit(Export::RelevanceTable { explanation }))
    };
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });

    let view = &report.view;
    let active = report.what_if;
    let export_failure = props
        .export_failure
        .as_ref()
        .filter(|(e, _)| matches!(e, Export::RelevanceTable { .. }))
        .map(|(_, why)| why.clone());
    let curve = report.curves.as_ref().map(|c| curve_chart(&view.id, c));
    let missing: Vec<&str> = report
        .limits
        .iter()
        .filter_map(|l| match l {
            Limitation::Missing { name, .. } => Some(name.as_str()),
            _ => None,
        })
        .collect();
    let recompute = if active {
        format!("{recompute_ms:.2}")
    } else {
        String::new()
    };
    let printed = today();
    let baseline_patients = session.origin.baseline_patients();
    // A first look at the cohort's first patient: the cohort's survival follows.
    let no_cohort_curve = if session.first_look_of.is_some() {
        "the cohort's observed survival follows once every patient is explained"
    } else {
        "this file has no survival times or events, so nothing here says how its patients fared"
    };

    html! {
        <section class={classes!("patient", active.then_some("whatif-active"))}
            ref={section}
            aria-labelledby="patient-heading" data-testid="patient-view" data-patient-id={view.id.clone()}
            data-whatif={if active { "on" } else { "off" }} data-recompute-ms={recompute}
            data-report-ms={format!("{recompute_ms:.2}")}>
            <p class="print-only report-head">
                { format!("survlens patient report · {} · {} · printed {printed}", session.title, report.explanation.label_in(lang).to_lowercase()) }
            </p>
            <div class="patient-head">
                <h2 id="patient-heading">{ if report.new_patient { "New patient (typed in, not part of the cohort)".to_owned() } else { format!("Patient {}", view.id) } }
                    if !view.entity.is_empty() { <span class="entity">{ view.entity.clone() }</span> }
                </h2>
                <div class="patient-tools">
                    <button type="button" class="secondary" onclick={on_print} data-testid="print-report">{ "Print report" }</button>
                    <button type="button" class="secondary" onclick={on_export} data-testid="export-relevance" hidden={report.new_patient}
                        title="All patients' relevances with the explanation on screen, one row per patient, as a CSV file">
                        { "Relevance table (CSV)" }
                    </button>
                </div>
            </div>
            if let Some(e) = export_failure {
                <p class="error" role="alert">{ format!("The table could not be saved: {e}") }</p>
            }
            if active {
                <p class="whatif-banner" role="status">{ "What-if scenario: the figures below use edited values, not the recorded ones." }</p>
            }

            { survival_figures(report.figures.as_ref(), report.recorded_figures.as_ref(), baseline_patients, session.first_look_of.is_some(), lang) }

            <dl class="risk-summary">
                <div><dt>{ "Risk group" }</dt><dd class={format!("group-{}", view.group.key())} data-testid="risk-group">{ view.group.label_in(lang) }</dd></div>
                <div><dt>{ "Percentile in cohort" }</dt><dd data-testid="risk-percentile">{ ordinal(view.percentile) }</dd></div>
                <div><dt>{ "Risk score (log hazard ratio)" }</dt>
                    <dd data-testid="risk-score" data-value={view.risk.to_string()} data-original={report.recorded_risk.to_string()}>
                        { format!("{:+.3}", view.risk) }
                        if active {
                            <span class={classes!("delta", if view.risk >= report.recorded_risk { "raises" } else { "lowers" })}>
                                { format!(" ({:+.3})", view.risk - report.recorded_risk) }
                            </span>
                        }
                    </dd>
                </div>
            </dl>
            <p class="muted">{ report.risk_note.clone() }</p>

            <section class="limits" aria-labelledby="limits-heading" data-testid="model-limits">
                <h3 id="limits-heading">{ "What the model does not know about this patient" }</h3>
                if report.limits.is_empty() {
                    <p class="muted">{ "Nothing flagged: every marker is recorded, every value lies within the training range, and the entity had enough training patients." }</p>
                } else {
                    <ul>
                        { for report.limits.iter().filter(|l| !matches!(l, Limitation::Missing { .. })).map(|l| html! { <li>{ l.sentence_in(lang) }</li> }) }
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
                                format!("This patient's survival curve predicted by the model (its risk score applied to the Breslow baseline hazard of {baseline_patients}). No observed survival is drawn beside it: {no_cohort_curve}. The prediction is a point estimate: the model gives no interval for it. Grey lines mark 12 and 24 months and 50% survival.")
                            } else {
                                format!("This patient's survival curve predicted by the model (its risk score applied to the Breslow baseline hazard of {baseline_patients}), against the Kaplan-Meier curve of the whole cohort with its 95% confidence band. The prediction is a point estimate: the model gives no interval for it. Grey lines mark 12 and 24 months and 50% survival.")
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
                    { explanation_choice(&explanation, report.explanation, report.typical_offered, lang) }
                    <ChartView<WaterfallChart>
                        chart={WaterfallChart { patient: view.id.clone(), waterfall: report.waterfall.clone() }}
                        caption={waterfall_caption(active, report.waterfall.cohort_mean.is_some(), report.typical.as_ref())}
                        alt={format!(
                            "Waterfall of the {} largest contributions to patient {}'s risk score, from {:+.3} to {:+.3}; the table below lists them.",
                            view.top.len(), view.id, report.waterfall.start, view.risk)}
                        testid="contribution-chart">
                        // A wide table scrolls within its column instead of running under the side panel.
                        <div class="table-wide">{ contribution_table(&session, view, report.recorded_relevance.as_deref(), report.typical.as_ref(), on_along.clone()) }</div>
                    </ChartView<WaterfallChart>>
                    <p class="accounting" data-testid="accounting" role="status" aria-live="polite">{ report.explanation_note.clone() }</p>
                    <p class="disclaimer">{ "Relevance says how the model used a marker for this patient, not that the marker causes the outcome." }</p>
                    if !report.new_patient { <super::patient_stability::PatientStability ..props.clone() /> }

                    <h3>{ "Contributions by modality" }</h3>
                    { modality_table(view) }

                    if !report.new_patient {
                        { along_panel(&session, along_request.as_ref(), along_answer, on_along.clone()) }
                        <super::patient_over_time::PatientOverTime ..props.clone() />
                        <SideBySidePanel view={props.clone()} explanation={*explanation} />
                    }
                </div>
                <aside class="patient-side" aria-label="What-if">
                    <WhatIfForm
                        key={format!("{}-{}", view.id, props.generation)}
                        patient={AttrValue::from(view.id.clone())}
                        typed={report.new_patient}
                        fields={report.fields.clone()}
                        markers={session.markers.clone()}
                        values={report.values.clone()}
                        summary={report.scenario_note.clone().map(AttrValue::from)}
                        on_edit={on_edit}
                        on_reset={on_reset}
                        failure={report.failure.clone().map(AttrValue::from)} />
                </aside>
            </div>
        </section>
    }
}

/// Today's date as the printed report names it, "5 December 2026": unambiguous in every
/// locale, and made without the browser's locale data (whose first use costs a few tens of
/// milliseconds of the page's first render).
fn today() -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let date = js_sys::Date::new_0();
    let month = MONTHS
        .get(date.get_month() as usize)
        .copied()
        .unwrap_or_default();
    format!("{} {month} {}", date.get_date(), date.get_full_year())
}

/// The survival chart of patient `id`.
fn curve_chart(id: &str, curves: &PatientCurves) -> SurvivalCurveChart {
    SurvivalCurveChart {
        patient: id.to_owned(),
        cohort: curves.cohort.clone(),
        ci_level: curves.ci_level,
        predicted: curves.predicted.clone(),
        what_if: curves.what_if.clone(),
        horizon_months: curves.horizon_months,
    }
}

/// The waterfall's caption: where the bars start (0, the baseline hazard, or the typical
/// patient's risk score `typical`) and what they add up to.
fn waterfall_caption(what_if: bool, cohort_mean: bool, typical: Option<&TypicalNote>) -> AttrValue {
    let mean = if cohort_mean {
        " the purple line is the cohort's mean risk."
    } else {
        " the cohort's mean risk is drawn once every patient is explained."
    };
    let base = match typical {
        None => format!(
            "Each bar is one marker's contribution to the risk score by layer-wise relevance propagation, from 0 (the baseline hazard) to this patient's log-risk, largest first; vermillion raises, blue lowers the risk. Each label gives the patient's value with its unit and the marker's modality;{mean}"
        ),
        Some(t) => format!(
            "Each bar is one marker's contribution by DeepLIFT-rescale, relative to a typical patient: the bars start at the typical patient's risk score {:+.3} (the black line labelled \"typical patient\") and add up to this patient's risk score {:+.3}, largest first; vermillion raises, blue lowers the risk. Each label gives the patient's value and the typical value with the marker's modality;{mean}",
            t.risk,
            t.risk + t.difference
        ),
    };
    if what_if {
        AttrValue::from(format!(
            "{base} Black outlines show the contributions with the recorded values."
        ))
    } else {
        AttrValue::from(base)
    }
}

/// "37th", "1st", "22nd", "100th"; in a first look, before the cohort is explained, what
/// the percentile waits for.
fn ordinal(percentile: f32) -> String {
    if percentile.is_nan() {
        return "once the cohort is explained".to_owned();
    }
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
    first_look: bool,
    lang: Lang,
) -> Html {
    let (no_cohort, why) = if first_look {
        (
            "the cohort's observed survival follows once every patient is explained",
            "the cohort's observed survival follows once every patient is explained",
        )
    } else {
        (
            "no observed survival in this file",
            "this file has no survival times or events, so nothing here says how its patients fared",
        )
    };
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
                        <span class="figure-value">{ h.predicted_text_in(lang) }</span>
                        <span class="figure-compare">{ if f.cohort_observed {
                            format!("cohort {} ({:.0}% CI {}–{})", percent(h.cohort), 100.0 * f.ci_level, percent(lo), percent(hi))
                        } else {
                            no_cohort.to_owned()
                        } }</span>
                        if let Some(r) = recorded {
                            <span class="figure-was">{ format!("recorded values: {}", r.horizons[k].predicted_text_in(lang)) }</span>
                        }
                    </div>
                }
            }) }
            <div class="figure" data-testid="median-survival" data-value={f.median_months.map(|m| m.to_string()).unwrap_or_default()}>
                <span class="figure-label">{ "Predicted median survival" }</span>
                <span class="figure-value">{ f.median_text_in(lang) }</span>
                <span class="figure-compare">{ if f.cohort_observed {
                    format!("cohort {}", f.cohort_median_text_in(lang))
                } else {
                    no_cohort.to_owned()
                } }</span>
                if let Some(r) = recorded {
                    <span class="figure-was">{ format!("recorded values: {}", r.median_text_in(lang)) }</span>
                }
            </div>
        </div>
        <p class="muted">
            { if f.cohort_observed {
                format!("Predicted from the risk score and the Breslow baseline hazard of {baseline_patients}; the cohort figures are Kaplan-Meier estimates over all patients.")
            } else {
                format!("Predicted from the risk score and the Breslow baseline hazard of {baseline_patients}; {why}.")
            } }
            if beyond {
                { format!(" The last event in the training patients was at {:.0} months: later figures hold the hazard flat and are extrapolations.", f.training_follow_up_months) }
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

/// The choice between the study's explanation and those relative to a typical patient:
/// a group of radio buttons whose checked one is the user's choice, busy while the
/// explanation on screen (`shown`) is still the previous one (in a first look only the
/// study's is offered).
fn explanation_choice(
    chosen: &UseStateHandle<Explanation>,
    shown: Explanation,
    typical_offered: bool,
    lang: Lang,
) -> Html {
    html! {
        <fieldset class="explanation-choice" data-testid="explanation-choice"
            aria-busy={(**chosen != shown).then_some("true")}>
            <legend>{ "Explanation on screen" }</legend>
            { for Explanation::ALL.into_iter().map(|e| {
                let chosen = chosen.clone();
                let disabled = !typical_offered && e != Explanation::Study;
                let id = format!("explanation-{}", e.key());
                html! {
                    <label for={id.clone()}>
                        <input type="radio" name="explanation" id={id} value={e.key()}
                            checked={*chosen == e} disabled={disabled}
                            onchange={Callback::from(move |_| chosen.set(e))} />
                        { e.label_in(lang) }
                    </label>
                }
            }) }
        </fieldset>
    }
}

fn contribution_table(
    session: &SessionSummary,
    view: &PatientView,
    recorded_relevance: Option<&[f32]>,
    typical: Option<&TypicalNote>,
    on_along: Callback<usize>,
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
                        <td>{ c.name.clone() }{ " " }
                            <button type="button" class="link" data-testid="vary-marker"
                                title={format!("Show this patient's risk as {} varies", c.name)}
                                onclick={{ let on_along = on_along.clone(); let j = c.marker; Callback::from(move |_: MouseEvent| on_along.emit(j)) }}>
                                { "vary" }
                            </button>
                        </td>
                        <td><span class="tag">{ c.modality.clone() }</span></td>
                        <td>{ c.value_text.clone() }{ if c.out_of_range { " (outside reference range)" } else { "" } }{ c.typical_text.as_ref().map(|t| format!("; typical {t}")).unwrap_or_default() }</td>
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
            if let Some(t) = typical {
                <tr data-testid="typical-row"><td colspan="4">{ "Typical patient's risk score (where the bars start)" }</td><td class="num" data-value={t.risk.to_string()}>{ format!("{:+.4}", t.risk) }</td>
                    if recorded_relevance.is_some() { <td></td> }<td></td></tr>
            } else {
                <tr><td colspan="4">{ "Absorbed by network biases" }</td><td class="num">{ format!("{:+.4}", view.accounting.bias_relevance) }</td>
                    if recorded_relevance.is_some() { <td></td> }<td></td></tr>
            }
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

/// Along one marker: the picker and the patient's profile, with its numbers as a table.
fn along_panel(
    session: &SessionSummary,
    request: Option<&ViewRequest>,
    answer: Option<(Result<Box<MarkerProfile>, Failure>, f64)>,
    on_along: Callback<usize>,
) -> Html {
    let chosen = match request {
        Some(ViewRequest::MarkerProfile { marker, .. }) => Some(*marker),
        _ => None,
    };
    let on_change = Callback::from(move |e: Event| {
        if let Some(v) = select_value(&e).and_then(|v| v.parse::<usize>().ok()) {
            on_along.emit(v);
        }
    });
    let body = match answer {
        None => {
            html! { <p class="computing" role="status" aria-live="polite">{ "Varying the marker\u{2026}" }</p> }
        }
        Some((Err(e), _)) => {
            html! { <p class="error" role="alert">{ format!("The profile could not be computed: {e}") }</p> }
        }
        Some((Ok(p), ms)) => {
            let own = p.own();
            let own_text = if own.value.is_nan() {
                format!(
                    "This patient has no {} recorded: the model imputes it (the \"missing\" row of the table), so no value is marked.",
                    p.heading.name
                )
            } else {
                format!(
                    "The black line and dot mark this patient's own value, {}, where the risk score is the one the waterfall adds up to ({:+.3}).",
                    own.text, own.risk
                )
            };
            let caption = format!(
                "Patient {}'s risk score (top) and predicted 1- and 2-year survival (middle) as {} varies over the cohort's observed range ({}), every other marker as recorded; grey bars beneath count the cohort's patients at each value ({} missing). {own_text} The curve shows what the model does, not what would happen to the patient.",
                p.patient_id,
                p.heading.name,
                if p.heading.levels {
                    "each level"
                } else {
                    "its 5% quantiles"
                },
                p.distribution.n_missing,
            );
            html! {
                <div data-testid="along-profile" data-marker={p.heading.marker.to_string()} data-ms={format!("{ms:.2}")}>
                <ChartView<ProfileChart>
                    chart={ProfileChart { profile: (*p).clone() }}
                    caption={caption}
                    alt={format!("Line chart of patient {}'s risk score and survival as {} varies; the table below lists them.", p.patient_id, p.heading.name)}
                    testid="along-chart">
                    <table class="numbers" data-testid="along-table">
                        <caption>{ format!("Patient {} along {}", p.patient_id, p.heading.name) }</caption>
                        <thead><tr>
                            <th scope="col">{ "Value" }</th>
                            <th scope="col" class="num">{ "Risk score" }</th>
                            { for p.horizon_years.iter().map(|y| html! { <th scope="col" class="num">{ format!("{y:.0}-year survival") }</th> }) }
                        </tr></thead>
                        <tbody>
                        { for p.points.iter().chain([&p.missing]).map(|q| html! {
                            <tr class={classes!(q.own.then_some("own"))} data-own={if q.own { "true" } else { "false" }}>
                                <td>{ q.text.clone() }{ if q.own { " (this patient)" } else { "" } }</td>
                                <td class="num" data-value={q.risk.to_string()}>{ format!("{:+.3}", q.risk) }</td>
                                { for q.survival.iter().map(|s| html! { <td class="num">{ percent(*s) }</td> }) }
                            </tr>
                        }) }
                        </tbody>
                    </table>
                    <table class="numbers" data-testid="along-distribution">
                        <caption>{ format!("The cohort's {} ({} missing)", p.heading.name, p.distribution.n_missing) }</caption>
                        <thead><tr><th scope="col">{ if p.heading.levels { "Level" } else { "Range" } }</th><th scope="col" class="num">{ "Patients" }</th></tr></thead>
                        <tbody>
                        { for p.distribution.bars.iter().map(|b| html! { <tr><td>{ b.label.clone() }</td><td class="num">{ b.count }</td></tr> }) }
                        </tbody>
                    </table>
                </ChartView<ProfileChart>>
                </div>
            }
        }
    };
    html! {
        <section class="along" aria-labelledby="along-heading" data-testid="along-panel">
            <h3 id="along-heading">{ "Along one marker" }</h3>
            <label>{ "Marker " }
                <select onchange={on_change} data-testid="along-marker" aria-label="Marker varied for this patient">
                    { for session.markers.iter().enumerate().map(|(j, m)| html! {
                        <option value={j.to_string()} selected={Some(j) == chosen}>{ m.name.clone() }</option>
                    }) }
                </select>
            </label>
            { body }
        </section>
    }
}
