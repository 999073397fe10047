"""A pure ASGI middleware that bounds every request body before it is read.

Each route has a limit (an exact path in ``limits``, else ``default``). A declared
``Content-Length`` over the limit is answered 413 at once, before the application runs and
before one byte of the body is read; a body sent without one (chunked) is counted as it
streams in and stopped at the first chunk past the limit. Nothing is buffered here, and this
runs before authentication, so an anonymous request costs no more than its limit.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.contract.wire import ErrorBody
from sync.contract.wire import Message as WireMessage
from sync.server import messages as msg
from sync.server.api.errors import ApiError


class BodyTooLarge(ApiError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, msg.body_too_large(limit), headers={"Connection": "close"})


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, *, limits: Mapping[str, int], default: int) -> None:
        self.app = app
        self.limits = dict(limits)
        self.default = default

    def limit_for(self, path: str) -> int:
        return self.limits.get(path.rstrip("/") or "/", self.default)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = _content_length(scope)
        if declared == -1:
            await _answer(send, 400, msg.BAD_CONTENT_LENGTH)
            return
        if declared is not None and declared > limit:
            await _answer(send, 413, msg.body_too_large(limit))
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watch_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, watch_send)
        except BodyTooLarge:
            if started:
                raise
            await _answer(send, 413, msg.body_too_large(limit))


def _content_length(scope: Scope) -> int | None:
    """The declared length; ``None`` if absent, -1 if unreadable."""
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isdigit() and len(text) < 20 else -1
    return None


async def _answer(send: Send, status: int, message: WireMessage) -> None:
    body = json.dumps(ErrorBody(error=message).model_dump(), ensure_ascii=False).encode()
    headers: list[tuple[bytes, bytes]] = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        # The client may still be sending: tell it (and uvicorn) this connection ends here.
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})

