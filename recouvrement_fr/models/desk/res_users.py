# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models, modules

# Sections of Ma journée whose tasks are activities of the user already, and
# so already counted in the activity menu's badge.
ACTIVITY_SECTIONS = ("calls", "dossiers", "declarations", "answers")


class ResUsers(models.Model):
    _inherit = "res.users"

    # EXTENDS mail
    @api.model
    def _get_activity_groups(self):
        """The activity menu also shows the recovery work of the day (Ma
        journée) of the current user; a click on it opens Ma journée."""
        groups = super()._get_activity_groups()
        group = self._recovery_activity_group()
        if group:
            groups.append(group)
        return groups

    @api.model
    def _recovery_activity_group(self):
        """The "Ma journée" entry of the activity menu: the number of tasks of
        each section, or None when there is none or the user may not read the
        recovery communications."""
        if not (
            self.env["recovery.event"].has_access("read")
            and self.env["account.move"].has_access("read")
        ):
            return None
        my_day = self.env["recovery.my.day"]
        counts = my_day._day_counts(mine=True)
        if not any(counts.values()):
            return None
        labels = my_day._section_labels()
        model = self.env["ir.model"]._get(my_day._name)
        return {
            "id": model.id,
            "name": model.name,
            "model": my_day._name,
            "type": "recovery",
            "icon": modules.module.get_module_icon("recouvrement_fr"),
            # Added to the badge: the tasks that are not activities.
            "total_count": sum(
                count for key, count in counts.items() if key not in ACTIVITY_SECTIONS
            ),
            "recovery_count": sum(counts.values()),
            "recovery_sections": [
                {"key": key, "label": labels[key], "count": count}
                for key, count in counts.items()
                if count
            ],
        }
