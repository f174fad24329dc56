"""The demo FAQ quotes the 条例 clauses it restates word for word (held-out set C, session 10): a
paraphrase that drops 应当, 申请人 or 行政机关 reads the same to a visitor but no longer holds the rule's
own words, and the answer is then measured (and cited) as something the 条例 does not say."""
import pytest

from gongkai.answers.demo import FAQS
from gongkai.core.text import nfkc

QUOTED = [
    # (a word of the FAQ entry's first question, the 条例's clause it must hold)
    ("怎样申请", "采用书面形式确有困难的，申请人可以口头提出，由受理该申请的政府信息公开工作机构代为填写政府信息公开申请"),
    ("多久", "需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日"),
    ("多久", "答复期限自行政机关收到补正的申请之日起计算"),
    # set D, session 9: the 不予公开 and remedy entries
    ("不予公开", "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开"),
    ("不予公开", "第三方不同意公开且有合理理由的，行政机关不予公开"),
    ("不答复", "对政府信息公开申请不依法答复处理的，可以向政府信息公开工作主管部门提出"),
    ("不答复", "可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼"),
]


def _answer(word):
    return next(answer for questions, answer, _sources in FAQS if word in questions.splitlines()[0])


@pytest.mark.parametrize("word,clause", QUOTED)
def test_demo_faq_holds_the_statute_clause(word, clause):
    assert clause in _answer(word)


@pytest.mark.parametrize("word,clause", QUOTED)
def test_the_quoted_clause_is_the_statutes(realworld, word, clause):
    root, _load = realworld
    statute = root / "qa" / "statute" / "tiaoli_2019.txt"
    if not statute.is_file():
        pytest.skip("the 条例 is not in the real-world set")
    assert nfkc(clause) in nfkc(statute.read_text(encoding="utf-8")).replace("\n", "")
