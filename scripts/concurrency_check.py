#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Real concurrency, real crashes: the nightly escalation sends nothing twice
and loses nothing.

    python3 scripts/concurrency_check.py -c odoo.conf --template DB [--db NAME]
        [--update] [--keep] [--customers 100]

Copies DB (which has the add-on installed; ``--update`` runs ``-u`` on the copy
when DB is older than the checkout) to NAME, fills it with ~400 invoices over
100 customers, 301 of them long overdue with a known next step
(concurrency_data.py), points Odoo's outgoing mail server to an SMTP server
started here on 127.0.0.1 that records every message delivered, then:

1. two OS processes (concurrency_worker.py) start at the same instant and run
   the escalation cron the way Odoo's cron runner does (``ir.cron._run_job``:
   the server action of the cron record, a commit after each batch, again while
   it reports work remaining), with the crons it triggers, until nothing is
   queued; then the mail queue cron, under the cron's row lock like the runner;
2. on a copy made before 1., one process is SIGKILLed in the middle of the
   communicate phase (some events committed as carried out, or some e-mails
   delivered, while others are still queued), and a new process runs the
   escalation and the mail queue to the end.

After each, the invariants of concurrency_invariants.py: no event twice per
customer and day; no invoice moved twice or in two events of a day;
every due invoice one level up in its expected event, the others untouched;
nothing queued or in flight, nothing failed, nothing left in the mail queue;
every e-mail event delivered exactly once to its customer (matched by
Message-Id), no customer e-mailed more often than the evidence shows; one
activity per call; no process crashed. Prints a summary with counts and exits 1
on any violation. Takes 1.5 to 3 minutes on two busy cores.

Odoo's runner would not start a cron its other worker is running (row lock on
``ir_cron``): the escalation processes skip that lock on purpose, as a manual
run, a second server or a stale lock would. Reports are rendered without a
report server (no style sheets): their content does not matter here.
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
from email import message_from_bytes
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import SQL, config

from odoo.addons.base.models.ir_cron import CompletionStatus

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import concurrency_data  # noqa: E402
import concurrency_invariants  # noqa: E402

SUMMARY = []  # one line per phase
# a record of an Odoo log: "date time pid LEVEL db logger: message"
LOG_RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ ", re.M)
ERROR_CAUSE = re.compile(r"^(\w+\.)*\w+(Error|Failure|Exception|Warning)\b.*:")
EVENT_IDS = re.compile(r"'event_ids': \[[^\]]*\],? ?")


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


# ---------------------------------------------------------------- processes


class Worker:
    """One OS process running the crons on ``db``."""

    started = []  # every process started, to stop those left on an error

    def __init__(self, args, db, name, work):
        self.name, self.logfile = name, work / f"{name}.log"
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "concurrency_worker.py")]
            + ["-c", args.config, "-d", db]
            + ["--logfile", str(self.logfile)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.result = None
        Worker.started.append(self)

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

    def log_lines(self, limit=8):
        """The add-on's INFO lines and the errors of the process's log (an
        error with the exception that ends its traceback)."""
        text = self.logfile.read_text() if self.logfile.exists() else ""
        lines = []
        for record in LOG_RECORD.split(text):
            first, *rest = record.strip().splitlines() or [""]
            level, _db, logger, message = (first.split(" ", 3) + [""] * 4)[:4]
            if level == "ERROR":
                cause = [line for line in rest if ERROR_CAUSE.match(line)]
                lines.append(f"ERROR {logger} {(cause or [message])[-1][:200]}")
            elif level == "INFO" and "recouvrement_fr" in logger:
                lines.append(EVENT_IDS.sub("", message))
        more = [f"... {len(lines) - limit} more"] if len(lines) > limit else []
        return lines[:limit] + more


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
    from odoo.addons.recouvrement_fr.core import vocabulary

    with odoo.sql_db.db_connect(db).cursor() as cr:
        return concurrency_invariants.violations(
            cr,
            data,
            sink.take(),
            carried_out=vocabulary.CARRIED_OUT_STATES,
            in_flight=("queued", "sending"),
        )


def _failed_passes(workers):
    return sum(
        count
        for w in workers
        for passes in (w.result or {}).values()
        if isinstance(passes, dict)
        for status, count in passes.items()
        if status.endswith(CompletionStatus.FAILED)
    )


def run_phase(args, title, phase, db, env):
    """Run a phase on ``db``, check the invariants; returns the violations."""
    work, sink, data = env
    t0 = time.time()
    workers, info = phase(args, db, work, sink)
    info["seconds"] = round(time.time() - t0, 1)
    info["cron passes failed (rolled back, run again)"] = _failed_passes(workers)
    found, counts = check(db, sink, data)
    crashed = [
        (w.name, w.proc.returncode)
        for w in workers
        if w.proc.returncode and w.name != "killed"
    ]
    found.append(("processes that crashed (exit status)", len(crashed), crashed))
    if phase is phase_kill and not info["killed"]:
        found.append(("kill came too late (nothing left to kill)", 1, ""))
    violations = report(title, workers, info, found, counts)
    SUMMARY.append(
        f"{'FAIL' if violations else 'ok  '} {title}: {violations} violation(s);"
        f" {counts['events']} events, {counts['invoices moved']} invoices moved,"
        f" {counts['to customers']} e-mails delivered to customers for"
        f" {counts['e-mail events']} e-mail events;"
        f" {info['cron passes failed (rolled back, run again)']} failed cron passes"
    )
    return violations


def prepare(args, sink):
    """The check's database (copy of the template) with its data, and a copy."""
    log(f"copying {args.template} to {args.db}; SMTP sink on 127.0.0.1:{sink.port}")
    copy_db(args.template, args.db)
    if args.update:
        log(f"updating the add-on in {args.db}")
        subprocess.run(
            [sys.executable, "-c", "import odoo.cli; odoo.cli.main()"]
            + ["-c", args.config, "-d", args.db, "-u", "recouvrement_fr"]
            + ["--stop-after-init", "--no-http", "--log-level=warn"],
            check=True,
        )
    t0 = time.time()
    with Registry(args.db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        data = concurrency_data.build(env, args.customers, sink.port)
    log(
        f"built {len(data['moves_partner'])} invoices over {len(data['partners'])}"
        f" customers, {len(data['expected'])} due, in {time.time() - t0:.0f} s"
    )
    copy_db(args.db, f"{args.db}_kill")
    return data


def main():
    args = parse_args()
    config.parse_config(["-c", args.config, "--log-level=warn"], setup_logging=True)
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's
    # stopped by `timeout` or the test harness: clean up (finally) all the same
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))
    started, work = time.time(), Path(tempfile.mkdtemp(prefix="conc-check-"))
    sink = SmtpSink()
    sink.start()
    dbs, total = (args.db, f"{args.db}_kill"), 0
    try:
        env = work, sink, prepare(args, sink)
        total += run_phase(args, "two processes at once", phase_concurrent, dbs[0], env)
        title = "kill -9 in the middle of communicate, then rerun"
        total += run_phase(args, title, phase_kill, dbs[1], env)
    finally:
        for w in Worker.started:
            if w.proc.poll() is None:
                w.proc.kill()
                w.proc.wait()
        sink.stop()
        if not args.keep:
            for db in dbs:
                drop_db(db)
            shutil.rmtree(work, ignore_errors=True)
    log("== summary")
    for line in SUMMARY:
        log(f"   {line}")
    log(f"{total} violation(s) in {time.time() - started:.0f} s")
    return 1 if total else 0


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration")
    parser.add_argument(
        "--template", required=True, help="database with the add-on, to copy"
    )
    parser.add_argument("-d", "--db", default="conc_check", help="database to create")
    parser.add_argument("--customers", type=int, default=100)
    parser.add_argument(
        "--update", action="store_true", help="-u recouvrement_fr on the copy first"
    )
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    args = parser.parse_args()
    return args


if __name__ == "__main__":
    sys.exit(main())
