//! The patient view: predicted survival at one and two years and the median against the
//! cohort, the survival curve, risk score with percentile and group, what the model does
//! not know, the waterfall of contributions with modality totals and the accounting line,
//! the what-if form, the relevance export and the printable one-page report.
//!
//! The component only wires: every number comes from `survlens_app`'s patient modules.
//! What-if edits live in this component's state and are evaluated on a copy of the
//! patient's values; the loaded session is never modified.

use survlens_app::core::error::Failure;
use survlens_app::core::format::percent_in;
use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::core::origin::ModelOrigin;
use survlens_app::core::session::{SessionSummary, rule_in};
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
use gloo::timers::callback::Timeout;

#[function_component]
pub fn PatientPanel(props: &ViewProps) -> Html {
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

    // The sections below the patient's explanation (along one marker, with a choice among
    // every marker; the explanation over time; side by side) are built in a task of their own
    // after the first report is on screen, so that the page paints the patient before them
    // and no single task builds the whole view.
    let below_built = use_state(|| false);
    {
        let below_built = below_built.clone();
        use_effect_with(shown.is_some(), move |&on_screen| {
            let pending = (on_screen && !*below_built)
                .then(|| Timeout::new(0, move || below_built.set(true)));
            move || drop(pending)
        });
    }

    let Some((report, recompute_ms)) = shown else {
        return html! {
            <section class="patient" data-testid="patient-pending" aria-busy="true">
                <p class="computing" role="status" aria-live="polite">{ lang.t("ui-patient-explaining") }</p>
            </section>
        };
    };
    // A new patient the worker refused: its reason, not an empty view.
    let refused = answer.as_ref().and_then(|a| match &a.reply {
        ViewReply::NewPatient(Err(e)) => Some(e.message(lang).to_owned()),
        _ => None,
    });
    let Some(report) = report else {
        return match refused {
            Some(why) => html! {
                <section class="patient" data-testid="patient-view">
                    <p class="error" role="alert" data-testid="new-patient-refused">
                        { lang.t_with("ui-patient-new-refused", &[("reason", Arg::Text(&why))]) }
                    </p>
                </section>
            },
            None => {
                html! { <section class="patient" data-testid="patient-view"><p>{ lang.t("ui-patient-none") }</p></section> }
            }
        };
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
        .map(|(_, why)| why.message(lang).to_owned());
    let curve = report
        .curves
        .as_ref()
        .map(|c| curve_chart(lang, &view.id, c));
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
    let printed = today(lang);
    let baseline_patients = &baseline_patients(lang, &session.origin);
    // A first look at the cohort's first patient: the cohort's survival follows.
    let no_cohort_curve = if session.first_look_of.is_some() {
        lang.t("ui-patient-cohort-follows")
    } else {
        lang.t("ui-patient-no-outcomes")
    };

    html! {
        <section class={classes!("patient", active.then_some("whatif-active"))}
            ref={section}
            aria-labelledby="patient-heading" data-testid="patient-view" data-patient-id={view.id.clone()}
            data-whatif={if active { "on" } else { "off" }} data-recompute-ms={recompute}
            data-report-ms={format!("{recompute_ms:.2}")}>
            <p class="print-only report-head">
                { lang.t_with("ui-patient-report-head", &[("title", Arg::Text(&session.title.text(lang))), ("explanation", Arg::Text(&report.explanation.label_in(lang).to_lowercase())), ("date", Arg::Text(&printed))]) }
            </p>
            <div class="patient-head">
                <h2 id="patient-heading">{ if report.new_patient { lang.t("ui-patient-new-heading") } else { lang.t_with("ui-patient-heading", &[("id", Arg::Text(&view.id))]) } }
                    if !view.entity.is_empty() { <span class="entity">{ view.entity.clone() }</span> }
                    { trained_tag(lang, report.trained_on) }
                </h2>
                <div class="patient-tools">
                    <button type="button" class="secondary" onclick={on_print} data-testid="print-report">{ lang.t("ui-patient-print") }</button>
                    <button type="button" class="secondary" onclick={on_export} data-testid="export-relevance" hidden={report.new_patient}
                        title={lang.t("ui-patient-export-title")}>
                        { lang.t("ui-patient-export") }
                    </button>
                </div>
            </div>
            if !report.new_patient && session.opening.index == index {
                <p class="muted opened" data-testid="opened-why">{ session.opening.sentence_in(lang, session.n_patients()) }</p>
            }
            if let Some(e) = export_failure {
                <p class="error" role="alert">{ lang.t_with("ui-patient-export-failed", &[("reason", Arg::Text(&e))]) }</p>
            }
            if active {
                <p class="whatif-banner" role="status">{ lang.t("ui-patient-whatif-banner") }</p>
            }

            { survival_figures(lang, report.figures.as_ref(), report.recorded_figures.as_ref(), baseline_patients, session.first_look_of.is_some()) }

            <dl class="risk-summary">
                <div><dt>{ lang.t("ui-patient-risk-group") }</dt><dd class={format!("group-{}", view.group.key())} data-testid="risk-group">{ view.group.label_in(lang) }</dd></div>
                <div><dt>{ lang.t("ui-patient-percentile") }</dt><dd data-testid="risk-percentile">{ ordinal(lang, view.percentile) }</dd></div>
                <div><dt>{ lang.t("ui-patient-risk-score") }</dt>
                    <dd data-testid="risk-score" data-value={view.risk.to_string()} data-original={report.recorded_risk.to_string()}>
                        { lang.signed(f64::from(view.risk), 3) }
                        if active {
                            <span class={classes!("delta", if view.risk >= report.recorded_risk { "raises" } else { "lowers" })}>
                                { format!(" ({})", lang.signed(f64::from(view.risk - report.recorded_risk), 3)) }
                            </span>
                        }
                    </dd>
                </div>
            </dl>
            <p class="muted">{ report.risk_note.clone() }</p>

            <section class="limits" aria-labelledby="limits-heading" data-testid="model-limits">
                <h3 id="limits-heading">{ lang.t("ui-patient-limits-heading") }</h3>
                if report.limits.is_empty() {
                    <p class="muted">{ lang.t("ui-patient-limits-none") }</p>
                } else {
                    <ul>
                        { for report.limits.iter().filter(|l| !matches!(l, Limitation::Missing { .. })).map(|l| html! { <li>{ l.sentence_in(lang) }</li> }) }
                        if !missing.is_empty() {
                            <li>
                                { lang.t_with("ui-patient-missing", &[("n", Arg::Count(missing.len() as u64))]) }
                                <details>
                                    <summary>{ lang.t("ui-patient-missing-which") }</summary>
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
                        <h3>{ lang.t("ui-patient-predicted-survival") }</h3>
                        <ChartView<SurvivalCurveChart>
                            chart={curve.clone()}
                            caption={if curve.cohort.is_empty() {
                                lang.t_with("ui-patient-curve-caption-alone", &[("baseline", Arg::Text(baseline_patients)), ("why", Arg::Text(&no_cohort_curve))])
                            } else {
                                lang.t_with("ui-patient-curve-caption", &[("baseline", Arg::Text(baseline_patients))])
                            }}
                            alt={if curve.cohort.is_empty() {
                                lang.t_with("ui-patient-curve-alt-alone", &[("id", Arg::Text(&view.id))])
                            } else {
                                lang.t_with("ui-patient-curve-alt", &[("id", Arg::Text(&view.id))])
                            }}
                            testid="survival-chart">
                            { curve_table(lang, &curve) }
                        </ChartView<SurvivalCurveChart>>
                    }

                    <h3>{ lang.t("ui-patient-drivers-heading") }</h3>
                    { explanation_choice(lang, &explanation, report.explanation, report.typical_offered) }
                    <ChartView<WaterfallChart>
                        chart={WaterfallChart { patient: view.id.clone(), waterfall: report.waterfall.clone(), lang }}
                        caption={waterfall_caption(lang, active, report.waterfall.cohort_mean.is_some(), report.typical.as_ref())}
                        alt={lang.t_with("ui-patient-waterfall-alt", &[
                            ("n", Arg::Count(view.top.len() as u64)),
                            ("id", Arg::Text(&view.id)),
                            ("start", Arg::Text(&lang.signed(f64::from(report.waterfall.start), 3))),
                            ("end", Arg::Text(&lang.signed(f64::from(view.risk), 3))),
                        ])}
                        testid="contribution-chart"
                        on_pick={(!report.new_patient).then(|| on_along.clone())}>
                        // A wide table scrolls within its column instead of running under the side panel.
                        <div class="table-wide">{ contribution_table(lang, &session, view, report.recorded_relevance.as_deref(), report.typical.as_ref(), on_along.clone()) }</div>
                    </ChartView<WaterfallChart>>
                    <p class="accounting" data-testid="accounting" role="status" aria-live="polite">{ report.explanation_note.clone() }</p>
                    <p class="disclaimer">{ lang.t("ui-patient-disclaimer") }</p>
                    if !report.new_patient { <super::patient_stability::PatientStability ..props.clone() /> }

                    <h3>{ lang.t("ui-patient-modality-heading") }</h3>
                    { modality_table(lang, view) }

                    if !report.new_patient && *below_built {
                        { along_panel(lang, &session, along_request.as_ref(), along_answer, on_along.clone()) }
                        <super::patient_over_time::PatientOverTime ..props.clone() />
                        <SideBySidePanel view={props.clone()} explanation={*explanation} />
                    }
                </div>
                <aside class="patient-side" aria-label={lang.t("ui-patient-whatif-label")}>
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

/// Today's date as the printed report names it, "5 December 2026" in English (unambiguous in
/// every locale), "05.12.2026" in German (DIN 5008), made without the browser's locale data
/// (whose first use costs a few tens of milliseconds of the page's first render).
/// The tag beside the patient's heading: whether the model was fitted on this patient
/// (nothing when the session does not tell training from held-out patients).
fn trained_tag(lang: Lang, trained_on: Option<bool>) -> Html {
    let (key, title) = match trained_on {
        Some(true) => ("ui-patient-training", "ui-patient-training-title"),
        Some(false) => ("ui-patient-held-out", "ui-patient-held-out-title"),
        None => return Html::default(),
    };
    html! {
        <span class="tag trained-on" data-testid="trained-on" data-trained={trained_on.unwrap_or(false).to_string()}
            title={lang.t(title)}>{ lang.t(key) }</span>
    }
}

fn today(lang: Lang) -> String {
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
    if lang == Lang::De {
        return lang.date(
            date.get_full_year() as i32,
            date.get_month() + 1,
            date.get_date(),
        );
    }
    let month = MONTHS
        .get(date.get_month() as usize)
        .copied()
        .unwrap_or_default();
    format!("{} {month} {}", date.get_date(), date.get_full_year())
}

/// Whose baseline hazard the survival figures rest on, as a sentence names them (the
/// patients of [`ModelOrigin::baseline_patients`], in the page's language).
fn baseline_patients(lang: Lang, origin: &ModelOrigin) -> String {
    match origin {
        ModelOrigin::Onnx { .. } => lang.t("ui-patient-baseline-onnx"),
        ModelOrigin::File { .. } => lang.t("ui-patient-baseline-file"),
        ModelOrigin::DefaultModel => lang.t("ui-patient-baseline-default"),
        ModelOrigin::Unrecorded | ModelOrigin::Trained(_) => lang.t("ui-patient-baseline-trained"),
    }
}

/// The survival chart of patient `id`.
fn curve_chart(lang: Lang, id: &str, curves: &PatientCurves) -> SurvivalCurveChart {
    SurvivalCurveChart {
        patient: id.to_owned(),
        cohort: curves.cohort.clone(),
        ci_level: curves.ci_level,
        predicted: curves.predicted.clone(),
        what_if: curves.what_if.clone(),
        horizon_months: curves.horizon_months,
        lang,
    }
}

/// The waterfall's caption: where the bars start (0, the baseline hazard, or the typical
/// patient's risk score `typical`) and what they add up to.
fn waterfall_caption(
    lang: Lang,
    what_if: bool,
    cohort_mean: bool,
    typical: Option<&TypicalNote>,
) -> AttrValue {
    let mean = if cohort_mean {
        lang.t("ui-patient-waterfall-mean")
    } else {
        lang.t("ui-patient-waterfall-mean-later")
    };
    let base = match typical {
        None => lang.t_with(
            "ui-patient-waterfall-caption",
            &[("mean", Arg::Text(&mean))],
        ),
        Some(t) => lang.t_with(
            "ui-patient-waterfall-caption-typical",
            &[
                ("typical", Arg::Text(&lang.signed(f64::from(t.risk), 3))),
                (
                    "risk",
                    Arg::Text(&lang.signed(f64::from(t.risk + t.difference), 3)),
                ),
                ("mean", Arg::Text(&mean)),
            ],
        ),
    };
    if what_if {
        AttrValue::from(lang.t_with(
            "ui-patient-waterfall-caption-whatif",
            &[("caption", Arg::Text(&base))],
        ))
    } else {
        AttrValue::from(base)
    }
}

/// "37th", "1st", "22nd", "100th"; in a first look, before the cohort is explained, what
/// the percentile waits for.
fn ordinal(lang: Lang, percentile: f32) -> String {
    if percentile.is_nan() {
        return lang.t("ui-patient-percentile-later");
    }
    let n = percentile.round() as u32;
    if lang == Lang::De {
        // German writes an ordinal number with a full stop: "37.".
        return format!("{n}.");
    }
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
    lang: Lang,
    figures: Option<&SurvivalFigures>,
    recorded: Option<&SurvivalFigures>,
    baseline_patients: &str,
    first_look: bool,
) -> Html {
    let (no_cohort, why) = if first_look {
        (
            lang.t("ui-patient-cohort-follows"),
            lang.t("ui-patient-cohort-follows"),
        )
    } else {
        (
            lang.t("ui-patient-no-observed"),
            lang.t("ui-patient-no-outcomes"),
        )
    };
    let Some(f) = figures else {
        return html! { <p class="warning">{ lang.t("ui-patient-no-figures") }</p> };
    };
    let beyond = f.horizons.iter().any(|h| h.beyond_training);
    html! {
        <>
        <div class="survival-figures" aria-label={lang.t("ui-patient-predicted-survival")}>
            { for f.horizons.iter().enumerate().map(|(k, h)| {
                let (lo, hi) = h.cohort_ci;
                html! {
                    <div class="figure" data-testid={format!("survival-{}y", h.years)} data-value={h.predicted.to_string()}>
                        <span class="figure-label">{ lang.t_with("ui-patient-figure-years", &[("years", Arg::Text(&lang.decimal(h.years, 0)))]) }</span>
                        <span class="figure-value">{ h.predicted_text_in(lang) }</span>
                        <span class="figure-compare">{ if f.cohort_observed {
                            lang.t_with("ui-patient-figure-cohort", &[
                                ("value", Arg::Text(&percent_in(h.cohort, lang))),
                                ("level", Arg::Text(&lang.decimal(100.0 * f.ci_level, 0))),
                                ("low", Arg::Text(&percent_in(lo, lang))),
                                ("high", Arg::Text(&percent_in(hi, lang))),
                            ])
                        } else {
                            no_cohort.clone()
                        } }</span>
                        if let Some(r) = recorded {
                            <span class="figure-was">{ lang.t_with("ui-patient-figure-recorded", &[("value", Arg::Text(&r.horizons[k].predicted_text_in(lang)))]) }</span>
                        }
                    </div>
                }
            }) }
            <div class="figure" data-testid="median-survival" data-value={f.median_months.map(|m| m.to_string()).unwrap_or_default()}>
                <span class="figure-label">{ lang.t("ui-patient-figure-median") }</span>
                <span class="figure-value">{ f.median_text_in(lang) }</span>
                <span class="figure-compare">{ if f.cohort_observed {
                    lang.t_with("ui-patient-figure-cohort-median", &[("value", Arg::Text(&f.cohort_median_text_in(lang)))])
                } else {
                    no_cohort.clone()
                } }</span>
                if let Some(r) = recorded {
                    <span class="figure-was">{ lang.t_with("ui-patient-figure-recorded", &[("value", Arg::Text(&r.median_text_in(lang)))]) }</span>
                }
            </div>
        </div>
        <p class="muted">
            { if f.cohort_observed {
                lang.t_with("ui-patient-figures-note", &[("baseline", Arg::Text(baseline_patients))])
            } else {
                lang.t_with("ui-patient-figures-note-alone", &[("baseline", Arg::Text(baseline_patients)), ("why", Arg::Text(&why))])
            } }
            if beyond {
                { lang.t_with("ui-patient-figures-beyond", &[("months", Arg::Text(&lang.decimal(f.training_follow_up_months, 0)))]) }
            }
        </p>
        </>
    }
}

fn curve_table(lang: Lang, chart: &SurvivalCurveChart) -> Html {
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
            <caption>{ lang.t("ui-patient-curve-table") }</caption>
            <thead><tr>
                <th scope="col" class="num">{ lang.t("ui-patient-curve-months") }</th>
                <th scope="col" class="num">{ lang.t("ui-patient-curve-predicted") }</th>
                if chart.what_if.is_some() { <th scope="col" class="num">{ lang.t("ui-patient-whatif-label") }</th> }
                if !chart.cohort.is_empty() {
                    <th scope="col" class="num">{ lang.t("ui-patient-curve-cohort") }</th>
                    <th scope="col" class="num">{ lang.t_with("ui-patient-curve-ci", &[("level", Arg::Text(&lang.decimal(100.0 * chart.ci_level, 0)))]) }</th>
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
                        <td class="num">{ p.map(|p| percent_in(p.survival, lang)).unwrap_or_default() }</td>
                        if chart.what_if.is_some() { <td class="num">{ w.map(|p| percent_in(p.survival, lang)).unwrap_or_default() }</td> }
                        if !chart.cohort.is_empty() {
                            <td class="num">{ c.map(|p| percent_in(p.survival, lang)).unwrap_or_default() }</td>
                            <td class="num">{ c.map(|p| format!("{}–{}", percent_in(p.lower, lang), percent_in(p.upper, lang))).unwrap_or_default() }</td>
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
    lang: Lang,
    chosen: &UseStateHandle<Explanation>,
    shown: Explanation,
    typical_offered: bool,
) -> Html {
    html! {
        <fieldset class="explanation-choice" data-testid="explanation-choice"
            aria-busy={(**chosen != shown).then_some("true")}>
            <legend>{ lang.t("ui-patient-explanation-choice") }</legend>
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
    lang: Lang,
    session: &SessionSummary,
    view: &PatientView,
    recorded_relevance: Option<&[f32]>,
    typical: Option<&TypicalNote>,
    on_along: Callback<usize>,
) -> Html {
    html! {
        <table class="contributions" data-testid="contribution-table">
            <caption>{ lang.t_with("ui-patient-top", &[("n", Arg::Count(view.top.len() as u64)), ("rule", Arg::Text(&rule_in(&session.rule, lang)))]) }</caption>
            <thead><tr>
                <th scope="col">{ lang.t("ui-patient-col-marker") }</th><th scope="col">{ lang.t("ui-patient-col-modality") }</th><th scope="col">{ lang.t("ui-patient-col-value") }</th>
                <th scope="col">{ lang.t("ui-patient-col-range") }</th>
                <th scope="col" class="num">{ lang.t("ui-patient-col-relevance") }</th>
                if recorded_relevance.is_some() { <th scope="col" class="num">{ lang.t("ui-patient-col-change") }</th> }
                <th scope="col">{ lang.t("ui-patient-col-effect") }</th>
            </tr></thead>
            <tbody>
            { for view.top.iter().map(|c| {
                let info = &session.markers[c.marker];
                let range = info.reference_range.map(|(lo, hi)| {
                    let (lo, hi) = (lang.number_text(&lo.to_string()), lang.number_text(&hi.to_string()));
                    if info.unit.is_empty() { format!("{lo}–{hi}") } else { format!("{lo}–{hi} {}", info.unit_in(lang)) }
                }).unwrap_or_default();
                let delta = recorded_relevance.and_then(|r| r.get(c.marker)).map(|r| c.relevance - r);
                html! {
                    <tr data-marker={info.id.clone()}>
                        <td>{ c.name.clone() }{ " " }
                            <button type="button" class="link" data-testid="vary-marker"
                                title={lang.t_with("ui-patient-vary-title", &[("marker", Arg::Text(&c.name))])}
                                onclick={{ let on_along = on_along.clone(); let j = c.marker; Callback::from(move |_: MouseEvent| on_along.emit(j)) }}>
                                { lang.t("ui-patient-vary") }
                            </button>
                        </td>
                        <td><span class="tag">{ c.modality.clone() }</span></td>
                        <td>{ c.value_text.clone() }{ if c.out_of_range { lang.t("ui-patient-out-of-range") } else { String::new() } }{ c.typical_text.as_ref().map(|t| lang.t_with("ui-patient-typical-value", &[("value", Arg::Text(t))])).unwrap_or_default() }</td>
                        <td>{ range }</td>
                        <td class="num" data-value={c.relevance.to_string()}>{ lang.signed(f64::from(c.relevance), 4) }</td>
                        if let Some(d) = delta { <td class="num" data-delta={d.to_string()}>{ lang.signed(f64::from(d), 4) }</td> }
                        <td>{ match c.direction { Direction::RaisesRisk => lang.t("ui-patient-raises"), Direction::LowersRisk => lang.t("ui-patient-lowers") } }</td>
                    </tr>
                }
            }) }
            if view.n_others > 0 {
                <tr><td colspan="4">{ lang.t_with("ui-patient-others", &[("n", Arg::Count(view.n_others as u64))]) }</td><td class="num">{ lang.signed(f64::from(view.others), 4) }</td>
                    if recorded_relevance.is_some() { <td></td> }<td></td></tr>
            }
            if let Some(t) = typical {
                <tr data-testid="typical-row"><td colspan="4">{ lang.t("ui-patient-typical-row") }</td><td class="num" data-value={t.risk.to_string()}>{ lang.signed(f64::from(t.risk), 4) }</td>
                    if recorded_relevance.is_some() { <td></td> }<td></td></tr>
            } else {
                <tr><td colspan="4">{ lang.t("ui-patient-biases") }</td><td class="num">{ lang.signed(f64::from(view.accounting.bias_relevance), 4) }</td>
                    if recorded_relevance.is_some() { <td></td> }<td></td></tr>
            }
            <tr class="total"><td colspan="4">{ lang.t("ui-patient-total") }</td><td class="num">{ lang.signed(f64::from(view.risk), 4) }</td>
                if recorded_relevance.is_some() { <td></td> }<td></td></tr>
            </tbody>
        </table>
    }
}

fn modality_table(lang: Lang, view: &PatientView) -> Html {
    let largest = view
        .modality_totals
        .iter()
        .map(|t| t.relevance.abs())
        .fold(1e-6f32, f32::max);
    html! {
        <table class="modality-totals" data-testid="modality-totals">
            <caption>{ lang.t("ui-patient-modality-caption") }</caption>
            <thead><tr><th scope="col">{ lang.t("ui-patient-col-modality") }</th><th scope="col" class="num">{ lang.t("ui-patient-col-markers") }</th><th scope="col" class="num">{ lang.t("ui-patient-col-sum") }</th><th scope="col"><span class="visually-hidden">{ lang.t("ui-patient-col-bar") }</span></th></tr></thead>
            <tbody>
            { for view.modality_totals.iter().map(|t| {
                let width = format!("width: {:.1}%", 100.0 * t.relevance.abs() / largest);
                let class = if t.relevance >= 0.0 { "bar raises-bg" } else { "bar lowers-bg" };
                html! {
                    <tr>
                        <td>{ t.modality.clone() }</td>
                        <td class="num">{ t.n_markers }</td>
                        <td class="num" data-value={t.relevance.to_string()}>{ lang.signed(f64::from(t.relevance), 3) }</td>
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
    lang: Lang,
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
            html! { <p class="computing" role="status" aria-live="polite">{ lang.t("ui-patient-along-computing") }</p> }
        }
        Some((Err(e), _)) => {
            html! { <p class="error" role="alert">{ lang.t_with("ui-patient-along-failed", &[("reason", Arg::Text(&e.to_string()))]) }</p> }
        }
        Some((Ok(p), ms)) => {
            let own = p.own();
            let own_text = if own.value.is_nan() {
                lang.t_with(
                    "ui-patient-along-own-missing",
                    &[("marker", Arg::Text(&p.heading.name))],
                )
            } else {
                lang.t_with(
                    "ui-patient-along-own",
                    &[
                        ("value", Arg::Text(&own.text)),
                        ("risk", Arg::Text(&lang.signed(f64::from(own.risk), 3))),
                    ],
                )
            };
            let caption = lang.t_with(
                if p.heading.levels {
                    "ui-patient-along-caption-levels"
                } else {
                    "ui-patient-along-caption"
                },
                &[
                    ("id", Arg::Text(&p.patient_id)),
                    ("marker", Arg::Text(&p.heading.name)),
                    ("missing", Arg::Count(p.distribution.n_missing as u64)),
                    ("own", Arg::Text(&own_text)),
                ],
            );
            html! {
                <div data-testid="along-profile" data-marker={p.heading.marker.to_string()} data-ms={format!("{ms:.2}")}>
                <ChartView<ProfileChart>
                    chart={ProfileChart { profile: (*p).clone(), lang }}
                    caption={caption}
                    alt={lang.t_with("ui-patient-along-alt", &[("id", Arg::Text(&p.patient_id)), ("marker", Arg::Text(&p.heading.name))])}
                    testid="along-chart">
                    <table class="numbers" data-testid="along-table">
                        <caption>{ lang.t_with("ui-patient-along-table", &[("id", Arg::Text(&p.patient_id)), ("marker", Arg::Text(&p.heading.name))]) }</caption>
                        <thead><tr>
                            <th scope="col">{ lang.t("ui-patient-col-value") }</th>
                            <th scope="col" class="num">{ lang.t("ui-patient-col-risk-score") }</th>
                            { for p.horizon_years.iter().map(|y| html! { <th scope="col" class="num">{ lang.t_with("ui-patient-col-year-survival", &[("years", Arg::Text(&lang.decimal(f64::from(*y), 0)))]) }</th> }) }
                        </tr></thead>
                        <tbody>
                        { for p.points.iter().chain([&p.missing]).map(|q| html! {
                            <tr class={classes!(q.own.then_some("own"))} data-own={if q.own { "true" } else { "false" }}>
                                <td>{ q.text.clone() }{ if q.own { lang.t("ui-patient-along-this") } else { String::new() } }</td>
                                <td class="num" data-value={q.risk.to_string()}>{ lang.signed(f64::from(q.risk), 3) }</td>
                                { for q.survival.iter().map(|s| html! { <td class="num">{ percent_in(f64::from(*s), lang) }</td> }) }
                            </tr>
                        }) }
                        </tbody>
                    </table>
                    <table class="numbers" data-testid="along-distribution">
                        <caption>{ lang.t_with("ui-patient-along-distribution", &[("marker", Arg::Text(&p.heading.name)), ("missing", Arg::Count(p.distribution.n_missing as u64))]) }</caption>
                        <thead><tr><th scope="col">{ if p.heading.levels { lang.t("ui-patient-col-level") } else { lang.t("ui-patient-col-range-bin") } }</th><th scope="col" class="num">{ lang.t("ui-patient-col-patients") }</th></tr></thead>
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
            <h3 id="along-heading">{ lang.t("ui-patient-along-heading") }</h3>
            <label>{ lang.t("ui-patient-col-marker") }{ " " }
                <select onchange={on_change} data-testid="along-marker" aria-label={lang.t("ui-patient-along-select")}>
                    { for session.markers.iter().enumerate().map(|(j, m)| html! {
                        <option value={j.to_string()} selected={Some(j) == chosen}>{ m.name_in(lang) }</option>
                    }) }
                </select>
            </label>
            { body }
        </section>
    }
}
