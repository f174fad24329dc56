"""RSS and Atom feeds of the published 公报 issues (newest first)."""
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.portal.feeds import AbsoluteIdsMixin, SafeAtomFeed, SafeRssFeed, plain_description

from .selectors import articles_of, issues_public


class IssueRssFeed(AbsoluteIdsMixin, Feed):
    feed_type = SafeRssFeed

    def title(self):
        return _("%(site)s 政府公报") % {"site": settings.SITE_NAME}

    def link(self):
        return reverse("gazette:index")

    def description(self):
        return _("政府公报各期目录")

    def items(self):
        return issues_public()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return plain_description("；".join(a.document.title for a in articles_of(item)))

    def item_pubdate(self, item):
        return item.published_at


class IssueAtomFeed(IssueRssFeed):
    feed_type = SafeAtomFeed

    def subtitle(self):
        return self.description()
