"""Every answer has the shape of its model in sync/contract/wire.py (no missing field, no
field the model does not declare), including the two the server builds by hand for speed (the
push answer and the pull page); every error is an ErrorBody; the OpenAPI document is valid
(openapi-spec-validator: every $ref resolves) and declares both bearer schemes."""

from __future__ import annotations

import contextlib
import gzip
import json
import shutil
import types
import typing
from pathlib import Path
from typing import Any

import requests
from openapi_spec_validator import validate
from pydantic import BaseModel, TypeAdapter

from sync.contract.record import AssistanceRecord
from sync.contract.wire import (
    Done,
    EnrolResponse,
    ErrorBody,
    HandOverResponse,
    HealthResponse,
    LoginResponse,
    PullResponse,
    PushResponse,
    RecordSummary,
    ReviewResponse,
    UserActionResponse,
    UserSummary,
)
from sync.server import cli
from sync.server.models import Role
from tests.sync.api import (
    API,
    bearer,
    create_staff,
    enrol_device,
    item,
    login,
    push,
    wire_record,
)
from tests.sync.conftest import SharedWard


def assert_shape(annotation: Any, data: Any, where: str = "answer") -> None:
    """``data`` validates as ``annotation`` and has no key the models do not declare."""
    TypeAdapter(annotation).validate_python(data)
    _no_extra(annotation, data, where)


def _no_extra(annotation: Any, data: Any, where: str) -> None:
    origin = typing.get_origin(annotation)
    if origin in (types.UnionType, typing.Union):
        for option in typing.get_args(annotation):
            if option is not type(None) and data is not None:
                _no_extra(option, data, where)
        return
    if origin is list:
        (inner,) = typing.get_args(annotation)
        for n, value in enumerate(data):
            _no_extra(inner, value, f"{where}[{n}]")
        return
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        assert isinstance(data, dict), where
        extra = set(data) - set(annotation.model_fields)
        assert not extra, f"{where}: keys not in {annotation.__name__}: {extra}"
        for name, field in annotation.model_fields.items():
            if name in data:
                _no_extra(field.annotation, data[name], f"{where}.{name}")


def test_real_answers_have_the_shape_of_the_wire_models(
    shared_ward: SharedWard, tmp_path: Path
) -> None:
    url, engine = shared_ward.server.url, shared_ward.engine
    api = f"{url}{API}"
    assert_shape(HealthResponse, requests.get(f"{api}/health", timeout=5).json())
    from tests.sync.conftest import issue_code

    enrolled = requests.post(f"{api}/enroll", json={"code": issue_code(engine)}, timeout=5)
    assert_shape(EnrolResponse, enrolled.json())
    device = enrol_device(engine, url, "HT01")
    other = enrol_device(engine, url, "HT01")
    create_staff(engine, "wire_admin", Role.ADMIN)
    create_staff(engine, "wire_staff", Role.STAFF)
    logged_in = requests.post(f"{api}/auth/login", timeout=5,
                              json={"username": "wire_admin", "password": "a long enough password"})
    assert_shape(LoginResponse, logged_in.json())
    admin = bearer(logged_in.json()["token"])

    # A push with every outcome: accepted, rejected, then already_had and conflict.
    first, second = wire_record(device), wire_record(device)
    answer = push(url, device, [item(first), item({**second, "revision": 0}), item(second)])
    assert_shape(PushResponse, answer.json())
    edit = {**first, "revision": 2, "notes": "edit"}
    stale = {**first, "revision": 3, "notes": "stale"}
    answer = push(url, device, [item(first), item(edit, 1), item(stale, 1)])
    assert [r["outcome"] for r in answer.json()["results"]] == [
        "already_had", "accepted", "conflict"]
    assert_shape(PushResponse, answer.json())
    gzipped = requests.post(f"{api}/push", timeout=10, data=gzip.compress(json.dumps(
        {"batch_id": "g", "items": [item(wire_record(device)) for _ in range(30)]}).encode()),
        headers={**device.auth, "Content-Encoding": "gzip", "Accept-Encoding": "gzip"})
    assert gzipped.headers["Content-Encoding"] == "gzip"
    assert_shape(PushResponse, gzipped.json())

    # Staff answers, each producing a feed item of its kind.
    rid = first["id"]
    records = requests.get(f"{api}/records", headers=admin, timeout=5).json()
    assert_shape(list[RecordSummary], records)
    detail = requests.get(f"{api}/records/{rid}", headers=admin, timeout=5).json()
    assert_shape(RecordSummary, detail)
    reviewed = requests.post(f"{api}/records/{rid}/review", headers=admin, timeout=5,
                             json={"state": "has_issues", "comment": "Thiếu số hồ sơ"})
    assert_shape(ReviewResponse, reviewed.json())
    corrected = requests.post(f"{api}/records/{rid}/correct", headers=admin, timeout=5,
                              json={"changes": {"address": "Tổ 3"}, "comment": "địa chỉ"})
    assert_shape(AssistanceRecord, corrected.json())
    version = next(v for v in detail["versions"] if v["record"]["notes"] == "stale")
    resolved = requests.post(f"{api}/records/{rid}/resolve", headers=admin, timeout=5,
                             json={"revision": version["revision"],
                                   "content_hash": version["content_hash"]})
    assert_shape(AssistanceRecord, resolved.json())
    handed = requests.post(f"{api}/records/{second['id']}/hand-over", headers=admin, timeout=5,
                           json={"device_id": other.id})
    assert_shape(HandOverResponse, handed.json())
    folder = tmp_path / "reference"
    shutil.copytree(Path(__file__).resolve().parents[2] / "resources" / "reference", folder)
    ward_toml = folder / "ward.toml"
    ward_toml.write_text(ward_toml.read_text("utf-8").replace('version = "', 'version = "w-', 1),
                         "utf-8")
    assert cli.main(["publish-reference", str(folder), "--db", shared_ward.db_url]) == 0

    for who in (device, other):
        page = requests.get(f"{api}/pull", headers=who.auth, timeout=5).json()
        assert_shape(PullResponse, page)
    kinds = {i["kind"] for i in requests.get(f"{api}/pull", headers=device.auth,
                                             timeout=5).json()["items"]}
    assert {"review", "correction", "merge", "conflict", "handover", "reference"} <= kinds
    page = requests.get(f"{api}/pull", headers=other.auth, timeout=5).json()
    assert page["reference"] is not None and "handover" in {i["kind"] for i in page["items"]}

    # Accounts.
    assert_shape(list[UserSummary],
                 requests.get(f"{api}/admin/users", headers=admin, timeout=5).json())
    for action in ("disable", "enable", "revoke-sessions"):
        done = requests.post(f"{api}/admin/users/wire_staff/{action}", headers=admin, timeout=5)
        assert_shape(UserActionResponse, done.json())
    staff = bearer(login(url, "wire_staff"))
    changed = requests.post(f"{api}/auth/password", headers=staff, timeout=5,
                            json={"current_password": "a long enough password",
                                  "new_password": "another long password"})
    assert_shape(Done, changed.json())
    assert_shape(Done, requests.post(f"{api}/auth/logout", headers=staff, timeout=5).json())

    # Errors of every kind, from our code, FastAPI and Starlette.
    errors = [
        requests.get(f"{api}/pull", timeout=5),  # 401
        requests.get(f"{api}/admin/users", headers=staff, timeout=5),  # 401 (signed out)
        requests.get(f"{api}/records/{rid}", headers=device.auth, timeout=5),  # 401
        requests.get(f"{api}/records/00000000-0000-0000-0000-000000000000", headers=admin,
                     timeout=5),  # 404
        requests.get(f"{url}/nowhere", timeout=5),  # 404 from Starlette
        requests.put(f"{api}/push", timeout=5),  # 405
        requests.post(f"{api}/auth/login", data=b"{not json", timeout=5),  # 422
        requests.post(f"{api}/auth/login", data=b"x" * 10_000, timeout=5),  # 413
        requests.post(f"{api}/push", data=b"{}", headers={**device.auth,
                      "Content-Encoding": "br"}, timeout=5),  # 415
        requests.post(f"{api}/enroll", json={"code": "x"}, headers={"X-Hotroso-Protocol": "0"},
                      timeout=5),  # 426
    ]
    assert sorted({e.status_code for e in errors}) == [401, 404, 405, 413, 415, 422, 426]
    for error in errors:
        assert error.headers["Content-Type"] == "application/json"
        assert_shape(ErrorBody, error.json(), f"{error.status_code} {error.url}")
        assert error.json()["error"]["message_vi"] and error.json()["error"]["message_en"]


def test_a_bug_is_a_500_with_the_same_error_body(shared_ward: SharedWard) -> None:
    """A route that fails (added to a real app for this test): ErrorBody, nothing from the
    inside of the server, the security headers still on."""
    import asyncio

    from fastapi import APIRouter

    from sync.server.app import ROUTERS, create_app

    broken = APIRouter()

    @broken.get("/api/v1/broken")
    def fail() -> None:
        raise RuntimeError("secret detail of a bug")

    app = create_app(shared_ward.engine, routers=(*ROUTERS, broken))
    sent: list[dict[str, Any]] = []

    async def call() -> None:
        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        scope = {"type": "http", "method": "GET", "path": "/api/v1/broken", "headers": [],
                 "query_string": b"", "http_version": "1.1", "scheme": "http",
                 "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 1), "root_path": ""}
        # Starlette re-raises after answering, for the server's log.
        with contextlib.suppress(RuntimeError):
            await app(scope, receive, send)

    asyncio.run(call())
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    assert start["status"] == 500
    assert_shape(ErrorBody, json.loads(body))
    assert json.loads(body)["error"]["code"] == "internal_error"
    assert b"secret detail" not in body
    assert headers["x-content-type-options"] == "nosniff"


def test_the_openapi_document_is_valid_and_declares_its_security(
    shared_ward: SharedWard,
) -> None:
    doc = requests.get(f"{shared_ward.server.url}/openapi.json", timeout=5).json()
    validate(doc)  # OpenAPI 3.1, every $ref resolved
    assert "$defs" not in json.dumps(doc)  # the push body's schema lives in components
    schemes = doc["components"]["securitySchemes"]
    assert {k: (v["type"], v["scheme"]) for k, v in schemes.items()} == {
        "deviceToken": ("http", "bearer"), "staffSession": ("http", "bearer")}
    push_body = doc["paths"]["/api/v1/push"]["post"]["requestBody"]["content"]
    assert push_body["application/json"]["schema"] == {"$ref": "#/components/schemas/PushRequest"}
    public = {("get", "/api/v1/health"), ("post", "/api/v1/enroll"),
              ("post", "/api/v1/auth/login")}
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            if (method, path) in public:
                assert "security" not in operation, path
            else:
                expected = "deviceToken" if path in (
                    "/api/v1/push", "/api/v1/pull", "/api/v1/withdrawals") else (
                    "staffSession")
                assert operation["security"] == [{expected: []}], path
            for status in ("400", "401", "404", "413", "422", "429", "500"):
                schema = operation["responses"][status]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorBody"}, (path, status)
