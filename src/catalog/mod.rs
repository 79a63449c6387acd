//! The product catalog: lending institutions and their small-business loan products, with
//! pricing by risk grade and eligibility rules as data (see `docs/catalog.md` for the format
//! and its mapping to the UK Open Banking *SME Loan* and Australian CDR product schemas).
//!
//! A catalog is read from its exact file bytes ([`ValidCatalog::from_json`]): the SHA-256 of
//! those bytes is the catalog's identity, cited by consent bundles, and what a portal
//! operator's signature covers ([`crate::jws`]). Reading checks the structure (naming the
//! JSON path of the first problem) and then every value rule (reporting all problems at once).

mod check;
mod compiled;
pub mod eligibility;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use time::Date;

pub use check::{CatalogError, CatalogErrors, Problem, MAX_RULE_DEPTH};
pub use compiled::MAX_TOP_LEVEL_RULES;
pub(crate) use compiled::{CompactProduct, Subject};
pub use eligibility::{Check, CollateralAssets, Eligibility, Explanation, Facts};

use crate::profile::iso_date;
pub use crate::scorecard::Grade;
use crate::scorecard::Label;

/// For `skip_serializing_if`: members left out when unset, so catalogs written before they
/// existed keep their bytes.
fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn is_false(flag: &bool) -> bool {
    !flag
}

/// The catalog format this version reads.
pub const FORMAT: &str = "prequal.catalog/1";

/// The largest catalog file accepted: room for tens of thousands of products.
pub const MAX_CATALOG_BYTES: usize = 64 * 1024 * 1024;

/// The whole catalog file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// [`FORMAT`].
    pub format: String,
    /// The publisher's version of this catalog, e.g. `2026.11.1`.
    pub version: String,
    /// When this version was published.
    #[serde(with = "iso_date")]
    pub published_on: Date,
    /// Illustrative data, not real offers: every screen must say so.
    pub sample: bool,
    /// Who publishes the catalog and on what terms, shown with the products.
    pub notice: Label,
    /// Lenders.
    pub institutions: Vec<Institution>,
    /// Loan products.
    pub products: Vec<Product>,
}

/// A lender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Institution {
    /// Stable identifier, referenced by products and consent bundles.
    pub id: String,
    /// Name in both languages.
    pub name: Label,
    /// Kind of lender.
    pub kind: InstitutionKind,
    /// Lends across the country.
    pub nationwide: bool,
    /// GB/T 2260 region prefixes served when not nationwide.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Public website (https).
    pub website: String,
    /// Customer service telephone.
    pub phone: String,
    /// Who the institution is as a personal-information handler and how it keeps and deletes
    /// what it receives: what a `prequal.consent/2` bundle names (PIPL arts. 17, 23). A bundle
    /// to an institution without it can only be a `prequal.consent/1` one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_protection: Option<DataProtection>,
    /// The key the institution signs its answers to bundles with (`response::Response`), as a
    /// `did:key`: the merchant's device shows an answer only once it verifies under this key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_key: Option<String>,
}

/// An institution's data-protection particulars (PIPL arts. 17, 23, 47, 52).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataProtection {
    /// The registered legal name of the handler (at most 100 characters).
    pub legal_name: String,
    /// The personal-information protection contact (PIPL art. 52): an e-mail address or a
    /// telephone number.
    pub contact: String,
    /// Where a merchant sends a revocation to withdraw consent (https): the institution's
    /// inbox `…/v1/revocations`.
    pub withdrawal_url: String,
    /// Days the institution keeps what it received once it declines the application, the
    /// merchant withdraws or the consent expires without a loan (1–3650). A granted loan's
    /// contract governs the rest.
    pub retention_days: u32,
}

/// Kinds of lender on the Chinese SME-finance platforms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstitutionKind {
    /// Large state-owned commercial bank (国有大型商业银行).
    StateOwnedBank,
    /// Joint-stock commercial bank (股份制商业银行).
    JointStockBank,
    /// City commercial bank (城市商业银行).
    CityCommercialBank,
    /// Rural commercial bank or credit cooperative (农村商业银行).
    RuralCommercialBank,
    /// Village or township bank (村镇银行).
    VillageBank,
    /// Private online bank (民营互联网银行).
    OnlineBank,
    /// Licensed microcredit company (小额贷款公司).
    MicrocreditCompany,
}

/// A loan product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// Stable identifier, unique in the catalog.
    pub id: String,
    /// The lending institution's id.
    pub institution: String,
    /// Name in both languages.
    pub name: Label,
    /// What secures or underlies the loan.
    pub kind: ProductKind,
    /// One or two sentences in both languages.
    pub description: Label,
    /// Amounts lent.
    pub amount: AmountRule,
    /// Terms offered, in months.
    pub term_months: TermRange,
    /// Repayment types offered, the lender's default first.
    pub repayment: Vec<RepaymentType>,
    /// Calendar months (1–12) principal falls due in under seasonal repayment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seasonal_months: Vec<u8>,
    /// Months at the start with interest only under equal instalment or equal principal (a
    /// grace period on principal, 宽限期); fewer than the shortest term.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub grace_months: u32,
    /// 无还本续贷: at maturity a merchant in good standing may renew without first repaying the
    /// principal (the policy of CBIRC 2014 No. 36 and its successors).
    #[serde(default, skip_serializing_if = "is_false")]
    pub renewal_without_repayment: bool,
    /// Rates by grade and fees.
    pub pricing: Pricing,
    /// Early repayment terms.
    pub prepayment: Prepayment,
    /// The highest probability of default the product is designed for, basis points: the
    /// lender's risk appetite, against which approval odds are judged.
    pub risk_appetite_bp: u32,
    /// Who may apply.
    pub eligibility: Eligibility,
    /// Profile fields (paths as in [`crate::profile::FIELDS`]) the lender needs in a consent
    /// bundle; they include every field the eligibility rules read.
    pub required_fields: Vec<String>,
    /// First day the product is offered.
    #[serde(with = "iso_date")]
    pub valid_from: Date,
    /// Last day the product is offered.
    #[serde(with = "iso_date")]
    pub valid_until: Date,
    /// The public scheme the product belongs to, when it does: who carries the risk, what the
    /// guarantee costs and what the government pays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<Programme>,
}

/// A public lending scheme a product belongs to (see `docs/catalog.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// Which scheme.
    pub scheme: Scheme,
    /// The guarantee fee, basis points of the amount a year (at most 100: government financing
    /// guarantors charge 1 %/yr or less), before the guarantee-fee subsidies listed in the
    /// product's `pricing.subsidies` (none listed: what the borrower pays).
    #[serde(default)]
    pub guarantee_fee_bp: u32,
    /// The part of the rate the government pays (贴息), basis points a year: the borrower pays
    /// the grade's rate less this, never below zero. The shorthand of catalogs before
    /// `pricing.subsidies`, which says who pays and on what conditions; a product gives one
    /// or the other.
    #[serde(default)]
    pub interest_subsidy_bp: u32,
}

/// Public lending schemes for small and micro businesses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    /// 创业担保贷款: guaranteed by a government fund, interest subsidised, for businesses in
    /// their first years; caps set by each locality.
    EntrepreneurshipGuarantee,
    /// 政府性融资担保: a government financing guarantor takes most of the risk for a fee of at
    /// most 1 %/yr.
    GovernmentGuarantee,
    /// 首贷: for businesses that have never borrowed from a bank.
    FirstLoan,
    /// 小额信用贷 for 个体工商户: small unsecured loans on the business's own records.
    MicroCredit,
    /// 信用村 / 整村授信: credit lines granted to the households and shops of a rated village.
    VillageCredit,
}

serial_names! {
    SubsidyKind {
        Interest => "interest",
        GuaranteeFee => "guarantee_fee",
    }
    Payer {
        CentralFinance => "central_finance",
        LocalFinance => "local_finance",
        GuaranteeFund => "guarantee_fund",
        Lender => "lender",
    }
    SubsidyDelivery {
        ReducedCharge => "reduced_charge",
        Refunded => "refunded",
    }
    Scheme {
        EntrepreneurshipGuarantee => "entrepreneurship_guarantee",
        GovernmentGuarantee => "government_guarantee",
        FirstLoan => "first_loan",
        MicroCredit => "micro_credit",
        VillageCredit => "village_credit",
    }
    RepaymentType {
        EqualInstalment => "equal_instalment",
        EqualPrincipal => "equal_principal",
        InterestOnlyBalloon => "interest_only_balloon",
        Seasonal => "seasonal",
        BulletAtMaturity => "bullet_at_maturity",
        QuarterlyInterest => "quarterly_interest",
        RevolvingLine => "revolving_line",
    }
    RateType { Fixed => "fixed", Variable => "variable" }
    FeeKind {
        Arrangement => "arrangement",
        Guarantee => "guarantee",
        Appraisal => "appraisal",
        Notary => "notary",
        Registration => "registration",
        Insurance => "insurance",
        Account => "account",
    }
    Charger {
        Lender => "lender",
        GuaranteeInstitution => "guarantee_institution",
        Appraiser => "appraiser",
        Notary => "notary",
        Registry => "registry",
        Insurer => "insurer",
    }
    FeeTiming {
        Upfront => "upfront",
        Monthly => "monthly",
        Yearly => "yearly",
        AtMaturity => "at_maturity",
    }
    CollateralAssets { RealEstate => "real_estate", Any => "any" }
}

/// Product kinds, as the public SME-finance platforms group them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProductKind {
    /// Unsecured credit loan (信用贷), often on tax or utility data.
    Credit,
    /// Secured on real estate or other assets (抵押贷).
    Collateral,
    /// Backed by a guarantor, often a government guarantee fund (担保贷).
    Guarantee,
    /// Against a government procurement contract (政采贷).
    GovernmentProcurement,
    /// Against trade with a large buyer or supplier (供应链金融).
    SupplyChain,
    /// Repaid after a harvest or sales season (季节贷).
    Seasonal,
    /// Secured on patents or trademarks (知识产权质押贷).
    IpPledge,
    /// Against invoices receivable (发票贷).
    Invoice,
}

impl ProductKind {
    /// Every kind.
    pub const ALL: [ProductKind; 8] = [
        ProductKind::Credit,
        ProductKind::Collateral,
        ProductKind::Guarantee,
        ProductKind::GovernmentProcurement,
        ProductKind::SupplyChain,
        ProductKind::Seasonal,
        ProductKind::IpPledge,
        ProductKind::Invoice,
    ];

    /// The name as written in the catalog.
    pub fn name(self) -> &'static str {
        match self {
            ProductKind::Credit => "credit",
            ProductKind::Collateral => "collateral",
            ProductKind::Guarantee => "guarantee",
            ProductKind::GovernmentProcurement => "government-procurement",
            ProductKind::SupplyChain => "supply-chain",
            ProductKind::Seasonal => "seasonal",
            ProductKind::IpPledge => "ip-pledge",
            ProductKind::Invoice => "invoice",
        }
    }
}

/// Amounts lent: a fixed range, optionally capped by revenue or by security value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmountRule {
    /// Smallest loan, minor units.
    pub min_minor: i64,
    /// Largest loan, minor units.
    pub max_minor: i64,
    /// Limit as a percentage of average monthly revenue (300 = three months' sales).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revenue_limit_pct: Option<u32>,
    /// Limit as a percentage of pledged assets' value (the loan-to-value ratio).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collateral_limit_pct: Option<u32>,
}

/// A range of terms, in months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermRange {
    /// Shortest.
    pub min: u32,
    /// Longest.
    pub max: u32,
}

/// Repayment types (the calculator's [`crate::schedule::Repayment`] without its parameters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepaymentType {
    /// 等额本息.
    EqualInstalment,
    /// 等额本金.
    EqualPrincipal,
    /// Interest monthly, principal at the end.
    InterestOnlyBalloon,
    /// Principal in the product's seasonal months.
    Seasonal,
    /// 利随本清: principal and interest together at maturity.
    BulletAtMaturity,
    /// 按季付息到期还本: interest every quarter, principal at maturity.
    QuarterlyInterest,
    /// 随借随还: a revolving line, interest by the day on what is drawn.
    RevolvingLine,
}

impl RepaymentType {
    /// The schedule's repayment of this type for `product` (its seasonal months).
    pub fn repayment(self, product: &Product) -> crate::schedule::Repayment {
        use crate::schedule::Repayment;
        match self {
            RepaymentType::EqualInstalment => Repayment::EqualInstalment,
            RepaymentType::EqualPrincipal => Repayment::EqualPrincipal,
            RepaymentType::InterestOnlyBalloon => Repayment::InterestOnlyBalloon,
            RepaymentType::Seasonal => Repayment::Seasonal {
                months: product.seasonal_months.clone(),
            },
            RepaymentType::BulletAtMaturity => Repayment::BulletAtMaturity,
            RepaymentType::QuarterlyInterest => Repayment::QuarterlyInterest,
            RepaymentType::RevolvingLine => Repayment::RevolvingLine,
        }
    }

    /// The grace period `product` gives under this type: its own for the types that repay in
    /// instalments, none for the others.
    pub fn grace_months(self, product: &Product) -> u32 {
        if self.amortises() {
            product.grace_months
        } else {
            0
        }
    }

    /// Whether a grace period on principal applies to this type (it repays principal in
    /// instalments).
    pub fn amortises(self) -> bool {
        matches!(
            self,
            RepaymentType::EqualInstalment | RepaymentType::EqualPrincipal
        )
    }
}

/// Fixed or variable rate (variable rates float with the LPR).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RateType {
    /// Fixed for the term.
    Fixed,
    /// Reset with the loan prime rate.
    Variable,
}

/// Rates and fees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pricing {
    /// Fixed or variable.
    pub rate_type: RateType,
    /// Annual rate range for each grade the product prices, best grade first.
    pub rates: Vec<GradeRate>,
    /// Arrangement fee as basis points of the amount lent.
    #[serde(default)]
    pub upfront_fee_bp: u32,
    /// Account fee with every instalment, minor units.
    #[serde(default)]
    pub monthly_fee_minor: i64,
    /// Every other cost of the loan, itemised (the 综合融资成本清单): guarantee, appraisal,
    /// notary, registration, insurance, account fees — who charges each, how and when.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fees: Vec<Fee>,
    /// The parts of the cost someone else pays (贴息, 担保费补贴): who, how much, how it
    /// reaches the merchant and on what conditions. The rates above and a scheme's guarantee
    /// fee are before these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subsidies: Vec<Subsidy>,
}

/// The monthly share of `bp` a year of `principal`, rounded down (how a scheme's guarantee fee,
/// charged yearly, is spread over the months).
pub fn monthly_share(bp: u32, principal: i64) -> i64 {
    i64::try_from(i128::from(principal) * i128::from(bp) / 10_000 / 12).unwrap_or(0)
}

/// A part of a loan's cost paid by someone other than the borrower.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subsidy {
    /// What it pays part of.
    pub kind: SubsidyKind,
    /// Who pays it.
    pub paid_by: Payer,
    /// How much: basis points of the amount lent a year (off the rate for interest, off the
    /// scheme's guarantee fee for a guarantee fee), 1–1000.
    pub bp_per_year: u32,
    /// How it reaches the merchant.
    pub delivery: SubsidyDelivery,
    /// Who qualifies and what they must do (repay on time, apply each year, …), in both
    /// languages.
    pub conditions: crate::scorecard::Label,
}

/// What a subsidy pays part of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubsidyKind {
    /// The interest (贴息).
    Interest,
    /// A public scheme's guarantee fee (担保费补贴).
    GuaranteeFee,
}

/// Who pays a subsidy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Payer {
    /// The central government's budget (中央财政).
    CentralFinance,
    /// The provincial or local government's budget (地方财政).
    LocalFinance,
    /// A government guarantee or risk-compensation fund (担保基金、风险补偿基金).
    GuaranteeFund,
    /// The lender itself (a discount it funds).
    Lender,
}

/// How a subsidy reaches the merchant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubsidyDelivery {
    /// Taken off what the merchant is charged: the merchant pays the lower rate or fee.
    ReducedCharge,
    /// The merchant pays in full and is refunded afterwards (先付后补), if the conditions hold.
    Refunded,
}

impl Product {
    /// Basis points a year off the rate at the lender's counter: a scheme's subsidy and every
    /// interest subsidy taken off the charge (a refunded one is paid first, then returned).
    pub fn interest_reduction_bp(&self) -> u32 {
        self.programme.map_or(0, |p| p.interest_subsidy_bp)
            + self.subsidy_bp(SubsidyKind::Interest, SubsidyDelivery::ReducedCharge)
    }

    /// The scheme's guarantee fee the merchant is charged, basis points a year: the fee less
    /// the guarantee-fee subsidies taken off the charge.
    pub fn guarantee_fee_charged_bp(&self) -> u32 {
        self.programme
            .map_or(0, |p| p.guarantee_fee_bp)
            .saturating_sub(
                self.subsidy_bp(SubsidyKind::GuaranteeFee, SubsidyDelivery::ReducedCharge),
            )
    }

    /// The terms of a loan of this product: `principal_minor` at the rate charged
    /// (`annual_rate_bp`, after the subsidies taken off it) over `term_months`, repaid as
    /// `kind` from `first_payment_month`, with the lender's arrangement and account fees, the
    /// scheme's guarantee fee as charged (spread over the months), the grace period the type
    /// allows and every itemised fee at its month. What matching discloses and an officer's
    /// offer is priced with (`response::Offer::priced`).
    pub fn loan_terms(
        &self,
        kind: RepaymentType,
        principal_minor: i64,
        annual_rate_bp: i64,
        term_months: u32,
        first_payment_month: u8,
    ) -> crate::schedule::LoanTerms {
        crate::schedule::LoanTerms {
            principal_minor,
            annual_rate_bp,
            term_months,
            repayment: kind.repayment(self),
            first_payment_month,
            upfront_fee_minor: i64::try_from(
                i128::from(principal_minor) * i128::from(self.pricing.upfront_fee_bp) / 10_000,
            )
            .unwrap_or(0),
            monthly_fee_minor: self.pricing.monthly_fee_minor
                + monthly_share(self.guarantee_fee_charged_bp(), principal_minor),
            grace_months: kind.grace_months(self),
            scheduled_fees: self
                .pricing
                .fees
                .iter()
                .flat_map(|fee| fee.scheduled(principal_minor, term_months))
                .collect(),
        }
    }

    /// The subsidies of `kind` delivered as `delivery`, basis points a year together.
    pub fn subsidy_bp(&self, kind: SubsidyKind, delivery: SubsidyDelivery) -> u32 {
        self.pricing
            .subsidies
            .iter()
            .filter(|s| s.kind == kind && s.delivery == delivery)
            .map(|s| s.bp_per_year)
            .sum()
    }
}
/// One cost of a loan beside its interest, as the 综合融资成本清单 pilots itemise them: what it
/// is, who charges it, how it is reckoned and when it is paid. Exactly one basis is given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// What the fee is for.
    pub kind: FeeKind,
    /// Who charges it (the borrower pays every fee listed).
    pub charged_by: Charger,
    /// When it is paid.
    pub timing: FeeTiming,
    /// A fixed amount each time it is paid, minor units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flat_minor: Option<i64>,
    /// Basis points of the amount lent, each time it is paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bp_of_amount: Option<u32>,
    /// Basis points of the amount lent per year, paid as `timing` says (a yearly guarantee fee
    /// paid monthly is 1/12 of it each month).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bp_per_year: Option<u32>,
}

impl Fee {
    /// The fee's payments for a loan of `principal` over `term` months, each at its month (0:
    /// when the loan is made; k: with instalment k). A yearly rate paid monthly is a twelfth of
    /// it each month; paid once (upfront or at maturity) it is charged for the whole term.
    pub fn scheduled(
        &self,
        principal: i64,
        term: u32,
    ) -> impl Iterator<Item = crate::schedule::ScheduledFee> + '_ {
        let of = |bp: u32, numerator: i64, denominator: i64| {
            crate::schedule::div_round(
                i128::from(principal) * i128::from(bp) * i128::from(numerator),
                i128::from(denominator) * 10_000,
            )
        };
        let each = match (self.flat_minor, self.bp_of_amount, self.bp_per_year) {
            (Some(flat), _, _) => flat,
            (None, Some(bp), _) => of(bp, 1, 1),
            (None, None, Some(bp)) => match self.timing {
                FeeTiming::Monthly => of(bp, 1, 12),
                FeeTiming::Yearly => of(bp, 1, 1),
                FeeTiming::Upfront | FeeTiming::AtMaturity => of(bp, i64::from(term), 12),
            },
            (None, None, None) => 0,
        };
        // The months it falls in: first, last and the step between.
        let (first, last, step) = match self.timing {
            FeeTiming::Upfront => (0, 0, 1),
            FeeTiming::AtMaturity => (term, term, 1),
            FeeTiming::Monthly => (1, term, 1),
            FeeTiming::Yearly => (0, term.saturating_sub(1), 12),
        };
        (first..=last)
            .step_by(step)
            .map(move |month| crate::schedule::ScheduledFee {
                month,
                amount_minor: each,
            })
    }
}

/// What a fee is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeKind {
    /// Arrangement or service fee of the lender (手续费、服务费).
    Arrangement,
    /// Guarantee fee (担保费).
    Guarantee,
    /// Valuation of the collateral (评估费).
    Appraisal,
    /// Notarisation (公证费).
    Notary,
    /// Registration of the mortgage or pledge (抵押登记费).
    Registration,
    /// Insurance the loan requires (保险费).
    Insurance,
    /// Account or settlement fees (账户管理费).
    Account,
}

/// Who charges a fee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Charger {
    /// The lending institution.
    Lender,
    /// A guarantee institution (融资担保机构).
    GuaranteeInstitution,
    /// A valuation firm.
    Appraiser,
    /// A notary office.
    Notary,
    /// The real-estate or pledge registry.
    Registry,
    /// An insurer.
    Insurer,
}

/// When a fee is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeTiming {
    /// Once, when the loan is made (taken from what the merchant receives).
    Upfront,
    /// With every monthly payment.
    Monthly,
    /// Once a year, from the start of each year of the loan.
    Yearly,
    /// Once, with the last payment.
    AtMaturity,
}

/// The annual rate range offered to one grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeRate {
    /// The grade.
    pub grade: Grade,
    /// Lowest rate, basis points.
    pub min_bp: u32,
    /// Highest rate, basis points.
    pub max_bp: u32,
}

/// Early repayment terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prepayment {
    /// Whether the loan may be repaid early.
    pub allowed: bool,
    /// Fee on the amount repaid early, basis points.
    #[serde(default)]
    pub fee_bp: u32,
}

impl Product {
    /// The rate range for `grade`, if the product prices it.
    pub fn rate_for(&self, grade: Grade) -> Option<GradeRate> {
        self.pricing
            .rates
            .iter()
            .copied()
            .find(|rate| rate.grade == grade)
    }

    /// The top-level rules, each explained and counted separately: the members of a root
    /// `all`, or the root itself.
    pub fn rules(&self) -> &[Eligibility] {
        match &self.eligibility {
            Eligibility::All(rules) => rules,
            other => std::slice::from_ref(other),
        }
    }
}

impl Institution {
    /// Whether the institution lends in `region` (a six-digit GB/T 2260 code).
    pub fn serves(&self, region: &str) -> bool {
        self.nationwide
            || self
                .regions
                .iter()
                .any(|prefix| region.starts_with(prefix.as_str()))
    }
}

/// The shipped sample catalog (`models/catalog.json`), for verifiers that are given no catalog
/// of their own (the CLI, the inbox's default). Behind a feature so the browser builds, which
/// fetch the catalog at run time, do not carry it.
#[cfg(feature = "sample-catalog")]
pub const SAMPLE_CATALOG_JSON: &[u8] = include_bytes!("../../models/catalog.json");

/// A catalog that passed every check, with its identity and an index from institution id.
#[derive(Debug, Clone)]
pub struct ValidCatalog {
    catalog: Catalog,
    sha256: String,
    /// Index of each product's institution in `catalog.institutions`.
    institution_of: Vec<usize>,
    /// The same catalog laid out for fast matching.
    compiled: compiled::Compiled,
}

impl ValidCatalog {
    /// Reads and checks a catalog from its file bytes.
    pub fn from_json(bytes: &[u8]) -> Result<ValidCatalog, CatalogErrors> {
        let catalog = check::parse(bytes)?;
        Self::from_catalog(catalog, crate::sha256_hex(bytes))
    }

    /// Checks an already-parsed catalog; `sha256` is the hex SHA-256 of its file.
    pub fn from_catalog(catalog: Catalog, sha256: String) -> Result<ValidCatalog, CatalogErrors> {
        let errors = check::problems(&catalog);
        if !errors.is_empty() {
            return Err(CatalogErrors { errors });
        }
        let index: HashMap<&str, usize> = catalog
            .institutions
            .iter()
            .enumerate()
            .map(|(i, institution)| (institution.id.as_str(), i))
            .collect();
        // The checks above refuse dangling ids; this lookup only restates that for the index.
        let institution_of = catalog
            .products
            .iter()
            .enumerate()
            .map(|(i, product)| {
                index
                    .get(product.institution.as_str())
                    .copied()
                    .ok_or_else(|| {
                        CatalogError::new(
                            format!("products[{i}].institution"),
                            Problem::UnknownInstitution {
                                id: product.institution.clone(),
                            },
                        )
                    })
            })
            .collect::<Result<Vec<usize>, _>>()
            .map_err(|error| CatalogErrors {
                errors: vec![error],
            })?;
        let compiled = compiled::Compiled::new(&catalog, &institution_of);
        Ok(ValidCatalog {
            catalog,
            sha256,
            institution_of,
            compiled,
        })
    }

    /// The catalog.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Hex SHA-256 of the catalog file: its identity in consent bundles.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// The institution offering product number `index`.
    pub fn institution_of(&self, index: usize) -> &Institution {
        &self.catalog.institutions[self.institution_of[index]]
    }

    pub(crate) fn compiled(&self) -> &compiled::Compiled {
        &self.compiled
    }

    /// The product with this id, and its index.
    pub fn product(&self, id: &str) -> Option<(usize, &Product)> {
        self.catalog
            .products
            .iter()
            .enumerate()
            .find(|(_, product)| product.id == id)
    }
}
