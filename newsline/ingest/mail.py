"""E-mail newsletters (``.eml``: one message; ``.mbox``: many), through the standard
library's ``email`` and ``mailbox`` packages: one article per message.

The text is the message's text/plain body, cut at the signature separator ("-- " on a
line of its own: the list footer, the sender's signature), else its text/html body through
``html.fragment_text`` (all its text: a newsletter's markup is its content, and tables lay
it out, which trafilatura would read as tables, run together); the Subject is the title,
the Date header the date (the day as the sender's clock gave it), and the From header's
display name (else its address) the outlet and the author. ``Archived-At`` (RFC 5064), where
a list gives one, is the URL; the Message-ID goes to ``SourceMeta``.

A message without a text part, or cut short (headers without the blank line that ends
them, MIME parts that do not close), is one problem naming it ("message 2"); the other
messages are read. Limits: an ``.eml`` or one message of an ``.mbox`` over
``MAX_MESSAGE_BYTES`` (attachments included), an ``.mbox`` over ``MAX_MBOX_BYTES``.
"""

from __future__ import annotations

import email
import email.errors
import email.policy
import mailbox
import re
from email.message import EmailMessage, Message
from email.utils import parseaddr
from pathlib import Path

from newsline.errors import InputError
from newsline.ingest.base import ReadResult, SourceMeta, over_limit
from newsline.ingest.html import fragment_text
from newsline.ingest.records import add_record, extras
from newsline.ingest.text import clean_meta, looks_binary, looks_garbled

MAX_MESSAGE_BYTES = 32 * 2**20
MAX_MBOX_BYTES = 2**30  # read a message at a time
_CUT = (email.errors.CloseBoundaryNotFoundDefect, email.errors.StartBoundaryNotFoundDefect)
_SIGNATURE = re.compile(r"^-- $", re.MULTILINE)
_FIX = "save the message again from the mail program"


def _cut_short(msg: Message) -> bool:
    """Whether a multipart part of the message misses its closing boundary."""
    return any(isinstance(d, _CUT) for part in msg.walk() for d in getattr(part, "defects", []))


def _part_text(part: Message) -> str:
    """A text part's content as a string: its charset, else UTF-8 with U+FFFD."""
    try:
        content = part.get_content() if isinstance(part, EmailMessage) else None
    except (LookupError, ValueError, KeyError, UnicodeError, AssertionError):
        content = None
    if isinstance(content, str):
        return content
    payload = part.get_payload(decode=True)
    return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""


def _body_text(msg: EmailMessage) -> str:
    """The text/plain body, else the text/html one as text; "" when there is neither."""
    for kind in ("plain", "html"):
        part = msg.get_body(preferencelist=(kind,))
        if part is None:
            continue
        text = _part_text(part)
        if kind == "html":
            text = fragment_text(text)
        else:
            text = _SIGNATURE.split(text.replace("\r\n", "\n"), maxsplit=1)[0]
        if text.strip():
            return text
    return ""


def _header(msg: Message, name: str) -> str | None:
    try:
        value = msg.get(name)
    except Exception:  # a header the email package's parser cannot read
        return None
    return clean_meta(str(value)) if value is not None else None


def message_record(msg: EmailMessage, result: ReadResult, source: str, which: str,
                   n: int | None) -> None:
    """Add the article of one message to ``result``, or one problem naming it."""
    if _cut_short(msg):
        result.problem(InputError("message is cut short (a MIME part does not close)", which,
                                  _FIX))
        return
    sender = _header(msg, "From")
    parsed = parseaddr(sender or "")
    name, address = clean_meta(parsed[0]), clean_meta(parsed[1])
    text = _body_text(msg)
    if looks_garbled(text):
        result.problem(InputError("message text is binary data, not text", which, _FIX))
        return
    add_record(
        result, text, source, which,
        title=_header(msg, "Subject"), outlet=name or address,
        url=(_header(msg, "Archived-At") or "").strip("<>") or None,
        date=_header(msg, "Date"),
        meta=SourceMeta(author=name or address, record=n, format="email",
                        extra=extras(message_id=_header(msg, "Message-ID"),
                                     list_id=_header(msg, "List-Id"))),
        empty="message has no text part (text/plain or text/html)", fix=_FIX,
    )


def parse_message(data: bytes, result: ReadResult, source: str, which: str,
                  n: int | None = None) -> None:
    """Parse one message's bytes and add its article (or its problem) to ``result``."""
    if not data.strip():
        result.problem(InputError("message is empty", which, _FIX))
        return
    if looks_binary(data[:4096]):  # the headers: text, whatever the attachments hold
        result.problem(InputError("binary data, not an e-mail message", which, _FIX))
        return
    if b"\n\n" not in data and b"\n\r\n" not in data:
        result.problem(InputError("message is cut short (its headers do not end)", which,
                                  _FIX))
        return
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
        if not isinstance(msg, EmailMessage):  # the default policy makes EmailMessage
            raise TypeError(type(msg).__name__)
        if not any(_header(msg, h) for h in ("From", "Subject", "Date", "Message-ID")):
            result.problem(InputError("not an e-mail message (no From, Subject or Date "
                                      "header)", which, _FIX))
            return
        message_record(msg, result, source, which, n)
    except Exception as err:  # the email package on a damaged message
        result.problem(InputError(f"message cannot be read: {type(err).__name__}: {err}"[:300],
                                  which, _FIX))


def read_eml(path: Path, source: str) -> ReadResult:
    """Read one .eml file: one message, one article (source = the file)."""
    size = path.stat().st_size
    if size > MAX_MESSAGE_BYTES:
        return ReadResult([], [over_limit("message", size, MAX_MESSAGE_BYTES, "byte",
                                          source)])
    result = ReadResult()
    parse_message(path.read_bytes(), result, source, source)
    return result


def read_mbox(path: Path, source: str) -> ReadResult:
    """Read one .mbox file: one article a message (source = "file#N")."""
    size = path.stat().st_size
    if size > MAX_MBOX_BYTES:
        return ReadResult([], [over_limit("mbox file", size, MAX_MBOX_BYTES, "byte", source)])
    with path.open("rb") as fh:
        head = fh.read(5)
    if not head.strip():
        return ReadResult([], [InputError("file is empty", source, "give an mbox file")])
    if head != b"From ":
        return ReadResult([], [InputError("not an mbox file (it does not start with a "
                                          "'From ' line)", source,
                                          "export the folder from the mail program as mbox")])
    result = ReadResult()
    box = mailbox.mbox(path, create=False)
    try:
        for n, key in enumerate(box.iterkeys(), 1):
            which = f"{source} message {n}"
            with box.get_file(key) as fh:
                data = fh.read(MAX_MESSAGE_BYTES + 1)
            if len(data) > MAX_MESSAGE_BYTES:
                result.problem(InputError(f"message over the {MAX_MESSAGE_BYTES:,}-byte "
                                          "limit", which, "leave its attachments out"))
                continue
            parse_message(data, result, f"{source}#{n}", which, n)
    finally:
        box.close()
    if not result.articles and not result.problems:
        result.problem(InputError("mbox holds no messages", source, "give an mbox file"))
    return result
