"""Exit 0 when the PostgreSQL server of the given URL answers, 1 otherwise (used by `make test-postgres`)."""

import sys

import dj_database_url
import psycopg

cfg = dj_database_url.parse(sys.argv[1])
try:
    psycopg.connect(
        host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"], dbname="postgres", connect_timeout=3
    ).close()
except psycopg.Error as e:
    print(f"PostgreSQL unavailable: {e}", file=sys.stderr)
    sys.exit(1)
