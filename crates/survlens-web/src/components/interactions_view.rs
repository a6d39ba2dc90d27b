//! The interactions view: by default the pairs the default method tested on held-out
//! outcomes, with hazard ratio, interval, q-value and the method's measured calibration;
//! selectable beside it, the two network-coupling descriptions (not tested against
//! outcomes) with their strength matrix. For a chosen pair, the Kaplan-Meier curves of its
//! four groups and, for the couplings, one marker's relevance against the other's value.
//! The search itself ran in the worker; the view only arranges `Session::interactions`
//! through `survlens_app::views::interactions_view`.

use survlens_app::core::cohort_kind::Endpoint;
use survlens_app::core::error::Failure;
use survlens_app::core::format::count_in as count;
use survlens_app::core::format::{format_p, p_clause};
use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::core::session::SessionSummary;
use survlens_app::job::views::{ViewReply, ViewRequest};
use survlens_app::views::cohort_view::GroupSurvival;
use survlens_app::views::interactions_view::{
    DEFAULT_FDR, InteractionMatrix, InteractionPair, InteractionTable, InteractionsOverview,
    Method, PairPlot, PairSurvival, PairView, PlantedRank, coupling_caption,
};
use survlens_app::views::measured::PAGE_CALIBRATION;
use yew::prelude::*;

use super::charts::ChartView;
use super::charts::heatmap::Heatmap;
use super::charts::interaction_pair::PairChart;
use super::charts::km::{KmChart, css, group_colour};
use super::dom::select_value;
use super::{ViewProps, use_ask, use_lang};

/// A number Rust wrote (`0.03`, `< 0.001`) with the language's decimal mark.
fn num(lang: Lang, text: &str) -> String {
    lang.number_text(text)
}

#[function_component]
pub fn InteractionsView(props: &ViewProps) -> Html {
    let session = &props.session;
    let lang = use_lang();
    let method = use_state(|| Method::Confirmed);
    let pair = use_state(|| None::<(usize, usize)>);
    // The search's results stay in the worker: the view asks for the tables of the method
    // on screen and for the chosen pair, and asks again once the search has ended.
    let overview_request = ViewRequest::Interactions { method: *method };
    // While another method's tables are on their way, the last ones stay, rendered as the
    // method they were computed for.
    let overview = match props
        .answers
        .current_or_last(&overview_request)
        .map(|a| &a.reply)
    {
        Some(ViewReply::Interactions(o)) => Some(o.as_ref()),
        _ => None,
    };
    let (a, b) = (*pair)
        .or_else(|| overview.and_then(|o| o.first_pair))
        .unwrap_or((0, 1));
    let pair_request = overview.map(|o| ViewRequest::InteractionPair {
        method: o.method,
        a,
        b,
    });
    use_ask(
        props,
        std::iter::once(overview_request.clone())
            .chain(pair_request.clone())
            .collect(),
    );
    // The last pair stays while the next one's answer is on its way.
    let pair_view = match pair_request
        .as_ref()
        .and_then(|r| props.answers.current_or_last(r))
        .map(|a| &a.reply)
    {
        Some(ViewReply::InteractionPair(p)) => Some(p.as_ref()),
        _ => None,
    };

    let on_method = {
        let method = method.clone();
        let pair = pair.clone();
        Callback::from(move |e: Event| {
            if let Some(chosen) =
                select_value(&e).and_then(|v| Method::ALL.into_iter().find(|m| m.label() == v))
            {
                method.set(chosen);
                pair.set(None);
            }
        })
    };
    let choose = {
        let pair = pair.clone();
        Callback::from(move |p: (usize, usize)| pair.set(Some(p)))
    };
    let on_a = {
        let choose = choose.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = select_value(&e).and_then(|v| v.parse().ok()) {
                choose.emit((v, if v == b { a } else { b }));
            }
        })
    };
    let on_b = {
        let choose = choose.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = select_value(&e).and_then(|v| v.parse().ok()) {
                choose.emit((if v == a { b } else { a }, v));
            }
        })
    };

    let overview = match overview {
        Some(o) if o.searched => o,
        Some(_) => {
            return html! {
                <section class="panel interactions-view" data-testid="interactions-view">
                    <h2>{ lang.t("ui-interactions-heading") }</h2>
                    <p class="computing" role="status" aria-live="polite">{ lang.t("ui-interactions-running") }</p>
                </section>
            };
        }
        None => {
            return html! {
                <section class="panel interactions-view" data-testid="interactions-view">
                    <h2>{ lang.t("ui-interactions-heading") }</h2>
                    <p class="computing" role="status" aria-live="polite">{ lang.t("ui-interactions-arranging") }</p>
                </section>
            };
        }
    };
    let shown = overview.method;
    let body = if shown == Method::Confirmed {
        confirmed_panel(session, overview, (a, b), choose, lang)
    } else {
        html! {
            <>
            if let Some(t) = overview.table.as_ref() {
                <p class="key-count" data-testid="significant-count" data-value={t.significant.to_string()}>
                    <span class="big">{ count(lang, t.significant) }</span>{ format!(" {}", lang.t_with("ui-interactions-stand-out", &[("pairs", Arg::Text(&count(lang, t.n_pairs)))])) }
                </p>
                <p class="muted">{ format!("{} {}", t.sentence_in(lang), shown.explanation_in(lang)) }</p>
            }
            { planted_note(session, &overview.planted, lang) }
            { ranked_table(overview.table.as_ref(), (a, b), choose, lang) }
            { strength_matrix(overview.matrix.as_ref(), lang) }
            </>
        }
    };
    html! {
        <section class="interactions-view" aria-labelledby="interactions-heading" data-testid="interactions-view">
            <h2 id="interactions-heading">{ lang.t("ui-interactions-heading") }</h2>
            <p class="disclaimer">{ lang.t("ui-interactions-disclaimer") }</p>
            <section class="panel" aria-labelledby="ranked-heading">
                <h3 id="ranked-heading">{ lang.t("ui-interactions-pairs-heading") }</h3>
                <div class="controls">
                    <label>{ format!("{} ", lang.t("ui-interactions-method")) }
                        <select onchange={on_method} data-testid="interaction-method" aria-label={lang.t("ui-interactions-method-aria")}>
                            { for Method::ALL.iter().map(|m| html! {
                                <option value={m.label()} selected={*m == *method}>{ m.label_in(lang) }</option>
                            }) }
                        </select>
                    </label>
                </div>
                if shown.is_coupling() {
                    <p class="warning" data-testid="coupling-caption">{ coupling_caption(lang) }</p>
                }
                { body }
            </section>
            { pair_panel(session, overview, (a, b), pair_view, on_a, on_b, lang) }
        </section>
    }
}

/// The default method: count, how it works, its measured calibration, the tested pairs.
fn confirmed_panel(
    session: &SessionSummary,
    overview: &InteractionsOverview,
    selected: (usize, usize),
    choose: Callback<(usize, usize)>,
    lang: Lang,
) -> Html {
    let Some(t) = overview.confirmed.as_ref() else {
        let why = overview.not_run.clone().unwrap_or_default();
        return html! {
            <p class="warning" data-testid="confirmed-not-run">{ why }</p>
        };
    };
    html! {
        <>
        <p class="key-count" data-testid="declared-count" data-value={t.declared.to_string()}>
            <span class="big">{ count(lang, t.declared) }</span>{ format!(" {}", lang.t_with("ui-interactions-declared", &[("tested", Arg::Text(&count(lang, t.tested)))])) }
        </p>
        <p class="muted">{ format!("{} {}", t.sentence_in(lang), Method::Confirmed.explanation_in(lang)) }</p>
        if let Some(headline) = PAGE_CALIBRATION.headline_in(session.n_patients(), lang) {
            <p class="calibration-headline" data-testid="interaction-calibration-headline"><strong>{ headline }</strong></p>
        }
        <details class="calibration">
            <summary>{ lang.t("ui-interactions-calibration-summary") }</summary>
            <p data-testid="interaction-calibration">{ PAGE_CALIBRATION.sentence_in(lang) }</p>
        </details>
        { planted_note(session, &overview.planted, lang) }
        <div class="table-scroll ranked-pairs">
        <table class="numbers interactions" data-testid="confirmed-table">
            <caption>{ lang.t_with("ui-interactions-confirmed-caption", &[
                ("rows", Arg::Text(&count(lang, t.rows.len()))),
                ("tested", Arg::Text(&count(lang, t.tested))),
                ("candidates", Arg::Text(&count(lang, t.candidates))),
            ]) }</caption>
            <thead><tr>
                <th scope="col" class="num">{ lang.t("ui-interactions-col-rank") }</th>
                <th scope="col">{ lang.t("ui-interactions-col-a") }</th>
                <th scope="col">{ lang.t("ui-interactions-col-b") }</th>
                <th scope="col" class="num">{ lang.t("ui-interactions-col-hazard-ratio") }</th>
                <th scope="col" class="num">{ lang.t("ui-interactions-col-p") }</th>
                <th scope="col" class="num">{ lang.t("ui-interactions-col-q") }</th>
                <th scope="col">{ lang.t("ui-interactions-col-declared") }</th>
                <th scope="col">{ lang.t("ui-interactions-col-adjusted") }</th>
                <th scope="col"><span class="visually-hidden">{ lang.t("ui-interactions-col-plot") }</span></th>
            </tr></thead>
            <tbody>
            { for t.rows.iter().map(|r| {
                let here = (r.a, r.b) == selected;
                let (pa, pb) = (r.a, r.b);
                let onclick = {
                    let choose = choose.clone();
                    Callback::from(move |_: MouseEvent| choose.emit((pa, pb)))
                };
                html! {
                    <tr class={classes!(here.then_some("selected"), r.declared.then_some("declared"))} data-a={r.a.to_string()} data-b={r.b.to_string()}>
                        <td class="num">{ r.rank }</td>
                        <td>{ r.a_name.clone() }</td>
                        <td>{ r.b_name.clone() }{ if r.planted { html! { <span class="tag planted-tag">{ lang.t("ui-interactions-planted") }</span> } } else { Html::default() } }</td>
                        <td class="num">{ r.hazard_ratio_text_in(lang) }</td>
                        <td class="num">{ num(lang, &format_p(r.p_value)) }</td>
                        <td class="num">{ num(lang, &format_p(r.q_value)) }</td>
                        <td>{ lang.t(if r.declared { "ui-interactions-yes" } else { "ui-interactions-no" }) }</td>
                        <td>{ r.adjusted_for.join(", ") }</td>
                        <td><button type="button" class="link" {onclick} aria-pressed={here.to_string()}
                            aria-label={lang.t_with("ui-interactions-plot-pair", &[("a", Arg::Text(&r.a_name)), ("b", Arg::Text(&r.b_name))])}>{ lang.t("ui-interactions-plot") }</button></td>
                    </tr>
                }
            }) }
            </tbody>
        </table>
        </div>
        </>
    }
}

/// For a synthetic cohort: each planted interaction, whether it is detectable at the size
/// on screen, and what each method made of it.
fn planted_note(session: &SessionSummary, ranks: &[PlantedRank], lang: Lang) -> Html {
    if ranks.is_empty() {
        return Html::default();
    }
    let rank = |r: Option<usize>| {
        r.map_or_else(
            || lang.t("ui-interactions-not-examined"),
            |r| {
                lang.t_with(
                    "ui-interactions-rank",
                    &[("rank", Arg::Text(&count(lang, r)))],
                )
            },
        )
    };
    html! {
        <div class="planted" data-testid="planted-ranks">
            <p>{ lang.t_with("ui-interactions-planted-intro", &[("patients", Arg::Text(&count(lang, session.n_patients())))]) }</p>
            <ul>
            { for ranks.iter().map(|r| {
                let confirmed = match r.confirmed {
                    Some(c) if c.declared => lang.t_with("ui-interactions-planted-declared", &[("q", Arg::Text(&num(lang, &p_clause(c.q_value))))]),
                    Some(c) => lang.t_with("ui-interactions-planted-not-declared", &[("q", Arg::Text(&num(lang, &p_clause(c.q_value))))]),
                    None => lang.t("ui-interactions-planted-not-tested"),
                };
                html! {
                    <li>{ lang.t_with("ui-interactions-planted-item", &[
                        ("name", Arg::Text(&r.name)),
                        ("detectable", Arg::Text(&lang.t(if r.detectable { "ui-interactions-detectable" } else { "ui-interactions-not-detectable" }))),
                        ("power", Arg::Text(&num(lang, &format!("{:.2}", r.oracle_power)))),
                        ("confirmed", Arg::Text(&confirmed)),
                        ("split", Arg::Text(&rank(r.statistical))),
                        ("change", Arg::Text(&rank(r.model))),
                    ]) }</li>
                }
            }) }
            </ul>
        </div>
    }
}

fn ranked_table(
    table: Option<&InteractionTable>,
    selected: (usize, usize),
    choose: Callback<(usize, usize)>,
    lang: Lang,
) -> Html {
    let Some(t) = table else {
        return Html::default();
    };
    let statistical = t.method == Method::Statistical;
    html! {
        <div class="table-scroll ranked-pairs">
        <table class="numbers interactions" data-testid="interaction-table">
            <caption>{ lang.t_with(if statistical { "ui-interactions-table-caption-statistical" } else { "ui-interactions-table-caption-model" }, &[("rows", Arg::Text(&count(lang, t.rows.len())))]) }</caption>
            <thead><tr>
                <th scope="col" class="num">{ lang.t("ui-interactions-col-rank") }</th>
                <th scope="col">{ lang.t("ui-interactions-col-a-relevance") }</th>
                <th scope="col">{ lang.t("ui-interactions-col-b-moved") }</th>
                <th scope="col">{ lang.t("ui-interactions-col-method") }</th>
                <th scope="col" class="num">{ lang.t("ui-interactions-col-effect") }</th>
                <th scope="col" class="num">{ lang.t("ui-interactions-col-shift") }</th>
                <th scope="col" class="num">{ lang.t("ui-interactions-col-q") }</th>
                <th scope="col">{ lang.t("ui-interactions-col-stands-out") }</th>
                <th scope="col"><span class="visually-hidden">{ lang.t("ui-interactions-col-plot") }</span></th>
            </tr></thead>
            <tbody>
            { for t.rows.iter().map(|r| {
                let f = r.finding;
                let here = (f.a, f.b) == selected;
                let onclick = {
                    let choose = choose.clone();
                    Callback::from(move |_: MouseEvent| choose.emit((f.a, f.b)))
                };
                html! {
                    <tr class={classes!(here.then_some("selected"))} data-a={f.a.to_string()} data-b={f.b.to_string()}>
                        <td class="num">{ r.rank }</td>
                        <td>{ r.a_name.clone() }</td>
                        <td>{ r.b_name.clone() }{ if r.planted { html! { <span class="tag planted-tag">{ lang.t("ui-interactions-planted") }</span> } } else { Html::default() } }</td>
                        <td>{ t.method.label_in(lang) }</td>
                        <td class="num">{ num(lang, &if statistical { format!("{:+.3}", f.effect) } else { format!("{:.4}", f.effect) }) }</td>
                        <td class="num">{ num(lang, &format!("{:+.4}", f.shift)) }</td>
                        <td class="num">{ f.q_value.map_or_else(|| "–".to_owned(), |q| num(lang, &format_p(q))) }</td>
                        <td>{ lang.t(if f.stands_out(DEFAULT_FDR) { "ui-interactions-yes" } else { "ui-interactions-no" }) }</td>
                        <td><button type="button" class="link" {onclick} aria-pressed={here.to_string()}
                            aria-label={lang.t_with("ui-interactions-plot-against", &[("a", Arg::Text(&r.a_name)), ("b", Arg::Text(&r.b_name))])}>{ lang.t("ui-interactions-plot") }</button></td>
                    </tr>
                }
            }) }
            </tbody>
        </table>
        </div>
    }
}

fn strength_matrix(matrix: Option<&InteractionMatrix>, lang: Lang) -> Html {
    let Some(m) = matrix else {
        return Html::default();
    };
    let what = lang.t(match m.method {
        Method::Statistical => "ui-interactions-matrix-what-statistical",
        _ => "ui-interactions-matrix-what-model",
    });
    let k = m.markers.len();
    let k_text = count(lang, k);
    let chart = Heatmap::coupling_in(m, lang);
    let legend = chart.legend.clone();
    html! {
        <ChartView<Heatmap>
            chart={chart}
            caption={lang.t_with("ui-interactions-matrix-caption", &[("k", Arg::Text(&k_text)), ("what", Arg::Text(&what))])}
            alt={lang.t_with("ui-interactions-matrix-alt", &[("k", Arg::Text(&k_text))])}
            testid="interaction-heatmap">
            <div class="table-scroll">
            <table class="numbers" data-testid="interaction-matrix-table">
                <caption>{ lang.t_with("ui-interactions-matrix-table-caption", &[("legend", Arg::Text(&legend))]) }</caption>
                <thead><tr><th scope="col">{ lang.t("ui-interactions-matrix-corner") }</th>{ for m.names.iter().map(|n| html! { <th scope="col" class="num">{ n.clone() }</th> }) }</tr></thead>
                <tbody>
                { for (0..k).map(|r| html! {
                    <tr><th scope="row">{ m.names[r].clone() }</th>
                    { for (0..k).map(|c| {
                        let v = m.values[r * k + c];
                        html! { <td class="num">{ if v.is_finite() { num(lang, &format!("{v:.3}{}", if m.significant[r * k + c] { " *" } else { "" })) } else { "–".to_owned() } }</td> }
                    }) }
                    </tr>
                }) }
                </tbody>
            </table>
            </div>
        </ChartView<Heatmap>>
    }
}

/// Survival of one group at a landmark, as "62% (55–68)", or "–" beyond its follow-up.
fn survival_at(g: &GroupSurvival, months: f64, lang: Lang) -> String {
    match g.curve.as_ref().and_then(|c| c.known_at(months)) {
        Some((s, lo, hi)) => lang.t_with(
            "ui-interactions-survival-at",
            &[
                ("survival", Arg::Text(&format!("{:.0}", 100.0 * s))),
                ("lower", Arg::Text(&format!("{:.0}", 100.0 * lo))),
                ("upper", Arg::Text(&format!("{:.0}", 100.0 * hi))),
            ],
        ),
        None => "–".to_owned(),
    }
}

/// The four groups' Kaplan-Meier curves of the pair.
fn survival_chart(
    survival: &Result<PairSurvival, Failure>,
    endpoint: Endpoint,
    lang: Lang,
) -> Html {
    let s = match survival {
        Err(e) => {
            return html! { <p class="error" role="alert" data-testid="pair-km-problem">{ lang.t_with("ui-interactions-curves-failed", &[("reason", Arg::Text(e.message(lang)))]) }</p> };
        }
        Ok(s) => s,
    };
    let c = &s.curves;
    let n_groups = c.groups.len();
    let patients: usize = c.groups.iter().map(|g| g.patients).sum();
    let logrank = c.logrank.map_or_else(String::new, |t| {
        format!(
            " {}",
            lang.t_with(
                "ui-interactions-logrank",
                &[
                    ("chi", Arg::Text(&num(lang, &format!("{:.1}", t.statistic)))),
                    ("df", Arg::Text(&count(lang, t.df))),
                    ("p", Arg::Text(&num(lang, &p_clause(t.p_value)))),
                ],
            )
        )
    });
    let chart = KmChart {
        lang,
        ..KmChart::pair(s)
    };
    let events = endpoint.events_in(lang);
    let caption = format!(
        "{}{logrank}",
        lang.t_with(
            "ui-interactions-km-caption",
            &[
                ("survival", Arg::Text(&endpoint.survival_in(lang))),
                ("patients", Arg::Text(&count(lang, patients))),
                ("missing", Arg::Text(&count(lang, s.missing))),
                ("a-low", Arg::Text(&s.a_split[0])),
                ("a-high", Arg::Text(&s.a_split[1])),
                ("b-low", Arg::Text(&s.b_split[0])),
                ("b-high", Arg::Text(&s.b_split[1])),
            ],
        )
    );
    html! {
        <ChartView<KmChart> chart={chart} caption={caption}
            alt={lang.t_with("ui-interactions-km-alt", &[("events", Arg::Text(&events))])}
            testid="pair-km-chart">
            <table class="numbers" data-testid="pair-km-table">
                <caption>{ lang.t_with("ui-interactions-km-table-caption", &[("events", Arg::Text(&events))]) }</caption>
                <thead><tr>
                    <th scope="col">{ lang.t("ui-interactions-col-group") }</th>
                    <th scope="col" class="num">{ lang.t("ui-interactions-col-patients") }</th>
                    <th scope="col" class="num">{ endpoint.events_heading_in(lang) }</th>
                    <th scope="col" class="num">{ lang.t("ui-interactions-col-median-months") }</th>
                    { for c.landmarks_months.iter().map(|l| html! { <th scope="col" class="num">{ lang.t_with("ui-interactions-months", &[("months", Arg::Text(&format!("{l:.0}")))]) }</th> }) }
                </tr></thead>
                <tbody>
                { for c.groups.iter().map(|g| html! {
                    <tr>
                        <th scope="row"><span class="swatch" style={format!("background:{}", css(group_colour(n_groups, g.group)))}></span>{ g.label.clone() }</th>
                        <td class="num">{ count(lang, g.patients) }</td>
                        <td class="num">{ count(lang, g.events) }</td>
                        <td class="num">{ g.median_months.map_or_else(|| lang.t("ui-interactions-not-reached"), |m| num(lang, &format!("{m:.1}"))) }</td>
                        { for c.landmarks_months.iter().map(|&l| html! { <td class="num">{ survival_at(g, l, lang) }</td> }) }
                    </tr>
                }) }
                </tbody>
            </table>
        </ChartView<KmChart>>
    }
}

fn pair_panel(
    session: &SessionSummary,
    overview: &InteractionsOverview,
    (a, b): (usize, usize),
    pair: Option<&PairView>,
    on_a: Callback<Event>,
    on_b: Callback<Event>,
    lang: Lang,
) -> Html {
    let candidates = &overview.candidates;
    let option = |j: usize, selected: bool| {
        html! { <option value={j.to_string()} {selected}>{ session.markers[j].name_in(lang).to_owned() }</option> }
    };
    let (survival, relevance) = match pair {
        None => (
            html! { <p class="computing" role="status" aria-live="polite">{ lang.t("ui-interactions-drawing") }</p> },
            Html::default(),
        ),
        Some(p) => (
            survival_chart(&p.survival, session.kind.endpoint, lang),
            match &p.plot {
                Some(plot) => relevance_chart(overview.method, p.finding, plot, lang),
                None => Html::default(),
            },
        ),
    };
    html! {
        <section class="panel" aria-labelledby="pair-heading">
            <h3 id="pair-heading">{ lang.t("ui-interactions-pair-heading") }</h3>
            <div class="controls">
                <label>{ format!("{} ", lang.t("ui-interactions-col-a")) }
                    <select onchange={on_a} data-testid="pair-a" aria-label={lang.t("ui-interactions-marker-a")}>
                        { for candidates.iter().map(|&j| option(j, j == a)) }
                    </select>
                </label>
                <label>{ format!("{} ", lang.t("ui-interactions-col-b")) }
                    <select onchange={on_b} data-testid="pair-b" aria-label={lang.t("ui-interactions-marker-b")}>
                        { for candidates.iter().map(|&j| option(j, j == b)) }
                    </select>
                </label>
            </div>
            { survival }
            { relevance }
        </section>
    }
}

/// For a coupling description: A's relevance against B's value.
fn relevance_chart(
    method: Method,
    finding: Option<InteractionPair>,
    plot: &Result<PairPlot, Failure>,
    lang: Lang,
) -> Html {
    match plot {
        Err(e) => {
            html! { <p class="error" role="alert">{ lang.t_with("ui-interactions-plot-failed", &[("reason", Arg::Text(e.message(lang)))]) }</p> }
        }
        Ok(p) => {
            let q = |f: &InteractionPair| match f.q_value {
                Some(q) => num(lang, &p_clause(q)),
                None => lang.t("ui-interactions-not-available"),
            };
            let summary = finding.map_or_else(String::new, |f| {
                let (key, effect) = match method {
                    Method::Statistical => (
                        "ui-interactions-summary-statistical",
                        format!("{:+.3}", f.effect),
                    ),
                    _ => ("ui-interactions-summary-model", format!("{:.4}", f.effect)),
                };
                format!(
                    " {}",
                    lang.t_with(
                        key,
                        &[
                            ("effect", Arg::Text(&num(lang, &effect))),
                            ("shift", Arg::Text(&num(lang, &format!("{:+.4}", f.shift)))),
                            ("q", Arg::Text(&q(&f))),
                        ],
                    )
                )
            });
            let names = [("a", Arg::Text(&p.a_name)), ("b", Arg::Text(&p.b_name))];
            let boxes = lang.t(if p.is_categorical() {
                "ui-interactions-each-level"
            } else {
                "ui-interactions-each-fifth"
            });
            let caption = format!(
                "{}{summary}",
                lang.t_with(
                    "ui-interactions-pair-caption",
                    &[names[0], names[1], ("boxes", Arg::Text(&boxes))],
                )
            );
            html! {
                <ChartView<PairChart>
                    chart={PairChart { plot: p.clone(), lang }}
                    caption={caption}
                    alt={lang.t_with("ui-interactions-pair-alt", &names)}
                    testid="pair-chart">
                    <table class="numbers" data-testid="pair-table">
                        <caption>{ lang.t_with("ui-interactions-pair-table-caption", &[names[0], names[1], ("missing", Arg::Text(&count(lang, p.missing)))]) }</caption>
                        <thead><tr><th scope="col">{ p.b_name.clone() }</th><th scope="col" class="num">{ lang.t("ui-interactions-col-patients") }</th><th scope="col" class="num">{ lang.t("ui-interactions-col-lower-quartile") }</th><th scope="col" class="num">{ lang.t("ui-interactions-col-median") }</th><th scope="col" class="num">{ lang.t("ui-interactions-col-upper-quartile") }</th></tr></thead>
                        <tbody>
                        { for p.boxes.iter().map(|b| html! {
                            <tr><td>{ b.label.clone() }</td><td class="num">{ count(lang, b.patients) }</td>
                            <td class="num">{ num(lang, &format!("{:+.4}", b.quartiles[0])) }</td><td class="num">{ num(lang, &format!("{:+.4}", b.quartiles[1])) }</td><td class="num">{ num(lang, &format!("{:+.4}", b.quartiles[2])) }</td></tr>
                        }) }
                        </tbody>
                    </table>
                </ChartView<PairChart>>
            }
        }
    }
}
