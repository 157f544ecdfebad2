# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The French words of the judicial acts (core/acts.py returns codes).

The acts are addressed to French courts, commissaires de justice,
mandataires judiciaires and mediators: they are written in French whatever
the user's language, and so are the reasons an act is refused.
"""

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

# Why an act cannot be drafted, and the route to take instead.
REFUSALS = {
    "public_person": (
        "le client est une personne publique : ni injonction de payer ni petites "
        "créances ne sont possibles contre elle. Voie à suivre : le référé-provision "
        "devant le juge des référés du tribunal administratif (article R541-1 du "
        "Code de justice administrative), puis, si besoin, un recours au fond."
    ),
    "debtor_insolvent": (
        "le client fait l'objet d'une procédure collective : les poursuites "
        "individuelles sont interrompues (article L622-21 du Code de commerce). "
        "Voie à suivre : la déclaration de créance au mandataire judiciaire."
    ),
    "claim_disputed": (
        "la créance est contestée : une ordonnance d'injonction de payer "
        "appellerait une opposition. Voie à suivre : le référé (si l'obligation "
        "n'est pas sérieusement contestable) ou l'assignation au fond."
    ),
    "not_contractual": (
        "la créance n'a pas de cause contractuelle (article 1405 du Code de "
        "procédure civile). Voie à suivre : l'assignation au fond."
    ),
    "mise_en_demeure_not_sent": (
        "aucune mise en demeure n'a encore été envoyée (article 1344 du Code "
        "civil). Voie à suivre : envoyer d'abord la mise en demeure."
    ),
    "amount_above_threshold": (
        "la créance dépasse 5 000 € en principal et intérêts (article R125-1 du "
        "Code des procédures civiles d'exécution). Voie à suivre : l'injonction "
        "de payer."
    ),
    "debtor_not_insolvent": (
        "le client ne fait l'objet d'aucune procédure collective enregistrée : "
        "renseignez la procédure, le jugement et la publication au BODACC sur sa "
        "fiche."
    ),
    "publication_date_missing": (
        "la date de publication du jugement au BODACC manque sur la fiche du "
        "client : elle fait courir les délais."
    ),
    "declaration_still_open": (
        "le délai de déclaration n'est pas expiré : déclarez la créance."
    ),
    "declaration_foreclosed": (
        "le délai de déclaration et celui du relevé de forclusion sont expirés "
        "(article L622-26 du Code de commerce) : la créance est inopposable à la "
        "procédure."
    ),
    "relief_deadline_passed": (
        "le délai de six mois pour demander le relevé de forclusion est expiré "
        "(article L622-26 du Code de commerce)."
    ),
    "relief_ground_required": (
        "choisissez le motif du relevé de forclusion (article L622-26 du Code "
        "de commerce)."
    ),
    "no_retention_clause": (
        "aucune clause de réserve de propriété convenue par écrit au plus tard à "
        "la livraison n'est indiquée (article L624-16 du Code de commerce)."
    ),
    "goods_not_identified": (
        "indiquez les biens revendiqués, identifiables dans le stock du débiteur "
        "(article L624-16 du Code de commerce)."
    ),
    "goods_not_in_kind": (
        "les biens ne se retrouvent plus en nature (article L624-16 du Code de "
        "commerce)."
    ),
    "claim_deadline_passed": (
        "le délai de trois mois suivant la publication du jugement est expiré "
        "(article L624-9 du Code de commerce)."
    ),
    "consumer_mediator_missing": (
        "indiquez le nom et les coordonnées du médiateur de la consommation "
        "dont relève l'entreprise (article L616-1 du Code de la consommation)."
    ),
    "debtor_not_business": (
        "le Médiateur des entreprises intervient entre professionnels : pour un "
        "consommateur, proposez le médiateur de la consommation."
    ),
    "debtor_not_consumer": (
        "la médiation de la consommation est réservée aux litiges avec un "
        "consommateur : saisissez le Médiateur des entreprises."
    ),
    "not_suggested_by_advice": (
        "cet acte ne correspond pas à l'étape conseillée pour ce dossier."
    ),
    "fields_missing": "des informations manquent pour établir l'acte.",
}

# What to check before filing an injonction request (core warnings).
WARNINGS = {
    "court_city_to_confirm": (
        "Vérifier la ville du tribunal : celui du lieu où demeure le débiteur "
        "(article 1406 du Code de procédure civile)."
    ),
    "no_mise_en_demeure": "Aucune mise en demeure n'a été envoyée.",
    "no_acknowledgement_of_receipt": (
        "L'avis de réception de la mise en demeure n'est pas enregistré."
    ),
    "missing_piece": "Pièce à joindre : {piece}.",
}
