//! Errors of the synthetic cohort generator.

/// Everything that can go wrong when generating a synthetic cohort.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
#[non_exhaustive]
pub enum SynthError {
    /// The requested number of patients is outside the supported range.
    #[error("number of patients should be between {min} and {max}, but is {value}")]
    PatientCount {
        /// The requested count.
        value: usize,
        /// Smallest supported count.
        min: usize,
        /// Largest supported count.
        max: usize,
    },
    /// A truth file that cannot be read.
    #[error("truth file: at line {line}, column {column}: {message}")]
    TruthFile {
        /// 1-based line (0 when the problem is not at one place).
        line: usize,
        /// 1-based column (0 when the problem is not at one place).
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A preset's tables are inconsistent (a bug in this crate, caught instead of panicking).
    #[error("preset {preset} is inconsistent: {detail}")]
    PresetTable {
        /// The preset's name.
        preset: &'static str,
        /// What is wrong and where.
        detail: String,
    },
}
