"""Staff decisions on proposals, each undoable.

- **Same person** (:func:`link`, :func:`link_records`): the two records' residents become one
  (the smaller resident id is kept; every record of the other moves into it). Each moved
  record's previous ``record_residents`` value is journaled, so :func:`unlink` restores the
  assignment exactly. Links undo last-first per resident: a link another, later link built
  on cannot be undone before that one (the error names it).
- **Different people** (:func:`mark_different`): the pair goes into ``resident_decisions``
  and is never proposed again; :func:`reopen` takes the decision back.
- **Double entry** (:func:`exclude_double`): one record of a double-entry pair leaves the
  counts (``record_exclusions``); :func:`include_again` puts it back.

Every function runs in the caller's transaction, takes the staff user's id (``by``) and the
time (``now``), and raises :class:`LinkageError` (bilingual) for what staff can fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, or_, select, update

from sync.contract.errors import KnownError
from sync.server.linkage.index import table
from sync.server.linkage.models import (
    ProposalState,
    RecordExclusion,
    ResidentDecision,
    ResidentLink,
    ResidentLinkChange,
    ResidentProposal,
)
from sync.server.linkage.proposal import Proposal
from sync.server.linkage.residents import members, residents_of
from sync.server.linkage.score import ProposalKind
from sync.server.models import Record, RecordResident


class LinkageError(KnownError):
    """A decision that cannot be made as asked (the message says why and what to do)."""


class RecordsNotFound(LinkageError):
    """A record asked for does not exist (the API answers 404)."""


@dataclass(frozen=True, slots=True)
class Link:
    id: int
    kept_resident: str
    merged_resident: str
    #: The records whose resident changed (their previous value is journaled).
    moved: tuple[str, ...]


def get_proposal(conn: Connection, proposal_id: int) -> Proposal:
    row = conn.execute(
        select(table(ResidentProposal)).where(ResidentProposal.id == proposal_id)
    ).one_or_none()
    if row is None:
        raise LinkageError(
            f"Không tìm thấy đề xuất số {proposal_id} (có thể đã được xử lý hoặc không còn).",
            f"Proposal {proposal_id} was not found (it may have been handled or withdrawn).",
        )
    return Proposal.from_row(row)


def link(conn: Connection, proposal_id: int, *, by: int | None, now: datetime) -> Link:
    """Staff say the proposal's two records are the same person."""
    proposal = get_proposal(conn, proposal_id)
    _require_open(proposal)
    return link_records(
        conn, proposal.record_a, proposal.record_b, by=by, now=now, proposal_id=proposal.id
    )


def link_records(
    conn: Connection,
    record_a: str,
    record_b: str,
    *,
    by: int | None,
    now: datetime,
    proposal_id: int | None = None,
) -> Link:
    """Link two records to one resident (also for a pair staff found themselves)."""
    _require_records(conn, record_a, record_b)
    current = residents_of(conn, [record_a, record_b])
    res_a, res_b = current[record_a], current[record_b]
    if res_a == res_b:
        raise LinkageError(
            "Hai bản ghi này đã thuộc cùng một cư dân.",
            "These two records already belong to the same resident.",
        )
    kept, merged = sorted((res_a, res_b))
    kept_members = members(conn, kept)
    merged_members = members(conn, merged)
    _refuse_if_decided_different(conn, set(kept_members), set(merged_members))

    links = table(ResidentLink)
    link_id = int(
        conn.execute(
            insert(links).returning(links.c.id),
            {
                "proposal_id": proposal_id,
                "record_a": min(record_a, record_b),
                "record_b": max(record_a, record_b),
                "kept_resident": kept,
                "merged_resident": merged,
                "linked_by": by,
                "linked_at": now,
            },
        ).scalar_one()
    )
    # The kept resident's own record gets an explicit row too, so the link is visible in
    # record_residents; journaled like the others (previous: no row).
    changes: list[dict[str, Any]] = [
        {"link_id": link_id, "record_id": rid, "previous_resident": prev}
        for rid, prev in sorted(merged_members.items())
    ]
    changes += [{"link_id": link_id, "record_id": rid, "previous_resident": None}
                for rid, prev in sorted(kept_members.items()) if prev is None]
    conn.execute(insert(table(ResidentLinkChange)), changes)
    residents = table(RecordResident)
    with_row = [c["record_id"] for c in changes if c["previous_resident"] is not None]
    without_row = [c["record_id"] for c in changes if c["previous_resident"] is None]
    if with_row:
        conn.execute(
            update(residents)
            .where(residents.c.record_id.in_(with_row))
            .values(resident_id=kept, linked_at=now)
        )
    if without_row:
        conn.execute(
            insert(residents),
            [{"record_id": rid, "resident_id": kept, "linked_at": now} for rid in without_row],
        )
    # Open proposals now inside one resident (the decided pair, and any pair the link
    # implies) are settled by this link, and reopen if it is undone.
    cluster = sorted(set(kept_members) | set(merged_members))
    proposals = table(ResidentProposal)
    conn.execute(
        update(proposals)
        .where(
            proposals.c.state == ProposalState.OPEN.value,
            proposals.c.record_a.in_(cluster),
            proposals.c.record_b.in_(cluster),
        )
        .values(state=ProposalState.LINKED.value, link_id=link_id, decided_by=by,
                decided_at=now, updated_at=now)
    )
    return Link(link_id, kept, merged, tuple(str(c["record_id"]) for c in changes))


def unlink(conn: Connection, link_id: int, *, by: int | None, now: datetime) -> Link:
    """Undo a "same person" decision: every record it moved gets back its previous
    resident exactly, and the proposals it settled are open again."""
    links = table(ResidentLink)
    row = conn.execute(select(links).where(links.c.id == link_id)).one_or_none()
    if row is None or row.undone_at is not None:
        raise LinkageError(
            f"Liên kết số {link_id} không tồn tại hoặc đã được gỡ.",
            f"Link {link_id} does not exist or has already been undone.",
        )
    later = conn.execute(
        select(links.c.id).where(
            links.c.id > link_id,
            links.c.undone_at.is_(None),
            or_(
                links.c.kept_resident.in_([row.kept_resident, row.merged_resident]),
                links.c.merged_resident.in_([row.kept_resident, row.merged_resident]),
            ),
        ).order_by(links.c.id)
    ).scalars().all()
    if later:
        numbers = ", ".join(str(i) for i in later)
        raise LinkageError(
            f"Hãy gỡ trước các liên kết làm sau với cùng cư dân này (số {numbers}).",
            f"Undo the later links of this resident first (number {numbers}).",
        )
    changes = conn.execute(
        select(ResidentLinkChange.record_id, ResidentLinkChange.previous_resident).where(
            ResidentLinkChange.link_id == link_id
        )
    ).all()
    residents = table(RecordResident)
    current = residents_of(conn, [c.record_id for c in changes])
    moved_since = sorted(c.record_id for c in changes if current[c.record_id] != row.kept_resident)
    if moved_since:
        raise LinkageError(
            "Không gỡ được: cư dân của một số bản ghi đã bị thay đổi sau liên kết này.",
            "Cannot undo: the resident of some records changed after this link.",
        )
    to_delete = [c.record_id for c in changes if c.previous_resident is None]
    if to_delete:
        conn.execute(delete(residents).where(residents.c.record_id.in_(to_delete)))
    for change in changes:
        if change.previous_resident is not None:
            conn.execute(
                update(residents)
                .where(residents.c.record_id == change.record_id)
                .values(resident_id=change.previous_resident, linked_at=now)
            )
    conn.execute(update(links).where(links.c.id == link_id).values(undone_by=by, undone_at=now))
    proposals = table(ResidentProposal)
    conn.execute(
        update(proposals)
        .where(proposals.c.link_id == link_id)
        .values(state=ProposalState.OPEN.value, link_id=None, decided_by=None,
                decided_at=None, updated_at=now)
    )
    return Link(link_id, row.kept_resident, row.merged_resident,
                tuple(c.record_id for c in changes))


def mark_different(conn: Connection, proposal_id: int, *, by: int | None, now: datetime) -> None:
    """Staff say the two records are different people: the pair is never proposed again."""
    proposal = get_proposal(conn, proposal_id)
    _require_open(proposal)
    current = residents_of(conn, [proposal.record_a, proposal.record_b])
    if current[proposal.record_a] == current[proposal.record_b]:
        raise LinkageError(
            "Hai bản ghi đang được liên kết là một cư dân: hãy gỡ liên kết trước.",
            "The two records are linked as one resident: undo the link first.",
        )
    conn.execute(
        insert(table(ResidentDecision)),
        {"record_a": proposal.record_a, "record_b": proposal.record_b,
         "decision": ProposalState.DIFFERENT.value, "proposal_id": proposal.id,
         "decided_by": by, "decided_at": now},
    )
    _set_state(conn, proposal.id, ProposalState.DIFFERENT, by, now)


def reopen(conn: Connection, proposal_id: int, *, by: int | None, now: datetime) -> None:
    """Take back a "different people" decision: the proposal is open again."""
    proposal = get_proposal(conn, proposal_id)
    if proposal.state != ProposalState.DIFFERENT.value:
        raise LinkageError(
            "Chỉ mở lại được đề xuất đã được đánh dấu là hai người khác nhau.",
            "Only a proposal marked as different people can be reopened.",
        )
    decisions = table(ResidentDecision)
    conn.execute(
        delete(decisions).where(
            decisions.c.record_a == proposal.record_a, decisions.c.record_b == proposal.record_b
        )
    )
    _set_state(conn, proposal.id, ProposalState.OPEN, None, now)


def exclude_double(
    conn: Connection,
    proposal_id: int,
    record_id: str,
    *,
    by: int | None,
    now: datetime,
    reason: str = "",
) -> None:
    """Leave one record of a double-entry pair out of counts (the other one stays)."""
    proposal = get_proposal(conn, proposal_id)
    _require_open(proposal)
    if proposal.kind != ProposalKind.DOUBLE_ENTRY.value:
        raise LinkageError(
            "Đề xuất này không phải là ghi trùng (cùng dịch vụ, cùng ngày).",
            "This proposal is not a double entry (same service, same day).",
        )
    if record_id not in (proposal.record_a, proposal.record_b):
        raise LinkageError(
            "Bản ghi cần loại phải là một trong hai bản ghi của đề xuất.",
            "The record to exclude must be one of the proposal's two records.",
        )
    other = proposal.record_b if record_id == proposal.record_a else proposal.record_a
    exclusions = table(RecordExclusion)
    if conn.execute(
        select(exclusions.c.record_id).where(exclusions.c.record_id.in_([record_id, other]))
    ).first() is not None:
        raise LinkageError(
            "Một trong hai bản ghi đã bị loại khỏi số liệu: không loại cả hai.",
            "One of the two records is already excluded from counts: never exclude both.",
        )
    conn.execute(
        insert(exclusions),
        {"record_id": record_id, "proposal_id": proposal.id, "reason": reason,
         "excluded_by": by, "excluded_at": now},
    )
    _set_state(conn, proposal.id, ProposalState.EXCLUDED, by, now)


def include_again(conn: Connection, record_id: str, *, by: int | None, now: datetime) -> None:
    """Undo an exclusion: the record counts again and its proposal is open again."""
    exclusions = table(RecordExclusion)
    row = conn.execute(
        select(exclusions).where(exclusions.c.record_id == record_id)
    ).one_or_none()
    if row is None:
        raise LinkageError(
            "Bản ghi này không bị loại khỏi số liệu.",
            "This record is not excluded from counts.",
        )
    conn.execute(delete(exclusions).where(exclusions.c.record_id == record_id))
    if row.proposal_id is not None:
        proposals = table(ResidentProposal)
        conn.execute(
            update(proposals)
            .where(proposals.c.id == row.proposal_id,
                   proposals.c.state == ProposalState.EXCLUDED.value)
            .values(state=ProposalState.OPEN.value, decided_by=None, decided_at=None,
                    updated_at=now)
        )


def _set_state(
    conn: Connection, proposal_id: int, state: ProposalState, by: int | None, now: datetime
) -> None:
    proposals = table(ResidentProposal)
    decided_at = None if state is ProposalState.OPEN else now
    conn.execute(
        update(proposals)
        .where(proposals.c.id == proposal_id)
        .values(state=state.value, decided_by=by, decided_at=decided_at, updated_at=now)
    )


def _require_open(proposal: Proposal) -> None:
    if proposal.state != ProposalState.OPEN.value:
        done = {
            ProposalState.LINKED.value: ("đã được liên kết là một người", "already linked"),
            ProposalState.DIFFERENT.value: ("đã được đánh dấu là hai người khác nhau",
                                            "already marked as different people"),
            ProposalState.EXCLUDED.value: ("đã được xử lý là ghi trùng",
                                           "already handled as a double entry"),
        }.get(proposal.state, (proposal.state, proposal.state))
        raise LinkageError(
            f"Đề xuất số {proposal.id} {done[0]}.",
            f"Proposal {proposal.id} is {done[1]}.",
        )


def _require_records(conn: Connection, *record_ids: str) -> None:
    found = set(conn.execute(select(Record.id).where(Record.id.in_(record_ids))).scalars())
    missing = [rid for rid in record_ids if rid not in found]
    if missing:
        raise RecordsNotFound(
            f"Không tìm thấy bản ghi {', '.join(missing)}.",
            f"Record(s) not found: {', '.join(missing)}.",
        )


def _refuse_if_decided_different(conn: Connection, left: set[str], right: set[str]) -> None:
    decisions = table(ResidentDecision)
    everyone = sorted(left | right)
    rows: Any = conn.execute(
        select(decisions.c.record_a, decisions.c.record_b).where(
            and_(decisions.c.record_a.in_(everyone), decisions.c.record_b.in_(everyone))
        )
    )
    for row in rows:
        if (row.record_a in left and row.record_b in right) or (
            row.record_a in right and row.record_b in left
        ):
            raise LinkageError(
                "Không liên kết được: cán bộ đã xác định hai bản ghi của hai cư dân này là "
                f"hai người khác nhau ({row.record_a} / {row.record_b}). Hãy mở lại quyết "
                "định đó trước nếu nó sai.",
                "Cannot link: staff decided that records of these two residents are different "
                f"people ({row.record_a} / {row.record_b}). Reopen that decision first if it "
                "was wrong.",
            )
