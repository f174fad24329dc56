"""Hostile HTML (as an imported page or pasted rich text might carry) never reaches the portal."""
import re

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from gongkai.core.html import sanitize_html

HOSTILE = [
    '<script>alert(1)</script>',
    '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
    '<img src=x onerror=alert(1)>',
    '<svg><script>alert(1)</script></svg>',
    '<svg onload=alert(1)>',
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<a href="javascript:alert(1)">点击</a>',
    '<a href="JaVaScRiPt:alert(1)">点击</a>',
    '<a href="&#106;avascript:alert(1)">点击</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">点击</a>',
    '<a href="vbscript:msgbox(1)">点击</a>',
    '<p onclick="alert(1)" onmouseover="alert(1)">正文</p>',
    '<form action="https://evil.example/"><input name="pw"></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<style>body{background:url(https://evil.example/)}</style>',
    '<base href="https://evil.example/">',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<template><script>alert(1)</script></template>',
    '<p style="background:url(javascript:alert(1))">正文</p>',
    '<!--[if IE]><script>alert(1)</script><![endif]-->',
]

HIDDEN_SPAM = [
    '<div style="display:none"><a href="https://spam.example/">博彩</a></div>',
    '<div style="DISPLAY: NONE;"><a href="https://spam.example/">博彩</a></div>',
    '<span style="visibility:hidden"><a href="https://spam.example/">代开发票</a></span>',
    '<p hidden><a href="https://spam.example/">私服</a></p>',
    '<span style="font-size:0"><a href="https://spam.example/">贷款</a></span>',
    '<div style="position:absolute;left:-9999px"><a href="https://spam.example/">彩票</a></div>',
    '<div style="height:0;overflow:hidden"><a href="https://spam.example/">外挂</a></div>',
]

def assert_clean(cleaned: str) -> None:
    """Parse the output as a browser would and check every tag, attribute and link against the allow-list."""
    from bs4 import BeautifulSoup

    from gongkai.core.html import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

    soup = BeautifulSoup(cleaned, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name in ALLOWED_TAGS, (tag.name, cleaned)
        allowed = ALLOWED_ATTRIBUTES.get(tag.name, set()) | ALLOWED_ATTRIBUTES.get("*", set()) | {"rel"}
        for attr, value in tag.attrs.items():
            assert attr in allowed, (attr, cleaned)
            if attr == "href":
                scheme = re.match(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*):", value)
                assert scheme is None or scheme.group(1).lower() in {"http", "https", "mailto"}, (value, cleaned)


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_markup_removed(payload):
    cleaned = sanitize_html(f"<p>前文</p>{payload}<p>后文</p>")
    assert_clean(cleaned)
    assert "前文" in cleaned  # text before the attack survives (an unclosed <style> may swallow the rest)


@pytest.mark.parametrize("payload", HIDDEN_SPAM)
def test_hidden_injected_links_removed_with_their_content(payload):
    cleaned = sanitize_html(f"<p>政务公开正文</p>{payload}")
    assert "spam.example" not in cleaned
    assert "政务公开正文" in cleaned


def test_structure_kept_and_links_made_safe():
    cleaned = sanitize_html('<h2>一、总体要求</h2><table><tr><td colspan="2">单元格</td></tr></table>'
                            '<p style="text-align:center">居中段落</p><a href="https://www.gov.cn/">中国政府网</a>')
    assert "<h2>一、总体要求</h2>" in cleaned
    assert 'colspan="2"' in cleaned
    assert "<p>居中段落</p>" in cleaned  # visible styled text stays, the style goes
    assert 'rel="noopener noreferrer nofollow"' in cleaned


@hsettings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(HOSTILE + HIDDEN_SPAM + ["<p>", "</p>", "<div>", "</div>", "<a href='", "'>",
                                                         "<table><tr><td>", "正文", "&lt;", "<!--", "-->", '"', "<"]),
                max_size=12))
def test_any_mix_of_fragments_is_clean(parts):
    cleaned = sanitize_html("".join(parts))
    assert_clean(cleaned)
    assert sanitize_html(cleaned) == cleaned  # idempotent: nothing left to remove
