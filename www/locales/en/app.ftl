# prequal — texts of the first-load web app (welcome, form, import, draft), English.
# Placeholders are Fluent variables; build.rs compiles this file and its zh-CN twin into Rust.

# Page title.
title = prequal — loan pre-qualification
# One line under the title.
tagline = Describe your business to see, privately, which loans you may qualify for.
# The privacy promise.
privacy = Everything you enter stays on this device. Nothing is sent anywhere until you choose a product and sign your consent.
# The submit button.
check = See my result
# Heading of the error summary.
problems-heading = Please correct these fields
# Placeholder option of a select.
choose = Choose…
# Hint for the revenue slots.
revenue-hint = In yuan, oldest month first. A business younger than a year fills only the months since it opened.
# Marks an optional field.
optional = optional
# Hint for the region code.
region-hint = Six-digit administrative division code, e.g. 330106
# Name of the currency unit shown beside amounts.
yuan = yuan
# The language's own name, on the switch that offers it.
language-name = English
# Label of the language switch.
switch-language = Switch language to
# Between a field's name and its message.
label-separator = { ": " }
# Accessible name of the header tools.
tools-label = Tools
# Opens the page of bundles sent.
large-text = Large text
sent-link = Bundles I have sent
# Accessible name of the progress indicator.
progress-label = Progress
# Progress step: form page 1.
page-business = Business
# Progress step: form page 2.
page-money = Revenue and loan
# Progress step: form page 3.
page-records = Payment records
# Progress step: form page 4.
page-debts = Debts and security
# Progress step.
step-result = Result
# Progress step.
step-products = Products
# Progress step.
step-consent = Consent
# Heading of the welcome screen.
welcome-heading = Check your loan options privately
# What runs where.
welcome-local = Your figures are checked, scored and matched with bank products right here in this browser.
# What the merchant controls.
welcome-draft = You can import a file, save a draft on this device, and delete it at any time.
# Starts the form.
start = Start
# Restores the saved draft.
continue-draft = Continue my saved draft
# Deletes the saved draft.
delete-draft = Delete the saved draft
# Form page heading: page {0} of {1}.
page-of = Your profile, part { $part } of { $parts }
# Next page.
next = Next
# Previous page.
back = Back
# Saves a draft.
save-draft = Save a draft on this device
# After saving.
draft-saved = Draft saved on this device only.
# Saving refused.
draft-not-saved = This browser does not allow saving a draft.
# Heading of the import.
import-heading = Import from a file
# Label of the file input.
import-label = Profile (.json) or monthly figures (.csv)
# How the CSV looks.
import-hint = CSV columns: month (YYYY-MM), revenue (yuan), kwh — or their Chinese names 月份, 营业额, 用电量; a CSV saved by Excel will do (UTF-8 or GBK). The file is read in this browser only.
# After an import: {0} rows.
imported = Imported { $rows } row(s) into the form. Please check them.
# While the next part loads.
loading = Loading…
loading-module = Downloading the calculator (about { $total } KB, only once; it then works offline)…
loading-catalog = Reading the banks' loan products…
reading-file = Reading your file…
# While the import module downloads (fetched when the file chooser first opens): {0} its size.
loading-import = Downloading the file reader (about { $total } KB, only once)…
# A chosen file could not be read: the file reader did not download (offline on a first
# visit) or the browser could not read the file.
import-failed = This file could not be read. If you have no network now, connect and choose the file again: the file reader is downloaded once, then works offline. Nothing you typed has changed.
# Only in the page's HTML, before the app runs (the Start button pressed early).
html-getting-ready = Getting ready, one moment…
# The on-demand part failed to load.
load-failed = The next part of the app could not be loaded. Check your connection and try again; your answers are kept.

## Section headings

section-document = About this profile
section-business = Your business
section-location = Location
section-owner = Owner
section-revenue = Monthly revenue
section-loan = The loan you need
section-tax = Tax
section-utility = Electricity bills
section-social-insurance = Social insurance
section-debts = Existing debts
section-security = Collateral and guarantee
section-court = Court records and credit lists

## Field labels: field- and the field path with "." as "-"

field-as_of = Date of these figures
field-business-name = Registered business name
field-business-credit_code = Unified social credit code
field-business-legal_form = Legal form
field-business-industry = Industry
field-business-franchise = Operated as a franchise
field-business-registered_on = Date registered
field-business-months_in_operation = Months in operation
field-business-employees = Employees, owner included
field-location-region = Region code
field-location-setting = Urban or rural
field-owner-industry_experience_years = Owner's years in this industry
field-revenue-monthly_minor = Revenue per month
field-loan-amount_minor = Amount
field-loan-purpose = Purpose
field-loan-facility = Type
field-loan-term_months = Term in months
field-tax-credit_rating = Taxpayer credit rating
field-tax-months_filed_last_12 = Months filed on time, last 12
field-tax-arrears_minor = Tax overdue now
field-tax-arrears_plan = A plan to pay the overdue tax is agreed with the tax office
field-utility-late_payments_last_12 = Late power bills, last 12 months
field-utility-arrears_minor = Power bills overdue now
field-utility-arrears_plan = A plan to pay the overdue power bills is agreed with the power company
field-utility-average_monthly_kwh = Average monthly use, kWh
field-social_insurance-insured_staff = Staff insured
field-social_insurance-months_paid_last_12 = Months paid in full, last 12
field-social_insurance-arrears_minor = Contributions overdue now
field-debts-outstanding_minor = Total owed
field-debts-monthly_repayment_minor = Monthly repayments
field-debts-lenders = Number of lenders
field-collateral-real_estate_value_minor = Real estate you can pledge
field-collateral-other_value_minor = Other assets you can pledge
field-guarantor = Guarantor
field-court-unsatisfied_judgements = Unsatisfied court judgements
field-court-list_status = Public credit list

## Choices: option- and the value

option-individual_business = Individual business (个体工商户)
option-sole_proprietorship = Sole proprietorship
option-partnership = Partnership
option-limited_company = Limited company
option-farmers_cooperative = Farmers' cooperative
option-urban = Urban
option-rural = Rural
option-working_capital = Working capital
option-inventory = Stock
option-equipment = Equipment
option-premises = Premises
option-expansion = Expansion
option-seasonal = Seasonal peak
option-refinance = Refinance
option-other = Other
option-term_loan = Term loan
option-revolving_line = Revolving line
option-A = A
option-B = B
option-M = M (new taxpayer)
option-C = C
option-D = D
option-unrated = Not rated
option-none = None
option-individual = A person
option-company = A company
option-government_guarantee_fund = Government guarantee fund
option-red_list = Red list (trustworthy)
option-black_list = Black list

## Rule messages: rule- and the rule

rule-required = Please fill this in.
rule-negative = Cannot be negative.
rule-too-large = Too large — at most { $max }.
rule-too-long = At most { $max } characters.
rule-out-of-range = Must be from { $min } to { $max }.
rule-wrong-count = Expected { $expected } months of figures, found { $found }.
rule-unknown-code = Not a { $standard } code.
rule-bad-format = Must be { $expected }.
rule-bad-checksum = The check character does not match — please check for a typo.
rule-exceeds = Cannot be more than { $limit } (set by “{ $other }”).
rule-after-date = Cannot be after “{ $other }”.
rule-invalid-value = Not a valid value here.
rule-unknown-field = Not a field of this form.
rule-duplicate = Given more than once.
rule-not-supported = Not supported (use { $supported }).

## What a format rule expects: expected- and a name

expected-six-digits = six digits
expected-whole-number = a whole number
expected-amount = an amount such as 12,345.67
expected-credit-code = 18 characters: digits and capital letters except I, O, S, V, Z
expected-month = a month YYYY-MM
expected-recent-month = one of the 12 months before the profile date
expected-date = a date YYYY-MM-DD
