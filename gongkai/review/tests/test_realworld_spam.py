"""Floor on the real defaced and clean pages (../shared/realworld/spam_pages, bench part "spam").

The figures are those `make bench-realworld` prints (docs/PERFORMANCE.md, "Spam (spam_pages)"); the
floors sit just under what the detector reaches, so a regression fails here. Skipped where the
shared folder is not beside the clone.
"""


def test_spam_pages_floor(realworld):
    root, load_part = realworld
    summary = load_part("spam").evaluate(root)["summary"]
    # 15 spam pages: reached 15/15; one miss is allowed before this fails.
    assert summary["page_recall"] >= 0.93, summary
    # 8 clean hard negatives (彩票公益金, 体育彩票, 反赌, 澳门博彩监察, 百家樂 rules): none flagged or blocked.
    assert summary["clean_flagged"] == 0 and summary["clean_blocked"] == 0, summary
    # Every other real page (policy pages, reports, applications, participation) and the clean
    # seeds: none flagged as spam.
    assert summary["extra_negatives_flagged"] == 0, summary
    # Exact spans: reached 259/260 occurrences; passages that touch no expected span: 0.
    assert summary["span_recall"] >= 0.97, summary
    assert summary["false_alarm_passages"] == 0, summary
    assert summary["overreach_chars"] <= 20, summary
    # Removing the reported passages leaves a text that passes the scan again.
    assert summary["still_spam_after_cleaning"] == 0, summary
    assert summary["spam_seeds_found"] == summary["spam_seeds"], summary
