# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One process of scripts/concurrency_check.py: the escalation the way Odoo's
cron runner runs it, then the mail queue.

    python3 scripts/concurrency_worker.py -c odoo.conf -d DB --logfile FILE

Loads the registry, prints ``ready``, waits for a line on stdin (so that two
processes start at the same instant), then:

- runs the escalation cron's job with ``ir.cron._run_job`` (the runner's
  batch loop: a progress record, the server action of the cron record, a
  commit, again while it reports work remaining), and the crons of the add-on
  it triggers, pass after pass until nothing is queued. It does not take the
  row lock the runner holds on a running cron, on purpose: two such processes
  run the escalation at once;
- runs the mail queue cron the same way, holding that row lock, as the runner
  does (Odoo never runs it twice at once);

and prints a JSON line of the passes and their outcome.
"""

import argparse
import json
import sys
import time
from collections import Counter

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

from odoo.addons.base.models.ir_cron import CompletionStatus

ESCALATE_CRON = "recouvrement_fr.ir_cron_recovery_escalate"
MAIL_CRON = "mail.ir_cron_mail_scheduler_action"
MAX_PASSES = 100  # runner passes of one cron in one process
WAIT = 150  # seconds a process keeps at a cron before giving up


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


def main():
    args = parse_args()
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


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--db", required=True)
    parser.add_argument("--logfile", required=True)
    return parser.parse_args()


if __name__ == "__main__":
    main()
