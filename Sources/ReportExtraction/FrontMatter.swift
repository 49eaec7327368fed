import ReportModel
import Yams

/// The YAML front matter of an issue file, read into the fields the model needs.
struct FrontMatter {
    /// Yams's default constructor, made once; only composing is used, which never changes it.
    nonisolated(unsafe) private static let yamlConstructor = Constructor.default

    var title: String?
    var number: Int?
    var date: Day?
    var state: IssueState = .open
    var closedDate: Day?
    var labels: [String] = []
    var author: String?
    var assignees: [String] = []
    /// The day of the last update (`updated:`, written by `import github`).
    var updated: Day?
    /// The issue's own address (`url:`): only an `http` or `https` address is kept.
    var url: String?

    /// The Markdown after the front matter, and the file line it starts on.
    var body = ""
    var bodyFirstLine = 1

    /// Splits `text` into front matter and body and reads the fields; errors mean the file cannot be an issue.
    static func read(_ text: String, path: String, latestDay: Day?) -> (FrontMatter?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func report(_ severity: Diagnostic.Severity, _ line: Int?, _ message: String) {
            diagnostics.append(Diagnostic(file: path, line: line, severity: severity, message: message))
        }
        if text.allSatisfy(\.isWhitespace) {
            report(.error, nil, "the file is empty: an issue needs front matter with a title and a number")
            return (nil, diagnostics)
        }
        // Found line by line on the bytes, up to the closing line only: the body is never split.
        var yamlLines: [Substring] = []
        var lineStart = text.startIndex
        var bodyStart: String.Index?
        var lineNumber = 1
        while bodyStart == nil {
            let lineEnd = text.utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
            let line = text[lineStart..<lineEnd]
            let next = lineEnd == text.endIndex ? text.endIndex : text.utf8.index(after: lineEnd)
            if lineNumber == 1 {
                guard line.trimmingTrailingSpaces() == "---" else {
                    report(
                        .error, 1,
                        "no front matter: start the file with a line '---', then 'title:' and 'number:' lines, then '---'"
                    )
                    return (nil, diagnostics)
                }
            } else if ["---", "..."].contains(line.trimmingTrailingSpaces()) {
                bodyStart = next
                break
            } else {
                yamlLines.append(line)
            }
            if lineEnd == text.endIndex {
                report(.error, 1, "the front matter is not closed: add a line '---' after its last field")
                return (nil, diagnostics)
            }
            lineStart = next
            lineNumber += 1
        }
        var matter = FrontMatter()
        matter.body = String(text[bodyStart!...])
        matter.bodyFirstLine = lineNumber + 1

        let mapping: FrontMatterEntries
        if let simple = FrontMatterEntries.simple(yamlLines, firstLine: 2) {
            mapping = simple
        } else {
            switch Self.yams(yamlLines) {
            case .success(let entries): mapping = entries
            case .failure(let failure):
                report(.error, failure.line, failure.message)
                return (nil, diagnostics)
            }
        }
        for entry in mapping.entries where !FrontMatter.keys.contains(entry.key) {
            report(.warning, entry.keyLine, FrontMatter.unreadKeyMessage(entry.key))
        }

        // YAML escapes (`"\e[31m"`) can put control characters back into a value: they are dropped there too.
        if let node = mapping["title"], let title = node.scalar.map({ ControlCharacters.stripped($0).trimmed }),
            !title.isEmpty
        {
            matter.title = title
        } else {
            report(.error, 2, "no 'title' in the front matter: add a line like 'title: \"Results page is slow\"'")
        }
        if let node = mapping["number"] {
            let raw = node.scalar?.trimmed ?? ""
            if let number = Int(raw.hasPrefix("#") ? String(raw.dropFirst()) : raw), number > 0,
                number <= FrontMatter.largestNumber
            {
                matter.number = number
            } else {
                report(
                    .error, node.valueLine,
                    "'number' must be a whole number from 1 to \(FrontMatter.largestNumber), like 'number: 42', not "
                        + "'\(raw)'")
            }
        } else {
            report(.error, 2, "no 'number' in the front matter: add a line like 'number: 42'")
        }
        /// A day outside 1970 … a year from today is a typo (`0001-01-01`, `9999-12-31`): it would stretch every
        /// trend over centuries of empty months.
        func sane(_ day: Day, _ key: String, _ node: FrontMatterEntries.Entry) -> Day? {
            guard day < FrontMatter.earliestDay || latestDay.map({ $0 < day }) == true else { return day }
            report(
                .error, node.valueLine,
                "'\(key)' is \(day), before 1970 or more than a year from today: write the day in full, like "
                    + "2026-03-14; the issue is read without it")
            return nil
        }
        if let node = mapping["date"] {
            let raw = node.scalar?.trimmed ?? ""
            if let parsed = DateText.utcDay(raw) {
                matter.date = sane(parsed, "date", node)
            } else {
                report(
                    .warning, node.valueLine,
                    "'date' must be a date like 2026-03-14 or a date-time like 2026-03-14T09:30:00+01:00, not '\(raw)'; "
                        + "the issue is left out of the monthly trends")
            }
        } else {
            report(.warning, 2, "no 'date' in the front matter: the issue is left out of the monthly trends")
        }
        if let node = mapping["state"] {
            let raw = node.scalar?.trimmed ?? ""
            if let state = IssueState(rawValue: raw.lowercased()) {
                matter.state = state
            } else {
                report(.warning, node.valueLine, "'state' must be 'open' or 'closed', not '\(raw)'; read as open")
            }
        }
        if let node = mapping["closed"], let raw = node.scalar?.trimmed, !raw.isEmpty, raw != "null" {
            if let parsed = DateText.utcDay(raw) {
                matter.closedDate = sane(parsed, "closed", node)
                if matter.state == .open {
                    report(
                        .warning, node.valueLine, "a 'closed' date is given but 'state' is open; set 'state: closed'")
                }
            } else {
                report(.warning, node.valueLine, "'closed' must be a date like 2026-03-14, not '\(raw)'")
            }
        }
        if let node = mapping["labels"] { matter.labels = FrontMatter.list(node, splittingCommas: true) }
        if let node = mapping["author"],
            let author = node.scalar.map({ ControlCharacters.stripped($0).trimmed }),
            !author.isEmpty
        {
            matter.author = author
        }
        if let node = mapping["assignees"] { matter.assignees = FrontMatter.list(node, splittingCommas: true) }
        if let node = mapping["updated"], let raw = node.scalar?.trimmed, !raw.isEmpty, raw != "null" {
            if let parsed = DateText.utcDay(raw) {
                matter.updated = sane(parsed, "updated", node)
            } else {
                report(.warning, node.valueLine, "'updated' must be a date like 2026-03-14, not '\(raw)'")
            }
        }
        if let node = mapping["url"], let raw = node.scalar?.trimmed, !raw.isEmpty {
            let lowered = raw.lowercased()
            if (lowered.hasPrefix("https://") || lowered.hasPrefix("http://")),
                !raw.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }),
                ControlCharacters.stripped(raw) == raw
            {
                matter.url = raw
            } else {
                report(
                    .warning, node.valueLine,
                    "'url' must be an http or https address, like https://github.com/org/repo/issues/42; it is not "
                        + "linked")
            }
        }
        return (matter, diagnostics)
    }

    /// The keys perfsite reads (`source` and `imported` are written by `import github`).
    static let keys: Set<String> = [
        "title", "number", "date", "state", "closed", "labels", "author", "assignees", "source", "imported",
        "updated", "url",
    ]

    /// The first day a file's dates may name.
    static let earliestDay = Day(year: 1970, month: 1, day: 1)!

    /// The largest issue number: GitHub's and GitLab's numbers stay far below it, and the next one still fits.
    static let largestNumber = 999_999_999

    /// Keys people write for what the body or another key holds, and where that is read from.
    private static let elsewhere: [String: String] = [
        "priority": "the priority is read from the **Priority:** line of the body",
        "component": "components are read from the ticked boxes under Affected Component",
        "components": "components are read from the ticked boxes under Affected Component",
        "layer": "layers are read from the ticked boxes under Clean Architecture Layer",
        "layers": "layers are read from the ticked boxes under Clean Architecture Layer",
        "type": "issue types are read from the ticked boxes under Issue Type",
        "types": "issue types are read from the ticked boxes under Issue Type",
        "milestone": "the milestone is read from the **Related Milestone:** line of the body",
        "effort": "the effort is read from the **Estimated Effort:** line of the body",
        // Keys too far from the one meant for the nearest-name suggestion (`status`, `assignee` are found by it).
        "created": "did you mean 'date'?", "created_at": "did you mean 'date'?", "createdat": "did you mean 'date'?",
        "opened": "did you mean 'date'?", "filed": "did you mean 'date'?", "closed_at": "did you mean 'closed'?",
        "closedat": "did you mean 'closed'?", "tags": "did you mean 'labels'?", "reporter": "did you mean 'author'?",
        "owner": "did you mean 'author'?", "id": "did you mean 'number'?",
    ]

    /// The warning for each key of ``elsewhere`` as written there, made once and shared by every file that has the
    /// key: the same three warnings on each of 100,000 issues were 42 MB as a string each.
    private static let elsewhereMessages = Dictionary(
        uniqueKeysWithValues: elsewhere.map { key, hint in (key, "'\(key)' is not read: \(hint)") })

    /// The warning for a key perfsite does not read: where its value belongs, or the nearest key.
    static func unreadKeyMessage(_ name: String) -> String {
        if let message = elsewhereMessages[name] { return message }
        let shown = "'\(name)'"
        if let hint = elsewhere[name.lowercased()] { return "\(shown) is not read: \(hint)" }
        if let nearest = Suggestion.nearest(to: name, in: keys.sorted()) {
            return "\(shown) is not read: did you mean '\(nearest)'?"
        }
        return "\(shown) is not read: the front matter holds \(keys.sorted().map { "'\($0)'" }.joined(separator: ", "))"
    }

    /// A YAML list, a flow list, a comma-separated string or one scalar, as trimmed strings without duplicates.
    static func list(_ entry: FrontMatterEntries.Entry, splittingCommas: Bool) -> [String] {
        var values: [String] = []
        switch entry.value {
        case .sequence(let items): values = items
        case .scalar(let scalar) where scalar != "null" && scalar != "~":
            values = splittingCommas ? scalar.split(separator: ",").map(String.init) : [scalar]
        default: break
        }
        var seen = Set<String>()
        return values.map { ControlCharacters.stripped($0).trimmed }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// The front matter read by Yams, or the error to report: its file line and message.
    static func yams(_ lines: [Substring]) -> Result<FrontMatterEntries, YamsFailure> {
        let root: Node?
        do {
            // Every field is read as text, so scalars need no type: the basic resolver runs no pattern on them.
            // Yams configured once: its defaults build a constructor's tables and read the environment per call.
            root = try Yams.compose(yaml: lines.joined(separator: "\n"), .basic, Self.yamlConstructor, .utf8)
        } catch let error as YamlError {
            let (line, problem) = FrontMatter.describe(error)
            return .failure(
                YamsFailure(line: line.map { $0 + 1 }, message: "the front matter is not valid YAML: \(problem)"))
        } catch {
            return .failure(YamsFailure(line: 2, message: "the front matter could not be read: \(error)"))
        }
        guard let mapping = root?.mapping else {
            return .failure(
                YamsFailure(
                    line: 2,
                    message: "the front matter must be 'key: value' lines, with at least 'title:' and 'number:'"))
        }
        return .success(FrontMatterEntries.yams(mapping))
    }

    struct YamsFailure: Error, Equatable {
        let line: Int?
        let message: String
    }

    private static func describe(_ error: YamlError) -> (line: Int?, problem: String) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            // The context ("while parsing a flow sequence") starts where the author's mistake is.
            guard let context else { return (mark.line, problem) }
            return (context.mark.line, "\(problem) \(context.text)")
        case .duplicatedKeysInMapping(let duplicates, _):
            return (nil, "duplicated keys \(duplicates.joined(separator: ", "))")
        default:
            return (nil, "\(error)")
        }
    }
}

/// Reads the dates the front matter may hold.
public enum DateText {
    /// `YYYY-MM-DD`, or an ISO date-time with `Z`, an offset or none, as its day in UTC.
    public static func utcDay(_ text: String) -> Day? {
        let scalars = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= scalars.count else { return nil }
            var value = 0
            for byte in scalars[range] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard scalars.count >= 10, let year = number(0..<4), scalars[4] == 45, let month = number(5..<7),
            scalars[7] == 45, let dayOfMonth = number(8..<10), let day = Day(year: year, month: month, day: dayOfMonth)
        else { return nil }
        if scalars.count == 10 { return day }
        // A time: 'T' or a space, HH:MM, optional :SS and fraction, then Z, ±HH:MM, ±HHMM or nothing.
        guard scalars[10] == 84 || scalars[10] == 116 || scalars[10] == 32, let hour = number(11..<13),
            scalars.count >= 16, scalars[13] == 58, let minute = number(14..<16), hour < 24, minute < 60
        else { return nil }
        var index = 16
        if index < scalars.count, scalars[index] == 58 {
            guard number(17..<19) != nil else { return nil }
            index = 19
            if index < scalars.count, scalars[index] == 46 {
                index += 1
                while index < scalars.count, scalars[index] >= 48, scalars[index] <= 57 { index += 1 }
            }
        }
        var offsetMinutes = 0
        if index < scalars.count {
            let sign = scalars[index]
            if sign == 90 || sign == 122 {
                index += 1
            } else if sign == 43 || sign == 45 {
                guard let offsetHours = number((index + 1)..<(index + 3)) else { return nil }
                var minutesStart = index + 3
                if minutesStart < scalars.count, scalars[minutesStart] == 58 { minutesStart += 1 }
                guard let offsetMins = number(minutesStart..<(minutesStart + 2)) else { return nil }
                offsetMinutes = (offsetHours * 60 + offsetMins) * (sign == 45 ? -1 : 1)
                index = minutesStart + 2
            } else {
                return nil
            }
        }
        guard index == scalars.count else { return nil }
        let utcMinutes = hour * 60 + minute - offsetMinutes
        let dayShift = utcMinutes < 0 ? -1 : (utcMinutes >= 1440 ? 1 : 0)
        return day.adding(days: dayShift)
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space.
    var trimmed: String {
        // ASCII white space is dropped on the bytes. When what is left starts and ends with an ASCII byte, no
        // Character at either end can be white space (a space, tab or line break is never joined to what follows
        // an ASCII byte), so the answer is the same as the Character rule's below; otherwise that rule decides.
        let text = Substring(self)
        let bytes = text.utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        while start < end, isSpace(bytes[start]) { start = bytes.index(after: start) }
        while end > start, isSpace(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        if start == end { return "" }
        if bytes[start] < 0x80, bytes[bytes.index(before: end)] < 0x80 { return String(text[start..<end]) }
        var slice = text
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }

    func trimmingTrailingSpaces() -> Substring {
        var slice = Substring(self)
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return slice
    }
}
