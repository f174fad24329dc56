"""The integrity check at scale: batched reads, one handler per run, one lxml parse per page.

The page and body parsers must read HTML exactly as BeautifulSoup (and core.html.html_to_text)
did before, since the spam detector and the content comparison were written against that text.
"""
import random

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.catalog.models import Document, Revision
from gongkai.catalog.services import document_transition, document_update
from gongkai.core.html import html_to_text, sanitize_html
from gongkai.review.integrity import ParsedPage, body_text, integrity_check, render_page

SPAM = '<p>澳门新葡京官网 葡京赌场开户 博彩网址 <a href="http://www.xpj-bet.com/">现金网注册送彩金</a></p>'

TRICKY = [
    "", " ", "\ufeff<p>开头有字节序标记</p>", "abc", "<!-- 只有注释 -->",
    "<p>a<br>b &amp; &nbsp; &#x4e2d;</p><p>  \n  </p>",
    "<pre>  \n  保留  空白\n</pre> \n\t <textarea>  </textarea>",
    "<template><p>模板 博彩</p></template><ruby>漢<rt>han</rt><rp>(</rp></ruby>",
    "<script>var a = 1;</script><script src='https://evil.example.com/x.js'></script><style>p{}</style>",
    "<noscript>  太阳城 集团 官网 </noscript><marquee>彩票 开户 送彩金</marquee><noframes>x</noframes>",
    "<div style='display:none'>bob体育官网 <a href='https://x.bet/'>开户</a></div>",
    "<table><tr><td>1</td><td style='visibility:hidden'>隐藏单元格</td></tr><tr><th>表头</th></tr></table>",
    "<div><p>unclosed <b>bold <i>both</p> after</div></span></html> 文档结束后的文字",
    "<html><body><p>正文</p></body></html>\n<a href='http://z.bet/'>结束标签之后的链接</a>",
    "<!DOCTYPE html><?xml-stylesheet x?><p>处理指令</p><![CDATA[q]]>",
    "<ul><li>一<li>二<p>三</p></ul><blockquote><p>引</p></blockquote><h2>标题</h2><caption>表题</caption>",
    "<svg><title>t</title><text>svg文字</text></svg><select><option> 二 </option></select>",
    "<P STYLE='font-size:0'>大写标签</P><A HREF='//y.com/p'>大写链接</A>",
]

_TAGS = ["p", "div", "span", "a", "script", "style", "template", "rt", "rp", "ruby", "pre", "textarea",
         "noscript", "noframes", "marquee", "table", "tr", "td", "th", "li", "ul", "b", "br", "html", "body",
         "head", "title", "h2", "h3", "caption", "blockquote", "tbody", "iframe"]
_TEXTS = ["葡京", " ", "\n", "  \n\t", "文字", "&amp;", "&nbsp;", "a<b", "\u3000", "<!-- c -->", "<?pi x?>",
          "<!DOCTYPE html>", "<br>", "<br/>", " a b "]


def _random_html(rng, depth=0):
    out = []
    for _ in range(rng.randint(0, 5)):
        r = rng.random()
        if r < 0.4:
            out.append(rng.choice(_TEXTS))
        elif r < 0.85 and depth < 6:
            tag = rng.choice(_TAGS)
            attrs = ""
            if rng.random() < 0.3:
                attrs += ' style="%s"' % rng.choice(["display:none", "color:red", "font-size:0"])
            if tag == "a" or rng.random() < 0.1:
                attrs += ' href="%s"' % rng.choice(["http://x.bet/", "/local", "//y.com/p", ""])
            close = "" if rng.random() < 0.15 else f"</{tag}>"
            out.append(f"<{tag}{attrs}>{_random_html(rng, depth + 1)}{close}")
        else:
            out.append(f"</{rng.choice(_TAGS)}>")
    return "".join(out)


def _corpus(n=400, seed=20241122):
    rng = random.Random(seed)
    return TRICKY + [_random_html(rng) for _ in range(n)]


def _soup_view(html):
    soup = BeautifulSoup(html, "lxml")
    return (soup.get_text("\n"),
            [(t.name, t.get("src"), t.get_text(strip=True)) for t in soup.find_all(["script", "style"])],
            [(t["href"], t.get_text(strip=True)) for t in soup.find_all("a", href=True)],
            [(t.name, t.get_text(" ", strip=True)) for t in soup.find_all(["noframes", "marquee", "noscript"])],
            [(t.name, t.get("style"), t.get_text(" ", strip=True)) for t in soup.find_all(style=True)])


def _page_view(html):
    page = ParsedPage(html)
    return (page.text("\n"),
            [(t.tag, t.get("src"), page.element_text(t, strip=True)) for t in page.scripts],
            [(t.get("href"), page.element_text(t, strip=True)) for t in page.links],
            [(t.tag, page.element_text(t, " ", strip=True)) for t in page.hidden],
            [(t.tag, t.get("style"), page.element_text(t, " ", strip=True)) for t in page.styled])


def test_page_parse_reads_html_as_beautifulsoup_did():
    for html in _corpus():
        assert _page_view(html) == _soup_view(html), html


def test_body_text_is_html_to_text():
    for html in _corpus(300, seed=7):
        for variant in (html, sanitize_html(html)):
            assert body_text(variant) == html_to_text(variant), variant


@pytest.mark.django_db
def test_rendered_page_parses_as_beautifulsoup_did(published_doc):
    status, html = render_page(reverse("portal:document", args=[published_doc.pk]))
    assert status == 200
    for variant in (html, html.replace("</body>", SPAM + "</body>"), html + "\n" + SPAM):
        assert _page_view(variant) == _soup_view(variant)


@pytest.fixture
def many_published(dept_a, document_factory):
    docs = [document_factory(dept_a, "published", title=f"关于做好2024年第{i}批防汛工作的通知",
                             body_html=f"<p>各单位做好第{i}批防汛准备。</p><p>请于5月{i + 1}日前报送。</p>")
            for i in range(5)]
    return docs


@pytest.mark.django_db
def test_every_batch_is_checked_and_tampering_found_in_a_later_batch(many_published):
    result = integrity_check(batch_size=2)
    assert result.ok, result.problems
    assert result.documents_checked == 5 and result.pages_checked == 5
    target = many_published[4]  # in the third batch
    Document.objects.filter(pk=target.pk).update(body_html="<p>各单位做好防汛准备。</p><p>已被篡改。</p>")
    result = integrity_check(batch_size=2)
    changed = [p for p in result.problems if p["kind"] == "document_changed"]
    assert [p["document_id"] for p in changed] == [target.pk] and changed[0]["fields"] == ["body_html"]
    missing = [p for p in result.problems if p["kind"] == "page_missing_content"]
    assert missing and all(p["document_id"] == target.pk for p in missing)


@pytest.mark.django_db
def test_hash_checks_do_not_query_per_document(dept_a, document_factory, many_published):
    with CaptureQueriesContext(connection) as five:
        assert integrity_check(render=False).documents_checked == 5
    for i in range(5):
        document_factory(dept_a, "published", title=f"补充通知{i}", body_html=f"<p>补充{i}</p>")
    with CaptureQueriesContext(connection) as ten:
        assert integrity_check(render=False).documents_checked == 10
    assert len(ten.captured_queries) == len(five.captured_queries)


@pytest.mark.django_db
def test_latest_revision_of_a_republished_document_is_compared(published_doc):
    reason = "标题调整"
    doc = document_transition(document=published_doc, action="withdraw", actor=None, reason=reason)
    doc = document_transition(document=doc, action="reopen", actor=None, reason=reason)
    doc = document_update(document=doc, actor=None, title="示范市教育局关于做好2024年政务公开工作的通知（修订）")
    doc = document_transition(document=doc, action="submit", actor=None)
    doc = document_transition(document=doc, action="publish", actor=None)
    assert doc.revisions.count() == 2
    assert integrity_check().ok
    latest = Revision.objects.get(document=doc, number=2)
    Revision.objects.filter(pk=latest.pk).update(snapshot=dict(latest.snapshot, doc_no="伪〔2024〕1号"))
    tampered = [p for p in integrity_check().problems if p["kind"] == "revision_tampered"]
    assert len(tampered) == 1 and "第 2 版" in tampered[0]["message"]


class AfterHtmlMiddleware:
    """A defaced server that writes its links after </html>, where browsers still show them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            response.content = response.content + SPAM.encode()
        return response


@pytest.mark.django_db
def test_text_after_closing_html_is_found(published_doc, settings):
    settings.MIDDLEWARE = list(settings.MIDDLEWARE) + [f"{__name__}.AfterHtmlMiddleware"]
    whats = {p["what"] for p in integrity_check().problems if p["kind"] == "page_injected"}
    assert {"spam_text", "foreign_link"} <= whats


class CountingMiddleware:
    instances = 0

    def __init__(self, get_response):
        type(self).instances += 1
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)


class FailOneMiddleware:
    """The page of one document fails with an exception."""

    path = None

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == type(self).path:
            raise RuntimeError("模板渲染失败")
        return self.get_response(request)


@pytest.mark.django_db
def test_middleware_loaded_once_per_run_and_a_failing_page_does_not_stop_it(many_published, settings):
    settings.MIDDLEWARE = list(settings.MIDDLEWARE) + [f"{__name__}.CountingMiddleware",
                                                       f"{__name__}.FailOneMiddleware"]
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    CountingMiddleware.instances = 0
    failing = many_published[1]
    FailOneMiddleware.path = reverse("portal:document", args=[failing.pk])
    result = integrity_check()
    assert CountingMiddleware.instances == 1
    assert result.documents_checked == 5 and result.pages_checked == 5
    errors = [p for p in result.problems if p["kind"] == "page_error"]
    assert [p["document_id"] for p in errors] == [failing.pk] and "500" in errors[0]["message"]
    assert all(p["kind"] == "page_error" for p in result.problems)
