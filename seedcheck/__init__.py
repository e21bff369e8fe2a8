"""seedcheck: data-quality and provenance validator for corpora of seed news documents."""

__version__ = "0.1.0"
