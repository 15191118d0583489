"""Typed Notion errors, so callers can tell "retry later" from "fix your content" from "re-read first".

Kept apart from the client so code that only needs the types (properties, sync, CLI) does not import
requests. Every error names the HTTP call and Notion's request id (what Notion support asks for) and
can be given context — the post file, the block — by the caller that knows it. None of them ever
holds the token: messages are built here from Notion's answer, never from the request.
"""

from __future__ import annotations

from recweekly.errors import ConfigError, Problem, RecweeklyError, RemoteError


class NotionError(RemoteError):
    """Notion refused or failed a request. `status`/`code`/`notion_message` are Notion's answer."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: str | None = None,
        request_id: str | None = None,
        method: str | None = None,
        path: str | None = None,
        context: dict[str, str] | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        super().__init__(message, problems)
        self.notion_message = message
        self.status = status
        self.code = code
        self.request_id = request_id
        self.method = method
        self.path = path
        self.context: dict[str, str] = dict(context or {})
        self._refresh()

    def add_context(self, **context: object) -> NotionError:
        """Name what the failed call was about (e.g. post="posts/w10.md", block="…"); returns self."""
        for key, value in context.items():
            if value is not None:
                self.context.setdefault(key, str(value))
        self._refresh()
        return self

    def _refresh(self) -> None:
        head = "Notion"
        if self.status is not None:
            head += f" {self.status}"
        if self.code:
            head += f" {self.code}"
        details = []
        if self.method and self.path:
            details.append(f"{self.method} {self.path}")
        details += [f"{key} {value}" for key, value in self.context.items()]
        if self.request_id:
            details.append(f"request id {self.request_id}")
        self.message = f"{head}: {self.notion_message}" + (f" ({'; '.join(details)})" if details else "")
        self.args = (self.message,)


class NotionAuthError(NotionError):
    """401/403: the token is wrong, or the database is not shared with the integration."""


class NotionNotFound(NotionError):
    """404: the id does not exist or is not shared with the integration."""


class NotionValidationError(NotionError):
    """400: Notion rejected the request body; a bug or content Notion cannot hold. Not retried."""


class NotionConflict(NotionError):
    """409: a concurrent edit collided; re-read and try again."""


class NotionRateLimited(NotionError):
    """429/529 kept coming after every retry allowed."""


class NotionServerError(NotionError):
    """5xx on a read, after every retry allowed."""


class NotionConnectionError(NotionError):
    """Timeouts or dropped connections on a read, after every retry allowed."""


class WriteOutcomeUnknown(NotionError):
    """A write failed in a way that may still have applied it (5xx, timeout, dropped connection).

    Never repeat the write blindly: re-read the page or block and decide from what is there.
    """


class NotionSchemaError(RecweeklyError):
    """The database's columns do not match what the posts need; every problem is listed."""


class PropertyValueError(RecweeklyError):
    """A front-matter value cannot be written to its Notion property (e.g. an unknown status option)."""


class MissingTokenError(ConfigError):
    """NOTION_TOKEN is not set; publishing needs it and nothing else may hold it."""


class InvalidTokenError(ConfigError):
    """NOTION_TOKEN holds what no HTTP header can carry (a line break, a non-Latin-1 character)."""


ERRORS_BY_STATUS: dict[int, type[NotionError]] = {
    400: NotionValidationError,
    401: NotionAuthError,
    403: NotionAuthError,
    404: NotionNotFound,
    409: NotionConflict,
    429: NotionRateLimited,
    529: NotionRateLimited,
}
