"""Renderers: pure functions from a run's result to bytes. They never decide what a finding is."""
