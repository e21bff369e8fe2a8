"""URL pieces the provenance rules share: validity, host, archive unwrapping, path dates and
tracking parameters. Pure functions on strings; offsets are relative to the URL string."""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from seedcheck.parsing.dates import MONTHS

_BAD_CHARS = re.compile(r"[\s\\\"<>{}|^`\x00-\x1f\x7f]")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_TLD = re.compile(r"(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})")


@dataclass(frozen=True, slots=True)
class WebUrl:
    scheme: str
    host: str  # lower-cased, without port and trailing dot
    host_at: int  # offset of the host in the URL string
    path: str
    path_at: int


def split_web_url(url: str) -> WebUrl | None:
    """The parts of a well-formed http(s) URL, or None (see `url_problem`)."""
    if url_problem(url) is not None:
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".")
    netloc_at = url.index("://") + 3
    host_at = url.lower().find(host, netloc_at) if host else netloc_at
    path_at = netloc_at + len(parts.netloc)
    return WebUrl(parts.scheme.lower(), host, max(host_at, netloc_at), parts.path, path_at)


def url_problem(url: str) -> str | None:
    """Why `url` is not a usable web address, or None when it is."""
    bad = _BAD_CHARS.search(url)
    if bad:
        char = bad.group()
        if char == " ":
            shown = "a space"
        elif char.isspace() or not char.isprintable():
            shown = f"the control character U+{ord(char):04X}"
        else:
            shown = f"'{char}'"
        return f"it contains {shown}"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as error:
        return f"it cannot be parsed ({error})"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return f"scheme '{parts.scheme}' is not http or https" if scheme else "it has no scheme"
    if not url.lower().startswith(scheme + "://"):
        return "it lacks '//' after the scheme"
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return "it has no host name"
    return _host_problem(host)


def _host_problem(host: str) -> str | None:
    try:
        ipaddress.ip_address(host)
        return None
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return f"host '{host}' is not a valid domain name"
    labels = ascii_host.split(".")
    if len(labels) < 2:
        return f"host '{host}' is not a domain name (no top-level domain)"
    if not all(_LABEL.fullmatch(label) for label in labels) or not _TLD.fullmatch(labels[-1]):
        return f"host '{host}' is not a valid domain name"
    return None


_ARCHIVE = re.compile(
    r"^https?://(?:web\.archive\.org/web/[0-9a-z_*]{1,30}/|"
    r"archive\.(?:ph|today|is|li|md|vn)/(?:[0-9]{4,14}/)?)(?P<inner>https?://.{1,2000})$",
    re.IGNORECASE,
)
_AMP = re.compile(
    r"^https?://[^/]{1,300}\.cdn\.ampproject\.org/[a-z]{1,3}/(?:s/)?(?P<inner>[^/?#]{1,255})",
    re.IGNORECASE,
)


def original_host(url: str) -> tuple[str, int] | None:
    """The publisher's host and its offset, looking through web-archive and AMP-cache URLs."""
    archived = _ARCHIVE.match(url)
    if archived:
        inner = split_web_url(archived.group("inner"))
        if inner is not None:
            return inner.host, archived.start("inner") + inner.host_at
    amp = _AMP.match(url)
    if amp and "." in amp.group("inner"):
        return amp.group("inner").lower(), amp.start("inner")
    parts = split_web_url(url)
    return (parts.host, parts.host_at) if parts is not None else None


def host_in(host: str, domain: str) -> bool:
    """True when `host` is `domain` or one of its sub-domains (mobile.nytimes.com)."""
    return host == domain or host.endswith("." + domain)


# ---- dates in URL paths -----------------------------------------------------------------

_MONTH_NAMES = "|".join(sorted((m for m in MONTHS if len(m) == 3), key=len))
# Web news starts in the 1990s; older "years" in paths are ids or sizes (/1920/1080/).
_YEAR = r"(?P<y>199\d|20\d\d)"
_PATH_DAY = re.compile(
    rf"/{_YEAR}/(?P<m>\d{{1,2}}|{_MONTH_NAMES})/(?P<d>\d{{1,2}})(?=[/._-]|$)",
    re.IGNORECASE,
)
_PATH_MONTH = re.compile(rf"/{_YEAR}/(?P<m>\d\d)(?=/|$)")
_PATH_ISO = re.compile(rf"(?<![0-9]){_YEAR}-(?P<m>\d\d)-(?P<d>\d\d)(?![0-9])")
# Eight digits only between separators: inside a hex id or a word they are not a date.
_PATH_COMPACT = re.compile(rf"(?<![0-9A-Za-z]){_YEAR}(?P<m>\d\d)(?P<d>\d\d)(?![0-9A-Za-z])")


@dataclass(frozen=True, slots=True)
class UrlDate:
    start: int  # offsets in the URL string
    end: int
    year: int
    month: int
    day: int | None  # None: the path names a month only (/2021/04/)
    value: dt.date | None  # None when the date cannot exist (then `error` says why)
    error: str | None = None

    @property
    def raw_span(self) -> tuple[int, int]:
        return self.start, self.end


def url_path_date(url: str) -> UrlDate | None:
    """The first date written in the URL's path: /2021/04/06/, /2021/apr/06/, /2021/04/,
    2021-04-06 or 20210406 (the compact form only when it is a real date)."""
    parts = split_web_url(url)
    if parts is None:
        return None
    path, base = parts.path, parts.path_at
    found: list[UrlDate] = []
    for pattern in (_PATH_DAY, _PATH_ISO):
        match = pattern.search(path)
        if match:
            item = _day_date(match, base, strict=False)
            if item is not None:
                found.append(item)
    match = _PATH_COMPACT.search(path)
    if match:
        item = _day_date(match, base, strict=True)
        if item is not None:
            found.append(item)
    if not found:
        match = _PATH_MONTH.search(path)
        if match and 1 <= int(match.group("m")) <= 12:
            year, month = int(match.group("y")), int(match.group("m"))
            found.append(
                UrlDate(
                    base + match.start("y"), base + match.end("m"), year, month, None,
                    dt.date(year, month, 1),
                )
            )  # fmt: skip
    return min(found, key=lambda d: d.start) if found else None


def _day_date(match: re.Match[str], base: int, strict: bool) -> UrlDate | None:
    month_text = match.group("m")
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower()]
    year, day = int(match.group("y")), int(match.group("d"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None  # not date-shaped: an id or a counter
    start, end = base + match.start("y"), base + match.end("d")
    try:
        return UrlDate(start, end, year, month, day, dt.date(year, month, day))
    except ValueError as error:
        if strict:
            return None  # 8 digits that are no real date are more likely an id
        return UrlDate(start, end, year, month, day, None, str(error))


# ---- tracking parameters ----------------------------------------------------------------

TRACKING_PREFIXES = ("utm_",)
TRACKING_NAMES = frozenset(
    """fbclid gclid dclid gbraid wbraid msclkid mc_cid mc_eid igshid yclid twclid ttclid
    _ga _gl _hsenc _hsmi mkt_tok oly_anon_id oly_enc_id vero_id vero_conv wickedid
    ns_mchannel ns_source ns_campaign ns_linkname ns_fee at_medium at_campaign
    at_custom1 at_custom2 at_custom3 at_custom4 smid cmpid ocid s_cid icid
    __twitter_impression""".split()  # noqa: SIM905 - a word list reads better
)


def tracking_parameters(
    url: str, extra: frozenset[str] = frozenset()
) -> tuple[list[str], str] | None:
    """The tracking parameter names in `url` and the URL without them, or None if none."""
    fragment_at = url.find("#")
    head, tail = (url, "") if fragment_at == -1 else (url[:fragment_at], url[fragment_at:])
    query_at = head.find("?")
    if query_at == -1:
        return None
    kept: list[str] = []
    dropped: list[str] = []
    for pair in head[query_at + 1 :].split("&"):
        name = pair.split("=", 1)[0]
        if is_tracking(name, extra):
            dropped.append(name)
        elif pair:
            kept.append(pair)
    if not dropped:
        return None
    query = "?" + "&".join(kept) if kept else ""
    return dropped, head[:query_at] + query + tail


def is_tracking(name: str, extra: frozenset[str] = frozenset()) -> bool:
    lowered = name.lower()
    return lowered.startswith(TRACKING_PREFIXES) or lowered in TRACKING_NAMES or lowered in extra
