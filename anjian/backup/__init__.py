"""Backup and restore of the whole database: SQLite through its online backup API, PostgreSQL through pg_dump."""
