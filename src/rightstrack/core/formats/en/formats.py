# English dates as "7 Dec 2026" everywhere (Django's own are "Dec. 7, 2026" and the ambiguous "12/07/2026");
# everything else is Django's English.
from django.conf.locale.en.formats import *  # noqa: F401,F403

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j F"
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # '2026-12-07', what <input type="date"> sends
    "%d %b %Y",  # '7 Dec 2026', what the pages show
    "%d %B %Y",  # '7 December 2026'
    "%d/%m/%Y",  # '07/12/2026', day first as outside the US
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d %b %Y %H:%M",
    "%Y-%m-%d",
]
