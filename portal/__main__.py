"""`python -m portal` is `rmc-portal`."""

from portal.cli import main

main()
