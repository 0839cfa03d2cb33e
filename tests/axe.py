"""axe-core in the browser tests: the engine from npm (`make axe-core` puts it in build/axe-core/), served to the
page from the page's own origin so the strict Content-Security-Policy lets it run. No CDN."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parent.parent / "build" / "axe-core" / "axe.min.js"
SERVED_AT = "/__axe-core.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Page, impacts=("serious", "critical")) -> list[str]:
    """The WCAG 2.1 A/AA violations of the given impacts on the page, one line per rule and element."""
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is missing at {AXE_JS}: run `make axe-core` (npm pack axe-core)")
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
    page.route(origin + SERVED_AT, lambda route: route.fulfill(path=AXE_JS, content_type="text/javascript"))
    page.add_script_tag(url=origin + SERVED_AT)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
    return [f"{v['id']} ({v['impact']}): {node['target']} {node.get('failureSummary', '')[:160]}"
            for v in result["violations"] if v["impact"] in impacts for node in v["nodes"]]
