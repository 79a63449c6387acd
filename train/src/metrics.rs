//! Evaluation measures. AUC is computed here (Mann–Whitney U with average ranks for ties)
//! rather than with linfa's ROC, which drops a point when a score is exactly 0.

/// Area under the ROC curve of `scores` (higher = more likely bad) against `bad`.
pub fn auc(scores: &[f64], bad: &[bool]) -> f64 {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));
    let mut rank_sum_bad = 0.0;
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && scores[order[j + 1]] == scores[order[i]] {
            j += 1;
        }
        let average_rank = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            if bad[k] {
                rank_sum_bad += average_rank;
            }
        }
        i = j + 1;
    }
    let bads = bad.iter().filter(|b| **b).count() as f64;
    let goods = bad.len() as f64 - bads;
    if bads == 0.0 || goods == 0.0 {
        return 0.5;
    }
    (rank_sum_bad - bads * (bads + 1.0) / 2.0) / (bads * goods)
}

/// Kolmogorov–Smirnov: the largest gap between the cumulative shares of bads and goods.
pub fn ks(scores: &[f64], bad: &[bool]) -> f64 {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    let bads = bad.iter().filter(|b| **b).count() as f64;
    let goods = bad.len() as f64 - bads;
    let (mut cum_bad, mut cum_good, mut best) = (0.0, 0.0, 0.0f64);
    for (position, &i) in order.iter().enumerate() {
        if bad[i] {
            cum_bad += 1.0;
        } else {
            cum_good += 1.0;
        }
        let at_boundary = order
            .get(position + 1)
            .is_none_or(|&next| scores[next] != scores[i]);
        if at_boundary {
            best = best.max((cum_bad / bads.max(1.0) - cum_good / goods.max(1.0)).abs());
        }
    }
    best
}

/// Mean squared error of probabilities against outcomes.
pub fn brier(pd: &[f64], bad: &[bool]) -> f64 {
    pd.iter()
        .zip(bad)
        .map(|(p, &b)| (p - f64::from(u8::from(b))).powi(2))
        .sum::<f64>()
        / pd.len().max(1) as f64
}

/// AUC counting only (bad, good) pairs in the same group (e.g. the same approval year): the
/// groups' AUCs weighted by their number of such pairs. `None` when no group has both outcomes.
pub fn within_group_auc(scores: &[f64], bad: &[bool], group: &[Option<i32>]) -> Option<f64> {
    let mut members: std::collections::BTreeMap<i32, Vec<usize>> = Default::default();
    for (i, g) in group.iter().enumerate() {
        if let Some(g) = g {
            members.entry(*g).or_default().push(i);
        }
    }
    let (mut weighted, mut pairs) = (0.0, 0.0);
    for rows in members.values() {
        let bads = rows.iter().filter(|&&i| bad[i]).count() as f64;
        let goods = rows.len() as f64 - bads;
        if bads == 0.0 || goods == 0.0 {
            continue;
        }
        let s: Vec<f64> = rows.iter().map(|&i| scores[i]).collect();
        let b: Vec<bool> = rows.iter().map(|&i| bad[i]).collect();
        weighted += auc(&s, &b) * bads * goods;
        pairs += bads * goods;
    }
    (pairs > 0.0).then(|| weighted / pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_of_perfect_random_and_tied_scores() {
        let bad = [false, false, true, true];
        assert_eq!(auc(&[0.1, 0.2, 0.8, 0.9], &bad), 1.0);
        assert_eq!(auc(&[0.9, 0.8, 0.2, 0.1], &bad), 0.0);
        assert_eq!(auc(&[0.5; 4], &bad), 0.5);
        // A score of exactly zero counts like any other.
        assert_eq!(auc(&[0.0, 0.0, 0.0, 1.0], &bad), 0.75);
    }

    #[test]
    fn ks_and_brier() {
        let bad = [false, false, true, true];
        assert_eq!(ks(&[0.1, 0.2, 0.8, 0.9], &bad), 1.0);
        assert_eq!(brier(&[0.0, 0.0, 1.0, 1.0], &bad), 0.0);
        assert_eq!(brier(&[0.5; 4], &bad), 0.25);
    }

    #[test]
    fn within_group_auc_ignores_pairs_across_groups() {
        // Within each group the scores rank perfectly; across groups they are reversed, which
        // a pooled AUC would count against them.
        let scores = [0.2, 0.1, 0.9, 0.8];
        let bad = [true, false, true, false];
        let group = [Some(2001), Some(2001), Some(2002), Some(2002)];
        assert_eq!(within_group_auc(&scores, &bad, &group), Some(1.0));
        assert!(auc(&scores, &bad) < 1.0);
        assert_eq!(within_group_auc(&scores, &bad, &[None; 4]), None);
    }
}
