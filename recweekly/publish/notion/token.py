"""The Notion token: read from NOTION_TOKEN only, checked before any request, never shown.

It is held in a `Secret` whose repr is *** and put on each prepared request by `BearerAuth`, so no
local variable, repr, log line or traceback of ours ever holds it or the header that carries it.
"""

from __future__ import annotations

import requests
import requests.auth

TOKEN_ENV = "NOTION_TOKEN"


class Secret:
    """Holds the token so that printing the client, its __dict__ or a traceback's locals shows ***."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "***"

    __str__ = __repr__


class BearerAuth(requests.auth.AuthBase):
    """Adds the token to each prepared request, so no local variable of ours ever holds the header."""

    def __init__(self, secret: Secret) -> None:
        self._secret = secret

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = f"Bearer {self._secret.reveal()}"
        return request

    def __repr__(self) -> str:
        return "BearerAuth(***)"


def token_problem(token: str) -> str | None:
    """Why a token cannot be sent in an HTTP header, naming the position but never the token."""
    for index, char in enumerate(token, 1):
        if char in "\r\n":
            return (f"{TOKEN_ENV} holds a line break (character {index}): set it to the integration's secret on "
                    "one line (in GitHub Actions, paste the secret again without a trailing newline)")
        if ord(char) > 0xFF:
            return (f"{TOKEN_ENV} holds a character an HTTP header cannot carry (character {index}, U+{ord(char):04X},"
                    " not Latin-1): copy the integration's secret again; it is plain ASCII")
        if not char.isprintable() or char.isspace():
            return (f"{TOKEN_ENV} holds a space or control character (character {index}): copy the integration's "
                    "secret again; it has no spaces")
    return None


def missing_token_message() -> str:
    return (
        f"{TOKEN_ENV} is not set. Create an internal integration at https://www.notion.so/my-integrations, "
        f"share the blog's database with it, and export its secret as {TOKEN_ENV} (in GitHub Actions: a "
        "repository secret). The token is read from the environment only, never from config files."
    )
