#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Real concurrency, real crashes: the nightly escalation sends nothing twice
and loses nothing.

    python3 scripts/concurrency_check.py -c odoo.conf --template DB [--db NAME]

Copies DB (which has the add-on installed) to NAME, fills it with overdue
invoices over ~100 customers (scripts/concurrency_data.py), points Odoo's
outgoing mail server to an SMTP server started here on 127.0.0.1 that records
every message delivered, then:

1. two OS processes run the escalation cron at once, the way Odoo's cron
   runner does (``ir.cron._run_job``: server action of the cron record, one
   transaction and commit per batch, again while it reports work remaining),
   then the mail queue cron (holding the cron's row lock, as the runner does);
2. on a fresh copy, one process is SIGKILLed in the middle of the communicate
   phase (some events carried out and committed, others still queued), and a
   new process runs the escalation and the mail queue to the end.

After each: no event twice per customer, level and day; no invoice moved twice;
every due invoice in its event; nothing queued or in flight; every e-mail event
delivered exactly once to its customer (matched by Message-Id). Prints a
summary and exits 1 on any violation.

Odoo's runner would not start a cron its other worker is running (row lock on
``ir_cron``): the escalation processes skip that lock on purpose, as a manual
run, a second server or a stale lock would.
"""

import argparse
import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from email import message_from_bytes
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import SQL, config

from odoo.addons.base.models.ir_cron import CompletionStatus

sys.path.insert(0, str(Path(__file__).resolve().parent))
import concurrency_data as data_mod  # noqa: E402
from concurrency_data import ESCALATE_CRON, MAIL_CRON  # noqa: E402

MAX_PASSES = 100  # runner passes of one cron in one process
WAIT = 150  # seconds a process keeps at a cron before giving up


def log(msg):
    print(f"[concurrency {time.strftime('%H:%M:%S')}] {msg}", flush=True)


# ---------------------------------------------------------------- SMTP sink


class SmtpSink:
    """An SMTP server on 127.0.0.1 that accepts and records every message."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.lock = threading.Lock()
        self.messages = []
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content)
        with self.lock:
            self.messages += [
                {
                    "rcpt": rcpt.lower(),
                    "message_id": (message["Message-Id"] or "").strip(),
                    "subject": str(message["Subject"] or ""),
                }
                for rcpt in envelope.rcpt_tos
            ]
        return "250 Message accepted for delivery"

    def start(self):
        self.controller.start()

    def stop(self):
        self.controller.stop()

    def count(self):
        with self.lock:
            return len(self.messages)

    def take(self):
        with self.lock:
            taken, self.messages = self.messages, []
        return taken


# ---------------------------------------------------------------- databases


def _postgres(statement):
    with odoo.sql_db.db_connect("postgres").cursor() as cr:
        cr._cnx.autocommit = True
        cr.execute(statement)


def drop_db(name):
    Registry.delete(name)
    odoo.sql_db.close_db(name)
    _postgres(
        SQL(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid != pg_backend_pid()",
            name,
        )
    )
    _postgres(SQL("DROP DATABASE IF EXISTS %s", SQL.identifier(name)))
    shutil.rmtree(config.filestore(name), ignore_errors=True)


def copy_db(source, name):
    """A copy of ``source`` (no one may be connected to it) and its filestore."""
    drop_db(name)
    Registry.delete(source)
    odoo.sql_db.close_db(source)
    _postgres(
        SQL(
            "CREATE DATABASE %s TEMPLATE %s",
            SQL.identifier(name),
            SQL.identifier(source),
        )
    )
    if os.path.isdir(config.filestore(source)):
        shutil.copytree(config.filestore(source), config.filestore(name))


def query(db, statement, params=None):
    with odoo.sql_db.db_connect(db).cursor() as cr:
        cr.execute(statement, params)
        return cr.fetchall()


# ---------------------------------------------------------------- worker


def _job(registry, cron):
    """The job of a cron (xmlid or id) the way Odoo's runner passes it on."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        cron = env.ref(cron) if isinstance(cron, str) else env["ir.cron"].browse(cron)
        return {
            "id": cron.id,
            "cron_name": cron.cron_name,
            "user_id": cron.user_id.id,
            "lastcall": cron.lastcall,
            "ir_actions_server_id": cron.ir_actions_server_id.id,
            "timed_out_counter": 0,
            "active": cron.active,
        }


def _locked(cr, cron_id):
    """The row lock Odoo's runner holds on a cron while running it."""
    cr.execute(
        "SELECT id FROM ir_cron WHERE id = %s FOR NO KEY UPDATE SKIP LOCKED",
        [cron_id],
    )
    return bool(cr.fetchall())


def _pass(registry, job, lock):
    """One pass of Odoo's runner on a cron job: batches until it reports no
    work remaining (or MAX_BATCH_PER_CRON_JOB of them), a commit after each.
    With ``lock``, only when no other process is running the job (else None).
    """
    with registry.cursor() as lock_cr:
        if lock and not _locked(lock_cr, job["id"]):
            return None
        return registry["ir.cron"]._run_job(job)


def _nothing_left(registry):
    """Something decided, and nothing left queued (as seen by a new transaction)."""
    with registry.cursor() as cr:
        cr.execute(
            "SELECT EXISTS(SELECT 1 FROM recovery_event),"
            " NOT EXISTS(SELECT 1 FROM recovery_event WHERE state = 'queued')"
        )
        return all(cr.fetchone())


def _triggered(registry):
    """Ids of the add-on's crons that were triggered (the escalation may hand
    its communications to another cron of the add-on)."""
    with registry.cursor() as cr:
        cr.execute(
            "SELECT DISTINCT t.cron_id FROM ir_cron_trigger t"
            " JOIN ir_model_data d ON d.model = 'ir.cron' AND d.res_id = t.cron_id"
            " WHERE d.module = 'recouvrement_fr'"
        )
        return [row[0] for row in cr.fetchall()]


def run_escalation(registry):
    """The escalation cron and the crons it triggers, pass after pass, each
    again while it reports work remaining, until nothing is left."""
    jobs, statuses = [_job(registry, ESCALATE_CRON)], Counter()
    deadline = time.time() + WAIT
    while sum(statuses.values()) < MAX_PASSES and time.time() < deadline:
        for job in jobs:
            status = CompletionStatus.PARTIALLY_DONE
            while status == CompletionStatus.PARTIALLY_DONE and (
                sum(statuses.values()) < MAX_PASSES
            ):
                status = _pass(registry, job, lock=False)
                statuses[f"{job['cron_name']}: {status}"] += 1
        known = {job["id"] for job in jobs}
        new = [
            _job(registry, cron) for cron in _triggered(registry) if cron not in known
        ]
        jobs += new
        if not new and _nothing_left(registry):
            break
        time.sleep(0.3)
    return dict(statuses)


def run_mail_queue(registry):
    """The mail queue cron, as the runner runs it (never twice at once)."""
    job, statuses, deadline = _job(registry, MAIL_CRON), [], time.time() + WAIT
    while len(statuses) < MAX_PASSES and time.time() < deadline:
        status = _pass(registry, job, lock=True)
        if status is None:  # another process is running it
            time.sleep(0.2)
            continue
        statuses.append(status)
        if status == CompletionStatus.FULLY_DONE:
            break
    return statuses


def worker(args):
    config.parse_config(
        [
            *("-c", args.config, "--log-level=warn", f"--logfile={args.logfile}"),
            # what each process decided and sent, for the summary
            "--log-handler=odoo.addons.recouvrement_fr:INFO",
        ],
        setup_logging=True,
    )
    registry = Registry(args.db)
    print("ready", flush=True)
    sys.stdin.readline()
    started = time.time()
    result = {"escalation passes": run_escalation(registry)}
    result["escalation s"] = round(time.time() - started, 1)
    result["mail queue passes"] = dict(Counter(run_mail_queue(registry)))
    result["seconds"] = round(time.time() - started, 1)
    print(json.dumps(result), flush=True)


class Worker:
    """One OS process running the crons on ``db``."""

    def __init__(self, args, db, name, work):
        self.name, self.logfile = name, work / f"{name}.log"
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--worker", "-c", args.config, "-d", db]
            + ["--logfile", str(self.logfile)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.result = None

    def ready(self):
        line = self.proc.stdout.readline()
        if line.strip() != "ready":
            raise RuntimeError(
                f"{self.name} did not start: {line!r}, see {self.logfile}"
            )

    def go(self):
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()

    def wait(self):
        out, _err = self.proc.communicate(timeout=600)
        last = out.strip().splitlines()[-1:]
        self.result = json.loads(last[0]) if last and last[0][:1] == "{" else None
        return self.proc.returncode

    def log_lines(self):
        """The add-on's INFO lines and the errors of the process's log."""
        text = self.logfile.read_text() if self.logfile.exists() else ""
        lines = [
            re.sub(r"'event_ids': \[[^\]]*\],? ?", "", line.split(" ", 4)[-1])
            for line in text.splitlines()
            if " ERROR " in line or " INFO " in line and "recouvrement_fr" in line
        ]
        return lines[:8] + ([f"... {len(lines) - 8} more"] if len(lines) > 8 else [])


def start(args, db, names, work):
    workers = [Worker(args, db, name, work) for name in names]
    for w in workers:
        w.ready()
    for w in workers:
        w.go()
    return workers


# ---------------------------------------------------------------- phases


def phase_concurrent(args, db, work, sink):
    workers = start(args, db, ["A", "B"], work)
    for w in workers:
        w.wait()
    return workers, {}


def phase_kill(args, db, work, sink):
    """SIGKILL a process in the middle of the communicate phase: once some
    events are committed as carried out, or some e-mails delivered, while
    others are still queued."""
    (victim,) = start(args, db, ["killed"], work)
    at_kill = None
    with odoo.sql_db.db_connect(db).cursor() as cr:
        while victim.proc.poll() is None:
            cr.execute(
                "SELECT COUNT(*) FILTER (WHERE state = 'queued'),"
                " COUNT(*) FILTER (WHERE channel = 'email' AND state != 'queued')"
                " FROM recovery_event"
            )
            queued, emails_done = cr.fetchone()
            cr.rollback()
            delivered = sink.count()
            if queued and (emails_done or delivered):
                victim.proc.send_signal(signal.SIGKILL)
                at_kill = {
                    "queued": queued,
                    "e-mail events committed past queued": emails_done,
                    "e-mails delivered": delivered,
                }
                break
            time.sleep(0.02)
    rc = victim.wait()
    info = {"killed": at_kill, "exit code": rc}
    (rerun,) = start(args, db, ["rerun"], work)
    rerun.wait()
    return [victim, rerun], info


def report(title, workers, info, found, counts):
    log(f"== {title}")
    for w in workers:
        log(f"   process {w.name}: exit {w.proc.returncode}, {w.result}")
        for line in w.log_lines():
            log(f"     log: {line[:240]}")
    for key, value in {**info, **counts}.items():
        log(f"   {key}: {value}")
    for name, count, examples in found:
        mark = "ok  " if not count else "FAIL"
        log(f"   {mark} {count:4d} {name}" + (f": {examples}" if count else ""))
    return sum(count for _name, count, _ex in found)


def check(db, sink, data):
    from odoo.addons.recouvrement_fr.models import recovery_event

    with odoo.sql_db.db_connect(db).cursor() as cr:
        return data_mod.violations(
            cr,
            data,
            sink.take(),
            carried_out=recovery_event.CARRIED_OUT_STATES,
            in_flight=("queued", "sending"),
        )


def main():
    args = parse_args()
    if args.worker:
        return worker(args)
    config.parse_config(["-c", args.config, "--log-level=warn"], setup_logging=True)
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's
    started, work = time.time(), Path(tempfile.mkdtemp(prefix="conc-check-"))
    sink = SmtpSink()
    sink.start()
    kill_db, total = f"{args.db}_kill", 0
    try:
        log(f"copying {args.template} to {args.db}; SMTP sink on 127.0.0.1:{sink.port}")
        copy_db(args.template, args.db)
        with Registry(args.db).cursor() as cr:
            data = data_mod.build(
                api.Environment(cr, SUPERUSER_ID, {}), args.customers, sink.port
            )
        log(
            f"built {len(data['moves_partner'])} invoices over {len(data['partners'])}"
            f" customers, {len(data['expected'])} due, in {time.time() - started:.0f} s"
        )
        copy_db(args.db, kill_db)
        for title, phase, db in (
            ("two processes at once", phase_concurrent, args.db),
            ("kill -9 in the middle of communicate, then rerun", phase_kill, kill_db),
        ):
            t0 = time.time()
            workers, info = phase(args, db, work, sink)
            info["seconds"] = round(time.time() - t0, 1)
            found, counts = check(db, sink, data)
            crashed = [
                (w.name, w.proc.returncode)
                for w in workers
                if w.proc.returncode and w.name != "killed"
            ]
            found.append(
                ("processes that crashed (exit status)", len(crashed), crashed)
            )
            if phase is phase_kill and not info["killed"]:
                found.append(("kill came too late (nothing left to kill)", 1, ""))
            total += report(title, workers, info, found, counts)
    finally:
        sink.stop()
        if not args.keep:
            for db in (args.db, kill_db):
                drop_db(db)
            shutil.rmtree(work, ignore_errors=True)
    log(f"{total} violation(s) in {time.time() - started:.0f} s")
    return 1 if total else 0


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration")
    parser.add_argument("--template", help="database with the add-on, to copy")
    parser.add_argument("-d", "--db", default="conc_check", help="database to create")
    parser.add_argument("--customers", type=int, default=100)
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--logfile", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.worker and not args.template:
        parser.error("--template is required")
    return args


if __name__ == "__main__":
    sys.exit(main())
