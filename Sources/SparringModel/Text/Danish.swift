/// Every Danish text, by key: the keys of ``englishTexts``, written for a Danish consultant, director and
/// leader in the words of the practice reports (netværk, netværksgruppe, fagområde, ledelsesniveau, nærmeste
/// leder, loyalitetskonflikt, ønsker).
let danishTexts: [String: String] = [
    // Building blocks
    "value.empty": "en tom celle",
    "list.and": "og",
    "list.or": "eller",
    "diagnostic.error": "fejl",
    "diagnostic.warning": "advarsel",
    "diagnostic.maybe": "Tip: {0}",
    "text.verbatim": "{0}",
]
