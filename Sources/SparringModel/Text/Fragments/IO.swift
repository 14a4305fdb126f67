// TRANSITION fragment: folded into English.swift and Danish.swift at the end.
let englishIOTexts: [String: String] = [
    "io.placeholder": "",
]
let danishIOTexts: [String: String] = [
    "io.placeholder": "",
]
