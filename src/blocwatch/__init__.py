"""blocwatch: a sourced, time-aware map of who stands with whom, read from the news."""
__version__ = "0.1.0"
