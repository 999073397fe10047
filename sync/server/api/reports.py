"""Ward reports over the API: a period's figures (with the previous period's and the trend),
the records behind a figure, the CSV/XLSX/PDF files, locking and unlocking a period, and the
report's header and signature settings.

A period is two inclusive dates (``start``, ``end``); two dates that are a week, a month, a
quarter, a half-year or a year are reported as that (:meth:`Period.between`).

Roles: team leads get the reports of their own neighbourhood only (every figure limited to
it, whatever they ask); staff and administrators the whole ward, or one neighbourhood on
request; locking, unlocking and the settings are staff's and administrators'. Devices and
volunteers have no access.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Query
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.contract.errors import KnownError
from sync.contract.record import NUL_FREE
from sync.contract.reference import ReferenceData
from sync.contract.wire import (
    API_PREFIX,
    MAX_OFFSET,
    MAX_REPORT_PAGE,
    BreakdownName,
    BreakdownOut,
    FigureRowOut,
    LockOut,
    LockResponse,
    PeriodFiguresOut,
    PeriodRequest,
    ReportFormat,
    ReportOut,
    ReportPeriod,
    ReportRecordItem,
    ReportRecordsPage,
    ReportSettingsBody,
    ReviewState,
    TrendPointOut,
    UnlockRequest,
)
from sync.server import audit
from sync.server import messages as msg
from sync.server.api.deps import DB, Context, Corrector, Reviewer
from sync.server.api.errors import ApiError
from sync.server.models import Record, RecordVersion, Role, User
from sync.server.reports import breakdowns as bd
from sync.server.reports.breakdowns import Breakdown
from sync.server.reports.figures import FigureRow, PeriodFigures, ReportFigures, records_behind
from sync.server.reports.locks import lock_period, unlock_period
from sync.server.reports.models import RecordFact
from sync.server.reports.periods import Period
from sync.server.reports.report import build_report, render
from sync.server.reports.settings import ReportSettings, load_settings, save_settings

router = APIRouter(prefix=f"{API_PREFIX}/reports", tags=["reports"])

_T = TypeVar("_T")
Day = Annotated[date, Query(description="First day of the period (included)")]
LastDay = Annotated[date, Query(description="Last day of the period (included)")]
Neighbourhood = Annotated[str | None, Query(max_length=32, pattern=r"^[\w.-]+$")]
MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@router.get("/figures", response_model=ReportOut)
def figures(start: Day, end: LastDay, session: DB, user: Reviewer, context: Context,
            neighbourhood: Neighbourhood = None) -> ReportOut:
    """Every figure of the period and of the previous one, the trend per week (periods up to
    92 days) or month, and the lock when the period is locked."""
    period = _known(lambda: Period.between(start, end))
    reference = context.references.current()
    report = _known(lambda: build_report(session.connection(), period, reference,
                                         now=context.now(),
                                         neighbourhood=_scope(user, neighbourhood, reference)))
    return report_out(report.figures)


@router.get("/records", response_model=ReportRecordsPage)
def records(
    start: Day,
    end: LastDay,
    session: DB,
    user: Reviewer,
    context: Context,
    breakdown: BreakdownName = "total",
    code: Annotated[str, Query(max_length=300, pattern=NUL_FREE)] = "",
    neighbourhood: Neighbourhood = None,
    limit: Annotated[int, Query(ge=1, le=MAX_REPORT_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> ReportRecordsPage:
    """The records behind one figure (a row ``code`` of a ``breakdown``, as in the figures),
    oldest help first, counted exactly as the figure is (the live figure: a locked period's
    later changes show here, flagged)."""
    period = _known(lambda: Period.between(start, end))
    reference = context.references.current()
    ids = records_behind(session.connection(), period, Breakdown(breakdown), code, reference,
                         limit=limit + 1, offset=offset,
                         neighbourhood=_scope(user, neighbourhood, reference))
    page = ids[:limit]
    return ReportRecordsPage(items=_items(session, page), offset=offset,
                             has_more=len(ids) > limit)


@router.get("/export", response_class=Response,
            responses={200: {"content": {m: {} for m in MEDIA.values()},
                             "description": "The report file"}})
def export(start: Day, end: LastDay, session: DB, user: Reviewer, context: Context,
           format: ReportFormat = "csv", neighbourhood: Neighbourhood = None) -> Response:
    """The period's report as a file: CSV (one row per figure; a locked period's exactly as
    locked), XLSX (a sheet per breakdown) or A4 PDF (Nghị định 30/2020 layout)."""
    period = _known(lambda: Period.between(start, end))
    reference = context.references.current()
    conn = session.connection()
    now = context.now()
    report = _known(lambda: build_report(conn, period, reference, now=now,
                                         neighbourhood=_scope(user, neighbourhood, reference)))
    data = render(report, format, load_settings(conn, reference), made_at=now)
    audit.record(session, audit.user_actor(user.username), "report.export",
                 f"{period.start.isoformat()}..{period.end.isoformat()}",
                 {"format": format, "neighbourhood": report.figures.neighbourhood}, at=now)
    name = f"bao-cao_{period.start.isoformat()}_{period.end.isoformat()}.{format}"
    return Response(data, media_type=MEDIA[format],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.post("/lock", response_model=LockResponse)
def lock(body: PeriodRequest, session: DB, user: Corrector, context: Context) -> LockResponse:
    """Lock the period's figures ("chốt số liệu"): its report prints the same from now on;
    later changes of its records are kept and flagged."""
    period = _known(lambda: Period.between(body.start, body.end))
    now = context.now()
    # The reference data first: on SQLite its own connection would wait for this session's
    # write lock.
    reference = context.references.current()
    lock_id = _known(lambda: lock_period(session.connection(), period, reference,
                                         by=user.username, now=now))
    audit.record(session, audit.user_actor(user.username), "period.lock", _target(period),
                 {"lock_id": lock_id}, at=now)
    return LockResponse(period=period_out(period), locked=True, lock_id=lock_id)


@router.post("/unlock", response_model=LockResponse)
def unlock(body: UnlockRequest, session: DB, user: Corrector, context: Context
           ) -> LockResponse:
    """Unlock a locked period; the reason is required and audited."""
    period = _known(lambda: Period.between(body.start, body.end))
    now = context.now()
    lock_id = _known(lambda: unlock_period(session.connection(), period, by=user.username,
                                           reason=body.reason, now=now))
    audit.record(session, audit.user_actor(user.username), "period.unlock", _target(period),
                 {"lock_id": lock_id, "reason": body.reason.strip()}, at=now)
    return LockResponse(period=period_out(period), locked=False, lock_id=lock_id)


@router.get("/settings", response_model=ReportSettingsBody)
def get_settings(session: DB, user: Reviewer, context: Context) -> ReportSettingsBody:
    """Who issues and signs the PDF report (the ward's name, the number, the signer's title)."""
    reference = context.references.current()  # first: see lock()
    return settings_out(load_settings(session.connection(), reference))


@router.put("/settings", response_model=ReportSettingsBody)
def put_settings(body: ReportSettingsBody, session: DB, user: Corrector, context: Context
                 ) -> ReportSettingsBody:
    reference = context.references.current()
    conn = session.connection()
    current = load_settings(conn, reference)
    values: dict[str, Any] = body.model_dump()
    for name in ("issuing_body", "signer_titles", "recipients"):
        values[name] = tuple(values[name])
    settings = ReportSettings(**values, extra=current.extra)
    now = context.now()
    _known(lambda: save_settings(conn, settings, by=user.username, now=now))
    audit.record(session, audit.user_actor(user.username), "report.settings", "", at=now)
    return settings_out(settings)


# --- helpers ---------------------------------------------------------------------------------


def _scope(user: User, asked: str | None, reference: ReferenceData) -> str | None:
    """The neighbourhood the figures are limited to: a team lead's own, whatever was asked
    (another one is refused as not existing for them); staff: what they asked, if any."""
    if Role(user.role) is Role.TEAM_LEAD:
        own = user.neighbourhood_code
        if own is None or (asked is not None and asked != own):
            raise ApiError(404, msg.NOT_FOUND)
        return own
    if asked is not None and reference.neighbourhood(asked) is None:
        raise ApiError(422, msg.message(
            "unknown_neighbourhood",
            f"Không có khu phố mã “{asked}” trong dữ liệu tham chiếu đang dùng.",
            f"There is no neighbourhood “{asked}” in the reference data in force.",
            "neighbourhood"))
    return asked


def _known(action: Callable[[], _T]) -> _T:
    """A report's known error (dates in the wrong order, already locked …) as a 422/409."""
    try:
        return action()
    except KnownError as exc:
        from sync.server.reports.locks import LockError

        status = 409 if isinstance(exc, LockError) else 422
        code = type(exc).__name__.removesuffix("Error").lower() or "report"
        raise ApiError(status, msg.message(f"report_{code}", exc.message_vi, exc.message_en)
                       ) from None


def _target(period: Period) -> str:
    return f"{period.start.isoformat()}..{period.end.isoformat()}"


def _items(session: Session, ids: list[str]) -> list[ReportRecordItem]:
    if not ids:
        return []
    rows = session.execute(
        select(RecordFact, Record.review_state, RecordVersion.payload)
        .join(Record, Record.id == RecordFact.record_id)
        .join(RecordVersion, (RecordVersion.record_id == Record.id)
              & (RecordVersion.revision == Record.head_revision)
              & (RecordVersion.content_hash == Record.head_hash))
        .where(RecordFact.record_id.in_(ids))
    ).all()
    by_id = {fact.record_id: (fact, state, payload) for fact, state, payload in rows}
    out = []
    for rid in ids:
        if rid not in by_id:
            continue
        fact, state, payload = by_id[rid]
        out.append(ReportRecordItem(
            id=rid, assisted_on=fact.assisted_on,
            full_name=str(json.loads(payload).get("full_name") or ""),
            neighbourhood_code=fact.neighbourhood_code, category=fact.category or "",
            procedure_code=fact.procedure_code, result=fact.result or "",
            volunteer_name=fact.volunteer_name, review_state=ReviewState(state),
            changed_after_lock=fact.changed_after_lock))
    return out


def period_out(period: Period) -> ReportPeriod:
    return ReportPeriod(kind=period.kind.value, start=period.start, end=period.end,
                        label_vi=period.label_vi, label_en=period.label_en)


def _row(row: FigureRow) -> FigureRowOut:
    return FigureRowOut(code=row.code, name_vi=row.name_vi, name_en=row.name_en,
                        records=row.records, residents=row.residents,
                        online_dossiers=row.online_dossiers)


def _period_figures(figures: PeriodFigures) -> PeriodFiguresOut:
    return PeriodFiguresOut(
        period=period_out(figures.period),
        total=_row(figures.total),
        breakdowns=[
            BreakdownOut(breakdown=b.value, title_vi=bd.TITLES[b][0], title_en=bd.TITLES[b][1],
                         rows=[_row(r) for r in rows])
            for b, rows in figures.breakdowns.items()
        ],
        granularity=figures.granularity.value,
        trend=[TrendPointOut(start=p.start, end=p.end, label_vi=p.label_vi, label_en=p.label_en,
                             records=p.records, online_dossiers=p.online_dossiers)
               for p in figures.trend],
    )


def report_out(figures: ReportFigures) -> ReportOut:
    lock = figures.locked
    return ReportOut(
        current=_period_figures(figures.current),
        previous=_period_figures(figures.previous),
        reference_version=figures.reference_version,
        computed_at=figures.computed_at,
        locked=None if lock is None else LockOut(
            lock_id=lock.lock_id, locked_at=lock.locked_at, locked_by=lock.locked_by,
            changed_records=lock.changed_records),
        neighbourhood=figures.neighbourhood,
        neighbourhood_name=figures.neighbourhood_name,
    )


def settings_out(settings: ReportSettings) -> ReportSettingsBody:
    return ReportSettingsBody(
        parent_body=settings.parent_body, issuing_body=list(settings.issuing_body),
        number=settings.number, symbol=settings.symbol, place_name=settings.place_name,
        signer_titles=list(settings.signer_titles), signer_name=settings.signer_name,
        recipients=list(settings.recipients), subject=settings.subject)
