"""Run the command line as `python -m ehcjourney`."""

from ehcjourney.cli import main

main()
