"""``--self-test`` and ``--startup-probe`` from source: they pass on a good installation and
name the broken part on a bad one."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import resources
from desktop import selftest, startup_probe
from desktop.gui import i18n
from tests.bundle.conftest import PASSPHRASE


def _run() -> tuple[int, str]:
    out = io.StringIO()
    code = selftest.run_self_test(out)
    return code, out.getvalue()


def test_self_test_passes_from_source(qtbot: QtBot) -> None:
    code, output = _run()

    assert code == selftest.EXIT_OK, output
    for step in selftest.STEPS:
        assert re.search(rf"^  ok   {re.escape(step.name)} +\d+ ms  \S", output, re.M), output
    assert "(source)" in output
    assert "5 records, " in output and "csv" in output and "xlsx" in output
    assert "self-test passed: 9 steps" in output


def test_missing_reference_data_fails_naming_the_folder(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resources, "RESOURCES_DIR", tmp_path)

    code, output = _run()

    assert code == selftest.EXIT_FAILED
    assert "FAIL bundle" in output
    assert f"reference data missing: {tmp_path / 'reference'}" in output
    assert "self-test passed" not in output


def test_missing_translation_fails_naming_the_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "en.qm").write_bytes((i18n.I18N_DIR / "en.qm").read_bytes())
    monkeypatch.setattr(i18n, "I18N_DIR", tmp_path)

    code, output = _run()

    assert code == selftest.EXIT_FAILED
    assert "FAIL translations" in output
    assert f"translation {tmp_path / 'vi.qm'} is missing or unreadable" in output
    # The steps before it ran and passed.
    assert "  ok   store" in output


def test_a_bug_in_a_step_fails_with_its_traceback(qtbot: QtBot) -> None:
    def broken(ctx: selftest.Context) -> str:
        return str(1 / 0)

    out = io.StringIO()
    code = selftest.run_self_test(out, (selftest.Step("arithmetic", broken),))

    assert code == selftest.EXIT_FAILED
    assert "FAIL arithmetic" in out.getvalue()
    assert "ZeroDivisionError: division by zero" in out.getvalue()
    assert "Traceback" in out.getvalue()


def test_process_age_is_known_and_plausible() -> None:
    age = selftest.seconds_since_process_start()

    assert age is not None
    assert 0 < age < 24 * 3600


def _probe(data_dir: Path) -> subprocess.CompletedProcess[str]:
    # A process of its own: the probe runs the app's whole start-up and event loop, which
    # must not leave application-wide Qt state behind in the test process.
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "--startup-probe"],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOTROSO_PASSPHRASE": PASSPHRASE},
    )


def test_startup_probe_reports_the_main_window(profile_dir: Path) -> None:
    result = _probe(profile_dir)

    assert result.returncode == startup_probe.EXIT_SHOWN, result.stdout + result.stderr
    assert re.search(
        r"^startup-probe: main window shown \d+ ms after process start$", result.stdout, re.M
    )


def test_startup_probe_never_waits_on_the_first_run_dialog(tmp_path: Path) -> None:
    result = _probe(tmp_path / "empty")

    assert result.returncode == startup_probe.EXIT_NOT_SHOWN
    assert "startup-probe: no main window: FirstRunDialog" in result.stderr
