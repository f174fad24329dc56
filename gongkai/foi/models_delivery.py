"""Models for what a reply delivers: notice numbers (文号) and the disclosed files with their
download log. Imported by models.py (one app, one migration history)."""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_NUMBER_PATTERN = "{prefix}依申〔{year}〕{seq}号"


class NoticeNumbering(models.Model):
    """How an agency numbers its notices (发文字号, GB/T 9704 §7.2.5: 代字〔年份〕序号号)."""

    agency = models.OneToOneField("agencies.Agency", on_delete=models.CASCADE, related_name="foi_numbering",
                                  verbose_name=_("机关"))
    prefix = models.CharField(_("机关代字"), max_length=20, blank=True,
                              help_text=_("如“示财”；留空时由机关名称推出"))
    pattern = models.CharField(_("文号格式"), max_length=60, blank=True,
                               help_text=_("占位：{prefix} 机关代字，{year} 年份，{seq} 序号，{kind} 文书简称"
                                           "（含 {kind} 时每种文书分别编号）；留空为“{prefix}依申〔{year}〕{seq}号”"))

    class Meta:
        verbose_name = _("文书编号规则")
        verbose_name_plural = _("文书编号规则")

    def __str__(self):
        return f"{self.agency} {self.pattern or DEFAULT_NUMBER_PATTERN}"


class NoticeSequence(models.Model):
    """The last number given per agency, year (and kind, when the pattern numbers kinds apart).
    Allocated under a row lock in the transaction that issues the notice: a rolled-back action
    gives its number back, so the numbers have no gaps."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    kind = models.CharField(max_length=16, blank=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year", "kind"], name="foi_notice_seq_once")]
        verbose_name = _("文书编号计数")
        verbose_name_plural = _("文书编号计数")

    def __str__(self):
        return f"{self.agency_id}/{self.year}/{self.kind}: {self.last}"


class DisclosedFile(models.Model):
    """A file disclosed with a 予以公开 / 部分公开 reply (uploaded by staff, reviewed before it goes out)."""

    case = models.ForeignKey("foi.Case", on_delete=models.CASCADE, related_name="disclosed_files")
    file = models.FileField(_("文件"), upload_to="foi/disclosed/%Y/")
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveBigIntegerField(_("大小（字节）"), default=0)
    sha256 = models.CharField(max_length=64)
    redacted = models.BooleanField(_("已作区分处理"), default=False)
    redaction_note = models.TextField(_("区分处理说明"), blank=True,
                                      help_text=_("部分公开：删除或遮盖了哪些内容、依据什么理由"))
    review = models.JSONField(default=dict, blank=True, help_text="masked report of the pre-publication review")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("上传人"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("公开的信息文件")
        verbose_name_plural = _("公开的信息文件")

    def __str__(self):
        return self.name


class FileDownload(models.Model):
    """One download of a disclosed file from the tracking page (the applicant's download log)."""

    file = models.ForeignKey(DisclosedFile, on_delete=models.CASCADE, related_name="downloads")
    at = models.DateTimeField(_("下载时间"), auto_now_add=True)
    ip_hash = models.CharField(max_length=64, blank=True, help_text="sha256 of the client address (no raw IP)")
    user_agent = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("下载记录")
        verbose_name_plural = _("下载记录")

    def __str__(self):
        return f"{self.file} {timezone.localtime(self.at):%Y-%m-%d %H:%M}"
