"""`python -m bearing` is the `bearing` command."""

from bearing.cli import main

main()
