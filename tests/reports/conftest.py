import pytest


@pytest.fixture(autouse=True)
def _reports_dir(settings, tmp_path):
    settings.REPORTS_DIR = tmp_path / "reports"
