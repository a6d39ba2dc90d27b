//! The explained cohort and what every layer shares: units, number formats, the page's
//! languages, statistics helpers and the error of a computation. Imports no other layer.

pub mod cohort_kind;
pub mod error;
pub mod format;
pub mod i18n;
pub mod origin;
pub mod session;
pub mod stats;
pub mod title;
pub mod units;
