"""Template helpers for the portal."""
from django import template
from django.utils.safestring import mark_safe

from gongkai.core.html import sanitize_html

register = template.Library()


@register.filter
def clean_html(value):
    """Render stored HTML only after passing it through the allow-list sanitizer again."""
    return mark_safe(sanitize_html(value or ""))
