"""Workbench: the dashboard, plan setup and the pages of one plan, from its rules to its documents."""
