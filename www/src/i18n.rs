//! All user-facing text of the web app, in English and Simplified Chinese.
//!
//! Messages are looked up by field path, section or rule code, so the core stays free of
//! presentation text and a language can be switched at any time without touching the form's
//! state.

use prequal::profile::Section;
use prequal::Rule;

/// A supported language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// 简体中文 — the default: the app's users are Chinese merchants.
    #[default]
    ZhCn,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The language of a BCP 47 tag: `zh…` is Chinese, anything else English.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::ZhCn
        } else {
            Lang::En
        }
    }

    /// The other language (the switch offers it).
    pub fn other(self) -> Lang {
        match self {
            Lang::ZhCn => Lang::En,
            Lang::En => Lang::ZhCn,
        }
    }

    /// The language's own name.
    pub fn name(self) -> &'static str {
        match self {
            Lang::ZhCn => "中文",
            Lang::En => "English",
        }
    }

    /// `en` or `zh`, whichever is this language.
    pub fn pick(self, en: &'static str, zh: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::ZhCn => zh,
        }
    }
}

/// Fixed interface text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// Page title.
    Title,
    /// One line under the title.
    Tagline,
    /// The privacy promise.
    Privacy,
    /// The submit button.
    Check,
    /// Shown when every check passes.
    Valid,
    /// Heading of the error summary.
    ProblemsHeading,
    /// Placeholder option of a select.
    Choose,
    /// Hint for the revenue slots.
    RevenueHint,
    /// Marks an optional field.
    Optional,
    /// Hint for the region code.
    RegionHint,
    /// Name of the currency unit shown beside amounts.
    Yuan,
    /// Label of the language switch.
    SwitchLanguage,
    /// Between a field's name and its message.
    LabelSeparator,
    /// Accessible name of the header tools.
    ToolsLabel,
    /// Opens the page of bundles sent.
    SentLink,
    /// Accessible name of the progress indicator.
    ProgressLabel,
    /// Progress step: form page 1.
    PageBusiness,
    /// Progress step: form page 2.
    PageMoney,
    /// Progress step: form page 3.
    PageRecords,
    /// Progress step: form page 4.
    PageDebts,
    /// Progress step.
    StepResult,
    /// Progress step.
    StepProducts,
    /// Progress step.
    StepConsent,
    /// Heading of the welcome screen.
    WelcomeHeading,
    /// What runs where.
    WelcomeLocal,
    /// What the merchant controls.
    WelcomeDraft,
    /// Starts the form.
    Start,
    /// Restores the saved draft.
    ContinueDraft,
    /// Deletes the saved draft.
    DeleteDraft,
    /// Form page heading: page {0} of {1}.
    PageOf,
    /// Next page.
    Next,
    /// Previous page.
    Back,
    /// Saves a draft.
    SaveDraft,
    /// After saving.
    DraftSaved,
    /// Saving refused.
    DraftNotSaved,
    /// Heading of the import.
    ImportHeading,
    /// Label of the file input.
    ImportLabel,
    /// How the CSV looks.
    ImportHint,
    /// After an import: {0} rows.
    Imported,
    /// While the next part loads.
    Loading,
    /// The on-demand part failed to load.
    LoadFailed,
}

/// `template` with `{0}` … `{9}` replaced by `values` (a placeholder without a value stays).
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let value = after
            .as_bytes()
            .get(1..3)
            .filter(|b| b[0].is_ascii_digit() && b[1] == b'}')
            .and_then(|b| values.get(usize::from(b[0] - b'0')));
        match value {
            Some(value) => {
                out.push_str(value);
                rest = &after[3..];
            }
            None => {
                out.push('{');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Interface text in `lang`.
pub fn text(lang: Lang, text: Text) -> &'static str {
    use Text::*;
    match text {

        Title => lang.pick("prequal — loan pre-qualification", "prequal 小微企业贷款预审"),
        Tagline => lang.pick(
            "Describe your business to see, privately, which loans you may qualify for.",
            "填写您的经营情况，私密地查看您可能获得的贷款。",
        ),
        Privacy => lang.pick(
            "Everything you enter stays on this device. Nothing is sent anywhere until you choose a product and sign your consent.",
            "您填写的所有信息只保存在本设备上。在您选定产品并签署授权之前，不会发送任何数据。",
        ),
        Check => lang.pick("See my result", "查看我的结果"),
        Valid => lang.pick(
            "Your profile passes every check.",
            "您的资料已通过全部检查。",
        ),
        ProblemsHeading => lang.pick("Please correct these fields", "请更正以下字段"),
        Choose => lang.pick("Choose…", "请选择…"),
        RevenueHint => lang.pick(
            "In yuan, oldest month first. A business younger than a year fills only the months since it opened.",
            "单位：元，从最早的月份开始。经营不满一年的，只填开业以来的月份。",
        ),
        Optional => lang.pick("optional", "选填"),
        RegionHint => lang.pick(
            "Six-digit administrative division code, e.g. 330106",
            "六位行政区划代码，例如 330106",
        ),
        Yuan => lang.pick("yuan", "元"),
        SwitchLanguage => lang.pick("Switch language to", "切换语言为"),
        LabelSeparator => lang.pick(": ", "："),
        ToolsLabel => lang.pick("Tools", "工具"),
        SentLink => lang.pick("Bundles I have sent", "我已发送的授权包"),
        ProgressLabel => lang.pick("Progress", "进度"),
        PageBusiness => lang.pick("Business", "企业"),
        PageMoney => lang.pick("Revenue and loan", "收入与融资"),
        PageRecords => lang.pick("Payment records", "缴费记录"),
        PageDebts => lang.pick("Debts and security", "负债与担保"),
        StepResult => lang.pick("Result", "结果"),
        StepProducts => lang.pick("Products", "产品"),
        StepConsent => lang.pick("Consent", "授权"),
        WelcomeHeading => lang.pick("Check your loan options privately", "私密查看您的贷款选择"),
        WelcomeLocal => lang.pick("Your figures are checked, scored and matched with bank products right here in this browser.", "您的数据在本浏览器中完成检查、评分和产品匹配。"),
        WelcomeDraft => lang.pick("You can import a file, save a draft on this device, and delete it at any time.", "您可以导入文件、在本设备上保存草稿，并随时删除。"),
        Start => lang.pick("Start", "开始"),
        ContinueDraft => lang.pick("Continue my saved draft", "继续填写已保存的草稿"),
        DeleteDraft => lang.pick("Delete the saved draft", "删除已保存的草稿"),
        PageOf => lang.pick("Your profile, part {0} of {1}", "您的资料（第 {0} 部分，共 {1} 部分）"),
        Next => lang.pick("Next", "下一步"),
        Back => lang.pick("Back", "上一步"),
        SaveDraft => lang.pick("Save a draft on this device", "在本设备上保存草稿"),
        DraftSaved => lang.pick("Draft saved on this device only.", "草稿已保存在本设备上。"),
        DraftNotSaved => lang.pick("This browser does not allow saving a draft.", "此浏览器不允许保存草稿。"),
        ImportHeading => lang.pick("Import from a file", "从文件导入"),
        ImportLabel => lang.pick("Profile (.json) or monthly figures (.csv)", "资料文件（.json）或月度数据（.csv）"),
        ImportHint => lang.pick("CSV columns: month (YYYY-MM), revenue (yuan), kwh. The file is read in this browser only.", "CSV 列：month（年-月）、revenue（元）、kwh（用电量）。文件只在本浏览器中读取。"),
        Imported => lang.pick("Imported {0} row(s) into the form. Please check them.", "已导入 {0} 行数据，请核对。"),
        Loading => lang.pick("Loading…", "正在加载…"),
        LoadFailed => lang.pick("The next part of the app could not be loaded. Check your connection and try again; your answers are kept.", "无法加载下一部分，请检查网络后重试；您填写的内容不会丢失。"),
    }
}

/// A section's heading.
pub fn section(lang: Lang, section: Section) -> &'static str {
    match section {
        Section::Document => lang.pick("About this profile", "资料信息"),
        Section::Business => lang.pick("Your business", "企业信息"),
        Section::Location => lang.pick("Location", "经营地点"),
        Section::Owner => lang.pick("Owner", "经营者"),
        Section::Revenue => lang.pick("Monthly revenue", "月营业收入"),
        Section::Loan => lang.pick("The loan you need", "融资需求"),
        Section::Tax => lang.pick("Tax", "纳税情况"),
        Section::Utility => lang.pick("Electricity bills", "电费缴纳"),
        Section::SocialInsurance => lang.pick("Social insurance", "社保缴纳"),
        Section::Debts => lang.pick("Existing debts", "现有负债"),
        Section::Security => lang.pick("Collateral and guarantee", "抵押与担保"),
        Section::Court => lang.pick("Court records and credit lists", "司法与信用名单"),
    }
}

/// A field's label.
pub fn label(lang: Lang, path: &str) -> &'static str {
    let (en, zh) = match path {
        "as_of" => ("Date of these figures", "资料日期"),
        "business.name" => ("Registered business name", "企业名称"),
        "business.credit_code" => ("Unified social credit code", "统一社会信用代码"),
        "business.legal_form" => ("Legal form", "组织形式"),
        "business.industry" => ("Industry", "所属行业"),
        "business.franchise" => ("Operated as a franchise", "加盟经营"),
        "business.registered_on" => ("Date registered", "注册日期"),
        "business.months_in_operation" => ("Months in operation", "实际经营月数"),
        "business.employees" => ("Employees, owner included", "员工人数（含经营者）"),
        "location.region" => ("Region code", "所在地区代码"),
        "location.setting" => ("Urban or rural", "城镇或乡村"),
        "owner.industry_experience_years" => ("Owner's years in this industry", "经营者从业年限"),
        "revenue.monthly_minor" => ("Revenue per month", "每月营业收入"),
        "loan.amount_minor" => ("Amount", "申请金额"),
        "loan.purpose" => ("Purpose", "资金用途"),
        "loan.facility" => ("Type", "贷款类型"),
        "loan.term_months" => ("Term in months", "期限（月）"),
        "tax.credit_rating" => ("Taxpayer credit rating", "纳税信用等级"),
        "tax.months_filed_last_12" => ("Months filed on time, last 12", "近12个月按时申报月数"),
        "tax.arrears_minor" => ("Tax overdue now", "当前欠税金额"),
        "utility.late_payments_last_12" => {
            ("Late power bills, last 12 months", "近12个月电费逾期次数")
        }
        "utility.arrears_minor" => ("Power bills overdue now", "当前欠缴电费"),
        "utility.average_monthly_kwh" => ("Average monthly use, kWh", "月均用电量（千瓦时）"),
        "social_insurance.insured_staff" => ("Staff insured", "参保人数"),
        "social_insurance.months_paid_last_12" => {
            ("Months paid in full, last 12", "近12个月足额缴纳月数")
        }
        "social_insurance.arrears_minor" => ("Contributions overdue now", "当前欠缴社保"),
        "debts.outstanding_minor" => ("Total owed", "负债余额"),
        "debts.monthly_repayment_minor" => ("Monthly repayments", "每月还款额"),
        "debts.lenders" => ("Number of lenders", "借款机构数"),
        "collateral.real_estate_value_minor" => ("Real estate you can pledge", "可抵押房产价值"),
        "collateral.other_value_minor" => ("Other assets you can pledge", "其他可抵质押资产价值"),
        "guarantor" => ("Guarantor", "担保方式"),
        "court.unsatisfied_judgements" => ("Unsatisfied court judgements", "未履行的法院判决"),
        "court.list_status" => ("Public credit list", "信用名单"),
        _ => ("", ""),
    };
    lang.pick(en, zh)
}

/// The label of a choice's option.
pub fn option(lang: Lang, value: &'static str) -> &'static str {
    let (en, zh) = match value {
        "individual_business" => ("Individual business (个体工商户)", "个体工商户"),
        "sole_proprietorship" => ("Sole proprietorship", "个人独资企业"),
        "partnership" => ("Partnership", "合伙企业"),
        "limited_company" => ("Limited company", "有限责任公司"),
        "farmers_cooperative" => ("Farmers' cooperative", "农民专业合作社"),
        "urban" => ("Urban", "城镇"),
        "rural" => ("Rural", "乡村"),
        "working_capital" => ("Working capital", "流动资金"),
        "inventory" => ("Stock", "进货备货"),
        "equipment" => ("Equipment", "购置设备"),
        "premises" => ("Premises", "经营场所"),
        "expansion" => ("Expansion", "扩大经营"),
        "seasonal" => ("Seasonal peak", "季节性周转"),
        "refinance" => ("Refinance", "借新还旧"),
        "other" => ("Other", "其他"),
        "term_loan" => ("Term loan", "固定期限贷款"),
        "revolving_line" => ("Revolving line", "循环额度"),
        "A" => ("A", "A 级"),
        "B" => ("B", "B 级"),
        "M" => ("M (new taxpayer)", "M 级（新设）"),
        "C" => ("C", "C 级"),
        "D" => ("D", "D 级"),
        "unrated" => ("Not rated", "未评级"),
        "none" => ("None", "无"),
        "individual" => ("A person", "个人担保"),
        "company" => ("A company", "企业担保"),
        "government_guarantee_fund" => ("Government guarantee fund", "政府性融资担保机构"),
        "red_list" => ("Red list (trustworthy)", "守信红名单"),
        "black_list" => ("Black list", "失信黑名单"),
        _ => (value, value),
    };
    lang.pick(en, zh)
}

/// A broken rule, phrased for the merchant.
pub fn rule(lang: Lang, rule: &Rule) -> String {
    match (lang, rule) {
        (Lang::En, Rule::Required) => "Please fill this in.".into(),
        (Lang::ZhCn, Rule::Required) => "请填写此项。".into(),
        (Lang::En, Rule::Negative) => "Cannot be negative.".into(),
        (Lang::ZhCn, Rule::Negative) => "不能为负数。".into(),
        (Lang::En, Rule::TooLarge { max }) => format!("Too large — at most {max}."),
        (Lang::ZhCn, Rule::TooLarge { max }) => format!("数值过大，最多 {max}。"),
        (Lang::En, Rule::TooLong { max_chars }) => format!("At most {max_chars} characters."),
        (Lang::ZhCn, Rule::TooLong { max_chars }) => format!("最多 {max_chars} 个字符。"),
        (Lang::En, Rule::OutOfRange { min, max }) => format!("Must be from {min} to {max}."),
        (Lang::ZhCn, Rule::OutOfRange { min, max }) => format!("应在 {min} 到 {max} 之间。"),
        (Lang::En, Rule::WrongCount { expected, found }) => {
            format!("Expected {expected} months of figures, found {found}.")
        }
        (Lang::ZhCn, Rule::WrongCount { expected, found }) => {
            format!("应填写 {expected} 个月的数据，实际为 {found} 个月。")
        }
        (Lang::En, Rule::UnknownCode { standard }) => format!("Not a {standard} code."),
        (Lang::ZhCn, Rule::UnknownCode { standard }) => format!("不是有效的 {standard} 代码。"),
        (Lang::En, Rule::BadFormat { expected }) => format!("Must be {expected}."),
        (Lang::ZhCn, Rule::BadFormat { expected }) => {
            format!("格式不正确（应为：{}）。", zh_format(expected))
        }
        (Lang::En, Rule::BadChecksum) => {
            "The check character does not match — please check for a typo.".into()
        }
        (Lang::ZhCn, Rule::BadChecksum) => "校验位不符，请检查是否输错。".into(),
        (Lang::En, Rule::Exceeds { other, limit }) => {
            format!(
                "Cannot be more than {limit} (set by “{}”).",
                label(lang, other)
            )
        }
        (Lang::ZhCn, Rule::Exceeds { other, limit }) => {
            format!("不能超过 {limit}（受“{}”限制）。", label(lang, other))
        }
        (Lang::En, Rule::AfterDate { other }) => {
            format!("Cannot be after “{}”.", label(lang, other))
        }
        (Lang::ZhCn, Rule::AfterDate { other }) => format!("不能晚于“{}”。", label(lang, other)),
        (Lang::En, Rule::Syntax { .. } | Rule::WrongType { .. }) => {
            "Not a valid value here.".into()
        }
        (Lang::ZhCn, Rule::Syntax { .. } | Rule::WrongType { .. }) => "此处的值无效。".into(),
        (Lang::En, Rule::UnknownField) => "Not a field of this form.".into(),
        (Lang::ZhCn, Rule::UnknownField) => "不是本表单的字段。".into(),
        (Lang::En, Rule::Duplicate) => "Given more than once.".into(),
        (Lang::ZhCn, Rule::Duplicate) => "重复出现。".into(),
        (Lang::En, Rule::NotSupported { supported }) => format!("Not supported (use {supported})."),
        (Lang::ZhCn, Rule::NotSupported { supported }) => {
            format!("暂不支持（请使用 {supported}）。")
        }
    }
}

fn zh_format(expected: &'static str) -> &'static str {
    match expected {
        "six digits" => "六位数字",
        "a whole number" => "整数",
        "an amount such as 12,345.67" => "金额，例如 12,345.67",
        "18 characters: digits and capital letters except I, O, S, V, Z" => {
            "18位数字或大写字母（不含 I、O、S、V、Z）"
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use prequal::profile::{FieldKind, FIELDS};

    #[test]
    fn every_field_and_option_has_text_in_both_languages() {
        for spec in FIELDS {
            if matches!(spec.kind, FieldKind::Fixed(_)) {
                continue;
            }
            for lang in [Lang::En, Lang::ZhCn] {
                assert!(
                    !label(lang, spec.path).is_empty(),
                    "{} {:?}",
                    spec.path,
                    lang
                );
            }
            if let FieldKind::Choice(options) = spec.kind {
                for value in options {
                    assert_ne!(option(Lang::ZhCn, value), *value, "{value} untranslated");
                }
            }
        }
    }
}
