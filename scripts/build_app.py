"""Build the volunteers' app with build.spec, run the built app's self-test, report the figures.

    python scripts/build_app.py               # dist/hotroso/, then dist/hotroso/hotroso --self-test
    python scripts/build_app.py --portable    # same, with the portable.txt marker (USB stick)
    python scripts/build_app.py --dist DIR --work DIR

Exit status: 0 when the build and its self-test pass, 1 otherwise. Prints the bundle size,
the build time and the self-test output (which includes the time to the main window).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE_NAME = "hotroso.exe" if sys.platform == "win32" else "hotroso"


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def build(dist: Path, work: Path) -> float:
    """Run PyInstaller on build.spec; returns the seconds it took."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work), str(ROOT / "build.spec")],
        cwd=ROOT,
        check=True,
    )
    return time.perf_counter() - started


def self_test(executable: Path) -> int:
    """Run the built app's --self-test, show its report, return its exit status."""
    # Offscreen even on a desktop: the self-test must not flash windows at whoever builds.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # Captured through pipes: the windowed Windows app has no console to print to.
    result = subprocess.run([str(executable), "--self-test"], env=env, timeout=300,
                            capture_output=True, encoding="utf-8", errors="replace")
    print(result.stdout, end="")
    print(result.stderr, end="", file=sys.stderr)
    return result.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work")
    parser.add_argument("--portable", action="store_true",
                        help="put the portable.txt marker beside the executable")
    args = parser.parse_args(argv)

    try:
        seconds = build(args.dist, args.work)
    except subprocess.CalledProcessError as exc:
        print(f"build failed (PyInstaller exit status {exc.returncode})", file=sys.stderr)
        return 1
    app = args.dist / "hotroso"
    if args.portable:
        sys.path.insert(0, str(ROOT))
        from desktop.portable import write_marker

        print(f"portable: wrote {write_marker(app)}")
    status = self_test(app / EXE_NAME)
    print(f"bundle: {app} ({folder_size(app) / 1e6:.0f} MB), built in {seconds:.0f} s")
    print("self-test: " + ("passed" if status == 0 else f"FAILED (exit status {status})"))
    return 0 if status == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
