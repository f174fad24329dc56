"""Template helpers for the portal."""
from django import template
from django.utils.safestring import mark_safe

from gongkai.core.html import sanitize_html

register = template.Library()


@register.filter
def clean_html(value):
    """Render stored HTML only after passing it through the allow-list sanitizer again."""
    return mark_safe(sanitize_html(value or ""))


# Which item of the main navigation a page belongs to, by the namespace of its URL.
NAV_SECTIONS = {
    "gazette": "gazette",
    "guides": "services",
    "consultations": "hdjl", "mailboxes": "hdjl", "concerns": "hdjl", "decisions": "hdjl", "proposals": "hdjl",
    "opendata": "data",
    "foi": "apply",
    "answers": "qa",
    "portal": "xxgk", "columns": "xxgk", "stdcatalog": "xxgk", "oversight": "xxgk", "newmedia": "xxgk",
    "search": "",
}


@register.simple_tag
def nav_section(request) -> str:
    """The main-navigation item to mark as current for this request ("" for none)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.namespace == "portal" and match.url_name in ("home", "hdjl"):
        return match.url_name
    return NAV_SECTIONS.get(match.namespace, "")
