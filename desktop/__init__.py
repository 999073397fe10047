"""The volunteer's desktop app: PySide6 GUI (``desktop.gui``) and its Qt-free local store."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("hotroso")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
