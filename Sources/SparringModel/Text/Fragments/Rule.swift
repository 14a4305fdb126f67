// TRANSITION fragment: folded into English.swift and Danish.swift at the end.
let englishRuleTexts: [String: String] = [
    "rule.placeholder": "",
]
let danishRuleTexts: [String: String] = [
    "rule.placeholder": "",
]
