"""A self-hosted bot check for public forms: no outside service, no JavaScript needed.

Four layers, all checked on the server:
1. A small arithmetic question. The signed token carries only a random nonce, the issue time and
   the form's scope; the numbers are derived from the nonce with HMAC(SECRET_KEY), so the token
   alone does not reveal the answer.
2. The token expires (`CHALLENGE_MAX_SECONDS`, default 2 hours) and is accepted once (the nonce is
   remembered in the cache until it expires).
3. A minimum fill time (`CHALLENGE_MIN_SECONDS`, default 3 s): bots post at once.
4. A honeypot field hidden by CSS: people leave it empty. Wrap it in an element with class
   "hp-field" (defined in the static file foi/foi.css; copy the rule into your own stylesheet)
   and aria-hidden="true".

Use `ChallengeFormMixin` in a Django form and render `form.challenge_token`, `form.challenge_answer`
(its label is the question) and `form.website` inside a `.hp-field` wrapper.
"""
import hashlib
import hmac
import secrets
import time
import unicodedata
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SALT = "gongkai.core.challenge"
HONEYPOT_FIELD = "website"


def _setting(name, default):
    return getattr(settings, "GONGKAI", {}).get(name, default)


def _numbers(nonce: str) -> tuple[int, int, str]:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{SALT}:{nonce}".encode(), hashlib.sha256).digest()
    a, b = 2 + digest[0] % 18, 1 + digest[1] % 9
    op = "+" if digest[2] % 2 == 0 else "-"
    return a, b, op


def _answer(nonce: str) -> int:
    a, b, op = _numbers(nonce)
    return a + b if op == "+" else a - b


@dataclass(frozen=True)
class Challenge:
    token: str
    question: str


def challenge_question(nonce: str) -> str:
    a, b, op = _numbers(nonce)
    word = _("加") if op == "+" else _("减")
    return _("%(a)d %(op)s %(b)d 等于几？") % {"a": a, "op": word, "b": b}


def challenge_issue(*, scope: str) -> Challenge:
    """Return a new challenge for the form named `scope`."""
    nonce = secrets.token_urlsafe(12)
    token = signing.dumps({"n": nonce, "t": time.time(), "s": scope}, salt=SALT, compress=False)
    return Challenge(token=token, question=challenge_question(nonce))


def challenge_question_for(token: str) -> str:
    """Return the question of a token (empty when the token is not ours)."""
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return ""
    return challenge_question(payload["n"])


def challenge_verify(*, token: str, answer: str, honeypot: str = "", scope: str, consume: bool = True) -> str:
    """Return "" when the challenge passes, else a Chinese message saying what to do."""
    if honeypot:
        return _("提交未通过验证，请刷新页面后重新填写。")
    try:
        payload = signing.loads(token or "", salt=SALT, max_age=_setting("CHALLENGE_MAX_SECONDS", 7200))
    except signing.SignatureExpired:
        return _("验证题已过期，请回答新的验证题。")
    except signing.BadSignature:
        return _("验证信息无效，请回答新的验证题。")
    if payload.get("s") != scope:
        return _("验证信息无效，请回答新的验证题。")
    if time.time() - float(payload.get("t", 0)) < _setting("CHALLENGE_MIN_SECONDS", 3):
        return _("提交过快，请核对填写内容后再提交。")
    text = unicodedata.normalize("NFKC", answer or "").strip().replace(" ", "")
    try:
        given = int(text)
    except ValueError:
        return _("请用数字回答验证题。")
    if given != _answer(payload["n"]):
        return _("验证题答案不正确，请回答新的验证题。")
    if consume and not cache.add(f"challenge:used:{payload['n']}", 1, _setting("CHALLENGE_MAX_SECONDS", 7200)):
        return _("该验证题已使用，请回答新的验证题。")
    return ""


class ChallengeFormMixin(forms.Form):
    """Adds the challenge to a form. Set `challenge_scope` on the subclass."""

    challenge_scope = "form"
    challenge_token = forms.CharField(widget=forms.HiddenInput, required=False)
    challenge_answer = forms.CharField(label=gettext_lazy("验证题"), max_length=8, required=False,
                                       widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                                     "autocomplete": "off"}))
    website = forms.CharField(label=gettext_lazy("请勿填写此项"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self._challenge_renew()
        else:
            question = challenge_question_for(self.data.get("challenge_token", ""))
            self.fields["challenge_answer"].label = question or _("验证题")

    def _challenge_renew(self):
        challenge = challenge_issue(scope=self.challenge_scope)
        self.fields["challenge_answer"].label = challenge.question
        if self.is_bound:
            data = self.data.copy()
            data["challenge_token"] = challenge.token
            data["challenge_answer"] = ""
            self.data = data
        else:
            self.initial["challenge_token"] = challenge.token

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            # Check the answer without spending the token; a new one is issued below anyway.
            return cleaned
        message = challenge_verify(token=self.data.get("challenge_token", ""),
                                   answer=self.data.get("challenge_answer", ""),
                                   honeypot=self.data.get(HONEYPOT_FIELD, ""), scope=self.challenge_scope)
        if message:
            raise forms.ValidationError(message, code="challenge")
        return cleaned

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self._errors:
            self._challenge_renew()
