"""The review service used wherever text goes public, and the writes of the review app.

- `review_text(text=, html=, context=)` → ReviewReport (verdict pass/warn/block, pii, spam, secrecy)
- `deidentify(text)` → the text with every personal finding masked (public officials kept)
- `spam_clean_text` / `spam_clean_html` → the text or HTML with the injected passages removed
- `review_publish_check` → the `document_pre_publish` gate (block: refuse; warn: refuse unless
  overridden with a reason, which is audited; a spam title or header field: refuse, no override)
- `header_spam(document)` → the header fields that carry injected spam
- `integrity_run_create` → run and store an integrity check
"""
from bs4 import BeautifulSoup
from bs4.element import Comment, NavigableString
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import audit_record
from gongkai.core.errors import TransitionError

from . import detect
from .findings import BLOCK, WARN, ReviewReport
from .labels import KIND_LABELS
from .masking import mask
from .models import IntegrityRun, ReviewRecord
from .spam import THRESHOLD, detect_spam, is_spam_line, remove_passages

_HIDDEN_TAGS = ("noframes", "noscript", "marquee", "script", "style", "template")


def review_text(*, text: str, html: str | None = None, context: str = "") -> ReviewReport:
    """Review `text` for personal information, secrecy markers and injected spam.

    Spans in the report refer to `text` as given (full-width digits included). `html`, when
    given, adds checks only HTML can show (hidden elements, links to foreign hosts); its passages
    carry `source="html"` and spans into `html`. `context` is the document's title.
    """
    return detect.review(text or "", html=html, context=context or "")


def deidentify(text: str, *, context: str = "") -> str:
    """Mask every personal finding in `text` (张**, 3301**********123X, 138****5678).

    Public findings stay: an office's telephone, a government e-mail address, an official named
    with a title or in a 公示 the law requires.
    """
    report = detect.review(text or "", context=context)
    out = text or ""
    for finding in sorted(report.personal_pii, key=lambda f: f.start, reverse=True):
        out = out[:finding.start] + mask(finding.kind, out[finding.start:finding.end]) + out[finding.end:]
    return out


def masked_report(report: ReviewReport) -> dict:
    """The report as a dict with personal values masked (safe to store and to show in logs)."""
    data = report.to_dict()
    for item in data["pii"]:
        if item["personal"]:
            item["text"] = mask(item["kind"], item["text"])
    return data


def spam_clean_text(*, text: str, context: str = "") -> tuple[str, list]:
    """Remove the injected spam passages from `text`; return (clean text, removed passages)."""
    result = detect_spam(text or "", context=context, extra_hosts=detect.site_hosts())
    passages = [p for p in result.passages if p.source == "text"]
    return remove_passages(text or "", passages), passages


def spam_clean_html(*, html: str, context: str = "") -> tuple[str, list]:
    """Remove injected spam from `html`: hidden elements, and spam passages in its text nodes.

    The text nodes are joined (one per line) and scanned once; each reported passage is cut out of
    the nodes it covers, so the markup around it survives.
    """
    soup = BeautifulSoup(html or "", "lxml")
    removed = []
    for tag in soup.find_all(_HIDDEN_TAGS):
        removed.append({"text": tag.get_text(" ", strip=True), "signals": ["hidden_html"]})
        tag.decompose()
    for tag in soup.find_all(style=True):
        if detect_spam_hidden_style(tag.get("style", "")):
            removed.append({"text": tag.get_text(" ", strip=True), "signals": ["hidden_html"]})
            tag.decompose()
    nodes = [n for n in soup.find_all(string=True) if not isinstance(n, Comment)]
    offsets, pieces, pos = [], [], 0
    for node in nodes:
        offsets.append(pos)
        pieces.append(str(node))
        pos += len(pieces[-1]) + 1
    joined = "\n".join(pieces)
    result = detect_spam(joined, context=context, extra_hosts=detect.site_hosts())
    cuts: dict[int, list] = {}
    for passage in result.passages:
        if passage.source != "text":
            continue
        removed.append({"text": passage.text, "signals": passage.signals, "score": passage.score})
        for i, node_start in enumerate(offsets):
            node_end = node_start + len(pieces[i])
            if passage.start < node_end and passage.end > node_start:
                cuts.setdefault(i, []).append((max(passage.start, node_start) - node_start,
                                               min(passage.end, node_end) - node_start))
    for i, spans in cuts.items():
        value = pieces[i]
        for start, end in sorted(spans, reverse=True):
            while end < len(value) and value[end] in " \t\u3000":
                end += 1
            value = value[:start] + value[end:]
        nodes[i].replace_with(NavigableString(value))
    body = soup.body
    cleaned = "".join(str(c) for c in body.contents) if body is not None else str(soup)
    return cleaned, removed


def detect_spam_hidden_style(style: str) -> bool:
    from .spam import _HIDDEN_STYLE_RE

    return bool(_HIDDEN_STYLE_RE.search(style or ""))


def _finding_lines(report: ReviewReport, *, verdict: str) -> list[str]:
    from .findings import PII_SEVERITY

    lines = []
    for f in report.secrecy:
        lines.append(_("%(label)s“%(text)s”") % {"label": KIND_LABELS["secrecy"], "text": f.text})
    for p in report.spam.passages:
        if p.score >= THRESHOLD:
            snippet = p.text if len(p.text) <= 30 else p.text[:30] + "…"
            lines.append(_("%(label)s“%(text)s”") % {"label": KIND_LABELS["spam"], "text": snippet})
    for f in report.personal_pii:
        if PII_SEVERITY[f.kind] == verdict:
            lines.append(_("%(label)s“%(text)s”") % {"label": KIND_LABELS[f.kind], "text": mask(f.kind, f.text)})
    if verdict == WARN:
        for a in report.attachments:
            lines.append(_("%(problem)s，须人工审查该附件") % {"problem": a.problem.rstrip("。")})
    return lines


def review_message(report: ReviewReport) -> str:
    """The Chinese message telling an editor what stops publication."""
    if report.verdict == BLOCK:
        lines = _finding_lines(report, verdict=BLOCK)
        head = _("发布前审查未通过，须先修改：")
    else:
        lines = _finding_lines(report, verdict=WARN)
        head = _("发布前审查发现需人工确认的内容，确需发布请填写覆盖理由：")
    shown = lines[:10]
    more = _("等%(n)d处") % {"n": len(lines)} if len(lines) > 10 else ""
    return head + "；".join(shown) + more + "。"


@transaction.atomic
def review_publish_check(*, document, actor, override_reason: str = "") -> ReviewRecord:
    """Review `document` before it is published (the `document_pre_publish` receiver).

    A block verdict raises TransitionError; a warn verdict raises unless `override_reason` is
    given, in which case the override is recorded and audited. Runs inside the publish transaction.
    """
    from .documents import document_review

    spam_fields = header_spam(document)
    if spam_fields:
        # A spam title or header is never published, whatever the override: the page would carry
        # the spam in its title, the catalog, the feeds and the search results.
        raise TransitionError(
            _("名称或文件头含有疑似植入的垃圾信息，不能发布（填写覆盖理由也不能发布）：%(fields)s。"
              "请先改为文件本身的名称和信息。")
            % {"fields": "；".join(_("%(label)s“%(text)s”") % {"label": label, "text": value[:40]}
                                  for label, value in spam_fields)},
            code="review_spam_header")
    report = document_review(document=document)
    override_reason = (override_reason or "").strip()
    if report.verdict == BLOCK or (report.verdict == WARN and not override_reason):
        raise TransitionError(review_message(report), code=f"review_{report.verdict}")
    overridden = report.verdict == WARN
    record = ReviewRecord.objects.create(
        kind=ReviewRecord.Kind.PUBLISH, document=document,
        actor=actor if actor is not None and actor.pk else None,
        verdict=report.verdict, overridden=overridden,
        override_reason=override_reason if overridden else "", report=masked_report(report))
    if overridden:
        audit_record(actor=actor, action="review.override", obj=document, from_state=WARN,
                     to_state="overridden", reason=override_reason,
                     data={"record": record.pk, "findings": _finding_lines(report, verdict=WARN)})
    return record


# The header fields of a document, as the catalog shows them above the body.
_HEADER_FIELDS = (("title", "名称"), ("doc_no", "发文字号"), ("publisher_name", "发布机构"),
                  ("subject_label", "主题分类"), ("keywords", "主题词"))


def header_spam(document) -> list[tuple[str, str]]:
    """The header fields of `document` (名称, 发文字号, 发布机构, 主题分类, 主题词) that carry injected
    spam, as (Chinese label, value) pairs."""
    found = []
    for field, label in _HEADER_FIELDS:
        value = (getattr(document, field, "") or "").strip()
        if value and is_spam_line(value):
            found.append((_(label), value))
    return found


def integrity_run_create(*, source: str, actor=None, base_url: str = "") -> IntegrityRun:
    """Run the integrity check now and store its result."""
    from .integrity import integrity_check

    started = timezone.now()
    result = integrity_check(base_url=base_url or None)
    run = IntegrityRun.objects.create(
        source=source, actor=actor if actor is not None and actor.pk else None, base_url=base_url or "",
        started_at=started, finished_at=timezone.now(), ok=not result.problems,
        audit_entries=result.audit_entries, documents_checked=result.documents_checked,
        pages_checked=result.pages_checked, problems=result.problems)
    if result.problems:
        audit_record(actor=actor, action="integrity.problems", obj=run,
                     data={"problems": len(result.problems),
                           "kinds": sorted({p["kind"] for p in result.problems})})
    return run


def text_for_scan(*, name: str, data: bytes) -> tuple[str, str | None]:
    """Decode an uploaded or scanned file into (text, html or None). Raises ValueError (Chinese)."""
    from .documents import file_text

    return file_text(name=name, data=data)


__all__ = ["review_text", "deidentify", "spam_clean_text", "spam_clean_html", "review_publish_check",
           "integrity_run_create", "masked_report", "review_message"]
