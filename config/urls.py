"""URL map. Each app owns the URLs under its prefix; staff pages of an app live under /console/<app>/."""
from django.contrib import admin
from django.urls import include, path

from gongkai.ops.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("console/foi/", include("gongkai.foi.staff_urls")),
    path("console/reports/", include("gongkai.reports.staff_urls")),
    path("console/review/", include("gongkai.review.staff_urls")),
    path("console/consultations/", include("gongkai.consultations.staff_urls")),
    path("console/decisions/", include("gongkai.decisions.staff_urls")),
    path("console/mailboxes/", include("gongkai.mailboxes.staff_urls")),
    path("console/newmedia/", include("gongkai.newmedia.staff_urls")),
    path("console/guides/", include("gongkai.guides.staff_urls")),
    path("console/stdcatalog/", include("gongkai.stdcatalog.staff_urls")),
    path("console/gazette/", include("gongkai.gazette.staff_urls")),
    path("console/opendata/", include("gongkai.opendata.staff_urls")),
    path("console/oversight/", include("gongkai.oversight.staff_urls")),
    path("console/answers/", include("gongkai.answers.staff_urls")),
    path("console/columns/", include("gongkai.columns.staff_urls")),
    path("console/proposals/", include("gongkai.proposals.staff_urls")),
    path("console/assessment/", include("gongkai.assessment.staff_urls")),
    path("console/concerns/", include("gongkai.concerns.staff_urls")),
    path("console/", include("gongkai.console.urls")),
    path("api/", include("gongkai.api.urls")),
    path("search/qa/", include("gongkai.answers.urls")),
    path("search/", include("gongkai.search.urls")),
    path("apply/", include("gongkai.foi.urls")),
    path("hdjl/yjzj/", include("gongkai.consultations.urls")),
    path("zwgk/zdjc/", include("gongkai.decisions.urls")),
    path("hdjl/ly/", include("gongkai.mailboxes.urls")),
    path("hdjl/hygz/", include("gongkai.concerns.urls")),
    path("zwgk/xmt/", include("gongkai.newmedia.urls")),
    path("bsfw/zn/", include("gongkai.guides.urls")),
    path("zwgk/bzml/", include("gongkai.stdcatalog.urls")),
    path("zwgk/gb/", include("gongkai.gazette.urls")),
    path("sjkf/", include("gongkai.opendata.urls")),
    path("zwgk/gzyd/", include("gongkai.oversight.urls")),
    path("xxgk/", include("gongkai.columns.urls")),  # before the portal: its 法定主动公开内容 columns
    path("zwgk/jyta/", include("gongkai.proposals.urls")),
    path("", include("gongkai.portal.urls")),
]

# JSON endpoints answer errors Django raises before a view (400) and crashes (500) in JSON.
handler400 = "gongkai.api.urls.bad_request"
handler500 = "gongkai.api.urls.server_error"
