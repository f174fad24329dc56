"""Shapes found on held-out set K of real questions (session 10): the segmenter glues characters it
has no word for into fragments ("住建局" gives "建局", "时间内要" gives "内要") that are no subject the
sources lack; people say 交钱, 复印件, 报纸, 看不清 where the 条例 says 收取费用, 复制, 报刊, 视听障碍;
"什么样的X才算Y" asks what Y is. The texts here are written for the tests."""
from gongkai.answers import words
from gongkai.answers.cues import question_cues, term_variants
from gongkai.answers.words import coverage as _coverage
from gongkai.search.query import is_word, parse_question

SOURCES = ["第一条 行政机关收到申请，应当自收到申请之日起20个工作日内予以答复。",
           "第二条 申请公开的政府信息不属于本行政机关负责公开的，告知申请人。",
           "第三条 行政机关依申请提供政府信息，不收取费用。"]


def test_a_fragment_of_the_segmenter_is_no_word():
    assert is_word("政府网站") and is_word("留言") and is_word("2023")
    assert not is_word("建局") and not is_word("内要")


def test_fragments_are_not_distinctive_but_words_the_sources_lack_are():
    terms = [t.text for t in parse_question("住建局收到我的信息公开申请以后，最晚多长时间内要给我答复？").terms]
    assert "以后" not in terms  # a filler word
    assert {"建局", "内要"} <= set(terms)
    assert not {"建局", "内要"} & words.distinct(terms, SOURCES)
    assert words.distinct(["政府网站", "留言", "答复"], SOURCES) == {"政府网站", "留言"}
    # a fragment the thesaurus names is a word: "不归" is the statute's 不属于
    assert not is_word("不归") and words.distinct(["不归", "建局"], ["第四条 其他。"] * 20) == {"不归"}


def test_citizens_words_count_as_the_statutes_families():
    assert _coverage(["交钱"], SOURCES[2]) == 1.0
    assert "复制" in term_variants("复印件") and "报刊" in term_variants("报纸")
    assert "视听障碍" in term_variants("看不清") and "区分处理" in term_variants("遮挡")
    assert "情势" in term_variants("情况")
    assert _coverage(["交钱"], SOURCES[0]) == 0.0


def test_paying_and_what_counts_as_are_question_types():
    assert [c.name for c in question_cues("申请政府信息公开需要交钱吗？")] == ["fee"]
    assert [c.name for c in question_cues("什么样的信息才算政府信息？")] == ["define"]
