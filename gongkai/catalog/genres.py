"""Infer the 文种 from a title: Chinese official titles end in their 文种 (…的通知, …的意见)."""
from .models import Genre

_ORDER = sorted((g for g in Genre.values if g not in {Genre.OTHER}), key=len, reverse=True)


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
