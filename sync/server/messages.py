"""Bilingual messages the server sends for a client's mistakes (never a 500 for those)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sync.contract.record import NUL_FREE
from sync.contract.wire import Message


def message(code: str, vi: str, en: str, field: str | None = None) -> Message:
    return Message(code=code, message_vi=vi, message_en=en, field=field)


DEVICE_REVOKED = message(
    "device_revoked",
    "Máy này đã bị phường thu hồi quyền đồng bộ. Dữ liệu trên máy vẫn được giữ nguyên; "
    "hãy liên hệ cán bộ phường để được cấp mã đăng ký mới.",
    "The ward has revoked this device's sync access. All records on this laptop are kept; "
    "ask the ward staff for a new enrolment code.",
)
BAD_TOKEN = message(
    "unknown_token",
    "Máy này chưa được đăng ký với máy chủ phường (mã truy cập không hợp lệ).",
    "This device is not enrolled with the ward server (the access token is not valid).",
)
BAD_ENROLMENT_CODE = message(
    "bad_enrolment_code",
    "Mã đăng ký không đúng, đã dùng hoặc đã hết hạn. Hãy xin cán bộ phường mã mới.",
    "The enrolment code is wrong, already used or expired. Ask the ward staff for a new one.",
    field="code",
)
BAD_SIGNING_KEY = message(
    "bad_signing_key",
    "Khoá ký của máy gửi lên không hợp lệ (phải là khoá Ed25519). Hãy cập nhật ứng dụng.",
    "The laptop's signing key is not valid (it must be an Ed25519 key). Update the app.",
    field="signing_public_key",
)
BAD_LOGIN = message(
    "bad_login",
    "Sai tên đăng nhập hoặc mật khẩu.",
    "Wrong username or password.",
)
FORBIDDEN = message(
    "forbidden",
    "Tài khoản của bạn không có quyền làm việc này.",
    "Your account is not allowed to do this.",
)
NOT_FOUND = message("not_found", "Không tìm thấy.", "Not found.")


def bad_body(detail: str) -> Message:
    return message(
        "bad_request_body",
        f"Dữ liệu gửi lên không đọc được: {detail}",
        f"The request body could not be read: {detail}",
    )


def too_large(what: str, limit: int) -> Message:
    return message(
        "too_large",
        f"Gói dữ liệu quá lớn ({what}); tối đa {limit}. Hãy gửi thành nhiều đợt nhỏ hơn.",
        f"The request is too large ({what}); the limit is {limit}. Send smaller batches.",
    )


def client_outdated(client: int, minimum: int) -> Message:
    return message(
        "client_outdated",
        f"Ứng dụng Hỗ trợ số trên máy này đã cũ (giao thức đồng bộ {client}); máy chủ phường "
        f"cần giao thức {minimum} trở lên. Hãy cập nhật ứng dụng rồi đồng bộ lại. Mọi phiếu "
        "trên máy vẫn được giữ nguyên.",
        f"The Hỗ trợ số app on this laptop is outdated (sync protocol {client}); the ward "
        f"server needs protocol {minimum} or newer. Update the app, then sync again. Every "
        "record on this laptop is kept.",
    )


def server_outdated(client: int, server: int) -> Message:
    return message(
        "server_outdated",
        f"Máy chủ phường dùng giao thức đồng bộ {server}, cũ hơn ứng dụng này ({client}). "
        "Hãy báo cán bộ phường cập nhật máy chủ. Mọi phiếu trên máy vẫn được giữ nguyên.",
        f"The ward server speaks sync protocol {server}, older than this app ({client}). Ask "
        "the ward staff to update the server. Every record on this laptop is kept.",
    )


BAD_PROTOCOL_HEADER = message(
    "bad_protocol_header",
    "Tiêu đề X-Hotroso-Protocol phải là một số nguyên.",
    "The X-Hotroso-Protocol header must be a whole number.",
)


def too_many_attempts(seconds: int) -> Message:
    return message(
        "too_many_attempts",
        f"Có quá nhiều lần thử từ máy này. Hãy đợi {seconds} giây rồi thử lại; nếu vẫn không "
        "được, hãy hỏi cán bộ phường.",
        f"Too many attempts from this computer. Wait {seconds} seconds, then try again; if it "
        "still fails, ask the ward staff.",
    )


def account_locked(minutes: int) -> Message:
    return message(
        "account_locked",
        f"Tài khoản này tạm bị khoá vì nhập sai mật khẩu nhiều lần. Hãy thử lại sau {minutes} "
        "phút, hoặc nhờ quản trị viên kiểm tra.",
        f"This account is locked for now after too many wrong passwords. Try again in "
        f"{minutes} minutes, or ask an administrator to check.",
    )


# ---- request validation ---------------------------------------------------------------------

#: The leading parts of a pydantic error location that say where, not which field.
_LOCATIONS = {"body", "query", "path", "header", "cookie"}


def field_path(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in _LOCATIONS:
        parts = parts[1:]
    return ".".join(parts) or "request"


def problem_from_pydantic(err: Mapping[str, Any], *, prefix: str = "") -> Message:
    """One bilingual problem for one pydantic error, naming the field and how to fix it."""
    field = field_path(err.get("loc", ()))
    if prefix:
        field = f"{prefix}.{field}" if field != "request" else prefix
    kind = str(err.get("type", "invalid"))
    ctx = err.get("ctx") or {}
    vi, en = _explain(kind, ctx, str(err.get("msg", "invalid")))
    return message(f"invalid.{kind}", f"Trường {field}: {vi}", f"Field {field}: {en}", field=field)


def problems_from_pydantic(
    errors: Iterable[Mapping[str, Any]], *, prefix: str = ""
) -> list[Message]:
    return [problem_from_pydantic(err, prefix=prefix) for err in errors]


def _explain(kind: str, ctx: Mapping[str, Any], text: str) -> tuple[str, str]:
    if kind == "string_too_long":
        n = ctx.get("max_length")
        return f"tối đa {n} ký tự; hãy rút gọn.", f"at most {n} characters; shorten it."
    if kind == "string_too_short":
        n = ctx.get("min_length")
        return f"cần ít nhất {n} ký tự.", f"needs at least {n} characters."
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == NUL_FREE:
            return (
                "không được chứa ký tự NUL (\\0); hãy xoá ký tự đó.",
                "must not contain a NUL character (\\0); remove it.",
            )
        return (
            f"sai định dạng (cần khớp {ctx.get('pattern')}).",
            f"has the wrong format (must match {ctx.get('pattern')}).",
        )
    if kind in ("less_than_equal", "less_than"):
        n = ctx.get("le", ctx.get("lt"))
        return f"phải nhỏ hơn hoặc bằng {n}.", f"must be at most {n}."
    if kind in ("greater_than_equal", "greater_than"):
        n = ctx.get("ge", ctx.get("gt"))
        return f"phải lớn hơn hoặc bằng {n}.", f"must be at least {n}."
    if kind in ("int_parsing", "int_type", "int_from_float", "int_parsing_size"):
        return "phải là một số nguyên.", "must be a whole number."
    if kind == "missing":
        return "bắt buộc, chưa có.", "is required."
    if kind == "extra_forbidden":
        return "không có trường này; hãy bỏ nó.", "is not a known field; leave it out."
    if kind in ("enum", "literal_error"):
        expected = ctx.get("expected", "")
        return f"phải là một trong: {expected}.", f"must be one of: {expected}."
    if kind in ("too_long",):
        n = ctx.get("max_length")
        return f"tối đa {n} phần tử.", f"at most {n} entries."
    if kind.startswith(("date", "datetime", "time")):
        return "ngày/giờ không hợp lệ (dạng 2025-09-01).", "not a valid date/time (2025-09-01)."
    if kind.startswith("uuid"):
        return "không phải mã UUID hợp lệ.", "is not a valid UUID."
    if kind.startswith("bool"):
        return "phải là true hoặc false.", "must be true or false."
    if kind.startswith(("string", "str")):
        return "phải là chuỗi ký tự.", "must be text."
    if kind.startswith(("dict", "model")):
        return "phải là một đối tượng JSON.", "must be a JSON object."
    return f"giá trị không hợp lệ ({text}).", f"{text}."


def invalid_request(problems: Sequence[Message]) -> Message:
    fields = ", ".join(dict.fromkeys(p.field or "?" for p in problems)) or "request"
    return message(
        "invalid_request",
        f"Yêu cầu không hợp lệ ở: {fields}. Hãy sửa các trường đó rồi gửi lại.",
        f"The request is not valid at: {fields}. Fix those fields and send it again.",
    )


def login_throttled(seconds: int) -> Message:
    return message(
        "login_throttled",
        f"Đã nhập sai mật khẩu nhiều lần từ máy này. Hãy đợi {seconds} giây rồi thử lại; "
        "nếu quên mật khẩu, hãy nhờ quản trị viên đặt lại.",
        f"Too many wrong passwords from this computer. Wait {seconds} seconds, then try "
        "again; if you forgot the password, ask an administrator to reset it.",
        field="password",
    )


ACCOUNT_DISABLED = message(
    "account_disabled",
    "Tài khoản này đã bị quản trị viên khoá. Hãy liên hệ quản trị viên của phường.",
    "This account has been disabled by an administrator. Contact the ward's administrator.",
)
SESSION_ENDED = message(
    "unknown_session",
    "Phiên đăng nhập không còn hiệu lực (đã đăng xuất, hết hạn hoặc bị thu hồi). Hãy đăng "
    "nhập lại.",
    "This sign-in is no longer valid (signed out, expired or revoked). Sign in again.",
)


def quota_exceeded(seconds: int, records: int, size: int) -> Message:
    hours = max(1, round(seconds / 3600))
    return message(
        "quota_exceeded",
        f"Máy này đã gửi đủ hạn mức của hôm nay ({records:,} bản ghi hoặc {size // 2**20:,} "
        f"MiB). Mọi bản ghi vẫn an toàn trên máy và sẽ được gửi tiếp sau khoảng {hours} giờ "
        "(từ 0 giờ); nếu cần gửi ngay, hãy báo cán bộ phường.",
        f"This laptop has sent today's allowance ({records:,} records or {size // 2**20:,} "
        f"MiB). Every record is safe on this laptop and will be sent in about {hours} hours "
        "(after midnight); if they must go sooner, tell the ward staff.",
    )


def body_too_large(limit: int) -> Message:
    return message(
        "too_large",
        f"Yêu cầu quá lớn: tối đa {limit:,} byte. Hãy gửi thành nhiều đợt nhỏ hơn.",
        f"The request is too large: at most {limit:,} bytes. Send it in smaller parts.",
    )


def http_status(status: int, detail: str = "") -> Message:
    """The bilingual message of an HTTP error raised by the framework itself."""
    known = {
        404: ("not_found", "Không tìm thấy địa chỉ này.", "Not found."),
        405: (
            "method_not_allowed",
            "Địa chỉ này không nhận phương thức đó.",
            "This address does not accept that method.",
        ),
        400: ("bad_request", "Yêu cầu không đọc được.", "The request could not be read."),
    }
    code, vi, en = known.get(
        status, (f"http_{status}", f"Lỗi HTTP {status}.", f"HTTP error {status}.")
    )
    if detail and status not in known:
        vi, en = f"{vi} {detail}", f"{en} {detail}"
    return message(code, vi, en)


INTERNAL_ERROR = message(
    "internal_error",
    "Máy chủ phường gặp lỗi nội bộ; yêu cầu chưa được thực hiện. Dữ liệu trên máy vẫn an "
    "toàn; hãy thử lại sau hoặc báo quản trị viên.",
    "The ward server hit an internal error; the request was not carried out. Data on the "
    "laptop is safe; try again later or tell the administrator.",
)
BAD_CONTENT_LENGTH = message(
    "bad_content_length",
    "Tiêu đề Content-Length không hợp lệ.",
    "The Content-Length header is not valid.",
)
NOT_SIGNED_IN = message(
    "not_signed_in",
    "Cần đăng nhập tài khoản cán bộ (POST /api/v1/auth/login) để làm việc này.",
    "Sign in with a staff account (POST /api/v1/auth/login) to do this.",
)
