"""What the database holds for search: one entry per public document (facet values, 文号 and 索引号
keys), its passages (the 智能问答 unit), the administrators' extra words, and the change log.

The full-text index itself is a tantivy index on disk (index.py), built from these rows and the
catalog; the database is the only source of truth and the index can always be rebuilt from it.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.catalog.models import Document, Subject


class SearchEntry(models.Model):
    """The facet and ranking data of one indexed (published, 主动公开) document. `id` = document id."""

    id = models.BigAutoField(primary_key=True)
    document = models.OneToOneField(Document, on_delete=models.CASCADE, related_name="search_entry")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+", db_index=False)
    subject_top = models.ForeignKey(Subject, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", db_index=False)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    genre = models.CharField(max_length=8, blank=True)
    category = models.CharField(max_length=20, blank=True)
    validity = models.CharField(max_length=16, blank=True)
    publish_date = models.DateField(null=True, blank=True)
    doc_no_key = models.CharField(max_length=120, blank=True, db_index=True)
    index_no = models.CharField(max_length=64, blank=True, db_index=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "search_entry"
        indexes = [models.Index(fields=["publish_date", "id"], name="search_entry_date")]


class Passage(models.Model):
    """A paragraph or article (第X条) of an indexed document, the unit the 智能问答 page returns."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="passages")
    ordinal = models.PositiveIntegerField()
    article_no = models.CharField(_("条款"), max_length=24, blank=True)
    heading = models.CharField(_("所在章节"), max_length=200, blank=True)
    text = models.TextField(_("段落"))

    class Meta:
        db_table = "search_passage"
        ordering = ["entry", "ordinal"]


class ExtraWord(models.Model):
    """A word administrators add to the segmenter, beside the shipped government vocabulary."""

    word = models.CharField(_("词语"), max_length=40, unique=True,
                            help_text=_("如“一件事一次办”；可包含顿号、加号等标点。"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("添加时间"), auto_now_add=True)

    class Meta:
        ordering = ["word"]
        verbose_name = _("搜索扩展词")
        verbose_name_plural = _("搜索扩展词")

    def __str__(self):
        return self.word


class IndexChange(models.Model):
    """One change to what is searchable, written in the transaction that made it (index.py applies
    the log to each host's tantivy index).

    `kind` is "document" or a registered kind (registry.py) and `object_id` the row changed; an
    empty `object_id` means the whole index was rebuilt. Rows older than a week are pruned.
    """

    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(max_length=24, default="document")
    object_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        db_table = "search_index_change"
