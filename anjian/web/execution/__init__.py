"""Workbench: the 计划执行 pages (inspections to reports, adjustments, weekly dispatch, item lists, contact points)."""
