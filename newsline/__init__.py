"""newsline: turn a pile of news articles into an evidence-backed timeline."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsline")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0+local"

__all__ = ["__version__"]
