"""Laying out a response for people, in the shape of the paper form."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from ehcjourney.console import emphasised, literal
from ehcjourney.definition import Characteristic, Definition, FrameworkSection
from ehcjourney.questions import PART_COUNT, Part
from ehcjourney.response import Response
from ehcjourney.validation import TOP_THREE_MAX

CHOSEN = "[x]"
NOT_CHOSEN = "[ ]"
UNMARKED = "·"
PLAIN_CHOSEN = "chosen"
CHOSEN_STYLE = "bold green"
HEADING_STYLE = "bold"
COMPACT = 80  # below this width the tables give way to lists
WIDE = 120  # from this width the framework grid has room for each full statement
ROW_LABEL_WIDTH = 20  # the top-three row labels wrap within this, word by word
_UNBREAKABLE = re.compile(r"[^\s-]*-+|[^\s-]+")


def render_response(response: Response, definition: Definition, *, plain: bool = False) -> Group:
    """Return the whole response: header, then the three parts in the order of the form.

    The plain layout uses no tables or box drawing, for screen readers and dumb terminals.
    """
    if plain:
        return _plain_layout(response, definition)
    framework = definition.framework
    return Group(
        _header(response, definition),
        *_part_heading(1, definition.journey.title),
        _ByWidth(_stage_list(response, definition), _stage_table(response, definition)),
        *_rationale(response),
        *_part_heading(2, definition.top_three.title),
        _ByWidth(_top_three_list(response, definition), _top_three_table(response, definition)),
        *_part_heading(3, framework.title),
        _ByWidth(
            _framework_list(response, framework),
            _framework_table(response, framework, wide=False),
            wide=_framework_table(response, framework, wide=True),
        ),
    )


def _plain_layout(response: Response, definition: Definition) -> Group:
    return Group(
        _Wrapped(literal(definition.title, HEADING_STYLE)),
        *(
            _Wrapped(literal(f"{label}: {value}"))
            for label, value in _header_rows(response, definition)
        ),
        *_part_heading(1, definition.journey.title, plain=True),
        _stage_list(response, definition, plain=True),
        *_rationale(response),
        *_part_heading(2, definition.top_three.title, plain=True),
        _top_three_list(response, definition),
        *_part_heading(3, definition.framework.title, plain=True),
        _framework_list(response, definition.framework, plain=True),
    )


def _rationale(response: Response) -> Iterator[RenderableType]:
    yield Text()
    yield Text("Rationale", style=HEADING_STYLE)
    yield _Wrapped(literal(response.journey.rationale.strip("\n")))


class _ByWidth:
    """Layouts of the same content, the one shown chosen by the width there is to fill."""

    def __init__(
        self, compact: RenderableType, full: RenderableType, wide: RenderableType | None = None
    ) -> None:
        self.compact = compact
        self.full = full
        self.wide = full if wide is None else wide

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width < COMPACT:
            yield self.compact
        elif options.max_width < WIDE:
            yield self.full
        else:
            yield self.wide


def _header(response: Response, definition: Definition) -> Table:
    table = Table(
        title=literal(definition.title, HEADING_STYLE),
        show_header=False,
        box=box.ROUNDED,
        expand=True,
    )
    table.add_column("Field", style=HEADING_STYLE, no_wrap=True)
    table.add_column("Value", ratio=1, overflow="fold")
    for label, value in _header_rows(response, definition):
        table.add_row(label, literal(value))
    return table


def _header_rows(response: Response, definition: Definition) -> list[tuple[str, str]]:
    completed = response.completed
    return [
        ("Local area", response.local_area),
        ("Respondent", _respondent(response, definition)),
        ("Completed", f"{completed.day} {completed:%B %Y}"),
    ]


def _respondent(response: Response, definition: Definition) -> str:
    roles = {role.id: role.label for role in definition.respondent.roles}
    name = response.respondent.name
    role = roles.get(response.respondent.role or "")
    if name and role:
        return f"{name} ({role})"
    return name or role or "not given"


def _part_heading(number: int, title: str, *, plain: bool = False) -> Iterator[RenderableType]:
    # A screen reader would read the middle dot aloud; the plain layout says it in words.
    heading = (
        f"Part {number} of {PART_COUNT}: {title}" if plain else Part(number, title, "").heading
    )
    yield Text()
    yield _Wrapped(literal(heading, HEADING_STYLE))


def _stage_table(response: Response, definition: Definition) -> Table:
    table = Table(box=box.ROUNDED, expand=True, show_lines=True)
    cells = []
    for stage in definition.journey.stages:
        chosen = stage.id == response.journey.stage
        table.add_column(_stage_label(stage.label, chosen=chosen), ratio=1)
        cells.append(_Wrapped(literal(stage.description, "" if chosen else "dim")))
    table.add_row(*cells)
    return table


def _stage_list(response: Response, definition: Definition, *, plain: bool = False) -> Group:
    lines: list[RenderableType] = []
    for stage in definition.journey.stages:
        chosen = stage.id == response.journey.stage
        description = literal(stage.description, "" if chosen else "dim")
        label = _stage_label(stage.label, chosen=chosen, plain=plain)
        lines += [label, _Wrapped(description, indent=4)]
    return Group(*lines)


def _stage_label(label: str, *, chosen: bool, plain: bool = False) -> Text:
    """The stage's label, marked when chosen: with a box, or in words for the plain layout."""
    style = CHOSEN_STYLE if chosen else HEADING_STYLE
    if plain:
        return literal(f"{label} ({PLAIN_CHOSEN})" if chosen else label, style)
    return literal(f"{CHOSEN if chosen else NOT_CHOSEN} {label}", style)


def _top_three_table(response: Response, definition: Definition) -> Table:
    table = Table(box=box.ROUNDED, expand=True, show_lines=True)
    table.add_column("", style=HEADING_STYLE, max_width=ROW_LABEL_WIDTH)
    for number in range(1, TOP_THREE_MAX + 1):
        table.add_column(f"#{number}", ratio=1)

    for section in definition.top_three.tables:
        entries = response.top_three.get(section.id, [])
        cells = [_Wrapped(literal(entry)) for entry in entries]
        cells += [_Wrapped(Text("—", style="dim"))] * (TOP_THREE_MAX - len(cells))
        table.add_row(_Wrapped(literal(_capitalise(section.label))), *cells)
    return table


def _top_three_list(response: Response, definition: Definition) -> Group:
    lines: list[RenderableType] = []
    for section in definition.top_three.tables:
        lines.append(literal(_capitalise(section.label), HEADING_STYLE))
        entries = response.top_three.get(section.id, [])
        for number, entry in enumerate(entries, start=1):
            lines.append(_Wrapped(literal(f"#{number} {entry}"), indent=2, hanging=3))
    return Group(*lines)


def _framework_table(response: Response, framework: FrameworkSection, *, wide: bool) -> Table:
    """The grid of the form: a row per characteristic, a column per answer, themes as headings."""
    # Full statements run together without a rule between them; short labels do not.
    table = Table(box=box.ROUNDED, expand=True, show_lines=wide)
    heading = framework.characteristic_heading if wide else "Characteristic"
    table.add_column(literal(heading), ratio=1)
    for answer in framework.answers:
        table.add_column(_Wrapped(literal(answer.label)), justify="center", width=8)

    for number, theme in enumerate(framework.themes, start=1):
        heading_row = _Wrapped(literal(f"Theme {number}: {theme.heading}", HEADING_STYLE))
        table.add_row(heading_row, end_section=True)
        for characteristic in theme.characteristics:
            chosen = response.framework.get(characteristic.id)
            marks = [_mark(answer.id == chosen) for answer in framework.answers]
            table.add_row(_characteristic(characteristic, wide=wide), *marks)
        table.add_section()
    return table


def _framework_list(
    response: Response, framework: FrameworkSection, *, plain: bool = False
) -> Group:
    """The framework as lines: each theme, then each characteristic with the answer chosen."""
    answers = {answer.id: answer.label for answer in framework.answers}
    lines: list[RenderableType] = []
    for number, theme in enumerate(framework.themes, start=1):
        lines.append(_Wrapped(literal(f"Theme {number}: {theme.heading}", HEADING_STYLE)))
        for characteristic in theme.characteristics:
            chosen = answers.get(response.framework.get(characteristic.id, ""), "")
            line = Text.assemble(
                literal(_capitalise(characteristic.label) + ": "),
                literal(chosen if plain else f"{CHOSEN} {chosen}", CHOSEN_STYLE),
            )
            lines.append(_Wrapped(line, indent=2, hanging=2))
    return Group(*lines)


def _mark(chosen: bool) -> Text:
    return Text(CHOSEN, style=CHOSEN_STYLE) if chosen else Text(UNMARKED, style="dim")


def _characteristic(characteristic: Characteristic, *, wide: bool) -> _Wrapped:
    """The statement with its short label emphasised, as the form underlines it, or the label."""
    if not wide:
        return _Wrapped(literal(_capitalise(characteristic.label)))
    return _Wrapped(emphasised(characteristic.statement, characteristic.label))


def _capitalise(label: str) -> str:
    return label[:1].upper() + label[1:]


class _Wrapped:
    """Text wrapped at spaces and after hyphens, as a person would break "business-as-usual".

    Rich breaks lines only at spaces and cuts a longer word anywhere; narrow table cells need
    the hyphen breaks that textwrap already knows. Styles are kept: each line is a slice. The
    text can be indented, and its later lines indented further (`hanging`), without padding
    any line out with spaces.
    """

    def __init__(self, text: Text, indent: int = 0, hanging: int = 0) -> None:
        self.text = text
        self.first_indent = " " * indent
        self.later_indent = " " * (indent + hanging)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        # The narrowest the text can go is its longest piece that cannot be broken: a word, or
        # the part of a word up to a hyphen.
        pieces = _UNBREAKABLE.findall(self.text.plain)
        narrowest = max((cell_len(piece) for piece in pieces), default=0)
        narrowest += len(self.later_indent)
        widest = max((cell_len(line) for line in self.text.plain.split("\n")), default=0)
        widest += len(self.first_indent)
        return Measurement(narrowest, max(narrowest, widest)).clamp(max_width=options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text("\n").join(self.lines(options.max_width))

    def lines(self, width: int, *, break_long_words: bool = True) -> list[Text]:
        """Return the text's lines wrapped to `width`, each a styled slice of the text."""
        indents: list[str] = []
        cuts: list[int] = []
        offset = 0
        for paragraph in self.text.plain.split("\n"):
            start = 0
            lines = self.wrap(paragraph, max(width, 1), break_long_words=break_long_words)
            for number, line in enumerate(lines):
                indent = self.later_indent if number else self.first_indent
                words = line.removeprefix(indent)
                found = paragraph.index(words, start)
                indents.append(indent)
                cuts += [offset + found, offset + found + len(words)]
                start = found + len(words)
            offset += len(paragraph) + 1

        # One divide for all lines: slicing a rich Text one line at a time copies it each time.
        pieces = self.text.divide(cuts)
        return [Text(indent) + pieces[2 * n + 1] for n, indent in enumerate(indents)]

    def wrap(self, paragraph: str, width: int, *, break_long_words: bool) -> list[str]:
        """Wrap at spaces, or after hyphens too when a word is wider than the line."""
        # Shortcoming: textwrap counts characters, not cells, so a line of wide characters
        # can come out longer than `width`; rich then wraps it again, so nothing overflows.
        lines = self.wrapper(width, hyphens=False, long_words=False).wrap(paragraph)
        if any(len(line) > width for line in lines):
            lines = self.wrapper(width, hyphens=True, long_words=break_long_words).wrap(paragraph)
        return lines or [self.first_indent]

    def wrapper(self, width: int, *, hyphens: bool, long_words: bool) -> textwrap.TextWrapper:
        return textwrap.TextWrapper(
            width=max(width, len(self.later_indent) + 1),
            initial_indent=self.first_indent,
            subsequent_indent=self.later_indent,
            expand_tabs=False,
            replace_whitespace=False,
            break_on_hyphens=hyphens,
            break_long_words=long_words,
        )
