"""`gongkai demo_load`: load the demo data once (run by `make run` every time)."""
import traceback

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.demo.services import (demo_app_modules, demo_core_load, demo_is_loaded,
                                   demo_passwords_write)


class Command(BaseCommand):
    help = _("加载演示数据（示范市的机关、各角色用户、种子文件和生成的文件）；已加载时不重复加载。")

    def add_arguments(self, parser):
        parser.add_argument("--generated", type=int, default=300, help=_("生成的演示文件数量（默认 300）"))
        parser.add_argument("--seeds-dir", default=None, help=_("种子文件目录"))
        parser.add_argument("--force", action="store_true",
                            help=_("数据库中已有非演示的机关时仍然加载"))
        parser.add_argument("--no-apps", action="store_true", help=_("不调用各应用的 demo.load"))

    def handle(self, *args, generated, seeds_dir, force, no_apps, **options):
        write = self.stdout.write
        if demo_is_loaded():
            write(_("演示数据已加载，不再重复加载（账号密码见 var/demo-passwords.txt）。"))
        elif Agency.objects.filter(is_catch_all=False).exists() and not force:
            write(_("数据库中已有机关数据且并非演示数据，未加载演示数据（如确需加载，请加 --force）。"))
            return
        else:
            seeds = seeds_dir or settings.GONGKAI.get("DEMO_SEEDS_DIR")
            result = demo_core_load(write=write, generated=generated, seeds_dir=seeds)
            summary = result["summary"]
            write(_("演示数据已加载：机关 %(agencies)d 个，种子文件 %(seeds)d 篇，生成文件 %(gen)d 篇，用时 %(s)s 秒。")
                  % {"agencies": summary["agencies"], "seeds": summary["seeds"],
                     "gen": summary["generated"].get("total", 0), "s": summary["seconds"]})
            if result["users"]:
                path = demo_passwords_write(result["users"])
                write(_("演示账号（密码只显示这一次，已写入 %(path)s）：") % {"path": path})
                for username, display, role, password in result["users"]:
                    write(f"  {username:<10} {display}（{role}）  {_('密码')}：{password}")
        if no_apps:
            return
        for app_name, module in demo_app_modules():
            try:
                module.load(stdout=self.stdout)
            except Exception:  # one app's broken demo must not stop the others or the server
                self.stderr.write(_("应用 %(app)s 的演示数据加载失败：") % {"app": app_name})
                self.stderr.write(traceback.format_exc())
