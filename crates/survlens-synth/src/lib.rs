//! Synthetic survival cohorts with planted prognostic truth.
