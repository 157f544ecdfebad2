# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Data of scripts/concurrency_check.py.

``build`` fills a copy of a database with overdue invoices whose next ladder
step is certain (long overdue, last step long ago), so the expected outcome is
known without asking the engine.
"""

from datetime import date, timedelta

from odoo import Command

# Initial ladder position of the overdue invoices, in turn (None: no step yet);
# most start from nothing, so most events are e-mails.
ROTATION = (None, None, None, 0, 1, 2, 3)
DUE_PER_CUSTOMER = 3
OVERDUE_DAYS = 230  # beyond the days of every level of the ladder
LAST_STEP_DAYS = 100  # beyond every gap between two levels
EMAIL_DOMAIN = "conc.example"


def _customer_email(index):
    return f"client-{index:03d}@{EMAIL_DOMAIN}"


def _invoice_vals(partner, term, invoice_date, amount):
    return {
        "move_type": "out_invoice",
        "partner_id": partner.id,
        "invoice_date": invoice_date,
        "invoice_payment_term_id": term.id,
        "invoice_line_ids": [
            Command.create({"name": "Prestation", "quantity": 1, "price_unit": amount})
        ],
    }


def _setup_company(env, smtp_port):
    """The company, its recovery responsible, the outgoing mail server."""
    lang = "fr_FR" if env["res.lang"]._lang_get("fr_FR") else "en_US"
    company = env.ref("base.main_company")
    accountant = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Sophie Comptable",
                "login": "conc.comptable",
                "email": f"comptable@{EMAIL_DOMAIN}",
                "lang": lang,
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                # activity notices in Odoo, not e-mailed: fewer e-mails to send
                "notification_type": "inbox",
                "groups_id": [
                    Command.set(
                        [
                            env.ref("base.group_user").id,
                            env.ref("account.group_account_invoice").id,
                        ]
                    )
                ],
            }
        )
    )
    company.write(
        {
            "street": "12 rue de la République",
            "zip": "69002",
            "city": "Lyon",
            "email": f"recouvrement@{EMAIL_DOMAIN}",
            "recovery_user_id": accountant.id,
        }
    )
    env["ir.mail_server"].search([]).active = False
    env["ir.mail_server"].create(
        {
            "name": "SMTP sink of the concurrency check",
            "smtp_host": "127.0.0.1",
            "smtp_port": smtp_port,
            "smtp_encryption": "none",
        }
    )
    # Bounded batches of the engine's communicate cron (where it has one):
    # small, so that the kill lands between two of them.
    env["ir.config_parameter"].set_param("recouvrement_fr.communicate_batch_size", 40)
    # No report server: wkhtmltopdf renders without fetching style sheets.
    env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")
    return company, lang


def _warm_report_assets(env):
    """Report style sheets generated once, not by both runs at once."""
    qweb = env["ir.qweb"]
    qweb._get_asset_bundle("web.report_assets_common", js=False).css()
    bundle = qweb._get_asset_bundle("web.report_assets_pdf")
    bundle.css()
    bundle.js()


def _plan(n_customers, n_levels):
    """[(customer index, kind, initial level index or None)] of the invoices.

    Kinds: "due" (long overdue, one level up expected, unless its customer
    has a "top" invoice: then it joins the customer's litigation), "future"
    (not yet due) and "top" (long overdue, at the top of the ladder): the
    last two must not move.
    """
    plan = []
    for i in range(n_customers):
        for j in range(DUE_PER_CUSTOMER):
            start = ROTATION[(DUE_PER_CUSTOMER * i + j) % len(ROTATION)]
            plan.append((i, "due", start))
        plan.append((i, "top", n_levels - 1) if i % 10 == 0 else (i, "future", None))
    return plan


def _columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND table_name = %s",
        [table],
    )
    return [row[0] for row in cr.fetchall()]


def _copy_rows(cr, table, source, overrides):
    """INSERT INTO table the rows of ``t`` (in source), some columns overridden."""
    cols = _columns(cr, table)
    names = ", ".join(f'"{col}"' for col in cols)
    exprs = ", ".join(overrides.get(col, f't."{col}"') for col in cols)
    cr.execute(f'INSERT INTO "{table}" ({names}) SELECT {exprs} FROM {source}')


def _copy_m2m(env, model, map_table):
    for field in env[model]._fields.values():
        if field.type == "many2many" and field.store:
            env.cr.execute(
                f'INSERT INTO "{field.relation}" ("{field.column1}", "{field.column2}")'
                f' SELECT b.id, r."{field.column2}" FROM {map_table} b'
                f' JOIN "{field.relation}" r ON r."{field.column1}" = b.src'
            )


def _copy_invoices(env, sources, partners):
    """Posted copies of the invoices ``sources``, the i-th for ``partners[i]``.

    Plain SQL (moves, lines, their many2many rows), as bench/run.py does: a
    few hundred invoices through the ORM would take minutes on a busy machine.
    """
    cr, now = env.cr, "(NOW() AT TIME ZONE 'UTC')"
    cr.execute(
        "CREATE TEMP TABLE conc_move ON COMMIT DROP AS"
        " SELECT nextval('account_move_id_seq') AS id, v.src, v.partner_id,"
        " v.seq, 'CONC/' || lpad(v.seq::text, 6, '0') AS name"
        " FROM UNNEST(%s::int[], %s::int[]) WITH ORDINALITY AS v(src, partner_id, seq)",
        [sources, partners],
    )
    _copy_rows(
        cr,
        "account_move",
        "conc_move b JOIN account_move t ON t.id = b.src"
        " JOIN res_partner p ON p.id = b.partner_id",
        {
            "id": "b.id",
            "name": "b.name",
            "sequence_prefix": "'CONC/'",
            "sequence_number": "b.seq",
            "partner_id": "b.partner_id",
            "commercial_partner_id": "b.partner_id",
            "partner_shipping_id": "b.partner_id",
            "invoice_partner_display_name": "p.name",
            "payment_reference": "b.name",
            "recovery_state_id": "NULL",
            **dict.fromkeys(
                ("access_token", "ref", "secure_sequence_number", "inalterable_hash"),
                "NULL",
            ),
            "message_main_attachment_id": "NULL",
            "create_date": now,
            "write_date": now,
        },
    )
    cr.execute(
        "CREATE TEMP TABLE conc_line ON COMMIT DROP AS"
        " SELECT nextval('account_move_line_id_seq') AS id, t.id AS src,"
        " b.id AS move_id, b.partner_id, b.name"
        " FROM conc_move b JOIN account_move_line t ON t.move_id = b.src"
    )
    _copy_rows(
        cr,
        "account_move_line",
        "conc_line b JOIN account_move_line t ON t.id = b.src",
        {
            "id": "b.id",
            "move_id": "b.move_id",
            "partner_id": "b.partner_id",
            "move_name": "b.name",
            "create_date": now,
            "write_date": now,
        },
    )
    _copy_m2m(env, "account.move.line", "conc_line")
    _copy_m2m(env, "account.move", "conc_move")
    cr.execute("SELECT id FROM conc_move ORDER BY seq")
    return [row[0] for row in cr.fetchall()]


def _templates(env, customer):
    """One posted invoice per kind, through the ORM: what the copies copy."""
    today = date.today()
    overdue = today - timedelta(days=OVERDUE_DAYS)
    immediate = env.ref("account.account_payment_term_immediate")
    days30 = env.ref("account.account_payment_term_30days")
    kinds = {
        "due": (immediate, overdue, 180.0),
        "top": (immediate, overdue, 95.5),
        "future": (days30, today, 42.0),
    }
    moves = env["account.move"].create(
        [_invoice_vals(customer, *kinds[kind]) for kind in kinds]
    )
    moves.action_post()
    return dict(zip(kinds, moves.ids, strict=True))


def _seed_levels(env, moves, starts, levels):
    """Where each invoice stands on the ladder before the run."""
    env.flush_all()
    cr = env.cr
    cr.execute(
        "SELECT id FROM account_move WHERE id = ANY(%s) AND recovery_state_id IS NULL",
        [moves],
    )
    missing = [row[0] for row in cr.fetchall()]
    company = env.ref("base.main_company")
    states = env["recovery.move.state"].create(
        [{"move_id": move, "company_id": company.id} for move in missing]
    )
    env.flush_all()
    cr.execute(
        "UPDATE account_move m SET recovery_state_id = s.id FROM recovery_move_state s"
        " WHERE s.id = ANY(%s) AND m.id = s.move_id",
        [states.ids],
    )
    seeded = [
        (m, levels[k].id) for m, k in zip(moves, starts, strict=True) if k is not None
    ]
    cr.execute(
        """
        UPDATE recovery_move_state s
           SET level_id = l.id, stage = l.stage, last_date = %s
          FROM UNNEST(%s::int[], %s::int[]) AS v(move_id, level_id)
          JOIN recovery_level l ON l.id = v.level_id
         WHERE s.move_id = v.move_id
        """,
        (
            date.today() - timedelta(days=LAST_STEP_DAYS),
            [m for m, _lvl in seeded],
            [lvl for _m, lvl in seeded],
        ),
    )
    env.invalidate_all()


def build(env, n_customers, smtp_port):
    """Customers and invoices; returns the expected outcome."""
    company, lang = _setup_company(env, smtp_port)
    levels = env["recovery.level"].search(
        [("company_id", "=", company.id)], order="sequence, id"
    )
    customers = env["res.partner"].create(
        [
            {
                "name": f"Client {i:03d} SARL",
                "is_company": True,
                "email": _customer_email(i),
                "lang": lang,
                "city": "Paris",
            }
            for i in range(n_customers)
        ]
    )
    plan = _plan(n_customers, len(levels))
    templates = _templates(env, customers[0])
    copies = _copy_invoices(
        env,
        [templates[kind] for _i, kind, _start in plan],
        [customers[i].id for i, _kind, _start in plan],
    )
    # the templates are invoices of the first customer too
    top = len(levels) - 1
    plan += [(0, "due", None), (0, "top", top), (0, "future", None)]
    moves = copies + [templates["due"], templates["top"], templates["future"]]
    _seed_levels(env, moves, [start for _i, _kind, start in plan], levels)
    _warm_report_assets(env)
    # Rule 8 of core/ladder.py: a customer with an invoice at the top of the
    # ladder (litigation) holds its others; they join its stage, no event.
    in_litigation = {i for i, kind, _start in plan if kind == "top"}
    expected, controls, joined = {}, [], []
    for move, (i, kind, start) in zip(moves, plan, strict=True):
        if kind == "due" and i in in_litigation:
            joined.append(move)
        elif kind == "due":
            expected[move] = levels[0 if start is None else start + 1].id
        else:
            controls.append(move)
    return {
        "expected": expected,  # move id -> level id it must reach
        "controls": controls,  # move ids that must not move
        "joined": joined,  # move ids that join their customer's litigation
        "level_rank": {lvl.id: rank for rank, lvl in enumerate(levels)},
        "partners": {p.id: p.email for p in customers},
        "moves_partner": {
            m: customers[i].id for m, (i, _k, _s) in zip(moves, plan, strict=True)
        },
        "channels": {lvl.id: lvl.channel for lvl in levels},
    }
