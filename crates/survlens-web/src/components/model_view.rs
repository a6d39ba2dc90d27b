//! The model view: the training curve, discrimination and accuracy on the held-out patients
//! with bootstrap intervals, calibration at one year, and five attribution methods
//! explaining the selected patient, ranked by deletion-curve faithfulness. Every number
//! comes from `survlens_app::views::model_view`; this component lays them out.

use survlens_app::core::cohort_kind::Endpoint;
use survlens_app::core::error::Failure;
use survlens_app::core::format::{count_in as count, prose_count};
use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::core::session::SessionSummary;
use survlens_app::core::units::DAYS_PER_MONTH;
use survlens_app::job::views::{ViewReply, ViewRequest};
use survlens_app::views::model_view::{
    AttributionMethod, BaselineKind, CalibrationPlot, Candidate, Estimate, MethodComparison,
    ModelReport, endpoint_arg,
};
use yew::prelude::*;

use super::charts::ChartView;
use super::charts::calibration::CalibrationChart;
use super::charts::model_deletion::DeletionChart;
use super::charts::model_methods::MethodBarsChart;
use super::charts::training::TrainingChart;
use super::patient_list::IdPicker;
use super::{ViewProps, use_ask, use_lang};

#[function_component]
pub fn ModelView(props: &ViewProps) -> Html {
    let lang = use_lang();
    let session = props.session.clone();
    // Both computed by the worker, where the cohort lives: the report once per cohort, the
    // five methods once per patient. The view asks for what it lacks and shows it when the
    // answer arrives; the page's thread never computes them.
    let report_request = ViewRequest::ModelReport;
    let comparison_request = ViewRequest::MethodComparison {
        patient: props.selected,
    };
    use_ask(
        props,
        vec![report_request.clone(), comparison_request.clone()],
    );
    let report = props
        .answers
        .get(&report_request)
        .and_then(|a| match &a.reply {
            ViewReply::ModelReport(r) => Some((r, a.ms)),
            _ => None,
        });
    let comparison = props
        .answers
        .get(&comparison_request)
        .and_then(|a| match &a.reply {
            ViewReply::MethodComparison(c) => Some((c, a.ms)),
            _ => None,
        });

    html! {
        <section class="model-view" aria-labelledby="model-heading" data-testid="model-view">
            <div class="panel">
                <h2 id="model-heading">{ lang.t("ui-model-heading") }</h2>
                <p class="muted">{ session.title.text(lang) }</p>
                {
                    match report {
                        None => html! {
                            <p class="computing" role="status" aria-live="polite">{ lang.t("ui-model-computing") }</p>
                        },
                        Some((r, ms)) => metrics_panel(&session, r, ms, lang),
                    }
                }
            </div>
            if let Some((r, _)) = report {
                { baselines_panel(r, lang) }
                <div class="grid-2">
                    { training_panel(r, lang) }
                    { for r.calibration.iter().map(|(months, plot)| calibration_panel(*months, plot, session.kind.endpoint, lang)) }
                </div>
            }
            {
                match comparison {
                    Some((c, ms)) => methods_panel(&session, props, c, ms, lang),
                    None => html! {
                        <div class="panel methods">
                            <div class="methods-head"><h3>{ lang.t("ui-model-methods-heading") }</h3>{ patient_picker(props, "", lang) }</div>
                            <p class="computing" role="status" aria-live="polite">{ lang.t("ui-model-methods-computing") }</p>
                        </div>
                    },
                }
            }
        </section>
    }
}

fn metrics_panel(session: &SessionSummary, report: &ModelReport, ms: f64, lang: Lang) -> Html {
    let ep = endpoint_arg(session.kind.endpoint);
    let n = |k: usize| prose_count(lang, k);
    let m = &report.metrics;
    let months = |days: f64| days / DAYS_PER_MONTH;
    let grid = &m.brier_grid_days;
    let (grid_from, grid_to) = (
        grid.first().copied().unwrap_or(f64::NAN),
        grid.last().copied().unwrap_or(f64::NAN),
    );
    let row = |key: &str, name: Html, e: &Estimate, decimals: usize, what: String| {
        let value = e.value().map(|v| v.to_string()).unwrap_or_default();
        let fewer = e
            .interval()
            .map(|i| i.replicates + i.failed)
            .filter(|&k| k < m.bootstrap.replicates)
            .map(|k| {
                format!(
                    " {}",
                    lang.t_with("ui-model-fewer-resamples", &[("k", Arg::Text(&n(k)))])
                )
            })
            .unwrap_or_default();
        html! {
            <tr data-testid={format!("metric-{key}")} data-value={value}>
                <th scope="row">{ name }</th>
                <td class="num">{ e.text(decimals, lang) }</td>
                <td class="muted">
                    { what }{ fewer }
                    if let Estimate::Unavailable(why) = e { { format!(" {}", lang.t_with("ui-model-unavailable", &[("reason", Arg::Text(why.message(lang)))])) } }
                </td>
            </tr>
        }
    };
    html! {
        <>
        <p data-testid="split">{ report.split.sentence(session.kind.endpoint, lang) }</p>
        <table class="metrics" data-testid="metrics-table">
            <caption>{ format!(
                "{}{} {}",
                lang.t_with("ui-model-metrics-caption", &[
                    ("held-out", Arg::Text(&n(report.split.held_out.len()))),
                    ("replicates", Arg::Text(&n(m.bootstrap.replicates))),
                ]),
                if m.bootstrap_patients < report.split.held_out.len() {
                    format!(" {}", lang.t_with("ui-model-metrics-sample", &[
                        ("sample", Arg::Text(&n(m.bootstrap_patients))),
                        ("held-out", Arg::Text(&n(report.split.held_out.len()))),
                        ("antolini", Arg::Text(&n(m.antolini_patients))),
                    ]))
                } else {
                    String::new()
                },
                computed_in(ms, lang)) }</caption>
            <thead><tr><th scope="col">{ lang.t("ui-model-col-figure") }</th><th scope="col" class="num">{ lang.t("ui-model-col-estimate") }</th><th scope="col">{ lang.t("ui-model-col-measures") }</th></tr></thead>
            <tbody>
                { row("harrell", html!{ lang.t("ui-model-harrell") }, &m.harrell_c, 3,
                    lang.t_with("ui-model-harrell-what", &[("endpoint", Arg::Text(ep))])) }
                { row("uno", html!{ lang.t("ui-model-uno") }, &m.uno_c, 3,
                    lang.t_with("ui-model-uno-what", &[
                        ("censoring", Arg::Text(&report.censoring_from.describe(lang))),
                        ("endpoint", Arg::Text(ep)),
                        ("tau", Arg::Text(&lang.decimal(months(m.uno_tau_days), 1))),
                    ])) }
                { row("antolini", html!{ lang.t("ui-model-antolini") }, &m.antolini_c, 3,
                    lang.t_with("ui-model-antolini-what", &[
                        ("endpoint", Arg::Text(ep)),
                        ("points", Arg::Text(&n(m.antolini_grid_points))),
                    ])) }
                { row("ibs", html!{ lang.t("ui-model-ibs") }, &m.integrated_brier, 3,
                    lang.t_with("ui-model-ibs-what", &[
                        ("from", Arg::Text(&lang.decimal(months(grid_from), 1))),
                        ("to", Arg::Text(&lang.decimal(months(grid_to), 1))),
                        ("times", Arg::Text(&n(grid.len()))),
                        ("censoring", Arg::Text(&report.censoring_from.describe(lang))),
                    ])) }
                { for m.auc.iter().map(|a| row(
                    &format!("auc-{:.0}", a.months),
                    html!{ <>{ lang.t_with("ui-model-auc", &[("months", Arg::Text(&lang.decimal(a.months, 0)))]) }</> },
                    &a.auc, 3,
                    lang.t_with("ui-model-auc-what", &[
                        ("endpoint", Arg::Text(ep)),
                        ("months", Arg::Text(&lang.decimal(a.months, 0))),
                    ]))) }
            </tbody>
        </table>
        <p class="muted">{ match session.baseline_slope {
            b if (b - 1.0).abs() < 1e-12 => lang.t("ui-model-breslow"),
            b => lang.t_with("ui-model-breslow-recalibrated", &[("slope", Arg::Text(&lang.decimal(b, 2)))]),
        } }</p>
        </>
    }
}

fn training_panel(report: &ModelReport, lang: Lang) -> Html {
    let t = &report.training;
    if t.epochs.is_empty() {
        return html! {
            <div class="panel"><h3>{ lang.t("ui-model-training-heading") }</h3><p class="muted">{ lang.t("ui-model-training-none") }</p></div>
        };
    }
    let best = t.best();
    let caption = match best {
        Some(b) => lang.t_with(
            "ui-model-training-caption-best",
            &[
                ("epoch", Arg::Text(&count(lang, b.epoch))),
                ("loss", Arg::Text(&lang.decimal(b.validation_loss, 3))),
                ("cindex", Arg::Text(&lang.decimal(b.validation_cindex, 3))),
            ],
        ),
        None => lang.t("ui-model-training-caption"),
    };
    let chart = TrainingChart::of(t, lang);
    html! {
        <div class="panel">
            <h3>{ lang.t("ui-model-training-heading") }</h3>
            <ChartView<TrainingChart> chart={chart} caption={caption}
                alt={lang.t_with("ui-model-training-alt", &[("epochs", Arg::Text(&count(lang, t.epochs.len())))])}
                testid="training-chart">
                <table class="compact">
                    <thead><tr><th scope="col" class="num">{ lang.t("ui-model-col-epoch") }</th><th scope="col" class="num">{ lang.t("ui-model-col-training-loss") }</th><th scope="col" class="num">{ lang.t("ui-model-col-validation-loss") }</th><th scope="col" class="num">{ lang.t("ui-model-col-validation-c") }</th></tr></thead>
                    <tbody>
                    { for t.epochs.iter().map(|e| html! {
                        <tr class={classes!((Some(e.epoch) == t.best_epoch).then_some("best"))}>
                            <td class="num">{ e.epoch }{ if Some(e.epoch) == t.best_epoch { format!(" {}", lang.t("ui-model-best")) } else { String::new() } }</td>
                            <td class="num">{ lang.decimal(e.train_loss, 4) }</td>
                            <td class="num">{ lang.decimal(e.validation_loss, 4) }</td>
                            <td class="num">{ lang.decimal(e.validation_cindex, 3) }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            </ChartView<TrainingChart>>
        </div>
    }
}

fn calibration_panel(
    months: f64,
    plot: &Result<CalibrationPlot, Failure>,
    endpoint: Endpoint,
    lang: Lang,
) -> Html {
    let heading = lang.t_with(
        "ui-model-calibration-heading",
        &[("months", Arg::Text(&lang.decimal(months, 0)))],
    );
    let plot = match plot {
        Ok(plot) if !plot.groups.is_empty() => plot,
        Ok(_) => {
            return html! { <div class="panel"><h3>{ heading }</h3><p class="muted">{ lang.t("ui-model-calibration-none") }</p></div> };
        }
        Err(why) => {
            return html! { <div class="panel"><h3>{ heading }</h3><p class="muted">{ lang.t_with("ui-model-calibration-failed", &[("reason", Arg::Text(why.message(lang)))]) }</p></div> };
        }
    };
    let caption = lang.t_with(
        "ui-model-calibration-caption",
        &[("months", Arg::Text(&lang.decimal(plot.months, 0)))],
    );
    let pct = |p: f64| lang.number_text(&format!("{:.0}", 100.0 * p));
    let percent_sign = match lang {
        Lang::En => "%",
        Lang::De => "\u{a0}%",
    };
    html! {
        <div class="panel" data-testid={format!("calibration-{:.0}", months)}>
            <h3>{ heading }</h3>
            <p data-testid="calibration-summary">{ plot.sentence(endpoint, lang) }</p>
            <ChartView<CalibrationChart> chart={CalibrationChart::of(plot, lang)}
                caption={caption}
                alt={lang.t_with("ui-model-calibration-alt", &[
                    ("months", Arg::Text(&lang.decimal(plot.months, 0))),
                    ("groups", Arg::Text(&count(lang, plot.groups.len()))),
                ])}
                testid="calibration-chart">
                <table class="compact">
                    <thead><tr><th scope="col" class="num">{ lang.t("ui-model-col-risk-group") }</th><th scope="col" class="num">{ lang.t("ui-model-col-patients") }</th><th scope="col" class="num">{ lang.t("ui-model-col-predicted") }</th><th scope="col" class="num">{ lang.t("ui-model-col-observed") }</th></tr></thead>
                    <tbody>
                    { for plot.groups.iter().map(|g| html! {
                        <tr>
                            <td class="num">{ g.group + 1 }</td>
                            <td class="num">{ count(lang, g.n) }</td>
                            <td class="num">{ format!("{}{percent_sign}", pct(g.predicted)) }</td>
                            <td class="num">{ format!("{}{percent_sign} ({}\u{2013}{}{percent_sign})", pct(g.observed), pct(g.observed_lower), pct(g.observed_upper)) }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            </ChartView<CalibrationChart>>
        </div>
    }
}

/// The network beside the models a statistician fits first, on the same held-out patients,
/// and what the `auto` recipe chose.
fn baselines_panel(report: &ModelReport, lang: Lang) -> Html {
    let warning = report.baseline_warning(lang);
    let number = |x: f64| lang.number_text(&x.to_string());
    let recipe = report.recipe.as_ref().map(|choice| {
        let weight = choice.linear_weight;
        let linear_name = kind_name(choice.linear.kind, true, lang);
        html! {
            <div data-testid="recipe">
                <h4>{ lang.t("ui-model-recipe-heading") }</h4>
                <p class="muted">{ lang.t_with("ui-model-recipe-text", &[
                    ("folds", Arg::Text(&count(lang, choice.config.folds))),
                    ("members", Arg::Text(&count(lang, choice.members))),
                    ("blend", Arg::Text(&if weight > 0.0 {
                        format!(" {}", lang.t_with("ui-model-recipe-blend", &[
                            ("model", Arg::Text(&linear_name)),
                            ("weight", Arg::Text(&lang.decimal(weight, 2))),
                            ("penalty", Arg::Text(&number(choice.linear.penalizer))),
                        ]))
                    } else {
                        String::new()
                    })),
                    ("slope", Arg::Text(&lang.decimal(choice.calibration.slope.max(survlens_app::views::model_view::MIN_CALIBRATION_SLOPE), 2))),
                ]) }</p>
                <table class="compact" data-testid="recipe-table">
                    <thead><tr><th scope="col">{ lang.t("ui-model-col-setting") }</th><th scope="col" class="num">{ lang.t("ui-model-col-validation-loss") }</th><th scope="col" class="num">{ lang.t("ui-model-col-validation-c-short") }</th><th scope="col" class="num">{ lang.t("ui-model-col-folds") }</th></tr></thead>
                    <tbody>
                    { for choice.scores.iter().enumerate().map(|(i, sc)| html! {
                        <tr class={classes!((i == choice.chosen).then_some("best"))}>
                            <td>{ describe_candidate(&sc.candidate, lang) }{ if i == choice.chosen { format!(" {}", lang.t("ui-model-chosen")) } else { String::new() } }</td>
                            <td class="num">{ lang.decimal(sc.validation_loss, 4) }</td>
                            <td class="num">{ lang.decimal(sc.validation_c, 3) }</td>
                            <td class="num">{ sc.folds }</td>
                        </tr>
                    }) }
                        <tr>
                            <td>{ lang.t_with("ui-model-recipe-linear", &[("model", Arg::Text(&linear_name)), ("penalty", Arg::Text(&number(choice.linear.penalizer)))]) }</td>
                            <td class="num">{ lang.decimal(choice.linear.validation_loss, 4) }</td>
                            <td class="num">{ lang.decimal(choice.linear.validation_c, 3) }</td>
                            <td class="num">{ choice.config.folds }</td>
                        </tr>
                    </tbody>
                </table>
            </div>
        }
    });
    html! {
        <div class="panel" data-testid="baselines">
            <h3>{ lang.t("ui-model-baselines-heading") }</h3>
            if let Some(w) = warning {
                <p class="warning" role="alert" data-testid="baseline-warning">{ w }</p>
            }
            if report.baselines.is_empty() {
                <p class="muted">{ lang.t("ui-model-baselines-none") }</p>
            } else {
                <table class="metrics" data-testid="baselines-table">
                    <caption>{ lang.t("ui-model-baselines-caption") }{
                        if report.metrics.bootstrap_patients < report.split.held_out.len() {
                            format!(" {}", lang.t_with("ui-model-baselines-sample", &[
                                ("sample", Arg::Text(&prose_count(lang, report.metrics.bootstrap_patients))),
                                ("held-out", Arg::Text(&prose_count(lang, report.split.held_out.len()))),
                            ]))
                        } else {
                            String::new()
                        }
                    }</caption>
                    <thead><tr><th scope="col">{ lang.t("ui-model-col-model") }</th><th scope="col" class="num">{ lang.t("ui-model-col-harrell") }</th><th scope="col" class="num">{ lang.t("ui-model-col-difference") }</th></tr></thead>
                    <tbody>
                        <tr data-testid="baseline-network"><th scope="row">{ lang.t("ui-model-baselines-network") }</th><td class="num">{ report.metrics.harrell_c.text(3, lang) }</td><td></td></tr>
                        { for report.baselines.iter().map(|b| html! {
                            <tr data-testid={format!("baseline-{}", b.kind.label().replace(' ', "-"))}>
                                <th scope="row">{ lang.t_with("ui-model-baselines-row", &[("model", Arg::Text(&kind_name(b.kind, false, lang))), ("penalty", Arg::Text(&number(b.penalizer)))]) }</th>
                                <td class="num">{ b.harrell_c.text(3, lang) }</td>
                                <td class="num">{ b.network_minus_baseline.text(3, lang) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            { recipe.unwrap_or_default() }
        </div>
    }
}

/// Moves the selection by `step` patients, staying within the cohort.
fn step_callback(props: &ViewProps, step: isize) -> Callback<MouseEvent> {
    let n = props.session.n_patients();
    let selected = props.selected;
    let on_select = props.on_select.clone();
    Callback::from(move |_| {
        let next = selected
            .saturating_add_signed(step)
            .min(n.saturating_sub(1));
        on_select.emit(next);
    })
}

fn patient_picker(props: &ViewProps, id: &str, lang: Lang) -> Html {
    html! {
        <div class="model-picker">
            <button type="button" class="secondary" onclick={step_callback(props, -1)} aria-label={lang.t("ui-model-previous-patient")}>{ "\u{2190}" }</button>
            <IdPicker view={props.clone()} id={AttrValue::from(id.to_owned())} />
            <button type="button" class="secondary" onclick={step_callback(props, 1)} aria-label={lang.t("ui-model-next-patient")}>{ "\u{2192}" }</button>
        </div>
    }
}

fn methods_panel(
    session: &SessionSummary,
    props: &ViewProps,
    comparison: &Result<MethodComparison, Failure>,
    ms: f64,
    lang: Lang,
) -> Html {
    let c = match comparison {
        Ok(c) => c,
        Err(why) => {
            return html! {
                <div class="panel"><h3>{ lang.t("ui-model-methods-heading") }</h3>{ patient_picker(props, "", lang) }
                <p class="error" role="alert">{ lang.t_with("ui-model-methods-failed", &[("reason", Arg::Text(why.message(lang)))]) }</p></div>
            };
        }
    };
    let id = c.patient_id.clone();
    let methods: Vec<AttributionMethod> = c.methods.iter().map(|e| e.method).collect();
    let ranking = c.ranking();
    let best = ranking
        .first()
        .map(|&k| c.methods[k].method.label_in(lang))
        .unwrap_or_default();
    let shapley_text = if c.shapley_permutations > 0 {
        lang.t_with(
            "ui-model-shapley-drawn",
            &[
                (
                    "permutations",
                    Arg::Text(&count(lang, c.shapley_permutations)),
                ),
                ("batches", Arg::Text(&count(lang, c.shapley_batches))),
            ],
        )
    } else {
        c.shapley_note.clone().unwrap_or_default()
    };
    let signed = |x: f32| lang.signed(f64::from(x), 3);
    html! {
        <div class="panel methods" data-testid="methods-panel" data-patient-id={id.clone()}>
            <div class="methods-head">
                <h3>{ lang.t_with("ui-model-methods-patient", &[("id", Arg::Text(&id))]) }</h3>
                { patient_picker(props, &id, lang) }
            </div>
            <p class="muted">{ format!("{} {shapley_text} {}",
                lang.t_with("ui-model-methods-text", &[
                    ("risk", Arg::Text(&signed(c.risk))),
                    ("reference", Arg::Text(&signed(c.reference_risk))),
                ]),
                computed_in(ms, lang)) }</p>
            <ChartView<MethodBarsChart>
                chart={MethodBarsChart::of(session, c, lang)}
                caption={lang.t_with("ui-model-methods-caption", &[("markers", Arg::Text(&count(lang, c.top_markers.len())))])}
                alt={lang.t_with("ui-model-methods-alt", &[
                    ("markers", Arg::Text(&count(lang, c.top_markers.len()))),
                    ("methods", Arg::Text(&count(lang, methods.len()))),
                    ("id", Arg::Text(&id)),
                ])}
                testid="methods-chart">
                <table class="compact">
                    <thead><tr><th scope="col">{ lang.t("ui-model-col-marker") }</th>{ for methods.iter().map(|m| html!{ <th scope="col" class="num">{ m.label_in(lang) }</th> }) }</tr></thead>
                    <tbody>
                    { for c.top_markers.iter().map(|&j| html! {
                        <tr>
                            <th scope="row">{ session.markers[j].name_in(lang).to_owned() }</th>
                            { for c.methods.iter().map(|e| html! {
                                <td class="num">{
                                    if e.marker_std_err[j] > 0.0 { format!("{} \u{b1} {}", signed(e.marker_relevance[j]), lang.decimal(f64::from(e.marker_std_err[j]), 3)) }
                                    else { signed(e.marker_relevance[j]) }
                                }</td>
                            }) }
                        </tr>
                    }) }
                    </tbody>
                </table>
            </ChartView<MethodBarsChart>>

            <h4>{ lang.t("ui-model-faithful-heading") }</h4>
            <table class="faithfulness" data-testid="faithfulness-table">
                <caption>{ lang.t_with("ui-model-faithful-caption", &[("best", Arg::Text(&best))]) }</caption>
                <thead><tr><th scope="col" class="num">{ lang.t("ui-model-col-rank") }</th><th scope="col">{ lang.t("ui-model-col-method") }</th><th scope="col" class="num">{ lang.t("ui-model-col-faithfulness") }</th><th scope="col" class="num">{ lang.t("ui-model-col-sum") }</th><th scope="col">{ lang.t("ui-model-col-against") }</th></tr></thead>
                <tbody>
                { for ranking.iter().enumerate().map(|(rank, &k)| {
                    let e = &c.methods[k];
                    html! {
                        <tr data-method={e.method.label()}>
                            <td class="num">{ rank + 1 }</td>
                            <td>{ e.method.label_in(lang) }</td>
                            <td class="num" data-value={e.faithfulness.to_string()}>{ lang.signed(f64::from(e.faithfulness), 3) }</td>
                            <td class="num">{ lang.signed(f64::from(e.accounting.relevance_sum), 3) }</td>
                            <td class="muted">{ e.method.measured_against(lang) }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            <ChartView<DeletionChart>
                chart={DeletionChart::of(c, lang)}
                caption={lang.t("ui-model-deletion-caption")}
                alt={lang.t_with("ui-model-deletion-alt", &[("curves", Arg::Text(&count(lang, c.methods.len()))), ("id", Arg::Text(&id))])}
                testid="deletion-chart">
                <table class="compact">
                    <thead><tr><th scope="col" class="num">{ lang.t("ui-model-col-replaced") }</th>{ for methods.iter().map(|m| html!{ <th scope="col" class="num">{ m.label_in(lang) }</th> }) }</tr></thead>
                    <tbody>
                    { for (0..c.methods.first().map_or(0, |e| e.deletion_risk.len())).map(|k| html! {
                        <tr>
                            <td class="num">{ k }</td>
                            { for c.methods.iter().map(|e| html! { <td class="num">{ signed(e.deletion_risk.get(k).copied().unwrap_or(f32::NAN)) }</td> }) }
                        </tr>
                    }) }
                    </tbody>
                </table>
            </ChartView<DeletionChart>>
            <p class="disclaimer">{ lang.t("ui-model-disclaimer") }</p>
        </div>
    }
}

/// A baseline model's name in `lang`; `recipe` names the hinge model as the `auto` recipe's
/// piecewise-linear Cox model.
fn kind_name(kind: BaselineKind, recipe: bool, lang: Lang) -> String {
    match kind {
        BaselineKind::Linear => lang.t("ui-model-kind-linear"),
        BaselineKind::Spline => lang.t("ui-model-kind-spline"),
        BaselineKind::Hinge if recipe => lang.t("ui-model-kind-piecewise"),
        BaselineKind::Hinge => lang.t("ui-model-kind-hinge"),
    }
}

/// One of the `auto` recipe's settings in `lang`, as `Candidate::describe` writes it in
/// English.
fn describe_candidate(c: &Candidate, lang: Lang) -> String {
    if lang == Lang::En {
        return c.describe();
    }
    let number = |x: f64| lang.number_text(&x.to_string());
    let shape = match c.hidden.as_slice() {
        [] => lang.t("ui-model-setting-linear"),
        widths => lang.t_with(
            "ui-model-setting-hidden",
            &[
                ("layers", Arg::Count(widths.len() as u64)),
                (
                    "units",
                    Arg::Text(
                        &widths
                            .iter()
                            .map(usize::to_string)
                            .collect::<Vec<_>>()
                            .join(&format!(" {} ", lang.t("ui-model-setting-and"))),
                    ),
                ),
            ],
        ),
    };
    let dropout = if c.hidden.is_empty() && c.input_dropout == 0.0 {
        String::new()
    } else {
        format!(
            ", {}",
            lang.t_with(
                "ui-model-setting-dropout",
                &[
                    (
                        "input",
                        Arg::Text(&lang.number_text(&c.input_dropout.to_string()))
                    ),
                    (
                        "hidden",
                        Arg::Text(&lang.number_text(&c.hidden_dropout.to_string()))
                    ),
                ],
            )
        )
    };
    format!(
        "{shape}{dropout}, {}",
        lang.t_with(
            "ui-model-setting-rates",
            &[
                ("rate", Arg::Text(&number(c.learning_rate))),
                ("decay", Arg::Text(&number(c.weight_decay))),
            ],
        )
    )
}

/// "Computed in 12 ms." in `lang` (English milliseconds ungrouped, as always written).
fn computed_in(ms: f64, lang: Lang) -> String {
    let ms = match lang {
        Lang::En => format!("{ms:.0}"),
        Lang::De => lang.decimal(ms, 0),
    };
    lang.t_with("ui-model-computed-in", &[("ms", Arg::Text(&ms))])
}
