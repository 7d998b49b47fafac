"""`blocwatch report`: one self-contained HTML brief (inline SVG, inline CSS, no scripts,
no external files) with four figures, each followed by the sources it was drawn from.

svg.py draws, brief.py gathers the analysis results and writes the page.
"""
from .brief import render_report, write_report

__all__ = ["render_report", "write_report"]
