//! Logistic regression with linfa, always oriented as the log-odds of a **bad** outcome.
//!
//! linfa-logistic labels the *more frequent* class positive and reports probabilities of that
//! class; here the frequent class is "good", so the fitted coefficients are turned round after
//! checking `labels()`, never assumed.

use linfa::prelude::*;
use linfa_logistic::LogisticRegression;
use ndarray::{Array1, Array2};

/// `logit P(bad) = intercept + coefficients · x`.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Intercept.
    pub intercept: f64,
    /// One coefficient per column.
    pub coefficients: Vec<f64>,
}

/// Errors from fitting.
#[derive(Debug, thiserror::Error)]
pub enum FitError {
    /// linfa could not fit (e.g. a single class).
    #[error("logistic regression failed: {0}")]
    Linfa(#[from] linfa_logistic::error::Error),
}

impl Model {
    /// Log-odds of bad for one row.
    pub fn logit(&self, row: &[f64]) -> f64 {
        self.intercept
            + self
                .coefficients
                .iter()
                .zip(row)
                .map(|(c, x)| c * x)
                .sum::<f64>()
    }

    /// Probability of bad for one row.
    pub fn probability(&self, row: &[f64]) -> f64 {
        1.0 / (1.0 + (-self.logit(row)).exp())
    }
}

/// Fits `logit P(bad) = b0 + b·x` with L2 strength `alpha`.
pub fn fit(x: &Array2<f64>, bad: &[bool], alpha: f64) -> Result<Model, FitError> {
    let y: Array1<bool> = bad.iter().copied().collect();
    let dataset = Dataset::new(x.clone(), y);
    let fitted = LogisticRegression::default()
        .alpha(alpha)
        .max_iterations(200)
        .gradient_tolerance(1e-6)
        .fit(&dataset)?;
    // linfa's probabilities are of `labels().pos`; flip the model when that class is "good".
    let sign = if fitted.labels().pos.class { 1.0 } else { -1.0 };
    Ok(Model {
        intercept: sign * fitted.intercept(),
        coefficients: fitted.params().iter().map(|c| sign * c).collect(),
    })
}

/// A matrix from rows.
pub fn matrix(rows: &[Vec<f64>]) -> Array2<f64> {
    let cols = rows.first().map_or(0, Vec::len);
    Array2::from_shape_fn((rows.len(), cols), |(i, j)| rows[i][j])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orientation_is_bad_whichever_class_is_more_frequent() {
        // x = 1 raises the bad rate from 20 % to 60 %.
        let mut rows = Vec::new();
        let mut bad = Vec::new();
        for i in 0..2000 {
            let x = f64::from(i % 2 == 0);
            let is_bad = if x == 1.0 { i % 10 < 6 } else { i % 10 == 1 };
            rows.push(vec![x]);
            bad.push(is_bad);
        }
        let model = fit(&matrix(&rows), &bad, 1e-6).expect("fits");
        // logit 0.6 − logit 0.2 = ln 6 ≈ 1.79.
        assert!(
            (model.coefficients[0] - 6f64.ln()).abs() < 0.05,
            "{model:?}"
        );
        assert!((model.probability(&[1.0]) - 0.6).abs() < 0.02);
        assert!((model.probability(&[0.0]) - 0.2).abs() < 0.02);
        // Mostly-bad data: the frequent class is now "bad" and the sign must not flip.
        let flipped: Vec<bool> = bad.iter().map(|b| !b).collect();
        let model = fit(&matrix(&rows), &flipped, 1e-6).expect("fits");
        assert!((model.probability(&[1.0]) - 0.4).abs() < 0.02);
    }
}
