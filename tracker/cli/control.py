"""The ``control`` group (assessed control layers and gains) and ``compare``: their commands live in
their own package, :mod:`tracker.control.commands`, and join the ``tracker`` group here."""

from ..control.commands import compare_command, control_group
from .group import main

main.add_command(control_group)
main.add_command(compare_command)
