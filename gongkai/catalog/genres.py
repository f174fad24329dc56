"""Infer the 文种 from a title: Chinese official titles end in their 文种 (…的通知, …的意见)."""
import re

from gongkai.core.text import normalize

from .models import Genre

_ORDER = sorted((g for g in Genre.values if g not in {Genre.OTHER}), key=len, reverse=True)

# Words a 公文 or disclosure-item title ends in: the 文种 of 党政机关公文处理工作条例 and the document
# kinds disclosure catalogues file (预案, 规划, 要点, 指南, 年度报告…).
TITLE_ENDINGS = tuple(sorted(set(_ORDER) | {
    "预案", "规划", "计划", "要点", "细则", "规则", "条例", "规程", "守则", "章程", "制度", "指南", "目录", "清单",
    "名单", "公示", "说明", "答复", "复函", "总结", "纲要", "标准", "指引", "须知", "意见书", "通知书", "决定书",
    "措施", "办法", "导则", "白皮书", "公约", "批示", "决议",
}, key=len, reverse=True))


def genre_from_title(title: str) -> str:
    t = (title or "").strip().rstrip("。.》」』”\"'）)")
    if "解读" in t[-8:]:
        return Genre.INTERPRETATION
    for genre in _ORDER:
        if t.endswith(genre):
            return genre
    if t.endswith("令"):
        return Genre.ORDER
    return Genre.OTHER


def ends_like_title(text: str) -> bool:
    """True when `text` (any script) ends in a 文种 word, as 公文 titles do (…的通知, …应急预案)."""
    t = re.sub(r"\s+", "", normalize(text or "")).rstrip("”\"'")
    if t.endswith(")") and "(" in t:
        t = t[:t.rfind("(")].rstrip()  # …实施方案(试行), …办法(修订)
    return t.endswith(TITLE_ENDINGS)
