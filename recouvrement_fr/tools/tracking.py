# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The language tracked values are written in.

Odoo keeps a tracked selection's label as text, in the language of the
environment that wrote the field. The nightly run has none and wrote
"To validate → To send" in English in French chatters: records written
without a language are tracked in their company's language.
"""


def tracking_records(records):
    """``records`` in the environment their tracking is written in: the
    writer's language if any, else their company's (the first one's)."""
    if records.env.context.get("lang"):
        return records
    company = (
        records["company_id"][:1] if "company_id" in records._fields else None
    ) or records.env.company
    lang = company.partner_id.lang
    return records.with_context(lang=lang) if lang else records
