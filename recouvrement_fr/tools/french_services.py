# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""HTTP clients of two free French public services, no model, no key.

**Sirene, through the API Recherche d'entreprises** (DINUM). Documented at
https://recherche-entreprises.api.gouv.fr/docs/ ; its OpenAPI description is
published with its code, https://github.com/annuaire-entreprises-data-gouv-fr/
search-api (``aio/aio-proxy/aio_proxy/doc/open-api.yml``). ``GET /search?q=``
(a name, an address or a SIREN; ``page``, ``per_page``) answers ``200`` with
``{"results": [...], "total_results", "page", "per_page", "total_pages"}``;
each result has ``siren``, ``nom_complet``, ``nom_raison_sociale``,
``nature_juridique`` (the INSEE legal category, 4 digits),
``activite_principale`` (NAF, "53.10Z"), ``etat_administratif`` ("A" active,
"C" closed) and ``siege`` (``siret``, ``numero_voie``, ``indice_repetition``,
``type_voie``, ``libelle_voie``, ``complement_adresse``, ``code_postal``,
``libelle_commune``, ``etat_administratif``...). A bad request is ``400``
with ``{"erreur": "..."}``; over 7 requests a second, ``429``.

**BODACC, the DILA's open data on Opendatasoft**: the dataset
``annonces-commerciales`` of https://bodacc-datadila.opendatasoft.com, read
through the Opendatasoft Explore API v2.1 (documented at
https://help.opendatasoft.com/apis/ods-explore-v2/ and, for this dataset,
https://bodacc-datadila.opendatasoft.com/explore/dataset/annonces-commerciales/api/).
``GET /api/explore/v2.1/catalog/datasets/annonces-commerciales/records`` with
``where`` (ODSQL), ``order_by``, ``limit`` (100 at most) and ``offset``
answers ``{"total_count": n, "results": [record, ...]}``. A record carries
``id`` (the announcement, e.g. "A202300891234"), ``dateparution``
("YYYY-MM-DD"), ``familleavis`` ("collective" for collective proceedings)
and ``familleavis_lib``, ``tribunal``, ``commercant``, ``registre`` (the
SIREN, spaced and not: ["123 456 789", "123456789"]) and ``jugement``: a JSON
text ``{"type", "famille", "nature", "date", "complementJugement"}`` (e.g.
famille "Jugement d'ouverture", nature "Jugement d'ouverture d'une procédure
de redressement judiciaire").

Every call has a timeout; any failure raises :class:`ServiceError` with a
``kind`` the caller turns into a message in the user's language. Nothing here
writes anything.
"""

import contextlib
import json
import re
import unicodedata
from datetime import date

import requests

SIRENE_URL_PARAM = "recouvrement_fr.sirene_url"
SIRENE_DEFAULT_URL = "https://recherche-entreprises.api.gouv.fr"
BODACC_URL_PARAM = "recouvrement_fr.bodacc_url"
BODACC_DEFAULT_URL = "https://bodacc-datadila.opendatasoft.com"
TIMEOUT_PARAM = "recouvrement_fr.services_timeout"
DEFAULT_TIMEOUT = 10
BODACC_RECORDS_PATH = "/api/explore/v2.1/catalog/datasets/annonces-commerciales/records"
BODACC_PAGE = 100

# What went wrong, for the caller's message.
UNREACHABLE = "unreachable"
TIMEOUT = "timeout"
HTTP_ERROR = "http_error"
RATE_LIMITED = "rate_limited"
MALFORMED = "malformed"


class ServiceError(Exception):
    """A French public service could not answer usefully."""

    def __init__(self, kind, detail=""):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


def get_json(url, params, timeout):
    """GET ``url`` and return its JSON object; :class:`ServiceError` else."""
    try:
        response = requests.get(
            url,
            params=params,
            timeout=timeout,
            headers={"Accept": "application/json"},
        )
    except requests.Timeout as error:
        raise ServiceError(TIMEOUT, str(error)) from error
    except requests.RequestException as error:
        raise ServiceError(UNREACHABLE, str(error)) from error
    if response.status_code == 429:
        raise ServiceError(RATE_LIMITED, response.text[:200])
    if response.status_code != 200:
        detail = response.text[:200]
        with contextlib.suppress(ValueError, AttributeError):
            detail = response.json().get("erreur") or detail
        raise ServiceError(HTTP_ERROR, f"{response.status_code} {detail}")
    try:
        payload = response.json()
    except ValueError as error:
        raise ServiceError(MALFORMED, str(error)) from error
    if not isinstance(payload, dict) or not isinstance(payload.get("results"), list):
        raise ServiceError(MALFORMED, "no 'results' list")
    return payload


def digits(text):
    return "".join(char for char in (text or "") if char.isdigit())


def normalize(name):
    """Lower case, no accents, words separated by one space."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    return " ".join(re.split(r"[^a-z0-9]+", text)).strip()


# ---------------------------------------------------------------------------
# Sirene
# ---------------------------------------------------------------------------

# INSEE legal categories (nature juridique, level III: 4 digits) and the
# add-on's legal forms (core/vocabulary.LEGAL_FORMS), per the INSEE
# nomenclature https://www.insee.fr/fr/information/2028129. Exact codes first,
# then the two-digit groups. A category not listed (groupings without legal
# personality, foreign bodies, public bodies under commercial law, mutual
# banks, special private bodies...) sets no form: the user decides.
NATURE_JURIDIQUE_EXACT = {
    "1000": "ei",  # entrepreneur individuel
    # Sociétés d'exercice libéral and SPFPL, whatever their company form.
    "5385": "selarl",
    "5470": "selarl",
    "5485": "selarl",
    "5570": "selarl",
    "5585": "selarl",
    "5670": "selarl",
    "5685": "selarl",
    "5770": "selarl",
    "5785": "selarl",
    "5800": "sa",  # société européenne
    # Sociétés civiles professionnelles.
    "6585": "selarl",
    # Caisses de crédit mutuel / agricole: not a civil company for our purpose.
    "6595": None,
    "6596": None,
    "8420": "association",  # syndicat de salariés
    "8450": "association",  # syndicat patronal
    "9300": "association",  # fondation
}
NATURE_JURIDIQUE_GROUPS = {
    "52": "snc",
    "53": "sca",
    "54": "sarl",
    "55": "sa",
    "56": "sa",
    "57": "sas",
    "65": "sci",
    "71": "public",
    "72": "public",
    "73": "public",
    "74": "public",
    "92": "association",
}


def legal_form_of(nature_juridique):
    """The add-on's legal form of an INSEE legal category, or None."""
    code = digits(nature_juridique)
    if len(code) != 4:
        return None
    if code in NATURE_JURIDIQUE_EXACT:
        return NATURE_JURIDIQUE_EXACT[code]
    if code[:3] in ("656", "657"):  # sociétés civiles professionnelles
        return "selarl"
    return NATURE_JURIDIQUE_GROUPS.get(code[:2])


def sirene_search(base_url, query, timeout, per_page=5):
    """The results of ``GET /search?q=query`` (a list of dicts)."""
    url = base_url.rstrip("/") + "/search"
    payload = get_json(url, {"q": query, "page": 1, "per_page": per_page}, timeout)
    results = payload["results"]
    if not all(isinstance(result, dict) for result in results):
        raise ServiceError(MALFORMED, "a result is not an object")
    return results


def choose_result(results, siren=None, name=None):
    """The result of ``siren``; else the one whose name is ``name``, or the
    only one. None when nothing matches or the name is ambiguous."""
    if siren:
        return next((r for r in results if r.get("siren") == siren), None)
    wanted = normalize(name)
    same = [
        result
        for result in results
        if wanted
        in (
            normalize(result.get("nom_complet")),
            normalize(result.get("nom_raison_sociale")),
        )
    ]
    if len(same) == 1:
        return same[0]
    return results[0] if len(results) == 1 else None


def sirene_facts(result):
    """What the add-on reads in one search result (a dict of plain values).

    :raises ServiceError: ``MALFORMED`` when the result lacks its SIREN.
    """
    siren = result.get("siren")
    siege = result.get("siege") or {}
    if not siren or not isinstance(siege, dict):
        raise ServiceError(MALFORMED, "result without siren or siege")
    street = " ".join(
        str(part)
        for part in (
            siege.get("numero_voie"),
            siege.get("indice_repetition"),
            siege.get("type_voie"),
            siege.get("libelle_voie"),
        )
        if part
    )
    nature = result.get("nature_juridique") or ""
    return {
        "siren": siren,
        "name": result.get("nom_raison_sociale") or result.get("nom_complet") or "",
        "nature_juridique": nature,
        "legal_form": legal_form_of(nature),
        "naf": result.get("activite_principale") or "",
        "closed": result.get("etat_administratif") == "C",
        "siret": siege.get("siret") or "",
        "street": street,
        "street2": siege.get("complement_adresse") or "",
        "zip": siege.get("code_postal") or "",
        "city": siege.get("libelle_commune") or "",
    }


# ---------------------------------------------------------------------------
# BODACC
# ---------------------------------------------------------------------------

OPENING = "opening"
PLAN = "plan"
CONVERSION = "conversion"
CLOSURE = "closure"
OTHER = "other"

FRENCH_MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}


def bodacc_collective(base_url, siren, since, timeout):
    """The collective-proceedings announcements of ``siren`` published from
    ``since`` (a date), oldest first, every page read."""
    url = base_url.rstrip("/") + BODACC_RECORDS_PATH
    where = (
        f'registre like "{siren}" and familleavis = "collective" '
        f"and dateparution >= date'{since.isoformat()}'"
    )
    records, offset = [], 0
    while True:
        payload = get_json(
            url,
            {
                "where": where,
                "order_by": "dateparution",
                "limit": BODACC_PAGE,
                "offset": offset,
            },
            timeout,
        )
        page = payload["results"]
        records += page
        offset += len(page)
        if len(page) < BODACC_PAGE or offset >= (payload.get("total_count") or 0):
            break
    # The filter is the server's; the SIREN and the family are checked again.
    return [
        record
        for record in records
        if isinstance(record, dict)
        and record.get("familleavis") == "collective"
        and siren in {digits(r) for r in (record.get("registre") or [])}
    ]


def parse_date(text):
    """ISO ("2026-03-01") or French ("1er mars 2026") date, or None."""
    text = (text or "").strip()
    if re.match(r"\d{4}-\d{2}-\d{2}", text):
        with contextlib.suppress(ValueError):
            return date.fromisoformat(text[:10])
        return None
    match = re.match(r"(\d{1,2})(?:er)?\s+(\S+)\s+(\d{4})", normalize(text))
    if match and match.group(2) in FRENCH_MONTHS:
        day, month, year = match.groups()
        try:
            return date(int(year), FRENCH_MONTHS[month], int(day))
        except ValueError:
            return None
    return None


def judgment_of(record):
    """The ``jugement`` of a record as a dict (it is a JSON text); {} if none.

    :raises ServiceError: ``MALFORMED`` when it is not JSON.
    """
    raw = record.get("jugement")
    if not raw:
        return {}
    if isinstance(raw, dict):
        return raw
    try:
        value = json.loads(raw)
    except (TypeError, ValueError) as error:
        raise ServiceError(MALFORMED, f"jugement of {record.get('id')}") from error
    return value if isinstance(value, dict) else {}


def procedure_of(text):
    """sauvegarde / redressement / liquidation named in a judgment's nature."""
    text = normalize(text)
    for word, code in (
        ("liquidation", "liquidation"),
        ("redressement", "redressement"),
        ("sauvegarde", "sauvegarde"),
    ):
        if word in text:
            return code
    return None


def kind_of(judgment):
    """What an announcement's judgment does to the proceedings."""
    famille = normalize(judgment.get("famille"))
    nature = normalize(judgment.get("nature"))
    if famille.startswith("jugement d ouverture"):
        return OPENING
    if "cloture" in famille or "cloture" in nature:
        return CLOSURE
    if "conversion" in nature or "prononcant la liquidation" in nature:
        return CONVERSION
    if "plan" in nature:
        return PLAN
    return OTHER


MANDATAIRE = re.compile(
    r"(?:mandataire|liquidateur)(?:\s+judiciaire)?\s*:?\s*(.+?)(?:,|;|\.\s|\.$|$)",
    re.IGNORECASE,
)


def mandataire_of(judgment):
    """The mandataire (or liquidator) named in ``complementJugement``, or ''.
    The BODACC gives no structured field for it: the text is read, and
    nothing is returned when it does not say "mandataire judiciaire : X"."""
    match = MANDATAIRE.search(judgment.get("complementJugement") or "")
    return match.group(1).strip() if match else ""


def announcement_facts(record):
    """What the add-on keeps of one collective-proceedings record."""
    if not record.get("id"):
        raise ServiceError(MALFORMED, "record without id")
    judgment = judgment_of(record)
    published = parse_date(record.get("dateparution"))
    if not published:
        raise ServiceError(MALFORMED, f"dateparution of {record['id']}")
    return {
        "bodacc_id": record["id"],
        "published": published,
        "court": record.get("tribunal") or "",
        "kind": kind_of(judgment),
        "procedure": procedure_of(judgment.get("nature")),
        "judgment_date": parse_date(judgment.get("date")),
        "nature": judgment.get("nature") or record.get("familleavis_lib") or "",
        "mandataire": mandataire_of(judgment),
    }
