//! Everything that can go wrong when building, training or applying a model, as data.
//!
//! Every variant names the computation it happened in (`context`: "Cox regression",
//! "log-rank test", ...) and carries the numbers a caller can act on: the sizes that
//! disagree, the patient and value that are not finite, the setting and its valid range.
//! Fixed rules are `&'static str`; nothing is a sentence assembled at run time. The
//! `Display` text is plain English with rounded numbers, and [`ModelError::code`] is the
//! stable name of the problem for the command line's output and for tests.

use std::fmt;

use survlens_data::display::round_significant;

/// Significant digits of a number in an error message.
const DIGITS: usize = 4;

/// A number as an error message shows it: rounded, never in exponent or round-trip form.
fn shown(value: &f64) -> String {
    round_significant(*value, DIGITS)
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

// TEMPORARY: replaced by the real catalogue keys.
impl survlens_data::Describe for ModelError {
    fn message(&self) -> survlens_data::Message {
        survlens_data::Message::new(
            "error-compute-stopped",
            vec![("reason", survlens_data::MessageArg::text(self))],
        )
    }
}
