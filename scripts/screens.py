"""Screenshots of the recovery screens (Ma journée, dashboard, Compte client)
and of the customer's payment page.

    python3 scripts/screens.py --url http://127.0.0.1:8069 --login sophie \\
        --password sophie --width 1600 --out recouvrement_fr/static/description \\
        --partner ID --portal-url URL --plain

Drives a headless Chromium through its DevTools websocket (websocket-client):
opens the payment page first (``--portal-url``, the customer's signed link, as
he sees it: logged out), then logs in, opens each screen through the web
client's action service, waits for it to render, and writes
<screen>_<width>.png (or <screen>.png with --plain). ``--full`` takes the
Compte client and the payment page at their whole height (the timeline).
"""

import argparse
import base64
import json
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket

SCREENS = {
    "my_day": "recouvrement_fr.recovery_my_day_action",
    "dashboard": "recouvrement_fr.recovery_dashboard_client_action",
    "customer_account": None,
}


class Browser:
    def __init__(self, width, height, port=9333):
        self.profile = tempfile.TemporaryDirectory(ignore_cleanup_errors=True)
        self.process = subprocess.Popen(
            [
                "chromium",
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--remote-debugging-port={port}",
                # Chromium 111+ refuses DevTools websockets from other origins.
                f"--remote-allow-origins=http://127.0.0.1:{port}",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                # A French customer's browser (its Accept-Language).
                "--lang=fr-FR",
                f"--user-data-dir={self.profile.name}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _attempt in range(50):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json") as page:
                    targets = json.load(page)
                break
            except OSError:
                time.sleep(0.2)
        target = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(target["webSocketDebuggerUrl"])
        self.counter = 0
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def send(self, method, **params):
        self.counter += 1
        self.ws.send(
            json.dumps({"id": self.counter, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.counter:
                if "error" in message:
                    raise RuntimeError(message["error"])
                return message.get("result", {})

    def js(self, expression):
        result = self.send(
            "Runtime.evaluate",
            expression=expression,
            awaitPromise=True,
            returnByValue=True,
        )
        return result.get("result", {}).get("value")

    def wait(self, expression, timeout=30):
        end = time.time() + timeout
        while time.time() < end:
            if self.js(expression):
                return True
            time.sleep(0.3)
        self.shot("/tmp/screens_timeout.png")
        raise TimeoutError(expression)

    def goto(self, url):
        self.send("Page.navigate", url=url)
        time.sleep(1)
        self.wait("document.readyState === 'complete'")

    def shot(self, path):
        data = self.send("Page.captureScreenshot", format="png")["data"]
        Path(path).write_bytes(base64.b64decode(data))

    def resize(self, width, height):
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        time.sleep(1)

    def content_height(self, selector):
        """Height of the page with ``selector`` (a scrolling screen) unrolled."""
        return self.js(
            f"(() => {{ const el = document.querySelector({json.dumps(selector)});"
            " const top = el ? el.getBoundingClientRect().top : 0;"
            " return Math.ceil(top + (el ? el.scrollHeight : "
            "document.documentElement.scrollHeight)); })()"
        )

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait()
        self.profile.cleanup()


def login(browser, url, user, password):
    browser.goto(f"{url}/web/login")
    browser.js(
        f"document.querySelector('input[name=login]').value = {json.dumps(user)};"
        "document.querySelector('input[name=password]').value = "
        f"{json.dumps(password)};"
        "document.querySelector('form.oe_login_form').submit();"
    )
    time.sleep(2)
    browser.wait("!!document.querySelector('.o_main_navbar')", timeout=60)


def open_action(browser, action, app="account.menu_finance"):
    """Open ``action`` in the Invoicing app, as from its menu."""
    browser.js(
        "(async () => { const services = odoo.__WOWL_DEBUG__.root.env.services;"
        f" await services.action.doAction({json.dumps(action)},"
        " {clearBreadcrumbs: true});"
        " const menu = services.menu.getAll().find("
        f"m => m.xmlid === {json.dumps(app)});"
        " if (menu) { services.menu.setCurrentMenu(menu); } })()"
    )


def portal_shot(browser, args, width, target):
    """The payment page as the customer sees it, whole."""
    browser.goto(args.portal_url)
    browser.wait("!!document.querySelector('.o_recovery_portal')")
    time.sleep(1)
    browser.resize(width, max(args.height, browser.content_height("body")))
    browser.shot(target)
    browser.resize(width, args.height)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--login", default="sophie")
    parser.add_argument("--password", default="sophie")
    parser.add_argument("--width", type=int, action="append")
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--partner", type=int, help="customer of the account screen")
    parser.add_argument("--out", default="/tmp")
    parser.add_argument("--plain", action="store_true", help="<screen>.png names")
    parser.add_argument("--portal-url", help="a customer's payment page link")
    parser.add_argument("--full", action="store_true", help="whole Compte client")
    parser.add_argument("--devtools-port", type=int, default=9333)
    args = parser.parse_args()
    for width in args.width or [1600]:
        browser = Browser(width, args.height, port=args.devtools_port)
        suffix = "" if args.plain else f"_{width}"
        try:
            if args.portal_url:
                target = Path(args.out) / f"portal_page{suffix}.png"
                portal_shot(browser, args, width, target)
                print(target)
            login(browser, args.url, args.login, args.password)
            for name, xmlid in SCREENS.items():
                if xmlid:
                    open_action(browser, xmlid)
                else:
                    open_action(
                        browser,
                        {
                            "type": "ir.actions.client",
                            "tag": "recouvrement_fr.customer_account",
                            "params": {"partner_id": args.partner},
                        },
                    )
                screen = ".o_recovery_account_screen" if not xmlid else ""
                browser.wait(
                    "!!document.querySelector("
                    f"'.o_recovery_screen{screen} .container-fluid')"
                )
                time.sleep(1.5)
                target = Path(args.out) / f"screen_{name}{suffix}.png"
                if args.full and not xmlid:
                    height = browser.content_height(".o_recovery_screen > div")
                    browser.resize(width, max(args.height, height))
                browser.shot(target)
                browser.resize(width, args.height)
                print(target)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
