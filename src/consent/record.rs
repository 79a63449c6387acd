//! What `prequal.consent/2` adds to the consent record, for China's Personal Information
//! Protection Law (PIPL) and the credit-reporting rules (征信业管理条例, 征信业务管理办法):
//! the recipient as a handler with its contacts (arts. 17, 23), each purpose consented to
//! separately (arts. 14, 16, 23; a credit-report query authorisation with its term), the
//! processing method including automated scoring and the right to an explanation (arts. 17,
//! 24), retention and deletion (arts. 17, 19, 47), the withdrawal endpoint (art. 15), and the
//! sensitive fields with the necessity and impact text the merchant read (arts. 28–30).
//!
//! Every member is either the merchant's choice (which optional purposes, the query's term) or
//! follows from what the verifier holds (the catalog's institution, the model, the disclosed
//! fields, the texts below), so a verifier recomputes the record and compares; the texts are
//! named by their SHA-256, as the notice is. `docs/consent-bundle.md` maps each member to the
//! article it serves.

use serde::{Deserialize, Serialize};

use crate::catalog::Institution;

/// Version of the v2 notice and purpose texts below.
pub const NOTICE_VERSION_2: &str = "2026-12";

/// The notice shown with a `prequal.consent/2` bundle, in Chinese: what is shared, that each
/// purpose is consented to separately and optional ones may be refused, automated scoring and
/// the right to an explanation, the adverse-consequence notice of the credit-reporting rules,
/// withdrawal and the other rights.
pub const NOTICE_2_ZH: &str = "您将向下列机构提供本页列出的信息。只提供列出的字段，其他信息留在本设备上。下面每一项用途都需要您单独同意：申请本身必须同意；征信查询授权和其他用途可以不选，不选不影响申请。机构会用评分模型自动评估您的信息；您有权要求机构解释评分结果，并有权拒绝仅凭自动评估作出的决定。提示：机构可能依据这些信息（包括收入、纳税等信息）作出对您不利的决定，例如拒绝贷款、降低额度或提高利率。您可以随时撤回同意（撤回不影响撤回前已进行的处理），也可以通过机构的个人信息保护联系人查阅、复制、更正或删除您的信息。";

/// The v2 notice in English.
pub const NOTICE_2_EN: &str = "You are about to give the institution below the information listed on this page. Only the fields listed are shared; everything else stays on this device. Each purpose below needs your separate consent: the application itself is required; the credit-report query and the other uses are optional, and refusing them does not affect your application. The institution assesses your information automatically with a scoring model; you may ask it to explain the result and refuse a decision made by automated assessment alone. Notice: the institution may use this information (including income and tax information) to make decisions unfavourable to you, such as declining the loan, lowering the amount or raising the rate. You may withdraw your consent at any time (withdrawal does not affect processing done before it), and you may see, copy, correct or delete your information through the institution's personal-information protection contact.";

/// A purpose the merchant consents to. Each is its own consent, given separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Use {
    /// The application for the named products (the bundle's own purpose; required).
    LoanApplication,
    /// A non-binding quote (the bundle's own purpose; required).
    PreApprovalQuote,
    /// Authority to query the merchant's credit report at the PBOC Credit Reference Center
    /// (征信查询授权), for the term given; optional, off unless the merchant ticks it.
    CreditReportQuery,
    /// Considering the merchant for the recipient's other products and contacting them about
    /// those; optional.
    OtherProducts,
    /// Using the disclosed data with the loan's later outcome to improve the recipient's own
    /// risk model (the desk's training export); optional.
    ModelImprovement,
}

impl Use {
    /// The optional uses, in the order a record lists them after the bundle's own purpose.
    pub const OPTIONAL: [Use; 3] = [
        Use::CreditReportQuery,
        Use::OtherProducts,
        Use::ModelImprovement,
    ];
}

serial_names! {
    Use {
        LoanApplication => "loan-application",
        PreApprovalQuote => "pre-approval-quote",
        CreditReportQuery => "credit-report-query",
        OtherProducts => "other-products",
        ModelImprovement => "model-improvement",
    }
}

impl From<super::Purpose> for Use {
    fn from(purpose: super::Purpose) -> Use {
        match purpose {
            super::Purpose::LoanApplication => Use::LoanApplication,
            super::Purpose::PreApprovalQuote => Use::PreApprovalQuote,
        }
    }
}

/// How long a credit-report query authorisation lasts (征信业管理条例 art. 18: an agreed
/// purpose and use only for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QueryTerm {
    /// While the application is assessed (贷前审查).
    Application,
    /// While the application is assessed and, if a loan is made, until it is repaid (贷后管理).
    ApplicationAndLoan,
}

/// One consent given: the purpose, the term of a credit-report query, and the SHA-256 of the
/// exact text the merchant read for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Given {
    /// What for.
    pub purpose: Use,
    /// For a credit-report query only: how long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<QueryTerm>,
    /// Hex SHA-256 of the purpose's text in the notice's language ([`purpose_text`]).
    pub text_sha256: String,
}

impl Given {
    /// The consent to `purpose` (with `term` for a credit-report query) as read in `language`.
    pub fn new(purpose: Use, term: Option<QueryTerm>, language: &str) -> Given {
        Given {
            purpose,
            term,
            text_sha256: crate::sha256_hex(purpose_text(purpose, term, language).as_bytes()),
        }
    }
}

/// The recipient as a personal-information handler (PIPL arts. 17(1), 23), from the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Controller {
    /// Registered legal name.
    pub legal_name: String,
    /// How to reach the institution (its customer telephone).
    pub contact: String,
    /// Its personal-information protection contact (art. 52).
    pub data_protection_contact: String,
}

/// How the recipient processes the data (PIPL art. 17(2)), including automated scoring (art.
/// 24).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Processing {
    /// [`PROCESSING_METHODS`].
    pub methods: Vec<String>,
    /// The scoring the recipient repeats, and what the merchant may ask of it.
    pub automated_scoring: AutomatedScoring,
}

/// The automated assessment and the merchant's rights over it (PIPL art. 24).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AutomatedScoring {
    /// The model's SHA-256 (the payload's `model.sha256`).
    pub model_sha256: String,
    /// `on-request`: the recipient explains the result when asked, and a decision made by the
    /// model alone may be refused.
    pub explanation: String,
}

/// What the recipient does with the data.
pub const PROCESSING_METHODS: &[&str] = &["storage", "use", "automated-scoring"];

/// How long the recipient keeps the data and what starts the count (PIPL arts. 17(3), 19, 47).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retention {
    /// Days kept after the trigger, then deleted.
    pub days: u32,
    /// [`DELETION_TRIGGER`].
    pub after: String,
}

/// What starts the retention count: no loan results (the application is declined, the
/// merchant withdraws, or the consent expires). A loan made is kept as its contract says.
pub const DELETION_TRIGGER: &str = "declined-withdrawn-or-expired";

/// Where the merchant withdraws consent (PIPL art. 15).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Withdrawal {
    /// The institution's revocation endpoint (https).
    pub endpoint: String,
}

/// Disclosed fields of one sensitive category (PIPL art. 28; GB/T 35273-2020 annex B's
/// personal property information), with the SHA-256 of the necessity-and-impact text shown
/// (art. 30).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sensitive {
    /// [`SENSITIVE_CATEGORIES`] name.
    pub category: String,
    /// The disclosed fields of that category, sorted.
    pub fields: Vec<String>,
    /// Hex SHA-256 of [`sensitive_text`] in the notice's language.
    pub text_sha256: String,
}

/// The sensitive categories: name, the field-path prefix that falls in it. For a sole trader
/// (个体工商户) the business's accounts are the owner's, so they are personal information.
pub const SENSITIVE_CATEGORIES: &[(&str, &str)] = &[
    // 收付款记录、流水记录 (GB/T 35273-2020 annex B, 个人财产信息).
    ("transaction-records", "revenue."),
    // 信贷记录.
    ("credit-records", "debts."),
    // 房产信息 and other property.
    ("property", "collateral."),
];

/// The v2 notice text in `language` (`zh-CN`, or English for anything else).
pub fn notice_text(language: &str) -> &'static str {
    if language == "zh-CN" {
        NOTICE_2_ZH
    } else {
        NOTICE_2_EN
    }
}

/// The text a merchant reads for consenting to `purpose` (with `term` for a credit-report
/// query) in `language`.
pub fn purpose_text(purpose: Use, term: Option<QueryTerm>, language: &str) -> &'static str {
    let zh = language == "zh-CN";
    match (purpose, term, zh) {
        (Use::LoanApplication, _, true) => "申请贷款：机构用以上信息审查您对所列产品的申请，决定是否放款以及额度和利率。",
        (Use::LoanApplication, _, false) => "Loan application: the institution uses this information to assess your application for the products listed and to decide whether to lend, how much and at what rate.",
        (Use::PreApprovalQuote, _, true) => "预审报价：机构用以上信息给您一个不具约束力的报价；这不是正式申请。",
        (Use::PreApprovalQuote, _, false) => "Pre-approval quote: the institution uses this information to give you a non-binding quote; this is not a formal application.",
        (Use::CreditReportQuery, Some(QueryTerm::ApplicationAndLoan), true) => "征信查询授权：您授权机构在审查本次申请期间，以及贷款发放后直到贷款结清（贷后管理），向中国人民银行征信中心查询您的信用报告（个体工商户含经营者本人）；查询结果只用于审查本次申请和管理这笔贷款。",
        (Use::CreditReportQuery, Some(QueryTerm::ApplicationAndLoan), false) => "Credit-report query: you authorise the institution to obtain your credit report from the People's Bank of China Credit Reference Center (for a sole trader, the owner's too) while it assesses this application and, if it lends, until the loan is repaid; the report is used only to assess this application and to manage that loan.",
        (Use::CreditReportQuery, _, true) => "征信查询授权：您授权机构在审查本次申请期间，向中国人民银行征信中心查询您的信用报告（个体工商户含经营者本人）；查询结果只用于审查本次申请。",
        (Use::CreditReportQuery, _, false) => "Credit-report query: you authorise the institution to obtain your credit report from the People's Bank of China Credit Reference Center (for a sole trader, the owner's too) while it assesses this application; the report is used only to assess this application.",
        (Use::OtherProducts, _, true) => "其他产品：在授权有效期内，机构可以用以上信息评估您是否适合它的其他贷款产品，并就这些产品联系您。",
        (Use::OtherProducts, _, false) => "Other products: until this consent expires, the institution may use this information to consider you for its other loan products and contact you about them.",
        (Use::ModelImprovement, _, true) => "改进评分模型：贷款结清或出现逾期后，机构可以把以上信息和这笔贷款的结果（按时还清、逾期或违约）用于改进它自己的风险评分模型；不用于向您推销，也不提供给他人。",
        (Use::ModelImprovement, _, false) => "Model improvement: once the loan is repaid or falls behind, the institution may use this information with the loan's outcome (repaid, in arrears or defaulted) to improve its own risk-scoring model; never to market to you, and never given to anyone else.",
    }
}

/// The necessity-and-impact text for a sensitive category in `language` (PIPL art. 30).
pub fn sensitive_text(category: &str, language: &str) -> &'static str {
    let zh = language == "zh-CN";
    match (category, zh) {
        ("transaction-records", true) => "经营流水（每月收入）属于敏感个人信息。必要性：机构需要它判断您的还款能力。影响：一旦泄露或被滥用，可能使您遭受财产损失或诈骗。",
        ("transaction-records", false) => "Your business takings (monthly revenue) are sensitive personal information. Why it is needed: the institution judges from them whether you can repay. The impact: if leaked or misused, they could expose you to financial loss or fraud.",
        ("credit-records", true) => "借贷信息（现有贷款余额、每月还款、贷款机构数）属于敏感个人信息。必要性：机构需要它计算您的负债和还款负担。影响：一旦泄露或被滥用，可能使您遭受诈骗或骚扰。",
        ("credit-records", false) => "Your borrowing (existing loans, monthly repayments, number of lenders) is sensitive personal information. Why it is needed: the institution works out your debts and repayment burden from it. The impact: if leaked or misused, it could expose you to fraud or harassment.",
        (_, true) => "财产信息（房产和其他抵押物价值）属于敏感个人信息。必要性：机构需要它确定担保方式和可贷额度。影响：一旦泄露或被滥用，可能使您遭受财产损失或诈骗。",
        (_, false) => "Your property (the value of real estate and other security) is sensitive personal information. Why it is needed: the institution decides the security and how much it can lend from it. The impact: if leaked or misused, it could expose you to financial loss or fraud.",
    }
}

/// The sensitive categories of `fields`, each with its fields and text hash in `language`.
pub fn sensitive_of<'a>(
    fields: impl IntoIterator<Item = &'a String>,
    language: &str,
) -> Vec<Sensitive> {
    let fields: Vec<&String> = fields.into_iter().collect();
    SENSITIVE_CATEGORIES
        .iter()
        .filter_map(|(category, prefix)| {
            let mut of: Vec<String> = fields
                .iter()
                .filter(|f| f.starts_with(prefix))
                .map(|f| (*f).clone())
                .collect();
            of.sort();
            (!of.is_empty()).then(|| Sensitive {
                category: (*category).into(),
                fields: of,
                text_sha256: crate::sha256_hex(sensitive_text(category, language).as_bytes()),
            })
        })
        .collect()
}

/// What the record says of an institution: `None` when the catalog gives no data-protection
/// particulars for it.
pub fn of_institution(institution: &Institution) -> Option<(Controller, Retention, Withdrawal)> {
    let protection = institution.data_protection.as_ref()?;
    Some((
        Controller {
            legal_name: protection.legal_name.clone(),
            contact: institution.phone.clone(),
            data_protection_contact: protection.contact.clone(),
        },
        Retention {
            days: protection.retention_days,
            after: DELETION_TRIGGER.into(),
        },
        Withdrawal {
            endpoint: protection.withdrawal_url.clone(),
        },
    ))
}

/// The processing record for scoring with the model `model_sha256`.
pub fn processing(model_sha256: &str) -> Processing {
    Processing {
        methods: PROCESSING_METHODS.iter().map(|m| (*m).to_owned()).collect(),
        automated_scoring: AutomatedScoring {
            model_sha256: model_sha256.into(),
            explanation: "on-request".into(),
        },
    }
}

/// The consents of a record, normalised: the bundle's own purpose first, then each optional
/// use at most once in [`Use::OPTIONAL`] order, the term only on a credit-report query (the
/// application's term if none is given), every text hash that of the text in `language`.
pub fn normalised(own: Use, optional: &[Given], language: &str) -> Vec<Given> {
    let mut consents = vec![Given::new(own, None, language)];
    for use_ in Use::OPTIONAL {
        if let Some(given) = optional.iter().find(|g| g.purpose == use_) {
            let term = (use_ == Use::CreditReportQuery)
                .then(|| given.term.unwrap_or(QueryTerm::Application));
            consents.push(Given::new(use_, term, language));
        }
    }
    consents
}
