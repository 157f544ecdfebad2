# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The communicate phase spread over OCA queue_job workers (bench/run.py --queue-job).

For each worker count W, on a fresh copy of the generated database:
  1. install queue_job and recouvrement_fr_queue_job, run decide;
  2. start an Odoo server with ``--workers W`` and queue_job's job runner
     (channel capacity W), next to the threaded server that serves the report
     assets to wkhtmltopdf (``report.url``), as a production deployment puts
     the asset URL behind its load balancer;
  3. in a separate process, queue the communicate jobs of the first --mails
     events (one job per chunk of --job-customers customers), commit, and time
     until the job runner has run every job.
E-mails per second = e-mails queued by the jobs / that time. The SQL queries
run in the server's workers, so they are not counted here.
"""

import contextlib
import importlib.util
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

GLUE = "recouvrement_fr_queue_job"
QUEUE_JOB = "queue_job"


def queue_job_spec():
    """The PyPI release of OCA queue_job for this Odoo 18 build.

    Its 18.0 series follows Odoo 18's stable branch: builds of Odoo 18 without
    ``odoo.api.private`` need 18.0.1.7.0 or older (as scripts/test.sh).
    """
    import odoo.api

    if hasattr(odoo.api, "private"):
        return "odoo-addon-queue-job==18.0.*"
    return "odoo-addon-queue-job==18.0.1.7.0"


def fetch_queue_job(cache, pip_download):
    """Make OCA queue_job available, as the peer is: its wheel from PyPI
    (``pip download --no-deps``: it declares odoo==18.0.*, which no index has),
    unpacked under ``cache``, outside the repository.

    Returns (addons directory to add to the addons path or None when this
    Python already imports ``odoo.addons.queue_job``, error message or None).
    """
    if importlib.util.find_spec(f"odoo.addons.{QUEUE_JOB}"):
        return None, None
    dest = Path(cache) / "queue-job-addons"
    if (dest / QUEUE_JOB / "__manifest__.py").exists():
        return dest, None
    spec = queue_job_spec()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            pip_download(spec, tmp)
            with zipfile.ZipFile(next(Path(tmp).glob("*.whl"))) as whl:
                whl.extractall(tmp)
            shutil.copytree(Path(tmp) / "odoo" / "addons" / QUEUE_JOB, dest / QUEUE_JOB)
    except (
        OSError,
        StopIteration,
        subprocess.CalledProcessError,
        zipfile.BadZipFile,
    ) as exc:
        return None, f"pip download {spec} failed ({exc.__class__.__name__}: {exc})"
    return dest, None


def install_glue(ctx, db, odoo_bin, installed):
    """Install queue_job and the glue add-on on ``db``; an error message, or
    None when both are installed."""
    logfile = ctx.work / f"install-{db}.log"
    odoo_bin(ctx, "-d", db, "-i", f"{QUEUE_JOB},{GLUE}", logfile=logfile)
    missing = {QUEUE_JOB, GLUE} - installed(ctx, db, (QUEUE_JOB, GLUE))
    if missing:
        return f"{', '.join(sorted(missing))} not installed on {db}, see {logfile}"
    return None


# odoo-bin without the long-polling process that the prefork server starts
# (`odoo-bin gevent`, for the bus): the jobs do not need it, and where gevent
# does not import (on the bench machine, gevent's plugins look for a
# zope.interface distribution that pkg_resources does not find) the server
# starts it again and again, each time importing Odoo: about 30 starts while
# 200 e-mails were sent, half the CPU that the queue_job rows counted.
NO_LONG_POLLING = (
    "import odoo.cli\n"
    "from odoo.service import server\n"
    "server.PreforkServer.long_polling_spawn = lambda self: None\n"
    "odoo.cli.main()\n"
)


@contextlib.contextmanager
def job_server(ctx, db, workers, free_port):
    """Odoo with W HTTP workers and queue_job's runner on ``db``.

    Without the long-polling process (see ``NO_LONG_POLLING``).
    """
    port = free_port()
    env = dict(ctx.env)
    env["ODOO_QUEUE_JOB_CHANNELS"] = f"root:{workers},root.recouvrement:{workers}"
    env["ODOO_QUEUE_JOB_PORT"] = str(port)
    env["ODOO_QUEUE_JOB_HOST"] = "127.0.0.1"
    args = [
        "-d",
        db,
        f"--db-filter=^{db}$",
        f"--http-port={port}",
        "--http-interface=127.0.0.1",
        f"--workers={workers}",
        "--max-cron-threads=0",
        "--load=base,web,queue_job",
        "--limit-time-real=600",
        "--limit-time-cpu=600",
        "--log-level=warn",
    ]
    log_path = ctx.work / f"jobs-{db}.log"
    with open(log_path, "a") as out:
        cmd = [sys.executable, "-c", NO_LONG_POLLING, "-c", str(ctx.conf_path)]
        proc = subprocess.Popen(cmd + args, stdout=out, stderr=out, env=env)
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
            raise RuntimeError(f"no job server on {url}, see {log_path}")
        yield url
    finally:
        proc.terminate()
        proc.wait(60)


def _wait_jobs(cr, deadline=1800):
    """Wait until the runner has run every communicate job; their states."""
    end = time.monotonic() + deadline
    while True:
        cr.execute(
            "SELECT state, count(*) FROM queue_job"
            " WHERE method_name = '_job_communicate_chunk' GROUP BY state"
        )
        states = dict(cr.fetchall())
        cr.commit()
        if not set(states) - {"done", "failed"} or time.monotonic() > end:
            return states
        time.sleep(0.1)


def _sent(cr):
    cr.execute(
        "SELECT count(*) FROM recovery_event WHERE channel = 'email'"
        " AND mail_message_id IS NOT NULL"
    )
    return cr.fetchone()[0]


def run_jobs_phase(env, args, meter_class):
    """Queue the communicate jobs of the first ``args.mails`` events and wait.

    One customer per worker goes first, untimed: each worker compiles the
    templates and report assets once, as the workers of a running server have.
    """
    cr = env.cr
    param = "recouvrement_fr_queue_job.customers_per_job"
    engine = env["recovery.engine"].with_context(
        allowed_company_ids=env["res.company"].search([]).ids
    )
    env["ir.config_parameter"].set_param(param, 1)
    engine._queue_job_enqueue(env.companies.ids, limit=args.workers)
    cr.commit()
    _wait_jobs(cr)
    warm = _sent(cr)
    env["ir.config_parameter"].set_param(param, args.job_customers)
    with meter_class("recouvrement_fr") as meter:
        jobs = engine._queue_job_enqueue(env.companies.ids, limit=args.mails - warm)
        cr.commit()
        states = _wait_jobs(cr)
    return {
        **meter.result(engine={"jobs": jobs, "states": states}),
        "mails": _sent(cr) - warm,
        "workers": args.workers,
    }
