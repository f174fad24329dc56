"""Demo 政府公报 of 示范市人民政府: two issues of the current year made from the city's published demo
documents (规章 and 规范性文件 marked as 标准文本), the first published, the second published with a
PDF generated from the HTML edition when LibreOffice is installed. Idempotent: nothing happens when the
city already has issues."""
import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.catalog.models import Category, Document, Status
from gongkai.core.errors import UserFacingError

from .models import Issue
from .services import article_add, issue_create, issue_transition

SECTIONS = {Category.REGULATION: "政府规章", Category.NORMATIVE: "规范性文件"}


def load(*, stdout):
    city = Agency.objects.filter(slug="city").first()
    if city is None or Issue.objects.filter(agency=city).exists():
        return
    documents = list(Document.objects.filter(agency__path__startswith=city.path, agency__level=city.level,
                                             status=Status.PUBLISHED,
                                             category__in=[Category.REGULATION, Category.NORMATIVE, Category.POLICY])
                     .order_by("-publish_date", "id")[:8])
    if len(documents) < 2:
        return
    today = timezone.localdate()
    year = today.year
    halves = [documents[: len(documents) // 2], documents[len(documents) // 2:]]
    with transaction.atomic():
        issues = []
        for number, part in enumerate(halves, start=1):
            day = max(dt.date(year, 1, 1), today - dt.timedelta(days=30 * (2 - number)))
            issue = issue_create(agency=city, actor=None, year=year, number=number, total_number=400 + number,
                                 publish_date=day)
            for document in sorted(part, key=lambda d: (d.category != Category.REGULATION, d.publish_date or day)):
                article_add(issue=issue, actor=None, document=document,
                            section=SECTIONS.get(document.category, "其他文件"))
            issue_transition(issue=issue, action="publish", actor=None)
            issues.append(issue)
    try:
        from .edition import issue_pdf_generate

        issue_pdf_generate(issue=issues[-1], actor=None)
    except UserFacingError as exc:  # no LibreOffice: the HTML edition is still there
        stdout.write(_("政府公报演示：未生成PDF（%(e)s）") % {"e": exc.message})
    stdout.write(_("政府公报演示：%(y)d年第1、2期") % {"y": year})
