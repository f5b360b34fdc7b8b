"""YAML as response files need it: every plain word read as text, nothing run, nothing doubled.

PyYAML's usual loaders turn `no` into False, `2019` into a number and `2026-01-01` into a date,
so an answer typed as one of those words would come back changed. The loader here reads every
untagged scalar as the text that was written; the few fields that are not text (the version
and the completion date) are converted where they are checked. The writer quotes whatever the
usual resolver would misread, so its files read back the same with any YAML tool.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

# libyaml's parser is about ten times faster than PyYAML's own; every PyPI wheel includes it.
from yaml.cyaml import CParser  # type: ignore[attr-defined]
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver


class DuplicateKeyError(ConstructorError):
    """A key given twice in one mapping, which would silently drop the first value."""


class AliasError(ConstructorError):
    """An alias (`*name`): never needed in a response, and the way to a billion-laughs bomb."""


class TextLoader(CParser, SafeConstructor, BaseResolver):
    """A safe loader that reads untagged scalars as text and refuses duplicate keys and aliases."""

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        SafeConstructor.__init__(self)
        BaseResolver.__init__(self)

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        # A node met a second time was reached through an alias.
        if node in self.constructed_objects:
            raise AliasError(
                None,
                None,
                "anchors and aliases (&name, *name) are not allowed here",
                node.start_mark,
            )
        return super().construct_object(node, deep)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        _refuse_duplicate_keys(node)
        return super().construct_mapping(node, deep)


def _refuse_duplicate_keys(node: MappingNode) -> None:
    first_lines: dict[str, int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, ScalarNode):
            continue
        line = key_node.start_mark.line + 1
        if key_node.value in first_lines:
            raise DuplicateKeyError(
                None,
                None,
                f"'{key_node.value}' is given twice (first on line "
                f"{first_lines[key_node.value]}); keep one",
                key_node.start_mark,
            )
        first_lines[key_node.value] = line


def load(text: str) -> Any:
    """Read one YAML document as plain data; raise yaml.YAMLError for anything unreadable."""
    loader = TextLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def line_of(text: str, path: Sequence[str | int]) -> int | None:
    """Return the line (from 1) where the value at `path` is written, or its nearest parent's."""
    loader = TextLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    if node is None:
        return None

    for step in path:
        child = _child(node, step)
        if child is None:
            break
        node = child
    return int(node.start_mark.line) + 1


def _child(node: Node, step: str | int) -> Node | None:
    if isinstance(node, MappingNode) and isinstance(step, str):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == step:
                found_value: Node = value_node
                return found_value
        return None
    if isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
        found: Node = node.value[step]
        return found
    return None


class _TextDumper(yaml.SafeDumper):
    """Writes several-line text as literal blocks and everything else as YAML would."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    # The emitter falls back to quoting when a literal block could not hold the text exactly.
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_TextDumper.add_representer(str, _represent_text)


def dump(data: Any) -> str:
    """Write plain data as YAML that reads back identical, keeping the order of keys."""
    return yaml.dump(
        data,
        Dumper=_TextDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=88,
    )
