"""Run every detector over one text and combine the findings into a report with a verdict."""
from django.conf import settings
from django.utils.translation import get_language

from .findings import BLOCK, PASS, PII_SEVERITY, START, ReviewReport, SpanSet, worst
from .names import detect_names
from .pii import detect_structured
from .secrecy import detect_secrecy
from .spam import detect_spam
from .textfold import fold


_CJK_KINDS = frozenset({"address", "plate", "landline"})


def site_hosts() -> tuple:
    """The portal's own hosts: links to them are never foreign."""
    hosts = [h.lstrip(".") for h in getattr(settings, "ALLOWED_HOSTS", []) if h and h != "*"]
    hosts += list(settings.GONGKAI.get("REVIEW_TRUSTED_HOSTS", [])) if hasattr(settings, "GONGKAI") else []
    return tuple(hosts)


def review(text: str, *, html: str | None = None, context: str = "") -> ReviewReport:
    """Review `text` (spans refer to it); `html` adds hidden-element and link checks."""
    text = text or ""
    folded = fold(text)
    language = get_language()  # once: the detectors translate the reasons of public findings
    pii = detect_structured(text, folded, language=language)
    # Names are Chinese characters only (in the folded text): only findings that can hold one
    # (an address, a plate's province, 转 in an extension) can overlap a name.
    taken = SpanSet()
    for f in pii:
        if f.kind in _CJK_KINDS and taken.free(f.start, f.end):
            taken.take(f.start, f.end)
    for name in detect_names(folded, context=context, language=language):
        if not taken.starts or taken.free(name.start, name.end):
            name.text = text[name.start:name.end]
            pii.append(name)
    pii.sort(key=START)
    secrecy = detect_secrecy(text, folded)
    spam = detect_spam(text, html=html, context=context, extra_hosts=site_hosts(), folded=folded)
    verdicts = [PASS]
    verdicts += [PII_SEVERITY[f.kind] for f in pii if f.personal]
    if secrecy:
        verdicts.append(BLOCK)
    if spam.is_spam:
        verdicts.append(BLOCK)
    return ReviewReport(verdict=worst(*verdicts), pii=pii, spam=spam, secrecy=secrecy)
