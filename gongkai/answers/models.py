"""智能问答 (一网可答): the curated FAQ, the authoritative sources, and cached sentence vectors."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.catalog.models import Document


class FaqStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class Faq(models.Model):
    """A question the 公开办 answers once: asked in any of its variants, it is answered first."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="faqs", verbose_name=_("所属机关"))
    questions = models.TextField(_("问题（每行一种问法）"))
    answer = models.TextField(_("答复"))
    sources = models.TextField(_("依据（每行一条：名称 | 链接）"), blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=FaqStatus.choices, default=FaqStatus.DRAFT,
                              db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("常见问题")
        verbose_name_plural = _("常见问题")

    def __str__(self):
        return self.variants()[0] if self.variants() else str(self.pk)

    def variants(self) -> list[str]:
        return [line.strip() for line in (self.questions or "").splitlines() if line.strip()]

    def source_links(self) -> list[tuple[str, str]]:
        """[(title, url)] from the 依据 lines; a line without `|` is a title without a link."""
        out = []
        for line in (self.sources or "").splitlines():
            if not line.strip():
                continue
            title, _sep, url = line.partition("|")
            out.append((title.strip(), url.strip()))
        return out


class SourceKind(models.TextChoices):
    STATUTE = "statute", _("法规条文")
    GUIDE = "guide", _("政府信息公开指南")
    SYSTEM = "system", _("政府信息公开制度")


class AnswerSource(models.Model):
    """A catalog document the 问答 treats as authoritative (the 条例, the 指南, a 制度)."""

    document = models.OneToOneField(Document, on_delete=models.CASCADE, related_name="answer_source")
    kind = models.CharField(_("类别"), max_length=12, choices=SourceKind.choices)
    key = models.CharField(_("来源标识"), max_length=80, unique=True,
                           help_text=_("如 statute:tiaoli_2019、page:guide，重复导入时据此更新同一文件"))

    class Meta:
        verbose_name = _("问答权威来源")
        verbose_name_plural = _("问答权威来源")


class TextVector(models.Model):
    """A sentence-embedding vector of a text, keyed by the SHA-256 of the text the model read."""

    digest = models.CharField(max_length=64, primary_key=True)
    vector = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "answers_text_vector"
