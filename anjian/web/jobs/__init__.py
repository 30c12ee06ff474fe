"""Background jobs in the workbench: the list, one job's page with its progress bar (htmx polling) and cancel."""
