//! The markers view: key markers with the cumulative share of importance and the ranked
//! bars, the beeswarm of the top markers, a dependence plot for a chosen marker, and the
//! entity x marker heatmap. Every figure comes from `survlens_app::views::markers_view`; this file
//! lays them out with their controls, captions and tables.

use survlens_app::core::cohort_kind::CohortKind;
use survlens_app::core::error::Failure;
use survlens_app::core::format::thousands;
use survlens_app::core::i18n::Lang;
use survlens_app::core::session::SessionSummary;
use survlens_app::job::views::{ViewReply, ViewRequest};
use survlens_app::views::marker_profile::CohortEffects;
use survlens_app::views::markers_view::{Beeswarm, DependenceView, EntityHeatmap, KeyMarkerView};
use survlens_app::views::measured::KEY_MARKER_CALIBRATION;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::charts::ChartView;
use super::charts::beeswarm::BeeswarmChart;
use super::charts::dependence::DependenceChart;
use super::charts::heatmap::Heatmap;
use super::charts::importance::{CumulativeShare, ImportanceBars, MAX_BARS};
use super::charts::marker_profile::EffectsChart;
use super::dom::select_value;
use super::{ViewProps, use_ask};

/// The study's threshold in percent (`survlens_xai::KEY_MARKER_SHARE`).
const STUDY_PERCENT: u32 = 90;

/// Log-risk numbers on this page: relevances are small, four decimals keep them apart.
fn log_risk(v: f64) -> String {
    format!("{v:.4}")
}

#[function_component]
pub fn MarkersView(props: &ViewProps) -> Html {
    let lang = super::use_lang();
    let session = &props.session;
    let percent = use_state(|| STUDY_PERCENT);
    let marker = use_state(|| None::<usize>);
    let colour_by = use_state(|| None::<usize>);
    // Computed by the worker, where the cohort lives; the view asks for what it lacks. The
    // ranking does not depend on the threshold: any key-marker answer carries it.
    let key_request = ViewRequest::KeyMarkers { percent: *percent };
    let answer = |request: &ViewRequest| props.answers.get(request).map(|a| &a.reply);
    // While the answer for a new threshold is on its way, the last one stays on screen; its
    // sentences name the threshold it was computed for.
    let key = match props
        .answers
        .current_or_last(&key_request)
        .map(|a| &a.reply)
    {
        Some(ViewReply::KeyMarkers(k)) => Some(k),
        _ => None,
    };
    let ranking: Vec<usize> = key
        .and_then(|k| k.as_ref().ok())
        .map(KeyMarkerView::ranking)
        .unwrap_or_default();
    let chosen = (*marker).or_else(|| ranking.first().copied());
    // A marker never colours its own plot (it was chosen as colour before becoming the
    // plotted marker).
    let colour = (*colour_by).filter(|&c| Some(c) != chosen);
    let dependence_request = chosen.map(|marker| ViewRequest::Dependence { marker, colour });
    let effects_request = chosen.map(|marker| ViewRequest::CohortEffects { marker });
    use_ask(
        props,
        [
            key_request.clone(),
            ViewRequest::Beeswarm,
            ViewRequest::EntityHeatmap,
        ]
        .into_iter()
        .chain(dependence_request.clone())
        .chain(effects_request.clone())
        .collect(),
    );
    let swarm = match answer(&ViewRequest::Beeswarm) {
        Some(ViewReply::Beeswarm(b)) => Some(b),
        _ => None,
    };
    let heat = match answer(&ViewRequest::EntityHeatmap) {
        Some(ViewReply::EntityHeatmap(h)) => Some(h),
        _ => None,
    };
    // The last plot stays while the next marker's is on its way; its caption names it.
    let dependence = match dependence_request
        .as_ref()
        .and_then(|r| props.answers.current_or_last(r))
        .map(|a| &a.reply)
    {
        Some(ViewReply::Dependence(d)) => Some(d),
        _ => None,
    };
    let effects = match effects_request
        .as_ref()
        .and_then(|r| props.answers.current_or_last(r))
        .map(|a| &a.reply)
    {
        Some(ViewReply::CohortEffects(e)) => Some(e),
        _ => None,
    };
    let chosen = chosen.unwrap_or(0);

    let on_threshold = {
        let percent = percent.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                && let Ok(v) = input.value().parse::<u32>()
            {
                percent.set(v.clamp(50, 100));
            }
        })
    };
    let on_study = {
        let percent = percent.clone();
        Callback::from(move |_: MouseEvent| percent.set(STUDY_PERCENT))
    };
    let on_marker = {
        let marker = marker.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = select_value(&e).and_then(|v| v.parse::<usize>().ok()) {
                marker.set(Some(v));
            }
        })
    };
    let on_colour = {
        let colour_by = colour_by.clone();
        Callback::from(move |e: Event| {
            colour_by.set(select_value(&e).and_then(|v| v.parse::<usize>().ok()));
        })
    };

    html! {
        <section class="markers-view" aria-labelledby="markers-heading" data-testid="markers-view">
            <h2 id="markers-heading">{ "Markers across the cohort" }</h2>
            <p class="disclaimer">{ "Relevance says how the model used a marker for a patient, not that the marker causes the outcome. Importance is the mean absolute relevance over all patients of the cohort." }</p>
            { key_panel(session, key, *percent, on_threshold, on_study) }
            { beeswarm_panel(swarm) }
            { dependence_panel(session, &ranking, chosen, colour, dependence, on_marker, on_colour) }
            { effects_panel(lang, effects) }
            { heatmap_panel(heat, &props.session.kind) }
        </section>
    }
}

fn key_panel(
    session: &SessionSummary,
    key: Option<&Result<KeyMarkerView, Failure>>,
    percent: u32,
    on_threshold: Callback<InputEvent>,
    on_study: Callback<MouseEvent>,
) -> Html {
    let key = match key {
        None => return computing("Ranking the markers by importance\u{2026}"),
        Some(Ok(k)) => k,
        Some(Err(e)) => {
            return html! { <section class="panel"><p class="error" role="alert">{ format!("Marker importance could not be computed: {e}") }</p></section> };
        }
    };
    // The threshold the figures on screen were computed for (the slider may be ahead).
    let shown = (key.threshold * 100.0).round();
    let bars = ImportanceBars::of(key);
    let n_bars = bars.rows.len();
    let curve = CumulativeShare::of(key);
    html! {
        <section class="panel key-markers" aria-labelledby="key-heading">
            <h3 id="key-heading">{ "Key markers" }</h3>
            <div class="key-summary">
                <p class="key-count">
                    <span class="big" data-testid="key-marker-count" data-value={key.n_key.to_string()}>{ key.n_key }</span>
                    { format!(" of {} markers carry {}% of the total importance", key.rows.len(), shown) }
                </p>
                <div class="threshold-control">
                    <label for="key-threshold">{ "Share of importance to cover" }</label>
                    <input id="key-threshold" type="range" min="50" max="100" step="1"
                        value={percent.to_string()} oninput={on_threshold}
                        aria-valuetext={format!("{percent}%")} data-testid="key-threshold" />
                    <output for="key-threshold">{ format!("{percent}%") }</output>
                    if percent != STUDY_PERCENT {
                        <button type="button" class="secondary" onclick={on_study}>{ "Back to the study's 90%" }</button>
                    }
                </div>
            </div>
            <p class="muted">{ format!(
                "The key markers are the fewest, taken from the most important down, whose importances add up to the chosen share; the study reports 90% (114 of 350 markers). {}",
                key.sentence()) }</p>
            <p class="note" data-testid="key-marker-calibration">{ KEY_MARKER_CALIBRATION.sentence() }</p>
            <div class="grid-2">
                <ChartView<CumulativeShare>
                    chart={curve}
                    caption={format!("Cumulative share of total importance as markers are added from the most important down. The dashed lines mark {}% and the {} markers needed to reach it.", shown, key.n_key)}
                    alt={format!("Line chart: {} of {} markers reach {}% of the total importance.", key.n_key, key.rows.len(), shown)}
                    testid="cumulative-chart">
                    <table class="numbers" data-testid="cumulative-table">
                        <caption>{ "Cumulative share by rank (first 40 ranks)" }</caption>
                        <thead><tr><th scope="col" class="num">{ "Rank" }</th><th scope="col">{ "Marker" }</th><th scope="col" class="num">{ "Cumulative share" }</th></tr></thead>
                        <tbody>
                        { for key.rows.iter().take(MAX_BARS).map(|r| html! {
                            <tr class={classes!(r.key.then_some("key"))}>
                                <td class="num">{ r.rank }</td><td>{ r.name.clone() }</td>
                                <td class="num">{ format!("{:.1}%", r.cumulative_share * 100.0) }</td>
                            </tr>
                        }) }
                        </tbody>
                    </table>
                </ChartView<CumulativeShare>>
                <ChartView<ImportanceBars>
                    chart={bars}
                    caption={format!("The {} most important markers by mean |relevance|, coloured by modality (the modality is also written beside each bar). Markers above the dashed line are key markers.", n_bars)}
                    alt={format!("Bar chart of the {} most important markers; the table lists every marker.", n_bars)}
                    testid="importance-chart">
                    <table class="numbers" data-testid="importance-table">
                        <caption>{ format!("Importance of all {} markers ({})", key.rows.len(), session.rule) }</caption>
                        <thead><tr>
                            <th scope="col" class="num">{ "Rank" }</th><th scope="col">{ "Marker" }</th><th scope="col">{ "Modality" }</th>
                            <th scope="col" class="num">{ "Mean |relevance| (log-risk)" }</th><th scope="col" class="num">{ "Share" }</th><th scope="col">{ "Key" }</th>
                        </tr></thead>
                        <tbody>
                        { for key.rows.iter().map(|r| html! {
                            <tr data-marker={session.markers[r.marker].id.clone()}>
                                <td class="num">{ r.rank }</td><td>{ r.name.clone() }</td>
                                <td><span class="tag">{ r.modality.clone() }</span></td>
                                <td class="num">{ log_risk(r.importance) }</td>
                                <td class="num">{ format!("{:.1}%", r.share * 100.0) }</td>
                                <td>{ if r.key { "key" } else { "" } }</td>
                            </tr>
                        }) }
                        </tbody>
                    </table>
                </ChartView<ImportanceBars>>
            </div>
            <table class="numbers modality-shares" data-testid="modality-table">
                <caption>{ "Importance by modality" }</caption>
                <thead><tr><th scope="col">{ "Modality" }</th><th scope="col" class="num">{ "Markers" }</th><th scope="col" class="num">{ "Key markers" }</th><th scope="col" class="num">{ "Share of importance" }</th></tr></thead>
                <tbody>
                { for key.modality_shares.iter().map(|m| html! {
                    <tr><td><span class="tag">{ m.modality.clone() }</span></td><td class="num">{ m.markers }</td><td class="num">{ m.key_markers }</td><td class="num">{ format!("{:.1}%", m.share * 100.0) }</td></tr>
                }) }
                </tbody>
            </table>
        </section>
    }
}

fn beeswarm_panel(swarm: Option<&Result<Beeswarm, Failure>>) -> Html {
    let swarm = match swarm {
        None => return computing("Placing every patient's relevance in the beeswarm\u{2026}"),
        Some(Ok(s)) => s,
        Some(Err(e)) => {
            return html! { <section class="panel"><p class="error" role="alert">{ format!("The beeswarm could not be computed: {e}") }</p></section> };
        }
    };
    let sample = if swarm.n_drawn < swarm.n_patients {
        format!(
            " Dots show an evenly spaced sample of {} of the {} patients; the table uses all of them.",
            swarm.n_drawn, swarm.n_patients
        )
    } else {
        String::new()
    };
    let caption = format!(
        "Each dot is one patient: its position is the marker's relevance for that patient, its colour the patient's value of the marker from low (dark purple) to high (yellow), grey when missing. Dots pile up where many patients share a relevance.{sample}"
    );
    html! {
        <section class="panel" aria-labelledby="swarm-heading">
            <h3 id="swarm-heading">{ format!("How the top {} markers act on each patient", swarm.rows.len()) }</h3>
            <ChartView<BeeswarmChart>
                chart={BeeswarmChart { swarm: swarm.clone() }}
                caption={caption}
                alt={format!("Beeswarm of relevance per patient for the {} most important markers; the table summarises each row.", swarm.rows.len())}
                testid="beeswarm-chart">
                <table class="numbers" data-testid="beeswarm-table">
                    <caption>{ "Per marker: median relevance of patients with low and high values (bottom and top fifth of the colour scale)" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Marker" }</th><th scope="col" class="num">{ "Mean |relevance|" }</th>
                        <th scope="col">{ "Low value" }</th><th scope="col" class="num">{ "Median relevance (low)" }</th>
                        <th scope="col">{ "High value" }</th><th scope="col" class="num">{ "Median relevance (high)" }</th>
                        <th scope="col" class="num">{ "Missing" }</th>
                    </tr></thead>
                    <tbody>
                    { for swarm.rows.iter().map(|r| {
                        let fmt = |v: Option<f32>| v.map_or_else(|| "–".to_owned(), |v| format!("{v:+.4}"));
                        html! {
                            <tr>
                                <td>{ r.name.clone() }</td>
                                <td class="num">{ log_risk(r.importance) }</td>
                                <td>{ r.scale.as_ref().map_or_else(String::new, |s| format!("≤ {}", s.low_label)) }</td>
                                <td class="num">{ fmt(r.median_relevance_low) }</td>
                                <td>{ r.scale.as_ref().map_or_else(String::new, |s| format!("≥ {}", s.high_label)) }</td>
                                <td class="num">{ fmt(r.median_relevance_high) }</td>
                                <td class="num">{ r.missing }</td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
            </ChartView<BeeswarmChart>>
        </section>
    }
}

fn dependence_panel(
    session: &SessionSummary,
    ranking: &[usize],
    chosen: usize,
    colour_by: Option<usize>,
    dependence: Option<&Result<DependenceView, Failure>>,
    on_marker: Callback<Event>,
    on_colour: Callback<Event>,
) -> Html {
    let option = |j: usize, selected: bool| {
        let m = &session.markers[j];
        let label = if m.unit.is_empty() {
            m.name.clone()
        } else {
            format!("{} ({})", m.name, m.unit)
        };
        html! { <option value={j.to_string()} {selected}>{ label }</option> }
    };
    let body = match dependence {
        None => html! {
            <p class="computing" role="status" aria-live="polite">{ "Plotting the marker against its relevance\u{2026}" }</p>
        },
        Some(Err(e)) => {
            html! { <p class="error" role="alert">{ format!("The dependence plot could not be computed: {e}") }</p> }
        }
        Some(Ok(v)) => {
            let kind = if v.is_categorical() {
                "Each column is one level of the marker (dots spread sideways only to be seen)"
            } else {
                "Each dot is one patient at the marker's value"
            };
            let colour = v.colour_by.as_ref().map_or_else(String::new, |c| {
                format!(
                    " Colour: {} from {} (dark purple) to {} (yellow).",
                    c.name, c.scale.low_label, c.scale.high_label
                )
            });
            let missing = match v.missing {
                0 => String::new(),
                1 => " One patient with a missing value is not drawn.".to_owned(),
                k => format!(" {k} patients with a missing value are not drawn."),
            };
            let caption = format!(
                "{kind}; the height is how much the marker raised (above 0) or lowered (below 0) that patient's risk score.{colour}{missing}"
            );
            html! {
                <ChartView<DependenceChart>
                    chart={DependenceChart { view: v.clone() }}
                    caption={caption}
                    alt={format!("Scatter plot of {} against its relevance; the table summarises it by {}.", v.name, if v.is_categorical() { "level" } else { "value decile" })}
                    testid="dependence-chart">
                    <table class="numbers" data-testid="dependence-table">
                        <caption>{ format!("Relevance of {} by {}", v.name, if v.is_categorical() { "level" } else { "tenth of its values" }) }</caption>
                        <thead><tr><th scope="col">{ if v.is_categorical() { "Level" } else { "Value" } }</th><th scope="col" class="num">{ "Patients" }</th><th scope="col" class="num">{ "Mean relevance" }</th><th scope="col" class="num">{ "Median relevance" }</th></tr></thead>
                        <tbody>
                        { for v.bins.iter().map(|b| html! {
                            <tr><td>{ b.label.clone() }</td><td class="num">{ b.patients }</td><td class="num">{ format!("{:+.4}", b.mean_relevance) }</td><td class="num">{ format!("{:+.4}", b.median_relevance) }</td></tr>
                        }) }
                        </tbody>
                    </table>
                </ChartView<DependenceChart>>
            }
        }
    };
    html! {
        <section class="panel" aria-labelledby="dependence-heading">
            <h3 id="dependence-heading">{ "One marker: value against relevance" }</h3>
            <div class="controls">
                <label>{ "Marker " }
                    <select onchange={on_marker} data-testid="dependence-marker" aria-label="Marker shown in the dependence plot">
                        { for ranking.iter().map(|&j| option(j, j == chosen)) }
                    </select>
                </label>
                <label>{ "Colour by " }
                    <select onchange={on_colour} data-testid="dependence-colour" aria-label="Second marker that colours the dots">
                        <option value="" selected={colour_by.is_none()}>{ "no colour" }</option>
                        { for ranking.iter().filter(|&&j| j != chosen).map(|&j| option(j, Some(j) == colour_by)) }
                    </select>
                </label>
            </div>
            { body }
        </section>
    }
}

fn heatmap_panel(heat: Option<&Result<EntityHeatmap, Failure>>, kind: &CohortKind) -> Html {
    let group = kind.group_label().to_lowercase();
    let groups = kind.groups_label().to_lowercase();
    let heat = match heat {
        None => return computing(&format!("Averaging relevance per {group}\u{2026}")),
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            return html! { <section class="panel"><p class="error" role="alert">{ format!("The entity heatmap could not be computed: {e}") }</p></section> };
        }
    };
    let chart = Heatmap::entities(heat);
    html! {
        <section class="panel" aria-labelledby="heatmap-heading">
            <h3 id="heatmap-heading">{ format!("Where each marker matters: {group} x marker") }</h3>
            <ChartView<Heatmap>
                chart={chart}
                caption={format!("Mean |relevance| of the {} most important markers (columns, most important first) within each {group} (rows, most patients first). Darker cells: the model leans on the marker more for that {group}. {} with few patients give noisy cells.", heat.markers.len(), kind.groups_label())}
                alt={format!("Heatmap of {} {groups} by {} markers; the table holds every cell.", heat.rows.len(), heat.markers.len())}
                testid="entity-heatmap">
                <div class="table-scroll">
                <table class="numbers" data-testid="heatmap-table">
                    <caption>{ format!("Mean |relevance| (log-risk) by {group} and marker") }</caption>
                    <thead><tr>
                        <th scope="col">{ kind.group_label().to_owned() }</th><th scope="col" class="num">{ "Patients" }</th>
                        { for heat.marker_names.iter().map(|n| html! { <th scope="col" class="num">{ n.clone() }</th> }) }
                    </tr></thead>
                    <tbody>
                    { for heat.rows.iter().map(|r| html! {
                        <tr>
                            <th scope="row">{ r.name.clone() }</th><td class="num">{ r.patients }</td>
                            { for r.values.iter().map(|&v| html! { <td class="num">{ log_risk(v) }</td> }) }
                        </tr>
                    }) }
                    </tbody>
                </table>
                </div>
            </ChartView<Heatmap>>
        </section>
    }
}

/// What a panel shows while the worker computes its data.
fn computing(what: &str) -> Html {
    html! {
        <section class="panel"><p class="computing" role="status" aria-live="polite">{ what.to_owned() }</p></section>
    }
}

/// The partial dependence and accumulated local effects of the marker of the dependence
/// plot, with their numbers as a table.
fn effects_panel(lang: Lang, effects: Option<&Result<Box<CohortEffects>, Failure>>) -> Html {
    let body = match effects {
        None => {
            html! { <p class="computing" role="status" aria-live="polite">{ "Varying the marker over the cohort\u{2026}" }</p> }
        }
        Some(Err(e)) => {
            html! { <p class="error" role="alert">{ format!("The partial dependence could not be computed: {e}") }</p> }
        }
        Some(Ok(e)) => {
            let sample = if e.n_used < e.n_cohort {
                format!(
                    "a random sample of {} of the cohort's {} patients",
                    thousands(e.n_used),
                    thousands(e.n_cohort)
                )
            } else {
                format!("all {} patients", thousands(e.n_cohort))
            };
            let caption = format!(
                "How the model's risk score depends on {} across the cohort, over {sample}. Orange: partial dependence, every patient's risk score with the marker set to the value, averaged, minus the cohort's mean risk score {:+.3}. Blue: accumulated local effects (Apley & Zhu), the marker's effect built from small changes within {}, which stays trustworthy when the marker goes with others; centred on the patients. Neither says the marker causes the outcome.",
                e.heading.name,
                e.mean_risk,
                if e.heading.levels {
                    "neighbouring levels"
                } else {
                    "each 5% band of its values"
                },
            );
            html! {
                <ChartView<EffectsChart>
                    chart={EffectsChart { effects: (**e).clone(), lang }}
                    caption={caption}
                    alt={format!("Line chart of the partial dependence and accumulated local effects of {}; the table below lists them.", e.heading.name)}
                    testid="effects-chart">
                    <table class="numbers" data-testid="effects-table">
                        <caption>{ format!("Partial dependence and accumulated local effects of {}", e.heading.name) }</caption>
                        <thead><tr>
                            <th scope="col">{ if e.heading.levels { "Level" } else { "Value" } }</th>
                            <th scope="col" class="num">{ "Partial dependence (mean risk score)" }</th>
                            <th scope="col" class="num">{ "Accumulated local effect" }</th>
                            <th scope="col" class="num">{ if e.heading.levels { "Patients at the level" } else { "Patients in the band below" } }</th>
                        </tr></thead>
                        <tbody>
                        { for e.points.iter().enumerate().map(|(k, q)| {
                            let count = if e.heading.levels { e.ale_counts.get(k) } else { k.checked_sub(1).and_then(|b| e.ale_counts.get(b)) };
                            html! {
                                <tr>
                                    <td>{ q.text.clone() }</td>
                                    <td class="num" data-value={q.pdp.to_string()}>{ format!("{:+.3}", q.pdp) }</td>
                                    <td class="num" data-value={q.ale.to_string()}>{ format!("{:+.3}", q.ale) }</td>
                                    <td class="num">{ count.map(|c| c.to_string()).unwrap_or_default() }</td>
                                </tr>
                            }
                        }) }
                        </tbody>
                    </table>
                </ChartView<EffectsChart>>
            }
        }
    };
    html! {
        <section class="panel" aria-labelledby="effects-heading" data-testid="effects-panel">
            <h3 id="effects-heading">{ "One marker across the cohort: partial dependence and accumulated local effects" }</h3>
            <p class="muted">{ "The marker chosen for the dependence plot above." }</p>
            { body }
        </section>
    }
}
