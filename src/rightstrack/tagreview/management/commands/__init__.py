"""The `tag` command."""
