"""The web library: server-rendered pages, the JSON API and the static export, all read-only."""
