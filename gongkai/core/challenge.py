"""A self-hosted proof-of-work bot check for public forms (ALTCHA), with no outside service.

The server makes a signed challenge with the `altcha` library (PyPI, the ALTCHA v2 proof of work:
PBKDF2/SHA-256, deterministic mode: the browser must find the secret counter, up to
`CHALLENGE_MAX_NUMBER` key derivations of `CHALLENGE_COST` rounds each, about a second of a
browser's work). The vendored ALTCHA widget (npm `altcha`, static/vendor/altcha/, MIT, served from
this site; no CDN) solves it in Web Workers and posts the result in the hidden field `altcha`. There
is no label to read: a script has to do the same work for each submission. All layers are checked
on the server:

1. the proof of work and the challenge's signature (an HMAC keyed from SECRET_KEY);
2. the scope (a challenge made for one form does not pass another), expiry
   (`CHALLENGE_MAX_SECONDS`, default 2 hours) and single use (the challenge id is remembered in the
   shared cache; `challenge_release` gives it back when the submission failed before anything was
   saved, so the person can send the same form again);
3. a minimum fill time (`CHALLENGE_MIN_SECONDS`, default 3 s);
4. a honeypot field hidden by CSS: wrap it in an element with class "hp-field" (foi/foi.css) and
   aria-hidden="true".

Use `ChallengeFormMixin` in a Django form (set `challenge_scope`), render `form.altcha` (the widget,
its scripts and a <noscript> note) and `form.website` inside a `.hp-field` wrapper, and wrap the
save in `with challenge_released_on_failure(form): ...`. Settings live in settings.GONGKAI.
"""
import base64
import binascii
import hashlib
import hmac
import json
import secrets
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.cache import caches
from django.utils.connection import ConnectionProxy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SALT = "gongkai.core.challenge"
# Used challenges are remembered where rate limits are: shared by every process (Redis, or the
# database cache table in the embedded default).
cache = ConnectionProxy(caches, "limits")
FIELD = "altcha"
HONEYPOT_FIELD = "website"
ALGORITHM = "PBKDF2/SHA-256"


def _setting(name, default):
    return getattr(settings, "GONGKAI", {}).get(name, default)


def _secret(purpose: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{SALT}:{purpose}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Challenge:
    id: str
    json: str  # what the widget's `challenge` attribute holds


def challenge_issue(*, scope: str) -> Challenge:
    """Return a new signed challenge for the form named `scope`."""
    from altcha import create_challenge

    max_number = int(_setting("CHALLENGE_MAX_NUMBER", 2000))
    challenge_id = secrets.token_urlsafe(12)
    made = create_challenge(
        algorithm=_setting("CHALLENGE_ALGORITHM", ALGORITHM), cost=int(_setting("CHALLENGE_COST", 1000)),
        counter=max_number // 2 + secrets.randbelow(max(1, max_number - max_number // 2)),
        expires_at=int(time.time()) + int(_setting("CHALLENGE_MAX_SECONDS", 7200)),
        data={"id": challenge_id, "scope": scope, "t": int(time.time())},
        hmac_secret=_secret("sign"), hmac_key_secret=_secret("key"))
    return Challenge(id=challenge_id, json=json.dumps(made.to_dict(), separators=(",", ":")))


def challenge_solve(challenge_json: str) -> str:
    """Do what the browser does: solve a challenge and return the payload for the `altcha` field.
    (For tests and load scripts; a bot can do the same, which is the point of charging it the work.)"""
    from altcha import Challenge as AltchaChallenge
    from altcha import Payload, solve_challenge

    challenge = AltchaChallenge.from_dict(json.loads(challenge_json))
    return Payload(challenge, solve_challenge(challenge)).to_base64()


def _payload_data(payload: str) -> dict:
    """The challenge's embedded data (id, scope, t) of a payload, unverified; {} when unreadable."""
    try:
        decoded = json.loads(base64.b64decode(payload or "", validate=True).decode())
        data = decoded["challenge"]["parameters"].get("data") or {}
    except (binascii.Error, ValueError, UnicodeDecodeError, KeyError, TypeError, AttributeError):
        return {}
    return data if isinstance(data, dict) else {}


def _used_key(challenge_id) -> str:
    return f"challenge:used:{challenge_id}"


def challenge_verify(*, payload: str, honeypot: str = "", scope: str, consume: bool = True) -> str:
    """Return "" when the challenge passes, else a Chinese message saying what to do."""
    from altcha import verify_solution

    if honeypot:
        return _("提交未通过验证，请刷新页面后重新填写。")
    if not payload:
        return _("请等待页面下方的“人机验证”完成后再提交（需要启用 JavaScript）。")
    if len(payload) > 4096:
        return _("验证信息无效，请刷新页面后重新提交。")
    try:
        result = verify_solution(payload, _secret("sign"), hmac_key_secret=_secret("key"))
    except Exception:  # noqa: BLE001 - any malformed payload is simply not verified
        return _("验证信息无效，请刷新页面后重新提交。")
    if result.expired:
        return _("验证已过期，请等待新的验证完成后再提交。")
    if not result.verified:
        return _("验证信息无效，请刷新页面后重新提交。")
    data = _payload_data(payload)
    if data.get("scope") != scope or not data.get("id"):
        return _("验证信息无效，请刷新页面后重新提交。")
    if time.time() - float(data.get("t", 0)) < _setting("CHALLENGE_MIN_SECONDS", 3):
        return _("提交过快，请核对填写内容后再提交。")
    if consume and not cache.add(_used_key(data["id"]), 1, _setting("CHALLENGE_MAX_SECONDS", 7200) + 60):
        return _("该验证已使用，请等待新的验证完成后再提交。")
    return ""


def challenge_release(*, payload: str) -> None:
    """Forget that a payload was used: its submission failed before anything was saved."""
    challenge_id = _payload_data(payload).get("id")
    if challenge_id:
        cache.delete(_used_key(challenge_id))


@contextmanager
def challenge_released_on_failure(form):
    """Run the save; if it raises (nothing was saved: the service's transaction rolled back), give
    the form's challenge back so the same submission can be sent again, then re-raise."""
    try:
        yield
    except BaseException:
        form.challenge_release()
        raise


class ChallengeWidget(forms.Widget):
    """The ALTCHA widget with its (vendored, same-origin) scripts and a note for browsers without JS."""

    template_name = "core/challenge_widget.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.challenge_json = ""
        self.scope = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if not self.challenge_json:  # issued when shown: a form that is only posted costs none
            self.challenge_json = challenge_issue(scope=self.scope).json
        context["challenge_json"] = self.challenge_json
        context["configuration"] = json.dumps({"hideFooter": True, "hideLogo": True, "minDuration": 300})
        return context

    def value_from_datadict(self, data, files, name):
        return data.get(name, "")


class ChallengeFormMixin(forms.Form):
    """Adds the proof-of-work check and the honeypot to a form. Set `challenge_scope` on the subclass."""

    challenge_scope = "form"
    altcha = forms.CharField(label=gettext_lazy("人机验证"), required=False, widget=ChallengeWidget)
    website = forms.CharField(label=gettext_lazy("请勿填写此项"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every rendering carries a fresh challenge (a bound form shown again with errors too); it is
        # issued when the widget is rendered, so a submission that succeeds and redirects issues none.
        self.fields[FIELD].widget.scope = self.challenge_scope

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned  # nothing is spent while other fields are wrong
        message = challenge_verify(payload=self.data.get(FIELD, ""), honeypot=self.data.get(HONEYPOT_FIELD, ""),
                                   scope=self.challenge_scope)
        if message:
            raise forms.ValidationError(message, code="challenge")
        return cleaned

    def challenge_release(self):
        if self.is_bound:
            challenge_release(payload=self.data.get(FIELD, ""))
