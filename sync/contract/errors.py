"""Known errors: problems a person can understand and act on, told in Vietnamese and English.

Every layer raises a subclass of :class:`KnownError` for what the user can fix (a wrong
enrolment code, an unreadable file, a revoked device…). Anything else that escapes is a bug:
the GUI logs it with its traceback instead of showing a plain message.
"""

from __future__ import annotations


class KnownError(Exception):
    """A problem with a message for the user in both languages."""

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_vi = message_vi
        self.message_en = message_en

    def message(self, lang: str = "vi") -> str:
        return self.message_vi if lang == "vi" else self.message_en
