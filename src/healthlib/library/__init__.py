"""The library: composed guides in SQLite (articles, names, FTS5), built and swapped atomically."""
