//! Why a chart could not be drawn: [`ChartError`], with the conversion from plotters' errors
//! that lets every drawing call use `?`, and the checks that turn data a chart cannot place
//! into an error instead of a misplaced mark, a panic or an endless loop.

use std::ops::Range;

use plotters::drawing::DrawingAreaErrorKind;

/// Why a chart could not be drawn. The page shows its sentence under the chart's canvas
/// ("The chart could not be drawn: ..."), beside the table that holds the same numbers.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ChartError {
    /// The canvas or the SVG writer refused a drawing operation, or could not use the
    /// chart's font; plotters' own description.
    #[error("the drawing surface failed ({0})")]
    Backend(String),
    /// The drawing surface was held by another drawing operation.
    #[error("the drawing surface was busy with another drawing")]
    Busy,
    /// plotters could not lay out the chart's parts in its area (labels or margins larger
    /// than the area).
    #[error("the chart's parts do not fit its drawing area")]
    Layout,
    /// A value that would place a mark is not a finite number.
    #[error("{what} is {value}, which cannot be placed on the chart")]
    NotFinite {
        /// The value, named so that the table row can be found (for example "the
        /// relevance of Albumin").
        what: String,
        /// The value itself (NaN or an infinity).
        value: f64,
    },
    /// An axis would not span a finite range.
    #[error("the {axis} axis would run from {low} to {high}")]
    Axis {
        /// The axis, by what it shows.
        axis: String,
        /// Its lower end.
        low: f64,
        /// Its upper end.
        high: f64,
    },
    /// Lists of the data that must be parallel differ in length.
    #[error("{what} has {found} entries where {expected} were expected")]
    Shape {
        /// The list.
        what: String,
        /// Entries it should have.
        expected: usize,
        /// Entries it has.
        found: usize,
    },
    /// The page's canvas could not be prepared (no 2D context, or its size refused).
    #[error("{0}")]
    Canvas(&'static str),
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        match e {
            DrawingAreaErrorKind::BackendError(e) => Self::Backend(e.to_string()),
            DrawingAreaErrorKind::SharingError => Self::Busy,
            DrawingAreaErrorKind::LayoutError => Self::Layout,
        }
    }
}

/// `value` as `f64` when it is finite; otherwise [`ChartError::NotFinite`] naming it with
/// `what` (called only then).
///
/// # Errors
/// [`ChartError::NotFinite`] for NaN and the infinities.
pub fn finite(value: impl Into<f64>, what: impl FnOnce() -> String) -> Result<f64, ChartError> {
    let value = value.into();
    if value.is_finite() {
        Ok(value)
    } else {
        Err(ChartError::NotFinite {
            what: what(),
            value,
        })
    }
}

/// The range `low..high` of the axis that shows `axis`, when both ends are finite and
/// `low <= high`. plotters panics when it places the ticks of a NaN range and never
/// finishes placing those of an infinite one, so every range from data passes here first.
///
/// # Errors
/// [`ChartError::Axis`] otherwise.
pub fn axis<T: Copy + Into<f64>>(axis: &str, low: T, high: T) -> Result<Range<T>, ChartError> {
    let (lo, hi) = (low.into(), high.into());
    if lo.is_finite() && hi.is_finite() && lo <= hi {
        Ok(low..high)
    } else {
        Err(ChartError::Axis {
            axis: axis.to_owned(),
            low: lo,
            high: hi,
        })
    }
}

/// Checks that `what` has `expected` entries.
///
/// # Errors
/// [`ChartError::Shape`] when it has `found` instead.
pub fn same_length(
    what: impl FnOnce() -> String,
    expected: usize,
    found: usize,
) -> Result<(), ChartError> {
    if expected == found {
        Ok(())
    } else {
        Err(ChartError::Shape {
            what: what(),
            expected,
            found,
        })
    }
}
