"""``python -m dealerdesk`` is the ``dealerdesk`` command."""

from dealerdesk.cli import main

raise SystemExit(main())
