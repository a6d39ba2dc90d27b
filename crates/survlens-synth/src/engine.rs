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
use crate::power::{RiskSets, noncentrality_shown, power_of};
use crate::sampling::{Draws, Stream, logistic, logit, round, weibull_ph_time};
use crate::{MarkerSpec, SynthConfig, SynthError, TableProblem};

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

/// Loadings from `(factor, weight)` pairs.
pub(crate) const fn load(pairs: &[(usize, f32)]) -> Load {
    let mut l = NO_LOAD;
    let mut i = 0;
    while i < pairs.len() {
        l[pairs[i].0] = pairs[i].1;
        i += 1;
    }
    l
}

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
    /// Median survival, days, of a patient whose log-hazard ratio is the preset's
    /// [`PresetDef::typical_log_hr`].
    pub(crate) reference_median_days: f32,
    /// Shift of the latent factors' means for this entity.
    pub(crate) latent_shift: Load,
    /// Mean age at start of therapy, years.
    pub(crate) age_mean: f32,
    /// Share of women.
    pub(crate) female_share: f32,
}

/// What a custom sampler can see: the patient so far.
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

/// Age at start of therapy: the entity's mean age plus 11 years per unit of the latent
/// age factor, 18 to 95 years, whole years.
pub(crate) fn sample_age(ctx: &mut PatientCtx<'_>) -> f32 {
    let mean = ctx.entity_def().map_or(64.0, |e| f64::from(e.age_mean));
    let age = (mean + 11.0 * ctx.latent[AGE]).clamp(18.0, 95.0);
    round(age) as f32
}

/// Female sex (1) with the entity's share of women.
pub(crate) fn sample_female(ctx: &mut PatientCtx<'_>) -> f32 {
    let p = ctx.entity_def().map_or(0.5, |e| f64::from(e.female_share));
    f32::from(u8::from(ctx.draws.bernoulli(p)))
}

/// A probability per entity: `background`, except for the listed entities.
#[derive(Clone, Copy)]
pub(crate) struct EntityRates {
    pub(crate) background: f32,
    pub(crate) by_entity: &'static [(usize, f32)],
}

/// A condition on an earlier marker: where `gate(value)` is 0 the event's probability is
/// `otherwise` (or the listed entity's own rate) instead of the entity rate.
#[derive(Clone, Copy)]
pub(crate) struct Given {
    pub(crate) column: usize,
    pub(crate) gate: Gate,
    pub(crate) otherwise: f32,
    /// Entities whose probability where the condition fails differs from `otherwise`.
    pub(crate) otherwise_by_entity: &'static [(usize, f32)],
}

/// A marker computed from earlier markers of the same patient (column indices).
#[derive(Clone)]
pub(crate) enum Derivation {
    /// `num / den`, rounded.
    Ratio {
        num: usize,
        den: usize,
        decimals: u8,
    },
    /// `value / (height_cm / 100)^2`, rounded: BMI, skeletal muscle index.
    PerHeightSquared {
        value: usize,
        height: usize,
        decimals: u8,
    },
    /// Estimated GFR by the CKD-EPI 2021 creatinine equation (race-free), mL/min/1.73 m2,
    /// from creatinine in mg/dL, age and female sex.
    EgfrCkdEpi2021 {
        creatinine: usize,
        age: usize,
        female: usize,
    },
    /// `constant + sum of weight * gate(value)`: counts and points scores (Charlson).
    Sum {
        terms: Vec<(usize, Gate, f32)>,
        constant: f32,
    },
    /// Sarcopenia by Martin et al. 2013 (J Clin Oncol 31:1539): skeletal muscle index
    /// below 41 cm2/m2 in women, below 43 (BMI < 25) or 53 (BMI >= 25) in men.
    Sarcopenia {
        smi: usize,
        female: usize,
        bmi: usize,
    },
    /// Myosteatosis by Martin et al. 2013: muscle attenuation below 41 HU (BMI < 25) or
    /// 33 HU (BMI >= 25).
    Myosteatosis { muscle_hu: usize, bmi: usize },
}

impl Derivation {
    /// Calls `f` with every input column.
    fn for_each_input(&self, mut f: impl FnMut(usize)) {
        match self {
            Derivation::Ratio { num: a, den: b, .. }
            | Derivation::PerHeightSquared {
                value: a,
                height: b,
                ..
            }
            | Derivation::Myosteatosis {
                muscle_hu: a,
                bmi: b,
            } => {
                f(*a);
                f(*b);
            }
            Derivation::EgfrCkdEpi2021 {
                creatinine: a,
                age: b,
                female: c,
            }
            | Derivation::Sarcopenia {
                smi: a,
                female: b,
                bmi: c,
            } => {
                f(*a);
                f(*b);
                f(*c);
            }
            Derivation::Sum { terms, .. } => terms.iter().for_each(|t| f(t.0)),
        }
    }

    fn eval(&self, v: &[f32]) -> f64 {
        let get = |j: usize| v.get(j).copied().map_or(f64::NAN, f64::from);
        match self {
            Derivation::Ratio { num, den, decimals } => {
                round_to(get(*num) / get(*den).max(1e-6), *decimals)
            }
            Derivation::PerHeightSquared {
                value,
                height,
                decimals,
            } => {
                let h = get(*height) / 100.0;
                round_to(get(*value) / (h * h), *decimals)
            }
            Derivation::EgfrCkdEpi2021 {
                creatinine,
                age,
                female,
            } => {
                let female = get(*female) == 1.0;
                let (kappa, alpha, factor) = if female {
                    (0.7, -0.241, 1.012)
                } else {
                    (0.9, -0.302, 1.0)
                };
                let ratio = get(*creatinine) / kappa;
                let egfr = 142.0
                    * libm::pow(ratio.min(1.0), alpha)
                    * libm::pow(ratio.max(1.0), -1.2)
                    * libm::pow(0.9938, get(*age))
                    * factor;
                round_to(egfr.min(150.0), 0)
            }
            Derivation::Sum { terms, constant } => {
                let sum: f32 = terms.iter().map(|&(j, gate, w)| w * gate.eval(v[j])).sum();
                f64::from(constant + sum)
            }
            Derivation::Sarcopenia { smi, female, bmi } => {
                let cut = if get(*female) == 1.0 {
                    41.0
                } else if get(*bmi) < 25.0 {
                    43.0
                } else {
                    53.0
                };
                f64::from(u8::from(get(*smi) < cut))
            }
            Derivation::Myosteatosis { muscle_hu, bmi } => {
                let cut = if get(*bmi) < 25.0 { 41.0 } else { 33.0 };
                f64::from(u8::from(get(*muscle_hu) < cut))
            }
        }
    }
}

/// How a marker's complete value is drawn.
#[derive(Clone)]
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
    /// `scale * Gamma(shape) * exp(load . z)`, clamped and rounded: non-negative, skewed
    /// quantities with many small values (weight loss, pack-years, days in hospital).
    Gamma {
        shape: f32,
        scale: f32,
        load: Load,
        max: f32,
        decimals: u8,
    },
    /// Level = number of `cuts` below the score.
    Ordinal { cuts: &'static [f32], load: Load },
    /// 1 with an entity-specific probability (index = entity).
    ByEntity(&'static [f32]),
    /// 1 with probability `logistic(logit(rate) + load . z + entity shift)`, where the rate
    /// is the entity's, or `given.otherwise` where the condition on an earlier marker fails.
    Event {
        rates: EntityRates,
        load: Load,
        given: Option<Given>,
    },
    /// Strongly tied to an earlier marker: `intercept + slope * x + sd * N(0, 1)`, or on the
    /// log scale `exp(intercept + slope * ln x + sd * N(0, 1))` (haematocrit from haemoglobin,
    /// AST from ALT), clamped and rounded.
    Linked {
        of: usize,
        slope: f32,
        intercept: f32,
        sd: f32,
        log: bool,
        min: f32,
        max: f32,
        decimals: u8,
    },
    /// Body weight in kg from an earlier height (cm): a log-normal BMI times height squared.
    BodyWeight {
        height: usize,
        bmi_median: f32,
        bmi_sigma: f32,
        load: Load,
    },
    /// Computed from earlier markers.
    Derived(Derivation),
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
/// available panel with probability `logistic(logit(rate) + load . z)`, the rate being
/// entity-specific where listed.
#[derive(Clone, Copy)]
pub(crate) struct Missingness {
    pub(crate) panel: Panel,
    pub(crate) rate: f32,
    pub(crate) by_entity: &'static [(usize, f32)],
    /// Not-at-random part: dependence on the latent factors.
    pub(crate) load: Load,
}

impl Missingness {
    /// Recorded whenever the panel is.
    pub(crate) const fn panel(panel: Panel) -> Self {
        Self {
            panel,
            rate: 0.0,
            by_entity: &[],
            load: NO_LOAD,
        }
    }
    /// Missing at `rate` within its panel, completely at random.
    pub(crate) const fn rate(panel: Panel, rate: f32) -> Self {
        Self {
            panel,
            rate,
            by_entity: &[],
            load: NO_LOAD,
        }
    }
}

/// A marker: its dictionary entry, how it is drawn, what it does, when it is missing.
#[derive(Clone)]
pub(crate) struct MarkerDef {
    pub(crate) spec: MarkerSpec,
    pub(crate) sampler: Sampler,
    /// Entity-specific shift of the score (standard deviations, or logits for events).
    pub(crate) entity_shift: &'static [(usize, f32)],
    /// Shift of the score for women (standard deviations, or logits for events).
    pub(crate) female_shift: f32,
    pub(crate) effect: Option<Effect>,
    pub(crate) missing: Missingness,
    /// A value of 1 means this panel was done (a targeted drug implies a sequenced tumour).
    pub(crate) implies_panel: Option<Panel>,
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
pub(crate) struct PresetDef<'a> {
    pub(crate) name: &'static str,
    pub(crate) entities: &'a [EntityDef],
    pub(crate) markers: std::borrow::Cow<'a, [MarkerDef]>,
    pub(crate) interactions: &'a [InteractionDef],
    pub(crate) censoring: Censoring,
    /// Log-hazard ratio of a typical patient, at which entity medians are given.
    pub(crate) typical_log_hr: f32,
    /// Probability that a panel is available for a patient of an entity, given the latent
    /// factors and complete marker values.
    pub(crate) panel_probability: fn(Panel, usize, &Latent, &[f32]) -> f64,
}

/// Per-marker constants computed once per run instead of once per cell, laid out so that
/// the per-patient loops read them in column order from contiguous memory.
struct Prepared {
    /// `sqrt(1 - |load|^2)`: weight of the marker's own noise (`m`).
    own_noise: Vec<f64>,
    /// Constants per entity and marker, entity-major (`e x m`): one patient reads one
    /// contiguous row.
    cells: Vec<CellConstants>,
    /// How each marker goes missing (`m`).
    missing: Vec<MissingPlan>,
    /// Markers with an effect of their own, in column order: the others contribute
    /// exactly 0 to the log-hazard.
    effects: Vec<(usize, Effect)>,
    /// Markers whose value 1 means a panel was done, in column order.
    implies: Vec<(usize, Panel)>,
    /// Column of `sex_female`, if the preset has one.
    female: Option<usize>,
    /// Interaction marker indices.
    interaction_idx: Vec<[usize; 2]>,
}

/// What a marker's cell needs that depends on the patient's entity.
#[derive(Clone, Copy, Default)]
struct CellConstants {
    /// Entity shift of the score.
    shift: f64,
    /// The same for women: `shift + female_shift`, or `shift` where the marker has no
    /// female shift.
    shift_female: f64,
    /// Event probability (0 for non-event markers).
    rate: f64,
    /// Its logit, so a tilted event costs one `exp` per cell, not also a `log`.
    rate_logit: f64,
    /// Event probability where the marker's condition fails (`Given`), and its logit.
    otherwise: f64,
    otherwise_logit: f64,
    /// Within-panel missing probability.
    miss_p: f64,
    /// Its logit (`-inf` = never missing within an available panel).
    miss_logit: f64,
}

/// How a marker goes missing, apart from its entity's rate.
#[derive(Clone, Copy)]
struct MissingPlan {
    /// Index of its panel in [`PANELS`].
    panel: usize,
    /// Not-at-random dependence on the latent factors, where there is one.
    load: Option<Load>,
    /// Computed from other markers: missing where any input is.
    derived: bool,
}

fn dot(load: &Load, z: &Latent) -> f64 {
    load.iter().zip(z).map(|(&w, &x)| f64::from(w) * x).sum()
}

fn load_of(sampler: &Sampler) -> Option<&Load> {
    match sampler {
        Sampler::Gaussian { load, .. }
        | Sampler::LogNormal { load, .. }
        | Sampler::Ordinal { load, .. } => Some(load),
        Sampler::Gamma { .. }
        | Sampler::Event { .. }
        | Sampler::BodyWeight { .. }
        | Sampler::Linked { .. }
        | Sampler::ByEntity(_)
        | Sampler::Derived(_)
        | Sampler::Custom(_) => None,
    }
}

/// Columns an earlier-marker dependency of `sampler` refers to.
fn dependencies(sampler: &Sampler, mut f: impl FnMut(usize)) {
    match sampler {
        Sampler::Event {
            given: Some(given), ..
        } => f(given.column),
        Sampler::BodyWeight { height, .. } => f(*height),
        Sampler::Linked { of, .. } => f(*of),
        Sampler::Derived(derivation) => derivation.for_each_input(f),
        _ => {}
    }
}

/// Writes `background` for every entity into field `field` of column `j` of the entity-major
/// `cells` table (`e x m`), then the listed entities' values; an unknown entity is returned.
fn fill_entity_column(
    cells: &mut [CellConstants],
    m: usize,
    j: usize,
    field: fn(&mut CellConstants) -> &mut f64,
    background: f64,
    by_entity: &[(usize, f32)],
) -> Result<(), usize> {
    for row in cells.chunks_exact_mut(m) {
        *field(&mut row[j]) = background;
    }
    for &(entity, value) in by_entity {
        *cells
            .chunks_exact_mut(m)
            .nth(entity)
            .map(|row| field(&mut row[j]))
            .ok_or(entity)? = f64::from(value);
    }
    Ok(())
}

/// A per-entity `table` of `marker` that names the absent entity `entity`.
fn unknown_entity(marker: &'static str, table: &'static str, entity: usize) -> TableProblem {
    TableProblem::UnknownEntity {
        marker,
        table,
        entity,
    }
}

fn prepare(preset: &PresetDef<'_>) -> Result<Prepared, SynthError> {
    let bad = |problem: TableProblem| SynthError::PresetTable {
        preset: preset.name,
        problem,
    };
    let m = preset.markers.len();
    let e = preset.entities.len();
    if e == 0 || e > usize::from(u16::MAX) {
        return Err(bad(TableProblem::EntityCount { entities: e }));
    }
    let mut own_noise = Vec::with_capacity(m);
    let mut cells = vec![CellConstants::default(); e * m];
    for (j, marker) in preset.markers.iter().enumerate() {
        let id = marker.spec.id;
        let load_sq: f64 =
            load_of(&marker.sampler).map_or(0.0, |l| l.iter().map(|&w| f64::from(w * w)).sum());
        if load_sq > 0.95 {
            return Err(bad(TableProblem::Loading {
                marker: id,
                loading: load_sq,
            }));
        }
        own_noise.push((1.0 - load_sq).sqrt());
        fill_entity_column(&mut cells, m, j, |c| &mut c.shift, 0.0, marker.entity_shift)
            .map_err(|x| bad(unknown_entity(id, "shift", x)))?;
        if let Sampler::Event { rates, .. } = &marker.sampler {
            fill_entity_column(
                &mut cells,
                m,
                j,
                |c| &mut c.rate,
                f64::from(rates.background),
                rates.by_entity,
            )
            .map_err(|x| bad(unknown_entity(id, "event rate", x)))?;
        }
        if let Sampler::Event {
            given: Some(given), ..
        } = &marker.sampler
        {
            fill_entity_column(
                &mut cells,
                m,
                j,
                |c| &mut c.otherwise,
                f64::from(given.otherwise),
                given.otherwise_by_entity,
            )
            .map_err(|x| bad(unknown_entity(id, "off-condition rate", x)))?;
        }
        if let Sampler::ByEntity(p) = marker.sampler
            && p.len() != e
        {
            return Err(bad(TableProblem::EntityRates {
                marker: id,
                found: p.len(),
                expected: e,
            }));
        }
        let missing = &marker.missing;
        fill_entity_column(
            &mut cells,
            m,
            j,
            |c| &mut c.miss_p,
            f64::from(missing.rate),
            missing.by_entity,
        )
        .map_err(|x| bad(unknown_entity(id, "missing rate", x)))?;
        let mut later = None;
        dependencies(&marker.sampler, |c| {
            if c >= j {
                later = Some(c);
            }
        });
        if let Some(c) = later {
            return Err(bad(TableProblem::LaterColumn {
                marker: id,
                column: j,
                depends_on: c,
            }));
        }
    }
    let safe_logit = |p: f64| if p <= 0.0 || p >= 1.0 { 0.0 } else { logit(p) };
    for row in cells.chunks_exact_mut(m) {
        for (cell, def) in row.iter_mut().zip(preset.markers.iter()) {
            // The same sum the cell loop used to form for women, formed once.
            cell.shift_female = if def.female_shift != 0.0 {
                cell.shift + f64::from(def.female_shift)
            } else {
                cell.shift
            };
            cell.rate_logit = safe_logit(cell.rate);
            cell.otherwise_logit = safe_logit(cell.otherwise);
            cell.miss_logit = if cell.miss_p <= 0.0 {
                f64::NEG_INFINITY
            } else {
                logit(cell.miss_p.min(1.0 - 1e-9))
            };
        }
    }
    let missing = preset
        .markers
        .iter()
        .map(|def| MissingPlan {
            panel: def.missing.panel as usize,
            load: (def.missing.load != NO_LOAD).then_some(def.missing.load),
            derived: matches!(def.sampler, Sampler::Derived(_)),
        })
        .collect();
    let effects = preset
        .markers
        .iter()
        .enumerate()
        .filter_map(|(j, def)| Some((j, def.effect?)))
        .collect();
    let implies = preset
        .markers
        .iter()
        .enumerate()
        .filter_map(|(j, def)| Some((j, def.implies_panel?)))
        .collect();
    let find = |interaction: &'static str, marker: &'static str| {
        preset
            .markers
            .iter()
            .position(|m| m.spec.id == marker)
            .ok_or_else(|| {
                bad(TableProblem::InteractionMarker {
                    interaction,
                    marker,
                })
            })
    };
    let interaction_idx = preset
        .interactions
        .iter()
        .map(|it| Ok([find(it.id, it.a)?, find(it.id, it.b)?]))
        .collect::<Result<Vec<_>, SynthError>>()?;
    let female = preset
        .markers
        .iter()
        .position(|m| m.spec.id == "sex_female");
    Ok(Prepared {
        own_noise,
        cells,
        missing,
        effects,
        implies,
        female,
        interaction_idx,
    })
}

fn round_to(x: f64, decimals: u8) -> f64 {
    // Exact powers of ten, instead of a `pow` per cell.
    const SCALE: [f64; 7] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6];
    let scale = SCALE[usize::from(decimals).min(SCALE.len() - 1)];
    round(x * scale) / scale
}

/// Weibull scale (days) such that a patient with log-hazard ratio `typical_log_hr` has
/// the entity's reference median: `median = scale * (ln 2 * e^-lp)^(1/k)`.
fn weibull_scale(entity: &EntityDef, typical_log_hr: f64) -> f64 {
    let shape = f64::from(entity.weibull_shape);
    let median_factor = libm::pow(
        core::f64::consts::LN_2 * libm::exp(-typical_log_hr),
        1.0 / shape,
    );
    f64::from(entity.reference_median_days) / median_factor
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

/// Event probability of a cell and its logit, precomputed per marker and entity.
#[derive(Clone, Copy)]
struct EventRate {
    p: f64,
    logit: f64,
    otherwise_p: f64,
    otherwise_logit: f64,
}

fn sample_marker(
    sampler: &Sampler,
    noise: f64,
    shift: f64,
    rate: EventRate,
    ctx: &mut PatientCtx<'_>,
) -> f32 {
    let value = match sampler {
        &Sampler::Gaussian {
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
        &Sampler::LogNormal {
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
        &Sampler::Gamma {
            shape,
            scale,
            load,
            max,
            decimals,
        } => {
            let x = f64::from(scale)
                * ctx.draws.gamma(f64::from(shape))
                * libm::exp(dot(&load, ctx.latent) + shift);
            round_to(x.min(f64::from(max)), decimals)
        }
        Sampler::Ordinal { cuts, load } => {
            let score = dot(load, ctx.latent) + noise * ctx.draws.normal() + shift;
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
        Sampler::Event { load, given, .. } => {
            let (p, l) = match given {
                Some(g)
                    if g.gate
                        .eval(ctx.values.get(g.column).copied().unwrap_or(0.0))
                        == 0.0 =>
                {
                    (rate.otherwise_p, rate.otherwise_logit)
                }
                _ => (rate.p, rate.logit),
            };
            let tilt = dot(load, ctx.latent) + shift;
            let p = if tilt == 0.0 || p <= 0.0 || p >= 1.0 {
                p
            } else {
                logistic(l + tilt)
            };
            f64::from(u8::from(ctx.draws.bernoulli(p)))
        }
        &Sampler::BodyWeight {
            height,
            bmi_median,
            bmi_sigma,
            load,
        } => {
            let own = (1.0 - load.iter().map(|&w| f64::from(w * w)).sum::<f64>())
                .max(0.05)
                .sqrt();
            let score = dot(&load, ctx.latent) + own * ctx.draws.normal() + shift;
            let bmi =
                (f64::from(bmi_median) * libm::exp(f64::from(bmi_sigma) * score)).clamp(13.0, 60.0);
            let h = ctx
                .values
                .get(height)
                .copied()
                .map_or(1.7, |h| f64::from(h) / 100.0);
            round_to(bmi * h * h, 1)
        }
        &Sampler::Linked {
            of,
            slope,
            intercept,
            sd,
            log,
            min,
            max,
            decimals,
        } => {
            let x = ctx.values.get(of).copied().map_or(0.0, f64::from);
            let noise = f64::from(sd) * ctx.draws.normal() + shift;
            let y = if log {
                libm::exp(f64::from(intercept) + f64::from(slope) * libm::log(x.max(1e-9)) + noise)
            } else {
                f64::from(intercept) + f64::from(slope) * x + noise
            };
            round_to(y.clamp(f64::from(min), f64::from(max)), decimals)
        }
        Sampler::Derived(derivation) => derivation.eval(ctx.values),
        Sampler::Custom(f) => return f(ctx),
    };
    value as f32
}

/// Generates a cohort from a preset definition.
#[cfg(test)]
pub(crate) fn generate_preset(
    preset: PresetDef<'_>,
    config: &SynthConfig,
) -> Result<SyntheticCohort, SynthError> {
    generate_preset_scaled(preset, config, 1.0)
}

/// Generates a cohort from a preset definition with every planted interaction's
/// coefficient multiplied by `interaction_scale` (0: the additive twin; the covariates and
/// the random streams are the same for every scale). The caller has checked the size: a
/// whole cohort's ([`SynthConfig::validate`]) or a prefix of one (`generate_first`).
pub(crate) fn generate_preset_scaled(
    preset: PresetDef<'_>,
    config: &SynthConfig,
    interaction_scale: f32,
) -> Result<SyntheticCohort, SynthError> {
    let mut drawing = Drawing::new(preset, config, interaction_scale)?;
    drawing.draw(config.n_patients);
    Ok(drawing.finish())
}

/// A cohort being drawn patient after patient, so that a caller can draw it in chunks and
/// do other work between them. Every patient comes from the same three random streams in
/// the same order whatever the chunks, so the cohort is the same as drawn at once.
pub(crate) struct Drawing<'a> {
    preset: PresetDef<'a>,
    config: SynthConfig,
    prep: Prepared,
    weights: Vec<f64>,
    total_weight: f64,
    shapes: Vec<f64>,
    scales: Vec<f64>,
    entity_terms: Vec<f64>,
    covariates: Draws,
    missingness: Draws,
    outcomes: Draws,
    coefs: Vec<f32>,
    entity: Vec<u16>,
    values: Vec<f32>,
    contributions: Vec<f32>,
    interaction_contributions: Vec<f32>,
    interaction_gates: Vec<f32>,
    entity_log_hazard: Vec<f32>,
    log_hazard: Vec<f64>,
    time_days: Vec<f64>,
    event: Vec<bool>,
    /// One patient's complete values (before missingness), reused.
    complete: Vec<f32>,
    /// One patient's shown values, reused.
    observed_row: Vec<f32>,
    panel_open: [bool; N_PANELS],
}

impl<'a> Drawing<'a> {
    /// Starts drawing the cohort of `config` from `preset`, with every planted interaction's
    /// coefficient multiplied by `interaction_scale`.
    pub(crate) fn new(
        preset: PresetDef<'a>,
        config: &SynthConfig,
        interaction_scale: f32,
    ) -> Result<Self, SynthError> {
        if !interaction_scale.is_finite() {
            return Err(SynthError::InteractionScale {
                scale: interaction_scale,
            });
        }
        let prep = prepare(&preset)?;
        let n = config.n_patients;
        let m = preset.markers.len();
        let k = preset.interactions.len();
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
        let typical = f64::from(preset.typical_log_hr);
        let scales: Vec<f64> = preset
            .entities
            .iter()
            .map(|d| weibull_scale(d, typical))
            .collect();
        let entity_terms: Vec<f64> = shapes
            .iter()
            .zip(&scales)
            .map(|(&k, &s)| k * libm::log(HORIZON_DAYS / s))
            .collect();
        let coefs: Vec<f32> = preset
            .interactions
            .iter()
            .map(|def| def.coef * interaction_scale)
            .collect();
        Ok(Self {
            config: *config,
            prep,
            weights,
            total_weight,
            shapes,
            scales,
            entity_terms,
            covariates: Draws::new(config.seed, Stream::Covariates),
            missingness: Draws::new(config.seed, Stream::Missingness),
            outcomes: Draws::new(config.seed, Stream::Outcomes),
            coefs,
            entity: Vec::with_capacity(n),
            // Room for one more column: a consumer that lays the cohort out with the entity
            // as a last column (the explained session does) reuses these arrays' memory
            // once it has read them, instead of asking for as much again.
            values: Vec::with_capacity(n * (m + 1)),
            contributions: Vec::with_capacity(n * (m + 1)),
            interaction_contributions: Vec::with_capacity(n * k),
            interaction_gates: Vec::with_capacity(n * k * 2),
            entity_log_hazard: Vec::with_capacity(n),
            log_hazard: Vec::with_capacity(n),
            time_days: Vec::with_capacity(n),
            event: Vec::with_capacity(n),
            complete: vec![0.0_f32; m],
            observed_row: vec![f32::NAN; m],
            panel_open: [true; N_PANELS],
            preset,
        })
    }

    /// Patients drawn so far.
    pub(crate) fn drawn(&self) -> usize {
        self.entity.len()
    }

    /// Draws up to `k` more patients (never beyond the cohort's size); returns how many
    /// are drawn in all.
    pub(crate) fn draw(&mut self, k: usize) -> usize {
        let until = (self.drawn() + k).min(self.config.n_patients);
        while self.drawn() < until {
            self.draw_patient();
        }
        self.drawn()
    }

    fn draw_patient(&mut self) {
        let Self {
            preset,
            prep,
            weights,
            total_weight,
            shapes,
            scales,
            entity_terms,
            covariates,
            missingness,
            outcomes,
            coefs,
            entity,
            values,
            contributions,
            interaction_contributions,
            interaction_gates,
            entity_log_hazard,
            log_hazard,
            time_days,
            event,
            complete,
            observed_row,
            panel_open,
            ..
        } = self;
        let m = preset.markers.len();
        let censoring = &preset.censoring;
        let ent = covariates.categorical(weights, *total_weight);
        let latent = draw_latent(covariates, &preset.entities[ent].latent_shift);
        let cells = &prep.cells[ent * m..(ent + 1) * m];
        // Women's shifts apply from the column after `sex_female` on. The flag is looked up
        // per cell and `complete[j]` assigned last on purpose: a running flag set after the
        // sex column, with the value written through `split_at_mut`, ran 25% slower natively
        // (a code-generation effect: it executed fewer instructions).
        for (j, (def, cell)) in preset.markers.iter().zip(cells).enumerate() {
            let (done, _) = complete.split_at_mut(j);
            let is_female = prep
                .female
                .is_some_and(|f| done.get(f).is_some_and(|&v| v == 1.0));
            let shift = if is_female {
                cell.shift_female
            } else {
                cell.shift
            };
            let mut ctx = PatientCtx {
                entity: ent,
                latent: &latent,
                values: done,
                draws: covariates,
                entities: preset.entities,
            };
            let rate = EventRate {
                p: cell.rate,
                logit: cell.rate_logit,
                otherwise_p: cell.otherwise,
                otherwise_logit: cell.otherwise_logit,
            };
            complete[j] = sample_marker(&def.sampler, prep.own_noise[j], shift, rate, &mut ctx);
        }

        // True log-hazard, summed in f64 from the stored f32 contributions so that the
        // contributions add up to it exactly (up to f64 rounding). Markers without an
        // effect contribute exactly +0.0, which leaves the sum unchanged (it starts at
        // +0.0 and so is never -0.0): they are skipped.
        let row_start = contributions.len();
        contributions.resize(row_start + m, 0.0);
        let row = &mut contributions[row_start..];
        let mut linear_predictor = 0.0_f64;
        for &(j, effect) in &prep.effects {
            let c = effect.eval(complete[j]);
            row[j] = c;
            linear_predictor += f64::from(c);
        }
        for (q, (def, [a, b])) in preset
            .interactions
            .iter()
            .zip(&prep.interaction_idx)
            .enumerate()
        {
            let (ga, gb) = (def.gate_a.eval(complete[*a]), def.gate_b.eval(complete[*b]));
            interaction_gates.push(ga);
            interaction_gates.push(gb);
            let c = coefs[q] * ga * gb;
            interaction_contributions.push(c);
            linear_predictor += f64::from(c);
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

        // Missingness: panels first, then single values within them; a derived value is
        // missing when any of its inputs is.
        for (p, open) in panel_open.iter_mut().enumerate() {
            let panel = PANELS[p];
            *open = panel == Panel::Always
                || missingness.bernoulli((preset.panel_probability)(panel, ent, &latent, complete));
        }
        for &(j, panel) in &prep.implies {
            if complete[j] == 1.0 {
                panel_open[panel as usize] = true;
            }
        }
        for (j, (plan, cell)) in prep.missing.iter().zip(cells).enumerate() {
            let mut shown = panel_open[plan.panel] && {
                let l = cell.miss_logit;
                if l == f64::NEG_INFINITY {
                    true
                } else {
                    match &plan.load {
                        None => !missingness.bernoulli(cell.miss_p),
                        Some(load) => !missingness.bernoulli(logistic(l + dot(load, &latent))),
                    }
                }
            };
            if plan.derived
                && let Some(Sampler::Derived(derivation)) =
                    preset.markers.get(j).map(|def| &def.sampler)
            {
                derivation.for_each_input(|input| shown &= !observed_row[input].is_nan());
            }
            observed_row[j] = if shown { complete[j] } else { f32::NAN };
        }
        values.extend_from_slice(observed_row);

        entity.push(ent as u16);
        entity_log_hazard.push(entity_terms[ent] as f32);
        log_hazard.push(entity_terms[ent] + linear_predictor);
    }

    /// The cohort of the patients drawn (all of them, once [`Self::draw`] has reached the
    /// cohort's size), with its planted truth.
    pub(crate) fn finish(self) -> SyntheticCohort {
        let n = self.drawn();
        let config = SynthConfig {
            n_patients: n,
            ..self.config
        };
        let preset = &self.preset;
        let truth = build_truth(
            preset,
            &config,
            &self.prep,
            &self.weights,
            self.total_weight,
            &self.shapes,
            &self.scales,
            TruthBuffers {
                contributions: self.contributions,
                interaction_contributions: self.interaction_contributions,
                interaction_gates: self.interaction_gates,
                coefs: self.coefs,
                entity_log_hazard: self.entity_log_hazard,
                log_hazard: self.log_hazard,
            },
            &Outcomes {
                values: &self.values,
                entity: &self.entity,
                time_days: &self.time_days,
                event: &self.event,
            },
        );
        SyntheticCohort {
            config,
            entities: preset.entities.iter().map(|d| d.entity).collect(),
            markers: preset.markers.iter().map(|d| d.spec).collect(),
            patient_ids: (1..=n).map(|i| format!("P{i:05}")).collect(),
            entity: self.entity,
            time_days: self.time_days,
            event: self.event,
            values: self.values,
            truth,
        }
    }
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
    /// `n x k x 2`: each interaction's two gates on the complete values.
    interaction_gates: Vec<f32>,
    /// Each interaction's coefficient after scaling.
    coefs: Vec<f32>,
    entity_log_hazard: Vec<f32>,
    log_hazard: Vec<f64>,
}

/// What the oracle's risk sets are made of, and the table it sees.
struct Outcomes<'a> {
    /// The shown values, `n x m`, NaN where missing.
    values: &'a [f32],
    entity: &'a [u16],
    time_days: &'a [f64],
    event: &'a [bool],
}

/// Mean absolute value of every column of a row-major `n x width` matrix, in one pass over
/// the rows (a pass per column would stride through memory `width` times).
fn mean_abs_columns(matrix: &[f32], width: usize) -> Vec<f32> {
    let mut sums = vec![0.0_f64; width];
    let mut rows = 0usize;
    for row in matrix.chunks_exact(width.max(1)) {
        for (sum, &c) in sums.iter_mut().zip(row) {
            *sum += f64::from(c.abs());
        }
        rows += 1;
    }
    sums.into_iter()
        .map(|s| (s / rows.max(1) as f64) as f32)
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn build_truth(
    preset: &PresetDef<'_>,
    config: &SynthConfig,
    prep: &Prepared,
    weights: &[f64],
    total_weight: f64,
    shapes: &[f64],
    scales: &[f64],
    buffers: TruthBuffers,
    outcomes: &Outcomes<'_>,
) -> Truth {
    let m = preset.markers.len();
    let k = preset.interactions.len();
    let marker_importance = mean_abs_columns(&buffers.contributions, m);
    let interaction_importance = mean_abs_columns(&buffers.interaction_contributions, k);
    // The oracle's non-centrality per planted effect (see the `power` module).
    let sets = RiskSets::new(
        outcomes.entity,
        outcomes.time_days,
        outcomes.event,
        &buffers.log_hazard,
    );
    // The oracle sees the table: a marker's contribution where its value is shown, the
    // mean contribution of the patients without it elsewhere (with a missing indicator
    // beside it); an interaction's gates on the shown values, 0 where a value is missing
    // (with both missing indicators beside them).
    let values = outcomes.values;
    let shown = |i: usize, j: usize| !values[i * m + j].is_nan();
    let n = outcomes.event.len();
    let marker_lambda: Vec<Option<f64>> = preset
        .markers
        .iter()
        .enumerate()
        .map(|(j, def)| {
            def.effect?;
            let (mut sum, mut missing) = (0.0f64, 0usize);
            for i in (0..n).filter(|&i| !shown(i, j)) {
                sum += f64::from(buffers.contributions[i * m + j]);
                missing += 1;
            }
            let fill = if missing > 0 {
                sum / missing as f64
            } else {
                0.0
            };
            let contribution = |i: usize| {
                if shown(i, j) {
                    f64::from(buffers.contributions[i * m + j])
                } else {
                    fill
                }
            };
            let complete = |i: usize| f64::from(buffers.contributions[i * m + j]);
            let info = if missing > 0 && missing < n {
                sets.information(3, |i, z| {
                    z[0] = f64::from(u8::from(!shown(i, j)));
                    z[1] = contribution(i);
                    z[2] = complete(i);
                })
            } else {
                sets.information(2, |i, z| {
                    z[0] = contribution(i);
                    z[1] = complete(i);
                })
            };
            let p = if missing > 0 && missing < n { 3 } else { 2 };
            Some(noncentrality_shown(&info, p, 1.0))
        })
        .collect();
    let interaction_lambda: Vec<f64> = preset
        .interactions
        .iter()
        .zip(&prep.interaction_idx)
        .zip(&buffers.coefs)
        .enumerate()
        .map(|(q, ((def, &[a, b]), &coef))| {
            let gate = |i: usize, j: usize, g: Gate| {
                if shown(i, j) {
                    f64::from(g.eval(values[i * m + j]))
                } else {
                    0.0
                }
            };
            let info = sets.information(6, |i, z| {
                let (ga, gb) = (gate(i, a, def.gate_a), gate(i, b, def.gate_b));
                z[0] = f64::from(u8::from(!shown(i, a)));
                z[1] = f64::from(u8::from(!shown(i, b)));
                z[2] = ga;
                z[3] = gb;
                z[4] = ga * gb;
                z[5] = f64::from(buffers.interaction_gates[(i * k + q) * 2])
                    * f64::from(buffers.interaction_gates[(i * k + q) * 2 + 1]);
            });
            noncentrality_shown(&info, 6, f64::from(coef))
        })
        .collect();
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
                importance: marker_importance[j],
                oracle_noncentrality: marker_lambda[j],
                oracle_power: marker_lambda[j].map(power_of),
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
                    buffers.coefs[q],
                    def.gate_a.describe(sa.id, sa.unit),
                    def.gate_b.describe(sb.id, sb.unit)
                ),
                description: def.description.to_owned(),
                importance: interaction_importance[q],
                coef: f64::from(buffers.coefs[q]),
                oracle_noncentrality: interaction_lambda[q],
                oracle_power: power_of(interaction_lambda[q]),
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
        interaction_gates: buffers.interaction_gates,
        entity_log_hazard: buffers.entity_log_hazard,
        log_hazard: buffers.log_hazard,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn egfr_follows_ckd_epi_2021() {
        // Reference: CKD-EPI 2021 creatinine equation (Inker et al., N Engl J Med 2021;
        // 385:1737), evaluated by hand: 86.2, 98.9, 34.2 mL/min/1.73 m2, rounded to whole
        // units as stored. Columns: creatinine (mg/dL), age (years), female.
        let egfr = Derivation::EgfrCkdEpi2021 {
            creatinine: 0,
            age: 1,
            female: 2,
        };
        assert_eq!(egfr.eval(&[1.0, 60.0, 0.0]), 86.0);
        assert_eq!(egfr.eval(&[0.7, 60.0, 1.0]), 99.0);
        assert_eq!(egfr.eval(&[2.0, 75.0, 0.0]), 34.0);
    }

    #[test]
    fn sarcopenia_uses_sex_and_bmi_specific_cut_offs() {
        // Reference: Martin et al. 2013 cut-offs (41 women; 43 men BMI < 25; 53 men BMI >= 25).
        let sarcopenia = Derivation::Sarcopenia {
            smi: 0,
            female: 1,
            bmi: 2,
        };
        assert_eq!(sarcopenia.eval(&[42.0, 1.0, 30.0]), 0.0);
        assert_eq!(sarcopenia.eval(&[42.0, 0.0, 24.0]), 1.0);
        assert_eq!(sarcopenia.eval(&[50.0, 0.0, 24.0]), 0.0);
        assert_eq!(sarcopenia.eval(&[50.0, 0.0, 26.0]), 1.0);
    }

    #[test]
    fn presets_reject_references_to_later_columns() {
        let mut markers = crate::pancancer::marker_defs().unwrap();
        // Point the first derived marker (BMI from weight and height) at the last column.
        let last = markers.len() - 1;
        let bmi = markers.iter().position(|m| m.spec.id == "bmi").unwrap();
        markers[bmi].sampler = Sampler::Derived(Derivation::Ratio {
            num: last,
            den: 0,
            decimals: 1,
        });
        let preset = PresetDef {
            name: "broken",
            entities: &crate::pancancer::ENTITIES,
            markers: std::borrow::Cow::Borrowed(&markers),
            interactions: &[],
            censoring: Censoring {
                accrual_days: 1.0,
                min_follow_up_days: 1.0,
                loss_to_follow_up_per_year: 0.0,
            },
            typical_log_hr: 0.0,
            panel_probability: |_, _, _, _| 1.0,
        };
        let config = SynthConfig {
            n_patients: 10,
            seed: 1,
            preset: crate::Preset::Teaching,
        };
        match generate_preset(preset, &config) {
            Err(SynthError::PresetTable {
                preset: "broken",
                problem:
                    TableProblem::LaterColumn {
                        marker: "bmi",
                        column,
                        depends_on,
                    },
            }) => assert_eq!((column, depends_on), (bmi, last)),
            other => panic!("expected a table error, got {other:?}"),
        }
    }
}
