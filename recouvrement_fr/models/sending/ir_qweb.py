# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo import models

from ...tools.sending import COMPILE_CACHE_KEY


class IrQweb(models.AbstractModel):
    _inherit = "ir.qweb"

    # EXTENDS base
    def _compile(self, template):
        """Compile a template given as source once per batch of e-mails.

        A mail template's body is parsed and compiled again for every record
        (about 10 ms an e-mail); views are compiled once and cached. Under
        ``COMPILE_CACHE_KEY``, the same source with the same compile options
        reuses the functions compiled for the first record: they take the
        rendering environment and values as arguments.
        """
        cache = self.env.context.get(COMPILE_CACHE_KEY)
        if cache is None or not isinstance(template, etree._Element):
            return super()._compile(template)
        context = self.env.context
        key = (
            etree.tostring(template),
            tuple(context.get(name) for name in self._get_template_cache_keys()),
            context.get("raise_on_forbidden_code_for_model"),
        )
        if key not in cache:
            cache[key] = super()._compile(template)
        return cache[key]
