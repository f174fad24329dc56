"""政府公报: issues (年, 期, 总期号, 出版日期) whose contents are catalog documents in order, each marked as
the 标准文本 where it is one; the printed edition as an uploaded PDF; back issues imported."""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("编辑中")
    PUBLISHED = "published", _("已出版")
    WITHDRAWN = "withdrawn", _("已撤回")


class Issue(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="gazette_issues",
                               verbose_name=_("主办机关"))
    year = models.PositiveSmallIntegerField(_("年"), db_index=True)
    number = models.PositiveSmallIntegerField(_("期"))
    total_number = models.PositiveIntegerField(_("总期号"))
    publish_date = models.DateField(_("出版日期"))
    status = models.CharField(_("状态"), max_length=12, choices=IssueStatus.choices, default=IssueStatus.DRAFT,
                              db_index=True)
    status_reason = models.TextField(_("撤回理由"), blank=True)
    pdf = models.FileField(_("印刷版PDF"), upload_to="gazette/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    pdf_generated = models.BooleanField(_("PDF由平台生成"), default=False)
    imported = models.BooleanField(_("往期导入"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("出版时间"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "number"], name="gazette_issue_year_number"),
            models.UniqueConstraint(fields=["agency", "total_number"], name="gazette_issue_total_number"),
        ]
        verbose_name = _("公报期次")
        verbose_name_plural = _("公报期次")

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return f"{self.agency.name}公报 {self.year}年第{self.number}期（总第{self.total_number}期）"

    def get_absolute_url(self):
        return reverse("gazette:issue", args=[self.pk])


class Article(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveIntegerField(_("顺序"))
    document = models.ForeignKey("catalog.Document", on_delete=models.PROTECT, related_name="gazette_articles",
                                 verbose_name=_("文件"))
    section = models.CharField(_("栏目"), max_length=60, blank=True, help_text=_("如 市政府文件、部门文件、人事任免"))
    is_standard_text = models.BooleanField(_("标准文本"), default=False)
    page = models.PositiveIntegerField(_("页码"), null=True, blank=True)

    class Meta:
        ordering = ["issue", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["issue", "document"], name="gazette_article_once")]
        verbose_name = _("公报文章")
        verbose_name_plural = _("公报文章")

    def __str__(self):
        return self.document.title
