//! Cohort tables for survlens: patients with survival time, event and typed markers, their
//! import from CSV/TSV with precise messages, and the preprocessing that turns them into the
//! network's inputs.
//!
//! The pipeline as the page and the command line use it:
//!
//! 1. [`preview`] the file's first rows and [`guess_roles`] to pre-fill the mapping form;
//! 2. [`import_csv`] with the chosen [`ColumnRoles`]: a [`Cohort`], or an [`ImportReport`]
//!    listing every problem with file, row and column;
//! 3. [`EncoderConfig::fit`] on the training patients ([`Cohort::rows`]), then
//!    [`Encoder::transform`] any cohort into a [`DesignMatrix`] described by a [`FeatureMap`].
//!
//! Plain Rust, no browser dependency; builds for the host and `wasm32-unknown-unknown`.
//! User data never reaches a panic: every problem is a [`DataError`].

pub mod cell;
pub mod cohort;
pub mod dialect;
pub mod display;
pub mod encode;
pub mod error;
pub mod export;
pub mod import;
pub mod message;
pub mod roles;

pub use cell::MissingCodes;
pub use cohort::{
    Categorical, Cohort, CohortColumns, CohortView, Marker, MarkerKind, MarkerValues, natural_order,
};
pub use dialect::Dialect;
pub use encode::{
    CategoricalCoding, DesignMatrix, Encoded, Encoder, EncoderConfig, Feature, FeatureMap,
    FeatureRole, LogTransform, MissingIndicators, NumericTransform, RangeFlag, RangeFlagKind,
    Scaling, UnseenLevels,
};
pub use error::{CellRef, CodeRefusal, DataError, Expected, ImportReport, Role};
pub use export::write_csv;
pub use import::{
    ColumnRoles, ImportNote, ImportOptions, Imported, Limits, Preview, import_csv, preview,
};
pub use message::{Describe, Message, MessageArg};
pub use roles::{RoleGuess, guess_roles, guess_roles_with};
