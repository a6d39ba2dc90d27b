//! Over time: the Patient view's section on how each marker moves the patient's predicted
//! survival at each time (SurvSHAP(t), [`survlens_app::views::patient_over_time`]), with a
//! horizon picker (the survival chart's horizons), bars at the horizon and curves of the top
//! markers, the numbers as tables. Closed at first: the worker computes it
//! ([`ViewRequest::OverTime`]) only once the section is opened, so it never slows the
//! opening.

use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::job::views::{ViewReply, ViewRequest};
use survlens_app::views::patient_over_time::OverTime;
use yew::prelude::*;

use super::charts::ChartView;
use super::charts::over_time::OverTimeChart;
use super::dom::select_value;
use super::{ViewProps, use_ask, use_lang};

/// Percentage points with a sign, two decimals, in the language's format.
fn points(lang: Lang, v: f64) -> String {
    let p = 100.0 * v;
    if p.abs() < 0.005 {
        lang.decimal(0.0, 2)
    } else {
        lang.signed(p, 2)
    }
}

/// A probability in percent with one decimal: `12.5%`, German `12,5 %`.
fn percent1(lang: Lang, v: f64) -> String {
    match lang {
        Lang::En => format!("{}%", lang.decimal(100.0 * v, 1)),
        Lang::De => format!("{}\u{a0}%", lang.decimal(100.0 * v, 1)),
    }
}

/// The section for the selected patient.
#[function_component]
pub fn PatientOverTime(props: &ViewProps) -> Html {
    let lang = use_lang();
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
            Some((ViewReply::OverTime(Ok(o)), ms)) => view(lang, o, *years, ms, on_years),
            Some((ViewReply::OverTime(Err(e)), _)) => html! {
                <p class="error" role="alert">{ lang.t_with("ui-overtime-failed", &[("reason", Arg::Text(e.message(lang)))]) }</p>
            },
            _ => html! {
                <p class="computing" role="status" aria-live="polite">{ lang.t("ui-overtime-computing") }</p>
            },
        }
    };
    html! {
        <section class="over-time" aria-labelledby="over-time-heading" data-testid="over-time">
            <h3 id="over-time-heading">{ lang.t("ui-overtime-heading") }</h3>
            <button type="button" onclick={toggle} aria-expanded={if *open { "true" } else { "false" }}
                aria-controls="over-time-body" data-testid="over-time-toggle">
                { if *open { lang.t("ui-overtime-hide") } else { lang.t("ui-overtime-show") } }
            </button>
            <div id="over-time-body">{ body }</div>
        </section>
    }
}

fn view(lang: Lang, o: &OverTime, years: f64, ms: f64, on_years: Callback<Event>) -> Html {
    let Some(h) = o.at(years).or_else(|| o.horizons.first()) else {
        return html! { <p>{ lang.t("ui-overtime-none") }</p> };
    };
    let years = h.years;
    let caption = lang.t_with(
        "ui-overtime-caption",
        &[
            ("caption", Arg::Text(&o.caption_in(lang))),
            ("id", Arg::Text(&o.patient_id)),
            ("years", Arg::Text(&lang.decimal(years, 0))),
            ("survival", Arg::Text(&percent1(lang, h.survival))),
            ("reference", Arg::Text(&percent1(lang, h.reference))),
            ("difference", Arg::Text(&points(lang, h.difference()))),
        ],
    );
    let total: f64 = h.top.iter().map(|c| c.contribution).sum::<f64>() + h.rest;
    html! {
        <div data-testid="over-time-result" data-ms={format!("{ms:.2}")} data-years={years.to_string()}
            data-difference={h.difference().to_string()}>
            <label>{ lang.t("ui-overtime-horizon") }{ " " }
                <select onchange={on_years} data-testid="over-time-horizon" aria-label={lang.t("ui-overtime-horizon-label")}>
                    { for o.horizons.iter().map(|q| html! {
                        <option value={q.years.to_string()} selected={(q.years - years).abs() < 1e-9}>
                            { if (q.years - 1.0).abs() < 1e-9 {
                                lang.t("ui-overtime-one-year")
                            } else {
                                lang.t_with("ui-overtime-years", &[("years", Arg::Text(&lang.decimal(q.years, 0)))])
                            } }
                        </option>
                    }) }
                </select>
            </label>
            <ChartView<OverTimeChart>
                chart={OverTimeChart { over: o.clone(), years, lang }}
                caption={caption}
                alt={lang.t_with("ui-overtime-alt", &[
                    ("n", Arg::Count(h.top.len() as u64)),
                    ("id", Arg::Text(&o.patient_id)),
                    ("years", Arg::Text(&lang.decimal(years, 0))),
                    ("curves", Arg::Count(o.curves.len() as u64)),
                ])}
                testid="over-time-chart">
                <table class="numbers" data-testid="over-time-table">
                    <caption>{ lang.t_with("ui-overtime-table", &[("id", Arg::Text(&o.patient_id)), ("years", Arg::Text(&lang.decimal(years, 0)))]) }</caption>
                    <thead><tr>
                        <th scope="col">{ lang.t("ui-patient-col-marker") }</th>
                        <th scope="col">{ lang.t("ui-patient-col-value") }</th>
                        <th scope="col" class="num">{ lang.t("ui-overtime-col-contribution") }</th>
                    </tr></thead>
                    <tbody>
                    { for h.top.iter().map(|c| html! {
                        <tr data-marker={c.marker.to_string()}>
                            <td>{ c.name.clone() }</td>
                            <td>{ c.value.clone() }</td>
                            <td class="num" data-value={c.contribution.to_string()}>{ points(lang, c.contribution) }</td>
                        </tr>
                    }) }
                        <tr data-rest="true">
                            <td>{ lang.t_with("ui-overtime-rest", &[("n", Arg::Count(h.n_rest as u64))]) }</td>
                            <td></td>
                            <td class="num" data-value={h.rest.to_string()}>{ points(lang, h.rest) }</td>
                        </tr>
                    </tbody>
                    <tfoot><tr>
                        <th scope="row" colspan="2">{ lang.t_with("ui-overtime-total", &[("survival", Arg::Text(&percent1(lang, h.survival))), ("reference", Arg::Text(&percent1(lang, h.reference)))]) }</th>
                        <td class="num" data-testid="over-time-total" data-value={total.to_string()}>{ points(lang, total) }</td>
                    </tr></tfoot>
                </table>
                <div class="table-scroll" tabindex="0" role="region" aria-label={lang.t("ui-overtime-curves-label")}>
                <table class="numbers" data-testid="over-time-curves">
                    <caption>{ lang.t_with("ui-overtime-curves", &[("n", Arg::Count(o.curves.len() as u64))]) }</caption>
                    <thead><tr>
                        <th scope="col" class="num">{ lang.t("ui-patient-curve-months") }</th>
                        <th scope="col" class="num">{ lang.t("ui-patient-predicted-survival") }</th>
                        <th scope="col" class="num">{ lang.t("ui-overtime-col-reference") }</th>
                        { for o.curves.iter().map(|c| html! { <th scope="col" class="num">{ c.name.clone() }</th> }) }
                    </tr></thead>
                    <tbody>
                    { for o.months.iter().enumerate().map(|(t, m)| html! {
                        <tr>
                            <td class="num">{ lang.decimal(*m, 1) }</td>
                            <td class="num">{ percent1(lang, o.survival.get(t).copied().unwrap_or(f64::NAN)) }</td>
                            <td class="num">{ percent1(lang, o.reference.get(t).copied().unwrap_or(f64::NAN)) }</td>
                            { for o.curves.iter().map(|c| html! { <td class="num">{ points(lang, c.contribution.get(t).copied().unwrap_or(f64::NAN)) }</td> }) }
                        </tr>
                    }) }
                    </tbody>
                </table>
                </div>
            </ChartView<OverTimeChart>>
            <p class="disclaimer">{ lang.t("ui-overtime-disclaimer") }</p>
        </div>
    }
}
