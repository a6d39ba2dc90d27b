//! Checks shared by every survival statistic: right-censored follow-up given as parallel
//! slices (time, event, and optionally one risk per patient) must agree in length and be
//! finite before any arithmetic touches them.

use crate::ModelError;

/// Checks that `times` and `events` describe `times.len()` patients with finite,
/// non-negative follow-up times. `what` names the data set in error messages.
pub(crate) fn check_follow_up(
    times: &[f64],
    events: &[bool],
    what: &'static str,
) -> Result<(), ModelError> {
    if times.len() != events.len() {
        return Err(ModelError::length(
            what,
            "event indicator",
            times.len(),
            events.len(),
        ));
    }
    if times.is_empty() {
        return Err(ModelError::insufficient(
            what,
            "at least one patient",
            0,
            "patients",
        ));
    }
    if let Some(i) = times.iter().position(|t| !t.is_finite()) {
        return Err(ModelError::non_finite(
            what,
            "time",
            None,
            Some(i),
            times[i],
        ));
    }
    if let Some(i) = times.iter().position(|&t| t < 0.0) {
        return Err(ModelError::InvalidValue {
            context: what,
            what: "follow-up time",
            patient: i,
            valid: "at least 0",
            value: times[i],
        });
    }
    Ok(())
}

/// Checks that `values` has one finite entry per patient. `name` says what the values
/// are ("risk", "predicted survival") in error messages.
pub(crate) fn check_per_patient(
    values: &[f64],
    n: usize,
    name: &'static str,
    what: &'static str,
) -> Result<(), ModelError> {
    if values.len() != n {
        return Err(ModelError::length(what, name, n, values.len()));
    }
    if let Some(i) = values.iter().position(|v| !v.is_finite()) {
        return Err(ModelError::non_finite(what, name, None, Some(i), values[i]));
    }
    Ok(())
}

/// Checks that evaluation times are finite and strictly increasing.
pub(crate) fn check_time_grid(grid: &[f64], what: &'static str) -> Result<(), ModelError> {
    if grid.is_empty() {
        return Err(ModelError::insufficient(
            what,
            "at least one time point",
            0,
            "time points",
        ));
    }
    if let Some(i) = grid.iter().position(|t| !t.is_finite()) {
        return Err(ModelError::non_finite(
            what,
            "time point",
            Some(i),
            None,
            grid[i],
        ));
    }
    if let Some(i) = grid.windows(2).position(|w| w[1] <= w[0]) {
        return Err(ModelError::setting(
            what,
            "a time point",
            "greater than the one before it",
            grid[i + 1],
        ));
    }
    Ok(())
}

/// Patient indices ordered by increasing time; equal times keep their input order.
pub(crate) fn order_by_time(times: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..times.len()).collect();
    order.sort_by(|&a, &b| times[a].total_cmp(&times[b]));
    order
}
