//! The crate's one error type: every way an explanation request can be refused.

/// Everything that can go wrong when checking a rule or explaining a prediction.
///
/// Variants carry the offending value and where it was, so that the viewer can show the
/// message as it is.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
#[non_exhaustive]
pub enum XaiError {
    /// A rule parameter outside its valid range.
    #[error("{rule} rule: {parameter} must be {requirement}, but is {value}")]
    InvalidParameter {
        /// The rule, as named in the command line (`epsilon`, `gamma`, ...).
        rule: &'static str,
        /// The parameter's name.
        parameter: &'static str,
        /// The value that was given.
        value: f32,
        /// What the parameter must satisfy, in words.
        requirement: &'static str,
    },
    /// A rule that only makes sense on the input layer was assigned to a deeper layer.
    #[error("the {rule} rule applies to the first layer only, but was assigned to layer {layer}")]
    FirstLayerOnly {
        /// The rule's name.
        rule: &'static str,
        /// Index of the layer it was assigned to (0 = input side).
        layer: usize,
    },
    /// A composite that lists one rule per layer for a network with another depth.
    #[error("the composite assigns rules to {rules} layers, but the network has {layers}")]
    CompositeDepth {
        /// Number of rules in the composite.
        rules: usize,
        /// Number of dense layers in the network.
        layers: usize,
    },
    /// A buffer whose length does not fit the stated shape.
    #[error("{what} must have {expected} values, but has {found}")]
    Shape {
        /// Which buffer.
        what: &'static str,
        /// Length implied by the shape.
        expected: usize,
        /// Length given.
        found: usize,
    },
    /// An input value that is NaN or infinite.
    #[error("input {input} of patient {patient} is not a finite number: {value}")]
    NonFiniteInput {
        /// Row of the patient in the batch.
        patient: usize,
        /// Column of the encoded input.
        input: usize,
        /// The value found.
        value: f32,
    },
    /// A grouping that sends a column to a group that does not exist.
    #[error("column {column} is mapped to group {group}, but there are only {n_groups} groups")]
    GroupOutOfRange {
        /// Column being grouped (encoded input or marker).
        column: usize,
        /// Group index it was mapped to.
        group: usize,
        /// Number of groups declared.
        n_groups: usize,
    },
    /// A setting of an attribution method outside its valid range.
    #[error("invalid setting: {setting} must be {requirement}, but is {value}")]
    InvalidSetting {
        /// The setting's name.
        setting: &'static str,
        /// The value that was given.
        value: f64,
        /// What the setting must satisfy, in words.
        requirement: &'static str,
    },
    /// A network too large for an exact method.
    #[error("exact Shapley values are limited to {limit} inputs, the network has {n_inputs}")]
    TooManyInputs {
        /// Number of inputs of the network.
        n_inputs: usize,
        /// The method's limit.
        limit: usize,
    },
    /// A cohort figure asked of no patients (an empty cohort or subgroup).
    #[error("{what} needs at least one patient, but the cohort or subgroup is empty")]
    EmptyCohort {
        /// The figure that was asked for.
        what: &'static str,
    },
    /// A patient index past the last row.
    #[error("{what}: patient {row} does not exist, there are {n_patients} patients")]
    PatientOutOfRange {
        /// Where the index came from.
        what: &'static str,
        /// The index given.
        row: usize,
        /// Number of patients (rows).
        n_patients: usize,
    },
    /// A marker index past the last marker.
    #[error("{what}: marker {marker} does not exist, there are {n_markers} markers")]
    MarkerOutOfRange {
        /// Where the index came from.
        what: &'static str,
        /// The index given.
        marker: usize,
        /// Number of markers (columns).
        n_markers: usize,
    },
    /// An ONNX model that cannot be read into a Cox network.
    #[error(transparent)]
    Onnx(#[from] crate::onnx::OnnxError),
}
