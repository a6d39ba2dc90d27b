//! LRP rules as the user names them ([`LrpRule`]), their checked form ([`CheckedRule`]) and
//! the assignment of rules to layers ([`Composite`]).
//!
//! A rule's parameters are validated once, when it is checked; the propagation code only
//! ever sees a [`CheckedRule`], so it never has to ask whether `eps` is positive.

use serde::{Deserialize, Serialize};

use crate::XaiError;

/// The study's gamma: weight given to the same-signed parts of the weights. Keyl et al.
/// (Nature Cancer 2025, Methods, and the authors' published code) explain every dense layer
/// with a sign-aware gamma rule at `gamma = 0.01`, the generalised gamma rule of Andeol et
/// al. (2021).
pub const PAPER_GAMMA: f32 = 0.01;
/// The study's stabiliser `eps = 1e-5`, added with the sign of the denominator (or as is
/// where the denominator is zero) to every denominator of its gamma rule (Keyl et al.,
/// Nature Cancer 2025, the authors' published code).
pub const PAPER_EPS: f32 = 1e-5;
/// zennit 0.5.1's default stabiliser for `Gamma`, `ZPlus`, `AlphaBeta`, `Flat`, `WSquare`.
pub const ZENNIT_STABILIZER: f32 = 1e-6;

/// Largest tolerated `|alpha - beta - 1|`: the constraint is exact in zennit, but `f32`
/// parameters such as `alpha = 1.1, beta = 0.1` cannot meet it exactly.
const ALPHA_BETA_TOLERANCE: f32 = 1e-6;

/// A propagation rule for one dense layer, with its parameters as the user gave them.
///
/// Every rule but [`LrpRule::PaperGamma`] follows zennit 0.5.1 (`zennit.rules`) on a
/// `torch.nn.Linear`, including how it treats the bias; the crate documentation gives the
/// formulas. Check a rule with [`LrpRule::check`] before use.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum LrpRule {
    /// The study's sign-aware generalised gamma rule with `gamma = 0.01` and stabiliser
    /// `eps = 1e-5` ([`PAPER_GAMMA`], [`PAPER_EPS`]), bias in the `z++` and `z+-` paths.
    PaperGamma,
    /// zennit `Epsilon(epsilon=eps)`: `R_i = a_i sum_j w_ji R_j / stab(z_j)`, bias included.
    Epsilon {
        /// Stabiliser added to `z_j` with `z_j`'s sign; must be finite and `> 0`.
        eps: f32,
    },
    /// zennit `Gamma(gamma, stabilizer)`: the generalised gamma rule (Andeol et al. 2021).
    Gamma {
        /// Weight of the same-signed weight parts; finite, `>= 0`.
        gamma: f32,
        /// Stabiliser of the denominators; finite, `> 0`.
        stabilizer: f32,
    },
    /// zennit `ZPlus(stabilizer)`: only positive contributions `w+ a+`, `w- a-` and `b+`.
    ZPlus {
        /// Stabiliser of the denominator; finite, `> 0`.
        stabilizer: f32,
    },
    /// zennit `AlphaBeta(alpha, beta, stabilizer)`: positive contributions weighted by
    /// `alpha`, negative ones by `beta`, `alpha - beta = 1`.
    AlphaBeta {
        /// Weight of the positive part; finite, `>= 0`.
        alpha: f32,
        /// Weight of the negative part; finite, `>= 0`, `alpha - beta = 1`.
        beta: f32,
        /// Stabiliser of both denominators; finite, `> 0`.
        stabilizer: f32,
    },
    /// zennit `Flat(stabilizer)`: relevance spread evenly over all inputs (first layer only).
    Flat {
        /// Stabiliser of the denominator; finite, `> 0`.
        stabilizer: f32,
    },
    /// zennit `WSquare(stabilizer)`: relevance spread in proportion to `w_ji^2` (first
    /// layer only). As in zennit the bias is squared and kept in the denominator.
    WSquare {
        /// Stabiliser of the denominator; finite, `> 0`.
        stabilizer: f32,
    },
}

impl LrpRule {
    /// zennit `Epsilon(epsilon=eps)`.
    pub fn epsilon(eps: f32) -> Self {
        Self::Epsilon { eps }
    }

    /// zennit `Gamma(gamma=gamma)` with zennit's default stabiliser `1e-6`.
    pub fn gamma(gamma: f32) -> Self {
        Self::Gamma {
            gamma,
            stabilizer: ZENNIT_STABILIZER,
        }
    }

    /// zennit `ZPlus()` with the default stabiliser `1e-6`.
    pub fn zplus() -> Self {
        Self::ZPlus {
            stabilizer: ZENNIT_STABILIZER,
        }
    }

    /// zennit `AlphaBeta(alpha, beta)` with the default stabiliser `1e-6`.
    pub fn alpha_beta(alpha: f32, beta: f32) -> Self {
        Self::AlphaBeta {
            alpha,
            beta,
            stabilizer: ZENNIT_STABILIZER,
        }
    }

    /// zennit `Flat()` with the default stabiliser `1e-6`.
    pub fn flat() -> Self {
        Self::Flat {
            stabilizer: ZENNIT_STABILIZER,
        }
    }

    /// zennit `WSquare()` with the default stabiliser `1e-6`.
    pub fn w_square() -> Self {
        Self::WSquare {
            stabilizer: ZENNIT_STABILIZER,
        }
    }

    /// The rule's name as the command line spells it.
    pub fn name(&self) -> &'static str {
        match self {
            Self::PaperGamma => "paper-gamma",
            Self::Epsilon { .. } => "epsilon",
            Self::Gamma { .. } => "gamma",
            Self::ZPlus { .. } => "zplus",
            Self::AlphaBeta { .. } => "alpha-beta",
            Self::Flat { .. } => "flat",
            Self::WSquare { .. } => "w-square",
        }
    }

    /// Whether the rule ignores the layer's input values, which only makes sense for the
    /// input layer: behind a ReLU it would hand relevance to units that were switched off.
    pub fn is_first_layer_only(&self) -> bool {
        matches!(self, Self::Flat { .. } | Self::WSquare { .. })
    }

    /// Validates the parameters.
    ///
    /// # Errors
    /// [`XaiError::InvalidParameter`] naming the rule, the parameter and its value when a
    /// stabiliser is not finite and positive, `gamma` is negative or not finite, or
    /// `alpha`, `beta` are negative, not finite, or `alpha - beta != 1`.
    pub fn check(self) -> Result<CheckedRule, XaiError> {
        let rule = self.name();
        let kind = match self {
            Self::PaperGamma => RuleKind::Gamma {
                gamma: PAPER_GAMMA,
                stabilizer: PAPER_EPS,
            },
            Self::Epsilon { eps } => RuleKind::Epsilon {
                eps: positive(rule, "eps", eps)?,
            },
            Self::Gamma { gamma, stabilizer } => RuleKind::Gamma {
                gamma: non_negative(rule, "gamma", gamma)?,
                stabilizer: positive(rule, "stabilizer", stabilizer)?,
            },
            Self::ZPlus { stabilizer } => RuleKind::ZPlus {
                stabilizer: positive(rule, "stabilizer", stabilizer)?,
            },
            Self::AlphaBeta {
                alpha,
                beta,
                stabilizer,
            } => {
                let alpha = non_negative(rule, "alpha", alpha)?;
                let beta = non_negative(rule, "beta", beta)?;
                if (alpha - beta - 1.0).abs() > ALPHA_BETA_TOLERANCE {
                    return Err(XaiError::InvalidParameter {
                        rule,
                        parameter: "alpha - beta",
                        value: alpha - beta,
                        requirement: "1",
                    });
                }
                RuleKind::AlphaBeta {
                    alpha,
                    beta,
                    stabilizer: positive(rule, "stabilizer", stabilizer)?,
                }
            }
            Self::Flat { stabilizer } => RuleKind::Flat {
                stabilizer: positive(rule, "stabilizer", stabilizer)?,
            },
            Self::WSquare { stabilizer } => RuleKind::WSquare {
                stabilizer: positive(rule, "stabilizer", stabilizer)?,
            },
        };
        Ok(CheckedRule { rule: self, kind })
    }
}

fn positive(rule: &'static str, parameter: &'static str, value: f32) -> Result<f32, XaiError> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(XaiError::InvalidParameter {
            rule,
            parameter,
            value,
            requirement: "finite and > 0",
        })
    }
}

fn non_negative(rule: &'static str, parameter: &'static str, value: f32) -> Result<f32, XaiError> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(XaiError::InvalidParameter {
            rule,
            parameter,
            value,
            requirement: "finite and >= 0",
        })
    }
}

/// A rule whose parameters passed [`LrpRule::check`]; the only form the propagation
/// accepts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CheckedRule {
    rule: LrpRule,
    pub(crate) kind: RuleKind,
}

impl CheckedRule {
    /// The rule as it was given.
    pub fn rule(&self) -> LrpRule {
        self.rule
    }
}

/// The propagation kernels. [`LrpRule::PaperGamma`] is the generalised gamma kernel with the
/// study's constants: the study's `LRP_Linear.relprop` and zennit's `Gamma` compute the same
/// four paths with the same bias placement, masks and stabiliser form.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum RuleKind {
    Epsilon {
        eps: f32,
    },
    Gamma {
        gamma: f32,
        stabilizer: f32,
    },
    ZPlus {
        stabilizer: f32,
    },
    AlphaBeta {
        alpha: f32,
        beta: f32,
        stabilizer: f32,
    },
    Flat {
        stabilizer: f32,
    },
    WSquare {
        stabilizer: f32,
    },
}

/// Which rule explains which dense layer.
///
/// # Examples
/// ```
/// use survlens_xai::{Composite, LrpRule};
/// // zennit's `EpsilonPlusFlat` idea for a dense network: flat on the inputs, epsilon above.
/// let composite = Composite::first_layer(LrpRule::flat(), LrpRule::epsilon(1e-6));
/// assert!(composite.resolve(3).is_ok());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Composite {
    /// One rule for every layer.
    Uniform {
        /// The rule.
        rule: LrpRule,
    },
    /// One rule for the input layer, another for every layer above it.
    FirstLayer {
        /// Rule of layer 0 (the input layer).
        first: LrpRule,
        /// Rule of every other layer.
        rest: LrpRule,
    },
    /// One rule per layer, input side first.
    PerLayer {
        /// The rules; as many as the network has layers.
        rules: Vec<LrpRule>,
    },
}

impl Composite {
    /// The study's explanation: [`LrpRule::PaperGamma`] on every layer.
    pub fn paper() -> Self {
        Self::uniform(LrpRule::PaperGamma)
    }

    /// `rule` on every layer.
    pub fn uniform(rule: LrpRule) -> Self {
        Self::Uniform { rule }
    }

    /// `first` on the input layer, `rest` on every other layer.
    pub fn first_layer(first: LrpRule, rest: LrpRule) -> Self {
        Self::FirstLayer { first, rest }
    }

    /// One rule per layer, input side first.
    pub fn per_layer(rules: Vec<LrpRule>) -> Self {
        Self::PerLayer { rules }
    }

    /// The checked rule of every layer of a network with `n_layers` dense layers.
    ///
    /// # Errors
    /// [`XaiError::CompositeDepth`] when a per-layer composite has the wrong length,
    /// [`XaiError::FirstLayerOnly`] when `Flat` or `WSquare` sits above the input layer,
    /// and the errors of [`LrpRule::check`].
    pub fn resolve(&self, n_layers: usize) -> Result<Vec<CheckedRule>, XaiError> {
        let rules: Vec<LrpRule> = match self {
            Self::Uniform { rule } => vec![*rule; n_layers],
            Self::FirstLayer { first, rest } => (0..n_layers)
                .map(|l| if l == 0 { *first } else { *rest })
                .collect(),
            Self::PerLayer { rules } => {
                if rules.len() != n_layers {
                    return Err(XaiError::CompositeDepth {
                        rules: rules.len(),
                        layers: n_layers,
                    });
                }
                rules.clone()
            }
        };
        rules
            .into_iter()
            .enumerate()
            .map(|(layer, rule)| {
                if layer > 0 && rule.is_first_layer_only() {
                    return Err(XaiError::FirstLayerOnly {
                        rule: rule.name(),
                        layer,
                    });
                }
                rule.check()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_parameters_pass() {
        for rule in [
            LrpRule::PaperGamma,
            LrpRule::epsilon(1e-6),
            LrpRule::gamma(0.0),
            LrpRule::gamma(0.25),
            LrpRule::zplus(),
            LrpRule::alpha_beta(1.0, 0.0),
            LrpRule::alpha_beta(2.0, 1.0),
            LrpRule::flat(),
            LrpRule::w_square(),
        ] {
            assert_eq!(rule.check().map(|c| c.rule()), Ok(rule));
        }
    }

    #[test]
    fn paper_gamma_carries_the_study_constants() {
        let checked = LrpRule::PaperGamma.check().unwrap();
        assert_eq!(
            checked.kind,
            RuleKind::Gamma {
                gamma: 0.01,
                stabilizer: 1e-5
            }
        );
    }

    fn refused(rule: LrpRule, parameter: &str) {
        match rule.check() {
            Err(XaiError::InvalidParameter { parameter: p, .. }) => assert_eq!(p, parameter),
            other => panic!("{rule:?} should be refused for {parameter}, got {other:?}"),
        }
    }

    #[test]
    fn invalid_parameters_are_refused_by_name() {
        refused(LrpRule::epsilon(0.0), "eps");
        refused(LrpRule::epsilon(-1e-3), "eps");
        refused(LrpRule::epsilon(f32::NAN), "eps");
        refused(LrpRule::gamma(-0.1), "gamma");
        refused(LrpRule::gamma(f32::INFINITY), "gamma");
        refused(
            LrpRule::Gamma {
                gamma: 0.1,
                stabilizer: 0.0,
            },
            "stabilizer",
        );
        refused(LrpRule::alpha_beta(2.0, 0.0), "alpha - beta");
        refused(LrpRule::alpha_beta(0.5, -0.5), "beta");
        refused(LrpRule::ZPlus { stabilizer: -1.0 }, "stabilizer");
        refused(LrpRule::Flat { stabilizer: 0.0 }, "stabilizer");
        refused(
            LrpRule::WSquare {
                stabilizer: f32::NAN,
            },
            "stabilizer",
        );
    }

    #[test]
    fn error_message_names_rule_and_value() {
        let msg = LrpRule::gamma(-0.5).check().unwrap_err().to_string();
        assert_eq!(
            msg,
            "gamma rule: gamma must be finite and >= 0, but is -0.5"
        );
    }

    #[test]
    fn composites_resolve_per_layer() {
        let c = Composite::first_layer(LrpRule::flat(), LrpRule::epsilon(1e-6));
        let rules: Vec<_> = c.resolve(3).unwrap().iter().map(|r| r.rule()).collect();
        assert_eq!(
            rules,
            vec![
                LrpRule::flat(),
                LrpRule::epsilon(1e-6),
                LrpRule::epsilon(1e-6)
            ]
        );
        assert_eq!(
            Composite::per_layer(vec![LrpRule::zplus()]).resolve(2),
            Err(XaiError::CompositeDepth {
                rules: 1,
                layers: 2
            })
        );
        assert_eq!(
            Composite::uniform(LrpRule::w_square()).resolve(2),
            Err(XaiError::FirstLayerOnly {
                rule: "w-square",
                layer: 1
            })
        );
    }
}
