# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A real HTTP server on 127.0.0.1 standing in for France's public services.

Each route (a path) answers with what a callable returns for the query:
``(status, body)`` where body is a dict (sent as JSON) or bytes (sent as
is); ``delay`` seconds before answering simulates a service too slow. Every
request is kept in ``requests`` (path, query), to assert what was sent.
"""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


class FakeServices:
    def __init__(self):
        self.routes = {}
        self.requests = []
        self.calls = []
        self.delay = 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                self._answer("GET")

            def do_POST(self):
                self._answer("POST")

            def do_DELETE(self):
                self._answer("DELETE")

            def _answer(self, method):
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                length = int(self.headers.get("Content-Length") or 0)
                payload = self.rfile.read(length) if length else b""
                fake.requests.append((url.path, query))
                fake.calls.append((method, url.path, payload, dict(self.headers)))
                if fake.delay:
                    time.sleep(fake.delay)
                # A route by path answers to its query (GET); by (method,
                # path) to the whole request.
                route = fake.routes.get((method, url.path))
                if route:
                    status, body = route(payload, dict(self.headers))
                elif url.path in fake.routes:
                    status, body = fake.routes[url.path](query)
                else:
                    status, body = 404, {"code": "NOT_FOUND", "message": "no route"}
                data = body if isinstance(body, bytes) else json.dumps(body).encode()
                kind = "application/pdf" if data.startswith(b"%PDF") else None
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", kind or "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    return  # the client gave up (timeout)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def closed_port_url():
    """A URL on 127.0.0.1 where nothing listens (a service unreachable)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def sirene_result(siren, name, nature, naf, state="A", **siege):
    """One result of GET /search, shaped as the API Recherche d'entreprises
    documents it (OpenAPI: results[].siren, nom_complet, nature_juridique,
    activite_principale, etat_administratif, siege{...})."""
    head_office = {
        "siret": siren + "00017",
        "etat_administratif": state,
        "activite_principale": naf,
        "complement_adresse": None,
        "numero_voie": "4",
        "indice_repetition": None,
        "type_voie": "RUE",
        "libelle_voie": "DES TILLEULS",
        "code_postal": "69003",
        "commune": "69383",
        "libelle_commune": "LYON 3E ARRONDISSEMENT",
        "adresse_complete": "4 RUE DES TILLEULS 69003 LYON 3E ARRONDISSEMENT",
    }
    head_office.update(siege)
    return {
        "siren": siren,
        "nom_complet": name.lower(),
        "nom_raison_sociale": name.upper(),
        "nature_juridique": nature,
        "activite_principale": naf,
        "section_activite_principale": "L",
        "etat_administratif": state,
        "date_creation": "2004-06-01",
        "categorie_entreprise": "PME",
        "nombre_etablissements": 1,
        "nombre_etablissements_ouverts": 1 if state == "A" else 0,
        "is_entrepreneur_individuel": False,
        "siege": head_office,
        "dirigeants": [],
        "complements": {},
    }


def sirene_page(results):
    return {
        "results": results,
        "total_results": len(results),
        "page": 1,
        "per_page": 5,
        "total_pages": 1,
    }


def bodacc_record(record_id, siren, published, famille, nature, date, complement=""):
    """One record of the annonces-commerciales dataset (Opendatasoft Explore
    v2.1), its ``jugement`` a JSON text as the dataset publishes it."""
    spaced = f"{siren[:3]} {siren[3:6]} {siren[6:]}"
    return {
        "id": record_id,
        "publicationavis": "A",
        "publicationavis_facette": "Bodacc A",
        "parution": published.replace("-", "")[:4] + "0047",
        "dateparution": published,
        "numeroannonce": 1234,
        "typeavis": "annonce",
        "typeavis_lib": "Avis initial",
        "familleavis": "collective",
        "familleavis_lib": "Procédures collectives",
        "numerodepartement": "69",
        "departement_nom_officiel": "Rhône",
        "region_code": 84,
        "region_nom_officiel": "Auvergne-Rhône-Alpes",
        "tribunal": "TRIBUNAL DE COMMERCE DE LYON",
        "commercant": "DUPONT SA",
        "ville": "Lyon",
        "cp": "69002",
        "registre": [spaced, siren],
        "jugement": json.dumps(
            {
                "type": "initial",
                "famille": famille,
                "nature": nature,
                "date": date,
                "complementJugement": complement,
            },
            ensure_ascii=False,
        ),
        "url_complete": f"https://www.bodacc.fr/pages/annonces-commerciales-detail/?q.id=id:{record_id}",
    }


def bodacc_page(records):
    return {"total_count": len(records), "results": records}
