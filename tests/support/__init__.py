"""Fixtures and helpers the tests share (registered as plugins in conftest.py, imported by the tests)."""
