"""Debian's chromium driven by Selenium through chromedriver, headless and offline: for the
page's browser tests and for bench/page_bench.py (which puts tests/ on its path)."""
from __future__ import annotations

import os
import shutil
import tempfile

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,900")
MISSING = ("Debian's chromium and chromium-driver are not installed (bash .ci/browser.sh "
           "installs them)")


def start(page_load_timeout: float = 30):
    """A new browser with a fresh profile: (driver, profile folder to remove after quit)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")      # Selenium Manager must not download
    profile = tempfile.mkdtemp(prefix="blocwatch-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(page_load_timeout)
    driver.set_script_timeout(60)
    return driver, profile


def stop(driver, profile: str) -> None:
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)
