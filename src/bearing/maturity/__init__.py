"""Maturity (Crawl/Walk/Run/Fly) per team and cycle, confidence calibration, the quarterly
report (issue 14). The rules are in ``bearing.domain.maturity`` and
``bearing.domain.calibration``; this app gathers their figures and keeps self-assessments."""
