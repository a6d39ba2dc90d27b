//! The cohort overview: the cohort at a glance, Kaplan-Meier curves of the model's risk
//! groups, and Harrell's C of the model beside the conventional scores. Every number comes
//! from `survlens_app::views::cohort_view`; this component only lays them out.

use survlens_app::core::cohort_kind::{CohortKind, Endpoint};
use survlens_app::core::format::{p_clause, share_percent};
use survlens_app::core::session::SessionSummary;
use survlens_app::job::views::{ViewError, ViewReply, ViewRequest};
use survlens_app::views::cohort_view::{
    CIndexRow, CohortSummary, Discrimination, GroupSurvival, Population, RiskGroupCounts,
    RiskGroupSurvival, RiskGrouping, ScoreComparison, format_c, format_c_difference,
};
use survlens_app::views::measured::RISK_GROUP_CALIBRATION;
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::charts::ChartView;
use super::charts::km::{KmChart, css, group_colour};
use super::{ViewProps, use_ask, use_lang};

/// Survival is read off the curves at these months in the group table (one and two years).
const LANDMARKS: [f64; 2] = [12.0, 24.0];

#[function_component]
pub fn CohortView(props: &ViewProps) -> Html {
    let lang = use_lang();
    let grouping = use_state(RiskGrouping::default);
    let population = use_state(Population::default);
    let session = props.session.clone();

    // Computed by the worker, where the cohort lives: the summary and the C-indices once per
    // cohort, the curves per grouping and population. The view asks for what it lacks.
    let curves_request = ViewRequest::RiskGroupSurvival {
        grouping: *grouping,
        population: *population,
    };
    use_ask(
        props,
        vec![
            ViewRequest::CohortSummary,
            ViewRequest::Discrimination,
            curves_request.clone(),
        ],
    );
    let answer = |request: &ViewRequest| props.answers.get(request).map(|a| (&a.reply, a.ms));
    let summary = match answer(&ViewRequest::CohortSummary) {
        Some((ViewReply::CohortSummary(s), _)) => Some(s),
        _ => None,
    };
    let discrimination = match answer(&ViewRequest::Discrimination) {
        Some((ViewReply::Discrimination(d), ms)) => Some((d, ms)),
        _ => None,
    };
    // The last curves stay while those of a new grouping are on their way; their table
    // names their groups.
    let survival = match props
        .answers
        .current_or_last(&curves_request)
        .map(|a| (&a.reply, a.ms))
    {
        Some((ViewReply::RiskGroupSurvival(c), ms)) => Some((c, ms)),
        _ => None,
    };
    let counts = match answer(&ViewRequest::RiskGroupCounts) {
        Some((ViewReply::RiskGroupCounts(c), _)) => Some(c),
        _ => None,
    };
    {
        // A cohort without outcomes shows its patients per group instead of curves.
        let no_outcomes = matches!(survival, Some((Err(ViewError::NoOutcomes { .. }), _)));
        let (ask, present) = (
            props.ask.clone(),
            props.answers.contains(&ViewRequest::RiskGroupCounts),
        );
        use_effect_with((props.generation, no_outcomes), move |(_, no_outcomes)| {
            if *no_outcomes && !present {
                ask.emit(ViewRequest::RiskGroupCounts);
            }
        });
    }

    let on_grouping = {
        let grouping = grouping.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            {
                let chosen = RiskGrouping::ALL
                    .into_iter()
                    .find(|g| g.label() == select.value())
                    .unwrap_or_default();
                grouping.set(chosen);
            }
        })
    };
    let on_population = {
        let population = population.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            {
                let chosen = Population::ALL
                    .into_iter()
                    .find(|p| p.label() == select.value())
                    .unwrap_or_default();
                population.set(chosen);
            }
        })
    };

    let ms = |timed: Option<f64>| timed.map(|ms| format!("{ms:.1}"));
    html! {
        <div class="cohort" data-testid="cohort-view"
            data-discrimination-ms={ms(discrimination.map(|(_, ms)| ms))}
            data-km-ms={ms(survival.map(|(_, ms)| ms))}>
            <section class="panel" aria-labelledby="cohort-heading">
                <h2 id="cohort-heading">{ "Cohort overview" }</h2>
                <p class="muted">{ session.title.text(lang) }</p>
                { match summary {
                    None => computing("Summarising the cohort\u{2026}"),
                    Some(Ok(summary)) => summary_panel(summary, &session.kind),
                    Some(Err(e)) => failure(&e.to_string()),
                } }
            </section>
            <section class="panel" aria-labelledby="km-heading">
                <h2 id="km-heading">{ "Survival by model risk group" }</h2>
                if session.has_outcomes {
                <div class="controls">
                    <label>{ "Risk groups " }
                        <select onchange={on_grouping} aria-label="Risk groups: tertiles or quartiles of the training risk scores" data-testid="grouping">
                        { for RiskGrouping::ALL.iter().map(|g| html! {
                            <option value={g.label()} selected={*g == *grouping}>{ g.label() }</option>
                        }) }
                        </select>
                    </label>
                    <label>{ "Patients " }
                        <select onchange={on_population} aria-label="Patients shown in the curves" data-testid="population">
                        { for Population::ALL.iter().map(|p| html! {
                            <option value={p.label()} selected={*p == *population}>{ p.label() }</option>
                        }) }
                        </select>
                    </label>
                </div>
                }
                { match survival {
                    None => computing("Estimating the survival curves\u{2026}"),
                    Some((Ok(curves), _)) => survival_panel(curves, session.kind.endpoint),
                    Some((Err(e @ ViewError::NoOutcomes { .. }), _)) => match counts {
                        Some(counts) => no_outcomes_groups(&e.to_string(), counts),
                        None => computing("Counting the patients per risk group\u{2026}"),
                    },
                    Some((Err(e), _)) => failure(&e.to_string()),
                } }
            </section>
            <section class="panel" aria-labelledby="c-heading">
                <h2 id="c-heading">{ "How well the model ranks patients: Harrell's C-index" }</h2>
                { match discrimination {
                    None => computing("Computing the C-indices and their bootstrap intervals\u{2026}"),
                    Some((Ok(disc), _)) => discrimination_panel(disc, &session),
                    Some((Err(e @ ViewError::NoOutcomes { .. }), _)) => html! {
                        <p class="note" role="note" data-testid="cindex-no-outcomes">{ e.to_string() }</p>
                    },
                    Some((Err(e), _)) => failure(&e.to_string()),
                } }
            </section>
        </div>
    }
}

/// The risk groups of a file without outcomes: why there are no curves, and how many of
/// its patients fall into each group.
fn no_outcomes_groups(note: &str, counts: &RiskGroupCounts) -> Html {
    let [lo, hi] = counts.cut_offs;
    html! {
        <>
        <p class="note" role="note" data-testid="km-no-outcomes">{ note.to_owned() }</p>
        <table data-testid="risk-group-counts">
            <caption>{ format!("Patients per model risk group (cut-offs {lo:+.3} and {hi:+.3}, log hazard ratio, from the model's own training patients)") }</caption>
            <thead><tr><th scope="col">{ "Group" }</th><th scope="col" class="num">{ "Patients" }</th></tr></thead>
            <tbody>
            { for counts.groups.iter().map(|(label, n)| html! {
                <tr><td>{ label.clone() }</td><td class="num">{ *n }</td></tr>
            }) }
            </tbody>
        </table>
        </>
    }
}

/// What a panel shows while the worker computes its data.
fn computing(what: &str) -> Html {
    html! { <p class="computing" role="status" aria-live="polite">{ what.to_owned() }</p> }
}

fn failure(message: &str) -> Html {
    html! { <p class="error" role="alert">{ format!("This part of the overview could not be computed: {message}.") }</p> }
}

fn months_text(m: Option<f64>, none: &str) -> String {
    m.map_or_else(|| none.to_owned(), |m| format!("{m:.1} months"))
}

fn summary_panel(s: &CohortSummary, kind: &CohortKind) -> Html {
    if !s.has_outcomes {
        return summary_without_outcomes(s, kind);
    }
    let ep = kind.endpoint;
    html! {
        <>
        <dl class="cohort-summary" data-testid="cohort-summary">
            <div><dt>{ "Patients" }</dt><dd>{ s.patients }</dd></div>
            <div><dt>{ format!("{} (event rate)", ep.events_heading()) }</dt><dd>{ format!("{} ({})", s.events, share_percent(s.event_rate())) }</dd></div>
            <div><dt>{ "Event" }</dt><dd data-testid="summary-endpoint">{ ep.describe() }</dd></div>
            <div><dt>{ "Median follow-up" }</dt><dd>{ months_text(s.median_follow_up_months, "not reached") }</dd></div>
            <div><dt>{ format!("Median {}", ep.survival()) }</dt><dd>{ months_text(s.median_survival_months, "not reached") }</dd></div>
            <div><dt>{ kind.groups_label() }</dt><dd>{ s.entities.len() }</dd></div>
        </dl>
        <p class="muted">{ "Follow-up by the reverse Kaplan-Meier method (censoring counted as the event); survival by Kaplan-Meier. A month is 30.44 days." }</p>
        <div class="grid-2">
            <table data-testid="entity-table">
                <caption>{ format!("Patients and {} per {}", ep.events(), kind.group_label().to_lowercase()) }</caption>
                <thead><tr><th scope="col">{ kind.group_label().to_owned() }</th><th scope="col" class="num">{ "Patients" }</th><th scope="col" class="num">{ ep.events_heading() }</th><th scope="col" class="num">{ "Event rate" }</th></tr></thead>
                <tbody>
                { for s.entities.iter().map(|e| html! {
                    <tr>
                        <td>{ e.name.clone() }</td>
                        <td class="num">{ e.patients }</td>
                        <td class="num">{ e.events }</td>
                        <td class="num">{ share_percent(e.events as f64 / e.patients.max(1) as f64) }</td>
                    </tr>
                }) }
                </tbody>
            </table>
            <table data-testid="missingness-table">
                <caption>{ "Missing values by modality: share of the modality's cells (patients × markers)" }</caption>
                <thead><tr><th scope="col">{ "Modality" }</th><th scope="col" class="num">{ "Markers" }</th><th scope="col" class="num">{ "Missing" }</th><th scope="col"><span class="visually-hidden">{ "Bar" }</span></th></tr></thead>
                <tbody>
                { for s.missingness.iter().map(|m| html! {
                    <tr>
                        <td>{ m.modality.clone() }</td>
                        <td class="num">{ m.markers }</td>
                        <td class="num">{ share_percent(m.share()) }</td>
                        <td class="bar-cell" aria-hidden="true">
                            <span class="share-bar" style={format!("width: {:.1}%", 100.0 * m.share())}></span>
                        </td>
                    </tr>
                }) }
                </tbody>
            </table>
        </div>
        </>
    }
}

/// The summary of a file without outcomes: patients, entities and missing values; no
/// deaths, follow-up or survival to report.
fn summary_without_outcomes(s: &CohortSummary, kind: &CohortKind) -> Html {
    html! {
        <>
        <dl class="cohort-summary" data-testid="cohort-summary">
            <div><dt>{ "Patients" }</dt><dd>{ s.patients }</dd></div>
            <div><dt>{ "Events, follow-up, survival" }</dt><dd data-testid="summary-no-outcomes">{ "not in this file (no survival times or events)" }</dd></div>
            <div><dt>{ kind.groups_label() }</dt><dd>{ s.entities.len() }</dd></div>
        </dl>
        <div class="grid-2">
            <table data-testid="entity-table">
                <caption>{ format!("Patients per {}", kind.group_label().to_lowercase()) }</caption>
                <thead><tr><th scope="col">{ kind.group_label().to_owned() }</th><th scope="col" class="num">{ "Patients" }</th></tr></thead>
                <tbody>
                { for s.entities.iter().map(|e| html! {
                    <tr><td>{ e.name.clone() }</td><td class="num">{ e.patients }</td></tr>
                }) }
                </tbody>
            </table>
            { missingness_table(s) }
        </div>
        </>
    }
}

fn missingness_table(s: &CohortSummary) -> Html {
    html! {
        <table data-testid="missingness-table">
            <caption>{ "Missing values by modality: share of the modality's cells (patients × markers)" }</caption>
            <thead><tr><th scope="col">{ "Modality" }</th><th scope="col" class="num">{ "Markers" }</th><th scope="col" class="num">{ "Missing" }</th><th scope="col"><span class="visually-hidden">{ "Bar" }</span></th></tr></thead>
            <tbody>
            { for s.missingness.iter().map(|m| html! {
                <tr>
                    <td>{ m.modality.clone() }</td>
                    <td class="num">{ m.markers }</td>
                    <td class="num">{ share_percent(m.share()) }</td>
                    <td class="bar-cell" aria-hidden="true">
                        <span class="share-bar" style={format!("width: {:.1}%", 100.0 * m.share())}></span>
                    </td>
                </tr>
            }) }
            </tbody>
        </table>
    }
}

/// Survival at `months` with its interval, or a dash where the data do not determine it.
fn survival_at(g: &GroupSurvival, months: f64) -> String {
    match g.curve.as_ref().and_then(|c| c.known_at(months)) {
        Some((s, lo, hi)) => format!("{:.0}% ({:.0}–{:.0})", 100.0 * s, 100.0 * lo, 100.0 * hi),
        None => "–".to_owned(),
    }
}

fn survival_panel(s: &RiskGroupSurvival, endpoint: Endpoint) -> Html {
    let n_groups = s.groups.len();
    let cut_offs = s
        .cut_offs
        .iter()
        .map(|c| format!("{c:+.3}"))
        .collect::<Vec<_>>()
        .join(", ");
    let chart = KmChart::risk_groups(s);
    let caption = format!(
        "Kaplan-Meier {} of the {} {} in {} risk groups, with 95% confidence bands (Greenwood, log-log) and tick marks where patients were censored. Numbers at risk under the time axis.",
        endpoint.survival(),
        s.patients(),
        s.population.label(),
        n_groups
    );
    let alt = format!(
        "Kaplan-Meier curves of {} risk groups; the tables below list their patients, medians, survival at landmarks and numbers at risk.",
        n_groups
    );
    let range = |g: usize| -> String {
        match (
            g.checked_sub(1).and_then(|k| s.cut_offs.get(k)),
            s.cut_offs.get(g),
        ) {
            (None, Some(hi)) => format!("≤ {hi:+.3}"),
            (Some(lo), Some(hi)) => format!("{lo:+.3} to {hi:+.3}"),
            (Some(lo), None) => format!("> {lo:+.3}"),
            (None, None) => "all".to_owned(),
        }
    };
    html! {
        <>
        <p class="muted">{ match (s.training_patients, s.grouping) {
            (0, RiskGrouping::Tertiles) => format!(
                "Cut-offs are the tertiles of the model's own training patients' risk scores (log hazard ratio), which came with the model: {cut_offs}. The same cut-offs apply to every patient. Groups are a convenience: the risk score itself is continuous."),
            (0, _) => format!(
                "Cut-offs are the {} of all {} patients' risk scores (log hazard ratio; the model came without its training patients): {cut_offs}. Groups are a convenience: the risk score itself is continuous.",
                s.grouping.label(), s.patients()),
            _ => format!(
                "Cut-offs are the {} of the {} training patients' risk scores (log hazard ratio): {}. The same cut-offs apply to every patient. Groups are a convenience: the risk score itself is continuous.",
                s.grouping.label(), s.training_patients, cut_offs),
        } }</p>
        if s.population == Population::All {
            <p class="warning">{ "All patients includes the training patients, whose separation is optimistic: the model was fitted to them." }</p>
        }
        <ChartView<KmChart> chart={chart} caption={caption} alt={alt} testid="km-chart">
            <table data-testid="at-risk-table">
                <caption>{ "Numbers at risk and Kaplan-Meier survival (95% CI) at each time" }</caption>
                <thead><tr>
                    <th scope="col">{ "Group" }</th>
                    { for s.landmarks_months.iter().map(|l| html! { <th scope="col" class="num">{ format!("{l:.0} mo") }</th> }) }
                </tr></thead>
                <tbody>
                { for s.groups.iter().map(|g| html! {
                    <>
                    <tr class="at-risk-row">
                        <th scope="row">{ format!("{}: at risk", g.label) }</th>
                        { for g.at_risk.iter().map(|n| html! { <td class="num">{ n }</td> }) }
                    </tr>
                    <tr>
                        <th scope="row">{ format!("{}: survival", g.label) }</th>
                        { for s.landmarks_months.iter().map(|&l| html! { <td class="num">{ survival_at(g, l) }</td> }) }
                    </tr>
                    </>
                }) }
                </tbody>
            </table>
        </ChartView<KmChart>>
        <table data-testid="km-groups">
            <caption>{ format!("Risk groups: patients, {} and survival (Kaplan-Meier, 95% CI)", endpoint.events()) }</caption>
            <thead><tr>
                <th scope="col">{ "Group" }</th>
                <th scope="col">{ "Risk score range" }</th>
                <th scope="col" class="num">{ "Patients" }</th>
                <th scope="col" class="num">{ endpoint.events_heading() }</th>
                <th scope="col" class="num">{ "Median survival" }</th>
                { for LANDMARKS.iter().map(|l| html! { <th scope="col" class="num">{ format!("{l:.0}-month survival") }</th> }) }
            </tr></thead>
            <tbody>
            { for s.groups.iter().map(|g| html! {
                <tr data-group={g.group.to_string()}>
                    <td><span class="swatch" aria-hidden="true" style={format!("background: {}", css(group_colour(n_groups, g.group)))}></span>{ g.label.clone() }</td>
                    <td>{ range(g.group) }</td>
                    <td class="num">{ g.patients }</td>
                    <td class="num">{ g.events }</td>
                    <td class="num">{ if g.patients == 0 { "–".to_owned() } else { months_text(g.median_months, "not reached") } }</td>
                    { for LANDMARKS.iter().map(|&l| html! { <td class="num">{ survival_at(g, l) }</td> }) }
                </tr>
            }) }
            </tbody>
        </table>
        <p class="logrank" data-testid="logrank">{ match &s.logrank {
            Some(t) => format!(
                "Log-rank test of equal survival across the {} groups: χ² = {:.1} on {} degrees of freedom, p {}.",
                t.df + 1, t.statistic, t.df,
                p_clause(t.p_value)),
            None => "Log-rank test: needs patients in at least two groups.".to_owned(),
        } }</p>
        <p class="note" data-testid="logrank-calibration">{ RISK_GROUP_CALIBRATION.sentence() }</p>
        </>
    }
}

fn c_cells(row: &CIndexRow) -> Html {
    html! {
        <>
        <td class="num">{ row.patients }</td>
        <td class="num">{ row.events }</td>
        <td class="num">{ format_c(row.c.as_ref()) }</td>
        </>
    }
}

fn score_row(cmp: &ScoreComparison) -> Html {
    html! {
        <tr data-score={format!("{:?}", cmp.score)}>
            <th scope="row">{ cmp.score.name() }</th>
            <td class="num">{ if cmp.missing > 0 { format!("{} ({} missing)", cmp.patients, cmp.missing) } else { cmp.patients.to_string() } }</td>
            <td class="num">{ format_c(cmp.score_c.as_ref()) }</td>
            <td class="num">{ format_c(cmp.model_c.as_ref()) }</td>
            <td class="num">{ format_c_difference(cmp.difference.as_ref()) }</td>
        </tr>
    }
}

fn discrimination_panel(d: &Discrimination, session: &SessionSummary) -> Html {
    let b = &d.bootstrap;
    let method = format!(
        "Harrell's C: the share of comparable patient pairs the score orders correctly (tied scores count one half; 0.5 is chance). 95% percentile bootstrap intervals from {} resamples of the patients (seed {}); the model and a score are resampled together, so their difference has its own interval.{}",
        b.replicates,
        b.seed,
        d.sampling_note()
            .map(|n| format!(" {n}"))
            .unwrap_or_default()
    );
    html! {
        <>
        <p class="muted">{ d.held_out_note(session) }</p>
        <div class="grid-2">
            <table data-testid="cindex-table">
                <caption>{ format!("Model C-index, overall and per {}", session.kind.group_label().to_lowercase()) }</caption>
                <thead><tr><th scope="col">{ "Patients" }</th><th scope="col" class="num">{ "n" }</th><th scope="col" class="num">{ session.kind.endpoint.events_heading() }</th><th scope="col" class="num">{ "C-index (95% CI)" }</th></tr></thead>
                <tbody>
                    <tr class="overall"><th scope="row">{ d.overall.label.clone() }</th>{ c_cells(&d.overall) }</tr>
                    { for d.entities.iter().map(|row| html! {
                        <tr><th scope="row">{ row.label.clone() }</th>{ c_cells(row) }</tr>
                    }) }
                </tbody>
            </table>
            <table data-testid="score-table">
                <caption>{ "The model against the conventional scores, on the same patients (the study's comparison)" }</caption>
                <thead><tr>
                    <th scope="col">{ "Score" }</th>
                    <th scope="col" class="num">{ "Patients" }</th>
                    <th scope="col" class="num">{ "Score C (95% CI)" }</th>
                    <th scope="col" class="num">{ "Model C (95% CI)" }</th>
                    <th scope="col" class="num">{ "Model − score (95% CI)" }</th>
                </tr></thead>
                <tbody>
                { for d.conventional.iter().map(score_row) }
                if d.conventional.is_empty() {
                    <tr><td colspan="5">{ "This cohort records none of UICC stage, ECOG performance status or the Charlson comorbidity index." }</td></tr>
                }
                </tbody>
            </table>
        </div>
        <p class="muted">{ format!(
            "Per-group rows only where the held-out patients number at least 10 with more than 5 {}, as in the study.{}",
            session.kind.endpoint.events(),
            if d.excluded.is_empty() {
                String::new()
            } else {
                format!(" Not shown: {}.", d.excluded.iter()
                    .map(|x| format!("{} ({} patients, {} {})", x.name, x.patients, x.events, session.kind.endpoint.events()))
                    .collect::<Vec<_>>().join("; "))
            }) }</p>
        <p class="muted">{ method }</p>
        </>
    }
}
