"""Where to find the service: VISION_ENDPOINT and VISION_KEY (or VISION_AUTH=entra), from the environment or .env."""

from __future__ import annotations

__all__ = ["Settings", "load_settings"]

import io
import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from vision_viz._errors import SettingsError, warn
from vision_viz._extras import ENTRA_EXTRA
from vision_viz._public import publish

# The host recordings show instead of the real one; replay mode sends requests "there".
PLACEHOLDER_ENDPOINT = "https://your-resource.cognitiveservices.azure.com"

# The values VISION_RECORD and VISION_OFFLINE may take (any case); anything else is an error, not a silent "no".
RECORD_VALUES = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False,
                 "off": False, "": False}
# Regional endpoints (https://<region>.api.cognitive.microsoft.com) take keys only: Microsoft Entra ID
# tokens need the resource's custom subdomain (https://<resource-name>.cognitiveservices.azure.com).
_REGIONAL_HOST = re.compile(r"^[a-z0-9]+\.api\.cognitive\.microsoft\.com$", re.IGNORECASE)
_HOSTNAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$")


@dataclass(frozen=True)
class Settings:
    """How to reach the service, and whether to record what it answers.

    The key never shows in a repr, a print or a traceback. Surrounding whitespace and quotes are
    removed from it (as ``open("key.txt").read()`` leaves a newline); a key with other spaces or
    control characters is refused without showing it.

    Instead of a key, ``credential`` signs in with Microsoft Entra ID (keyless): any object with
    ``get_token(scope)``, such as ``azure.identity.DefaultAzureCredential()``. The session then sends
    ``Authorization: Bearer <token>`` for the scope :data:`TOKEN_SCOPE`, to the endpoint only. Entra ID
    needs the resource's custom-subdomain endpoint (``https://<resource-name>.cognitiveservices.azure.com``);
    a regional one (``https://<region>.api.cognitive.microsoft.com``) is refused, as the service would.

    Example:
        >>> s = Settings(endpoint="https://my-vision.cognitiveservices.azure.com", key="0123456789abcdef")
        >>> s.mode, "0123456789abcdef" in repr(s)
        ('live', False)
    """

    endpoint: str | None = None
    key: str | None = field(default=None, repr=False)
    record: bool = False
    credential: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", _clean_key(self.key))
        if self.endpoint:
            object.__setattr__(self, "endpoint", normalize_endpoint(self.endpoint))
        if self.credential is not None:
            _check_credential(self.credential, self.key, self.endpoint)

    @property
    def mode(self) -> str:
        """'replay' without a key or credential, 'live' with one, 'record' with one and VISION_RECORD=1."""
        if not self.signed_in:
            return "replay"
        return "record" if self.record else "live"

    @property
    def signed_in(self) -> bool:
        """True with a key or a credential: the session can call the live service."""
        return bool(self.key) or self.credential is not None

    @property
    def base_url(self) -> str:
        """The endpoint requests go to: the real one when live, a placeholder in replay."""
        return self.endpoint if self.signed_in and self.endpoint else PLACEHOLDER_ENDPOINT

    def __repr__(self) -> str:
        key = "<hidden>" if self.key else None
        credential = f", credential=<{type(self.credential).__name__}>" if self.credential is not None else ""
        return f"Settings(endpoint={self.endpoint!r}, key={key!r}, record={self.record!r}{credential})"


# The Microsoft Entra ID scope of Azure AI services (Cognitive Services) tokens.
TOKEN_SCOPE = "https://cognitiveservices.azure.com/.default"


def _check_credential(credential: Any, key: str | None, endpoint: str | None) -> None:
    """Refuse what cannot sign in: not a credential, a key as well, no endpoint or a regional one."""
    if not any(callable(getattr(credential, name, None)) for name in ("get_token", "get_token_info")):
        raise SettingsError(
            f"credential must be an object with get_token(scope), such as azure.identity.DefaultAzureCredential(); "
            f"got {type(credential).__name__}."
        )
    if key:
        raise SettingsError("Give a key or a credential, not both: the key signs in without Microsoft Entra ID, "
                            "the credential with it. Unset VISION_KEY to sign in with Entra ID.")
    if not endpoint:
        raise SettingsError("A credential needs VISION_ENDPOINT too: the custom-subdomain endpoint of your resource, "
                            "https://<resource-name>.cognitiveservices.azure.com/.")
    host = urlsplit(endpoint).hostname or ""
    if _REGIONAL_HOST.match(host):
        raise SettingsError(
            f"VISION_ENDPOINT {_shown(endpoint)} is a regional endpoint, which accepts keys only: Microsoft Entra ID "
            "tokens need your resource's custom subdomain, https://<resource-name>.cognitiveservices.azure.com/ "
            "(the 'Keys and Endpoint' page shows it; see workshop/azure-setup.md, 'Sign in without a key')."
        )


def entra_credential() -> Any:
    """``azure.identity.DefaultAzureCredential()``: ``az login``, a managed identity, environment variables….

    Raises:
        SettingsError: ``azure-identity`` is not installed (the message names the extra to install).
    """
    try:
        from azure.identity import DefaultAzureCredential
    except ModuleNotFoundError as error:
        if error.name is not None and not "azure.identity".startswith(error.name):
            raise
        raise SettingsError(
            f"VISION_AUTH=entra signs in with azure-identity, which is not installed. Install it: {ENTRA_EXTRA}"
        ) from None
    return DefaultAzureCredential()


def normalize_endpoint(value: str) -> str:
    """Return the endpoint as 'scheme://host[:port][/path]' without a trailing slash.

    Refused: no scheme or host, a bad host or port, a user name or password, a query or a
    fragment. Plain ``http://`` to a host other than this computer warns: the key would travel
    unencrypted.

    Example:
        >>> normalize_endpoint(" https://my-vision.cognitiveservices.azure.com/ ")
        'https://my-vision.cognitiveservices.azure.com'
    """
    text = value.strip().strip("'\"").rstrip("/")
    example = "Copy it from the 'Keys and Endpoint' page of your resource, e.g. https://<resource-name>.cognitiveservices.azure.com/"
    try:
        parts = urlsplit(text)
        port, host = parts.port, parts.hostname  # both raise ValueError when malformed
    except ValueError as error:
        port_problem = "port" in str(error).lower()  # urllib's own text may quote the value: not shown
        reason = "its port is not a number from 1 to 65535" if port_problem else "a bad IPv6 address in [ ]"
        raise SettingsError(f"VISION_ENDPOINT {_shown(value)} is not a valid URL ({reason}). {example}") from None
    if "@" in parts.netloc:
        raise SettingsError(
            "VISION_ENDPOINT contains a user name or password (user:password@host); it is not shown here. "
            f"Remove it: the key goes in VISION_KEY. {example}"
        )
    if parts.scheme not in ("https", "http") or not host:
        raise SettingsError(f"VISION_ENDPOINT must be a URL like https://<resource-name>.cognitiveservices.azure.com/ "
                            f"(got {_shown(value)}). {example}")
    if not (_HOSTNAME.match(host) or _is_ip(host)) or port == 0:
        raise SettingsError(f"VISION_ENDPOINT {_shown(value)} has an invalid host or port. {example}")
    if parts.query or parts.fragment or text.endswith(("?", "#")):
        raise SettingsError(
            f"VISION_ENDPOINT {_shown(value)} has a query or fragment ('?' or '#', not shown): "
            f"operation paths are added after the endpoint and would vanish into it. Use the endpoint alone. {example}"
        )
    if parts.scheme == "http" and not _is_loopback(host):
        warn(
            f"VISION_ENDPOINT {_shown(value)} uses plain http://: the key and images would travel unencrypted. "
            "Use https:// (http:// is only meant for a test server on this computer)."
        )
    return text


def _shown(value: str) -> str:
    """The endpoint as a message may show it: scheme, host and port, and only if they look like ones.

    Nothing else is shown (user info, path, query, fragment, a malformed host or port): any of
    them may be the key, pasted in the wrong place.
    """
    text = value.strip().strip("'\"")
    if not re.match(r"^https?://", text, re.IGNORECASE):
        return "(not shown: it does not start with https://, so it may be a key pasted in the wrong place)"
    scheme, _, rest = text.partition("://")
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0].rpartition("@")[2]
    match = re.fullmatch(r"(\[[^\]]*\]|[^:]*)(?::(.*))?", authority)
    host, port = (match.group(1), match.group(2)) if match else ("", None)
    if not (_HOSTNAME.match(host) or _is_ip(host.strip("[]"))):
        host = "<host not shown>"
    if port is not None and not port.isdigit():
        port = "<port not shown>"
    more = "/…" if len(rest) > len(authority) or "@" in rest else ""
    return repr(f"{scheme}://{host}" + (f":{port}" if port is not None else "") + more)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _is_loopback(host: str) -> bool:
    return host == "localhost" or (_is_ip(host) and ipaddress.ip_address(host).is_loopback)


def _clean_key(key: str | None) -> str | None:
    """The key without surrounding whitespace or quotes, ``None`` if empty; refused if it cannot be a key."""
    if key is None:
        return None
    if not isinstance(key, str):
        raise SettingsError(f"VISION_KEY must be text, got {type(key).__name__}.")
    cleaned = key.strip().strip("'\"").strip()
    if any(not ("!" <= char <= "~") for char in cleaned):
        raise SettingsError(
            "VISION_KEY contains a space, a control character or a non-ASCII character (the key is not "
            "shown). Copy KEY 1 again from the 'Keys and Endpoint' page of your resource."
        )
    return cleaned or None


def load_settings(environ: Mapping[str, str] | None = None, dotenv: str | Path | None = ".env") -> Settings:
    """Read VISION_KEY, VISION_ENDPOINT, VISION_RECORD and VISION_AUTH.

    Values come from ``environ`` (default: the process environment), then from a git-ignored
    ``.env`` file in the current folder or one of its parents; the environment wins, except that
    an empty value (``export VISION_KEY=``) counts as not set, so it never hides ``.env``.
    ``.env`` may be UTF-8 (with or without a BOM) or UTF-16 with a BOM (PowerShell 5's
    ``echo > .env``). ``VISION_RECORD`` is one of 1/true/yes/on or 0/false/no/off (or empty).
    ``VISION_OFFLINE=1`` (same values) replays whatever else is set, ``.env`` included: the test
    command and ``tasks.py notebooks`` use it, and so can anyone who has a key but wants replay.
    ``VISION_AUTH=entra`` signs in without a key, with :func:`entra_credential` (``az login`` first;
    needs ``azure-identity``); ``VISION_AUTH=key`` (the default) uses ``VISION_KEY``.

    Example:
        >>> load_settings({}, dotenv=None).mode
        'replay'
        >>> load_settings({"VISION_OFFLINE": "1", "VISION_KEY": "k", "VISION_ENDPOINT": "https://x.example"}).mode
        'replay'
    """
    environment = os.environ if environ is None else environ
    if _flag("VISION_OFFLINE", environment.get("VISION_OFFLINE", "")):
        return Settings()
    values: dict[str, str] = {}
    if dotenv is not None:
        values.update(_read_dotenv(Path(dotenv)))
    values.update({name: value for name, value in environment.items() if value.strip()})

    key = _clean_key(values.get("VISION_KEY"))
    raw_endpoint = values.get("VISION_ENDPOINT", "").strip()
    endpoint = normalize_endpoint(raw_endpoint) if raw_endpoint else None
    record = _flag("VISION_RECORD", values.get("VISION_RECORD", ""))
    auth = values.get("VISION_AUTH", "key").strip().strip("'\"").lower()
    if auth not in ("key", "entra"):
        raise SettingsError(f"VISION_AUTH={auth!r} is not understood: use 'key' (the default, with VISION_KEY) or "
                            "'entra' (sign in with Microsoft Entra ID: az login, no key).")
    if auth == "entra":
        if key:
            raise SettingsError(
                "VISION_AUTH=entra signs in without a key, but VISION_KEY is set too: unset one of them."
            )
        return Settings(endpoint=endpoint, record=record, credential=entra_credential())
    if key and not endpoint:
        raise SettingsError(
            "VISION_KEY is set but VISION_ENDPOINT is not: set both (from the 'Keys and Endpoint' "
            "page of your Azure AI Vision resource), or unset VISION_KEY to replay recordings."
        )
    if record and not key:
        raise SettingsError(
            "VISION_RECORD=1 records live responses, so it needs VISION_KEY and VISION_ENDPOINT too. "
            "Set them, or unset VISION_RECORD to replay the recordings."
        )
    return Settings(endpoint=endpoint, key=key, record=record)


def _flag(name: str, value: str) -> bool:
    """A yes/no setting: 1/true/yes/on or 0/false/no/off (any case), or empty; anything else is an error."""
    raw = value.strip().strip("'\"").lower()
    if raw not in RECORD_VALUES:
        raise SettingsError(
            f"{name}={raw!r} is not understood: use 1 (or true, yes, on) to turn it on, "
            "0 (or false, no, off) or leave it unset not to."
        )
    return RECORD_VALUES[raw]


def _read_dotenv(name: Path) -> dict[str, str]:
    """The values of the first ``name`` found in the current folder or its parents."""
    if name.is_absolute():
        candidates = [name]
    else:
        here = Path.cwd()
        candidates = [folder / name for folder in (here, *here.parents)]
    for path in candidates:
        if path.is_file():
            from dotenv import dotenv_values

            text = _decode_dotenv(path)
            return {k: v for k, v in dotenv_values(stream=io.StringIO(text)).items() if v is not None}
    return {}


def _decode_dotenv(path: Path) -> str:
    """The text of a .env file: UTF-8, or UTF-16 when it starts with a byte-order mark."""
    data = path.read_bytes()
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise SettingsError(
            f"{path} is not UTF-8 text, so VISION_KEY and VISION_ENDPOINT cannot be read from it. "
            "Save it as UTF-8 (in PowerShell: Set-Content .env -Encoding utf8) or write it in a text editor."
        ) from None


publish(globals())
