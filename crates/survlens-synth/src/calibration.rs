//! The calibration presets: 40 markers in five entities, built to test interaction methods.
//!
//! [`Preset::Additive`](crate::Preset::Additive) has main effects only: its true log-hazard
//! is a sum of one function per marker, so every pair of markers is additive and any pair
//! a method declares is a false discovery. [`Preset::Planted`](crate::Preset::Planted) is
//! its twin with two planted interactions (same seed, same patients and values; only the
//! hazard differs): an EGFR inhibitor helps EGFR-mutant tumours only, and systemic
//! inflammation (CRP) blunts the benefit of PD-1 blockade.
//!
//! Both carry what makes a dense network couple markers without any interaction in the
//! disease, so that a method is tested where it is hardest: markers correlated in blocks
//! through the latent factors (inflammation, tumour burden, cachexia, frailty, age);
//! derived markers (neutrophil-to-lymphocyte ratio, eGFR from creatinine, age and sex, body
//! mass index from weight and height, the Charlson index from the comorbidities);
//! near-identical markers (haematocrit from haemoglobin, AST from ALT); a sequencing panel
//! missing for most patients, so that five mutation markers share their missing indicator;
//! categorical markers (ECOG, UICC stage) entered as one-hot levels; and a targeted drug
//! given mostly to carriers of its target, with enough patients treated without the target
//! (empirical therapy before the result, or for another alteration) and carriers not
//! treated for the pair to be identifiable.

use crate::MarkerKind::{Binary, Categorical, Numeric};
use crate::cohort::Entity;
use crate::dictionary::Code::{Hgnc, Loinc};
use crate::dictionary::{MarkerSpec, Modality};
use crate::effect::{Effect, Gate};
use crate::engine::{
    AGE, BURDEN, CACHEXIA, Censoring, Derivation, EntityDef, EntityRates, FRAILTY, INFLAMMATION,
    InteractionDef, Latent, Load, MarkerDef, Missingness, NO_LOAD, Panel, PatientCtx, PresetDef,
    Sampler, load, sample_age, sample_female,
};
use crate::sampling::{logistic, logit, round};

const LUNG: usize = 0;
const COLORECTAL: usize = 1;
const BREAST: usize = 2;
const PANCREAS: usize = 3;
const MELANOMA: usize = 4;

pub(crate) const ENTITIES: [EntityDef; 5] = [
    EntityDef {
        entity: Entity::new(
            "lung_nsclc",
            "Non-small cell lung cancer",
            "Nicht-kleinzelliges Lungenkarzinom",
            "C34",
        ),
        weight: 34.0,
        weibull_shape: 1.1,
        reference_median_days: 420.0,
        latent_shift: load(&[(BURDEN, 0.1), (FRAILTY, 0.15)]),
        age_mean: 66.0,
        female_share: 0.4,
    },
    EntityDef {
        entity: Entity::new(
            "colorectal",
            "Colorectal cancer",
            "Kolorektales Karzinom",
            "C18-C20",
        ),
        weight: 22.0,
        weibull_shape: 1.0,
        reference_median_days: 780.0,
        latent_shift: NO_LOAD,
        age_mean: 65.0,
        female_share: 0.42,
    },
    EntityDef {
        entity: Entity::new("breast", "Breast cancer", "Mammakarzinom", "C50"),
        weight: 18.0,
        weibull_shape: 0.95,
        reference_median_days: 1100.0,
        latent_shift: load(&[(BURDEN, -0.2), (INFLAMMATION, -0.2)]),
        age_mean: 58.0,
        female_share: 0.99,
    },
    EntityDef {
        entity: Entity::new("pancreas", "Pancreatic cancer", "Pankreaskarzinom", "C25"),
        weight: 12.0,
        weibull_shape: 1.25,
        reference_median_days: 270.0,
        latent_shift: load(&[(BURDEN, 0.3), (CACHEXIA, 0.5), (INFLAMMATION, 0.2)]),
        age_mean: 68.0,
        female_share: 0.46,
    },
    EntityDef {
        entity: Entity::new("melanoma", "Melanoma", "Malignes Melanom", "C43"),
        weight: 14.0,
        weibull_shape: 0.9,
        reference_median_days: 900.0,
        latent_shift: load(&[(CACHEXIA, -0.3)]),
        age_mean: 62.0,
        female_share: 0.43,
    },
];

/// Column of `sex_female`.
const SEX: usize = 1;
/// Column of `height`.
const HEIGHT: usize = 4;
/// Column of `mut_egfr`.
const MUT_EGFR: usize = 32;

fn sample_height(ctx: &mut PatientCtx<'_>) -> f32 {
    let female = ctx.values.get(SEX).is_some_and(|&s| s == 1.0);
    let (mean, sd) = if female { (165.0, 6.5) } else { (178.0, 7.0) };
    round((mean + sd * ctx.draws.normal()).clamp(140.0, 205.0)) as f32
}

fn sample_weight_loss(ctx: &mut PatientCtx<'_>) -> f32 {
    let loss = 2.2 * ctx.draws.gamma(1.3) * libm::exp(0.6 * ctx.latent[CACHEXIA]);
    (round(10.0 * loss.min(40.0)) / 10.0) as f32
}

/// EGFR inhibitors: 80% of carriers; without the mutation, 12% of lung cancers (treated
/// before the result, or for another alteration) and 1% elsewhere.
fn sample_egfr_tki(ctx: &mut PatientCtx<'_>) -> f32 {
    let carrier = ctx.values.get(MUT_EGFR).is_some_and(|&v| v == 1.0);
    let p: f64 = match (carrier, ctx.entity) {
        (true, _) => 0.8,
        (false, LUNG) => 0.12,
        (false, _) => 0.01,
    };
    let p = logistic(logit(p) - 0.3 * ctx.latent[FRAILTY]);
    f32::from(u8::from(ctx.draws.bernoulli(p)))
}

fn panel_probability(panel: Panel, entity: usize, latent: &Latent, _values: &[f32]) -> f64 {
    match panel {
        Panel::Always => 1.0,
        Panel::Examination => 0.95,
        Panel::Laboratory => 0.96,
        Panel::Ct => 0.6,
        Panel::Sequencing => {
            let base: f64 = match entity {
                LUNG => 0.75,
                MELANOMA => 0.7,
                COLORECTAL => 0.5,
                _ => 0.2,
            };
            logistic(logit(base) - 0.4 * latent[FRAILTY])
        }
    }
}

const fn spec(
    modality: Modality,
    id: &'static str,
    name: &'static str,
    name_de: &'static str,
    unit: &'static str,
    kind: crate::MarkerKind,
    description: &'static str,
) -> MarkerSpec {
    MarkerSpec {
        id,
        name,
        name_de,
        modality,
        unit,
        reference_range: None,
        kind,
        code: None,
        description,
    }
}

const fn marker(spec: MarkerSpec, sampler: Sampler, effect: Option<Effect>) -> MarkerDef {
    let panel = match spec.modality {
        Modality::VitalSigns => Panel::Examination,
        Modality::Laboratory => Panel::Laboratory,
        Modality::BodyComposition => Panel::Ct,
        Modality::Mutation => Panel::Sequencing,
        _ => Panel::Always,
    };
    MarkerDef {
        spec,
        sampler,
        entity_shift: &[],
        female_shift: 0.0,
        effect,
        missing: Missingness::panel(panel),
        implies_panel: None,
    }
}

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

const fn event(background: f32, by_entity: &'static [(usize, f32)], load: Load) -> Sampler {
    Sampler::Event {
        rates: EntityRates {
            background,
            by_entity,
        },
        load,
        given: None,
    }
}

/// A laboratory value: `(id, English name, German name)`, unit, reference range, LOINC
/// code, how it is drawn, its effect and its own missing rate.
const fn lab(
    (id, name, name_de): (&'static str, &'static str, &'static str),
    unit: &'static str,
    range: (f32, f32),
    loinc: &'static str,
    sampler: Sampler,
    effect: Option<Effect>,
    missing: f32,
) -> MarkerDef {
    let mut def = marker(
        MarkerSpec {
            reference_range: Some(range),
            code: Some(Loinc(loinc)),
            ..spec(
                Modality::Laboratory,
                id,
                name,
                name_de,
                unit,
                Numeric,
                "Baseline laboratory value.",
            )
        },
        sampler,
        effect,
    );
    def.missing = Missingness::rate(Panel::Laboratory, missing);
    def
}

const fn binary(
    modality: Modality,
    id: &'static str,
    name: &'static str,
    name_de: &'static str,
    description: &'static str,
    sampler: Sampler,
    effect: Option<Effect>,
) -> MarkerDef {
    marker(
        spec(modality, id, name, name_de, "1", Binary, description),
        sampler,
        effect,
    )
}

const fn mutation(
    id: &'static str,
    symbol: &'static str,
    rates: &'static [(usize, f32)],
    background: f32,
    effect: Option<Effect>,
) -> MarkerDef {
    let mut def = binary(
        Modality::Mutation,
        id,
        symbol,
        symbol,
        "Pathogenic alteration of this gene in the tumour panel.",
        event(background, rates, NO_LOAD),
        effect,
    );
    def.spec.code = Some(Hgnc(symbol));
    def
}

const ECOG_LEVELS: &[&str] = &["0", "1", "2", "3-4"];
const STAGE_LEVELS: &[&str] = &["I", "II", "III", "IV"];

/// Column indices used by derived markers (checked by the engine: earlier columns only).
const NEUTROPHILS: usize = 11;
const LYMPHOCYTES: usize = 12;
const HAEMOGLOBIN: usize = 14;
const CREATININE: usize = 16;
const ALT: usize = 20;
const AGE_COL: usize = 0;
const WEIGHT: usize = 5;
const DIABETES: usize = 25;
const COPD: usize = 26;
const HEART_FAILURE: usize = 27;
const KIDNEY: usize = 28;
const STAGE: usize = 3;

fn markers() -> Vec<MarkerDef> {
    let mut defs = vec![
        // 0-1: demographics.
        marker(
            MarkerSpec {
                code: Some(Loinc("30525-0")),
                ..spec(
                    Modality::Demographics,
                    "age",
                    "Age",
                    "Alter",
                    "years",
                    Numeric,
                    "Age at start of systemic therapy.",
                )
            },
            Sampler::Custom(sample_age),
            Some(Effect::Hinge {
                knot: 60.0,
                slope_below: 0.0,
                slope_above: 0.03,
            }),
        ),
        binary(
            Modality::Demographics,
            "sex_female",
            "Female sex",
            "Weibliches Geschlecht",
            "Administrative sex is female (1) or male (0).",
            Sampler::Custom(sample_female),
            Some(Effect::Levels(&[0.0, -0.12])),
        ),
        // 2-3: performance status and stage, one-hot in the network.
        marker(
            spec(
                Modality::VitalSigns,
                "ecog",
                "ECOG performance status",
                "ECOG-Leistungsstatus",
                "1",
                Categorical {
                    levels: ECOG_LEVELS,
                    ordered: true,
                },
                "Eastern Cooperative Oncology Group performance status, 0 = fully active.",
            ),
            Sampler::Ordinal {
                cuts: &[-0.385, 0.674, 1.476],
                load: load(&[(FRAILTY, 0.85)]),
            },
            Some(Effect::Levels(&[0.0, 0.3, 0.7, 1.2])),
        ),
        marker(
            spec(
                Modality::ClinicalRecord,
                "uicc_stage",
                "UICC stage",
                "UICC-Stadium",
                "1",
                Categorical {
                    levels: STAGE_LEVELS,
                    ordered: true,
                },
                "UICC TNM stage at start of therapy.",
            ),
            Sampler::Ordinal {
                cuts: &[-1.6, -0.8, 0.0],
                load: load(&[(BURDEN, 0.8)]),
            },
            Some(Effect::Levels(&[0.0, 0.15, 0.4, 0.9])),
        ),
        // 4-8: body measures.
        marker(
            spec(
                Modality::VitalSigns,
                "height",
                "Body height",
                "Körpergröße",
                "cm",
                Numeric,
                "Standing height.",
            ),
            Sampler::Custom(sample_height),
            None,
        ),
        marker(
            spec(
                Modality::VitalSigns,
                "weight",
                "Body weight",
                "Körpergewicht",
                "kg",
                Numeric,
                "Body weight at start of therapy.",
            ),
            Sampler::BodyWeight {
                height: HEIGHT,
                bmi_median: 25.0,
                bmi_sigma: 0.16,
                load: load(&[(CACHEXIA, -0.45)]),
            },
            None,
        ),
        marker(
            spec(
                Modality::VitalSigns,
                "bmi",
                "Body mass index",
                "Body-Mass-Index",
                "kg/m2",
                Numeric,
                "Body weight divided by the square of height.",
            ),
            Sampler::Derived(Derivation::PerHeightSquared {
                value: WEIGHT,
                height: HEIGHT,
                decimals: 1,
            }),
            Some(Effect::UShape {
                optimum: 25.0,
                scale: 5.0,
                coef: 0.2,
                cap: 0.7,
            }),
        ),
        marker(
            spec(
                Modality::VitalSigns,
                "weight_loss_6m",
                "Weight loss in 6 months",
                "Gewichtsverlust in 6 Monaten",
                "%",
                Numeric,
                "Loss of body weight over the 6 months before therapy.",
            ),
            Sampler::Custom(sample_weight_loss),
            Some(Effect::Above {
                cut: 5.0,
                delta: 0.3,
            }),
        ),
        marker(
            spec(
                Modality::VitalSigns,
                "heart_rate",
                "Heart rate",
                "Herzfrequenz",
                "1/min",
                Numeric,
                "Resting heart rate.",
            ),
            gauss(
                80.0,
                13.0,
                load(&[(INFLAMMATION, 0.3), (FRAILTY, 0.2)]),
                40.0,
                160.0,
                0,
            ),
            None,
        ),
        // 9-24: laboratory (glucose and potassium without effect).
        lab(
            ("lab_albumin", "Albumin", "Albumin"),
            "g/L",
            (35.0, 52.0),
            "1751-7",
            gauss(
                38.0,
                5.0,
                load(&[(CACHEXIA, -0.55), (INFLAMMATION, -0.3)]),
                15.0,
                55.0,
                1,
            ),
            Some(Effect::Hinge {
                knot: 35.0,
                slope_below: 0.06,
                slope_above: 0.0,
            }),
            0.08,
        ),
        lab(
            ("lab_crp", "C-reactive protein", "C-reaktives Protein"),
            "mg/L",
            (0.0, 5.0),
            "1988-5",
            lognormal(9.0, 1.2, load(&[(INFLAMMATION, 0.85)]), 0.3, 400.0, 1),
            Some(Effect::LogAbove {
                reference: 10.0,
                per_doubling: 0.12,
            }),
            0.05,
        ),
        lab(
            ("lab_neutrophils", "Neutrophils", "Neutrophile Granulozyten"),
            "10^9/L",
            (1.8, 7.7),
            "751-8",
            lognormal(4.6, 0.4, load(&[(INFLAMMATION, 0.55)]), 0.1, 60.0, 2),
            None,
            0.1,
        ),
        lab(
            ("lab_lymphocytes", "Lymphocytes", "Lymphozyten"),
            "10^9/L",
            (1.0, 4.8),
            "731-0",
            lognormal(
                1.4,
                0.45,
                load(&[(INFLAMMATION, -0.35), (BURDEN, -0.15)]),
                0.05,
                15.0,
                2,
            ),
            None,
            0.1,
        ),
        lab(
            (
                "lab_nlr",
                "Neutrophil-to-lymphocyte ratio",
                "Neutrophilen-Lymphozyten-Quotient",
            ),
            "1",
            (0.8, 3.0),
            "",
            Sampler::Derived(Derivation::Ratio {
                num: NEUTROPHILS,
                den: LYMPHOCYTES,
                decimals: 2,
            }),
            Some(Effect::Above {
                cut: 5.0,
                delta: 0.25,
            }),
            0.0,
        ),
        lab(
            ("lab_haemoglobin", "Haemoglobin", "Hämoglobin"),
            "g/dL",
            (12.0, 17.0),
            "718-7",
            gauss(
                12.4,
                1.7,
                load(&[(INFLAMMATION, -0.35), (BURDEN, -0.25)]),
                5.0,
                19.0,
                1,
            ),
            Some(Effect::Below {
                cut: 10.0,
                delta: 0.3,
            }),
            0.03,
        ),
        lab(
            ("lab_haematocrit", "Haematocrit", "Hämatokrit"),
            "%",
            (36.0, 50.0),
            "4544-3",
            Sampler::Linked {
                of: HAEMOGLOBIN,
                slope: 2.95,
                intercept: 0.5,
                sd: 0.6,
                log: false,
                min: 15.0,
                max: 60.0,
                decimals: 1,
            },
            None,
            0.03,
        ),
        lab(
            ("lab_creatinine", "Creatinine", "Kreatinin"),
            "mg/dL",
            (0.6, 1.2),
            "2160-0",
            lognormal(0.9, 0.3, load(&[(AGE, 0.3)]), 0.3, 9.0, 2),
            None,
            0.04,
        ),
        lab(
            ("lab_egfr", "Estimated GFR", "Geschätzte GFR"),
            "mL/min/1.73m2",
            (90.0, 150.0),
            "98979-8",
            Sampler::Derived(Derivation::EgfrCkdEpi2021 {
                creatinine: CREATININE,
                age: AGE_COL,
                female: SEX,
            }),
            Some(Effect::Below {
                cut: 45.0,
                delta: 0.25,
            }),
            0.0,
        ),
        lab(
            ("lab_sodium", "Sodium", "Natrium"),
            "mmol/L",
            (135.0, 145.0),
            "2951-2",
            gauss(
                139.0,
                3.5,
                load(&[(BURDEN, -0.2), (FRAILTY, -0.15)]),
                115.0,
                155.0,
                0,
            ),
            Some(Effect::Below {
                cut: 135.0,
                delta: 0.2,
            }),
            0.03,
        ),
        lab(
            ("lab_ldh", "Lactate dehydrogenase", "Laktatdehydrogenase"),
            "U/L",
            (135.0, 250.0),
            "2532-0",
            lognormal(230.0, 0.45, load(&[(BURDEN, 0.7)]), 80.0, 5000.0, 0),
            Some(Effect::LogAbove {
                reference: 250.0,
                per_doubling: 0.25,
            }),
            0.1,
        ),
        lab(
            (
                "lab_alt",
                "Alanine aminotransferase",
                "Alanin-Aminotransferase",
            ),
            "U/L",
            (10.0, 50.0),
            "1742-6",
            lognormal(24.0, 0.5, load(&[(BURDEN, 0.2)]), 4.0, 1000.0, 0),
            None,
            0.05,
        ),
        lab(
            (
                "lab_ast",
                "Aspartate aminotransferase",
                "Aspartat-Aminotransferase",
            ),
            "U/L",
            (10.0, 50.0),
            "1920-8",
            Sampler::Linked {
                of: ALT,
                slope: 0.85,
                intercept: 0.6,
                sd: 0.2,
                log: true,
                min: 4.0,
                max: 1500.0,
                decimals: 0,
            },
            None,
            0.05,
        ),
        lab(
            ("lab_platelets", "Platelets", "Thrombozyten"),
            "10^9/L",
            (150.0, 400.0),
            "777-3",
            lognormal(
                255.0,
                0.32,
                load(&[(INFLAMMATION, 0.4), (BURDEN, 0.1)]),
                5.0,
                1500.0,
                0,
            ),
            None,
            0.02,
        ),
        lab(
            ("lab_glucose", "Glucose", "Glukose"),
            "mg/dL",
            (70.0, 100.0),
            "2345-7",
            lognormal(105.0, 0.2, NO_LOAD, 40.0, 600.0, 0),
            None,
            0.1,
        ),
        lab(
            ("lab_potassium", "Potassium", "Kalium"),
            "mmol/L",
            (3.5, 5.1),
            "2823-3",
            gauss(4.2, 0.45, NO_LOAD, 2.0, 7.5, 1),
            None,
            0.03,
        ),
        // 25-29: comorbidities and the Charlson index.
        binary(
            Modality::ClinicalRecord,
            "diabetes",
            "Diabetes mellitus",
            "Diabetes mellitus",
            "Coded diagnosis before start of therapy.",
            event(
                0.16,
                &[(PANCREAS, 0.3)],
                load(&[(AGE, 0.3), (FRAILTY, 0.2)]),
            ),
            Some(Effect::Present(0.1)),
        ),
        binary(
            Modality::ClinicalRecord,
            "copd",
            "Chronic obstructive pulmonary disease",
            "Chronisch obstruktive Lungenerkrankung",
            "Coded diagnosis before start of therapy.",
            event(0.12, &[(LUNG, 0.3)], load(&[(AGE, 0.3), (FRAILTY, 0.3)])),
            None,
        ),
        binary(
            Modality::ClinicalRecord,
            "heart_failure",
            "Heart failure",
            "Herzinsuffizienz",
            "Coded diagnosis before start of therapy.",
            event(0.07, &[], load(&[(AGE, 0.5), (FRAILTY, 0.4)])),
            Some(Effect::Present(0.3)),
        ),
        binary(
            Modality::ClinicalRecord,
            "chronic_kidney_disease",
            "Chronic kidney disease",
            "Chronische Niereninsuffizienz",
            "Coded diagnosis before start of therapy.",
            event(0.08, &[], load(&[(AGE, 0.5)])),
            None,
        ),
        marker(
            spec(
                Modality::ClinicalRecord,
                "charlson_index",
                "Charlson comorbidity index",
                "Charlson-Komorbiditätsindex",
                "{score}",
                Numeric,
                "Charlson weights of the coded comorbidities plus 2 for the solid tumour (6 if metastatic).",
            ),
            Sampler::Derived(Derivation::Sum {
                terms: vec![
                    (DIABETES, Gate::Is(1.0), 1.0),
                    (COPD, Gate::Is(1.0), 1.0),
                    (HEART_FAILURE, Gate::Is(1.0), 1.0),
                    (KIDNEY, Gate::Is(1.0), 2.0),
                    (STAGE, Gate::AtLeast(3.0), 4.0),
                ],
                constant: 2.0,
            }),
            None,
        ),
        // 30-34: the sequencing panel.
        mutation(
            "mut_kras",
            "KRAS",
            &[(LUNG, 0.3), (COLORECTAL, 0.42), (PANCREAS, 0.9)],
            0.03,
            Some(Effect::Present(0.25)),
        ),
        mutation(
            "mut_braf",
            "BRAF",
            &[(MELANOMA, 0.45), (COLORECTAL, 0.1), (LUNG, 0.03)],
            0.01,
            None,
        ),
        mutation(
            "mut_egfr",
            "EGFR",
            &[(LUNG, 0.18)],
            0.01,
            Some(Effect::Present(-0.2)),
        ),
        mutation(
            "mut_tp53",
            "TP53",
            &[
                (LUNG, 0.5),
                (COLORECTAL, 0.55),
                (PANCREAS, 0.7),
                (BREAST, 0.3),
            ],
            0.3,
            Some(Effect::Present(0.15)),
        ),
        mutation(
            "tmb_high",
            "TMB-high",
            &[(LUNG, 0.3), (MELANOMA, 0.5), (COLORECTAL, 0.08)],
            0.03,
            None,
        ),
        // 35-39: treatments.
        binary(
            Modality::Treatment,
            "tx_platinum",
            "Platinum compound",
            "Platinderivat",
            "Cisplatin, carboplatin or oxaliplatin.",
            event(
                0.3,
                &[
                    (LUNG, 0.6),
                    (COLORECTAL, 0.6),
                    (PANCREAS, 0.5),
                    (MELANOMA, 0.02),
                    (BREAST, 0.1),
                ],
                load(&[(FRAILTY, -0.5)]),
            ),
            Some(Effect::Present(-0.2)),
        ),
        binary(
            Modality::Treatment,
            "tx_anti_pd1",
            "Anti-PD-1/PD-L1 antibody",
            "Anti-PD-1/PD-L1-Antikörper",
            "Pembrolizumab, nivolumab, atezolizumab or durvalumab.",
            event(
                0.05,
                &[(LUNG, 0.5), (MELANOMA, 0.65), (COLORECTAL, 0.05)],
                load(&[(FRAILTY, -0.3)]),
            ),
            Some(Effect::Present(-0.3)),
        ),
        binary(
            Modality::Treatment,
            "tx_egfr_tki",
            "EGFR tyrosine kinase inhibitor",
            "EGFR-Tyrosinkinaseinhibitor",
            "Osimertinib, afatinib, erlotinib or gefitinib.",
            Sampler::Custom(sample_egfr_tki),
            Some(Effect::Present(-0.3)),
        ),
        binary(
            Modality::Treatment,
            "tx_steroids",
            "Systemic corticosteroids",
            "Systemische Kortikosteroide",
            "At least 10 mg prednisone equivalent daily at therapy start.",
            event(0.15, &[], load(&[(FRAILTY, 0.4), (BURDEN, 0.3)])),
            Some(Effect::Present(0.15)),
        ),
        binary(
            Modality::Treatment,
            "tx_opioids",
            "Opioid analgesics",
            "Opioid-Analgetika",
            "Regular opioid medication at therapy start.",
            event(0.3, &[], load(&[(BURDEN, 0.5)])),
            Some(Effect::Present(0.15)),
        ),
    ];
    // The targeted drug means the tumour was sequenced.
    if let Some(def) = defs.iter_mut().find(|d| d.spec.id == "tx_egfr_tki") {
        def.implies_panel = Some(Panel::Sequencing);
    }
    if let Some(def) = defs.iter_mut().find(|d| d.spec.id == "ecog") {
        def.missing = Missingness::rate(Panel::Examination, 0.05);
    }
    if let Some(def) = defs.iter_mut().find(|d| d.spec.id == "weight_loss_6m") {
        def.missing = Missingness {
            panel: Panel::Examination,
            rate: 0.15,
            by_entity: &[],
            load: load(&[(FRAILTY, 0.3)]),
        };
    }
    defs
}

const INTERACTIONS: [InteractionDef; 2] = [
    InteractionDef {
        id: "egfr_x_egfr_tki",
        name: "EGFR mutation x EGFR tyrosine kinase inhibitor",
        a: "mut_egfr",
        gate_a: Gate::Is(1.0),
        b: "tx_egfr_tki",
        gate_b: Gate::Is(1.0),
        coef: -0.8,
        description: "EGFR inhibitors prolong survival only in EGFR-mutant tumours.",
    },
    InteractionDef {
        id: "anti_pd1_x_crp",
        name: "Anti-PD-1 x CRP",
        a: "tx_anti_pd1",
        gate_a: Gate::Is(1.0),
        b: "lab_crp",
        gate_b: Gate::LogAbove(10.0),
        coef: 0.3,
        description: "Systemic inflammation blunts the benefit of PD-1 blockade.",
    },
];

/// The marker table (for the dictionary).
pub(crate) fn marker_specs() -> Vec<MarkerSpec> {
    markers().into_iter().map(|m| m.spec).collect()
}

/// A calibration preset: `planted` chooses the twin.
pub(crate) fn preset(planted: bool) -> PresetDef<'static> {
    PresetDef {
        name: if planted { "planted" } else { "additive" },
        entities: &ENTITIES,
        markers: std::borrow::Cow::Owned(markers()),
        interactions: if planted { &INTERACTIONS } else { &[] },
        censoring: Censoring {
            accrual_days: 1500.0,
            min_follow_up_days: 180.0,
            loss_to_follow_up_per_year: 0.05,
        },
        typical_log_hr: TYPICAL_LOG_HR,
        panel_probability,
    }
}

/// Mean log-hazard ratio of the additive cohort, at which the entity medians hold.
const TYPICAL_LOG_HR: f32 = 1.0;
