//! Why a chart could not be drawn: [`ChartError`], with the conversion from plotters' errors
//! that lets every drawing call use `?`, and the checks that turn data a chart cannot place
//! into an error instead of a misplaced mark, a panic or an endless loop.
//!
//! The descriptions an error carries (the value not placed, the axis, the list) are written
//! in the chart's language from the catalogue's `chart-what-` and `chart-axis-` messages;
//! the error's own sentence is a catalogue message too ([`Describe`]), so the page writes a
//! failure in its language throughout.

use std::ops::Range;

use plotters::drawing::DrawingAreaErrorKind;
use survlens_data::{Describe, Message, MessageArg};

/// Why a chart could not be drawn. The page shows its sentence under the chart's canvas
/// ("The chart could not be drawn: ..."), beside the table that holds the same numbers, in
/// the page's language ([`Describe`]); `Display` is the English sentence.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ChartError {
    /// The canvas or the SVG writer refused a drawing operation, or could not use the
    /// chart's font.
    #[error("the drawing surface failed ({description})")]
    Backend {
        /// plotters' own description of the failure, in its wording (its error type can be
        /// neither cloned nor compared, so it is kept as text).
        description: String,
    },
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
        /// relevance of Albumin"), in the chart's language.
        what: String,
        /// The value itself (NaN or an infinity).
        value: f64,
    },
    /// An axis would not span a finite range.
    #[error("the {axis} axis would run from {} to {}", rounded(*low), rounded(*high))]
    Axis {
        /// The axis, by what it shows, in the chart's language.
        axis: String,
        /// Its lower end.
        low: f64,
        /// Its upper end.
        high: f64,
    },
    /// Lists of the data that must be parallel differ in length.
    #[error("{what} has {found} entries where {expected} were expected")]
    Shape {
        /// The list, in the chart's language.
        what: String,
        /// Entries it should have.
        expected: usize,
        /// Entries it has.
        found: usize,
    },
    /// The page's canvas refused the size the chart needs.
    #[error("the canvas refused its size")]
    CanvasSize,
    /// The browser gives the canvas no 2D drawing context.
    #[error("this browser gives no 2D canvas")]
    NoCanvas2d,
}

impl ChartError {
    /// A stable machine-readable name of the problem kind (`"not_finite"`, ...), for the
    /// page's diagnostics and for tests; it never changes with the wording.
    pub fn code(&self) -> &'static str {
        match self {
            ChartError::Backend { .. } => "backend",
            ChartError::Busy => "busy",
            ChartError::Layout => "layout",
            ChartError::NotFinite { .. } => "not_finite",
            ChartError::Axis { .. } => "axis",
            ChartError::Shape { .. } => "shape",
            ChartError::CanvasSize => "canvas_size",
            ChartError::NoCanvas2d => "no_canvas_2d",
        }
    }
}

impl Describe for ChartError {
    fn message(&self) -> Message {
        match self {
            Self::Backend { description } => Message::new(
                "chart-error-backend",
                vec![("description", MessageArg::text(description))],
            ),
            Self::Busy => Message::plain("chart-error-busy"),
            Self::Layout => Message::plain("chart-error-layout"),
            Self::NotFinite { what, value } => Message::new(
                "chart-error-not-finite",
                vec![
                    ("what", MessageArg::text(what)),
                    ("value", MessageArg::Number(*value)),
                ],
            ),
            Self::Axis { axis, low, high } => Message::new(
                "chart-error-axis",
                vec![
                    ("axis", MessageArg::text(axis)),
                    ("low", rounded_arg(*low)),
                    ("high", rounded_arg(*high)),
                ],
            ),
            Self::Shape {
                what,
                expected,
                found,
            } => Message::new(
                "chart-error-shape",
                vec![
                    ("what", MessageArg::text(what)),
                    ("found", MessageArg::text(found)),
                    ("expected", MessageArg::text(expected)),
                ],
            ),
            Self::CanvasSize => Message::plain("chart-error-canvas-size"),
            Self::NoCanvas2d => Message::plain("chart-error-no-canvas-2d"),
        }
    }
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        match e {
            DrawingAreaErrorKind::BackendError(e) => Self::Backend {
                description: e.to_string(),
            },
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

/// `value` for a message: rounded to four significant digits and written without trailing
/// zeros (`0.30000001` -> `0.3`), in scientific notation when very large or small (`1e-7`);
/// NaN and the infinities as Rust writes them.
fn rounded(value: f64) -> String {
    if !value.is_finite() || value == 0.0 {
        return value.to_string();
    }
    let four_digits: f64 = format!("{value:.3e}").parse().unwrap_or(value);
    if (1e-4..1e9).contains(&four_digits.abs()) {
        four_digits.to_string()
    } else {
        format!("{four_digits:e}")
    }
}

/// [`rounded`] as a message's argument: a number (written with the language's decimal mark)
/// where Rust writes the rounded value that way, otherwise its text (scientific notation).
fn rounded_arg(value: f64) -> MessageArg {
    let text = rounded(value);
    match text.parse::<f64>() {
        Ok(x) if x.to_string() == text => MessageArg::Number(x),
        _ => MessageArg::Text(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Which variant `e` is; a new variant breaks this match, so the list below must grow
    /// with the enum.
    fn index(e: &ChartError) -> usize {
        match e {
            ChartError::Backend { .. } => 0,
            ChartError::Busy => 1,
            ChartError::Layout => 2,
            ChartError::NotFinite { .. } => 3,
            ChartError::Axis { .. } => 4,
            ChartError::Shape { .. } => 5,
            ChartError::CanvasSize => 6,
            ChartError::NoCanvas2d => 7,
        }
    }

    #[test]
    fn every_variant_has_its_own_code() {
        let errors = [
            ChartError::Backend {
                description: "font not found".into(),
            },
            ChartError::Busy,
            ChartError::Layout,
            ChartError::NotFinite {
                what: "the relevance of Albumin".into(),
                value: f64::NAN,
            },
            ChartError::Axis {
                axis: "risk".into(),
                low: 0.1 + 0.2,
                high: f64::INFINITY,
            },
            ChartError::Shape {
                what: "the curve".into(),
                expected: 3,
                found: 2,
            },
            ChartError::CanvasSize,
            ChartError::NoCanvas2d,
        ];
        let seen: Vec<usize> = errors.iter().map(index).collect();
        assert_eq!(
            seen,
            (0..errors.len()).collect::<Vec<_>>(),
            "one per variant"
        );
        let mut codes: Vec<&str> = errors.iter().map(ChartError::code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), errors.len(), "{codes:?}");
        for code in codes {
            assert!(
                code.starts_with(|c: char| c.is_ascii_lowercase())
                    && code
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{code} is not snake case"
            );
        }
        // The page shows the sentence as is: no field names, no debug text.
        for e in &errors {
            let text = e.to_string();
            assert!(!text.contains('{') && !text.contains("::"), "{text}");
        }
        assert_eq!(
            errors[4].to_string(),
            "the risk axis would run from 0.3 to inf"
        );
    }
}
