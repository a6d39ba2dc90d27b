//! What each view of the page shows, as plain data built from a
//! [`Session`](crate::core::session::Session). Imports [`crate::core`], [`crate::sources`]
//! and [`crate::analysis`], never [`crate::job`].

pub mod cohort_view;
pub mod interactions_view;
pub mod marker_profile;
pub mod markers_view;
pub mod measured;
pub mod model_view;
pub mod new_patient;
pub mod patient;
pub mod patient_compare;
pub mod patient_export;
pub mod patient_flags;
pub mod patient_list;
pub mod patient_over_time;
pub mod patient_reference;
pub mod patient_report;
pub mod patient_stability;
pub mod patient_survival;
pub mod patient_waterfall;
pub mod teaching;
pub mod whatif;
