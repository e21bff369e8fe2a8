"""The rules, one module each, grouped by family. `registry.RULES` lists them all."""
