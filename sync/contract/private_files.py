"""Files and folders only their owner can read: mode 0600 / 0700 on POSIX, whatever the umask.

Both ends write files that hold personal data or secrets (the laptop's database and its
journals, exports, bundles, the device's keys; the ward's bundle key), so the modes are set
explicitly with ``chmod`` rather than left to the umask, which may be 022 (world-readable) or
even strip the owner's own bits. A file is created private from its first byte (``os.open``
with mode 0600 and then ``chmod``), never written first and restricted afterwards.

On Windows ``chmod`` only toggles the read-only flag; there the app's folders are the user's
own through their ACLs (``%LOCALAPPDATA%``), and a USB stick (FAT/exFAT) has no permissions at
all, which is why the laptop's data is encrypted rather than merely hidden.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
POSIX = os.name == "posix"


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) and make the folder itself owner-only."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    if POSIX:
        os.chmod(path, PRIVATE_DIR_MODE)
    return path


def make_private(path: Path) -> None:
    """Restrict an existing file to its owner (missing files are ignored)."""
    if POSIX:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(path, PRIVATE_FILE_MODE)


def prepare_private_file(path: Path) -> None:
    """Create ``path`` empty (or truncate it) as an owner-only file, for a writer to fill.

    Writers that open the path themselves (csv, openpyxl, SQLite) keep an existing file's
    mode, so the data they write is never readable by others, not even for a moment.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    os.close(fd)
    make_private(path)


def write_private_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temp file, fsync, rename), owner-only.

    A crash or a pulled-out USB stick leaves either the old file or the new one, never half.
    """
    tmp = path.with_name(path.name + ".part")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        make_private(tmp)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    os.replace(tmp, path)
    fsync_dir(path.parent)


def fsync_dir(path: Path) -> None:
    """Make a rename or deletion in ``path`` durable (POSIX; a no-op where unsupported)."""
    if not POSIX:
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (e.g. on a USB stick) cannot fsync a folder
    finally:
        os.close(fd)
