"""Subcommands of ``hotroso``, one module each.

To add one (``sync``, ``enroll``, ``export-bundle`` …): write ``desktop/commands/<name>.py``
with

    def register(subparsers, common: argparse.ArgumentParser) -> None:
        parser = subparsers.add_parser("name", parents=[common], help="…")
        parser.add_argument(...)
        parser.set_defaults(run=_run)

    def _run(args: argparse.Namespace) -> int: ...   # the exit status

and add the module to :data:`COMMAND_MODULES`. ``common`` brings ``--data-dir`` and ``--lang``;
:mod:`desktop.commands.common` opens the store and prints bilingual messages. Raise a
:class:`desktop.store.errors.StoreError` (or subclass) for a problem the user can fix: the
command line prints its message in the user's language and exits with status 1.

The list is explicit, not discovered, so that PyInstaller bundles every command.
"""

from __future__ import annotations

COMMAND_MODULES: tuple[str, ...] = (
    "desktop.commands.profile",
    "desktop.commands.importing",
    "desktop.commands.exporting",
    "desktop.sync_commands",  # enroll, sync, export-bundle (the sync engineer's module)
    "desktop.commands.protection",
)
