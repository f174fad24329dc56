"""Floor on the importer's accuracy on the real-world development set (../shared/realworld).

The figures come from `bench/realworld_import.py` (make bench-realworld); the floors sit just under
what the importer reaches (docs/PERFORMANCE.md, "Real-world accuracy"), so a regression fails here.
"""


def test_importer_fields_and_titles_on_real_pages(realworld):
    root, load_part = realworld
    summary = load_part("import").evaluate(root)["summary"]
    assert summary["fields_checked"] >= 220  # every expected field counted
    assert summary["fields_accuracy"] >= 0.98
    for field in ("title", "index_no", "doc_no", "publisher", "written_date", "publish_date", "validity"):
        assert summary[f"{field}_accuracy"] >= 0.95, field
    assert summary["bad_titles"] == 0  # no title from chrome, labels or spam
    assert summary["files_refused"] == 0  # every real page is importable (draft when no title)
