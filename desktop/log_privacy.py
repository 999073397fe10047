"""Personal data never reaches a log: a logging filter that masks it in every line.

Log files are read by whoever helps a volunteer with a problem, and are copied around with
"Copy details". Residents' names, CCCD/CMND numbers and phone numbers must not be in them
(Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15). The app avoids logging them, but a record's
``repr`` in a traceback or a message from a library can still carry them, so every log line
(message and traceback) goes through :func:`mask` before it is written.

Qt-free, so the CLI can use it too.
"""

from __future__ import annotations

import logging
import re

#: Fields whose values are personal in a record's repr, a dict or JSON.
PERSONAL_FIELDS = ("full_name", "volunteer_name", "address", "phone", "cccd", "cmnd",
                   "notes", "reason", "dossier_code", "birth_date", "host", "name_key",
                   "category_detail")
_KEYS = "|".join(PERSONAL_FIELDS)
_FIELD_VALUE = re.compile(
    r"""(?P<key>["']?(?:""" + _KEYS + r""")["']?\s*[:=]\s*)"""
    r"""(?P<q>["'])(?P<value>(?:\\.|(?!(?P=q)).)*)(?P=q)""")
#: Phones: +84 / 84 / 0 and nine more digits, with or without spaces, dots or dashes.
_PHONE = re.compile(r"(?<![\d\w])(?:\+?84|0)(?:[\s.\-]?\d){8,10}(?!\d)")
#: CCCD (12 digits) and old CMND (9 digits) numbers.
_ID_NUMBER = re.compile(r"(?<![\d\w])(?:\d{12}|\d{9})(?![\d\w])")
#: The most common Vietnamese family names (together over 90 % of people).
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
            "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đào", "Trịnh", "Mai", "Trương",
            "Đoàn", "Lâm", "Tô", "Hà", "Cao", "Lưu", "Tạ", "Thái", "Châu", "Quách", "Lương",
            "Phùng", "Văn", "Kiều", "Mạc", "Lại", "Triệu", "Nguyen", "Tran", "Pham",
            "Hoang", "Huynh", "Dang", "Bui", "Do", "Ho", "Ngo", "Duong", "Dinh", "Dao")
_UPPER = "A-ZÀ-ỸĐ"
_NAME = re.compile(r"\b(?:" + "|".join(SURNAMES) + r")(?:\s+[" + _UPPER + r"][\wÀ-ỹ]*){1,4}")

NAME_MASK, PHONE_MASK, ID_MASK, VALUE_MASK = "[tên]", "[sđt]", "[số giấy tờ]", "[…]"


def mask(text: str) -> str:
    """``text`` with personal values replaced by placeholders."""
    text = _FIELD_VALUE.sub(lambda m: f"{m['key']}{m['q']}{VALUE_MASK}{m['q']}", text)
    text = _PHONE.sub(PHONE_MASK, text)
    text = _ID_NUMBER.sub(ID_MASK, text)
    return _NAME.sub(NAME_MASK, text)


class PersonalDataFilter(logging.Filter):
    """Masks the message and the traceback of every record passing through the handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask(record.getMessage())
        record.args = ()
        if record.exc_info:
            formatter = logging.Formatter()
            record.exc_text = mask(formatter.formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return True
