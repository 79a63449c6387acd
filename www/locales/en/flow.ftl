# prequal — texts of the on-demand screens (result, products, consent, sent bundles), English.

# Heading of the result.
result-heading = Your indicative risk grade
# Label before the grade.
grade = Grade
# Label before the probability of default.
probability-of-default = Estimated probability of default
# Heading of the reasons.
reasons-heading = What weighs on your grade most
# Heading of the policy overlays.
policy-heading = Policy rules that apply
# What the result is and is not.
disclaimer = Indicative only, not a credit decision. The model was trained on US small-business loan outcomes and has not yet been recalibrated on Chinese data; lenders apply their own checks.
# The same, for a model the portal trained on its own records (`prequal model train`).
disclaimer-local = Indicative only, not a credit decision. The model was trained on this platform's own loan records; lenders apply their own checks.
# The gauge's title.
gauge-title = Risk grade
# The gauge in words: `{0}` grade, `{1}` probability of default.
gauge-description = Risk grade { $grade } (A safest, G riskiest); { $pd } similar businesses are expected not to repay on time.
# The factor chart's title.
factors-title = What moved your grade
# One factor in words: `{0}` characteristic, `{1}` the merchant's value, `{2}` points above the worst, `{3}` points below the best.
factor-sentence = { $factor } ({ $value }): { $effect }; { $change }.
# How to read the factor chart.
factors-caption = Green: what helps your grade. Red: what pulls it down.
# Factor table column.
factor-column = Factor
# Factor table column.
your-value-column = Your situation
# Factor table column.
points-column = Effect on your grade
# Factor table column.
range-column = Can you change it?
# Heading of the what-if panel.
what-if-heading = What if…
# What the sliders do.
what-if-hint = Move a slider to see your grade with that change. Your entries are not changed.
# No slider moved yet.
what-if-unchanged = Move a slider to try a change.
# Before the grade the moved sliders would give.
what-if-would-be = With these changes your grade would be
# The moved sliders make the profile invalid.
what-if-invalid = These values do not make a valid profile.
# Puts the sliders back.
what-if-reset = Reset the sliders
# Heading of the core's improving changes.
improvements-heading = Steps you can take, easiest first
# Label before the model id.
model-id = Model id
# While the on-demand part loads.
loading-flow = Loading…
# Back to the form.
back-to-form = Back to my answers
# To the products.
see-products = See matching loan products
# Heading of the products screen.
products-heading = Loan products for you
# Before the catalog's own notice.
catalog-notice = Product list
# The catalog could not be loaded or failed its signature check.
catalog-failed = The product list could not be checked, so no products are shown: { $reason }
model-failed = The scoring model did not pass its security check, so no result can be shown now. This is not a problem with what you entered, and everything you entered is kept. Please try again later; if it keeps happening, tell the operator of this website.
model-failed-details = Technical details
# Match counts: {0} eligible, {1} near misses, {2} products.
counts = { $eligible } eligible now and { $near } within reach among { $total } products.
# Heading of the filters.
filters-heading = Filter and sort
# Legend of the kind filter.
kind-filter = Kinds of loan
# Label of the institution filter.
institution-filter = Lender
# Option: every lender.
any-institution = Any lender
# Label of the sort.
sort-by = Sort by
# Sort option.
sort-cost = Lowest total cost
# Sort option.
sort-rate = Lowest rate
# Sort option.
sort-amount = Largest amount
# Sort option.
sort-term = Longest term
# Heading of the eligible list.
eligible-heading = You qualify
# No eligible product.
none-eligible = No product fits your profile today. The steps below show how to get there.
# Heading of the near misses.
near-miss-heading = Within reach: products you can get to
# Label: amount range.
amount = Amount
# Label: rate range.
rate = Annual rate
# Label: term range.
term = Term
# Unit after a number of months.
months = months
# Label: first monthly payment.
monthly-payment = Monthly payment
# Label: interest and fees.
total-cost = Total cost of credit
# Label: APR.
apr = Annual percentage rate
# The compounded annualised rate, then the simple one.
apr-with-simple = { $compounded } (simple { $simple })
# Label: approval odds.
odds = Approval odds
# Badge of the cheapest eligible product.
cheapest = Lowest cost
# Before the loan the figures are for: {0} amount, {1} months.
for-your-loan = For { $amount } over { $months } months:
# Before a near miss's change.
what-to-change = Your steps
# Opens a product.
details = Details
# Accessible name of a details button: {0} product.
details-of = Details of { $product }
# Starts the consent for a product.
apply = Apply: choose what to share
# Back to the list.
back-to-products = Back to the products
# Heading of a product's rules.
rules-heading = Who may apply
# Marks a rule met.
passed = Met
# Marks a rule not met.
failed = Not met
# Heading of the schedules.
schedule-heading = Repayment schedules
# Title of one schedule's chart: {0} repayment type.
schedule-of = Repayments month by month: { $repayment }
# The chart in words: {0} payments, {1} first, {2} largest, {3} total.
schedule-description = { $payments } payments; the first { $first }, the largest { $largest }; { $total } repaid in all.
# Marks the lender's default repayment type.
lender-default = lender's default
# Summary of the schedule table.
show-table = Month-by-month table
# Schedule column.
number-column = No.
# Schedule column.
month-column = Month
# Schedule column.
principal-column = Principal
# Schedule column.
interest-column = Interest
# Schedule column.
fee-column = Fees
# Schedule column.
payment-column = Payment
# Schedule column.
balance-column = Still owed
# A product without an offer has no schedule.
no-schedule = Schedules are shown for products you qualify for.
# Heading of a loan's cost, itemised (贷款明白纸).
cost-items = The cost, item by item (for the loan above)
# What the merchant actually receives.
amount-received = Amount you actually receive
# A product's grace period on principal (宽限期), in months.
grace-months = Interest only for the first { $n } months (a grace period), then principal month by month.
# A product that may be renewed at maturity without repaying first (无还本续贷).
renewal = At maturity, a business in good standing may renew the loan without repaying the principal first (无还本续贷).
# Heading of the consent screen.
consent-heading = What you will share
# Recipient line: {0} institution, {1} product.
consent-to = With { $institution }, for { $product }
# Legend of the purpose choice.
purpose-legend = Purpose
# Purpose.
purpose-application = Apply for this loan
# Purpose.
purpose-quote = Ask for a non-binding quote
# Label of the validity choice.
valid-for = The bank may use it for
# {0} days until {1}.
days = { $days } days (until { $until })
# Heading: fields the product needs.
required-fields = Needed by this product
# Heading: fields for re-checking the grade.
score-fields = Lets the bank re-check your grade (you may leave any out)
# Heading: fields the merchant may add.
other-fields = You may add
# Removes an optional field.
remove = Leave out
# Adds an optional field.
add = Add
# Consent table column.
field-column = Information
# Consent table column.
value-column = Value shared
# Warning when score fields are left out.
not-recheckable = Without every field the model reads, the bank cannot re-check your grade from this bundle, and some banks then do not accept the application.
shared-result-heading = Also shared: the result you saw
shared-result = Grade { $grade }, score { $score }, probability of default about { $pd }
key-per-bank = Each bank receives a signature from a different key, so banks cannot link your applications by it.
# Heading of the notice.
notice-heading = Notice
# The consent checkbox.
agree = I have read the notice and agree to share exactly the information above.
# The consent screen's itemised cost of the loan.
consent-cost = What this loan costs, item by item (tap to open)
# Legend of the separate consents (v2 bundles).
consents-legend = Your consents (each one separately)
# Tag of a consent the application needs.
consent-required = Required
# Tag of a consent that may be refused.
consent-optional = Optional: refusing it does not affect your application
# Label of the credit-report query's term.
credit-query-term = For how long
# Term option.
term-application = Only while this application is assessed
# Term option.
term-application-and-loan = While it is assessed and, if they lend, until the loan is repaid
# Heading: the recipient as a handler of personal information.
handler-heading = Who receives it
handler-name = Name
handler-contact = Telephone
handler-privacy = Personal-information contact
# {0} days kept when no loan is made.
retention = If no loan is made (declined, withdrawn or expired), the institution deletes this information after { $days } days; if it lends, the loan contract says how long it is kept.
# How to withdraw: {0} the personal-information contact.
withdrawal = To withdraw your consent: press "Revoke" under "Bundles you have sent", or contact { $contact }.
# Heading: sensitive personal information.
sensitive-heading = Sensitive personal information
# The separate consent to sensitive fields.
agree-sensitive = I separately agree to share the sensitive information above.
# Signs the bundle.
sign = Sign on this device
# While signing.
signing = Signing…
# After signing: {0} bundle id.
signed = Signed. Bundle { $bundle } is ready; nothing has been sent yet.
# Sends the bundle: {0} institution.
send = Send to { $institution }
# While sending.
sending = Sending…
# Downloads the bundle.
download = Download the bundle
# Sending failed: {0} reason.
send-failed = Not sent: { $reason }
# Signing failed: {0} reason.
sign-failed = Could not sign: { $reason }
# A time in Beijing time: {0} date and time.
beijing-time = { $time } (Beijing time)
# The receipt's first line: {0} institution.
receipt-done = Delivered to { $institution }. Your data went to this institution only.
# Heading of what happens after sending.
next-steps = What happens next
# Next step: {0} institution.
next-bank = { $institution } reviews this data for the purpose you agreed to and contacts you through its own channels; the bank decides.
# Next step: {0} the date the consent ends.
next-revoke = Your consent lasts until { $date }. Until then you can withdraw it at any time under "Bundles I have sent"; the bank may then no longer use the data.
# Next step.
next-keep-id = When you ask the bank about it, quote the bundle number above.
# Goes back to the products to send to another lender.
apply-again = Apply to another lender (nothing to type again)
# The draft kept on this device, offered for deletion after sending.
draft-still-kept = This device still keeps your draft (with the credit code and your business figures). If you no longer need it, delete it.
# Deletes the draft.
delete-draft-now = Delete the draft
# The draft was deleted.
draft-deleted = The draft is deleted from this device.
# The disclosure with the bundle's technical details.
technical-details = Technical details (for the bank to check)
# Heading of the receipt.
receipt-heading = Sent: your receipt
# Receipt row.
receipt-bundle = Bundle
# Receipt row.
receipt-institution = Received by
# Receipt row.
receipt-at = Received at
# Receipt row.
receipt-sha = Fingerprint (SHA-256)
# Receipt row.
receipt-recomputed = The bank re-computed your grade
# Yes.
yes = yes
# No.
no = no
# Heading of the sent page.
sent-heading = Bundles you have sent
# No bundle sent from this browser.
sent-none = You have not sent any bundle from this browser.
# Column.
sent-expires = Valid until
# Column.
sent-status = Status
# Status.
status-active = active
# Status.
status-revoked = revoked
# Revokes a bundle.
revoke = Revoke
# Revocation failed: {0} reason.
revoke-failed = Not revoked: { $reason }
# Opens the sent page.
sent-link = Bundles I have sent

## Print report
# Opens the print view.
print-report = Print report
# Heading of the print view.
report-heading = Pre-qualification report
# Label before the report's date.
report-date = Date
# Heading of the report's product table.
report-products = Products you qualify for
# Prints the page.
print = Print
# Back to the result.
back-to-result = Back to the result
# Report table column.
product-column = Product
# Report table column.
institution-column = Lender
none-within-reach = No product is within reach with steps you can take. Try another amount, or come back after some months of trading.
paths-heading = Your way to a loan
stage-opens = { $opens } products open, { $closer } more come closer
# Under the gauge.
gauge-safest = A: safest
# Under the gauge.
gauge-riskiest = G: riskiest
# Product page: the offer differs from the loan asked for.
asked-nearest = You asked for { $asked } over { $term } months; this product lends { $amount } over { $months } months, so the figures are for that.
# After a step: {0} grade, {1} products it opens.
step-outcome = grade { $grade }, { $opens } more products you can apply for
# After a step that opens no product: {0} grade.
step-outcome-grade = grade { $grade }
# A first stage that opens no product on its own: {0} products it brings closer.
stage-closer = { $closer } more products come closer
# Before a product's public scheme: {0} its name.
programme-scheme = Public scheme: { $scheme }
# The sent list: asks the banks for their answers again.
check-answers = Check the banks' latest answers
# While the answers are being read.
answers-asking = Checking the bank's answer…
# The answers could not be read or verified: {0} why.
answers-failed = The bank's answer cannot be checked right now ({ $reason }). Try "Check the banks' latest answers" again later.
# Before the bank's own words.
bank-says = The bank says: 
answer-acknowledged = The bank has received it and is looking at it.
# {0} the fields wanted.
answer-more = The bank needs more: { $fields }
# Starts a new bundle with the fields asked for.
send-more = Add the information and consent again
# {0} amount, {1} months, {2} repayment type.
answer-offer = The bank offers { $amount } over { $months } months, { $repayment }. The figures below were recomputed on this device from the offer's terms.
# {0} date.
offer-valid-until = The offer stands until { $date }.
answer-declined = The bank did not approve this application, because:
