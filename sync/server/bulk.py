"""``executemany`` INSERTs without SQLAlchemy's per-row parameter machinery.

A push stores thousands of rows in two tables. Core's ``conn.execute(insert(t), rows)`` is
already one ``executemany``, but it still builds and type-processes a parameter dict per row
in Python, which costs more than the database's own work. Here the statement is compiled once
for the connection's dialect, each column's bind processor is looked up once, values that
repeat (the transaction's timestamp) are processed once, and the DBAPI gets plain tuples or
dicts in the paramstyle its dialect expects.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, insert


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT ``rows`` (dicts with the same keys) into ``table`` in one executemany."""
    if not rows:
        return
    dialect = conn.dialect
    keys = list(rows[0])
    compiled = insert(table).compile(dialect=dialect, column_keys=keys)
    processors = {key: table.c[key].type.bind_processor(dialect) for key in keys}
    memo: dict[tuple[str, Any], Any] = {}

    def value(key: str, raw: Any) -> Any:
        process = processors[key]
        if process is None or raw is None:
            return raw
        if isinstance(raw, (str, int)):  # varies per row: no point caching
            return process(raw)
        cached = memo.get((key, raw))
        if cached is None:
            cached = memo[(key, raw)] = process(raw)
        return cached

    if compiled.positional:
        order = list(compiled.positiontup or ())
        # Most columns need no processing (text, integers): take them out of each row in C
        # and process only the few that do (timestamps, one memoised value per batch).
        getter = itemgetter(*order)
        processed = [(i, key) for i, key in enumerate(order) if processors[key] is not None]
        if len(order) == 1:
            params: Any = [(value(order[0], row[order[0]]),) for row in rows]
        elif not processed:
            params = [getter(row) for row in rows]
        else:
            params = []
            for row in rows:
                values = list(getter(row))
                for i, key in processed:
                    values[i] = value(key, values[i])
                params.append(tuple(values))
    else:
        processed_keys = [key for key in keys if processors[key] is not None]
        params = []
        for row in rows:
            named = dict(row)
            for key in processed_keys:
                named[key] = value(key, named[key])
            params.append(named)
    conn.exec_driver_sql(str(compiled), params)
