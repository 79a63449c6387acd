# prequal 对商户说的每一句话（中文）。变量中是已经排好版的数字、金额、名称和列表。

## 金额
money = { $yuan } 元
money-wan = { $wan } 万元
list-and = { $a }；{ $b }
list-or = { $a }或{ $b }
list-comma = { $a }、{ $b }

## 等级与违约可能
grade-sentence = 风险等级 { $grade }（从 A 最稳妥到 G 风险最高）：在 100 户和您情况相近的商户中，模型估计约有 { $low } 至 { $high } 户不能按时还款。
grade-sentence-worst = 风险等级 { $grade }（从 A 最稳妥到 G 风险最高）：在 100 户和您情况相近的商户中，模型估计超过 { $low } 户不能按时还款。
grade-sentence-policy = 风险等级 { $grade }（从 A 最稳妥到 G 风险最高）。在 100 户和您情况相近的商户中，模型估计约有 { $low } 至 { $high } 户不能按时还款，相当于 { $statistical } 级；下面的政策规则把它降到了 { $grade } 级。
grade-most-lenders = 本目录中多数银行要求 { $wanted } 级或更好。
grade-scale = A 级最稳妥，G 级风险最高。
pd-words = 约每 100 户中有 { $n } 户
pd-in-band = 每 100 户中约 { $low } 至 { $high } 户（{ $grade } 级）
statistical-grade = 不计下面的政策规则时，模型本身给出的等级是 { $grade }。

## 产品的条件
check-serves_region-nationwide = 全国均可申请
check-serves_region = 在{ $regions }放贷；您在{ $yours }
check-priced_for_grade = 面向风险等级 { $best } 至 { $worst } 的商户；您为 { $yours }
check-limit_reaches_minimum = 最低贷款 { $min }；按您的营业收入和抵押最多可贷 { $limit }
check-region_in = 仅限{ $regions }的商户；您在{ $yours }
check-industry_in = 仅限{ $industries }；您的行业为{ $yours }
check-industry_not_in = 不适用于{ $industries }；您的行业为{ $yours }
check-legal_form_in = 仅限{ $forms }；您为{ $yours }
check-setting_is = 仅限{ $setting }地区的商户；您在{ $yours }地区
check-min_months_in_operation = 经营满 { $min } 个月；您已经营 { $yours } 个月
check-max_months_in_operation = 仅限经营不超过 { $max } 个月的商户；您已经营 { $yours } 个月
check-min_owner_experience_years = 行业经验满 { $min } 年；您有 { $yours } 年
check-monthly_revenue = 月均营业收入不低于 { $min }；您为 { $yours }
check-monthly_revenue-range = 月均营业收入在 { $min } 至 { $max } 之间；您为 { $yours }
check-max_grade = 风险等级 { $max } 或更好；您为 { $yours }
check-tax_rating_in = 纳税信用等级为 { $ratings }；您为 { $yours }
check-min_tax_months_filed = 近 12 个月按时报税不少于 { $min } 个月；您为 { $yours } 个月
check-no_tax_arrears = 没有欠税；您欠 { $amount }
check-tax_arrears_settled_or_planned = 欠税已缴清，或已约定分期缴纳；您欠 { $amount }{ $plan ->
    [1] ，已约定缴纳计划
   *[0] {""}
}
check-no_utility_arrears = 没有欠缴电费；您欠 { $amount }
check-utility_arrears_settled_or_planned = 欠缴电费已缴清，或已约定分期缴纳；您欠 { $amount }{ $plan ->
    [1] ，已约定缴纳计划
   *[0] {""}
}
check-max_late_utility_payments = 近 12 个月电费逾期不超过 { $max } 次；您有 { $yours } 次
check-min_social_insurance_months = 近 12 个月足额缴纳社保不少于 { $min } 个月；您为 { $yours } 个月
check-no_social_insurance_arrears = 没有欠缴社保；您欠 { $amount }
check-no_court_judgements = 没有未履行的法院判决；您有 { $yours } 项
check-not_blacklisted = 不在失信黑名单上；{ $listed ->
    [1] 您在名单上
   *[0] 您不在名单上
}
check-max_debt_service_pct = 每月还贷不超过月营业收入的 { $max }%；您为 { $yours }%
check-max_debt_service_pct-no-sales = 每月还贷不超过月营业收入的 { $max }%；您没有可比的营业收入
check-max_lenders = 现有借款机构不超过 { $max } 家；您有 { $yours } 家
check-collateral_required = { $assets }价值达到贷款的 { $pct }%（{ $needed }）；您提供 { $yours }
check-guarantor_in = 由{ $guarantors }担保；您为{ $yours }
check-all = 同时满足：{ $parts }
check-any = 满足其一：{ $parts }

## 获得贷款的步骤
step-pay_tax_arrears = 缴清欠税 { $amount }
step-pay_utility_arrears = 缴清欠缴电费 { $amount }
step-pay_social_insurance_arrears = 补缴欠缴社保 { $amount }
step-lower_amount = 把申请金额降到 { $amount } 以内
step-choose_term_loan = 改为申请固定期限贷款（不用循环额度）
step-agree_tax_plan = 与税务机关约定欠税 { $amount } 分期或延期缴纳
step-agree_utility_plan = 与供电公司约定欠缴电费 { $amount } 分期缴纳
step-settle_judgements = 履行法院判决（{ $count } 项）
step-add_guarantor = 请{ $guarantor }为贷款担保
step-file_tax = 再按时报税 { $months } 个月
step-pay_social_insurance = 再足额缴纳社保 { $months } 个月
step-pay_bills_on_time = { $to ->
    [0] 今后 12 个月每月按时缴纳电费
   *[other] 按时缴纳电费，直到近 12 个月逾期不超过 { $to } 次
}
step-wait = 再经营 { $months } 个月
step-repay_lenders = 结清 { $count } 家机构的借款
step-cut_repayments = 每月还贷减少 { $amount }
step-reach_tax_rating = 在下次年度评价中达到纳税信用 { $rating } 级
step-gain_experience = 再积累 { $years } 年行业经验
step-grow_revenue = 月均营业收入达到 { $amount }
step-pledge_collateral = 提供价值 { $amount } 的{ $assets }
step-leave_black_list = 完成信用修复，移出失信黑名单
effort-now = 现在就能做
effort-weeks = 几周内能办好
effort-months = 需要几个月
effort-not_in_hands = 不由您决定

## 名称
legal-form-individual_business = 个体工商户
legal-form-sole_proprietorship = 个人独资企业
legal-form-partnership = 合伙企业
legal-form-limited_company = 有限责任公司
legal-form-farmers_cooperative = 农民专业合作社
setting-urban = 城镇
setting-rural = 农村
guarantor-none = 无担保
guarantor-individual = 个人
guarantor-company = 企业
guarantor-government_guarantee_fund = 政府性融资担保机构
tax-rating-A = A
tax-rating-B = B
tax-rating-M = M（新办纳税人）
tax-rating-C = C
tax-rating-D = D
tax-rating-unrated = 尚未评级
assets-real_estate = 房产抵押
assets-any = 抵押或质押物
assets-real_estate-lower = 房产抵押
assets-any-lower = 抵押或质押物
region-part = { $province }部分地区
region-unknown = 未收录的地区

## 评分中每一项的意思
reason-naics_sector = 您的行业（{ $value }）：这个行业的贷款按时归还的比例低于最稳妥的行业。这一项无法改变。
reason-employees = 员工人数（{ $value }）：这个规模的商户按时还款的比例低于规模更大的商户。这一项随经营扩大才会变化。
reason-new_business = 经营不满 2 年：新开的商户按时还款的比例较低。经营满 2 年后这一项会自动改善。
reason-franchise = 非加盟经营：加盟店按时还款的比例略高。不必为了贷款改变这一点。
reason-urban_rural = 经营地点（{ $value }）：这类地区的商户按时还款的比例较低。这一项无法改变。
reason-amount_usd = 申请金额（{ $value }）：数据中这个金额的贷款按时归还的比例低于其他一些金额，这主要是因为银行更愿意把大额贷款发给实力强的商户。请按经营需要申请，多借并不会让您更稳妥。
reason-real_estate = 没有房产抵押：有房产抵押的贷款按时归还的比例更高。只有自己的、承受得起风险的房产才考虑抵押。
reason-revolving = 申请的贷款种类（{ $value }）：在和您相近的金额里，这一种贷款按时归还的比例低于另一种。请按资金的实际用途选择贷款种类。
reason-new_business-no = 经营满 2 年：在数据中，和您的贷款相近的贷款里，开业不满 2 年的商户按时还款的比例反而略高。这一项您不需要做什么。
reason-franchise-yes = 加盟经营：在贷款金额相近时，加盟店按时还款的比例略低于非加盟店。不必为了贷款改变这一点。
reason-together = 这一项的影响还和这些因素有关：{ $others }。
reason-revenue_monthly = 月均营业额（{ $value }）：在评分所依据的数据中，营业额更高的商户按时还款的比例更高。如实记录每一笔收入，银行才能看到完整的经营情况。
reason-revenue_trend_pct = 营业额走势（{ $value }）：在评分所依据的数据中，营业额这样变化的商户按时还款的比例较低。这一项随经营情况变化。
reason-revenue_volatility_pct = 每月营业额起伏较大（平均上下约 { $value }）：在评分所依据的数据中，营业额起伏大的商户按时还款的比例较低。旺季留出还款资金，或选择按季节还款的贷款，可以减轻淡季的压力。
reason-months_without_revenue = 有 { $value }没有营业额：在评分所依据的数据中，这样的商户按时还款的比例较低。持续经营、如实记录收入，这一项会逐月改善。
reason-debt_service_pct = 现有贷款每月还款占营业额的 { $value }：还款负担越重，按时还款的比例越低。先还清一部分欠款，这一项就会改善。
reason-amount_to_revenue_pct = 申请金额相当于年营业额的 { $value }：申请金额相对营业额越高，按时还款的比例越低。按经营需要申请，少借一些这一项就会改善。
reason-collateral_cover_pct = 抵押物价值为贷款金额的 { $value }：有足额抵押的贷款按时归还的比例更高。只抵押自己承受得起风险的财产。
reason-insured_share_pct = 为 { $value } 的员工缴纳了社保：为员工足额缴纳社保的商户按时还款的比例更高。
reason-tax_rating = 纳税信用等级（{ $value }）：等级越高，按时还款的比例越高。按时申报、按时缴税，等级会逐年提高。
reason-tax_months_filed = 过去 12 个月按时报税 { $value }：按时报税的月数越多，按时还款的比例越高。从现在起每月按时申报，这一项会逐月改善。
reason-tax_arrears = 欠缴税款 { $value }：在评分所依据的数据中，有欠税的商户按时还款的比例明显较低。缴清欠税，这一项就会改善。
reason-utility_late_payments = 过去 12 个月电费逾期 { $value }：电费常逾期的商户按时还款的比例较低。按时缴电费，这一项会逐月改善。
reason-court_record = 法院和信用名单记录（{ $value }）：有这类记录的商户按时还款的比例较低。履行判决、申请信用修复，这一项就会改善。
reason-months_in_operation = 经营时间（{ $value }）：经营时间越长，按时还款的比例越高。这一项会随时间自动改善。
reason-industry_section = 所属行业（{ $value }）：这个行业门类的商户按时还款的比例低于最稳妥的行业。这一项无法改变。
reason-province = 所在地区（{ $value }）：这个地区的商户按时还款的比例低于其他一些地区。这一项无法改变。
reason-lenders = 目前向 { $value }借款：欠款的机构越多，按时还款的比例越低。先还清小额欠款、减少借款机构，这一项就会改善。
reason-owner_experience_years = 您在本行业的经验（{ $value }）：经验更长的经营者按时还款的比例更高。这一项会随时间增长。
employees-count = { $n } 人
facility-term_loan = 固定期限贷款
facility-revolving_line = 循环额度

## 等级遵循的政策规则
overlay-black-list = 您在失信黑名单上：多数银行会拒绝申请，因此等级定为 G。
overlay-unsatisfied-judgements = 有未履行的法院判决：银行会查询，履行前等级最好为 F。
overlay-tax-rating-d = 纳税信用等级为 D：等级最好为 F。
overlay-tax-arrears = 您有欠税：缴清前等级降低一级。
overlay-power-arrears = 您有欠缴电费：缴清前等级降低一级。
overlay-late-power-bills = 今年有多次电费逾期：逾期次数减少前等级降低一级。
overlay-social-insurance-arrears = 您有欠缴社保：补缴前等级降低一级。

## 评分各项（表格）
factor-naics_sector = 所属行业
factor-employees = 员工人数
factor-new_business = 经营时间
factor-franchise = 加盟经营
factor-urban_rural = 经营地点
factor-amount_usd = 申请金额
factor-real_estate = 房产抵押
factor-revolving = 贷款种类
factor-revenue_monthly = 月均营业额
factor-revenue_trend_pct = 营业额走势
factor-revenue_volatility_pct = 营业额起伏
factor-months_without_revenue = 没有营业额的月数
factor-debt_service_pct = 每月还款负担
factor-amount_to_revenue_pct = 申请金额与营业额
factor-collateral_cover_pct = 抵押物
factor-insured_share_pct = 员工社保
factor-tax_rating = 纳税信用等级
factor-tax_months_filed = 按时报税
factor-tax_arrears = 欠缴税款
factor-utility_late_payments = 电费逾期
factor-court_record = 法院和信用名单
factor-months_in_operation = 经营时间
factor-industry_section = 所属行业
factor-province = 所在地区
factor-lenders = 借款机构数
factor-owner_experience_years = 行业经验
months-traded = { $n } 个月
yes = 是
no = 否
effect-none = 对您的等级有利
effect-small = 稍微拉低等级
effect-some = 拉低等级
effect-large = 明显拉低等级
changeable-naics_sector = 无法改变
changeable-employees = 随经营扩大变化
changeable-new_business = 满 2 年后自动改善
changeable-franchise = 不必为贷款改变
changeable-urban_rural = 无法改变
changeable-amount_usd = 可以自己选择
changeable-real_estate = 仅当您有自己的房产
changeable-revolving = 可以自己选择
changeable-revenue_monthly = 随经营变化
changeable-revenue_trend_pct = 随经营变化
changeable-revenue_volatility_pct = 可以减轻
changeable-months_without_revenue = 逐月改善
changeable-debt_service_pct = 还款后改善
changeable-amount_to_revenue_pct = 可以自己选择
changeable-collateral_cover_pct = 仅当您有可抵押的财产
changeable-insured_share_pct = 缴纳社保后改善
changeable-tax_rating = 逐年改善
changeable-tax_months_filed = 逐月改善
changeable-tax_arrears = 缴清后改善
changeable-utility_late_payments = 逐月改善
changeable-court_record = 履行判决后改善
changeable-months_in_operation = 随时间自动改善
changeable-industry_section = 无法改变
changeable-province = 无法改变
changeable-lenders = 还清后改善
changeable-owner_experience_years = 随时间增长
trend-up = 上升 { $pct } %
trend-down = 下降 { $pct } %
trend-flat = 基本持平
percent = { $pct } %
months-count = { $n } 个月
times-count = { $n } 次
lenders-count = { $n } 家机构
years-count = { $n } 年
court-record-none = 没有记录
court-record-judgement = 有未履行的判决
court-record-red_list = 在守信红名单上
court-record-black_list = 在失信黑名单上

## Products: kinds, repayment types, approval odds, schemes, rate types
odds-high = 高
odds-good = 较高
odds-fair = 一般
odds-low = 较低
repayment-equal_instalment = 等额本息
repayment-equal_principal = 等额本金
repayment-interest_only_balloon = 先息后本
repayment-seasonal = 按季节还本
repayment-bullet_at_maturity = 利随本清（到期一次还本付息）
repayment-quarterly_interest = 按季付息，到期还本
repayment-revolving_line = 随借随还（按日计息）
cost-interest = 利息
fee-arrangement = 手续费
fee-guarantee = 担保费
fee-appraisal = 评估费
fee-notary = 公证费
fee-registration = 抵押登记费
fee-insurance = 保险费
fee-account = 账户管理费
charger-lender = 贷款机构
charger-guarantee_institution = 担保机构
charger-appraiser = 评估机构
charger-notary = 公证处
charger-registry = 登记机构
charger-insurer = 保险公司
timing-instalments = 随每期还款付
timing-upfront = 放款时一次付清
timing-monthly = 每月付
timing-yearly = 每年付一次
timing-at_maturity = 到期时付
cost-item = { $item }：共 { $amount }（{ $charger }收取，{ $timing }）
subsidy-interest = 贴息
subsidy-guarantee_fee = 担保费补贴
payer-central_finance = 中央财政
payer-local_finance = 地方财政
payer-guarantee_fund = 政府性担保基金
payer-lender = 贷款机构
delivery-reduced_charge = 已从向您收取的费用中扣除
delivery-refunded = 先由您全额支付，符合条件后退回
subsidy-item = { $kind }：{ $payer }承担约 { $amount }（{ $delivery }）。条件：{ $conditions }
amount-received = 实际到手金额：{ $amount }
cost-after-refunds = 如按期拿到退回的补贴，总成本约为 { $amount }
decline-grade_below_policy = 风险等级低于该产品的要求
decline-insufficient_revenue = 营业收入不足或波动太大，难以支持申请的金额
decline-debt_too_high = 现有借款或每月还款太多
decline-arrears = 有欠缴的税款、社保或电费
decline-court_record = 有法院判决未履行或在失信名单上
decline-outside_scope = 经营地区或行业不在该银行的服务范围
decline-incomplete_information = 信息不全，无法作出决定
decline-credit_report = 征信报告中有银行不能接受的记录
decline-other = 其他原因（见银行留言）
kind-credit = 信用贷
kind-collateral = 抵押贷
kind-guarantee = 担保贷
kind-government-procurement = 政采贷
kind-supply-chain = 供应链金融
kind-seasonal = 季节贷
kind-ip-pledge = 知识产权质押贷
kind-invoice = 发票贷
scheme-entrepreneurship_guarantee = 创业担保贷款
scheme-government_guarantee = 政府性融资担保
scheme-first_loan = 首贷
scheme-micro_credit = 个体工商户小额信用贷
scheme-village_credit = 整村授信
rate-type-fixed = 固定利率
rate-type-variable = 浮动利率

## 命令行的文字报告（prequal match）
cli-catalog = 产品目录 { $version }，校验值 { $sha }
cli-summary = 风险等级 { $grade }（{ $pd }不能按时还款）：匹配 { $matched } 个产品，符合条件 { $eligible } 个，做几步就能申请 { $near } 个；{ $not_offered } 个目前不在发售期，{ $filtered } 个被筛掉
cli-first-steps = 第一步
cli-eligible = 符合条件
cli-within-reach = 做几步就能申请
cli-not-eligible = 不符合条件
cli-stage = { $steps }（{ $effort }）：通向 { $products } 个产品，做完后可申请 { $opens } 个
cli-offer = 可贷 { $min } 至 { $max }，{ $term_min } 至 { $term_max } 个月，年利率 { $rate_min } 至 { $rate_max }；获批可能性{ $odds }；成本排名第 { $rank }
cli-disclosure = 借 { $amount }、{ $months } 个月（{ $repayment }，{ $rate_type } { $rate }）：首期还款 { $first }，利息和费用 { $cost }，合计还款 { $total }，年化利率 { $apr }（单利 { $simple }）；{ $prepayment }
cli-prepay-allowed = 可提前还款，手续费 { $fee }
cli-prepay-not = 不可提前还款
programme-fee = 担保费每年 { $fee }
programme-subsidy = 财政每年贴息 { $subsidy }

## 资料中的问题（字段和规则的说法来自 www/locales/*/app.ftl）
field-error = { $field }：{ $rule }
field-entry = { $field }第 { $n } 项
file-too-large = 文件太大：最大 { $max_kb } KB。
file-not-text = 无法读取文件中的文字。请在表格软件中另存为 CSV（UTF-8 或 GBK）后再试。
cli-invalid = 资料有 { $n } 处问题：

## 导入文件时的问题（只在读取文件时用到，不在首次加载的表单里）
field-document = 整个文件
field-schema = 资料格式
field-currency = 币种
# Above the list of an imported file's problems.
import-problems = { $file } 未导入，表单内容未改变：
# Where a problem is: a row of the CSV and its column.
import-row = 第 { $row } 行，{ $column }
# One problem: where, then what.
import-problem = { $place }：{ $rule }
import-file-too-large = 文件太大：最大 { $max_kb } KB。
import-not-text = 读不出文件里的文字。请在 Excel 等表格软件里“另存为 CSV”后再导入。
rule-wrong-type = 应为{ $expected }。
rule-syntax = 文件内容不完整或格式有误，无法读取（不是有效的 JSON）。
expected-text = 文字
expected-yes-or-no = “是”或“否”（true 或 false）
expected-whole-numbers = 一组整数（以分为单位的金额）
expected-group = 一组字段（JSON 对象）
expected-choice = 所列选项之一
