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

/// A chunk of rows of another shape than the one asked for: `expected` values, `found`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkShape {
    /// Values the chunk should hold (`rows x columns`).
    pub expected: usize,
    /// Values it holds.
    pub found: usize,
}

/// The order statistics of every column of an `n x p` row-major matrix that is never held
/// whole, taken a chunk of rows at a time: a most-significant-digit radix selection on the
/// values' order keys ([`f32::total_cmp`]'s order), three passes over the rows. A caller
/// feeds it the rows [`ColumnSelection::wants`] names until it wants none, and may stop
/// between any two chunks (the job's worker answers the page between them).
///
/// Exact: the same values a sort of each column would give, with `4 x p x ranks x 4,096`
/// bytes of counters beside one chunk.
#[derive(Clone, Debug)]
pub struct ColumnSelection {
    n: usize,
    p: usize,
    chunk: usize,
    /// The ranks asked for that exist (below `n`).
    k: usize,
    /// Per column and rank: the key's digits found so far...
    prefix: Vec<u32>,
    /// ...and the rank left among the values that share them.
    left: Vec<usize>,
    /// The pass under way (`RADIX_DIGITS.len()` once done), its key bits already found and
    /// its counters.
    pass: usize,
    done_bits: u32,
    counts: Vec<u32>,
    /// The first row of the next chunk.
    next: usize,
}

impl ColumnSelection {
    /// The selection of the order statistics `ranks` (0-based) of every column of an
    /// `n x p` matrix read `chunk` rows at a time. Ranks at or beyond `n` are dropped from the
    /// answer (so every column's is empty when `n = 0`).
    pub fn new(n: usize, p: usize, ranks: &[usize], chunk: usize) -> Self {
        let ranks: Vec<usize> = ranks.iter().copied().filter(|&r| r < n).collect();
        let k = ranks.len();
        let mut selection = Self {
            n,
            p,
            chunk: chunk.max(1),
            k,
            prefix: vec![0; p * k],
            left: (0..p).flat_map(|_| ranks.iter().copied()).collect(),
            pass: 0,
            done_bits: 0,
            counts: Vec::new(),
            next: 0,
        };
        selection.start_pass();
        selection
    }

    /// The pass under way, from 0 (three in all); every row is read once in each.
    pub fn pass(&self) -> usize {
        self.pass
    }

    /// The rows to feed next, or `None` once the selection is done.
    pub fn wants(&self) -> Option<Range<usize>> {
        (self.pass < RADIX_DIGITS.len()).then(|| self.next..(self.next + self.chunk).min(self.n))
    }

    /// Share of the reading done, in `[0, 1]`.
    pub fn fraction(&self) -> f64 {
        let passes = RADIX_DIGITS.len();
        if self.pass >= passes || self.n == 0 {
            return 1.0;
        }
        (self.pass as f64 + self.next as f64 / self.n as f64) / passes as f64
    }

    /// Takes in the rows [`ColumnSelection::wants`] named, `rows x p` row-major.
    ///
    /// # Errors
    /// [`ChunkShape`] when `block` holds another number of values; nothing is taken in.
    pub fn feed(&mut self, block: &[f32]) -> Result<(), ChunkShape> {
        let Some(range) = self.wants() else {
            return Ok(());
        };
        let expected = range.len() * self.p;
        if block.len() != expected {
            return Err(ChunkShape {
                expected,
                found: block.len(),
            });
        }
        let (p, k) = (self.p, self.k);
        let digit = RADIX_DIGITS[self.pass];
        let bins = 1usize << digit;
        let shift = 32 - self.done_bits - digit;
        for row in block.chunks_exact(p.max(1)) {
            for (c, &v) in row.iter().enumerate() {
                let key = order_key(v);
                // The digits above this pass's must match the rank's prefix.
                let high = if self.done_bits == 0 {
                    0
                } else {
                    key >> (32 - self.done_bits)
                };
                let bin = ((key >> shift) as usize) & (bins - 1);
                for r in 0..k {
                    if high == self.prefix[c * k + r] {
                        self.counts[(c * k + r) * bins + bin] += 1;
                    }
                }
            }
        }
        self.next = range.end;
        if self.next >= self.n {
            self.end_pass();
        }
        Ok(())
    }

    /// Each column's order statistics, `out[c][r]` the `r`-th rank's of column `c`, once
    /// the selection is done; `None` before.
    pub fn result(&self) -> Option<Vec<Vec<f32>>> {
        let k = self.k;
        (self.pass >= RADIX_DIGITS.len()).then(|| {
            (0..self.p)
                .map(|c| {
                    (0..k)
                        .map(|r| from_order_key(self.prefix[c * k + r]))
                        .collect()
                })
                .collect()
        })
    }

    fn start_pass(&mut self) {
        self.next = 0;
        self.counts = match RADIX_DIGITS.get(self.pass) {
            Some(&digit) => vec![0; self.p * self.k * (1 << digit)],
            None => Vec::new(),
        };
        // No row to read: every pass is over at once.
        if self.n == 0 && self.pass < RADIX_DIGITS.len() {
            self.end_pass();
        }
    }

    fn end_pass(&mut self) {
        let digit = RADIX_DIGITS[self.pass];
        let bins = 1usize << digit;
        for slot in 0..self.p * self.k {
            let histogram = &self.counts[slot * bins..(slot + 1) * bins];
            let mut below = 0usize;
            for (bin, &count) in histogram.iter().enumerate() {
                let count = count as usize;
                if self.left[slot] < below + count {
                    self.prefix[slot] = (self.prefix[slot] << digit) | bin as u32;
                    self.left[slot] -= below;
                    break;
                }
                below += count;
            }
        }
        self.done_bits += digit;
        self.pass += 1;
        self.start_pass();
    }
}

/// The order statistics `ranks` (0-based, in [`f32::total_cmp`]'s order) of every column
/// of an `n x p` row-major matrix that is never held whole ([`ColumnSelection`] run to its
/// end): `rows(range)` gives the rows `range`, `range.len() x p`, and is called for
/// consecutive chunks of at most `chunk` rows, three times over. Returns `out[c][r]`, the
/// `ranks[r]`-th value of column `c`; ranks at or beyond `n` are dropped from the answer
/// (so every column's is empty when `n = 0`).
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
    let mut selection = ColumnSelection::new(n, p, ranks, chunk);
    while let Some(range) = selection.wants() {
        let block = rows(range)?;
        selection
            .feed(&block)
            .map_err(|e| shape(e.expected, e.found))?;
    }
    Ok(selection.result().unwrap_or_default())
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

    #[test]
    fn a_selection_fed_chunk_by_chunk_refuses_a_misshapen_chunk_and_takes_the_right_one_after() {
        let (n, p) = (10, 2);
        let x: Vec<f32> = (0..n * p).map(|k| ((k * 7) % 11) as f32).collect();
        let mut selection = ColumnSelection::new(n, p, &[4], 4);
        let mut passes = Vec::new();
        let mut fractions = vec![selection.fraction()];
        while let Some(range) = selection.wants() {
            assert_eq!(selection.result(), None);
            passes.push(selection.pass());
            let rows = &x[range.start * p..range.end * p];
            // A chunk one value short is refused and changes nothing.
            assert_eq!(
                selection.feed(&rows[1..]),
                Err(ChunkShape {
                    expected: rows.len(),
                    found: rows.len() - 1
                })
            );
            assert_eq!(selection.wants(), Some(range));
            selection.feed(rows).expect("in shape");
            fractions.push(selection.fraction());
        }
        // Three passes over three chunks (4 + 4 + 2 rows), the share read rising to 1.
        assert_eq!(passes, [0, 0, 0, 1, 1, 1, 2, 2, 2]);
        assert!(fractions.windows(2).all(|w| w[0] < w[1]), "{fractions:?}");
        assert_eq!(fractions.last(), Some(&1.0));
        let sorted = sorted_columns(&x, n, p);
        assert_eq!(
            selection.result(),
            Some(vec![vec![sorted[0][4]], vec![sorted[1][4]]])
        );
        // Fed after its end, it keeps its answer.
        selection.feed(&[1.0]).expect("nothing more wanted");
        assert_eq!(selection.wants(), None);
    }
}
