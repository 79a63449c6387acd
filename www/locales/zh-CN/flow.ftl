# prequal — 按需加载页面的文本（结果、产品、授权、已发送），简体中文。

# Heading of the result.
result-heading = 您的参考风险等级
# Label before the grade.
grade = 等级
# Label before the probability of default.
probability-of-default = 估计违约概率
# Heading of the reasons.
reasons-heading = 影响您等级的主要因素
# Heading of the policy overlays.
policy-heading = 适用的政策规则
# What the result is and is not.
disclaimer = 仅供参考，并非授信决定。模型基于美国小企业贷款数据训练，尚未使用中国数据重新校准；银行会进行自己的审查。
# The same, for a model the portal trained on its own records (`prequal model train`).
disclaimer-local = 仅供参考，并非授信决定。模型由本平台根据自己的贷款记录训练；银行会进行自己的审查。
# The gauge's title.
gauge-title = 风险等级
# The gauge in words: `{0}` grade, `{1}` probability of default.
gauge-description = 风险等级 { $grade }（A 最稳妥，G 风险最高）；在和您相近的商户中，{ $pd }预计不能按时还款。
# The factor chart's title.
factors-title = 影响您等级的因素
# One factor in words: `{0}` characteristic, `{1}` the merchant's value, `{2}` points above the worst, `{3}` points below the best.
factor-sentence = { $factor }（{ $value }）：{ $effect }；{ $change }。
# How to read the factor chart.
factors-caption = 绿色：对您等级有利的部分。红色：拉低您等级的部分。
# Factor table column.
factor-column = 因素
# Factor table column.
your-value-column = 您的情况
# Factor table column.
points-column = 对等级的影响
# Factor table column.
range-column = 能否改变
# Heading of the what-if panel.
what-if-heading = 如果……
# What the sliders do.
what-if-hint = 拖动滑块，查看改变后的等级。您填写的资料不会被修改。
# No slider moved yet.
what-if-unchanged = 拖动滑块试试看。
# Before the grade the moved sliders would give.
what-if-would-be = 做出这些改变后，您的等级将是
# The moved sliders make the profile invalid.
what-if-invalid = 这些数值不构成有效的资料。
# Puts the sliders back.
what-if-reset = 恢复滑块
# Heading of the core's improving changes.
improvements-heading = 您可以做的事（最容易的在前）
# Label before the model id.
model-id = 模型编号
# While the on-demand part loads.
loading-flow = 正在加载…
# Back to the form.
back-to-form = 返回修改资料
# To the products.
see-products = 查看匹配的贷款产品
# Heading of the products screen.
products-heading = 适合您的贷款产品
# Before the catalog's own notice.
catalog-notice = 产品目录
# The catalog could not be loaded or failed its signature check.
catalog-failed = 产品目录未通过校验，因此不显示产品：{ $reason }
model-failed = 评分模型没有通过安全校验，所以现在不能显示评估结果。这不是您填写的问题，您填写的内容都已保存。请稍后再试；如果一直这样，请告诉本网站的运营方。
model-failed-details = 技术信息
# Match counts: {0} eligible, {1} near misses, {2} products.
counts = { $total } 个产品中：现在符合条件 { $eligible } 个，做几步就能申请 { $near } 个。
# Heading of the filters.
filters-heading = 筛选与排序
# Legend of the kind filter.
kind-filter = 贷款类型
# Label of the institution filter.
institution-filter = 金融机构
# Option: every lender.
any-institution = 全部机构
# Label of the sort.
sort-by = 排序
# Sort option.
sort-cost = 总成本最低
# Sort option.
sort-rate = 利率最低
# Sort option.
sort-amount = 额度最高
# Sort option.
sort-term = 期限最长
# Heading of the eligible list.
eligible-heading = 您符合条件
# No eligible product.
none-eligible = 目前还没有完全符合条件的产品。下面的步骤告诉您怎样才能申请。
# Heading of the near misses.
near-miss-heading = 做几步就能申请的产品
# Label: amount range.
amount = 额度
# Label: rate range.
rate = 年利率
# Label: term range.
term = 期限
# Unit after a number of months.
months = 个月
# Label: first monthly payment.
monthly-payment = 月还款额
# Label: interest and fees.
total-cost = 贷款总成本
# Label: APR.
apr = 年化利率
# The compounded annualised rate, then the simple one.
apr-with-simple = { $compounded }（单利 { $simple }）
# Label: approval odds.
odds = 获批可能性
# Badge of the cheapest eligible product.
cheapest = 成本最低
# Before the loan the figures are for: {0} amount, {1} months.
for-your-loan = 按借款 { $amount }、期限 { $months } 个月计算：
# Before a near miss's change.
what-to-change = 您要做的
# Opens a product.
details = 详情
# Accessible name of a details button: {0} product.
details-of = { $product }的详情
# Starts the consent for a product.
apply = 申请：选择要提供的信息
# Back to the list.
back-to-products = 返回产品列表
# Heading of a product's rules.
rules-heading = 申请条件
# Marks a rule met.
passed = 符合
# Marks a rule not met.
failed = 不符合
# Heading of the schedules.
schedule-heading = 还款计划
# Title of one schedule's chart: {0} repayment type.
schedule-of = 逐月还款：{ $repayment }
# The chart in words: {0} payments, {1} first, {2} largest, {3} total.
schedule-description = 共 { $payments } 期；首期 { $first }，最高一期 { $largest }；合计还款 { $total }。
# Marks the lender's default repayment type.
lender-default = 机构默认
# Summary of the schedule table.
show-table = 逐月明细表
# Schedule column.
number-column = 期数
# Schedule column.
month-column = 月份
# Schedule column.
principal-column = 本金
# Schedule column.
interest-column = 利息
# Schedule column.
fee-column = 费用
# Schedule column.
payment-column = 还款额
# Schedule column.
balance-column = 剩余本金
# A product without an offer has no schedule.
no-schedule = 仅对符合条件的产品显示还款计划。
# Heading of a loan's cost, itemised (贷款明白纸).
cost-items = 费用明细（按上面的借款计算）
# What the merchant actually receives.
amount-received = 实际到手金额
# A product's grace period on principal (宽限期), in months.
grace-months = 前 { $n } 个月只付利息、不还本金（宽限期），之后按月还本。
# A product that may be renewed at maturity without repaying first (无还本续贷).
renewal = 到期时经营正常的，可申请无还本续贷，不用先还清本金再借。
# Heading of the consent screen.
consent-heading = 您将提供的信息
# Recipient line: {0} institution, {1} product.
consent-to = 提供给 { $institution }，用于申请 { $product }
# Legend of the purpose choice.
purpose-legend = 用途
# Purpose.
purpose-application = 申请该贷款
# Purpose.
purpose-quote = 获取非约束性报价
# Label of the validity choice.
valid-for = 授权有效期
# {0} days until {1}.
days = { $days } 天（至 { $until }）
# Heading: fields the product needs.
required-fields = 该产品必需的信息
# Heading: fields for re-checking the grade.
score-fields = 用于银行复核您的等级（可以不提供）
# Heading: fields the merchant may add.
other-fields = 您可以补充的信息
# Removes an optional field.
remove = 不提供
# Adds an optional field.
add = 提供
# Consent table column.
field-column = 信息
# Consent table column.
value-column = 提供的内容
# Warning when score fields are left out.
not-recheckable = 缺少模型所需的字段时，银行无法据此复核您的等级，有的银行会因此不受理申请。
shared-result-heading = 同时提供：您看到的评估结果
shared-result = 等级 { $grade }，评分 { $score }，违约概率约 { $pd }
key-per-bank = 每家银行收到的签名来自不同的密钥，银行之间无法凭此关联您的申请。
# Heading of the notice.
notice-heading = 告知
# The consent checkbox.
agree = 我已阅读告知内容，同意提供上述信息。
# The consent screen's itemised cost of the loan.
consent-cost = 这笔贷款的费用明细（点开查看）
# Legend of the separate consents (v2 bundles).
consents-legend = 您的同意（每一项单独选择）
# Tag of a consent the application needs.
consent-required = 必选
# Tag of a consent that may be refused.
consent-optional = 可选，不选不影响申请
# Label of the credit-report query's term.
credit-query-term = 查询期限
# Term option.
term-application = 仅在审查本次申请期间
# Term option.
term-application-and-loan = 审查期间，以及放款后直到贷款结清
# Heading: the recipient as a handler of personal information.
handler-heading = 接收信息的机构
handler-name = 名称
handler-contact = 联系电话
handler-privacy = 个人信息保护联系人
# {0} days kept when no loan is made.
retention = 如果没有放款（申请被拒绝、您撤回或授权到期），机构在 { $days } 天后删除这些信息；如果放款，按贷款合同保存。
# How to withdraw: {0} the personal-information contact.
withdrawal = 撤回同意：在“我已发送的授权包”里点“撤回”，或联系 { $contact }。
# Heading: sensitive personal information.
sensitive-heading = 敏感个人信息
# The separate consent to sensitive fields.
agree-sensitive = 我单独同意提供以上敏感个人信息。
# Signs the bundle.
sign = 在本设备上签署
# While signing.
signing = 正在签署…
# After signing: {0} bundle id.
signed = 已签署。授权包 { $bundle } 已生成，尚未发送任何数据。
# Sends the bundle: {0} institution.
send = 发送给 { $institution }
# While sending.
sending = 正在发送…
# Downloads the bundle.
download = 下载授权包
# Sending failed: {0} reason.
send-failed = 发送失败：{ $reason }
# Signing failed: {0} reason.
sign-failed = 无法签署：{ $reason }
# A time in Beijing time: {0} date and time.
beijing-time = { $time }（北京时间）
# The receipt's first line: {0} institution.
receipt-done = 已送达{ $institution }。您的资料只发给了这一家机构。
# Heading of what happens after sending.
next-steps = 接下来会怎样
# Next step: {0} institution.
next-bank = { $institution }会按您同意的用途审核这些资料，并通过它自己的渠道与您联系；审核结果以银行为准。
# Next step: {0} the date the consent ends.
next-revoke = 授权在 { $date } 前有效。在此之前，您可以随时在“我已发送的授权包”里撤回，撤回后银行不得再使用这些资料。
# Next step.
next-keep-id = 向银行咨询时，可以报上面的授权包编号。
# Goes back to the products to send to another lender.
apply-again = 向另一家银行申请（不用重新填写）
# The draft kept on this device, offered for deletion after sending.
draft-still-kept = 本设备上还保存着您的草稿（含统一社会信用代码和经营数据）。如果不再需要，建议删除。
# Deletes the draft.
delete-draft-now = 删除草稿
# The draft was deleted.
draft-deleted = 草稿已从本设备删除。
# The disclosure with the bundle's technical details.
technical-details = 技术信息（供银行核对）
# Heading of the receipt.
receipt-heading = 已发送：回执
# Receipt row.
receipt-bundle = 授权包编号
# Receipt row.
receipt-institution = 接收机构
# Receipt row.
receipt-at = 接收时间
# Receipt row.
receipt-sha = 指纹（SHA-256）
# Receipt row.
receipt-recomputed = 银行已复核您的等级
# Yes.
yes = 是
# No.
no = 否
# Heading of the sent page.
sent-heading = 已发送的授权包
# No bundle sent from this browser.
sent-none = 您尚未从此浏览器发送过授权包。
# Column.
sent-expires = 有效期至
# Column.
sent-status = 状态
# Status.
status-active = 有效
# Status.
status-revoked = 已撤回
# Revokes a bundle.
revoke = 撤回
# Revocation failed: {0} reason.
revoke-failed = 撤回失败：{ $reason }
# Opens the sent page.
sent-link = 我已发送的授权包

## 打印报告
print-report = 打印报告
report-heading = 贷款预审报告
report-date = 日期
report-products = 您符合条件的产品
print = 打印
back-to-result = 返回结果
product-column = 产品
institution-column = 金融机构
none-within-reach = 靠您自己能做的步骤，暂时够不到任何产品。可以试试别的金额，或经营几个月后再来。
paths-heading = 您的贷款之路
stage-opens = 可申请 { $opens } 个产品，另有 { $closer } 个更近一步
# Under the gauge.
gauge-safest = A：最稳妥
# Under the gauge.
gauge-riskiest = G：风险最高
# Product page: the offer differs from the loan asked for.
asked-nearest = 您申请借 { $asked }、{ $term } 个月；这个产品可借给您 { $amount }、{ $months } 个月，下面按这个金额和期限计算。
# After a step: {0} grade, {1} products it opens.
step-outcome = 等级 { $grade }，多 { $opens } 个产品可以申请
# After a step that opens no product: {0} grade.
step-outcome-grade = 等级 { $grade }
# A first stage that opens no product on its own: {0} products it brings closer.
stage-closer = 另有 { $closer } 个产品更近一步
# Before a product's public scheme: {0} its name.
programme-scheme = 所属政策：{ $scheme }
# The sent list: asks the banks for their answers again.
check-answers = 查看银行的最新答复
# While the answers are being read.
answers-asking = 正在查看银行的答复…
# The answers could not be read or verified: {0} why.
answers-failed = 暂时无法核实银行的答复（{ $reason }）。稍后再点“查看银行的最新答复”。
# Before the bank's own words.
bank-says = 银行留言：
answer-acknowledged = 银行已收到，正在审查。
# {0} the fields wanted.
answer-more = 银行需要补充这些信息：{ $fields }
# Starts a new bundle with the fields asked for.
send-more = 补充信息并重新授权
# {0} amount, {1} months, {2} repayment type.
answer-offer = 银行给出报价：借 { $amount }，{ $months } 个月，{ $repayment }。以下数字已在本设备上按报价条款重新计算核对。
# {0} date.
offer-valid-until = 报价有效期至 { $date }。
answer-declined = 银行没有批准这次申请，原因是：
