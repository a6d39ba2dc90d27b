//! The markers view: key markers with the cumulative share of importance and the ranked
//! bars, the beeswarm of the top markers, a dependence plot for a chosen marker, and the
//! entity x marker heatmap. Every figure comes from `survlens_app::views::markers_view`; this file
//! lays them out with their controls, captions and tables.

use survlens_app::core::cohort_kind::CohortKind;
use survlens_app::core::error::Failure;
use survlens_app::core::format::count_in as count;
use survlens_app::core::format::thousands;
use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::core::session::{SessionSummary, rule_in};
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
fn log_risk(lang: Lang, v: f64) -> String {
    match lang {
        Lang::En => format!("{v:.4}"),
        Lang::De => lang.decimal(v, 4),
    }
}

/// A signed log-risk number with `places` decimals (`+0.0123`, German `+0,0123`).
fn signed(lang: Lang, v: f64, places: usize) -> String {
    match lang {
        Lang::En => format!("{v:+.places$}"),
        Lang::De => lang.signed(v, places),
    }
}

/// A share in `[0, 1]` as a percentage with one decimal (`12.3%`, German `12,3 %`).
fn share(lang: Lang, s: f64) -> String {
    match lang {
        Lang::En => format!("{:.1}%", s * 100.0),
        Lang::De => format!("{}\u{a0}%", lang.decimal(s * 100.0, 1)),
    }
}

/// A whole percentage without its sign (`90`).
fn whole(lang: Lang, p: f64) -> String {
    match lang {
        Lang::En => format!("{p}"),
        Lang::De => lang.decimal(p, 0),
    }
}

/// A percentage the slider shows (`90%`, German `90 %`).
fn slider_percent(lang: Lang, p: u32) -> String {
    match lang {
        Lang::En => format!("{p}%"),
        Lang::De => format!("{p}\u{a0}%"),
    }
}

/// A count in a sentence: with thousands separators in both languages.
fn thousands_in(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => thousands(n),
        Lang::De => count(lang, n),
    }
}

/// A panel's error: why its figure could not be computed.
fn failed(lang: Lang, key: &'static str, reason: &str) -> Html {
    html! { <section class="panel"><p class="error" role="alert">{ text_with(lang, key, reason) }</p></section> }
}

/// The sentence of `key` with the failure's reason.
fn text_with(lang: Lang, key: &'static str, reason: &str) -> String {
    match key {
        "key" => lang.t_with("ui-markers-key-failed", &[("reason", Arg::Text(reason))]),
        "swarm" => lang.t_with("ui-markers-swarm-failed", &[("reason", Arg::Text(reason))]),
        "dependence" => lang.t_with(
            "ui-markers-dependence-failed",
            &[("reason", Arg::Text(reason))],
        ),
        "heatmap" => lang.t_with(
            "ui-markers-heatmap-failed",
            &[("reason", Arg::Text(reason))],
        ),
        _ => lang.t_with(
            "ui-markers-effects-failed",
            &[("reason", Arg::Text(reason))],
        ),
    }
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
            <h2 id="markers-heading">{ lang.t("ui-markers-heading") }</h2>
            <p class="disclaimer">{ lang.t("ui-markers-disclaimer") }</p>
            { key_panel(lang, session, key, *percent, on_threshold, on_study) }
            { beeswarm_panel(lang, swarm) }
            { dependence_panel(lang, session, &ranking, chosen, colour, dependence, on_marker, on_colour) }
            { effects_panel(lang, effects) }
            { heatmap_panel(lang, heat, &props.session.kind) }
        </section>
    }
}

fn key_panel(
    lang: Lang,
    session: &SessionSummary,
    key: Option<&Result<KeyMarkerView, Failure>>,
    percent: u32,
    on_threshold: Callback<InputEvent>,
    on_study: Callback<MouseEvent>,
) -> Html {
    let key = match key {
        None => return computing(&lang.t("ui-markers-key-computing")),
        Some(Ok(k)) => k,
        Some(Err(e)) => return failed(lang, "key", e.message(lang)),
    };
    // The threshold the figures on screen were computed for (the slider may be ahead).
    let shown = (key.threshold * 100.0).round();
    let bars = ImportanceBars {
        lang,
        ..ImportanceBars::of(key)
    };
    let n_bars = bars.rows.len();
    let curve = CumulativeShare {
        lang,
        ..CumulativeShare::of(key)
    };
    let shown_text = whole(lang, shown);
    let total = count(lang, key.rows.len());
    let n_key = count(lang, key.n_key);
    html! {
        <section class="panel key-markers" aria-labelledby="key-heading">
            <h3 id="key-heading">{ lang.t("ui-markers-key-heading") }</h3>
            <div class="key-summary">
                <p class="key-count">
                    <span class="big" data-testid="key-marker-count" data-value={key.n_key.to_string()}>{ key.n_key }</span>
                    { format!(" {}", lang.t_with("ui-markers-key-count", &[("total", Arg::Text(&total)), ("percent", Arg::Text(&shown_text))])) }
                </p>
                <div class="threshold-control">
                    <label for="key-threshold">{ lang.t("ui-markers-threshold") }</label>
                    <input id="key-threshold" type="range" min="50" max="100" step="1"
                        value={percent.to_string()} oninput={on_threshold}
                        aria-valuetext={slider_percent(lang, percent)} data-testid="key-threshold" />
                    <output for="key-threshold">{ slider_percent(lang, percent) }</output>
                    if percent != STUDY_PERCENT {
                        <button type="button" class="secondary" onclick={on_study}>{ lang.t("ui-markers-study") }</button>
                    }
                </div>
            </div>
            <p class="muted">{ format!("{} {}", lang.t("ui-markers-key-explain"), key.sentence_in(lang)) }</p>
            <p class="note" data-testid="key-marker-calibration">{ KEY_MARKER_CALIBRATION.sentence_in(lang) }</p>
            <div class="grid-2">
                <ChartView<CumulativeShare>
                    chart={curve}
                    caption={lang.t_with("ui-markers-cumulative-caption", &[("percent", Arg::Text(&shown_text)), ("key", Arg::Text(&n_key))])}
                    alt={lang.t_with("ui-markers-cumulative-alt", &[("key", Arg::Text(&n_key)), ("total", Arg::Text(&total)), ("percent", Arg::Text(&shown_text))])}
                    testid="cumulative-chart">
                    <table class="numbers" data-testid="cumulative-table">
                        <caption>{ lang.t("ui-markers-cumulative-table") }</caption>
                        <thead><tr><th scope="col" class="num">{ lang.t("ui-markers-rank") }</th><th scope="col">{ lang.t("ui-markers-marker") }</th><th scope="col" class="num">{ lang.t("ui-markers-cumulative-share") }</th></tr></thead>
                        <tbody>
                        { for key.rows.iter().take(MAX_BARS).map(|r| html! {
                            <tr class={classes!(r.key.then_some("key"))}>
                                <td class="num">{ r.rank }</td><td>{ r.name.clone() }</td>
                                <td class="num">{ share(lang, r.cumulative_share) }</td>
                            </tr>
                        }) }
                        </tbody>
                    </table>
                </ChartView<CumulativeShare>>
                <ChartView<ImportanceBars>
                    chart={bars}
                    caption={lang.t_with("ui-markers-bars-caption", &[("n", Arg::Text(&count(lang, n_bars)))])}
                    alt={lang.t_with("ui-markers-bars-alt", &[("n", Arg::Text(&count(lang, n_bars)))])}
                    testid="importance-chart">
                    <table class="numbers" data-testid="importance-table">
                        <caption>{ lang.t_with("ui-markers-importance-table", &[("n", Arg::Text(&total)), ("rule", Arg::Text(&rule_in(&session.rule, lang)))]) }</caption>
                        <thead><tr>
                            <th scope="col" class="num">{ lang.t("ui-markers-rank") }</th><th scope="col">{ lang.t("ui-markers-marker") }</th><th scope="col">{ lang.t("ui-markers-modality") }</th>
                            <th scope="col" class="num">{ lang.t("ui-markers-mean-relevance-log-risk") }</th><th scope="col" class="num">{ lang.t("ui-markers-share") }</th><th scope="col">{ lang.t("ui-markers-key") }</th>
                        </tr></thead>
                        <tbody>
                        { for key.rows.iter().map(|r| html! {
                            <tr data-marker={session.markers[r.marker].id.clone()}>
                                <td class="num">{ r.rank }</td><td>{ r.name.clone() }</td>
                                <td><span class="tag">{ r.modality.clone() }</span></td>
                                <td class="num">{ log_risk(lang, r.importance) }</td>
                                <td class="num">{ share(lang, r.share) }</td>
                                <td>{ if r.key { lang.t("ui-markers-key-cell") } else { String::new() } }</td>
                            </tr>
                        }) }
                        </tbody>
                    </table>
                </ChartView<ImportanceBars>>
            </div>
            <table class="numbers modality-shares" data-testid="modality-table">
                <caption>{ lang.t("ui-markers-modality-table") }</caption>
                <thead><tr><th scope="col">{ lang.t("ui-markers-modality") }</th><th scope="col" class="num">{ lang.t("ui-markers-markers") }</th><th scope="col" class="num">{ lang.t("ui-markers-key-markers") }</th><th scope="col" class="num">{ lang.t("ui-markers-share-of-importance") }</th></tr></thead>
                <tbody>
                { for key.modality_shares.iter().map(|m| html! {
                    <tr><td><span class="tag">{ m.modality.clone() }</span></td><td class="num">{ count(lang, m.markers) }</td><td class="num">{ count(lang, m.key_markers) }</td><td class="num">{ share(lang, m.share) }</td></tr>
                }) }
                </tbody>
            </table>
        </section>
    }
}

fn beeswarm_panel(lang: Lang, swarm: Option<&Result<Beeswarm, Failure>>) -> Html {
    let swarm = match swarm {
        None => return computing(&lang.t("ui-markers-swarm-computing")),
        Some(Ok(s)) => s,
        Some(Err(e)) => return failed(lang, "swarm", e.message(lang)),
    };
    let sample = if swarm.n_drawn < swarm.n_patients {
        format!(
            " {}",
            lang.t_with(
                "ui-markers-swarm-sample",
                &[
                    ("drawn", Arg::Text(&count(lang, swarm.n_drawn))),
                    ("total", Arg::Text(&count(lang, swarm.n_patients))),
                ],
            )
        )
    } else {
        String::new()
    };
    let caption = format!("{}{sample}", lang.t("ui-markers-swarm-caption"));
    let n_rows = count(lang, swarm.rows.len());
    html! {
        <section class="panel" aria-labelledby="swarm-heading">
            <h3 id="swarm-heading">{ lang.t_with("ui-markers-swarm-heading", &[("n", Arg::Text(&n_rows))]) }</h3>
            <ChartView<BeeswarmChart>
                chart={BeeswarmChart { swarm: swarm.clone(), lang }}
                caption={caption}
                alt={lang.t_with("ui-markers-swarm-alt", &[("n", Arg::Text(&n_rows))])}
                testid="beeswarm-chart">
                <table class="numbers" data-testid="beeswarm-table">
                    <caption>{ lang.t("ui-markers-swarm-table") }</caption>
                    <thead><tr>
                        <th scope="col">{ lang.t("ui-markers-marker") }</th><th scope="col" class="num">{ lang.t("ui-markers-mean-relevance-abs") }</th>
                        <th scope="col">{ lang.t("ui-markers-low-value") }</th><th scope="col" class="num">{ lang.t("ui-markers-median-low") }</th>
                        <th scope="col">{ lang.t("ui-markers-high-value") }</th><th scope="col" class="num">{ lang.t("ui-markers-median-high") }</th>
                        <th scope="col" class="num">{ lang.t("ui-markers-missing") }</th>
                    </tr></thead>
                    <tbody>
                    { for swarm.rows.iter().map(|r| {
                        let fmt = |v: Option<f32>| v.map_or_else(|| "–".to_owned(), |v| signed(lang, f64::from(v), 4));
                        html! {
                            <tr>
                                <td>{ r.name.clone() }</td>
                                <td class="num">{ log_risk(lang, r.importance) }</td>
                                <td>{ r.scale.as_ref().map_or_else(String::new, |s| format!("≤ {}", s.low_label)) }</td>
                                <td class="num">{ fmt(r.median_relevance_low) }</td>
                                <td>{ r.scale.as_ref().map_or_else(String::new, |s| format!("≥ {}", s.high_label)) }</td>
                                <td class="num">{ fmt(r.median_relevance_high) }</td>
                                <td class="num">{ count(lang, r.missing) }</td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
            </ChartView<BeeswarmChart>>
        </section>
    }
}

#[allow(clippy::too_many_arguments)]
fn dependence_panel(
    lang: Lang,
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
        let name = m.name_in(lang);
        let label = if m.unit.is_empty() {
            name.to_owned()
        } else {
            format!("{} ({})", name, m.unit_in(lang))
        };
        html! { <option value={j.to_string()} {selected}>{ label }</option> }
    };
    let body = match dependence {
        None => html! {
            <p class="computing" role="status" aria-live="polite">{ lang.t("ui-markers-dependence-computing") }</p>
        },
        Some(Err(e)) => {
            html! { <p class="error" role="alert">{ text_with(lang, "dependence", e.message(lang)) }</p> }
        }
        Some(Ok(v)) => {
            let kind = if v.is_categorical() {
                lang.t("ui-markers-dependence-kind-levels")
            } else {
                lang.t("ui-markers-dependence-kind-values")
            };
            let colour = v.colour_by.as_ref().map_or_else(String::new, |c| {
                format!(
                    " {}",
                    lang.t_with(
                        "ui-markers-dependence-colour",
                        &[
                            ("name", Arg::Text(&c.name)),
                            ("low", Arg::Text(&c.scale.low_label)),
                            ("high", Arg::Text(&c.scale.high_label)),
                        ],
                    )
                )
            });
            let missing = match v.missing {
                0 => String::new(),
                1 => format!(" {}", lang.t("ui-markers-dependence-missing-one")),
                k => format!(
                    " {}",
                    lang.t_with(
                        "ui-markers-dependence-missing-many",
                        &[("n", Arg::Text(&count(lang, k)))],
                    )
                ),
            };
            let caption = format!(
                "{}{colour}{missing}",
                lang.t_with(
                    "ui-markers-dependence-caption",
                    &[("kind", Arg::Text(&kind))]
                )
            );
            let name = [("name", Arg::Text(&v.name))];
            let (alt, table) = if v.is_categorical() {
                (
                    lang.t_with("ui-markers-dependence-alt-levels", &name),
                    lang.t_with("ui-markers-dependence-table-levels", &name),
                )
            } else {
                (
                    lang.t_with("ui-markers-dependence-alt-values", &name),
                    lang.t_with("ui-markers-dependence-table-values", &name),
                )
            };
            html! {
                <ChartView<DependenceChart>
                    chart={DependenceChart { view: v.clone(), lang }}
                    caption={caption}
                    alt={alt}
                    testid="dependence-chart">
                    <table class="numbers" data-testid="dependence-table">
                        <caption>{ table }</caption>
                        <thead><tr><th scope="col">{ if v.is_categorical() { lang.t("ui-markers-level") } else { lang.t("ui-markers-value") } }</th><th scope="col" class="num">{ lang.t("ui-markers-patients") }</th><th scope="col" class="num">{ lang.t("ui-markers-mean-relevance") }</th><th scope="col" class="num">{ lang.t("ui-markers-median-relevance") }</th></tr></thead>
                        <tbody>
                        { for v.bins.iter().map(|b| html! {
                            <tr><td>{ b.label.clone() }</td><td class="num">{ count(lang, b.patients) }</td><td class="num">{ signed(lang, b.mean_relevance, 4) }</td><td class="num">{ signed(lang, f64::from(b.median_relevance), 4) }</td></tr>
                        }) }
                        </tbody>
                    </table>
                </ChartView<DependenceChart>>
            }
        }
    };
    html! {
        <section class="panel" aria-labelledby="dependence-heading">
            <h3 id="dependence-heading">{ lang.t("ui-markers-dependence-heading") }</h3>
            <div class="controls">
                <label>{ format!("{} ", lang.t("ui-markers-marker-control")) }
                    <select onchange={on_marker} data-testid="dependence-marker" aria-label={lang.t("ui-markers-marker-aria")}>
                        { for ranking.iter().map(|&j| option(j, j == chosen)) }
                    </select>
                </label>
                <label>{ format!("{} ", lang.t("ui-markers-colour-control")) }
                    <select onchange={on_colour} data-testid="dependence-colour" aria-label={lang.t("ui-markers-colour-aria")}>
                        <option value="" selected={colour_by.is_none()}>{ lang.t("ui-markers-no-colour") }</option>
                        { for ranking.iter().filter(|&&j| j != chosen).map(|&j| option(j, Some(j) == colour_by)) }
                    </select>
                </label>
            </div>
            { body }
        </section>
    }
}

fn heatmap_panel(
    lang: Lang,
    heat: Option<&Result<EntityHeatmap, Failure>>,
    kind: &CohortKind,
) -> Html {
    let group = kind.group_in_sentence(lang);
    let (groups, groups_start, group_head) = match lang {
        Lang::En => (
            kind.groups_label().to_lowercase(),
            kind.groups_label(),
            kind.group_label().to_owned(),
        ),
        Lang::De => (
            kind.groups_label_in(lang),
            kind.groups_label_in(lang),
            kind.group_label_in(lang),
        ),
    };
    let heat = match heat {
        None => {
            return computing(&lang.t_with(
                "ui-markers-heatmap-computing",
                &[("group", Arg::Text(&group))],
            ));
        }
        Some(Ok(h)) => h,
        Some(Err(e)) => return failed(lang, "heatmap", e.message(lang)),
    };
    let chart = Heatmap::entities_in(heat, lang);
    let n = count(lang, heat.markers.len());
    html! {
        <section class="panel" aria-labelledby="heatmap-heading">
            <h3 id="heatmap-heading">{ lang.t_with("ui-markers-heatmap-heading", &[("group", Arg::Text(&group))]) }</h3>
            <ChartView<Heatmap>
                chart={chart}
                caption={lang.t_with("ui-markers-heatmap-caption", &[("n", Arg::Text(&n)), ("group", Arg::Text(&group)), ("groups", Arg::Text(&groups_start))])}
                alt={lang.t_with("ui-markers-heatmap-alt", &[("rows", Arg::Text(&count(lang, heat.rows.len()))), ("groups", Arg::Text(&groups)), ("n", Arg::Text(&n))])}
                testid="entity-heatmap">
                <div class="table-scroll">
                <table class="numbers" data-testid="heatmap-table">
                    <caption>{ lang.t_with("ui-markers-heatmap-table", &[("group", Arg::Text(&group))]) }</caption>
                    <thead><tr>
                        <th scope="col">{ group_head }</th><th scope="col" class="num">{ lang.t("ui-markers-patients") }</th>
                        { for heat.marker_names.iter().map(|n| html! { <th scope="col" class="num">{ n.clone() }</th> }) }
                    </tr></thead>
                    <tbody>
                    { for heat.rows.iter().map(|r| html! {
                        <tr>
                            <th scope="row">{ r.name.clone() }</th><td class="num">{ count(lang, r.patients) }</td>
                            { for r.values.iter().map(|&v| html! { <td class="num">{ log_risk(lang, v) }</td> }) }
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
            html! { <p class="computing" role="status" aria-live="polite">{ lang.t("ui-markers-effects-computing") }</p> }
        }
        Some(Err(e)) => {
            html! { <p class="error" role="alert">{ text_with(lang, "effects", e.message(lang)) }</p> }
        }
        Some(Ok(e)) => {
            let total = thousands_in(lang, e.n_cohort);
            let sample = if e.n_used < e.n_cohort {
                lang.t_with(
                    "ui-markers-effects-sample",
                    &[
                        ("used", Arg::Text(&thousands_in(lang, e.n_used))),
                        ("total", Arg::Text(&total)),
                    ],
                )
            } else {
                lang.t_with("ui-markers-effects-all", &[("total", Arg::Text(&total))])
            };
            let within = if e.heading.levels {
                lang.t("ui-markers-effects-levels")
            } else {
                lang.t("ui-markers-effects-band")
            };
            let caption = lang.t_with(
                "ui-markers-effects-caption",
                &[
                    ("name", Arg::Text(&e.heading.name)),
                    ("sample", Arg::Text(&sample)),
                    ("mean", Arg::Text(&signed(lang, f64::from(e.mean_risk), 3))),
                    ("within", Arg::Text(&within)),
                ],
            );
            let name = [("name", Arg::Text(&e.heading.name))];
            html! {
                <ChartView<EffectsChart>
                    chart={EffectsChart { effects: (**e).clone(), lang }}
                    caption={caption}
                    alt={lang.t_with("ui-markers-effects-alt", &name)}
                    testid="effects-chart">
                    <table class="numbers" data-testid="effects-table">
                        <caption>{ lang.t_with("ui-markers-effects-table", &name) }</caption>
                        <thead><tr>
                            <th scope="col">{ if e.heading.levels { lang.t("ui-markers-level") } else { lang.t("ui-markers-value") } }</th>
                            <th scope="col" class="num">{ lang.t("ui-markers-effects-pdp") }</th>
                            <th scope="col" class="num">{ lang.t("ui-markers-effects-ale") }</th>
                            <th scope="col" class="num">{ if e.heading.levels { lang.t("ui-markers-effects-at-level") } else { lang.t("ui-markers-effects-in-band") } }</th>
                        </tr></thead>
                        <tbody>
                        { for e.points.iter().enumerate().map(|(k, q)| {
                            let count = if e.heading.levels { e.ale_counts.get(k) } else { k.checked_sub(1).and_then(|b| e.ale_counts.get(b)) };
                            html! {
                                <tr>
                                    <td>{ q.text.clone() }</td>
                                    <td class="num" data-value={q.pdp.to_string()}>{ signed(lang, f64::from(q.pdp), 3) }</td>
                                    <td class="num" data-value={q.ale.to_string()}>{ signed(lang, f64::from(q.ale), 3) }</td>
                                    <td class="num">{ count.map(|&c| self::count(lang, c)).unwrap_or_default() }</td>
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
            <h3 id="effects-heading">{ lang.t("ui-markers-effects-heading") }</h3>
            <p class="muted">{ lang.t("ui-markers-effects-note") }</p>
            { body }
        </section>
    }
}
