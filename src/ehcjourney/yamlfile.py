"""YAML as response files need it: every plain word read as text, nothing run, nothing doubled.

PyYAML's usual loaders turn `no` into False, `2019` into a number and `2026-01-01` into a date,
so an answer typed as one of those words would come back changed. The loader here reads every
untagged scalar as the text that was written, and builds nothing but text, lists and mappings;
the few fields that are not text (the version and the completion date) are converted where
they are checked. The writer quotes whatever the usual resolver would misread, so its files
read back the same with any YAML tool.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from typing import Any

import yaml
from yaml.constructor import ConstructorError

# libyaml's parser is about ten times faster than PyYAML's own; every PyPI wheel includes it.
# It also stops at 1,000 levels of nesting, which keeps a deeply nested file from exhausting
# the stack.
from yaml.cyaml import CParser  # type: ignore[attr-defined]
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

_STANDARD_TAG_PREFIX = "tag:yaml.org,2002:"

# The only tags a response's nodes may have, one for each kind of node. Any other tag (!!int,
# !!timestamp, !!merge, !!python/...) would build a value of another kind, or run code.
_PLAIN_TAGS: dict[type[Node], str] = {
    ScalarNode: BaseResolver.DEFAULT_SCALAR_TAG,
    SequenceNode: BaseResolver.DEFAULT_SEQUENCE_TAG,
    MappingNode: BaseResolver.DEFAULT_MAPPING_TAG,
}
_KIND_NAMES: dict[type[Node], str] = {
    ScalarNode: "text",
    SequenceNode: "a list",
    MappingNode: "a mapping",
}


class RefusedError(ConstructorError):
    """Something YAML allows but a response file may not use; its message is for people."""


class DuplicateKeyError(RefusedError):
    """A key given twice in one mapping, which would silently drop the first value."""


class AliasError(RefusedError):
    """An alias (`*name`): never needed in a response, and the way to a billion-laughs bomb."""


class TagError(RefusedError):
    """An explicit tag such as `!!int` or `!!python/object`: a response holds only text."""


class KeyKindError(RefusedError):
    """A key that is a list or a mapping rather than a word."""


class TextLoader(CParser):
    """Reads a document's structure with libyaml, every node tagged as plain text, list or map.

    No implicit types are looked for, so a node's tag is the default for its kind, found
    without PyYAML's resolver; libyaml's composer asks for it at every node.
    """

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        """Return the tag of an untagged node: always the plain one for its kind."""
        return _PLAIN_TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """Do nothing: there are no path resolvers to follow."""

    def ascend_resolver(self) -> None:
        """Do nothing: there are no path resolvers to follow."""


def short_tag(tag: str) -> str:
    """Write a tag as it is usually typed: `!!int` rather than `tag:yaml.org,2002:int`."""
    if tag.startswith(_STANDARD_TAG_PREFIX):
        return "!!" + tag.removeprefix(_STANDARD_TAG_PREFIX)
    return tag


def _shortened(text: str, most: int = 40) -> str:
    # Keys and tags come from the file: a hostile one could fill the screen.
    return text if len(text) <= most else text[: most - 3] + "..."


def load(text: str) -> Any:
    """Read one YAML document as plain data; raise yaml.YAMLError for anything unreadable."""
    return plain_data(compose(text))


def compose(text: str) -> Node | None:
    """Read one YAML document's structure: nodes that know their lines, no data built yet."""
    loader = TextLoader(text)
    try:
        root: Node | None = loader.get_single_node()
    finally:
        loader.dispose()
    return root


def plain_data(root: Node | None) -> Any:
    """Build text, lists and dicts from a document's nodes; raise RefusedError for the rest.

    Nodes are built level by level, each level in the order it is written, so the first
    alias is caught where it is used, before the nodes it repeats are walked; and the depth
    of nesting costs no Python stack.
    """
    if root is None:
        return None
    met: set[int] = set()
    _meet(root, met)
    data = _empty(root)

    pending: deque[tuple[Node, Any]] = deque([(root, data)])
    while pending:
        node, value = pending.popleft()
        if isinstance(node, MappingNode):
            _fill_mapping(node, value, met, pending)
        elif isinstance(node, SequenceNode):
            _fill_list(node, value, met, pending)
    return data


def _empty(node: Node) -> Any:
    """The value a node stands for: its text, or a list or dict to be filled later."""
    if isinstance(node, ScalarNode):
        return node.value
    return {} if isinstance(node, MappingNode) else []


def _fill_list(
    node: SequenceNode, items: list[Any], met: set[int], pending: deque[tuple[Node, Any]]
) -> None:
    for child in node.value:
        _meet(child, met)
        item = _empty(child)
        items.append(item)
        if not isinstance(child, ScalarNode):
            pending.append((child, item))


def _fill_mapping(
    node: MappingNode, mapping: dict[str, Any], met: set[int], pending: deque[tuple[Node, Any]]
) -> None:
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            raise KeyKindError(
                None,
                None,
                "a key must be a plain word, not a list or a set of keys",
                key_node.start_mark,
            )
        if key_node.value in mapping:
            raise _duplicate_key(node, key_node)
        _meet(key_node, met)
        _meet(value_node, met)

        value = _empty(value_node)
        mapping[key_node.value] = value
        if not isinstance(value_node, ScalarNode):
            pending.append((value_node, value))


def _meet(node: Node, met: set[int]) -> None:
    """Refuse a node met before (reached again through an alias) or tagged as anything else."""
    if id(node) in met:
        raise AliasError(
            None,
            None,
            "anchors and aliases (&name, *name) are not allowed here",
            node.start_mark,
        )
    met.add(id(node))

    if node.tag != _PLAIN_TAGS[type(node)]:
        raise TagError(None, None, _tag_refusal(node), node.start_mark)


def _tag_refusal(node: Node) -> str:
    tag = _shortened(short_tag(node.tag))
    if node.tag in _PLAIN_TAGS.values():
        return f"the tag {tag} cannot be given to {_KIND_NAMES[type(node)]}; remove it"
    return f"the tag {tag} is not allowed here; a response holds only plain text and lists"


def _duplicate_key(node: MappingNode, second: ScalarNode) -> DuplicateKeyError:
    first = next(
        key for key, _ in node.value if isinstance(key, ScalarNode) and key.value == second.value
    )
    return DuplicateKeyError(
        None,
        None,
        f"'{_shortened(second.value)}' is given twice (first on line "
        f"{first.start_mark.line + 1}); keep one",
        second.start_mark,
    )


class LineFinder:
    """Finds the line where a value is written, reading the file's structure only once."""

    def __init__(self, text: str, root: Node | None = None) -> None:
        self.text = text
        self._root = root
        # The nodes kept from reading the file spare reading it a second time.
        self._composed = root is not None
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
            try:
                self._root = compose(self.text)
            except yaml.YAMLError:
                self._root = None
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
