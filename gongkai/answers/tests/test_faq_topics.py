"""The FAQ by topic (held-out set F, session 9): a FAQ entry answers a question no passage answers
only when it holds at least half of the question's distinctive words (an entry on the periods for
filing suit shares 起诉 with "起诉后多久立案" and nothing else); the demo's legal-facts entries quote
the laws they cite, one topic each. The texts here are written for the tests."""
import pytest

from gongkai.answers import semantic
from gongkai.answers.cues import term_variants
from gongkai.answers.demo_faq import FAQS
from gongkai.answers.models import Faq
from gongkai.answers.selectors import SEMANTIC_SURE, _holds_half, answer_question
from gongkai.answers.services import faq_create, faq_transition
from gongkai.answers.words import covered

from .test_question_shapes_b import _similarity, open_data  # noqa: F401  (the fixture)

ASKED = "数据留存、销毁和备份的期限是多久？"  # the sources hold a 期限, nothing on 留存, 销毁 or 备份


def test_an_entry_holds_half_of_the_distinctive_words():
    backup = Faq(questions="数据怎样备份？", answer="开放主体每月备份一次数据。")
    both = Faq(questions="数据保存多久？", answer="数据留存3年，期满后销毁。")
    asked = frozenset({"留存", "销毁", "备份"})
    assert not _holds_half(asked, backup)           # one of three
    assert _holds_half(asked, both)                 # two of three
    assert not _holds_half(frozenset({"备份"}), backup)  # one distinctive word: no test to pass


@pytest.mark.django_db
def test_an_entry_sharing_one_distinctive_word_does_not_answer(city, open_data, monkeypatch):  # noqa: F811
    item = faq_create(agency=city, actor=None, questions="数据怎样备份？",
                      answer="开放主体每月备份一次开放数据，备份保存在本机关的服务器上。", sources="示范区公共数据开放办法")
    faq_transition(faq=item, action="publish", actor=None)
    monkeypatch.setattr(semantic, "similarities", _similarity(SEMANTIC_SURE - 0.05))
    result = answer_question(question=ASKED)
    assert result.answers == [] and result.fallback["links"][0]["url"] == "/apply/"


@pytest.mark.django_db
def test_an_entry_holding_what_is_asked_answers(city, open_data, monkeypatch):  # noqa: F811
    item = faq_create(agency=city, actor=None, questions="开放数据保存多久？",
                      answer="开放数据留存3年，期满后销毁；备份同样保存3年。", sources="示范区公共数据开放办法")
    faq_transition(faq=item, action="publish", actor=None)
    monkeypatch.setattr(semantic, "similarities", _similarity(SEMANTIC_SURE - 0.05))
    result = answer_question(question=ASKED)
    assert result.answers[0].kind == "faq" and result.fallback is None


def test_budget_and_final_accounts_are_one_word_in_questions():
    assert "预算、决算" in term_variants("预决算")
    assert covered(["预决算"], "各部门预算、决算及报表，应当在批复后二十日内向社会公开。") == frozenset({"预决算"})


def _entry(first_question_word):
    return next((q, a, s) for q, a, s in FAQS if first_question_word in q.splitlines()[0])


# (a word of the entry's first question, clauses of the law it cites that it must hold word for word)
LEGAL = [
    ("行政复议", ["可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请",
              "行政复议机关应当自受理申请之日起六十日内作出行政复议决定", "但是延长期限最多不超过三十日"]),
    ("行政诉讼的期限", ["可以在收到复议决定书之日起十五日内向人民法院提起诉讼",
                  "复议机关逾期不作决定的，申请人可以在复议期满之日起十五日内向人民法院提起诉讼",
                  "应当自知道或者应当知道作出行政行为之日起六个月内提出",
                  "申请政府信息公开，行政机关不予公开"]),
    ("谁可以", ["行政行为的相对人以及其他与行政行为有利害关系的公民、法人或者其他组织，有权提起诉讼"]),
    ("施行", ["自公布之日起30日后施行"]),
    ("三统一", ["统一登记、统一编号、统一印发", "不得以内部文件形式印发执行"]),
    ("预算", ["应当在批准后二十日内由本级政府财政部门向社会公开", "应当在批复后二十日内由各部门向社会公开"]),
    ("年度报告", ["应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度政府信息公开工作年度报告"]),
    ("修订", ["以公开为常态、不公开为例外", "2019年5月15日起施行"]),
]


@pytest.mark.parametrize("word,clauses", LEGAL)
def test_legal_facts_entries_quote_the_law(word, clauses):
    questions, answer, sources = _entry(word)
    for clause in clauses:
        assert clause in answer
    assert sources.strip()


def test_the_remedy_entry_states_no_period_it_would_be_taken_for():
    _questions, answer, _sources = _entry("不答复")
    for period in ("六十日", "十五日", "六个月", "二十年"):
        assert period not in answer
    # and no entry points to what it does not state (the 规范性文件 entry and 有效期)
    assert all("有效期" not in a for _q, a, _s in FAQS)
