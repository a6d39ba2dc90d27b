//! The interactions view: the ranked pairs of the chosen method with effect sizes and
//! q-values, the strength matrix of the top markers, and for a chosen pair the relevance of
//! one marker against the value of the other. The search itself ran in the worker; the
//! view only arranges `Session::interactions` through `survlens_app::interactions_view`.

use survlens_app::interactions_view::{
    CohortInteractions, InteractionMatrix, InteractionTable, Method, PairPlot, planted_ranks,
};
use survlens_app::session::Session;
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::ViewProps;
use super::charts::ChartView;
use super::charts::heatmap::Heatmap;
use super::charts::interaction_pair::PairChart;

/// Rows of the ranked table.
const TABLE_ROWS: usize = 25;
/// Markers in the strength matrix.
const MATRIX_MARKERS: usize = 20;
/// Most dots in the pair plot.
const PAIR_DOTS: usize = 3_000;

/// The value of the `<select>` that fired `e`.
fn select_value(e: &Event) -> Option<String> {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
}

/// A p- or q-value as a clinician reads it.
fn p_text(p: Option<f64>) -> String {
    match p {
        None => "–".to_owned(),
        Some(p) if p < 1e-4 => "< 0.0001".to_owned(),
        Some(p) => format!("{p:.4}"),
    }
}

#[function_component]
pub fn InteractionsView(props: &ViewProps) -> Html {
    let session = &props.session;
    let method = use_state(|| Method::Statistical);
    let pair = use_state(|| None::<(usize, usize)>);
    let (a, b) = (*pair)
        .or_else(|| {
            let found = session.interactions()?;
            found.of(*method).pairs.first().map(|p| (p.a, p.b))
        })
        .unwrap_or((0, 1));
    let table = use_memo((session.clone(), *method), |(s, m)| {
        s.interactions()
            .map(|f| InteractionTable::build(s, f, *m, TABLE_ROWS))
    });
    let matrix = use_memo((session.clone(), *method), |(s, m)| {
        s.interactions()
            .map(|f| InteractionMatrix::build(s, f, *m, MATRIX_MARKERS))
    });
    let plot = use_memo((session.clone(), a, b), |(s, a, b)| {
        PairPlot::build(s, *a, *b, PAIR_DOTS)
    });

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

    let Some(found) = session.interactions() else {
        return html! {
            <section class="panel interactions-view" data-testid="interactions-view">
                <h2>{ "Interactions between markers" }</h2>
                <p>{ "Interactions were not searched for this cohort." }</p>
            </section>
        };
    };
    html! {
        <section class="interactions-view" aria-labelledby="interactions-heading" data-testid="interactions-view">
            <h2 id="interactions-heading">{ "Interactions between markers" }</h2>
            <p class="disclaimer">{ "An interaction here means the model weighs marker A differently depending on marker B. It describes the model, not biology; the two methods ask different questions and can disagree." }</p>
            <section class="panel" aria-labelledby="ranked-heading">
                <h3 id="ranked-heading">{ "Ranked pairs" }</h3>
                <div class="controls">
                    <label>{ "Method " }
                        <select onchange={on_method} data-testid="interaction-method" aria-label="Method that finds interactions">
                            { for Method::ALL.iter().map(|m| html! {
                                <option value={m.label()} selected={*m == *method}>{ m.label() }</option>
                            }) }
                        </select>
                    </label>
                </div>
                if let Some(t) = table.as_ref() {
                    <p class="key-count" data-testid="significant-count" data-value={t.significant.to_string()}>
                        <span class="big">{ t.significant }</span>{ format!(" of {} ordered pairs count as interactions", t.n_pairs) }
                    </p>
                    <p class="muted">{ format!("{} {}", t.sentence(), method.explanation()) }</p>
                }
                { planted_note(session, found) }
                { ranked_table(table.as_ref().as_ref(), (a, b), choose) }
                { strength_matrix(matrix.as_ref().as_ref()) }
            </section>
            { pair_panel(session, found, *method, (a, b), &plot, on_a, on_b) }
        </section>
    }
}

/// For a synthetic cohort: where the planted interactions rank under both methods.
fn planted_note(session: &Session, found: &CohortInteractions) -> Html {
    let ranks = planted_ranks(session, found);
    if ranks.is_empty() {
        return Html::default();
    }
    let rank =
        |r: Option<usize>| r.map_or_else(|| "not examined".to_owned(), |r| format!("rank {r}"));
    html! {
        <div class="planted" data-testid="planted-ranks">
            <p>{ format!("Planted in this synthetic cohort ({} ordered pairs examined per method):", found.model.pairs.len()) }</p>
            <ul>
            { for ranks.iter().map(|r| html! {
                <li>{ format!("{}: {} statistical, {} model-based.", r.name, rank(r.statistical), rank(r.model)) }</li>
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
            <caption>{ format!("The {} strongest pairs, {} method. Effect: {}.", t.rows.len(), t.method.label().to_lowercase(), t.method.effect_label().to_lowercase()) }</caption>
            <thead><tr>
                <th scope="col" class="num">{ "Rank" }</th>
                <th scope="col">{ "A (relevance)" }</th>
                <th scope="col">{ "B (moved or split)" }</th>
                <th scope="col">{ "Method" }</th>
                <th scope="col" class="num">{ "Effect" }</th>
                <th scope="col" class="num">{ "Shift (log-risk)" }</th>
                <th scope="col" class="num">{ "q-value" }</th>
                <th scope="col">{ "Counts" }</th>
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
                        <td class="num">{ p_text(f.q_value) }</td>
                        <td>{ if f.significant { "yes" } else { "no" } }</td>
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
    let (legend, what) = match m.method {
        Method::ModelBased => (
            "mean |change| of A's relevance (log-risk)",
            "how far the row marker's relevance moves when the column marker is set to a typical value",
        ),
        Method::Statistical => (
            "|rank-biserial correlation|",
            "how strongly the row marker's relevance differs between patients with the column marker high and low",
        ),
    };
    let k = m.markers.len();
    let chart = Heatmap {
        row_labels: m.names.iter().map(|n| format!("A: {n}")).collect(),
        col_labels: m.names.iter().map(|n| format!("B: {n}")).collect(),
        values: m.values.clone(),
        max: m.max,
        marks: m.significant.clone(),
        legend: legend.to_owned(),
        mark_legend: "counts as an interaction".to_owned(),
        stem: format!("interaction-strength-{}", m.method.label().to_lowercase()),
    };
    html! {
        <ChartView<Heatmap>
            chart={chart}
            caption={format!("Interaction strength for the {k} most important markers: each cell is {what}. Dots mark pairs that count; the diagonal is empty.")}
            alt={format!("Heatmap of interaction strength between {k} markers; the table holds every cell.")}
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

fn pair_panel(
    session: &Session,
    found: &CohortInteractions,
    method: Method,
    (a, b): (usize, usize),
    plot: &Result<PairPlot, survlens_app::interactions_view::PairPlotError>,
    on_a: Callback<Event>,
    on_b: Callback<Event>,
) -> Html {
    let candidates = &found.of(method).candidates;
    let option = |j: usize, selected: bool| {
        html! { <option value={j.to_string()} {selected}>{ session.markers[j].name.clone() }</option> }
    };
    let finding = found
        .of(method)
        .pairs
        .iter()
        .find(|p| (p.a, p.b) == (a, b))
        .copied();
    let body = match plot {
        Err(e) => {
            html! { <p class="error" role="alert">{ format!("The pair could not be plotted: {e}") }</p> }
        }
        Ok(p) => {
            let summary = finding.map_or_else(String::new, |f| match method {
                Method::Statistical => format!(
                    " Statistical: rank-biserial correlation {:+.3}, median shift {:+.4} log-risk, q {}.",
                    f.effect,
                    f.shift,
                    match f.q_value {
                        Some(q) if q < 1e-4 => "< 0.0001".to_owned(),
                        q => format!("= {}", p_text(q)),
                    }
                ),
                Method::ModelBased => format!(
                    " Model-based: A's relevance moves by {:.4} log-risk on average (mean signed change {:+.4}) when B is set to a typical value; q {} against the network's background coupling.",
                    f.effect,
                    f.shift,
                    match f.q_value {
                        Some(q) if q < 1e-4 => "< 0.0001".to_owned(),
                        q => format!("= {}", p_text(q)),
                    }
                ),
            });
            let caption = format!(
                "Each dot is one patient: across, {}'s value; up, how much {} raised or lowered the patient's risk score. Boxes span the middle half of the patients {} (line: median; whiskers: 1.5 interquartile ranges). Boxes that differ mean {} is weighed differently depending on {}.{summary}",
                p.b_name,
                p.a_name,
                if p.is_categorical() {
                    "of each level"
                } else {
                    "in each fifth of the values"
                },
                p.a_name,
                p.b_name
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
    };
    html! {
        <section class="panel" aria-labelledby="pair-heading">
            <h3 id="pair-heading">{ "One pair up close" }</h3>
            <div class="controls">
                <label>{ "A (relevance) " }
                    <select onchange={on_a} data-testid="pair-a" aria-label="Marker A, whose relevance is shown">
                        { for candidates.iter().map(|&j| option(j, j == a)) }
                    </select>
                </label>
                <label>{ "B (value) " }
                    <select onchange={on_b} data-testid="pair-b" aria-label="Marker B, whose value is on the horizontal axis">
                        { for candidates.iter().map(|&j| option(j, j == b)) }
                    </select>
                </label>
            </div>
            { body }
        </section>
    }
}
