"""One error body for every 4xx/5xx answer (:class:`sync.contract.wire.ErrorBody`): our own
errors, FastAPI's request validation, Starlette's 404/405, and bugs (500).

``ERROR_RESPONSES`` declares that body in the OpenAPI document for every operation.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.contract.wire import ErrorBody, Message
from sync.server import messages as msg

log = logging.getLogger("hotroso.server")

#: Every operation may answer these; each with an :class:`ErrorBody`.
ERROR_STATUSES = (400, 401, 403, 404, 405, 409, 413, 415, 422, 426, 429, 500)
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": "Error (bilingual, see ErrorBody)"}
    for status in ERROR_STATUSES
}


class ApiError(HTTPException):
    """An answer with an error body; raise it from routes and dependencies."""

    def __init__(
        self,
        status: int,
        message: Message,
        problems: list[Message] | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(status_code=status, detail=message.message_en, headers=headers)
        self.message = message
        self.problems = problems or []


def error_response(
    status: int,
    message: Message,
    problems: list[Message] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body = ErrorBody(error=message, problems=problems or [])
    out = dict(headers or {})
    if status == 401:
        out["WWW-Authenticate"] = "Bearer"
    return JSONResponse(body.model_dump(), status_code=status, headers=out)


def validation_error(problems: list[Message]) -> ApiError:
    return ApiError(422, msg.invalid_request(problems), problems)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status_code, exc.message, exc.problems, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = msg.problems_from_pydantic(exc.errors())
        return error_response(422, msg.invalid_request(problems), problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else ""
        return error_response(exc.status_code, msg.http_status(exc.status_code, detail),
                              headers=dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> JSONResponse:
        # Starlette logs the traceback after this answer is sent; the body says nothing
        # about the inside of the server.
        log.error("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, msg.INTERNAL_ERROR)
