"""DealerDesk: an offline retention desk for one car dealership."""

import os

# The churn model's small matrix products ran 3-6x slower with OpenBLAS's thread pool
# than on one thread on a 2-core desk PC (0.7-2.0 s against 0.12-0.3 s per fit); the
# app does its numeric work on one background worker anyway. Set before numpy loads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
