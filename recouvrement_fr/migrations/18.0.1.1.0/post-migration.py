# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.1.0: the ladder state of an invoice moves to recovery_move_state."""


def migrate(cr, version):
    cr.execute(
        """
        SELECT 1 FROM information_schema.columns
         WHERE table_name = 'account_move' AND column_name = 'recovery_level_id'
        """
    )
    if not cr.fetchone():
        return
    cr.execute(
        """
        WITH new AS (
            INSERT INTO recovery_move_state (
                move_id, company_id, level_id, stage, last_date,
                create_uid, create_date, write_uid, write_date)
            SELECT m.id, m.company_id, m.recovery_level_id,
                   COALESCE(m.recovery_stage, 'none'), m.recovery_last_date,
                   1, NOW() AT TIME ZONE 'UTC', 1, NOW() AT TIME ZONE 'UTC'
              FROM account_move m
             WHERE m.recovery_state_id IS NULL
               AND (m.move_type = 'out_invoice'
                    OR m.recovery_level_id IS NOT NULL
                    OR COALESCE(m.recovery_stage, 'none') <> 'none')
            RETURNING id, move_id
        )
        UPDATE account_move m SET recovery_state_id = new.id
          FROM new WHERE m.id = new.move_id
        """
    )
    cr.execute(
        """
        ALTER TABLE account_move
            DROP COLUMN recovery_level_id,
            DROP COLUMN recovery_stage,
            DROP COLUMN recovery_last_date
        """
    )
