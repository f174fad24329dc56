"""Atom and RSS feeds of the consultations open now, newest first (machine-readable 征集 metadata)."""
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from .models import Phase
from .selectors import consultation_list_public


class OpenConsultationsRss(Feed):
    def title(self):
        return _("%(site)s 正在征集意见") % {"site": settings.SITE_NAME}

    def link(self):
        return reverse("consultations:list") + "?phase=open"

    def description(self):
        return _("正在公开征求意见的草案：征集单位、起止日期和提交方式")

    def items(self):
        return consultation_list_public(phase=Phase.OPEN)[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Plain text, escaped: a reader that renders the description as HTML shows it as text.
        return escape(_("%(agency)s征求意见，%(start)s至%(end)s，提交方式：%(ch)s") % {
            "agency": item.agency.name, "start": item.start_date.isoformat(), "end": item.end_date.isoformat(),
            "ch": "、".join(str(c) for c in item.channel_labels)})

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.notice.published_at if item.notice_id else None


class OpenConsultationsAtom(OpenConsultationsRss):
    feed_type = Atom1Feed
    subtitle = OpenConsultationsRss.description
