//! Side by side in the Patient view: the patient on screen against another patient chosen
//! by its id, and the network's explanation against the linear Cox model's. The component
//! only wires: the comparison, its caption and its CSV come from
//! `survlens_app::views::patient_compare`, computed in the worker.

use survlens_app::core::error::Failure;
use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::job::views::{ViewReply, ViewRequest};
use survlens_app::views::patient_compare::{Contrast, SideBySide, Who};
use survlens_app::views::patient_reference::Explanation;
use yew::prelude::*;

use super::charts::side_by_side::SideBySideChart;
use super::charts::{ChartView, download_text};
use super::patient_list::IdPicker;
use super::{ViewProps, use_ask, use_lang};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The view it sits in.
    pub view: ViewProps,
    /// The explanation chosen on the page.
    pub explanation: Explanation,
}

/// The two comparisons of the Patient view.
#[function_component]
pub fn SideBySidePanel(props: &Props) -> Html {
    let lang = use_lang();
    let view = &props.view;
    let patient = view.selected;
    // The patient compared with, for the cohort it was chosen in.
    let other = use_state(|| None::<(u64, usize)>);
    let other_index = other
        .as_ref()
        .filter(|(g, _)| *g == view.generation)
        .map(|&(_, i)| i);
    let models = use_state(|| false);
    let compare_request = other_index.map(|other| ViewRequest::PatientComparison {
        patient,
        other,
        explanation: props.explanation,
    });
    let models_request = (*models).then_some(ViewRequest::ModelContrast {
        patient,
        explanation: props.explanation,
    });
    use_ask(
        view,
        compare_request
            .iter()
            .chain(models_request.iter())
            .cloned()
            .collect(),
    );
    let answer = |request: &Option<ViewRequest>| {
        request
            .as_ref()
            .and_then(|r| view.answers.current_or_last(r))
            .and_then(|a| match &a.reply {
                ViewReply::PatientComparison(c) | ViewReply::ModelContrast(c) => Some(c.clone()),
                _ => None,
            })
    };
    let on_pick = {
        let (other, generation) = (other.clone(), view.generation);
        Callback::from(move |i: usize| other.set(Some((generation, i))))
    };
    let picker_view = ViewProps {
        on_select: on_pick,
        ..view.clone()
    };
    let stop = {
        let other = other.clone();
        Callback::from(move |_: MouseEvent| other.set(None))
    };
    let toggle_models = {
        let models = models.clone();
        Callback::from(move |_: MouseEvent| models.set(!*models))
    };
    let compared_id = match answer(&compare_request) {
        Some(Ok(c)) => match &c.right.who {
            Who::Patient(id) => id.clone(),
            Who::Network | Who::LinearCox => String::new(),
        },
        _ => String::new(),
    };
    html! {
        <section class="side-by-side" aria-labelledby="side-heading" data-testid="side-by-side">
            <h3 id="side-heading">{ lang.t("ui-compare-heading") }</h3>
            <div class="side-controls">
                <IdPicker view={picker_view} id={AttrValue::from(compared_id)}
                    label={lang.t("ui-compare-with")} aria_label={lang.t("ui-compare-with-id")}
                    list="compare-patient-ids" testid="compare-with" />
                if other_index.is_some() {
                    <button type="button" class="link" onclick={stop} data-testid="compare-stop">{ lang.t("ui-compare-stop") }</button>
                }
                <button type="button" class="secondary" onclick={toggle_models}
                    aria-expanded={(*models).to_string()} data-testid="compare-models">
                    { if *models { lang.t("ui-compare-models-hide") } else { lang.t("ui-compare-models-show") } }
                </button>
            </div>
            if compare_request.is_some() {
                { figure(lang, answer(&compare_request), "compare") }
            }
            if models_request.is_some() {
                { figure(lang, answer(&models_request), "models") }
            }
        </section>
    }
}

/// A comparison's figure (chart, caption, table, downloads), or why it is not there yet.
fn figure(lang: Lang, answer: Option<Result<Box<SideBySide>, Failure>>, key: &str) -> Html {
    match answer {
        None => html! {
            <p class="computing" role="status" aria-live="polite">{ lang.t("ui-compare-computing") }</p>
        },
        Some(Err(e)) => html! {
            <p class="error" role="alert" data-testid={format!("{key}-error")}>{ lang.t_with("ui-compare-failed", &[("reason", Arg::Text(&e.to_string()))]) }</p>
        },
        Some(Ok(c)) => {
            let csv = {
                let (text, name) = (c.csv(), format!("{}.csv", c.file_stem));
                Callback::from(move |_: MouseEvent| {
                    let _ = download_text(&text, "text/csv", &name);
                })
            };
            let alt = lang.t_with(
                "ui-compare-alt",
                &[
                    ("left", Arg::Text(&c.left.label)),
                    ("right", Arg::Text(&c.right.label)),
                    ("n", Arg::Count(c.rows.len() as u64)),
                ],
            );
            html! {
                <div class={classes!("side-figure", key.to_owned())} data-testid={format!("{key}-figure")}>
                    <ChartView<SideBySideChart>
                        chart={SideBySideChart { comparison: (*c).clone(), lang }}
                        caption={c.caption.clone()}
                        alt={alt}
                        testid={format!("{key}-chart")}>
                        { table(lang, &c, key) }
                    </ChartView<SideBySideChart>>
                    <button type="button" class="link" onclick={csv} data-testid={format!("{key}-csv")}>{ lang.t("ui-compare-csv") }</button>
                </div>
            }
        }
    }
}

fn table(lang: Lang, c: &SideBySide, key: &str) -> Html {
    let one_value = c.contrast == Contrast::Models;
    let (l, r) = (&c.left, &c.right);
    let total = |name: &str, testid: &str, left: f32, right: f32| {
        html! {
            <tr class="total" data-testid={format!("{key}-{testid}")}>
                <td colspan="3">{ name.to_owned() }</td>
                <td class="num" data-value={left.to_string()}>{ lang.signed(f64::from(left), 4) }</td>
                if !one_value { <td></td> }
                <td class="num" data-value={right.to_string()}>{ lang.signed(f64::from(right), 4) }</td>
                <td class="num">{ lang.signed(f64::from(left - right), 4) }</td>
            </tr>
        }
    };
    html! {
        <table class="numbers side-table" data-testid={format!("{key}-table")}>
            <caption>{ lang.t_with("ui-compare-table", &[("left", Arg::Text(&l.label)), ("right", Arg::Text(&r.label)), ("explanation", Arg::Text(&lower_first(&c.explanation.label_in(lang))))]) }</caption>
            <thead><tr>
                <th scope="col">{ lang.t("ui-patient-col-marker") }</th>
                <th scope="col">{ lang.t("ui-patient-col-modality") }</th>
                if one_value {
                    <th scope="col">{ lang.t("ui-patient-col-value") }</th>
                } else {
                    <th scope="col">{ lang.t_with("ui-compare-col-value", &[("who", Arg::Text(&l.label))]) }</th>
                }
                <th scope="col" class="num">{ lang.t_with("ui-compare-col-contribution", &[("who", Arg::Text(&l.label))]) }</th>
                if !one_value { <th scope="col">{ lang.t_with("ui-compare-col-value", &[("who", Arg::Text(&r.label))]) }</th> }
                <th scope="col" class="num">{ lang.t_with("ui-compare-col-contribution", &[("who", Arg::Text(&r.label))]) }</th>
                <th scope="col" class="num">{ lang.t("ui-compare-col-difference") }</th>
            </tr></thead>
            <tbody>
            { for c.rows.iter().map(|row| html! {
                <tr data-marker={row.marker.map(|m| m.to_string())}>
                    <td>{ row.name.clone() }</td>
                    <td>{ row.modality.clone() }</td>
                    <td>{ row.left_value.clone() }</td>
                    <td class="num" data-value={row.left.to_string()}>{ lang.signed(f64::from(row.left), 4) }</td>
                    if !one_value { <td>{ row.right_value.clone() }</td> }
                    <td class="num" data-value={row.right.to_string()}>{ lang.signed(f64::from(row.right), 4) }</td>
                    <td class="num" data-value={row.difference.to_string()}>{ lang.signed(f64::from(row.difference), 4) }</td>
                </tr>
            }) }
            { total(&lang.t("ui-compare-sum"), "sum", l.sum, r.sum) }
            { total(&lang.t("ui-compare-unattributed"), "unattributed", l.unattributed, r.unattributed) }
            { total(&lang.t_with("ui-compare-reference", &[("left", Arg::Text(&l.reference_label)), ("right", Arg::Text(&r.reference_label))]), "reference", l.reference, r.reference) }
            { total(&lang.t("ui-patient-total"), "risk", l.risk, r.risk) }
            if l.held_out_c.is_some() || r.held_out_c.is_some() {
                <tr data-testid={format!("{key}-c")}>
                    <td colspan="3">{ lang.t("ui-compare-held-out-c") }</td>
                    <td class="num">{ l.held_out_c.map(|c| lang.decimal(f64::from(c), 3)).unwrap_or_default() }</td>
                    <td class="num">{ r.held_out_c.map(|c| lang.decimal(f64::from(c), 3)).unwrap_or_default() }</td>
                    <td></td>
                </tr>
            }
            </tbody>
        </table>
    }
}

/// `text` with its first letter in lower case, to stand inside a sentence ("from the
/// baseline hazard (the study)", "relativ zu einer typischen Patientin …").
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}
