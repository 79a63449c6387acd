//! Product matching: every predicate passing and failing with its words asserted, the implicit
//! checks, offers, disclosures, filters and order, and the property that relaxing the input a
//! failed rule reads never makes a product less eligible.

#[path = "support/generated_profiles.rs"]
#[allow(dead_code)] // score_lines serves the scoring tests
mod generated_profiles;

use prequal::assess::Model;
use prequal::catalog::eligibility::Industries;
use prequal::catalog::{
    Check, CollateralAssets, Eligibility, Facts, Grade, ProductKind, ValidCatalog,
};
use prequal::matching::{Matcher, Query, SortKey, Standing, Status};
use prequal::path::{Path, Step};
use prequal::profile::{
    self, Guarantor, LegalForm, ListStatus, MerchantProfile, Setting, TaxCreditRating,
};
use proptest::prelude::*;

const SHIPPED: &[u8] = include_bytes!("../models/catalog.json");

fn strong() -> MerchantProfile {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/profiles/strong.json"
    ))
    .expect("example profile");
    profile::from_json(&text).expect("parses")
}

fn shipped() -> ValidCatalog {
    ValidCatalog::from_json(SHIPPED).expect("the shipped catalog is valid")
}

/// Checks one rule against a profile at a grade: whether it holds, and its explanation as
/// JSON (the words are `prequal-text`'s, tested against golden files there).
fn check(rule: &Eligibility, profile: &MerchantProfile, grade: Grade) -> (bool, serde_json::Value) {
    let facts = Facts::new(profile, grade);
    let explanation = rule.explain(&facts);
    assert_eq!(
        explanation.passed,
        rule.holds(&facts),
        "explain agrees with holds"
    );
    assert_eq!(explanation.rule, rule.name());
    (
        explanation.passed,
        serde_json::to_value(&explanation).expect("serialises"),
    )
}

/// Asserts a rule passes on `pass` and fails on `fail`, and that both explanations name the
/// rule (their figures and words are golden files in `prequal-text`).
fn assert_rule(
    rule: Eligibility,
    pass: impl FnOnce(&mut MerchantProfile),
    fail: impl FnOnce(&mut MerchantProfile),
) {
    let mut passing = strong();
    pass(&mut passing);
    let (holds, _) = check(&rule, &passing, Grade::B);
    assert!(holds, "{rule:?} should hold");
    let mut failing = strong();
    fail(&mut failing);
    let (holds, explained) = check(&rule, &failing, Grade::B);
    assert!(!holds, "{rule:?} should fail");
    assert_eq!(explained["rule"], rule.name());
}

fn industries(list: &[&str]) -> Industries {
    Industries::new(codes(list))
}

fn codes(list: &[&str]) -> Vec<String> {
    list.iter().map(|c| c.to_string()).collect()
}

#[test]
fn months_in_operation() {
    assert_rule(
        Eligibility::MinMonthsInOperation(24),
        |p| p.business.months_in_operation = 24,
        |p| p.business.months_in_operation = 14,
    );
    let mut p = strong();
    p.business.months_in_operation = 14;
    let (_, explained) = check(&Eligibility::MinMonthsInOperation(24), &p, Grade::A);
    assert_eq!(explained["min"], 24);
    assert_eq!(explained["yours"], 14);
}

#[test]
fn region_in() {
    assert_rule(
        Eligibility::RegionIn(codes(&["33"])),
        |p| p.location.region = "330106".into(),
        |p| p.location.region = "440305".into(),
    );
    // Prefixes of any level: a prefecture.
    let mut p = strong();
    p.location.region = "330206".into();
    assert!(!check(&Eligibility::RegionIn(codes(&["3301"])), &p, Grade::A).0);
}

#[test]
fn industry_in_and_not_in() {
    assert_rule(
        Eligibility::IndustryIn(industries(&["51", "52"])),
        |p| p.business.industry = "52".into(),
        |p| p.business.industry = "62".into(),
    );
    assert_rule(
        Eligibility::IndustryNotIn(industries(&["66", "70"])),
        |p| p.business.industry = "62".into(),
        |p| p.business.industry = "70".into(),
    );
}

#[test]
fn legal_form_and_setting() {
    assert_rule(
        Eligibility::LegalFormIn(vec![LegalForm::LimitedCompany]),
        |p| p.business.legal_form = LegalForm::LimitedCompany,
        |p| p.business.legal_form = LegalForm::IndividualBusiness,
    );
    assert_rule(
        Eligibility::SettingIs(Setting::Rural),
        |p| p.location.setting = Setting::Rural,
        |p| p.location.setting = Setting::Urban,
    );
}

#[test]
fn owner_experience() {
    assert_rule(
        Eligibility::MinOwnerExperienceYears(5),
        |p| p.owner.industry_experience_years = 5,
        |p| p.owner.industry_experience_years = 2,
    );
}

#[test]
fn monthly_revenue_range() {
    let rule = Eligibility::MonthlyRevenue {
        min_minor: 5_000_000,
        max_minor: Some(20_000_000),
    };
    assert_rule(
        rule.clone(),
        |p| p.revenue.monthly_minor = vec![5_000_000; 12],
        |p| p.revenue.monthly_minor = vec![3_000_000; 12],
    );
    // Above the ceiling: fails, and there is nothing to advise.
    let mut p = strong();
    p.revenue.monthly_minor = vec![25_000_000; 12];
    assert!(!check(&rule, &p, Grade::A).0);
    assert_eq!(check(&rule, &p, Grade::A).1["yours_minor"], 25_000_000);
}

#[test]
fn max_grade() {
    let rule = Eligibility::MaxGrade(Grade::C);
    let p = strong();
    assert!(check(&rule, &p, Grade::C).0);
    assert!(check(&rule, &p, Grade::A).0);
    let (holds, explained) = check(&rule, &p, Grade::D);
    assert!(!holds);
    assert_eq!(explained["max"], "C");
    assert_eq!(explained["yours"], "D");
}

#[test]
fn tax_rules() {
    assert_rule(
        Eligibility::TaxRatingIn(vec![TaxCreditRating::A, TaxCreditRating::B]),
        |p| p.tax.credit_rating = TaxCreditRating::B,
        |p| p.tax.credit_rating = TaxCreditRating::M,
    );
    assert_rule(
        Eligibility::MinTaxMonthsFiled(12),
        |p| p.tax.months_filed_last_12 = 12,
        |p| p.tax.months_filed_last_12 = 9,
    );
    assert_rule(
        Eligibility::NoTaxArrears,
        |p| p.tax.arrears_minor = 0,
        |p| p.tax.arrears_minor = 123_456,
    );
}

#[test]
fn utility_rules() {
    assert_rule(
        Eligibility::NoUtilityArrears,
        |p| p.utility.arrears_minor = 0,
        |p| p.utility.arrears_minor = 50_000,
    );
    assert_rule(
        Eligibility::MaxLateUtilityPayments(1),
        |p| p.utility.late_payments_last_12 = 1,
        |p| p.utility.late_payments_last_12 = 3,
    );
}

#[test]
fn social_insurance_rules() {
    assert_rule(
        Eligibility::MinSocialInsuranceMonths(6),
        |p| p.social_insurance.months_paid_last_12 = 6,
        |p| p.social_insurance.months_paid_last_12 = 2,
    );
    assert_rule(
        Eligibility::NoSocialInsuranceArrears,
        |p| p.social_insurance.arrears_minor = 0,
        |p| p.social_insurance.arrears_minor = 100,
    );
}

#[test]
fn court_and_lists() {
    assert_rule(
        Eligibility::NoCourtJudgements,
        |p| p.court.unsatisfied_judgements = 0,
        |p| p.court.unsatisfied_judgements = 2,
    );
    assert_rule(
        Eligibility::NotBlacklisted,
        |p| p.court.list_status = ListStatus::RedList,
        |p| p.court.list_status = ListStatus::BlackList,
    );
}

#[test]
fn debt_rules() {
    // Revenue averages ¥100,000; 50 % allows ¥50,000 of repayments.
    assert_rule(
        Eligibility::MaxDebtServicePct(50),
        |p| {
            p.revenue.monthly_minor = vec![10_000_000; 12];
            p.debts.monthly_repayment_minor = 5_000_000;
        },
        |p| {
            p.revenue.monthly_minor = vec![10_000_000; 12];
            p.debts.monthly_repayment_minor = 6_000_000;
        },
    );
    assert_rule(
        Eligibility::MaxLenders(2),
        |p| p.debts.lenders = 2,
        |p| p.debts.lenders = 5,
    );
}

#[test]
fn collateral_and_guarantor() {
    // The strong profile seeks ¥500,000; 120 % cover is ¥600,000.
    assert_rule(
        Eligibility::CollateralRequired {
            assets: CollateralAssets::RealEstate,
            min_cover_pct: 120,
        },
        |p| p.collateral.real_estate_value_minor = 60_000_000,
        |p| {
            p.collateral.real_estate_value_minor = 40_000_000;
            p.collateral.other_value_minor = 50_000_000;
        },
    );
    // Other assets count when the rule says any.
    let mut p = strong();
    p.collateral.real_estate_value_minor = 40_000_000;
    p.collateral.other_value_minor = 20_000_000;
    let any = Eligibility::CollateralRequired {
        assets: CollateralAssets::Any,
        min_cover_pct: 120,
    };
    assert!(check(&any, &p, Grade::A).0);
    assert_rule(
        Eligibility::GuarantorIn(vec![Guarantor::GovernmentGuaranteeFund]),
        |p| p.guarantor = Guarantor::GovernmentGuaranteeFund,
        |p| p.guarantor = Guarantor::Individual,
    );
}

#[test]
fn all_and_any_combine_and_explain() {
    let rule = Eligibility::Any(vec![
        Eligibility::SettingIs(Setting::Rural),
        Eligibility::MinMonthsInOperation(200),
    ]);
    let mut p = strong();
    let (holds, explained) = check(&rule, &p, Grade::A);
    assert!(!holds);
    assert_eq!(explained["parts"][0]["rule"], "setting_is");
    assert_eq!(explained["parts"][1]["yours"], 120);
    p.location.setting = Setting::Rural;
    assert!(check(&rule, &p, Grade::A).0);
    let all = Eligibility::All(vec![
        Eligibility::NoTaxArrears,
        Eligibility::MinMonthsInOperation(200),
        Eligibility::MaxLenders(0),
    ]);
    let (holds, explained) = check(&all, &strong(), Grade::A);
    assert!(!holds);
    let passed: Vec<bool> = (0..3)
        .map(|i| explained["parts"][i]["passed"] == true)
        .collect();
    assert_eq!(passed, [true, false, false]);
}

#[test]
fn rules_name_the_fields_they_read() {
    let rule = Eligibility::All(vec![
        Eligibility::MaxDebtServicePct(50),
        Eligibility::Any(vec![
            Eligibility::NoTaxArrears,
            Eligibility::MaxGrade(Grade::B),
        ]),
    ]);
    assert_eq!(
        rule.fields(),
        [
            "debts.monthly_repayment_minor",
            "revenue.monthly_minor",
            "tax.arrears_minor"
        ]
    );
}

fn standing(grade: Grade) -> Standing {
    Standing::from_grade(grade, Model::shipped())
}

#[test]
fn strong_profile_matches_many_products_ranked_by_cost() {
    let catalog = shipped();
    let profile = strong().validate().expect("valid");
    let assessment = Model::shipped().assess(&profile);
    let standing = Standing::from_assessment(&assessment);
    let matcher = Matcher::new(&catalog, &profile, standing);
    let matches = matcher.run(&Query::default());
    assert_eq!(matches.results.len(), catalog.catalog().products.len());
    // Grade E without the real-estate leak (it was A with it): still dozens of products.
    assert!(matches.eligible >= 25, "eligible: {}", matches.eligible);
    // Eligible first, ranked 1, 2, 3 … by cost; costs never decrease.
    let eligible: Vec<_> = matches
        .results
        .iter()
        .take_while(|r| r.status == Status::Eligible)
        .collect();
    assert_eq!(eligible.len(), matches.eligible);
    for (i, pair) in eligible.windows(2).enumerate() {
        assert_eq!(pair[0].cost_rank, Some(i as u32 + 1));
        let cost = |r: &prequal::matching::ProductMatch| {
            r.totals.expect("eligible has totals").cost_of_credit_minor
        };
        assert!(cost(pair[0]) <= cost(pair[1]));
    }
    // The disclosure is the calculator's own schedule for the fitted terms.
    let first = matcher.explain(eligible[0]);
    let disclosure = first.disclosure.expect("eligible products disclose");
    let schedule = eligible[0]
        .terms
        .as_ref()
        .expect("terms")
        .schedule()
        .expect("valid");
    assert_eq!(
        disclosure.cost_of_credit_minor,
        schedule.cost_of_credit_minor
    );
    assert_eq!(
        disclosure.first_payment_minor,
        schedule.instalments[0].payment_minor
    );
    assert!((disclosure.apr - schedule.apr).abs() < 1e-12);
    // Payments in whole fen can put the IRR a hair under the nominal rate (930 bp gives an APR
    // of 929.9998 bp on a ¥300,000 12-month loan), never more than a hundredth of a point.
    assert!(disclosure.apr * 10_000.0 >= f64::from(disclosure.annual_rate_bp) - 0.01);
    assert!(first.rules.iter().all(|rule| rule.passed));
    let offer = first.offer.expect("offer");
    assert!((offer.amount_min_minor..=offer.amount_max_minor).contains(&disclosure.amount_minor));
}

#[test]
fn a_single_arrear_is_a_one_step_path_for_the_products_it_blocks() {
    let catalog = shipped();
    let mut p = strong();
    p.tax.arrears_minor = 250_000;
    let profile = p.validate().expect("valid");
    let matcher = Matcher::new(&catalog, &profile, standing(Grade::B));
    let matches = matcher.run(&Query::default());
    assert!(matches.near_misses > 0);
    for result in matches
        .results
        .iter()
        .filter(|r| r.status == Status::NearMiss)
    {
        let explained = matcher.explain(result);
        let path = explained.path.expect("a near miss has a path");
        assert!(path.in_hands());
        assert!(explained.disclosure.is_none());
        assert!(explained.rules.iter().any(|r| !r.passed && r.actionable));
    }
    assert!(matches
        .results
        .iter()
        .any(|r| r.path.as_ref().is_some_and(|path| path.steps
            == [Step::PayTaxArrears {
                amount_minor: 250_000
            }])));
}

#[test]
fn implicit_checks_region_grade_and_limit() {
    let catalog = shipped();
    let regional = catalog
        .catalog()
        .institutions
        .iter()
        .find(|i| !i.nationwide && i.regions[0].len() == 2 && i.regions[0] != "33")
        .expect("a provincial lender outside Zhejiang");
    let (index, _) = catalog
        .catalog()
        .products
        .iter()
        .enumerate()
        .find(|(_, p)| p.institution == regional.id)
        .expect("it has products");
    let profile = strong().validate().expect("valid");
    let matcher = Matcher::new(&catalog, &profile, standing(Grade::A));
    let decided = matcher.decide(index);
    assert_ne!(decided.status, Status::Eligible);
    let explained = matcher.explain(&decided);
    let region = explained
        .rules
        .iter()
        .find(|r| r.rule == "serves_region")
        .expect("region check");
    assert!(!region.passed && !region.actionable);
    assert_eq!(
        region.check,
        Check::ServesRegion {
            nationwide: false,
            regions: regional.regions.clone(),
            yours: profile.profile().location.region.clone(),
        }
    );
    // Another region is not something the merchant can change: no path.
    assert!(decided.path.is_none());

    // At grade G only the schemes whose guarantor takes the risk price the grade; every
    // other product fails on the grade, and says so once (its grade rule and its prices are
    // one requirement).
    let matcher = Matcher::new(&catalog, &profile, standing(Grade::G));
    let matches = matcher.run(&Query::default());
    for result in matches.results.iter().filter(|r| r.offer.is_none()) {
        let explained = matcher.explain(result);
        let grade_checks: Vec<_> = explained
            .rules
            .iter()
            .filter(|r| r.rule == "priced_for_grade" || r.rule == "max_grade")
            .collect();
        assert_eq!(grade_checks.len(), 1, "{}", explained.id);
        assert!(!grade_checks[0].passed);
    }

    // No revenue: revenue-limited products cannot reach their minimum.
    let mut poor = strong();
    poor.revenue.monthly_minor = vec![0; 12];
    let profile = poor.validate().expect("valid");
    let matcher = Matcher::new(&catalog, &profile, standing(Grade::A));
    let (index, _) = catalog
        .catalog()
        .products
        .iter()
        .enumerate()
        .find(|(_, p)| p.amount.revenue_limit_pct == Some(300) && p.amount.min_minor == 5_000_000)
        .expect("a product lending 3 months' revenue from ¥50,000");
    let explained = matcher.explain(&matcher.decide(index));
    let limit = explained
        .rules
        .iter()
        .find(|r| r.rule == "limit_reaches_minimum")
        .expect("limit");
    assert!(!limit.passed);
    // Only more revenue would lift the limit (¥50,000 / 300 % = ¥16,666.67 a month), which is
    // out of the merchant's hands: never a near miss.
    let decided = matcher.decide(index);
    assert_ne!(decided.status, Status::NearMiss);
    if let Some(path) = decided.path {
        assert!(path.steps.contains(&Step::GrowRevenue {
            to_minor: 1_666_667
        }));
        assert!(!path.in_hands());
    }
}

#[test]
fn filters_and_sort_orders() {
    let catalog = shipped();
    let profile = strong().validate().expect("valid");
    let matcher = Matcher::new(&catalog, &profile, standing(Grade::A));
    let products = &catalog.catalog().products;
    let all = matcher.run(&Query::default());

    let credit = matcher.run(&Query {
        kinds: vec![ProductKind::Credit],
        ..Query::default()
    });
    assert!(credit
        .results
        .iter()
        .all(|r| products[r.index].kind == ProductKind::Credit));
    assert_eq!(
        credit.results.len() + credit.filtered_out,
        all.results.len()
    );

    let one = matcher.run(&Query {
        institutions: vec!["inst-007".into()],
        ..Query::default()
    });
    assert!(!one.results.is_empty());
    assert!(one
        .results
        .iter()
        .all(|r| products[r.index].institution == "inst-007"));

    let guangdong = matcher.run(&Query {
        region: Some("440305".into()),
        ..Query::default()
    });
    assert!(guangdong
        .results
        .iter()
        .all(|r| catalog.institution_of(r.index).serves("440305")));
    assert!(guangdong.filtered_out > 0);

    let amount = 80_000_000;
    let by_amount = matcher.run(&Query {
        amount_minor: Some(amount),
        ..Query::default()
    });
    assert!(by_amount.results.iter().all(|r| {
        let (min, max) = r.offer.map_or(
            (
                products[r.index].amount.min_minor,
                products[r.index].amount.max_minor,
            ),
            |o| (o.amount_min_minor, o.amount_max_minor),
        );
        (min..=max).contains(&amount)
    }));
    let term = matcher.run(&Query {
        term_months: Some(60),
        ..Query::default()
    });
    assert!(term
        .results
        .iter()
        .all(|r| products[r.index].term_months.max >= 60));

    let eligible = |sort| {
        let matches = matcher.run(&Query {
            sort,
            ..Query::default()
        });
        matches
            .results
            .into_iter()
            .filter(|r| r.status == Status::Eligible)
            .collect::<Vec<_>>()
    };
    let by_rate = eligible(SortKey::Rate);
    assert!(by_rate
        .windows(2)
        .all(|w| w[0].offer.map(|o| o.rate_min_bp) <= w[1].offer.map(|o| o.rate_min_bp)));
    let by_amount = eligible(SortKey::Amount);
    assert!(by_amount
        .windows(2)
        .all(|w| w[0].offer.map(|o| o.amount_max_minor) >= w[1].offer.map(|o| o.amount_max_minor)));
    let by_term = eligible(SortKey::Term);
    assert!(by_term
        .windows(2)
        .all(|w| products[w[0].index].term_months.max >= products[w[1].index].term_months.max));
}

#[test]
fn expired_products_are_counted_not_matched() {
    let mut catalog = shipped().catalog().clone();
    let profile = strong().validate().expect("valid");
    catalog.products[0].valid_until = profile.profile().as_of - time::Duration::days(1);
    catalog.products[1].valid_from = profile.profile().as_of + time::Duration::days(1);
    let catalog = ValidCatalog::from_catalog(catalog, "test".into()).expect("valid");
    let matches = Matcher::new(&catalog, &profile, standing(Grade::A)).run(&Query::default());
    assert_eq!(matches.not_offered, 2);
    assert!(matches.results.iter().all(|r| r.index > 1));
}

/// Changes `profile` (and the grade) so that `rule` holds, moving each figure only in the
/// direction the rule asks for, and keeps the profile valid. `None` for rules whose relaxation
/// is not monotone (an upper revenue bound).
fn relax(rule: &Eligibility, p: &mut MerchantProfile, grade: &mut Grade) -> Option<()> {
    match rule {
        Eligibility::All(rules) => {
            for rule in rules {
                relax(rule, p, grade)?;
            }
        }
        Eligibility::Any(rules) => relax(rules.first()?, p, grade)?,
        Eligibility::RegionIn(prefixes) => {
            let prefix = prefixes.first()?;
            p.location.region = format!("{prefix:0<6}").replace("0000", "0101");
        }
        Eligibility::IndustryIn(codes) => p.business.industry = codes.codes().first()?.clone(),
        Eligibility::IndustryNotIn(codes) => {
            p.business.industry = ["52", "62", "13"]
                .iter()
                .find(|c| !codes.codes().contains(&c.to_string()))?
                .to_string();
        }
        Eligibility::LegalFormIn(forms) => {
            p.business.legal_form = *forms.first()?;
            p.business.credit_code = None;
        }
        Eligibility::SettingIs(setting) => p.location.setting = *setting,
        Eligibility::MinMonthsInOperation(months) => trade_for(p, i64::from(*months)),
        Eligibility::MinOwnerExperienceYears(years) => {
            p.owner.industry_experience_years =
                p.owner.industry_experience_years.max(i64::from(*years));
        }
        Eligibility::MonthlyRevenue { min_minor, .. } => {
            let facts = Facts::new(p, *grade);
            if facts.average_revenue_minor >= *min_minor {
                return None;
            }
            for month in &mut p.revenue.monthly_minor {
                *month = (*month).max(*min_minor);
            }
            if p.revenue.monthly_minor.is_empty() {
                return None;
            }
        }
        Eligibility::MaxGrade(max) => *grade = (*grade).min(*max),
        Eligibility::TaxRatingIn(ratings) => p.tax.credit_rating = *ratings.first()?,
        Eligibility::MinTaxMonthsFiled(months) => {
            trade_for(p, i64::from(*months));
            p.tax.months_filed_last_12 = p.tax.months_filed_last_12.max(i64::from(*months));
        }
        Eligibility::NoTaxArrears | Eligibility::TaxArrearsSettledOrPlanned => {
            p.tax.arrears_minor = 0
        }
        Eligibility::NoUtilityArrears | Eligibility::UtilityArrearsSettledOrPlanned => {
            p.utility.arrears_minor = 0
        }
        Eligibility::MaxMonthsInOperation(_) => return None,
        Eligibility::MaxLateUtilityPayments(count) => {
            p.utility.late_payments_last_12 =
                p.utility.late_payments_last_12.min(i64::from(*count));
        }
        Eligibility::MinSocialInsuranceMonths(months) => {
            trade_for(p, i64::from(*months));
            p.social_insurance.months_paid_last_12 = p
                .social_insurance
                .months_paid_last_12
                .max(i64::from(*months));
            p.social_insurance.insured_staff = p.social_insurance.insured_staff.max(1);
        }
        Eligibility::NoSocialInsuranceArrears => p.social_insurance.arrears_minor = 0,
        Eligibility::NoCourtJudgements => p.court.unsatisfied_judgements = 0,
        Eligibility::NotBlacklisted => p.court.list_status = ListStatus::None,
        Eligibility::MaxDebtServicePct(pct) => {
            let average = Facts::new(p, *grade).average_revenue_minor;
            let allowed = average * i64::from(*pct) / 100;
            p.debts.monthly_repayment_minor = p.debts.monthly_repayment_minor.min(allowed);
        }
        Eligibility::MaxLenders(count) => {
            let count = i64::from(*count);
            if p.debts.lenders > count {
                p.debts.lenders = count;
                if count == 0 {
                    p.debts.outstanding_minor = 0;
                    p.debts.monthly_repayment_minor = 0;
                }
            }
        }
        Eligibility::CollateralRequired { min_cover_pct, .. } => {
            let need = (p.loan.amount_minor * i64::from(*min_cover_pct) + 99) / 100;
            p.collateral.real_estate_value_minor = p.collateral.real_estate_value_minor.max(need);
        }
        Eligibility::GuarantorIn(guarantors) => p.guarantor = *guarantors.first()?,
    }
    Some(())
}

/// Makes the business at least `months` old, with a full year of revenue where that is due
/// (the added months at the current average rounded up, so the average never falls).
fn trade_for(p: &mut MerchantProfile, months: i64) {
    if p.business.months_in_operation >= months {
        return;
    }
    p.business.months_in_operation = months;
    p.business.registered_on =
        time::Date::from_calendar_date(1990, time::Month::January, 1).expect("date");
    let wanted = months.min(12) as usize;
    let revenue = &mut p.revenue.monthly_minor;
    if revenue.len() < wanted {
        let average = if revenue.is_empty() {
            0
        } else {
            (revenue.iter().sum::<i64>() + revenue.len() as i64 - 1) / revenue.len() as i64
        };
        let missing = wanted - revenue.len();
        revenue.splice(0..0, std::iter::repeat_n(average, missing));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Relaxing the input a failed rule reads (and nothing else) makes that rule pass, makes no
    /// passing rule fail, and never moves the product to a worse status.
    #[test]
    fn relaxing_a_failed_rule_never_makes_a_product_less_eligible(
        which in 0usize..400, grade in 0usize..7, arrears in any::<bool>(), judgements in any::<bool>(),
        black in any::<bool>(), rating in 0usize..6, lenders in 0i64..8, picks in prop::collection::vec(0usize..336, 12),
    ) {
        let catalog = shipped();
        let base = strong();
        let mut p = generated_profiles::generate(&base, 400).swap_remove(which);
        if arrears { p.tax.arrears_minor = 10_000; p.social_insurance.arrears_minor = 5_000; }
        if judgements { p.court.unsatisfied_judgements = 1; }
        if black { p.court.list_status = ListStatus::BlackList; }
        p.tax.credit_rating = [TaxCreditRating::A, TaxCreditRating::B, TaxCreditRating::M, TaxCreditRating::C, TaxCreditRating::D, TaxCreditRating::Unrated][rating];
        p.debts.lenders = lenders.max(1);
        let grade = Grade::ALL[grade];
        let valid = p.validate().expect("generated profiles are valid");
        let matcher = Matcher::new(&catalog, &valid, standing(grade));
        for index in picks {
            let before = matcher.decide(index);
            let product = &catalog.catalog().products[index];
            for (i, rule) in product.rules().iter().enumerate() {
                let bit = 1u64 << (3 + i);
                if before.failed & bit == 0 {
                    continue;
                }
                let (mut relaxed, mut relaxed_grade) = (p.clone(), grade);
                if relax(rule, &mut relaxed, &mut relaxed_grade).is_none() {
                    continue;
                }
                let relaxed = relaxed.validate().unwrap_or_else(|e| panic!("relaxing {rule:?} broke the profile: {e}"));
                let after = Matcher::new(&catalog, &relaxed, standing(relaxed_grade)).decide(index);
                prop_assert_eq!(after.failed & bit, 0, "{} still fails {:?}", product.id, rule);
                prop_assert_eq!(after.failed & !before.failed, 0, "{}: relaxing {:?} broke another rule", product.id, rule);
                prop_assert!(after.status <= before.status, "{}: {:?} -> {:?}", product.id, before.status, after.status);
            }
        }
    }
}

/// Golden report: the strong sample against the shipped catalog. The file, written by
/// `prequal-text`'s tests (`PREQUAL_BLESS=1`), also holds the words; the core's own JSON must
/// be that file without them, value for value. The browser tests compare the wasm engine's
/// report with the whole file.
#[test]
fn golden_report_of_the_strong_sample() {
    fn without_words(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                for words in ["text", "fix", "changes"] {
                    map.remove(words);
                }
                map.values_mut().for_each(without_words);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(without_words),
            _ => {}
        }
    }
    let catalog = shipped();
    let profile = strong().validate().expect("valid");
    let model = Model::shipped();
    let standing = Standing::from_assessment(&model.assess(&profile));
    let report = Matcher::new(&catalog, &profile, standing)
        .with_model(model)
        .report(&Query::default(), 20, false);
    let actual = serde_json::to_value(&report).expect("serialises");
    let path = format!(
        "{}/tests/golden/strong.match.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("golden file")).expect("json");
    without_words(&mut expected);
    assert_eq!(actual, expected, "the report differs from {path}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Matching decides on the compiled catalog; explanations read the catalog as written. Both
    /// must agree on every rule of every product.
    #[test]
    fn the_compiled_catalog_decides_every_rule_as_written(
        which in 0usize..400, grade in 0usize..7, rating in 0usize..6, guarantor in 0usize..4,
        legal in 0usize..5, rural in any::<bool>(), region in 0usize..6,
    ) {
        let catalog = shipped();
        let mut p = generated_profiles::generate(&strong(), 400).swap_remove(which);
        p.tax.credit_rating = [TaxCreditRating::A, TaxCreditRating::B, TaxCreditRating::M, TaxCreditRating::C, TaxCreditRating::D, TaxCreditRating::Unrated][rating];
        p.guarantor = [Guarantor::None, Guarantor::Individual, Guarantor::Company, Guarantor::GovernmentGuaranteeFund][guarantor];
        p.business.legal_form = [LegalForm::IndividualBusiness, LegalForm::SoleProprietorship, LegalForm::Partnership, LegalForm::LimitedCompany, LegalForm::FarmersCooperative][legal];
        p.business.credit_code = None;
        p.location.setting = if rural { Setting::Rural } else { Setting::Urban };
        p.location.region = ["330106", "440305", "110101", "510104", "650102", "320583"][region].into();
        let grade = Grade::ALL[grade];
        let valid = p.validate().expect("valid");
        let matcher = Matcher::new(&catalog, &valid, standing(grade));
        let facts = Facts::new(valid.profile(), grade);
        for (index, product) in catalog.catalog().products.iter().enumerate() {
            let decided = matcher.decide(index);
            for (i, rule) in product.rules().iter().enumerate() {
                let compiled_fails = decided.failed & (1 << (3 + i)) != 0;
                prop_assert_eq!(compiled_fails, !rule.holds(&facts), "{} rule {:?}", product.id, rule);
            }
            let serves = catalog.institution_of(index).serves(&valid.profile().location.region);
            prop_assert_eq!(decided.failed & 1 == 0, serves, "{} region", product.id);
        }
    }
}

#[test]
fn region_rules_compile_to_prefix_checks() {
    let mut data = shipped().catalog().clone();
    let product = &mut data.products[0];
    let Eligibility::All(rules) = &mut product.eligibility else {
        panic!("root all")
    };
    rules.push(Eligibility::RegionIn(codes(&["3301", "44"])));
    product.required_fields.push("location.region".into());
    product.required_fields.sort();
    product.required_fields.dedup();
    let catalog = ValidCatalog::from_catalog(data, "test".into()).expect("valid");
    let bit = 1u64 << (3 + catalog.catalog().products[0].rules().len() - 1);
    for (region, inside) in [
        ("330106", true),
        ("330206", false),
        ("440305", true),
        ("110101", false),
    ] {
        let mut p = strong();
        p.location.region = region.into();
        let valid = p.validate().expect("valid");
        let decided = Matcher::new(&catalog, &valid, standing(Grade::A)).decide(0);
        assert_eq!(decided.failed & bit == 0, inside, "{region}");
    }
}

/// Whether product `index` is eligible for `profile`, scored with the shipped model.
fn eligible_for(catalog: &ValidCatalog, profile: &MerchantProfile, index: usize) -> bool {
    let Ok(valid) = profile.validate() else {
        return false;
    };
    let model = Model::shipped();
    let standing = Standing::from_assessment(&model.assess(&valid));
    Matcher::new(catalog, &valid, standing).decide(index).status == Status::Eligible
}

/// The path property: taking a product's path makes it eligible (the profile stays valid),
/// and no strictly smaller set of its steps does.
fn assert_paths_hold(catalog: &ValidCatalog, profile: &MerchantProfile) -> usize {
    let valid = profile.validate().expect("valid");
    let model = Model::shipped();
    let standing = Standing::from_assessment(&model.assess(&valid));
    let matcher = Matcher::new(catalog, &valid, standing).with_model(model);
    let mut checked = 0;
    for result in matcher.run(&Query::default()).results {
        let Some(path) = &result.path else { continue };
        let changed = path.apply(profile);
        assert!(
            eligible_for(catalog, &changed, result.index),
            "{}: taking {:?} does not make it eligible",
            catalog.catalog().products[result.index].id,
            path.steps
        );
        let n = path.steps.len();
        for mask in 0..(1u32 << n) - 1 {
            let fewer = Path::new(
                (0..n)
                    .filter(|bit| mask & (1 << bit) != 0)
                    .map(|bit| path.steps[bit].clone())
                    .collect(),
            );
            assert!(
                !eligible_for(catalog, &fewer.apply(profile), result.index),
                "{}: {:?} is enough, the path asks for {:?}",
                catalog.catalog().products[result.index].id,
                fewer.steps,
                path.steps
            );
        }
        checked += 1;
    }
    checked
}

#[test]
fn paths_of_the_sample_profiles_are_sufficient_and_minimal() {
    let catalog = shipped();
    for name in ["strong", "weak", "new-business"] {
        let text = std::fs::read_to_string(format!(
            "{}/examples/profiles/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("sample");
        let profile = profile::from_json(&text).expect("parses");
        let checked = assert_paths_hold(&catalog, &profile);
        assert!(checked > 0, "{name}: some product has a path");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The path property on the weak sample moved around: arrears, late bills, months of
    /// trading and of tax filed, lenders owed.
    #[test]
    fn paths_are_sufficient_and_minimal(
        tax in prop_oneof![Just(0i64), 1i64..2_000_000],
        power in prop_oneof![Just(0i64), 1i64..200_000],
        late in 0i64..6,
        months in 6i64..60,
        filed in 0i64..13,
        lenders in 0i64..6,
    ) {
        let text = std::fs::read_to_string(format!(
            "{}/examples/profiles/weak.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("sample");
        let mut p = profile::from_json(&text).expect("parses");
        p.tax.arrears_minor = tax;
        p.utility.arrears_minor = power;
        p.utility.late_payments_last_12 = late;
        trade_for(&mut p, months);
        p.business.months_in_operation = months;
        p.tax.months_filed_last_12 = filed.min(months);
        p.debts.lenders = lenders;
        if lenders == 0 {
            p.debts.outstanding_minor = 0;
            p.debts.monthly_repayment_minor = 0;
        }
        prop_assume!(p.validate().is_ok());
        assert_paths_hold(&shipped(), &p);
    }
}

/// The weak sample's what-if: the first thing offered is the quickest set of steps that opens
/// products — paying its two arrears now, with a government guarantee that takes weeks — and a
/// longer path (bills paid on time too) lifts its grade to F; no step out of its hands is
/// offered. (Grade G with no product open now: without the real-estate leak the model rates
/// this shop's small revolving line at about 34 in 100.)
#[test]
fn what_if_offers_the_weak_sample_steps_it_can_take_now() {
    let catalog = shipped();
    let text = std::fs::read_to_string(format!(
        "{}/examples/profiles/weak.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("sample");
    let valid = profile::from_json(&text)
        .expect("parses")
        .validate()
        .expect("valid");
    let model = Model::shipped();
    let standing = Standing::from_assessment(&model.assess(&valid));
    let matcher = Matcher::new(&catalog, &valid, standing).with_model(model);
    let matches = matcher.run(&Query::default());
    let outcomes = matcher.what_if(&matches);
    let first = outcomes.first().expect("something to do");
    assert_eq!(first.effort, prequal::path::Effort::Weeks);
    assert_eq!(
        first.steps,
        [
            Step::PayUtilityArrears {
                amount_minor: 65_000
            },
            Step::PayTaxArrears {
                amount_minor: 320_000
            },
            Step::AddGuarantor {
                guarantor: prequal::profile::Guarantor::GovernmentGuaranteeFund
            }
        ]
    );
    assert!(first.opens >= 3, "{} opened", first.opens);
    assert!(
        outcomes
            .iter()
            .any(|o| o.grade == Grade::F && o.opens > first.opens),
        "a longer path lifts the grade and opens more"
    );
    assert!(outcomes.iter().all(|o| o
        .steps
        .iter()
        .all(|s| s.effort() != prequal::path::Effort::NotInHands)));
}

/// Every disclosure itemises its cost (the 贷款明白纸): the items sum to the cost of credit,
/// what the merchant receives is the amount less what is paid when the loan is made, and a
/// product's own fees are among the items — for every product the strong sample can apply for.
#[test]
fn disclosures_itemise_the_whole_cost() {
    let catalog = shipped();
    let profile = strong().validate().expect("valid");
    let model = Model::shipped();
    let standing = Standing::from_assessment(&model.assess(&profile));
    let matcher = Matcher::new(&catalog, &profile, standing).with_model(model);
    let report = matcher.report(&Query::default(), 0, false);
    let mut with_fees = 0;
    for product in report
        .products
        .iter()
        .filter(|p| p.status == Status::Eligible)
    {
        let d = product
            .disclosure
            .as_ref()
            .expect("eligible products disclose");
        let items: i64 = d.cost_items.iter().map(|i| i.amount_minor).sum();
        assert_eq!(items, d.cost_of_credit_minor, "{}", product.id);
        assert_eq!(d.cost_items[0].fee, None, "interest first");
        assert!(d.amount_received_minor <= d.amount_minor);
        assert!(d.effective_annual_rate >= d.apr - 1e-12, "{}", product.id);
        let listed = catalog
            .catalog()
            .products
            .iter()
            .find(|p| p.id == product.id)
            .expect("in the catalog");
        for fee in &listed.pricing.fees {
            assert!(
                d.cost_items.iter().any(|i| i.fee == Some(fee.kind)),
                "{}: {:?}",
                product.id,
                fee.kind
            );
            with_fees += 1;
        }
    }
    assert!(with_fees > 0, "some eligible product has itemised fees");
}

/// The shipped catalog's bytes with the start-up guarantee loan's JSON edited by `change`.
fn start_up_loan_changed(change: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let mut value: serde_json::Value = serde_json::from_slice(SHIPPED).expect("JSON");
    let product = value["products"]
        .as_array_mut()
        .expect("products")
        .iter_mut()
        .find(|p| p["id"] == "inst-003-guarantee-4")
        .expect("the start-up guarantee loan");
    change(product);
    serde_json::to_vec(&value).expect("JSON")
}

/// The new-business sample's start-up guarantee loan, from a catalog whose JSON `change` edits
/// (its subsidies first), and its disclosure.
fn start_up_loan(change: impl FnOnce(&mut serde_json::Value)) -> prequal::matching::Disclosure {
    let catalog = ValidCatalog::from_json(&start_up_loan_changed(change)).expect("valid");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/profiles/new-business.json"
    ))
    .expect("example profile");
    let profile = profile::from_json(&text)
        .expect("parses")
        .validate()
        .expect("valid");
    let model = Model::shipped();
    let matcher = Matcher::new(
        &catalog,
        &profile,
        Standing::from_assessment(&model.assess(&profile)),
    )
    .with_model(model);
    let (index, _) = catalog
        .product("inst-003-guarantee-4")
        .expect("in the catalog");
    matcher
        .explain(&matcher.decide(index))
        .disclosure
        .expect("the new business can apply for it")
}

/// A subsidy is itemised with who pays it, what it is worth over the term and how it reaches
/// the merchant: taken off the rate it lowers what is charged and worth the interest between
/// the two rates; refunded it is charged first and the cost after refunds is lower by it.
#[test]
fn subsidies_say_who_pays_what_and_refunds_are_counted_apart() {
    let interest_at = |d: &prequal::matching::Disclosure, rate_bp: i64| {
        prequal::schedule::LoanTerms {
            principal_minor: d.amount_minor,
            annual_rate_bp: rate_bp,
            term_months: d.term_months,
            repayment: prequal::schedule::Repayment::EqualInstalment,
            first_payment_month: 1,
            upfront_fee_minor: 0,
            monthly_fee_minor: 0,
            grace_months: 3,
            scheduled_fees: Vec::new(),
        }
        .schedule()
        .expect("schedules")
        .total_interest_minor
    };
    let reduced = start_up_loan(|_| {});
    assert_eq!(reduced.subsidies.len(), 1);
    let subsidy = &reduced.subsidies[0];
    assert_eq!(subsidy.kind, prequal::catalog::SubsidyKind::Interest);
    assert_eq!(subsidy.paid_by, prequal::catalog::Payer::LocalFinance);
    assert_eq!(
        subsidy.delivery,
        prequal::catalog::SubsidyDelivery::ReducedCharge
    );
    assert!(subsidy.conditions.zh.contains("按期还款"));
    let rate = i64::from(reduced.annual_rate_bp);
    assert_eq!(reduced.total_interest_minor, interest_at(&reduced, rate));
    let bp = {
        let value: serde_json::Value = serde_json::from_slice(SHIPPED).expect("JSON");
        value["products"]
            .as_array()
            .expect("products")
            .iter()
            .find(|p| p["id"] == "inst-003-guarantee-4")
            .expect("listed")["pricing"]["subsidies"][0]["bp_per_year"]
            .as_i64()
            .expect("bp")
    };
    assert_eq!(
        subsidy.amount_minor,
        interest_at(&reduced, rate + bp) - interest_at(&reduced, rate)
    );
    assert_eq!(
        reduced.cost_after_refunds_minor,
        reduced.cost_of_credit_minor
    );

    // The same subsidy refunded after each quarter: the full rate is charged, and comes back.
    let refunded = start_up_loan(|p| p["pricing"]["subsidies"][0]["delivery"] = "refunded".into());
    assert_eq!(i64::from(refunded.annual_rate_bp), rate + bp);
    let back = refunded.subsidies[0].amount_minor;
    assert_eq!(back, subsidy.amount_minor, "worth the same either way");
    assert!(refunded.cost_of_credit_minor > reduced.cost_of_credit_minor);
    assert_eq!(
        refunded.cost_after_refunds_minor,
        refunded.cost_of_credit_minor - back
    );
    assert!(refunded.effective_annual_rate > reduced.effective_annual_rate);

    // Subsidies that pay more than the rate, or an interest subsidy said twice, are refused.
    let refused = |change: &dyn Fn(&mut serde_json::Value)| {
        ValidCatalog::from_json(&start_up_loan_changed(change))
            .map(|_| ())
            .expect_err("refused")
            .errors
            .iter()
            .any(|e| e.path.ends_with("pricing.subsidies") || e.path.contains("pricing.subsidies["))
    };
    assert!(refused(
        &|p| p["pricing"]["subsidies"][0]["bp_per_year"] = 5000.into()
    ));
    assert!(refused(
        &|p| p["programme"]["interest_subsidy_bp"] = 10.into()
    ));
    assert!(refused(
        &|p| p["pricing"]["subsidies"][0]["conditions"]["zh"] = " ".into()
    ));
    assert!(refused(
        &|p| p["pricing"]["subsidies"][0]["kind"] = "guarantee_fee".into()
    ));
}
