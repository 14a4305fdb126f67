import SparringModel

/// A moment from an Excel serial number: days since 1899-12-30 (or 1904-01-01), the fraction the time of day.
struct ExcelDate: Equatable {
    var year: Int, month: Int, day: Int, weekday: Int   // weekday 0 = Monday
    var hour: Int, minute: Int, second: Int
    /// Whole hours since the serial's day 0 (for `[h]`).
    var elapsedHours: Int

    /// - Returns: nil for negative serials and those past 9999-12-31, which Excel shows as `####`.
    init?(serial: Double, date1904: Bool) {
        guard serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 { days += 1; seconds -= 86_400 }
        elapsedHours = days * 24 + seconds / 3600
        (hour, minute, second) = (seconds / 3600, seconds / 60 % 60, seconds % 60)
        if !date1904 && days == 60 {
            // Excel's day 60 is 1900-02-29, a day that did not exist (Lotus 1-2-3's leap year bug, kept on purpose).
            (year, month, day, weekday) = (1900, 2, 29, 2)
            return
        }
        // Days since 1970-01-01 of the serial's day.
        let epochOffset = date1904 ? -24_107 : (days < 60 ? -25_568 : -25_569)
        let unixDays = days + epochOffset
        (year, month, day) = Self.civil(fromDays: unixDays)
        weekday = ((unixDays % 7) + 7 + 3) % 7   // 1970-01-01 was a Thursday
    }

    /// The serial of a date and time (1900 system), for cells stored as ISO 8601 text (`t="d"`).
    static func serial(year: Int, month: Int, day: Int, seconds: Int) -> Double {
        let unixDays = days(fromCivil: year, month, day)
        var serial = unixDays + 25_569
        if serial < 61 { serial -= 1 }
        return Double(serial) + Double(seconds) / 86_400
    }

    /// Howard Hinnant's `civil_from_days`. O(1).
    static func civil(fromDays z: Int) -> (Int, Int, Int) {
        let z = z + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Howard Hinnant's `days_from_civil`. O(1).
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static let monthNames: [Language: [String]] = [
        .en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        .da: ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"],
    ]
    static let weekdayNames: [Language: [String]] = [
        .en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        .da: ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"],
    ]

    func render(_ tokens: [NumberFormat.DateToken], language: Language) -> String {
        let twelveHour = tokens.contains { if case .amPm = $0 { true } else { false } }
        let months = Self.monthNames[language] ?? Self.monthNames[.en]!
        let weekdays = Self.weekdayNames[language] ?? Self.weekdayNames[.en]!
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let shownHour = twelveHour ? (hour % 12 == 0 ? 12 : hour % 12) : hour
        var out = ""
        for token in tokens {
            switch token {
            case .year4: out += String(year)
            case .year2: out += two(year % 100)
            case .month: out += String(month)
            case .month2: out += two(month)
            case .monthShort: out += String(months[month - 1].prefix(3))
            case .monthLong: out += months[month - 1]
            case .monthLetter: out += String(months[month - 1].prefix(1))
            case .day: out += String(day)
            case .day2: out += two(day)
            case .weekdayShort: out += String(weekdays[weekday].prefix(3))
            case .weekdayLong: out += weekdays[weekday]
            case .hour: out += String(shownHour)
            case .hour2: out += two(shownHour)
            case .minute: out += String(minute)
            case .minute2: out += two(minute)
            case .second: out += String(second)
            case .second2: out += two(second)
            case .elapsedHours: out += String(elapsedHours)
            case let .amPm(am, pm): out += hour < 12 ? am : pm
            case let .literal(text): out += text
            }
        }
        return out
    }
}
