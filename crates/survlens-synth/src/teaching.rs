//! The teaching preset: five entities, sixteen markers, effects large enough to see.
//!
//! Built for a first session with the page: each prognostic marker has one clear shape
//! (a threshold, a hinge, a U, a log-linear rise), two markers are correlated with
//! prognostic ones but have no effect of their own (leukocytes track CRP; height tracks
//! sex), two are pure noise, and two interactions are planted: BRAF-targeted therapy only
//! helps BRAF-mutant tumours, and inflammation blunts the benefit of immunotherapy.

use crate::MarkerKind::{Binary, Categorical, Numeric};
use crate::cohort::Entity;
use crate::dictionary::Code::{Atc, Hgnc, Loinc};
use crate::dictionary::{MarkerSpec, Modality};
use crate::effect::{Effect, Gate};
use crate::engine::{
    BURDEN, CACHEXIA, Censoring, EntityDef, FRAILTY, INFLAMMATION, InteractionDef, Latent,
    MarkerDef, Missingness, NO_LOAD, Panel, PatientCtx, PresetDef, Sampler, load, sample_age,
    sample_female,
};
use crate::sampling::{logistic, round};

const LUNG: usize = 0;
const COLORECTAL: usize = 1;
const BREAST: usize = 2;
const PANCREAS: usize = 3;
const MELANOMA: usize = 4;

/// Column of `sex_female`.
const SEX: usize = 1;
/// Column of `mut_braf`.
const BRAF: usize = 12;
/// Column of `tx_braf_targeted`.
const TARGETED: usize = 13;

pub(crate) const ENTITIES: [EntityDef; 5] = [
    EntityDef {
        entity: Entity::new(
            "lung_nsclc",
            "Non-small cell lung cancer",
            "Nicht-kleinzelliges Lungenkarzinom",
            "C34",
        ),
        weight: 30.0,
        weibull_shape: 1.1,
        reference_median_days: 2200.0,
        latent_shift: load(&[(BURDEN, 0.1), (FRAILTY, 0.15)]),
        age_mean: 66.0,
        female_share: 0.38,
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
        reference_median_days: 4200.0,
        latent_shift: NO_LOAD,
        age_mean: 64.0,
        female_share: 0.42,
    },
    EntityDef {
        entity: Entity::new("breast", "Breast cancer", "Mammakarzinom", "C50"),
        weight: 20.0,
        weibull_shape: 0.95,
        reference_median_days: 6000.0,
        latent_shift: load(&[(BURDEN, -0.2), (INFLAMMATION, -0.2)]),
        age_mean: 58.0,
        female_share: 0.99,
    },
    EntityDef {
        entity: Entity::new("pancreas", "Pancreatic cancer", "Pankreaskarzinom", "C25"),
        weight: 13.0,
        weibull_shape: 1.25,
        reference_median_days: 1300.0,
        latent_shift: load(&[(BURDEN, 0.3), (CACHEXIA, 0.5), (INFLAMMATION, 0.2)]),
        age_mean: 67.0,
        female_share: 0.46,
    },
    EntityDef {
        entity: Entity::new("melanoma", "Melanoma", "Malignes Melanom", "C43"),
        weight: 15.0,
        weibull_shape: 0.9,
        reference_median_days: 5000.0,
        latent_shift: load(&[(CACHEXIA, -0.3)]),
        age_mean: 62.0,
        female_share: 0.43,
    },
];

fn sample_height(ctx: &mut PatientCtx<'_>) -> f32 {
    let female = ctx.values.get(SEX).is_some_and(|&s| s == 1.0);
    let (mean, sd) = if female { (164.0, 6.5) } else { (177.0, 7.0) };
    let height = (mean + sd * ctx.draws.normal()).clamp(140.0, 205.0);
    round(height) as f32
}

fn sample_weight_loss(ctx: &mut PatientCtx<'_>) -> f32 {
    // Gamma-distributed: most patients lose a little weight, a cachectic tail loses a lot.
    let loss = 2.2 * ctx.draws.gamma(1.3) * libm::exp(0.6 * ctx.latent[CACHEXIA]);
    (round(10.0 * loss.min(40.0)) / 10.0) as f32
}

fn sample_targeted(ctx: &mut PatientCtx<'_>) -> f32 {
    let mutant = ctx.values.get(BRAF).is_some_and(|&v| v == 1.0);
    // BRAF/MEK inhibitors go to BRAF V600-mutant tumours; a few wild-type patients get
    // another targeted drug that this marker also records (and that does not help them).
    let p = if mutant { 0.7 } else { 0.03 };
    f32::from(u8::from(ctx.draws.bernoulli(p)))
}

fn sample_immunotherapy(ctx: &mut PatientCtx<'_>) -> f32 {
    let base: f64 = match ctx.entity {
        LUNG => 0.45,
        MELANOMA => 0.6,
        COLORECTAL | PANCREAS => 0.04,
        _ => 0.06,
    };
    let on_targeted = ctx.values.get(TARGETED).is_some_and(|&v| v == 1.0);
    let p = if on_targeted { base * 0.3 } else { base };
    f32::from(u8::from(ctx.draws.bernoulli(p)))
}

fn panel_probability(panel: Panel, entity: usize, latent: &Latent, _values: &[f32]) -> f64 {
    match panel {
        Panel::Always => 1.0,
        Panel::Examination => 0.96,
        Panel::Laboratory => 0.97,
        // The teaching preset has no CT markers.
        Panel::Ct => 0.0,
        Panel::Sequencing => {
            let base: f64 = match entity {
                LUNG => 1.0,
                COLORECTAL => 0.5,
                MELANOMA => 1.7,
                PANCREAS => -0.8,
                BREAST => -1.1,
                _ => -1.0,
            };
            // Fit patients are sequenced more often: testing is for those who can be treated.
            logistic(base - 0.5 * latent[FRAILTY])
        }
    }
}

const ECOG_LEVELS: &[&str] = &["0", "1", "2", "3-4"];
const STAGE_LEVELS: &[&str] = &["I", "II", "III", "IV"];

const MARKERS: [MarkerDef; 16] = [
    MarkerDef {
        spec: MarkerSpec {
            id: "age",
            name: "Age",
            name_de: "Alter",
            modality: Modality::Demographics,
            unit: "years",
            reference_range: None,
            kind: Numeric,
            code: Some(Loinc("30525-0")),
            description: "Age at start of systemic therapy.",
        },
        sampler: Sampler::Custom(sample_age),
        entity_shift: &[],
        effect: Some(Effect::Hinge {
            knot: 60.0,
            slope_below: 0.0,
            slope_above: 0.04,
        }),
        female_shift: 0.0,
        implies_panel: None,
        missing: Missingness::panel(Panel::Always),
    },
    MarkerDef {
        spec: MarkerSpec {
            id: "sex_female",
            name: "Female sex",
            name_de: "Weibliches Geschlecht",
            modality: Modality::Demographics,
            unit: "1",
            reference_range: None,
            kind: Binary,
            code: Some(Loinc("46098-0")),
            description: "Administrative sex is female (1) or male (0).",
        },
        sampler: Sampler::Custom(sample_female),
        entity_shift: &[],
        effect: Some(Effect::Levels(&[0.0, -0.15])),
        female_shift: 0.0,
        implies_panel: None,
        missing: Missingness::panel(Panel::Always),
    },
    MarkerDef {
        spec: MarkerSpec {
            id: "ecog",
            name: "ECOG performance status",
            name_de: "ECOG-Leistungsstatus",
            modality: Modality::VitalSigns,
            unit: "1",
            reference_range: None,
            kind: Categorical {
                levels: ECOG_LEVELS,
                ordered: true,
            },
            code: Some(Loinc("89247-1")),
            description: "Eastern Cooperative Oncology Group performance status, 0 = fully active.",
        },
        // Cut points give about 35 / 40 / 18 / 7 % for ECOG 0 / 1 / 2 / 3-4.
        sampler: Sampler::Ordinal {
            cuts: &[-0.385, 0.674, 1.476],
            load: load(&[(FRAILTY, 0.85)]),
        },
        entity_shift: &[],
        effect: Some(Effect::Levels(&[0.0, 0.3, 0.75, 1.3])),
        female_shift: 0.0,
        implies_panel: None,
        missing: Missingness::rate(Panel::Examination, 0.06),
    },
    MarkerDef {
        spec: MarkerSpec {
            id: "weight_loss_6m",
            name: "Weight loss in 6 months",
            name_de: "Gewichtsverlust in 6 Monaten",
            modality: Modality::VitalSigns,
            unit: "%",
            reference_range: Some((0.0, 5.0)),
            kind: Numeric,
            code: None,
            description: "Loss of body weight over the 6 months before therapy, percent of prior weight.",
        },
        sampler: Sampler::Custom(sample_weight_loss),
        entity_shift: &[],
        effect: Some(Effect::Above {
            cut: 5.0,
            delta: 0.35,
        }),
        // Frail patients' weight history is recorded less often.
        female_shift: 0.0,
        implies_panel: None,
        missing: Missingness {
            panel: Panel::Examination,
            rate: 0.15,
            by_entity: &[],
            load: load(&[(FRAILTY, 0.3)]),
        },
    },
    MarkerDef {
        spec: MarkerSpec {
            id: "bmi",
            name: "Body mass index",
            name_de: "Body-Mass-Index",
            modality: Modality::VitalSigns,
            unit: "kg/m2",
            reference_range: Some((18.5, 25.0)),
            kind: Numeric,
            code: Some(Loinc("39156-5")),
            description: "Body weight divided by the square of height.",
        },
        sampler: Sampler::Gaussian {
            mean: 25.5,
            sd: 4.5,
            load: load(&[(CACHEXIA, -0.5)]),
            min: 14.0,
            max: 50.0,
            decimals: 1,
        },
        entity_shift: &[],
        effect: Some(Effect::UShape {
            optimum: 25.0,
            scale: 5.0,
            coef: 0.25,
            cap: 0.8,
        }),
        female_shift: 0.0,
        implies_panel: None,
        missing: Missingness::rate(Panel::Examination, 0.03),
    },
    MarkerDef {
        spec: MarkerSpec {
            id: "lab_albumin",
            name: "Albumin",
            name_de: "Albumin",
            modality: Modality::Laboratory,
            unit: "g/L",
            reference_range: Some((35.0, 52.0)),
            kind: Numeric,
            code: Some(Loinc("1751-7")),
            description: "Serum albumin; low in malnutrition and inflammation.",
        },
        sampler: Sampler::Gaussian {
            mean: 38.0,
            sd: 5.0,
            load: load(&[(CACHEXIA, -0.55), (INFLAMMATION, -0.3)]),
            min: 15.0,
            max: 55.0,
            decimals: 1,
        },
        entity_shift: &[],
        effect: Some(Effect::Hinge {
            knot: 35.0,
            slope_below: 0.08,
            slope_above: 0.0,
        }),
        female_shift: 0.0,
        implies_panel: None,
        missing: Missingness::rate(Panel::Laboratory, 0.08),
    },
    MarkerDef {
        spec: MarkerSpec {
            id: "lab_crp",
            name: "C-reactive protein",
            name_de: "C-reaktives Protein",
            modality: Modality::Laboratory,
            unit: "mg/L",
            reference_range: Some((0.0, 5.0)),
            kind: Numeric,
            code: Some(Loinc("1988-5")),
            description: "Acute-phase protein; marker of systemic inflammation.",
        },
        sampler: Sampler::LogNormal {
            median: 10.0,
            sigma: 1.2,
            load: load(&[(INFLAMMATION, 0.85)]),
            min: 0.3,
            max: 400.0,
            decimals: 1,
        },
        entity_shift: &[],
        effect: Some(Effect::LogAbove {
            reference: 5.0,
            per_doubling: 0.15,
        }),
        // Well patients' CRP is measured less often: missing not at random.
        female_shift: 0.0,
        implies_panel: None,
        missing: Missingness {
            panel: Panel::Laboratory,
            rate: 0.05,
            by_entity: &[],
            load: load(&[(INFLAMMATION, -0.4)]),
        },
    },
    MarkerDef {
        spec: MarkerSpec {
            id: "lab_ldh",
            name: "Lactate dehydrogenase",
            name_de: "Laktatdehydrogenase",
            modality: Modality::Laboratory,
            unit: "U/L",
            reference_range: Some((135.0, 250.0)),
            kind: Numeric,
            code: Some(Loinc("2532-0")),
            description: "Serum LDH; rises with tumour burden and cell turnover.",
        },
        sampler: Sampler::LogNormal {
            median: 230.0,
            sigma: 0.4,
            load: load(&[(BURDEN, 0.7)]),
            min: 80.0,
            max: 5000.0,
            decimals: 0,
        },
        entity_shift: &[(MELANOMA, 0.2)],
        effect: Some(Effect::Above {
            cut: 250.0,
            delta: 0.5,
        }),
        female_shift: 0.0,
        implies_panel: None,
        missing: Missingness::rate(Panel::Laboratory, 0.1),
    },
    MarkerDef {
        spec: MarkerSpec {
            id: "lab_wbc",
            name: "Leukocytes",
            name_de: "Leukozyten",
            modality: Modality::Laboratory,
            unit: "10^9/L",
            reference_range: Some((4.0, 10.0)),
            kind: Numeric,
            code: Some(Loinc("6690-2")),
            description: "White blood cell count; tracks inflammation but has no effect of its own here.",
        },
        sampler: Sampler::LogNormal {
            median: 7.5,
            sigma: 0.35,
            load: load(&[(INFLAMMATION, 0.6)]),
            min: 0.5,
            max: 60.0,
            decimals: 1,
        },
        entity_shift: &[],
        effect: None,
        female_shift: 0.0,
        implies_panel: None,
        missing: Missingness::rate(Panel::Laboratory, 0.02),
    },
    MarkerDef {
        spec: MarkerSpec {
            id: "lab_potassium",
            name: "Potassium",
            name_de: "Kalium",
            modality: Modality::Laboratory,
            unit: "mmol/L",
            reference_range: Some((3.5, 5.1)),
            kind: Numeric,
            code: Some(Loinc("2823-3")),
            description: "Serum potassium; no effect on survival here.",
        },
        sampler: Sampler::Gaussian {
            mean: 4.2,
            sd: 0.45,
            load: NO_LOAD,
            min: 2.0,
            max: 7.5,
            decimals: 1,
        },
        entity_shift: &[],
        effect: None,
        female_shift: 0.0,
        implies_panel: None,
        missing: Missingness::rate(Panel::Laboratory, 0.03),
    },
    MarkerDef {
        spec: MarkerSpec {
            id: "height",
            name: "Body height",
            name_de: "Körpergröße",
            modality: Modality::VitalSigns,
            unit: "cm",
            reference_range: None,
            kind: Numeric,
            code: Some(Loinc("8302-2")),
            description: "Standing height; follows sex but has no effect on survival here.",
        },
        sampler: Sampler::Custom(sample_height),
        entity_shift: &[],
        effect: None,
        female_shift: 0.0,
        implies_panel: None,
        missing: Missingness::rate(Panel::Examination, 0.05),
    },
    MarkerDef {
        spec: MarkerSpec {
            id: "uicc_stage",
            name: "UICC stage",
            name_de: "UICC-Stadium",
            modality: Modality::ClinicalRecord,
            unit: "1",
            reference_range: None,
            kind: Categorical {
                levels: STAGE_LEVELS,
                ordered: true,
            },
            code: Some(Loinc("21908-9")),
            description: "UICC TNM stage group at start of therapy (8th edition).",
        },
        // Patients starting systemic therapy: about 5 / 10 / 25 / 60 % in stage I / II / III / IV.
        sampler: Sampler::Ordinal {
            cuts: &[-1.645, -1.036, -0.253],
            load: load(&[(BURDEN, 0.8)]),
        },
        entity_shift: &[(PANCREAS, 0.3), (BREAST, -0.3)],
        effect: Some(Effect::Levels(&[0.0, 0.15, 0.45, 0.9])),
        female_shift: 0.0,
        implies_panel: None,
        missing: Missingness::rate(Panel::Always, 0.04),
    },
    MarkerDef {
        spec: MarkerSpec {
            id: "mut_braf",
            name: "BRAF mutation",
            name_de: "BRAF-Mutation",
            modality: Modality::Mutation,
            unit: "1",
            reference_range: None,
            kind: Binary,
            code: Some(Hgnc("BRAF")),
            description: "Activating BRAF mutation (mostly V600E) in the tumour.",
        },
        sampler: Sampler::ByEntity(&[0.03, 0.10, 0.01, 0.02, 0.45]),
        entity_shift: &[],
        effect: Some(Effect::Levels(&[0.0, 0.3])),
        female_shift: 0.0,
        implies_panel: None,
        missing: Missingness::panel(Panel::Sequencing),
    },
    MarkerDef {
        spec: MarkerSpec {
            id: "tx_braf_targeted",
            name: "BRAF/MEK-targeted therapy",
            name_de: "BRAF/MEK-zielgerichtete Therapie",
            modality: Modality::Treatment,
            unit: "1",
            reference_range: None,
            kind: Binary,
            // WHO ATC: BRAF inhibitors L01EC, MEK inhibitors L01EE.
            code: Some(Atc("L01EC, L01EE")),
            description: "Targeted therapy (BRAF/MEK inhibitor) at start of systemic therapy.",
        },
        sampler: Sampler::Custom(sample_targeted),
        entity_shift: &[],
        effect: None,
        female_shift: 0.0,
        implies_panel: Some(Panel::Sequencing),
        missing: Missingness::panel(Panel::Always),
    },
    MarkerDef {
        spec: MarkerSpec {
            id: "tx_immunotherapy",
            name: "Immune checkpoint inhibitor",
            name_de: "Immuncheckpoint-Inhibitor",
            modality: Modality::Treatment,
            unit: "1",
            reference_range: None,
            kind: Binary,
            // WHO ATC: PD-1/PD-L1 inhibitors L01FF, ipilimumab L01FX04, tremelimumab L01FX20.
            code: Some(Atc("L01FF, L01FX04, L01FX20")),
            description: "Immune checkpoint inhibitor (anti-PD-1/PD-L1/CTLA-4) at start of therapy.",
        },
        sampler: Sampler::Custom(sample_immunotherapy),
        entity_shift: &[],
        effect: Some(Effect::Levels(&[0.0, -0.3])),
        female_shift: 0.0,
        implies_panel: None,
        missing: Missingness::panel(Panel::Always),
    },
    MarkerDef {
        spec: MarkerSpec {
            id: "lab_glucose",
            name: "Glucose",
            name_de: "Glukose",
            modality: Modality::Laboratory,
            unit: "mg/dL",
            reference_range: Some((70.0, 140.0)),
            kind: Numeric,
            code: Some(Loinc("2345-7")),
            description: "Non-fasting serum glucose; no effect on survival here.",
        },
        sampler: Sampler::LogNormal {
            median: 105.0,
            sigma: 0.2,
            load: NO_LOAD,
            min: 40.0,
            max: 600.0,
            decimals: 0,
        },
        entity_shift: &[],
        effect: None,
        female_shift: 0.0,
        implies_panel: None,
        missing: Missingness::rate(Panel::Laboratory, 0.06),
    },
];

const INTERACTIONS: [InteractionDef; 2] = [
    InteractionDef {
        id: "braf_x_targeted",
        name: "BRAF mutation x BRAF/MEK-targeted therapy",
        a: "mut_braf",
        gate_a: Gate::Is(1.0),
        b: "tx_braf_targeted",
        gate_b: Gate::Is(1.0),
        coef: -1.6,
        description: "BRAF/MEK inhibition prolongs survival only in BRAF-mutant tumours.",
    },
    InteractionDef {
        id: "immunotherapy_x_crp",
        name: "Immune checkpoint inhibitor x CRP",
        a: "tx_immunotherapy",
        gate_a: Gate::Is(1.0),
        b: "lab_crp",
        gate_b: Gate::LogAbove(10.0),
        coef: 0.4,
        description: "Systemic inflammation blunts the benefit of checkpoint inhibition.",
    },
];

/// The teaching preset.
pub(crate) const PRESET: PresetDef<'static> = PresetDef {
    name: "teaching",
    // Entity medians are those of a reference patient (every contribution 0).
    typical_log_hr: 0.0,
    entities: &ENTITIES,
    markers: std::borrow::Cow::Borrowed(&MARKERS),
    interactions: &INTERACTIONS,
    censoring: Censoring {
        accrual_days: 2190.0,
        min_follow_up_days: 365.0,
        loss_to_follow_up_per_year: 0.03,
    },
    panel_probability,
};
