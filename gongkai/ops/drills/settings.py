"""Settings for the fault drills: the production settings plus the drills app and URL."""
from config.settings import *  # noqa: F401,F403
from config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "gongkai.ops.drills"]
ROOT_URLCONF = "gongkai.ops.drills.urls"
# A worker killed outright (not just its pool process) leaves its message unacknowledged in Redis;
# it is handed out again after this many seconds (production: longer than the longest task). The
# sweep for such messages runs every 2 s here (kombu's default is about every 100 s).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 20, "unacked_restore_interval": 2,
                                   "unacked_restore_throttle": 1}
