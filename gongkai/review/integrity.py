"""Tamper evidence: verify the audit chain, every published document against its revision hash,
and every public document page against what its published revision should produce.

Problems are dicts `{"kind", "document_id", "message", ...}` with Chinese messages:
- audit_chain: an audit row was edited, inserted or deleted (audit_chain_verify)
- revision_tampered: a stored revision's snapshot no longer matches its own SHA-256
- document_changed: the live row differs from the latest published revision (fields listed)
- no_revision: a published document without any revision
- page_error: the public page could not be rendered or fetched
- page_missing_content: title, 索引号 or body text of the revision is not on the page
- page_injected: the page carries spam text, a hidden element, a script or a foreign link that the
  revision does not contain (source "render" for the application's own rendering, "live" for
  pages fetched from the portal's address)
"""
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from gongkai.audit.models import AuditEntry
from gongkai.audit.services import audit_chain_verify
from gongkai.catalog.models import Document, Status
from gongkai.catalog.services import payload_sha256, revision_payload
from gongkai.core.html import html_to_text

from .detect import site_hosts
from .spam import THRESHOLD, _HIDDEN_STYLE_RE, detect_spam, host_is_public_sector

_WS_RE = re.compile(r"\s+")
META_LABELS = (("index_no", _l("索引号")), ("doc_no", _l("发文字号")), ("agency", _l("发布机构")),
               ("publish_date", _l("发布日期")), ("written_date", _l("成文日期")))
FETCH_TIMEOUT = 15
MAX_PAGE_BYTES = 5 * 1024 * 1024


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
    return _WS_RE.sub("", text or "")


def _render_host() -> str:
    for host in settings.ALLOWED_HOSTS:
        host = host.lstrip(".")
        if host and "*" not in host:
            return host
    return "localhost"


def render_page(path: str) -> tuple[int, str]:
    """Render a public page through the whole middleware stack, as a visitor would get it."""
    from django.test import Client

    client = Client(HTTP_HOST=_render_host())
    response = client.get(path, secure=bool(getattr(settings, "SECURE_SSL_REDIRECT", False)))
    return response.status_code, response.content.decode(response.charset or "utf-8", "replace")


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


def page_compare(html: str, snapshot: dict, *, extra_hosts=()) -> list[dict]:
    """Compare a rendered document page with the revision snapshot it should show."""
    problems = []
    soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all(["script", "style"]):
        if tag.name == "script":
            src = tag.get("src") or ""
            host = urlsplit(src).hostname if src.startswith(("http:", "https:", "//")) else None
            if host and not host_is_public_sector(host, extra_hosts):
                problems.append({"kind": "page_injected", "what": "script",
                                 "message": _("页面引用了外部脚本：%(src)s") % {"src": src[:200]}})
            elif not src and tag.get_text(strip=True) and tag.get("type") not in ("application/ld+json", "application/json"):
                problems.append({"kind": "page_injected", "what": "inline_script",
                                 "message": _("页面含有内联脚本（已发布版本不应产生）。")})
    page_text = soup.get_text("\n")
    squashed = _squash(page_text)
    title = snapshot.get("title") or ""
    if title and _squash(title) not in squashed:
        problems.append({"kind": "page_missing_content", "what": "title",
                         "message": _("页面上找不到已发布的标题“%(title)s”。") % {"title": title[:60]}})
    # Metadata the revision holds and a document page shows (each only when the revision has it).
    for key, label in META_LABELS:
        value = snapshot.get(key) or ""
        if isinstance(value, str) and value.strip() and _squash(value) not in squashed:
            problems.append({"kind": "page_missing_content", "what": key,
                             "message": _("页面上找不到已发布的%(label)s“%(value)s”。") % {"label": label, "value": value[:60]}})
    for attachment in snapshot.get("attachments") or []:
        name = attachment.get("name") or ""
        if name and _squash(name) not in squashed:
            problems.append({"kind": "page_missing_content", "what": "attachment",
                             "message": _("页面上找不到附件“%(name)s”。") % {"name": name[:60]}})
    body_html = snapshot.get("body_html") or ""
    missing = [line for line in html_to_text(body_html).splitlines()
               if _squash(line) and _squash(line) not in squashed]
    if missing:
        problems.append({"kind": "page_missing_content", "what": "body",
                         "message": _("页面正文与已发布版本不一致：%(n)d 段缺失或被改动，例如“%(line)s”。")
                         % {"n": len(missing), "line": missing[0][:60]}})
    # Foreign links and hidden elements that the revision does not contain.
    body_hosts = {urlsplit(h).hostname for h in re.findall(r"href=[\"']([^\"']+)", body_html)}
    for a in soup.find_all("a", href=True):
        href = a["href"].strip()
        if not href.lower().startswith(("http:", "https:", "//")):
            continue
        host = urlsplit(href).hostname or ""
        if host and host not in body_hosts and not host_is_public_sector(host, extra_hosts):
            problems.append({"kind": "page_injected", "what": "foreign_link",
                             "message": _("页面含有已发布版本中没有的外部链接：%(href)s（%(text)s）")
                             % {"href": href[:200], "text": a.get_text(strip=True)[:40]}})
    for tag in soup.find_all(["noframes", "marquee", "noscript"]):
        if tag.get_text(strip=True):
            problems.append({"kind": "page_injected", "what": "hidden_element",
                             "message": _("页面含有隐藏元素 <%(tag)s>：%(text)s") % {"tag": tag.name, "text": tag.get_text(" ", strip=True)[:60]}})
    for tag in soup.find_all(style=True):
        if _HIDDEN_STYLE_RE.search(tag.get("style", "")) and tag.get_text(strip=True):
            problems.append({"kind": "page_injected", "what": "hidden_element",
                             "message": _("页面含有被样式隐藏的内容：%(text)s") % {"text": tag.get_text(" ", strip=True)[:60]}})
    # Injected text anywhere on the page (chrome included) that the revision does not contain.
    body_squashed = _squash(html_to_text(body_html)) + _squash(title)
    result = detect_spam(page_text, extra_hosts=extra_hosts)
    for passage in result.passages:
        if passage.score >= THRESHOLD and _squash(passage.text) not in body_squashed:
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


def integrity_check(*, base_url: str | None = None, render: bool = True, fetch=fetch_page) -> IntegrityResult:
    """Run every check; `base_url` also fetches the live portal's document pages and front page."""
    result = IntegrityResult()
    extra_hosts = site_hosts() + ((urlsplit(base_url).hostname,) if base_url else ())
    result.audit_entries = AuditEntry.objects.count()
    for problem in audit_chain_verify():
        result.problems.append({"kind": "audit_chain", "document_id": None, "audit_id": problem.get("id"),
                                "message": problem["message"]})
    documents = (Document.objects.filter(status=Status.PUBLISHED)
                 .select_related("agency", "subject").prefetch_related("attachments", "revisions")
                 .order_by("pk"))
    for document in documents.iterator(chunk_size=200):
        result.documents_checked += 1
        revisions = sorted(document.revisions.all(), key=lambda r: r.number)
        if not revisions:
            result.problems.append({"kind": "no_revision", "document_id": document.pk,
                                    "message": _("已发布文件没有发布版本记录。")})
            continue
        revision = revisions[-1]
        for problem in _document_problems(document, revision):
            problem["document_id"] = document.pk
            result.problems.append(problem)
        path = reverse("portal:document", args=[document.pk])
        sources = []
        if render:
            sources.append(("render", lambda p=path: render_page(p)))
        if base_url:
            sources.append(("live", lambda p=path: fetch(base_url.rstrip("/") + p)))
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
            for problem in page_compare(html, revision.snapshot, extra_hosts=extra_hosts):
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
            text = BeautifulSoup(html, "lxml").get_text("\n")
            for passage in detect_spam(text, extra_hosts=extra_hosts).passages:
                if passage.score >= THRESHOLD:
                    result.problems.append({"kind": "page_injected", "what": "spam_text", "document_id": None,
                                            "source": "live", "path": "/",
                                            "message": _("门户首页含有疑似植入的垃圾信息：“%(text)s”") % {"text": passage.text[:60]}})
    return result
