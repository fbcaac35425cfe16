"""Server-rendered pages (Jinja2). Pages use the same guards and services as the API."""
