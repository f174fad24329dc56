from urllib.parse import urlencode

from django import template

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
