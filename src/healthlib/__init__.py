"""healthlib: sourced, plain-language medicine guides.

The pipeline, one way only (see DESIGN.md):
    readers -> model <- compose <- library <- surfaces (cli, web, ask)
"""

__version__ = "0.1.0"
