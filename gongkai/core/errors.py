"""Errors whose message is shown to a person as it is (Chinese, via gettext)."""


class UserFacingError(Exception):
    """An error with a message meant for the user who caused it."""

    def __init__(self, message, *, code=None):
        super().__init__(str(message))
        self.message = str(message)
        self.code = code


class PermissionDeniedError(UserFacingError):
    pass


class TransitionError(UserFacingError):
    pass
