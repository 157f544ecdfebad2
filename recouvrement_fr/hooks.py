# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

_logger = logging.getLogger(__name__)


def pre_init_hook(env):
    """Create the stored columns of account_move in SQL.

    Installing on a database with millions of invoices must not make the ORM
    compute these fields row by row: existing invoices start outside the ladder.
    """
    _logger.info("Adding recovery columns on account_move")
    env.cr.execute(
        """
        ALTER TABLE account_move
            ADD COLUMN IF NOT EXISTS recovery_blocked boolean DEFAULT false
        """
    )


def post_init_hook(env):
    """Give every existing company the default ladder, and every customer
    invoice its recovery state (outside the ladder)."""
    env["res.company"].search([])._recovery_ensure_ladder()
    env["recovery.move.state"]._create_missing()
