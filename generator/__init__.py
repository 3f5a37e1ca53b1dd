"""Static briefing-site generator for Arabic news analysis.

The pipeline: load -> validate -> derive -> render -> (MkDocs adapter).
"""

__version__ = "0.1.0"
