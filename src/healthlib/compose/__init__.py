"""Monograph -> Article, and the Article's Markdown and HTML renderings."""
