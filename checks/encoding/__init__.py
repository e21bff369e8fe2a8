"""Rules of the `encoding` family."""
