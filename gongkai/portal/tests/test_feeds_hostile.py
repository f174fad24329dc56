"""Issue 13 defects 5 and 6: control characters never take the feeds down, and feeds carry text,
never markup a reader would run."""
import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from gongkai.catalog.models import Document
from gongkai.catalog.services import document_create
from gongkai.core.text import clean_text

from .conftest import publish

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
BAD = "\x0c\x0b\x01\x1f\ufffe\uffff"


def _feeds(client):
    out = []
    for name in ("portal:feed_rss", "portal:feed_atom"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        out.append(ET.fromstring(response.content))  # well-formed XML 1.0
    return out


def _descriptions(rss, atom):
    return ([i.findtext("description") for i in rss.findall("./channel/item")]
            + [e.findtext(f"{ATOM}summary") for e in atom.findall(f"{ATOM}entry")])


def test_clean_text_drops_what_xml_cannot_carry():
    assert clean_text("第一页\x0c第二页\x0b行") == "第一页\n第二页\n行"
    assert clean_text("a\x00b\x01c\x1fd\ud800e\udfffg\ufffeh\uffffi\tj\nk\rl") == "abcdeghi\tj\nk\rl"
    assert clean_text("正常文字 ＡＢＣ") == "正常文字 ＡＢＣ"


def test_stored_text_is_cleaned_on_input(city):
    doc = document_create(agency=city, actor=None, title="关于\x0c防汛\x0b工作的通知\x01",
                          summary="摘要\x0c第二页\ud800", keywords="防汛\x1f",
                          body_html="<p>第一页\x0c第二页\x0b</p><p>\uffff结束</p>")
    doc.refresh_from_db()
    for value in (doc.title, doc.summary, doc.keywords, doc.body_html, doc.body_text):
        assert clean_text(value) == value, repr(value)
    assert doc.title == "关于\n防汛\n工作的通知" and "第一页" in doc.body_text and "第二页" in doc.body_text


def test_feeds_survive_control_characters_already_stored(client, city):
    doc = publish(city, title="关于做好防汛工作的通知", summary="防汛", written_date=dt.date(2024, 5, 6),
                  publish_date=dt.date(2024, 5, 8), body_html="<p>各单位做好防汛准备。</p>")
    # As if written before input cleaning existed (or behind the application's back).
    Document.objects.filter(pk=doc.pk).update(title=f"关于做好{BAD}防汛工作的通知", summary=f"摘要{BAD}尾",
                                              body_text=f"正文{BAD}")
    rss, atom = _feeds(client)
    assert rss.find("./channel/item/title").text == "关于做好\n\n防汛工作的通知"
    assert _descriptions(rss, atom) == ["摘要\n\n尾", "摘要\n\n尾"]


def test_feeds_carry_escaped_text_never_markup(client, city):
    hostile = ('<svg onload=alert(1)>x</svg> <a href="javascript:alert(2)">点此</a> '
               '<img src=x onerror=alert(3)>')
    publish(city, title="关于做好防汛工作的通知", summary=hostile, written_date=dt.date(2024, 5, 6),
            publish_date=dt.date(2024, 5, 8), body_html="<p>各单位做好防汛准备。</p>")
    publish(city, title="关于开展安全检查的通知", written_date=dt.date(2024, 5, 6),
            publish_date=dt.date(2024, 5, 9),
            body_html="<p>&lt;svg onload=alert(4)&gt; &lt;a href=&quot;javascript:alert(5)&quot;&gt;</p>")
    rss, atom = _feeds(client)
    descriptions = _descriptions(rss, atom)
    assert len(descriptions) == 4
    for text in descriptions:
        # What a reader renders as HTML after decoding the XML: entities only, no element.
        assert "<svg" not in text and "<a " not in text and "<img" not in text, text
        assert "&lt;svg onload=alert(" in text
    raw = b"".join(client.get(reverse(n)).content for n in ("portal:feed_rss", "portal:feed_atom")).decode()
    assert "<svg" not in raw and "&lt;svg" not in raw.replace("&amp;lt;svg", "")
