# prequal — 首次加载的网页文本（欢迎、表单、导入、草稿），简体中文。
# 占位符为 Fluent 变量；build.rs 将本文件与英文版一同编译为 Rust 代码。

# Page title.
title = prequal 小微企业贷款预审
# One line under the title.
tagline = 填写您的经营情况，私密地查看您可能获得的贷款。
# The privacy promise.
privacy = 您填写的所有信息只保存在本设备上。在您选定产品并签署授权之前，不会发送任何数据。
# The submit button.
check = 查看我的结果
# Heading of the error summary.
problems-heading = 请更正以下字段
# Placeholder option of a select.
choose = 请选择…
# Hint for the revenue slots.
revenue-hint = 单位：元，从最早的月份开始。经营不满一年的，只填开业以来的月份。
# Marks an optional field.
optional = 选填
# Hint for the region code.
region-hint = 六位行政区划代码，例如 330106
# Name of the currency unit shown beside amounts.
yuan = 元
# The language's own name, on the switch that offers it.
language-name = 中文
# Label of the language switch.
switch-language = 切换语言为
# Between a field's name and its message.
label-separator = ：
# Accessible name of the header tools.
tools-label = 工具
# Opens the page of bundles sent.
large-text = 大字模式
sent-link = 我已发送的授权包
# Accessible name of the progress indicator.
progress-label = 进度
# Progress step: form page 1.
page-business = 企业
# Progress step: form page 2.
page-money = 收入与融资
# Progress step: form page 3.
page-records = 缴费记录
# Progress step: form page 4.
page-debts = 负债与担保
# Progress step.
step-result = 结果
# Progress step.
step-products = 产品
# Progress step.
step-consent = 授权
# Heading of the welcome screen.
welcome-heading = 私密查看您的贷款选择
# What runs where.
welcome-local = 您的数据在本浏览器中完成检查、评分和产品匹配。
# What the merchant controls.
welcome-draft = 您可以导入文件、在本设备上保存草稿，并随时删除。
# Starts the form.
start = 开始
# Restores the saved draft.
continue-draft = 继续填写已保存的草稿
# Deletes the saved draft.
delete-draft = 删除已保存的草稿
# Form page heading: page {0} of {1}.
page-of = 您的资料（第 { $part } 部分，共 { $parts } 部分）
# Next page.
next = 下一步
# Previous page.
back = 上一步
# Saves a draft.
save-draft = 在本设备上保存草稿
# After saving.
draft-saved = 草稿已保存在本设备上。
# Saving refused.
draft-not-saved = 此浏览器不允许保存草稿。
# Heading of the import.
import-heading = 从文件导入
# Label of the file input.
import-label = 资料文件（.json）或月度数据（.csv）
# How the CSV looks.
import-hint = 表格的列：月份（年-月）、营业额（元，可写“万”）、用电量（度）。可直接导入 Excel 另存的 CSV 文件。文件只在本浏览器中读取。
# After an import: {0} rows.
imported = 已导入 { $rows } 行数据，请核对。
# While the next part loads.
loading = 正在加载…
loading-module = 正在下载计算程序（约 { $total } KB，只需下载一次，之后可离线使用）…
loading-catalog = 正在读取各银行的贷款产品…
reading-file = 正在读取您的文件…
# While the import module downloads (fetched when the file chooser first opens): {0} its size.
loading-import = 正在下载读取文件的程序（约 { $total } KB，只需下载一次）…
# A chosen file could not be read: the file reader did not download (offline on a first
# visit) or the browser could not read the file.
import-failed = 没能读取这个文件。如果现在没有网络，请连网后重新选择文件：读取文件的程序只需下载一次，之后可离线使用。您已填写的内容没有改变。
# Only in the page's HTML, before the app runs (the Start button pressed early).
html-getting-ready = 正在准备，请稍候…
# The on-demand part failed to load.
load-failed = 无法加载下一部分，请检查网络后重试；您填写的内容不会丢失。

## 分组标题

section-document = 资料信息
section-business = 企业信息
section-location = 经营地点
section-owner = 经营者
section-revenue = 月营业收入
section-loan = 融资需求
section-tax = 纳税情况
section-utility = 电费缴纳
section-social-insurance = 社保缴纳
section-debts = 现有负债
section-security = 抵押与担保
section-court = 司法与信用名单

## 字段名称

field-as_of = 资料日期
field-business-name = 企业名称
field-business-credit_code = 统一社会信用代码
field-business-legal_form = 组织形式
field-business-industry = 所属行业
field-business-franchise = 加盟经营
field-business-registered_on = 注册日期
field-business-months_in_operation = 实际经营月数
field-business-employees = 员工人数（含经营者）
field-location-region = 所在地区代码
field-location-setting = 城镇或乡村
field-owner-industry_experience_years = 经营者从业年限
field-revenue-monthly_minor = 每月营业收入
field-loan-amount_minor = 申请金额
field-loan-purpose = 资金用途
field-loan-facility = 贷款类型
field-loan-term_months = 期限（月）
field-tax-credit_rating = 纳税信用等级
field-tax-months_filed_last_12 = 近12个月按时申报月数
field-tax-arrears_minor = 当前欠税金额
field-tax-arrears_plan = 已与税务机关约定欠税分期或延期缴纳计划
field-utility-late_payments_last_12 = 近12个月电费逾期次数
field-utility-arrears_minor = 当前欠缴电费
field-utility-arrears_plan = 已与供电公司约定欠费分期缴纳计划
field-utility-average_monthly_kwh = 月均用电量（千瓦时）
field-social_insurance-insured_staff = 参保人数
field-social_insurance-months_paid_last_12 = 近12个月足额缴纳月数
field-social_insurance-arrears_minor = 当前欠缴社保
field-debts-outstanding_minor = 负债余额
field-debts-monthly_repayment_minor = 每月还款额
field-debts-lenders = 借款机构数
field-collateral-real_estate_value_minor = 可抵押房产价值
field-collateral-other_value_minor = 其他可抵质押资产价值
field-guarantor = 担保方式
field-court-unsatisfied_judgements = 未履行的法院判决
field-court-list_status = 信用名单

## 选项

option-individual_business = 个体工商户
option-sole_proprietorship = 个人独资企业
option-partnership = 合伙企业
option-limited_company = 有限责任公司
option-farmers_cooperative = 农民专业合作社
option-urban = 城镇
option-rural = 乡村
option-working_capital = 流动资金
option-inventory = 进货备货
option-equipment = 购置设备
option-premises = 经营场所
option-expansion = 扩大经营
option-seasonal = 季节性周转
option-refinance = 借新还旧
option-other = 其他
option-term_loan = 固定期限贷款
option-revolving_line = 循环额度
option-A = A 级
option-B = B 级
option-M = M 级（新设）
option-C = C 级
option-D = D 级
option-unrated = 未评级
option-none = 无
option-individual = 个人担保
option-company = 企业担保
option-government_guarantee_fund = 政府性融资担保机构
option-red_list = 守信红名单
option-black_list = 失信黑名单

## 规则提示

rule-required = 请填写此项。
rule-negative = 不能为负数。
rule-too-large = 数值过大，最多 { $max }。
rule-too-long = 最多 { $max } 个字符。
rule-out-of-range = 应在 { $min } 到 { $max } 之间。
rule-wrong-count = 应填写 { $expected } 个月的数据，实际为 { $found } 个月。
rule-unknown-code = 不是有效的 { $standard } 代码。
rule-bad-format = 格式不正确（应为：{ $expected }）。
rule-bad-checksum = 校验位不符，请检查是否输错。
rule-exceeds = 不能超过 { $limit }（受“{ $other }”限制）。
rule-after-date = 不能晚于“{ $other }”。
rule-invalid-value = 此处的值无效。
rule-unknown-field = 不是本表单的字段。
rule-duplicate = 重复出现。
rule-not-supported = 暂不支持（请使用 { $supported }）。

## 格式要求

expected-six-digits = 六位数字
expected-whole-number = 整数
expected-amount = 金额，例如 12,345.67、50万 或 8500元
expected-credit-code = 18位数字或大写字母（不含 I、O、S、V、Z）
expected-month = 年月，如 2026-10
expected-recent-month = 资料日期之前的 12 个月之一
expected-date = 日期，如 2026-11-01
