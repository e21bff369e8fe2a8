"""Rules of the `translation` family."""
