"""YAML as response files need it: every plain word read as text, nothing run, nothing doubled.

PyYAML's usual loaders turn `no` into False, `2019` into a number and `2026-01-01` into a date,
so an answer typed as one of those words would come back changed. The loader here reads every
untagged scalar as the text that was written, and builds nothing but text, lists and mappings;
the few fields that are not text (the version and the completion date) are converted where
they are checked. The writer quotes whatever the usual resolver would misread, so its files
read back the same with any YAML tool.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any, ClassVar

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

# libyaml's parser is about ten times faster than PyYAML's own; every PyPI wheel includes it.
# It also stops at 1,000 levels of nesting, which keeps a deeply nested file from exhausting
# the stack.
from yaml.cyaml import CParser  # type: ignore[attr-defined]
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

_STANDARD_TAG_PREFIX = "tag:yaml.org,2002:"


class DuplicateKeyError(ConstructorError):
    """A key given twice in one mapping, which would silently drop the first value."""


class AliasError(ConstructorError):
    """An alias (`*name`): never needed in a response, and the way to a billion-laughs bomb."""


class TagError(ConstructorError):
    """An explicit tag such as `!!int` or `!!python/object`: a response holds only text."""


class TextLoader(CParser, SafeConstructor, BaseResolver):
    """A safe loader that builds only text, lists and mappings, refusing duplicates and aliases."""

    # Only these three: any other tag (!!int, !!timestamp, !!binary, !!python/...) would build
    # a value of another kind, or fail inside Python with an error that is not a YAML error.
    yaml_constructors: ClassVar[dict[str | None, Any]] = {
        _STANDARD_TAG_PREFIX + "str": SafeConstructor.construct_yaml_str,
        _STANDARD_TAG_PREFIX + "seq": SafeConstructor.construct_yaml_seq,
        _STANDARD_TAG_PREFIX + "map": SafeConstructor.construct_yaml_map,
    }

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
        if node.tag not in self.yaml_constructors:
            raise TagError(
                None,
                None,
                f"the tag {short_tag(node.tag)} is not allowed here; "
                "a response holds only plain text and lists",
                node.start_mark,
            )
        return super().construct_object(node, deep)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        _refuse_duplicate_keys(node)
        return super().construct_mapping(node, deep)


def short_tag(tag: str) -> str:
    """Write a tag as it is usually typed: `!!int` rather than `tag:yaml.org,2002:int`."""
    if tag.startswith(_STANDARD_TAG_PREFIX):
        return "!!" + tag.removeprefix(_STANDARD_TAG_PREFIX)
    return tag


def _shortened(text: str, most: int = 40) -> str:
    # Keys and tags come from the file: a hostile one could fill the screen.
    return text if len(text) <= most else text[: most - 3] + "..."


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
                f"'{_shortened(key_node.value)}' is given twice (first on line "
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


class LineFinder:
    """Finds the line where a value is written, reading the file's structure only once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._root: Node | None = None
        self._composed = False
        # Each mapping's keys, indexed on first use: a file with thousands of unknown keys
        # asks for thousands of lines.
        self._keys: dict[int, dict[str, Node]] = {}

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """Return the line (from 1) where the value at `path` is, or its nearest parent's."""
        node = self._compose()
        if node is None:
            return None

        for step in path:
            child = self._child(node, step)
            if child is None:
                break
            node = child
        return int(node.start_mark.line) + 1

    def _compose(self) -> Node | None:
        if not self._composed:
            self._composed = True
            loader = TextLoader(self.text)
            try:
                self._root = loader.get_single_node()
            except yaml.YAMLError:
                self._root = None
            finally:
                loader.dispose()
        return self._root

    def _child(self, node: Node, step: str | int) -> Node | None:
        if isinstance(node, MappingNode) and isinstance(step, str):
            return self._index(node).get(step)
        if isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
            found: Node = node.value[step]
            return found
        return None

    def _index(self, node: MappingNode) -> dict[str, Node]:
        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode):
                    index.setdefault(key_node.value, value_node)
            self._keys[id(node)] = index
        return index


def line_of(text: str, path: Sequence[str | int]) -> int | None:
    """Return the line (from 1) where the value at `path` is written, or its nearest parent's."""
    return LineFinder(text).line_of(path)


class _TextDumper(yaml.SafeDumper):
    """Writes several-line text as literal blocks and everything else as YAML would."""


# YAML 1.1 counts these as line breaks too. PyYAML's emitter writes them unescaped in plain,
# quoted and block text, where a reader turns them into newlines or spaces; only double quotes
# escape them (as \N, \L and \P).
_UNICODE_BREAKS = frozenset("\x85\u2028\u2029")


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    # The emitter falls back to quoting when a literal block could not hold the text exactly.
    style = "|" if "\n" in text else None
    if not _UNICODE_BREAKS.isdisjoint(text):
        style = '"'
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
