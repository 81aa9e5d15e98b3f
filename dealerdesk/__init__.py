"""DealerDesk: an offline retention desk for one car dealership."""

__version__ = "0.1.0"
