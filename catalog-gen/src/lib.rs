//! Generates prequal's **sample** product catalog from stated assumptions, reproducibly: the
//! same [`Spec`] always gives the same bytes (a seeded ChaCha8 stream, no clock, no
//! environment). `cargo xtask catalog` writes `models/catalog.json` with [`Spec::shipped`];
//! `cargo xtask catalog --check` regenerates it and compares byte for byte; benchmarks use
//! [`Spec::with_products`] for a 10,000-product catalog.
//!
//! The assumptions (also in `docs/catalog.md`), taken from what the public provincial SME
//! finance platforms report:
//! - **Institutions** in the platforms' mix: 6 large state-owned banks and 9 joint-stock banks
//!   lending nationwide, 2 online banks, and city commercial, rural commercial and village
//!   banks each serving one province (village banks one prefecture). All names say "sample"
//!   (示例); none is a real lender.
//! - **Products** of the kinds the platforms list (credit on tax or power-bill data, collateral,
//!   guarantee, government procurement, supply chain, seasonal, IP pledge, invoice), eight per
//!   institution on average, each kind with the amounts, terms, repayment types and rules
//!   those products typically have.
//! - **Rates** from 3.85 % a year (the one-year LPR the platforms quote as their floor) for
//!   grade A at state banks, rising by institution type and product kind, by 0.6–1.2 points a
//!   grade, and never above 15.4 % (four times that LPR, the ceiling Chinese courts protect).
//! - **Risk appetite**: the highest PD of the worst grade a product accepts.
//! - **Public schemes for thin-file and weak merchants** ([`Scheme`]): every state-owned, city,
//!   rural and village bank and microcredit company offers one (its fourth product), rural and
//!   village banks a second (their seventh): micro credit for 个体工商户 (up to ¥100,000–
//!   200,000, grades A–F, a tax or power arrear accepted once a repayment plan is agreed),
//!   government financing guarantees (every grade, the guarantor takes the risk, fee 0.5–1 %/yr),
//!   entrepreneurship guaranteed loans (businesses under 3 years, no fee, half the rate
//!   subsidised, up to ¥300,000), first loans (no lender owed now) and village credit lines
//!   (rural individual businesses and cooperatives).

use prequal::catalog::eligibility::Industries;
use prequal::catalog::{
    AmountRule, Catalog, Charger, CollateralAssets, DataProtection, Eligibility, Fee, FeeKind,
    FeeTiming, Grade, GradeRate, Institution, InstitutionKind, Payer, Prepayment, Pricing, Product,
    ProductKind, Programme, RateType, RepaymentType, Scheme, Subsidy, SubsidyDelivery, SubsidyKind,
    TermRange, FORMAT,
};
use prequal::classification::region::PROVINCES;
use prequal::profile::{Guarantor, LegalForm, Setting, TaxCreditRating};
use prequal::scorecard::Label;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use time::{Date, Duration, Month};

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// Seed of the random stream.
    pub seed: u64,
    /// Catalog version string.
    pub version: String,
    /// Publication date.
    pub published_on: Date,
    /// Number of products; institutions scale with it (about eight products each).
    pub products: usize,
}

/// Highest rate generated, basis points: 4 × the 3.85 % one-year LPR.
pub const RATE_CEILING_BP: u32 = 1_540;
/// Lowest rate generated (grade A, state bank, best kind), basis points.
pub const RATE_FLOOR_BP: u32 = 385;

impl Spec {
    /// The catalog shipped in `models/catalog.json`: 336 products from 42 institutions.
    pub fn shipped() -> Spec {
        Spec::with_products(336)
    }

    /// A catalog of `products` products, otherwise as shipped.
    pub fn with_products(products: usize) -> Spec {
        Spec {
            seed: 20_261_101,
            version: "2026.11.1-sample".into(),
            published_on: Date::from_calendar_date(2026, Month::November, 1).unwrap_or(Date::MIN),
            products,
        }
    }
}

/// The catalog `spec` describes.
pub fn generate(spec: &Spec) -> Catalog {
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let institution_count = spec.products.div_ceil(8).max(1);
    let institutions: Vec<Institution> = (0..institution_count)
        .map(|i| institution(i, &mut rng))
        .collect();
    let products = (0..spec.products)
        .map(|i| {
            let index = i % institution_count;
            let owner = &institutions[index];
            let ordinal = i / institution_count;
            match scheme_for(owner.kind, index, ordinal) {
                Some(scheme) => {
                    programme_product(owner, ordinal, scheme, spec.published_on, &mut rng)
                }
                None => product(owner, ordinal, spec.published_on, &mut rng),
            }
        })
        .map(with_lenders_terms)
        .map(|product| with_subsidies(product, &institutions))
        .collect();
    Catalog {
        format: FORMAT.into(),
        version: spec.version.clone(),
        published_on: spec.published_on,
        sample: true,
        notice: Label {
            en: "SAMPLE DATA for demonstration and testing. These institutions and products are \
                 fictional; their rates and rules follow the ranges public SME-finance platforms \
                 report. Not an offer of credit."
                .into(),
            zh: "示例数据，仅用于演示和测试。机构与产品均为虚构，利率和准入规则参照公开的中小企业\
                 融资服务平台所披露的范围。不构成贷款要约。"
                .into(),
        },
        institutions,
        products,
    }
}

/// Who else pays part of the cost, as the platforms list it, decided from the product and its
/// lender rather than drawn (so every other generated value stays as it was):
/// - a start-up guarantee loan's interest subsidy (创业担保贷款贴息) is paid by public finance
///   to the bank, which charges the lower rate;
/// - half of a government guarantor's fee is refunded by local finance (担保费补贴) to a firm
///   that repaid on time and paid the fee;
/// - regional lenders' credit, property-backed and seasonal loans, and village-credit and
///   sole-trader micro-credit schemes, carry the local 普惠小微 interest subsidy: one percentage
///   point a year of the loan, refunded each quarter to a local firm that repays on time;
/// - a first-loan scheme's lender takes 0.3 percentage points off the rate itself.
fn with_subsidies(mut product: Product, institutions: &[Institution]) -> Product {
    let conditions = |zh: &str, en: &str| Label {
        zh: zh.into(),
        en: en.into(),
    };
    let regional = institutions
        .iter()
        .find(|i| i.id == product.institution)
        .is_some_and(|i| !i.nationwide);
    let local_interest = Subsidy {
        kind: SubsidyKind::Interest,
        paid_by: Payer::LocalFinance,
        bp_per_year: 100,
        delivery: SubsidyDelivery::Refunded,
        conditions: conditions(
            "在本地注册的小微企业和个体工商户，按期还本付息的，每季度凭还款记录向当地财政部门申请，按贷款金额每年 1 个百分点退回利息。",
            "A small business or sole trader registered locally that repays on time applies each quarter to local finance with its repayment record and gets back interest of one percentage point a year of the loan.",
        ),
    };
    let mut subsidies = Vec::new();
    if let Some(programme) = product.programme.as_mut() {
        match programme.scheme {
            Scheme::EntrepreneurshipGuarantee if programme.interest_subsidy_bp > 0 => {
                subsidies.push(Subsidy {
                    kind: SubsidyKind::Interest,
                    paid_by: Payer::LocalFinance,
                    bp_per_year: std::mem::take(&mut programme.interest_subsidy_bp),
                    delivery: SubsidyDelivery::ReducedCharge,
                    conditions: conditions(
                        "创业担保贷款按期还款的，由中央和地方财政按规定贴息，银行按扣除贴息后的利率向您收取；逾期的当期不贴息。",
                        "While you repay this start-up guarantee loan on time, central and local finance pay this part of the interest and the bank charges you the lower rate; no subsidy for a period repaid late.",
                    ),
                });
            }
            Scheme::GovernmentGuarantee if programme.guarantee_fee_bp > 0 => {
                subsidies.push(Subsidy {
                    kind: SubsidyKind::GuaranteeFee,
                    paid_by: Payer::LocalFinance,
                    bp_per_year: programme.guarantee_fee_bp / 2,
                    delivery: SubsidyDelivery::Refunded,
                    conditions: conditions(
                        "小微企业和个体工商户按期还款、当年担保费已缴清的，次年第一季度向当地财政部门申请，退回一半担保费。",
                        "A small business or sole trader that repaid on time and paid the year's fee applies to local finance in the first quarter of the next year and gets half the fee back.",
                    ),
                });
            }
            Scheme::VillageCredit | Scheme::MicroCredit => subsidies.push(local_interest),
            Scheme::FirstLoan => subsidies.push(Subsidy {
                kind: SubsidyKind::Interest,
                paid_by: Payer::Lender,
                bp_per_year: 30,
                delivery: SubsidyDelivery::ReducedCharge,
                conditions: conditions(
                    "从未在银行借过经营贷款的，第一笔贷款由本行让利，利率直接下调。",
                    "For a business that has never had a business loan from a bank, the lender funds a lower rate on the first one.",
                ),
            }),
            _ => {}
        }
    } else if regional
        && matches!(
            product.kind,
            ProductKind::Credit | ProductKind::Collateral | ProductKind::Seasonal
        )
    {
        subsidies.push(local_interest);
    }
    product.pricing.subsidies = subsidies;
    product
}

/// The repayment terms lenders attach beyond the template's types, decided from the product
/// itself rather than drawn, so every other generated value stays as it was:
/// - a loan described as drawn and repaid any day (随借随还) is a revolving line first, with
///   interest by the day;
/// - seasonal (farm and festival) loans may also be repaid all at once after the season
///   (利随本清);
/// - loans secured on property may pay interest quarterly with the principal at maturity
///   (按季付息到期还本), and may be renewed at maturity without repaying first (无还本续贷, which
///   the regulator asks banks to offer small firms in good standing);
/// - start-up guarantee loans (创业担保贷款) begin with three months of interest only when their
///   shortest term leaves room to repay;
/// - the costs beside interest, itemised as the 综合融资成本清单 pilots list them: registering the
///   mortgage (the registry's ¥550 for non-residential property) and insuring the property
///   (0.1 % a year) for property-backed loans; a commercial guarantor's fee (1.5 % a year) for
///   guaranteed loans outside a public scheme (a scheme's own capped fee is in `programme`);
///   valuing the patent or trademark (0.5 % of the amount) for IP-pledge loans; crop or stock
///   insurance (0.3 % of the amount) for seasonal loans.
fn with_lenders_terms(mut product: Product) -> Product {
    use RepaymentType::*;
    if product.description.zh.contains("随借随还") {
        product.repayment.retain(|kind| *kind != RevolvingLine);
        product.repayment.insert(0, RevolvingLine);
    }
    if product.kind == ProductKind::Seasonal && !product.repayment.contains(&BulletAtMaturity) {
        product.repayment.push(BulletAtMaturity);
    }
    if product.kind == ProductKind::Collateral {
        if !product.repayment.contains(&QuarterlyInterest) {
            product.repayment.push(QuarterlyInterest);
        }
        product.renewal_without_repayment = true;
    }
    let start_up = product
        .programme
        .is_some_and(|p| p.scheme == Scheme::EntrepreneurshipGuarantee);
    if start_up && product.term_months.min > 3 && product.repayment.iter().any(|k| k.amortises()) {
        product.grace_months = 3;
    }
    let fee = |kind, charged_by, timing| Fee {
        kind,
        charged_by,
        timing,
        flat_minor: None,
        bp_of_amount: None,
        bp_per_year: None,
    };
    product.pricing.fees = match product.kind {
        ProductKind::Collateral => vec![
            Fee {
                flat_minor: Some(550 * 100),
                ..fee(FeeKind::Registration, Charger::Registry, FeeTiming::Upfront)
            },
            Fee {
                bp_per_year: Some(10),
                ..fee(FeeKind::Insurance, Charger::Insurer, FeeTiming::Yearly)
            },
        ],
        ProductKind::Guarantee if product.programme.is_none() => vec![Fee {
            bp_per_year: Some(150),
            ..fee(
                FeeKind::Guarantee,
                Charger::GuaranteeInstitution,
                FeeTiming::Yearly,
            )
        }],
        ProductKind::IpPledge => vec![Fee {
            bp_of_amount: Some(50),
            ..fee(FeeKind::Appraisal, Charger::Appraiser, FeeTiming::Upfront)
        }],
        ProductKind::Seasonal => vec![Fee {
            bp_of_amount: Some(30),
            ..fee(FeeKind::Insurance, Charger::Insurer, FeeTiming::Upfront)
        }],
        _ => Vec::new(),
    };
    product
}

/// The catalog as the file bytes: pretty JSON, two-space indent, trailing newline.
pub fn to_json(catalog: &Catalog) -> String {
    let mut text = serde_json::to_string_pretty(catalog).unwrap_or_default();
    text.push('\n');
    text
}

/// Institution types in the order they are dealt out: the first fifteen are the national
/// banks, then the regional ones cycle.
fn institution_kind(i: usize) -> InstitutionKind {
    use InstitutionKind::*;
    match i {
        0..=5 => StateOwnedBank,
        6..=14 => JointStockBank,
        15 | 16 => OnlineBank,
        _ => [
            CityCommercialBank,
            RuralCommercialBank,
            CityCommercialBank,
            RuralCommercialBank,
            VillageBank,
            MicrocreditCompany,
        ][(i - 17) % 6],
    }
}

const STATE_NAMES: [(&str, &str); 6] = [
    ("示例农业发展银行", "Sample Agricultural Development Bank"),
    ("示例建设银行", "Sample Construction Bank"),
    ("示例工商银行", "Sample Industry and Commerce Bank"),
    ("示例交通银行", "Sample Communications Bank"),
    ("示例邮政储蓄银行", "Sample Postal Savings Bank"),
    ("示例人民银行", "Sample People's Bank"),
];
const JOINT_STOCK_NAMES: [(&str, &str); 9] = [
    ("示例招商银行", "Sample Merchants Bank"),
    ("示例光大银行", "Sample Everbright Bank"),
    ("示例兴业银行", "Sample Prosperity Bank"),
    ("示例民生银行", "Sample Livelihood Bank"),
    ("示例中信银行", "Sample Trust Bank"),
    ("示例浦发银行", "Sample Development Bank"),
    ("示例广发银行", "Sample Guangfa Bank"),
    ("示例平安银行", "Sample Ping An Bank"),
    ("示例华信银行", "Sample Huaxin Bank"),
];
const ONLINE_NAMES: [(&str, &str); 2] = [
    ("示例网商银行", "Sample Online Merchant Bank"),
    ("示例微众银行", "Sample Micro Online Bank"),
];

fn institution(i: usize, rng: &mut ChaCha8Rng) -> Institution {
    let kind = institution_kind(i);
    // Regional institutions are spread over the provinces in code order, skipping the
    // special administrative regions and Taiwan (codes 71, 81, 82), whose lenders the
    // mainland platforms do not list.
    let mainland: Vec<_> = PROVINCES
        .iter()
        .filter(|p| !matches!(p.prefix, "71" | "81" | "82"))
        .collect();
    let province = mainland[i.saturating_sub(17) * 7 % mainland.len()];
    let (zh, en, regions) = match kind {
        InstitutionKind::StateOwnedBank => {
            let (zh, en) = STATE_NAMES[i % STATE_NAMES.len()];
            (zh.to_string(), en.to_string(), vec![])
        }
        InstitutionKind::JointStockBank => {
            let (zh, en) = JOINT_STOCK_NAMES[(i - 6) % JOINT_STOCK_NAMES.len()];
            (zh.to_string(), en.to_string(), vec![])
        }
        InstitutionKind::OnlineBank => {
            let (zh, en) = ONLINE_NAMES[(i - 15) % ONLINE_NAMES.len()];
            (zh.to_string(), en.to_string(), vec![])
        }
        InstitutionKind::CityCommercialBank => (
            format!("{}示例城市商业银行", province.name_zh),
            format!("{} Sample City Commercial Bank", province.name_en),
            vec![province.prefix.to_string()],
        ),
        InstitutionKind::RuralCommercialBank => (
            format!("{}示例农村商业银行", province.name_zh),
            format!("{} Sample Rural Commercial Bank", province.name_en),
            vec![province.prefix.to_string()],
        ),
        InstitutionKind::VillageBank => (
            format!("{}示例村镇银行", province.name_zh),
            format!("{} Sample Village Bank", province.name_en),
            // The provincial capital's prefecture, `xx01`.
            vec![format!("{}01", province.prefix)],
        ),
        InstitutionKind::MicrocreditCompany => (
            format!("{}示例小额贷款公司", province.name_zh),
            format!("{} Sample Microcredit Company", province.name_en),
            vec![province.prefix.to_string()],
        ),
    };
    // More institutions than names: number the repeats.
    let round = match kind {
        InstitutionKind::StateOwnedBank | InstitutionKind::JointStockBank => 0,
        InstitutionKind::OnlineBank => 0,
        _ => (i - 17) / mainland.len(),
    };
    let (zh, en) = if round > 0 {
        (format!("{zh}{}", round + 1), format!("{en} {}", round + 1))
    } else {
        (zh, en)
    };
    let id = format!("inst-{:03}", i + 1);
    // The registered name a bank or lender carries (股份有限公司 for banks, 有限公司 for a
    // microcredit company: 小额贷款公司 → 小额贷款有限公司), and how it keeps data: a year for a microcredit company, which
    // typically relends to the same shops, half a year for banks. No random draws, so the rest
    // of the catalog is what it was before these were added.
    let legal_name = if zh.ends_with("有限公司") {
        zh.clone()
    } else if let Some(stem) = zh.strip_suffix("公司") {
        format!("{stem}有限公司")
    } else if zh.ends_with("银行") || zh.ends_with("合作联社") {
        format!("{zh}股份有限公司")
    } else {
        format!("{zh}有限公司")
    };
    let data_protection = DataProtection {
        legal_name,
        contact: format!("privacy@{id}.bank.example"),
        withdrawal_url: format!("https://{id}.bank.example/prequal/v1/revocations"),
        retention_days: if kind == InstitutionKind::MicrocreditCompany {
            365
        } else {
            180
        },
    };
    Institution {
        response_key: Some(
            prequal::response::sample_institution_key(&id)
                .public()
                .did_key(),
        ),
        data_protection: Some(data_protection),
        website: format!("https://{id}.bank.example"),
        phone: format!(
            "400-{:03}-{:04}",
            rng.random_range(100..1000),
            rng.random_range(0..10_000)
        ),
        id,
        name: Label { en, zh },
        kind,
        nationwide: regions.is_empty(),
        regions,
    }
}

/// The kinds an institution of this type offers, in order of how central they are to it;
/// products are dealt out by cycling through this list.
fn kinds_offered(kind: InstitutionKind) -> &'static [ProductKind] {
    use ProductKind::*;
    match kind {
        InstitutionKind::StateOwnedBank => &[
            Credit,
            Collateral,
            GovernmentProcurement,
            Guarantee,
            SupplyChain,
            IpPledge,
            Invoice,
            Credit,
            Seasonal,
        ],
        InstitutionKind::JointStockBank => &[
            Credit,
            Invoice,
            SupplyChain,
            Collateral,
            IpPledge,
            GovernmentProcurement,
            Credit,
            Guarantee,
        ],
        InstitutionKind::OnlineBank => &[Credit, Invoice, SupplyChain, Credit, Seasonal],
        InstitutionKind::CityCommercialBank => &[
            Credit,
            Guarantee,
            Collateral,
            GovernmentProcurement,
            Invoice,
            SupplyChain,
            Credit,
            IpPledge,
        ],
        InstitutionKind::RuralCommercialBank | InstitutionKind::VillageBank => &[
            Seasonal, Credit, Guarantee, Collateral, Seasonal, Credit, Invoice,
        ],
        InstitutionKind::MicrocreditCompany => &[Credit, Seasonal, Invoice, Guarantee, Credit],
    }
}

fn base_rate_bp(kind: InstitutionKind) -> u32 {
    match kind {
        InstitutionKind::StateOwnedBank => RATE_FLOOR_BP,
        InstitutionKind::JointStockBank => 420,
        InstitutionKind::CityCommercialBank => 450,
        InstitutionKind::RuralCommercialBank => 480,
        InstitutionKind::OnlineBank => 600,
        InstitutionKind::VillageBank => 550,
        InstitutionKind::MicrocreditCompany => 800,
    }
}

/// The highest PD of each grade's band in the shipped scorecard, basis points.
const GRADE_PD_CEILING_BP: [u32; 7] = [500, 1_000, 1_500, 2_000, 3_000, 4_500, 10_000];

/// Everything that depends on the product kind.
struct Template {
    names: &'static [(&'static str, &'static str, &'static str, &'static str)],
    amount_max_yuan: &'static [i64],
    amount_min_yuan: &'static [i64],
    terms: &'static [(u32, u32)],
    repayment: &'static [RepaymentType],
    rate_adjust_bp: i32,
    worst_grade: &'static [Grade],
}

fn template(kind: ProductKind) -> Template {
    use RepaymentType::*;
    match kind {
        ProductKind::Credit => Template {
            names: &[
                (
                    "税易贷",
                    "Tax Credit Loan",
                    "凭纳税记录发放的纯信用经营贷款。",
                    "Unsecured business loan on the strength of the tax record.",
                ),
                (
                    "电e贷",
                    "Power-Bill Credit Loan",
                    "依据电费缴纳记录核定额度的信用贷款。",
                    "Credit loan sized on the power-bill payment record.",
                ),
                (
                    "个体商户快贷",
                    "Merchant Quick Loan",
                    "面向个体工商户的线上信用贷款，随借随还。",
                    "Online credit loan for individual businesses, draw and repay any time.",
                ),
            ],
            amount_max_yuan: &[300_000, 500_000, 1_000_000, 2_000_000, 3_000_000],
            amount_min_yuan: &[10_000, 20_000, 50_000],
            terms: &[(1, 12), (3, 24), (6, 36)],
            repayment: &[EqualInstalment, EqualPrincipal, InterestOnlyBalloon],
            rate_adjust_bp: 50,
            worst_grade: &[Grade::C, Grade::D, Grade::E],
        },
        ProductKind::Collateral => Template {
            names: &[
                (
                    "房产抵押经营贷",
                    "Property-Secured Business Loan",
                    "以房产抵押的中长期经营贷款。",
                    "Medium- to long-term business loan secured on property.",
                ),
                (
                    "抵押循环贷",
                    "Secured Revolving Loan",
                    "一次抵押、循环使用的经营贷款。",
                    "Business loan secured once and drawn repeatedly.",
                ),
            ],
            amount_max_yuan: &[3_000_000, 5_000_000, 10_000_000],
            amount_min_yuan: &[100_000, 200_000],
            terms: &[(12, 60), (12, 120), (6, 36)],
            repayment: &[EqualPrincipal, EqualInstalment, InterestOnlyBalloon],
            rate_adjust_bp: -30,
            worst_grade: &[Grade::D, Grade::E, Grade::F],
        },
        ProductKind::Guarantee => Template {
            names: &[
                (
                    "政府担保贷",
                    "Government-Guaranteed Loan",
                    "由政府性融资担保机构提供担保的经营贷款。",
                    "Business loan guaranteed by a government guarantee fund.",
                ),
                (
                    "创业担保贷",
                    "Start-up Guarantee Loan",
                    "面向创业者和小微企业的担保贷款，可享贴息。",
                    "Guaranteed loan for founders and micro firms, interest subsidy possible.",
                ),
            ],
            amount_max_yuan: &[300_000, 1_000_000, 3_000_000],
            amount_min_yuan: &[10_000, 50_000],
            terms: &[(6, 24), (12, 36)],
            repayment: &[EqualInstalment, EqualPrincipal],
            rate_adjust_bp: 0,
            worst_grade: &[Grade::E, Grade::F],
        },
        ProductKind::GovernmentProcurement => Template {
            names: &[(
                "政采贷",
                "Government Procurement Loan",
                "凭政府采购中标合同发放的信用贷款。",
                "Credit loan against a won government procurement contract.",
            )],
            amount_max_yuan: &[2_000_000, 5_000_000],
            amount_min_yuan: &[50_000, 100_000],
            terms: &[(3, 12), (3, 24)],
            repayment: &[InterestOnlyBalloon, EqualInstalment],
            rate_adjust_bp: -10,
            worst_grade: &[Grade::C, Grade::D],
        },
        ProductKind::SupplyChain => Template {
            names: &[
                (
                    "供应链订单贷",
                    "Supply-Chain Order Loan",
                    "依托核心企业订单的流动资金贷款。",
                    "Working-capital loan against orders from a large buyer.",
                ),
                (
                    "应收账款融资",
                    "Receivables Finance",
                    "以对核心企业的应收账款融资。",
                    "Finance against receivables due from a large buyer.",
                ),
            ],
            amount_max_yuan: &[1_000_000, 3_000_000, 5_000_000],
            amount_min_yuan: &[50_000, 100_000],
            terms: &[(3, 12), (1, 6)],
            repayment: &[InterestOnlyBalloon, EqualInstalment],
            rate_adjust_bp: 20,
            worst_grade: &[Grade::C, Grade::D, Grade::E],
        },
        ProductKind::Seasonal => Template {
            names: &[
                (
                    "季节贷",
                    "Seasonal Harvest Loan",
                    "按收获或销售季节安排还款的经营贷款。",
                    "Business loan repaid after the harvest or sales season.",
                ),
                (
                    "农时贷",
                    "Farming Season Loan",
                    "用于春耕备货等农时资金需求。",
                    "For spring planting and other farming-season needs.",
                ),
            ],
            amount_max_yuan: &[200_000, 500_000, 1_000_000],
            amount_min_yuan: &[10_000, 30_000],
            terms: &[(6, 12), (3, 12)],
            repayment: &[Seasonal, InterestOnlyBalloon],
            rate_adjust_bp: 20,
            worst_grade: &[Grade::D, Grade::E],
        },
        ProductKind::IpPledge => Template {
            names: &[(
                "知识产权质押贷",
                "IP-Pledge Loan",
                "以专利、商标质押的科技型企业贷款。",
                "Loan for technology firms secured on patents or trademarks.",
            )],
            amount_max_yuan: &[3_000_000, 5_000_000, 10_000_000],
            amount_min_yuan: &[100_000, 300_000],
            terms: &[(12, 36), (12, 24)],
            repayment: &[EqualInstalment, InterestOnlyBalloon],
            rate_adjust_bp: 30,
            worst_grade: &[Grade::C, Grade::D],
        },
        ProductKind::Invoice => Template {
            names: &[
                (
                    "发票贷",
                    "Invoice Loan",
                    "依据增值税开票数据核定额度的信用贷款。",
                    "Credit loan sized on VAT invoicing data.",
                ),
                (
                    "开票快贷",
                    "Invoice Quick Loan",
                    "按开票收入线上审批的短期贷款。",
                    "Short-term loan approved online on invoiced sales.",
                ),
            ],
            amount_max_yuan: &[500_000, 1_000_000, 2_000_000],
            amount_min_yuan: &[10_000, 50_000],
            terms: &[(1, 12), (3, 12)],
            repayment: &[InterestOnlyBalloon, EqualInstalment],
            rate_adjust_bp: 40,
            worst_grade: &[Grade::C, Grade::D, Grade::E],
        },
    }
}

/// Rates for grades A to `worst`: from `base`, `step` more a grade, `width` wide, within the
/// ceiling.
fn grade_rates(worst: Grade, base: u32, step: u32, width: u32) -> Vec<GradeRate> {
    Grade::ALL
        .into_iter()
        .take_while(|g| *g <= worst)
        .map(|grade| {
            let min_bp = (base + step * grade as u32).min(RATE_CEILING_BP - 50);
            GradeRate {
                grade,
                min_bp,
                max_bp: (min_bp + width).min(RATE_CEILING_BP),
            }
        })
        .collect()
}

fn pick<T: Copy>(list: &[T], rng: &mut ChaCha8Rng) -> T {
    // Templates never have empty lists.
    *list.choose(rng).unwrap_or(&list[0])
}

fn product(
    owner: &Institution,
    ordinal: usize,
    published_on: Date,
    rng: &mut ChaCha8Rng,
) -> Product {
    let offered = kinds_offered(owner.kind);
    let kind = offered[ordinal % offered.len()];
    let t = template(kind);
    // How many products of this kind the institution already has: picks the name (and, for
    // credit loans, the data they are based on) so that one lender's products differ.
    let per_cycle = offered.iter().filter(|k| **k == kind).count();
    let earlier_in_cycle = offered[..ordinal % offered.len()]
        .iter()
        .filter(|k| **k == kind)
        .count();
    let variant = ordinal / offered.len() * per_cycle + earlier_in_cycle;
    let (name_zh, name_en, about_zh, about_en) = t.names[variant % t.names.len()];
    let round = variant / t.names.len();
    let suffix = |text: &str, sep: &str| {
        if round == 0 {
            text.to_string()
        } else {
            format!("{text}{sep}{}", round + 1)
        }
    };

    let worst = pick(t.worst_grade, rng);
    let base = i64::from(base_rate_bp(owner.kind))
        + i64::from(t.rate_adjust_bp)
        + 5 * rng.random_range(0..8);
    let base = u32::try_from(base.max(i64::from(RATE_FLOOR_BP))).unwrap_or(RATE_FLOOR_BP);
    let step = 5 * rng.random_range(12..=24);
    let width = 10 * rng.random_range(5..=15);
    let rates = grade_rates(worst, base, step, width);

    let max_yuan = pick(t.amount_max_yuan, rng);
    let min_yuan = pick(t.amount_min_yuan, rng).min(max_yuan);
    let (term_min, term_max) = pick(t.terms, rng);
    let mut repayment = t.repayment.to_vec();
    // Lenders list their default type first; most keep the template's order.
    if rng.random_bool(0.3) && repayment.len() > 1 {
        repayment.swap(0, 1);
    }
    let seasonal_months = if repayment.contains(&RepaymentType::Seasonal) {
        pick(
            &[&[9u8, 10][..], &[7, 8], &[11, 12], &[1, 2], &[6, 10]],
            rng,
        )
        .to_vec()
    } else {
        vec![]
    };
    let (revenue_limit_pct, collateral_limit_pct) = match kind {
        ProductKind::Collateral => (None, Some(pick(&[50, 60, 70], rng))),
        ProductKind::IpPledge => (None, Some(pick(&[30, 40, 50], rng))),
        ProductKind::Guarantee => (Some(pick(&[400, 600], rng)), None),
        ProductKind::GovernmentProcurement => (Some(pick(&[400, 600, 800], rng)), None),
        _ => (Some(pick(&[200, 300, 400], rng)), None),
    };

    let rules = rules_for(kind, variant, worst, rng);
    let eligibility = Eligibility::All(rules);
    let required_fields = required_fields(&eligibility);

    let valid_from = published_on - Duration::days(rng.random_range(30..400));
    let valid_until = published_on + Duration::days(rng.random_range(240..730));
    let upfront_fee_bp = match kind {
        ProductKind::Guarantee => pick(&[50, 80, 100], rng),
        ProductKind::Collateral | ProductKind::IpPledge => pick(&[0, 0, 30, 50], rng),
        _ => pick(&[0, 0, 0, 20], rng),
    };
    Product {
        id: format!("{}-{}-{}", owner.id, kind.name(), ordinal + 1),
        institution: owner.id.clone(),
        name: Label {
            en: suffix(name_en, " "),
            zh: suffix(name_zh, ""),
        },
        kind,
        description: Label {
            en: about_en.into(),
            zh: about_zh.into(),
        },
        amount: AmountRule {
            min_minor: min_yuan * 100,
            max_minor: max_yuan * 100,
            revenue_limit_pct,
            collateral_limit_pct,
        },
        term_months: TermRange {
            min: term_min,
            max: term_max,
        },
        repayment,
        seasonal_months,
        grace_months: 0,
        renewal_without_repayment: false,
        pricing: Pricing {
            rate_type: if rng.random_bool(0.6) {
                RateType::Fixed
            } else {
                RateType::Variable
            },
            rates,
            upfront_fee_bp,
            monthly_fee_minor: 0,
            fees: Vec::new(),
            subsidies: Vec::new(),
        },
        prepayment: Prepayment {
            allowed: true,
            fee_bp: if kind == ProductKind::Collateral {
                pick(&[0, 100], rng)
            } else {
                0
            },
        },
        risk_appetite_bp: GRADE_PD_CEILING_BP[worst as usize],
        eligibility,
        required_fields,
        valid_from,
        valid_until,
        programme: None,
    }
}

/// The public scheme product number `ordinal` of institution number `index` belongs to, if
/// any: the fourth product of every lender that serves small merchants directly, and the
/// seventh of rural and village banks (village credit).
fn scheme_for(kind: InstitutionKind, index: usize, ordinal: usize) -> Option<Scheme> {
    use InstitutionKind::*;
    let rural = matches!(kind, RuralCommercialBank | VillageBank);
    match ordinal {
        3 if matches!(
            kind,
            StateOwnedBank
                | CityCommercialBank
                | RuralCommercialBank
                | VillageBank
                | MicrocreditCompany
        ) =>
        {
            Some(
                [
                    Scheme::MicroCredit,
                    Scheme::GovernmentGuarantee,
                    Scheme::EntrepreneurshipGuarantee,
                    Scheme::FirstLoan,
                ][index % 4],
            )
        }
        6 if rural => Some(Scheme::VillageCredit),
        _ => None,
    }
}

/// A product of a public scheme, with the rules and prices that scheme sets.
fn programme_product(
    owner: &Institution,
    ordinal: usize,
    scheme: Scheme,
    published_on: Date,
    rng: &mut ChaCha8Rng,
) -> Product {
    use Eligibility::*;
    use RepaymentType::*;
    let shops = vec![LegalForm::IndividualBusiness, LegalForm::SoleProprietorship];
    let (kind, names, worst, max_yuan, terms, repayment, mut rules) = match scheme {
        Scheme::MicroCredit => (
            ProductKind::Credit,
            (
                "个体工商户小额信用贷",
                "Micro Credit for Individual Businesses",
                "面向个体工商户的小额纯信用贷款；有欠税或欠缴电费的，约定分期缴纳后可申请。",
                "Small unsecured loan for individual businesses; an overdue tax or power bill is \
                 accepted once a plan to pay it is agreed.",
            ),
            Grade::F,
            pick(&[100_000, 200_000], rng),
            (3, 24),
            vec![EqualInstalment, EqualPrincipal],
            vec![
                LegalFormIn(shops.clone()),
                MinMonthsInOperation(6),
                TaxArrearsSettledOrPlanned,
                UtilityArrearsSettledOrPlanned,
                MaxLateUtilityPayments(3),
                MaxLenders(4),
            ],
        ),
        Scheme::GovernmentGuarantee => (
            ProductKind::Guarantee,
            (
                "政府性融资担保贷",
                "Government Financing Guarantee Loan",
                "由政府性融资担保机构担保，担保费不超过每年1%；欠税、欠缴电费约定分期缴纳后可申请。",
                "Guaranteed by a government financing guarantor for at most 1 % a year; an overdue \
                 tax or power bill is accepted once a plan to pay it is agreed.",
            ),
            Grade::G,
            pick(&[300_000, 1_000_000], rng),
            (6, 36),
            vec![EqualInstalment, EqualPrincipal],
            vec![
                GuarantorIn(vec![Guarantor::GovernmentGuaranteeFund]),
                MinMonthsInOperation(6),
                TaxArrearsSettledOrPlanned,
                UtilityArrearsSettledOrPlanned,
                MaxDebtServicePct(60),
            ],
        ),
        Scheme::EntrepreneurshipGuarantee => (
            ProductKind::Guarantee,
            (
                "创业担保贷款",
                "Entrepreneurship Guaranteed Loan",
                "创业三年内的个体工商户和小微企业可申请，政府担保基金担保、免担保费，财政贴息一半利息。",
                "For businesses in their first three years: guaranteed by a government fund with no \
                 fee, half the interest paid by the government.",
            ),
            Grade::G,
            pick(&[200_000, 300_000], rng),
            (12, 36),
            vec![EqualInstalment, InterestOnlyBalloon],
            vec![
                MaxMonthsInOperation(36),
                GuarantorIn(vec![Guarantor::GovernmentGuaranteeFund]),
                TaxArrearsSettledOrPlanned,
            ],
        ),
        Scheme::FirstLoan => (
            ProductKind::Credit,
            (
                "首贷通",
                "First Loan",
                "面向从未在银行贷款的小微商户的首笔信用贷款。",
                "A first credit loan for small businesses that owe no lender.",
            ),
            Grade::E,
            pick(&[300_000, 500_000], rng),
            (6, 24),
            vec![EqualInstalment, EqualPrincipal],
            vec![
                MaxLenders(0),
                MinMonthsInOperation(6),
                TaxArrearsSettledOrPlanned,
                NoUtilityArrears,
            ],
        ),
        Scheme::VillageCredit => (
            ProductKind::Credit,
            (
                "整村授信贷",
                "Village Credit Line",
                "信用村内的农户、个体工商户和合作社整村授信，随借随还。",
                "Credit lines for the households, shops and cooperatives of a rated credit village; \
                 draw and repay any time.",
            ),
            Grade::F,
            pick(&[100_000, 200_000], rng),
            (12, 36),
            vec![InterestOnlyBalloon, EqualInstalment],
            vec![
                SettingIs(Setting::Rural),
                LegalFormIn(vec![LegalForm::IndividualBusiness, LegalForm::FarmersCooperative]),
                MinMonthsInOperation(6),
                TaxArrearsSettledOrPlanned,
                UtilityArrearsSettledOrPlanned,
                MaxLenders(3),
            ],
        ),
    };
    let guaranteed = kind == ProductKind::Guarantee;
    let base = base_rate_bp(owner.kind) + if guaranteed { 50 } else { 150 };
    let step = if guaranteed {
        15
    } else {
        5 * rng.random_range(12..=18)
    };
    let rates = grade_rates(worst, base, step, 50);
    let lowest = rates.first().map_or(0, |rate| rate.min_bp);
    let programme = match scheme {
        Scheme::GovernmentGuarantee => Programme {
            scheme,
            guarantee_fee_bp: pick(&[50, 80, 100], rng),
            interest_subsidy_bp: 0,
        },
        Scheme::EntrepreneurshipGuarantee => Programme {
            scheme,
            guarantee_fee_bp: 0,
            interest_subsidy_bp: lowest / 2,
        },
        _ => Programme {
            scheme,
            guarantee_fee_bp: 0,
            interest_subsidy_bp: 0,
        },
    };
    rules.splice(0..0, [MaxGrade(worst), NotBlacklisted, NoCourtJudgements]);
    let eligibility = Eligibility::All(rules);
    let required_fields = required_fields(&eligibility);
    let (name_zh, name_en, about_zh, about_en) = names;
    Product {
        id: format!("{}-{}-{}", owner.id, kind.name(), ordinal + 1),
        institution: owner.id.clone(),
        name: Label {
            en: name_en.into(),
            zh: name_zh.into(),
        },
        kind,
        description: Label {
            en: about_en.into(),
            zh: about_zh.into(),
        },
        amount: AmountRule {
            min_minor: 10_000 * 100,
            max_minor: max_yuan * 100,
            revenue_limit_pct: Some(if guaranteed { 600 } else { 300 }),
            collateral_limit_pct: None,
        },
        term_months: TermRange {
            min: terms.0,
            max: terms.1,
        },
        repayment,
        seasonal_months: vec![],
        grace_months: 0,
        renewal_without_repayment: false,
        pricing: Pricing {
            rate_type: RateType::Fixed,
            rates,
            upfront_fee_bp: 0,
            monthly_fee_minor: 0,
            fees: Vec::new(),
            subsidies: Vec::new(),
        },
        prepayment: Prepayment {
            allowed: true,
            fee_bp: 0,
        },
        risk_appetite_bp: GRADE_PD_CEILING_BP[worst as usize],
        eligibility,
        required_fields,
        valid_from: published_on - Duration::days(rng.random_range(30..400)),
        valid_until: published_on + Duration::days(rng.random_range(240..730)),
        programme: Some(programme),
    }
}

/// The fields a product asks for: [`BASE_FIELDS`] and every field its rules read.
fn required_fields(eligibility: &Eligibility) -> Vec<String> {
    let mut fields: Vec<String> = BASE_FIELDS
        .iter()
        .chain(eligibility.fields().iter())
        .map(|field| field.to_string())
        .collect();
    fields.sort();
    fields.dedup();
    fields
}

/// Fields every lender needs: who the applicant is, the loan, and the scorecard's inputs (so
/// the bank can recompute the score from the bundle).
const BASE_FIELDS: [&str; 14] = [
    "business.name",
    "business.legal_form",
    "business.industry",
    "business.franchise",
    "business.registered_on",
    "business.months_in_operation",
    "business.employees",
    "location.region",
    "location.setting",
    "loan.amount_minor",
    "loan.purpose",
    "loan.facility",
    "loan.term_months",
    "collateral.real_estate_value_minor",
];

/// Financial and real-estate activities: excluded from ordinary business credit.
const EXCLUDED_INDUSTRIES: [&str; 5] = ["66", "67", "68", "69", "70"];

fn rules_for(
    kind: ProductKind,
    variant: usize,
    worst: Grade,
    rng: &mut ChaCha8Rng,
) -> Vec<Eligibility> {
    use Eligibility::*;
    let strings =
        |codes: &[&str]| Industries::new(codes.iter().map(|c| c.to_string()).collect::<Vec<_>>());
    let mut rules = vec![MaxGrade(worst), NotBlacklisted];
    let months = |rng: &mut ChaCha8Rng, options: &[u32]| MinMonthsInOperation(pick(options, rng));
    match kind {
        ProductKind::Credit => {
            rules.push(NoCourtJudgements);
            rules.push(IndustryNotIn(strings(&EXCLUDED_INDUSTRIES)));
            rules.push(months(rng, &[12, 24]));
            // The names say what each credit loan is based on: tax data, power bills, or both
            // lightly (the quick loans).
            let (tax, power) = match variant % 3 {
                0 => (true, false),
                1 => (false, true),
                _ => (true, true),
            };
            if tax {
                rules.push(TaxRatingIn(
                    pick(
                        &[
                            &[TaxCreditRating::A, TaxCreditRating::B][..],
                            &[TaxCreditRating::A, TaxCreditRating::B, TaxCreditRating::M],
                        ],
                        rng,
                    )
                    .to_vec(),
                ));
                rules.push(MinTaxMonthsFiled(pick(&[10, 12], rng)));
                rules.push(NoTaxArrears);
            }
            if power {
                rules.push(NoUtilityArrears);
                rules.push(MaxLateUtilityPayments(pick(&[0, 1, 2], rng)));
            }
            rules.push(MonthlyRevenue {
                min_minor: 100 * pick(&[10_000, 20_000, 30_000, 50_000], rng),
                max_minor: None,
            });
            rules.push(MaxDebtServicePct(pick(&[40, 50, 60], rng)));
            rules.push(MaxLenders(pick(&[3, 4, 5], rng)));
        }
        ProductKind::Collateral => {
            rules.push(months(rng, &[6, 12]));
            rules.push(CollateralRequired {
                assets: CollateralAssets::RealEstate,
                min_cover_pct: pick(&[100, 120, 150], rng),
            });
            rules.push(NoTaxArrears);
            rules.push(MaxDebtServicePct(pick(&[60, 70], rng)));
        }
        ProductKind::Guarantee => {
            rules.push(months(rng, &[6, 12]));
            rules.push(GuarantorIn(
                pick(
                    &[
                        &[Guarantor::GovernmentGuaranteeFund][..],
                        &[Guarantor::GovernmentGuaranteeFund, Guarantor::Company],
                    ],
                    rng,
                )
                .to_vec(),
            ));
            rules.push(MinSocialInsuranceMonths(pick(&[3, 6], rng)));
            rules.push(NoCourtJudgements);
        }
        ProductKind::GovernmentProcurement => {
            rules.push(LegalFormIn(vec![
                LegalForm::LimitedCompany,
                LegalForm::Partnership,
                LegalForm::SoleProprietorship,
            ]));
            rules.push(months(rng, &[12, 24]));
            rules.push(TaxRatingIn(vec![
                TaxCreditRating::A,
                TaxCreditRating::B,
                TaxCreditRating::M,
            ]));
            rules.push(NoTaxArrears);
            rules.push(NoCourtJudgements);
        }
        ProductKind::SupplyChain => {
            rules.push(IndustryIn(strings(&[
                "13", "14", "18", "34", "35", "39", "51", "52",
            ])));
            rules.push(months(rng, &[12, 24]));
            rules.push(MonthlyRevenue {
                min_minor: 100 * pick(&[50_000, 100_000], rng),
                max_minor: None,
            });
            rules.push(MaxLenders(pick(&[3, 4], rng)));
            rules.push(NoCourtJudgements);
        }
        ProductKind::Seasonal => {
            rules.push(Any(vec![
                SettingIs(Setting::Rural),
                IndustryIn(strings(&["01", "02", "03", "04", "05", "13"])),
            ]));
            rules.push(months(rng, &[12, 24]));
            rules.push(NoUtilityArrears);
            rules.push(MaxLenders(pick(&[2, 3], rng)));
        }
        ProductKind::IpPledge => {
            rules.push(IndustryIn(strings(&[
                "34", "35", "39", "63", "64", "65", "73", "75",
            ])));
            rules.push(months(rng, &[24, 36]));
            rules.push(MinOwnerExperienceYears(pick(&[3, 5], rng)));
            rules.push(CollateralRequired {
                assets: CollateralAssets::Any,
                min_cover_pct: pick(&[50, 80], rng),
            });
            rules.push(NoCourtJudgements);
        }
        ProductKind::Invoice => {
            rules.push(months(rng, &[12, 24]));
            rules.push(TaxRatingIn(vec![TaxCreditRating::A, TaxCreditRating::B]));
            rules.push(MinTaxMonthsFiled(12));
            rules.push(MonthlyRevenue {
                min_minor: 100 * pick(&[30_000, 50_000], rng),
                max_minor: if rng.random_bool(0.3) {
                    Some(100 * 5_000_000)
                } else {
                    None
                },
            });
            rules.push(NoSocialInsuranceArrears);
        }
    }
    rules
}
