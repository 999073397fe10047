"""The laptop's application layer (Qt-free): the operations the GUI and the CLI share.

Each operation runs on the caller's thread (the GUI calls it on its database worker, the CLI
in its only thread), works through the store's repositories and the sync client, and says
what it changed: it returns a :class:`~desktop.app.change.Done` holding its value and a
:class:`~desktop.app.change.Change` (which records were created, updated, deleted; whether
the profile, the language, the server address, the reference data, a meeting or the sync
state changed). Views listen to those changes instead of being refreshed by hand.

Entry point: :class:`~desktop.app.laptop.LaptopApp` (``records``, ``profile``, ``meetings``,
``transfer``, ``sync``).
"""

from desktop.app.change import NOTHING, Change, Done
from desktop.app.laptop import LaptopApp

__all__ = ["NOTHING", "Change", "Done", "LaptopApp"]
