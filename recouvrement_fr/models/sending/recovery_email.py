# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import Command, _, models
from odoo.exceptions import UserError
from odoo.tools import SQL, clean_context

from ...tools.sending import EMAIL_FIELDS


class RecoveryEmail(models.AbstractModel):
    """Post the e-mails of a batch of events, as ``message_post`` does for one.

    ``message_post`` costs about twenty queries an e-mail: the author's
    subscription, the thread's first message, the followers to notify, the
    message, the mail and its notification, each on its own. Here each of
    them is one query for the batch. What the customer receives and what the
    chatter keeps are the same: a comment on the event, with the PDF, the
    recipient as partner, sent through Odoo's mail queue in the
    ``mail.mail_notification_light`` layout, with its notification (the
    delivery status shown on the message). Odoo's own steps are called for
    each message where they render (layout, headers, recipients' groups).
    """

    _name = "recovery.email"
    _description = "Recovery E-mails"

    def _post(self, events, attachments, values):
        """Post and queue the e-mail of each of ``events``.

        :param attachments: {event id: ir.attachment or None}, the document;
        :param values: {event id: the template's rendered EMAIL_FIELDS}, where
            missing rendered here;
        :return: {event id: mail.message}
        """
        if not events:
            return {}
        recipients = {
            event.id: event.partner_id._recovery_recipient() for event in events
        }
        values = self._complete_values(events, values, recipients)
        subtype_id = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment")
        vals_list = self._message_values(
            events, attachments, values, subtype_id, recipients
        )
        messages = events._message_create(vals_list)
        self._subscribe_authors(events, vals_list)
        notified = self._recipients(events, vals_list, subtype_id)
        for event, message, msg_vals in zip(events, messages, vals_list, strict=True):
            event._message_post_after_hook(message, msg_vals)
            if any(r["notif"] == "inbox" for r in notified[event.id]):
                event._notify_thread_by_inbox(message, notified[event.id], msg_vals)
                event._notify_thread_by_web_push(message, notified[event.id], msg_vals)
        self._queue_mails(events, messages, vals_list, notified)
        return {
            event.id: message for event, message in zip(events, messages, strict=True)
        }

    def _complete_values(self, events, values, recipients):
        """Each event's rendered e-mail; a clear error when it cannot be sent."""
        result = {}
        for event in events:
            template = event.level_id.mail_template_id
            if not template:
                raise UserError(
                    _(
                        "Level %(level)s has no e-mail template.",
                        level=event.level_id.name,
                    )
                )
            recipient = recipients[event.id]
            if not recipient.email:
                raise UserError(
                    _(
                        "%(customer)s has no e-mail address.",
                        customer=recipient.display_name,
                    )
                )
            result[event.id] = values.get(event.id)
            if result[event.id] is None:
                lang = recipient.lang or self.env.lang
                result[event.id] = template.with_context(lang=lang)._generate_template(
                    event.ids, EMAIL_FIELDS
                )[event.id]
        return result

    def _message_values(self, events, attachments, values, subtype_id, recipients):
        """The mail.message values of each event, as message_post makes them."""
        parents = self._thread_starts(events)
        companies = events._mail_get_companies(default=self.env.company)
        domains = events.sudo()._mail_get_alias_domains(
            default_company=self.env.company
        )
        vals_list = []
        for event in events:
            rendered = values[event.id]
            author = (
                event.company_id.recovery_user_id.partner_id
                or event.company_id.partner_id
            )
            attachment = attachments.get(event.id)
            vals = {
                "model": event._name,
                "res_id": event.id,
                "message_type": "comment",
                "subtype_id": subtype_id,
                "body": Markup(rendered.get("body_html") or ""),
                "subject": rendered.get("subject") or False,
                "author_id": author.id,
                "email_from": rendered.get("email_from") or author.email_formatted,
                "parent_id": parents.get(event.id, False),
                "partner_ids": recipients[event.id].ids,
                "attachment_ids": [Command.link(attachment.id)] if attachment else [],
                "record_name": event.sudo().display_name,
                "record_company_id": companies[event.id].id,
                "record_alias_domain_id": domains[event.id].id,
                "email_add_signature": True,
                "email_layout_xmlid": "mail.mail_notification_light",
            }
            # As message_post given the template's: none is none (the
            # customer answers the sender).
            vals["reply_to"] = rendered.get("reply_to") or None
            vals_list.append(vals)
        return vals_list

    def _thread_starts(self, events):
        """{event id: its first message}: the parent of the new one, as in a
        flat thread (``_message_compute_parent_id``)."""
        self.env["mail.message"].flush_model(["model", "res_id", "message_type"])
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT ON (res_id) res_id, id
                  FROM mail_message
                 WHERE model = %s AND res_id = ANY(%s)
                   AND message_type != 'user_notification'
                 ORDER BY res_id, id
                """,
                events._name,
                events.ids,
            )
        )
        return dict(self.env.cr.fetchall())

    def _real_author(self, vals):
        """Who is notified of the answers: the user posting, else the author
        (message_post's rule); None if neither is active."""
        if self.env.user.active:
            return self.env.user.partner_id.id
        author = self.env["res.partner"].browse(vals["author_id"])
        return author.id if author.active else None

    def _subscribe_authors(self, events, vals_list):
        """The real author follows the event, to be told of the customer's
        answer: one subscription per author for the batch."""
        if self.env.context.get("mail_create_nosubscribe"):
            return
        by_author = {}
        for event, vals in zip(events, vals_list, strict=True):
            author = self._real_author(vals)
            if author:
                by_author.setdefault(author, events.browse())
                by_author[author] |= event
        for author, records in by_author.items():
            records._message_subscribe(partner_ids=[author])

    def _recipients(self, events, vals_list, subtype_id):
        """{event id: recipients data}: the followers of the comment subtype
        of each event plus its own recipient, as ``_notify_get_recipients``
        computes them, in two queries for the batch."""
        followers = self.env["mail.followers"]
        by_event = followers._get_recipient_data(events, "comment", subtype_id)
        pids = {pid for vals in vals_list for pid in vals["partner_ids"]}
        direct = followers._get_recipient_data(None, "comment", subtype_id, pids)[0]
        result = {}
        for event, vals in zip(events, vals_list, strict=True):
            data = dict(by_event.get(event.id, {}))
            for pid in vals["partner_ids"]:
                data.setdefault(pid, direct[pid])
            author = (
                None
                if self.env.context.get("mail_notify_author")
                else (self._real_author(vals))
            )
            result[event.id] = [
                r
                for r in data.values()
                if r["id"] != author and r["active"] is not False
            ]
        return result

    def _queue_mails(self, events, messages, vals_list, recipients):
        """The mail of each message, in the notification layout of its
        recipients' group, and its notifications: one create of each."""
        mail_values, notified = [], []
        for event, message, msg_vals in zip(events, messages, vals_list, strict=True):
            partners = [r for r in recipients[event.id] if r["notif"] == "email"]
            if not partners:
                continue
            base = event._notify_by_email_get_base_mail_values(
                message, additional_values={"auto_delete": False}
            )
            for (
                _lang,
                render_values,
                group,
            ) in event._notify_get_classified_recipients_iterator(
                message, partners, msg_vals=msg_vals
            ):
                body = event._notify_by_email_render_layout(
                    message, group, msg_vals=msg_vals, render_values=render_values
                )
                recipient_ids = group.pop("recipients")
                if not recipient_ids:
                    continue
                mail_values.append(
                    event._notify_by_email_get_final_mail_values(
                        recipient_ids, base, additional_values={"body_html": body}
                    )
                )
                notified.append((message, recipient_ids))
        # No default_* key of the caller's context in the mails' values.
        env = self.env(context=clean_context(self.env.context), su=True)
        mails = env["mail.mail"].create(mail_values)
        env["mail.notification"].create(
            [
                {
                    "author_id": message.author_id.id,
                    "is_read": True,
                    "mail_mail_id": mail.id,
                    "mail_message_id": message.id,
                    "notification_status": "ready",
                    "notification_type": "email",
                    "res_partner_id": partner_id,
                }
                for mail, (message, partner_ids) in zip(mails, notified, strict=True)
                for partner_id in partner_ids
            ]
        )
        return mails
