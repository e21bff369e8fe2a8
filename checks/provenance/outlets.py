"""The outlet registry: news outlets, agencies and aggregators with their web domains.

The built-in table covers major English-language and Russia/Ukraine-coverage outlets and
the big news agencies. Users extend or override it with the `outlets` option of
`outlet-domain-mismatch` (an entry whose name or alias matches a built-in one replaces it),
or drop the built-ins with `builtin-outlets = false`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from seedcheck.checks.provenance._urls import host_in
from seedcheck.config import ConfigError

KINDS = ("publisher", "agency", "aggregator")


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    domains: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    kind: str = "publisher"  # publisher | agency | aggregator

    @property
    def is_agency(self) -> bool:
        return self.kind == "agency"


def _o(name: str, domains: str, aliases: str = "", kind: str = "publisher") -> Outlet:
    split = tuple(a.strip() for a in aliases.split(";") if a.strip())
    return Outlet(name, tuple(domains.split()), split, kind)


BUILTIN: tuple[Outlet, ...] = (
    # News agencies: their copy is syndicated on publishers' sites.
    _o("AFP", "afp.com", "Agence France-Presse; Agence France Presse", "agency"),
    _o("Reuters", "reuters.com reuters.co.uk", "Thomson Reuters", "agency"),
    _o("Associated Press", "apnews.com ap.org", "AP; The Associated Press", "agency"),
    _o("dpa", "dpa.com dpa-international.com dpa.de", "Deutsche Presse-Agentur", "agency"),
    _o("Interfax", "interfax.com interfax.ru interfax.com.ua", "Interfax-Ukraine", "agency"),
    _o("Bloomberg", "bloomberg.com bloomberg.net", "Bloomberg News", "agency"),
    _o("TASS", "tass.com tass.ru", "ITAR-TASS", "agency"),
    _o("RIA Novosti", "ria.ru", "RIA", "agency"),
    _o("Xinhua", "xinhuanet.com news.cn", "Xinhua News Agency", "agency"),
    _o("UPI", "upi.com", "United Press International", "agency"),
    _o("ANSA", "ansa.it", "", "agency"),
    _o("EFE", "efe.com", "Agencia EFE", "agency"),
    _o("Kyodo", "kyodonews.net kyodonews.jp", "Kyodo News", "agency"),
    _o("PA Media", "pamediagroup.com", "Press Association; PA", "agency"),
    _o("Ukrinform", "ukrinform.net ukrinform.ua", "", "agency"),
    _o("UNIAN", "unian.info unian.net unian.ua", "", "agency"),
    # Publishers.
    _o("The Moscow Times", "themoscowtimes.com", "Moscow Times"),
    _o("Washington Examiner", "washingtonexaminer.com", "The Washington Examiner"),
    _o("BBC", "bbc.co.uk bbc.com", "BBC News; British Broadcasting Corporation"),
    _o("The New York Times", "nytimes.com", "New York Times; NYT; NY Times"),
    _o("The Washington Post", "washingtonpost.com", "Washington Post; WaPo"),
    _o("The Guardian", "theguardian.com guardian.co.uk", "Guardian"),
    _o("HuffPost", "huffpost.com huffingtonpost.com huffingtonpost.co.uk", "Huffington Post"),
    _o("CNN", "cnn.com", "Cable News Network"),
    _o("Fox News", "foxnews.com", "Fox"),
    _o("The Wall Street Journal", "wsj.com", "Wall Street Journal; WSJ"),
    _o("Financial Times", "ft.com", "FT; The Financial Times"),
    _o("The Economist", "economist.com", "Economist"),
    _o("Politico", "politico.com politico.eu", "Politico Europe"),
    _o("The Hill", "thehill.com", ""),
    _o("NPR", "npr.org", "National Public Radio"),
    _o("CBS News", "cbsnews.com", "CBS"),
    _o("NBC News", "nbcnews.com", "NBC"),
    _o("ABC News", "abcnews.go.com abcnews.com", "ABC"),
    _o("USA Today", "usatoday.com", ""),
    _o("Los Angeles Times", "latimes.com", "LA Times; The Los Angeles Times"),
    _o("Al Jazeera", "aljazeera.com aljazeera.net", "Al Jazeera English"),
    _o("Deutsche Welle", "dw.com", "DW"),
    _o("Euronews", "euronews.com", ""),
    _o("France 24", "france24.com", ""),
    _o("RT", "rt.com", "Russia Today"),
    _o("Radio Free Europe/Radio Liberty", "rferl.org", "RFE/RL; Radio Liberty"),
    _o("Kyiv Post", "kyivpost.com", ""),
    _o("The Kyiv Independent", "kyivindependent.com", "Kyiv Independent"),
    _o("Ukrainska Pravda", "pravda.com.ua", ""),
    _o("Meduza", "meduza.io", ""),
    _o("The Independent", "independent.co.uk", "Independent"),
    _o("The Telegraph", "telegraph.co.uk", "Telegraph; The Daily Telegraph"),
    _o("Daily Mail", "dailymail.co.uk", "Mail Online; MailOnline; The Daily Mail"),
    _o("Sky News", "news.sky.com", ""),
    _o("Newsweek", "newsweek.com", ""),
    _o("Time", "time.com", "TIME Magazine"),
    _o("The Atlantic", "theatlantic.com", "Atlantic"),
    _o("Axios", "axios.com", ""),
    _o("Der Spiegel", "spiegel.de", "Spiegel; Spiegel International"),
    _o("Le Monde", "lemonde.fr", ""),
    # Aggregators: they republish other outlets' stories under their own domain.
    _o("Yahoo News", "news.yahoo.com yahoo.com", "Yahoo", "aggregator"),
    _o("MSN", "msn.com", "", "aggregator"),
    _o("Google News", "news.google.com", "", "aggregator"),
    _o("Apple News", "apple.news", "", "aggregator"),
)

_NON_WORD = re.compile(r"[^\w]+")


def normalize(name: str) -> str:
    """'THE WASHINGTON EXAMINER' -> 'washington examiner'; '&' reads as 'and'."""
    text = name.casefold().replace("&", " and ").replace("’", "").replace("'", "")
    text = _NON_WORD.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


class OutletRegistry:
    def __init__(self, outlets: Iterable[Outlet]) -> None:
        self._by_name: dict[str, Outlet] = {}
        self._by_domain: dict[str, Outlet] = {}
        for outlet in outlets:  # later entries override earlier ones
            for name in (outlet.name, *outlet.aliases):
                key = normalize(name)
                if key:
                    self._by_name[key] = outlet
            for domain in outlet.domains:
                self._by_domain[domain] = outlet

    def named(self, name: str) -> Outlet | None:
        return self._by_name.get(normalize(name))

    def for_host(self, host: str) -> Outlet | None:
        """The outlet owning `host` or its closest registered parent domain."""
        labels = host.lower().split(".")
        for index in range(len(labels) - 1):
            found = self._by_domain.get(".".join(labels[index:]))
            if found is not None:
                return found
        return None

    @staticmethod
    def owns(outlet: Outlet, host: str) -> bool:
        return any(host_in(host, domain) for domain in outlet.domains)


def registry_from_options(options: Mapping[str, Any], code: str) -> OutletRegistry:
    extra = options.get("outlets", [])
    if not isinstance(extra, list):
        raise ConfigError(f"rules.{code}.outlets must be a list of tables")
    custom = [_custom_outlet(entry, code) for entry in extra]
    builtin = options.get("builtin-outlets", True)
    if not isinstance(builtin, bool):
        raise ConfigError(f"rules.{code}.builtin-outlets must be true or false")
    base = list(BUILTIN) if builtin else []
    replaced = {normalize(n) for o in custom for n in (o.name, *o.aliases)}
    base = [o for o in base if not {normalize(n) for n in (o.name, *o.aliases)} & replaced]
    return OutletRegistry([*base, *custom])


def _custom_outlet(entry: Any, code: str) -> Outlet:
    where = f"rules.{code}.outlets"
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise ConfigError(f"{where}: each entry needs a 'name' (string) and 'domains' (list)")
    unknown = sorted(set(entry) - {"name", "domains", "aliases", "kind"})
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)} in {entry['name']!r}")
    domains, aliases = entry.get("domains", []), entry.get("aliases", [])
    for value in (domains, aliases):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: 'domains' and 'aliases' must be lists of strings")
    kind = entry.get("kind", "publisher")
    if kind not in KINDS:
        raise ConfigError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    cleaned = tuple(d.strip().lower().removeprefix("www.") for d in domains if d.strip())
    return Outlet(entry["name"], cleaned, tuple(aliases), kind)
