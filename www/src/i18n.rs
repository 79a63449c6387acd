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

    fn pick(self, en: &'static str, zh: &'static str) -> &'static str {
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
    /// Heading of the result.
    ResultHeading,
    /// Label before the grade.
    Grade,
    /// Label before the probability of default.
    ProbabilityOfDefault,
    /// Heading of the reasons.
    ReasonsHeading,
    /// Heading of the policy overlays.
    PolicyHeading,
    /// Explains policy overlays.
    PolicyExplainer,
    /// The grade before policy rules.
    StatisticalGrade,
    /// What the result is and is not.
    Disclaimer,
    /// Label before the model id.
    ModelId,
    /// The gauge's title.
    GaugeTitle,
    /// The gauge in words: `{0}` grade, `{1}` probability of default.
    GaugeDescription,
    /// The factor chart's title.
    FactorsTitle,
    /// One factor in words: `{0}` characteristic, `{1}` the merchant's value, `{2}` points
    /// above the worst, `{3}` points below the best.
    FactorSentence,
    /// How to read the factor chart.
    FactorsCaption,
    /// Factor table column.
    FactorColumn,
    /// Factor table column.
    YourValueColumn,
    /// Factor table column.
    PointsColumn,
    /// Factor table column.
    RangeColumn,
    /// Heading of the what-if panel.
    WhatIfHeading,
    /// What the sliders do.
    WhatIfHint,
    /// No slider moved yet.
    WhatIfUnchanged,
    /// Before the grade the moved sliders would give.
    WhatIfWouldBe,
    /// The moved sliders make the profile invalid.
    WhatIfInvalid,
    /// Puts the sliders back.
    WhatIfReset,
    /// Heading of the core's improving changes.
    ImprovementsHeading,
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
        Check => lang.pick("Check my profile", "检查我的资料"),
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
        ResultHeading => lang.pick("Your indicative risk grade", "您的参考风险等级"),
        Grade => lang.pick("Grade", "等级"),
        ProbabilityOfDefault => lang.pick("Estimated probability of default", "估计违约概率"),
        ReasonsHeading => lang.pick("What weighs on your grade most", "影响您等级的主要因素"),
        PolicyHeading => lang.pick("Policy rules that apply", "适用的政策规则"),
        PolicyExplainer => lang.pick(
            "These are lending-practice rules on your tax, power, social-insurance and court records, not statistical estimates. They lower or cap the grade.",
            "以下是基于纳税、电费、社保和司法记录的信贷政策规则，而非统计估计，会降低或限制等级。",
        ),
        StatisticalGrade => lang.pick("Grade from the statistical model alone", "仅按统计模型的等级"),
        Disclaimer => lang.pick(
            "Indicative only, not a credit decision. The model was trained on US small-business loan outcomes and has not yet been recalibrated on Chinese data; lenders apply their own checks.",
            "仅供参考，并非授信决定。模型基于美国小企业贷款数据训练，尚未使用中国数据重新校准；银行会进行自己的审查。",
        ),
        GaugeTitle => lang.pick("Risk grade", "风险等级"),
        GaugeDescription => lang.pick(
            "Grade {0} on a scale from A (lowest risk) to G (highest risk); estimated probability of default {1}.",
            "风险等级 {0}（A 风险最低，G 风险最高）；估计违约概率 {1}。",
        ),
        FactorsTitle => lang.pick("What moved your grade", "影响您等级的因素"),
        FactorSentence => lang.pick(
            "{0} ({1}): {2} points above the worst case, {3} below the best.",
            "{0}（{1}）：比最不利情形高 {2} 分，比最有利情形低 {3} 分。",
        ),
        FactorsCaption => lang.pick(
            "Green: points gained above the least favourable case. Red: points missing from the most favourable case.",
            "绿色：比最不利情形多得的分数。红色：比最有利情形少得的分数。",
        ),
        FactorColumn => lang.pick("Factor", "因素"),
        YourValueColumn => lang.pick("Your value", "您的情况"),
        PointsColumn => lang.pick("Points", "得分"),
        RangeColumn => lang.pick("Possible points", "分数范围"),
        WhatIfHeading => lang.pick("What if…", "如果……"),
        WhatIfHint => lang.pick(
            "Move a slider to see your grade with that change. Your entries are not changed.",
            "拖动滑块，查看改变后的等级。您填写的资料不会被修改。",
        ),
        WhatIfUnchanged => lang.pick("Move a slider to try a change.", "拖动滑块试试看。"),
        WhatIfWouldBe => lang.pick("With these changes your grade would be", "做出这些改变后，您的等级将是"),
        WhatIfInvalid => lang.pick(
            "These values do not make a valid profile.",
            "这些数值不构成有效的资料。",
        ),
        WhatIfReset => lang.pick("Reset the sliders", "恢复滑块"),
        ImprovementsHeading => lang.pick(
            "Single changes that would improve your grade",
            "可提升等级的单项改变",
        ),
        ModelId => lang.pick("Model id", "模型编号"),
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
