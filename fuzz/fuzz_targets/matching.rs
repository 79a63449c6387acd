//! The matching engine with arbitrary valid profiles and queries: a sample profile with its
//! figures replaced by arbitrary values is validated; when valid, it is matched against the
//! shipped catalog at an arbitrary grade with arbitrary filters, and the counts must agree
//! with the results.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use prequal::assess::Model;
use prequal::catalog::{Grade, ProductKind, ValidCatalog};
use prequal::matching::{Matcher, Query, SortKey, Standing, Status};

#[derive(Arbitrary, Debug)]
struct Input {
    months_in_operation: i64,
    employees: i64,
    revenue: [i64; 12],
    loan_amount: i64,
    term_months: i64,
    tax_arrears: i64,
    real_estate: i64,
    judgements: i64,
    region: u32,
    grade: u8,
    kinds: u8,
    sort: u8,
    amount_filter: Option<i64>,
    term_filter: Option<u32>,
    limit: u8,
}

fn catalog() -> &'static ValidCatalog {
    static CATALOG: OnceLock<ValidCatalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        ValidCatalog::from_json(include_bytes!("../../models/catalog.json")).expect("shipped catalog")
    })
}

fn sample() -> &'static prequal::MerchantProfile {
    static SAMPLE: OnceLock<prequal::MerchantProfile> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        prequal::profile::from_json(include_str!("../../examples/profiles/strong.json")).expect("sample")
    })
}

fuzz_target!(|input: Input| {
    let mut profile = sample().clone();
    profile.business.months_in_operation = input.months_in_operation;
    profile.business.employees = input.employees;
    profile.revenue.monthly_minor = input.revenue.to_vec();
    profile.loan.amount_minor = input.loan_amount;
    profile.loan.term_months = input.term_months;
    profile.tax.arrears_minor = input.tax_arrears;
    profile.collateral.real_estate_value_minor = input.real_estate;
    profile.court.unsatisfied_judgements = input.judgements;
    profile.location.region = format!("{:06}", input.region % 1_000_000);
    let Ok(valid) = profile.validate() else {
        return;
    };
    let model = Model::shipped();
    let standing = match Grade::from_name(["A", "B", "C", "D", "E", "F", "G", "-"][usize::from(input.grade % 8)]) {
        Some(grade) => Standing::from_grade(grade, model),
        None => Standing::from_assessment(&model.assess(&valid)),
    };
    let query = Query {
        kinds: ProductKind::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| input.kinds & (1 << i) != 0)
            .map(|(_, k)| *k)
            .collect(),
        institutions: Vec::new(),
        region: None,
        amount_minor: input.amount_filter,
        term_months: input.term_filter,
        sort: [SortKey::Cost, SortKey::Rate, SortKey::Amount, SortKey::Term][usize::from(input.sort % 4)],
    };
    // With the model, so every path is searched and re-scored as the app does.
    let matcher = Matcher::new(catalog(), &valid, standing).with_model(model);
    let matches = matcher.run(&query);
    let eligible = matches.results.iter().filter(|r| r.status == Status::Eligible).count();
    let near = matches.results.iter().filter(|r| r.status == Status::NearMiss).count();
    assert_eq!(eligible, matches.eligible);
    assert_eq!(near, matches.near_misses);
    for result in &matches.results {
        if result.status == Status::Eligible {
            assert!(result.offer.is_some() && result.terms.is_some(), "an eligible product has an offer");
        }
        // Within reach means a path of steps the merchant can take; an eligible product has none.
        assert_eq!(
            result.status == Status::NearMiss,
            result.path.as_ref().is_some_and(|path| path.in_hands())
        );
        assert!(result.status != Status::Eligible || result.path.is_none());
    }
    // A page of explanations, as a screen asks for (explaining all 336 products each time would
    // spend the run on formatting rather than on matching).
    let report = matcher.report(&query, usize::from(input.limit % 8), input.limit & 8 == 0);
    assert_eq!(report.counts.eligible, matches.eligible);
});
