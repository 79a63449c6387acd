# Every sentence prequal says to a merchant about their result, in English. Variables hold
# figures already formatted (amounts, names, lists). A new language copies this file.

## Amounts
money = ¥{ $yuan }
# $wan: the amount in 万 (ten thousands), for languages that count in 万.
money-wan = ¥{ $yuan }
list-and = { $a }; { $b }
list-or = { $a } or { $b }
list-comma = { $a }, { $b }

## Grades and the probability of default
grade-sentence = Grade { $grade } on a scale from A (safest) to G (riskiest): of 100 businesses like yours, the model expects about { $low } to { $high } not to repay on time.
grade-sentence-worst = Grade { $grade } on a scale from A (safest) to G (riskiest): of 100 businesses like yours, the model expects more than { $low } not to repay on time.
grade-sentence-policy = Grade { $grade } on a scale from A (safest) to G (riskiest). Of 100 businesses like yours, the model expects about { $low } to { $high } not to repay on time, which is grade { $statistical }; the policy rules below lower it to { $grade }.
grade-most-lenders = Most lenders in this catalog want grade { $wanted } or better.
grade-scale = A is the safest grade, G the riskiest.
pd-words = about { $n } in 100
pd-in-band = about { $low } to { $high } in 100 (grade { $grade })
statistical-grade = Before the policy rules below, the model alone gives grade { $grade }.

## Checks a product makes
check-serves_region-nationwide = Lends across China
check-serves_region = Lends in { $regions }; you are in { $yours }
check-priced_for_grade = Lends to risk grades { $best } to { $worst }; yours is { $yours }
check-limit_reaches_minimum = Smallest loan { $min }; your sales and security support up to { $limit }
check-region_in = Only for businesses in { $regions }; you are in { $yours }
check-industry_in = Only for { $industries }; your trade is { $yours }
check-industry_not_in = Not for { $industries }; your trade is { $yours }
check-legal_form_in = Only for { $forms }; you are { $yours }
check-setting_is = Only for businesses in { $setting } areas; yours is in a { $yours } area
check-min_months_in_operation = Trading for at least { $min } months; you have traded { $yours }
check-max_months_in_operation = For businesses trading { $max } months or less; you have traded { $yours }
check-min_owner_experience_years = At least { $min } years in the trade; you have { $yours }
check-monthly_revenue = Average monthly sales of at least { $min }; yours are { $yours }
check-monthly_revenue-range = Average monthly sales between { $min } and { $max }; yours are { $yours }
check-max_grade = Risk grade { $max } or better; yours is { $yours }
check-tax_rating_in = Taxpayer credit rating { $ratings }; yours is { $yours }
check-min_tax_months_filed = Tax filed on time for at least { $min } of the last 12 months; you filed { $yours }
check-no_tax_arrears = No overdue tax; you owe { $amount }
check-tax_arrears_settled_or_planned = Overdue tax paid, or a plan agreed to pay it; you owe { $amount }{ $plan ->
    [1] , with a plan agreed
   *[0] {""}
}
check-no_utility_arrears = No overdue power bills; you owe { $amount }
check-utility_arrears_settled_or_planned = Overdue power bills paid, or a plan agreed to pay them; you owe { $amount }{ $plan ->
    [1] , with a plan agreed
   *[0] {""}
}
check-max_late_utility_payments = At most { $max } late power bills in 12 months; you had { $yours }
check-min_social_insurance_months = Social insurance paid for at least { $min } of the last 12 months; you paid { $yours }
check-no_social_insurance_arrears = No overdue social insurance; you owe { $amount }
check-no_court_judgements = No court judgements left unpaid; you have { $yours }
check-not_blacklisted = Not on a public credit black list; { $listed ->
    [1] you are on one
   *[0] you are not
}
check-max_debt_service_pct = Loan repayments at most { $max }% of monthly sales; yours are { $yours }%
check-max_debt_service_pct-no-sales = Loan repayments at most { $max }% of monthly sales; you have no sales to compare
check-max_lenders = Owing at most { $max } lenders; you owe { $yours }
check-collateral_required = { $assets } worth { $pct }% of the loan ({ $needed }); you offer { $yours }
check-guarantor_in = Guaranteed by { $guarantors }; you have { $yours }
check-all = All of: { $parts }
check-any = One of: { $parts }

## Steps on a path to a loan
step-pay_tax_arrears = Pay the { $amount } of overdue tax
step-pay_utility_arrears = Pay the { $amount } of overdue power bills
step-pay_social_insurance_arrears = Pay the { $amount } of overdue social insurance
step-lower_amount = Ask for { $amount } or less
step-choose_term_loan = Ask for a fixed-term loan instead of a revolving credit line
step-agree_tax_plan = Agree with the tax office to pay the { $amount } of overdue tax in instalments
step-agree_utility_plan = Agree with the power company to pay the { $amount } of overdue bills in instalments
step-settle_judgements = Pay what the court ordered ({ $count ->
    [one] 1 judgement
   *[other] { $count } judgements
})
step-add_guarantor = Get the loan guaranteed by { $guarantor }
step-file_tax = File tax on time for { $months ->
    [one] 1 more month
   *[other] { $months } more months
}
step-pay_social_insurance = Pay social insurance in full for { $months ->
    [one] 1 more month
   *[other] { $months } more months
}
step-pay_bills_on_time = { $to ->
    [0] Pay every power bill on time for the next 12 months
   *[other] Pay power bills on time until no more than { $to } of the last 12 were late
}
step-wait = Keep trading { $months ->
    [one] 1 more month
   *[other] { $months } more months
}
step-repay_lenders = Pay off { $count ->
    [one] 1 of your lenders
   *[other] { $count } of your lenders
}
step-cut_repayments = Lower your monthly loan repayments by { $amount }
step-reach_tax_rating = Reach taxpayer credit rating { $rating } at the next yearly rating
step-gain_experience = { $years ->
    [one] 1 more year
   *[other] { $years } more years
} of experience in the trade
step-grow_revenue = Average monthly sales of { $amount }
step-pledge_collateral = Pledge { $assets } worth { $amount }
step-leave_black_list = Be taken off the credit black list (credit repair)
effort-now = You can do this now
effort-weeks = Takes a few weeks
effort-months = Takes some months
effort-not_in_hands = Not in your hands

## Names
legal-form-individual_business = an individual business (个体工商户)
legal-form-sole_proprietorship = a sole proprietorship
legal-form-partnership = a partnership
legal-form-limited_company = a limited company
legal-form-farmers_cooperative = a farmers' cooperative
setting-urban = urban
setting-rural = rural
guarantor-none = no guarantor
guarantor-individual = a person
guarantor-company = a company
guarantor-government_guarantee_fund = a government guarantee fund
tax-rating-A = A
tax-rating-B = B
tax-rating-M = M (new taxpayer)
tax-rating-C = C
tax-rating-D = D
tax-rating-unrated = not yet rated
assets-real_estate = Property
assets-any = Security
assets-real_estate-lower = property
assets-any-lower = security
region-part = part of { $province }
region-unknown = an area not in our list

## What each factor of the score means
reason-naics_sector = Your trade ({ $value }): loans to this trade were repaid less often than in the safest trades. You cannot change this.
reason-employees = Your staff ({ $value }): businesses of this size repaid less often than larger ones. This changes only as the business grows.
reason-new_business = Trading for less than 2 years: young businesses repay less often. This improves by itself once you have traded for 2 years.
reason-franchise = Not a franchise: franchised businesses repaid a little more often. This is not something to change for a loan.
reason-urban_rural = Where you trade ({ $value }): businesses in this kind of area repaid less often. You cannot change this.
reason-amount_usd = The amount you ask for ({ $value }): loans of this size were repaid less often than some others in the data, mostly because lenders gave larger loans to stronger businesses. Ask for what the business needs; borrowing more does not make you safer.
reason-real_estate = No property pledged: loans backed by property were repaid more often. Only pledge property you own and can afford to risk.
reason-revolving = The kind of loan you ask for ({ $value }): at amounts like yours, this kind was repaid less often than the other. Choose the kind that fits how the business will use the money.
reason-new_business-no = Trading for 2 years or more: for loans like yours, businesses under 2 years old repaid a little more often in the data. There is nothing you need to do about this.
reason-franchise-yes = A franchise: at the same loan amount, franchised businesses repaid a little less often than others. This is not something to change for a loan.
reason-together = How much this counts also depends on: { $others }.
reason-revenue_monthly = Your average monthly sales ({ $value }): in the data the score is based on, businesses with higher sales repaid more often. Record every sale, so lenders see the whole business.
reason-revenue_trend_pct = How your sales are moving ({ $value }): in the data the score is based on, businesses whose sales moved like this repaid less often. This changes with your trade.
reason-revenue_volatility_pct = Your monthly sales go up and down a lot (by about { $value } on average): in the data the score is based on, businesses with uneven sales repaid less often. Setting money aside in good months, or a loan with seasonal repayments, eases the lean months.
reason-months_without_revenue = { $value } without sales: in the data the score is based on, such businesses repaid less often. This improves month by month as you keep trading and record your sales.
reason-debt_service_pct = Repayments on your current loans take { $value } of your monthly sales: the heavier the repayments, the less often loans were repaid. Paying off some of what you owe improves this.
reason-amount_to_revenue_pct = The amount you ask for is { $value } of a year's sales: the larger the loan against sales, the less often it was repaid. Ask for what the business needs; asking for less improves this.
reason-collateral_cover_pct = Security worth { $value } of the loan: loans fully backed by security were repaid more often. Only pledge what you can afford to risk.
reason-insured_share_pct = Social insurance paid for { $value } of your staff: businesses that insure all their staff repaid more often.
reason-tax_rating = Your tax credit rating ({ $value }): the higher the rating, the more often loans were repaid. Filing and paying on time raises it year by year.
reason-tax_months_filed = Tax filed on time for { $value } of the last 12: the more months filed on time, the more often loans were repaid. Filing every month from now improves this month by month.
reason-tax_arrears = Tax overdue: { $value }. In the data the score is based on, businesses with overdue tax repaid clearly less often. Paying it improves this.
reason-utility_late_payments = Power bills paid late { $value } in the last 12 months: businesses often late with bills repaid less often. Paying on time improves this month by month.
reason-court_record = Court and credit-list record ({ $value }): businesses with such a record repaid less often. Settling judgements and credit repair improve this.
reason-months_in_operation = Time trading ({ $value }): the longer a business has traded, the more often it repaid. This improves by itself with time.
reason-industry_section = Your trade ({ $value }): businesses in this group of trades repaid less often than in the safest ones. You cannot change this.
reason-province = Where you are ({ $value }): businesses in this region repaid less often than in some others. You cannot change this.
reason-lenders = You owe { $value }: the more lenders owed, the less often loans were repaid. Paying off small debts first, so fewer lenders are owed, improves this.
reason-owner_experience_years = Your experience in the trade ({ $value }): more experienced owners repaid more often. This grows with time.
employees-count = { $n ->
    [one] 1 person
   *[other] { $n } people
}
facility-term_loan = fixed-term loan
facility-revolving_line = revolving credit line

## Policy rules the grade follows
overlay-black-list = You are on a public credit black list: most lenders decline such applications, so the grade is set to G.
overlay-unsatisfied-judgements = There are court judgements not yet paid: lenders check these, so the grade is at best F until they are settled.
overlay-tax-rating-d = A D taxpayer credit rating keeps the grade at F or worse.
overlay-tax-arrears = You have overdue tax: the grade is one step lower until it is paid.
overlay-power-arrears = You have overdue power bills: the grade is one step lower until they are paid.
overlay-late-power-bills = Several power bills were paid late this year: the grade is one step lower until fewer are late.
overlay-social-insurance-arrears = You have overdue social insurance: the grade is one step lower until it is paid.

## The factors of the score, as a table
factor-naics_sector = Your trade
factor-employees = Staff
factor-new_business = Time trading
factor-franchise = Franchise
factor-urban_rural = Where you trade
factor-amount_usd = Amount asked for
factor-real_estate = Property pledged
factor-revolving = Kind of loan
factor-revenue_monthly = Monthly sales
factor-revenue_trend_pct = Sales trend
factor-revenue_volatility_pct = Ups and downs of sales
factor-months_without_revenue = Months without sales
factor-debt_service_pct = Repayment burden
factor-amount_to_revenue_pct = Loan against sales
factor-collateral_cover_pct = Security
factor-insured_share_pct = Staff insured
factor-tax_rating = Tax credit rating
factor-tax_months_filed = Tax filed on time
factor-tax_arrears = Overdue tax
factor-utility_late_payments = Late power bills
factor-court_record = Court and credit lists
factor-months_in_operation = Time trading
factor-industry_section = Your trade
factor-province = Region
factor-lenders = Lenders owed
factor-owner_experience_years = Experience
months-traded = { $n ->
    [one] 1 month
   *[other] { $n } months
}
yes = yes
no = no
effect-none = helps your grade
effect-small = lowers your grade a little
effect-some = lowers your grade
effect-large = lowers your grade a lot
changeable-naics_sector = cannot change
changeable-employees = changes as the business grows
changeable-new_business = improves by itself after 2 years
changeable-franchise = not worth changing for a loan
changeable-urban_rural = cannot change
changeable-amount_usd = your choice
changeable-real_estate = only if you own property
changeable-revolving = your choice
changeable-revenue_monthly = changes with your trade
changeable-revenue_trend_pct = changes with your trade
changeable-revenue_volatility_pct = can be eased
changeable-months_without_revenue = improves month by month
changeable-debt_service_pct = improves as you repay
changeable-amount_to_revenue_pct = your choice
changeable-collateral_cover_pct = only if you have security to offer
changeable-insured_share_pct = improves once staff are insured
changeable-tax_rating = improves year by year
changeable-tax_months_filed = improves month by month
changeable-tax_arrears = improves once paid
changeable-utility_late_payments = improves month by month
changeable-court_record = improves once judgements are settled
changeable-months_in_operation = improves by itself with time
changeable-industry_section = cannot change
changeable-province = cannot change
changeable-lenders = improves as you repay
changeable-owner_experience_years = grows with time
trend-up = up { $pct } %
trend-down = down { $pct } %
trend-flat = about level
percent = { $pct } %
months-count = { $n ->
    [one] 1 month
   *[other] { $n } months
}
times-count = { $n ->
    [one] once
   *[other] { $n } times
}
lenders-count = { $n ->
    [one] 1 lender
   *[other] { $n } lenders
}
years-count = { $n ->
    [one] 1 year
   *[other] { $n } years
}
court-record-none = none
court-record-judgement = a court judgement not yet paid
court-record-red_list = on the red list of trustworthy businesses
court-record-black_list = on the credit black list

## Products: kinds, repayment types, approval odds, schemes, rate types
odds-high = high
odds-good = good
odds-fair = fair
odds-low = low
repayment-equal_instalment = Equal instalments (等额本息)
repayment-equal_principal = Equal principal (等额本金)
repayment-interest_only_balloon = Interest only, principal at the end
repayment-seasonal = Seasonal principal
repayment-bullet_at_maturity = Principal and interest together at maturity (利随本清)
repayment-quarterly_interest = Interest every quarter, principal at maturity (按季付息)
repayment-revolving_line = Draw and repay any day, interest by the day (随借随还)
cost-interest = Interest
fee-arrangement = Arrangement fee
fee-guarantee = Guarantee fee
fee-appraisal = Valuation fee
fee-notary = Notary fee
fee-registration = Registration of the security
fee-insurance = Insurance
fee-account = Account fee
charger-lender = the lender
charger-guarantee_institution = the guarantee institution
charger-appraiser = the valuer
charger-notary = the notary
charger-registry = the registry
charger-insurer = the insurer
timing-instalments = with each instalment
timing-upfront = once, when the loan is made
timing-monthly = every month
timing-yearly = every year
timing-at_maturity = at the end
cost-item = { $item }: { $amount } in all (charged by { $charger }, { $timing })
subsidy-interest = Interest subsidy
subsidy-guarantee_fee = Guarantee-fee subsidy
payer-central_finance = central government
payer-local_finance = local government
payer-guarantee_fund = a government guarantee fund
payer-lender = the lender
delivery-reduced_charge = already taken off what you are charged
delivery-refunded = you pay in full first and get it back if the conditions hold
subsidy-item = { $kind }: { $payer } pays about { $amount } ({ $delivery }). Conditions: { $conditions }
amount-received = Amount you actually receive: { $amount }
cost-after-refunds = With the refunded subsidies, the cost comes to about { $amount }
decline-grade_below_policy = the risk grade is below what the product accepts
decline-insufficient_revenue = revenue is too low or too uneven for the amount asked
decline-debt_too_high = existing loans or monthly repayments are too high
decline-arrears = unpaid tax, social insurance or power bills
decline-court_record = unsatisfied court judgements or a list status
decline-outside_scope = the business is outside the bank's area or industries
decline-incomplete_information = not enough information to decide
decline-credit_report = the credit report shows something the bank cannot accept
decline-other = another reason (see the bank's message)
kind-credit = Credit (unsecured)
kind-collateral = Secured
kind-guarantee = Guaranteed
kind-government-procurement = Government procurement
kind-supply-chain = Supply chain
kind-seasonal = Seasonal
kind-ip-pledge = Intellectual property
kind-invoice = Invoice
scheme-entrepreneurship_guarantee = Entrepreneurship guaranteed loan (创业担保贷款)
scheme-government_guarantee = Government financing guarantee
scheme-first_loan = First loan
scheme-micro_credit = Micro credit for individual businesses
scheme-village_credit = Village credit line
rate-type-fixed = fixed
rate-type-variable = variable

## The command line's text report (prequal match)
cli-catalog = catalog { $version }, SHA-256 { $sha }
cli-summary = grade { $grade } ({ $pd } do not repay on time): { $matched } products matched, { $eligible } eligible, { $near } within reach; { $not_offered } not offered now, { $filtered } filtered out
cli-first-steps = FIRST STEPS
cli-eligible = ELIGIBLE
cli-within-reach = WITHIN REACH (steps in your hands)
cli-not-eligible = NOT ELIGIBLE
cli-stage = { $steps } ({ $effort }): leads to { $products } products, opens { $opens } once done
cli-offer = lends { $min } to { $max }, { $term_min } to { $term_max } months, { $rate_min } to { $rate_max } a year; approval odds { $odds }; cost rank { $rank }
cli-disclosure = { $amount } over { $months } months ({ $repayment }, { $rate } { $rate_type }): first payment { $first }, cost of credit { $cost }, total { $total }, annual percentage rate { $apr } (simple { $simple }); { $prepayment }
cli-prepay-allowed = early repayment allowed, fee { $fee }
cli-prepay-not = no early repayment
programme-fee = guarantee fee { $fee } a year
programme-subsidy = the government pays { $subsidy } of the yearly rate

## Problems with a profile (the form's field and rule words come from www/locales/*/app.ftl)
field-error = { $field }: { $rule }
field-entry = { $field }, entry { $n }
file-too-large = The file is too large: at most { $max_kb } KB.
file-not-text = The file's text cannot be read. Save it as CSV (UTF-8 or GBK) and try again.
cli-invalid = invalid: { $n } problem(s)

## Problems of an imported file (used only when reading a file, not in the first load's form)
field-document = The whole file
field-schema = Profile format
field-currency = Currency
# Above the list of an imported file's problems.
import-problems = { $file } was not imported; nothing in the form changed:
# Where a problem is: a row of the CSV and its column.
import-row = row { $row }, { $column }
# One problem: where, then what.
import-problem = { $place }: { $rule }
import-file-too-large = The file is too large: at most { $max_kb } KB.
import-not-text = The file's text cannot be read. Save it as CSV (UTF-8 or GBK) in your spreadsheet program and import it again.
rule-wrong-type = Must be { $expected }.
rule-syntax = The file is cut short or malformed and cannot be read (not valid JSON).
expected-text = text
expected-yes-or-no = yes or no (true or false)
expected-whole-numbers = a list of whole numbers (amounts in fen)
expected-group = a group of fields (a JSON object)
expected-choice = one of the listed options
