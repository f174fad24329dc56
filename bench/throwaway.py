"""A throwaway test database for the in-process page benchmarks (bench/console_api.py,
bench/assessment.py, bench/oversight.py): Django's test environment, a fast password hasher, a test
database created from DATABASE_URL's and destroyed afterwards, whatever happens."""
from contextlib import contextmanager


@contextmanager
def throwaway_test_db():
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
