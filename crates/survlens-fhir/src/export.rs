//! A synthetic cohort as a FHIR R4 export in the shape of the Medizininformatik-Initiative
//! core data set (KDS): the fixtures of the reader's round-trip tests and a demonstration
//! of what a hospital export looks like.
//!
//! Per patient: a Patient (gender, birthDate such that the age on the index date is the
//! cohort's), an Encounter around the start of therapy, Observations of every numeric and
//! categorical marker the reader fills (laboratory values with their UCUM code; for every
//! third patient the molar unit and LOINC code where the analyte has one, for some others
//! the unit text alone in German spelling, `G/l`; blood pressure as a panel with
//! components; an older value of CRP and haemoglobin that the latest must win over), the
//! tumour diagnosis in ICD-10-GM (with the certainty letter or the version for some) and
//! its histology where the code alone does not decide the entity, one Condition per coded
//! comorbidity and metastatic site, drugs as MedicationStatements and
//! MedicationAdministrations (ATC in the concept, in a contained Medication, or in a
//! referenced one), a Procedure, and codings with only a text, which the reader lists as
//! not mapped.
//!
//! The index date of patient `i` is 2021-01-04 plus `(13 i) mod 1095` days; no value is
//! dated after it, so reading with the default (the latest value) gives back the cohort.

use serde_json::{Value, json};
use survlens_synth::{Code, MarkerKind, SyntheticCohort};

use crate::analyte;
use crate::catalogue::{Catalogue, Source};
use crate::date::Day;
use crate::entity::typical_morphology;
use crate::icd10::CodeRanges;
use crate::read::{LOINC, UCUM_SYSTEM};
use crate::ucum;

/// How the resources are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A bulk export: one NDJSON file per resource type (`Patient.ndjson`, ...).
    PerResourceType,
    /// One transaction Bundle per patient per line of `bundles.ndjson`, entries with
    /// `urn:uuid` full URLs and references, as KDS exports are shipped.
    BundlePerPatient,
}

/// One file of the export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    /// File name (no directory).
    pub name: String,
    /// NDJSON text, one resource (or Bundle) per line.
    pub text: String,
}

const ICD10_GM: &str = "http://fhir.de/CodeSystem/bfarm/icd-10-gm";
const ICD10_GM_OLD: &str = "http://fhir.de/CodeSystem/dimdi/icd-10-gm";
const ATC_BFARM: &str = "http://fhir.de/CodeSystem/bfarm/atc";
const ATC_WHO: &str = "http://www.whocc.no/atc";
const ICDO3: &str = "urn:oid:2.16.840.1.113883.6.43.1";
const KDS_LAB: &str = "https://www.medizininformatik-initiative.de/fhir/core/modul-labor/StructureDefinition/ObservationLab";
const KDS_PATIENT: &str = "https://www.medizininformatik-initiative.de/fhir/core/modul-person/StructureDefinition/Patient";
const KDS_CONDITION: &str = "https://www.medizininformatik-initiative.de/fhir/core/modul-diagnose/StructureDefinition/Diagnose";
const ECOG_SYSTEM: &str = "https://www.medizininformatik-initiative.de/fhir/ext/modul-onko/CodeSystem/mii-cs-onko-allgemeiner-leistungszustand-ecog";

/// The index date of patient `i`.
pub fn index_date(i: usize) -> Day {
    // 2021-01-04 is day 18,631 after 1970-01-01.
    Day::EPOCH.plus_days(18_631 + ((13 * i) % 1095) as i64)
}

/// Writes `cohort` as FHIR NDJSON (see the module docs); markers the reader cannot fill
/// (body composition, mutations, derived scores) are not written.
pub fn export(cohort: &SyntheticCohort, catalogue: &Catalogue, layout: Layout) -> Vec<ExportFile> {
    let mut files: Vec<(String, Vec<String>)> = Vec::new();
    let mut push = |name: &str, resource: Value| {
        let text = resource.to_string();
        match files.iter_mut().find(|(n, _)| n == name) {
            Some((_, lines)) => lines.push(text),
            None => files.push((name.to_owned(), vec![text])),
        }
    };
    for i in 0..cohort.n_patients() {
        let resources = patient_resources(cohort, catalogue, i);
        match layout {
            Layout::PerResourceType => {
                for r in resources {
                    let kind = r
                        .get("resourceType")
                        .and_then(Value::as_str)
                        .unwrap_or("Resource")
                        .to_owned();
                    push(&format!("{kind}.ndjson"), r);
                }
            }
            Layout::BundlePerPatient => push("bundles.ndjson", bundle(resources, i)),
        }
    }
    files
        .into_iter()
        .map(|(name, lines)| {
            let mut text = lines.join("\n");
            text.push('\n');
            ExportFile { name, text }
        })
        .collect()
}

/// The resources of patient `i` as a transaction Bundle whose entries have `urn:uuid` full
/// URLs and refer to each other by them.
fn bundle(resources: Vec<Value>, i: usize) -> Value {
    let uuid = |k: usize| format!("urn:uuid:{i:08x}-0000-4000-8000-{k:012x}");
    let mut urls = std::collections::HashMap::new();
    for (k, r) in resources.iter().enumerate() {
        if let (Some(t), Some(id)) = (
            r.get("resourceType").and_then(Value::as_str),
            r.get("id").and_then(Value::as_str),
        ) {
            urls.insert(format!("{t}/{id}"), uuid(k));
        }
    }
    let entries: Vec<Value> = resources
        .into_iter()
        .enumerate()
        .map(|(k, mut r)| {
            for field in ["subject", "medicationReference"] {
                if let Some(reference) = r.get_mut(field).and_then(|s| s.get_mut("reference"))
                    && let Some(url) = reference.as_str().and_then(|s| urls.get(s))
                {
                    *reference = Value::String(url.clone());
                }
            }
            let t = r
                .get("resourceType")
                .and_then(Value::as_str)
                .unwrap_or("Resource")
                .to_owned();
            json!({
                "fullUrl": uuid(k),
                "resource": r,
                "request": {"method": "PUT", "url": t},
            })
        })
        .collect();
    json!({"resourceType": "Bundle", "id": format!("kds-{i}"), "type": "transaction", "entry": entries})
}

/// A number as JSON, with the digits of the `f32` it came from (13.2, not
/// 13.199999809265137).
fn number(v: f32) -> Value {
    let x: f64 = format!("{v}").parse().unwrap_or(f64::from(v));
    json!(x)
}

/// `x` to 6 significant digits (a converted value as a laboratory would report it, finer).
fn six_digits(x: f64) -> Value {
    let s = survlens_data::display::round_significant(x, 6);
    json!(s.parse::<f64>().unwrap_or(x))
}

fn patient_resources(cohort: &SyntheticCohort, catalogue: &Catalogue, i: usize) -> Vec<Value> {
    let pid = cohort.patient_ids[i].clone();
    let subject = json!({"reference": format!("Patient/{pid}")});
    let index = index_date(i);
    let value = |id: &str| -> f32 {
        cohort
            .marker_index(id)
            .and_then(|j| cohort.value(i, j))
            .unwrap_or(f32::NAN)
    };
    let mut out = Vec::new();

    // Patient.
    let age = value("age");
    let mut patient = json!({
        "resourceType": "Patient",
        "id": pid,
        "meta": {"profile": [KDS_PATIENT]},
        "identifier": [{"system": "https://example.invalid/fhir/sid/patient-id", "value": pid}],
    });
    match value("sex_female") {
        1.0 => patient["gender"] = json!("female"),
        0.0 => patient["gender"] = json!("male"),
        _ => {}
    }
    if age.is_finite() {
        let (y, m, d) = index.ymd();
        let anniversary = Day::from_ymd(y - age as i64, m, d.min(28)).unwrap_or(index);
        let birth = anniversary.plus_days(-((i % 300) as i64 + 1));
        patient["birthDate"] = json!(birth.to_string());
    }
    out.push(patient);

    out.push(json!({
        "resourceType": "Encounter",
        "id": format!("enc-{pid}"),
        "status": "finished",
        "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP"},
        "subject": subject,
        "period": {"start": index.plus_days(-2).to_string(), "end": index.plus_days(3).to_string()},
    }));
    out.push(json!({
        "resourceType": "Procedure",
        "id": format!("proc-{pid}"),
        "status": "completed",
        "code": {"coding": [{"system": "http://fhir.de/CodeSystem/bfarm/ops", "version": "2024", "code": "3-222"}]},
        "subject": subject,
        "performedDateTime": index.plus_days(-1).to_string(),
    }));
    // Text-only codings: reported as not mapped.
    out.push(json!({
        "resourceType": "Observation",
        "id": format!("note-{pid}"),
        "status": "final",
        "code": {"text": "Befundkommentar"},
        "subject": subject,
        "effectiveDateTime": index.to_string(),
        "valueString": "Probe leicht hämolytisch",
    }));

    let drawn = index.plus_days(-((i % 4) as i64));
    let mut n_obs = 0usize;
    let mut obs = |code: Value, value_field: (&str, Value), date: Day, lab: bool| -> Value {
        n_obs += 1;
        let category = if lab { "laboratory" } else { "vital-signs" };
        let mut o = json!({
            "resourceType": "Observation",
            "id": format!("obs-{pid}-{n_obs}"),
            "status": "final",
            "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": category}]}],
            "code": code,
            "subject": subject,
            "effectiveDateTime": format!("{date}T08:{:02}:00+01:00", n_obs % 60),
        });
        if lab {
            o["meta"] = json!({"profile": [KDS_LAB]});
        }
        o[value_field.0] = value_field.1;
        o
    };
    let loinc_code = |code: &str| json!({"coding": [{"system": LOINC, "code": code}]});

    let mut bp: Vec<Value> = Vec::new();
    for (j, spec) in catalogue.markers().iter().enumerate() {
        if catalogue.sources[j] != Some(Source::Observation) {
            continue;
        }
        let v = value(spec.id);
        if !v.is_finite() {
            continue;
        }
        let primary = analyte::by_marker(spec.id)
            .and_then(|a| a.members.first().map(|m| m.loinc))
            .or(match spec.code {
                Some(Code::Loinc(c)) => Some(c),
                _ => None,
            });
        let Some(primary) = primary else { continue };
        if let MarkerKind::Categorical { levels, .. } = spec.kind {
            let level = levels.get(v as usize).copied().unwrap_or("");
            let answer = match spec.id {
                "ecog" => {
                    json!({"coding": [{"system": ECOG_SYSTEM, "code": level.split('-').next().unwrap_or(level)}]})
                }
                "smoking_status" => {
                    let code = match level {
                        "never" => "LA18978-9",
                        "former" => "LA15920-4",
                        _ => "LA18976-3",
                    };
                    json!({"coding": [{"system": LOINC, "code": code, "display": level}]})
                }
                // Stage IV written with its sub-stage for every other patient.
                "uicc_stage" if level == "IV" && i.is_multiple_of(2) => {
                    json!({"coding": [{"code": "IVA"}], "text": "IVA"})
                }
                _ => json!({"coding": [{"code": level}], "text": level}),
            };
            out.push(obs(
                loinc_code(primary),
                ("valueCodeableConcept", answer),
                drawn,
                false,
            ));
            continue;
        }
        let lab = spec.modality == survlens_synth::Modality::Laboratory;
        let unit_code = ucum_code(spec.unit, spec.id);
        // Every third patient: the analyte's substance-concentration code and unit.
        let molar = i
            .is_multiple_of(3)
            .then(|| molar_variant(spec.id, catalogue, j))
            .flatten();
        let quantity = if let Some((code, unit, factor)) = &molar {
            (
                code.to_string(),
                json!({"value": six_digits(f64::from(v) * factor), "unit": unit, "system": UCUM_SYSTEM, "code": unit}),
            )
        } else if i % 3 == 1 && lab && unit_code == "10*9/L" {
            // German spelling in the unit text, no code (as some exports send counts).
            (
                primary.to_owned(),
                json!({"value": number(v), "unit": "G/l"}),
            )
        } else if i % 3 == 2 && unit_code == "10*9/L" {
            (
                primary.to_owned(),
                json!({"value": number(v), "unit": "10^3/µl", "system": UCUM_SYSTEM, "code": "10*3/uL"}),
            )
        } else {
            (
                primary.to_owned(),
                json!({"value": number(v), "unit": spec.unit, "system": UCUM_SYSTEM, "code": unit_code}),
            )
        };
        if matches!(spec.id, "systolic_bp" | "diastolic_bp") {
            bp.push(json!({"code": loinc_code(primary), "valueQuantity": quantity.1}));
            continue;
        }
        // An older value the latest must win over.
        if matches!(spec.id, "lab_crp" | "lab_haemoglobin") && i % 2 == 1 {
            let older = json!({"value": number(v * 1.5 + 1.0), "unit": spec.unit, "system": UCUM_SYSTEM, "code": unit_code});
            out.push(obs(
                loinc_code(primary),
                ("valueQuantity", older),
                drawn.plus_days(-60),
                lab,
            ));
        }
        out.push(obs(
            loinc_code(&quantity.0),
            ("valueQuantity", quantity.1),
            drawn,
            lab,
        ));
    }
    if !bp.is_empty() {
        let mut panel = obs(
            loinc_code("85354-9"),
            ("component", Value::Array(bp)),
            drawn,
            false,
        );
        panel["code"]["text"] = json!("Blutdruck");
        out.push(panel);
    }

    // Tumour diagnosis and histology.
    if let Some(entity) = cohort
        .entity
        .get(i)
        .and_then(|&e| cohort.entities.get(usize::from(e)))
    {
        let code = CodeRanges::parse(entity.icd10)
            .and_then(|r| r.first_code().map(str::to_owned))
            .unwrap_or_default();
        let months = value("months_since_diagnosis");
        let onset = index.plus_days(
            -(if months.is_finite() {
                (months * 30.44) as i64
            } else {
                30
            }),
        );
        let written = match i % 3 {
            0 => format!("{code} G"),
            _ => code.clone(),
        };
        let system = if i % 5 == 4 { ICD10_GM_OLD } else { ICD10_GM };
        out.push(json!({
            "resourceType": "Condition",
            "id": format!("tumour-{pid}"),
            "meta": {"profile": [KDS_CONDITION]},
            "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
            "verificationStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": "confirmed"}]},
            "code": {"coding": [{"system": system, "version": "2024", "code": written}], "text": entity.name_de},
            "subject": subject,
            "onsetDateTime": onset.to_string(),
            "recordedDate": onset.to_string(),
        }));
        if let Some(morphology) = typical_morphology(entity.id) {
            out.push(obs(
                loinc_code(crate::catalogue::HISTOLOGY_LOINC),
                (
                    "valueCodeableConcept",
                    json!({"coding": [{"system": ICDO3, "version": "32", "code": morphology}]}),
                ),
                onset,
                false,
            ));
        }
    }
    // A diagnosis with a text and no code.
    out.push(json!({
        "resourceType": "Condition",
        "id": format!("text-{pid}"),
        "code": {"text": "Z.n. Appendektomie"},
        "subject": subject,
    }));

    // Comorbidities, metastatic sites, drugs.
    let mut n_facts = 0usize;
    for (j, spec) in catalogue.markers().iter().enumerate() {
        if value(spec.id) != 1.0 {
            continue;
        }
        n_facts += 1;
        match (catalogue.sources[j], spec.code) {
            (Some(Source::Condition), Some(Code::Icd10(ranges))) => {
                let Some(code) =
                    CodeRanges::parse(ranges).and_then(|r| r.first_code().map(str::to_owned))
                else {
                    continue;
                };
                // Diabetes with complications carries the dagger, as ICD-10-GM codes it.
                let written = if spec.id == "cm_diabetes_complicated" {
                    format!("{code}0+")
                } else {
                    code
                };
                out.push(json!({
                    "resourceType": "Condition",
                    "id": format!("cond-{pid}-{n_facts}"),
                    "meta": {"profile": [KDS_CONDITION]},
                    "code": {"coding": [{"system": ICD10_GM, "version": "2024", "code": written}]},
                    "subject": subject,
                    "recordedDate": index.plus_days(-7).to_string(),
                }));
            }
            (Some(Source::Medication), Some(Code::Atc(list))) => {
                let Some(first) = crate::atc::first_code(list) else {
                    continue;
                };
                let atc = if first.len() == 5 {
                    format!("{first}01")
                } else {
                    first.to_owned()
                };
                let concept = |system: &str| json!({"coding": [{"system": system, "code": atc}], "text": spec.name});
                let id = format!("med-{pid}-{n_facts}");
                let period = json!({"start": index.to_string()});
                match (i + n_facts) % 3 {
                    0 => out.push(json!({
                        "resourceType": "MedicationStatement",
                        "id": id,
                        "status": "active",
                        "medicationCodeableConcept": concept(ATC_BFARM),
                        "subject": subject,
                        "effectivePeriod": period,
                    })),
                    1 => out.push(json!({
                        "resourceType": "MedicationAdministration",
                        "id": id,
                        "status": "completed",
                        "contained": [{"resourceType": "Medication", "id": "m", "code": concept(ATC_WHO)}],
                        "medicationReference": {"reference": "#m"},
                        "subject": subject,
                        "effectiveDateTime": index.to_string(),
                    })),
                    _ => {
                        out.push(json!({
                            "resourceType": "Medication",
                            "id": format!("{id}-drug"),
                            "code": concept(ATC_BFARM),
                        }));
                        out.push(json!({
                            "resourceType": "MedicationStatement",
                            "id": id,
                            "status": "active",
                            "medicationReference": {"reference": format!("Medication/{id}-drug")},
                            "subject": subject,
                            "effectivePeriod": period,
                        }));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The UCUM code of a dictionary unit.
fn ucum_code(unit: &str, marker: &str) -> String {
    analyte::by_marker(marker)
        .and_then(|a| a.ucum)
        .map_or_else(|| ucum::from_display(unit), str::to_owned)
}

/// The analyte's substance-concentration code and unit, with the factor from the
/// dictionary unit, for analytes reported in both.
fn molar_variant(
    marker: &str,
    catalogue: &Catalogue,
    j: usize,
) -> Option<(&'static str, &'static str, f64)> {
    let (code, unit) = match marker {
        "lab_creatinine" => ("14682-9", "umol/L"),
        "lab_bilirubin" => ("14631-6", "umol/L"),
        "lab_glucose" => ("14749-6", "mmol/L"),
        "lab_haemoglobin" => ("59260-0", "mmol/L"),
        "lab_urea" => ("22664-7", "mmol/L"),
        "lab_cholesterol" => ("14647-2", "mmol/L"),
        "lab_triglycerides" => ("14927-8", "mmol/L"),
        "lab_uric_acid" => ("14933-6", "umol/L"),
        "lab_iron" => ("14798-3", "umol/L"),
        _ => return None,
    };
    let from = catalogue.units[j]?;
    let to = ucum::parse(unit).ok()?;
    let (factor, _) =
        crate::read::convert(&from, &to, catalogue.molar_mass[j], catalogue.molar_mass[j])?;
    Some((code, unit, factor))
}
