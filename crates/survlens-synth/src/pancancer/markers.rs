//! The pan-cancer marker table, one function per modality, in column order.
//!
//! Distributions are set to the ranges seen in adult patients starting systemic cancer
//! therapy (labs in the units of German hospital laboratories: haemoglobin in g/dL,
//! creatinine and bilirubin in mg/dL). Effects are log-hazard contributions, zero at the
//! clinically normal state; markers without an effect may still be strongly correlated with
//! prognostic ones through the latent factors, as real markers are.

use super::entities::*;
use super::{Builder, event, event_given, event_given_by_entity, spec};
use crate::MarkerKind::{Binary, Categorical, Numeric};
use crate::dictionary::Code::{Atc, Hgnc, Icd10, Loinc};
use crate::dictionary::Modality;
use crate::dictionary::Modality::{
    BodyComposition, ClinicalRecord, Demographics, Laboratory, Mutation, Treatment, VitalSigns,
};
use crate::effect::{Effect, Gate};
use crate::engine::{
    AGE, BURDEN, CACHEXIA, Derivation, FRAILTY, INFLAMMATION, Load, MarkerDef, NO_LOAD, Panel,
    Sampler, load, sample_age, sample_female,
};

/// Id, English name, German name.
type Names = (&'static str, &'static str, &'static str);

const fn gauss(mean: f32, sd: f32, load: Load, min: f32, max: f32, decimals: u8) -> Sampler {
    Sampler::Gaussian {
        mean,
        sd,
        load,
        min,
        max,
        decimals,
    }
}

const fn lognormal(
    median: f32,
    sigma: f32,
    load: Load,
    min: f32,
    max: f32,
    decimals: u8,
) -> Sampler {
    Sampler::LogNormal {
        median,
        sigma,
        load,
        min,
        max,
        decimals,
    }
}

const fn linked(
    of: usize,
    slope: f32,
    intercept: f32,
    sd: f32,
    log: bool,
    range: (f32, f32),
    decimals: u8,
) -> Sampler {
    Sampler::Linked {
        of,
        slope,
        intercept,
        sd,
        log,
        min: range.0,
        max: range.1,
        decimals,
    }
}

fn numeric<'b>(
    b: &'b mut Builder,
    modality: Modality,
    n: Names,
    unit: &'static str,
    description: &'static str,
    sampler: Sampler,
) -> &'b mut MarkerDef {
    b.add(
        spec(modality, n.0, n.1, n.2, unit, Numeric, description),
        sampler,
    )
}

fn binary<'b>(
    b: &'b mut Builder,
    modality: Modality,
    n: Names,
    description: &'static str,
    sampler: Sampler,
) -> &'b mut MarkerDef {
    b.add(
        spec(modality, n.0, n.1, n.2, "1", Binary, description),
        sampler,
    )
}

fn categorical<'b>(
    b: &'b mut Builder,
    modality: Modality,
    n: Names,
    levels: &'static [&'static str],
    description: &'static str,
    sampler: Sampler,
) -> &'b mut MarkerDef {
    b.add(
        spec(
            modality,
            n.0,
            n.1,
            n.2,
            "1",
            Categorical {
                levels,
                ordered: true,
            },
            description,
        ),
        sampler,
    )
}

/// A laboratory test with its unit, reference range and LOINC code (`""` = none).
fn lab<'b>(
    b: &'b mut Builder,
    n: Names,
    unit: &'static str,
    range: (f32, f32),
    loinc: &'static str,
    description: &'static str,
    sampler: Sampler,
) -> &'b mut MarkerDef {
    let def = numeric(b, Laboratory, n, unit, description, sampler);
    def.range(range.0, range.1);
    if !loinc.is_empty() {
        def.code(Loinc(loinc));
    }
    def
}

pub(super) fn demographics(b: &mut Builder) {
    numeric(
        b,
        Demographics,
        ("age", "Age", "Alter"),
        "years",
        "Age at start of systemic therapy.",
        Sampler::Custom(sample_age),
    )
    .code(Loinc("30525-0"))
    .effect(Effect::Hinge {
        knot: 65.0,
        slope_below: 0.0,
        slope_above: 0.01,
    });
    binary(
        b,
        Demographics,
        ("sex_female", "Female sex", "Weibliches Geschlecht"),
        "Administrative sex is female (1) or male (0).",
        Sampler::Custom(sample_female),
    )
    .code(Loinc("46098-0"))
    .effect(Effect::Levels(&[0.0, -0.051]));
    categorical(
        b,
        Demographics,
        ("smoking_status", "Smoking status", "Raucherstatus"),
        &["never", "former", "current"],
        "Tobacco smoking history at baseline.",
        Sampler::Ordinal {
            cuts: &[0.0, 1.0],
            load: load(&[(FRAILTY, 0.2)]),
        },
    )
    .code(Loinc("72166-2"))
    .shift(&[
        (LUAD, 0.5),
        (LUSC, 0.9),
        (SCLC, 1.0),
        (HNSC, 0.7),
        (BLCA, 0.4),
        (ESCA, 0.4),
        (MESO, 0.3),
    ])
    .effect(Effect::Levels(&[0.0, 0.025, 0.102]));
    binary(
        b,
        Demographics,
        (
            "private_insurance",
            "Private health insurance",
            "Private Krankenversicherung",
        ),
        "Privately insured (vs statutory health insurance).",
        event(0.11, &[], load(&[(FRAILTY, -0.2)])),
    );
    binary(
        b,
        Demographics,
        ("living_alone", "Living alone", "Alleinlebend"),
        "Lives alone without a partner in the household.",
        event(0.25, &[], load(&[(AGE, 0.3)])),
    )
    .effect(Effect::Levels(&[0.0, 0.051]));
    numeric(
        b,
        Demographics,
        (
            "distance_to_centre",
            "Distance to cancer centre",
            "Entfernung zum Tumorzentrum",
        ),
        "km",
        "Road distance from home to the treating centre.",
        Sampler::Gamma {
            shape: 1.5,
            scale: 18.0,
            load: NO_LOAD,
            max: 400.0,
            decimals: 0,
        },
    );
    categorical(
        b,
        Demographics,
        ("care_level", "Long-term care grade", "Pflegegrad"),
        &["none", "1", "2", "3", "4", "5"],
        "German long-term care insurance grade (Pflegegrad), none to 5.",
        Sampler::Ordinal {
            cuts: &[1.3, 1.65, 2.0, 2.4, 2.8],
            load: load(&[(FRAILTY, 0.8), (AGE, 0.3)]),
        },
    );
    binary(
        b,
        Demographics,
        (
            "nursing_home",
            "Nursing home resident",
            "Pflegeheimbewohner",
        ),
        "Lives in a nursing home.",
        event(0.02, &[], load(&[(FRAILTY, 0.7), (AGE, 0.5)])),
    );
}

pub(super) fn vital_signs(b: &mut Builder) {
    numeric(
        b,
        VitalSigns,
        ("height", "Body height", "Körpergröße"),
        "cm",
        "Standing height.",
        gauss(177.0, 7.0, NO_LOAD, 140.0, 210.0, 0),
    )
    .code(Loinc("8302-2"))
    .female(-1.85)
    .missing(0.03, &[], NO_LOAD);
    let height = b.col("height");
    numeric(
        b,
        VitalSigns,
        ("weight", "Body weight", "Körpergewicht"),
        "kg",
        "Body weight at start of therapy.",
        Sampler::BodyWeight {
            height,
            bmi_median: 25.3,
            bmi_sigma: 0.17,
            load: load(&[(CACHEXIA, -0.5)]),
        },
    )
    .code(Loinc("29463-7"))
    .missing(0.02, &[], NO_LOAD);
    let weight = b.col("weight");
    numeric(
        b,
        VitalSigns,
        ("bmi", "Body mass index", "Body-Mass-Index"),
        "kg/m2",
        "Body weight divided by the square of height.",
        Sampler::Derived(Derivation::PerHeightSquared {
            value: weight,
            height,
            decimals: 1,
        }),
    )
    .code(Loinc("39156-5"))
    .range(18.5, 25.0)
    .effect(Effect::UShape {
        optimum: 26.0,
        scale: 6.0,
        coef: 0.128,
        cap: 0.408,
    });
    numeric(
        b,
        VitalSigns,
        (
            "weight_loss_6m",
            "Weight loss in 6 months",
            "Gewichtsverlust in 6 Monaten",
        ),
        "%",
        "Loss of body weight over the 6 months before therapy, percent of prior weight.",
        Sampler::Gamma {
            shape: 1.3,
            scale: 2.2,
            load: load(&[(CACHEXIA, 0.6)]),
            max: 40.0,
            decimals: 1,
        },
    )
    .range(0.0, 5.0)
    .missing(0.15, &[], load(&[(FRAILTY, 0.3)]))
    .effect(Effect::Above {
        cut: 5.0,
        delta: 0.128,
    });
    categorical(
        b,
        VitalSigns,
        ("ecog", "ECOG performance status", "ECOG-Leistungsstatus"),
        &["0", "1", "2", "3-4"],
        "Eastern Cooperative Oncology Group performance status, 0 = fully active.",
        Sampler::Ordinal {
            cuts: &[-0.385, 0.674, 1.476],
            load: load(&[(FRAILTY, 0.85)]),
        },
    )
    .code(Loinc("89247-1"))
    .missing(0.08, &[], NO_LOAD)
    .effect(Effect::Levels(&[0.0, 0.111, 0.289, 0.493]));
    numeric(
        b,
        VitalSigns,
        (
            "systolic_bp",
            "Systolic blood pressure",
            "Systolischer Blutdruck",
        ),
        "mmHg",
        "Systolic blood pressure at rest.",
        gauss(
            132.0,
            18.0,
            load(&[(AGE, 0.3), (FRAILTY, -0.15)]),
            70.0,
            220.0,
            0,
        ),
    )
    .code(Loinc("8480-6"))
    .range(90.0, 140.0)
    .missing(0.05, &[], NO_LOAD)
    .effect(Effect::Below {
        cut: 100.0,
        delta: 0.153,
    });
    let sbp = b.col("systolic_bp");
    numeric(
        b,
        VitalSigns,
        (
            "diastolic_bp",
            "Diastolic blood pressure",
            "Diastolischer Blutdruck",
        ),
        "mmHg",
        "Diastolic blood pressure at rest.",
        linked(sbp, 0.45, 19.0, 7.0, false, (40.0, 130.0), 0),
    )
    .code(Loinc("8462-4"))
    .range(60.0, 90.0);
    numeric(
        b,
        VitalSigns,
        ("heart_rate", "Heart rate", "Herzfrequenz"),
        "/min",
        "Resting heart rate.",
        gauss(
            82.0,
            14.0,
            load(&[(INFLAMMATION, 0.35), (FRAILTY, 0.15)]),
            40.0,
            160.0,
            0,
        ),
    )
    .code(Loinc("8867-4"))
    .range(60.0, 100.0)
    .missing(0.05, &[], NO_LOAD)
    .effect(Effect::Hinge {
        knot: 90.0,
        slope_below: 0.0,
        slope_above: 0.006,
    });
    numeric(
        b,
        VitalSigns,
        ("respiratory_rate", "Respiratory rate", "Atemfrequenz"),
        "/min",
        "Breaths per minute at rest.",
        gauss(
            16.0,
            3.0,
            load(&[(BURDEN, 0.2), (FRAILTY, 0.2)]),
            8.0,
            40.0,
            0,
        ),
    )
    .code(Loinc("9279-1"))
    .range(12.0, 20.0)
    .missing(0.35, &[], NO_LOAD);
    numeric(
        b,
        VitalSigns,
        ("temperature", "Body temperature", "Körpertemperatur"),
        "Cel",
        "Body temperature.",
        gauss(36.8, 0.45, load(&[(INFLAMMATION, 0.3)]), 35.0, 40.5, 1),
    )
    .code(Loinc("8310-5"))
    .range(36.0, 37.5)
    .missing(0.2, &[], NO_LOAD)
    .effect(Effect::Above {
        cut: 38.0,
        delta: 0.076,
    });
    numeric(
        b,
        VitalSigns,
        ("spo2", "Oxygen saturation", "Sauerstoffsättigung"),
        "%",
        "Peripheral oxygen saturation on room air.",
        gauss(
            96.0,
            2.2,
            load(&[(FRAILTY, -0.3), (BURDEN, -0.2)]),
            75.0,
            100.0,
            0,
        ),
    )
    .code(Loinc("59408-5"))
    .range(94.0, 100.0)
    .shift(&[(LUAD, -0.2), (LUSC, -0.4), (SCLC, -0.3), (MESO, -0.4)])
    .missing(0.15, &[], NO_LOAD)
    .effect(Effect::Below {
        cut: 92.0,
        delta: 0.178,
    });
    numeric(
        b,
        VitalSigns,
        ("pain_score", "Pain score (NRS)", "Schmerzscore (NRS)"),
        "{score}",
        "Pain on the 0-10 numeric rating scale.",
        gauss(2.5, 2.3, load(&[(BURDEN, 0.4)]), 0.0, 10.0, 0),
    )
    .code(Loinc("72514-3"))
    .range(0.0, 3.0)
    .missing(0.3, &[], NO_LOAD)
    .effect(Effect::Hinge {
        knot: 3.0,
        slope_below: 0.0,
        slope_above: 0.025,
    });
    binary(
        b,
        VitalSigns,
        ("ascites", "Ascites (clinical)", "Aszites (klinisch)"),
        "Ascites on clinical examination or ultrasound.",
        event(
            0.04,
            &[
                (OV, 0.3),
                (PAAD, 0.15),
                (STAD, 0.15),
                (HCC, 0.25),
                (CHOL, 0.1),
                (GBC, 0.15),
                (CRC, 0.06),
            ],
            load(&[(BURDEN, 0.6)]),
        ),
    )
    .effect(Effect::Levels(&[0.0, 0.178]));
    binary(
        b,
        VitalSigns,
        ("peripheral_oedema", "Peripheral oedema", "Periphere Ödeme"),
        "Pitting oedema of the legs.",
        event(0.12, &[], load(&[(FRAILTY, 0.5), (CACHEXIA, 0.3)])),
    );
    binary(
        b,
        VitalSigns,
        ("jaundice", "Jaundice", "Ikterus"),
        "Visible jaundice.",
        event(
            0.02,
            &[(PAAD, 0.12), (CHOL, 0.2), (GBC, 0.15), (HCC, 0.1)],
            load(&[(BURDEN, 0.3)]),
        ),
    )
    .effect(Effect::Levels(&[0.0, 0.153]));
    binary(
        b,
        VitalSigns,
        (
            "palpable_lymph_nodes",
            "Palpable lymph nodes",
            "Tastbare Lymphknoten",
        ),
        "Enlarged lymph nodes on palpation.",
        event(0.1, &[(HNSC, 0.4), (SKCM, 0.2)], load(&[(BURDEN, 0.4)])),
    );
    binary(
        b,
        VitalSigns,
        ("dyspnoea", "Dyspnoea", "Dyspnoe"),
        "Shortness of breath on exertion or at rest.",
        event(
            0.2,
            &[(LUSC, 0.4), (LUAD, 0.3), (MESO, 0.5), (SCLC, 0.35)],
            load(&[(FRAILTY, 0.4), (BURDEN, 0.3)]),
        ),
    )
    .effect(Effect::Levels(&[0.0, 0.076]));
    numeric(
        b,
        VitalSigns,
        (
            "waist_circumference",
            "Waist circumference",
            "Taillenumfang",
        ),
        "cm",
        "Waist circumference at the navel.",
        gauss(98.0, 14.0, load(&[(CACHEXIA, -0.5)]), 55.0, 170.0, 0),
    )
    .code(Loinc("8280-0"))
    .female(-0.7)
    .missing(0.8, &[], NO_LOAD);
    numeric(
        b,
        VitalSigns,
        ("grip_strength", "Hand grip strength", "Handkraft"),
        "kg",
        "Maximal hand grip strength of the dominant hand (dynamometer).",
        gauss(
            36.0,
            9.0,
            load(&[(FRAILTY, -0.4), (CACHEXIA, -0.3), (AGE, -0.3)]),
            5.0,
            70.0,
            0,
        ),
    )
    .female(-1.2)
    .missing(0.9, &[], NO_LOAD);
    binary(
        b,
        VitalSigns,
        ("fatigue", "Fatigue", "Fatigue"),
        "Fatigue limiting daily activities.",
        event(0.35, &[], load(&[(FRAILTY, 0.5), (CACHEXIA, 0.3)])),
    );
    binary(
        b,
        VitalSigns,
        ("appetite_loss", "Loss of appetite", "Appetitlosigkeit"),
        "Reduced appetite or early satiety.",
        event(
            0.25,
            &[(PAAD, 0.45), (STAD, 0.45), (ESCA, 0.4)],
            load(&[(CACHEXIA, 0.6)]),
        ),
    )
    .effect(Effect::Present(0.051));
    binary(
        b,
        VitalSigns,
        ("nausea", "Nausea", "Übelkeit"),
        "Nausea at baseline.",
        event(0.12, &[(STAD, 0.25), (PAAD, 0.25)], load(&[(BURDEN, 0.2)])),
    );
    binary(
        b,
        VitalSigns,
        ("dysphagia", "Dysphagia", "Dysphagie"),
        "Difficulty swallowing.",
        event(
            0.04,
            &[(ESCA, 0.5), (HNSC, 0.45), (STAD, 0.1)],
            load(&[(BURDEN, 0.3)]),
        ),
    );
}

pub(super) fn laboratory(b: &mut Builder) {
    // Blood count.
    lab(
        b,
        ("lab_haemoglobin", "Haemoglobin", "Hämoglobin"),
        "g/dL",
        (12.0, 17.5),
        "718-7",
        "Blood haemoglobin; anaemia of cancer and inflammation.",
        gauss(
            13.2,
            1.6,
            load(&[(INFLAMMATION, -0.35), (BURDEN, -0.2)]),
            5.0,
            18.5,
            1,
        ),
    )
    .female(-0.6)
    .missing(0.01, &[], NO_LOAD)
    .effect(Effect::Hinge {
        knot: 12.0,
        slope_below: 0.051,
        slope_above: 0.0,
    });
    let hb = b.col("lab_haemoglobin");
    lab(
        b,
        ("lab_haematocrit", "Haematocrit", "Hämatokrit"),
        "%",
        (36.0, 50.0),
        "4544-3",
        "Volume share of red cells in blood.",
        linked(hb, 3.0, 0.5, 1.2, false, (15.0, 60.0), 1),
    )
    .missing(0.02, &[], NO_LOAD);
    lab(
        b,
        ("lab_rbc", "Erythrocytes", "Erythrozyten"),
        "10^12/L",
        (4.0, 5.9),
        "789-8",
        "Red blood cell count.",
        linked(hb, 0.33, 0.1, 0.25, false, (1.5, 7.0), 2),
    )
    .missing(0.02, &[], NO_LOAD);
    lab(
        b,
        (
            "lab_mcv",
            "Mean corpuscular volume",
            "Mittleres Erythrozytenvolumen",
        ),
        "fL",
        (80.0, 96.0),
        "787-2",
        "Mean red cell volume.",
        gauss(89.0, 6.0, NO_LOAD, 60.0, 120.0, 0),
    )
    .missing(0.02, &[], NO_LOAD);
    let mcv = b.col("lab_mcv");
    lab(
        b,
        (
            "lab_mch",
            "Mean corpuscular haemoglobin",
            "Mittleres korpuskuläres Hämoglobin",
        ),
        "pg",
        (27.0, 33.0),
        "785-6",
        "Mean haemoglobin per red cell.",
        linked(mcv, 0.33, 0.0, 1.0, false, (18.0, 40.0), 1),
    )
    .missing(0.02, &[], NO_LOAD);
    lab(
        b,
        (
            "lab_mchc",
            "Mean corpuscular haemoglobin concentration",
            "Mittlere korpuskuläre Hämoglobinkonzentration",
        ),
        "g/dL",
        (32.0, 36.0),
        "786-4",
        "Haemoglobin concentration in red cells.",
        gauss(33.5, 1.2, NO_LOAD, 28.0, 38.0, 1),
    )
    .missing(0.02, &[], NO_LOAD);
    lab(
        b,
        (
            "lab_rdw",
            "Red cell distribution width",
            "Erythrozytenverteilungsbreite",
        ),
        "%",
        (11.5, 14.5),
        "788-0",
        "Variation of red cell size; rises with inflammation and malnutrition.",
        gauss(
            14.3,
            1.7,
            load(&[(INFLAMMATION, 0.3), (CACHEXIA, 0.25), (FRAILTY, 0.2)]),
            11.0,
            30.0,
            1,
        ),
    )
    .missing(0.05, &[], NO_LOAD)
    .effect(Effect::Above {
        cut: 15.5,
        delta: 0.076,
    });
    lab(
        b,
        ("lab_wbc", "Leukocytes", "Leukozyten"),
        "10^9/L",
        (4.0, 10.0),
        "6690-2",
        "White blood cell count.",
        lognormal(7.6, 0.35, load(&[(INFLAMMATION, 0.55)]), 0.5, 80.0, 1),
    )
    .missing(0.01, &[], NO_LOAD)
    .effect(Effect::Above {
        cut: 11.0,
        delta: 0.051,
    });
    let wbc = b.col("lab_wbc");
    lab(
        b,
        ("lab_neutrophils", "Neutrophils", "Neutrophile Granulozyten"),
        "10^9/L",
        (1.8, 7.7),
        "751-8",
        "Absolute neutrophil count.",
        linked(wbc, 1.08, -0.6, 0.15, true, (0.1, 70.0), 2),
    )
    .missing(0.12, &[], NO_LOAD);
    lab(
        b,
        ("lab_lymphocytes", "Lymphocytes", "Lymphozyten"),
        "10^9/L",
        (1.0, 4.8),
        "731-0",
        "Absolute lymphocyte count.",
        lognormal(
            1.4,
            0.45,
            load(&[(INFLAMMATION, -0.35), (BURDEN, -0.15)]),
            0.05,
            15.0,
            2,
        ),
    )
    .missing(0.12, &[], NO_LOAD);
    lab(
        b,
        ("lab_monocytes", "Monocytes", "Monozyten"),
        "10^9/L",
        (0.2, 1.0),
        "742-7",
        "Absolute monocyte count.",
        lognormal(0.6, 0.35, load(&[(INFLAMMATION, 0.3)]), 0.0, 5.0, 2),
    )
    .missing(0.12, &[], NO_LOAD);
    lab(
        b,
        ("lab_eosinophils", "Eosinophils", "Eosinophile Granulozyten"),
        "10^9/L",
        (0.02, 0.5),
        "711-2",
        "Absolute eosinophil count.",
        lognormal(0.14, 0.7, NO_LOAD, 0.0, 5.0, 2),
    )
    .missing(0.12, &[], NO_LOAD);
    lab(
        b,
        ("lab_basophils", "Basophils", "Basophile Granulozyten"),
        "10^9/L",
        (0.0, 0.1),
        "704-7",
        "Absolute basophil count.",
        lognormal(0.03, 0.5, NO_LOAD, 0.0, 1.0, 2),
    )
    .missing(0.12, &[], NO_LOAD);
    lab(
        b,
        ("lab_platelets", "Platelets", "Thrombozyten"),
        "10^9/L",
        (150.0, 400.0),
        "777-3",
        "Platelet count; thrombocytosis accompanies inflammation.",
        lognormal(
            255.0,
            0.32,
            load(&[(INFLAMMATION, 0.4), (BURDEN, 0.1)]),
            5.0,
            1500.0,
            0,
        ),
    )
    .missing(0.01, &[], NO_LOAD)
    .effect(Effect::Above {
        cut: 400.0,
        delta: 0.102,
    });
    lab(
        b,
        (
            "lab_mpv",
            "Mean platelet volume",
            "Mittleres Thrombozytenvolumen",
        ),
        "fL",
        (7.5, 11.5),
        "32623-1",
        "Mean platelet volume.",
        gauss(10.3, 1.0, NO_LOAD, 6.0, 15.0, 1),
    )
    .missing(0.1, &[], NO_LOAD);
    let (neut, lymph, plt) = (
        b.col("lab_neutrophils"),
        b.col("lab_lymphocytes"),
        b.col("lab_platelets"),
    );
    lab(
        b,
        (
            "lab_nlr",
            "Neutrophil-to-lymphocyte ratio",
            "Neutrophilen-Lymphozyten-Quotient",
        ),
        "1",
        (0.8, 3.0),
        "",
        "Neutrophils divided by lymphocytes; systemic inflammation.",
        Sampler::Derived(Derivation::Ratio {
            num: neut,
            den: lymph,
            decimals: 2,
        }),
    )
    .effect(Effect::LogAbove {
        reference: 3.0,
        per_doubling: 0.102,
    });
    lab(
        b,
        (
            "lab_plr",
            "Platelet-to-lymphocyte ratio",
            "Thrombozyten-Lymphozyten-Quotient",
        ),
        "1",
        (50.0, 200.0),
        "",
        "Platelets divided by lymphocytes.",
        Sampler::Derived(Derivation::Ratio {
            num: plt,
            den: lymph,
            decimals: 0,
        }),
    );

    // Electrolytes and minerals.
    lab(
        b,
        ("lab_sodium", "Sodium", "Natrium"),
        "mmol/L",
        (135.0, 145.0),
        "2951-2",
        "Serum sodium; hyponatraemia in SIADH and frailty.",
        gauss(
            139.0,
            3.2,
            load(&[(FRAILTY, -0.2), (BURDEN, -0.15)]),
            115.0,
            160.0,
            0,
        ),
    )
    .shift(&[(SCLC, -0.7)])
    .missing(0.02, &[], NO_LOAD)
    .effect(Effect::UShape {
        optimum: 140.0,
        scale: 5.0,
        coef: 0.076,
        cap: 0.459,
    });
    lab(
        b,
        ("lab_potassium", "Potassium", "Kalium"),
        "mmol/L",
        (3.5, 5.1),
        "2823-3",
        "Serum potassium.",
        gauss(4.2, 0.45, NO_LOAD, 2.0, 7.5, 1),
    )
    .missing(0.02, &[], NO_LOAD);
    lab(
        b,
        ("lab_chloride", "Chloride", "Chlorid"),
        "mmol/L",
        (98.0, 107.0),
        "2075-0",
        "Serum chloride.",
        gauss(102.0, 3.5, NO_LOAD, 80.0, 125.0, 0),
    )
    .missing(0.4, &[], NO_LOAD);
    lab(
        b,
        ("lab_calcium", "Calcium", "Kalzium"),
        "mmol/L",
        (2.2, 2.65),
        "2000-8",
        "Total serum calcium; hypercalcaemia of malignancy.",
        gauss(2.34, 0.13, load(&[(BURDEN, 0.2)]), 1.5, 4.0, 2),
    )
    .shift(&[(HNSC, 0.3), (LUSC, 0.3), (BRCA, 0.2)])
    .missing(0.1, &[], NO_LOAD)
    .effect(Effect::Above {
        cut: 2.65,
        delta: 0.204,
    });
    lab(
        b,
        ("lab_phosphate", "Phosphate", "Phosphat"),
        "mmol/L",
        (0.8, 1.5),
        "14879-1",
        "Serum inorganic phosphate.",
        gauss(1.1, 0.2, NO_LOAD, 0.3, 3.0, 2),
    )
    .missing(0.6, &[], NO_LOAD);
    lab(
        b,
        ("lab_magnesium", "Magnesium", "Magnesium"),
        "mmol/L",
        (0.7, 1.05),
        "2601-3",
        "Serum magnesium; low after platinum and anti-EGFR antibodies.",
        gauss(0.82, 0.09, NO_LOAD, 0.3, 1.6, 2),
    )
    .missing(0.5, &[], NO_LOAD);
    lab(
        b,
        ("lab_bicarbonate", "Bicarbonate", "Bikarbonat"),
        "mmol/L",
        (22.0, 29.0),
        "1963-8",
        "Serum bicarbonate.",
        gauss(24.0, 2.5, NO_LOAD, 10.0, 40.0, 0),
    )
    .missing(0.8, &[], NO_LOAD);

    // Kidney.
    lab(
        b,
        ("lab_creatinine", "Creatinine", "Kreatinin"),
        "mg/dL",
        (0.5, 1.2),
        "2160-0",
        "Serum creatinine.",
        lognormal(
            0.9,
            0.28,
            load(&[(AGE, 0.3), (FRAILTY, 0.15)]),
            0.3,
            10.0,
            2,
        ),
    )
    .female(-0.7)
    .missing(0.01, &[], NO_LOAD);
    let (creatinine, age, female) = (b.col("lab_creatinine"), b.col("age"), b.col("sex_female"));
    lab(
        b,
        (
            "lab_egfr",
            "Estimated GFR (CKD-EPI 2021)",
            "Geschätzte GFR (CKD-EPI 2021)",
        ),
        "mL/min/1.73m2",
        (90.0, 150.0),
        "98979-8",
        "Kidney function from creatinine, age and sex (CKD-EPI 2021, race-free).",
        Sampler::Derived(Derivation::EgfrCkdEpi2021 {
            creatinine,
            age,
            female,
        }),
    )
    .effect(Effect::Hinge {
        knot: 60.0,
        slope_below: 0.005,
        slope_above: 0.0,
    });
    lab(
        b,
        ("lab_urea", "Urea", "Harnstoff"),
        "mg/dL",
        (17.0, 43.0),
        "3091-6",
        "Serum urea.",
        lognormal(
            32.0,
            0.35,
            load(&[(AGE, 0.25), (FRAILTY, 0.2)]),
            5.0,
            300.0,
            0,
        ),
    )
    .missing(0.15, &[], NO_LOAD);
    lab(
        b,
        ("lab_uric_acid", "Uric acid", "Harnsäure"),
        "mg/dL",
        (2.4, 7.0),
        "3084-1",
        "Serum uric acid.",
        gauss(5.6, 1.6, load(&[(BURDEN, 0.15)]), 1.0, 15.0, 1),
    )
    .female(-0.6)
    .missing(0.45, &[], NO_LOAD);
    lab(
        b,
        ("lab_cystatin_c", "Cystatin C", "Cystatin C"),
        "mg/L",
        (0.6, 1.1),
        "33863-2",
        "Serum cystatin C, a creatinine-independent kidney marker.",
        lognormal(
            1.0,
            0.25,
            load(&[(AGE, 0.3), (INFLAMMATION, 0.2)]),
            0.4,
            6.0,
            2,
        ),
    )
    .missing(0.9, &[], NO_LOAD);

    // Liver and pancreas.
    lab(
        b,
        (
            "lab_alt",
            "Alanine aminotransferase",
            "Alanin-Aminotransferase (GPT)",
        ),
        "U/L",
        (10.0, 50.0),
        "1742-6",
        "ALT (GPT), liver cell injury.",
        lognormal(24.0, 0.55, load(&[(BURDEN, 0.1)]), 3.0, 2000.0, 0),
    )
    .shift(&[(HCC, 0.8), (CHOL, 0.5), (GBC, 0.4)])
    .missing(0.02, &[], NO_LOAD);
    let alt = b.col("lab_alt");
    lab(
        b,
        (
            "lab_ast",
            "Aspartate aminotransferase",
            "Aspartat-Aminotransferase (GOT)",
        ),
        "U/L",
        (10.0, 50.0),
        "1920-8",
        "AST (GOT), liver and muscle cell injury.",
        linked(alt, 0.75, 0.95, 0.3, true, (5.0, 3000.0), 0),
    )
    .missing(0.05, &[], NO_LOAD)
    .effect(Effect::LogAbove {
        reference: 50.0,
        per_doubling: 0.076,
    });
    lab(
        b,
        (
            "lab_ggt",
            "Gamma-glutamyltransferase",
            "Gamma-Glutamyltransferase",
        ),
        "U/L",
        (8.0, 60.0),
        "2324-2",
        "GGT, cholestasis and alcohol.",
        lognormal(45.0, 0.9, load(&[(BURDEN, 0.35)]), 5.0, 3000.0, 0),
    )
    .shift(&[(HCC, 0.8), (CHOL, 0.9), (GBC, 0.8), (PAAD, 0.5)])
    .missing(0.05, &[], NO_LOAD);
    lab(
        b,
        ("lab_alp", "Alkaline phosphatase", "Alkalische Phosphatase"),
        "U/L",
        (40.0, 130.0),
        "6768-6",
        "ALP, from bile ducts and bone; bone and liver metastases.",
        lognormal(95.0, 0.5, load(&[(BURDEN, 0.4)]), 20.0, 3000.0, 0),
    )
    .shift(&[(PRAD, 0.7), (CHOL, 0.8), (BONE, 0.6), (GBC, 0.6)])
    .missing(0.05, &[], NO_LOAD)
    .effect(Effect::LogAbove {
        reference: 130.0,
        per_doubling: 0.102,
    });
    lab(
        b,
        ("lab_bilirubin", "Total bilirubin", "Gesamtbilirubin"),
        "mg/dL",
        (0.1, 1.2),
        "1975-2",
        "Total serum bilirubin; biliary obstruction and liver failure.",
        lognormal(0.55, 0.55, load(&[(BURDEN, 0.2)]), 0.1, 30.0, 2),
    )
    .shift(&[(CHOL, 1.2), (PAAD, 0.8), (HCC, 0.8), (GBC, 1.0)])
    .missing(0.03, &[], NO_LOAD)
    .effect(Effect::LogAbove {
        reference: 1.2,
        per_doubling: 0.128,
    });
    let bilirubin = b.col("lab_bilirubin");
    lab(
        b,
        (
            "lab_bilirubin_direct",
            "Direct bilirubin",
            "Direktes Bilirubin",
        ),
        "mg/dL",
        (0.0, 0.3),
        "1968-7",
        "Conjugated bilirubin.",
        linked(bilirubin, 1.1, -1.05, 0.2, true, (0.01, 25.0), 2),
    )
    .missing(0.6, &[], NO_LOAD);
    lab(
        b,
        ("lab_albumin", "Albumin", "Albumin"),
        "g/L",
        (35.0, 52.0),
        "1751-7",
        "Serum albumin; low in malnutrition and inflammation.",
        gauss(
            38.5,
            5.0,
            load(&[(CACHEXIA, -0.5), (INFLAMMATION, -0.35)]),
            15.0,
            55.0,
            1,
        ),
    )
    .missing(0.15, &[], load(&[(FRAILTY, -0.3)]))
    .effect(Effect::Hinge {
        knot: 38.0,
        slope_below: 0.023,
        slope_above: 0.0,
    });
    let albumin = b.col("lab_albumin");
    lab(
        b,
        ("lab_total_protein", "Total protein", "Gesamteiweiß"),
        "g/L",
        (64.0, 83.0),
        "2885-2",
        "Serum total protein.",
        linked(albumin, 1.0, 30.0, 5.0, false, (35.0, 110.0), 1),
    )
    .missing(0.3, &[], NO_LOAD);
    lab(
        b,
        ("lab_inr", "INR", "INR"),
        "1",
        (0.8, 1.2),
        "6301-6",
        "International normalised ratio of prothrombin time.",
        lognormal(1.04, 0.1, load(&[(BURDEN, 0.15)]), 0.8, 8.0, 2),
    )
    .shift(&[(HCC, 1.5), (CHOL, 0.4)])
    .missing(0.1, &[], NO_LOAD)
    .effect(Effect::Above {
        cut: 1.5,
        delta: 0.102,
    });
    lab(
        b,
        (
            "lab_aptt",
            "Activated partial thromboplastin time",
            "Aktivierte partielle Thromboplastinzeit",
        ),
        "s",
        (25.0, 37.0),
        "14979-9",
        "aPTT.",
        gauss(30.0, 4.0, NO_LOAD, 18.0, 80.0, 0),
    )
    .missing(0.15, &[], NO_LOAD);
    lab(
        b,
        ("lab_fibrinogen", "Fibrinogen", "Fibrinogen"),
        "g/L",
        (1.8, 3.5),
        "3255-7",
        "Plasma fibrinogen, an acute-phase protein.",
        gauss(4.2, 1.2, load(&[(INFLAMMATION, 0.55)]), 0.5, 10.0, 1),
    )
    .missing(0.7, &[], NO_LOAD);
    lab(
        b,
        ("lab_cholinesterase", "Cholinesterase", "Cholinesterase"),
        "kU/L",
        (5.3, 12.9),
        "",
        "Serum (pseudo)cholinesterase; liver synthesis and nutrition.",
        gauss(
            7.2,
            2.0,
            load(&[(CACHEXIA, -0.4), (INFLAMMATION, -0.3)]),
            0.5,
            16.0,
            1,
        ),
    )
    .shift(&[(HCC, -0.8)])
    .missing(0.35, &[], NO_LOAD)
    .effect(Effect::Below {
        cut: 4.0,
        delta: 0.128,
    });
    lab(
        b,
        ("lab_lipase", "Lipase", "Lipase"),
        "U/L",
        (13.0, 60.0),
        "3040-3",
        "Serum lipase.",
        lognormal(35.0, 0.5, NO_LOAD, 3.0, 3000.0, 0),
    )
    .shift(&[(PAAD, 0.3)])
    .missing(0.3, &[], NO_LOAD);
    lab(
        b,
        ("lab_amylase", "Amylase", "Amylase"),
        "U/L",
        (28.0, 100.0),
        "1798-8",
        "Serum amylase.",
        lognormal(60.0, 0.4, NO_LOAD, 5.0, 2000.0, 0),
    )
    .missing(0.6, &[], NO_LOAD);

    // Inflammation.
    lab(
        b,
        ("lab_crp", "C-reactive protein", "C-reaktives Protein"),
        "mg/L",
        (0.0, 5.0),
        "1988-5",
        "Acute-phase protein; marker of systemic inflammation.",
        lognormal(11.0, 1.2, load(&[(INFLAMMATION, 0.85)]), 0.3, 400.0, 1),
    )
    .missing(0.04, &[], load(&[(INFLAMMATION, -0.4)]))
    .effect(Effect::LogAbove {
        reference: 5.0,
        per_doubling: 0.061,
    });
    lab(
        b,
        ("lab_procalcitonin", "Procalcitonin", "Procalcitonin"),
        "ng/mL",
        (0.0, 0.5),
        "33959-8",
        "Procalcitonin, bacterial infection.",
        lognormal(0.08, 0.9, load(&[(INFLAMMATION, 0.4)]), 0.01, 100.0, 2),
    )
    .missing(0.85, &[], load(&[(INFLAMMATION, -0.4)]));
    lab(
        b,
        ("lab_ferritin", "Ferritin", "Ferritin"),
        "ug/L",
        (30.0, 400.0),
        "2276-4",
        "Serum ferritin; iron stores and acute phase.",
        lognormal(250.0, 0.9, load(&[(INFLAMMATION, 0.5)]), 3.0, 20000.0, 0),
    )
    .female(-0.3)
    .missing(0.6, &[], NO_LOAD);
    lab(
        b,
        ("lab_il6", "Interleukin-6", "Interleukin-6"),
        "pg/mL",
        (0.0, 7.0),
        "26881-3",
        "Serum IL-6, a driver of cancer cachexia.",
        lognormal(10.0, 0.9, load(&[(INFLAMMATION, 0.7)]), 1.0, 2000.0, 1),
    )
    .missing(0.9, &[], NO_LOAD);
    lab(
        b,
        (
            "lab_esr",
            "Erythrocyte sedimentation rate",
            "Blutkörperchensenkungsgeschwindigkeit",
        ),
        "mm/h",
        (0.0, 20.0),
        "4537-7",
        "ESR (Westergren).",
        lognormal(30.0, 0.6, load(&[(INFLAMMATION, 0.6)]), 1.0, 150.0, 0),
    )
    .missing(0.85, &[], NO_LOAD);

    // Metabolism, heart, coagulation, vitamins.
    lab(
        b,
        ("lab_glucose", "Glucose", "Glukose"),
        "mg/dL",
        (70.0, 140.0),
        "2345-7",
        "Non-fasting serum glucose.",
        lognormal(108.0, 0.22, NO_LOAD, 40.0, 600.0, 0),
    )
    .missing(0.08, &[], NO_LOAD);
    lab(
        b,
        ("lab_hba1c", "HbA1c", "HbA1c"),
        "%",
        (4.0, 5.7),
        "4548-4",
        "Glycated haemoglobin.",
        lognormal(5.8, 0.12, NO_LOAD, 4.0, 15.0, 1),
    )
    .missing(0.7, &[], NO_LOAD);
    lab(
        b,
        ("lab_cholesterol", "Total cholesterol", "Gesamtcholesterin"),
        "mg/dL",
        (0.0, 200.0),
        "2093-3",
        "Serum total cholesterol; low in cachexia.",
        gauss(190.0, 40.0, load(&[(CACHEXIA, -0.35)]), 60.0, 450.0, 0),
    )
    .missing(0.6, &[], NO_LOAD)
    .effect(Effect::Hinge {
        knot: 160.0,
        slope_below: 0.002,
        slope_above: 0.0,
    });
    let cholesterol = b.col("lab_cholesterol");
    lab(
        b,
        ("lab_ldl", "LDL cholesterol", "LDL-Cholesterin"),
        "mg/dL",
        (0.0, 130.0),
        "13457-7",
        "Low-density lipoprotein cholesterol.",
        linked(cholesterol, 0.62, -5.0, 15.0, false, (10.0, 350.0), 0),
    )
    .missing(0.65, &[], NO_LOAD);
    lab(
        b,
        ("lab_hdl", "HDL cholesterol", "HDL-Cholesterin"),
        "mg/dL",
        (40.0, 90.0),
        "2085-9",
        "High-density lipoprotein cholesterol.",
        gauss(50.0, 14.0, NO_LOAD, 10.0, 130.0, 0),
    )
    .female(0.8)
    .missing(0.65, &[], NO_LOAD);
    lab(
        b,
        ("lab_triglycerides", "Triglycerides", "Triglyzeride"),
        "mg/dL",
        (0.0, 150.0),
        "2571-8",
        "Serum triglycerides.",
        lognormal(130.0, 0.45, NO_LOAD, 20.0, 2000.0, 0),
    )
    .missing(0.6, &[], NO_LOAD);
    lab(
        b,
        (
            "lab_tsh",
            "Thyroid-stimulating hormone",
            "Thyreoidea-stimulierendes Hormon",
        ),
        "mU/L",
        (0.27, 4.2),
        "3016-3",
        "TSH; thyroiditis under checkpoint inhibitors.",
        lognormal(1.5, 0.6, NO_LOAD, 0.01, 100.0, 2),
    )
    .shift(&[(THCA, -2.0)])
    .missing(0.4, &[], NO_LOAD);
    lab(
        b,
        ("lab_ft4", "Free thyroxine", "Freies Thyroxin"),
        "pmol/L",
        (12.0, 22.0),
        // LOINC 14920-3: Thyroxine (T4) free [Moles/volume] in Serum or Plasma.
        "14920-3",
        "Free T4.",
        gauss(16.0, 2.5, NO_LOAD, 3.0, 60.0, 1),
    )
    .missing(0.6, &[], NO_LOAD);
    lab(
        b,
        ("lab_ck", "Creatine kinase", "Kreatinkinase"),
        "U/L",
        (30.0, 170.0),
        "2157-6",
        "Serum CK; low with little muscle mass.",
        lognormal(70.0, 0.6, load(&[(CACHEXIA, -0.3)]), 5.0, 20000.0, 0),
    )
    .female(-0.4)
    .missing(0.5, &[], NO_LOAD);
    lab(
        b,
        ("lab_ldh", "Lactate dehydrogenase", "Laktatdehydrogenase"),
        "U/L",
        (135.0, 250.0),
        "2532-0",
        "Serum LDH; rises with tumour burden and cell turnover.",
        lognormal(235.0, 0.45, load(&[(BURDEN, 0.65)]), 80.0, 10000.0, 0),
    )
    .shift(&[
        (SCLC, 0.5),
        (SKCM, 0.2),
        (NEC, 0.4),
        (BONE, 0.3),
        (TGCT, 0.5),
        (STS, 0.2),
    ])
    .missing(0.08, &[], NO_LOAD)
    .effect(Effect::LogAbove {
        reference: 250.0,
        per_doubling: 0.153,
    });
    lab(
        b,
        (
            "lab_troponin_t",
            "Troponin T (high-sensitivity)",
            "Troponin T (hochsensitiv)",
        ),
        "ng/L",
        (0.0, 14.0),
        "67151-1",
        "High-sensitivity cardiac troponin T.",
        lognormal(
            10.0,
            0.7,
            load(&[(AGE, 0.3), (FRAILTY, 0.3)]),
            3.0,
            5000.0,
            0,
        ),
    )
    .missing(0.75, &[], load(&[(FRAILTY, -0.4)]));
    lab(
        b,
        ("lab_nt_probnp", "NT-proBNP", "NT-proBNP"),
        "pg/mL",
        (0.0, 125.0),
        "33762-6",
        "N-terminal pro B-type natriuretic peptide; heart failure.",
        lognormal(
            180.0,
            1.1,
            load(&[(AGE, 0.35), (FRAILTY, 0.35)]),
            5.0,
            35000.0,
            0,
        ),
    )
    .missing(0.7, &[], load(&[(FRAILTY, -0.5)]))
    .effect(Effect::LogAbove {
        reference: 300.0,
        per_doubling: 0.041,
    });
    lab(
        b,
        ("lab_d_dimer", "D-dimer", "D-Dimere"),
        "mg/L FEU",
        (0.0, 0.5),
        "48065-7",
        "Fibrin degradation product; coagulation activation by the tumour.",
        lognormal(
            1.2,
            0.9,
            load(&[(BURDEN, 0.4), (INFLAMMATION, 0.3)]),
            0.1,
            40.0,
            2,
        ),
    )
    .missing(0.75, &[], NO_LOAD)
    .effect(Effect::LogAbove {
        reference: 0.5,
        per_doubling: 0.041,
    });
    lab(
        b,
        (
            "lab_vitamin_d",
            "25-hydroxyvitamin D",
            "25-Hydroxy-Vitamin D",
        ),
        "ng/mL",
        (30.0, 100.0),
        "62292-8",
        "Vitamin D status.",
        gauss(
            22.0,
            9.0,
            load(&[(FRAILTY, -0.2), (CACHEXIA, -0.2)]),
            3.0,
            100.0,
            0,
        ),
    )
    .missing(0.8, &[], NO_LOAD);
    lab(
        b,
        ("lab_vitamin_b12", "Vitamin B12", "Vitamin B12"),
        "pg/mL",
        (200.0, 900.0),
        "2132-9",
        "Serum cobalamin.",
        lognormal(420.0, 0.4, NO_LOAD, 50.0, 3000.0, 0),
    )
    .missing(0.8, &[], NO_LOAD);
    lab(
        b,
        ("lab_folate", "Folate", "Folsäure"),
        "ng/mL",
        (4.0, 20.0),
        "2284-8",
        "Serum folate.",
        lognormal(7.0, 0.4, NO_LOAD, 1.0, 40.0, 1),
    )
    .missing(0.85, &[], NO_LOAD);
    lab(
        b,
        ("lab_iron", "Iron", "Eisen"),
        "ug/dL",
        (50.0, 170.0),
        "2498-4",
        "Serum iron; low in inflammation.",
        lognormal(60.0, 0.45, load(&[(INFLAMMATION, -0.35)]), 5.0, 300.0, 0),
    )
    .missing(0.7, &[], NO_LOAD);
    lab(
        b,
        ("lab_transferrin", "Transferrin", "Transferrin"),
        "g/L",
        (2.0, 3.6),
        "3034-6",
        "Serum transferrin; a negative acute-phase protein.",
        gauss(
            2.3,
            0.45,
            load(&[(INFLAMMATION, -0.3), (CACHEXIA, -0.2)]),
            0.5,
            5.0,
            2,
        ),
    )
    .missing(0.7, &[], NO_LOAD);
    lab(
        b,
        (
            "lab_transferrin_saturation",
            "Transferrin saturation",
            "Transferrinsättigung",
        ),
        "%",
        (16.0, 45.0),
        "2502-3",
        "Iron bound to transferrin.",
        lognormal(18.0, 0.5, load(&[(INFLAMMATION, -0.35)]), 1.0, 100.0, 0),
    )
    .missing(0.72, &[], NO_LOAD);
    lab(
        b,
        ("lab_lactate", "Lactate", "Laktat"),
        "mmol/L",
        (0.5, 2.2),
        "2524-7",
        "Plasma lactate.",
        lognormal(1.3, 0.35, load(&[(BURDEN, 0.2)]), 0.3, 15.0, 1),
    )
    .missing(0.85, &[], NO_LOAD);

    lab(
        b,
        ("lab_haptoglobin", "Haptoglobin", "Haptoglobin"),
        "g/L",
        (0.3, 2.0),
        "4542-7",
        "Serum haptoglobin; acute-phase protein, low in haemolysis.",
        lognormal(1.5, 0.5, load(&[(INFLAMMATION, 0.4)]), 0.05, 6.0, 2),
    )
    .missing(0.9, &[], NO_LOAD);
    lab(
        b,
        ("lab_prealbumin", "Prealbumin", "Präalbumin"),
        "g/L",
        (0.2, 0.4),
        "",
        "Serum transthyretin; short-term nutritional status.",
        gauss(
            0.22,
            0.06,
            load(&[(CACHEXIA, -0.5), (INFLAMMATION, -0.3)]),
            0.03,
            0.5,
            2,
        ),
    )
    .missing(0.9, &[], NO_LOAD);
    lab(
        b,
        ("lab_zinc", "Zinc", "Zink"),
        "ug/dL",
        (70.0, 120.0),
        "",
        "Serum zinc.",
        gauss(75.0, 14.0, load(&[(CACHEXIA, -0.3)]), 20.0, 160.0, 0),
    )
    .missing(0.93, &[], NO_LOAD);
    lab(
        b,
        ("lab_cortisol", "Cortisol", "Kortisol"),
        "ug/dL",
        (6.0, 19.0),
        "2143-6",
        "Morning serum cortisol.",
        lognormal(13.0, 0.4, NO_LOAD, 0.5, 80.0, 1),
    )
    .shift(&[(ACC, 1.2)])
    .missing(0.93, &[(ACC, 0.3)], NO_LOAD);
    lab(
        b,
        ("lab_ammonia", "Ammonia", "Ammoniak"),
        "umol/L",
        (11.0, 51.0),
        "",
        "Plasma ammonia; hepatic encephalopathy.",
        lognormal(30.0, 0.45, NO_LOAD, 5.0, 400.0, 0),
    )
    .shift(&[(HCC, 0.8)])
    .missing(0.96, &[(HCC, 0.6)], NO_LOAD);

    // Tumour markers: measured mainly in the entities they are used for.
    lab(
        b,
        (
            "lab_cea",
            "Carcinoembryonic antigen",
            "Karzinoembryonales Antigen",
        ),
        "ng/mL",
        (0.0, 5.0),
        "2039-6",
        "CEA, tumour marker of gastrointestinal and lung adenocarcinoma.",
        lognormal(3.0, 1.1, load(&[(BURDEN, 0.5)]), 0.2, 50000.0, 1),
    )
    .shift(&[
        (CRC, 1.3),
        (PAAD, 0.7),
        (STAD, 0.6),
        (LUAD, 0.7),
        (BRCA, 0.5),
        (CHOL, 0.6),
        (ESCA, 0.4),
        (GBC, 0.6),
        (SBAD, 0.8),
        (THCA, 0.3),
    ])
    .missing(
        0.85,
        &[
            (CRC, 0.1),
            (PAAD, 0.3),
            (STAD, 0.3),
            (LUAD, 0.5),
            (BRCA, 0.5),
            (CHOL, 0.35),
            (ESCA, 0.4),
            (GBC, 0.4),
            (SBAD, 0.3),
            (CUP, 0.35),
        ],
        NO_LOAD,
    )
    .effect(Effect::LogAbove {
        reference: 5.0,
        per_doubling: 0.031,
    });
    lab(
        b,
        ("lab_ca19_9", "CA 19-9", "CA 19-9"),
        "U/mL",
        (0.0, 37.0),
        "24108-3",
        "Carbohydrate antigen 19-9, tumour marker of pancreatic and biliary cancer.",
        lognormal(15.0, 1.5, load(&[(BURDEN, 0.5)]), 1.0, 100000.0, 0),
    )
    .shift(&[
        (PAAD, 1.5),
        (CHOL, 1.3),
        (GBC, 1.3),
        (STAD, 0.6),
        (CRC, 0.5),
        (CUP, 0.5),
    ])
    .missing(
        0.88,
        &[
            (PAAD, 0.15),
            (CHOL, 0.2),
            (GBC, 0.25),
            (STAD, 0.4),
            (CRC, 0.4),
            (ESCA, 0.6),
            (CUP, 0.4),
        ],
        NO_LOAD,
    )
    .effect(Effect::LogAbove {
        reference: 37.0,
        per_doubling: 0.031,
    });
    lab(
        b,
        ("lab_ca125", "CA 125", "CA 125"),
        "U/mL",
        (0.0, 35.0),
        "10334-1",
        "Cancer antigen 125, tumour marker of ovarian cancer.",
        lognormal(20.0, 1.2, load(&[(BURDEN, 0.5)]), 2.0, 50000.0, 0),
    )
    .shift(&[(OV, 2.2), (UCEC, 0.8), (PAAD, 0.6), (MESO, 0.6), (CUP, 0.5)])
    .missing(
        0.92,
        &[(OV, 0.1), (UCEC, 0.4), (CUP, 0.5), (MESO, 0.6)],
        NO_LOAD,
    )
    .effect(Effect::LogAbove {
        reference: 35.0,
        per_doubling: 0.02,
    });
    lab(
        b,
        ("lab_ca15_3", "CA 15-3", "CA 15-3"),
        "U/mL",
        (0.0, 31.0),
        "6875-9",
        "Cancer antigen 15-3, tumour marker of breast cancer.",
        lognormal(18.0, 0.9, load(&[(BURDEN, 0.4)]), 2.0, 10000.0, 0),
    )
    .shift(&[(BRCA, 1.0)])
    .missing(0.96, &[(BRCA, 0.3)], NO_LOAD);
    lab(
        b,
        (
            "lab_psa",
            "Prostate-specific antigen",
            "Prostataspezifisches Antigen",
        ),
        "ng/mL",
        (0.0, 4.0),
        "2857-1",
        "PSA, tumour marker of prostate cancer.",
        lognormal(1.5, 1.0, load(&[(BURDEN, 0.4)]), 0.01, 10000.0, 2),
    )
    .shift(&[(PRAD, 2.8)])
    .missing(0.97, &[(PRAD, 0.05)], NO_LOAD)
    .effect(Effect::LogAbove {
        reference: 4.0,
        per_doubling: 0.025,
    });
    lab(
        b,
        ("lab_afp", "Alpha-fetoprotein", "Alpha-Fetoprotein"),
        "ng/mL",
        (0.0, 7.0),
        "1834-1",
        "AFP, tumour marker of liver cancer and germ cell tumours.",
        lognormal(3.0, 1.0, load(&[(BURDEN, 0.3)]), 0.5, 100000.0, 1),
    )
    .shift(&[(HCC, 2.2), (TGCT, 1.8)])
    .missing(0.95, &[(HCC, 0.2), (TGCT, 0.1), (CUP, 0.6)], NO_LOAD)
    .effect(Effect::Above {
        cut: 400.0,
        delta: 0.204,
    });
    lab(
        b,
        ("lab_beta_hcg", "Beta-hCG", "Beta-hCG"),
        "IU/L",
        (0.0, 2.0),
        "21198-7",
        "Beta human chorionic gonadotropin, germ cell tumours.",
        lognormal(1.0, 0.8, NO_LOAD, 0.1, 500000.0, 1),
    )
    .shift(&[(TGCT, 2.5)])
    .missing(0.97, &[(TGCT, 0.1)], NO_LOAD);
    lab(
        b,
        (
            "lab_nse",
            "Neuron-specific enolase",
            "Neuronenspezifische Enolase",
        ),
        "ug/L",
        (0.0, 16.3),
        "15060-7",
        "NSE, tumour marker of small cell and neuroendocrine carcinoma.",
        lognormal(14.0, 0.7, load(&[(BURDEN, 0.4)]), 2.0, 2000.0, 1),
    )
    .shift(&[(SCLC, 1.3), (NEC, 1.2), (NET, 0.4)])
    .missing(0.92, &[(SCLC, 0.3), (NEC, 0.3), (NET, 0.4)], NO_LOAD)
    .effect(Effect::LogAbove {
        reference: 16.3,
        per_doubling: 0.041,
    });
    lab(
        b,
        ("lab_cyfra21_1", "CYFRA 21-1", "CYFRA 21-1"),
        "ng/mL",
        (0.0, 3.3),
        "",
        "Cytokeratin-19 fragment, tumour marker of squamous cell lung cancer.",
        lognormal(2.5, 1.0, load(&[(BURDEN, 0.5)]), 0.1, 2000.0, 1),
    )
    .shift(&[(LUSC, 1.2), (LUAD, 0.7), (HNSC, 0.5), (ESCA, 0.5)])
    .missing(0.93, &[(LUSC, 0.5), (LUAD, 0.6)], NO_LOAD);
    lab(
        b,
        ("lab_scc_antigen", "SCC antigen", "SCC-Antigen"),
        "ng/mL",
        (0.0, 1.5),
        "",
        "Squamous cell carcinoma antigen.",
        lognormal(1.0, 0.9, load(&[(BURDEN, 0.4)]), 0.1, 500.0, 1),
    )
    .shift(&[
        (CESC, 1.5),
        (HNSC, 1.0),
        (ANAL, 1.0),
        (VULV, 1.0),
        (LUSC, 0.8),
        (CSCC, 0.8),
    ])
    .missing(
        0.96,
        &[(CESC, 0.4), (ANAL, 0.5), (VULV, 0.5), (HNSC, 0.7)],
        NO_LOAD,
    );
    lab(
        b,
        ("lab_chromogranin_a", "Chromogranin A", "Chromogranin A"),
        "ug/L",
        (0.0, 100.0),
        "",
        "Chromogranin A, neuroendocrine tumour marker.",
        lognormal(60.0, 0.9, load(&[(BURDEN, 0.4)]), 5.0, 50000.0, 0),
    )
    .shift(&[(NET, 1.8), (NEC, 1.0), (SCLC, 0.5)])
    .missing(0.96, &[(NET, 0.3), (NEC, 0.5)], NO_LOAD);
    lab(
        b,
        ("lab_s100", "S100 protein", "S100-Protein"),
        "ug/L",
        (0.0, 0.105),
        "",
        "S100B, tumour marker of melanoma.",
        lognormal(0.06, 0.9, load(&[(BURDEN, 0.5)]), 0.01, 50.0, 3),
    )
    .shift(&[(SKCM, 1.2), (UVM, 0.8)])
    .missing(0.96, &[(SKCM, 0.2), (UVM, 0.4)], NO_LOAD)
    .effect(Effect::LogAbove {
        reference: 0.105,
        per_doubling: 0.041,
    });
    lab(
        b,
        ("lab_thyroglobulin", "Thyroglobulin", "Thyreoglobulin"),
        "ng/mL",
        (0.0, 55.0),
        "3013-0",
        "Thyroglobulin, marker of differentiated thyroid cancer.",
        lognormal(10.0, 1.2, load(&[(BURDEN, 0.4)]), 0.1, 100000.0, 1),
    )
    .shift(&[(THCA, 2.0)])
    .missing(0.98, &[(THCA, 0.2)], NO_LOAD);
}

/// Metastatic sites: (id, name, German name, ICD-10, background rate in stage IV, entity
/// rates in stage IV, log-hazard if present).
type Site = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f32,
    &'static [(usize, f32)],
    f32,
);

const SITES: [Site; 10] = [
    (
        "met_liver",
        "Liver metastases",
        "Lebermetastasen",
        "C78.7",
        0.3,
        &[
            (CRC, 0.5),
            (PAAD, 0.6),
            (UVM, 0.9),
            (NET, 0.6),
            (NEC, 0.6),
            (STAD, 0.4),
            (BRCA, 0.4),
            (GIST, 0.5),
            (SCLC, 0.4),
            (GBC, 0.5),
            (CUP, 0.5),
            (PRAD, 0.1),
            (TGCT, 0.1),
            (THCA, 0.05),
            (GBM, 0.0),
            (HCC, 0.15),
        ],
        0.153,
    ),
    (
        "met_lung",
        "Lung metastases",
        "Lungenmetastasen",
        "C78.0",
        0.3,
        &[
            (STS, 0.7),
            (BONE, 0.7),
            (RCC, 0.6),
            (TGCT, 0.5),
            (HNSC, 0.4),
            (THCA, 0.5),
            (ACC, 0.5),
            (SALI, 0.5),
            (GBM, 0.0),
        ],
        0.025,
    ),
    (
        "met_bone",
        "Bone metastases",
        "Knochenmetastasen",
        "C79.5",
        0.2,
        &[
            (PRAD, 0.85),
            (BRCA, 0.6),
            (LUAD, 0.4),
            (LUSC, 0.3),
            (RCC, 0.35),
            (THCA, 0.3),
            (BLCA, 0.25),
            (GBM, 0.0),
        ],
        0.102,
    ),
    (
        "met_brain",
        "Brain metastases",
        "Hirnmetastasen",
        "C79.3",
        0.04,
        &[
            (LUAD, 0.25),
            (SCLC, 0.3),
            (SKCM, 0.25),
            (LUSC, 0.12),
            (BRCA, 0.1),
            (RCC, 0.1),
            (GBM, 0.0),
        ],
        0.178,
    ),
    (
        "met_distant_nodes",
        "Distant lymph node metastases",
        "Fernlymphknotenmetastasen",
        "C77",
        0.4,
        &[(GBM, 0.0)],
        0.0,
    ),
    (
        "met_peritoneum",
        "Peritoneal metastases",
        "Peritonealmetastasen",
        "C78.6",
        0.05,
        &[
            (OV, 0.8),
            (STAD, 0.4),
            (PAAD, 0.3),
            (CRC, 0.2),
            (CHOL, 0.25),
            (GBC, 0.3),
            (SBAD, 0.4),
            (UCEC, 0.3),
            (CUP, 0.3),
            (GBM, 0.0),
        ],
        0.153,
    ),
    (
        "met_pleura",
        "Pleural metastases",
        "Pleurametastasen",
        "C78.2",
        0.05,
        &[
            (LUAD, 0.2),
            (LUSC, 0.1),
            (BRCA, 0.15),
            (OV, 0.15),
            (GBM, 0.0),
        ],
        0.076,
    ),
    (
        "met_adrenal",
        "Adrenal metastases",
        "Nebennierenmetastasen",
        "C79.7",
        0.03,
        &[
            (LUAD, 0.15),
            (LUSC, 0.1),
            (SCLC, 0.2),
            (RCC, 0.1),
            (SKCM, 0.1),
            (GBM, 0.0),
        ],
        0.051,
    ),
    (
        "met_skin_soft_tissue",
        "Skin and soft tissue metastases",
        "Haut- und Weichteilmetastasen",
        "C79.2",
        0.03,
        &[(SKCM, 0.3), (MCC, 0.3), (BRCA, 0.1), (GBM, 0.0)],
        0.0,
    ),
    (
        "met_other",
        "Other metastatic sites",
        "Andere Metastasenlokalisationen",
        "C79.8",
        0.05,
        &[(GBM, 0.0)],
        0.0,
    ),
];

/// Comorbidities: (id, name, German name, ICD-10, prevalence, entity prevalences, loadings,
/// female logit shift, Charlson weight (Charlson et al. 1987), log-hazard if present).
type Comorbidity = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f32,
    &'static [(usize, f32)],
    Load,
    f32,
    f32,
    f32,
);

const COMORBIDITIES: [Comorbidity; 56] = [
    (
        "cm_myocardial_infarction",
        "Myocardial infarction",
        "Myokardinfarkt",
        "I21-I22, I25.2",
        0.07,
        &[],
        load(&[(AGE, 0.4), (FRAILTY, 0.3)]),
        -0.6,
        1.0,
        0.051,
    ),
    (
        "cm_heart_failure",
        "Congestive heart failure",
        "Herzinsuffizienz",
        "I50",
        0.07,
        &[],
        load(&[(AGE, 0.5), (FRAILTY, 0.5)]),
        0.0,
        1.0,
        0.153,
    ),
    (
        "cm_peripheral_vascular",
        "Peripheral vascular disease",
        "Periphere arterielle Verschlusskrankheit",
        "I70-I73",
        0.06,
        &[(LUSC, 0.12), (HNSC, 0.1), (BLCA, 0.1)],
        load(&[(AGE, 0.4), (FRAILTY, 0.2)]),
        -0.4,
        1.0,
        0.051,
    ),
    (
        "cm_cerebrovascular",
        "Cerebrovascular disease",
        "Zerebrovaskuläre Erkrankung",
        "I60-I69, G45",
        0.07,
        &[],
        load(&[(AGE, 0.5), (FRAILTY, 0.3)]),
        0.0,
        1.0,
        0.076,
    ),
    (
        "cm_dementia",
        "Dementia",
        "Demenz",
        "F00-F03, G30",
        0.02,
        &[],
        load(&[(AGE, 0.8), (FRAILTY, 0.5)]),
        0.0,
        1.0,
        0.204,
    ),
    (
        "cm_copd",
        "Chronic obstructive pulmonary disease",
        "Chronisch obstruktive Lungenerkrankung",
        "J44",
        0.12,
        &[
            (LUSC, 0.4),
            (LUAD, 0.25),
            (SCLC, 0.35),
            (HNSC, 0.2),
            (MESO, 0.2),
            (BLCA, 0.15),
        ],
        load(&[(AGE, 0.3), (FRAILTY, 0.3)]),
        0.0,
        1.0,
        0.076,
    ),
    (
        "cm_connective_tissue",
        "Connective tissue disease",
        "Kollagenose",
        "M05-M06, M32-M34",
        0.03,
        &[],
        NO_LOAD,
        0.6,
        1.0,
        0.0,
    ),
    (
        "cm_peptic_ulcer",
        "Peptic ulcer disease",
        "Peptisches Ulkus",
        "K25-K28",
        0.03,
        &[],
        NO_LOAD,
        0.0,
        1.0,
        0.0,
    ),
    (
        "cm_liver_mild",
        "Chronic liver disease",
        "Chronische Lebererkrankung",
        "K70, K73-K74",
        0.04,
        &[(HCC, 0.7), (CHOL, 0.1)],
        NO_LOAD,
        -0.3,
        1.0,
        0.128,
    ),
    (
        "cm_liver_severe",
        "Severe liver disease",
        "Schwere Lebererkrankung",
        "K72, I85",
        0.005,
        &[(HCC, 0.15)],
        NO_LOAD,
        0.0,
        3.0,
        0.255,
    ),
    (
        "cm_diabetes",
        "Diabetes mellitus",
        "Diabetes mellitus",
        "E10-E14",
        0.17,
        &[(PAAD, 0.3), (HCC, 0.3), (UCEC, 0.25)],
        load(&[(AGE, 0.3)]),
        -0.2,
        1.0,
        0.0,
    ),
    (
        "cm_diabetes_complicated",
        "Diabetes with end-organ damage",
        "Diabetes mit Endorganschäden",
        "E10.2-E10.5, E11.2-E11.5",
        0.05,
        &[],
        load(&[(AGE, 0.3), (FRAILTY, 0.3)]),
        -0.2,
        2.0,
        0.076,
    ),
    (
        "cm_hemiplegia",
        "Hemiplegia or paraplegia",
        "Hemiplegie oder Paraplegie",
        "G81-G82",
        0.01,
        &[(GBM, 0.3)],
        load(&[(FRAILTY, 0.4)]),
        0.0,
        2.0,
        0.102,
    ),
    (
        "cm_renal_disease",
        "Moderate or severe kidney disease",
        "Mittel- bis schwergradige Nierenerkrankung",
        "N18-N19",
        0.07,
        &[(RCC, 0.2), (BLCA, 0.15)],
        load(&[(AGE, 0.5), (FRAILTY, 0.3)]),
        0.0,
        2.0,
        0.051,
    ),
    (
        "cm_leukaemia",
        "Leukaemia",
        "Leukämie",
        "C91-C95",
        0.005,
        &[],
        load(&[(AGE, 0.3)]),
        0.0,
        2.0,
        0.0,
    ),
    (
        "cm_lymphoma",
        "Lymphoma",
        "Lymphom",
        "C81-C85",
        0.008,
        &[],
        NO_LOAD,
        0.0,
        2.0,
        0.0,
    ),
    (
        "cm_hiv",
        "HIV disease",
        "HIV-Erkrankung",
        "B20-B24",
        0.003,
        &[(ANAL, 0.05), (CESC, 0.02)],
        NO_LOAD,
        -0.5,
        6.0,
        0.0,
    ),
    (
        "cm_prior_malignancy",
        "Prior other malignancy",
        "Frühere andere Krebserkrankung",
        "Z85",
        0.1,
        &[],
        load(&[(AGE, 0.4)]),
        0.0,
        0.0,
        0.0,
    ),
    (
        "cm_hypertension",
        "Hypertension",
        "Arterielle Hypertonie",
        "I10-I15",
        0.45,
        &[],
        load(&[(AGE, 0.5)]),
        -0.1,
        0.0,
        0.0,
    ),
    (
        "cm_atrial_fibrillation",
        "Atrial fibrillation",
        "Vorhofflimmern",
        "I48",
        0.1,
        &[],
        load(&[(AGE, 0.6)]),
        -0.3,
        0.0,
        0.0,
    ),
    (
        "cm_coronary_heart_disease",
        "Coronary heart disease",
        "Koronare Herzkrankheit",
        "I25",
        0.14,
        &[],
        load(&[(AGE, 0.5), (FRAILTY, 0.2)]),
        -0.6,
        0.0,
        0.0,
    ),
    (
        "cm_heart_valve",
        "Heart valve disease",
        "Herzklappenerkrankung",
        "I34-I37",
        0.04,
        &[],
        load(&[(AGE, 0.5)]),
        0.0,
        0.0,
        0.0,
    ),
    (
        "cm_hyperlipidaemia",
        "Hyperlipidaemia",
        "Hyperlipidämie",
        "E78",
        0.25,
        &[],
        load(&[(AGE, 0.3)]),
        0.0,
        0.0,
        0.0,
    ),
    (
        "cm_obesity",
        "Obesity",
        "Adipositas",
        "E66",
        0.12,
        &[(UCEC, 0.35)],
        load(&[(CACHEXIA, -0.6)]),
        0.0,
        0.0,
        0.0,
    ),
    (
        "cm_hypothyroidism",
        "Hypothyroidism",
        "Hypothyreose",
        "E03",
        0.1,
        &[(THCA, 0.9)],
        NO_LOAD,
        0.7,
        0.0,
        0.0,
    ),
    (
        "cm_depression",
        "Depression",
        "Depression",
        "F32-F33",
        0.1,
        &[],
        load(&[(FRAILTY, 0.3)]),
        0.4,
        0.0,
        0.051,
    ),
    (
        "cm_anxiety",
        "Anxiety disorder",
        "Angststörung",
        "F41",
        0.05,
        &[],
        NO_LOAD,
        0.4,
        0.0,
        0.0,
    ),
    (
        "cm_alcohol_use_disorder",
        "Alcohol use disorder",
        "Alkoholkrankheit",
        "F10",
        0.05,
        &[(HNSC, 0.25), (ESCA, 0.2), (HCC, 0.3)],
        NO_LOAD,
        -0.8,
        0.0,
        0.076,
    ),
    (
        "cm_venous_thromboembolism",
        "Venous thromboembolism",
        "Venöse Thromboembolie",
        "I26, I80-I82",
        0.08,
        &[(PAAD, 0.2), (GBM, 0.15), (STAD, 0.12), (LUAD, 0.1)],
        load(&[(BURDEN, 0.3)]),
        0.0,
        0.0,
        0.128,
    ),
    (
        "cm_osteoporosis",
        "Osteoporosis",
        "Osteoporose",
        "M80-M81",
        0.05,
        &[(PRAD, 0.1)],
        load(&[(AGE, 0.5)]),
        0.8,
        0.0,
        0.0,
    ),
    (
        "cm_pneumonia",
        "Recent pneumonia",
        "Kürzliche Pneumonie",
        "J12-J18",
        0.06,
        &[(LUSC, 0.15), (LUAD, 0.1)],
        load(&[(FRAILTY, 0.4)]),
        0.0,
        0.0,
        0.076,
    ),
    (
        "cm_anaemia",
        "Anaemia (coded)",
        "Anämie (kodiert)",
        "D50-D64",
        0.15,
        &[],
        load(&[(FRAILTY, 0.3), (INFLAMMATION, 0.3)]),
        0.0,
        0.0,
        0.0,
    ),
    (
        "cm_malnutrition",
        "Malnutrition",
        "Mangelernährung",
        "E40-E46",
        0.06,
        &[],
        load(&[(CACHEXIA, 0.8)]),
        0.0,
        0.0,
        0.102,
    ),
    (
        "cm_hepatitis_b",
        "Chronic hepatitis B",
        "Chronische Hepatitis B",
        "B18.0-B18.1",
        0.015,
        &[(HCC, 0.2)],
        NO_LOAD,
        0.0,
        0.0,
        0.0,
    ),
    (
        "cm_hepatitis_c",
        "Chronic hepatitis C",
        "Chronische Hepatitis C",
        "B18.2",
        0.01,
        &[(HCC, 0.15)],
        NO_LOAD,
        0.0,
        0.0,
        0.0,
    ),
    (
        "cm_gout",
        "Gout",
        "Gicht",
        "M10",
        0.03,
        &[],
        load(&[(AGE, 0.3)]),
        -0.8,
        0.0,
        0.0,
    ),
    (
        "cm_sleep_apnoea",
        "Sleep apnoea",
        "Schlafapnoe",
        "G47.3",
        0.03,
        &[],
        NO_LOAD,
        -0.5,
        0.0,
        0.0,
    ),
    (
        "cm_parkinson",
        "Parkinson's disease",
        "Morbus Parkinson",
        "G20",
        0.01,
        &[],
        load(&[(AGE, 0.6)]),
        0.0,
        0.0,
        0.0,
    ),
    (
        "cm_epilepsy",
        "Epilepsy",
        "Epilepsie",
        "G40",
        0.02,
        &[(GBM, 0.4)],
        NO_LOAD,
        0.0,
        0.0,
        0.0,
    ),
    (
        "cm_inflammatory_bowel",
        "Inflammatory bowel disease",
        "Chronisch-entzündliche Darmerkrankung",
        "K50-K51",
        0.01,
        &[(CRC, 0.03), (CHOL, 0.05)],
        NO_LOAD,
        0.0,
        0.0,
        0.0,
    ),
    (
        "cm_chronic_pancreatitis",
        "Chronic pancreatitis",
        "Chronische Pankreatitis",
        "K86.0-K86.1",
        0.01,
        &[(PAAD, 0.08)],
        NO_LOAD,
        -0.5,
        0.0,
        0.0,
    ),
    (
        "cm_prostatic_hyperplasia",
        "Benign prostatic hyperplasia",
        "Benigne Prostatahyperplasie",
        "N40",
        0.12,
        &[],
        load(&[(AGE, 0.5)]),
        -6.0,
        0.0,
        0.0,
    ),
    (
        "cm_polyneuropathy",
        "Polyneuropathy",
        "Polyneuropathie",
        "G62-G63",
        0.06,
        &[],
        load(&[(FRAILTY, 0.2)]),
        0.0,
        0.0,
        0.0,
    ),
    (
        "cm_pleural_effusion",
        "Pleural effusion",
        "Pleuraerguss",
        "J90-J91",
        0.08,
        &[(LUAD, 0.2), (MESO, 0.5), (OV, 0.2), (BRCA, 0.1)],
        load(&[(BURDEN, 0.4)]),
        0.0,
        0.0,
        0.102,
    ),
    (
        "cm_bowel_obstruction",
        "Bowel obstruction",
        "Darmverschluss",
        "K56",
        0.03,
        &[(OV, 0.12), (CRC, 0.08), (STAD, 0.05)],
        load(&[(BURDEN, 0.3)]),
        0.0,
        0.0,
        0.102,
    ),
    (
        "cm_biliary_obstruction",
        "Biliary obstruction or cholangitis",
        "Gallengangsverschluss oder Cholangitis",
        "K83.0-K83.1",
        0.02,
        &[(CHOL, 0.25), (PAAD, 0.15), (GBC, 0.2)],
        load(&[(BURDEN, 0.3)]),
        0.0,
        0.0,
        0.051,
    ),
    (
        "cm_hyperthyroidism",
        "Hyperthyroidism",
        "Hyperthyreose",
        "E05",
        0.01,
        &[],
        NO_LOAD,
        0.7,
        0.0,
        0.0,
    ),
    (
        "cm_glaucoma",
        "Glaucoma",
        "Glaukom",
        "H40",
        0.03,
        &[],
        load(&[(AGE, 0.5)]),
        0.0,
        0.0,
        0.0,
    ),
    (
        "cm_hearing_loss",
        "Hearing loss",
        "Schwerhörigkeit",
        "H90-H91",
        0.05,
        &[],
        load(&[(AGE, 0.6)]),
        -0.3,
        0.0,
        0.0,
    ),
    (
        "cm_psoriasis",
        "Psoriasis",
        "Psoriasis",
        "L40",
        0.02,
        &[],
        NO_LOAD,
        0.0,
        0.0,
        0.0,
    ),
    (
        "cm_nephrolithiasis",
        "Kidney stones",
        "Nephrolithiasis",
        "N20",
        0.03,
        &[],
        NO_LOAD,
        -0.4,
        0.0,
        0.0,
    ),
    (
        "cm_cholelithiasis",
        "Gallstones",
        "Cholelithiasis",
        "K80",
        0.06,
        &[(GBC, 0.6)],
        load(&[(AGE, 0.3)]),
        0.5,
        0.0,
        0.0,
    ),
    (
        "cm_diverticulosis",
        "Diverticular disease",
        "Divertikelkrankheit",
        "K57",
        0.06,
        &[],
        load(&[(AGE, 0.5)]),
        0.0,
        0.0,
        0.0,
    ),
    (
        "cm_reflux_disease",
        "Gastro-oesophageal reflux disease",
        "Gastroösophageale Refluxkrankheit",
        "K21",
        0.08,
        &[(ESCA, 0.3)],
        NO_LOAD,
        0.0,
        0.0,
        0.0,
    ),
    (
        "cm_varicose_veins",
        "Varicose veins",
        "Varikose",
        "I83",
        0.05,
        &[],
        load(&[(AGE, 0.3)]),
        0.5,
        0.0,
        0.0,
    ),
    (
        "cm_tuberculosis_history",
        "History of tuberculosis",
        "Zustand nach Tuberkulose",
        "B90",
        0.005,
        &[],
        load(&[(AGE, 0.3)]),
        0.0,
        0.0,
        0.0,
    ),
];

pub(super) fn clinical_records(b: &mut Builder) {
    categorical(
        b,
        ClinicalRecord,
        ("uicc_stage", "UICC stage", "UICC-Stadium"),
        &["I", "II", "III", "IV"],
        "UICC TNM stage group at start of therapy (8th edition).",
        Sampler::Ordinal {
            cuts: &[-1.645, -1.036, -0.253],
            load: load(&[(BURDEN, 0.8)]),
        },
    )
    .code(Loinc("21908-9"))
    .shift(&[
        (SCLC, 0.5),
        (PAAD, 0.3),
        (CUP, 3.0),
        (UVM, 1.0),
        (BRCA, -0.4),
        (TGCT, -0.3),
        (HNSC, -0.4),
        (CESC, -0.3),
        (ANAL, -0.6),
    ])
    // Gliomas are not staged by TNM.
    .missing(0.05, &[(GBM, 1.0), (CUP, 0.0)], NO_LOAD)
    .effect(Effect::Levels(&[0.0, 0.068, 0.187, 0.34]));
    categorical(
        b,
        ClinicalRecord,
        ("tumour_grade", "Tumour grade", "Tumorgrading"),
        &["G1", "G2", "G3"],
        "Histological grade of differentiation.",
        Sampler::Ordinal {
            cuts: &[-1.2, 0.2],
            load: load(&[(BURDEN, 0.2)]),
        },
    )
    .shift(&[
        (NET, -1.0),
        (NEC, 3.0),
        (SCLC, 3.0),
        (GBM, 3.0),
        (BRCA, 0.2),
    ])
    .missing(0.25, &[], NO_LOAD)
    .effect(Effect::Levels(&[0.0, 0.051, 0.128]));
    numeric(
        b,
        ClinicalRecord,
        (
            "months_since_diagnosis",
            "Time since diagnosis",
            "Zeit seit Erstdiagnose",
        ),
        "mo",
        "Months from first diagnosis of the cancer to start of this therapy.",
        Sampler::Gamma {
            shape: 0.7,
            scale: 14.0,
            load: load(&[(BURDEN, -0.2)]),
            max: 300.0,
            decimals: 1,
        },
    )
    .shift(&[
        (BRCA, 0.8),
        (PRAD, 0.8),
        (NET, 0.6),
        (GIST, 0.6),
        (THCA, 0.8),
        (RCC, 0.4),
    ]);
    binary(
        b,
        ClinicalRecord,
        ("recurrent_disease", "Recurrent disease", "Rezidiv"),
        "Recurrence after earlier curative treatment.",
        event(
            0.3,
            &[(BRCA, 0.5), (CRC, 0.4), (HNSC, 0.4), (RCC, 0.4)],
            NO_LOAD,
        ),
    );
    categorical(
        b,
        ClinicalRecord,
        ("line_of_therapy", "Line of therapy", "Therapielinie"),
        &["1", "2", ">=3"],
        "Line of palliative systemic therapy that starts now.",
        Sampler::Ordinal {
            cuts: &[0.25, 1.2],
            load: load(&[(FRAILTY, 0.15), (BURDEN, 0.15)]),
        },
    )
    .effect(Effect::Levels(&[0.0, 0.102, 0.204]));
    binary(
        b,
        ClinicalRecord,
        (
            "inpatient_start",
            "Therapy started as inpatient",
            "Stationärer Therapiebeginn",
        ),
        "Systemic therapy started during a hospital stay.",
        event(
            0.12,
            &[(SCLC, 0.3), (NEC, 0.25), (TGCT, 0.4)],
            load(&[(FRAILTY, 0.6), (BURDEN, 0.3)]),
        ),
    )
    .effect(Effect::Levels(&[0.0, 0.153]));
    numeric(
        b,
        ClinicalRecord,
        (
            "hospital_days_90d",
            "Days in hospital, prior 90 days",
            "Krankenhaustage der letzten 90 Tage",
        ),
        "d",
        "Inpatient days in the 90 days before therapy start.",
        Sampler::Gamma {
            shape: 0.6,
            scale: 5.0,
            load: load(&[(FRAILTY, 0.5), (BURDEN, 0.3)]),
            max: 90.0,
            decimals: 0,
        },
    )
    .effect(Effect::Above {
        cut: 7.0,
        delta: 0.076,
    });

    let stage = b.col("uicc_stage");
    let mut sites = Vec::with_capacity(SITES.len());
    for (id, name, name_de, icd, background, by_entity, log_hr) in SITES {
        let def = binary(
            b,
            ClinicalRecord,
            (id, name, name_de),
            "Metastases at this site at start of therapy (stage IV only).",
            event_given(
                background,
                by_entity,
                load(&[(BURDEN, 0.3)]),
                stage,
                Gate::AtLeast(3.0),
                0.0,
            ),
        )
        .code(Icd10(icd));
        if log_hr != 0.0 {
            def.effect(Effect::Present(log_hr));
        }
        sites.push((b.col(id), Gate::Is(1.0), 1.0));
    }
    numeric(
        b,
        ClinicalRecord,
        (
            "n_metastatic_sites",
            "Number of metastatic sites",
            "Anzahl der Metastasenlokalisationen",
        ),
        "1",
        "Count of the organ sites with metastases.",
        Sampler::Derived(Derivation::Sum {
            terms: sites,
            constant: 0.0,
        }),
    );

    let mut charlson = Vec::new();
    for (id, name, name_de, icd, prevalence, by_entity, loading, female, weight, log_hr) in
        COMORBIDITIES
    {
        let def = binary(
            b,
            ClinicalRecord,
            (id, name, name_de),
            "Coded diagnosis (ICD-10) before start of therapy.",
            event(prevalence, by_entity, loading),
        )
        .code(Icd10(icd))
        .female(female);
        if log_hr != 0.0 {
            def.effect(Effect::Present(log_hr));
        }
        if weight > 0.0 {
            charlson.push((b.col(id), Gate::Is(1.0), weight));
        }
    }
    // Every patient has a solid tumour (2 points), which counts 6 when metastatic.
    charlson.push((stage, Gate::AtLeast(3.0), 4.0));
    numeric(
        b,
        ClinicalRecord,
        (
            "charlson_index",
            "Charlson comorbidity index",
            "Charlson-Komorbiditätsindex",
        ),
        "{score}",
        "Charlson et al. 1987 weights of the coded comorbidities plus 2 for the solid tumour (6 if metastatic); not age-adjusted.",
        Sampler::Derived(Derivation::Sum {
            terms: charlson,
            constant: 2.0,
        }),
    );

    let line = b.col("line_of_therapy");
    binary(
        b,
        ClinicalRecord,
        (
            "prior_surgery",
            "Prior tumour surgery",
            "Vorherige Tumoroperation",
        ),
        "Resection of the primary or metastases before this therapy.",
        event(
            0.4,
            &[
                (CRC, 0.7),
                (BRCA, 0.8),
                (OV, 0.75),
                (RCC, 0.65),
                (UCEC, 0.7),
                (STS, 0.6),
                (GBM, 0.8),
                (THCA, 0.95),
                (PAAD, 0.2),
                (SCLC, 0.05),
                (CUP, 0.15),
            ],
            NO_LOAD,
        ),
    );
    binary(
        b,
        ClinicalRecord,
        (
            "prior_radiotherapy",
            "Prior radiotherapy",
            "Vorherige Strahlentherapie",
        ),
        "Radiotherapy before this therapy.",
        event(
            0.25,
            &[
                (HNSC, 0.6),
                (BRCA, 0.6),
                (CESC, 0.6),
                (GBM, 0.9),
                (PRAD, 0.4),
                (ANAL, 0.6),
                (ESCA, 0.4),
                (LUSC, 0.35),
            ],
            NO_LOAD,
        ),
    );
    binary(
        b,
        ClinicalRecord,
        (
            "prior_chemotherapy",
            "Prior chemotherapy",
            "Vorherige Chemotherapie",
        ),
        "Cytotoxic chemotherapy before this line (including adjuvant).",
        event_given(0.85, &[], NO_LOAD, line, Gate::AtLeast(1.0), 0.15),
    );
    binary(
        b,
        ClinicalRecord,
        (
            "prior_immunotherapy",
            "Prior immunotherapy",
            "Vorherige Immuntherapie",
        ),
        "Immune checkpoint inhibitor before this line.",
        event_given(
            0.15,
            &[
                (SKCM, 0.6),
                (LUAD, 0.35),
                (LUSC, 0.35),
                (RCC, 0.4),
                (HNSC, 0.3),
            ],
            NO_LOAD,
            line,
            Gate::AtLeast(1.0),
            0.03,
        ),
    );
    binary(
        b,
        ClinicalRecord,
        (
            "prior_targeted_therapy",
            "Prior targeted therapy",
            "Vorherige zielgerichtete Therapie",
        ),
        "Targeted drug before this line.",
        event_given(
            0.12,
            &[
                (LUAD, 0.25),
                (RCC, 0.6),
                (GIST, 0.8),
                (BRCA, 0.3),
                (HCC, 0.4),
            ],
            NO_LOAD,
            line,
            Gate::AtLeast(1.0),
            0.02,
        ),
    );
    binary(
        b,
        ClinicalRecord,
        (
            "prior_endocrine_therapy",
            "Prior endocrine therapy",
            "Vorherige endokrine Therapie",
        ),
        "Hormone therapy before this therapy.",
        event(0.01, &[(BRCA, 0.6), (PRAD, 0.7), (UCEC, 0.1)], NO_LOAD),
    );
}

/// Genes: (HGNC symbol, marker id, background frequency, entity frequencies, log-hazard).
type Gene = (
    &'static str,
    &'static str,
    f32,
    &'static [(usize, f32)],
    f32,
);

const GENES: [Gene; 88] = [
    (
        "TP53",
        "mut_tp53",
        0.3,
        &[
            (LUAD, 0.5),
            (LUSC, 0.8),
            (SCLC, 0.9),
            (HNSC, 0.7),
            (ESCA, 0.85),
            (STAD, 0.5),
            (CRC, 0.6),
            (PAAD, 0.7),
            (OV, 0.95),
            (BRCA, 0.35),
            (BLCA, 0.5),
            (HCC, 0.3),
            (CHOL, 0.3),
            (GBC, 0.5),
            (UCEC, 0.3),
            (CESC, 0.1),
            (GBM, 0.35),
            (PRAD, 0.3),
            (SKCM, 0.15),
            (UVM, 0.02),
            (RCC, 0.03),
            (THCA, 0.05),
            (NET, 0.03),
            (NEC, 0.6),
            (GIST, 0.05),
            (STS, 0.35),
            (BONE, 0.5),
            (CUP, 0.55),
            (ACC, 0.25),
            (TGCT, 0.02),
            (MESO, 0.1),
            (MCC, 0.4),
            (CSCC, 0.8),
            (ANAL, 0.1),
            (VULV, 0.4),
            (SBAD, 0.5),
        ],
        0.076,
    ),
    (
        "KRAS",
        "mut_kras",
        0.04,
        &[
            (LUAD, 0.3),
            (PAAD, 0.9),
            (CRC, 0.43),
            (CHOL, 0.15),
            (STAD, 0.08),
            (UCEC, 0.2),
            (OV, 0.08),
            (BLCA, 0.05),
            (GBC, 0.08),
            (SBAD, 0.5),
            (CUP, 0.2),
            (CESC, 0.05),
        ],
        0.076,
    ),
    (
        "NRAS",
        "mut_nras",
        0.01,
        &[(SKCM, 0.25), (CRC, 0.04), (THCA, 0.08)],
        0.0,
    ),
    (
        "HRAS",
        "mut_hras",
        0.005,
        &[(HNSC, 0.05), (BLCA, 0.04), (THCA, 0.04)],
        0.0,
    ),
    (
        "EGFR",
        "mut_egfr",
        0.01,
        &[(LUAD, 0.16), (LUSC, 0.02), (GBM, 0.3), (HNSC, 0.03)],
        0.0,
    ),
    ("ALK", "mut_alk", 0.001, &[(LUAD, 0.05)], 0.0),
    ("ROS1", "mut_ros1", 0.001, &[(LUAD, 0.02)], 0.0),
    (
        "MET",
        "mut_met",
        0.01,
        &[(LUAD, 0.04), (LUSC, 0.02), (STAD, 0.03), (RCC, 0.03)],
        0.0,
    ),
    ("RET", "mut_ret", 0.002, &[(LUAD, 0.015), (THCA, 0.2)], 0.0),
    (
        "BRAF",
        "mut_braf",
        0.02,
        &[
            (SKCM, 0.45),
            (CRC, 0.09),
            (THCA, 0.45),
            (LUAD, 0.03),
            (CHOL, 0.05),
            (CUP, 0.04),
        ],
        0.102,
    ),
    (
        "ERBB2",
        "mut_erbb2",
        0.02,
        &[
            (BRCA, 0.18),
            (STAD, 0.15),
            (ESCA, 0.15),
            (BLCA, 0.1),
            (UCEC, 0.05),
            (GBC, 0.15),
            (CHOL, 0.05),
            (SALI, 0.15),
            (LUAD, 0.03),
        ],
        0.0,
    ),
    (
        "PIK3CA",
        "mut_pik3ca",
        0.06,
        &[
            (BRCA, 0.35),
            (UCEC, 0.45),
            (CESC, 0.3),
            (HNSC, 0.18),
            (CRC, 0.17),
            (LUSC, 0.15),
            (BLCA, 0.2),
            (STAD, 0.12),
            (OV, 0.05),
        ],
        0.0,
    ),
    (
        "PTEN",
        "mut_pten",
        0.03,
        &[
            (UCEC, 0.6),
            (GBM, 0.35),
            (PRAD, 0.15),
            (SKCM, 0.1),
            (BRCA, 0.05),
        ],
        0.0,
    ),
    (
        "APC",
        "mut_apc",
        0.02,
        &[(CRC, 0.75), (STAD, 0.1), (SBAD, 0.25)],
        0.0,
    ),
    (
        "SMAD4",
        "mut_smad4",
        0.02,
        &[
            (PAAD, 0.25),
            (CRC, 0.13),
            (STAD, 0.1),
            (ESCA, 0.1),
            (CHOL, 0.1),
            (SBAD, 0.15),
        ],
        0.076,
    ),
    (
        "CDKN2A",
        "mut_cdkn2a",
        0.05,
        &[
            (PAAD, 0.3),
            (SKCM, 0.35),
            (HNSC, 0.25),
            (LUSC, 0.2),
            (GBM, 0.55),
            (ESCA, 0.25),
            (BLCA, 0.3),
            (MESO, 0.45),
            (CHOL, 0.15),
            (LUAD, 0.15),
        ],
        0.051,
    ),
    ("STK11", "mut_stk11", 0.01, &[(LUAD, 0.15)], 0.128),
    (
        "KEAP1",
        "mut_keap1",
        0.01,
        &[(LUAD, 0.17), (LUSC, 0.12)],
        0.128,
    ),
    (
        "NF1",
        "mut_nf1",
        0.04,
        &[(SKCM, 0.15), (GBM, 0.15), (BRCA, 0.05), (LUAD, 0.1)],
        0.0,
    ),
    (
        "RB1",
        "mut_rb1",
        0.03,
        &[
            (SCLC, 0.8),
            (BLCA, 0.15),
            (NEC, 0.5),
            (STS, 0.1),
            (BONE, 0.3),
        ],
        0.051,
    ),
    (
        "ARID1A",
        "mut_arid1a",
        0.05,
        &[
            (UCEC, 0.35),
            (STAD, 0.25),
            (BLCA, 0.25),
            (CHOL, 0.2),
            (OV, 0.1),
        ],
        0.0,
    ),
    (
        "KMT2D",
        "mut_kmt2d",
        0.05,
        &[(BLCA, 0.25), (LUSC, 0.2), (HNSC, 0.15)],
        0.0,
    ),
    ("KMT2C", "mut_kmt2c", 0.05, &[(BLCA, 0.15)], 0.0),
    (
        "CTNNB1",
        "mut_ctnnb1",
        0.02,
        &[(HCC, 0.3), (UCEC, 0.25), (ACC, 0.25)],
        0.0,
    ),
    (
        "FBXW7",
        "mut_fbxw7",
        0.03,
        &[(CRC, 0.12), (UCEC, 0.15)],
        0.0,
    ),
    (
        "FGFR1",
        "mut_fgfr1",
        0.01,
        &[(LUSC, 0.15), (BRCA, 0.1)],
        0.0,
    ),
    (
        "FGFR2",
        "mut_fgfr2",
        0.01,
        &[(CHOL, 0.12), (UCEC, 0.1), (STAD, 0.04)],
        0.0,
    ),
    ("FGFR3", "mut_fgfr3", 0.01, &[(BLCA, 0.2)], 0.0),
    (
        "KIT",
        "mut_kit",
        0.005,
        &[(GIST, 0.8), (SKCM, 0.03), (TGCT, 0.2)],
        0.0,
    ),
    (
        "PDGFRA",
        "mut_pdgfra",
        0.003,
        &[(GIST, 0.1), (GBM, 0.1)],
        0.0,
    ),
    ("VHL", "mut_vhl", 0.003, &[(RCC, 0.6)], 0.0),
    ("PBRM1", "mut_pbrm1", 0.01, &[(RCC, 0.4), (CHOL, 0.1)], 0.0),
    ("SETD2", "mut_setd2", 0.01, &[(RCC, 0.12)], 0.0),
    (
        "BAP1",
        "mut_bap1",
        0.01,
        &[(RCC, 0.1), (MESO, 0.5), (UVM, 0.45), (CHOL, 0.15)],
        0.051,
    ),
    ("GNAQ", "mut_gnaq", 0.001, &[(UVM, 0.45)], 0.0),
    ("GNA11", "mut_gna11", 0.001, &[(UVM, 0.45)], 0.0),
    ("SF3B1", "mut_sf3b1", 0.01, &[(UVM, 0.2)], 0.0),
    (
        "IDH1",
        "mut_idh1",
        0.005,
        &[(GBM, 0.1), (CHOL, 0.15)],
        -0.204,
    ),
    ("IDH2", "mut_idh2", 0.003, &[(CHOL, 0.03)], 0.0),
    (
        "NOTCH1",
        "mut_notch1",
        0.02,
        &[(HNSC, 0.15), (CSCC, 0.5), (SALI, 0.05)],
        0.0,
    ),
    (
        "TERT",
        "mut_tert",
        0.05,
        &[
            (SKCM, 0.7),
            (GBM, 0.8),
            (BLCA, 0.65),
            (HCC, 0.5),
            (THCA, 0.15),
            (CSCC, 0.5),
        ],
        0.0,
    ),
    (
        "BRCA1",
        "mut_brca1",
        0.01,
        &[(OV, 0.1), (BRCA, 0.04), (PRAD, 0.01), (PAAD, 0.01)],
        0.0,
    ),
    (
        "BRCA2",
        "mut_brca2",
        0.015,
        &[(OV, 0.07), (BRCA, 0.04), (PRAD, 0.1), (PAAD, 0.05)],
        0.0,
    ),
    ("ATM", "mut_atm", 0.03, &[(PRAD, 0.06), (PAAD, 0.04)], 0.0),
    ("PALB2", "mut_palb2", 0.005, &[], 0.0),
    ("CHEK2", "mut_chek2", 0.01, &[], 0.0),
    ("ESR1", "mut_esr1", 0.001, &[(BRCA, 0.15)], 0.0),
    ("AR", "mut_ar", 0.002, &[(PRAD, 0.2)], 0.0),
    ("SPOP", "mut_spop", 0.001, &[(PRAD, 0.1)], 0.0),
    ("FOXA1", "mut_foxa1", 0.005, &[(PRAD, 0.1)], 0.0),
    ("CDH1", "mut_cdh1", 0.01, &[(BRCA, 0.12), (STAD, 0.15)], 0.0),
    ("GATA3", "mut_gata3", 0.002, &[(BRCA, 0.12)], 0.0),
    (
        "POLE",
        "mut_pole",
        0.005,
        &[(UCEC, 0.07), (CRC, 0.02)],
        -0.153,
    ),
    ("MLH1", "mut_mlh1", 0.01, &[(CRC, 0.05), (UCEC, 0.1)], 0.0),
    ("MSH2", "mut_msh2", 0.005, &[], 0.0),
    ("MSH6", "mut_msh6", 0.008, &[(UCEC, 0.1)], 0.0),
    (
        "ATRX",
        "mut_atrx",
        0.01,
        &[(GBM, 0.1), (NET, 0.15), (STS, 0.1)],
        0.0,
    ),
    ("DAXX", "mut_daxx", 0.003, &[(NET, 0.15)], 0.0),
    ("MEN1", "mut_men1", 0.002, &[(NET, 0.3)], 0.0),
    ("SMARCA4", "mut_smarca4", 0.02, &[(LUAD, 0.08)], 0.102),
    (
        "RNF43",
        "mut_rnf43",
        0.01,
        &[(CRC, 0.07), (STAD, 0.05)],
        0.0,
    ),
    ("TSC2", "mut_tsc2", 0.005, &[(NET, 0.05)], 0.0),
    ("NF2", "mut_nf2", 0.005, &[(MESO, 0.35)], 0.0),
    ("KDM6A", "mut_kdm6a", 0.01, &[(BLCA, 0.25)], 0.0),
    (
        "MYC",
        "mut_myc",
        0.03,
        &[(BRCA, 0.15), (OV, 0.2), (SCLC, 0.1)],
        0.051,
    ),
    ("MDM2", "mut_mdm2", 0.01, &[(STS, 0.25), (BONE, 0.05)], 0.0),
    (
        "CCND1",
        "mut_ccnd1",
        0.02,
        &[(BRCA, 0.15), (HNSC, 0.25), (ESCA, 0.3)],
        0.0,
    ),
    ("CDK4", "mut_cdk4", 0.005, &[(STS, 0.2)], 0.0),
    (
        "NTRK1",
        "mut_ntrk1",
        0.002,
        &[(SALI, 0.05), (THCA, 0.02)],
        0.0,
    ),
    ("MAP2K1", "mut_map2k1", 0.005, &[(SKCM, 0.05)], 0.0),
    ("AKT1", "mut_akt1", 0.005, &[(BRCA, 0.04)], 0.0),
    ("DNMT3A", "mut_dnmt3a", 0.06, &[], 0.0),
    ("ARID2", "mut_arid2", 0.01, &[(SKCM, 0.1), (HCC, 0.05)], 0.0),
    ("CREBBP", "mut_crebbp", 0.03, &[(BLCA, 0.12)], 0.0),
    (
        "EP300",
        "mut_ep300",
        0.02,
        &[(BLCA, 0.1), (HNSC, 0.06)],
        0.0,
    ),
    ("SMARCB1", "mut_smarcb1", 0.005, &[(STS, 0.05)], 0.0),
    ("CDK12", "mut_cdk12", 0.01, &[(PRAD, 0.06), (OV, 0.03)], 0.0),
    ("RAD51C", "mut_rad51c", 0.005, &[(OV, 0.02)], 0.0),
    ("BRIP1", "mut_brip1", 0.005, &[], 0.0),
    ("NTRK3", "mut_ntrk3", 0.001, &[(SALI, 0.05)], 0.0),
    ("NRG1", "mut_nrg1", 0.002, &[(LUAD, 0.005)], 0.0),
    ("FGF19", "mut_fgf19", 0.01, &[(HCC, 0.06)], 0.0),
    ("AXIN1", "mut_axin1", 0.01, &[(HCC, 0.08)], 0.0),
    ("MAP3K1", "mut_map3k1", 0.02, &[(BRCA, 0.08)], 0.0),
    ("ERBB3", "mut_erbb3", 0.01, &[(BLCA, 0.05)], 0.0),
    ("TSC1", "mut_tsc1", 0.005, &[(BLCA, 0.08)], 0.0),
    ("ASXL1", "mut_asxl1", 0.03, &[], 0.0),
    ("TET2", "mut_tet2", 0.04, &[], 0.0),
];

pub(super) fn mutations(b: &mut Builder) {
    for (symbol, id, background, by_entity, log_hr) in GENES {
        // Clonal haematopoiesis (DNMT3A, TET2, ASXL1) shows up in tumour panels and rises with
        // age; tumour mutations do not.
        let loading = if matches!(symbol, "DNMT3A" | "TET2" | "ASXL1") {
            load(&[(AGE, 0.6)])
        } else {
            NO_LOAD
        };
        let def = binary(b, Mutation, (id, symbol, symbol), "Pathogenic alteration (mutation, fusion or amplification) of this gene in the tumour panel.", event(background, by_entity, loading))
            .code(Hgnc(symbol));
        if log_hr != 0.0 {
            def.effect(Effect::Present(log_hr));
        }
    }
    binary(
        b,
        Mutation,
        (
            "tmb_high",
            "High tumour mutational burden",
            "Hohe Tumormutationslast",
        ),
        "Tumour mutational burden of at least 10 mutations per megabase.",
        event(
            0.08,
            &[
                (SKCM, 0.5),
                (LUAD, 0.35),
                (LUSC, 0.45),
                (SCLC, 0.5),
                (BLCA, 0.35),
                (CSCC, 0.7),
                (MCC, 0.4),
                (UCEC, 0.25),
                (CRC, 0.1),
                (HNSC, 0.15),
                (STAD, 0.1),
            ],
            NO_LOAD,
        ),
    )
    .effect(Effect::Levels(&[0.0, -0.051]));
    binary(
        b,
        Mutation,
        (
            "msi_high",
            "Microsatellite instability",
            "Mikrosatelliteninstabilität",
        ),
        "High microsatellite instability / mismatch-repair deficiency.",
        event(
            0.01,
            &[(CRC, 0.05), (UCEC, 0.25), (STAD, 0.08), (SBAD, 0.15)],
            NO_LOAD,
        ),
    );
}

/// Systemic therapy classes without a required target: (id, name, German name,
/// description, background rate, entity rates, frailty loading (logits per unit),
/// log-hazard if given).
type Therapy = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f32,
    &'static [(usize, f32)],
    f32,
    f32,
);

const THERAPIES: [Therapy; 25] = [
    (
        "tx_platinum",
        "Platinum compound",
        "Platinderivat",
        "Cisplatin, carboplatin or oxaliplatin.",
        0.2,
        &[
            (LUAD, 0.55),
            (LUSC, 0.65),
            (SCLC, 0.95),
            (MESO, 0.8),
            (HNSC, 0.6),
            (ESCA, 0.75),
            (STAD, 0.75),
            (CRC, 0.6),
            (PAAD, 0.55),
            (CHOL, 0.8),
            (GBC, 0.8),
            (OV, 0.85),
            (CESC, 0.7),
            (BLCA, 0.55),
            (TGCT, 0.95),
            (NEC, 0.9),
            (CUP, 0.85),
            (ANAL, 0.6),
            (VULV, 0.5),
            (SBAD, 0.6),
            (THYM, 0.6),
            (BRCA, 0.1),
            (UCEC, 0.6),
            (BONE, 0.6),
            (SKCM, 0.02),
            (UVM, 0.02),
            (PRAD, 0.05),
            (RCC, 0.01),
            (GBM, 0.02),
            (THCA, 0.02),
            (NET, 0.05),
            (GIST, 0.0),
        ],
        -0.6,
        0.0,
    ),
    (
        "tx_taxane",
        "Taxane",
        "Taxan",
        "Paclitaxel, nab-paclitaxel, docetaxel or cabazitaxel.",
        0.1,
        &[
            (BRCA, 0.35),
            (PRAD, 0.2),
            (LUSC, 0.3),
            (LUAD, 0.15),
            (STAD, 0.35),
            (ESCA, 0.3),
            (OV, 0.8),
            (UCEC, 0.6),
            (CESC, 0.6),
            (HNSC, 0.2),
            (PAAD, 0.35),
            (CUP, 0.5),
            (ANAL, 0.2),
            (GIST, 0.0),
            (NET, 0.0),
        ],
        -0.3,
        0.0,
    ),
    (
        "tx_fluoropyrimidine",
        "Fluoropyrimidine",
        "Fluoropyrimidin",
        "5-fluorouracil or capecitabine.",
        0.05,
        &[
            (CRC, 0.9),
            (PAAD, 0.45),
            (STAD, 0.85),
            (ESCA, 0.6),
            (ANAL, 0.6),
            (CHOL, 0.1),
            (BRCA, 0.1),
            (HNSC, 0.1),
            (NET, 0.1),
            (SBAD, 0.8),
        ],
        -0.2,
        0.0,
    ),
    (
        "tx_gemcitabine",
        "Gemcitabine",
        "Gemcitabin",
        "Gemcitabine.",
        0.03,
        &[
            (PAAD, 0.45),
            (CHOL, 0.85),
            (GBC, 0.85),
            (BLCA, 0.4),
            (STS, 0.1),
            (OV, 0.1),
        ],
        -0.2,
        0.0,
    ),
    (
        "tx_anthracycline",
        "Anthracycline",
        "Anthrazyklin",
        "Doxorubicin, epirubicin or liposomal doxorubicin.",
        0.02,
        &[(BRCA, 0.15), (STS, 0.5), (BONE, 0.6), (THYM, 0.3)],
        -0.3,
        0.0,
    ),
    (
        "tx_irinotecan",
        "Irinotecan",
        "Irinotecan",
        "Irinotecan or liposomal irinotecan.",
        0.02,
        &[(CRC, 0.35), (PAAD, 0.4), (STAD, 0.1), (SCLC, 0.05)],
        -0.2,
        0.0,
    ),
    (
        "tx_etoposide",
        "Etoposide",
        "Etoposid",
        "Etoposide.",
        0.01,
        &[(SCLC, 0.95), (NEC, 0.85), (TGCT, 0.9)],
        -0.2,
        0.0,
    ),
    (
        "tx_pemetrexed",
        "Pemetrexed",
        "Pemetrexed",
        "Pemetrexed.",
        0.005,
        &[(LUAD, 0.45), (MESO, 0.8)],
        -0.2,
        0.0,
    ),
    (
        "tx_temozolomide",
        "Temozolomide",
        "Temozolomid",
        "Temozolomide.",
        0.003,
        &[(GBM, 0.95), (NET, 0.1), (SKCM, 0.03)],
        0.0,
        0.0,
    ),
    (
        "tx_other_chemotherapy",
        "Other chemotherapy",
        "Andere Chemotherapie",
        "Vinca alkaloids, ifosfamide, mitomycin, trabectedin, eribulin and others.",
        0.05,
        &[
            (STS, 0.4),
            (BONE, 0.5),
            (BRCA, 0.1),
            (ANAL, 0.6),
            (TGCT, 0.2),
        ],
        -0.2,
        0.0,
    ),
    (
        "tx_anti_pd1",
        "Anti-PD-1 antibody",
        "Anti-PD-1-Antikörper",
        "Pembrolizumab, nivolumab, cemiplimab or others.",
        0.03,
        &[
            (LUAD, 0.45),
            (LUSC, 0.55),
            (HNSC, 0.4),
            (SKCM, 0.75),
            (RCC, 0.55),
            (BLCA, 0.2),
            (ESCA, 0.3),
            (STAD, 0.25),
            (MCC, 0.5),
            (CSCC, 0.8),
            (CESC, 0.2),
            (UCEC, 0.2),
            (HCC, 0.1),
            (MESO, 0.4),
            (CRC, 0.03),
            (ANAL, 0.1),
            (UVM, 0.3),
            (TGCT, 0.0),
        ],
        -0.3,
        -0.076,
    ),
    (
        "tx_anti_pdl1",
        "Anti-PD-L1 antibody",
        "Anti-PD-L1-Antikörper",
        "Atezolizumab, durvalumab or avelumab.",
        0.01,
        &[
            (SCLC, 0.7),
            (HCC, 0.55),
            (CHOL, 0.55),
            (BLCA, 0.2),
            (MCC, 0.3),
            (LUAD, 0.05),
            (BRCA, 0.05),
        ],
        -0.3,
        -0.051,
    ),
    (
        "tx_anti_ctla4",
        "Anti-CTLA-4 antibody",
        "Anti-CTLA-4-Antikörper",
        "Ipilimumab or tremelimumab.",
        0.003,
        &[(SKCM, 0.3), (RCC, 0.2), (MESO, 0.3), (HCC, 0.1), (UVM, 0.3)],
        -0.3,
        0.0,
    ),
    (
        "tx_anti_egfr_antibody",
        "Anti-EGFR antibody",
        "Anti-EGFR-Antikörper",
        "Cetuximab or panitumumab.",
        0.005,
        &[(CRC, 0.3), (HNSC, 0.2)],
        -0.2,
        -0.102,
    ),
    (
        "tx_vegf_antibody",
        "Anti-VEGF/VEGFR2 antibody",
        "Anti-VEGF/VEGFR2-Antikörper",
        "Bevacizumab or ramucirumab.",
        0.03,
        &[
            (CRC, 0.5),
            (LUAD, 0.1),
            (OV, 0.4),
            (HCC, 0.55),
            (STAD, 0.2),
            (CESC, 0.3),
            (GBM, 0.2),
        ],
        -0.2,
        0.0,
    ),
    (
        "tx_vegfr_tki",
        "VEGFR multikinase inhibitor",
        "VEGFR-Multikinaseinhibitor",
        "Sunitinib, cabozantinib, lenvatinib, sorafenib, regorafenib and others.",
        0.01,
        &[
            (RCC, 0.7),
            (HCC, 0.35),
            (THCA, 0.6),
            (GIST, 0.2),
            (STS, 0.15),
            (NET, 0.1),
            (BONE, 0.1),
            (UCEC, 0.15),
        ],
        0.0,
        0.0,
    ),
    (
        "tx_cdk46_inhibitor",
        "CDK4/6 inhibitor",
        "CDK4/6-Inhibitor",
        "Palbociclib, ribociclib or abemaciclib.",
        0.001,
        &[(BRCA, 0.35)],
        0.0,
        0.0,
    ),
    (
        "tx_mtor_inhibitor",
        "mTOR inhibitor",
        "mTOR-Inhibitor",
        "Everolimus or temsirolimus.",
        0.002,
        &[(BRCA, 0.03), (NET, 0.1), (RCC, 0.05)],
        0.0,
        0.0,
    ),
    (
        "tx_other_targeted",
        "Other targeted therapy",
        "Andere zielgerichtete Therapie",
        "RET, MET, ROS1, NTRK, FGFR, IDH or KRAS G12C inhibitors and others.",
        0.01,
        &[(CHOL, 0.1), (LUAD, 0.05), (THCA, 0.1)],
        0.0,
        0.0,
    ),
    (
        "tx_antiandrogen",
        "Androgen receptor pathway inhibitor",
        "Androgenrezeptor-Signalweg-Inhibitor",
        "Abiraterone, enzalutamide, apalutamide or darolutamide.",
        0.0,
        &[(PRAD, 0.6)],
        0.0,
        0.0,
    ),
    (
        "tx_androgen_deprivation",
        "Androgen deprivation",
        "Androgendeprivation",
        "GnRH agonist or antagonist.",
        0.0,
        &[(PRAD, 0.9)],
        0.0,
        0.0,
    ),
    (
        "tx_endocrine_breast",
        "Endocrine therapy (breast, gynaecological)",
        "Endokrine Therapie (Mamma, gynäkologisch)",
        "Aromatase inhibitor, tamoxifen or fulvestrant.",
        0.0,
        &[(BRCA, 0.45), (UCEC, 0.05), (OV, 0.03)],
        0.0,
        0.0,
    ),
    (
        "tx_somatostatin_analogue",
        "Somatostatin analogue",
        "Somatostatinanalogon",
        "Octreotide or lanreotide.",
        0.0,
        &[(NET, 0.6), (NEC, 0.05)],
        0.0,
        0.0,
    ),
    (
        "tx_radioligand",
        "Radioligand therapy",
        "Radioligandentherapie",
        "177Lu-DOTATATE or 177Lu-PSMA.",
        0.0,
        &[(NET, 0.1), (PRAD, 0.05)],
        0.0,
        0.0,
    ),
    (
        "tx_radiotherapy",
        "Concurrent radiotherapy",
        "Simultane Strahlentherapie",
        "Radiotherapy given together with this systemic therapy.",
        0.08,
        &[
            (HNSC, 0.35),
            (CESC, 0.5),
            (ANAL, 0.7),
            (ESCA, 0.3),
            (LUSC, 0.15),
            (GBM, 0.7),
            (VULV, 0.3),
        ],
        0.0,
        0.0,
    ),
];

/// Anti-PD-1 rates of patients with a microsatellite-unstable tumour, by entity (0.4
/// elsewhere).
const MSI_HIGH_ANTI_PD1: &[(usize, f32)] = &[(CRC, 0.6), (UCEC, 0.55), (STAD, 0.5), (SBAD, 0.5)];

/// Targeted drugs: (id, name, German name, description, target marker id, entity rates
/// where the target is present, background rate with target, rate without target, entity
/// rates without target).
///
/// Patients without the target get the drug too, where practice gives it to them: before
/// the sequencing result, for another alteration the same drug covers (crizotinib for ROS1,
/// MEK inhibition in NRAS-mutant melanoma), for HER2-low breast cancer (trastuzumab
/// deruxtecan), or as maintenance regardless of BRCA status (PARP inhibitors in ovarian
/// cancer). Without them the drug's benefit for carriers could not be told apart from a
/// benefit for everybody treated: every treated patient would carry the target.
type TargetedDrug = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(usize, f32)],
    f32,
    f32,
    &'static [(usize, f32)],
);

const TARGETED: [TargetedDrug; 6] = [
    (
        "tx_egfr_tki",
        "EGFR tyrosine kinase inhibitor",
        "EGFR-Tyrosinkinaseinhibitor",
        "Osimertinib, afatinib, erlotinib or gefitinib.",
        "mut_egfr",
        &[(LUAD, 0.85), (LUSC, 0.6)],
        0.0,
        0.002,
        &[(LUAD, 0.12), (LUSC, 0.08)],
    ),
    (
        "tx_alk_inhibitor",
        "ALK inhibitor",
        "ALK-Inhibitor",
        "Alectinib, brigatinib, lorlatinib or crizotinib.",
        "mut_alk",
        &[(LUAD, 0.65), (LUSC, 0.5)],
        0.2,
        0.0005,
        &[(LUAD, 0.06), (LUSC, 0.02)],
    ),
    (
        "tx_braf_mek",
        "BRAF/MEK inhibitor",
        "BRAF/MEK-Inhibitor",
        "Dabrafenib/trametinib, encorafenib/binimetinib or vemurafenib/cobimetinib.",
        "mut_braf",
        &[(SKCM, 0.65), (LUAD, 0.6), (THCA, 0.3), (CRC, 0.35)],
        0.1,
        0.003,
        &[(SKCM, 0.12), (LUAD, 0.03), (THCA, 0.05), (CRC, 0.03)],
    ),
    (
        "tx_her2_targeted",
        "HER2-targeted therapy",
        "HER2-gerichtete Therapie",
        "Trastuzumab, pertuzumab, trastuzumab deruxtecan or tucatinib.",
        "mut_erbb2",
        &[
            (BRCA, 0.85),
            (STAD, 0.7),
            (ESCA, 0.6),
            (GBC, 0.3),
            (CHOL, 0.3),
            (UCEC, 0.3),
            (SALI, 0.5),
            (LUAD, 0.3),
            (BLCA, 0.2),
        ],
        0.1,
        0.01,
        &[(BRCA, 0.15), (STAD, 0.05), (ESCA, 0.05), (BLCA, 0.05)],
    ),
    (
        "tx_parp_inhibitor",
        "PARP inhibitor",
        "PARP-Inhibitor",
        "Olaparib, niraparib, rucaparib or talazoparib.",
        "mut_brca2",
        &[(OV, 0.7), (BRCA, 0.4), (PRAD, 0.5), (PAAD, 0.4)],
        0.05,
        0.01,
        &[(OV, 0.3), (PRAD, 0.1), (BRCA, 0.03), (PAAD, 0.03)],
    ),
    (
        "tx_kit_inhibitor",
        "KIT inhibitor",
        "KIT-Inhibitor",
        "Imatinib, sunitinib or ripretinib for KIT-driven tumours.",
        "mut_kit",
        &[(GIST, 0.95)],
        0.1,
        0.002,
        &[],
    ),
];

/// The WHO ATC codes of each drug treatment (ATC/DDD Index 2024 of the WHO Collaborating
/// Centre for Drug Statistics Methodology, whocc.no, which the German ATC classification of
/// the BfArM follows for these groups): a group code (fewer than seven characters) stands for
/// every substance under it. A substance under several entries counts for the most specific
/// one (gemcitabine L01BC05 is `tx_gemcitabine`, not `tx_other_chemotherapy`'s L01B).
/// Radiotherapy and trial participation are not drugs and have none.
pub(crate) const TREATMENT_ATC: [(&str, &str); 38] = [
    // Platinum compounds (cisplatin L01XA01, carboplatin L01XA02, oxaliplatin L01XA03).
    ("tx_platinum", "L01XA"),
    // Taxanes (paclitaxel L01CD01, docetaxel L01CD02, cabazitaxel L01CD04).
    ("tx_taxane", "L01CD"),
    // Fluorouracil, capecitabine, tegafur combinations, trifluridine/tipiracil.
    ("tx_fluoropyrimidine", "L01BC02, L01BC06, L01BC53, L01BC59"),
    ("tx_gemcitabine", "L01BC05"),
    // Anthracyclines and related substances.
    ("tx_anthracycline", "L01DB"),
    ("tx_irinotecan", "L01CE02"),
    ("tx_etoposide", "L01CB01"),
    ("tx_pemetrexed", "L01BA04"),
    ("tx_temozolomide", "L01AX03"),
    // The rest of the cytotoxic groups: alkylating agents, antimetabolites, plant
    // alkaloids, cytotoxic antibiotics.
    ("tx_other_chemotherapy", "L01A, L01B, L01C, L01D"),
    // Nivolumab, pembrolizumab, cemiplimab, dostarlimab.
    ("tx_anti_pd1", "L01FF01, L01FF02, L01FF06, L01FF07"),
    // Durvalumab, avelumab, atezolizumab.
    ("tx_anti_pdl1", "L01FF03, L01FF04, L01FF05"),
    // Ipilimumab, tremelimumab.
    ("tx_anti_ctla4", "L01FX04, L01FX20"),
    // Cetuximab, panitumumab.
    ("tx_anti_egfr_antibody", "L01FE"),
    // Bevacizumab, ramucirumab.
    ("tx_vegf_antibody", "L01FG"),
    // Sunitinib, sorafenib, pazopanib, regorafenib, cabozantinib, lenvatinib, axitinib.
    (
        "tx_vegfr_tki",
        "L01EX01, L01EX02, L01EX03, L01EX05, L01EX07, L01EX08, L01EK01",
    ),
    ("tx_cdk46_inhibitor", "L01EF"),
    ("tx_mtor_inhibitor", "L01EG"),
    // The other protein kinase inhibitors and monoclonal antibodies.
    ("tx_other_targeted", "L01E, L01F"),
    // Enzalutamide, apalutamide, darolutamide; abiraterone.
    ("tx_antiandrogen", "L02BB04, L02BB05, L02BB06, L02BX03"),
    // Gonadotropin-releasing hormone analogues; degarelix, relugolix.
    ("tx_androgen_deprivation", "L02AE, L02BX02, L02BX04"),
    // Tamoxifen, fulvestrant (anti-oestrogens), aromatase inhibitors, progestogens.
    ("tx_endocrine_breast", "L02BA, L02BG, L02AB"),
    // Octreotide, lanreotide.
    ("tx_somatostatin_analogue", "H01CB"),
    // Other therapeutic radiopharmaceuticals (lutetium-177 dotatate and PSMA).
    ("tx_radioligand", "V10X"),
    ("tx_egfr_tki", "L01EB"),
    ("tx_alk_inhibitor", "L01ED"),
    // BRAF and MEK inhibitors.
    ("tx_braf_mek", "L01EC, L01EE"),
    // Trastuzumab and its conjugates, pertuzumab (L01FD); lapatinib, tucatinib (L01EH).
    ("tx_her2_targeted", "L01FD, L01EH"),
    ("tx_parp_inhibitor", "L01XK"),
    // Imatinib, avapritinib, ripretinib.
    ("tx_kit_inhibitor", "L01EA01, L01EX18, L01EX19"),
    // Glucocorticoids for systemic use.
    ("tx_steroids", "H02AB"),
    ("tx_opioids", "N02A"),
    // Vitamin K antagonists, heparins, direct thrombin and factor Xa inhibitors.
    ("tx_anticoagulation", "B01AA, B01AB, B01AE, B01AF"),
    // Bisphosphonates; denosumab.
    ("tx_bone_modifying", "M05BA, M05BX04"),
    // Colony stimulating factors.
    ("tx_gcsf", "L03AA"),
    // Brentuximab vedotin, enfortumab vedotin, sacituzumab govitecan.
    ("tx_antibody_drug_conjugate", "L01FX05, L01FX13, L01FX17"),
    // Parenteral nutrition solutions; nutrients.
    ("tx_nutrition_support", "B05BA, V06"),
    // Antibacterials for systemic use.
    ("tx_antibiotics_30d", "J01"),
];

pub(super) fn treatments(b: &mut Builder) {
    let msi = b.col("msi_high");
    for (id, name, name_de, description, background, by_entity, frailty, log_hr) in THERAPIES {
        let sampler = if id == "tx_anti_pd1" {
            // Mismatch-repair-deficient tumours get PD-1 blockade whatever their entity
            // (pembrolizumab's tissue-agnostic approval); the others as their entity does.
            event_given_by_entity(
                0.4,
                MSI_HIGH_ANTI_PD1,
                load(&[(FRAILTY, frailty)]),
                msi,
                Gate::Is(1.0),
                background,
                by_entity,
            )
        } else {
            event(background, by_entity, load(&[(FRAILTY, frailty)]))
        };
        let def = binary(b, Treatment, (id, name, name_de), description, sampler);
        if log_hr != 0.0 {
            def.effect(Effect::Present(log_hr));
        }
    }
    for (id, name, name_de, description, target, by_entity, background, otherwise, off_target) in
        TARGETED
    {
        let target = b.col(target);
        // Treating a target means the tumour was sequenced, whatever the panel draw says.
        binary(
            b,
            Treatment,
            (id, name, name_de),
            description,
            event_given_by_entity(
                background,
                by_entity,
                load(&[(FRAILTY, -0.3)]),
                target,
                Gate::Is(1.0),
                otherwise,
                off_target,
            ),
        )
        .implies(Panel::Sequencing);
    }
    binary(
        b,
        Treatment,
        (
            "tx_clinical_trial",
            "Treated in a clinical trial",
            "Behandlung in einer klinischen Studie",
        ),
        "Therapy given within an interventional trial.",
        event(0.08, &[], load(&[(FRAILTY, -0.4)])),
    );
    binary(
        b,
        Treatment,
        (
            "tx_steroids",
            "Systemic corticosteroids",
            "Systemische Kortikosteroide",
        ),
        "At least 10 mg prednisone equivalent daily at therapy start.",
        event(
            0.15,
            &[(GBM, 0.7), (PRAD, 0.2)],
            load(&[(FRAILTY, 0.4), (BURDEN, 0.3)]),
        ),
    )
    .effect(Effect::Present(0.102));
    binary(
        b,
        Treatment,
        ("tx_opioids", "Opioid analgesics", "Opioid-Analgetika"),
        "Regular opioid medication at therapy start.",
        event(0.3, &[], load(&[(BURDEN, 0.5)])),
    )
    .effect(Effect::Present(0.128));
    binary(
        b,
        Treatment,
        (
            "tx_anticoagulation",
            "Therapeutic anticoagulation",
            "Therapeutische Antikoagulation",
        ),
        "Therapeutic heparin, DOAC or vitamin K antagonist.",
        event(0.15, &[(PAAD, 0.3), (GBM, 0.2)], load(&[(AGE, 0.3)])),
    );
    let bone = b.col("met_bone");
    binary(
        b,
        Treatment,
        (
            "tx_bone_modifying",
            "Bone-modifying agent",
            "Knochenprotektive Therapie",
        ),
        "Zoledronic acid or denosumab.",
        event_given(0.6, &[], NO_LOAD, bone, Gate::Is(1.0), 0.03),
    );
    binary(
        b,
        Treatment,
        ("tx_gcsf", "G-CSF prophylaxis", "G-CSF-Prophylaxe"),
        "Granulocyte colony-stimulating factor.",
        event(
            0.1,
            &[(SCLC, 0.3), (BONE, 0.5), (STS, 0.3), (BRCA, 0.2)],
            NO_LOAD,
        ),
    );
    binary(
        b,
        Treatment,
        (
            "tx_antibody_drug_conjugate",
            "Antibody-drug conjugate",
            "Antikörper-Wirkstoff-Konjugat",
        ),
        "Sacituzumab govitecan, enfortumab vedotin, mirvetuximab or others (not HER2-directed).",
        event(
            0.01,
            &[(BLCA, 0.15), (BRCA, 0.08), (OV, 0.05), (CESC, 0.05)],
            NO_LOAD,
        ),
    );
    binary(
        b,
        Treatment,
        (
            "tx_bispecific",
            "Bispecific T-cell engager",
            "Bispezifischer T-Zell-Engager",
        ),
        "Tebentafusp, tarlatamab or others.",
        event(0.002, &[(UVM, 0.4), (SCLC, 0.05)], NO_LOAD),
    );
    binary(
        b,
        Treatment,
        (
            "tx_nutrition_support",
            "Nutritional support",
            "Ernährungstherapie",
        ),
        "Oral supplements, enteral or parenteral nutrition.",
        event(
            0.12,
            &[(HNSC, 0.35), (ESCA, 0.35), (PAAD, 0.3), (STAD, 0.3)],
            load(&[(CACHEXIA, 0.6)]),
        ),
    );
    binary(
        b,
        Treatment,
        (
            "tx_antibiotics_30d",
            "Antibiotics in prior 30 days",
            "Antibiotika in den letzten 30 Tagen",
        ),
        "Systemic antibiotics in the 30 days before therapy start.",
        event(0.15, &[], load(&[(INFLAMMATION, 0.3), (FRAILTY, 0.3)])),
    );
    for (id, atc) in TREATMENT_ATC {
        b.set_code(id, Atc(atc));
    }
}

pub(super) fn body_composition(b: &mut Builder) {
    let ct = |b: &mut Builder,
              n: Names,
              unit: &'static str,
              description: &'static str,
              sampler: Sampler|
     -> usize {
        numeric(b, BodyComposition, n, unit, description, sampler);
        b.defs.len() - 1
    };
    let height = b.col("height");
    let muscle = ct(
        b,
        (
            "ct_muscle_area",
            "Skeletal muscle area (L3)",
            "Skelettmuskelfläche (L3)",
        ),
        "cm2",
        "Cross-sectional skeletal muscle area at the third lumbar vertebra.",
        gauss(
            150.0,
            25.0,
            load(&[(CACHEXIA, -0.5), (AGE, -0.25)]),
            50.0,
            300.0,
            1,
        ),
    );
    b.defs[muscle].female(-1.6);
    b.add(
        spec(
            BodyComposition,
            "ct_smi",
            "Skeletal muscle index (L3)",
            "Skelettmuskelindex (L3)",
            "cm2/m2",
            Numeric,
            "Skeletal muscle area at L3 divided by height squared.",
        ),
        Sampler::Derived(Derivation::PerHeightSquared {
            value: muscle,
            height,
            decimals: 1,
        }),
    )
    .effect(Effect::Hinge {
        knot: 45.0,
        slope_below: 0.01,
        slope_above: 0.0,
    });
    let muscle_hu = ct(
        b,
        (
            "ct_muscle_attenuation",
            "Skeletal muscle attenuation (L3)",
            "Muskeldichte (L3)",
        ),
        "[hnsf'U]",
        "Mean muscle radiodensity at L3; low in fatty infiltration.",
        gauss(
            36.0,
            9.0,
            load(&[(AGE, -0.45), (FRAILTY, -0.3)]),
            -10.0,
            70.0,
            1,
        ),
    );
    b.defs[muscle_hu].effect(Effect::Hinge {
        knot: 33.0,
        slope_below: 0.01,
        slope_above: 0.0,
    });
    ct(
        b,
        (
            "ct_imat_area",
            "Intermuscular adipose tissue (L3)",
            "Intermuskuläres Fettgewebe (L3)",
        ),
        "cm2",
        "Intermuscular and intramuscular fat area at L3.",
        lognormal(12.0, 0.5, load(&[(AGE, 0.3)]), 0.5, 120.0, 1),
    );
    let vat = ct(
        b,
        (
            "ct_vat_area",
            "Visceral adipose tissue (L3)",
            "Viszerales Fettgewebe (L3)",
        ),
        "cm2",
        "Visceral fat area at L3.",
        lognormal(
            120.0,
            0.6,
            load(&[(CACHEXIA, -0.5), (AGE, 0.2)]),
            2.0,
            700.0,
            1,
        ),
    );
    b.defs[vat].female(-0.7);
    let sat = ct(
        b,
        (
            "ct_sat_area",
            "Subcutaneous adipose tissue (L3)",
            "Subkutanes Fettgewebe (L3)",
        ),
        "cm2",
        "Subcutaneous fat area at L3.",
        lognormal(170.0, 0.5, load(&[(CACHEXIA, -0.5)]), 5.0, 900.0, 1),
    );
    b.defs[sat].female(0.5).effect(Effect::Below {
        cut: 80.0,
        delta: 0.076,
    });
    let vat_hu = ct(
        b,
        (
            "ct_vat_attenuation",
            "Visceral fat attenuation",
            "Dichte des viszeralen Fettgewebes",
        ),
        "[hnsf'U]",
        "Mean radiodensity of visceral fat; higher in inflamed, wasting fat.",
        gauss(
            -90.0,
            8.0,
            load(&[(CACHEXIA, 0.4), (INFLAMMATION, 0.2)]),
            -125.0,
            -50.0,
            1,
        ),
    );
    b.defs[vat_hu].effect(Effect::Above {
        cut: -80.0,
        delta: 0.102,
    });
    ct(
        b,
        (
            "ct_sat_attenuation",
            "Subcutaneous fat attenuation",
            "Dichte des subkutanen Fettgewebes",
        ),
        "[hnsf'U]",
        "Mean radiodensity of subcutaneous fat.",
        gauss(-95.0, 9.0, load(&[(CACHEXIA, 0.4)]), -125.0, -50.0, 1),
    );
    b.add(
        spec(
            BodyComposition,
            "ct_vat_sat_ratio",
            "Visceral-to-subcutaneous fat ratio",
            "Verhältnis viszerales zu subkutanem Fett",
            "1",
            Numeric,
            "Visceral divided by subcutaneous fat area.",
        ),
        Sampler::Derived(Derivation::Ratio {
            num: vat,
            den: sat,
            decimals: 2,
        }),
    );
    ct(
        b,
        (
            "ct_psoas_area",
            "Psoas muscle area (L3)",
            "Psoasfläche (L3)",
        ),
        "cm2",
        "Cross-sectional area of both psoas muscles at L3.",
        linked(muscle, 0.12, 2.0, 2.0, false, (3.0, 50.0), 1),
    );
    let bone_hu = ct(
        b,
        (
            "ct_bone_density",
            "Vertebral bone density (L1)",
            "Knochendichte (L1)",
        ),
        "[hnsf'U]",
        "Trabecular attenuation of the first lumbar vertebra.",
        gauss(150.0, 45.0, load(&[(AGE, -0.6)]), 20.0, 400.0, 0),
    );
    b.defs[bone_hu].female(-0.3);
    ct(
        b,
        ("ct_liver_attenuation", "Liver attenuation", "Leberdichte"),
        "[hnsf'U]",
        "Mean liver radiodensity; low in steatosis.",
        gauss(55.0, 10.0, NO_LOAD, 0.0, 90.0, 0),
    );
    let liver = ct(
        b,
        ("ct_liver_volume", "Liver volume", "Lebervolumen"),
        "mL",
        "Segmented liver volume.",
        lognormal(1600.0, 0.25, load(&[(BURDEN, 0.2)]), 600.0, 6000.0, 0),
    );
    b.defs[liver].shift(&[(HCC, 1.0), (UVM, 0.6), (NET, 0.4)]);
    let spleen = ct(
        b,
        ("ct_spleen_volume", "Spleen volume", "Milzvolumen"),
        "mL",
        "Segmented spleen volume.",
        lognormal(220.0, 0.4, NO_LOAD, 50.0, 2500.0, 0),
    );
    b.defs[spleen].shift(&[(HCC, 0.8)]);
    let effusion = b.add(
        spec(
            BodyComposition,
            "ct_pleural_effusion",
            "Pleural effusion (CT)",
            "Pleuraerguss (CT)",
            "1",
            Binary,
            "Pleural effusion on the baseline CT.",
        ),
        event(
            0.1,
            &[(MESO, 0.6), (LUAD, 0.25), (OV, 0.2)],
            load(&[(BURDEN, 0.5)]),
        ),
    );
    effusion.effect(Effect::Present(0.102));
    b.add(
        spec(
            BodyComposition,
            "ct_ascites",
            "Ascites (CT)",
            "Aszites (CT)",
            "1",
            Binary,
            "Ascites on the baseline CT.",
        ),
        event(
            0.08,
            &[(OV, 0.35), (PAAD, 0.15), (HCC, 0.2), (STAD, 0.15)],
            load(&[(BURDEN, 0.6)]),
        ),
    );
    ct(
        b,
        (
            "ct_aortic_calcification",
            "Aortic calcification",
            "Aortenverkalkung",
        ),
        "mL",
        "Volume of calcified plaque in the abdominal aorta.",
        lognormal(1.5, 1.2, load(&[(AGE, 0.6)]), 0.0, 80.0, 2),
    );
    ct(
        b,
        (
            "ct_epicardial_fat",
            "Epicardial fat volume",
            "Epikardiales Fettvolumen",
        ),
        "mL",
        "Segmented epicardial adipose tissue.",
        lognormal(
            100.0,
            0.4,
            load(&[(CACHEXIA, -0.3), (AGE, 0.3)]),
            10.0,
            500.0,
            0,
        ),
    );
    let (smi, female, bmi) = (b.col("ct_smi"), b.col("sex_female"), b.col("bmi"));
    b.add(spec(BodyComposition, "ct_sarcopenia", "Sarcopenia (CT)", "Sarkopenie (CT)", "1", Binary, "Low skeletal muscle index by the sex- and BMI-specific cut-offs of Martin et al. 2013."), Sampler::Derived(Derivation::Sarcopenia { smi, female, bmi }));
    b.add(
        spec(
            BodyComposition,
            "ct_myosteatosis",
            "Myosteatosis (CT)",
            "Myosteatose (CT)",
            "1",
            Binary,
            "Low muscle attenuation by the BMI-specific cut-offs of Martin et al. 2013.",
        ),
        Sampler::Derived(Derivation::Myosteatosis { muscle_hu, bmi }),
    );
}
