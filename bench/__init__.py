"""Benchmarks behind ``make bench``: each figure printed beside the floor it is measured
against, in the same run, and written to ``bench/results.json``."""
