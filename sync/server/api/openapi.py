"""The OpenAPI document: FastAPI's, plus the schemas of the bodies a route reads itself (the
push is inflated and parsed as it streams in, so FastAPI never sees its model), so that every
``$ref`` in the document resolves."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from sync.contract.wire import PushRequest

#: Request bodies parsed by the route itself, referenced as #/components/schemas/<Name>.
MANUAL_BODIES: tuple[type[BaseModel], ...] = (PushRequest,)


def install_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
            separate_input_output_schemas=False,
        )
        _, defs = models_json_schema(
            [(model, "validation") for model in MANUAL_BODIES],
            ref_template="#/components/schemas/{model}",
        )
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for name, definition in defs.get("$defs", {}).items():
            components.setdefault(name, definition)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
