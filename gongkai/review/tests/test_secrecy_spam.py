"""Secrecy markers and injected spam, including the pages that must pass."""
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.review.services import review_text, spam_clean_html, spam_clean_text

SEEDS = Path("/work/shared/seeds")
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not on this machine")


@pytest.mark.parametrize("text,marker", [
    ("机密★1年\n关于调整工作安排的通知", "机密"),
    ("绝密★长期", "绝密"),
    ("秘密＊", "秘密"),
    ("内部资料 注意保存\n正文", "内部资料"),
    ("公开属性：不予公开", "不予公开"),
    ("（此件不公开）", "此件不公开"),
    ("密级：秘密", "秘密"),
])
def test_secrecy_markers_block(text, marker):
    report = review_text(text=text)
    assert report.verdict == "block"
    assert report.secrecy[0].marker == marker


def test_secrecy_words_in_prose_pass():
    text = ("行政机关拟制公文时，要明确主动公开、依申请公开、不予公开等属性。涉及商业秘密、个人隐私的，"
            "不得公开。内部资料的管理按有关规定执行。")
    assert review_text(text=text).verdict == "pass"


def test_a_numbered_item_broken_after_its_label_is_no_marker():
    """An annual report's result table printed one cell per line: the heading （三）不予公开 breaks
    after its label, so 不予公开 stands alone on its line as the item's text, not as a marker. The
    same word alone on a line elsewhere (after a title, a number cell or nothing) still blocks."""
    table = "三、收到和处理政府信息公开申请情况\n\n(三)\n\n不予公开\n\n1.属于国家秘密\n\n0\n\n2.其他法律行政法规禁止公开\n\n0\n"
    assert review_text(text=table).verdict == "pass"
    assert review_text(text="（三）\n不予公开\n0").verdict == "pass"
    assert review_text(text="关于调整工作安排的通知\n不予公开\n正文").verdict == "block"
    assert review_text(text="第1页\n2\n不予公开\n正文").verdict == "block"


GAMING_REGULATOR = ("澳门特别行政区博彩监察协调局是负责协助制定和执行博彩业政策、监察博彩经营活动的政府部门。"
                    "该局依法对娱乐场、幸运博彩经营承批公司进行监督检查，打击非法博彩活动。")
FRAUD_WARNING = ("近期，不法分子以“博彩平台”“彩票内部消息”为诱饵，诱导群众下载所谓的博彩官网APP并注册开户。"
                 "公安机关提醒：网络赌博是违法犯罪行为，切勿点击陌生链接，如发现涉赌线索请及时举报。")
LOTTERY = ("为加强彩票市场监管，根据《彩票管理条例》，彩票发行机构和销售机构不得通过互联网销售彩票，"
           "不得向未成年人销售彩票。全年销售体育彩票12.6亿元，竞彩、大乐透等游戏销售平稳。")


@pytest.mark.parametrize("title,text", [
    ("澳门特别行政区博彩监察协调局相关情况介绍", GAMING_REGULATOR),
    ("警惕网络赌博诈骗", FRAUD_WARNING),
    ("关于进一步规范彩票市场秩序的通知", LOTTERY),
    ("", FRAUD_WARNING),
])
def test_regulator_and_fraud_warning_pages_pass(title, text):
    report = review_text(text=text, context=title)
    assert not report.spam.is_spam, report.spam.passages
    assert report.verdict == "pass"


@pytest.mark.parametrize("injected,after", [
    ("葡京娱乐_澳门葡京_葡京官网_葡京开户_新葡京注册", "请认真贯彻执行。"),
    ("时时彩,北京赛车pk10,六合彩开奖,六肖中特,特码资料", "\n请认真贯彻执行。"),
    ("bob最新官网", "请认真贯彻执行。"),
    ("博(bo)彩(cai)网(wang)址(zhi)", "请认真贯彻执行。"),
    ("🎰🎰💰💰🔥🔥", "请认真贯彻执行。"),
    ("免费看成人视频 无码高清", "请认真贯彻执行。"),
])
def test_injected_spam_found_and_removable(injected, after):
    before = "为贯彻落实有关要求，现将政务公开工作要点印发给你们，"
    text = before + injected + after
    report = review_text(text=text)
    assert report.spam.is_spam and report.verdict == "block"
    clean, passages = spam_clean_text(text=text)
    assert clean == before + after
    assert review_text(text=clean).verdict == "pass"


def test_hidden_html_and_clean_html():
    html = ('<p>现将有关事项通知如下。</p><div style="display:none"><a href="http://hg0088.vip">皇冠体育 现金网</a></div>'
            '<p>bob最新官网请各单位认真落实。</p><noframes>葡京赌场</noframes>')
    report = review_text(text="现将有关事项通知如下。bob最新官网请各单位认真落实。", html=html)
    assert {p.source for p in report.spam.passages} == {"text", "html"}
    assert any("hidden_html" in p.signals for p in report.spam.passages)
    cleaned, removed = spam_clean_html(html=html)
    assert cleaned == "<p>现将有关事项通知如下。</p><p>请各单位认真落实。</p>"
    assert len(removed) == 3


@needs_seeds
def test_seed_documents():
    for name in ("000", "001", "004"):
        path = next(SEEDS.glob(f"{name}_*.txt"))
        report = review_text(text=path.read_text(encoding="utf-8"))
        assert report.verdict == "pass", (name, report.to_dict())
    for name, count in (("002", 2), ("003", 5)):
        text = next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")
        report = review_text(text=text)
        assert report.spam.is_spam and report.verdict == "block"
        clean, passages = spam_clean_text(text=text)
        assert len(passages) == count
        assert review_text(text=clean).verdict == "pass"
        for word in ("葡京", "博彩", "bob最新官网", "www.zssygu.com"):
            assert word not in clean
    # The real sentences around the spam survive.
    clean, _ = spam_clean_text(text=next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8"))
    assert "为贯彻落实《中共中央办公厅、国务院办公厅印发" in clean
    assert "认真抓好落实。" in clean


@needs_seeds
def test_scan_command_json(capsys, tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 ...")
    paths = [str(p) for p in sorted(SEEDS.glob("0*.txt"))]
    call_command("review", "scan", *paths, "--json")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [d["verdict"] for d in lines] == ["pass", "pass", "block", "block", "pass"]
    first = lines[2]
    assert set(first) >= {"verdict", "pii", "spam", "secrecy"}
    assert set(first["spam"]) == {"is_spam", "score", "passages"}
    assert first["pii"][0]["kind"] == "landline" and {"kind", "start", "end", "text"} <= set(first["pii"][0])


def test_scan_command_handles_bad_files(capsys, tmp_path):
    good = tmp_path / "a.txt"
    good.write_bytes("申请人张建国，手机13812345678。".encode("gb18030"))
    bad = tmp_path / "b.pdf"
    bad.write_bytes(b"%PDF-1.4")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("review", "scan", str(good), str(bad), str(tmp_path / "missing.txt"), "--json")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0]["verdict"] == "warn"
    assert [p["kind"] for p in lines[0]["pii"]] == ["person_name", "mobile"]
    assert "无法读取 PDF 文件“b.pdf”" in lines[1]["error"] and "找不到文件" in lines[2]["error"]


@pytest.mark.parametrize("text", [
    "请登录中国银行官网 www.boc.cn 查询，或下载手机银行APP办理。",
    "旅客可通过12306官网或铁路12306 App购票。",
    "详见信用中国网站（www.creditchina.gov.cn）和学习强国平台 www.xuexi.cn。",
    "体育彩票销售网点注册登记工作通知：各网点须在线登录系统注册。",
    "严厉打击利用网络开设赌场、组织参与网络赌博、为赌博网站提供支付结算等违法犯罪活动。",
    "同比增长12.5%，其中iPhone等消费电子产品出口额增长8%。",
])
def test_ordinary_mentions_of_sites_and_apps_pass(text):
    report = review_text(text=text)
    assert not report.spam.is_spam and report.verdict == "pass"
