"""The dataset contract: pandera schemas and Great Expectations suites over extracted tables."""
