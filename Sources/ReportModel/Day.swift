/// A calendar day in UTC, the resolution at which issues are dated and grouped.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// The year, e.g. 2026.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month, 1 to 31.
    public let day: Int

    /// Creates a day; returns `nil` when the month or day is out of range for that month.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The UTC day of a Unix time in seconds (as `SOURCE_DATE_EPOCH` gives it).
    public init(unixTime seconds: Int) {
        // Howard Hinnant's days-from-civil, inverted: exact for every day of the proleptic Gregorian calendar.
        let days = Int((Double(seconds) / 86_400).rounded(.down)) + 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day)!
    }

    /// `YYYY-MM-DD`.
    public var description: String { "\(Day.pad(year, 4))-\(Day.pad(month, 2))-\(Day.pad(day, 2))" }
    /// The month the day falls in, as `YYYY-MM`.
    public var monthKey: String { "\(Day.pad(year, 4))-\(Day.pad(month, 2))" }
    /// The month as one number, `year × 12 + month − 1`: months counted by number need no keys built.
    public var monthNumber: Int { year * 12 + month - 1 }

    /// The first day of the month numbered `monthNumber` (see ``monthNumber``).
    public init(monthNumber: Int) {
        let year = monthNumber >= 0 ? monthNumber / 12 : (monthNumber - 11) / 12
        self.init(year: year, month: monthNumber - year * 12 + 1, day: 1)!
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// The number of days in a month of the Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days-from-civil): `b.dayNumber - a.dayNumber` is how many days
    /// lie from `a` to `b`.
    public var dayNumber: Int {
        let year = month <= 2 ? self.year - 1 : self.year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// How many days lie from `earlier` to this day (negative when `earlier` is later).
    public func days(since earlier: Day) -> Int { dayNumber - earlier.dayNumber }

    /// The day `days` after this one (before it, when negative).
    public func adding(days: Int) -> Day {
        var (year, month, day) = (self.year, self.month, self.day + days)
        while day < 1 {
            month -= 1
            if month < 1 { (year, month) = (year - 1, 12) }
            day += Day.daysIn(month: month, year: year)
        }
        while day > Day.daysIn(month: month, year: year) {
            day -= Day.daysIn(month: month, year: year)
            month += 1
            if month > 12 { (year, month) = (year + 1, 1) }
        }
        return Day(year: year, month: month, day: day)!
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
