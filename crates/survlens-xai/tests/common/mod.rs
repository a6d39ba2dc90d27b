//! Shared test helpers: the reference fixtures of trusted libraries, random networks and a
//! direct, unoptimised transcription of every
//! LRP rule in `f64`, written from the formulas (modified weight matrices built explicitly,
//! one path at a time), to check the optimised propagation against.
#![allow(dead_code, clippy::unwrap_used, clippy::panic)]
// Index loops on purpose: the transcription reads like the formulas it checks against.
#![allow(clippy::needless_range_loop)]

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use survlens_model::{CoxNet, Dense};
use survlens_xai::LrpRule;

/// A network of the given widths (input first, last must be 1) with uniform weights in
/// `[-scale, scale]` and biases in `[-bias, bias]`.
pub fn random_net(widths: &[usize], scale: f32, bias: f32, seed: u64) -> CoxNet {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let layers = widths
        .windows(2)
        .map(|w| {
            let weight = (0..w[0] * w[1])
                .map(|_| rng.random_range(-scale..=scale))
                .collect();
            let b = (0..w[1]).map(|_| rng.random_range(-bias..=bias)).collect();
            Dense::new(w[0], w[1], weight, b).unwrap()
        })
        .collect();
    CoxNet::new(layers).unwrap()
}

/// `n x d` uniform values in `[lo, hi]`.
pub fn random_inputs(n: usize, d: usize, lo: f32, hi: f32, seed: u64) -> Vec<f32> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..n * d).map(|_| rng.random_range(lo..=hi)).collect()
}

fn stab(z: f64, eps: f64) -> f64 {
    if z >= 0.0 { z + eps } else { z - eps }
}

/// One patient's relevances and the relevance absorbed by biases, by the direct formulas.
pub struct Direct {
    pub relevance: Vec<f64>,
    pub output: f64,
    pub bias_share: f64,
    /// The relevance passed between layers, summed in magnitude over every layer's
    /// outputs: the scale of what the `f32` propagation rounds, which a single
    /// cancelling sum (all of a zero input's relevance goes to biases) can hide.
    pub relevance_mass: f64,
}

/// Direct transcription of LRP with `rules[l]` on layer `l`, one patient, in `f64`.
pub fn direct_lrp(net: &CoxNet, rules: &[LrpRule], x: &[f32]) -> Direct {
    let layers = net.layers();
    let mut acts: Vec<Vec<f64>> = vec![x.iter().map(|&v| f64::from(v)).collect()];
    for (l, d) in layers.iter().enumerate() {
        let a = &acts[l];
        let mut z: Vec<f64> = (0..d.n_out())
            .map(|j| {
                f64::from(d.bias()[j])
                    + (0..d.n_in())
                        .map(|i| f64::from(d.weight()[j * d.n_in() + i]) * a[i])
                        .sum::<f64>()
            })
            .collect();
        if l + 1 < layers.len() {
            z.iter_mut().for_each(|v| *v = v.max(0.0));
        }
        acts.push(z);
    }
    let output = acts[layers.len()][0];
    let mut rel = vec![output];
    let mut bias_share = 0.0;
    let mut relevance_mass = 0.0;
    for (l, d) in layers.iter().enumerate().rev() {
        relevance_mass += rel.iter().map(|r| r.abs()).sum::<f64>();
        let (n_in, n_out) = (d.n_in(), d.n_out());
        let a = &acts[l];
        let w = |j: usize, i: usize| f64::from(d.weight()[j * n_in + i]);
        let b = |j: usize| f64::from(d.bias()[j]);
        // Output of a modified layer: sum_i mw(j, i) * ma(i) + mb(j).
        let lin = |mw: &dyn Fn(usize, usize) -> f64,
                   ma: &dyn Fn(usize) -> f64,
                   mb: &dyn Fn(usize) -> f64| {
            (0..n_out)
                .map(|j| mb(j) + (0..n_in).map(|i| mw(j, i) * ma(i)).sum::<f64>())
                .collect::<Vec<f64>>()
        };
        let ap = |i: usize| a[i].max(0.0);
        let am = |i: usize| a[i].min(0.0);
        let zero = |_: usize| 0.0;
        let mut r_in = vec![0.0; n_in];
        match rules[l] {
            LrpRule::Epsilon { eps } => {
                let eps = f64::from(eps);
                let z = lin(&w, &|i| a[i], &b);
                for j in 0..n_out {
                    let s = rel[j] / stab(z[j], eps);
                    bias_share += s * b(j);
                    for i in 0..n_in {
                        r_in[i] += a[i] * w(j, i) * s;
                    }
                }
            }
            LrpRule::PaperGamma | LrpRule::Gamma { .. } => {
                let (g, eps) = match rules[l] {
                    LrpRule::Gamma { gamma, stabilizer } => {
                        (f64::from(gamma), f64::from(stabilizer))
                    }
                    _ => (0.01, 1e-5),
                };
                let rho_p = |j: usize, i: usize| w(j, i) + g * w(j, i).max(0.0);
                let rho_m = |j: usize, i: usize| w(j, i) + g * w(j, i).min(0.0);
                let bp = |j: usize| b(j) + g * b(j).max(0.0);
                let bm = |j: usize| b(j) + g * b(j).min(0.0);
                let y = lin(&w, &|i| a[i], &b);
                let zpp = lin(&rho_p, &ap, &bp);
                let zmm = lin(&rho_m, &am, &zero);
                let zpm = lin(&rho_m, &ap, &bm);
                let zmp = lin(&rho_p, &am, &zero);
                for j in 0..n_out {
                    if y[j] > 0.0 {
                        let s = rel[j] / stab(zpp[j] + zmm[j], eps);
                        bias_share += s * bp(j);
                        for i in 0..n_in {
                            r_in[i] += ap(i) * rho_p(j, i) * s + am(i) * rho_m(j, i) * s;
                        }
                    } else if y[j] < 0.0 {
                        let s = rel[j] / stab(zpm[j] + zmp[j], eps);
                        bias_share += s * bm(j);
                        for i in 0..n_in {
                            r_in[i] += ap(i) * rho_m(j, i) * s + am(i) * rho_p(j, i) * s;
                        }
                    }
                }
            }
            LrpRule::ZPlus { stabilizer } => {
                let eps = f64::from(stabilizer);
                let wp = |j: usize, i: usize| w(j, i).max(0.0);
                let wm = |j: usize, i: usize| w(j, i).min(0.0);
                let z1 = lin(&wp, &ap, &|j| b(j).max(0.0));
                let z2 = lin(&wm, &am, &zero);
                for j in 0..n_out {
                    let s = rel[j] / stab(z1[j] + z2[j], eps);
                    bias_share += s * b(j).max(0.0);
                    for i in 0..n_in {
                        r_in[i] += ap(i) * wp(j, i) * s + am(i) * wm(j, i) * s;
                    }
                }
            }
            LrpRule::AlphaBeta {
                alpha,
                beta,
                stabilizer,
            } => {
                let (al, be, eps) = (f64::from(alpha), f64::from(beta), f64::from(stabilizer));
                let wp = |j: usize, i: usize| w(j, i).max(0.0);
                let wm = |j: usize, i: usize| w(j, i).min(0.0);
                let zp = lin(&wp, &ap, &|j| b(j).max(0.0));
                let zp2 = lin(&wm, &am, &zero);
                let zn = lin(&wm, &ap, &|j| b(j).min(0.0));
                let zn2 = lin(&wp, &am, &zero);
                for j in 0..n_out {
                    let sp = rel[j] / stab(zp[j] + zp2[j], eps);
                    let sn = rel[j] / stab(zn[j] + zn2[j], eps);
                    bias_share += al * sp * b(j).max(0.0) - be * sn * b(j).min(0.0);
                    for i in 0..n_in {
                        r_in[i] += al * (ap(i) * wp(j, i) + am(i) * wm(j, i)) * sp
                            - be * (ap(i) * wm(j, i) + am(i) * wp(j, i)) * sn;
                    }
                }
            }
            LrpRule::Flat { stabilizer } => {
                let eps = f64::from(stabilizer);
                let z = lin(&|_, _| 1.0, &|_| 1.0, &zero);
                for j in 0..n_out {
                    let s = rel[j] / stab(z[j], eps);
                    r_in.iter_mut().for_each(|r| *r += s);
                }
            }
            LrpRule::WSquare { stabilizer } => {
                let eps = f64::from(stabilizer);
                let w2 = |j: usize, i: usize| w(j, i) * w(j, i);
                let z = lin(&w2, &|_| 1.0, &|j| b(j) * b(j));
                for j in 0..n_out {
                    let s = rel[j] / stab(z[j], eps);
                    bias_share += s * b(j) * b(j);
                    for i in 0..n_in {
                        r_in[i] += w2(j, i) * s;
                    }
                }
            }
            other => panic!("no direct transcription for {other:?}"),
        }
        rel = r_in;
    }
    Direct {
        relevance: rel,
        output,
        bias_share,
        relevance_mass,
    }
}

/// The reference fixture `tests/fixtures/reference/<name>` (written by a script in
/// tools/references from a trusted library's results).
pub fn reference_fixture(name: &str) -> serde_json::Value {
    let path = format!(
        "{}/../../tests/fixtures/reference/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A JSON array of numbers.
pub fn floats(v: &serde_json::Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}
