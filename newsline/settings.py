"""One settings object: defaults, overridden by a config file, then by command-line flags."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from newsline.errors import NewslineError


def is_url(db: object) -> bool:
    """True when ``db`` names a PostgreSQL server rather than an SQLite file."""
    return str(db).startswith(("postgresql://", "postgres://"))

CONFIG_FILE = "newsline.toml"


@dataclass(frozen=True, slots=True)
class Settings:
    db: Path | str = Path("newsline.db")  # an SQLite file, or a postgresql:// URL
    workers: int = 0  # 0: one per available core
    batch_size: int = 8  # articles per task sent to a worker
    knowledge: Path | None = None  # an extra knowledge base file, added to the bundled one
    progress: bool = True  # progress bars on stderr when it is a terminal
    scheduler: str | None = None  # a Dask scheduler (tcp://HOST:PORT or "local") for the map
    max_chars: int = 2_000_000  # longer article texts are not analysed (stored as failed)
    time_limit: float = 30.0  # seconds one article's analysis may take, plus 1 ms a character

    @classmethod
    def load(cls, config: Path | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``config`` (or ./newsline.toml if present), then non-None overrides."""
        values: dict[str, Any] = {}
        path = config if config is not None else Path(CONFIG_FILE)
        if config is not None or path.exists():
            values.update(_read_config(path))
        values.update({k: v for k, v in overrides.items() if v is not None})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise NewslineError(
                f"unknown setting {unknown[0]!r}", str(path),
                f"use one of: {', '.join(sorted(known))}",
            )
        for key in ("db", "knowledge"):
            value = values.get(key)
            if value is not None and not (key == "db" and is_url(value)):
                values[key] = Path(value)
        for key, kind in (("max_chars", int), ("time_limit", (int, float)),
                          ("workers", int), ("batch_size", int)):
            value = values.get(key)
            if value is not None and (isinstance(value, bool) or not isinstance(value, kind)
                                      or value < 0):
                raise NewslineError(f"setting {key!r} must be a non-negative number",
                                    str(path), f"write e.g. {key} = {getattr(cls(), key)}")
        return cls(**values)

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


def _read_config(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError as exc:
        raise NewslineError("config file not found", str(path), "check the path") from exc
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise NewslineError(f"cannot read config: {exc}", str(path), "fix the TOML") from exc
    section = data.get("newsline", data)
    if not isinstance(section, dict):
        raise NewslineError("config must be a table", str(path), "put settings under [newsline]")
    return dict(section)
