"""ASGI entry point for production servers (uvicorn rightstrack.asgi:application)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
application = get_asgi_application()

from rightstrack.core.collector import freeze_loaded_app  # noqa: E402 -- needs the app loaded
from rightstrack.search.bridge import dictionary  # noqa: E402

dictionary()  # the Russian/Kazakh -> English word list (1-2 s): built now, not on a worker's first Cyrillic query
freeze_loaded_app()
