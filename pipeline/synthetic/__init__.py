"""Synthetic inputs for tests and benchmarks: GDELT exports and scaled seeds.

Never published as facts."""
