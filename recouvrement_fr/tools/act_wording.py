# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The French words of the judicial acts (core/acts.py returns codes).

The acts are addressed to French courts, commissaires de justice,
mandataires judiciaires and mediators: they are written in French whatever
the user's language (their readers are French courts and officers; see
README, "Judicial acts"). What the user reads about an act (the reasons an
act is refused, the checks before filing) is English, translated in
i18n/fr.po.
"""

from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

ACT_TITLES = {
    "injonction_request": "Requête en injonction de payer",
    "small_claims_request": (
        "Demande de mise en œuvre de la procédure simplifiée de recouvrement "
        "des petites créances"
    ),
    "mandate_letter": "Mandat au commissaire de justice",
    "claim_declaration": "Déclaration de créance",
    "retention_claim": (
        "Revendication de biens vendus avec clause de réserve de propriété"
    ),
    "forclusion_relief": "Requête en relevé de forclusion",
    "conciliation_referral": "Saisine du conciliateur de justice",
    "business_mediation_referral": "Saisine du Médiateur des entreprises",
    "consumer_mediation_referral": "Proposition de médiation de la consommation",
}

COURTS = {
    "tribunal_de_commerce": "Tribunal de commerce",
    "tribunal_judiciaire": "Tribunal judiciaire",
    "tribunal_administratif": "Tribunal administratif",
    "commissaire_de_justice": "Commissaire de justice",
    "mandataire_judiciaire": "Mandataire judiciaire",
    "mediateur_des_entreprises": "Médiateur des entreprises",
    "conciliateur_de_justice": "Conciliateur de justice",
    "mediateur_de_la_consommation": "Médiateur de la consommation",
    "juge_commissaire": "Juge-commissaire",
    "administrateur_judiciaire": "Administrateur judiciaire",
    "debtor": "Débiteur",
}

LEGAL_FORMS = {
    "sa": "société anonyme",
    "sas": "société par actions simplifiée",
    "sarl": "société à responsabilité limitée",
    "snc": "société en nom collectif",
    "sca": "société en commandite",
    "ei": "entrepreneur individuel",
    "selarl": "société d'exercice libéral",
    "sci": "société civile",
    "association": "association",
    "public": "personne morale de droit public",
}

PROCEDURES = {
    "sauvegarde": "sauvegarde",
    "redressement": "redressement judiciaire",
    "liquidation": "liquidation judiciaire",
}

PIECES = {
    "invoice": "Facture",
    "order": "Bon de commande",
    "contract": "Contrat",
    "general_terms": "Conditions générales de vente",
    "delivery_proof": "Preuve de livraison",
    "reminder": "Relance",
    "mise_en_demeure": "Mise en demeure",
    "lrar_proof": "Avis de réception de la lettre recommandée",
    "other": "Pièce",
}

BASIS = {
    "unpaid_invoices": "factures impayées (article 1103 du Code civil)",
    "late_penalties": "pénalités de retard (article L441-10 II du Code de commerce)",
    "fixed_indemnity": (
        "indemnité forfaitaire pour frais de recouvrement de 40 € par facture "
        "(articles L441-10 II et D441-5 du Code de commerce)"
    ),
    "legal_interest": (
        "intérêts au taux légal (articles 1231-6 et 1344-1 du Code civil)"
    ),
    "moratory_interest": (
        "intérêts moratoires (article R2192-31 du Code de la commande publique)"
    ),
}

MISSIONS = {
    "amiable": "le recouvrement amiable de la créance",
    "injonction": (
        "la signification de l'ordonnance portant injonction de payer, puis, à "
        "défaut d'opposition, son exécution forcée"
    ),
    "petites_creances": (
        "la mise en œuvre de la procédure simplifiée de recouvrement des petites "
        "créances (articles L125-1 et R125-1 et suivants du Code des procédures "
        "civiles d'exécution)"
    ),
    "execution": "l'exécution forcée du titre exécutoire",
}

SECURITIES = {
    "retention_of_title": "clause de réserve de propriété",
    "guarantee": "garantie",
    "privilege": "privilège",
    "pledge": "nantissement ou gage",
    "other": "sûreté",
}

RELIEF_GROUNDS = {
    "not_creditor_fault": (
        "la défaillance du créancier n'est pas due à son fait (article L622-26, "
        "alinéa 1er, du Code de commerce)"
    ),
    "omitted_from_debtor_list": (
        "la créance a été omise de la liste que le débiteur devait remettre au "
        "mandataire judiciaire (articles L622-6 et L622-26 du Code de commerce)"
    ),
}

# Why an act cannot be drafted, and the route to take instead: told to the
# user (an error, the wizard), so English sources translated in i18n/fr.po,
# unlike the acts themselves.
REFUSALS = {
    "public_person": _lt(
        "the customer is a public person: neither an injonction de payer nor the "
        "petites créances procedure is possible against it. Route to take: the "
        "référé-provision before the tribunal administratif (article R541-1 of the "
        "Code de justice administrative), then, if needed, an action on the merits."
    ),
    "debtor_insolvent": _lt(
        "the customer is under insolvency proceedings: individual proceedings are "
        "stayed (article L622-21 of the Code de commerce). Route to take: the "
        "déclaration de créance to the mandataire judiciaire."
    ),
    "claim_disputed": _lt(
        "the claim is disputed: an injonction de payer would call for an "
        "opposition. Route to take: the référé (if the obligation is not seriously "
        "disputable) or an action on the merits (assignation au fond)."
    ),
    "not_contractual": _lt(
        "the claim has no contractual cause (article 1405 of the Code de "
        "procédure civile). Route to take: an action on the merits (assignation "
        "au fond)."
    ),
    "mise_en_demeure_not_sent": _lt(
        "no mise en demeure has been sent yet (article 1344 of the Code civil). "
        "Route to take: send the mise en demeure first."
    ),
    "amount_above_threshold": _lt(
        "the claim exceeds 5,000 € in principal and interest (article R125-1 of "
        "the Code des procédures civiles d'exécution). Route to take: the "
        "injonction de payer."
    ),
    "debtor_not_insolvent": _lt(
        "no insolvency proceedings are recorded for the customer: enter the "
        "proceedings, the judgment and its BODACC publication on its form."
    ),
    "publication_date_missing": _lt(
        "the date the judgment was published in the BODACC is missing on the "
        "customer's form: the deadlines run from it."
    ),
    "declaration_still_open": _lt(
        "the declaration deadline has not expired: declare the claim."
    ),
    "declaration_foreclosed": _lt(
        "the declaration deadline and the deadline for relief from foreclosure "
        "have both expired (article L622-26 of the Code de commerce): the claim "
        "cannot be set up against the proceedings."
    ),
    "relief_deadline_passed": _lt(
        "the six-month deadline to ask for relief from foreclosure has expired "
        "(article L622-26 of the Code de commerce)."
    ),
    "relief_ground_required": _lt(
        "choose the ground of the relief from foreclosure (article L622-26 of "
        "the Code de commerce)."
    ),
    "no_retention_clause": _lt(
        "no retention-of-title clause agreed in writing at the latest on "
        "delivery is entered (article L624-16 of the Code de commerce)."
    ),
    "goods_not_identified": _lt(
        "enter the goods claimed, identifiable in the debtor's stock (article "
        "L624-16 of the Code de commerce)."
    ),
    "goods_not_in_kind": _lt(
        "the goods can no longer be found in kind (article L624-16 of the Code "
        "de commerce)."
    ),
    "claim_deadline_passed": _lt(
        "the three-month deadline after the judgment's publication has expired "
        "(article L624-9 of the Code de commerce)."
    ),
    "consumer_mediator_missing": _lt(
        "enter the name and contact details of the consumer mediator "
        "(médiateur de la consommation) the company belongs to (article L616-1 "
        "of the Code de la consommation)."
    ),
    "debtor_not_business": _lt(
        "the Médiateur des entreprises acts between businesses: for a consumer, "
        "offer the médiateur de la consommation."
    ),
    "debtor_not_consumer": _lt(
        "consumer mediation is for disputes with a consumer: refer the dispute "
        "to the Médiateur des entreprises."
    ),
    "not_suggested_by_advice": _lt(
        "this act does not match the step advised for this file."
    ),
    "fields_missing": _lt("some information needed to draft the act is missing."),
}

# What to check before filing an injonction request (core warnings), kept in
# the act's note for the user.
WARNINGS = {
    "court_city_to_confirm": _lt(
        "Check the court's city: the court of the place where the debtor lives "
        "or has its seat (article 1406 of the Code de procédure civile)."
    ),
    "no_mise_en_demeure": _lt("No mise en demeure has been sent."),
    "no_acknowledgement_of_receipt": _lt(
        "The acknowledgement of receipt of the mise en demeure is not recorded."
    ),
    "missing_piece": _lt("Piece to attach: {piece}."),
}
