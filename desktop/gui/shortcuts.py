"""Key sequences written the portable way ("Ctrl+Enter"), whatever the UI language.

``QKeySequence("…")`` reads its text in the *native* format, i.e. with the key names of the
installed translation; the Vietnamese one shows Qt's "Return" as "Enter", so "Enter" would
then be read as the main Enter key and the keypad's would be lost. Shortcuts are therefore
always made here, from portable text.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence


def keys(text: str) -> QKeySequence:
    return QKeySequence.fromString(text, QKeySequence.SequenceFormat.PortableText)
