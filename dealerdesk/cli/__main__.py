"""``python -m dealerdesk.cli``."""

from dealerdesk.cli import main

raise SystemExit(main())
