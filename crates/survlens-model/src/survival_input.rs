//! Checks shared by every survival statistic: right-censored follow-up given as parallel
//! slices (time, event, and optionally one risk per patient) must agree in length and be
//! finite before any arithmetic touches them.

use crate::ModelError;

/// Checks that `times` and `events` describe `times.len()` patients with finite,
/// non-negative follow-up times. `what` names the data set in error messages.
pub(crate) fn check_follow_up(
    times: &[f64],
    events: &[bool],
    what: &str,
) -> Result<(), ModelError> {
    if times.len() != events.len() {
        return Err(ModelError::Shape(format!(
            "{what}: {} times but {} event indicators",
            times.len(),
            events.len()
        )));
    }
    if times.is_empty() {
        return Err(ModelError::InsufficientData(format!("{what}: no patients")));
    }
    if let Some(i) = times.iter().position(|t| !t.is_finite()) {
        return Err(ModelError::NonFinite(format!(
            "{what}: time of patient {i} is {}",
            times[i]
        )));
    }
    if let Some(i) = times.iter().position(|&t| t < 0.0) {
        return Err(ModelError::InvalidSetting(format!(
            "{what}: time of patient {i} is negative ({})",
            times[i]
        )));
    }
    Ok(())
}

/// Checks that `values` has one finite entry per patient. `name` says what the values
/// are ("risk", "predicted survival") in error messages.
pub(crate) fn check_per_patient(
    values: &[f64],
    n: usize,
    name: &str,
    what: &str,
) -> Result<(), ModelError> {
    if values.len() != n {
        return Err(ModelError::Shape(format!(
            "{what}: {} {name} values for {n} patients",
            values.len()
        )));
    }
    if let Some(i) = values.iter().position(|v| !v.is_finite()) {
        return Err(ModelError::NonFinite(format!(
            "{what}: {name} of patient {i} is {}",
            values[i]
        )));
    }
    Ok(())
}

/// Checks that evaluation times are finite and strictly increasing.
pub(crate) fn check_time_grid(grid: &[f64], what: &str) -> Result<(), ModelError> {
    if grid.is_empty() {
        return Err(ModelError::InvalidSetting(format!(
            "{what}: no time points"
        )));
    }
    if let Some(i) = grid.iter().position(|t| !t.is_finite()) {
        return Err(ModelError::NonFinite(format!(
            "{what}: time point {i} is {}",
            grid[i]
        )));
    }
    if let Some(i) = grid.windows(2).position(|w| w[1] <= w[0]) {
        return Err(ModelError::InvalidSetting(format!(
            "{what}: time points must increase strictly, but point {} ({}) follows {}",
            i + 1,
            grid[i + 1],
            grid[i]
        )));
    }
    Ok(())
}

/// Patient indices ordered by increasing time; equal times keep their input order.
pub(crate) fn order_by_time(times: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..times.len()).collect();
    order.sort_by(|&a, &b| times[a].total_cmp(&times[b]));
    order
}
