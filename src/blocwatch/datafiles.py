"""Reading the YAML data files (gazetteer, cue lexicons, registry, boilerplate rules).

libyaml's parser is used when PyYAML was built with it (the wheels are): the data files
then load about ten times faster, which was most of every command's start-up (2.3 s of
YAML parsing before the first article). Both parsers read YAML 1.1 alike.
"""
from __future__ import annotations

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(stream):
    """The data of a YAML document (safe: plain data types only)."""
    return yaml.load(stream, Loader=_LOADER)  # noqa: S506 - a safe loader
