"""Locale formats Django does not ship (it has no Kazakh formats module), found via FORMAT_MODULE_PATH."""
