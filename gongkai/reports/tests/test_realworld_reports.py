"""Floor on the real annual reports (../shared/realworld): a regression below it fails CI.

The figure itself is measured by `make bench-realworld` (bench/realworld_reports.py) and recorded in
docs/PERFORMANCE.md; the floor sits just under it.
"""


def test_real_reports_floor(realworld):
    root, load_part = realworld
    summary = load_part("reports").evaluate(root)["summary"]
    assert summary["reports"] == 26
    # the four 总计 figures and the consistency verdict right (26 of 26 measured on 2026-12-07)
    assert summary["figures_and_verdict_right"] >= 25, summary
    assert summary["year_right"] >= 25 and summary["format_right"] >= 25, summary
    # no real report is read as an unresolved ambiguity where the table's arithmetic settles it
    assert summary["ambiguous_splits_reported"] == 0, summary
