# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The modules' static files over HTTP on 127.0.0.1, for wkhtmltopdf.

A letter's stylesheet is written in its page, but its fonts (Lato, from
``/web/static/fonts``) are still asked of ``report.url``. The test's own HTTP
server shares the test's cursor (wkhtmltopdf must not ask it); a closed port
makes wkhtmltopdf with patched Qt print the letter's text invisible (pdftotext
then reads nothing). This server answers ``/<module>/static/<path>`` from the
modules' directories, 404 elsewhere, without a database.
"""

import mimetypes
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlparse

from odoo.modules import get_module_path

_SERVER = {}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        parts = unquote(urlparse(self.path).path).lstrip("/").split("/")
        data = None
        if len(parts) > 2 and parts[1] == "static" and ".." not in parts:
            root = get_module_path(parts[0], display_warning=False)
            path = root and os.path.join(root, *parts[1:])
            if path and os.path.isfile(path):
                with open(path, "rb") as handle:
                    data = handle.read()
        if data is None:
            self.send_error(404)
            return
        kind = mimetypes.guess_type(parts[-1])[0] or "application/octet-stream"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def static_url():
    """The URL of the server (started once per process)."""
    if "url" not in _SERVER:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        _SERVER["url"] = f"http://127.0.0.1:{server.server_address[1]}"
    return _SERVER["url"]
