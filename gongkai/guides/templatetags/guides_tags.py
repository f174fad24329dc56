from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def days_limit(days) -> str:
    """A 法定/承诺时限 as people read it: 0 is 即办件 (done on the spot), none is "—"."""
    if days in (None, ""):
        return "—"
    if int(days) == 0:
        return _("即办件")
    return _("%(days)s个工作日") % {"days": days}
