"""Term frequencies of the data in force: how common a name part or a phone number is.

The share of a name part is ``(count + w × prior) / (records + w)``: ``count`` is how many
indexed records carry it (``resident_name_counts``, kept exact by the index), ``prior`` its
share among Vietnamese people (``data/frequencies.toml``) and ``w`` the prior's weight in
records. A new ward with 50 records thus still knows that Nguyễn is common; a ward with
100,000 records is ruled by its own names (a neighbourhood where Trịnh is frequent makes
Trịnh weak evidence there).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from sync.server.linkage.models import ResidentNameCount
from sync.server.linkage.parameters import Frequencies, frequencies
from sync.server.linkage.sql import rows_where_in

#: The row counting indexed records.
TOTAL = ("*", "")


@dataclass(slots=True)
class NameShares:
    counts: dict[tuple[str, str], int]
    total: int
    #: How many stored records give each phone (as found by the blocking lookup, capped).
    phone_counts: dict[str, int] = field(default_factory=dict)
    prior: Frequencies = field(default_factory=frequencies)

    def share(self, part: str, value: str) -> float:
        table: dict[str, float] = getattr(self.prior, part)
        prior = table.get(value, self.prior.default[part])
        weight = self.prior.prior_weight
        count = self.counts.get((part, value), 0)
        return (count + weight * prior) / (self.total + weight)

    def phone_records(self, phone: str) -> int:
        return self.phone_counts.get(phone, 2)

    def phone_share(self, phone: str) -> float:
        # The pair itself accounts for one of the records carrying the number; the prior
        # weight keeps a new ward's 3 records from making every shared phone look common.
        others = max(self.phone_counts.get(phone, 2) - 1, 1)
        return others / (self.total + self.prior.prior_weight)


def load_shares(conn: Connection, parts: Iterable[tuple[str, str]]) -> NameShares:
    """Counts for these (part, value) pairs and the number of indexed records: one query."""
    wanted = set(parts)
    values = {value for _, value in wanted} | {TOTAL[1]}
    counts: dict[tuple[str, str], int] = {}
    for row in rows_where_in(
        conn,
        lambda cond: select(
            ResidentNameCount.part, ResidentNameCount.value, ResidentNameCount.records
        ).where(cond),
        ResidentNameCount.value,
        values,
    ):
        counts[(row.part, row.value)] = int(row.records)
    total = counts.pop(TOTAL, 0)
    return NameShares({k: v for k, v in counts.items() if k in wanted}, total)
