"""Security headers on every answer (a pure ASGI middleware, outermost, so that even a 500
or a 413 from the body limit carries them).

- ``X-Content-Type-Options: nosniff``: a browser never guesses a JSON answer is HTML;
- ``Cache-Control: no-store`` on every API answer: they carry residents' personal data and
  must not sit in a proxy's or browser's cache;
- no framing, no referrer, and a CSP that allows nothing on API answers (the ``/docs`` page,
  when switched on, may load its own bundled script and style, nothing from elsewhere).

The ``server`` banner is switched off in uvicorn (``server_header=False``).
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

API_CSP = "default-src 'none'; frame-ancestors 'none'"
DOCS_CSP = (
    "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"
)


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, docs_prefix: str = "/docs") -> None:
        self.app = app
        self.docs_prefix = docs_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        docs = str(scope.get("path", "")).startswith(self.docs_prefix)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                headers["X-Frame-Options"] = "DENY"
                headers["Referrer-Policy"] = "no-referrer"
                headers["Content-Security-Policy"] = DOCS_CSP if docs else API_CSP
                if not docs:
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, with_headers)
