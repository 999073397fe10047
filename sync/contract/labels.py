"""Vietnamese and English labels of the contract's fields and enum values.

These live in the contract, not in Qt's translation files, because the ward server writes the
same words (export headers, validation messages) as the laptop.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal, TypeVar

from sync.contract.normalize import search_key
from sync.contract.record import ConsentMethod, Gender, OnlineLevel, Place, RecordStatus, Result

Lang = Literal["vi", "en"]

#: field name -> (Vietnamese, English)
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "id": ("Mã lượt hỗ trợ", "Record ID"),
    "device_id": ("Mã thiết bị", "Device ID"),
    "volunteer_name": ("Tình nguyện viên", "Volunteer"),
    "created_at": ("Thời điểm tạo", "Created at"),
    "updated_at": ("Thời điểm sửa", "Updated at"),
    "assisted_on": ("Ngày hỗ trợ", "Date of help"),
    "revision": ("Phiên bản", "Revision"),
    "status": ("Trạng thái phiếu", "Status"),
    "deleted": ("Đã xoá", "Deleted"),
    "ward_code": ("Mã phường", "Ward code"),
    "ward_name": ("Phường", "Ward"),
    "neighbourhood_code": ("Mã khu phố", "Neighbourhood code"),
    "neighbourhood_name": ("Khu phố", "Neighbourhood"),
    "full_name": ("Họ và tên", "Full name"),
    "birth_date": ("Ngày sinh", "Date of birth"),
    "birth_year": ("Năm sinh", "Year of birth"),
    "gender": ("Giới tính", "Gender"),
    "cccd": ("Số CCCD", "Citizen ID (CCCD)"),
    "cmnd": ("Số CMND cũ", "Old ID card (CMND)"),
    "phone": ("Số điện thoại", "Phone"),
    "address": ("Địa chỉ", "Address"),
    "category": ("Nội dung hỗ trợ", "Assistance"),
    "category_detail": ("Chi tiết nội dung khác", "Other (details)"),
    "procedure_code": ("Thủ tục hành chính", "Procedure"),
    "online_level": ("Mức độ trực tuyến", "Online level"),
    "dossier_code": ("Mã hồ sơ", "Dossier code"),
    "place": ("Nơi hỗ trợ", "Place"),
    "meeting_id": ("Buổi họp", "Meeting"),
    "result": ("Kết quả", "Result"),
    "follow_up_date": ("Hẹn theo dõi đến ngày", "Follow up by"),
    "reason": ("Lý do", "Reason"),
    "notes": ("Ghi chú", "Notes"),
    "consent": ("Đồng ý xử lý dữ liệu cá nhân", "Consent to data processing"),
    "consent_at": ("Thời điểm đồng ý", "Consent given at"),
    "consent_method": ("Hình thức đồng ý", "Consent method"),
    "consent_notice_version": ("Phiên bản thông báo", "Notice version"),
}

#: enum member -> (Vietnamese, English)
ENUM_LABELS: dict[Enum, tuple[str, str]] = {
    Gender.MALE: ("Nam", "Male"),
    Gender.FEMALE: ("Nữ", "Female"),
    Place.MEETING: ("Họp khu phố", "Neighbourhood meeting"),
    Place.HOME_VISIT: ("Tại nhà", "Home visit"),
    Place.WARD_DESK: ("Bộ phận một cửa", "Ward desk"),
    Result.COMPLETED: ("Đã hoàn thành", "Completed"),
    Result.PENDING: ("Đã nộp, chờ kết quả", "Submitted (pending)"),
    Result.FOLLOW_UP: ("Cần theo dõi tiếp", "Needs follow-up"),
    Result.NOT_POSSIBLE: ("Không thực hiện được", "Not possible"),
    Result.DECLINED: ("Người dân từ chối", "Declined"),
    OnlineLevel.FULL: ("Toàn trình", "Fully online"),
    OnlineLevel.PARTIAL: ("Một phần", "Partly online"),
    ConsentMethod.VERBAL: ("Đồng ý bằng lời", "Verbal"),
    ConsentMethod.SIGNED: ("Có chữ ký", "Signed"),
    ConsentMethod.WITHDRAWN: ("Đã rút lại sự đồng ý", "Consent withdrawn"),
    RecordStatus.DRAFT: ("Nháp", "Draft"),
    RecordStatus.FINAL: ("Hoàn tất", "Final"),
}

E = TypeVar("E", bound=Enum)


def field_label(field: str, lang: Lang = "vi") -> str:
    vi, en = FIELD_LABELS.get(field, (field, field))
    return vi if lang == "vi" else en


def label(member: Enum, lang: Lang = "vi") -> str:
    vi, en = ENUM_LABELS[member]
    return vi if lang == "vi" else en


def parse_enum(enum_cls: type[E], text: str) -> E:
    """The member named by its value or by its Vietnamese or English label, any case or accents.

    Raises:
        ValueError: when nothing matches; the message lists what is accepted.
    """
    wanted = search_key(text)
    for member in enum_cls:
        names = [str(member.value), *ENUM_LABELS.get(member, ())]
        if any(search_key(name) == wanted for name in names):
            return member
    raise ValueError(text)


def accepted_spellings(enum_cls: type[Enum], lang: Lang = "vi") -> str:
    """ "a, b, c": what :func:`parse_enum` accepts, for error messages."""
    return ", ".join(label(member, lang) for member in enum_cls)
