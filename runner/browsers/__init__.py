"""Real browsers driven from Python, shared by the browser tests and the benchmark: Chromium through
Playwright (chromium.py), and Chromium, Firefox and WebKit behind one small interface (drivers.py), every call
bounded in time (bounds.py)."""
