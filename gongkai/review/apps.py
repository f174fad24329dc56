from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "gongkai.review"
