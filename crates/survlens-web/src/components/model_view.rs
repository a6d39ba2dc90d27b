//! The model view: the training curve, discrimination and accuracy on the held-out patients
//! with bootstrap intervals, calibration at one year, and five attribution methods
//! explaining the selected patient, ranked by deletion-curve faithfulness. Every number
//! comes from `survlens_app::views::model_view`; this component lays them out.

use survlens_app::core::cohort_kind::Endpoint;
use survlens_app::core::error::Failure;
use survlens_app::core::session::SessionSummary;
use survlens_app::core::units::DAYS_PER_MONTH;
use survlens_app::job::views::{ViewReply, ViewRequest};
use survlens_app::views::model_view::{
    AttributionMethod, CalibrationPlot, Estimate, MethodComparison, ModelReport,
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
                <h2 id="model-heading">{ "The model: how it trained, how well it predicts" }</h2>
                <p class="muted">{ session.title.text(lang) }</p>
                {
                    match report {
                        None => html! {
                            <p class="computing" role="status" aria-live="polite">{ "Computing the held-out figures and their bootstrap intervals\u{2026}" }</p>
                        },
                        Some((r, ms)) => metrics_panel(&session, r, ms),
                    }
                }
            </div>
            if let Some((r, _)) = report {
                { baselines_panel(r) }
                <div class="grid-2">
                    { training_panel(r) }
                    { for r.calibration.iter().map(|(months, plot)| calibration_panel(*months, plot, session.kind.endpoint)) }
                </div>
            }
            {
                match comparison {
                    Some((c, ms)) => methods_panel(&session, props, c, ms),
                    None => html! {
                        <div class="panel methods">
                            <div class="methods-head"><h3>{ "Attribution methods" }</h3>{ patient_picker(props, "") }</div>
                            <p class="computing" role="status" aria-live="polite">{ "Explaining the patient with five methods\u{2026}" }</p>
                        </div>
                    },
                }
            }
        </section>
    }
}

fn metrics_panel(session: &SessionSummary, report: &ModelReport, ms: f64) -> Html {
    let ep = session.kind.endpoint;
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
            .map(|k| format!(" Interval from {k} resamples, to keep the page responsive on this many patients."))
            .unwrap_or_default();
        html! {
            <tr data-testid={format!("metric-{key}")} data-value={value}>
                <th scope="row">{ name }</th>
                <td class="num">{ e.text(decimals) }</td>
                <td class="muted">
                    { what }{ fewer }
                    if let Estimate::Unavailable(why) = e { { format!(" Not available here: {why}.") } }
                </td>
            </tr>
        }
    };
    html! {
        <>
        <p data-testid="split">{ report.split.sentence(session.kind.endpoint) }</p>
        <table class="metrics" data-testid="metrics-table">
            <caption>{ format!(
                "Discrimination and accuracy on the {} held-out patients, with 95% percentile bootstrap intervals (up to {} resamples of the held-out patients).{} Computed in {:.0} ms.",
                report.split.held_out.len(), m.bootstrap.replicates,
                if m.bootstrap_patients < report.split.held_out.len() {
                    format!(" Intervals from resamples of {} of the {} held-out patients (every k-th), rescaled to all of them (m-out-of-n bootstrap); Antolini's C on those {} alone.",
                        m.bootstrap_patients, report.split.held_out.len(), m.antolini_patients)
                } else {
                    String::new()
                },
                ms) }</caption>
            <thead><tr><th scope="col">{ "Figure" }</th><th scope="col" class="num">{ "Estimate (95% CI)" }</th><th scope="col">{ "What it measures" }</th></tr></thead>
            <tbody>
                { row("harrell", html!{ "Harrell's C-index" }, &m.harrell_c, 3,
                    format!("The share of comparable patient pairs whose risk scores are in the order of their {}; 0.5 is chance, 1 perfect.", ep.events())) }
                { row("uno", html!{ "Uno's C-index" }, &m.uno_c, 3,
                    format!("Harrell's pairs weighted by the inverse probability of being still followed ({}), counting {} before \u{3c4} = {:.1} months, the 80th percentile of held-out follow-up: less dependent on this cohort's censoring.", report.censoring_from.describe(), ep.events(), months(m.uno_tau_days))) }
                { row("antolini", html!{ "Antolini's time-dependent C" }, &m.antolini_c, 3,
                    format!("Pairs ordered by the predicted survival curves at each {} time (curves read on {} follow-up times); for a proportional-hazards model close to Harrell's C.", ep.event(), m.antolini_grid_points)) }
                { row("ibs", html!{ "Integrated Brier score" }, &m.integrated_brier, 3,
                    format!("Mean squared error of the predicted survival probabilities from {:.1} to {:.1} months (10th to 90th percentile of held-out follow-up, {} times), with Kaplan-Meier {}; lower is better, 0.25 is predicting 50% for everyone.", months(grid_from), months(grid_to), grid.len(), report.censoring_from.describe())) }
                { for m.auc.iter().map(|a| row(
                    &format!("auc-{:.0}", a.months),
                    html!{ <>{ format!("Time-dependent AUC at {:.0} months", a.months) }</> },
                    &a.auc, 3,
                    match ep {
                        Endpoint::Death => format!("Cumulative/dynamic AUC: how well the predicted risk of death by {:.0} months separates patients who died by then from those still alive after it.", a.months),
                        _ => format!("Cumulative/dynamic AUC: how well the predicted risk of an event by {:.0} months separates patients with an event by then from those still event-free after it.", a.months),
                    })) }
            </tbody>
        </table>
        <p class="muted">{ match session.baseline_slope {
            b if (b - 1.0).abs() < 1e-12 => "Survival curves come from a Breslow baseline hazard: S(t | patient) = exp(\u{2212}H\u{2080}(t) \u{b7} exp(risk score)). Every view quotes the C-index above, on the same held-out test patients.".to_owned(),
            b => format!("Survival curves come from a Breslow baseline hazard recalibrated on patients the network did not train on, with calibration slope b = {b:.2}: S(t | patient) = exp(\u{2212}H\u{2080}(t) \u{b7} exp(b \u{b7} risk score)). Every view quotes the C-index above, on the same held-out test patients."),
        } }</p>
        </>
    }
}

fn training_panel(report: &ModelReport) -> Html {
    let t = &report.training;
    if t.epochs.is_empty() {
        return html! {
            <div class="panel"><h3>{ "Training curve" }</h3><p class="muted">{ "This model came without a training history (it was loaded, not trained here)." }</p></div>
        };
    }
    let best = t.best();
    let caption = match best {
        Some(b) => format!(
            "Cox loss per epoch on the training patients (orange, with dropout) and the validation patients (blue), and the validation C-index (green). The dashed line marks epoch {}, the lowest validation loss ({:.3}, C-index {:.3}): the weights the model kept.",
            b.epoch, b.validation_loss, b.validation_cindex
        ),
        None => "Cox loss per epoch on the training and validation patients, and the validation C-index.".to_owned(),
    };
    let chart = TrainingChart::of(t);
    html! {
        <div class="panel">
            <h3>{ "Training curve" }</h3>
            <ChartView<TrainingChart> chart={chart} caption={caption}
                alt={format!("Line chart of training and validation loss and validation C-index over {} epochs.", t.epochs.len())}
                testid="training-chart">
                <table class="compact">
                    <thead><tr><th scope="col" class="num">{ "Epoch" }</th><th scope="col" class="num">{ "Training loss" }</th><th scope="col" class="num">{ "Validation loss" }</th><th scope="col" class="num">{ "Validation C (Harrell)" }</th></tr></thead>
                    <tbody>
                    { for t.epochs.iter().map(|e| html! {
                        <tr class={classes!((Some(e.epoch) == t.best_epoch).then_some("best"))}>
                            <td class="num">{ e.epoch }{ if Some(e.epoch) == t.best_epoch { " (best)" } else { "" } }</td>
                            <td class="num">{ format!("{:.4}", e.train_loss) }</td>
                            <td class="num">{ format!("{:.4}", e.validation_loss) }</td>
                            <td class="num">{ format!("{:.3}", e.validation_cindex) }</td>
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
) -> Html {
    let heading = format!("Calibration at {months:.0} months");
    let plot = match plot {
        Ok(plot) if !plot.groups.is_empty() => plot,
        Ok(_) => {
            return html! { <div class="panel"><h3>{ heading }</h3><p class="muted">{ "No held-out patients to calibrate on." }</p></div> };
        }
        Err(why) => {
            return html! { <div class="panel"><h3>{ heading }</h3><p class="muted">{ format!("Calibration is not available for this cohort: {why}.") }</p></div> };
        }
    };
    let caption = format!(
        "Predicted {m:.0}-month survival against the Kaplan-Meier estimate in each tenth of the held-out patients by risk score (1 = lowest risk), with 95% intervals; points on the dashed diagonal are perfectly calibrated.",
        m = plot.months
    );
    html! {
        <div class="panel" data-testid={format!("calibration-{:.0}", months)}>
            <h3>{ heading }</h3>
            <p data-testid="calibration-summary">{ plot.sentence(endpoint) }</p>
            <ChartView<CalibrationChart> chart={CalibrationChart::of(plot)}
                caption={caption}
                alt={format!("Calibration plot of predicted against observed {:.0}-month survival in {} risk groups.", plot.months, plot.groups.len())}
                testid="calibration-chart">
                <table class="compact">
                    <thead><tr><th scope="col" class="num">{ "Risk group" }</th><th scope="col" class="num">{ "Patients" }</th><th scope="col" class="num">{ "Predicted" }</th><th scope="col" class="num">{ "Observed (95% CI)" }</th></tr></thead>
                    <tbody>
                    { for plot.groups.iter().map(|g| html! {
                        <tr>
                            <td class="num">{ g.group + 1 }</td>
                            <td class="num">{ g.n }</td>
                            <td class="num">{ format!("{:.0}%", 100.0 * g.predicted) }</td>
                            <td class="num">{ format!("{:.0}% ({:.0}\u{2013}{:.0}%)", 100.0 * g.observed, 100.0 * g.observed_lower, 100.0 * g.observed_upper) }</td>
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
fn baselines_panel(report: &ModelReport) -> Html {
    let warning = report.baseline_warning();
    let recipe = report.recipe.as_ref().map(|choice| {
        let weight = choice.linear_weight;
        html! {
            <div data-testid="recipe">
                <h4>{ "How the network was chosen (the auto recipe)" }</h4>
                <p class="muted">{ format!(
                    "Settings compared by their validation loss over {} folds of the training patients; the model averages the chosen setting's {} fold networks{}. Survival is recalibrated on the out-of-fold risk scores (slope {:.2}).",
                    choice.config.folds,
                    choice.members,
                    if weight > 0.0 {
                        format!(" and blends them with a penalised {} model (weight {weight:.2} on the latter, penalty {})", choice.linear.model_name(), choice.linear.penalizer)
                    } else {
                        String::new()
                    },
                    choice.calibration.slope.max(survlens_app::views::model_view::MIN_CALIBRATION_SLOPE),
                ) }</p>
                <table class="compact" data-testid="recipe-table">
                    <thead><tr><th scope="col">{ "Setting" }</th><th scope="col" class="num">{ "Validation loss" }</th><th scope="col" class="num">{ "Validation C" }</th><th scope="col" class="num">{ "Folds" }</th></tr></thead>
                    <tbody>
                    { for choice.scores.iter().enumerate().map(|(i, sc)| html! {
                        <tr class={classes!((i == choice.chosen).then_some("best"))}>
                            <td>{ sc.candidate.describe() }{ if i == choice.chosen { " (chosen)" } else { "" } }</td>
                            <td class="num">{ format!("{:.4}", sc.validation_loss) }</td>
                            <td class="num">{ format!("{:.3}", sc.validation_c) }</td>
                            <td class="num">{ sc.folds }</td>
                        </tr>
                    }) }
                        <tr>
                            <td>{ format!("penalised {} (penalty {})", choice.linear.model_name(), choice.linear.penalizer) }</td>
                            <td class="num">{ format!("{:.4}", choice.linear.validation_loss) }</td>
                            <td class="num">{ format!("{:.3}", choice.linear.validation_c) }</td>
                            <td class="num">{ choice.config.folds }</td>
                        </tr>
                    </tbody>
                </table>
            </div>
        }
    });
    html! {
        <div class="panel" data-testid="baselines">
            <h3>{ "Against the models a statistician fits first" }</h3>
            if let Some(w) = warning {
                <p class="warning" role="alert" data-testid="baseline-warning">{ w }</p>
            }
            if report.baselines.is_empty() {
                <p class="muted">{ "No baseline here: the model came without its training patients, so nothing simpler could be fitted on the same patients." }</p>
            } else {
                <table class="metrics" data-testid="baselines-table">
                    <caption>{ "Harrell's C on the same held-out patients, each model fitted on the network's training patients, with 95% percentile bootstrap intervals; the difference uses the same resamples for both models." }</caption>
                    <thead><tr><th scope="col">{ "Model" }</th><th scope="col" class="num">{ "Harrell's C (95% CI)" }</th><th scope="col" class="num">{ "Network minus model (95% CI)" }</th></tr></thead>
                    <tbody>
                        <tr data-testid="baseline-network"><th scope="row">{ "The network (explained on this page)" }</th><td class="num">{ report.metrics.harrell_c.text(3) }</td><td></td></tr>
                        { for report.baselines.iter().map(|b| html! {
                            <tr data-testid={format!("baseline-{}", b.kind.label().replace(' ', "-"))}>
                                <th scope="row">{ format!("{} (ridge penalty {}, chosen by 5-fold cross-validation)", b.kind.label(), b.penalizer) }</th>
                                <td class="num">{ b.harrell_c.text(3) }</td>
                                <td class="num">{ b.network_minus_baseline.text(3) }</td>
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

fn patient_picker(props: &ViewProps, id: &str) -> Html {
    html! {
        <div class="model-picker">
            <button type="button" class="secondary" onclick={step_callback(props, -1)} aria-label="Previous patient">{ "\u{2190}" }</button>
            <IdPicker view={props.clone()} id={AttrValue::from(id.to_owned())} />
            <button type="button" class="secondary" onclick={step_callback(props, 1)} aria-label="Next patient">{ "\u{2192}" }</button>
        </div>
    }
}

fn methods_panel(
    session: &SessionSummary,
    props: &ViewProps,
    comparison: &Result<MethodComparison, Failure>,
    ms: f64,
) -> Html {
    let c = match comparison {
        Ok(c) => c,
        Err(why) => {
            return html! {
                <div class="panel"><h3>{ "Attribution methods" }</h3>{ patient_picker(props, "") }
                <p class="error" role="alert">{ format!("The methods could not explain this patient: {why}.") }</p></div>
            };
        }
    };
    let id = c.patient_id.clone();
    let methods: Vec<AttributionMethod> = c.methods.iter().map(|e| e.method).collect();
    let ranking = c.ranking();
    let best = ranking
        .first()
        .map(|&k| c.methods[k].method.label())
        .unwrap_or("");
    let shapley_text = if c.shapley_permutations > 0 {
        format!(
            "Shapley values from {} random permutations ({} independent batches; whiskers: 95% intervals from the batches' spread).",
            c.shapley_permutations, c.shapley_batches
        )
    } else {
        c.shapley_note.clone().unwrap_or_default()
    };
    html! {
        <div class="panel methods" data-testid="methods-panel" data-patient-id={id.clone()}>
            <div class="methods-head">
                <h3>{ format!("Attribution methods for patient {id}") }</h3>
                { patient_picker(props, &id) }
            </div>
            <p class="muted">{ format!(
                "Five ways to split the risk score {:+.3} into markers. Integrated gradients and Shapley values are measured against the cohort's median patient (risk score {:+.3}); LRP and gradient \u{d7} input against all-zero inputs, the training average. {shapley_text} Computed in {ms:.0} ms.",
                c.risk, c.reference_risk) }</p>
            <ChartView<MethodBarsChart>
                chart={MethodBarsChart::of(session, c)}
                caption={format!("The {} markers with the largest mean |relevance| over the methods, one bar per method.", c.top_markers.len())}
                alt={format!("Grouped bar chart of {} markers' relevance under {} attribution methods for patient {id}.", c.top_markers.len(), methods.len())}
                testid="methods-chart">
                <table class="compact">
                    <thead><tr><th scope="col">{ "Marker" }</th>{ for methods.iter().map(|m| html!{ <th scope="col" class="num">{ m.label() }</th> }) }</tr></thead>
                    <tbody>
                    { for c.top_markers.iter().map(|&j| html! {
                        <tr>
                            <th scope="row">{ session.markers[j].name.clone() }</th>
                            { for c.methods.iter().map(|e| html! {
                                <td class="num">{
                                    if e.marker_std_err[j] > 0.0 { format!("{:+.3} \u{b1} {:.3}", e.marker_relevance[j], e.marker_std_err[j]) }
                                    else { format!("{:+.3}", e.marker_relevance[j]) }
                                }</td>
                            }) }
                        </tr>
                    }) }
                    </tbody>
                </table>
            </ChartView<MethodBarsChart>>

            <h4>{ "Which method is most faithful for this patient?" }</h4>
            <table class="faithfulness" data-testid="faithfulness-table">
                <caption>{ format!("Deletion faithfulness: the risk score minus the mean risk while the inputs are replaced by the median patient's, most relevant first; higher is better. Most faithful here: {best}.") }</caption>
                <thead><tr><th scope="col" class="num">{ "Rank" }</th><th scope="col">{ "Method" }</th><th scope="col" class="num">{ "Faithfulness" }</th><th scope="col" class="num">{ "Markers sum to" }</th><th scope="col">{ "Measured against" }</th></tr></thead>
                <tbody>
                { for ranking.iter().enumerate().map(|(rank, &k)| {
                    let e = &c.methods[k];
                    html! {
                        <tr data-method={e.method.label()}>
                            <td class="num">{ rank + 1 }</td>
                            <td>{ e.method.label() }</td>
                            <td class="num" data-value={e.faithfulness.to_string()}>{ format!("{:+.3}", e.faithfulness) }</td>
                            <td class="num">{ format!("{:+.3}", e.accounting.relevance_sum) }</td>
                            <td class="muted">{ e.method.measured_against() }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            <ChartView<DeletionChart>
                chart={DeletionChart::of(c)}
                caption="Deletion curves: the risk score as each method's most risk-raising inputs are replaced first. Replacing by the median patient favours the methods measured against it, so compare LRP with gradient \u{d7} input and integrated gradients with Shapley values."
                alt={format!("Line chart of {} deletion curves for patient {id}.", c.methods.len())}
                testid="deletion-chart">
                <table class="compact">
                    <thead><tr><th scope="col" class="num">{ "Inputs replaced" }</th>{ for methods.iter().map(|m| html!{ <th scope="col" class="num">{ m.label() }</th> }) }</tr></thead>
                    <tbody>
                    { for (0..c.methods.first().map_or(0, |e| e.deletion_risk.len())).map(|k| html! {
                        <tr>
                            <td class="num">{ k }</td>
                            { for c.methods.iter().map(|e| html! { <td class="num">{ format!("{:+.3}", e.deletion_risk.get(k).copied().unwrap_or(f32::NAN)) }</td> }) }
                        </tr>
                    }) }
                    </tbody>
                </table>
            </ChartView<DeletionChart>>
            <p class="disclaimer">{ "Methods disagree because they answer different questions: relevance against the training average (LRP, gradient \u{d7} input) or against a typical patient (integrated gradients, Shapley values). None says that a marker causes the outcome." }</p>
        </div>
    }
}
