//! The building blocks against their standards: UCUM conversion factors (UCUM 2.1,
//! ucum.org, and the SI conversion factors clinical chemistry publishes), the LOINC analyte
//! grouping, ICD-10-GM code forms (BfArM), FHIR dates (FHIR R4 data types).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use approx::assert_relative_eq;
use survlens_data::MarkerValues;
use survlens_fhir::ucum::{UcumError, parse};
use survlens_fhir::{Catalogue, Day, Input, ReadOptions, Source, analyte, date, icd10, read};
use survlens_synth::{Code, MarkerKind};

/// `x from = factor x to`, by UCUM.
fn factor(from: &str, to: &str) -> Option<f64> {
    parse(from).unwrap().factor_to(&parse(to).unwrap())
}

#[test]
fn ucum_factors_are_those_of_the_standard() {
    // UCUM 2.1 tables 1-4: prefixes, litre = dm3, minute, Julian year and month, enzyme
    // unit = µmol/min, katal = mol/s, mm[Hg] = 133.3220 Pa, international inch and
    // avoirdupois pound, percent = 10^-2.
    let cases: [(&str, &str, f64); 17] = [
        ("mg/dL", "mg/L", 10.0),
        ("g/dL", "g/L", 10.0),
        ("10*3/uL", "10*9/L", 1.0),
        ("10*6/uL", "10*12/L", 1.0),
        ("/nL", "10*9/L", 1.0),
        ("ukat/L", "U/L", 60.0),
        ("kU/L", "U/L", 1_000.0),
        ("L", "cm3", 1_000.0),
        ("mm[Hg]", "Pa", 133.322),
        ("[in_i]", "cm", 2.54),
        ("[lb_av]", "kg", 0.453_592_37),
        ("a", "d", 365.25),
        ("mo", "d", 30.4375),
        ("h", "min", 60.0),
        ("%", "1", 0.01),
        ("kg/m2", "g/cm2", 0.1),
        ("mL/min/{1.73_m2}", "L/h", 0.06),
    ];
    for (from, to, expected) in cases {
        let f = factor(from, to).unwrap_or_else(|| panic!("{from} -> {to} not convertible"));
        assert_relative_eq!(f, expected, max_relative = 1e-12);
    }
}

#[test]
fn ucum_keeps_apart_what_is_not_commensurable() {
    for (from, to) in [
        ("mg/dL", "mmol/L"), // mass vs substance: only through a molar mass
        ("[IU]/L", "U/L"),   // international vs enzyme units
        ("Cel", "K"),        // an offset, not a factor
        ("10*9/L", "g/L"),   // count vs mass
        ("[hnsf'U]", "1"),   // arbitrary unit
    ] {
        assert_eq!(factor(from, to), None, "{from} -> {to}");
    }
    assert_eq!(
        parse("mg/dx").unwrap_err(),
        UcumError::UnknownAtom { atom: "dx".into() }
    );
    assert!(matches!(
        parse("mg/L{FEU"),
        Err(UcumError::Unclosed { bracket: '{' })
    ));
    assert!(matches!(parse(""), Err(UcumError::Empty)));
    // Annotations are the unit 1 (UCUM §6): mg/L{FEU} is mg/L.
    assert_eq!(factor("mg/L{FEU}", "mg/L"), Some(1.0));
}

/// One Observation of `loinc` with `value` `unit` for a one-patient NDJSON input; the value
/// read for `marker`.
fn observed(loinc: &str, value: f64, unit: &str, marker: &str) -> f64 {
    let text = format!(
        "{}\n{}\n",
        r#"{"resourceType":"Patient","id":"p","gender":"male","birthDate":"1960-01-01"}"#,
        serde_json::json!({
            "resourceType": "Observation", "id": "o", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": loinc}]},
            "subject": {"reference": "Patient/p"}, "effectiveDateTime": "2024-05-01",
            "valueQuantity": {"value": value, "system": "http://unitsofmeasure.org", "code": unit},
        })
    );
    let imported = read(
        &[Input {
            name: "t.ndjson",
            bytes: text.as_bytes(),
        }],
        &ReadOptions::default(),
    )
    .unwrap();
    assert!(
        imported.report.problems.is_empty(),
        "{:?}",
        imported.report.problems
    );
    match imported.cohort.marker(marker).unwrap().values() {
        MarkerValues::Numeric(v) => f64::from(v[0]),
        _ => panic!("{marker} is not numeric"),
    }
}

#[test]
fn molar_units_convert_by_the_published_si_factors() {
    // SI conversion factors of clinical chemistry (AMA Manual of Style, SI conversion
    // table; KDIGO 2012 for creatinine's 88.4): conventional unit x factor = SI unit.
    // Each is checked to the precision it is published with.
    let cases: [(&str, &str, &str, f64, f64); 8] = [
        // analyte, LOINC of the SI code, SI unit, factor (SI per conventional), precision
        ("lab_creatinine", "14682-9", "umol/L", 88.4, 1e-3),
        ("lab_glucose", "14749-6", "mmol/L", 0.0555, 1e-3),
        ("lab_bilirubin", "14631-6", "umol/L", 17.1, 1e-3),
        ("lab_cholesterol", "14647-2", "mmol/L", 0.02586, 1e-3),
        ("lab_triglycerides", "14927-8", "mmol/L", 0.01129, 1e-3),
        ("lab_uric_acid", "14933-6", "umol/L", 59.48, 1e-3),
        ("lab_urea", "22664-7", "mmol/L", 0.1665, 1e-3),
        ("lab_iron", "14798-3", "umol/L", 0.1791, 1e-3),
    ];
    for (marker, loinc, unit, si_per_conventional, precision) in cases {
        // 1 SI unit reported, read in the dictionary's conventional unit.
        let conventional = observed(loinc, 1.0, unit, marker);
        assert_relative_eq!(
            conventional,
            1.0 / si_per_conventional,
            max_relative = precision
        );
    }
    // Haemoglobin in mmol/L (per haem, as German laboratories report it): 1 g/dL = 0.6206
    // mmol/L (Deutsche Gesellschaft für Klinische Chemie und Laboratoriumsmedizin).
    assert_relative_eq!(
        observed("59260-0", 0.6206, "mmol/L", "lab_haemoglobin"),
        1.0,
        max_relative = 1e-4
    );
    // TSH in mU/L and mIU/L alike.
    assert_relative_eq!(observed("3016-3", 2.5, "m[IU]/L", "lab_tsh"), 2.5);
    assert_relative_eq!(observed("3016-3", 2.5, "mU/L", "lab_tsh"), 2.5);
}

#[test]
fn every_code_of_an_analyte_fills_its_marker() {
    let catalogue = Catalogue::standard().unwrap();
    let mut seen = std::collections::HashSet::new();
    for a in analyte::ANALYTES {
        let spec = catalogue
            .markers()
            .iter()
            .find(|m| m.id == a.marker)
            .unwrap_or_else(|| panic!("{} is not a dictionary marker", a.marker));
        assert_eq!(spec.kind, MarkerKind::Numeric, "{}", a.marker);
        assert_eq!(
            catalogue.source(a.marker),
            Some(Source::Observation),
            "{}",
            a.marker
        );
        for m in a.members {
            // LOINC codes: digits, a hyphen and the mod-10 check digit.
            let (body, check) = m.loinc.split_once('-').unwrap();
            assert!(
                body.bytes().all(|b| b.is_ascii_digit()) && check.len() == 1,
                "{}",
                m.loinc
            );
            assert_eq!(
                loinc_check_digit(body),
                check.parse::<u32>().unwrap(),
                "{}",
                m.loinc
            );
            assert!(seen.insert(m.loinc), "{} is in two analytes", m.loinc);
            assert_eq!(
                analyte::by_loinc(m.loinc).map(|(x, _)| x.marker),
                Some(a.marker)
            );
        }
        // The dictionary's own code is one of the analyte's.
        if let Some(Code::Loinc(code)) = spec.code {
            assert!(
                a.members.iter().any(|m| m.loinc == code),
                "{}: {code}",
                a.marker
            );
        }
    }
    // Every laboratory marker with a LOINC code in the dictionary is in the table.
    for m in catalogue.markers() {
        if m.modality == survlens_synth::Modality::Laboratory
            && matches!(m.code, Some(Code::Loinc(_)))
        {
            assert!(
                analyte::by_marker(m.id).is_some(),
                "{} has no analyte entry",
                m.id
            );
        }
    }
    // Creatinine whichever code the laboratory uses.
    for code in ["2160-0", "14682-9", "38483-4", "59826-8"] {
        assert_eq!(
            analyte::by_loinc(code).map(|(a, _)| a.marker),
            Some("lab_creatinine")
        );
    }
}

/// LOINC's check digit: the mod-10 algorithm of the LOINC Users' Guide (appendix on
/// calculating check digits).
fn loinc_check_digit(body: &str) -> u32 {
    let digits: Vec<u32> = body.bytes().map(|b| u32::from(b - b'0')).collect();
    let mut sum = 0;
    for (k, &d) in digits.iter().rev().enumerate() {
        if k % 2 == 0 {
            let doubled = d * 2;
            sum += doubled / 10 + doubled % 10;
        } else {
            sum += d;
        }
    }
    (10 - sum % 10) % 10
}

#[test]
fn icd10_gm_codes_read_as_exports_write_them() {
    let check = |text: &str, codes: &[&str], certainty: Option<char>| {
        let d = icd10::parse(text).unwrap_or_else(|| panic!("{text} not read"));
        assert_eq!(d.codes, codes, "{text}");
        assert_eq!(d.certainty, certainty, "{text}");
    };
    check("C34.1", &["C34.1"], None);
    check("C34.1 G", &["C34.1"], Some('G'));
    check("C341", &["C34.1"], None);
    check("c34.1", &["C34.1"], None);
    check("E11.40+", &["E11.40"], None);
    check("G63.2*", &["G63.2"], None);
    check("U69.10!", &["U69.10"], None);
    check("E11.40+ G63.2*", &["E11.40", "G63.2"], None);
    check("C50.4 L", &["C50.4"], None);
    check("I10.90 V", &["I10.90"], Some('V'));
    check("C49.A", &["C49.A"], None);
    assert!(!icd10::parse("I10.90 V").unwrap().counts());
    assert!(!icd10::parse("Z80.0 A").unwrap().counts());
    assert!(icd10::parse("Z85.3 Z").unwrap().counts());
    for bad in ["", "34.1", "C", "C3", "C34.1.2", "C34 Q", "Karzinom"] {
        assert_eq!(icd10::parse(bad), None, "{bad}");
    }
}

#[test]
fn a_code_counts_for_the_most_specific_dictionary_entry() {
    let catalogue = Catalogue::standard().unwrap();
    let text = |code: &str| {
        format!(
            "{}\n{}\n",
            r#"{"resourceType":"Patient","id":"p"}"#,
            serde_json::json!({"resourceType": "Condition", "id": "c", "subject": {"reference": "Patient/p"},
                "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10", "code": code}]}})
        )
    };
    let ones = |code: &str| -> (Vec<String>, Option<String>) {
        let t = text(code);
        let imported = read(
            &[Input {
                name: "c.ndjson",
                bytes: t.as_bytes(),
            }],
            &ReadOptions::default(),
        )
        .unwrap();
        let ones = imported
            .cohort
            .markers()
            .iter()
            .filter(|m| matches!(m.values(), MarkerValues::Binary(v) if v[0] == 1.0))
            .map(|m| m.name().to_owned())
            .collect();
        let entity = imported
            .cohort
            .entity()
            .and_then(|e| e.label(0).map(str::to_owned));
        (ones, entity)
    };
    assert!(catalogue.source("cm_myocardial_infarction").is_some());
    // I25.2 (old myocardial infarction) is listed under infarction, I25.1 under coronary
    // heart disease (I25).
    assert_eq!(ones("I25.2").0, ["cm_myocardial_infarction"]);
    assert_eq!(ones("I25.1").0, ["cm_coronary_heart_disease"]);
    assert_eq!(ones("E11.5").0, ["cm_diabetes_complicated"]);
    assert_eq!(ones("E11.9").0, ["cm_diabetes"]);
    assert_eq!(ones("C79.51").0, ["met_bone"]);
    assert_eq!(ones("C77.1").0, ["met_distant_nodes"]);
    // Entities: the narrower range wins (salivary glands inside head and neck, the
    // pancreatic islets inside the pancreas, GIST inside soft tissue).
    assert_eq!(ones("C07").1.as_deref(), Some("salivary_gland"));
    assert_eq!(ones("C02.1").1.as_deref(), Some("head_neck"));
    assert_eq!(ones("C25.4").1.as_deref(), Some("net"));
    assert_eq!(ones("C25.0").1.as_deref(), Some("pancreas"));
    assert_eq!(ones("C49.A").1.as_deref(), Some("gist"));
    assert_eq!(ones("C49.2").1.as_deref(), Some("soft_tissue_sarcoma"));
    // Lung cancer without histology: which of three entities is unknown.
    assert_eq!(ones("C34.1").1, None);
}

#[test]
fn fhir_dates_read_as_the_standard_defines_them() {
    let day = |y, m, d| Day::from_ymd(y, m, d).unwrap();
    assert_eq!(date::parse("2024-03-10"), Some(day(2024, 3, 10)));
    assert_eq!(date::parse("2024-03"), Some(day(2024, 3, 1)));
    assert_eq!(date::parse("2024"), Some(day(2024, 1, 1)));
    assert_eq!(
        date::parse("2024-03-10T07:45:00+01:00"),
        Some(day(2024, 3, 10))
    );
    assert_eq!(
        date::parse("2024-03-10T07:45:00.123Z"),
        Some(day(2024, 3, 10))
    );
    assert_eq!(date::parse("2024-02-29"), Some(day(2024, 2, 29)));
    for bad in [
        "2023-02-29",
        "2024-13-01",
        "24-03-10",
        "2024-3-10",
        "10.03.2024",
        "2024-03-10T07:45",
        "2024-03T07:45:00Z",
        "",
    ] {
        assert_eq!(date::parse(bad), None, "{bad}");
    }
    // Completed years; 1970-01-01 is day 0 of the Unix epoch.
    assert_eq!(day(2024, 3, 10).years_since(day(1958, 6, 15)), 65);
    assert_eq!(day(2024, 6, 15).years_since(day(1958, 6, 15)), 66);
    assert_eq!(day(1970, 1, 1), Day::EPOCH);
    assert_eq!(day(2021, 1, 4).days_since(Day::EPOCH), 18_631);
}
