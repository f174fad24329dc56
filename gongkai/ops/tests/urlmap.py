"""Introspect the URL map and the OpenAPI schema to build concrete URLs for access tests."""
import re

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

PARAM_RE = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
# Staff pages that must answer anonymous users (they are how one signs in).
PUBLIC_STAFF_NAMES = {"console:login", "console:logout", "admin:login", "admin:logout",
                      "console:password_reset", "console:password_reset_done"}
SLUG_VALUES = {"action": "submit", "fmt": "docx", "format": "docx", "kind": "notice"}


def walk(patterns=None, prefix="", namespace=""):
    """Yield (route, name, callback) for every URL pattern, routes joined, names namespaced."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(filter(None, [namespace, p.namespace])) if p.namespace else namespace
            yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else (p.name or "")
            yield prefix + str(p.pattern), name, p.callback


def _singular(word: str) -> str:
    word = word.lower().replace("-", "").replace("_", "")
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _gongkai_models():
    return [m for m in apps.get_models() if m.__module__.startswith("gongkai.")]


def model_for(route: str, param: str, module: str = ""):
    """Guess the model an integer URL parameter refers to from its name and the segment before it."""
    if param.endswith("_id") or param.endswith("_pk"):
        hint = param[:-3]
    else:
        before = route[: route.find("<" if "<" in route else "")].rstrip("/")
        m = re.search(r"<[^>]*\b" + re.escape(param) + r">", route)
        before = route[: m.start()].rstrip("/") if m else before
        hint = before.rsplit("/", 1)[-1] if before else ""
        if not hint or hint.startswith("<"):
            hint = param
    hint = _singular(hint)
    app = module.split(".")[1] if module.startswith("gongkai.") else ""
    candidates = []
    for model in _gongkai_models():
        name = model._meta.model_name
        if name == hint or name.endswith(hint) or (hint and hint in name):
            score = (name == hint) * 4 + (model._meta.app_label == app) * 2 + name.endswith(hint)
            candidates.append((score, -len(name), model))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (c[0], c[1]), reverse=True)
    return candidates[0][2]


def fill(route: str, values: dict) -> str:
    """Replace each <conv:name> with values[name]."""
    return "/" + PARAM_RE.sub(lambda m: str(values[m.group("name")]), route).lstrip("^").rstrip("$")


def route_params(route: str):
    return [(m.group("conv") or "str", m.group("name")) for m in PARAM_RE.finditer(route)]
