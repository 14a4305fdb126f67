/// The workbench page's texts (`sparring serve`), in English: the reference for ``danishPageTexts``.
/// Keys start with `page.`; the page fills in `{0}`, `{1}` itself, so these texts use no plural forms.
let englishPageTexts: [String: String] = [
    "page.title": "Sparring workbench",
]
