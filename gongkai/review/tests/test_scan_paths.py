"""Behaviour of the fast scan paths: verb cues for names, tries, prefilters, number runs."""
import re

import pytest

from gongkai.review.findings import SpanSet
from gongkai.review.names import detect_names
from gongkai.review.pii import _EMAIL_RE, detect_structured
from gongkai.review.secrecy import detect_secrecy
from gongkai.review.services import review_text
from gongkai.review.spam import detect_spam
from gongkai.review.textfold import ascii_lower, fold, fold_lower
from gongkai.review.trie import trie_pattern


def names(text):
    return [f.text for f in detect_names(fold(text))]


@pytest.mark.parametrize("text,name", [
    ("2024年4月3日，示范市民政局收到刘桂兰提交的临时救助申请。", "刘桂兰"),
    ("工作人员致电王秀英核实情况。", "王秀英"),
    ("经联系张伟，其表示同意。", "张伟"),
    ("看望慰问赵淑珍老人。", "赵淑珍"),
    ("告知马丽娟补充材料。", "马丽娟"),
])
def test_names_after_verbs_that_take_a_person(text, name):
    assert name in names(text)
    found = [f for f in review_text(text=text).pii if f.kind == "person_name"]
    assert [(f.text, f.personal) for f in found] == [(name, True)]


@pytest.mark.parametrize("text", [
    "收到申请后15个工作日内答复。", "收到包裹后签收。", "联系高新区管委会。", "致电宋庄镇政府。",
    "收到黄金周期间的客流数据。", "慰问孔子学院师生。", "收到安全月活动方案。", "联系方式：0571-88888888。",
    "如需帮助请联系本机关政务公开办公室。", "告知申请人补正。", "约谈房地产企业。", "收到林业局的函。",
])
def test_verbs_followed_by_ordinary_words_find_no_name(text):
    assert names(text) == []


def test_trie_matches_like_a_longest_first_alternation():
    words = ["的身份证", "身份证", "称", "因", "系", "先生", "先", "村民代表", "村民", "a.b"]
    text = "张三先生称村民代表李四的身份证因系先a.b村民"
    plain = re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))
    fast = re.compile(trie_pattern(words))
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert re.compile(trie_pattern(["单"])).findall("单单") == ["单", "单"]


def test_ascii_lower_of_folded_text_equals_fold_lower():
    text = "ＢＯＢ最新官网 Bob体育 ＡＢＣ機密 ok"
    assert ascii_lower(fold(text)) == fold_lower(text)
    assert detect_spam(text, folded=fold(text)).to_dict() == detect_spam(text).to_dict()


def test_pinyin_gloss_found_only_after_chinese_characters():
    spam = detect_spam("为进一步做好工作，博(bo)彩(cai)网(wang)站注册送彩金，请认真执行。")
    assert "pinyin_gloss" in {s for p in spam.passages for s in p.signals}
    assert detect_spam("参考文献 (bo) (cai) (wang) 及 abc(de)fg(hi)。").passages == []


def test_secrecy_marker_alone_on_its_line_only():
    text = "关于做好统计工作的通知\n内部资料 注意保存\n本文件中“不予公开”属性的说明。\n秘密"
    found = [(f.marker, f.start) for f in detect_secrecy(text)]
    assert found == [("内部资料", text.index("内部资料")), ("注意保存", text.index("注意保存")),
                     ("秘密", text.rindex("秘密"))]


def test_number_runs_with_several_numbers():
    text = "身份证号11010519491231002X 13812345678，银行卡号6222020000000000000，工号1234567"
    found = [(f.kind, f.text) for f in detect_structured(text, fold(text))]
    assert found == [("id_card", "11010519491231002X"), ("mobile", "13812345678"),
                     ("bank_card", "6222020000000000000")]
    # A run covered by one finding is not read again; a failing checksum leaves it to the others.
    text = "证件号11010519491231002Y，电话0571-87051234"
    assert [f.kind for f in detect_structured(text, fold(text))] == ["landline"]


def test_span_set_overlaps():
    spans = SpanSet()
    spans.take(10, 20)
    spans.take(30, 35)
    assert spans.free(0, 10) and spans.free(20, 30) and spans.free(35, 40)
    assert not spans.free(19, 21) and not spans.free(5, 40) and not spans.free(31, 32)
    assert spans.overlapping(25, 31) == 1 and spans.overlapping(0, 11) == 0


def test_reasons_translated_once_per_language():
    from django.utils import translation

    from gongkai.review import labels

    for language in ("zh-hans", "en"):
        with translation.override(language):
            assert labels.translated("机关电子邮箱") == translation.gettext("机关电子邮箱")
            assert (language, "机关电子邮箱") in labels._TRANSLATED
    report = review_text(text="咨询电话：0370-3288305，电子邮箱：gkb@shifan.gov.cn。")
    assert [f.reason for f in report.pii] == ["机关对外联系电话", "机关电子邮箱"]


def test_emails_found_around_each_at_sign():
    text = ("联系邮箱zhang.san@qq.com，备用li-si@163.com；" + "x" * 70 + "@example.com 与 a@b，"
            "政务邮箱gkb@shifan.gov.cn。@@ 以及 wang@mail.example.org.cn")
    found = [(f.text, f.personal) for f in detect_structured(text, fold(text)) if f.kind == "email"]
    # A local part longer than 64 characters is not an address (as with one scan of the whole text).
    assert found == [("zhang.san@qq.com", True), ("li-si@163.com", True), ("gkb@shifan.gov.cn", False),
                     ("wang@mail.example.org.cn", True)]
    assert [f[0] for f in found] == [m.group() for m in _EMAIL_RE.finditer(text)]


@pytest.mark.parametrize("text,name", [
    ("谢天明驾驶的货车在国道上发生侧翻，造成1人受伤。", "谢天明"),
    ("谢天明于2024年3月提出申请。", "谢天明"),
    ("谢天明提出政府信息公开申请。", "谢天明"),
    ("谢天明称其未收到通知。", "谢天明"),
    ("经核查，谢天明反映的情况属实。", "谢天明"),
])
def test_name_whose_surname_the_segmenter_reads_as_a_verb_at_sentence_start(text, name):
    found = [f for f in review_text(text=text).pii if f.kind == "person_name"]
    assert [(f.text, f.personal) for f in found] == [(name, True)]


@pytest.mark.parametrize("text", [
    "谢谢大家的支持。",
    "谢绝参观。",
    "谢天谢地，没有人受伤。",
    "谢大家提出宝贵意见。",
    "祝平安表示感谢。",
    "经调查系其本人所为。",
    "感谢天明时分赶到的救援队。",
])
def test_sentence_start_verbs_are_not_names(text):
    assert names(text) == []


def test_split_trie_finds_what_one_trie_finds():
    import random

    from gongkai.review.names_cues import _CUE_ROLES
    from gongkai.review.trie import SplitTrie

    words = list(_CUE_ROLES)
    single = re.compile(trie_pattern(words))
    split = SplitTrie(words, sizes=(3, 5))
    alphabet = "".join(sorted({c for w in words for c in w})) + "，。的了是"
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 80)))
        text += rng.choice(words) + rng.choice(words)  # overlapping words across the parts
        assert split.spans(text) == [m.span() for m in single.finditer(text)]


def test_suffix_patterns_and_labels_found_from_anchors_match_the_full_scans():
    import random

    from gongkai.review import names_cues as n

    rng = random.Random(11)
    alphabet = "，,（(）) 　\t男女等于年月出生0123456789一二三人名张王申请姓：:"
    labels = sorted(n._ALL_LABELS)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) if rng.random() < 0.8 else rng.choice(labels)
                       for _ in range(rng.randrange(0, 40)))
        assert n._suffix_pattern_starts(text) == [m.start() for m in n._SUFFIX_PAT_RE.finditer(text)]
        assert [(m.span(), m.group(1)) for m in n._label_matches(text)] == \
            [(m.span(), m.group(1)) for m in n._LABEL_RE.finditer(text)]


def test_emoji_runs_found_whatever_the_string_width():
    from gongkai.review.spam import _may_hold_astral

    plain = "示范市人民政府关于公开征求意见的通知。" * 10
    assert not _may_hold_astral(plain) and not _may_hold_astral("abc" * 50)
    assert _may_hold_astral(plain + "🎰")
    result = detect_spam(plain + "澳门葡京🎰🎲💰🎰赌场" + plain)
    assert any("emoji_run" in p.signals for p in result.passages)


def test_role_words_the_segmenter_tags_as_names_are_not_names():
    # rjieba tags 申请人 as nr; a role word (a cue for names) is never a name itself
    assert names("行政机关已就申请人提出的申请作出答复、申请人重复申请的，告知。") == []
    assert names("相应渠道提出。\n\n申请人提出的申请内容为要求提供政府公报") == []
    assert names("申请人王小明提出申请。") == ["王小明"]


def test_first_char_scans_find_what_the_regex_scans_find():
    import random

    from gongkai.review import spam_brands, spam_sites
    from gongkai.review.scan import first_char_matches

    uses = [(spam_brands._SITE_WORD_RE, spam_brands._SITE_WORD_FIRSTS),
            (spam_sites._ROLE_WORD_RE, spam_sites._ROLE_WORD_FIRSTS)]
    pieces = ["首页", "首頁", "官网", "官網", "官方网站", "党委", "黨委", "党组", "委员会", "委員會", "委", "官", "首",
              "党", "学院", "召开", "0", "abc", "，", "\n", " ", "x", "luck", "abcdefghijkl"]
    rng = random.Random(13)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 30)))
        for regex, firsts in uses:
            assert [m.span() for m in first_char_matches(regex, text, firsts)] == \
                [m.span() for m in regex.finditer(text)]
        assert list(spam_brands._mixed_latin(text)) == [m.span() for m in spam_brands._MIXED_LATIN_RE.finditer(text)]


def test_casino_codes_read_from_candidates_match_a_scan_of_every_digit(monkeypatch):
    import random

    from gongkai.review import spam_codes

    pieces = ["金沙", "威尼斯人", "新葡京", "葡京", "澳门", "真人", "必赢", "中共", "中国共产党", "学院", "召开", "第3届",
              "2018届", "师生", "于", "举办", "年", "路线", "js", "abc", "x", ".", "1", "23", "456", "7906", "98488",
              "1234567", "护理", "的", "。", "\n", " ", "abc365", "abc365", "abc365于", "xy2288"]
    rng = random.Random(17)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30))) for _ in range(3000)]
    fast = [spam_codes.casino_code_passages(t) for t in texts]
    monkeypatch.setattr(spam_codes, "_candidates", lambda low: (
        [m.start() for m in spam_codes._CODE_RE.finditer(low)], [m.start() for m in spam_codes._CODE_FIRST_RE.finditer(low)]))
    assert fast == [spam_codes.casino_code_passages(t) for t in texts]
    assert sum(map(bool, fast)) > 100  # the texts hold codes the detector finds
