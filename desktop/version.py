"""The app's version in one place, for the About box, ``hotroso --version`` and bug reports.

``desktop.__version__`` comes from the installed package metadata (``pyproject.toml``); the
PyInstaller bundle carries that metadata (``build.spec`` copies it), so the built app reports
the same version as the source tree it was built from. The sync client's User-Agent
(``sync.client.http.user_agent``) reads the same metadata and names the protocol version,
which is the server's ``sync.contract.wire.PROTOCOL_VERSION``.
"""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass

from desktop import __version__
from sync.contract.wire import PROTOCOL_VERSION

__all__ = ["PROTOCOL_VERSION", "VersionInfo", "__version__", "version_info"]


@dataclass(frozen=True)
class VersionInfo:
    """What the About box shows."""

    version: str
    protocol: int
    python: str
    platform: str
    frozen: bool

    def lines(self) -> list[str]:
        build = "bundle" if self.frozen else "source"
        return [
            f"Hỗ trợ số {self.version} ({build})",
            f"Sync protocol {self.protocol}",
            f"Python {self.python}, {self.platform}",
        ]


def version_info() -> VersionInfo:
    return VersionInfo(
        version=__version__,
        protocol=PROTOCOL_VERSION,
        python=platform.python_version(),
        platform=f"{platform.system() or sys.platform} {platform.release()}".strip(),
        frozen=bool(getattr(sys, "frozen", False)),
    )
