"""``hotroso --self-test``: the smoke test of an installed or frozen app.

It exercises, in a throw-away folder, everything a volunteer's first minute touches: the
bundled files are where the code looks for them, a new store is created and migrated, all
reference data and both translations load, the main window and the entry form render
(offscreen, so nothing flashes on the volunteer's screen), and a few generated records survive
an export -> import round trip through CSV and XLSX. Each step prints its timing; the first
failure stops the run with its reason and a non-zero exit code.

It never touches the volunteer's real data folder: it only reports where that folder is (which
is how portable mode is checked on a USB stick).

Resources are found through ``resources.RESOURCES_DIR`` and the Alembic scripts relative to
``desktop.store.migrate``, so the same code works from a source checkout and from the bundle.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO

EXIT_OK = 0
EXIT_FAILED = 1

#: How many generated records go through the import/export round trip.
ROUND_TRIP_ROWS = 5


class SelfTestFailure(Exception):
    """A check found the app broken; the message says what and where."""


@dataclass
class Context:
    """What the steps share: a scratch folder, and what earlier steps produced."""

    work_dir: Path
    started: float
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[Context], str]


def seconds_since_process_start() -> float | None:
    """Wall-clock seconds since this process was created, or None where unknown.

    Measured from the OS's process creation time (not from when Python started), so for a
    frozen app it includes the bootloader unpacking and the imports.
    """
    try:
        if sys.platform.startswith("linux"):
            return _linux_process_age()
        if sys.platform == "win32":
            return _windows_process_age()
    except (OSError, ValueError):
        return None
    return None


def _linux_process_age() -> float:
    import os

    stat = Path("/proc/self/stat").read_text()
    # Field 22 (starttime, clock ticks after boot) counts after the ")" closing the command.
    start_ticks = int(stat.rsplit(")", 1)[1].split()[19])
    uptime = float(Path("/proc/uptime").read_text().split()[0])
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


def _windows_process_age() -> float:
    import ctypes
    from ctypes import wintypes

    creation, exit_, kernel, user = (wintypes.FILETIME() for _ in range(4))
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.GetCurrentProcess()
    if not kernel32.GetProcessTimes(
        handle,
        ctypes.byref(creation),
        ctypes.byref(exit_),
        ctypes.byref(kernel),
        ctypes.byref(user),
    ):
        raise OSError("GetProcessTimes failed")
    created = (creation.dwHighDateTime << 32 | creation.dwLowDateTime) / 10_000_000
    now = wintypes.FILETIME()
    kernel32.GetSystemTimeAsFileTime(ctypes.byref(now))
    return (now.dwHighDateTime << 32 | now.dwLowDateTime) / 10_000_000 - created


# ---- the steps ----------------------------------------------------------------------------


def check_bundle(ctx: Context) -> str:
    """The files the app reads at run time are where the code looks for them."""
    import resources
    from desktop import __version__, paths
    from desktop.store import migrate

    needed = {
        "reference data": resources.RESOURCES_DIR / "reference",
        "translations": resources.RESOURCES_DIR / "i18n",
        "store migrations": migrate.MIGRATIONS_DIR / "versions",
    }
    for what, folder in needed.items():
        if not folder.is_dir() or not any(folder.iterdir()):
            raise SelfTestFailure(f"{what} missing: {folder} is absent or empty")
    frozen = "bundle" if getattr(sys, "frozen", False) else "source"
    # Same precedence as paths.data_dir (the self-test has no --data-dir of its own).
    if os.environ.get(paths.ENV_DATA_DIR):
        mode = f"${paths.ENV_DATA_DIR}"
    elif paths.portable_data_dir() is not None:
        mode = "portable"
    else:
        mode = "per-user"
    return f"hotroso {__version__} ({frozen}); data folder ({mode}): {paths.data_dir()}"


def check_reference(ctx: Context) -> str:
    """All shipped reference files load and cross-check."""
    from sync.contract.reference import load_reference

    reference = load_reference()
    ctx.values["reference"] = reference
    if not reference.categories or not reference.current_neighbourhoods(_TODAY):
        raise SelfTestFailure("reference data has no categories or no current neighbourhoods")
    return (
        f"{len(reference.categories)} categories, {len(reference.procedures)} procedures, "
        f"{len(reference.neighbourhoods)} neighbourhoods, {len(reference.provinces)} provinces "
        f"({reference.version})"
    )


def check_store(ctx: Context) -> str:
    """A new store is created encrypted (SQLCipher, as every store), migrated to the newest
    schema and given a volunteer profile; its file holds none of the profile's text."""
    from desktop.store import migrate
    from desktop.store.database import Store

    store = _open_store(ctx, "store")
    ctx.values["store"] = store
    current = migrate.current_revision(store.engine)
    head = migrate.head_revision()
    if current != head:
        raise SelfTestFailure(f"store at revision {current}, expected head {head}")
    assert isinstance(store, Store)
    with store.engine.connect() as connection:
        cipher = connection.exec_driver_sql("PRAGMA cipher_version").scalar()
    files = [p for p in store.data_dir.iterdir() if p.name.startswith("hotroso.sqlite3")]
    if not cipher or any(_VOLUNTEER.encode() in p.read_bytes() for p in files):
        raise SelfTestFailure("the store is not encrypted")
    return f"encrypted (SQLCipher {cipher}), migrated to revision {head}"


def check_qt(ctx: Context) -> str:
    """Qt starts with the offscreen platform (nothing is shown on the volunteer's screen)."""
    from PySide6.QtCore import qVersion
    from PySide6.QtWidgets import QApplication

    from desktop.gui import app as gui_app

    if QApplication.instance() is None:
        # The command-line option beats a QT_QPA_PLATFORM the volunteer's session may set.
        QApplication(["hotroso", "-platform", "offscreen"])
    # The app's own set-up (names, stylesheet from the bundle) on the existing instance.
    ctx.values["app"] = gui_app.application()
    return f"Qt {qVersion()}, platform {QApplication.platformName()}"


def check_translations(ctx: Context) -> str:
    """Every UI language's compiled catalogue loads and is not empty."""
    from PySide6.QtCore import QTranslator

    from desktop.gui import i18n

    translations = i18n.Translations()
    ctx.values["translations"] = translations
    for language in i18n.LANGUAGES:
        qm = i18n.I18N_DIR / f"{language}.qm"
        probe = QTranslator()
        if not probe.load(str(qm)):
            raise SelfTestFailure(f"translation {qm} is missing or unreadable")
        # English is the source language: its catalogue may legitimately be empty.
        if probe.isEmpty() and language != "en":
            raise SelfTestFailure(f"translation {qm} holds no messages")
        translations.set_language(language)
    translations.set_language(i18n.DEFAULT_LANGUAGE)
    return f"{', '.join(i18n.LANGUAGES)} from {i18n.I18N_DIR}"


def check_main_window(ctx: Context) -> str:
    """The main window builds on the test store, loads its records and paints."""
    from desktop.app import LaptopApp
    from desktop.gui import app as gui_app
    from desktop.gui.settings import UiSettings
    from desktop.gui.tasks import TaskRunner

    tasks = TaskRunner()
    ctx.values["tasks"] = tasks
    laptop = LaptopApp(ctx.values["store"], writer=tasks.on_db_worker)
    laptop.profile.load()
    window = gui_app.create_main_window(
        laptop,
        tasks,
        ctx.values["translations"],
        UiSettings(ctx.work_dir / "settings"),
        now=_fixed_clock,
    )
    ctx.values["main_window"] = window
    window.show()
    window.start()
    size = _render(window)
    age = seconds_since_process_start()
    since = f", {age * 1000:.0f} ms after process start" if age is not None else ""
    return f"rendered {size}{since}"


def check_form(ctx: Context) -> str:
    """The entry form builds with every reference list and paints."""
    from desktop.gui.record_form import FormProfile, RecordForm

    reference = ctx.values["reference"]
    profile = FormProfile(
        device_id="self-test",
        volunteer_name=_VOLUNTEER,
        neighbourhood_code=reference.current_neighbourhoods(_TODAY)[0].code,
    )
    form = RecordForm(lambda: reference, profile, now=_fixed_clock, today=lambda: _TODAY)
    ctx.values["form"] = form
    form.show()
    return f"rendered {_render(form)}"


def check_round_trip(ctx: Context) -> str:
    """Generated records survive export to CSV and XLSX and import into a fresh store."""
    from desktop.io.exporter import export_file
    from desktop.io.importer import import_file
    from desktop.store.records import RecordRepository
    from sync.contract.tabular import IMPORT_COLUMNS

    store = ctx.values["store"]
    records = RecordRepository(store)
    originals = [records.save(r, _VOLUNTEER) for r in sample_records(store.reference)]
    # Only what a file carries back in: provenance columns (device, timestamps, consent
    # time) are written for people to read and deliberately ignored on import. The id is not
    # kept either: another laptop's records become new records of this one.
    compared = sorted({column.field for column in IMPORT_COLUMNS} - {"id"})

    def values(record: Any) -> str:
        return repr(tuple(getattr(record, f) for f in compared))

    formats = []
    for suffix in (".csv", ".xlsx"):
        target = ctx.work_dir / f"round-trip{suffix}"
        written = export_file(store, target)
        if written != len(originals):
            raise SelfTestFailure(f"{suffix}: wrote {written} records, not {len(originals)}")
        fresh = _open_store(ctx, f"import{suffix}")
        try:
            report = import_file(fresh, target)
            if report.problems:
                first = report.problems[0]
                raise SelfTestFailure(
                    f"{suffix}: {report.rejected} rows rejected, first: line {first.line} "
                    f"{first.field}: {first.message('en')}"
                )
            back = {values(r) for r in RecordRepository(fresh).iter_all()}
        finally:
            fresh.close()
        for original in originals:
            if values(original) not in back:
                raise SelfTestFailure(
                    f"{suffix}: record {original.id} lost or changed in the round trip"
                )
        formats.append(f"{suffix[1:]} {target.stat().st_size} B")
    return f"{len(originals)} records, {len(compared)} fields each, through " + ", ".join(formats)


def check_credentials(ctx: Context) -> str:
    """Which store the sync token would use: the OS keyring (Windows Credential Manager in the
    Windows bundle) or the file fallback. Informative: both work, but a Windows bundle that
    reports the fallback has lost its keyring backend in packaging."""
    import keyring
    from keyring.backends import fail, null

    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if isinstance(backend, (null.Keyring, fail.Keyring)):
        return f"no usable keyring ({name}): tokens go to a file in the data folder"
    return f"keyring {name}"


STEPS: tuple[Step, ...] = (
    Step("bundle", check_bundle),
    Step("reference data", check_reference),
    Step("store", check_store),
    Step("qt", check_qt),
    Step("translations", check_translations),
    Step("main window", check_main_window),
    Step("entry form", check_form),
    Step("import/export", check_round_trip),
    Step("credentials", check_credentials),
)


# ---- sample data --------------------------------------------------------------------------

_TODAY = date(2025, 9, 15)
_NOW = datetime(2025, 9, 15, 9, 30, tzinfo=UTC)
_VOLUNTEER = "Tình nguyện viên Tự Kiểm"


def _fixed_clock() -> datetime:
    return _NOW


def sample_records(reference: Any, count: int = ROUND_TRIP_ROWS) -> list[Any]:
    """``count`` complete, valid, final records with Vietnamese names (checked by the contract)."""
    from sync.contract import cccd
    from sync.contract.record import (
        AssistanceRecord,
        ConsentMethod,
        Gender,
        Place,
        RecordStatus,
        Result,
    )
    from sync.contract.validation import validate

    names = ["Nguyễn Thị Hằng", "Trần Văn Đức", "Lê Thị Ánh", "Phạm Quốc Việt", "Đỗ Thu Hương"]
    neighbourhoods = reference.current_neighbourhoods(_TODAY)
    category = next(c for c in reference.categories.values() if not c.requires)
    records = []
    for i in range(count):
        gender = Gender.FEMALE if i % 2 == 0 else Gender.MALE
        year = 1950 + 7 * i
        neighbourhood = neighbourhoods[i % len(neighbourhoods)]
        record = AssistanceRecord(
            device_id="self-test",
            volunteer_name=_VOLUNTEER,
            created_at=_NOW,
            updated_at=_NOW,
            assisted_on=_TODAY,
            status=RecordStatus.FINAL,
            ward_code=reference.ward.code,
            ward_name=reference.ward.name,
            neighbourhood_code=neighbourhood.code,
            neighbourhood_name=neighbourhood.name,
            full_name=names[i % len(names)],
            birth_year=year,
            gender=gender,
            cccd=cccd.encode("022", year, gender, f"{123456 + i:06d}"),
            phone=f"+8491234{5670 + i:04d}",
            address=f"Số {i + 1} đường Hà Tu",
            category=category.code,
            place=Place.MEETING,
            result=Result.COMPLETED,
            consent=True,
            consent_at=_NOW,
            consent_method=ConsentMethod.VERBAL,
            consent_notice_version=reference.consent.version,
        )
        problems = [p for p in validate(record, reference, today=_TODAY) if p.severity == "error"]
        if problems:
            raise SelfTestFailure(
                "generated record is invalid: " + "; ".join(p.message_en for p in problems)
            )
        records.append(record)
    return records


def _open_store(ctx: Context, name: str) -> Any:
    """A new store in the scratch folder, with the volunteer profile records need."""
    from desktop.store.database import Store
    from desktop.store.profile import ProfileRepository

    reference = ctx.values["reference"]
    from desktop.store.keys import StoreKey

    # A random key as in keyring mode, kept only in memory: the scratch store is thrown away.
    store = Store.open(ctx.work_dir / name, clock=_fixed_clock, reference=reference,
                       key=StoreKey.generate())
    ProfileRepository(store).save(
        volunteer_name=_VOLUNTEER,
        neighbourhood_code=reference.current_neighbourhoods(_TODAY)[0].code,
        language="vi",
        server_url=None,
    )
    return store


def _render(widget: Any) -> str:
    """Let the shown widget lay out and paint, and check it produced a real image."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    image = widget.grab().toImage()
    if image.isNull() or image.width() < 50 or image.height() < 50:
        raise SelfTestFailure(f"{type(widget).__name__} painted an empty image")
    return f"{type(widget).__name__} {image.width()}x{image.height()}"


# ---- running ------------------------------------------------------------------------------


def run_self_test(out: TextIO, steps: tuple[Step, ...] = STEPS) -> int:
    """Run ``steps`` in order, printing one line per step; return the process exit code."""
    started = time.perf_counter()
    print("hotroso self-test", file=out, flush=True)
    with _scratch_dir() as work_dir:
        ctx = Context(work_dir=work_dir, started=started)
        try:
            for step in steps:
                if not _run_step(step, ctx, out):
                    return EXIT_FAILED
        finally:
            _close(ctx)
    total = (time.perf_counter() - started) * 1000
    print(f"self-test passed: {len(steps)} steps in {total:.0f} ms", file=out, flush=True)
    return EXIT_OK


def _run_step(step: Step, ctx: Context, out: TextIO) -> bool:
    begin = time.perf_counter()
    try:
        detail = step.run(ctx)
    except SelfTestFailure as exc:
        _report(out, "FAIL", step.name, begin, str(exc))
        return False
    except Exception as exc:  # a bug or a broken bundle: show everything, it is a test
        _report(out, "FAIL", step.name, begin, f"{type(exc).__name__}: {exc}")
        traceback.print_exc(file=out)
        return False
    _report(out, "ok", step.name, begin, detail)
    return True


def _report(out: TextIO, status: str, name: str, begin: float, detail: str) -> None:
    ms = (time.perf_counter() - begin) * 1000
    print(f"  {status:<4} {name:<15} {ms:7.0f} ms  {detail}", file=out, flush=True)


def _close(ctx: Context) -> None:
    from PySide6.QtWidgets import QApplication

    for key in ("form", "main_window"):
        widget = ctx.values.get(key)
        if widget is not None:
            widget.close()
            widget.deleteLater()
    tasks = ctx.values.get("tasks")
    if tasks is not None:
        tasks.shutdown()
    if QApplication.instance() is not None:
        QApplication.processEvents()
    store = ctx.values.get("store")
    if store is not None:
        store.close()


@contextmanager
def _scratch_dir() -> Iterator[Path]:
    # ignore_cleanup_errors: on Windows a just-closed SQLite file may stay locked a moment,
    # which must not turn a passing self-test into a failure.
    with tempfile.TemporaryDirectory(prefix="hotroso-selftest-", ignore_cleanup_errors=True) as d:
        yield Path(d)


def main() -> int:
    """Entry point for ``hotroso --self-test``."""
    out = sys.stdout
    if out is None:  # the windowed Windows app started with no console and no pipe
        report = Path(tempfile.gettempdir()) / "hotroso-self-test.txt"
        with report.open("w", encoding="utf-8") as file:
            return run_self_test(file)
    # A Windows pipe defaults to the ANSI code page, which has no "ễ": a path or a name in
    # the output must not turn a passing self-test into a UnicodeEncodeError.
    reconfigure = getattr(out, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(encoding="utf-8", errors="replace")
    return run_self_test(out)
