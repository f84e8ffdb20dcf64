"""newsline.web: the web app behind ``newsline serve``."""

from newsline.web.app import create_app, serve

__all__ = ["create_app", "serve"]
