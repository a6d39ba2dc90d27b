//! `survlens explain`: every patient's predicted log-risk decomposed into relevances by LRP.
//!
//! Output (CSV, a stable contract): one row per data row, `prediction` (the model output,
//! log-risk) then one relevance column per marker (survlens model file; missing indicators,
//! one-hot levels and mirrors summed into their marker, in the model's marker order) or per
//! encoded input (`--ungrouped`), or, for an ONNX model, one column per model input named
//! after the CSV header. Numbers are the shortest text that reads back to the same `f32`.
//!
//! With `--reference cohort|entity` the relevances are DeepLIFT-rescale contributions to
//! `prediction - reference`, measured from a typical patient (the median of each numeric
//! marker and the most frequent level of each other marker, over the data file's patients
//! or over those of the patient's entity, encoded by the model's own preprocessing); a
//! `reference` column after `prediction` holds the typical patient's log-risk, so each
//! row's relevances sum to `prediction - reference` up to `f32` rounding.
//!
//! The data file needs the model's markers only: a patient id column is optional, and the
//! time and event columns, when the file has them, are read (and checked) but never
//! required, so new patients without an outcome are explained like any others.
//!
//! Also home of what `explain`, `importance` and `interactions` share: the data flags
//! ([`DataArgs`]), reading a model (`.json` survlens model file or `.onnx`) and a data file
//! into encoded inputs, marker names, marker values and the input-to-marker map; and the
//! rule flags.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use survlens_data::cell;
use survlens_data::{
    Categorical, Cohort, ColumnRoles, FeatureRole, ImportOptions, Marker, MarkerKind,
};
use survlens_model::CoxNet;
use survlens_model::bundle::ModelBundle;
use survlens_xai::interactions::median_reference;
use survlens_xai::{
    Composite, DeepLift, Grouping, Lrp, LrpRule, Relevances, explain_against, import_onnx,
    typical_values,
};

use crate::common::{CohortFile, InputArgs, read_bytes};

/// The LRP rules offered on the command line (zennit 0.5.1 semantics, except the study's).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum RuleName {
    /// The study's gamma rule (gamma 0.01, eps 1e-5) on every layer.
    PaperGamma,
    /// Epsilon rule (eps from --epsilon, default 1e-6).
    Epsilon,
    /// Generalised gamma rule (gamma from --gamma, default 0.25; stabiliser --epsilon).
    Gamma,
    /// Z-plus rule.
    Zplus,
    /// Alpha-beta rule with alpha 1, beta 0.
    Alpha1beta0,
    /// Alpha-beta rule with alpha 2, beta 1.
    Alpha2beta1,
}

/// The rule flags shared by `explain` and `importance`.
#[derive(clap::Args, Debug)]
pub struct RuleArgs {
    /// LRP rule, on every layer.
    #[arg(long, value_enum, default_value = "paper-gamma")]
    rule: RuleName,
    /// Gamma of `--rule gamma` [default: 0.25, zennit's].
    #[arg(long)]
    gamma: Option<f32>,
    /// Stabiliser: eps of `--rule epsilon`, the denominators' stabiliser of `gamma`,
    /// `zplus` and the alpha-beta rules [default: 1e-6, zennit's].
    #[arg(long)]
    epsilon: Option<f32>,
}

/// zennit 0.5.1's default `Epsilon` eps and stabiliser of the other rules.
const ZENNIT_STABILIZER: f32 = 1e-6;
/// zennit 0.5.1's default `Gamma` gamma.
const ZENNIT_GAMMA: f32 = 0.25;

impl RuleArgs {
    /// The rule applied to every layer; its parameters are checked when the explainer is
    /// built.
    pub fn composite(&self) -> Result<Composite> {
        if self.gamma.is_some() && self.rule != RuleName::Gamma {
            bail!("--gamma applies to --rule gamma only");
        }
        if self.epsilon.is_some() && self.rule == RuleName::PaperGamma {
            bail!(
                "--rule paper-gamma has the study's fixed constants (gamma 0.01, eps 1e-5); --epsilon does not apply"
            );
        }
        let eps = self.epsilon.unwrap_or(ZENNIT_STABILIZER);
        let rule = match self.rule {
            RuleName::PaperGamma => LrpRule::PaperGamma,
            RuleName::Epsilon => LrpRule::Epsilon { eps },
            RuleName::Gamma => LrpRule::Gamma {
                gamma: self.gamma.unwrap_or(ZENNIT_GAMMA),
                stabilizer: eps,
            },
            RuleName::Zplus => LrpRule::ZPlus { stabilizer: eps },
            RuleName::Alpha1beta0 => LrpRule::AlphaBeta {
                alpha: 1.0,
                beta: 0.0,
                stabilizer: eps,
            },
            RuleName::Alpha2beta1 => LrpRule::AlphaBeta {
                alpha: 2.0,
                beta: 1.0,
                stabilizer: eps,
            },
        };
        // Check now, so that a bad parameter is reported before the data is read.
        rule.check()?;
        Ok(Composite::uniform(rule))
    }
}

/// The data flags shared by `explain`, `importance` and `interactions`.
#[derive(clap::Args, Debug)]
pub struct DataArgs {
    /// Data: for a survlens model, the raw cohort file with the model's marker columns (id,
    /// time and event optional); for ONNX, a CSV whose columns are the model's inputs in
    /// order, apart from the columns named by --id, --time and --event.
    #[arg(long)]
    pub data: PathBuf,
    /// Patient id column [default: the model's id column when the file has it; ONNX: none].
    #[arg(long)]
    pub id: Option<String>,
    /// Survival time column, used when present [default: the model's; ONNX: none].
    #[arg(long)]
    pub time: Option<String>,
    /// Event column, used when present [default: the model's; ONNX: none].
    #[arg(long)]
    pub event: Option<String>,
    #[command(flatten)]
    pub input: InputArgs,
}

/// Arguments of `survlens explain`.
#[derive(clap::Args)]
pub struct Args {
    /// Model: a survlens model file (`.json`) or an ONNX export (`.onnx`).
    #[arg(long)]
    model: PathBuf,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    rule: RuleArgs,
    /// One column per encoded input instead of per marker (survlens model files).
    #[arg(long)]
    ungrouped: bool,
    /// Explain relative to a typical patient of the whole file (`cohort`) or of each
    /// patient's entity (`entity`) with DeepLIFT-rescale, instead of LRP from zero.
    #[arg(long, value_enum)]
    reference: Option<ReferenceName>,
    /// Output CSV file.
    #[arg(long)]
    out: PathBuf,
}

/// Whose typical patient `--reference` measures from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReferenceName {
    /// The typical patient of all patients in the data file.
    Cohort,
    /// The typical patient of each patient's entity.
    Entity,
}

/// Explains every data row and writes the relevance table.
pub fn run(args: &Args) -> Result<()> {
    let composite = args.rule.composite()?;
    let input = ModelInput::load(&args.model, &args.data)?;
    let relevances = match args.reference {
        None => input.explain(&composite)?,
        Some(group) => {
            let (references, reference_of) = input.typical_references(group)?;
            let prepared = references
                .iter()
                .map(|r| DeepLift::new(&input.net, r))
                .collect::<Result<Vec<_>, _>>()?;
            explain_against(&input.net, &input.x, input.n, &prepared, &reference_of)?
        }
    };
    let with_reference = args.reference.is_some();
    let (names, table) = if args.ungrouped || input.is_onnx {
        (input.input_names.clone(), relevances)
    } else {
        (
            input.marker_names.clone(),
            input.to_marker.apply(&relevances)?,
        )
    };
    write_relevances(&args.out, &names, &table, with_reference)
}

fn write_relevances(
    path: &Path,
    names: &[String],
    table: &Relevances,
    with_reference: bool,
) -> Result<()> {
    let file =
        std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
    let mut out = csv::Writer::from_writer(std::io::BufWriter::new(file));
    let mut header = vec!["prediction".to_owned()];
    if with_reference {
        header.push("reference".to_owned());
    }
    header.extend(names.iter().cloned());
    out.write_record(&header)?;
    let mut row = Vec::with_capacity(header.len());
    for (p, &prediction) in table.outputs().iter().enumerate() {
        row.clear();
        row.push(number(prediction));
        if with_reference {
            let reference = table
                .accounting(p)
                .ok_or_else(|| anyhow!("relevance row {p} is missing"))?
                .bias_share;
            row.push(number(reference));
        }
        let values = table
            .row(p)
            .ok_or_else(|| anyhow!("relevance row {p} is missing"))?;
        row.extend(values.iter().copied().map(number));
        out.write_record(&row)?;
    }
    out.flush()
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// The shortest text that reads back to the same `f32`; `-0` (the relevance of an input
/// that is exactly zero) is written `0`.
fn number(v: f32) -> String {
    if v == 0.0 {
        "0".to_owned()
    } else {
        v.to_string()
    }
}

/// A model and a data file read into what the explanation commands need.
pub struct ModelInput {
    /// The network.
    pub net: CoxNet,
    /// Whether the model came from ONNX (markers = inputs, no encoder).
    pub is_onnx: bool,
    /// Encoded inputs, `n x n_inputs`, row-major.
    pub x: Vec<f32>,
    /// Number of data rows.
    pub n: usize,
    /// Names of the encoded inputs (ONNX: the CSV header).
    pub input_names: Vec<String>,
    /// Names of the markers (ONNX: the inputs).
    pub marker_names: Vec<String>,
    /// Encoded input -> marker.
    pub to_marker: Grouping,
    /// Marker values, `n x n_markers`, NaN where missing: numeric and binary markers as
    /// measured, a categorical marker (and the entity) as the presence (0/1) of its most
    /// frequent level.
    pub marker_values: Vec<f32>,
    /// The reference patient in encoded space, for model-based interactions.
    pub reference: Vec<f32>,
    /// Raw values for the typical patients of `--reference`: how to build them.
    typical: TypicalSource,
}

/// What the typical patients of `--reference` are built from.
enum TypicalSource {
    /// ONNX: the inputs themselves, all numeric; no entity.
    Inputs,
    /// A survlens model file: the raw cohort and the model's encoder.
    Cohort {
        cohort: Box<Cohort>,
        encoder: Box<survlens_data::Encoder>,
    },
}

impl ModelInput {
    /// Reads the model (by extension: `.onnx`, otherwise a survlens model file) and the
    /// data file.
    pub fn load(model: &Path, data: &DataArgs) -> Result<Self> {
        let bytes = read_bytes(model)?;
        let is_onnx = model
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("onnx"));
        if is_onnx {
            let onnx = import_onnx(&bytes).with_context(|| format!("{}", model.display()))?;
            Self::onnx(onnx.net, data)
        } else {
            let bundle =
                ModelBundle::from_slice(&bytes).with_context(|| format!("{}", model.display()))?;
            Self::bundle(&bundle, data)
        }
    }

    /// LRP relevances of every row, one column per encoded input.
    pub fn explain(&self, composite: &Composite) -> Result<Relevances> {
        Ok(Lrp::new(&self.net, composite)?.explain_batch(&self.x, self.n)?)
    }

    /// ONNX: the CSV holds the model's inputs, all numeric and present, besides the
    /// columns named by `--id`, `--time` and `--event`, which are set aside (never read).
    /// The file goes through survlens' importer (the one the page and every other command
    /// use, and the one that is fuzzed), with every input column a numeric marker and
    /// missing values refused: its errors name the file, the row and the column.
    fn onnx(net: CoxNet, args: &DataArgs) -> Result<Self> {
        let data = &args.data;
        let name = data.display().to_string();
        let file = CohortFile::open(data)?;
        let full_header = file.header()?;
        let set_aside: Vec<&str> = [&args.id, &args.time, &args.event]
            .into_iter()
            .flatten()
            .map(|c| cell::trim(c))
            .collect();
        if let Some(id) = &args.id
            && !full_header.iter().any(|h| h == cell::trim(id))
        {
            bail!("{name}: there is no column \"{id}\" for the patient id");
        }
        let header: Vec<String> = full_header
            .iter()
            .filter(|h| !set_aside.contains(&h.as_str()))
            .cloned()
            .collect();
        let d = net.n_inputs();
        if header.len() != d {
            bail!(
                "{name}: the ONNX model has {d} inputs, but the file has {} input columns; \
                 the columns must be the model's inputs in order (name an id, time or event \
                 column with --id, --time or --event to set it aside)",
                header.len()
            );
        }
        // No id, time or event role: set-aside columns are not read at all.
        let roles = ColumnRoles {
            markers: Some(header.clone()),
            kinds: header
                .iter()
                .map(|h| (h.clone(), MarkerKind::Numeric))
                .collect(),
            ..ColumnRoles::default()
        };
        let options = ImportOptions {
            require_markers: true,
            ..args.input.prediction_options()?
        };
        let cohort = file.import(&roles, &options).map_err(|e| {
            e.context(
                "an ONNX model's inputs are numbers, all present: it has no preprocessing \
                 to impute missing values or read text (fill them in or leave those \
                 patients out)",
            )
        })?;
        let columns: Vec<&[f32]> = header
            .iter()
            .map(|h| {
                cohort
                    .marker(h)
                    .and_then(Marker::as_f32)
                    .ok_or_else(|| anyhow!("{name}: column \"{h}\" was not read as numbers"))
            })
            .collect::<Result<_>>()?;
        let n = cohort.len();
        let mut x = Vec::with_capacity(n * d);
        for p in 0..n {
            x.extend(
                columns
                    .iter()
                    .map(|c| c.get(p).copied().unwrap_or(f32::NAN)),
            );
        }
        if n == 0 {
            bail!("{name}: no data rows");
        }
        let reference = median_reference(&x, n, d)?;
        Ok(Self {
            net,
            is_onnx: true,
            marker_values: x.clone(),
            x,
            n,
            input_names: header.clone(),
            marker_names: header,
            to_marker: Grouping::identity(d),
            reference,
            typical: TypicalSource::Inputs,
        })
    }

    /// survlens model file: the raw cohort, preprocessed with the stored encoder. The id,
    /// time and event columns are optional.
    fn bundle(bundle: &ModelBundle, args: &DataArgs) -> Result<Self> {
        let data = &args.data;
        let file = CohortFile::open(data)?;
        let id = match (&args.id, &bundle.columns().id) {
            (Some(id), _) => Some(id.clone()),
            (None, Some(stored)) if file.header()?.contains(stored) => Some(stored.clone()),
            _ => None,
        };
        let options = args.input.prediction_options()?;
        let mut roles = bundle.import_roles(id.as_deref());
        if let Some(time) = &args.time {
            roles.time.clone_from(time);
        }
        if let Some(event) = &args.event {
            roles.event.clone_from(event);
        }
        let cohort = file.import(&roles, &options)?;
        let encoder = bundle.encoder();
        let encoded = encoder
            .transform(cohort.view())
            .with_context(|| format!("{}", data.display()))?;
        let n = cohort.len();
        if n == 0 {
            bail!("{}: no data rows", data.display());
        }
        let map = bundle.feature_map();
        let to_marker = Grouping::new(&map.input_to_marker(), map.n_markers())?;
        let x = encoded.design.into_vec();
        let reference = reference_patient(bundle, &cohort, &x, n)?;
        Ok(Self {
            net: bundle.network().clone(),
            is_onnx: false,
            marker_values: marker_values(bundle, &cohort)?,
            x,
            n,
            input_names: map.names().map(str::to_owned).collect(),
            marker_names: map.marker_names().to_vec(),
            to_marker,
            reference,
            typical: TypicalSource::Cohort {
                encoder: Box::new(encoder.clone()),
                cohort: Box::new(cohort),
            },
        })
    }

    /// The typical patients of `group` in encoded space, and each data row's index among
    /// them: one for the whole file, or one per entity present in it.
    pub fn typical_references(&self, group: ReferenceName) -> Result<(Vec<Vec<f32>>, Vec<usize>)> {
        let all: Vec<usize> = (0..self.n).collect();
        match &self.typical {
            TypicalSource::Inputs => {
                if group == ReferenceName::Entity {
                    bail!(
                        "--reference entity needs a survlens model file: an ONNX model's inputs name no entity"
                    );
                }
                let d = self.net.n_inputs();
                let typical = typical_values(&self.x, &vec![false; d], &all)?;
                Ok((vec![typical], vec![0; self.n]))
            }
            TypicalSource::Cohort { cohort, encoder } => {
                let entity = cohort.entity().filter(|_| encoder.entity().is_some());
                match (group, entity) {
                    (ReferenceName::Entity, None) => {
                        bail!("--reference entity needs an entity column the model knows")
                    }
                    (ReferenceName::Cohort, _) => Ok((
                        vec![encode_typical(encoder, cohort, &all, None)?],
                        vec![0; self.n],
                    )),
                    (ReferenceName::Entity, Some(e)) => {
                        let mut references = Vec::new();
                        let mut index_of = std::collections::BTreeMap::new();
                        let mut reference_of = Vec::with_capacity(self.n);
                        for &code in e.codes() {
                            let next = index_of.len();
                            reference_of.push(*index_of.entry(code).or_insert(next));
                        }
                        let mut order: Vec<(u32, usize)> = index_of.into_iter().collect();
                        order.sort_by_key(|&(_, k)| k);
                        for (code, _) in order {
                            let rows: Vec<usize> =
                                (0..self.n).filter(|&p| e.codes()[p] == code).collect();
                            references.push(encode_typical(encoder, cohort, &rows, Some(code))?);
                        }
                        Ok((references, reference_of))
                    }
                }
            }
        }
    }
}

/// The typical patient of `rows` (the median of each numeric marker, the most frequent
/// value of each binary and categorical marker, missing values left out), as a one-row
/// cohort encoded by `encoder`. Its entity is `entity` or, without one, the most frequent
/// entity of `rows` (missing where the data has none).
fn encode_typical(
    encoder: &survlens_data::Encoder,
    cohort: &Cohort,
    rows: &[usize],
    entity: Option<u32>,
) -> Result<Vec<f32>> {
    let plans = encoder.markers();
    let m = plans.len();
    let n = cohort.len();
    let mut raw = vec![f32::NAN; n * m];
    let mut categorical = vec![false; m];
    for (k, plan) in plans.iter().enumerate() {
        let marker = cohort
            .marker(&plan.name)
            .ok_or_else(|| anyhow!("marker \"{}\" is not in the data", plan.name))?;
        let column: Vec<f32> = match marker.as_f32() {
            Some(v) => {
                categorical[k] = marker.kind() == MarkerKind::Binary;
                v.to_vec()
            }
            None => {
                categorical[k] = true;
                marker
                    .as_categorical()
                    .map(|c| c.codes().iter().map(|&code| code_value(code)).collect())
                    .unwrap_or_default()
            }
        };
        for (p, v) in column.into_iter().enumerate().take(n) {
            raw[p * m + k] = v;
        }
    }
    let typical = typical_values(&raw, &categorical, rows)?;
    let mut one = Cohort::new(vec!["typical".into()], vec![1.0], vec![false])?;
    for (plan, &v) in plans.iter().zip(&typical) {
        let marker = cohort
            .marker(&plan.name)
            .ok_or_else(|| anyhow!("marker \"{}\" is not in the data", plan.name))?;
        one = one.with_marker(match marker.kind() {
            MarkerKind::Numeric => Marker::numeric(plan.name.clone(), vec![v])?,
            MarkerKind::Binary => Marker::binary(plan.name.clone(), vec![v])?,
            MarkerKind::Categorical => {
                let levels = marker
                    .as_categorical()
                    .map(|c| c.levels().to_vec())
                    .unwrap_or_default();
                let code = if v.is_nan() {
                    Categorical::MISSING
                } else {
                    v as u32
                };
                Marker::categorical(plan.name.clone(), Categorical::new(vec![code], levels)?)
            }
        })?;
    }
    if let (Some(plan), Some(e)) = (encoder.entity(), cohort.entity()) {
        let code = match entity {
            Some(code) => code,
            None => {
                let codes: Vec<f32> = rows.iter().map(|&p| code_value(e.codes()[p])).collect();
                let all: Vec<usize> = (0..codes.len()).collect();
                let mode = typical_values(&codes, &[true], &all)?;
                mode.first()
                    .filter(|v| !v.is_nan())
                    .map_or(Categorical::MISSING, |&v| v as u32)
            }
        };
        one = one.with_entity(
            plan.name.clone(),
            Categorical::new(vec![code], e.levels().to_vec())?,
        )?;
    }
    Ok(encoder.transform(one.view())?.design.into_vec())
}

/// A categorical code as a raw value: its index, NaN when missing.
fn code_value(code: u32) -> f32 {
    if code == Categorical::MISSING {
        f32::NAN
    } else {
        code as f32
    }
}

/// Marker values in the feature map's marker order (`n x n_markers`, NaN where missing).
fn marker_values(bundle: &ModelBundle, cohort: &Cohort) -> Result<Vec<f32>> {
    let names = bundle.feature_map().marker_names();
    let n = cohort.len();
    let m = names.len();
    let mut values = vec![f32::NAN; n * m];
    for (k, name) in names.iter().enumerate() {
        let column: Vec<f32> = match cohort.marker(name) {
            Some(marker) => match marker.as_f32() {
                Some(v) => v.to_vec(),
                None => marker
                    .as_categorical()
                    .map(mode_presence)
                    .unwrap_or_else(|| vec![f32::NAN; n]),
            },
            // Not a marker of the cohort: the entity (the last marker when encoded).
            None => cohort
                .entity()
                .map(mode_presence)
                .ok_or_else(|| anyhow!("marker \"{name}\" is not in the data"))?,
        };
        for (p, v) in column.into_iter().enumerate().take(n) {
            values[p * m + k] = v;
        }
    }
    Ok(values)
}

/// 1 where a categorical column has its most frequent level, 0 for another level, NaN
/// where missing.
fn mode_presence(c: &Categorical) -> Vec<f32> {
    let mut counts = vec![0usize; c.levels().len()];
    for &code in c.codes() {
        if let Some(slot) = counts.get_mut(code as usize) {
            *slot += 1;
        }
    }
    // Most frequent; ties to the first level in natural order.
    let mode = counts
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))
        .map(|(level, _)| level as u32);
    c.codes()
        .iter()
        .map(|&code| match code {
            Categorical::MISSING => f32::NAN,
            code if Some(code) == mode => 1.0,
            _ => 0.0,
        })
        .collect()
}

/// The reference patient in encoded space: what the stored preprocessing imputes for a
/// missing value of each marker (training median of a numeric marker, more frequent value
/// of a binary one, most frequent level of a categorical one), with missing indicators 0,
/// mirrors `1 - x`, and the data's most frequent entity.
///
/// Built by encoding one patient whose every marker is missing, so that the imputation and
/// scaling are the encoder's own.
fn reference_patient(
    bundle: &ModelBundle,
    cohort: &Cohort,
    x: &[f32],
    n: usize,
) -> Result<Vec<f32>> {
    let encoder = bundle.encoder();
    let mut blank = Cohort::new(vec!["reference".into()], vec![1.0], vec![false])?;
    for plan in encoder.markers() {
        let marker = cohort
            .marker(&plan.name)
            .ok_or_else(|| anyhow!("marker \"{}\" is not in the data", plan.name))?;
        let missing = match marker.kind() {
            MarkerKind::Numeric => Marker::numeric(plan.name.clone(), vec![f32::NAN])?,
            MarkerKind::Binary => Marker::binary(plan.name.clone(), vec![f32::NAN])?,
            MarkerKind::Categorical => {
                let levels = marker
                    .as_categorical()
                    .map(|c| c.levels().to_vec())
                    .unwrap_or_default();
                Marker::categorical(
                    plan.name.clone(),
                    Categorical::new(vec![Categorical::MISSING], levels)?,
                )
            }
        };
        blank = blank.with_marker(missing)?;
    }
    if let (Some(plan), Some(entity)) = (encoder.entity(), cohort.entity()) {
        blank = blank.with_entity(
            plan.name.clone(),
            Categorical::new(vec![Categorical::MISSING], entity.levels().to_vec())?,
        )?;
    }
    let mut reference = encoder.transform(blank.view())?.design.into_vec();
    let features = bundle.feature_map().features();
    let d = features.len();
    // The entity: the level with the most patients in the data (its columns are 0/1).
    let entity_columns: Vec<usize> = (0..d)
        .filter(|&c| matches!(features[c].role, FeatureRole::Entity(_)))
        .collect();
    let most_frequent = entity_columns.iter().copied().max_by(|&a, &b| {
        let count = |c: usize| (0..n).filter(|&p| x[p * d + c] > 0.5).count();
        count(a).cmp(&count(b)).then(b.cmp(&a))
    });
    for (c, feature) in features.iter().enumerate() {
        match feature.role {
            FeatureRole::MissingIndicator => reference[c] = 0.0,
            FeatureRole::Entity(_) => {
                reference[c] = if Some(c) == most_frequent { 1.0 } else { 0.0 };
            }
            _ => {}
        }
    }
    // Mirrors last: they follow the columns they mirror.
    for (c, feature) in features.iter().enumerate() {
        if let FeatureRole::Mirror { of } = feature.role {
            reference[c] = 1.0 - reference.get(of).copied().unwrap_or(0.0);
        }
    }
    Ok(reference)
}
