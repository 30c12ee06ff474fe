"""Workbench: the enterprise register and its import page."""
