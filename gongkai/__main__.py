"""The `gongkai` command: Django's manage.py, installed with the package."""
import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    try:
        execute_from_command_line(argv or sys.argv)
    except DatabaseError as exc:
        # An unmigrated (or unreachable) database: one line saying what to do, not a traceback.
        from gongkai.core.dbstate import unmigrated_message

        message = unmigrated_message(exc)
        if message is None:
            raise
        sys.stderr.write(message + "\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
