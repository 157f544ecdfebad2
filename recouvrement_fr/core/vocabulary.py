# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The add-on's words, stated once: stages, states, channels, outcomes.

Every model, wizard, controller and report imports its selections and state
groups from here, never from another model file. Each selection is a list of
``(code, English label)``; Odoo exports the labels of the fields that use
them into ``i18n/recouvrement_fr.pot``, and ``i18n/fr.po`` gives the French
ones, so the codes never change and the words follow the reader's language.
Pure Python: ``core/ladder.py`` reads the stage groups from here too.
"""

# ---------------------------------------------------------------------------
# The invoice's recovery stage (recovery.move.state.stage, account.move)
# ---------------------------------------------------------------------------

STAGES = [
    ("none", "Not in recovery"),
    ("amiable", "Amicable"),
    ("mise_en_demeure", "Formal notice"),
    ("contentieux", "Litigation"),
    ("payment_plan", "Payment plan"),
    ("dispute", "Disputed"),
    ("declaration", "Claim to declare (insolvency)"),
    ("recovered", "Recovered"),
    ("irrecoverable", "Irrecoverable"),
]
# Stages left as "recovered" when the invoice gets paid.
OPEN_STAGES = (
    "amiable",
    "mise_en_demeure",
    "contentieux",
    "payment_plan",
    "dispute",
    "declaration",
)
# Stages an invoice takes when it reaches a level of the ladder.
LADDER_STAGES = [
    ("amiable", "Amicable"),
    ("mise_en_demeure", "Formal notice"),
    ("contentieux", "Litigation"),
]
# Stages whose invoices climb the ladder; the others wait for a user.
CLIMBING_STAGES = ("none", "amiable", "mise_en_demeure")
# Rule 8: customer stages, from the least to the most advanced. Disputed,
# recovered and irrecoverable invoices say nothing about their customer.
CUSTOMER_STAGES = (
    "none",
    "amiable",
    "mise_en_demeure",
    "payment_plan",
    "contentieux",
    "declaration",
)
# Customer stages that hold all of the customer's invoices.
HOLDING_STAGES = ("payment_plan", "contentieux", "declaration")
# The stages a user may give a customer by hand (rule 8 of core/ladder.py).
MANUAL_STAGES = [
    ("payment_plan", "Payment plan"),
    ("contentieux", "Litigation"),
]
# Odoo's payment states of an invoice that owes nothing any more.
PAID_PAYMENT_STATES = ("paid", "in_payment", "reversed")

# ---------------------------------------------------------------------------
# The ladder's levels and the events (recovery.level, recovery.event)
# ---------------------------------------------------------------------------

CHANNELS = [
    ("email", "E-mail"),
    ("letter", "Letter"),
    ("phone", "Phone call"),
    ("lrar", "Registered letter (LRAR)"),
    ("legal", "Legal action"),
]
# The channels of a written claim (loi 68-1250 art. 2 reads them).
WRITTEN_CHANNELS = ("email", "letter", "lrar")
TONES = [
    ("courtesy", "Courtesy"),
    ("friendly", "Friendly"),
    ("formal", "Formal"),
    ("notice", "Formal notice"),
]
# In the order each channel goes through them, as the status bars show them:
# e-mail To validate > To send > Sending > Sent; letter To validate > To print
# > Sent; registered letter To validate > To post > Posted > Received (through
# a provider: To send > Sending > Deposited > Received); call To do > Done.
EVENT_STATES = [
    ("to_validate", "To validate"),
    ("queued", "To send"),
    ("to_print", "To print"),
    ("to_post", "To post"),
    ("sending", "Sending"),
    ("sent", "Sent"),
    # A registered letter through a provider (see REGISTERED_STATES).
    ("deposited", "Deposited"),
    ("posted", "Posted"),
    ("received", "Received"),
    ("refused", "Refused by the recipient"),
    ("unclaimed", "Not claimed"),
    ("to_do", "To do"),
    ("done", "Done"),
    ("failed", "Failed"),
    ("cancelled", "Cancelled"),
]
# Steps that reached the customer, or happened (a call made); a registered
# letter refused or not claimed was presented: the notice is served all the
# same.
CARRIED_OUT_STATES = (
    "sent",
    "done",
    "posted",
    "received",
    "deposited",
    "refused",
    "unclaimed",
)
# Steps still on their way: the invoice waits for them before climbing.
BLOCKING_STATES = ("to_validate", "queued", "sending", "to_print", "to_post")
# Steps whose document exists, printed or not yet posted included.
ISSUED_STATES = ("to_print", "to_post", *CARRIED_OUT_STATES)
# Steps insolvency stops before they reach the customer (C. com. L622-21).
STOPPED_BY_INSOLVENCY = ("to_validate", "queued", "to_print", "to_post", "to_do")
CALL_OUTCOMES = [
    ("reached", "Customer reached"),
    ("promised", "Payment promised"),
    ("disputed", "Invoice disputed"),
    ("no_answer", "No answer"),
    ("wrong_number", "Wrong number"),
]
# Activity type planned for each channel carried out by a person.
ACTIVITY_TYPES = {
    "phone": "mail.mail_activity_data_call",
    "legal": "mail.mail_activity_data_todo",
}
DECLARATION_ACTIVITY = "recouvrement_fr.mail_activity_type_declaration"
# What one run of communicate counts.
COMMUNICATE_STATS = ("sent", "printed", "activities", "failed")

# ---------------------------------------------------------------------------
# The customer as French law sees it (res.partner)
# ---------------------------------------------------------------------------

# Legal forms that decide whether the customer is a merchant (core/merchant).
LEGAL_FORMS = [
    ("sa", "SA"),
    ("sas", "SAS / SASU"),
    ("sarl", "SARL / EURL"),
    ("snc", "SNC"),
    ("sca", "SCA / SCS"),
    ("ei", "Sole trader (EI, micro-entreprise)"),
    ("selarl", "Liberal profession company (SEL, SCP)"),
    ("sci", "Civil company (SCI, SCM, GAEC...)"),
    ("association", "Association, foundation, union"),
    ("public", "Public body"),
]
INSOLVENCY_PROCEDURES = [
    ("sauvegarde", "Safeguard (sauvegarde)"),
    ("redressement", "Receivership (redressement judiciaire)"),
    ("liquidation", "Liquidation (liquidation judiciaire)"),
]
PROCEDURES = [
    ("declare_claim", "Declare the claim (insolvency)"),
    ("amicable_first", "Send a formal notice first"),
    ("petites_creances", "Simplified small-claims procedure"),
    ("injonction_de_payer", "Order for payment (injonction de payer)"),
    ("refere_provision", "Interim payment (référé-provision)"),
    ("assignation", "Summons on the merits (assignation)"),
    ("mediation", "Mediation"),
]
RATE_KINDS = [
    ("ecb", "ECB main refinancing rate"),
    ("legal_individual", "Legal interest rate - creditor is an individual"),
    ("legal_other", "Legal interest rate - other cases"),
]

# ---------------------------------------------------------------------------
# Plans, promises, the customer's requests
# ---------------------------------------------------------------------------

PLAN_STATES = [
    ("draft", "Draft"),
    ("active", "Running"),
    ("honoured", "Honoured"),
    ("broken", "Broken"),
    ("cancelled", "Cancelled"),
]
# Plans whose invoices another plan may not cover.
OPEN_PLAN_STATES = ("draft", "active")
PERIODICITIES = [
    ("weekly", "Weekly"),
    ("monthly", "Monthly"),
    ("custom", "Every N days"),
]
PLAN_LINE_STATES = [
    ("pending", "To pay"),
    ("paid", "Paid"),
    ("missed", "Missed"),
]
PROMISE_STATES = [
    ("open", "Open"),
    ("kept", "Kept"),
    ("broken", "Broken"),
    ("cancelled", "Cancelled"),
]
PROMISE_SOURCES = [
    ("portal", "Recovery portal"),
    ("phone", "Phone call"),
    ("email", "E-mail"),
    ("other", "Other"),
]
REQUEST_KINDS = [
    ("dispute", "Dispute"),
    ("plan", "Payment plan request"),
]
DISPUTE_REASONS = [
    ("not_received", "Goods or service not received"),
    ("defective", "Goods or service not as ordered or defective"),
    ("price", "Wrong price or quantity"),
    ("already_paid", "Already paid"),
    ("other", "Other reason"),
]
REQUEST_STATES = [
    ("new", "To handle"),
    ("accepted", "Accepted"),
    ("rejected", "Rejected"),
]

# ---------------------------------------------------------------------------
# The ageing balance and its figures (recovery.ageing, dashboard)
# ---------------------------------------------------------------------------

DSO_DAYS = 90
DSO_HELP = (
    "Days sales outstanding, simple (accounting) method: open customer "
    "receivables at the date (tax included, net of credit notes and unapplied "
    "payments) / sales tax included invoiced over the last 90 days (invoices "
    "minus credit notes) x 90. Zero when nothing was invoiced over the period."
)
AGEING_BUCKETS = [
    ("not_due", "Not due"),
    ("1_30", "1-30 days"),
    ("31_60", "31-60 days"),
    ("61_90", "61-90 days"),
    ("90_plus", "Over 90 days"),
    ("unapplied", "Unapplied payment"),
]
AGEING_KINDS = [
    ("invoice", "Invoice"),
    ("refund", "Credit note"),
    ("payment", "Payment"),
    ("other", "Other entry"),
]
# Amount columns of the ageing balance, in the order of the reports.
AGEING_AMOUNT_FIELDS = (
    "amount_not_due",
    "amount_1_30",
    "amount_31_60",
    "amount_61_90",
    "amount_90_plus",
    "amount_unapplied",
    "amount_residual",
)
# What ``recovery.ageing._recovery_totals`` returns for each group.
AGEING_MEASURES = (
    *AGEING_AMOUNT_FIELDS,
    "amount_overdue",
    "overdue_count",
    "amount_prescription",
    "prescription_count",
    "count",
)

# ---------------------------------------------------------------------------
# The judicial acts drafted (recovery.act; the law in core/acts.py)
# ---------------------------------------------------------------------------

# The codes are core/acts.py's ACT_CODES.
ACTS = [
    ("injonction_request", "Request for an order for payment (injonction de payer)"),
    ("small_claims_request", "Small-claims procedure request (petites créances)"),
    ("mandate_letter", "Mandate to the commissaire de justice"),
    ("claim_declaration", "Claim declaration (déclaration de créance)"),
    ("retention_claim", "Claim for goods under retention of title"),
    ("forclusion_relief", "Request for relief from foreclosure (relevé de forclusion)"),
    ("conciliation_referral", "Referral to a conciliateur de justice"),
    ("business_mediation_referral", "Referral to the médiateur des entreprises"),
    ("consumer_mediation_referral", "Referral to the consumer mediator"),
]
ACT_STATES = [
    ("drafted", "Drafted"),
    ("sent", "Sent"),
    ("acknowledged", "Acknowledged"),
    ("cancelled", "Cancelled"),
]
# The commissaire de justice's fees (core/acts_court.py FEE_KINDS).
ACT_FEE_KINDS = [
    ("tariff", "Regulated tariff"),
    ("fixed", "Fixed fee"),
    ("percentage", "Percentage of the sums recovered"),
]
ACT_MISSIONS = [
    ("amiable", "Amicable recovery"),
    ("injonction", "Order for payment: service and enforcement"),
    ("petites_creances", "Small-claims procedure"),
    ("execution", "Enforcement of a title"),
]
# Grounds of a relief from foreclosure (C. com. L622-26).
ACT_RELIEF_GROUNDS = [
    ("not_creditor_fault", "The failure is not the creditor's fault"),
    ("omitted_from_debtor_list", "The debtor left the claim off its list"),
]
ACT_SECURITY_KINDS = [
    ("retention_of_title", "Retention of title"),
    ("guarantee", "Guarantee"),
    ("privilege", "Privilege"),
    ("pledge", "Pledge"),
    ("other", "Other"),
]

# ---------------------------------------------------------------------------
# France's public services (issue #25: Sirene, BODACC). Kept apart, at the
# end of the file, to ease merging.
# ---------------------------------------------------------------------------

# What a BODACC collective-proceedings announcement does (tools/french_services).
BODACC_KINDS = [
    ("opening", "Opening judgment"),
    ("plan", "Plan"),
    ("conversion", "Conversion to liquidation"),
    ("closure", "Closure"),
    ("other", "Other judgment"),
]
# The customer's standing in the Sirene register.
SIRENE_STATES = [
    ("active", "Active company"),
    ("closed", "Closed company"),
]

# Registered letters through a provider (recovery.letter.provider): a
# registered letter sent by a provider is "To send" (queued) then "Sending"
# until the provider deposits it, "Deposited" (proof of deposit), then
# "Received" (AR proof, its date), "Refused" by the recipient or "Not
# claimed" (négligence of an LRE after 15 days, "non réclamé" by the post);
# their place in EVENT_STATES and CARRIED_OUT_STATES is above.
REGISTERED_STATES = [
    ("deposited", "Deposited"),
    ("refused", "Refused by the recipient"),
    ("unclaimed", "Not claimed"),
]
# Registered letters a provider still has to tell about (polled, webhooks).
PROVIDER_PENDING_STATES = ("sending", "deposited")
# A judicial act sent as a registered letter (the déclaration de créance):
# through the company's provider, or printed and posted by hand.
ACT_LETTER_STATES = [
    ("to_post", "To post"),
    ("posted", "Posted"),
    ("sending", "Sending"),
    ("deposited", "Deposited"),
    ("received", "Received"),
    ("refused", "Refused by the recipient"),
    ("unclaimed", "Not claimed"),
    ("failed", "Failed"),
]
PROVIDER_STATES = [
    ("disabled", "Disabled"),
    ("test", "Test mode"),
    ("enabled", "Enabled"),
]
PROVIDER_CODES = [
    ("demo", "Demo (simulated, electronic registered letter)"),
    ("maileva", "Maileva (registered letter posted by La Poste)"),
]
DEMO_OUTCOMES = [
    ("received", "Received"),
    ("refused", "Refused"),
    ("unclaimed", "Not claimed"),
    ("error", "Provider error"),
]

# ---------------------------------------------------------------------------
# The customer's DSO (core/dso.py, countback method)
# ---------------------------------------------------------------------------

CUSTOMER_DSO_HELP = (
    "Days sales outstanding of the customer, countback method: the number of "
    "days of its invoices, counted back from today, that add up to its open "
    "balance. Zero when it owes nothing."
)

# ---------------------------------------------------------------------------
# The promise's states in their own words (recovery.promise)
# ---------------------------------------------------------------------------

# "Open" is shared with menus and other states, whose French cannot say
# "En cours" for a promise; "Broken" is a plan's too, whose French is
# masculine: the promise's states have their own words.
PROMISE_STATES_WORDED = [
    ("open", "In progress"),
    ("kept", "Promise kept"),
    ("broken", "Promise broken"),
    ("cancelled", "Promise cancelled"),
]

# ---------------------------------------------------------------------------
# --- Issue #21: documents a recovery lawyer signs as they are ---------------
# What a payment plan says of the penalties, interest and 40 € indemnities
# owed when it is agreed (core/plan_terms.py PENALTY_OPTIONS).
PLAN_PENALTY_OPTIONS = [
    ("included", "Included in the plan's total"),
    ("waived_if_kept", "Waived if every instalment is paid on time"),
    ("reserved", "Reserved: claimed after the plan or on default"),
]
