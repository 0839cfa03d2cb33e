"""Management commands of the tagging app."""
