"""YAML a response may not use (aliases, tags, doubled or non-word keys) is refused by line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ehcjourney import storage

REFUSED = [
    pytest.param(
        "area: &name Exampleshire\nlocal_area: *name\n",
        1,
        "anchors and aliases (&name, *name) are not allowed here",
        id="alias-of-text",
    ),
    pytest.param(
        "local_area: &self [*self]\n",
        1,
        "anchors and aliases (&name, *name) are not allowed here",
        id="list-holding-itself",
    ),
    pytest.param(
        "journey:\n  stage: developing\nlocal_area: !!int 12\n",
        3,
        "the tag !!int is not allowed here; a response holds only plain text and lists",
        id="int-tag",
    ),
    pytest.param(
        "base: {stage: developing}\njourney:\n  !!merge <<: {stage: embedded}\n",
        3,
        "the tag !!merge is not allowed here; a response holds only plain text and lists",
        id="merge-tag",
    ),
    pytest.param(
        "local_area: !!map Exampleshire\n",
        1,
        "the tag !!map cannot be given to text; remove it",
        id="map-tag-on-text",
    ),
    pytest.param(
        "local_area: !!map [a, b]\n",
        1,
        "the tag !!map cannot be given to a list; remove it",
        id="map-tag-on-list",
    ),
    pytest.param(
        "local_area: !!str [a, b]\n",
        1,
        "the tag !!str cannot be given to a list; remove it",
        id="str-tag-on-list",
    ),
    pytest.param(
        "journey:\n  stage: developing\n  rationale: x\n  stage: embedded\n",
        4,
        "'stage' is given twice (first on line 2); keep one",
        id="duplicate-nested-key",
    ),
    pytest.param(
        "local_area: x\n? [a, b]\n: c\n",
        2,
        "a key must be a plain word, not a list or a set of keys",
        id="list-as-key",
    ),
]


@pytest.mark.parametrize(("text", "line", "message"), REFUSED)
def test_refused_yaml_is_reported_with_its_line(
    write_file: Callable[[str, str], Path], text: str, line: int, message: str
) -> None:
    """Reading the file fails with one plain message and the line where the problem is."""
    path = write_file("response.yaml", text)

    with pytest.raises(storage.UnreadableFileError) as raised:
        storage.read_document(path)

    assert (raised.value.problem.line, raised.value.problem.message) == (line, message)


def test_plain_tags_and_the_bare_tag_read_as_written(
    write_file: Callable[[str, str], Path],
) -> None:
    """`!!str`, `!!seq`, `!!map` on their own kinds, and a bare `!`, change nothing."""
    path = write_file(
        "response.yaml",
        """
        local_area: !!str 2019
        journey: !!map
          stage: ! developing
        top_three:
          activities: !!seq [no, "yes"]
        """,
    )

    assert storage.read_document(path).data == {
        "local_area": "2019",
        "journey": {"stage": "developing"},
        "top_three": {"activities": ["no", "yes"]},
    }


def test_nesting_up_to_the_parser_limit_is_read(write_file: Callable[[str, str], Path]) -> None:
    """Lists nested 990 deep are read as data; building them needs no deep recursion."""
    path = write_file("deep.yaml", "local_area: " + "[" * 990 + "x" + "]" * 990 + "\n")

    value = storage.read_document(path).data["local_area"]
    depth = 0
    while isinstance(value, list):
        (value,) = value
        depth += 1

    assert (depth, value) == (990, "x")


def test_line_of_a_nested_value_comes_from_the_nodes_read(
    write_file: Callable[[str, str], Path],
) -> None:
    """A document read once knows the line of each value, however deep."""
    path = write_file(
        "response.yaml",
        """
        local_area: Exampleshire
        top_three:
          activities:
            - A joint panel
            - A shared dashboard
        """,
    )

    document = storage.read_document(path)

    assert document.line_of(("top_three", "activities", 1)) == 5
