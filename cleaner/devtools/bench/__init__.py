"""Benchmarks: word-level F1 on WCXB-format folders, next to other extractors in the same run."""
