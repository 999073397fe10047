"""Set-based SQL for both ward databases: "column IN (many values)" as one query.

PostgreSQL takes the values as one array parameter (``= ANY(:values)``), so a batch's
thousands of keys are one statement with one parameter; SQLite takes a plain IN list, cut at
its bound-parameter limit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, String, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Row

#: SQLite's default limit is 32,766 bound parameters; leave room for the others.
_SQLITE_CHUNK = 30_000


def is_postgres(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def rows_where_in(
    conn: Connection,
    build: Callable[[ColumnElement[bool]], Any],
    column: Any,
    values: Iterable[str],
) -> Iterator[Row[Any]]:
    """Run ``build(condition)`` with ``condition`` = ``column IN values`` and yield its rows."""
    unique = sorted(set(values))
    if not unique:
        return
    if is_postgres(conn):
        condition = column == any_(bindparam(None, unique, type_=ARRAY(String)))
        yield from conn.execute(build(condition))
        return
    for chunk in chunks(unique, _SQLITE_CHUNK):
        yield from conn.execute(build(column.in_(chunk)))


def chunks(values: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
