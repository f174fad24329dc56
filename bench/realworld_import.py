"""Importer accuracy on real document pages: `make bench-realworld` (part "import").

Runs the importer's dry-run extraction - `document_import(..., dry_run=True)`, the code path of
`gongkai import --dry-run --json` - over every file of `policy_pages/` and compares the fields with
`expected/policy_metadata.json`. Each file is fed as its page text: line 1 (the source) and the
`# ` annotation lines after it are stripped, as the corpus README describes; the file keeps its name.

How fields are counted (per field and overall):
- The eight fields are title, index_no, doc_no, publisher, subject, written_date, publish_date,
  validity.
- A key present in the expected entry is one check: right when the importer's value equals the
  expected value (both stripped of surrounding white space). An expected `null` (the page shows the
  label with no value) is right only when the importer gives no value.
- A key omitted from the expected entry means the page has no such field: when the importer gives
  a value for it anyway, that is one more check, counted wrong (a guess where nothing exists).
  When it gives nothing, nothing is counted.
- validity: the expected values are verbatim (现行有效, 已废止); they are mapped through the
  importer's own normalisation (`validity_label`: 现行有效 → 有效, 已废止 → 废止, ...) before
  comparing, so the check is that the importer outputs the normalised form of what the page says.
- Dates are ISO in both; 发文字号 is in the GB/T 9704 form in both (the expected file is already).

Also counted:
- outcome per file: imported with its metadata (how many fields it found), or refused with the
  reason a clerk would read (the importer's Chinese message);
- "chrome/label/spam titles": a title the importer takes that is page furniture (a breadcrumb, a
  navigation or language switch, a toolbar word), a metadata label line, or - on `spam_pages/` -
  contains one of the exact spam spans of `expected/spam.json`. This is checked with its own word
  list here, not with the importer's chrome test. The target is 0.
"""
import json
import re
from pathlib import Path

FIELDS = ("title", "index_no", "doc_no", "publisher", "subject", "written_date", "publish_date", "validity")

# Independent of the importer: words that only page furniture or a label line contains.
_CHROME_WORDS = ("首页", "当前位置", "您的位置", "所在位置", "现在的位置", "现在位置", "简体", "繁体", "繁體",
                 "簡體", "无障碍", "無障礙", "长辈版", "長輩版", "适老", "字体", "字號", "字号【", "打印", "关闭窗口",
                 "收藏", "分享", "浏览次数", "瀏覽次數", "点击数", "欢迎访问", "歡迎訪問", "设为首页", "設為首頁",
                 "网站地图", "English", "导航", "導航", "版权所有", "版權所有", "主办:", "主辦:", " > ", ">>", "»", "|")
_LABEL_START_RE = re.compile(
    r"^\s*[\[【]?\s*(索\s*引\s*[号號]|发布机构|發布機構|发文机关|發文機關|主题分类|主題分類|成文日期|发布日期|發布日期|"
    r"文\s*[号號]|发文字号|發文字號|有\s*效\s*性|标\s*题|標\s*題|名\s*称|名\s*稱)\s*[\]】]?\s*[:：|]?")


def page_text(path: Path) -> str:
    """The stored page text of a corpus file: line 1 and the leading `# ` annotations removed."""
    lines = path.read_text(encoding="utf-8").split("\n")[1:]
    while lines and lines[0].startswith("# "):
        lines.pop(0)
    return "\n".join(lines)


def _dry_run(name: str, text: str):
    from gongkai.catalog.importing.services import document_import

    return document_import(name=name, data=text.encode("utf-8"), dry_run=True)


def _same(field: str, got, expected) -> bool:
    from gongkai.catalog.importing.labels import validity_label

    if field == "validity" and expected is not None:
        expected = validity_label(expected) or expected
    if expected is None:
        return got in (None, "")
    return got is not None and str(got).strip() == str(expected).strip()


def chrome_title(title: str) -> bool:
    """True for a title that is page furniture or a label line (see the module docstring)."""
    return any(word in title for word in _CHROME_WORDS) or bool(_LABEL_START_RE.match(title))


def evaluate(root: Path) -> dict:
    expected_all = json.loads((root / "expected" / "policy_metadata.json").read_text(encoding="utf-8"))
    spam_expected = json.loads((root / "expected" / "spam.json").read_text(encoding="utf-8"))
    per_field = {f: [0, 0] for f in FIELDS}  # right, checks
    misses, outcomes, bad_titles = [], [], []
    imported = refused = 0
    for path in sorted((root / "policy_pages").glob("*.txt")):
        expected = expected_all.get(path.name, {})
        result = _dry_run(path.name, page_text(path))
        got = result.extracted or {}
        if result.ok:
            imported += 1
            found = sum(1 for f in FIELDS if got.get(f))
            pending = "，标题待确认（草稿标题取自文件名）" if got.get("title_pending") else ""
            outcomes.append(f"  {path.name}: 可导入，识别 {found} 项元数据{pending}")
        else:
            refused += 1
            outcomes.append(f"  {path.name}: 拒绝导入：{result.error}")
        for field in FIELDS:
            value = got.get(field)
            if field in expected:
                per_field[field][1] += 1
                if _same(field, value, expected[field]):
                    per_field[field][0] += 1
                else:
                    misses.append(f"  {path.name} {field} expected={expected[field]!r} got={value!r}")
            elif value not in (None, ""):
                per_field[field][1] += 1
                misses.append(f"  {path.name} {field} expected=(no such field) got={value!r}")
        title = got.get("title")
        if title and chrome_title(title):
            bad_titles.append(f"  {path.name}: chrome/label title {title!r}")
    for path in sorted((root / "spam_pages").glob("*.txt")):
        result = _dry_run(path.name, page_text(path))
        title = (result.extracted or {}).get("title")
        if not title:
            continue
        spans = [s for s in spam_expected.get(path.name, {}).get("spam_spans", []) if s.strip() and s in title]
        if spans:
            bad_titles.append(f"  {path.name}: spam title {title!r} (holds {spans[0]!r})")
        elif chrome_title(title):
            bad_titles.append(f"  {path.name}: chrome/label title {title!r}")
    right = sum(r for r, _ in per_field.values())
    checks = sum(n for _, n in per_field.values())
    lines = ["Importer dry run on policy_pages (fields right / checks):"]
    for field, (r, n) in per_field.items():
        lines.append(f"  {field:<13} {r:>3}/{n:<3} {r / n if n else 0:.3f}")
    lines.append(f"  {'overall':<13} {right:>3}/{checks:<3} {right / checks if checks else 0:.3f}")
    lines.append(f"Files: {imported} importable, {refused} refused")
    lines.extend(outcomes)
    lines.append(f"Misses ({len(misses)}): file field expected got")
    lines.extend(misses)
    lines.append(f"Titles taken from chrome/labels/spam (policy_pages + spam_pages): {len(bad_titles)}")
    lines.extend(bad_titles)
    summary = {"fields_right": right, "fields_checked": checks,
               "fields_accuracy": round(right / checks, 4) if checks else 0.0,
               "files": imported + refused, "files_importable": imported, "files_refused": refused,
               "bad_titles": len(bad_titles)}
    for field, (r, n) in per_field.items():
        summary[f"{field}_accuracy"] = round(r / n, 4) if n else 0.0
    return {"lines": lines, "summary": summary}
