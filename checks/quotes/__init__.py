"""Rules of the `quotes` family."""
