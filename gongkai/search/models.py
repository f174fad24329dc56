"""The search index: one entry per public document, its normalised text, and its passages.

The full-text part lives beside these tables and differs per database (created in migration 0002):
SQLite has FTS5 tables `search_fts(title, body)` and `search_passage_fts(body)` whose rowids are
SearchEntry.id / Passage.id (triggers delete them with their rows); PostgreSQL has tsvector columns
`search_entry.tsv`, `search_entry.title_tsv` and `search_passage.tsv` with GIN indexes.
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


class SearchText(models.Model):
    """Normalised title, 文号 and body of an indexed document: quoted phrases are verified here."""

    id = models.BigAutoField(primary_key=True)
    entry = models.OneToOneField(SearchEntry, on_delete=models.CASCADE, related_name="text")
    content = models.TextField()

    class Meta:
        db_table = "search_text"


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
    """One change to the index, in commit order, for hosts that keep a local replica (replica.py).

    `document_id` is the document whose entry was written or removed; empty means the whole index
    was rebuilt. Rows older than a week are pruned by the replica follower.
    """

    id = models.BigAutoField(primary_key=True)
    document_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        db_table = "search_index_change"
