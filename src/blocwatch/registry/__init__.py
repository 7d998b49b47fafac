"""Reference registry: blocs, their members over time and their treaty obligations.

The data lives in data/blocs.yaml (format and sources in its header); blocs.py loads it.
"""
from .blocs import (MEMBERSHIP_STATUSES, OBLIGATED_STATUSES, Bloc, Obligation, Registry,
                    RegistryError, Spell, load_registry, parse)

__all__ = ["MEMBERSHIP_STATUSES", "OBLIGATED_STATUSES", "Bloc", "Obligation", "Registry",
           "RegistryError", "Spell", "load_registry", "parse"]
