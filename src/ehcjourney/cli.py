"""The command line: each command wires its options to the module that does the work.

Only this module prints errors and chooses exit statuses. Heavy modules are imported inside
the commands that need them, so `--help` and `--version` start quickly.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from ehcjourney import __version__
from ehcjourney.errors import CannotRunError, EhcJourneyError, ExitStatus, InternalError

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
        help="Use this questionnaire definition (YAML).",
        metavar="FILE",
        dir_okay=False,
    ),
]


def _print_error(error: EhcJourneyError) -> None:
    from ehcjourney.console import literal, make_console

    # Soft wrap keeps each message whole on its line, for logs and for grep.
    console = make_console(stderr=True, soft_wrap=True)
    stopped = error.exit_status == ExitStatus.INTERRUPTED
    console.print(literal(error.message if stopped else f"Error: {error.message}", "bold red"))
    if error.hint:
        console.print(literal(error.hint))


def _internal_error(error: Exception) -> InternalError:
    """Describe a fault in the tool itself in one line; a traceback helps nobody filling a form."""
    return InternalError(
        f"something unexpected went wrong ({type(error).__name__}: {error}). "
        "This is a fault in ehcjourney, not in what you did.",
        hint="Please report it with the command you ran; set EHCJOURNEY_DEBUG=1 to see the "
        "details.",
    )


def _stop_writing_quietly() -> None:
    """Point stdout at nowhere, so the reader's early exit (`| head`) ends the run in silence."""
    with contextlib.suppress(OSError, ValueError):
        nowhere = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nowhere, sys.stdout.fileno())


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
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except BrokenPipeError:
            _stop_writing_quietly()
            raise typer.Exit(int(ExitStatus.OUTPUT_CLOSED)) from None
        except OSError as error:
            # Files the tool reads and writes report their own errors; what is left is output
            # that could not be written, such as a full disk behind a redirection.
            _print_error(CannotRunError(f"could not write the output ({error.strerror})."))
            raise typer.Exit(int(ExitStatus.CANNOT_RUN)) from None
        except Exception as error:
            if os.environ.get("EHCJOURNEY_DEBUG"):
                raise
            _print_error(_internal_error(error))
            raise typer.Exit(int(ExitStatus.INTERNAL)) from None

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
    from ehcjourney.fill import FillOptions, run_fill, wants_plain

    if resume is not None and start_from is not None:
        raise CannotRunError("Use --resume or --from, not both.")
    definition = load_definition(questions)
    options = FillOptions(output, questions, resume, start_from, wants_plain(plain))
    saved = run_fill(definition, options)
    if saved is None:
        _tell("Quit without saving.")
        return
    from ehcjourney.shell import command_line

    _tell(f"Saved to {saved}.")
    _tell("To see it laid out like the form: " + command_line("ehcjourney", "show", saved))


@app.command()
@_reports_errors
def show(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A response file (YAML or JSON).")],
    questions: QuestionsOption = None,
) -> None:
    """Print a response laid out like the form."""
    from ehcjourney.batch import check_file
    from ehcjourney.console import accessible_requested, make_console
    from ehcjourney.definition import load_definition
    from ehcjourney.errors import ResponseFileError
    from ehcjourney.render import render_response
    from ehcjourney.shell import command_line

    _require_file(file)
    definition = load_definition(questions)
    report = check_file(file, definition)
    if report.response is None:
        listing = "\n".join(f"  {problem.describe()}" for problem in report.problems)
        hint = "Check it with: " + command_line("ehcjourney", "validate", file)
        if report.is_draft and not report.problems:
            left = f"{report.unanswered} questions unanswered" if report.unanswered else "unsaved"
            listing = f"  it is an unfinished draft ({left})"
            hint = "Finish it with: " + command_line("ehcjourney", "fill", "--resume", file)
        raise ResponseFileError(f"{file} cannot be shown:\n{listing}", hint=hint)
    layout = render_response(report.response, definition, plain=accessible_requested())
    make_console().print(layout)


class OutputFormat(str, Enum):
    """How `validate` writes its results."""

    TEXT = "text"
    JSON = "json"


FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format", help="text for people, or json: one JSON object per file on its own line."
    ),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print only the files that are not valid.")
]
StrictOption = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Also report what is allowed but incomplete: a top three table with fewer than "
        "three entries, a missing respondent role.",
    ),
]


@app.command()
@_reports_errors
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH", help="Response files, or folders to search for them."),
    ],
    questions: QuestionsOption = None,
    output_format: FormatOption = OutputFormat.TEXT,
    quiet: QuietOption = False,
    strict: StrictOption = False,
) -> None:
    """Check response files, for people or for scripts.

    Exit status 0 if all are valid, 1 if any is not, 2 if the check cannot run.
    """
    from ehcjourney.batch import BatchOptions, validate_files
    from ehcjourney.definition import load_definition

    definition = load_definition(questions)
    options = BatchOptions(as_json=output_format is OutputFormat.JSON, quiet=quiet, strict=strict)
    tally = validate_files(paths, definition, options)
    if not tally.all_valid:
        raise typer.Exit(int(ExitStatus.PROBLEM))


OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        dir_okay=False,
        help="Write to this file instead of standard output.",
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Replace the output file if it is already there.")
]


@app.command()
@_reports_errors
def template(
    output: OutputOption = None, questions: QuestionsOption = None, force: ForceOption = False
) -> None:
    """Write a blank response to fill in with a text editor.

    Each question is a comment above its answer, with the ids it allows.
    """
    from ehcjourney.definition import load_definition
    from ehcjourney.output import write_output
    from ehcjourney.template import blank_response

    definition = load_definition(questions)
    write_output(blank_response(definition), output, overwrite=force, yaml_only=True)
    if output is not None:
        _tell(f"Wrote a blank response to {output}.")
        from ehcjourney.shell import command_line

        check = command_line("ehcjourney", "validate", output)
        _tell(f"Fill it in, then check it with: {check}")


@app.command()
@_reports_errors
def schema(
    output: OutputOption = None, questions: QuestionsOption = None, force: ForceOption = False
) -> None:
    """Print the JSON Schema of a response, for editors and checkers.

    Its titles and descriptions come from the questionnaire, so editors can offer them.
    """
    from ehcjourney.definition import load_definition
    from ehcjourney.output import write_output
    from ehcjourney.schema import schema_text

    definition = load_definition(questions)
    write_output(schema_text(definition), output, overwrite=force, yaml_only=False)
    if output is not None:
        _tell(f"Wrote the JSON Schema to {output}.")


def _require_file(path: Path) -> None:
    """Stop with status 2 unless `path` names something that can be read as one file."""
    try:
        if path.is_dir():
            raise CannotRunError(f"{path}: is a folder; give one response file.")
        if not path.exists():
            raise CannotRunError(f"{path}: no such file.")
    except OSError as error:
        raise CannotRunError(f"{path}: cannot be read ({error.strerror}).") from None


def _tell(message: str) -> None:
    """Say on stderr what was done, with any path in it shown as typed, never acted on."""
    from ehcjourney.console import literal, make_console

    make_console(stderr=True, soft_wrap=True).print(literal(message))


questions_app = typer.Typer(
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(questions_app, name="questions")


@questions_app.callback()
@_reports_errors
def questions_overview(ctx: typer.Context, questions: QuestionsOption = None) -> None:
    """List the questions and the ids a response uses.

    `ehcjourney questions check FILE` checks a custom definition.
    """
    if ctx.invoked_subcommand is not None:
        return
    from ehcjourney.console import literal, make_console
    from ehcjourney.definition import load_definition
    from ehcjourney.overview import overview_lines

    console = make_console(soft_wrap=True)
    for line in overview_lines(load_definition(questions)):
        console.print(literal(line))


@questions_app.command("check")
@_reports_errors
def questions_check(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A questionnaire definition (YAML).")
    ],
) -> None:
    """Check a custom questionnaire definition.

    Each problem is named with its line. Exit status 0 if it can be used, 1 if not, 2 if
    the file is not there.
    """
    from ehcjourney.console import literal, make_console
    from ehcjourney.overview import check_definition

    verdict = check_definition(file)
    make_console(soft_wrap=True).print(literal(verdict.report))
    if not verdict.usable:
        raise typer.Exit(int(ExitStatus.PROBLEM))


def main() -> None:
    """Run the command line."""
    # Typer would otherwise colour its own help and errors even where NO_COLOR asks not to.
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        os.environ.setdefault("_TYPER_FORCE_DISABLE_TERMINAL", "1")
    sys.exit(app())
