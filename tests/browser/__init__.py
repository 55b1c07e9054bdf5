"""Real-browser tests: Playwright (sync API) driving Debian's /usr/bin/chromium."""
