# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""CPU time of the processes of a bench run, whatever else the machine runs.

The machine is shared: its /proc/stat counts the other users' work too, and
more of it the longer a phase lasts. The processes of a run are the bench
driver's process tree (the phase's own process and its wkhtmltopdf runs, the
asset server, the queue_job server with its workers, their wkhtmltopdf) and
the PostgreSQL cluster that the bench started (postmaster and backends).
"""

import os
from collections import defaultdict
from pathlib import Path


def _table():
    """{pid: (ppid, CPU ticks of the process and of its reaped children)}."""
    table = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            text = Path("/proc", entry.name, "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        fields = text.rsplit(")", 1)[1].split()
        # fields[1]: ppid; [11:15]: utime, stime, cutime, cstime
        table[int(entry.name)] = (int(fields[1]), sum(map(int, fields[11:15])))
    return table


def tree_cpu(roots):
    """CPU seconds used so far by the processes under ``roots`` (pids).

    Each live process counts its own time and the time of the children it
    has reaped (themselves counting theirs): a process that ended counts
    once, in its parent's figures.
    """
    table = _table()
    children = defaultdict(list)
    for pid, (ppid, _ticks) in table.items():
        children[ppid].append(pid)
    total, todo, seen = 0, [pid for pid in roots if pid], set()
    while todo:
        pid = todo.pop()
        if pid in seen or pid not in table:
            continue
        seen.add(pid)
        total += table[pid][1]
        todo += children[pid]
    return total / os.sysconf("SC_CLK_TCK")
