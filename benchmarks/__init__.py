"""Benchmarks for seedcheck: latency, throughput and scale (`nox -s bench`)."""
