//! True effect functions: how a marker's value, or a pair of values, moves the log-hazard.
//!
//! Every effect is zero at a clinically neutral reference (a normal lab value, ECOG 0,
//! stage I, mutation absent), so a contribution reads as "this finding adds x to the
//! patient's log-hazard compared with a patient without it".

use std::fmt::Write as _;

/// A marker's true log-hazard contribution as a function of its value.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(
    not(test),
    expect(dead_code, reason = "the pan-cancer preset uses every shape")
)]
pub(crate) enum Effect {
    /// `slope * (x - reference)`.
    Linear { reference: f32, slope: f32 },
    /// `slope_below * (knot - x)` below the knot, `slope_above * (x - knot)` above it
    /// (both slopes apply to distance from the knot, so positive means "worse away from it").
    Hinge {
        knot: f32,
        slope_below: f32,
        slope_above: f32,
    },
    /// `delta` if `x > cut`, else 0.
    Above { cut: f32, delta: f32 },
    /// `delta` if `x < cut`, else 0.
    Below { cut: f32, delta: f32 },
    /// `per_doubling * log2(x / reference)` where `x > reference`, else 0: labs whose harm
    /// grows with each doubling above the upper limit of normal.
    LogAbove { reference: f32, per_doubling: f32 },
    /// `min(cap, coef * ((x - optimum) / scale)^2)`: harm on both sides of an optimum.
    UShape {
        optimum: f32,
        scale: f32,
        coef: f32,
        cap: f32,
    },
    /// `log_hr[level]` for categorical and binary markers.
    Levels(&'static [f32]),
    /// `delta` if a binary marker is present (value 1), else 0.
    Present(f32),
}

impl Effect {
    /// The contribution at value `x` (in the marker's unit or level code).
    #[inline]
    pub(crate) fn eval(self, x: f32) -> f32 {
        match self {
            Effect::Linear { reference, slope } => slope * (x - reference),
            Effect::Hinge {
                knot,
                slope_below,
                slope_above,
            } => {
                if x < knot {
                    slope_below * (knot - x)
                } else {
                    slope_above * (x - knot)
                }
            }
            Effect::Above { cut, delta } => {
                if x > cut {
                    delta
                } else {
                    0.0
                }
            }
            Effect::Below { cut, delta } => {
                if x < cut {
                    delta
                } else {
                    0.0
                }
            }
            Effect::LogAbove {
                reference,
                per_doubling,
            } => {
                if x > reference {
                    per_doubling * libm::log2f(x / reference)
                } else {
                    0.0
                }
            }
            Effect::UShape {
                optimum,
                scale,
                coef,
                cap,
            } => {
                let d = (x - optimum) / scale;
                (coef * d * d).min(cap)
            }
            Effect::Present(delta) => {
                if x == 1.0 {
                    delta
                } else {
                    0.0
                }
            }
            Effect::Levels(log_hr) => {
                // Level codes are small non-negative integers stored as f32.
                let level = x as usize;
                log_hr.get(level).copied().unwrap_or(0.0)
            }
        }
    }

    /// A one-line formula in the marker's unit, for the truth file and the teaching view.
    pub(crate) fn describe(self, unit: &str, levels: Option<&[&str]>) -> String {
        let mut s = String::new();
        // Writing to a String cannot fail.
        let _ = match self {
            Effect::Linear { reference, slope } => {
                write!(
                    s,
                    "linear: {slope:+} per {unit} relative to {reference} {unit}"
                )
            }
            Effect::Hinge {
                knot,
                slope_below,
                slope_above,
            } => write!(
                s,
                "hinge at {knot} {unit}: {slope_below:+} per {unit} below, \
                 {slope_above:+} per {unit} above"
            ),
            Effect::Above { cut, delta } => write!(s, "threshold: {delta:+} if > {cut} {unit}"),
            Effect::Below { cut, delta } => write!(s, "threshold: {delta:+} if < {cut} {unit}"),
            Effect::LogAbove {
                reference,
                per_doubling,
            } => write!(
                s,
                "log-linear above {reference} {unit}: {per_doubling:+} per doubling"
            ),
            Effect::UShape {
                optimum,
                scale,
                coef,
                cap,
            } => write!(
                s,
                "U-shape: min({cap}, {coef} * ((x - {optimum}) / {scale})^2), optimum {optimum} {unit}"
            ),
            Effect::Present(delta) => write!(s, "{delta:+} if present"),
            Effect::Levels(log_hr) => {
                let _ = write!(s, "by level:");
                for (i, beta) in log_hr.iter().enumerate() {
                    let name = levels.and_then(|l| l.get(i).copied());
                    let _ = match name {
                        Some(name) => write!(s, " {name} {beta:+}"),
                        None => write!(s, " {i} {beta:+}"),
                    };
                    if i + 1 < log_hr.len() {
                        s.push(',');
                    }
                }
                Ok(())
            }
        };
        s
    }
}

/// One side of a planted interaction: turns a marker value into a factor.
#[derive(Clone, Copy, Debug, PartialEq)]
#[expect(dead_code, reason = "the pan-cancer preset uses every gate")]
pub(crate) enum Gate {
    /// 1 if the value equals this level code (binary 1.0 = present), else 0.
    Is(f32),
    /// 1 if the value is at least this level code, else 0.
    AtLeast(f32),
    /// 1 if the value is above `cut`, else 0.
    Above(f32),
    /// `log2(x / reference)` above the reference, else 0.
    LogAbove(f32),
}

impl Gate {
    #[inline]
    pub(crate) fn eval(self, x: f32) -> f32 {
        match self {
            Gate::Is(level) => f32::from(x == level),
            Gate::AtLeast(level) => f32::from(x >= level),
            Gate::Above(cut) => f32::from(x > cut),
            Gate::LogAbove(reference) => {
                if x > reference {
                    libm::log2f(x / reference)
                } else {
                    0.0
                }
            }
        }
    }

    pub(crate) fn describe(self, id: &str, unit: &str) -> String {
        match self {
            Gate::Is(level) => format!("[{id} = {level}]"),
            Gate::AtLeast(level) => format!("[{id} >= {level}]"),
            Gate::Above(cut) => format!("[{id} > {cut} {unit}]"),
            Gate::LogAbove(reference) => format!("log2({id} / {reference} {unit})+"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effects_vanish_at_their_reference() {
        // Exact: each effect is defined to be 0 at its neutral value.
        let cases = [
            (
                Effect::Linear {
                    reference: 60.0,
                    slope: 0.03,
                },
                60.0,
            ),
            (
                Effect::Hinge {
                    knot: 35.0,
                    slope_below: 0.06,
                    slope_above: 0.0,
                },
                35.0,
            ),
            (
                Effect::Above {
                    cut: 250.0,
                    delta: 0.4,
                },
                250.0,
            ),
            (
                Effect::Below {
                    cut: 35.0,
                    delta: 0.4,
                },
                35.0,
            ),
            (
                Effect::LogAbove {
                    reference: 5.0,
                    per_doubling: 0.15,
                },
                5.0,
            ),
            (
                Effect::UShape {
                    optimum: 24.0,
                    scale: 5.0,
                    coef: 0.3,
                    cap: 1.0,
                },
                24.0,
            ),
            (Effect::Levels(&[0.0, 0.4]), 0.0),
        ];
        for (effect, x) in cases {
            assert_eq!(effect.eval(x), 0.0, "{effect:?}");
        }
    }

    #[test]
    fn log_above_adds_per_doubling() {
        let effect = Effect::LogAbove {
            reference: 5.0,
            per_doubling: 0.15,
        };
        // Analytic: 20 = 5 * 2^2, two doublings; f32 tolerance 1e-6.
        assert!((effect.eval(20.0) - 0.30).abs() < 1e-6);
    }

    #[test]
    fn u_shape_is_capped_and_symmetric() {
        let effect = Effect::UShape {
            optimum: 24.0,
            scale: 5.0,
            coef: 0.3,
            cap: 1.0,
        };
        // Analytic: one scale away gives coef; far away gives cap; tolerance 1e-6.
        assert!((effect.eval(19.0) - 0.3).abs() < 1e-6);
        assert!((effect.eval(29.0) - 0.3).abs() < 1e-6);
        assert_eq!(effect.eval(60.0), 1.0);
    }
}
