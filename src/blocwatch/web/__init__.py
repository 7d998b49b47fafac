"""The web front end: an HTTP API over the store and the page at ``/`` that draws it.

    from blocwatch.web import create_app
    app = create_app("sqlite:///news.sqlite", token=None)   # read-only without a token

app.py builds the FastAPI app (auth, body limit, static files), api.py holds the routes,
queries.py the few read queries the analysis has no function for, upload.py turns posted
articles into Documents. static/ is the page; its vendored JS is described in
static/vendor/README.md.
"""
from .app import create_app

__all__ = ["create_app"]
