from django.conf import settings


def site(request):
    """Expose the site's name and base URL to every template."""
    footer = getattr(settings, "SITE_FOOTER", {})
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, "SITE_FOOTER": footer,
            "SITE_FOOTER_KEY": "|".join(f"{k}={v}" for k, v in sorted(footer.items()))}
