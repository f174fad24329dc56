"""Search snippets keep whole numbers and words; the pager lists page numbers."""
from gongkai.search.selectors import snippet
from gongkai.search.views import page_numbers


def test_snippet_window_never_starts_inside_a_number():
    # 40 characters wide: the window would begin a quarter (10 characters) before the match, which is
    # the "0" of "2025"; it starts at the whole number instead.
    text = "各单位认真落实政府信息公开条例要求2025年全市各级机关主动公开政府信息12345条"
    assert text.index("主动公开") - 10 == text.index("2025") + 1
    out = str(snippet(text, ["主动公开"], width=40))
    assert out.startswith("…2025年全市") and "<mark>主动公开</mark>" in out


def test_snippet_window_never_ends_inside_a_number():
    text = "主动公开政府信息共计123456789条"
    out = str(snippet(text, ["主动公开"], width=12))
    assert "123456789" in out


def test_snippet_starts_after_nearby_punctuation():
    text = "本报告根据条例要求编制，内容包括总体情况等。本机关认真做好政务公开工作，主动公开各类信息。"
    out = str(snippet(text, ["主动公开"], width=20))
    assert out.startswith("…本机关认真")  # the sentence's start, not "关认真…"


def test_page_numbers_show_first_last_and_neighbours():
    assert page_numbers(1, 1) == [1]
    assert page_numbers(1, 5) == [1, 2, 3, 4, 5]
    assert page_numbers(10, 20) == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert page_numbers(20, 20) == [1, None, 18, 19, 20]
    assert page_numbers(5, 9) == [1, 2, 3, 4, 5, 6, 7, 8, 9]
