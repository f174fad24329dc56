from django import template

from gongkai.core.people import person_name as _person_name

register = template.Library()


@register.filter
def person_name(user):
    """{{ user|person_name }}: the full name, else the username."""
    return _person_name(user)
