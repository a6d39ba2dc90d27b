//! Rank statistics shared by the views and the fidelity figures: orderings, Spearman's
//! correlation, top-k recovery, and order statistics of a matrix's columns read in chunks
//! of rows. (Quantiles: [`survlens_model::quantile_sorted`].)

use std::ops::Range;

/// Indices by decreasing value, ties by index (NaN last).
pub fn ranking(values: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |v: f64| if v.is_nan() { f64::NEG_INFINITY } else { v };
        key(values[b]).total_cmp(&key(values[a])).then(a.cmp(&b))
    });
    order
}

/// Ranks from 1 in increasing order, tied values sharing the mean of their ranks (the
/// ranks of Spearman's correlation, scipy's `rankdata(method="average")`).
pub fn average_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start..end (0-based) share the mean of ranks start+1..=end.
        let rank = (start + end + 1) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = rank;
        }
        start = end;
    }
    ranks
}

/// Spearman's rank correlation: Pearson's correlation of the average ranks. `None` for
/// fewer than two pairs, different lengths, or a constant vector.
pub fn spearman(a: &[f64], b: &[f64]) -> Option<f64> {
    if a.len() != b.len() || a.len() < 2 {
        return None;
    }
    let (ra, rb) = (average_ranks(a), average_ranks(b));
    let n = a.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let (mut cov, mut va, mut vb) = (0.0, 0.0, 0.0);
    for (x, y) in ra.iter().zip(&rb) {
        cov += (x - ma) * (y - mb);
        va += (x - ma) * (x - ma);
        vb += (y - mb) * (y - mb);
    }
    (va > 0.0 && vb > 0.0).then(|| cov / (va * vb).sqrt())
}

/// How many of the `k` largest `truth` entries are among the `k` largest `model` entries.
pub fn top_k_recovery(truth: &[f64], model: &[f64], k: usize) -> usize {
    let k = k.min(truth.len()).min(model.len());
    let model_top = &ranking(model)[..k];
    ranking(truth)[..k]
        .iter()
        .filter(|j| model_top.contains(j))
        .count()
}

/// Radix digits of [`column_order_statistics`]: the 32 bits of a value's order key, in
/// three passes, most significant first (12 + 12 + 8 bits: 4,096 counters per column and
/// rank at most).
const RADIX_DIGITS: [u32; 3] = [12, 12, 8];

/// A key whose unsigned order is [`f32::total_cmp`]'s order of the values.
fn order_key(v: f32) -> u32 {
    let bits = v.to_bits();
    if bits & 0x8000_0000 == 0 {
        bits | 0x8000_0000
    } else {
        !bits
    }
}

/// The value of an [`order_key`].
fn from_order_key(key: u32) -> f32 {
    f32::from_bits(if key & 0x8000_0000 == 0 {
        !key
    } else {
        key & 0x7fff_ffff
    })
}

/// The order statistics `ranks` (0-based, in [`f32::total_cmp`]'s order) of every column
/// of an `n x p` row-major matrix that is never held whole: `rows(range)` gives the rows
/// `range`, `range.len() x p`, and is called for consecutive chunks of at most `chunk` rows,
/// three times over (a most-significant-digit radix selection on the values' order keys).
/// Exact: the same values a sort of each column would give, with `4 x p x ranks x 4,096`
/// bytes of counters beside one chunk. Returns `out[c][r]`, the `ranks[r]`-th value of
/// column `c`; ranks at or beyond `n` are dropped from the answer (so every column's is
/// empty when `n = 0`).
///
/// # Errors
/// The first error of `rows`; a chunk of another shape than `range.len() x p` is reported
/// as the error `shape(expected values, found values)` makes.
pub fn column_order_statistics<E>(
    n: usize,
    p: usize,
    ranks: &[usize],
    chunk: usize,
    mut rows: impl FnMut(Range<usize>) -> Result<Vec<f32>, E>,
    shape: impl Fn(usize, usize) -> E,
) -> Result<Vec<Vec<f32>>, E> {
    let ranks: Vec<usize> = ranks.iter().copied().filter(|&r| r < n).collect();
    let k = ranks.len();
    // Per column and rank: the key's digits found so far and the rank left among the
    // values that share them.
    let mut prefix = vec![0u32; p * k];
    let mut left: Vec<usize> = (0..p).flat_map(|_| ranks.iter().copied()).collect();
    let mut done_bits = 0u32;
    for &digit in &RADIX_DIGITS {
        let bins = 1usize << digit;
        let mut counts = vec![0u32; p * k * bins];
        let shift = 32 - done_bits - digit;
        let mut start = 0;
        while start < n {
            let end = (start + chunk.max(1)).min(n);
            let block = rows(start..end)?;
            if block.len() != (end - start) * p {
                return Err(shape((end - start) * p, block.len()));
            }
            for row in block.chunks_exact(p.max(1)) {
                for (c, &v) in row.iter().enumerate() {
                    let key = order_key(v);
                    // The digits above this pass's must match the rank's prefix.
                    let high = if done_bits == 0 {
                        0
                    } else {
                        key >> (32 - done_bits)
                    };
                    let bin = ((key >> shift) as usize) & (bins - 1);
                    for r in 0..k {
                        if high == prefix[c * k + r] {
                            counts[(c * k + r) * bins + bin] += 1;
                        }
                    }
                }
            }
            start = end;
        }
        for slot in 0..p * k {
            let histogram = &counts[slot * bins..(slot + 1) * bins];
            let mut below = 0usize;
            for (bin, &count) in histogram.iter().enumerate() {
                let count = count as usize;
                if left[slot] < below + count {
                    prefix[slot] = (prefix[slot] << digit) | bin as u32;
                    left[slot] -= below;
                    break;
                }
                below += count;
            }
        }
        done_bits += digit;
    }
    Ok((0..p)
        .map(|c| (0..k).map(|r| from_order_key(prefix[c * k + r])).collect())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// The reference: each column sorted by `total_cmp`.
    fn sorted_columns(x: &[f32], n: usize, p: usize) -> Vec<Vec<f32>> {
        (0..p)
            .map(|c| {
                let mut col: Vec<f32> = (0..n).map(|i| x[i * p + c]).collect();
                col.sort_by(f32::total_cmp);
                col
            })
            .collect()
    }

    fn selected(x: &[f32], n: usize, p: usize, ranks: &[usize], chunk: usize) -> Vec<Vec<f32>> {
        let mut calls = 0;
        let out = column_order_statistics(
            n,
            p,
            ranks,
            chunk,
            |range| {
                calls += 1;
                Ok::<_, (usize, usize)>(x[range.start * p..range.end * p].to_vec())
            },
            |expected, found| (expected, found),
        );
        // Three passes over the chunks, whatever the values.
        assert_eq!(calls, 3 * n.div_ceil(chunk));
        out.expect("in shape")
    }

    #[test]
    fn order_keys_sort_as_total_cmp() {
        let mut values = vec![
            f32::NEG_INFINITY,
            -3.5,
            -f32::MIN_POSITIVE,
            -0.0,
            0.0,
            f32::MIN_POSITIVE,
            1.0,
            1.0 + f32::EPSILON,
            f32::MAX,
            f32::INFINITY,
        ];
        let keys: Vec<u32> = values.iter().map(|&v| order_key(v)).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
        for &v in &values {
            assert_eq!(from_order_key(order_key(v)).to_bits(), v.to_bits());
        }
        values.reverse();
        values.sort_by_key(|&v| order_key(v));
        assert!(values.windows(2).all(|w| w[0].total_cmp(&w[1]).is_lt()));
    }

    #[test]
    fn column_order_statistics_are_those_of_a_sort() {
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        let (n, p) = (1_003, 7);
        let x: Vec<f32> = (0..n * p)
            .map(|k| match k % p {
                // Continuous, heavy ties, one-hot, constant, negative and signed zeros,
                // values one ulp apart, and a wide range.
                0 => rng.random::<f32>() * 10.0 - 5.0,
                1 => (rng.random::<f32>() * 4.0).floor(),
                2 => f32::from(u8::from(rng.random::<f32>() < 0.3)),
                3 => 0.25,
                4 => {
                    if rng.random::<bool>() {
                        -0.0
                    } else {
                        0.0
                    }
                }
                5 => 1.0 + f32::EPSILON * (rng.random::<f32>() * 4.0).floor(),
                _ => (rng.random::<f32>() * 60.0 - 30.0).exp2(),
            })
            .collect();
        let sorted = sorted_columns(&x, n, p);
        let ranks = [0, 1, (n - 1) / 2, n / 2, n - 2, n - 1];
        for chunk in [1, 64, 1_000, 5_000] {
            let got = selected(&x, n, p, &ranks, chunk);
            for c in 0..p {
                for (r, &rank) in ranks.iter().enumerate() {
                    assert_eq!(
                        got[c][r].to_bits(),
                        sorted[c][rank].to_bits(),
                        "column {c}, rank {rank}, chunk {chunk}"
                    );
                }
            }
        }
    }

    #[test]
    fn ranks_beyond_the_rows_are_dropped_and_a_misshapen_chunk_is_an_error() {
        let x = [3.0f32, 1.0, 2.0];
        assert_eq!(selected(&x, 3, 1, &[1, 3, 7], 2), vec![vec![2.0]]);
        assert_eq!(selected(&[], 0, 2, &[0], 4), vec![Vec::<f32>::new(); 2]);
        let short = column_order_statistics(
            3,
            1,
            &[0],
            2,
            |range| Ok(vec![0.0; range.len().saturating_sub(1)]),
            |expected, found| (expected, found),
        );
        assert_eq!(short, Err((2, 1)));
    }
}
