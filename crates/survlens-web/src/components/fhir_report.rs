//! The mapping report of a FHIR export: what was read, the markers with values (and the
//! dates of the values used), the codes and texts not mapped, every unit conversion, the
//! first patient's values with their dates, and every problem with its file, resource and
//! JSON path. Each list is a table with a caption; long ones open on request.

use std::rc::Rc;

use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::sources::fhir_source::{FhirReportView, MarkerRow, SHOWN_ROWS};
use yew::prelude::*;

use super::use_lang;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub report: Rc<FhirReportView>,
}

/// Lists longer than this start closed.
const OPEN_UP_TO: usize = 12;

/// "and 23 more (the first 100 are listed)", or nothing.
fn more(lang: Lang, omitted: usize) -> Html {
    if omitted == 0 {
        return html! {};
    }
    html! { <p class="problems-more">{ lang.t_with("ui-fhir-report-more", &[("n", Arg::Count(omitted as u64)), ("shown", Arg::Count(SHOWN_ROWS as u64))]) }</p> }
}

/// A table of marker rows: name (with id), unit, patients, dates.
fn marker_table(
    lang: Lang,
    rows: &[MarkerRow],
    caption: &str,
    count_label: &str,
    dated: bool,
) -> Html {
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-label={caption.to_owned()}>
        <table class="fhir-table">
            <caption>{ caption.to_owned() }</caption>
            <thead><tr>
                <th scope="col">{ lang.t("ui-patient-col-marker") }</th>
                <th scope="col">{ lang.t("ui-mapping-col-unit") }</th>
                <th scope="col" class="num">{ count_label.to_owned() }</th>
                if dated { <th scope="col">{ lang.t("ui-fhir-report-dates") }</th> }
            </tr></thead>
            <tbody>
            { for rows.iter().map(|m| html! {
                <tr data-marker={m.id.clone()}>
                    <th scope="row">{ m.name.get(lang).to_owned() }</th>
                    <td>{ m.unit.get(lang).to_owned() }</td>
                    <td class="num">{ lang.integer(m.patients as i64) }</td>
                    if dated { <td>{ if m.dates.is_none() { lang.t("ui-fhir-report-undated") } else { m.dates_in(lang) } }</td> }
                </tr>
            }) }
            </tbody>
        </table>
        </div>
    }
}

/// The markers without a value for any patient, as one sentence.
fn without_values(lang: Lang, r: &FhirReportView) -> String {
    let names: Vec<&str> = r.without_values.rows.iter().map(|n| n.get(lang)).collect();
    let markers = names.join(", ");
    if r.without_values.omitted > 0 {
        lang.t_with(
            "ui-fhir-report-missing-more",
            &[
                ("markers", Arg::Text(&markers)),
                ("n", Arg::Count(r.without_values.omitted as u64)),
            ],
        )
    } else {
        lang.t_with(
            "ui-fhir-report-missing",
            &[("markers", Arg::Text(&markers))],
        )
    }
}

#[function_component]
pub fn FhirReport(props: &Props) -> Html {
    let lang = use_lang();
    let r = &props.report;
    let refused = r.refused.is_some();
    let n_problems = r.problems.total();
    html! {
        <section class={classes!("panel", "fhir-report", refused.then_some("problems"))}
            aria-labelledby="fhir-report-heading" data-testid="fhir-report"
            role={refused.then_some("alert")}>
            <h2 id="fhir-report-heading">{ if refused { lang.t("ui-fhir-report-refused") } else { lang.t("ui-fhir-report-heading") } }</h2>
            <p data-testid="fhir-summary">{ r.summary_in(lang) }</p>
            if !r.files.is_empty() && !refused {
                <p class="muted">
                    { lang.t_with("ui-fhir-report-files", &[("files", Arg::Text(&r.files.iter().map(|(f, n)| lang.t_with("ui-fhir-report-file", &[("file", Arg::Text(f)), ("n", Arg::Count(*n as u64))])).collect::<Vec<_>>().join(", ")))]) }
                </p>
            }
            if !refused {
                <details class="fhir-part" open={r.measured.len() <= OPEN_UP_TO} data-testid="fhir-measured">
                    <summary>{ lang.t_with("ui-fhir-report-measured", &[("n", Arg::Count(r.measured.len() as u64))]) }</summary>
                    { marker_table(lang, &r.measured, &lang.t("ui-fhir-report-measured-caption"), &lang.t("ui-fhir-report-measured-count"), true) }
                </details>
                if !r.coded.is_empty() {
                    <details class="fhir-part" open={r.coded.len() <= OPEN_UP_TO} data-testid="fhir-coded">
                        <summary>{ lang.t_with("ui-fhir-report-coded", &[("n", Arg::Count(r.coded.len() as u64))]) }</summary>
                        { marker_table(lang, &r.coded, &lang.t("ui-fhir-report-coded-caption"), &lang.t("ui-fhir-report-coded-count"), false) }
                    </details>
                }
                if r.without_values.total() > 0 {
                    <details class="fhir-part" data-testid="fhir-without-values">
                        <summary>{ lang.t_with("ui-fhir-report-without", &[("n", Arg::Count(r.without_values.total() as u64))]) }</summary>
                        <p class="muted">
                            { without_values(lang, r) }
                        </p>
                    </details>
                }
                <details class="fhir-part" open=true data-testid="fhir-conversions">
                    <summary>{ lang.t_with("ui-fhir-report-conversions", &[("n", Arg::Count(r.conversions.total() as u64))]) }</summary>
                    if r.conversions.rows.is_empty() {
                        <p class="muted">{ lang.t("ui-fhir-report-no-conversion") }</p>
                    } else {
                        <div class="table-scroll" tabindex="0" role="region" aria-label={lang.t("ui-fhir-report-conversions-label")}>
                        <table class="fhir-table">
                            <caption>{ lang.t("ui-fhir-report-conversions-caption") }</caption>
                            <thead><tr>
                                <th scope="col">{ lang.t("ui-patient-col-marker") }</th>
                                <th scope="col">{ "LOINC" }</th>
                                <th scope="col">{ lang.t("ui-fhir-report-from") }</th>
                                <th scope="col">{ lang.t("ui-fhir-report-to") }</th>
                                <th scope="col" class="num">{ lang.t("ui-fhir-report-factor") }</th>
                                <th scope="col" class="num">{ lang.t("ui-fhir-report-molar-mass") }</th>
                                <th scope="col" class="num">{ lang.t("ui-fhir-report-values") }</th>
                            </tr></thead>
                            <tbody>
                            { for r.conversions.rows.iter().map(|c| html! {
                                <tr data-loinc={c.loinc.clone()}>
                                    <th scope="row">{ c.marker.get(lang).to_owned() }</th>
                                    <td>{ c.loinc.clone() }</td>
                                    <td>{ c.from.clone() }</td>
                                    <td>{ c.to.clone() }</td>
                                    <td class="num">{ c.factor_text_in(lang) }</td>
                                    <td class="num">{ c.molar_mass_in(lang).unwrap_or_else(|| "–".to_owned()) }</td>
                                    <td class="num">{ lang.integer(c.count as i64) }</td>
                                </tr>
                            }) }
                            </tbody>
                        </table>
                        </div>
                        { more(lang, r.conversions.omitted) }
                    }
                </details>
                <details class="fhir-part" open=true data-testid="fhir-unmapped">
                    <summary>{ lang.t_with("ui-fhir-report-unmapped", &[("n", Arg::Count(r.unmapped_codings as u64))]) }</summary>
                    if r.unmapped.rows.is_empty() {
                        <p class="muted">{ lang.t("ui-fhir-report-all-mapped") }</p>
                    } else {
                        <div class="table-scroll" tabindex="0" role="region" aria-label={lang.t("ui-fhir-report-unmapped-label")}>
                        <table class="fhir-table">
                            <caption>{ lang.t("ui-fhir-report-unmapped-caption") }</caption>
                            <thead><tr>
                                <th scope="col">{ lang.t("ui-fhir-report-resource") }</th>
                                <th scope="col">{ lang.t("ui-fhir-report-code") }</th>
                                <th scope="col" class="num">{ lang.t("ui-fhir-report-count") }</th>
                            </tr></thead>
                            <tbody>
                            { for r.unmapped.rows.iter().map(|u| html! {
                                <tr>
                                    <td>{ u.resource_type.clone() }</td>
                                    <td>{ u.what_in(lang) }</td>
                                    <td class="num">{ lang.integer(u.count as i64) }</td>
                                </tr>
                            }) }
                            </tbody>
                        </table>
                        </div>
                        { more(lang, r.unmapped.omitted) }
                    }
                </details>
                if let Some((patient, values)) = r.first_patient.as_ref() {
                    <details class="fhir-part" open=true data-testid="fhir-values">
                        <summary>{ lang.t_with("ui-fhir-report-first", &[("patient", Arg::Text(patient)), ("n", Arg::Count(values.len() as u64))]) }</summary>
                        <div class="table-scroll" tabindex="0" role="region" aria-label={lang.t("ui-fhir-report-first-label")}>
                        <table class="fhir-table">
                            <caption>{ lang.t_with("ui-fhir-report-first-caption", &[("patient", Arg::Text(patient))]) }</caption>
                            <thead><tr>
                                <th scope="col">{ lang.t("ui-patient-col-marker") }</th>
                                <th scope="col" class="num">{ lang.t("ui-patient-col-value") }</th>
                                <th scope="col">{ lang.t("ui-fhir-report-date") }</th>
                                <th scope="col">{ lang.t("ui-fhir-report-resource") }</th>
                            </tr></thead>
                            <tbody>
                            { for values.iter().map(|v| html! {
                                <tr>
                                    <th scope="row">{ v.marker.get(lang).to_owned() }</th>
                                    <td class="num">{ v.value.get(lang).to_owned() }</td>
                                    <td>{ v.date.map_or_else(|| lang.t("ui-fhir-report-undated"), |d| d.text_in(lang)) }</td>
                                    <td class="mono">{ v.resource.clone() }</td>
                                </tr>
                            }) }
                            </tbody>
                        </table>
                        </div>
                    </details>
                }
            }
            <details class="fhir-part" open=true data-testid="fhir-problems">
                <summary>{ lang.t_with("ui-fhir-report-problems", &[("n", Arg::Count(n_problems as u64))]) }</summary>
                if r.problems.rows.is_empty() {
                    <p class="muted">{ lang.t("ui-fhir-report-no-problems") }</p>
                } else {
                    <p class="muted">{ lang.t("ui-fhir-report-problems-note") }</p>
                    <div class="table-scroll" tabindex="0" role="region" aria-label={lang.t("ui-fhir-report-problems-label")}>
                    <table class="fhir-table problem-list">
                        <caption>{ lang.t("ui-fhir-report-problems-caption") }</caption>
                        <thead><tr>
                            <th scope="col">{ lang.t("ui-fhir-report-file-col") }</th>
                            <th scope="col">{ lang.t("ui-fhir-report-where") }</th>
                            <th scope="col">{ lang.t("ui-fhir-report-resource") }</th>
                            <th scope="col">{ lang.t("ui-fhir-report-path") }</th>
                            <th scope="col">{ lang.t("ui-problems-problem") }</th>
                        </tr></thead>
                        <tbody>
                        { for r.problems.rows.iter().map(|p| html! {
                            <tr data-code={p.code.clone()}>
                                <td>{ p.file.clone() }</td>
                                <td>{ p.place.get(lang).to_owned() }</td>
                                <td class="mono">{ p.resource.clone() }</td>
                                <td class="mono">{ p.path.clone() }</td>
                                <td>{ p.message.get(lang).to_owned() }</td>
                            </tr>
                        }) }
                        </tbody>
                    </table>
                    </div>
                    { more(lang, r.problems.omitted) }
                }
            </details>
            if !r.resources.is_empty() {
                <details class="fhir-part" data-testid="fhir-resources">
                    <summary>{ lang.t_with("ui-fhir-report-resources", &[("n", Arg::Count(r.resources_read() as u64))]) }</summary>
                    <div class="table-scroll" tabindex="0" role="region" aria-label={lang.t("ui-fhir-report-resources-label")}>
                    <table class="fhir-table">
                        <caption>{ lang.t("ui-fhir-report-resources-caption") }</caption>
                        <thead><tr>
                            <th scope="col">{ lang.t("ui-fhir-report-type") }</th>
                            <th scope="col" class="num">{ lang.t("ui-fhir-report-read") }</th>
                            <th scope="col" class="num">{ lang.t("ui-fhir-report-used") }</th>
                            <th scope="col" class="num">{ lang.t("ui-fhir-report-not-used") }</th>
                            <th scope="col" class="num">{ lang.t("ui-fhir-report-with-problems") }</th>
                        </tr></thead>
                        <tbody>
                        { for r.resources.iter().map(|(t, counts)| html! {
                            <tr>
                                <th scope="row">{ t.clone() }</th>
                                { for counts.iter().map(|n| html! { <td class="num">{ lang.integer(*n as i64) }</td> }) }
                            </tr>
                        }) }
                        </tbody>
                    </table>
                    </div>
                </details>
            }
        </section>
    }
}
