#!/usr/bin/env bash
# Debian's chromium and chromedriver for the page's browser test (tests/web/test_browser.py).
# Quick when both are there; never fails CI: when they cannot be installed it says why and
# the browser test skips, naming the reason.
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null 2>&1; then
    echo "ci: not root and no sudo: chromium not installed; the browser test will skip" >&2
    exit 0
fi
SUDO=""; [ "$(id -u)" != 0 ] && SUDO="sudo -n"
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -qq >/tmp/blocwatch-browser-apt.log 2>&1 \
   || ! $SUDO apt-get install -y -qq chromium chromium-driver >>/tmp/blocwatch-browser-apt.log 2>&1; then
    echo "ci: apt-get could not install chromium/chromium-driver (see" \
         "/tmp/blocwatch-browser-apt.log); the browser test will skip" >&2
    tail -n 5 /tmp/blocwatch-browser-apt.log >&2 || true
fi
exit 0
