"""Benchmark implementations: each module builds one `Impl` over its own copy of the data."""
