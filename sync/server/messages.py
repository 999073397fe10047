"""Bilingual messages the server sends for a client's mistakes (never a 500 for those)."""

from __future__ import annotations

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
