//! Over time: the Patient view's section on how each marker moves the patient's predicted
//! survival at each time (SurvSHAP(t), [`survlens_app::views::patient_over_time`]), with a
//! horizon picker (the survival chart's horizons), bars at the horizon and curves of the top
//! markers, the numbers as tables. Closed at first: the worker computes it
//! ([`ViewRequest::OverTime`]) only once the section is opened, so it never slows the
//! opening.

use survlens_app::job::views::{ViewReply, ViewRequest};
use survlens_app::views::patient_over_time::OverTime;
use yew::prelude::*;

use super::charts::ChartView;
use super::charts::over_time::OverTimeChart;
use super::dom::select_value;
use super::{ViewProps, use_ask};

/// Percentage points with a sign, two decimals.
fn points(v: f64) -> String {
    let p = 100.0 * v;
    if p.abs() < 0.005 {
        "0.00".to_owned()
    } else {
        format!("{p:+.2}")
    }
}

/// A probability in percent with one decimal.
fn percent1(v: f64) -> String {
    format!("{:.1}%", 100.0 * v)
}

/// The section for the selected patient.
#[function_component]
pub fn PatientOverTime(props: &ViewProps) -> Html {
    let open = use_state(|| false);
    let years = use_state(|| 1.0f64);
    let request = ViewRequest::OverTime {
        patient: props.selected,
    };
    use_ask(
        props,
        if *open {
            vec![request.clone()]
        } else {
            Vec::new()
        },
    );
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let on_years = {
        let years = years.clone();
        Callback::from(move |e: Event| {
            if let Some(y) = select_value(&e).and_then(|v| v.parse::<f64>().ok()) {
                years.set(y);
            }
        })
    };
    let body = if !*open {
        Html::default()
    } else {
        let answer = props
            .answers
            .current_or_last(&request)
            .filter(|a| a.request == request);
        match answer.map(|a| (&a.reply, a.ms)) {
            Some((ViewReply::OverTime(Ok(o)), ms)) => view(o, *years, ms, on_years),
            Some((ViewReply::OverTime(Err(e)), _)) => html! {
                <p class="error" role="alert">{ format!("The explanation over time could not be computed: {e}") }</p>
            },
            _ => html! {
                <p class="computing" role="status" aria-live="polite">{ "Explaining the predicted survival over time\u{2026}" }</p>
            },
        }
    };
    html! {
        <section class="over-time" aria-labelledby="over-time-heading" data-testid="over-time">
            <h3 id="over-time-heading">{ "Over time" }</h3>
            <button type="button" onclick={toggle} aria-expanded={if *open { "true" } else { "false" }}
                aria-controls="over-time-body" data-testid="over-time-toggle">
                { if *open { "Hide the explanation over time" } else { "Show how each marker moves survival over time" } }
            </button>
            <div id="over-time-body">{ body }</div>
        </section>
    }
}

fn view(o: &OverTime, years: f64, ms: f64, on_years: Callback<Event>) -> Html {
    let Some(h) = o.at(years).or_else(|| o.horizons.first()) else {
        return html! { <p>{ "No horizon to explain." }</p> };
    };
    let years = h.years;
    let caption = format!(
        "{} Patient {}: predicted {:.0}-year survival {} against the reference patients' {}, a difference of {} percentage points.",
        o.caption(),
        o.patient_id,
        years,
        percent1(h.survival),
        percent1(h.reference),
        points(h.difference()),
    );
    let total: f64 = h.top.iter().map(|c| c.contribution).sum::<f64>() + h.rest;
    html! {
        <div data-testid="over-time-result" data-ms={format!("{ms:.2}")} data-years={years.to_string()}
            data-difference={h.difference().to_string()}>
            <label>{ "Horizon " }
                <select onchange={on_years} data-testid="over-time-horizon" aria-label="Horizon of the bars">
                    { for o.horizons.iter().map(|q| html! {
                        <option value={q.years.to_string()} selected={(q.years - years).abs() < 1e-9}>
                            { format!("{:.0} {}", q.years, if (q.years - 1.0).abs() < 1e-9 { "year" } else { "years" }) }
                        </option>
                    }) }
                </select>
            </label>
            <ChartView<OverTimeChart>
                chart={OverTimeChart { over: o.clone(), years }}
                caption={caption}
                alt={format!(
                    "Bars of the {} markers that move patient {}'s predicted {:.0}-year survival most, in percentage points, and curves of the top {} over time; the tables below list them.",
                    h.top.len(), o.patient_id, years, o.curves.len())}
                testid="over-time-chart">
                <table class="numbers" data-testid="over-time-table">
                    <caption>{ format!("Contributions to patient {}'s predicted {:.0}-year survival (percentage points)", o.patient_id, years) }</caption>
                    <thead><tr>
                        <th scope="col">{ "Marker" }</th>
                        <th scope="col">{ "Value" }</th>
                        <th scope="col" class="num">{ "Contribution" }</th>
                    </tr></thead>
                    <tbody>
                    { for h.top.iter().map(|c| html! {
                        <tr data-marker={c.marker.to_string()}>
                            <td>{ c.name.clone() }</td>
                            <td>{ c.value.clone() }</td>
                            <td class="num" data-value={c.contribution.to_string()}>{ points(c.contribution) }</td>
                        </tr>
                    }) }
                        <tr data-rest="true">
                            <td>{ format!("All other {} markers", h.n_rest) }</td>
                            <td></td>
                            <td class="num" data-value={h.rest.to_string()}>{ points(h.rest) }</td>
                        </tr>
                    </tbody>
                    <tfoot><tr>
                        <th scope="row" colspan="2">{ format!("Total: predicted {} minus the reference patients' {}", percent1(h.survival), percent1(h.reference)) }</th>
                        <td class="num" data-testid="over-time-total" data-value={total.to_string()}>{ points(total) }</td>
                    </tr></tfoot>
                </table>
                <div class="table-scroll" tabindex="0" role="region" aria-label="Contributions of the top markers over time">
                <table class="numbers" data-testid="over-time-curves">
                    <caption>{ format!("Contributions of the top {} markers over time (percentage points)", o.curves.len()) }</caption>
                    <thead><tr>
                        <th scope="col" class="num">{ "Months" }</th>
                        <th scope="col" class="num">{ "Predicted survival" }</th>
                        <th scope="col" class="num">{ "Reference patients" }</th>
                        { for o.curves.iter().map(|c| html! { <th scope="col" class="num">{ c.name.clone() }</th> }) }
                    </tr></thead>
                    <tbody>
                    { for o.months.iter().enumerate().map(|(t, m)| html! {
                        <tr>
                            <td class="num">{ format!("{m:.1}") }</td>
                            <td class="num">{ percent1(o.survival.get(t).copied().unwrap_or(f64::NAN)) }</td>
                            <td class="num">{ percent1(o.reference.get(t).copied().unwrap_or(f64::NAN)) }</td>
                            { for o.curves.iter().map(|c| html! { <td class="num">{ points(c.contribution.get(t).copied().unwrap_or(f64::NAN)) }</td> }) }
                        </tr>
                    }) }
                    </tbody>
                </table>
                </div>
            </ChartView<OverTimeChart>>
            <p class="disclaimer">{ "A contribution says how the model's predicted survival for this patient depends on the marker, compared with the reference patients; it is not the effect of changing the marker." }</p>
        </div>
    }
}
