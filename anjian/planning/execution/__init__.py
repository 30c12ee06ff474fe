"""Execution core: deadlines, the checks before an entry, progress reports and version diffs (no Django)."""
