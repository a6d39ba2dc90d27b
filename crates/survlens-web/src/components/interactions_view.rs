//! The interactions view: by default the pairs the default method tested on held-out
//! outcomes, with hazard ratio, interval, q-value and the method's measured calibration;
//! selectable beside it, the two network-coupling descriptions (not tested against
//! outcomes) with their strength matrix. For a chosen pair, the Kaplan-Meier curves of its
//! four groups and, for the couplings, one marker's relevance against the other's value.
//! The search itself ran in the worker; the view only arranges `Session::interactions`
//! through `survlens_app::views::interactions_view`.

use survlens_app::core::cohort_kind::Endpoint;
use survlens_app::core::error::Failure;
use survlens_app::core::format::{format_p, format_p_or_dash, p_clause};
use survlens_app::core::session::SessionSummary;
use survlens_app::job::views::{ViewReply, ViewRequest};
use survlens_app::views::cohort_view::GroupSurvival;
use survlens_app::views::interactions_view::{
    COUPLING_CAPTION, DEFAULT_FDR, InteractionMatrix, InteractionPair, InteractionTable,
    InteractionsOverview, Method, PAGE_CANDIDATES, PairPlot, PairSurvival, PairView, PlantedRank,
};
use survlens_app::views::measured::PAGE_CALIBRATION;
use yew::prelude::*;

use super::charts::ChartView;
use super::charts::heatmap::Heatmap;
use super::charts::interaction_pair::PairChart;
use super::charts::km::{KmChart, css, group_colour};
use super::dom::select_value;
use super::{ViewProps, use_ask};

#[function_component]
pub fn InteractionsView(props: &ViewProps) -> Html {
    let session = &props.session;
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
                    <h2>{ "Interactions between markers" }</h2>
                    <p class="computing" role="status" aria-live="polite">{ "The interaction search is still running; its progress is shown above." }</p>
                </section>
            };
        }
        None => {
            return html! {
                <section class="panel interactions-view" data-testid="interactions-view">
                    <h2>{ "Interactions between markers" }</h2>
                    <p class="computing" role="status" aria-live="polite">{ "Arranging the interactions\u{2026}" }</p>
                </section>
            };
        }
    };
    let shown = overview.method;
    let body = if shown == Method::Confirmed {
        confirmed_panel(session, overview, (a, b), choose)
    } else {
        html! {
            <>
            if let Some(t) = overview.table.as_ref() {
                <p class="key-count" data-testid="significant-count" data-value={t.significant.to_string()}>
                    <span class="big">{ t.significant }</span>{ format!(" of {} ordered pairs stand out under this description", t.n_pairs) }
                </p>
                <p class="muted">{ format!("{} {}", t.sentence(), shown.explanation()) }</p>
            }
            { planted_note(session, &overview.planted) }
            { ranked_table(overview.table.as_ref(), (a, b), choose) }
            { strength_matrix(overview.matrix.as_ref()) }
            </>
        }
    };
    html! {
        <section class="interactions-view" aria-labelledby="interactions-heading" data-testid="interactions-view">
            <h2 id="interactions-heading">{ "Interactions between markers" }</h2>
            <p class="disclaimer">{ "An interaction here means the effect of marker A on survival depends on marker B: the default method tests that on outcomes the network never saw, and states how often it is wrong. The network-coupling descriptions only show how the network weighs its inputs." }</p>
            <section class="panel" aria-labelledby="ranked-heading">
                <h3 id="ranked-heading">{ "Pairs" }</h3>
                <div class="controls">
                    <label>{ "Method " }
                        <select onchange={on_method} data-testid="interaction-method" aria-label="Method that finds interactions">
                            { for Method::ALL.iter().map(|m| html! {
                                <option value={m.label()} selected={*m == *method}>{ m.label() }</option>
                            }) }
                        </select>
                    </label>
                </div>
                if shown.is_coupling() {
                    <p class="warning" data-testid="coupling-caption">{ COUPLING_CAPTION }</p>
                }
                { body }
            </section>
            { pair_panel(session, overview, (a, b), pair_view, on_a, on_b) }
        </section>
    }
}

/// The default method: count, how it works, its measured calibration, the tested pairs.
fn confirmed_panel(
    session: &SessionSummary,
    overview: &InteractionsOverview,
    selected: (usize, usize),
    choose: Callback<(usize, usize)>,
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
            <span class="big">{ t.declared }</span>{ format!(" of {} tested pairs declared as interactions", t.tested) }
        </p>
        <p class="muted">{ format!("{} {}", t.sentence(), Method::Confirmed.explanation()) }</p>
        if let Some(headline) = PAGE_CALIBRATION.headline(session.n_patients()) {
            <p class="calibration-headline" data-testid="interaction-calibration-headline"><strong>{ headline }</strong></p>
        }
        <details class="calibration">
            <summary>{ "Every measured size and planted pair" }</summary>
            <p data-testid="interaction-calibration">{ PAGE_CALIBRATION.sentence() }</p>
        </details>
        { planted_note(session, &overview.planted) }
        <div class="table-scroll ranked-pairs">
        <table class="numbers interactions" data-testid="confirmed-table">
            <caption>{ format!("The {} tested pairs with the smallest p-values (of {}); every pair among the {PAGE_CANDIDATES} candidate markers was screened. Hazard ratio of the product per unit of both markers' test scales, in the half that gave the smaller p-value.", t.rows.len(), t.tested) }</caption>
            <thead><tr>
                <th scope="col" class="num">{ "Rank" }</th>
                <th scope="col">{ "A" }</th>
                <th scope="col">{ "B" }</th>
                <th scope="col" class="num">{ "Hazard ratio (95% CI)" }</th>
                <th scope="col" class="num">{ "p-value" }</th>
                <th scope="col" class="num">{ "q-value" }</th>
                <th scope="col">{ "Declared" }</th>
                <th scope="col">{ "Adjusted for" }</th>
                <th scope="col"><span class="visually-hidden">{ "Plot" }</span></th>
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
                        <td>{ r.b_name.clone() }{ if r.planted { html! { <span class="tag planted-tag">{ "planted" }</span> } } else { Html::default() } }</td>
                        <td class="num">{ r.hazard_ratio_text() }</td>
                        <td class="num">{ format_p(r.p_value) }</td>
                        <td class="num">{ format_p(r.q_value) }</td>
                        <td>{ if r.declared { "yes" } else { "no" } }</td>
                        <td>{ r.adjusted_for.join(", ") }</td>
                        <td><button type="button" class="link" {onclick} aria-pressed={here.to_string()}
                            aria-label={format!("Plot {} and {}", r.a_name, r.b_name)}>{ "Plot" }</button></td>
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
fn planted_note(session: &SessionSummary, ranks: &[PlantedRank]) -> Html {
    if ranks.is_empty() {
        return Html::default();
    }
    let rank =
        |r: Option<usize>| r.map_or_else(|| "not examined".to_owned(), |r| format!("rank {r}"));
    html! {
        <div class="planted" data-testid="planted-ranks">
            <p>{ format!("Planted in this synthetic cohort ({} patients on screen; detectable: an oracle test that knows the planted form has at least 80% power at this size):", session.n_patients()) }</p>
            <ul>
            { for ranks.iter().map(|r| {
                let confirmed = match r.confirmed {
                    Some(c) if c.declared => format!("declared by the default method (q {})", p_clause(c.q_value)),
                    Some(c) => format!("tested, not declared (q {})", p_clause(c.q_value)),
                    None => "not tested by the default method".to_owned(),
                };
                html! {
                    <li>{ format!("{}: {} (oracle power {:.2}); {confirmed}; couplings: {} relevance split, {} relevance change.",
                        r.name, if r.detectable { "detectable" } else { "not detectable" }, r.oracle_power, rank(r.statistical), rank(r.model)) }</li>
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
) -> Html {
    let Some(t) = table else {
        return Html::default();
    };
    let statistical = t.method == Method::Statistical;
    html! {
        <div class="table-scroll ranked-pairs">
        <table class="numbers interactions" data-testid="interaction-table">
            <caption>{ format!("The {} strongest couplings, {}. Effect: {}.", t.rows.len(), t.method.label().to_lowercase(), t.method.effect_label().to_lowercase()) }</caption>
            <thead><tr>
                <th scope="col" class="num">{ "Rank" }</th>
                <th scope="col">{ "A (relevance)" }</th>
                <th scope="col">{ "B (moved or split)" }</th>
                <th scope="col">{ "Method" }</th>
                <th scope="col" class="num">{ "Effect" }</th>
                <th scope="col" class="num">{ "Shift (log-risk)" }</th>
                <th scope="col" class="num">{ "q-value" }</th>
                <th scope="col">{ "Stands out" }</th>
                <th scope="col"><span class="visually-hidden">{ "Plot" }</span></th>
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
                        <td>{ r.b_name.clone() }{ if r.planted { html! { <span class="tag planted-tag">{ "planted" }</span> } } else { Html::default() } }</td>
                        <td>{ t.method.label() }</td>
                        <td class="num">{ if statistical { format!("{:+.3}", f.effect) } else { format!("{:.4}", f.effect) } }</td>
                        <td class="num">{ format!("{:+.4}", f.shift) }</td>
                        <td class="num">{ format_p_or_dash(f.q_value) }</td>
                        <td>{ if f.stands_out(DEFAULT_FDR) { "yes" } else { "no" } }</td>
                        <td><button type="button" class="link" {onclick} aria-pressed={here.to_string()}
                            aria-label={format!("Plot {} against {}", r.a_name, r.b_name)}>{ "Plot" }</button></td>
                    </tr>
                }
            }) }
            </tbody>
        </table>
        </div>
    }
}

fn strength_matrix(matrix: Option<&InteractionMatrix>) -> Html {
    let Some(m) = matrix else {
        return Html::default();
    };
    let what = match m.method {
        Method::Statistical => {
            "how strongly the row marker's relevance differs between patients with the column marker high and low"
        }
        _ => {
            "how far the row marker's relevance moves when the column marker is set to a typical value"
        }
    };
    let k = m.markers.len();
    let chart = Heatmap::coupling(m);
    let legend = chart.legend.clone();
    html! {
        <ChartView<Heatmap>
            chart={chart}
            caption={format!("Network coupling strength for the {k} most important markers: each cell is {what}. Dots mark pairs that stand out; the diagonal is empty. Not tested against outcomes.")}
            alt={format!("Heatmap of network coupling strength between {k} markers; the table holds every cell.")}
            testid="interaction-heatmap">
            <div class="table-scroll">
            <table class="numbers" data-testid="interaction-matrix-table">
                <caption>{ format!("Strength: {legend}; rows A, columns B") }</caption>
                <thead><tr><th scope="col">{ "A \\ B" }</th>{ for m.names.iter().map(|n| html! { <th scope="col" class="num">{ n.clone() }</th> }) }</tr></thead>
                <tbody>
                { for (0..k).map(|r| html! {
                    <tr><th scope="row">{ m.names[r].clone() }</th>
                    { for (0..k).map(|c| {
                        let v = m.values[r * k + c];
                        html! { <td class="num">{ if v.is_finite() { format!("{v:.3}{}", if m.significant[r * k + c] { " *" } else { "" }) } else { "–".to_owned() } }</td> }
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
fn survival_at(g: &GroupSurvival, months: f64) -> String {
    match g.curve.as_ref().and_then(|c| c.known_at(months)) {
        Some((s, lo, hi)) => format!(
            "{:.0}% ({:.0}\u{2013}{:.0})",
            100.0 * s,
            100.0 * lo,
            100.0 * hi
        ),
        None => "–".to_owned(),
    }
}

/// The four groups' Kaplan-Meier curves of the pair.
fn survival_chart(survival: &Result<PairSurvival, Failure>, endpoint: Endpoint) -> Html {
    let s = match survival {
        Err(e) => {
            return html! { <p class="error" role="alert" data-testid="pair-km-problem">{ format!("The survival curves could not be drawn: {e}") }</p> };
        }
        Ok(s) => s,
    };
    let c = &s.curves;
    let n_groups = c.groups.len();
    let patients: usize = c.groups.iter().map(|g| g.patients).sum();
    let logrank = c.logrank.map_or_else(String::new, |t| {
        format!(
            " Log-rank test across the four groups: chi-square {:.1} on {} df, p {}.",
            t.statistic,
            t.df,
            p_clause(t.p_value)
        )
    });
    let chart = KmChart::pair(s);
    let caption = format!(
        "Kaplan-Meier {} of the {patients} patients with both values in the four groups of the pair ({} without one of them not shown), with 95% bands. An interaction shows as a gap between {} and {} that differs between {} and {}: the curves describe, the test above decides.{logrank}",
        endpoint.survival(),
        s.missing,
        s.a_split[0],
        s.a_split[1],
        s.b_split[0],
        s.b_split[1]
    );
    html! {
        <ChartView<KmChart> chart={chart} caption={caption}
            alt={format!("Kaplan-Meier curves of the four groups of the pair; the table lists their patients, {}, medians and survival at landmarks.", endpoint.events())}
            testid="pair-km-chart">
            <table class="numbers" data-testid="pair-km-table">
                <caption>{ format!("Groups of the pair: patients, {}, median survival and survival at each time (Kaplan-Meier, 95% CI)", endpoint.events()) }</caption>
                <thead><tr>
                    <th scope="col">{ "Group" }</th>
                    <th scope="col" class="num">{ "Patients" }</th>
                    <th scope="col" class="num">{ endpoint.events_heading() }</th>
                    <th scope="col" class="num">{ "Median (months)" }</th>
                    { for c.landmarks_months.iter().map(|l| html! { <th scope="col" class="num">{ format!("{l:.0} mo") }</th> }) }
                </tr></thead>
                <tbody>
                { for c.groups.iter().map(|g| html! {
                    <tr>
                        <th scope="row"><span class="swatch" style={format!("background:{}", css(group_colour(n_groups, g.group)))}></span>{ g.label.clone() }</th>
                        <td class="num">{ g.patients }</td>
                        <td class="num">{ g.events }</td>
                        <td class="num">{ g.median_months.map_or_else(|| "not reached".to_owned(), |m| format!("{m:.1}")) }</td>
                        { for c.landmarks_months.iter().map(|&l| html! { <td class="num">{ survival_at(g, l) }</td> }) }
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
) -> Html {
    let candidates = &overview.candidates;
    let option = |j: usize, selected: bool| {
        html! { <option value={j.to_string()} {selected}>{ session.markers[j].name.clone() }</option> }
    };
    let (survival, relevance) = match pair {
        None => (
            html! { <p class="computing" role="status" aria-live="polite">{ "Drawing the pair\u{2026}" }</p> },
            Html::default(),
        ),
        Some(p) => (
            survival_chart(&p.survival, session.kind.endpoint),
            match &p.plot {
                Some(plot) => relevance_chart(overview.method, p.finding, plot),
                None => Html::default(),
            },
        ),
    };
    html! {
        <section class="panel" aria-labelledby="pair-heading">
            <h3 id="pair-heading">{ "One pair up close" }</h3>
            <div class="controls">
                <label>{ "A " }
                    <select onchange={on_a} data-testid="pair-a" aria-label="Marker A">
                        { for candidates.iter().map(|&j| option(j, j == a)) }
                    </select>
                </label>
                <label>{ "B " }
                    <select onchange={on_b} data-testid="pair-b" aria-label="Marker B">
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
) -> Html {
    match plot {
        Err(e) => {
            html! { <p class="error" role="alert">{ format!("The pair could not be plotted: {e}") }</p> }
        }
        Ok(p) => {
            let q = |f: &InteractionPair| match f.q_value {
                Some(q) => p_clause(q),
                None => "not available".to_owned(),
            };
            let summary = finding.map_or_else(String::new, |f| match method {
                Method::Statistical => format!(
                    " Relevance split: rank-biserial correlation {:+.3}, median shift {:+.4} log-risk, q {}.",
                    f.effect, f.shift, q(&f)
                ),
                _ => format!(
                    " Relevance change: A's relevance moves by {:.4} log-risk on average (mean signed change {:+.4}) when B is set to a typical value; q {} against the network's background coupling.",
                    f.effect, f.shift, q(&f)
                ),
            });
            let caption = format!(
                "How the network weighs {} across {}'s values (a network coupling, not tested against outcomes). Each dot is one patient: across, {}'s value; up, how much {} raised or lowered the patient's risk score. Boxes span the middle half of the patients {} (line: median; whiskers: 1.5 interquartile ranges).{summary}",
                p.a_name,
                p.b_name,
                p.b_name,
                p.a_name,
                if p.is_categorical() {
                    "of each level"
                } else {
                    "in each fifth of the values"
                }
            );
            html! {
                <ChartView<PairChart>
                    chart={PairChart { plot: p.clone() }}
                    caption={caption}
                    alt={format!("Scatter of {}'s relevance against {}'s value with boxes; the table lists the boxes.", p.a_name, p.b_name)}
                    testid="pair-chart">
                    <table class="numbers" data-testid="pair-table">
                        <caption>{ format!("Relevance of {} by {} ({} patients with {} missing not shown)", p.a_name, p.b_name, p.missing, p.b_name) }</caption>
                        <thead><tr><th scope="col">{ p.b_name.clone() }</th><th scope="col" class="num">{ "Patients" }</th><th scope="col" class="num">{ "Lower quartile" }</th><th scope="col" class="num">{ "Median" }</th><th scope="col" class="num">{ "Upper quartile" }</th></tr></thead>
                        <tbody>
                        { for p.boxes.iter().map(|b| html! {
                            <tr><td>{ b.label.clone() }</td><td class="num">{ b.patients }</td>
                            <td class="num">{ format!("{:+.4}", b.quartiles[0]) }</td><td class="num">{ format!("{:+.4}", b.quartiles[1]) }</td><td class="num">{ format!("{:+.4}", b.quartiles[2]) }</td></tr>
                        }) }
                        </tbody>
                    </table>
                </ChartView<PairChart>>
            }
        }
    }
}
