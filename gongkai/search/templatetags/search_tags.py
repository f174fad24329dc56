from urllib.parse import urlencode

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def search_url(context, **changes):
    """The current search URL with some parameters changed (None or "" removes one); resets the page."""
    params = {k: v for k, v in context["request"].GET.items()}
    params.pop("page", None)
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(params)


@register.simple_tag
def facet_items(values, about=""):
    """The <li> items of one facet list (a search page shows up to 150 of them: built in one pass,
    not a template node per value). `about` marks approximate counts."""
    about = escape(about)
    return mark_safe("".join(
        ('<li class="selected">' if v.selected else "<li>")
        + f'<a href="{escape(v.url)}">{escape(v.label)}</a><span class="count">{about}{int(v.count)}</span></li>'
        for v in values))
