//! Every text of the on-demand screens (result, products, consent, sent bundles), in English and
//! Simplified Chinese. Kept apart from the first-load app's texts so that none of these strings
//! are in the first download.

use prequal_www::i18n::Lang;

/// A fixed text of the on-demand screens. `{0}`… are placeholders filled with
/// [`prequal_www::i18n::fill`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
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
    /// While the on-demand part loads.
    LoadingFlow,
    /// Back to the form.
    BackToForm,
    /// To the products.
    SeeProducts,
    /// Heading of the products screen.
    ProductsHeading,
    /// Before the catalog's own notice.
    CatalogNotice,
    /// The catalog could not be loaded or failed its signature check.
    CatalogFailed,
    /// Match counts: {0} eligible, {1} near misses, {2} products.
    Counts,
    /// Heading of the filters.
    FiltersHeading,
    /// Legend of the kind filter.
    KindFilter,
    /// Label of the institution filter.
    InstitutionFilter,
    /// Option: every lender.
    AnyInstitution,
    /// Label of the sort.
    SortBy,
    /// Sort option.
    SortCost,
    /// Sort option.
    SortRate,
    /// Sort option.
    SortAmount,
    /// Sort option.
    SortTerm,
    /// Heading of the eligible list.
    EligibleHeading,
    /// No eligible product.
    NoneEligible,
    /// Heading of the near misses.
    NearMissHeading,
    /// Label: amount range.
    Amount,
    /// Label: rate range.
    Rate,
    /// Label: term range.
    Term,
    /// Unit after a number of months.
    Months,
    /// Label: first monthly payment.
    MonthlyPayment,
    /// Label: interest and fees.
    TotalCost,
    /// Label: APR.
    Apr,
    /// Label: approval odds.
    Odds,
    /// Odds.
    OddsHigh,
    /// Odds.
    OddsGood,
    /// Odds.
    OddsFair,
    /// Odds.
    OddsLow,
    /// Badge of the cheapest eligible product.
    Cheapest,
    /// Before the loan the figures are for: {0} amount, {1} months.
    ForYourLoan,
    /// Before a near miss's change.
    WhatToChange,
    /// Opens a product.
    Details,
    /// Accessible name of a details button: {0} product.
    DetailsOf,
    /// Starts the consent for a product.
    Apply,
    /// Back to the list.
    BackToProducts,
    /// Heading of a product's rules.
    RulesHeading,
    /// Marks a rule met.
    Passed,
    /// Marks a rule not met.
    Failed,
    /// Heading of the schedules.
    ScheduleHeading,
    /// Title of one schedule's chart: {0} repayment type.
    ScheduleOf,
    /// The chart in words: {0} payments, {1} first, {2} largest, {3} total.
    ScheduleDescription,
    /// Marks the lender's default repayment type.
    LenderDefault,
    /// Summary of the schedule table.
    ShowTable,
    /// Schedule column.
    NumberColumn,
    /// Schedule column.
    MonthColumn,
    /// Schedule column.
    PrincipalColumn,
    /// Schedule column.
    InterestColumn,
    /// Schedule column.
    FeeColumn,
    /// Schedule column.
    PaymentColumn,
    /// Schedule column.
    BalanceColumn,
    /// A product without an offer has no schedule.
    NoSchedule,
    /// Repayment type.
    RepayEqualInstalment,
    /// Repayment type.
    RepayEqualPrincipal,
    /// Repayment type.
    RepayBalloon,
    /// Repayment type.
    RepaySeasonal,
    /// Heading of the consent screen.
    ConsentHeading,
    /// Recipient line: {0} institution, {1} product.
    ConsentTo,
    /// Legend of the purpose choice.
    PurposeLegend,
    /// Purpose.
    PurposeApplication,
    /// Purpose.
    PurposeQuote,
    /// Label of the validity choice.
    ValidFor,
    /// {0} days until {1}.
    Days,
    /// Heading: fields the product needs.
    RequiredFields,
    /// Heading: fields for re-checking the grade.
    ScoreFields,
    /// Heading: fields the merchant may add.
    OtherFields,
    /// Removes an optional field.
    Remove,
    /// Adds an optional field.
    Add,
    /// Consent table column.
    FieldColumn,
    /// Consent table column.
    ValueColumn,
    /// Warning when score fields are left out.
    NotRecheckable,
    /// Heading of the notice.
    NoticeHeading,
    /// The consent checkbox.
    Agree,
    /// Signs the bundle.
    Sign,
    /// While signing.
    Signing,
    /// After signing: {0} bundle id.
    Signed,
    /// Sends the bundle: {0} institution.
    Send,
    /// While sending.
    Sending,
    /// Downloads the bundle.
    Download,
    /// Sending failed: {0} reason.
    SendFailed,
    /// Signing failed: {0} reason.
    SignFailed,
    /// Heading of the receipt.
    ReceiptHeading,
    /// Receipt row.
    ReceiptBundle,
    /// Receipt row.
    ReceiptInstitution,
    /// Receipt row.
    ReceiptAt,
    /// Receipt row.
    ReceiptSha,
    /// Receipt row.
    ReceiptRecomputed,
    /// Yes.
    Yes,
    /// No.
    No,
    /// Heading of the sent page.
    SentHeading,
    /// No bundle sent from this browser.
    SentNone,
    /// Column.
    SentExpires,
    /// Column.
    SentStatus,
    /// Status.
    StatusActive,
    /// Status.
    StatusRevoked,
    /// Revokes a bundle.
    Revoke,
    /// Revocation failed: {0} reason.
    RevokeFailed,
    /// Opens the sent page.
    SentLink,
    /// Product kind.
    KindCredit,
    /// Product kind.
    KindSecured,
    /// Product kind.
    KindGuaranteed,
    /// Product kind.
    KindProcurement,
    /// Product kind.
    KindSupplyChain,
    /// Product kind.
    KindSeasonal,
    /// Product kind.
    KindIp,
    /// Product kind.
    KindInvoice,
    /// Heading of an import's problems: {0} file name.
    ImportProblems,
    /// An import problem's place: {0} row, {1} column.
    ImportRow,
}

/// `text` in `lang`.
pub fn t(lang: Lang, text: T) -> &'static str {
    use T::*;
    match text {
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
        LoadingFlow => lang.pick("Loading…", "正在加载…"),
        BackToForm => lang.pick("Back to my answers", "返回修改资料"),
        SeeProducts => lang.pick("See matching loan products", "查看匹配的贷款产品"),
        ProductsHeading => lang.pick("Loan products for you", "适合您的贷款产品"),
        CatalogNotice => lang.pick("Product list", "产品目录"),
        CatalogFailed => lang.pick("The product list could not be checked, so no products are shown: {0}", "产品目录未通过校验，因此不显示产品：{0}"),
        Counts => lang.pick("{0} eligible and {1} near misses among {2} products.", "{2} 个产品中：符合条件 {0} 个，差一点符合 {1} 个。"),
        FiltersHeading => lang.pick("Filter and sort", "筛选与排序"),
        KindFilter => lang.pick("Kinds of loan", "贷款类型"),
        InstitutionFilter => lang.pick("Lender", "金融机构"),
        AnyInstitution => lang.pick("Any lender", "全部机构"),
        SortBy => lang.pick("Sort by", "排序"),
        SortCost => lang.pick("Lowest total cost", "总成本最低"),
        SortRate => lang.pick("Lowest rate", "利率最低"),
        SortAmount => lang.pick("Largest amount", "额度最高"),
        SortTerm => lang.pick("Longest term", "期限最长"),
        EligibleHeading => lang.pick("You qualify", "您符合条件"),
        NoneEligible => lang.pick("No product in this list fits your profile yet. The near misses below say what to change.", "目前没有完全符合条件的产品。下方“差一点符合”的产品列出了需要改变的地方。"),
        NearMissHeading => lang.pick("Near misses: one change away", "差一点符合：只差一项"),
        Amount => lang.pick("Amount", "额度"),
        Rate => lang.pick("Annual rate", "年利率"),
        Term => lang.pick("Term", "期限"),
        Months => lang.pick("months", "个月"),
        MonthlyPayment => lang.pick("Monthly payment", "月还款额"),
        TotalCost => lang.pick("Total cost of credit", "贷款总成本"),
        Apr => lang.pick("Estimated APR", "估算年化利率"),
        Odds => lang.pick("Approval odds", "获批可能性"),
        OddsHigh => lang.pick("high", "高"),
        OddsGood => lang.pick("good", "较高"),
        OddsFair => lang.pick("fair", "一般"),
        OddsLow => lang.pick("low", "较低"),
        Cheapest => lang.pick("Lowest cost", "成本最低"),
        ForYourLoan => lang.pick("For {0} over {1} months:", "按借款 {0}、期限 {1} 个月计算："),
        WhatToChange => lang.pick("What to change", "需要改变"),
        Details => lang.pick("Details", "详情"),
        DetailsOf => lang.pick("Details of {0}", "{0}的详情"),
        Apply => lang.pick("Apply: choose what to share", "申请：选择要提供的信息"),
        BackToProducts => lang.pick("Back to the products", "返回产品列表"),
        RulesHeading => lang.pick("Who may apply", "申请条件"),
        Passed => lang.pick("Met", "符合"),
        Failed => lang.pick("Not met", "不符合"),
        ScheduleHeading => lang.pick("Repayment schedules", "还款计划"),
        ScheduleOf => lang.pick("Repayments month by month: {0}", "逐月还款：{0}"),
        ScheduleDescription => lang.pick("{0} monthly payments; the first {1}, the largest {2}; {3} repaid in all.", "共 {0} 期；首期 {1}，最高一期 {2}；合计还款 {3}。"),
        LenderDefault => lang.pick("lender's default", "机构默认"),
        ShowTable => lang.pick("Month-by-month table", "逐月明细表"),
        NumberColumn => lang.pick("No.", "期数"),
        MonthColumn => lang.pick("Month", "月份"),
        PrincipalColumn => lang.pick("Principal", "本金"),
        InterestColumn => lang.pick("Interest", "利息"),
        FeeColumn => lang.pick("Fees", "费用"),
        PaymentColumn => lang.pick("Payment", "还款额"),
        BalanceColumn => lang.pick("Still owed", "剩余本金"),
        NoSchedule => lang.pick("Schedules are shown for products you qualify for.", "仅对符合条件的产品显示还款计划。"),
        RepayEqualInstalment => lang.pick("Equal instalments (等额本息)", "等额本息"),
        RepayEqualPrincipal => lang.pick("Equal principal (等额本金)", "等额本金"),
        RepayBalloon => lang.pick("Interest only, principal at the end", "先息后本"),
        RepaySeasonal => lang.pick("Seasonal principal", "按季节还本"),
        ConsentHeading => lang.pick("What you will share", "您将提供的信息"),
        ConsentTo => lang.pick("With {0}, for {1}", "提供给 {0}，用于申请 {1}"),
        PurposeLegend => lang.pick("Purpose", "用途"),
        PurposeApplication => lang.pick("Apply for this loan", "申请该贷款"),
        PurposeQuote => lang.pick("Ask for a non-binding quote", "获取非约束性报价"),
        ValidFor => lang.pick("The bank may use it for", "授权有效期"),
        Days => lang.pick("{0} days (until {1})", "{0} 天（至 {1}）"),
        RequiredFields => lang.pick("Needed by this product", "该产品必需的信息"),
        ScoreFields => lang.pick("Lets the bank re-check your grade (you may leave any out)", "用于银行复核您的等级（可以不提供）"),
        OtherFields => lang.pick("You may add", "您可以补充的信息"),
        Remove => lang.pick("Leave out", "不提供"),
        Add => lang.pick("Add", "提供"),
        FieldColumn => lang.pick("Information", "信息"),
        ValueColumn => lang.pick("Value shared", "提供的内容"),
        NotRecheckable => lang.pick("Without every field the model reads, the bank cannot re-check your grade from this bundle.", "缺少模型所需的字段时，银行无法据此复核您的等级。"),
        NoticeHeading => lang.pick("Notice", "告知"),
        Agree => lang.pick("I have read the notice and agree to share exactly the information above.", "我已阅读告知内容，同意提供上述信息。"),
        Sign => lang.pick("Sign on this device", "在本设备上签署"),
        Signing => lang.pick("Signing…", "正在签署…"),
        Signed => lang.pick("Signed. Bundle {0} is ready; nothing has been sent yet.", "已签署。授权包 {0} 已生成，尚未发送任何数据。"),
        Send => lang.pick("Send to {0}", "发送给 {0}"),
        Sending => lang.pick("Sending…", "正在发送…"),
        Download => lang.pick("Download the bundle", "下载授权包"),
        SendFailed => lang.pick("Not sent: {0}", "发送失败：{0}"),
        SignFailed => lang.pick("Could not sign: {0}", "无法签署：{0}"),
        ReceiptHeading => lang.pick("Sent: your receipt", "已发送：回执"),
        ReceiptBundle => lang.pick("Bundle", "授权包编号"),
        ReceiptInstitution => lang.pick("Received by", "接收机构"),
        ReceiptAt => lang.pick("Received at", "接收时间"),
        ReceiptSha => lang.pick("Fingerprint (SHA-256)", "指纹（SHA-256）"),
        ReceiptRecomputed => lang.pick("The bank re-computed your grade", "银行已复核您的等级"),
        Yes => lang.pick("yes", "是"),
        No => lang.pick("no", "否"),
        SentHeading => lang.pick("Bundles you have sent", "已发送的授权包"),
        SentNone => lang.pick("You have not sent any bundle from this browser.", "您尚未从此浏览器发送过授权包。"),
        SentExpires => lang.pick("Valid until", "有效期至"),
        SentStatus => lang.pick("Status", "状态"),
        StatusActive => lang.pick("active", "有效"),
        StatusRevoked => lang.pick("revoked", "已撤回"),
        Revoke => lang.pick("Revoke", "撤回"),
        RevokeFailed => lang.pick("Not revoked: {0}", "撤回失败：{0}"),
        SentLink => lang.pick("Bundles I have sent", "我已发送的授权包"),
        KindCredit => lang.pick("Credit (unsecured)", "信用贷"),
        KindSecured => lang.pick("Secured", "抵押贷"),
        KindGuaranteed => lang.pick("Guaranteed", "担保贷"),
        KindProcurement => lang.pick("Government procurement", "政采贷"),
        KindSupplyChain => lang.pick("Supply chain", "供应链金融"),
        KindSeasonal => lang.pick("Seasonal", "季节贷"),
        KindIp => lang.pick("Intellectual property", "知识产权质押贷"),
        KindInvoice => lang.pick("Invoice", "发票贷"),
        ImportProblems => lang.pick("{0} was not imported; nothing in the form changed:", "{0} 未导入，表单内容未改变："),
        ImportRow => lang.pick("row {0}, {1}", "第 {0} 行，{1}"),
    }
}
