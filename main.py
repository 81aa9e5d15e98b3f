"""Start the DealerDesk window: ``python main.py [--db PATH] [--today YYYY-MM-DD]``."""

from __future__ import annotations

import sys

from dealerdesk.app import main

if __name__ == "__main__":
    sys.exit(main())
