"""Tamper evidence: verify the audit chain, every published document against its revision hash,
and every public document page against what its published revision should produce.

Problems are dicts `{"kind", "document_id", "message", ...}` with Chinese messages:
- audit_chain: an audit row was edited, inserted or deleted (audit_chain_verify)
- revision_tampered: a stored revision's snapshot no longer matches its own SHA-256
- document_changed: the live row differs from the latest published revision (fields listed)
- no_revision: a published document without any revision
- page_error: the public page could not be rendered or fetched
- page_missing_content: title, 索引号 or body text of the revision is not on the page
- revision_rehashed / revision_unaudited: a revision's hash differs from (or has no) publish audit row;
  audit_truncated / audit_rewritten / revisions_rewritten: the database no longer matches the
  latest checkpoint (tamper.py, checkpoints.py)
- page_injected: the page carries spam text, a hidden element, a script or a foreign link that the
  revision does not contain (source "render" for the application's own rendering, "live" for
  pages fetched from the portal's address)

Cost (see docs/PERFORMANCE.md, "Integrity check"): documents are read in primary-key batches with
their agency, subject, attachments and latest revision fetched per batch, not per document; each
page is rendered in-process through one request handler whose middleware is loaded once per run
(the whole stack still runs for every page, so a middleware that alters pages is caught); each
page is parsed once with lxml; what a revision should show is computed once per document.
"""
import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from gongkai.audit.models import AuditEntry
from gongkai.audit.services import audit_chain_verify
from gongkai.catalog.models import Document, Revision, Status
from gongkai.catalog.services import payload_sha256, revision_payload

from .detect import site_hosts
from .pageparse import ParsedPage, body_text  # noqa: F401 (body_text, ParsedPage kept importable here)
from .spam import THRESHOLD, _HIDDEN_STYLE_RE, detect_spam, host_is_public_sector
from .tamper import tamper_problems

_HREF_RE = re.compile(r"href=[\"']([^\"']+)")
META_LABELS = (("index_no", _l("索引号")), ("doc_no", _l("发文字号")), ("agency", _l("发布机构")),
               ("publish_date", _l("发布日期")), ("written_date", _l("成文日期")))
FETCH_TIMEOUT = 15
MAX_PAGE_BYTES = 5 * 1024 * 1024
BATCH_SIZE = 200  # published documents read (with their latest revisions) per query


@dataclass
class IntegrityResult:
    problems: list = field(default_factory=list)
    audit_entries: int = 0
    documents_checked: int = 0
    pages_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        return {"ok": self.ok, "audit_entries": self.audit_entries,
                "documents_checked": self.documents_checked, "pages_checked": self.pages_checked,
                "problems": self.problems}


def _squash(text: str) -> str:
    """`text` without any whitespace (str.split() splits on exactly what `\\s` matches)."""
    return "".join(text.split()) if text else ""


def _render_host() -> str:
    for host in settings.ALLOWED_HOSTS:
        host = host.lstrip(".")
        if host and "*" not in host:
            return host
    return "localhost"


class PageRenderer:
    """Renders public pages in-process through the whole middleware stack, as a visitor gets them.

    The handler (and so the middleware chain, read from settings) is built once and reused for
    every page; each request is a fresh anonymous GET without cookies. An exception in a view is
    answered as the site answers it (status 500), so one broken page does not stop a run.
    """

    def __init__(self):
        from django.test.client import ClientHandler, RequestFactory

        self._handler = ClientHandler(enforce_csrf_checks=True)
        self._factory = RequestFactory(HTTP_HOST=_render_host())
        self._secure = bool(getattr(settings, "SECURE_SSL_REDIRECT", False))

    def __call__(self, path: str) -> tuple[int, str]:
        # The handler closes the response itself (without closing the database connection).
        response = self._handler(self._factory.get(path, secure=self._secure).environ)
        if response.status_code != 200:
            return response.status_code, ""
        content = b"".join(response.streaming_content) if response.streaming else response.content
        return response.status_code, content.decode(response.charset or "utf-8", "replace")


def render_page(path: str) -> tuple[int, str]:
    """Render one public page through the whole middleware stack, as a visitor would get it."""
    return PageRenderer()(path)


def fetch_page(url: str) -> tuple[int, str]:
    """Fetch a page from the live portal (http/https only)."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(url)
    request = urllib.request.Request(url, headers={"User-Agent": "gongkai-integrity/1"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # noqa: S310 (scheme checked)
            data = response.read(MAX_PAGE_BYTES)
            charset = response.headers.get_content_charset() or "utf-8"
            return response.status, data.decode(charset, "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


# --- One parse per page and per revision body -------------------------------------------------
# HTML is parsed by lxml's HTML parser (libxml2) straight into a flat list of text strings and the
# few elements a check looks at; no tree is built. The parser's events are read the way
# BeautifulSoup reads them with its "lxml" builder (which this module used before, and on whose
# text the spam detector was tuned), so the text is the same as its get_text(): text after </body>
# or </html> still counts (browsers show it); text inside <script>, <style>, <template>, <rt> and
# <rp> is not page text; a run of ASCII whitespace outside <pre>/<textarea> counts as one "\n" (or
# " "); comments, processing instructions and the doctype are not text.
# tests/test_integrity_scale.py checks both parses against BeautifulSoup and core.html.
class Expected:
    """What a page built from one revision snapshot must show, computed once per document."""

    __slots__ = ("title", "title_squashed", "meta", "attachments", "body_lines", "body_hosts",
                 "body_squashed")

    def __init__(self, snapshot: dict):
        self.title = snapshot.get("title") or ""
        self.title_squashed = _squash(self.title)
        self.meta = []
        for key, label in META_LABELS:
            value = snapshot.get(key) or ""
            if isinstance(value, str) and value.strip():
                self.meta.append((key, label, value, _squash(value)))
        self.attachments = [(a.get("name"), _squash(a.get("name")))
                            for a in snapshot.get("attachments") or [] if a.get("name")]
        body_html = snapshot.get("body_html") or ""
        text = body_text(body_html)
        self.body_lines = [(line, sq) for line in text.splitlines() if (sq := _squash(line))]
        self.body_hosts = {urlsplit(h).hostname for h in _HREF_RE.findall(body_html)}
        self.body_squashed = _squash(text) + self.title_squashed


def page_compare(html: str, snapshot: dict, *, extra_hosts=(), expected: Expected | None = None) -> list[dict]:
    """Compare a rendered document page with the revision snapshot it should show."""
    problems = []
    expected = expected or Expected(snapshot)
    page = ParsedPage(html)
    for tag in page.scripts:
        if tag.tag == "script":
            src = tag.get("src") or ""
            host = urlsplit(src).hostname if src.startswith(("http:", "https:", "//")) else None
            if host and not host_is_public_sector(host, extra_hosts):
                problems.append({"kind": "page_injected", "what": "script",
                                 "message": _("页面引用了外部脚本：%(src)s") % {"src": src[:200]}})
            elif (not src and page.element_text(tag, strip=True)
                  and tag.get("type") not in ("application/ld+json", "application/json")):
                problems.append({"kind": "page_injected", "what": "inline_script",
                                 "message": _("页面含有内联脚本（已发布版本不应产生）。")})
    page_text = page.text("\n")
    squashed = _squash(page_text)
    if expected.title and expected.title_squashed not in squashed:
        problems.append({"kind": "page_missing_content", "what": "title",
                         "message": _("页面上找不到已发布的标题“%(title)s”。") % {"title": expected.title[:60]}})
    # Metadata the revision holds and a document page shows (each only when the revision has it).
    for key, label, value, value_squashed in expected.meta:
        if value_squashed not in squashed:
            problems.append({"kind": "page_missing_content", "what": key,
                             "message": _("页面上找不到已发布的%(label)s“%(value)s”。") % {"label": label, "value": value[:60]}})
    for name, name_squashed in expected.attachments:
        if name_squashed and name_squashed not in squashed:
            problems.append({"kind": "page_missing_content", "what": "attachment",
                             "message": _("页面上找不到附件“%(name)s”。") % {"name": name[:60]}})
    missing = [line for line, line_squashed in expected.body_lines if line_squashed not in squashed]
    if missing:
        problems.append({"kind": "page_missing_content", "what": "body",
                         "message": _("页面正文与已发布版本不一致：%(n)d 段缺失或被改动，例如“%(line)s”。")
                         % {"n": len(missing), "line": missing[0][:60]}})
    # Foreign links and hidden elements that the revision does not contain.
    for a in page.links:
        href = a.get("href").strip()
        if not href.lower().startswith(("http:", "https:", "//")):
            continue
        host = urlsplit(href).hostname or ""
        if host and host not in expected.body_hosts and not host_is_public_sector(host, extra_hosts):
            problems.append({"kind": "page_injected", "what": "foreign_link",
                             "message": _("页面含有已发布版本中没有的外部链接：%(href)s（%(text)s）")
                             % {"href": href[:200], "text": page.element_text(a, strip=True)[:40]}})
    for tag in page.hidden:
        if page.element_text(tag, strip=True):
            problems.append({"kind": "page_injected", "what": "hidden_element",
                             "message": _("页面含有隐藏元素 <%(tag)s>：%(text)s")
                             % {"tag": tag.tag, "text": page.element_text(tag, " ", strip=True)[:60]}})
    for tag in page.styled:
        if _HIDDEN_STYLE_RE.search(tag.get("style", "")) and page.element_text(tag, strip=True):
            problems.append({"kind": "page_injected", "what": "hidden_element",
                             "message": _("页面含有被样式隐藏的内容：%(text)s")
                             % {"text": page.element_text(tag, " ", strip=True)[:60]}})
    # Injected text anywhere on the page (chrome included) that the revision does not contain.
    result = detect_spam(page_text, extra_hosts=extra_hosts)
    for passage in result.passages:
        if passage.score >= THRESHOLD and _squash(passage.text) not in expected.body_squashed:
            problems.append({"kind": "page_injected", "what": "spam_text",
                             "message": _("页面含有疑似植入的垃圾信息：“%(text)s”") % {"text": passage.text[:60]}})
    return problems


# Fields that change on a published document without a new revision, through an audited service
# (document_validity_change: 立改废). They are accepted when the audit log explains them.
VALIDITY_FIELDS = {"validity", "expiry_date"}


def _validity_explained(document, revision) -> bool:
    """True when the latest audited validity change since the revision set the live validity."""
    entry = (AuditEntry.objects.filter(action="document.validity", object_type="catalog.document",
                                       object_id=str(document.pk), at__gte=revision.created_at)
             .order_by("-id").first())
    return entry is not None and entry.to_state == document.validity


def _document_problems(document, revision) -> list[dict]:
    problems = []
    if payload_sha256(revision.snapshot) != revision.sha256:
        problems.append({"kind": "revision_tampered",
                         "message": _("第 %(n)d 版的存档内容与其 SHA-256 不符（存档被改动）。") % {"n": revision.number}})
    live = revision_payload(document)
    if payload_sha256(live) != revision.sha256:
        fields = sorted(k for k in live if live.get(k) != revision.snapshot.get(k))
        if set(fields) <= VALIDITY_FIELDS and _validity_explained(document, revision):
            return problems
        problems.append({"kind": "document_changed", "fields": fields,
                         "message": _("已发布文件的当前内容与第 %(n)d 版的哈希不符，改动的字段：%(fields)s（未经发布流程修改）。")
                         % {"n": revision.number, "fields": "、".join(fields) or "?"}})
    return problems


def published_batches(*, batch_size: int = BATCH_SIZE):
    """Yield (documents, {document id: latest revision}) for every published document, by pk.

    Keyset batches: each batch is two queries (plus one for attachments), memory stays bounded and
    no cursor or transaction is held open while pages render. Everything `revision_payload` reads
    (agency, subject and its parent, attachments) comes with the batch.
    """
    documents = (Document.objects.filter(status=Status.PUBLISHED)
                 .select_related("agency", "subject__parent").prefetch_related("attachments")
                 .defer("body_text").order_by("pk"))
    newest = Revision.objects.filter(document_id=OuterRef("document_id")).order_by("-number").values("pk")[:1]
    last = 0
    while True:
        batch = list(documents.filter(pk__gt=last)[:batch_size])
        if not batch:
            return
        revisions = Revision.objects.filter(document_id__in=[d.pk for d in batch], pk=Subquery(newest))
        yield batch, {r.document_id: r for r in revisions}
        last = batch[-1].pk


def integrity_check(*, base_url: str | None = None, render: bool = True, fetch=fetch_page,
                    batch_size: int = BATCH_SIZE) -> IntegrityResult:
    """Run every check; `base_url` also fetches the live portal's document pages and front page."""
    result = IntegrityResult()
    extra_hosts = site_hosts() + ((urlsplit(base_url).hostname,) if base_url else ())
    result.audit_entries = AuditEntry.objects.count()
    for problem in audit_chain_verify():
        result.problems.append({"kind": "audit_chain", "document_id": None, "audit_id": problem.get("id"),
                                "message": problem["message"]})
    result.problems.extend(tamper_problems())  # publish audit rows and the latest checkpoint
    renderer = PageRenderer() if render else None
    for batch, latest in published_batches(batch_size=batch_size):
        for document in batch:
            result.documents_checked += 1
            revision = latest.get(document.pk)
            if revision is None:
                result.problems.append({"kind": "no_revision", "document_id": document.pk,
                                        "message": _("已发布文件没有发布版本记录。")})
                continue
            for problem in _document_problems(document, revision):
                problem["document_id"] = document.pk
                result.problems.append(problem)
            path = reverse("portal:document", args=[document.pk])
            sources = []
            if renderer is not None:
                sources.append(("render", lambda p=path: renderer(p)))
            if base_url:
                sources.append(("live", lambda p=path: fetch(base_url.rstrip("/") + p)))
            expected = None
            for source, get in sources:
                result.pages_checked += 1
                try:
                    status, html = get()
                except (OSError, ValueError) as exc:
                    result.problems.append({"kind": "page_error", "document_id": document.pk, "source": source,
                                            "message": _("无法取得页面 %(path)s：%(error)s") % {"path": path, "error": exc}})
                    continue
                if status != 200:
                    result.problems.append({"kind": "page_error", "document_id": document.pk, "source": source,
                                            "message": _("页面 %(path)s 返回状态 %(status)s。") % {"path": path, "status": status}})
                    continue
                expected = expected or Expected(revision.snapshot)
                for problem in page_compare(html, revision.snapshot, extra_hosts=extra_hosts, expected=expected):
                    problem.update({"document_id": document.pk, "source": source, "path": path})
                    result.problems.append(problem)
    if base_url:
        result.pages_checked += 1
        try:
            status, html = fetch(base_url.rstrip("/") + "/")
        except (OSError, ValueError) as exc:
            status, html = None, ""
            result.problems.append({"kind": "page_error", "document_id": None, "source": "live",
                                    "message": _("无法取得门户首页：%(error)s") % {"error": exc}})
        if status == 200:
            text = ParsedPage(html).text("\n")
            for passage in detect_spam(text, extra_hosts=extra_hosts).passages:
                if passage.score >= THRESHOLD:
                    result.problems.append({"kind": "page_injected", "what": "spam_text", "document_id": None,
                                            "source": "live", "path": "/",
                                            "message": _("门户首页含有疑似植入的垃圾信息：“%(text)s”") % {"text": passage.text[:60]}})
    return result


# --- a checkpoint's proof against the live portal (`gongkai integrity verify`) ------------------------

def proof_fetch(*, base_url: str, document_id: int, date: str = "") -> dict | None:
    """The proof the portal serves for a document against the checkpoint of `date`."""
    url = f"{base_url.rstrip('/')}/xxgk/integrity/proof/{int(document_id)}.json"
    status, body = fetch_page(url + (f"?{urlencode({'checkpoint': date})}" if date else ""))
    return json.loads(body) if status == 200 and body else None


def page_matches(*, base_url: str, proof: dict) -> list[str]:
    """The live document page compared with the proven revision (the integrity check's comparison)."""
    url = f"{base_url.rstrip('/')}/doc/{int(proof['document_id'])}/"
    status, html = fetch_page(url)
    if status != 200:
        return [_("页面 %(url)s 返回状态 %(status)s。") % {"url": url, "status": status}]
    if proof.get("current_revision") not in (None, proof["revision"]["number"]):
        return []  # republished since through the workflow: the page shows the newer revision
    return [p["message"] for p in page_compare(html, proof["revision"]["snapshot"])]
