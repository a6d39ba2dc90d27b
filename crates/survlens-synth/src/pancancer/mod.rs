//! The pan-cancer preset: 38 solid cancer entities, about 350 markers in seven modalities,
//! real-world missingness, about 100 prognostic markers and planted interactions.
//!
//! The marker table is built at run time by [`Builder`] so that markers can refer to
//! earlier markers by id (a targeted drug to its target mutation, eGFR to creatinine, the
//! Charlson index to its components); a reference to an unknown or later id is an error,
//! not a silent wrong column.

mod entities;
mod markers;

use crate::dictionary::{Code, MarkerKind, MarkerSpec, Modality};
use crate::effect::{Effect, Gate};
use crate::engine::{
    AGE, BURDEN, Censoring, EntityRates, FRAILTY, Given, InteractionDef, Latent, Load, MarkerDef,
    Missingness, Panel, PresetDef, Sampler,
};
use crate::sampling::{logistic, logit};
use crate::{SynthError, TableProblem};

pub(crate) use entities::ENTITIES;
use entities::*;

const NAME: &str = "pan_cancer";

/// Collects marker definitions in column order.
pub(crate) struct Builder {
    defs: Vec<MarkerDef>,
    unknown: Vec<&'static str>,
}

/// The panel a modality's markers belong to unless said otherwise.
fn default_panel(modality: Modality) -> Panel {
    match modality {
        Modality::Demographics | Modality::ClinicalRecord | Modality::Treatment => Panel::Always,
        Modality::VitalSigns => Panel::Examination,
        Modality::Laboratory => Panel::Laboratory,
        Modality::BodyComposition => Panel::Ct,
        Modality::Mutation => Panel::Sequencing,
    }
}

impl Builder {
    fn new() -> Self {
        Self {
            defs: Vec::with_capacity(400),
            unknown: Vec::new(),
        }
    }

    /// Column of an already added marker. An unknown id is recorded (and reported by
    /// [`Builder::finish`]); the placeholder it returns fails the engine's order check.
    pub(crate) fn col(&mut self, id: &'static str) -> usize {
        match self.defs.iter().position(|d| d.spec.id == id) {
            Some(j) => j,
            None => {
                self.unknown.push(id);
                usize::MAX
            }
        }
    }

    /// Adds a marker without effect, missing only with its modality's panel.
    pub(crate) fn add(&mut self, spec: MarkerSpec, sampler: Sampler) -> &mut MarkerDef {
        let index = self.defs.len();
        self.defs.push(MarkerDef {
            spec,
            sampler,
            entity_shift: &[],
            female_shift: 0.0,
            effect: None,
            missing: Missingness::panel(default_panel(spec.modality)),
            implies_panel: None,
        });
        &mut self.defs[index]
    }

    /// Gives the already added marker `id` its terminology code (an unknown id is recorded
    /// and reported by [`Builder::finish`]).
    pub(crate) fn set_code(&mut self, id: &'static str, code: Code) {
        match self.defs.iter_mut().find(|d| d.spec.id == id) {
            Some(def) => def.spec.code = Some(code),
            None => self.unknown.push(id),
        }
    }

    fn finish(self) -> Result<Vec<MarkerDef>, SynthError> {
        if let Some(&id) = self.unknown.first() {
            return Err(SynthError::PresetTable {
                preset: NAME,
                problem: TableProblem::UnknownMarker { marker: id },
            });
        }
        Ok(self.defs)
    }
}

impl MarkerDef {
    /// Sets the true effect.
    pub(crate) fn effect(&mut self, effect: Effect) -> &mut Self {
        self.effect = Some(effect);
        self
    }
    /// Sets the entity shifts of the score.
    pub(crate) fn shift(&mut self, shift: &'static [(usize, f32)]) -> &mut Self {
        self.entity_shift = shift;
        self
    }
    /// Sets the shift of the score for women.
    pub(crate) fn female(&mut self, shift: f32) -> &mut Self {
        self.female_shift = shift;
        self
    }
    /// Missing within its panel at `rate` (entity-specific where listed), more or less
    /// often depending on the latent factors (`load`, logits per unit).
    pub(crate) fn missing(
        &mut self,
        rate: f32,
        by_entity: &'static [(usize, f32)],
        load: Load,
    ) -> &mut Self {
        self.missing = Missingness {
            panel: self.missing.panel,
            rate,
            by_entity,
            load,
        };
        self
    }
    /// Sets the reference range.
    pub(crate) fn range(&mut self, low: f32, high: f32) -> &mut Self {
        self.spec.reference_range = Some((low, high));
        self
    }
    /// Sets the terminology code.
    pub(crate) fn code(&mut self, code: Code) -> &mut Self {
        self.spec.code = Some(code);
        self
    }
    /// A value of 1 means `panel` was done.
    pub(crate) fn implies(&mut self, panel: Panel) -> &mut Self {
        self.implies_panel = Some(panel);
        self
    }
}

/// A dictionary entry without range or code.
pub(crate) const fn spec(
    modality: Modality,
    id: &'static str,
    name: &'static str,
    name_de: &'static str,
    unit: &'static str,
    kind: MarkerKind,
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

/// An entity-rate event without condition.
pub(crate) const fn event(
    background: f32,
    by_entity: &'static [(usize, f32)],
    load: Load,
) -> Sampler {
    Sampler::Event {
        rates: EntityRates {
            background,
            by_entity,
        },
        load,
        given: None,
    }
}

/// An event whose entity rates apply only where `gate(column)` holds; `otherwise` elsewhere.
pub(crate) const fn event_given(
    background: f32,
    by_entity: &'static [(usize, f32)],
    load: Load,
    column: usize,
    gate: Gate,
    otherwise: f32,
) -> Sampler {
    event_given_by_entity(background, by_entity, load, column, gate, otherwise, &[])
}

/// [`event_given`] with entity-specific rates where the condition fails.
pub(crate) const fn event_given_by_entity(
    background: f32,
    by_entity: &'static [(usize, f32)],
    load: Load,
    column: usize,
    gate: Gate,
    otherwise: f32,
    otherwise_by_entity: &'static [(usize, f32)],
) -> Sampler {
    Sampler::Event {
        rates: EntityRates {
            background,
            by_entity,
        },
        load,
        given: Some(Given {
            column,
            gate,
            otherwise,
            otherwise_by_entity,
        }),
    }
}

/// Builds the full marker table.
pub(crate) fn marker_defs() -> Result<Vec<MarkerDef>, SynthError> {
    let mut b = Builder::new();
    markers::demographics(&mut b);
    markers::vital_signs(&mut b);
    markers::laboratory(&mut b);
    markers::clinical_records(&mut b);
    markers::mutations(&mut b);
    markers::treatments(&mut b);
    markers::body_composition(&mut b);
    b.finish()
}

/// Probability that a panel was done for a patient.
fn panel_probability(panel: Panel, entity: usize, latent: &Latent, _values: &[f32]) -> f64 {
    match panel {
        Panel::Always => 1.0,
        Panel::Examination => 0.94,
        Panel::Laboratory => 0.96,
        Panel::Ct => {
            let p: f64 = match entity {
                // Brain tumours are imaged by MRI; thyroid, breast and prostate staging
                // often by ultrasound, scintigraphy or PSMA-PET.
                GBM => 0.05,
                THCA => 0.35,
                BRCA | PRAD => 0.45,
                _ => 0.62,
            };
            // Patients with more disease are imaged more.
            logistic(logit(p) + 0.25 * latent[BURDEN])
        }
        Panel::Sequencing => {
            let p: f64 = match entity {
                LUAD => 0.85,
                SKCM => 0.75,
                CRC => 0.65,
                CHOL | CUP | GBM | GIST => 0.6,
                OV => 0.5,
                LUSC | GBC | THCA => 0.4,
                PAAD | STS | BLCA => 0.33,
                STAD | UVM | NEC | BRCA | PRAD => 0.28,
                ESCA => 0.25,
                _ => 0.15,
            };
            // Sequencing is for patients who could receive a targeted drug: the younger
            // and fitter, which makes mutation data missing not at random.
            logistic(logit(p) - 0.4 * latent[FRAILTY] - 0.2 * latent[AGE])
        }
    }
}

const INTERACTIONS: [InteractionDef; 11] = [
    InteractionDef {
        id: "egfr_x_egfr_tki",
        name: "EGFR mutation x EGFR tyrosine kinase inhibitor",
        a: "mut_egfr",
        gate_a: Gate::Is(1.0),
        b: "tx_egfr_tki",
        gate_b: Gate::Is(1.0),
        coef: -0.9,
        description: "EGFR inhibitors prolong survival only in EGFR-mutant tumours.",
    },
    InteractionDef {
        id: "alk_x_alk_inhibitor",
        name: "ALK fusion x ALK inhibitor",
        a: "mut_alk",
        gate_a: Gate::Is(1.0),
        b: "tx_alk_inhibitor",
        gate_b: Gate::Is(1.0),
        coef: -1.3,
        description: "ALK inhibitors are highly effective in ALK-rearranged lung cancer.",
    },
    InteractionDef {
        id: "braf_x_braf_mek",
        name: "BRAF mutation x BRAF/MEK inhibitor",
        a: "mut_braf",
        gate_a: Gate::Is(1.0),
        b: "tx_braf_mek",
        gate_b: Gate::Is(1.0),
        coef: -0.9,
        description: "BRAF/MEK inhibition helps only BRAF-mutant tumours.",
    },
    InteractionDef {
        id: "erbb2_x_her2_targeted",
        name: "ERBB2 alteration x HER2-targeted therapy",
        a: "mut_erbb2",
        gate_a: Gate::Is(1.0),
        b: "tx_her2_targeted",
        gate_b: Gate::Is(1.0),
        coef: -0.8,
        description: "HER2-directed drugs help tumours with ERBB2 amplification or mutation.",
    },
    InteractionDef {
        id: "brca2_x_parp_inhibitor",
        name: "BRCA2 mutation x PARP inhibitor",
        a: "mut_brca2",
        gate_a: Gate::Is(1.0),
        b: "tx_parp_inhibitor",
        gate_b: Gate::Is(1.0),
        coef: -0.9,
        description: "PARP inhibitors exploit homologous-recombination deficiency.",
    },
    InteractionDef {
        id: "kras_x_anti_egfr_antibody",
        name: "KRAS mutation x anti-EGFR antibody",
        a: "mut_kras",
        gate_a: Gate::Is(1.0),
        b: "tx_anti_egfr_antibody",
        gate_b: Gate::Is(1.0),
        coef: 0.8,
        description: "Cetuximab and panitumumab fail, and may harm, in KRAS-mutant tumours.",
    },
    InteractionDef {
        id: "anti_pd1_x_crp",
        name: "Anti-PD-1 x CRP",
        a: "tx_anti_pd1",
        gate_a: Gate::Is(1.0),
        b: "lab_crp",
        gate_b: Gate::LogAbove(10.0),
        coef: 0.2,
        description: "Systemic inflammation blunts the benefit of PD-1 blockade.",
    },
    InteractionDef {
        id: "anti_pd1_x_tmb_high",
        name: "Anti-PD-1 x high tumour mutational burden",
        a: "tx_anti_pd1",
        gate_a: Gate::Is(1.0),
        b: "tmb_high",
        gate_b: Gate::Is(1.0),
        coef: -0.5,
        description: "Tumours with many mutations present more neoantigens to T cells.",
    },
    InteractionDef {
        id: "anti_pd1_x_msi_high",
        name: "Anti-PD-1 x microsatellite instability",
        a: "tx_anti_pd1",
        gate_a: Gate::Is(1.0),
        b: "msi_high",
        gate_b: Gate::Is(1.0),
        coef: -1.1,
        description: "Mismatch-repair-deficient tumours respond durably to PD-1 blockade.",
    },
    InteractionDef {
        id: "anti_pd1_x_steroids",
        name: "Anti-PD-1 x corticosteroids",
        a: "tx_anti_pd1",
        gate_a: Gate::Is(1.0),
        b: "tx_steroids",
        gate_b: Gate::Is(1.0),
        coef: 0.35,
        description: "Baseline corticosteroids are associated with worse outcomes on PD-1 blockade.",
    },
    InteractionDef {
        id: "platinum_x_ecog",
        name: "Platinum chemotherapy x ECOG >= 2",
        a: "tx_platinum",
        gate_a: Gate::Is(1.0),
        b: "ecog",
        gate_b: Gate::AtLeast(2.0),
        coef: 0.5,
        description: "Platinum doublets harm patients in poor performance status.",
    },
];

/// The pan-cancer preset.
pub(crate) fn preset() -> Result<PresetDef<'static>, SynthError> {
    Ok(PresetDef {
        name: NAME,
        entities: &ENTITIES,
        markers: std::borrow::Cow::Owned(marker_defs()?),
        interactions: &INTERACTIONS,
        censoring: Censoring {
            // Therapy starts spread over 8 years, data cut-off 6 months after the last.
            accrual_days: 2922.0,
            min_follow_up_days: 182.0,
            loss_to_follow_up_per_year: 0.04,
        },
        typical_log_hr: TYPICAL_LOG_HR,
        panel_probability,
    })
}

/// Mean log-hazard ratio of the cohort (from the marker and interaction effects; measured
/// on 15,726 patients with seed 42), at which the entity medians in [`ENTITIES`] hold.
const TYPICAL_LOG_HR: f32 = 1.8;
