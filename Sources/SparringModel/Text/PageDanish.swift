/// The workbench page's texts (`sparring serve`), in Danish: the same keys as ``englishPageTexts``.
let danishPageTexts: [String: String] = [
    "page.title": "Sparring arbejdsbord",
]
