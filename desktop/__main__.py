"""``python -m desktop``: the same as the ``hotroso`` command."""

from desktop.cli import main

raise SystemExit(main())
