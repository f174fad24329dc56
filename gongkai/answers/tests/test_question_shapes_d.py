"""Shapes found on held-out set D of real questions (session 9): an item late in an enumerated
article ("(六)……重复申请……不予重复处理") is past what the model reads of the article; people say
告诉 and 回复 where the statute says 告知 and 答复; "超过期限没有答复" asks what to do, not how long;
words such as 这样 or 一定 say nothing about the subject. The texts here are written for the tests."""
import datetime as dt

import pytest

from gongkai.answers import semantic, words
from gongkai.answers.cues import question_cues, term_variants
from gongkai.answers.items import best_similarities, item_texts
from gongkai.answers.selectors import answer_question
from gongkai.answers.sources import statute_import
from gongkai.answers.words import coverage as _coverage
from gongkai.search.query import parse_question

REPLIES = """https://example.invalid/replies
示范区数据开放答复规定

第一条 为了规范数据开放申请的答复，制定本规定。

第二条 对数据开放申请，开放主体根据下列情况分别作出答复：
(一)所申请数据已经开放的，告知申请人获取该数据的方式、途径；
(二)所申请数据可以开放的，向申请人提供该数据；
(三)所申请数据不属于本开放主体负责开放的，告知申请人并说明理由；
(四)申请人重复申请相同数据的，告知申请人不予重复处理。

第三条 开放主体应当在开放平台公布受理电话和电子邮箱。
"""


def test_an_enumerated_passage_is_read_item_by_item_with_its_lead():
    text = "第二条 对数据开放申请，开放主体根据下列情况分别作出答复：\n(一)已经开放的，告知获取途径；\n" \
           "(二)重复申请的，\n不予重复处理。"
    items = item_texts(text, "第二章 申请")
    assert items == ["第二章 申请 第二条 对数据开放申请，开放主体根据下列情况分别作出答复： (一)已经开放的，告知获取途径；",
                     "第二章 申请 第二条 对数据开放申请，开放主体根据下列情况分别作出答复： (二)重复申请的，不予重复处理。"]
    assert item_texts("第三条 开放主体应当公布受理电话。") == []
    assert item_texts("第四条 下列数据不予开放：\n（一）涉密数据。") == []  # one item is no list
    assert best_similarities([0.2, 0.5], [[0, 1], []], [0.3, 0.6]) == [0.6, 0.5]


def test_everyday_words_count_as_the_statutes():
    assert "告知" in term_variants("告诉") and "答复" in term_variants("回复") and "投诉" in term_variants("反映")
    assert _coverage(["告诉"], "能够确定负责开放的主体的，告知申请人该主体的名称。") == 1.0


def test_a_passed_deadline_asks_what_to_do_not_how_long():
    names = [c.name for c in question_cues("申请超过期限没有答复，可以向主管部门反映吗？")]
    assert names == ["remedy"]
    assert "duration" in [c.name for c in question_cues("答复期限是多少个工作日？")]
    assert "remedy" in [c.name for c in question_cues("提交申请后一直没有回复怎么办？")]


def test_filler_words_are_not_question_words():
    terms = [t.text for t in parse_question("没告诉我该找谁，这样一定合法吗？").terms]
    assert "这样" not in terms and "一定" not in terms and "告诉" in terms


@pytest.fixture
def replies(tmp_path, city, qa_world):
    path = tmp_path / "replies.txt"
    path.write_text(REPLIES, encoding="utf-8")
    return statute_import(path=path, agency=city, key="statute:replies", date=dt.date(2025, 3, 1))


@pytest.mark.django_db
def test_a_late_item_of_a_list_answers_through_its_own_similarity(replies, monkeypatch):
    def similarities(query, texts):  # the model sees the repeated-application item only on its own
        return [0.7 if "(四)" in t and "(一)" not in t else 0.2 for t in texts]

    monkeypatch.setattr(semantic, "similarities", similarities)
    result = answer_question(question="同一个数据已经答复过了又去申请，会怎么处理？", use_faq=False)
    assert result.fallback is None
    assert (result.answers[0].source_title, result.answers[0].article) == ("示范区数据开放答复规定", "第二条")


NOTICE = """https://example.invalid/notice
示范区办公室关于印发《示范区数据开放收费办法》的通知

各部门：

现将《示范区数据开放收费办法》印发给你们，请认真贯彻执行。

第一条 开放主体发现网上流传的虚假数据的，应当发布准确的数据予以澄清。
"""


@pytest.mark.django_db
def test_the_transmittal_line_of_a_notice_is_no_answer(tmp_path, city, qa_world, monkeypatch):
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE, encoding="utf-8")
    statute_import(path=path, agency=city, key="statute:notice", date=dt.date(2025, 4, 1))
    monkeypatch.setattr(semantic, "similarities", lambda q, texts: [0.5 if "印发给你们" in t else 0.4 for t in texts])
    result = answer_question(question="发现网上流传的不实数据，开放主体会怎么处理？", use_faq=False)
    assert all("印发给你们" not in a.text for a in result.answers)
    assert result.answers[0].text.startswith("第一条 开放主体发现网上流传的虚假数据")


def test_more_everyday_words():
    assert "同一个" in term_variants("相同") and "很多" in term_variants("多个")
    terms = [t.text for t in parse_question("很多人申请同一个数据，会不会直接开放？").terms]
    assert "不会" not in terms and "会不会" not in terms


@pytest.mark.django_db
def test_a_passage_holding_the_questions_subject_passes_the_similarity_floor(replies, monkeypatch):
    monkeypatch.setattr(semantic, "similarities", lambda q, texts: [0.25] * len(texts))
    monkeypatch.setattr(words, "DISTINCT_SHARE", 0.2)  # a world of a dozen passages: rare is one or two
    asked = "申请人重复申请相同数据，开放主体会不予重复处理吗？"  # 重复, 相同, 不予重复处理: 第二条's words
    result = answer_question(question=asked, use_faq=False)
    assert result.answers and result.answers[0].article == "第二条"
    # the words of every passage are no subject: the floor still stops it
    assert answer_question(question="开放主体的数据申请怎么样？", use_faq=False).answers == []
