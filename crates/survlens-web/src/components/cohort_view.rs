//! The cohort overview: the cohort at a glance, Kaplan-Meier curves of the model's risk
//! groups, and Harrell's C of the model beside the conventional scores. Every number comes
//! from `survlens_app::views::cohort_view`; this component only lays them out.

use survlens_app::core::cohort_kind::{CohortKind, Endpoint};
use survlens_app::core::format::count_in as count;
use survlens_app::core::format::{p_clause, share_percent};
use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::core::session::SessionSummary;
use survlens_app::job::views::{ViewError, ViewReply, ViewRequest};
use survlens_app::views::cohort_view::{
    CIndexRow, CohortSummary, Discrimination, GroupSurvival, Population, RiskGroupCounts,
    RiskGroupSurvival, RiskGrouping, ScoreComparison, format_c_difference_in, format_c_in,
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
    let grouping = use_state(RiskGrouping::default);
    let population = use_state(Population::default);
    let session = props.session.clone();
    let lang = use_lang();

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
                <h2 id="cohort-heading">{ lang.t("ui-cohort-heading") }</h2>
                <p class="muted">{ session.title.text(lang) }</p>
                { match summary {
                    None => computing(&lang.t("ui-cohort-summarising")),
                    Some(Ok(summary)) => summary_panel(lang, summary, &session.kind),
                    Some(Err(e)) => failure(lang, &e.to_string()),
                } }
            </section>
            <section class="panel" aria-labelledby="km-heading">
                <h2 id="km-heading">{ lang.t("ui-cohort-km-heading") }</h2>
                if session.has_outcomes {
                <div class="controls">
                    <label>{ format!("{} ", lang.t("ui-cohort-grouping")) }
                        <select onchange={on_grouping} aria-label={lang.t("ui-cohort-grouping-aria")} data-testid="grouping">
                        { for RiskGrouping::ALL.iter().map(|g| html! {
                            <option value={g.label()} selected={*g == *grouping}>{ g.label_in(lang) }</option>
                        }) }
                        </select>
                    </label>
                    <label>{ format!("{} ", lang.t("ui-cohort-population")) }
                        <select onchange={on_population} aria-label={lang.t("ui-cohort-population-aria")} data-testid="population">
                        { for Population::ALL.iter().map(|p| html! {
                            <option value={p.label()} selected={*p == *population}>{ p.label_in(lang) }</option>
                        }) }
                        </select>
                    </label>
                </div>
                }
                { match survival {
                    None => computing(&lang.t("ui-cohort-estimating")),
                    Some((Ok(curves), _)) => survival_panel(lang, curves, session.kind.endpoint),
                    Some((Err(e @ ViewError::NoOutcomes { .. }), _)) => match counts {
                        Some(counts) => no_outcomes_groups(lang, &e.message_in(lang), counts),
                        None => computing(&lang.t("ui-cohort-counting")),
                    },
                    Some((Err(e), _)) => failure(lang, &e.to_string()),
                } }
            </section>
            <section class="panel" aria-labelledby="c-heading">
                <h2 id="c-heading">{ lang.t("ui-cohort-c-heading") }</h2>
                { match discrimination {
                    None => computing(&lang.t("ui-cohort-c-computing")),
                    Some((Ok(disc), _)) => discrimination_panel(lang, disc, &session),
                    Some((Err(e @ ViewError::NoOutcomes { .. }), _)) => html! {
                        <p class="note" role="note" data-testid="cindex-no-outcomes">{ e.message_in(lang) }</p>
                    },
                    Some((Err(e), _)) => failure(lang, &e.to_string()),
                } }
            </section>
        </div>
    }
}

/// The risk groups of a file without outcomes: why there are no curves, and how many of
/// its patients fall into each group.
fn no_outcomes_groups(lang: Lang, note: &str, counts: &RiskGroupCounts) -> Html {
    let [lo, hi] = counts.cut_offs.map(|c| signed3(lang, f64::from(c)));
    html! {
        <>
        <p class="note" role="note" data-testid="km-no-outcomes">{ note.to_owned() }</p>
        <table data-testid="risk-group-counts">
            <caption>{ lang.t_with("ui-cohort-counts-caption", &[("lo", Arg::Text(&lo)), ("hi", Arg::Text(&hi))]) }</caption>
            <thead><tr><th scope="col">{ lang.t("ui-cohort-group") }</th><th scope="col" class="num">{ lang.t("ui-cohort-patients") }</th></tr></thead>
            <tbody>
            { for counts.groups.iter().map(|(label, n)| html! {
                <tr><td>{ label.clone() }</td><td class="num">{ count(lang, *n) }</td></tr>
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

fn failure(lang: Lang, message: &str) -> Html {
    html! { <p class="error" role="alert">{ lang.t_with("ui-cohort-failed", &[("reason", Arg::Text(message))]) }</p> }
}

/// A log hazard ratio with its sign and three decimals: `+0.123`, German `+0,123`.
fn signed3(lang: Lang, x: f64) -> String {
    match lang {
        Lang::En => format!("{x:+.3}"),
        Lang::De => lang.signed(x, 3),
    }
}

/// A share in percent with one decimal: `12.5%`, German `12,5 %`.
fn share_in(lang: Lang, share: f64) -> String {
    match lang {
        Lang::En => share_percent(share),
        Lang::De => format!("{}\u{a0}%", lang.decimal(100.0 * share, 1)),
    }
}

fn months_text(lang: Lang, m: Option<f64>) -> String {
    m.map_or_else(
        || lang.t("ui-cohort-not-reached"),
        |m| {
            lang.t_with(
                "ui-cohort-months",
                &[("months", Arg::Text(&lang.decimal(m, 1)))],
            )
        },
    )
}

fn summary_panel(lang: Lang, s: &CohortSummary, kind: &CohortKind) -> Html {
    if !s.has_outcomes {
        return summary_without_outcomes(lang, s, kind);
    }
    let ep = kind.endpoint;
    let events_heading = ep.events_heading_in(lang);
    let group_label = kind.group_label_in(lang);
    let entity_caption = lang.t_with(
        "ui-cohort-entity-caption",
        &[
            ("events", Arg::Text(&ep.events_in(lang))),
            ("group", Arg::Text(&kind.group_in_sentence(lang))),
        ],
    );
    html! {
        <>
        <dl class="cohort-summary" data-testid="cohort-summary">
            <div><dt>{ lang.t("ui-cohort-patients") }</dt><dd>{ count(lang, s.patients) }</dd></div>
            <div><dt>{ lang.t_with("ui-cohort-events-rate", &[("events", Arg::Text(&events_heading))]) }</dt><dd>{ format!("{} ({})", count(lang, s.events), share_in(lang, s.event_rate())) }</dd></div>
            <div><dt>{ lang.t("ui-cohort-event") }</dt><dd data-testid="summary-endpoint">{ ep.describe_in(lang) }</dd></div>
            <div><dt>{ lang.t("ui-cohort-median-follow-up") }</dt><dd>{ months_text(lang, s.median_follow_up_months) }</dd></div>
            <div><dt>{ lang.t_with("ui-cohort-median-survival", &[("survival", Arg::Text(&ep.survival_in(lang)))]) }</dt><dd>{ months_text(lang, s.median_survival_months) }</dd></div>
            <div><dt>{ kind.groups_label_in(lang) }</dt><dd>{ s.entities.len() }</dd></div>
        </dl>
        <p class="muted">{ lang.t("ui-cohort-summary-method") }</p>
        <div class="grid-2">
            <table data-testid="entity-table">
                <caption>{ entity_caption }</caption>
                <thead><tr><th scope="col">{ group_label }</th><th scope="col" class="num">{ lang.t("ui-cohort-patients") }</th><th scope="col" class="num">{ events_heading }</th><th scope="col" class="num">{ lang.t("ui-cohort-event-rate") }</th></tr></thead>
                <tbody>
                { for s.entities.iter().map(|e| html! {
                    <tr>
                        <td>{ e.name.clone() }</td>
                        <td class="num">{ count(lang, e.patients) }</td>
                        <td class="num">{ count(lang, e.events) }</td>
                        <td class="num">{ share_in(lang, e.events as f64 / e.patients.max(1) as f64) }</td>
                    </tr>
                }) }
                </tbody>
            </table>
            { missingness_table(lang, s) }
        </div>
        </>
    }
}

/// The summary of a file without outcomes: patients, entities and missing values; no
/// deaths, follow-up or survival to report.
fn summary_without_outcomes(lang: Lang, s: &CohortSummary, kind: &CohortKind) -> Html {
    html! {
        <>
        <dl class="cohort-summary" data-testid="cohort-summary">
            <div><dt>{ lang.t("ui-cohort-patients") }</dt><dd>{ count(lang, s.patients) }</dd></div>
            <div><dt>{ lang.t("ui-cohort-no-outcomes-heading") }</dt><dd data-testid="summary-no-outcomes">{ lang.t("ui-cohort-no-outcomes-value") }</dd></div>
            <div><dt>{ kind.groups_label_in(lang) }</dt><dd>{ s.entities.len() }</dd></div>
        </dl>
        <div class="grid-2">
            <table data-testid="entity-table">
                <caption>{ lang.t_with("ui-cohort-entity-caption-no-outcomes", &[("group", Arg::Text(&kind.group_in_sentence(lang)))]) }</caption>
                <thead><tr><th scope="col">{ kind.group_label_in(lang) }</th><th scope="col" class="num">{ lang.t("ui-cohort-patients") }</th></tr></thead>
                <tbody>
                { for s.entities.iter().map(|e| html! {
                    <tr><td>{ e.name.clone() }</td><td class="num">{ count(lang, e.patients) }</td></tr>
                }) }
                </tbody>
            </table>
            { missingness_table(lang, s) }
        </div>
        </>
    }
}

fn missingness_table(lang: Lang, s: &CohortSummary) -> Html {
    html! {
        <table data-testid="missingness-table">
            <caption>{ lang.t("ui-cohort-missing-caption") }</caption>
            <thead><tr><th scope="col">{ lang.t("ui-cohort-modality") }</th><th scope="col" class="num">{ lang.t("ui-cohort-markers") }</th><th scope="col" class="num">{ lang.t("ui-cohort-missing") }</th><th scope="col"><span class="visually-hidden">{ lang.t("ui-cohort-bar") }</span></th></tr></thead>
            <tbody>
            { for s.missingness.iter().map(|m| html! {
                <tr>
                    <td>{ m.modality.clone() }</td>
                    <td class="num">{ m.markers }</td>
                    <td class="num">{ share_in(lang, m.share()) }</td>
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
fn survival_at(lang: Lang, g: &GroupSurvival, months: f64) -> String {
    match g.curve.as_ref().and_then(|c| c.known_at(months)) {
        Some((s, lo, hi)) => match lang {
            Lang::En => format!("{:.0}% ({:.0}–{:.0})", 100.0 * s, 100.0 * lo, 100.0 * hi),
            Lang::De => format!(
                "{}\u{a0}% ({}–{})",
                lang.decimal(100.0 * s, 0),
                lang.decimal(100.0 * lo, 0),
                lang.decimal(100.0 * hi, 0)
            ),
        },
        None => "–".to_owned(),
    }
}

fn survival_panel(lang: Lang, s: &RiskGroupSurvival, endpoint: Endpoint) -> Html {
    let n_groups = s.groups.len();
    let cut_offs = s
        .cut_offs
        .iter()
        .map(|&c| signed3(lang, c))
        .collect::<Vec<_>>()
        .join(match lang {
            Lang::En => ", ",
            Lang::De => "; ",
        });
    let mut chart = KmChart::risk_groups(s);
    chart.lang = lang;
    let groups_text = n_groups.to_string();
    let patients = count(lang, s.patients());
    let survival = endpoint.survival_in(lang);
    let caption = lang.t_with(
        "ui-cohort-km-caption",
        &[
            ("survival", Arg::Text(&survival)),
            ("patients", Arg::Text(&patients)),
            (
                "population",
                Arg::Text(&lang.t(match s.population {
                    Population::HeldOut => "ui-cohort-km-population-held-out",
                    Population::All => "ui-cohort-km-population-all",
                })),
            ),
            ("groups", Arg::Text(&groups_text)),
        ],
    );
    let alt = lang.t_with("ui-cohort-km-alt", &[("groups", Arg::Text(&groups_text))]);
    let range = |g: usize| -> String {
        match (
            g.checked_sub(1).and_then(|k| s.cut_offs.get(k)),
            s.cut_offs.get(g),
        ) {
            (None, Some(&hi)) => lang.t_with(
                "ui-cohort-range-below",
                &[("hi", Arg::Text(&signed3(lang, hi)))],
            ),
            (Some(&lo), Some(&hi)) => lang.t_with(
                "ui-cohort-range-between",
                &[
                    ("lo", Arg::Text(&signed3(lang, lo))),
                    ("hi", Arg::Text(&signed3(lang, hi))),
                ],
            ),
            (Some(&lo), None) => lang.t_with(
                "ui-cohort-range-above",
                &[("lo", Arg::Text(&signed3(lang, lo)))],
            ),
            (None, None) => lang.t("ui-cohort-range-all"),
        }
    };
    let grouping = s.grouping.label_in(lang);
    let cut_offs_note = match (s.training_patients, s.grouping) {
        (0, RiskGrouping::Tertiles) => lang.t_with(
            "ui-cohort-cut-offs-stored-tertiles",
            &[("cut_offs", Arg::Text(&cut_offs))],
        ),
        (0, _) => lang.t_with(
            "ui-cohort-cut-offs-stored",
            &[
                ("grouping", Arg::Text(&grouping)),
                ("patients", Arg::Text(&patients)),
                ("cut_offs", Arg::Text(&cut_offs)),
            ],
        ),
        _ => lang.t_with(
            "ui-cohort-cut-offs-trained",
            &[
                ("grouping", Arg::Text(&grouping)),
                ("patients", Arg::Text(&count(lang, s.training_patients))),
                ("cut_offs", Arg::Text(&cut_offs)),
            ],
        ),
    };
    let month = |l: f64| {
        lang.t_with(
            "ui-cohort-month-short",
            &[("months", Arg::Text(&format!("{l:.0}")))],
        )
    };
    let row = |key: &str, group: &str| lang.t_with(key, &[("group", Arg::Text(group))]);
    html! {
        <>
        <p class="muted">{ cut_offs_note }</p>
        if s.population == Population::All {
            <p class="warning">{ lang.t("ui-cohort-all-optimistic") }</p>
        }
        <ChartView<KmChart> chart={chart} caption={caption} alt={alt} testid="km-chart">
            <table data-testid="at-risk-table">
                <caption>{ lang.t("ui-cohort-at-risk-caption") }</caption>
                <thead><tr>
                    <th scope="col">{ lang.t("ui-cohort-group") }</th>
                    { for s.landmarks_months.iter().map(|&l| html! { <th scope="col" class="num">{ month(l) }</th> }) }
                </tr></thead>
                <tbody>
                { for s.groups.iter().map(|g| html! {
                    <>
                    <tr class="at-risk-row">
                        <th scope="row">{ row("ui-cohort-at-risk-row", &g.label) }</th>
                        { for g.at_risk.iter().map(|&n| html! { <td class="num">{ count(lang, n) }</td> }) }
                    </tr>
                    <tr>
                        <th scope="row">{ row("ui-cohort-survival-row", &g.label) }</th>
                        { for s.landmarks_months.iter().map(|&l| html! { <td class="num">{ survival_at(lang, g, l) }</td> }) }
                    </tr>
                    </>
                }) }
                </tbody>
            </table>
        </ChartView<KmChart>>
        <table data-testid="km-groups">
            <caption>{ lang.t_with("ui-cohort-groups-caption", &[("events", Arg::Text(&endpoint.events_in(lang)))]) }</caption>
            <thead><tr>
                <th scope="col">{ lang.t("ui-cohort-group") }</th>
                <th scope="col">{ lang.t("ui-cohort-score-range") }</th>
                <th scope="col" class="num">{ lang.t("ui-cohort-patients") }</th>
                <th scope="col" class="num">{ endpoint.events_heading_in(lang) }</th>
                <th scope="col" class="num">{ lang.t("ui-cohort-median-survival-head") }</th>
                { for LANDMARKS.iter().map(|l| html! { <th scope="col" class="num">{ lang.t_with("ui-cohort-landmark-survival", &[("months", Arg::Text(&format!("{l:.0}")))]) }</th> }) }
            </tr></thead>
            <tbody>
            { for s.groups.iter().map(|g| html! {
                <tr data-group={g.group.to_string()}>
                    <td><span class="swatch" aria-hidden="true" style={format!("background: {}", css(group_colour(n_groups, g.group)))}></span>{ g.label.clone() }</td>
                    <td>{ range(g.group) }</td>
                    <td class="num">{ count(lang, g.patients) }</td>
                    <td class="num">{ count(lang, g.events) }</td>
                    <td class="num">{ if g.patients == 0 { "–".to_owned() } else { months_text(lang, g.median_months) } }</td>
                    { for LANDMARKS.iter().map(|&l| html! { <td class="num">{ survival_at(lang, g, l) }</td> }) }
                </tr>
            }) }
            </tbody>
        </table>
        <p class="logrank" data-testid="logrank">{ match &s.logrank {
            Some(t) => lang.t_with(
                "ui-cohort-logrank",
                &[
                    ("groups", Arg::Text(&(t.df + 1).to_string())),
                    ("chi", Arg::Text(&lang.decimal(t.statistic, 1))),
                    ("df", Arg::Text(&t.df.to_string())),
                    ("p", Arg::Text(&lang.number_text(&p_clause(t.p_value)))),
                ],
            ),
            None => lang.t("ui-cohort-logrank-none"),
        } }</p>
        <p class="note" data-testid="logrank-calibration">{ RISK_GROUP_CALIBRATION.sentence_in(lang) }</p>
        </>
    }
}

fn c_cells(lang: Lang, row: &CIndexRow) -> Html {
    html! {
        <>
        <td class="num">{ count(lang, row.patients) }</td>
        <td class="num">{ count(lang, row.events) }</td>
        <td class="num">{ format_c_in(row.c.as_ref(), lang) }</td>
        </>
    }
}

fn score_row(lang: Lang, cmp: &ScoreComparison) -> Html {
    let patients = count(lang, cmp.patients);
    html! {
        <tr data-score={format!("{:?}", cmp.score)}>
            <th scope="row">{ cmp.score.name_in(lang) }</th>
            <td class="num">{ if cmp.missing > 0 { lang.t_with("ui-cohort-score-missing", &[("patients", Arg::Text(&patients)), ("missing", Arg::Text(&count(lang, cmp.missing)))]) } else { patients } }</td>
            <td class="num">{ format_c_in(cmp.score_c.as_ref(), lang) }</td>
            <td class="num">{ format_c_in(cmp.model_c.as_ref(), lang) }</td>
            <td class="num">{ format_c_difference_in(cmp.difference.as_ref(), lang) }</td>
        </tr>
    }
}

fn discrimination_panel(lang: Lang, d: &Discrimination, session: &SessionSummary) -> Html {
    let b = &d.bootstrap;
    let method = format!(
        "{}{}",
        lang.t_with(
            "ui-cohort-c-method",
            &[
                ("replicates", Arg::Text(&b.replicates.to_string())),
                ("seed", Arg::Text(&b.seed.to_string())),
            ],
        ),
        d.sampling_note_in(lang)
            .map(|n| format!(" {n}"))
            .unwrap_or_default()
    );
    let events = session.kind.endpoint.events_in(lang);
    let rule = lang.t_with("ui-cohort-rule", &[("events", Arg::Text(&events))]);
    let not_shown = if d.excluded.is_empty() {
        String::new()
    } else {
        let rows = d
            .excluded
            .iter()
            .map(|x| {
                lang.t_with(
                    "ui-cohort-excluded",
                    &[
                        ("name", Arg::Text(&x.name)),
                        ("patients", Arg::Text(&count(lang, x.patients))),
                        ("events", Arg::Text(&count(lang, x.events))),
                        ("word", Arg::Text(&events)),
                    ],
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        format!(
            " {}",
            lang.t_with("ui-cohort-not-shown", &[("rows", Arg::Text(&rows))])
        )
    };
    html! {
        <>
        <p class="muted">{ d.held_out_note_in(session, lang) }</p>
        <div class="grid-2">
            <table data-testid="cindex-table">
                <caption>{ lang.t_with("ui-cohort-c-caption", &[("group", Arg::Text(&session.kind.group_in_sentence(lang)))]) }</caption>
                <thead><tr><th scope="col">{ lang.t("ui-cohort-patients") }</th><th scope="col" class="num">{ "n" }</th><th scope="col" class="num">{ session.kind.endpoint.events_heading_in(lang) }</th><th scope="col" class="num">{ lang.t("ui-cohort-c-index-ci") }</th></tr></thead>
                <tbody>
                    <tr class="overall"><th scope="row">{ d.overall.label.clone() }</th>{ c_cells(lang, &d.overall) }</tr>
                    { for d.entities.iter().map(|row| html! {
                        <tr><th scope="row">{ row.label.clone() }</th>{ c_cells(lang, row) }</tr>
                    }) }
                </tbody>
            </table>
            <table data-testid="score-table">
                <caption>{ lang.t("ui-cohort-score-caption") }</caption>
                <thead><tr>
                    <th scope="col">{ lang.t("ui-cohort-score") }</th>
                    <th scope="col" class="num">{ lang.t("ui-cohort-patients") }</th>
                    <th scope="col" class="num">{ lang.t("ui-cohort-score-c") }</th>
                    <th scope="col" class="num">{ lang.t("ui-cohort-model-c") }</th>
                    <th scope="col" class="num">{ lang.t("ui-cohort-model-minus-score") }</th>
                </tr></thead>
                <tbody>
                { for d.conventional.iter().map(|c| score_row(lang, c)) }
                if d.conventional.is_empty() {
                    <tr><td colspan="5">{ lang.t("ui-cohort-no-scores") }</td></tr>
                }
                </tbody>
            </table>
        </div>
        <p class="muted">{ format!("{rule}{not_shown}") }</p>
        <p class="muted">{ method }</p>
        </>
    }
}
