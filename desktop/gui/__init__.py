"""The PySide6 GUI of the volunteer's app (see docs/architecture.md for its parts and rules)."""
