"""Imported only by a rule's warm-up in tests/test_runner.py (proves it ran, and where)."""
