"""The command line: each command wires its options to the module that does the work.

Only this module prints errors and chooses exit statuses. Heavy modules are imported inside
the commands that need them, so `--help` and `--version` start quickly.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from ehcjourney import __version__
from ehcjourney.errors import EhcJourneyError, ExitStatus

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="ehcjourney",
    help="Fill in, show and check the EHC partnership working self-evaluation.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

QuestionsOption = Annotated[
    Path | None,
    typer.Option(
        "--questions",
        "-q",
        help="Use this questionnaire definition (YAML).",
        metavar="FILE",
        dir_okay=False,
    ),
]


def _print_error(error: EhcJourneyError) -> None:
    from ehcjourney.console import literal, make_console

    console = make_console(stderr=True)
    console.print(
        literal(
            f"Error: {error.message}"
            if error.exit_status != ExitStatus.INTERRUPTED
            else error.message,
            "bold red",
        )
    )
    if error.hint:
        console.print(literal(error.hint))


def _reports_errors(command: F) -> F:
    """Turn the tool's errors into a message on stderr and their exit status."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except EhcJourneyError as error:
            _print_error(error)
            raise typer.Exit(int(error.exit_status)) from None
        except KeyboardInterrupt:
            raise typer.Exit(int(ExitStatus.INTERRUPTED)) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ehcjourney {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Fill in, show and check the EHC partnership working self-evaluation."""


@app.command()
@_reports_errors
def fill(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            dir_okay=False,
            help="Save to this file (.yaml, .yml or .json). "
            "Default: named from the local area and the date.",
        ),
    ] = None,
    questions: QuestionsOption = None,
    resume: Annotated[
        Path | None,
        typer.Option(
            "--resume",
            metavar="DRAFT",
            dir_okay=False,
            help="Carry on from a draft, at the first unanswered question.",
        ),
    ] = None,
    start_from: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="FILE",
            dir_okay=False,
            help="Start from an earlier response, each answer offered as the default.",
        ),
    ] = None,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help="Ask in plain numbered lines, for screen readers "
            "(also set by the ACCESSIBLE environment variable).",
        ),
    ] = False,
) -> None:
    """Answer the whole form in the terminal, review it, and save it."""
    from ehcjourney.definition import load_definition
    from ehcjourney.errors import CannotRunError
    from ehcjourney.fill import FillOptions, run_fill, wants_plain

    if resume is not None and start_from is not None:
        raise CannotRunError("Use --resume or --from, not both.")
    definition = load_definition(questions)
    options = FillOptions(output, questions, resume, start_from, wants_plain(plain))
    saved = run_fill(definition, options)
    if saved is None:
        typer.echo("Quit without saving.", err=True)
        return
    typer.echo(f"Saved to {saved}.", err=True)
    typer.echo(f"To see it laid out like the form: ehcjourney show {saved}", err=True)


@app.command()
@_reports_errors
def show(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A response file (YAML or JSON).")],
    questions: QuestionsOption = None,
) -> None:
    """Print a response laid out like the form."""
    from ehcjourney.batch import check_file
    from ehcjourney.console import make_console
    from ehcjourney.definition import load_definition
    from ehcjourney.errors import CannotRunError, ResponseFileError
    from ehcjourney.render import render_response

    if not file.exists():
        raise CannotRunError(f"{file}: no such file.")
    definition = load_definition(questions)
    report = check_file(file, definition)
    if report.response is None:
        listing = "\n".join(f"  {problem.describe()}" for problem in report.problems)
        if report.is_draft and not report.problems:
            listing = f"  it is an unfinished draft ({report.unanswered} questions unanswered)"
        raise ResponseFileError(
            f"{file} cannot be shown:\n{listing}", hint=f"Check it with: ehcjourney validate {file}"
        )
    make_console().print(render_response(report.response, definition))


@app.command()
@_reports_errors
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH...", help="Response files, or folders to search for them."),
    ],
    questions: QuestionsOption = None,
) -> None:
    """Check response files; exit 0 if all are valid, 1 if any is not, 2 if it cannot run."""
    from ehcjourney.batch import Tally, check_file, find_files, print_report
    from ehcjourney.console import make_console
    from ehcjourney.definition import load_definition
    from ehcjourney.errors import CannotRunError

    definition = load_definition(questions)
    console = make_console(soft_wrap=True)  # one line per problem, for grep and scripts
    tally = Tally()
    for path in find_files(paths):
        report = check_file(path, definition)
        tally.add(report)
        print_report(console, report)
    if tally.total == 0:
        raise CannotRunError("No .yaml, .yml or .json files were found there.")
    console.print(tally.summary())
    if tally.valid != tally.total:
        raise typer.Exit(int(ExitStatus.PROBLEM))


def main() -> None:
    """Run the command line."""
    # Typer would otherwise colour its own help and errors even where NO_COLOR asks not to.
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        os.environ.setdefault("_TYPER_FORCE_DISABLE_TERMINAL", "1")
    sys.exit(app())
