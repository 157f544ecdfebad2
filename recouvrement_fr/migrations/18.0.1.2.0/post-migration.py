# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0: true states of the recovery communications.

E-mails and letters that were "done" are sent (an e-mail whose notification
failed is failed), registered letters to print are to post, posted or
received; calls and legal tasks stay done. Every carried out event gets its
date and every invoice its last reminder actually sent.
"""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE recovery_event e
           SET state = 'failed',
               error = COALESCE(n.failure_reason, n.failure_type, 'bounce')
          FROM mail_notification n
         WHERE n.mail_message_id = e.mail_message_id
           AND n.notification_type = 'email'
           AND n.notification_status IN ('exception', 'bounce')
           AND e.channel = 'email' AND e.state = 'done'
        """
    )
    cr.execute(
        """
        UPDATE recovery_event
           SET state = CASE
                 WHEN channel IN ('email', 'letter') THEN 'sent'
                 WHEN ar_date IS NOT NULL THEN 'received'
                 ELSE 'posted' END
         WHERE state = 'done' AND channel IN ('email', 'letter', 'lrar')
        """
    )
    cr.execute(
        """
        UPDATE recovery_event SET state = 'to_post'
         WHERE state = 'to_print' AND channel = 'lrar'
        """
    )
    cr.execute(
        """
        UPDATE recovery_event
           SET carried_out_date = COALESCE(
                 lrar_sent_date, (sent_date AT TIME ZONE 'UTC')::date, date)
         WHERE state IN ('sent', 'done', 'posted', 'received')
           AND carried_out_date IS NULL
        """
    )
    cr.execute(
        """
        UPDATE recovery_move_state s
           SET last_sent_date = x.day
          FROM (SELECT r.move_id, MAX(e.carried_out_date) AS day
                  FROM recovery_event_account_move_rel r
                  JOIN recovery_event e ON e.id = r.event_id
                 WHERE e.state IN ('sent', 'done', 'posted', 'received')
                 GROUP BY r.move_id) x
         WHERE s.move_id = x.move_id
        """
    )
