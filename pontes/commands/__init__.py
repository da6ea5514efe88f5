"""CLI commands, one module per topic; registered in :mod:`pontes.cli`."""
