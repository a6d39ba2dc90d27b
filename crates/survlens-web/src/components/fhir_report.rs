//! The mapping report of a FHIR export: what was read, the markers with values (and the
//! dates of the values used), the codes and texts not mapped, every unit conversion, the
//! first patient's values with their dates, and every problem with its file, resource and
//! JSON path. Each list is a table with a caption; long ones open on request.

use std::rc::Rc;

use survlens_app::core::format::thousands;
use survlens_app::sources::fhir_source::{FhirReportView, MarkerRow, SHOWN_ROWS};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub report: Rc<FhirReportView>,
}

/// Lists longer than this start closed.
const OPEN_UP_TO: usize = 12;

/// "and 23 more (the first 100 are listed)", or nothing.
fn more(omitted: usize) -> Html {
    if omitted == 0 {
        return html! {};
    }
    html! { <p class="problems-more">{ format!("and {} more (the first {SHOWN_ROWS} are listed)", thousands(omitted)) }</p> }
}

/// A table of marker rows: name (with id), unit, patients, dates.
fn marker_table(rows: &[MarkerRow], caption: &str, count_label: &str, dated: bool) -> Html {
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-label={caption.to_owned()}>
        <table class="fhir-table">
            <caption>{ caption.to_owned() }</caption>
            <thead><tr>
                <th scope="col">{ "Marker" }</th>
                <th scope="col">{ "Unit" }</th>
                <th scope="col" class="num">{ count_label.to_owned() }</th>
                if dated { <th scope="col">{ "Dates of the values used" }</th> }
            </tr></thead>
            <tbody>
            { for rows.iter().map(|m| html! {
                <tr data-marker={m.id.clone()}>
                    <th scope="row">{ m.name.clone() }</th>
                    <td>{ m.unit.clone() }</td>
                    <td class="num">{ thousands(m.patients) }</td>
                    if dated { <td>{ if m.dates.is_empty() { "undated".to_owned() } else { m.dates.clone() } }</td> }
                </tr>
            }) }
            </tbody>
        </table>
        </div>
    }
}

#[function_component]
pub fn FhirReport(props: &Props) -> Html {
    let r = &props.report;
    let refused = r.refused.is_some();
    let n_problems = r.problems.total();
    html! {
        <section class={classes!("panel", "fhir-report", refused.then_some("problems"))}
            aria-labelledby="fhir-report-heading" data-testid="fhir-report"
            role={refused.then_some("alert")}>
            <h2 id="fhir-report-heading">{ if refused { "FHIR import: nothing could be read" } else { "FHIR import: what mapped" } }</h2>
            <p data-testid="fhir-summary">{ r.summary() }</p>
            if !r.files.is_empty() && !refused {
                <p class="muted">
                    { format!("Files: {}.", r.files.iter().map(|(f, n)| format!("{f} ({} resources)", thousands(*n))).collect::<Vec<_>>().join(", ")) }
                </p>
            }
            if !refused {
                <details class="fhir-part" open={r.measured.len() <= OPEN_UP_TO} data-testid="fhir-measured">
                    <summary>{ format!("Markers with values: {} (patients with a value)", r.measured.len()) }</summary>
                    { marker_table(&r.measured, "Observations mapped to markers: patients with a value, and the dates of the values used", "Patients with a value", true) }
                </details>
                if !r.coded.is_empty() {
                    <details class="fhir-part" open={r.coded.len() <= OPEN_UP_TO} data-testid="fhir-coded">
                        <summary>{ format!("Diagnoses and drugs present: {}", r.coded.len()) }</summary>
                        { marker_table(&r.coded, "Diagnoses (ICD-10) and drugs (ATC) mapped to markers: patients who have them", "Patients with it", false) }
                    </details>
                }
                if r.without_values.total() > 0 {
                    <details class="fhir-part" data-testid="fhir-without-values">
                        <summary>{ format!("Markers without a value for any patient: {}", thousands(r.without_values.total())) }</summary>
                        <p class="muted">
                            { format!("Missing for every patient: {}{}.",
                                r.without_values.rows.join(", "),
                                if r.without_values.omitted > 0 { format!(" and {} more", r.without_values.omitted) } else { String::new() }) }
                        </p>
                    </details>
                }
                <details class="fhir-part" open=true data-testid="fhir-conversions">
                    <summary>{ format!("Unit conversions: {}", r.conversions.total()) }</summary>
                    if r.conversions.rows.is_empty() {
                        <p class="muted">{ "Every value came in its marker's unit." }</p>
                    } else {
                        <div class="table-scroll" tabindex="0" role="region" aria-label="Unit conversions">
                        <table class="fhir-table">
                            <caption>{ "Values converted to the marker's unit: value in the marker's unit = reported value × factor" }</caption>
                            <thead><tr>
                                <th scope="col">{ "Marker" }</th>
                                <th scope="col">{ "LOINC" }</th>
                                <th scope="col">{ "From" }</th>
                                <th scope="col">{ "To" }</th>
                                <th scope="col" class="num">{ "Factor" }</th>
                                <th scope="col" class="num">{ "Molar mass (g/mol)" }</th>
                                <th scope="col" class="num">{ "Values" }</th>
                            </tr></thead>
                            <tbody>
                            { for r.conversions.rows.iter().map(|c| html! {
                                <tr data-loinc={c.loinc.clone()}>
                                    <th scope="row">{ c.marker.clone() }</th>
                                    <td>{ c.loinc.clone() }</td>
                                    <td>{ c.from.clone() }</td>
                                    <td>{ c.to.clone() }</td>
                                    <td class="num">{ c.factor_text() }</td>
                                    <td class="num">{ c.molar_mass.map(|m| m.to_string()).unwrap_or_else(|| "–".to_owned()) }</td>
                                    <td class="num">{ thousands(c.count) }</td>
                                </tr>
                            }) }
                            </tbody>
                        </table>
                        </div>
                        { more(r.conversions.omitted) }
                    }
                </details>
                <details class="fhir-part" open=true data-testid="fhir-unmapped">
                    <summary>{ format!("Not mapped: {} codings", thousands(r.unmapped_codings)) }</summary>
                    if r.unmapped.rows.is_empty() {
                        <p class="muted">{ "Every code read mapped to a marker." }</p>
                    } else {
                        <div class="table-scroll" tabindex="0" role="region" aria-label="Codes and texts not mapped">
                        <table class="fhir-table">
                            <caption>{ "Codes and texts that mapped to no marker, most frequent first" }</caption>
                            <thead><tr>
                                <th scope="col">{ "Resource" }</th>
                                <th scope="col">{ "Code or text" }</th>
                                <th scope="col" class="num">{ "Count" }</th>
                            </tr></thead>
                            <tbody>
                            { for r.unmapped.rows.iter().map(|u| html! {
                                <tr>
                                    <td>{ u.resource_type.clone() }</td>
                                    <td>{ u.what() }</td>
                                    <td class="num">{ thousands(u.count) }</td>
                                </tr>
                            }) }
                            </tbody>
                        </table>
                        </div>
                        { more(r.unmapped.omitted) }
                    }
                </details>
                if let Some((patient, values)) = r.first_patient.as_ref() {
                    <details class="fhir-part" open=true data-testid="fhir-values">
                        <summary>{ format!("Values used for the first patient, {patient}: {}", values.len()) }</summary>
                        <div class="table-scroll" tabindex="0" role="region" aria-label="Values used for the first patient">
                        <table class="fhir-table">
                            <caption>{ format!("Patient {patient}: each Observation value used, with its date") }</caption>
                            <thead><tr>
                                <th scope="col">{ "Marker" }</th>
                                <th scope="col" class="num">{ "Value" }</th>
                                <th scope="col">{ "Date" }</th>
                                <th scope="col">{ "Resource" }</th>
                            </tr></thead>
                            <tbody>
                            { for values.iter().map(|v| html! {
                                <tr>
                                    <th scope="row">{ v.marker.clone() }</th>
                                    <td class="num">{ v.value.clone() }</td>
                                    <td>{ if v.date.is_empty() { "undated".to_owned() } else { v.date.clone() } }</td>
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
                <summary>{ format!("Problems: {}", thousands(n_problems)) }</summary>
                if r.problems.rows.is_empty() {
                    <p class="muted">{ "None: every resource read was either used or is listed above." }</p>
                } else {
                    <p class="muted">{ "Each problem skips what it names and nothing else." }</p>
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Problems">
                    <table class="fhir-table problem-list">
                        <caption>{ "Problems in the order met, with the file, the line or Bundle entry, the resource and the JSON path" }</caption>
                        <thead><tr>
                            <th scope="col">{ "File" }</th>
                            <th scope="col">{ "Where" }</th>
                            <th scope="col">{ "Resource" }</th>
                            <th scope="col">{ "JSON path" }</th>
                            <th scope="col">{ "Problem" }</th>
                        </tr></thead>
                        <tbody>
                        { for r.problems.rows.iter().map(|p| html! {
                            <tr data-code={p.code.clone()}>
                                <td>{ p.file.clone() }</td>
                                <td>{ p.place.clone() }</td>
                                <td class="mono">{ p.resource.clone() }</td>
                                <td class="mono">{ p.path.clone() }</td>
                                <td>{ p.message.clone() }</td>
                            </tr>
                        }) }
                        </tbody>
                    </table>
                    </div>
                    { more(r.problems.omitted) }
                }
            </details>
            if !r.resources.is_empty() {
                <details class="fhir-part" data-testid="fhir-resources">
                    <summary>{ format!("Resources read: {}", thousands(r.resources_read())) }</summary>
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Resources by type">
                    <table class="fhir-table">
                        <caption>{ "Resources by type: read, used, not used (another type, a code no marker has, a problem), with problems" }</caption>
                        <thead><tr>
                            <th scope="col">{ "Type" }</th>
                            <th scope="col" class="num">{ "Read" }</th>
                            <th scope="col" class="num">{ "Used" }</th>
                            <th scope="col" class="num">{ "Not used" }</th>
                            <th scope="col" class="num">{ "With problems" }</th>
                        </tr></thead>
                        <tbody>
                        { for r.resources.iter().map(|(t, counts)| html! {
                            <tr>
                                <th scope="row">{ t.clone() }</th>
                                { for counts.iter().map(|n| html! { <td class="num">{ thousands(*n) }</td> }) }
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
