"""Imported only by a corpus rule's warm-up in tests/test_runner.py (proves it ran)."""
