"""Laying out a response for people, in the shape of the paper form."""

from __future__ import annotations

from collections.abc import Iterator

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ehcjourney.console import emphasised, literal
from ehcjourney.definition import Characteristic, Definition
from ehcjourney.response import Response

CHOSEN = "[x]"
NOT_CHOSEN = "[ ]"
CHOSEN_STYLE = "bold green"
HEADING_STYLE = "bold"
WIDE = 120  # from this width the framework grid has room for each full statement


def render_response(response: Response, definition: Definition) -> Group:
    """Return the whole response: header, then the three parts in the order of the form."""
    return Group(
        _header(response, definition),
        *_part_heading(1, definition.journey.title),
        _stages(response, definition),
        Padding(_labelled("Rationale", response.journey.rationale), (1, 0, 0, 0)),
        *_part_heading(2, definition.top_three.title),
        _top_three(response, definition),
        *_part_heading(3, definition.framework.title),
        _FrameworkGrid(response, definition),
    )


def _header(response: Response, definition: Definition) -> Table:
    table = Table(
        title=literal(definition.title, HEADING_STYLE),
        show_header=False,
        box=box.ROUNDED,
        expand=True,
    )
    table.add_column("Field", style=HEADING_STYLE, no_wrap=True)
    table.add_column("Value")
    table.add_row("Local area", literal(response.local_area))
    table.add_row("Respondent", _respondent(response, definition))
    table.add_row("Completed", f"{response.completed.day} {response.completed:%B %Y}")
    return table


def _respondent(response: Response, definition: Definition) -> Text:
    roles = {role.id: role.label for role in definition.respondent.roles}
    name = response.respondent.name
    role = roles.get(response.respondent.role or "")
    if name and role:
        return literal(f"{name} ({role})")
    return literal(name or role or "not given")


def _part_heading(number: int, title: str) -> Iterator[RenderableType]:
    yield Text()
    yield Text.assemble((f"Part {number} of 3 · ", HEADING_STYLE), literal(title, HEADING_STYLE))


def _labelled(label: str, value: str) -> Group:
    return Group(Text(label, style=HEADING_STYLE), literal(value))


def _stages(response: Response, definition: Definition) -> Table:
    table = Table(box=box.ROUNDED, expand=True, show_lines=True)
    cells = []
    for stage in definition.journey.stages:
        chosen = stage.id == response.journey.stage
        mark, style = (CHOSEN, CHOSEN_STYLE) if chosen else (NOT_CHOSEN, "")
        header = Text(f"{mark} {stage.label}", style=style or HEADING_STYLE)
        table.add_column(header, ratio=1, overflow="fold")
        cells.append(literal(stage.description, "" if chosen else "dim"))
    table.add_row(*cells)
    return table


def _top_three(response: Response, definition: Definition) -> Table:
    table = Table(box=box.ROUNDED, expand=True, show_lines=True)
    table.add_column("", style=HEADING_STYLE, ratio=2, min_width=17, overflow="fold")
    for number in (1, 2, 3):
        table.add_column(f"#{number}", ratio=3, overflow="fold")

    for section in definition.top_three.tables:
        entries = response.top_three.get(section.id, [])
        cells = [literal(entry) for entry in entries] + [Text("—", style="dim")] * 3
        table.add_row(literal(section.label[:1].upper() + section.label[1:]), *cells[:3])
    return table


class _FrameworkGrid:
    """The framework grid: full statements when the width allows, short labels when it does not."""

    def __init__(self, response: Response, definition: Definition) -> None:
        self.response = response
        self.framework = definition.framework

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table(wide=options.max_width >= WIDE)

    def table(self, *, wide: bool) -> Table:
        table = Table(box=box.ROUNDED, expand=True)
        heading = self.framework.characteristic_heading if wide else "Characteristic"
        table.add_column(literal(heading), ratio=1, overflow="fold")
        for answer in self.framework.answers:
            table.add_column(literal(answer.label), justify="center", width=8)

        for number, theme in enumerate(self.framework.themes, start=1):
            table.add_row(literal(f"Theme {number}: {theme.heading}", HEADING_STYLE))
            for characteristic in theme.characteristics:
                chosen = self.response.framework.get(characteristic.id)
                marks = [_mark(answer.id == chosen) for answer in self.framework.answers]
                table.add_row(_characteristic(characteristic, wide=wide), *marks)
            table.add_section()
        return table


def _mark(chosen: bool) -> Text:
    return Text(CHOSEN, style=CHOSEN_STYLE) if chosen else Text("·", style="dim")


def _characteristic(characteristic: Characteristic, *, wide: bool) -> Text:
    """The statement with its short label emphasised, as the form underlines it, or the label."""
    if not wide:
        label = characteristic.label
        return literal(label[:1].upper() + label[1:])
    return emphasised(characteristic.statement, characteristic.label)
