"""A headless Chromium screenshot of the dashboard, logged in through Superset's /login/ form."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

from pipeline.superset.server import Settings, SupersetError

VIEWPORT = {"width": 1600, "height": 1250}
CHART = "[data-test=chart-grid-component]"
ERROR = ".alert, [role=alert], .ant-alert-error"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def _chromium() -> str | None:
    return next((path for path in CHROMIUM_CANDIDATES if Path(path).exists()), None)


def screenshot(
    settings: Settings, slug: str, outputs: list[Path], chromium: str | None = None
) -> dict:
    """Log in, open the dashboard, wait until every chart has drawn, write the PNG to each of
    `outputs`. Returns what the page showed: chart count, error texts, the filter bar's text."""
    executable = chromium or _chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(f"{settings.url}/login/", wait_until="networkidle")
            page.fill("input[name=username], #username", settings.username)
            page.fill("input[name=password], #password", settings.password)
            page.keyboard.press("Enter")
            page.wait_for_url(lambda url: "/login" not in url, timeout=60000)
            page.goto(f"{settings.url}/superset/dashboard/{slug}/?standalone=1", timeout=120000)
            page.wait_for_selector(CHART, timeout=120000)
            # Every chart has drawn (a canvas, svg or table) or shows an error.
            page.wait_for_function(
                f"""() => [...document.querySelectorAll('{CHART}')]
                    .every(chart => chart.querySelector('canvas, svg, table, {ERROR}')
                        && !chart.querySelector('.loading'))""",
                timeout=120000,
            )
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1500)
            shown = page.evaluate(
                f"""() => ({{
                    charts: document.querySelectorAll('{CHART}').length,
                    errors: [...document.querySelectorAll('{CHART} :is({ERROR})')]
                        .map(node => node.innerText.trim()).filter(Boolean),
                    text: document.body.innerText,
                }})"""
            )
            for output in outputs:
                output.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(output), full_page=True)
        except Exception as error:  # noqa: BLE001 - any browser failure is Superset's to report
            raise SupersetError(f"the dashboard screenshot failed: {error}") from error
        finally:
            browser.close()
    return shown
