//! The generator behind every preset: latent factors -> marker values -> true log-hazard ->
//! survival and censoring times -> missingness.
//!
//! A preset is data ([`PresetDef`]): entities with Weibull baselines, markers with a
//! sampler, an effect and a missingness rule, and planted interactions. Correlations come
//! from five latent factors every patient carries (age, frailty, inflammation, tumour
//! burden, cachexia) that markers load on.

use crate::cohort::{
    CensoringTruth, Entity, EntityTruth, InteractionTruth, MarkerTruth, SyntheticCohort, Truth,
    TruthSettings,
};
use crate::effect::{Effect, Gate};
use crate::sampling::{Draws, Stream, logistic, logit, weibull_ph_time};
use crate::{MarkerSpec, SynthConfig, SynthError};

/// Number of latent factors.
pub(crate) const N_LATENT: usize = 5;
/// Latent factor: age (standardised).
pub(crate) const AGE: usize = 0;
/// Latent factor: frailty (poor performance, comorbidity).
pub(crate) const FRAILTY: usize = 1;
/// Latent factor: systemic inflammation.
pub(crate) const INFLAMMATION: usize = 2;
/// Latent factor: tumour burden.
pub(crate) const BURDEN: usize = 3;
/// Latent factor: cachexia (weight and muscle loss, malnutrition).
pub(crate) const CACHEXIA: usize = 4;

/// Loadings of a marker on the latent factors (roughly correlations with them).
pub(crate) type Load = [f32; N_LATENT];
/// No loading.
pub(crate) const NO_LOAD: Load = [0.0; N_LATENT];

/// The latent state of a patient, each factor about standard normal in the cohort.
pub(crate) type Latent = [f64; N_LATENT];

/// Time at which the oracle risk's cumulative hazard is taken: one year.
pub(crate) const HORIZON_DAYS: f64 = 365.0;

/// A cancer entity and its baseline survival.
pub(crate) struct EntityDef {
    pub(crate) entity: Entity,
    /// Relative frequency (any positive scale).
    pub(crate) weight: f32,
    /// Weibull shape of the baseline hazard.
    pub(crate) weibull_shape: f32,
    /// Median survival of a reference patient (every contribution 0), days.
    pub(crate) reference_median_days: f32,
    /// Shift of the latent factors' means for this entity.
    pub(crate) latent_shift: Load,
    /// Mean age at start of therapy, years.
    pub(crate) age_mean: f32,
    /// Share of women.
    pub(crate) female_share: f32,
}

/// What the sampler of a marker can see: the patient so far.
pub(crate) struct PatientCtx<'a> {
    pub(crate) entity: usize,
    pub(crate) latent: &'a Latent,
    /// Complete values of the markers before this one (column order).
    pub(crate) values: &'a [f32],
    pub(crate) draws: &'a mut Draws,
    pub(crate) entities: &'a [EntityDef],
}

impl PatientCtx<'_> {
    /// The patient's entity definition.
    pub(crate) fn entity_def(&self) -> Option<&EntityDef> {
        self.entities.get(self.entity)
    }
}

/// How a marker's complete value is drawn.
#[derive(Clone, Copy)]
#[expect(dead_code, reason = "the pan-cancer preset uses every sampler")]
pub(crate) enum Sampler {
    /// `mean + sd * score`, clamped to `[min, max]`, rounded to `decimals`.
    Gaussian {
        mean: f32,
        sd: f32,
        load: Load,
        min: f32,
        max: f32,
        decimals: u8,
    },
    /// `median * exp(sigma * score)`, clamped and rounded: labs with a right tail.
    LogNormal {
        median: f32,
        sigma: f32,
        load: Load,
        min: f32,
        max: f32,
        decimals: u8,
    },
    /// 1 with probability `logistic(logit(prevalence) + load . z + entity shift)`.
    Binary { prevalence: f32, load: Load },
    /// Level = number of `cuts` below the score.
    Ordinal { cuts: &'static [f32], load: Load },
    /// 1 with an entity-specific probability (index = entity).
    ByEntity(&'static [f32]),
    /// Anything else (depends on entity or on earlier markers).
    Custom(fn(&mut PatientCtx<'_>) -> f32),
}

/// Groups of markers measured together: a patient either has the panel or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Panel {
    /// Always recorded (demographics, coded history: absent codes mean "not present").
    Always,
    /// Vital signs and examination at baseline.
    Examination,
    /// Baseline blood test.
    Laboratory,
    /// Baseline CT with body-composition analysis.
    Ct,
    /// Tumour sequencing panel.
    Sequencing,
}

/// Number of panels.
pub(crate) const N_PANELS: usize = 5;

/// When a marker is missing: its panel is not available, or it was not recorded within an
/// available panel with probability `logistic(logit(rate) + load . z)`.
#[derive(Clone, Copy)]
pub(crate) struct Missingness {
    pub(crate) panel: Panel,
    pub(crate) rate: f32,
    /// Not-at-random part: dependence on the latent factors.
    pub(crate) load: Load,
}

impl Missingness {
    /// Recorded whenever the panel is.
    pub(crate) const fn panel(panel: Panel) -> Self {
        Self {
            panel,
            rate: 0.0,
            load: NO_LOAD,
        }
    }
    /// Missing at `rate` within its panel, completely at random.
    pub(crate) const fn rate(panel: Panel, rate: f32) -> Self {
        Self {
            panel,
            rate,
            load: NO_LOAD,
        }
    }
}

/// A marker: its dictionary entry, how it is drawn, what it does, when it is missing.
pub(crate) struct MarkerDef {
    pub(crate) spec: MarkerSpec,
    pub(crate) sampler: Sampler,
    /// Entity-specific shift of the score (standard deviations, or logits for binaries).
    pub(crate) entity_shift: &'static [(usize, f32)],
    pub(crate) effect: Option<Effect>,
    pub(crate) missing: Missingness,
}

/// A planted interaction `coef * gate_a(a) * gate_b(b)`.
pub(crate) struct InteractionDef {
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) a: &'static str,
    pub(crate) gate_a: Gate,
    pub(crate) b: &'static str,
    pub(crate) gate_b: Gate,
    pub(crate) coef: f32,
    pub(crate) description: &'static str,
}

/// Censoring settings of a preset.
pub(crate) struct Censoring {
    pub(crate) accrual_days: f64,
    pub(crate) min_follow_up_days: f64,
    pub(crate) loss_to_follow_up_per_year: f64,
}

/// Everything a preset consists of.
pub(crate) struct PresetDef {
    pub(crate) name: &'static str,
    pub(crate) entities: &'static [EntityDef],
    pub(crate) markers: &'static [MarkerDef],
    pub(crate) interactions: &'static [InteractionDef],
    pub(crate) censoring: Censoring,
    /// Probability that a panel is available for a patient of an entity, given the latent
    /// factors and complete marker values (a patient on targeted therapy was sequenced).
    pub(crate) panel_probability: fn(Panel, usize, &Latent, &[f32]) -> f64,
}

/// Per-marker constants computed once per run instead of once per cell.
struct Prepared {
    /// `sqrt(1 - |load|^2)`: weight of the marker's own noise.
    own_noise: Vec<f64>,
    /// Entity shift per marker and entity, `m x e`.
    shift: Vec<f64>,
    /// Logit of the within-panel missing rate (`-inf` = never).
    miss_logit: Vec<f64>,
    /// Interaction marker indices.
    interaction_idx: Vec<[usize; 2]>,
}

fn dot(load: &Load, z: &Latent) -> f64 {
    load.iter().zip(z).map(|(&w, &x)| f64::from(w) * x).sum()
}

fn load_of(sampler: &Sampler) -> Option<&Load> {
    match sampler {
        Sampler::Gaussian { load, .. }
        | Sampler::LogNormal { load, .. }
        | Sampler::Binary { load, .. }
        | Sampler::Ordinal { load, .. } => Some(load),
        Sampler::ByEntity(_) | Sampler::Custom(_) => None,
    }
}

fn prepare(preset: &PresetDef) -> Result<Prepared, SynthError> {
    let bad = |detail: String| SynthError::PresetTable {
        preset: preset.name,
        detail,
    };
    let m = preset.markers.len();
    let e = preset.entities.len();
    if e == 0 || e > usize::from(u16::MAX) {
        return Err(bad(format!("{e} entities")));
    }
    let mut own_noise = Vec::with_capacity(m);
    let mut shift = vec![0.0; m * e];
    let mut miss_logit = Vec::with_capacity(m);
    for (j, marker) in preset.markers.iter().enumerate() {
        let load_sq: f64 =
            load_of(&marker.sampler).map_or(0.0, |l| l.iter().map(|&w| f64::from(w * w)).sum());
        if load_sq > 0.95 {
            return Err(bad(format!(
                "marker {} loads {load_sq} > 0.95",
                marker.spec.id
            )));
        }
        own_noise.push(libm::sqrt(1.0 - load_sq));
        for &(entity, s) in marker.entity_shift {
            let cell = shift
                .get_mut(j * e + entity)
                .ok_or_else(|| bad(format!("marker {} shifts entity {entity}", marker.spec.id)))?;
            *cell = f64::from(s);
        }
        if let Sampler::ByEntity(p) = marker.sampler
            && p.len() != e
        {
            return Err(bad(format!(
                "marker {} has {} entity rates",
                marker.spec.id,
                p.len()
            )));
        }
        let rate = f64::from(marker.missing.rate);
        miss_logit.push(if rate <= 0.0 {
            f64::NEG_INFINITY
        } else {
            logit(rate)
        });
    }
    let find = |id: &str| {
        preset
            .markers
            .iter()
            .position(|m| m.spec.id == id)
            .ok_or_else(|| bad(format!("interaction refers to unknown marker {id}")))
    };
    let interaction_idx = preset
        .interactions
        .iter()
        .map(|it| Ok([find(it.a)?, find(it.b)?]))
        .collect::<Result<Vec<_>, SynthError>>()?;
    Ok(Prepared {
        own_noise,
        shift,
        miss_logit,
        interaction_idx,
    })
}

fn round_to(x: f64, decimals: u8) -> f64 {
    let scale = libm::pow(10.0, f64::from(decimals));
    libm::round(x * scale) / scale
}

/// Weibull scale (days) such that a reference patient's median is `median_days`.
fn weibull_scale(entity: &EntityDef) -> f64 {
    let shape = f64::from(entity.weibull_shape);
    f64::from(entity.reference_median_days) / libm::pow(core::f64::consts::LN_2, 1.0 / shape)
}

/// Draws one patient's latent factors: tumour burden drives inflammation, both drive
/// cachexia, and age, cachexia and inflammation drive frailty. Each is about standard
/// normal before the entity's shift.
fn draw_latent(draws: &mut Draws, shift: &Load) -> Latent {
    let age = draws.normal();
    let burden = draws.normal() + f64::from(shift[BURDEN]);
    let inflammation = 0.55 * burden + 0.835 * draws.normal() + f64::from(shift[INFLAMMATION]);
    let cachexia =
        0.3 * burden + 0.4 * inflammation + 0.8 * draws.normal() + f64::from(shift[CACHEXIA]);
    let frailty = 0.35 * age
        + 0.25 * cachexia
        + 0.15 * inflammation
        + 0.85 * draws.normal()
        + f64::from(shift[FRAILTY]);
    [
        age + f64::from(shift[AGE]),
        frailty,
        inflammation,
        burden,
        cachexia,
    ]
}

fn sample_marker(def: &MarkerDef, noise: f64, shift: f64, ctx: &mut PatientCtx<'_>) -> f32 {
    let value = match def.sampler {
        Sampler::Gaussian {
            mean,
            sd,
            load,
            min,
            max,
            decimals,
        } => {
            let score = dot(&load, ctx.latent) + noise * ctx.draws.normal() + shift;
            let x = f64::from(mean) + f64::from(sd) * score;
            round_to(x.clamp(f64::from(min), f64::from(max)), decimals)
        }
        Sampler::LogNormal {
            median,
            sigma,
            load,
            min,
            max,
            decimals,
        } => {
            let score = dot(&load, ctx.latent) + noise * ctx.draws.normal() + shift;
            let x = f64::from(median) * libm::exp(f64::from(sigma) * score);
            round_to(x.clamp(f64::from(min), f64::from(max)), decimals)
        }
        Sampler::Binary { prevalence, load } => {
            let p = logistic(logit(f64::from(prevalence)) + dot(&load, ctx.latent) + shift);
            f64::from(u8::from(ctx.draws.bernoulli(p)))
        }
        Sampler::Ordinal { cuts, load } => {
            let score = dot(&load, ctx.latent) + noise * ctx.draws.normal() + shift;
            cuts.iter().filter(|&&c| score > f64::from(c)).count() as f64
        }
        Sampler::ByEntity(rates) => {
            let p = rates.get(ctx.entity).copied().map_or(0.0, f64::from);
            let p = if shift == 0.0 {
                p
            } else {
                logistic(logit(p) + shift)
            };
            f64::from(u8::from(ctx.draws.bernoulli(p)))
        }
        Sampler::Custom(f) => return f(ctx),
    };
    value as f32
}

/// Generates a cohort from a preset definition.
pub(crate) fn generate_preset(
    preset: &PresetDef,
    config: &SynthConfig,
) -> Result<SyntheticCohort, SynthError> {
    config.validate()?;
    let prep = prepare(preset)?;
    let n = config.n_patients;
    let m = preset.markers.len();
    let k = preset.interactions.len();
    let e = preset.entities.len();

    let weights: Vec<f64> = preset
        .entities
        .iter()
        .map(|d| f64::from(d.weight))
        .collect();
    let total_weight: f64 = weights.iter().sum();
    let shapes: Vec<f64> = preset
        .entities
        .iter()
        .map(|d| f64::from(d.weibull_shape))
        .collect();
    let scales: Vec<f64> = preset.entities.iter().map(weibull_scale).collect();
    let entity_terms: Vec<f64> = shapes
        .iter()
        .zip(&scales)
        .map(|(&k, &s)| k * libm::log(HORIZON_DAYS / s))
        .collect();

    let mut covariates = Draws::new(config.seed, Stream::Covariates);
    let mut missingness = Draws::new(config.seed, Stream::Missingness);
    let mut outcomes = Draws::new(config.seed, Stream::Outcomes);

    let mut entity = Vec::with_capacity(n);
    let mut values = vec![f32::NAN; n * m];
    let mut contributions = vec![0.0_f32; n * m];
    let mut interaction_contributions = vec![0.0_f32; n * k];
    let mut entity_log_hazard = Vec::with_capacity(n);
    let mut log_hazard = Vec::with_capacity(n);
    let mut time_days = Vec::with_capacity(n);
    let mut event = Vec::with_capacity(n);
    let mut complete = vec![0.0_f32; m];
    let mut panel_open = [true; N_PANELS];
    let censoring = &preset.censoring;

    for i in 0..n {
        let ent = covariates.categorical(&weights, total_weight);
        let latent = draw_latent(&mut covariates, &preset.entities[ent].latent_shift);
        for j in 0..m {
            let (done, _) = complete.split_at_mut(j);
            let mut ctx = PatientCtx {
                entity: ent,
                latent: &latent,
                values: done,
                draws: &mut covariates,
                entities: preset.entities,
            };
            let value = sample_marker(
                &preset.markers[j],
                prep.own_noise[j],
                prep.shift[j * e + ent],
                &mut ctx,
            );
            complete[j] = value;
        }

        // True log-hazard, summed in f64 from the stored f32 contributions so that the
        // contributions add up to it exactly (up to f64 rounding).
        let row = &mut contributions[i * m..(i + 1) * m];
        let mut linear_predictor = 0.0_f64;
        for ((c, def), &x) in row.iter_mut().zip(preset.markers).zip(&complete) {
            *c = def.effect.map_or(0.0, |f| f.eval(x));
            linear_predictor += f64::from(*c);
        }
        let irow = &mut interaction_contributions[i * k..(i + 1) * k];
        for ((c, def), [a, b]) in irow
            .iter_mut()
            .zip(preset.interactions)
            .zip(&prep.interaction_idx)
        {
            *c = def.coef * def.gate_a.eval(complete[*a]) * def.gate_b.eval(complete[*b]);
            linear_predictor += f64::from(*c);
        }

        // Outcome: Weibull PH time, then administrative and random censoring.
        let t = weibull_ph_time(
            outcomes.exponential(),
            shapes[ent],
            scales[ent],
            linear_predictor,
        );
        let admin = censoring.min_follow_up_days + outcomes.uniform() * censoring.accrual_days;
        let loss = if censoring.loss_to_follow_up_per_year > 0.0 {
            outcomes.exponential() * 365.25 / censoring.loss_to_follow_up_per_year
        } else {
            f64::INFINITY
        };
        let c = admin.min(loss);
        let observed = t <= c;
        time_days.push(libm::ceil(if observed { t } else { c }).max(1.0));
        event.push(observed);

        // Missingness: panels first, then single values within them.
        for (p, open) in panel_open.iter_mut().enumerate() {
            let panel = PANELS[p];
            *open = panel == Panel::Always
                || missingness
                    .bernoulli((preset.panel_probability)(panel, ent, &latent, &complete));
        }
        let out = &mut values[i * m..(i + 1) * m];
        for (j, (cell, def)) in out.iter_mut().zip(preset.markers).enumerate() {
            let miss = &def.missing;
            let shown = panel_open[miss.panel as usize] && {
                let l = prep.miss_logit[j];
                if l == f64::NEG_INFINITY {
                    true
                } else {
                    !missingness.bernoulli(logistic(l + dot(&miss.load, &latent)))
                }
            };
            if shown {
                *cell = complete[j];
            }
        }

        entity.push(ent as u16);
        entity_log_hazard.push(entity_terms[ent] as f32);
        log_hazard.push(entity_terms[ent] + linear_predictor);
    }

    let truth = build_truth(
        preset,
        config,
        &prep,
        &weights,
        total_weight,
        &shapes,
        &scales,
        TruthBuffers {
            contributions,
            interaction_contributions,
            entity_log_hazard,
            log_hazard,
        },
    );
    Ok(SyntheticCohort {
        config: *config,
        entities: preset.entities.iter().map(|d| d.entity).collect(),
        markers: preset.markers.iter().map(|d| d.spec).collect(),
        patient_ids: (1..=n).map(|i| format!("P{i:05}")).collect(),
        entity,
        time_days,
        event,
        values,
        truth,
    })
}

/// Panels in the order of [`Panel`]'s discriminants.
const PANELS: [Panel; N_PANELS] = [
    Panel::Always,
    Panel::Examination,
    Panel::Laboratory,
    Panel::Ct,
    Panel::Sequencing,
];

struct TruthBuffers {
    contributions: Vec<f32>,
    interaction_contributions: Vec<f32>,
    entity_log_hazard: Vec<f32>,
    log_hazard: Vec<f64>,
}

/// Mean absolute value of column `j` of a row-major `n x width` matrix.
fn mean_abs_column(matrix: &[f32], width: usize, j: usize) -> f32 {
    let n = matrix.len() / width.max(1);
    let sum: f64 = matrix
        .iter()
        .skip(j)
        .step_by(width)
        .map(|&c| f64::from(c.abs()))
        .sum();
    (sum / n.max(1) as f64) as f32
}

#[allow(clippy::too_many_arguments)]
fn build_truth(
    preset: &PresetDef,
    config: &SynthConfig,
    prep: &Prepared,
    weights: &[f64],
    total_weight: f64,
    shapes: &[f64],
    scales: &[f64],
    buffers: TruthBuffers,
) -> Truth {
    let m = preset.markers.len();
    let k = preset.interactions.len();
    let markers = preset
        .markers
        .iter()
        .enumerate()
        .map(|(j, def)| {
            let levels = match def.spec.kind {
                crate::MarkerKind::Categorical { levels, .. } => Some(levels),
                crate::MarkerKind::Binary => Some(&["absent", "present"][..]),
                crate::MarkerKind::Numeric => None,
            };
            MarkerTruth {
                id: def.spec.id.to_owned(),
                prognostic: def.effect.is_some(),
                effect: def.effect.map(|f| f.describe(def.spec.unit, levels)),
                importance: mean_abs_column(&buffers.contributions, m, j),
            }
        })
        .collect();
    let interactions = preset
        .interactions
        .iter()
        .zip(&prep.interaction_idx)
        .enumerate()
        .map(|(q, (def, &[a, b]))| {
            let (sa, sb) = (&preset.markers[a].spec, &preset.markers[b].spec);
            InteractionTruth {
                id: def.id.to_owned(),
                name: def.name.to_owned(),
                markers: [def.a.to_owned(), def.b.to_owned()],
                marker_indices: [a, b],
                formula: format!(
                    "{:+} * {} * {}",
                    def.coef,
                    def.gate_a.describe(sa.id, sa.unit),
                    def.gate_b.describe(sb.id, sb.unit)
                ),
                description: def.description.to_owned(),
                importance: mean_abs_column(&buffers.interaction_contributions, k, q),
            }
        })
        .collect();
    let settings = TruthSettings {
        preset: preset.name.to_owned(),
        seed: config.seed,
        n_patients: config.n_patients,
        generator_version: env!("CARGO_PKG_VERSION").to_owned(),
        horizon_days: HORIZON_DAYS,
        entities: preset
            .entities
            .iter()
            .enumerate()
            .map(|(i, d)| EntityTruth {
                id: d.entity.id.to_owned(),
                share: weights[i] / total_weight,
                weibull_shape: shapes[i],
                weibull_scale_days: scales[i],
            })
            .collect(),
        censoring: CensoringTruth {
            accrual_days: preset.censoring.accrual_days,
            min_follow_up_days: preset.censoring.min_follow_up_days,
            loss_to_follow_up_per_year: preset.censoring.loss_to_follow_up_per_year,
        },
    };
    Truth {
        settings,
        markers,
        interactions,
        contributions: buffers.contributions,
        interaction_contributions: buffers.interaction_contributions,
        entity_log_hazard: buffers.entity_log_hazard,
        log_hazard: buffers.log_hazard,
    }
}
