"""One module per page type; every HTML page has a JSON twin under /api/."""
