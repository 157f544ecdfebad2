#!/usr/bin/env python3
# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the ageing balance and the recovery dashboard.

    python3 bench/ageing.py --invoices 100000 --customers 20000

Reuses bench/run.py: its throwaway PostgreSQL cluster (or --db-host), the
install of account + recouvrement_fr and its data generator (N posted, unpaid
customer invoices due 1 to 120 days ago over M customers). Then --paid of the
invoices are paid in full through Odoo 15 days ago, so that the ageing at a
past date has reconciliations to undo. Each screen is then timed as the
administrator (record rules on): the first call after the registry is loaded
and the best of --repeat calls, with the number of SQL queries.

Target: the ageing balance of 100,000 open invoices in under 2 s.
The table is printed and written to bench/results/ageing.md (and .json).
"""

import argparse
import contextlib
import importlib.util
import json
import os
import secrets
import shutil
import sys
import tempfile
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
TARGET_SECONDS = 2.0
SUMS = [
    "amount_not_due:sum",
    "amount_1_30:sum",
    "amount_31_60:sum",
    "amount_61_90:sum",
    "amount_90_plus:sum",
    "amount_unapplied:sum",
    "amount_residual:sum",
]


def load_run():
    """bench/run.py as a module: cluster, install and data generator."""
    spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add = parser.add_argument
    add("--invoices", type=int, default=100000)
    add("--customers", type=int, default=20000)
    add("--paid", type=int, default=1000, help="invoices paid 15 days ago")
    add("--repeat", type=int, default=3)
    add("--db", default="", help="database name; reused (updated) if it exists")
    add("--keep", action="store_true", help="keep the cluster and database")
    add("--workdir", default="", help="cluster, filestore and logs")
    add("--db-host", default="", help="use this PostgreSQL server")
    add("--db-port", default="5432")
    add("--db-user", default="odoo")
    add("--db-password", default="")
    add("--pg-bin", default="", help="PostgreSQL binaries directory")
    return parser.parse_args()


class Queries:
    """Counts the SQL queries of the current thread."""

    def __init__(self):
        self.count = 0

    def _hook(self, *args):
        self.count += 1

    def __enter__(self):
        thread = threading.current_thread()
        thread.query_hooks = (*getattr(thread, "query_hooks", ()), self._hook)
        return self

    def __exit__(self, *exc):
        thread = threading.current_thread()
        thread.query_hooks = tuple(h for h in thread.query_hooks if h != self._hook)


def pay_some(env, count, log):
    """Pay ``count`` invoices in full, 15 days ago, through the payment wizard.

    Once: a reused database keeps them. Returns the number of paid invoices.
    """
    env.cr.execute(
        "SELECT count(DISTINCT debit_move_id) FROM account_partial_reconcile"
    )
    paid = env.cr.fetchone()[0]
    if paid or not count:
        return paid
    moves = env["account.move"].search(
        [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "=", "not_paid"),
            ("invoice_date", "<=", date.today() - timedelta(days=45)),
        ],
        order="id",
        limit=count,
    )
    started = time.perf_counter()
    for start in range(0, len(moves), 250):
        batch = moves[start : start + 250]
        env["account.payment.register"].with_context(
            active_model="account.move", active_ids=batch.ids
        ).create(
            {
                "payment_date": date.today() - timedelta(days=15),
                "group_payment": False,
            }
        )._create_payments()
        env.cr.commit()
    log(f"paid {len(moves):,} invoices in {time.perf_counter() - started:.1f} s")
    return len(moves)


def screens(env):
    """What the credit manager opens, as (label, callable) pairs."""
    ageing = env["recovery.ageing"]
    past = date.today() - timedelta(days=30)
    partner = env["res.partner"].search(
        [("customer_rank", ">", 0)], order="id desc", limit=1
    )
    return [
        (
            "ageing list grouped by customer, today",
            lambda: ageing.web_read_group([], SUMS, ["partner_id"], limit=80),
        ),
        (
            "ageing pivot customer x age, today",
            lambda: ageing._read_group(
                [], ["partner_id", "bucket"], ["amount_residual:sum"]
            ),
        ),
        (
            "ageing totals per customer, 30 days ago",
            lambda: ageing._recovery_totals(["partner_id"], [], past),
        ),
        (
            "ageing total per company, today",
            lambda: ageing._read_group([], ["company_id"], SUMS),
        ),
        (
            "dashboard cards (all KPIs)",
            lambda: (
                env["recovery.dashboard"]
                .search([])
                .read(["receivable_amount", "dso", "recovered_month_amount"])
            ),
        ),
        (
            "customer form figures (1 customer)",
            lambda: partner.read(["recovery_open_amount", "recovery_dso"]),
        ),
        (
            "PDF data, every customer, today",
            lambda: env["recovery.ageing.wizard"].create({})._recovery_report_data(),
        ),
    ]


def measure(ctx, db, args, log):
    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", str(ctx.conf_path), "--log-level=warn"])
    with Registry(db).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        paid = pay_some(env, args.paid, log)
        cr.execute("ANALYZE account_move_line; ANALYZE account_partial_reconcile")
        admin = env.ref("base.user_admin")
        env = env(user=admin.id, context={"allowed_company_ids": admin.company_ids.ids})
        ageing = env["recovery.ageing"]
        open_lines = ageing.search_count([])
        open_invoices = ageing.search_count([("kind", "=", "invoice")])
        past_lines = ageing.with_context(
            recovery_ageing_date=date.today() - timedelta(days=30)
        ).search_count([])
        rows = []
        for label, call in screens(env):
            timings = []
            for _run in range(1 + args.repeat):
                env.invalidate_all()
                with Queries() as queries:
                    started = time.perf_counter()
                    call()
                    timings.append(time.perf_counter() - started)
            rows.append(
                {
                    "screen": label,
                    "first_s": timings[0],
                    "best_s": min(timings[1:]) if args.repeat else timings[0],
                    "queries": queries.count,
                }
            )
            log(f"{label}: {timings[0]:.3f} s first, {rows[-1]['best_s']:.3f} s best")
        cr.rollback()
    return {
        "open_lines": open_lines,
        "open_invoices": open_invoices,
        "past_lines": past_lines,
        "paid": paid,
        "rows": rows,
    }


def report(result, meta):
    ok = all(row["first_s"] < TARGET_SECONDS for row in result["rows"][:3])
    out = [
        f"# recouvrement_fr ageing balance benchmark ({meta['when']})",
        "",
        f"{meta['cpus']} CPU, Python {meta['python']}, Odoo {meta['odoo']},"
        f" PostgreSQL {meta['pg']}. Data: {meta['data']};"
        f" {result['paid']:,} of them paid 15 days ago.",
        f"Open receivable lines today: {result['open_lines']:,}"
        f" ({result['open_invoices']:,} invoices); 30 days ago:"
        f" {result['past_lines']:,}.",
        "",
        "| screen | first call s | best s | SQL queries |",
        "|---|---:|---:|---:|",
        *[
            f"| {row['screen']} | {row['first_s']:.3f} | {row['best_s']:.3f}"
            f" | {row['queries']} |"
            for row in result["rows"]
        ],
        "",
        f"Target: the ageing balance (first three rows) under {TARGET_SECONDS:.0f} s:"
        f" {'met' if ok else 'NOT met'}.",
        "",
    ]
    return "\n".join(out)


def main():
    args = parse_args()
    run = load_run()
    args.peer = False
    args.profile = ""
    ctx = argparse.Namespace(args=args, peer_dir="")
    ctx.work = Path(
        args.workdir or tempfile.mkdtemp(prefix="recouvrement-ageing-")
    ).resolve()
    ctx.work.mkdir(parents=True, exist_ok=True)
    ctx.env = dict(os.environ)
    src = run.odoo_src()
    cluster = None
    if not args.db_host:
        cluster = run.Cluster(ctx.work, args.pg_bin or run.find_pg_bin())
        cluster.start()
        run.log(f"PostgreSQL {cluster.bin.parent.name} cluster in {cluster.data}")
    ctx.conf = {
        "addons_path": ",".join(
            map(str, [REPO, src / "addons", src / "odoo" / "addons"])
        ),
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
    db = args.db or f"ageing_{args.invoices}_{args.customers}"
    try:
        run.prepare_db(ctx, db, args.invoices, args.customers)
        result = measure(ctx, db, args, run.log)
        import odoo.release

        meta = {
            "when": datetime.now().strftime("%Y-%m-%d %H:%M UTC"),
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "odoo": odoo.release.version,
            "pg": cluster.bin.parent.name if cluster else "external",
            "data": f"{args.invoices:,} overdue invoices over"
            f" {args.customers:,} customers",
        }
        text = report(result, meta)
        print(text)
        results = BENCH / "results"
        results.mkdir(exist_ok=True)
        (results / "ageing.md").write_text(text + "\n")
        (results / "ageing.json").write_text(
            json.dumps({"meta": meta, **result}, indent=1, default=str) + "\n"
        )
        if not (args.keep or args.db):
            run.drop_db(ctx.conf, db)
    finally:
        if cluster:
            with contextlib.suppress(Exception):
                from odoo.sql_db import close_all

                close_all()
            cluster.stop()
            if args.keep:
                run.log(
                    f"kept in {ctx.work} (rerun with --workdir {ctx.work} --db {db})"
                )
            else:
                shutil.rmtree(ctx.work, ignore_errors=True)


if __name__ == "__main__":
    main()
