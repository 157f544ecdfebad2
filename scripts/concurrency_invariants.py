# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Invariants of scripts/concurrency_check.py.

``violations`` reads what the runs left in the database and what the SMTP
sink received, against the outcome ``concurrency_data.build`` expects, and
lists what went wrong.
"""

from collections import Counter, defaultdict


def _fetch(cr, query, params=None):
    cr.execute(query, params)
    return cr.fetchall()


def _examples(items, limit=5):
    items = sorted(items, key=str)
    more = f" (+{len(items) - limit} more)" if len(items) > limit else ""
    return ", ".join(map(str, items[:limit])) + more


def _events(cr):
    rows = _fetch(
        cr,
        """
        SELECT e.id, e.partner_id, e.level_id, e.channel, e.state, e.date,
               ARRAY_AGG(r.move_id ORDER BY r.move_id)
          FROM recovery_event e
          LEFT JOIN recovery_event_account_move_rel r ON r.event_id = e.id
         GROUP BY e.id
        """,
    )
    keys = ("id", "partner", "level", "channel", "state", "date", "moves")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def _delivered(cr, sink):
    """Sink deliveries with the event each one is for (through Message-Id)."""
    event_of = dict(
        _fetch(
            cr,
            "SELECT message_id, res_id FROM mail_message"
            " WHERE model = 'recovery.event' AND message_id = ANY(%s)",
            [sorted({m["message_id"] for m in sink})],
        )
    )
    return [{**m, "event": event_of.get(m["message_id"])} for m in sink]


class Findings(list):
    """[(invariant, count, examples)]."""

    def check(self, name, bad):
        self.append((name, len(bad), _examples(bad)))


def violations(cr, data, sink, carried_out, in_flight):
    """([(invariant, count, examples)], counts) of what the runs left.

    ``data``: what concurrency_data.build expects; ``sink``: the messages the
    SMTP server received; ``carried_out``: the event states of a step that
    reached the customer; ``in_flight``: those of a step not carried out yet.
    """
    events = [e for e in _events(cr) if e["state"] != "cancelled"]
    found = Findings()
    evented = _check_events(found, cr, data, events, in_flight)
    deliveries = _delivered(cr, sink)
    emails = [e for e in events if data["channels"].get(e["level"]) == "email"]
    to_customer = _check_emails(found, data, events, emails, deliveries)
    _check_email_events(found, emails, to_customer, carried_out)
    found.check(
        "e-mails left in the mail queue (outgoing or exception)",
        _fetch(cr, "SELECT id FROM mail_mail WHERE state IN ('outgoing', 'exception')"),
    )
    counts = {
        "events": len(events),
        "e-mail events": len(emails),
        "invoices moved": len(evented),
        "deliveries": len(deliveries),
        "to customers": len(to_customer),
        "states": dict(sorted(Counter(e["state"] for e in events).items())),
    }
    return found, counts


def _check_events(found, cr, data, events, in_flight):
    """Events and invoices: each due invoice one level up in one event."""
    expected, partner_of = data["expected"], data["moves_partner"]
    # One communication per customer a day (core/ladder.py).
    per_key = Counter((e["partner"], e["date"]) for e in events)
    found.check("duplicate events (customer x day)", _twice(per_key))
    per_move = Counter((m, e["date"]) for e in events for m in e["moves"] if m)
    found.check("invoices in two events of a day", _twice(per_move))
    level_of = dict(
        _fetch(
            cr,
            "SELECT move_id, level_id FROM recovery_move_state WHERE move_id = ANY(%s)",
            [list(partner_of)],
        )
    )
    found.check(
        "invoices not one level up (moved twice, or not moved)",
        [m for m, lvl in expected.items() if level_of.get(m) != lvl],
    )
    evented = {m for e in events for m in e["moves"] if m}
    found.check("due invoices without an event (lost)", set(expected) - evented)
    found.check(
        "invoices that must not move, in an event", set(data["controls"]) & evented
    )
    stages = dict(
        _fetch(
            cr,
            "SELECT move_id, stage FROM recovery_move_state WHERE move_id = ANY(%s)",
            [list(data["joined"]) or [0]],
        )
    )
    found.check(
        "invoices of a customer in litigation in an event, or not joining it",
        [m for m in data["joined"] if m in evented or stages.get(m) != "contentieux"],
    )
    # Each customer's due invoices in one event, at the most advanced level.
    groups, top = defaultdict(set), {}
    rank = data["level_rank"]
    for move, level in expected.items():
        partner = partner_of[move]
        groups[partner].add(move)
        top[partner] = max(top.get(partner, level), level, key=rank.get)
    found.check(
        "events whose invoices or level are not the expected ones",
        [
            e["id"]
            for e in events
            if groups.get(e["partner"]) != set(e["moves"])
            or top.get(e["partner"]) != e["level"]
        ],
    )
    found.check(
        "events left queued or in flight",
        [(e["id"], e["state"]) for e in events if e["state"] in in_flight],
    )
    found.check("events failed", [e["id"] for e in events if e["state"] == "failed"])
    _check_activities(found, cr, data, events)
    return evented


def _check_activities(found, cr, data, events):
    activities = Counter(
        dict(
            _fetch(
                cr,
                "SELECT res_id, COUNT(*) FROM mail_activity"
                " WHERE res_model = 'recovery.event' GROUP BY res_id",
            )
        )
    )
    found.check(
        "call/legal events without exactly one activity",
        [
            (e["id"], activities[e["id"]])
            for e in events
            if data["channels"].get(e["level"]) in ("phone", "legal")
            and activities[e["id"]] != 1
        ],
    )


def _check_emails(found, data, events, emails, deliveries):
    """What the customers received; returns the deliveries to customers."""
    email_of = data["partners"]
    per_message = Counter((d["message_id"], d["rcpt"]) for d in deliveries)
    found.check("e-mails delivered twice (same Message-Id)", _twice(per_message))
    customers = set(email_of.values())
    to_customer = [d for d in deliveries if d["rcpt"] in customers]
    partner_of_event = {e["id"]: e["partner"] for e in events}
    found.check(
        "e-mails to a customer not of their event",
        [
            (d["event"], d["rcpt"])
            for d in to_customer
            if d["event"] is not None
            and email_of.get(partner_of_event.get(d["event"])) != d["rcpt"]
        ],
    )
    found.check(
        "e-mails to customers the database has no record of (sent, rolled back)",
        [(d["rcpt"], d["subject"][:40]) for d in to_customer if d["event"] is None],
    )
    per_customer = Counter(d["rcpt"] for d in to_customer)
    events_of = Counter(email_of.get(e["partner"]) for e in emails)
    found.check(
        "customers e-mailed more often than they have e-mail events",
        [
            (rcpt, n, events_of[rcpt])
            for rcpt, n in per_customer.items()
            if n > events_of[rcpt]
        ],
    )
    return to_customer


def _check_email_events(found, emails, to_customer, carried_out):
    per_event = Counter(d["event"] for d in to_customer)
    found.check(
        "e-mail events not delivered exactly once",
        [(e["id"], per_event[e["id"]]) for e in emails if per_event[e["id"]] != 1],
    )
    found.check(
        "e-mail events delivered, not in a carried-out state",
        [
            (e["id"], e["state"])
            for e in emails
            if per_event[e["id"]] and e["state"] not in carried_out
        ],
    )


def _twice(counter):
    return [key for key, n in counter.items() if n > 1]
