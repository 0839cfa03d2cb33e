"""Reference data shipped with the package (taxonomies and the Kazakhstan demo set); see SOURCES.md."""

from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parent
