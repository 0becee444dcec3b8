"""Benchmark scripts: `python -m benchmarks.<name> [--json]` from the repository root.

Not part of the test run. Every figure is printed next to a baseline measured
in the same run, and as a ratio to it, so the numbers travel between machines.
"""
