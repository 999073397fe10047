"""Set-based SQL for both ward databases: "column IN (many values)" and bulk writes as one
statement each.

On PostgreSQL a batch's thousands of values travel as ONE text parameter split by the server
(``string_to_array(:v, E'\\n')``): one statement, one parameter, no per-row round trip and no
per-element adaptation in Python (an executemany of 8,000 key rows costs ~0.4 s through the
driver's pipeline; this ~10 ms). Every value given is a key, id or folded name, which never
holds a newline (names have their whitespace collapsed when stored). SQLite, embedded, gets
plain IN lists cut at its parameter limit and executemany.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, any_, bindparam, func, literal, text

from sync.server.bulk import insert_rows

#: SQLite's default limit is 32,766 bound parameters; leave room for the others.
_SQLITE_CHUNK = 30_000
_SEPARATOR = "\n"


def is_postgres(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def packed(values: Iterable[object]) -> str:
    """Values as one text parameter for ``string_to_array(:p, E'\\n')``."""
    text_values = [str(v) for v in values]
    assert not any(_SEPARATOR in v for v in text_values), "a packed value holds a newline"
    return _SEPARATOR.join(text_values)


def rows_where_in(
    conn: Connection,
    build: Callable[[ColumnElement[bool]], Any],
    column: Any,
    values: Iterable[str],
) -> Iterator[Any]:
    """Run ``build(condition)`` with ``condition`` = ``column IN values`` and yield its rows."""
    unique = sorted(set(values))
    if not unique:
        return
    if is_postgres(conn):
        array = func.string_to_array(bindparam(None, packed(unique)), literal(_SEPARATOR))
        yield from conn.execute(build(column == any_(array)))
        return
    for chunk in chunks(unique, _SQLITE_CHUNK):
        yield from conn.execute(build(column.in_(chunk)))


def copy_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT rows (dicts with the same keys) the fastest way the database has: COPY on
    PostgreSQL (in the caller's transaction), executemany on SQLite."""
    if not rows:
        return
    if not is_postgres(conn):
        insert_rows(conn, table, rows)
        return
    columns = list(rows[0])
    driver = conn.connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor, cursor.copy(
        f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
    ) as copy:
        for row in rows:
            copy.write_row(tuple(row[c] for c in columns))


def delete_text_rows(conn: Connection, table: Table, rows: Sequence[dict[str, str]]) -> None:
    """DELETE the rows matching these (all-text) column values, in one statement."""
    if not rows:
        return
    columns = list(rows[0])
    if not is_postgres(conn):
        where = " AND ".join(f"{c} = :{c}" for c in columns)
        conn.execute(text(f"DELETE FROM {table.name} WHERE {where}"), list(rows))
        return
    arrays = ", ".join(f"string_to_array(:c{i}, E'\\n')" for i in range(len(columns)))
    conn.execute(
        text(
            f"DELETE FROM {table.name} WHERE ({', '.join(columns)}) IN "
            f"(SELECT * FROM unnest({arrays}))"
        ),
        {f"c{i}": packed(row[c] for row in rows) for i, c in enumerate(columns)},
    )


def chunks(values: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
