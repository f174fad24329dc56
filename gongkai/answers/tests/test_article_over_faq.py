"""An article of a source that holds all of the question's distinctive words answers before a FAQ
entry restating part of it (selectors._article_covers). Invented texts."""
from gongkai.answers.results import Answer
from gongkai.answers.selectors import _article_covers

PARTS = (0.5, 0.8, 0.6, 1.0, 0.12, 0.0)   # the fifth is the source's authority


def _article(covered, *, article="第九条", parts=PARTS):
    return Answer(text="第九条 示范机关征求相关单位意见的，相关单位应当在十个工作日内回复。", source_title="示范条例",
                  source_url="/d/1/", article=article, parts=parts, covered=frozenset(covered))


def test_article_holding_every_distinctive_word_answers_first():
    assert _article_covers(_article({"征求", "单位", "回复"}), frozenset({"征求", "单位"}))


def test_article_holding_some_of_them_does_not():
    assert not _article_covers(_article({"征求"}), frozenset({"征求", "单位"}))


def test_one_distinctive_word_or_none_is_not_enough():
    assert not _article_covers(_article({"征求"}), frozenset({"征求"}))
    assert not _article_covers(_article({"征求"}), frozenset())


def test_only_an_article_of_an_authoritative_source():
    words = frozenset({"征求", "单位"})
    assert not _article_covers(_article(words, article=""), words)
    assert not _article_covers(_article(words, parts=PARTS[:4] + (0.0, 0.0)), words)


def test_everyday_word_for_the_statutes_unclear():
    # "写得不清楚" is the statute's 内容不明确: the article on 补正 holds both of the question's words
    from gongkai.answers.words import covered
    text = "第七条 申请内容不明确的，示范机关应当在五个工作日内一次性告知申请人补正。"
    assert covered(["清楚", "补正"], text) == frozenset({"清楚", "补正"})
