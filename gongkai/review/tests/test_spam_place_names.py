"""Clean lines that older signals flagged: a place named like a casino at the start of a line, and an
English function word before 平台 read as a brand. Each with a spam twin that is still caught."""
import pytest

from gongkai.review.spam import detect_spam


@pytest.mark.parametrize("text", [
    "太阳城社区党委召开2024年度组织生活会，社区全体党员参加会议。\n会议由社区党委书记主持。",
    "太阳城街道办事处关于开展2024年春季消防检查的通知",
    "金沙路小学举行2024年秋季运动会",
    "本网站由示范市政务服务数据管理局主办\nPowered by 政务云平台",
    "本系统 built on 示范云平台 运行",
])
def test_clean_lines_pass(text):
    result = detect_spam(text)
    assert not result.is_spam, result.passages


@pytest.mark.parametrize("text, word", [
    ("太阳城娱乐官网开户送彩金", "太阳城"),
    ("示范中学2024年运动会\nabc888娱乐平台 注册送彩金", "abc888"),
])
def test_spam_twins_are_still_caught(text, word):
    result = detect_spam(text)
    assert result.is_spam and any(word in p.text for p in result.passages), result.passages


@pytest.mark.parametrize("text", [
    "警方打掉一个利用境外赌博网站组织赌球的团伙。",
    "某县侦破一起网络赌球案件，涉案金额500余万元，犯罪嫌疑人已落网。",
])
def test_police_news_on_betting_passes(text):
    result = detect_spam(text)
    assert not result.is_spam, result.passages
