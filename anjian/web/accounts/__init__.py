"""Workbench: login, password, the 三员 account page and the audit log."""
