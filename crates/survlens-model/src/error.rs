//! Everything that can go wrong when building, training or applying a model, as data.
//!
//! Every variant names the computation it happened in (`context`: "Cox regression",
//! "log-rank test", ...) and carries the numbers a caller can act on: the sizes that
//! disagree, the patient and value that are not finite, the setting and its valid range.
//! Fixed rules are `&'static str`; nothing is a sentence assembled at run time. The
//! `Display` text is plain English with rounded numbers, and [`ModelError::code`] is the
//! stable name of the problem for the command line's output and for tests. For the page,
//! each error names its catalogue key and its parts ([`Describe`]); its fixed phrases have
//! keys of their own ([`PHRASES`]), so that the whole sentence reads in the reader's
//! language.

use std::fmt;

use survlens_data::display::round_significant;
use survlens_data::{Describe, Message, MessageArg};

/// Significant digits of a number in an error message.
const DIGITS: usize = 4;

/// A number as an error message shows it: rounded, never in exponent or round-trip form.
fn shown(value: &f64) -> String {
    round_significant(*value, DIGITS)
}

/// A number as [`shown`] writes it, as a message argument.
pub(crate) fn shown_arg(value: f64) -> MessageArg {
    as_written(shown(&value))
}

/// `text`, a number as this crate writes it, as a message argument: a number (written with
/// the reader's decimal mark) when Rust's `{}` of its value gives back the same text, as it
/// does for rounded and shortest forms; the text as it is otherwise (a whole number of more
/// than 17 digits).
pub(crate) fn as_written(text: String) -> MessageArg {
    match text.parse::<f64>() {
        Ok(x) if x.to_string() == text => MessageArg::Number(x),
        _ => MessageArg::Text(text),
    }
}

/// The fixed phrases of this crate's errors (the computation, the quantity, its valid
/// range, what a computation needs, ...) and of their callers, with their catalogue keys:
/// an error's sentence writes a phrase in the reader's language. A phrase not listed is
/// written as it is.
pub const PHRASES: &[(&str, &str)] = &[
    // Computations (`context`).
    ("Antolini's C", "model-phrase-antolini-c"),
    ("Breslow baseline", "model-phrase-breslow-baseline"),
    ("Brier score", "model-phrase-brier-score"),
    ("Cox log-risk", "model-phrase-cox-log-risk"),
    ("Cox loss", "model-phrase-cox-loss"),
    (
        "Cox partial likelihood",
        "model-phrase-cox-partial-likelihood",
    ),
    ("Cox regression", "model-phrase-cox-regression"),
    (
        "Cox regression, at the estimate",
        "model-phrase-cox-regression-at-estimate",
    ),
    ("Harrell's C", "model-phrase-harrell-c"),
    (
        "Harrell's C of a resample",
        "model-phrase-harrell-c-of-resample",
    ),
    ("Kaplan-Meier", "model-phrase-kaplan-meier"),
    ("Uno's C", "model-phrase-uno-c"),
    (
        "a Kaplan-Meier estimate of the cohort",
        "model-phrase-kaplan-meier-of-cohort",
    ),
    ("architecture", "model-phrase-architecture"),
    ("automatic recipe", "model-phrase-automatic-recipe"),
    (
        "automatic recipe, baseline",
        "model-phrase-automatic-recipe-baseline",
    ),
    (
        "automatic recipe's member",
        "model-phrase-automatic-recipe-member",
    ),
    ("averaging networks", "model-phrase-averaging-networks"),
    ("backward pass", "model-phrase-backward-pass"),
    ("baseline", "model-phrase-baseline"),
    ("baseline Cox model", "model-phrase-baseline-cox-model"),
    ("baseline out of fold", "model-phrase-baseline-out-of-fold"),
    ("blend", "model-phrase-blend"),
    ("bootstrap", "model-phrase-bootstrap"),
    (
        "bootstrap concordance",
        "model-phrase-bootstrap-concordance",
    ),
    ("calibration", "model-phrase-calibration"),
    (
        "censoring distribution",
        "model-phrase-censoring-distribution",
    ),
    ("concordance", "model-phrase-concordance"),
    ("copying parameters", "model-phrase-copying-parameters"),
    ("cross-fitted network", "model-phrase-cross-fitted-network"),
    (
        "cross-validated model",
        "model-phrase-cross-validated-model",
    ),
    ("cross-validation", "model-phrase-cross-validation"),
    (
        "cross-validation with test and validation halves",
        "model-phrase-cross-validation-halves",
    ),
    ("dense layer", "model-phrase-dense-layer"),
    ("dropout", "model-phrase-dropout"),
    ("event table", "model-phrase-event-table"),
    ("forward pass", "model-phrase-forward-pass"),
    ("gradient sum", "model-phrase-gradient-sum"),
    ("held-out split", "model-phrase-held-out-split"),
    (
        "integrated Brier score",
        "model-phrase-integrated-brier-score",
    ),
    (
        "inverse-censoring weights",
        "model-phrase-inverse-censoring-weights",
    ),
    (
        "likelihood-ratio test",
        "model-phrase-likelihood-ratio-test",
    ),
    (
        "linear Cox decomposition",
        "model-phrase-linear-cox-decomposition",
    ),
    ("log-rank test", "model-phrase-log-rank-test"),
    ("method comparison", "model-phrase-method-comparison"),
    ("model comparison", "model-phrase-model-comparison"),
    ("network", "model-phrase-network"),
    ("normal quantile", "model-phrase-normal-quantile"),
    ("reading the cohort", "model-phrase-reading-the-cohort"),
    ("resample", "model-phrase-resample"),
    ("risk groups", "model-phrase-risk-groups"),
    ("survival curves", "model-phrase-survival-curves"),
    ("survival data", "model-phrase-survival-data"),
    (
        "the Cox partial likelihood",
        "model-phrase-the-cox-partial-likelihood",
    ),
    ("time-dependent AUC", "model-phrase-time-dependent-auc"),
    ("training", "model-phrase-training"),
    ("training buffers", "model-phrase-training-buffers"),
    ("training setting", "model-phrase-training-setting"),
    ("training share", "model-phrase-training-share"),
    (
        "training share's backward pass",
        "model-phrase-training-share-backward-pass",
    ),
    (
        "training share's result",
        "model-phrase-training-share-result",
    ),
    // Quantities (`what`, the dropout a rate belongs to, a weight or bias).
    ("bias", "model-phrase-bias"),
    ("covariate", "model-phrase-covariate"),
    ("cumulative hazard", "model-phrase-cumulative-hazard"),
    ("cut-off", "model-phrase-cut-off"),
    ("event indicator", "model-phrase-event-indicator"),
    ("fold index", "model-phrase-fold-index"),
    ("fold model", "model-phrase-fold-model"),
    ("follow-up time", "model-phrase-follow-up-time"),
    ("gradient", "model-phrase-gradient"),
    ("group label", "model-phrase-group-label"),
    ("hidden", "model-phrase-hidden"),
    ("input", "model-phrase-input"),
    ("input matrix", "model-phrase-input-matrix"),
    ("log-risk", "model-phrase-log-risk"),
    ("log-risk gradient", "model-phrase-log-risk-gradient"),
    ("log-risks", "model-phrase-log-risks"),
    ("offset", "model-phrase-offset"),
    ("out-of-fold log-risk", "model-phrase-out-of-fold-log-risk"),
    ("predicted survival", "model-phrase-predicted-survival"),
    (
        "predicted survival at grid time",
        "model-phrase-predicted-survival-at-grid-time",
    ),
    ("risk", "model-phrase-risk"),
    ("stratum", "model-phrase-stratum"),
    ("stratum code", "model-phrase-stratum-code"),
    ("survival time", "model-phrase-survival-time"),
    ("time", "model-phrase-time"),
    ("time point", "model-phrase-time-point"),
    ("truncation time", "model-phrase-truncation-time"),
    ("validation feature", "model-phrase-validation-feature"),
    ("weight", "model-phrase-weight"),
    // Settings (`setting`).
    ("a cumulative hazard", "model-phrase-a-cumulative-hazard"),
    ("a fold index", "model-phrase-a-fold-index"),
    ("a quantile", "model-phrase-a-quantile"),
    ("a time point", "model-phrase-a-time-point"),
    (
        "the calibration slope",
        "model-phrase-the-calibration-slope",
    ),
    ("the confidence level", "model-phrase-the-confidence-level"),
    (
        "the cut-off after a smaller one",
        "model-phrase-the-cut-off-after-smaller",
    ),
    (
        "the days per time unit",
        "model-phrase-the-days-per-time-unit",
    ),
    ("the level", "model-phrase-the-level"),
    ("the number of folds", "model-phrase-the-number-of-folds"),
    ("the number of groups", "model-phrase-the-number-of-groups"),
    (
        "the number of patients",
        "model-phrase-the-number-of-patients",
    ),
    (
        "the number of replicates",
        "model-phrase-the-number-of-replicates",
    ),
    ("the penalizer", "model-phrase-the-penalizer"),
    ("the probability", "model-phrase-the-probability"),
    ("the test fraction", "model-phrase-the-test-fraction"),
    ("the time scale", "model-phrase-the-time-scale"),
    ("the tolerance", "model-phrase-the-tolerance"),
    ("the weight", "model-phrase-the-weight"),
    (
        "the width of every hidden layer",
        "model-phrase-the-width-of-every-hidden-layer",
    ),
    // Valid ranges, completing "must be ..." (`valid`).
    ("0 or 1", "model-phrase-zero-or-one"),
    ("a positive number", "model-phrase-a-positive-number"),
    ("at least 0", "model-phrase-at-least-0"),
    ("at least 1", "model-phrase-at-least-1"),
    ("at least 1 epoch", "model-phrase-at-least-1-epoch"),
    ("at least 2", "model-phrase-at-least-2"),
    (
        "at least 2 (a Cox loss compares patients)",
        "model-phrase-at-least-2-cox-loss",
    ),
    (
        "at least the one before it",
        "model-phrase-at-least-the-one-before",
    ),
    ("at most 4,294,967,295", "model-phrase-at-most-u32"),
    ("at most max_steps", "model-phrase-at-most-max-steps"),
    ("below 1", "model-phrase-below-1"),
    (
        "below the number of folds",
        "model-phrase-below-the-number-of-folds",
    ),
    ("between 0 and 1", "model-phrase-between-0-and-1"),
    (
        "between 1 and the number of folds",
        "model-phrase-between-1-and-folds",
    ),
    (
        "finite and at least 0",
        "model-phrase-finite-and-at-least-0",
    ),
    ("finite and positive", "model-phrase-finite-and-positive"),
    (
        "greater than the one before it",
        "model-phrase-greater-than-the-one-before",
    ),
    ("in (0, 1)", "model-phrase-in-open-0-1"),
    ("in (0, 1]", "model-phrase-in-open-closed-0-1"),
    ("in [0, 1)", "model-phrase-in-closed-open-0-1"),
    ("in [0, 1]", "model-phrase-in-closed-0-1"),
    ("positive", "model-phrase-positive"),
    // What a computation needs, completing "needs ..." (`needs`).
    (
        "a comparable pair of patients",
        "model-phrase-a-comparable-pair",
    ),
    (
        "a comparable pair of patients (with positive weight)",
        "model-phrase-a-comparable-pair-weighted",
    ),
    (
        "a death by the evaluation time",
        "model-phrase-a-death-by-evaluation-time",
    ),
    (
        "a death in each of its folds",
        "model-phrase-a-death-in-each-fold",
    ),
    (
        "a penalty that can be fitted on every fold",
        "model-phrase-a-penalty-for-every-fold",
    ),
    (
        "a resample on which the statistic is defined",
        "model-phrase-a-resample-with-statistic",
    ),
    (
        "a test and a validation patient in every fold",
        "model-phrase-a-test-and-validation-patient-per-fold",
    ),
    (
        "a training and a test patient",
        "model-phrase-a-training-and-test-patient",
    ),
    (
        "an event at or before each evaluation time and a patient followed beyond it",
        "model-phrase-an-event-and-a-patient-beyond",
    ),
    (
        "at least one candidate setting",
        "model-phrase-at-least-one-candidate",
    ),
    ("at least one death", "model-phrase-at-least-one-death"),
    (
        "at least one death among the patients of a fit",
        "model-phrase-at-least-one-death-per-fit",
    ),
    ("at least one event", "model-phrase-at-least-one-event"),
    ("at least one feature", "model-phrase-at-least-one-feature"),
    ("at least one patient", "model-phrase-at-least-one-patient"),
    (
        "at least one time point",
        "model-phrase-at-least-one-time-point",
    ),
    ("at least two groups", "model-phrase-at-least-two-groups"),
    (
        "at least two patients",
        "model-phrase-at-least-two-patients",
    ),
    (
        "at least two time points",
        "model-phrase-at-least-two-time-points",
    ),
    (
        "survival times and events",
        "model-phrase-survival-times-and-events",
    ),
    (
        "the risks of training patients",
        "model-phrase-the-risks-of-training-patients",
    ),
    (
        "two patients per fold, a test and a validation patient",
        "model-phrase-two-patients-per-fold",
    ),
    // What is counted, plural (`counted`).
    ("candidates", "model-phrase-candidates"),
    ("comparable pairs", "model-phrase-comparable-pairs"),
    ("deaths", "model-phrase-deaths"),
    ("events", "model-phrase-events"),
    ("features", "model-phrase-features"),
    ("folds with a death", "model-phrase-folds-with-a-death"),
    ("groups", "model-phrase-groups"),
    (
        "held-out patients in this fold",
        "model-phrase-held-out-patients-in-fold",
    ),
    ("patients", "model-phrase-patients"),
    (
        "patients with an outcome",
        "model-phrase-patients-with-an-outcome",
    ),
    ("risks", "model-phrase-risks"),
    ("such penalties", "model-phrase-such-penalties"),
    ("such resamples", "model-phrase-such-resamples"),
    ("such times", "model-phrase-such-times"),
    ("time points", "model-phrase-time-points"),
    // Why a fit did not converge (`reason`).
    (
        "30 halvings of the step did not raise the likelihood",
        "model-phrase-halvings-did-not-raise",
    ),
    (
        "the Newton-Raphson iterations ran out while the likelihood still grew; complete separation or a covariate without variation among events?",
        "model-phrase-iterations-ran-out",
    ),
    (
        "the information matrix vanished, so a coefficient diverges; complete or quasi-complete separation?",
        "model-phrase-information-vanished",
    ),
    // The stage of a fold (`Step::Fold`).
    ("held-out patients", "model-phrase-held-out-patients"),
    ("training set", "model-phrase-training-set"),
    ("validation half", "model-phrase-validation-half"),
    // Files and the `format` or `version` they lack.
    ("encoding file", "model-phrase-encoding-file"),
    ("training record", "model-phrase-training-record"),
    ("missing", "model-phrase-missing"),
    (
        "missing (the file is not a JSON object)",
        "model-phrase-missing-not-an-object",
    ),
];

/// A fixed phrase as a message argument: its catalogue entry when [`PHRASES`] lists it,
/// the phrase as it is otherwise.
pub(crate) fn phrase(text: &str) -> MessageArg {
    match PHRASES.iter().find(|(phrase, _)| *phrase == text) {
        Some(&(_, key)) => MessageArg::Nested(Box::new(Message::plain(key))),
        None => MessageArg::text(text),
    }
}

/// An optional position (an index, a patient) as a message argument: the number, or
/// `none`, which the catalogue's sentences select on.
fn optional(position: Option<usize>) -> MessageArg {
    position.map_or_else(|| MessageArg::text("none"), MessageArg::text)
}

/// Everything that can go wrong when building, training or applying a model.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
#[non_exhaustive]
pub enum ModelError {
    /// Two sizes that must agree do not (a matrix, a vector of times or groups).
    #[error("{context}: {found} {what} values where {expected} are needed")]
    Length {
        /// The computation.
        context: &'static str,
        /// The buffer whose length is wrong, as a noun before "values" ("input matrix",
        /// "survival time").
        what: &'static str,
        /// The length it must have.
        expected: usize,
        /// The length it has.
        found: usize,
    },
    /// A row asked for beyond the data.
    #[error("{context}: row {row} asked for, but there are {rows} patients")]
    RowOutOfRange {
        /// The computation.
        context: &'static str,
        /// The row asked for (0-based).
        row: usize,
        /// The rows there are.
        rows: usize,
    },
    /// Layers or networks whose shapes do not fit together.
    #[error("{context}: {shape}")]
    Shape {
        /// The computation.
        context: &'static str,
        /// What does not fit.
        shape: ShapeProblem,
    },
    /// A parameter, input or result that is NaN or infinite.
    #[error("{context}: {what}{} is {}", position(.index, .patient), shown(.value))]
    NonFinite {
        /// The computation.
        context: &'static str,
        /// The quantity ("survival time", "weight", "cut-off").
        what: &'static str,
        /// Its index (a feature, a weight, a cut-off), when it is one of several.
        index: Option<usize>,
        /// The patient (0-based row) it belongs to, when it belongs to one.
        patient: Option<usize>,
        /// The value.
        value: f64,
    },
    /// A setting or an input value outside its valid range.
    #[error("{context}: {setting} must be {valid}, is {}", shown(.value))]
    InvalidSetting {
        /// The computation.
        context: &'static str,
        /// The setting ("learning_rate", "penalizer", "event indicator of a patient").
        setting: &'static str,
        /// Its valid range, completing "must be ..." ("in [0, 1)", "at least 2").
        valid: &'static str,
        /// The value given.
        value: f64,
    },
    /// A patient's value outside its valid range (a survival time of 0, an event of 2).
    #[error(
        "{context}: the {what} of patient {patient} must be {valid}, is {}",
        shown(.value)
    )]
    InvalidValue {
        /// The computation.
        context: &'static str,
        /// The quantity ("survival time", "event indicator").
        what: &'static str,
        /// The patient (0-based row).
        patient: usize,
        /// Its valid range, completing "must be ...".
        valid: &'static str,
        /// The value.
        value: f64,
    },
    /// Data that cannot support the computation (no events, too few patients or groups).
    #[error("{context} needs {needs} ({counted}: {has})")]
    InsufficientData {
        /// The computation.
        context: &'static str,
        /// What it needs, completing "needs ..." ("at least one death").
        needs: &'static str,
        /// How many there are of what is counted.
        has: usize,
        /// What is counted, plural ("deaths", "patients").
        counted: &'static str,
    },
    /// Inverse-censoring weights that divide by zero: no patient remains uncensored at a
    /// patient's event time.
    #[error(
        "{context}: the censoring survival is zero at time {} (patient {patient}); lower \
         the truncation time",
        shown(.time)
    )]
    CensoringExhausted {
        /// The computation.
        context: &'static str,
        /// The patient (0-based row).
        patient: usize,
        /// Their time.
        time: f64,
    },
    /// A time beyond the follow-up of the training patients, where the censoring
    /// distribution is not known.
    #[error(
        "{context}: time {} lies beyond the last training time {}, where the censoring \
         distribution is undefined",
        shown(.time),
        shown(.last)
    )]
    BeyondFollowUp {
        /// The computation.
        context: &'static str,
        /// The time asked for.
        time: f64,
        /// The last training time.
        last: f64,
    },
    /// An evaluation time outside the test patients' follow-up.
    #[error(
        "{context}: time {} lies outside the test follow-up, from {} to before {}",
        shown(.time),
        shown(.first),
        shown(.last)
    )]
    OutsideFollowUp {
        /// The computation.
        context: &'static str,
        /// The time asked for.
        time: f64,
        /// The first test time.
        first: f64,
        /// The last test time (excluded).
        last: f64,
    },
    /// A covariate that is the same for every patient, so its effect cannot be estimated.
    #[error(
        "{context}: covariate {covariate} has the same value ({}) for every patient",
        shown(.value)
    )]
    ConstantCovariate {
        /// The computation.
        context: &'static str,
        /// The covariate (0-based column).
        covariate: usize,
        /// Its one value.
        value: f64,
    },
    /// A singular information matrix where an inverse is needed (collinear covariates).
    #[error(
        "{context}: the information matrix is singular (log partial likelihood {}); are \
         some covariates collinear?",
        shown(.log_likelihood)
    )]
    Singular {
        /// The computation.
        context: &'static str,
        /// The log partial likelihood where it became singular.
        log_likelihood: f64,
    },
    /// An iterative fit that did not converge.
    #[error(
        "{context}: no convergence after {iterations} iterations (log partial likelihood {}): \
         {reason}",
        shown(.log_likelihood)
    )]
    NotConverged {
        /// The computation.
        context: &'static str,
        /// Iterations made.
        iterations: usize,
        /// The log partial likelihood reached.
        log_likelihood: f64,
        /// Why, and the likely cause.
        reason: &'static str,
    },
    /// Two fits that should be nested (a likelihood-ratio test) are not.
    #[error("likelihood-ratio test: {0}")]
    NotNested(Nesting),
    /// A chi-square distribution that cannot be built for a test's degrees of freedom.
    #[error("{context}: no chi-square distribution with {df} degrees of freedom")]
    ChiSquare {
        /// The test.
        context: &'static str,
        /// Its degrees of freedom.
        df: usize,
    },
    /// Training asked for its result before it finished.
    #[error("{context}: training has not finished")]
    NotFinished {
        /// The computation.
        context: &'static str,
    },
    /// Training stopped on request.
    #[error("{context}: training was cancelled")]
    Cancelled {
        /// The computation.
        context: &'static str,
    },
    /// A problem in one step of a larger computation: a fold, a candidate, an epoch.
    #[error("{step}: {source}")]
    In {
        /// The step.
        step: Step,
        /// The problem.
        source: Box<ModelError>,
    },
}

/// Layers or networks whose shapes do not fit together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ShapeProblem {
    /// A dense layer without inputs or outputs.
    EmptyLayer {
        /// Its inputs.
        inputs: usize,
        /// Its outputs.
        outputs: usize,
    },
    /// A dense layer whose weights are not `inputs x outputs` values.
    Weights {
        /// Its inputs.
        inputs: usize,
        /// Its outputs.
        outputs: usize,
        /// The weights given.
        found: usize,
    },
    /// A network without inputs.
    NoInputs,
    /// A hidden layer of width 0.
    ZeroWidth {
        /// The hidden layer (0-based).
        layer: usize,
    },
    /// A network without layers.
    NoLayers,
    /// A last layer with other than one output.
    Output {
        /// Its outputs.
        outputs: usize,
    },
    /// Consecutive layers whose widths do not chain.
    Chain {
        /// The earlier layer (0-based).
        layer: usize,
        /// Its outputs.
        outputs: usize,
        /// The next layer's inputs.
        inputs: usize,
    },
    /// A network that takes another number of inputs than the data has features.
    Inputs {
        /// The network's inputs.
        network: usize,
        /// The data's features.
        data: usize,
    },
    /// Two networks (or a network and its buffers) of different shapes where one is needed.
    Differ,
    /// A training share's pass or result that does not belong to the batch in flight (another
    /// step, another share, or one already in).
    NotAwaited,
    /// A member of the automatic recipe that its plan does not have: setting `candidate` of
    /// `candidates`, validated on fold `fold` of `folds`.
    UnknownMember {
        /// The setting (0-based).
        candidate: usize,
        /// The settings there are.
        candidates: usize,
        /// The validation fold (0-based).
        fold: usize,
        /// The folds there are.
        folds: usize,
    },
    /// A network trained elsewhere (a member of the automatic recipe, a cross-fitted
    /// network) that no other worker was training: one already in, or another run's.
    NetworkNotAwaited,
    /// No network where at least one is needed.
    Missing,
    /// A Cox regression without covariates.
    NoCovariates,
    /// An additive part that cannot be blended into a network.
    Blend {
        /// The additive part's inputs.
        additive_inputs: usize,
        /// Its layers.
        additive_layers: usize,
        /// The network's inputs.
        network_inputs: usize,
        /// Its layers.
        network_layers: usize,
    },
}

impl fmt::Display for ShapeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptyLayer { inputs, outputs } => write!(
                f,
                "a dense layer needs at least one input and one output, has {inputs} -> \
                 {outputs}"
            ),
            Self::Weights {
                inputs,
                outputs,
                found,
            } => match inputs.checked_mul(*outputs) {
                Some(needed) => write!(
                    f,
                    "a {inputs} -> {outputs} layer needs {needed} weights, has {found}"
                ),
                None => write!(
                    f,
                    "a {inputs} -> {outputs} layer needs more weights than can be stored, has \
                     {found}"
                ),
            },
            Self::NoInputs => f.write_str("the network needs at least one input"),

            Self::ZeroWidth { layer } => write!(f, "hidden layer {layer} has width 0"),
            Self::NoLayers => f.write_str("a network needs at least one layer"),
            Self::Output { outputs } => write!(
                f,
                "the last layer must have one output (the log-risk), has {outputs}"
            ),
            Self::Chain {
                layer,
                outputs,
                inputs,
            } => write!(
                f,
                "layer {layer} has {outputs} outputs but layer {} has {inputs} inputs",
                layer + 1
            ),
            Self::Inputs { network, data } => write!(
                f,
                "the network takes {network} inputs, the data has {data} features"
            ),
            Self::Differ => f.write_str("the networks differ in shape"),
            Self::NotAwaited => {
                f.write_str("it belongs to no share of the training batch in flight")
            }
            Self::UnknownMember {
                candidate,
                candidates,
                fold,
                folds,
            } => write!(
                f,
                "setting {} of {candidates} on fold {} of {folds} is not one of the recipe's \
                 members",
                candidate + 1,
                fold + 1
            ),
            Self::NetworkNotAwaited => f.write_str("no other worker was training this network"),
            Self::Missing => f.write_str("there is no network"),
            Self::NoCovariates => f.write_str("there is no covariate"),
            Self::Blend {
                additive_inputs,
                additive_layers,
                network_inputs,
                network_layers,
            } => write!(
                f,
                "an additive part of {additive_inputs} inputs and {additive_layers} layers \
                 cannot be blended into a network of {network_inputs} inputs and \
                 {network_layers} layers"
            ),
        }
    }
}

impl Describe for ShapeProblem {
    fn message(&self) -> Message {
        match *self {
            Self::EmptyLayer { inputs, outputs } => Message::new(
                "model-shape-empty-layer",
                vec![
                    ("inputs", MessageArg::text(inputs)),
                    ("outputs", MessageArg::text(outputs)),
                ],
            ),
            Self::Weights {
                inputs,
                outputs,
                found,
            } => Message::new(
                "model-shape-weights",
                vec![
                    ("inputs", MessageArg::text(inputs)),
                    ("outputs", MessageArg::text(outputs)),
                    ("needed", optional(inputs.checked_mul(outputs))),
                    ("found", MessageArg::text(found)),
                ],
            ),
            Self::NoInputs => Message::plain("model-shape-no-inputs"),
            Self::ZeroWidth { layer } => Message::new(
                "model-shape-zero-width",
                vec![("layer", MessageArg::text(layer))],
            ),
            Self::NoLayers => Message::plain("model-shape-no-layers"),
            Self::Output { outputs } => Message::new(
                "model-shape-output",
                vec![("outputs", MessageArg::text(outputs))],
            ),
            Self::Chain {
                layer,
                outputs,
                inputs,
            } => Message::new(
                "model-shape-chain",
                vec![
                    ("layer", MessageArg::text(layer)),
                    ("outputs", MessageArg::text(outputs)),
                    ("next", MessageArg::text(layer + 1)),
                    ("inputs", MessageArg::text(inputs)),
                ],
            ),
            Self::Inputs { network, data } => Message::new(
                "model-shape-inputs",
                vec![
                    ("network", MessageArg::text(network)),
                    ("data", MessageArg::text(data)),
                ],
            ),
            Self::Differ => Message::plain("model-shape-differ"),
            Self::NotAwaited => Message::plain("model-shape-not-awaited"),
            Self::UnknownMember {
                candidate,
                candidates,
                fold,
                folds,
            } => Message::new(
                "model-shape-unknown-member",
                vec![
                    ("setting", MessageArg::text(candidate + 1)),
                    ("settings", MessageArg::text(candidates)),
                    ("fold", MessageArg::text(fold + 1)),
                    ("folds", MessageArg::text(folds)),
                ],
            ),
            Self::NetworkNotAwaited => Message::plain("model-shape-network-not-awaited"),
            Self::Missing => Message::plain("model-shape-missing"),
            Self::NoCovariates => Message::plain("model-shape-no-covariates"),
            Self::Blend {
                additive_inputs,
                additive_layers,
                network_inputs,
                network_layers,
            } => Message::new(
                "model-shape-blend",
                vec![
                    ("additive_inputs", MessageArg::text(additive_inputs)),
                    ("additive_layers", MessageArg::text(additive_layers)),
                    ("network_inputs", MessageArg::text(network_inputs)),
                    ("network_layers", MessageArg::text(network_layers)),
                ],
            ),
        }
    }
}

/// How two fits of a likelihood-ratio test fail to be nested: nested models are fitted to
/// the same data with the same settings, and the reduced one has fewer covariates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Nesting {
    /// Different numbers of patients.
    Patients {
        /// In the full model.
        full: usize,
        /// In the reduced model.
        reduced: usize,
    },
    /// Different numbers of events.
    Events {
        /// In the full model.
        full: usize,
        /// In the reduced model.
        reduced: usize,
    },
    /// Different numbers of strata.
    Strata {
        /// In the full model.
        full: usize,
        /// In the reduced model.
        reduced: usize,
    },
    /// One fit has an offset and the other not.
    Offset {
        /// Whether the full model has one.
        full: bool,
    },
    /// Different tie handling or penalty.
    Settings,
    /// A reduced model without fewer covariates.
    Covariates {
        /// In the full model.
        full: usize,
        /// In the reduced model.
        reduced: usize,
    },
}

impl fmt::Display for Nesting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let same = "nested models are fitted to the same data";
        match self {
            Self::Patients { full, reduced } => write!(
                f,
                "the full model has {full} patients, the reduced one {reduced}; {same}"
            ),
            Self::Events { full, reduced } => write!(
                f,
                "the full model has {full} events, the reduced one {reduced}; {same}"
            ),
            Self::Strata { full, reduced } => write!(
                f,
                "the full model has {full} strata, the reduced one {reduced}; {same}"
            ),
            Self::Offset { full: true } => {
                write!(
                    f,
                    "the full model has an offset, the reduced one none; {same}"
                )
            }
            Self::Offset { full: false } => {
                write!(
                    f,
                    "the reduced model has an offset, the full one none; {same}"
                )
            }
            Self::Settings => write!(
                f,
                "the fits differ in tie handling or penalty; nested models share them"
            ),
            Self::Covariates { full, reduced } => write!(
                f,
                "the reduced model has {reduced} covariates, the full one {full}; the reduced \
                 model must have fewer"
            ),
        }
    }
}

impl Describe for Nesting {
    fn message(&self) -> Message {
        let counts = |key, full: usize, reduced: usize| {
            Message::new(
                key,
                vec![
                    ("full", MessageArg::text(full)),
                    ("reduced", MessageArg::text(reduced)),
                ],
            )
        };
        match *self {
            Self::Patients { full, reduced } => counts("model-nesting-patients", full, reduced),
            Self::Events { full, reduced } => counts("model-nesting-events", full, reduced),
            Self::Strata { full, reduced } => counts("model-nesting-strata", full, reduced),
            Self::Offset { full } => Message::new(
                "model-nesting-offset",
                vec![(
                    "offset",
                    MessageArg::text(if full { "full" } else { "reduced" }),
                )],
            ),
            Self::Settings => Message::plain("model-nesting-settings"),
            Self::Covariates { full, reduced } => counts("model-nesting-covariates", full, reduced),
        }
    }
}

/// One step of a larger computation, naming where a problem happened.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Step {
    /// A cross-validation fold and what was being done in it.
    Fold {
        /// The fold (0-based).
        fold: usize,
        /// What was being done ("training", "validation").
        stage: &'static str,
    },
    /// A candidate setting of the automatic recipe.
    Candidate {
        /// The candidate (0-based).
        index: usize,
    },
    /// A training epoch (training diverged in it).
    Epoch {
        /// The epoch (1-based, as the progress shows it).
        epoch: usize,
        /// The stage (1-based).
        stage: usize,
    },
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Fold { fold, stage } => write!(f, "fold {fold}, {stage}"),
            Self::Candidate { index } => write!(f, "automatic recipe, candidate {index}"),
            Self::Epoch { epoch, stage } => {
                write!(f, "training diverged in epoch {epoch} (stage {stage})")
            }
        }
    }
}

impl Describe for Step {
    fn message(&self) -> Message {
        match *self {
            Self::Fold { fold, stage } => Message::new(
                "model-step-fold",
                vec![("fold", MessageArg::text(fold)), ("stage", phrase(stage))],
            ),
            Self::Candidate { index } => Message::new(
                "model-step-candidate",
                vec![("index", MessageArg::text(index))],
            ),
            Self::Epoch { epoch, stage } => Message::new(
                "model-step-epoch",
                vec![
                    ("epoch", MessageArg::text(epoch)),
                    ("stage", MessageArg::text(stage)),
                ],
            ),
        }
    }
}

/// " 3 of patient 12", " of patient 12", " 3" or nothing.
fn position(index: &Option<usize>, patient: &Option<usize>) -> String {
    let mut s = String::new();
    if let Some(index) = index {
        s.push_str(&format!(" {index}"));
    }
    if let Some(patient) = patient {
        s.push_str(&format!(" of patient {patient}"));
    }
    s
}

impl ModelError {
    /// A stable machine-readable name of the problem kind (the variant in snake case,
    /// `"length"`, `"insufficient_data"`, ...), for the command line's output and for
    /// tests; it never changes with the wording. A problem in a step has its cause's code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::In { source, .. } => source.code(),
            Self::Length { .. } => "length",
            Self::RowOutOfRange { .. } => "row_out_of_range",
            Self::Shape { .. } => "shape",
            Self::NonFinite { .. } => "non_finite",
            Self::InvalidSetting { .. } => "invalid_setting",
            Self::InvalidValue { .. } => "invalid_value",

            Self::InsufficientData { .. } => "insufficient_data",
            Self::CensoringExhausted { .. } => "censoring_exhausted",
            Self::BeyondFollowUp { .. } => "beyond_follow_up",
            Self::OutsideFollowUp { .. } => "outside_follow_up",

            Self::ConstantCovariate { .. } => "constant_covariate",
            Self::Singular { .. } => "singular",
            Self::NotConverged { .. } => "not_converged",
            Self::NotNested { .. } => "not_nested",
            Self::ChiSquare { .. } => "chi_square",
            Self::NotFinished { .. } => "not_finished",
            Self::Cancelled { .. } => "cancelled",
        }
    }

    /// The problem itself, through any steps it happened in.
    pub fn root(&self) -> &Self {
        let mut e = self;
        while let Self::In { source, .. } = e {
            e = source;
        }
        e
    }

    /// This problem as having happened in `step`.
    pub fn in_step(self, step: Step) -> Self {
        Self::In {
            step,
            source: Box::new(self),
        }
    }

    /// Lengths that must agree.
    pub fn length(
        context: &'static str,
        what: &'static str,
        expected: usize,
        found: usize,
    ) -> Self {
        Self::Length {
            context,
            what,
            expected,
            found,
        }
    }

    /// A setting out of its range.
    pub fn setting(
        context: &'static str,
        setting: &'static str,
        valid: &'static str,
        value: f64,
    ) -> Self {
        Self::InvalidSetting {
            context,
            setting,
            valid,
            value,
        }
    }

    /// Too little data.
    pub fn insufficient(
        context: &'static str,
        needs: &'static str,
        has: usize,
        counted: &'static str,
    ) -> Self {
        Self::InsufficientData {
            context,
            needs,
            has,
            counted,
        }
    }

    /// A value that is not finite.
    pub fn non_finite(
        context: &'static str,
        what: &'static str,
        index: Option<usize>,
        patient: Option<usize>,
        value: f64,
    ) -> Self {
        Self::NonFinite {
            context,
            what,
            index,
            patient,
            value,
        }
    }

    /// The first setting of `checks` that is not valid, in order: each check is the
    /// setting's name, its valid range, its value, and whether the value is valid.
    pub(crate) fn first_invalid(
        context: &'static str,
        checks: &[(&'static str, &'static str, f64, bool)],
    ) -> Result<(), Self> {
        match checks.iter().find(|check| !check.3) {
            Some(&(setting, valid, value, _)) => Err(Self::setting(context, setting, valid, value)),
            None => Ok(()),
        }
    }

    /// Shapes that do not fit.
    pub fn shape(context: &'static str, shape: ShapeProblem) -> Self {
        Self::Shape { context, shape }
    }
}

impl Describe for ModelError {
    fn message(&self) -> Message {
        match self {
            Self::Length {
                context,
                what,
                expected,
                found,
            } => Message::new(
                "model-length",
                vec![
                    ("context", phrase(context)),
                    ("found", MessageArg::text(found)),
                    ("what", phrase(what)),
                    ("expected", MessageArg::text(expected)),
                ],
            ),
            Self::RowOutOfRange { context, row, rows } => Message::new(
                "model-row-out-of-range",
                vec![
                    ("context", phrase(context)),
                    ("row", MessageArg::text(row)),
                    ("rows", MessageArg::text(rows)),
                ],
            ),
            Self::Shape { context, shape } => Message::new(
                "model-shape",
                vec![
                    ("context", phrase(context)),
                    ("shape", MessageArg::nested(shape)),
                ],
            ),
            Self::NonFinite {
                context,
                what,
                index,
                patient,
                value,
            } => Message::new(
                "model-non-finite",
                vec![
                    ("context", phrase(context)),
                    ("what", phrase(what)),
                    ("index", optional(*index)),
                    ("patient", optional(*patient)),
                    ("value", shown_arg(*value)),
                ],
            ),
            Self::InvalidSetting {
                context,
                setting,
                valid,
                value,
            } => Message::new(
                "model-invalid-setting",
                vec![
                    ("context", phrase(context)),
                    ("setting", phrase(setting)),
                    ("valid", phrase(valid)),
                    ("value", shown_arg(*value)),
                ],
            ),
            Self::InvalidValue {
                context,
                what,
                patient,
                valid,
                value,
            } => Message::new(
                "model-invalid-value",
                vec![
                    ("context", phrase(context)),
                    ("what", phrase(what)),
                    ("patient", MessageArg::text(patient)),
                    ("valid", phrase(valid)),
                    ("value", shown_arg(*value)),
                ],
            ),
            Self::InsufficientData {
                context,
                needs,
                has,
                counted,
            } => Message::new(
                "model-insufficient-data",
                vec![
                    ("context", phrase(context)),
                    ("needs", phrase(needs)),
                    ("counted", phrase(counted)),
                    ("has", MessageArg::text(has)),
                ],
            ),
            Self::CensoringExhausted {
                context,
                patient,
                time,
            } => Message::new(
                "model-censoring-exhausted",
                vec![
                    ("context", phrase(context)),
                    ("time", shown_arg(*time)),
                    ("patient", MessageArg::text(patient)),
                ],
            ),
            Self::BeyondFollowUp {
                context,
                time,
                last,
            } => Message::new(
                "model-beyond-follow-up",
                vec![
                    ("context", phrase(context)),
                    ("time", shown_arg(*time)),
                    ("last", shown_arg(*last)),
                ],
            ),
            Self::OutsideFollowUp {
                context,
                time,
                first,
                last,
            } => Message::new(
                "model-outside-follow-up",
                vec![
                    ("context", phrase(context)),
                    ("time", shown_arg(*time)),
                    ("first", shown_arg(*first)),
                    ("last", shown_arg(*last)),
                ],
            ),
            Self::ConstantCovariate {
                context,
                covariate,
                value,
            } => Message::new(
                "model-constant-covariate",
                vec![
                    ("context", phrase(context)),
                    ("covariate", MessageArg::text(covariate)),
                    ("value", shown_arg(*value)),
                ],
            ),
            Self::Singular {
                context,
                log_likelihood,
            } => Message::new(
                "model-singular",
                vec![
                    ("context", phrase(context)),
                    ("log_likelihood", shown_arg(*log_likelihood)),
                ],
            ),
            Self::NotConverged {
                context,
                iterations,
                log_likelihood,
                reason,
            } => Message::new(
                "model-not-converged",
                vec![
                    ("context", phrase(context)),
                    ("iterations", MessageArg::text(iterations)),
                    ("log_likelihood", shown_arg(*log_likelihood)),
                    ("reason", phrase(reason)),
                ],
            ),
            Self::NotNested(nesting) => Message::new(
                "model-not-nested",
                vec![("reason", MessageArg::nested(nesting))],
            ),
            Self::ChiSquare { context, df } => Message::new(
                "model-chi-square",
                vec![("context", phrase(context)), ("df", MessageArg::text(df))],
            ),
            Self::NotFinished { context } => {
                Message::new("model-not-finished", vec![("context", phrase(context))])
            }
            Self::Cancelled { context } => {
                Message::new("model-cancelled", vec![("context", phrase(context))])
            }
            Self::In { step, source } => Message::new(
                "model-in",
                vec![
                    ("step", MessageArg::nested(step)),
                    ("source", MessageArg::nested(source.as_ref())),
                ],
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One value of every kind of problem.
    fn one_of_each() -> Vec<ModelError> {
        vec![
            ModelError::length("log-rank test", "group label", 4, 3),
            ModelError::RowOutOfRange {
                context: "survival data",
                row: 9,
                rows: 3,
            },
            ModelError::shape("network", ShapeProblem::Output { outputs: 2 }),
            ModelError::non_finite("survival data", "input", Some(3), Some(12), f64::NAN),
            ModelError::setting("training setting", "learning_rate", "positive", -1e-4),
            ModelError::InvalidValue {
                context: "survival data",
                what: "event indicator",
                patient: 2,
                valid: "0 or 1",
                value: 2.0,
            },
            ModelError::insufficient("Cox regression", "at least one event", 0, "events"),
            ModelError::CensoringExhausted {
                context: "Uno's C",
                patient: 1,
                time: 2.0,
            },
            ModelError::BeyondFollowUp {
                context: "censoring distribution",
                time: 5.0,
                last: 2.0,
            },
            ModelError::OutsideFollowUp {
                context: "Brier score",
                time: 4.0,
                first: 1.0,
                last: 4.0,
            },
            ModelError::ConstantCovariate {
                context: "Cox regression",
                covariate: 1,
                value: 0.04699999839067459,
            },
            ModelError::Singular {
                context: "Cox regression",
                log_likelihood: -123.456789,
            },
            ModelError::NotConverged {
                context: "Cox regression",
                iterations: 50,
                log_likelihood: -1.0,
                reason: "the iterations ran out",
            },
            ModelError::NotNested(Nesting::Covariates {
                full: 2,
                reduced: 2,
            }),
            ModelError::ChiSquare {
                context: "log-rank test",
                df: 0,
            },
            ModelError::NotFinished {
                context: "automatic recipe",
            },
            ModelError::Cancelled {
                context: "model comparison",
            },
        ]
    }

    #[test]
    fn every_kind_has_its_own_snake_case_code() {
        let all = one_of_each();
        let codes: std::collections::BTreeSet<&str> = all.iter().map(ModelError::code).collect();
        assert_eq!(codes.len(), all.len(), "{codes:?}");
        for code in codes {
            assert!(
                code.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{code}"
            );
        }
    }

    #[test]
    fn a_problem_in_a_step_keeps_its_code_and_names_the_step() {
        let inner = ModelError::insufficient("survival data", "at least one event", 0, "events");
        let e = inner.clone().in_step(Step::Fold {
            fold: 2,
            stage: "validation half",
        });
        assert_eq!(e.code(), "insufficient_data");
        assert_eq!(e.root(), &inner);
        assert_eq!(
            e.to_string(),
            "fold 2, validation half: survival data needs at least one event (events: 0)"
        );
    }

    #[test]
    fn messages_are_sentences_with_rounded_numbers() {
        let texts: Vec<String> = one_of_each().iter().map(ToString::to_string).collect();
        for text in &texts {
            assert!(!text.contains('{') && !text.contains("Some("), "{text}");
            assert!(!text.contains("0.046999"), "{text}");
        }
        assert!(texts.contains(
            &"Cox regression: covariate 1 has the same value (0.047) for every patient".to_owned()
        ));
        assert!(texts.contains(&"survival data: input 3 of patient 12 is NaN".to_owned()));
        assert!(
            texts.contains(
                &"training setting: learning_rate must be positive, is -0.0001".to_owned()
            )
        );
        assert!(
            texts.contains(&"log-rank test: 3 group label values where 4 are needed".to_owned())
        );
    }
}
