"""The pure domain core: plain data and functions, no Django, no I/O.

Scoring, forecasts, the OKR file, alignment and the coach live here once; the
web UI, the API and the CLI all call into this package.
"""
