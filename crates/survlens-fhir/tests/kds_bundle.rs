//! A hand-written transaction Bundle in the shape of the MII core data set profiles
//! (Person, Fall, Labor, Diagnose, Medikation, Prozedur; oncology histology), read into one
//! row whose every value is computed here by hand from the Bundle with the factor it needs.
//!
//! Factors: UCUM (ucum.org, version 2.1): 1 U = 1 µmol/min, so 1 µkat/L = 60 U/L; 1 m =
//! 100 cm; 1 dL = 0.1 L. Molar masses: creatinine 113.12 g/mol (PubChem CID 588), glucose
//! 180.16 g/mol (PubChem CID 5793), urea 60.06 g/mol (PubChem CID 1176) against the 2 x
//! 14.0067 g/mol of nitrogen (IUPAC 2021) that urea nitrogen weighs, haemoglobin per haem
//! 16,114.5 g/mol (64,458 g/mol / 4).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use approx::assert_relative_eq;
use survlens_data::{Cohort, MarkerValues};
use survlens_fhir::{Day, Imported, Input, ReadOptions, read};

fn fixture() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/fhir/kds_transaction.json"
    ))
    .unwrap()
}

fn import(index_date: Option<Day>) -> Imported {
    let bytes = fixture();
    read(
        &[Input {
            name: "kds_transaction.json",
            bytes: &bytes,
        }],
        &ReadOptions {
            index_date,
            markers: None,
        },
    )
    .unwrap()
}

fn value(cohort: &Cohort, marker: &str) -> f32 {
    match cohort.marker(marker).unwrap().values() {
        MarkerValues::Numeric(v) | MarkerValues::Binary(v) => v[0],
        MarkerValues::Categorical(c) => c
            .label(0)
            .and_then(|l| l.parse::<f32>().ok())
            .unwrap_or(f32::NAN),
    }
}

#[test]
fn the_kds_bundle_reads_into_the_row_computed_by_hand() {
    let Imported { cohort, report } = import(None);
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert_eq!(cohort.len(), 1);
    assert_eq!(cohort.id(0), "kds-p1");
    // C34.1 with histology 8140/3 (adenocarcinoma).
    assert_eq!(cohort.entity().unwrap().label(0), Some("lung_adeno"));
    // Born 1958-06-15; the latest record is of 2024-03-10: 65 completed years.
    assert_eq!(value(&cohort, "age"), 65.0);
    assert_eq!(value(&cohort, "sex_female"), 1.0);

    let close = |marker: &str, expected: f64| {
        assert_relative_eq!(
            f64::from(value(&cohort, marker)),
            expected,
            max_relative = 1e-6
        );
    };
    // 97 µmol/L x 113.12 g/mol = 10.973 mg/L = 1.0973 mg/dL (the 2024-03-10 value wins over
    // the 1.4 mg/dL of 2024-01-05).
    close("lab_creatinine", 97.0 * 113.12 / 10_000.0);
    // 7.6 mmol/L x 16,114.5 g/mol = 122.47 g/L = 12.247 g/dL.
    close("lab_haemoglobin", 7.6 * 16_114.5 / 10_000.0);
    // 10^3/µL = 10^9/L.
    close("lab_wbc", 6.8);
    // "Tsd/µl" without a code: thousands per microlitre.
    close("lab_platelets", 245.0);
    // 2.3 mg/dL = 23 mg/L.
    close("lab_crp", 23.0);
    // 3.9 g/dL = 39 g/L.
    close("lab_albumin", 39.0);
    // Blood glucose 6.1 mmol/L x 180.16 g/mol = 1099 mg/L = 109.9 mg/dL.
    close("lab_glucose", 6.1 * 180.16 / 10.0);
    // Urea nitrogen 20 mg/dL = 20 / 28.0134 mmol/dL of urea, x 60.06 g/mol.
    close("lab_urea", 20.0 / (2.0 * 14.0067) * 60.06);
    // 0.55 µkat/L x 60 = 33 U/L.
    close("lab_alt", 33.0);
    close("weight", 64.5);
    // 1.68 m = 168 cm.
    close("height", 168.0);
    // Components of the blood-pressure panel.
    close("systolic_bp", 128.0);
    close("diastolic_bp", 81.0);
    assert_eq!(value(&cohort, "ecog"), 1.0);
    // One metastatic site: the liver.
    assert_eq!(value(&cohort, "n_metastatic_sites"), 1.0);
    assert!(value(&cohort, "bmi").is_nan(), "no BMI was recorded");

    // Diagnoses: liver metastasis; E11.40+ is diabetes with complications (the most
    // specific entry), not also uncomplicated diabetes; J449 in the old DIMDI system is
    // COPD; suspected hypertension (V) and refuted atrial fibrillation do not count.
    for (marker, expected) in [
        ("met_liver", 1.0),
        ("met_lung", 0.0),
        ("cm_diabetes_complicated", 1.0),
        ("cm_diabetes", 0.0),
        ("cm_copd", 1.0),
        ("cm_hypertension", 0.0),
        ("cm_atrial_fibrillation", 0.0),
        // Pembrolizumab L01FF02; carboplatin L01XA02 in a contained Medication;
        // prednisolone H02AB06 in a referenced one; metamizole by text only.
        ("tx_anti_pd1", 1.0),
        ("tx_platinum", 1.0),
        ("tx_steroids", 1.0),
        ("tx_opioids", 0.0),
    ] {
        assert_eq!(value(&cohort, marker), expected, "{marker}");
    }

    // The report: what was not mapped, the conversions and the dates of the values used.
    let unmapped: Vec<(Option<&str>, Option<&str>)> = report
        .unmapped
        .iter()
        .map(|u| (u.code.as_deref(), u.text.as_deref()))
        .collect();
    // Sorted by resource type; the suspected and the refuted diagnosis are listed with
    // their reason.
    assert_eq!(
        unmapped,
        [
            (Some("I10.90 V"), Some("not counted: suspected (V)")),
            (Some("I48.0"), Some("not counted: refuted")),
            (None, Some("Novalgin 500 mg")),
            (None, Some("Blutbild Kommentar")),
            (Some("2713-6"), None),
        ]
    );
    let creatinine = report
        .conversions
        .iter()
        .find(|c| c.marker == "lab_creatinine")
        .unwrap();
    assert_eq!(
        (creatinine.from.as_str(), creatinine.to.as_str()),
        ("umol/L", "mg/dL")
    );
    assert_relative_eq!(creatinine.factor, 113.12 / 10_000.0, max_relative = 1e-12);
    let used = report
        .values
        .iter()
        .find(|v| v.marker == "lab_creatinine")
        .unwrap();
    assert_eq!(
        used.date.map(|d| d.to_string()).as_deref(),
        Some("2024-03-10")
    );
    assert_eq!(used.resource, "Observation/kds-crea-new");
    let count = |t: &str| {
        report
            .resources
            .iter()
            .find(|r| r.resource_type == t)
            .unwrap()
    };
    assert_eq!((count("Encounter").read, count("Encounter").used), (1, 0));
    assert_eq!((count("Procedure").read, count("Procedure").used), (1, 0));
    let read: usize = report.resources.iter().map(|r| r.read).sum();
    // 31 entries and the Bundle itself: nothing is lost from the count.
    assert_eq!(read, 32);
}

#[test]
fn an_index_date_takes_the_values_before_it() {
    let Imported { cohort, report } = import(Day::from_ymd(2024, 2, 1));
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    // The creatinine of 2024-01-05, the only value before the index date.
    assert_relative_eq!(value(&cohort, "lab_creatinine"), 1.4);
    assert!(value(&cohort, "lab_haemoglobin").is_nan());
    // Age on 2024-02-01.
    assert_eq!(value(&cohort, "age"), 65.0);
    // The liver metastasis (2024-03-09) and the drugs (from 2024-02-20) come later.
    for marker in ["met_liver", "tx_anti_pd1", "tx_platinum", "tx_steroids"] {
        assert_eq!(value(&cohort, marker), 0.0, "{marker}");
    }
    assert_eq!(value(&cohort, "cm_copd"), 1.0);
    assert_eq!(cohort.entity().unwrap().label(0), Some("lung_adeno"));
}

#[test]
fn a_model_s_markers_are_the_columns_in_its_order() {
    let bytes = fixture();
    let imported = read(
        &[Input {
            name: "kds_transaction.json",
            bytes: &bytes,
        }],
        &ReadOptions {
            index_date: None,
            markers: Some(vec![
                "tx_immunotherapy".into(),
                "lab_crp".into(),
                "ct_smi".into(),
            ]),
        },
    )
    .unwrap();
    let names: Vec<&str> = imported.cohort.markers().iter().map(|m| m.name()).collect();
    assert_eq!(names, ["tx_immunotherapy", "lab_crp", "ct_smi"]);
    // Pembrolizumab is the teaching cohort's immunotherapy when that is asked for.
    assert_eq!(value(&imported.cohort, "tx_immunotherapy"), 1.0);
    // CT body composition has no FHIR source: missing, and said so.
    assert!(value(&imported.cohort, "ct_smi").is_nan());
    assert_eq!(imported.report.without_source, ["ct_smi"]);
}
