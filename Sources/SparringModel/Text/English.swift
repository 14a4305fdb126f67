/// Every English text, by key. The reference catalogue: every other language has exactly these keys, with
/// the same placeholders (see ``Words`` for the placeholder syntax).
let englishTexts: [String: String] = [
    // Building blocks
    "value.empty": "an empty cell",
    "list.and": "and",
    "list.or": "or",
    "diagnostic.error": "error",
    "diagnostic.warning": "warning",
    "diagnostic.maybe": "Maybe {0}",
    "text.verbatim": "{0}",
]
