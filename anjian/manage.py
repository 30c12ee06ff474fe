"""The `anjian` command: Django's manage.py under the project's name, with one error policy (cli_errors)."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")
    from anjian.cli_errors import run

    sys.exit(run(sys.argv))


if __name__ == "__main__":
    main()
