"""Rules of the `provenance` family."""
