"""What keeps the review server safe to run: access token or loopback host, CSRF, headers, trusted files.

* every POST carries a CSRF token (a secret kept in the signed session
  cookie; the form field ``csrf_token`` or the ``X-CSRF-Token`` header), and
  a POST sent from another origin is refused;
* with ``token``, every request must carry it: ``?token=`` once (it is then
  kept in an HttpOnly cookie and removed from the address), the cookie, or
  the ``X-Capneeds-Token`` header; without a token the app answers only to
  loopback host names (a defence against DNS rebinding);
* a strict Content-Security-Policy (no inline script or style, nothing from
  other origins) and ``nosniff``/``no-referrer``/``DENY`` headers;
* :class:`DocumentCheck`: a page image is rendered only from a file whose
  content still has the SHA-256 recorded at load time;
* :func:`safe_next`: a "go back to" address is always a local path.
"""
from __future__ import annotations

import hmac
import ipaddress
import secrets
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from flask import Flask, Response, redirect, request, session

from .loading import file_sha256

TOKEN_COOKIE = "capneeds_token"
TOKEN_HEADER = "X-Capneeds-Token"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def safe_next(target: str | None, default: str) -> str:
    """A local path to go back to (never another site: ``//host``, ``\\\\host`` and schemes are refused)."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    if any(ch in target for ch in "\r\n\t\\"):
        return default
    return target


def is_loopback(host: str) -> bool:
    """The host name of a request (``Host`` header without the port) is a loopback name."""
    name = host.strip().lower()
    if name.startswith("["):
        name = name[1:].split("]", 1)[0]
    elif name.count(":") == 1:
        name = name.split(":", 1)[0]
    if name in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class DocumentCheck:
    """Whether a file still is the document that was loaded (same SHA-256), cached by size and mtime.

    The cache keeps page images fast: a document is hashed again only when
    its size or modification time changed.
    """

    def __init__(self) -> None:
        self._seen: dict[str, tuple[int, int, str]] = {}
        self._lock = threading.Lock()

    def matches(self, path: Path, sha256: str) -> bool:
        """Whether ``path`` is a readable file whose content has this SHA-256."""
        try:
            if not path.is_file():
                return False
            stat = path.stat()
        except OSError:
            return False
        with self._lock:
            seen = self._seen.get(str(path))
        if seen and seen[:2] == (stat.st_size, stat.st_mtime_ns):
            return hmac.compare_digest(seen[2], sha256)
        digest = file_sha256(path)
        if digest is None:
            return False
        with self._lock:
            self._seen[str(path)] = (stat.st_size, stat.st_mtime_ns, digest)
        return hmac.compare_digest(digest, sha256)


def csrf_token() -> str:
    """This session's CSRF secret, created on first use; forms render it and every POST must send it back."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def install_guards(app: Flask, token: str | None, allowed_hosts: Sequence[str] | None,
                   error_page: Callable[[int, str], Response]) -> None:
    """Check every request before it reaches a view, and add the security headers to every response.

    ``token``/``allowed_hosts`` as in :func:`pipeline.review.app.create_app`;
    ``error_page(status, message)`` renders a refusal.
    """
    token_bytes = token.encode("utf-8") if token else None
    hosts = {h.lower() for h in allowed_hosts} if allowed_hosts else None

    def token_ok(value: str | None) -> bool:
        return bool(value) and hmac.compare_digest(value.encode("utf-8"), token_bytes)  # type: ignore[arg-type]

    @app.before_request
    def guard():
        if token_bytes is not None:
            supplied = request.args.get("token")
            if supplied is not None and token_ok(supplied):
                if request.method in ("GET", "HEAD"):
                    rest = [(k, v) for k, v in request.args.items(multi=True) if k != "token"]
                    response = redirect(request.path + ("?" + urlencode(rest) if rest else ""), code=303)
                    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="Strict", path="/")
                    return response
            elif not (token_ok(request.cookies.get(TOKEN_COOKIE)) or token_ok(request.headers.get(TOKEN_HEADER))):
                return error_page(401, "This review server needs its access token: open the address it printed "
                                       "when it started (it ends in ?token=...).")
        else:
            host = request.host or ""
            if hosts is not None:
                name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
                if name.lower() not in hosts and not is_loopback(host):
                    return error_page(403, f"Host {host!r} is not served here.")
            elif not is_loopback(host):
                return error_page(403, "This review server answers only on a loopback address (127.0.0.1, "
                                       "localhost); start it with --token to serve other addresses.")
        if request.method == "POST":
            origin = request.headers.get("Origin")
            if origin and origin != "null" and urlsplit(origin).netloc.lower() != (request.host or "").lower():
                return error_page(400, "This form was sent from another site: refused.")
            expected = session.get("csrf")
            supplied = request.form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER) or ""
            if not expected or not hmac.compare_digest(str(supplied).encode("utf-8"), str(expected).encode("utf-8")):
                return error_page(400, "The form has expired or did not come from this page (CSRF check failed). "
                                       "Reload the page and try again.")
        return None

    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        if response.mimetype == "text/html":
            response.headers["Cache-Control"] = "no-store"
        return response
