//! Explainable boosting (after Lou, Caruana et al., "Accurate intelligible models with pairwise
//! interactions", KDD 2013, and InterpretML's EBM): an additive model with one shape function per
//! feature and a few pairwise interaction tables, so the score stays a sum of table lookups a
//! merchant can be told about, bin by bin.
//!
//! 1. Every feature is cut into fine bins ([`binning::fine`]).
//! 2. **Mains.** Cyclic gradient boosting of the logistic loss: one feature at a time, every
//!    bin takes a damped Newton step (`learning_rate × G / (H + l2)`); a feature declared
//!    monotone is projected back onto a monotone shape after every step (weighted
//!    pool-adjacent-violators, in the direction its bad rates show end to end). Each of `bags`
//!    bags draws its own validation split from the training rows and stops when the validation
//!    loss has not improved for `patience` rounds; the bags' shapes are averaged.
//! 3. **Pairs.** With the mains fixed, every pair of features is ranked by the Newton gain of
//!    a table over both (numeric sides coarsened to `pair_groups` groups of bins) beyond the gain
//!    of its two margins alone — the part only an interaction can explain (the FAST criterion's
//!    idea, with the full table instead of the best cut). The best `pairs` pairs with a positive
//!    gain are boosted the same way, with bagging and early stopping, and averaged. A pair with
//!    a monotone feature
//!    keeps that feature's total (its shape plus the table) monotone for every value of the
//!    other feature, so no interaction reverses a declared direction — unless the schema frees
//!    the feature in pairs (`free_in_pairs`: a direction that holds on average only).
//!
//! Deterministic: every split comes from `seed`; bags run in parallel but are combined in order.

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use prequal::scorecard::find_bin;

use crate::binning::{self, BinStats};
use crate::data::Table;
use crate::schema::FeatureSpec;

/// Settings of the learner (not learned from data).
#[derive(Debug, Clone)]
pub struct EbmOptions {
    /// Quantile bins a numeric feature starts from.
    pub max_bins: usize,
    /// Smallest share of rows a bin (or a category of its own) holds.
    pub min_bin_share: f64,
    /// Damping of every Newton step.
    pub learning_rate: f64,
    /// Added to each bin's hessian: shrinks bins with few rows towards no effect.
    pub l2: f64,
    /// Most boosting rounds per stage.
    pub max_rounds: usize,
    /// Rounds without a better validation loss before a bag stops.
    pub patience: usize,
    /// Bags (each with its own validation split); their tables are averaged.
    pub bags: usize,
    /// Share of the training rows each bag holds out for early stopping.
    pub validation: f64,
    /// Interaction tables to fit (0: an additive model only).
    pub pairs: usize,
    /// Groups a numeric side of a pair table is coarsened to.
    pub pair_groups: usize,
    /// Seed of every split.
    pub seed: u64,
}

impl Default for EbmOptions {
    fn default() -> Self {
        Self {
            max_bins: 32,
            min_bin_share: 0.005,
            learning_rate: 0.1,
            l2: 10.0,
            max_rounds: 2_000,
            patience: 40,
            bags: 8,
            validation: 0.15,
            pairs: 10,
            pair_groups: 32,
            seed: 20_261_130,
        }
    }
}

/// One fitted interaction table.
#[derive(Debug, Clone)]
pub struct PairTable {
    /// The two features, by position.
    pub features: [usize; 2],
    /// For each side, the group (row or column of `cells`) of each of the feature's bins.
    pub groups: [Vec<usize>; 2],
    /// Rows and columns.
    pub sizes: [usize; 2],
    /// Log-odds of bad added per cell, row-major.
    pub cells: Vec<f64>,
    /// The selection criterion's value on the training rows.
    pub gain: f64,
}

impl PairTable {
    /// The cell a row with these bins of the two features falls in.
    pub fn cell(&self, bin_a: usize, bin_b: usize) -> usize {
        self.groups[0][bin_a] * self.sizes[1] + self.groups[1][bin_b]
    }
}

/// A fitted model: log-odds of bad = intercept + Σ shape\[bin\] + Σ pair cell.
#[derive(Debug, Clone)]
pub struct Ebm {
    /// Each feature's bins with their training tallies.
    pub bins: Vec<Vec<BinStats>>,
    /// Log-odds of bad at the weighted mean of every shape.
    pub intercept: f64,
    /// Log-odds of bad added by each bin of each feature (weighted mean 0).
    pub shapes: Vec<Vec<f64>>,
    /// The interaction tables, best gain first.
    pub pairs: Vec<PairTable>,
    /// Rounds each bag ran before early stopping: mains, then pairs.
    pub rounds: (Vec<usize>, Vec<usize>),
}

impl Ebm {
    /// The bin of every feature for row `i` of `table`.
    pub fn bins_of(&self, table: &Table, i: usize) -> Vec<usize> {
        table
            .columns
            .iter()
            .zip(&self.bins)
            .map(|(column, bins)| {
                find_bin(
                    bins.iter().map(|b| &b.condition),
                    &binning::value(column, i),
                )
                .unwrap_or(0)
            })
            .collect()
    }

    /// Log-odds of bad for a row's bins.
    pub fn logit(&self, bins: &[usize]) -> f64 {
        let mains: f64 = self.shapes.iter().zip(bins).map(|(s, &b)| s[b]).sum();
        let pairs: f64 = self
            .pairs
            .iter()
            .map(|p| p.cells[p.cell(bins[p.features[0]], bins[p.features[1]])])
            .sum();
        self.intercept + mains + pairs
    }
}

/// One additive term being boosted: a feature's bins or a pair's cells.
struct Term {
    /// The term's cell for every row of the table.
    cells: Vec<u32>,
    /// Cells in the term.
    size: usize,
    /// `Some(true)`: log-odds must not rise with the cell index; `Some(false)`: must not fall.
    falling: Option<bool>,
    /// For a pair with a monotone feature: the total of that feature's shape and the table
    /// must stay monotone along it, for every value of the other feature.
    along: Option<Along>,
}

/// A pair table's monotone side.
struct Along {
    /// 0: the rows (the first feature), 1: the columns.
    axis: usize,
    /// As [`Term::falling`].
    falling: bool,
    /// The monotone feature's shape, one value per row (or column) of the table.
    shape: Vec<f64>,
    /// Rows and columns of the table.
    sizes: [usize; 2],
}

impl Along {
    /// Projects every slice of `table` along the monotone side so that shape + slice is
    /// monotone.
    fn project(&self, table: &mut [f64], weights: &[f64]) {
        let [rows, columns] = self.sizes;
        let (slices, length) = if self.axis == 0 {
            (columns, rows)
        } else {
            (rows, columns)
        };
        let at = |slice: usize, k: usize| {
            if self.axis == 0 {
                k * columns + slice
            } else {
                slice * columns + k
            }
        };
        for slice in 0..slices {
            let mut total: Vec<f64> = (0..length)
                .map(|k| self.shape[k] + table[at(slice, k)])
                .collect();
            let w: Vec<f64> = (0..length).map(|k| weights[at(slice, k)]).collect();
            monotone(&mut total, &w, self.falling);
            for k in 0..length {
                table[at(slice, k)] = total[k] - self.shape[k];
            }
        }
    }
}

/// Fits the model on every row of `table`.
pub fn fit(table: &Table, specs: &[FeatureSpec], options: &EbmOptions) -> Ebm {
    let bins: Vec<Vec<BinStats>> = table
        .columns
        .iter()
        .map(|c| binning::fine(c, &table.bad, options.max_bins, options.min_bin_share))
        .collect();
    let index: Vec<Vec<u32>> = table
        .columns
        .iter()
        .zip(&bins)
        .map(|(column, bins)| {
            (0..table.len())
                .map(|i| {
                    find_bin(
                        bins.iter().map(|b| &b.condition),
                        &binning::value(column, i),
                    )
                    .unwrap_or(0) as u32
                })
                .collect()
        })
        .collect();
    let mains: Vec<Term> = index
        .iter()
        .zip(&bins)
        .zip(specs)
        .map(|((cells, bins), spec)| Term {
            cells: cells.clone(),
            size: bins.len(),
            falling: (spec.monotone && bins.len() > 1)
                .then(|| bins[0].bad_rate() > bins[bins.len() - 1].bad_rate()),
            along: None,
        })
        .collect();

    let n = table.len();
    let bads = table.bad.iter().filter(|b| **b).count() as f64;
    let base_rate = (bads / n as f64).clamp(1e-6, 1.0 - 1e-6);
    let start = vec![(base_rate / (1.0 - base_rate)).ln(); n];
    let splits = bag_splits(&table.bad, options);

    let (main_tables, main_rounds) = bagged(&mains, &table.bad, &start, &splits, options);
    let main_logit: Vec<f64> = (0..n)
        .map(|i| start[i] + add_up(&mains, &main_tables, i))
        .collect();

    // Monotone features whose pair tables must keep them monotone.
    let constrained: Vec<bool> = mains
        .iter()
        .zip(specs)
        .map(|(term, spec)| term.falling.is_some() && !spec.free_in_pairs)
        .collect();
    let candidates = rank_pairs(
        &index,
        &bins,
        &constrained,
        &table.bad,
        &main_logit,
        options,
    );
    // Only pairs whose table explains something its margins do not; at most `pairs` of them.
    let chosen: Vec<Candidate> = candidates
        .into_iter()
        .filter(|c| c.gain > 0.0)
        .take(options.pairs)
        .collect();
    let pair_terms: Vec<Term> = chosen
        .iter()
        .map(
            |Candidate {
                 features: [a, b],
                 groups,
                 sizes,
                 ..
             }| Term {
                cells: (0..n)
                    .map(|i| {
                        (groups[0][index[*a][i] as usize] * sizes[1]
                            + groups[1][index[*b][i] as usize]) as u32
                    })
                    .collect(),
                size: sizes[0] * sizes[1],
                falling: None,
                // A monotone side is never coarsened (see `rank_pairs`), so its rows are its bins.
                along: [*a, *b].iter().enumerate().find_map(|(axis, &f)| {
                    if !constrained[f] {
                        return None;
                    }
                    Some(Along {
                        axis,
                        falling: mains[f].falling?,
                        shape: main_tables[f].clone(),
                        sizes: *sizes,
                    })
                }),
            },
        )
        .collect();
    let (pair_tables, pair_rounds) = if pair_terms.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        bagged(&pair_terms, &table.bad, &main_logit, &splits, options)
    };

    // Centre every table on its training rows, moving the means into the intercept: the
    // model is unchanged, and a bin's log-odds now read as "compared with the average loan".
    let mut intercept = start[0];
    let mut shapes = main_tables;
    for (term, shape) in mains.iter().zip(&mut shapes) {
        intercept += centre(term, shape);
    }
    let mut pairs = Vec::new();
    for ((term, mut cells), candidate) in pair_terms.iter().zip(pair_tables).zip(chosen) {
        intercept += centre(term, &mut cells);
        pairs.push(PairTable {
            features: candidate.features,
            groups: candidate.groups,
            sizes: candidate.sizes,
            cells,
            gain: candidate.gain,
        });
    }
    Ebm {
        bins,
        intercept,
        shapes,
        pairs,
        rounds: (main_rounds, pair_rounds),
    }
}

/// Subtracts the row-weighted mean from a table and returns it.
fn centre(term: &Term, table: &mut [f64]) -> f64 {
    let mut counts = vec![0u64; term.size];
    for &c in &term.cells {
        counts[c as usize] += 1;
    }
    let rows: u64 = counts.iter().sum();
    let mean = table
        .iter()
        .zip(&counts)
        .map(|(v, &k)| v * k as f64)
        .sum::<f64>()
        / rows.max(1) as f64;
    for v in table.iter_mut() {
        *v -= mean;
    }
    mean
}

fn add_up(terms: &[Term], tables: &[Vec<f64>], i: usize) -> f64 {
    terms
        .iter()
        .zip(tables)
        .map(|(t, table)| table[t.cells[i] as usize])
        .sum()
}

/// (fit rows, validation rows) of each bag, stratified by outcome.
fn bag_splits(bad: &[bool], options: &EbmOptions) -> Vec<(Vec<usize>, Vec<usize>)> {
    (0..options.bags.max(1))
        .map(|bag| {
            let mut rng = ChaCha8Rng::seed_from_u64(options.seed.wrapping_add(bag as u64));
            let (mut fit, mut validation) = (Vec::new(), Vec::new());
            for class in [false, true] {
                let mut members: Vec<usize> = (0..bad.len()).filter(|&i| bad[i] == class).collect();
                members.shuffle(&mut rng);
                let cut = (members.len() as f64 * options.validation).round() as usize;
                validation.extend_from_slice(&members[..cut]);
                fit.extend_from_slice(&members[cut..]);
            }
            fit.sort_unstable();
            validation.sort_unstable();
            (fit, validation)
        })
        .collect()
}

/// Boosts `terms` in every bag (two at a time) and averages the tables.
fn bagged(
    terms: &[Term],
    bad: &[bool],
    start: &[f64],
    splits: &[(Vec<usize>, Vec<usize>)],
    options: &EbmOptions,
) -> (Vec<Vec<f64>>, Vec<usize>) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut results: Vec<(Vec<Vec<f64>>, usize)> = Vec::with_capacity(splits.len());
    for chunk in splits.chunks(threads.max(1)) {
        let done: Vec<(Vec<Vec<f64>>, usize)> = std::thread::scope(|scope| {
            let handles: Vec<_> = chunk
                .iter()
                .map(|(fit, validation)| {
                    scope.spawn(move || boost(terms, bad, start, fit, validation, options))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a boosting thread does not panic"))
                .collect()
        });
        results.extend(done);
    }
    let mut mean: Vec<Vec<f64>> = terms.iter().map(|t| vec![0.0; t.size]).collect();
    for (tables, _) in &results {
        for (m, t) in mean.iter_mut().zip(tables) {
            for (m, v) in m.iter_mut().zip(t) {
                *m += v / results.len() as f64;
            }
        }
    }
    (mean, results.iter().map(|(_, r)| *r).collect())
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

fn log_loss(score: &[f64], bad: &[bool], rows: &[usize]) -> f64 {
    rows.iter()
        .map(|&i| {
            let p = sigmoid(score[i]).clamp(1e-12, 1.0 - 1e-12);
            if bad[i] {
                -p.ln()
            } else {
                -(1.0 - p).ln()
            }
        })
        .sum::<f64>()
        / rows.len().max(1) as f64
}

/// One bag: cyclic boosting with early stopping on `validation`. Returns the tables at the best
/// validation loss and the round they were reached.
fn boost(
    terms: &[Term],
    bad: &[bool],
    start: &[f64],
    fit: &[usize],
    validation: &[usize],
    options: &EbmOptions,
) -> (Vec<Vec<f64>>, usize) {
    let mut score = start.to_vec();
    let mut tables: Vec<Vec<f64>> = terms.iter().map(|t| vec![0.0; t.size]).collect();
    let mut best = (log_loss(&score, bad, validation), tables.clone(), 0);
    let mut since_best = 0;
    for round in 1..=options.max_rounds {
        for (term, table) in terms.iter().zip(&mut tables) {
            let (mut g, mut h) = (vec![0.0; term.size], vec![0.0; term.size]);
            for &i in fit {
                let p = sigmoid(score[i]);
                let c = term.cells[i] as usize;
                g[c] += f64::from(u8::from(bad[i])) - p;
                h[c] += p * (1.0 - p);
            }
            let mut next: Vec<f64> = table
                .iter()
                .zip(g.iter().zip(&h))
                .map(|(v, (g, h))| v + options.learning_rate * g / (h + options.l2))
                .collect();
            if let Some(falling) = term.falling {
                monotone(&mut next, &h, falling);
            }
            if let Some(along) = &term.along {
                along.project(&mut next, &h);
            }
            let delta: Vec<f64> = next.iter().zip(table.iter()).map(|(a, b)| a - b).collect();
            for &i in fit.iter().chain(validation) {
                score[i] += delta[term.cells[i] as usize];
            }
            *table = next;
        }
        let loss = log_loss(&score, bad, validation);
        if loss < best.0 - 1e-9 {
            best = (loss, tables.clone(), round);
            since_best = 0;
        } else {
            since_best += 1;
            if since_best >= options.patience {
                break;
            }
        }
    }
    (best.1, best.2)
}

/// Weighted pool-adjacent-violators: the closest (weighted least squares) sequence that never
/// rises (`falling`) or never falls.
fn monotone(values: &mut [f64], weights: &[f64], falling: bool) {
    // Blocks of (mean, weight, length).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::with_capacity(values.len());
    for (&v, &w) in values.iter().zip(weights) {
        blocks.push((v, w.max(1e-12), 1));
        while blocks.len() > 1 {
            let (b, a) = (blocks[blocks.len() - 1], blocks[blocks.len() - 2]);
            let violates = if falling { b.0 > a.0 } else { b.0 < a.0 };
            if !violates {
                break;
            }
            blocks.pop();
            let w = a.1 + b.1;
            if let Some(last) = blocks.last_mut() {
                *last = ((a.0 * a.1 + b.0 * b.1) / w, w, a.2 + b.2);
            }
        }
    }
    let mut i = 0;
    for (mean, _, len) in blocks {
        for v in &mut values[i..i + len] {
            *v = mean;
        }
        i += len;
    }
}

/// Groups of consecutive bins with about equal rows, at most `groups` of them; a categorical
/// feature keeps one group per bin.
fn coarsen(bins: &[BinStats], numeric: bool, groups: usize) -> (Vec<usize>, usize) {
    if !numeric || bins.len() <= groups {
        return ((0..bins.len()).collect(), bins.len());
    }
    let total: u64 = bins.iter().map(|b| b.count).sum();
    let target = total as f64 / groups as f64;
    let mut map = Vec::with_capacity(bins.len());
    let (mut group, mut filled) = (0usize, 0u64);
    for bin in bins {
        map.push(group);
        filled += bin.count;
        if filled as f64 >= target * (group + 1) as f64 && group + 1 < groups {
            group += 1;
        }
    }
    let size = map.last().map_or(0, |g| g + 1);
    (map, size)
}

/// A pair of features that could get a table, with how much it would gain.
struct Candidate {
    features: [usize; 2],
    groups: [Vec<usize>; 2],
    sizes: [usize; 2],
    gain: f64,
}

/// Every pair of features with its gain, best first (ties in feature order). A pair of two
/// constrained monotone features is left out (keeping a table monotone along both at once is not a
/// slice-by-slice projection), and a monotone side keeps its bins, so its table can be
/// projected along it.
fn rank_pairs(
    index: &[Vec<u32>],
    bins: &[Vec<BinStats>],
    constrained: &[bool],
    bad: &[bool],
    logit: &[f64],
    options: &EbmOptions,
) -> Vec<Candidate> {
    let numeric = |f: usize| {
        bins[f]
            .iter()
            .all(|b| matches!(b.condition, prequal::scorecard::Condition::Range { .. }))
    };
    let (g, h): (Vec<f64>, Vec<f64>) = logit
        .iter()
        .zip(bad)
        .map(|(&s, &y)| {
            let p = sigmoid(s);
            (f64::from(u8::from(y)) - p, p * (1.0 - p))
        })
        .unzip();
    let gain = |sums: &[(f64, f64)]| -> f64 {
        sums.iter()
            .map(|(g, h)| g * g / (h + options.l2))
            .sum::<f64>()
    };
    let mut ranked = Vec::new();
    for a in 0..bins.len() {
        for b in a + 1..bins.len() {
            if constrained[a] && constrained[b] {
                continue;
            }
            let groups = |f: usize| match constrained[f] {
                true => usize::MAX,
                false => options.pair_groups,
            };
            let (map_a, rows) = coarsen(&bins[a], numeric(a), groups(a));
            let (map_b, columns) = coarsen(&bins[b], numeric(b), groups(b));
            let mut cells = vec![(0.0, 0.0); rows * columns];
            let mut by_row = vec![(0.0, 0.0); rows];
            let mut by_column = vec![(0.0, 0.0); columns];
            for i in 0..bad.len() {
                let (r, c) = (map_a[index[a][i] as usize], map_b[index[b][i] as usize]);
                for slot in [
                    &mut cells[r * columns + c],
                    &mut by_row[r],
                    &mut by_column[c],
                ] {
                    slot.0 += g[i];
                    slot.1 += h[i];
                }
            }
            let interaction = gain(&cells) - gain(&by_row) - gain(&by_column);
            ranked.push(Candidate {
                features: [a, b],
                groups: [map_a, map_b],
                sizes: [rows, columns],
                gain: interaction,
            });
        }
    }
    ranked.sort_by(|x, y| y.gain.total_cmp(&x.gain));
    ranked
}
