"""Authentication backend with login throttling (settings.AUTHENTICATION_BACKENDS)."""
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .lockout import login_is_locked


class LoginLockedError(ValidationError):
    """Raised while a username is locked out; forms show its message as a non-field error."""


class ThrottledModelBackend(ModelBackend):
    """Django's model backend that refuses to check passwords during a lockout."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            from django.contrib.auth import get_user_model

            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username and login_is_locked(username=username, request=request):
            raise LoginLockedError(
                _("登录失败次数过多，该账号已被暂时锁定，请 %(minutes)d 分钟后再试。如需帮助请联系系统管理员。")
                % {"minutes": max(1, int(getattr(settings, "LOGIN_LOCKOUT_SECONDS", 900)) // 60)},
                code="locked",
            )
        return super().authenticate(request, username=username, password=password, **kwargs)
