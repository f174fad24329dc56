"""The pre-publication review shown on a draft before anyone clicks 审核发布: what was found, said
in words a clerk understands (no score), where it is (part, line, character) and the text with the
findings highlighted.

It runs the same review the publish gate runs (`review.documents.document_review`), so what the
draft page shows is what 审核发布 will decide.
"""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.review.documents import attachment_texts, document_review, html_scan_text
from gongkai.review.findings import BLOCK, PII_SEVERITY, WARN
from gongkai.review.labels import KIND_LABELS, SIGNAL_LABELS
from gongkai.review.spam import THRESHOLD

# What each kind of finding means for the clerk, and what to do about it.
EXPLAIN = {
    "id_card": gettext_lazy("公民身份号码属于个人信息，公开前须删除或部分隐去。"),
    "bank_card": gettext_lazy("银行卡号属于个人信息，公开前须删除。"),
    "mobile": gettext_lazy("个人手机号码，除确需公开的工作电话外，应删除或部分隐去。"),
    "landline": gettext_lazy("个人固定电话，除单位办公电话外，应删除或部分隐去。"),
    "email": gettext_lazy("个人电子邮箱，除单位公开邮箱外，应删除。"),
    "address": gettext_lazy("个人住址，应删除或只保留到街道、村（社区）。"),
    "plate": gettext_lazy("机动车号牌，应部分隐去。"),
    "person_name": gettext_lazy("自然人姓名，除依法应当公示的外，应隐去。"),
    "secrecy": gettext_lazy("文件中有密级或“不予公开”等标志，须确认该文件可以公开。"),
    "spam": gettext_lazy("这段文字与文件内容无关，像是网页被植入的广告或赌博等垃圾信息，应删除。"),
}
PARTS = (gettext_lazy("名称"), gettext_lazy("内容概述"), gettext_lazy("正文"))


def _where(text: str, bounds: list, start: int) -> str:
    """“正文第3行第12字” for an offset into the reviewed text."""
    part_index = max(i for i, b in enumerate(bounds) if b <= start)
    part = str(PARTS[part_index]) if part_index < len(PARTS) else _("附件%(n)d") % {"n": part_index - len(PARTS) + 1}
    base = bounds[part_index]
    line = text.count("\n", base, start) + 1
    line_start = text.rfind("\n", base, start) + 1 if line > 1 else base
    return _("%(part)s第%(line)d行第%(col)d字") % {"part": part, "line": line, "col": start - line_start + 1}


def review_panel(*, document) -> dict:
    """The draft's review: verdict sentence, findings in words with positions, highlighted text."""
    report = document_review(document=document)
    body = html_scan_text(document.body_html) if document.body_html else (document.body_text or "")
    parts = [document.title or "", document.summary or "", body]
    texts, _problems = attachment_texts(document)
    parts += texts
    bounds, pos = [], 0
    for part in parts:
        bounds.append(pos)
        pos += len(part) + 1
    text = "\n".join(parts)

    findings = []
    for f in report.secrecy:
        findings.append({"start": f.start, "end": f.end, "kind": "secrecy", "severity": BLOCK})
    for p in report.spam.passages:
        if p.source == "text" and p.score >= THRESHOLD:
            findings.append({"start": p.start, "end": p.end, "kind": "spam", "severity": BLOCK,
                             "why": "、".join(str(SIGNAL_LABELS[s]) for s in p.signals if s in SIGNAL_LABELS)})
    for f in report.pii:
        if f.personal:
            findings.append({"start": f.start, "end": f.end, "kind": f.kind, "severity": PII_SEVERITY[f.kind]})
    findings.sort(key=lambda f: (f["start"], -f["end"]))
    for f in findings:
        f["label"] = KIND_LABELS[f["kind"]]
        f["explain"] = EXPLAIN[f["kind"]]
        f["text"] = text[f["start"]:f["end"]]
        f["where"] = _where(text, bounds, f["start"])
    html_findings = [{"label": KIND_LABELS["spam"], "explain": _("网页代码中有隐藏的内容或指向外部网站的可疑链接，应删除。"),
                      "text": p.text[:120]} for p in report.spam.passages if p.source == "html"]

    segments, cursor = [], 0
    for n, f in enumerate(findings, start=1):
        f["n"] = n
        if f["start"] < cursor:
            continue
        if f["start"] > cursor:
            segments.append({"text": text[cursor:f["start"]]})
        segments.append({"text": f["text"], "n": n, "severity": f["severity"], "label": f["label"]})
        cursor = f["end"]
    segments.append({"text": text[cursor:]})

    if report.verdict == BLOCK:
        verdict = _("发现必须先修改的内容：修改前不能发布。")
    elif report.verdict == WARN:
        verdict = _("发现需要人工确认的内容：请逐项核对；确需发布的，审核人员发布时须填写理由。")
    else:
        verdict = _("未发现个人信息、密级标志或垃圾信息。")
    return {"verdict": report.verdict, "verdict_text": verdict, "findings": findings,
            "html_findings": html_findings, "attachments": [a.problem for a in report.attachments],
            "segments": segments}


def title_looks_like_spam(title: str) -> str:
    """The spam passage found in a title (empty when it looks clean), for the import form."""
    from gongkai.review.services import review_text

    report = review_text(text=title or "", context="")
    passages = [p.text for p in report.spam.passages if p.source == "text" and p.score >= THRESHOLD]
    return "、".join(passages)
