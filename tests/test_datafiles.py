"""The data files (gazetteer, cue lexicons, registry, boilerplate rules) are reviewed like
code: a key written twice in one mapping is a defect YAML hides (the last one wins), as a
header comment that lost its '#' once left a dead second ``agent_nouns`` in context.yaml."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

DATA = sorted((Path(__file__).resolve().parents[1] / "src" / "blocwatch").glob("**/data/*.yaml"))


class _UniqueKeys(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise AssertionError(f"line {key_node.start_mark.line + 1}: key {key!r} written twice")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def test_the_data_files_are_found():
    assert len(DATA) >= 10


@pytest.mark.parametrize("path", DATA, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_no_key_is_written_twice(path):
    yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeys)  # noqa: S506 - a safe loader


def test_a_duplicate_key_is_caught():
    with pytest.raises(AssertionError, match="written twice"):
        yaml.load("a: 1\nb: 2\na: 3\n", Loader=_UniqueKeys)  # noqa: S506
