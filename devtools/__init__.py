"""Test-material generators, benchmarks and comparison scripts: development tools, not shipped."""
