"""Browser-side hardening and repository hygiene.

The Content-Security-Policy allows scripts and styles only from our static files, so the
templates must carry none inline; these tests read the templates and scripts as text. The
last tests look through every tracked file for secrets.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((REPO / "templates").rglob("*.html"))
SCRIPTS = sorted((REPO / "static" / "js").rglob("*.js"))

# What the policy would block (or what would need 'unsafe-inline' to work).
INLINE = {
    "a <script> without src": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE),
    "an inline <style> element": re.compile(r"<style[\s>]", re.IGNORECASE),
    "a style= attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "an on*= event handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "a javascript: URL": re.compile(r"javascript\s*:", re.IGNORECASE),
}


def test_the_policy_allows_nothing_inline_and_nothing_from_elsewhere() -> None:
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives == {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
    assert "csp.middleware.CSPMiddleware" in settings.MIDDLEWARE


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(REPO)))
def test_templates_have_no_inline_script_style_or_handlers(template: Path) -> None:
    text = template.read_text()
    found = [what for what, pattern in INLINE.items() if pattern.search(text)]
    assert not found, f"{template.relative_to(REPO)} has {', '.join(found)}"


def test_the_template_scan_finds_what_it_looks_for() -> None:
    bad = [
        "<script>alert(1)</script>",
        '<div style="color: red">',
        "<style>p {}</style>",
        '<button onclick="go()">',
        '<a href="javascript:go()">',
    ]
    for html in bad:
        assert any(pattern.search(html) for pattern in INLINE.values()), html
    fine = '<script src="/static/js/x.js" defer></script><form action="/x" method="post">'
    assert not any(pattern.search(fine) for pattern in INLINE.values())


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_scripts_use_nothing_the_policy_blocks(script: Path) -> None:
    """No eval, no string-built functions or timers, no handler or style attributes set."""
    text = script.read_text()
    blocked = re.compile(
        r"\beval\s*\(|new\s+Function\s*\(|set(Timeout|Interval)\s*\(\s*['\"`]"
        r"|setAttribute\s*\(\s*['\"](on[a-z]+|style)['\"]|javascript:",
        re.IGNORECASE,
    )
    assert not blocked.search(text), script.name


@pytest.mark.django_db
def test_pages_carry_the_policy_header(client: Client, role_user) -> None:  # type: ignore[no-untyped-def]
    """Every URL is checked by tests/test_permissions.py; here the login page signed out
    and a page signed in, with the header read whole."""
    login = client.get(reverse("login"))
    header = login["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ):
        assert directive in header
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    client.force_login(role_user("journalist"))
    assert client.get(reverse("casualties-timeline"))["Content-Security-Policy"] == header


# --- Secrets ----------------------------------------------------------------------------

SECRET_PATTERNS = {
    "a private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "an AWS access key id": re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b"),
    "an AWS secret access key": re.compile(
        r"aws_secret_access_key\s*[=:]\s*['\"]?[A-Za-z0-9/+]{40}", re.IGNORECASE
    ),
    "a GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "a Slack token": re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
}
# SECRET_KEY given a literal value: in Python a quoted string, elsewhere KEY=value or KEY: value.
SECRET_KEY_LITERAL = re.compile(r"""SECRET_KEY\s*(?:=|:)\s*(?:["']([^"']+)["']|([^\s"'(]+))""")
# Placeholders and keys for local use that say so in their value.
PLACEHOLDER_WORDS = ("change-me", "insecure", "dev-only", "bench-", "example")
# user:password@host in a URL.
URL_PASSWORD = re.compile(r"\b[a-z][a-z0-9+.-]*://([^/\s:@'\"<>]+):([^@\s/'\"<>]+)@([^/\s:'\"<>]+)")
# Hosts that only exist in examples, tests or a local compose network.
EXAMPLE_HOSTS = {"host", "localhost", "127.0.0.1", "db", "db.internal", "h"}


def tracked_text_files() -> list[Path]:
    names = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    files = []
    for name in filter(None, names):
        path = REPO / name
        if not path.is_file():  # deleted in the working tree, not yet committed
            continue
        head = path.read_bytes()[:8000]
        if b"\0" not in head:
            files.append(path)
    return files


def secrets_in(text: str, *, python: bool) -> list[str]:
    found = [what for what, pattern in SECRET_PATTERNS.items() if pattern.search(text)]
    for match in SECRET_KEY_LITERAL.finditer(text):
        quoted, bare = match.groups()
        value = quoted if quoted is not None else bare
        if python and quoted is None:
            continue  # a name or a call (env.str(...)), not a literal
        if not value.startswith("$") and not any(w in value for w in PLACEHOLDER_WORDS):
            found.append(f"a SECRET_KEY value ({value[:12]}...)")
    for match in URL_PASSWORD.finditer(text):
        _user, password, host = match.groups()
        if host.lower() in EXAMPLE_HOSTS or host.lower().endswith(
            (".example", "example.org", "example.com")
        ):
            continue
        if password.upper() in {"PASS", "PASSWORD", "***"} or password.startswith("$"):
            continue
        found.append(f"a password in a URL (…@{host})")
    return found


def test_no_secret_is_tracked_in_the_repository() -> None:
    files = tracked_text_files()
    assert len(files) > 50  # the scan really ran over the repository
    problems = {
        str(path.relative_to(REPO)): hits
        for path in files
        if (hits := secrets_in(path.read_text(errors="replace"), python=path.suffix == ".py"))
    }
    assert not problems, problems


def test_no_env_file_is_tracked() -> None:
    names = subprocess.run(
        ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    assert not [n for n in names if Path(n).name in {".env", ".env.local", ".env.production"}]


# Split so that this file does not hold what it describes.
KEY = "SECRET_" + "KEY"


@pytest.mark.parametrize(
    ("text", "python"),
    [
        pytest.param(KEY + ' = "k3J9x-real-looking-production-key"', True, id="py-literal"),
        pytest.param(KEY + "=k3J9xQ2p7Lw0realkey", False, id="env-line"),
        pytest.param("redis://app:" + "s3cr3t@cache.prod.net:6379/0", False, id="url-password"),
        pytest.param("-----BEGIN OPENSSH " + "PRIVATE KEY-----", False, id="private-key"),
        pytest.param("key = 'AKIA" + "IOSFODNN7EXAMPLF'", True, id="aws-key"),
    ],
)
def test_the_secret_scan_finds_what_it_looks_for(text: str, python: bool) -> None:
    assert secrets_in(text, python=python)


@pytest.mark.parametrize(
    ("text", "python"),
    [
        pytest.param(KEY + ' = env.str("X", default="")', True, id="from-env"),
        pytest.param(KEY + "=change-me-to-a-long-random-string", False, id="placeholder"),
        pytest.param("postgres://USER:PASS@HOST:PORT/NAME", False, id="doc-url"),
        pytest.param("postgres://tracker:tracker@db:5432/tracker", False, id="compose-url"),
    ],
)
def test_the_secret_scan_lets_placeholders_through(text: str, python: bool) -> None:
    assert not secrets_in(text, python=python)
