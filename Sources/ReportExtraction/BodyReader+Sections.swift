import MarkdownTree
import ReportModel

extension ChoiceItem {
    /// The id of the bold group a line stands under, `targets` when it stands under none.
    static func idForGroup(_ label: String?) -> String { id(for: label ?? "targets") }
}

extension BodyReader {
    /// The `**Label:** value` lines of Implementation Stage and Measurement Details.
    mutating func readFields() {
        var seen = Set<String>()
        for entry in outline.lines {
            guard case .field(let label, let value) = entry.entry else { continue }
            let key = Outline.key(label)
            guard !seen.contains(key) else { continue }
            let known = [
                "related milestone", "milestone", "priority", "estimated effort", "effort", "measurement period",
                "sample size",
            ]
            guard known.contains(key) else { continue }
            seen.insert(key)
            let text = value.removingAll("`").trimmed
            guard !text.isEmpty else { continue }
            if ValueText.isPlaceholder(text) {
                warnPlaceholders(entry.line, [(name: label.lowercased(), placeholder: text)])
                continue
            }
            switch key {
            case "related milestone", "milestone":
                issue.milestone = text
            case "priority":
                let word = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).first.map(String.init) ?? ""
                if let priority = Priority(rawValue: word.uppercased()) {
                    issue.priority = priority
                } else {
                    warn(entry.line, "the priority '\(text)' is not P0, P1, P2 or P3, so the issue has no priority")
                }
            case "estimated effort", "effort":
                let words = text.lowercased().split(whereSeparator: { !$0.isLetter })
                let sizes: [String: Effort] = [
                    "s": .small, "small": .small, "m": .medium, "medium": .medium, "l": .large, "large": .large,
                    "xl": .extraLarge,
                ]
                if let first = words.first, let effort = first == "extra" ? .extraLarge : sizes[String(first)] {
                    issue.effort = effort
                } else {
                    warn(entry.line, "the effort '\(text)' is not S, M, L or XL, so the issue has no effort")
                }
            case "measurement period":
                issue.measurement.period = text
            default:
                issue.measurement.sampleSize = text
            }
        }
    }

    /// Code blocks: reproduction commands, stack analysis, architecture changes and investigation data.
    mutating func readCodeBlocks() {
        for entry in outline.lines {
            guard case .code(let language, let code) = entry.entry else { continue }
            let context = entry.context
            let sample = CodeSample(label: context.label, language: language, code: code, line: entry.line)
            let place = context.label ?? context.subsection
            if TemplateExamples.shared.isExample(code: code) {
                warn(entry.line, "the \(place) block is still the template's example, so it was left out")
                continue
            }
            let label = context.label.map(Outline.key) ?? ""
            switch (context.section, context.subsection, label) {
            case (_, "environment setup", _): issue.reproduction.environmentSetup.append(sample)
            case (_, "load generation", _): issue.reproduction.loadGeneration.append(sample)
            case (_, "monitoring commands", _): issue.reproduction.monitoring.append(sample)
            case (_, "technical stack analysis", _): issue.technicalStack.append(sample)
            case (_, "architecture changes", _), (_, _, "caching strategy"), (_, _, "database schema"):
                issue.architectureChanges.append(sample)
            case (_, _, "backend profiling"): issue.investigation.backendProfiling.append(sample)
            case (_, _, "database query analysis"): issue.investigation.queryAnalysis.append(sample)
            case ("investigation data", _, "frontend performance"), (_, "profiling results", "frontend performance"):
                issue.investigation.frontendProfiling.append(sample)
            case (_, _, "container resources"), (_, _, "database stats"), ("investigation data", _, _):
                break
            default:
                continue
            }
            if context.section == "investigation data" || ["container resources", "database stats"].contains(label)
                || ["profiling results", "system resources"].contains(context.subsection)
            {
                readFigures(in: code, firstLine: entry.line + 1)
            }
        }
    }

    private static let container = Array("container".utf8)
    private static let cpu = Array("cpu".utf8)

    /// The figures of fixed form: Lighthouse lines, the container table, the database stats lines.
    private mutating func readFigures(in code: String, firstLine: Int) {
        var tableHeader: [Substring]?
        for (offset, line) in code.lines().enumerated() {
            // Counted for the line numbers, skipped as before: a blank line inside the table does not end it.
            if line.isEmpty { continue }
            let before = issue.investigation
            defer {
                let now = issue.investigation
                if now.containers.count > before.containers.count, let name = now.containers.last?.name {
                    issue.investigation.lines.append(MetricLine(metric: "container " + name, line: firstLine + offset))
                } else if now != before, let key = ValueText.nameAndValue(String(line)).map({ Outline.key($0.name) }),
                    now.line(of: key) == nil
                {
                    issue.investigation.lines.append(MetricLine(metric: key, line: firstLine + offset))
                }
            }
            let bytes = Array(line.utf8)[...]
            let hasColon = bytes.contains(UInt8(ascii: ":"))
            if ASCIIText.contains(bytes, Self.container, ignoringCase: true),
                ASCIIText.contains(bytes, Self.cpu, ignoringCase: true)
            {
                tableHeader = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                continue
            }
            if let header = tableHeader, !hasColon {
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                if !words.isEmpty {
                    readContainerRow(words, header: header)
                    continue
                }
            }
            tableHeader = nil
            // Every figure is a `name: value` line.
            guard hasColon, let (name, value) = ValueText.nameAndValue(String(line)) else { continue }
            let quantity = Quantity(value)
            let investigation = issue.investigation
            switch Outline.key(name) {
            case "performance score" where investigation.lighthouseScore == nil:
                issue.investigation.lighthouseScore = quantity?.value
            case "largest contentful paint" where investigation.largestContentfulPaintMs == nil:
                issue.investigation.largestContentfulPaintMs = quantity?.milliseconds()
            case "first input delay" where investigation.firstInputDelayMs == nil:
                issue.investigation.firstInputDelayMs = quantity?.milliseconds()
            case "connections" where investigation.databaseConnectionsUsed == nil:
                let pair = value.split(separator: " ").first.map(String.init) ?? ""
                if let (used, total) = Self.fraction(pair) {
                    issue.investigation.databaseConnectionsUsed = used
                    issue.investigation.databaseConnectionsTotal = total
                }
            case "buffer hit ratio" where investigation.bufferHitRatioPercent == nil:
                issue.investigation.bufferHitRatioPercent = quantity?.value
            case "slow queries" where investigation.slowQueries == nil:
                issue.investigation.slowQueries = quantity?.value
            case "index usage" where investigation.indexUsagePercent == nil:
                issue.investigation.indexUsagePercent = quantity?.value
            default:
                break
            }
        }
    }

    /// `api  45.3%  512MB / 1GB  51.2%`, also `docker stats` rows that start with a container id.
    private mutating func readContainerRow(_ words: [Substring], header: [Substring]) {
        let hasID = header.count > 1 && header[1].uppercased() == "ID" && header.contains { $0.uppercased() == "NAME" }
        guard words.count > (hasID ? 2 : 1) else { return }
        let name = String(words[hasID ? 1 : 0])
        let cpu = words.first { $0.hasSuffix("%") }.flatMap { Quantity($0)?.value }
        var used: Double?
        var limit: Double?
        if let slash = words.firstIndex(of: "/"), slash > 0, slash + 1 < words.count {
            used = Quantity(words[slash - 1])?.megabytes()
            limit = Quantity(words[slash + 1])?.megabytes()
        } else if let joined = words.first(where: { $0.contains("/") && $0.first?.isNumber == true }) {
            let parts = joined.split(separator: "/")
            used = parts.first.flatMap { Quantity($0)?.megabytes() }
            limit = parts.last.flatMap { Quantity($0)?.megabytes() }
        }
        issue.investigation.containers.append(
            ContainerUsage(name: name, cpuPercent: cpu, memoryUsedMB: used, memoryLimitMB: limit))
    }

    /// Every `#N` inside the Related Issues section, sorted and unique.
    mutating func readRelatedIssues() {
        var numbers = Set<Int>()
        for entry in outline.lines where entry.context.section == "related issues" {
            let text: String
            switch entry.entry {
            case .item(_, let line), .text(let line): text = line
            case .field(let label, let value): text = label + " " + value
            case .code: continue
            }
            if text.contains("#[") {
                warnPlaceholders(entry.line, [(name: "the related-issue list", placeholder: "#[numbers]")])
            }
            let found = Self.issueNumbers(in: text, repository: repository)
            numbers.formUnion(found.numbers)
            for range in found.tooLong {
                warn(
                    entry.line,
                    "the range \(range) spans more than \(Self.longestRange) issues, so it was not expanded: list "
                        + "the related issues")
            }
        }
        issue.relatedIssues = numbers.sorted()
    }

    /// The longest range of issue numbers (`#645–#647`) read as every number in it.
    static let longestRange = 50

    /// The issue numbers a line names: `#12`, `#12, #13`, a range `#645–#647` (`-`, `–`, `—` or `..`, the second `#`
    /// optional) of at most ``longestRange`` issues, and, when `repository` is set (`https://github.com/org/repo`),
    /// the links `…/org/repo/issues/123`. A number of another repository (`org/repo#1012`, `repo#7`) is not this
    /// one's and is not read.
    static func issueNumbers(in text: String, repository: String?) -> (numbers: [Int], tooLong: [String]) {
        var numbers: [Int] = []
        var tooLong: [String] = []
        let characters = Array(text)
        func number(at start: Int) -> (value: Int, end: Int)? {
            var end = start
            while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
            guard end > start, end - start <= 9, let value = Int(String(characters[start..<end])) else { return nil }
            return (value, end)
        }
        var index = 0
        while index < characters.count {
            defer { index += 1 }
            guard characters[index] == "#" else { continue }
            // `org/repo#12` or `repo#12`: a reference to another repository.
            if index > 0, let previous = characters[index - 1].unicodeScalars.first,
                previous.properties.isAlphabetic || "/-_.".unicodeScalars.contains(previous)
                    || ("0"..."9").contains(previous)
            {
                continue
            }
            guard let first = number(at: index + 1) else { continue }
            numbers.append(first.value)
            var next = first.end
            // A range: `#645–#647`, `#645-647`, `#645..#647`.
            var separator = 0
            if next < characters.count, "-–—".contains(characters[next]) {
                separator = 1
            } else if next + 1 < characters.count, characters[next] == ".", characters[next + 1] == "." {
                separator = 2
            }
            if separator > 0 {
                var start = next + separator
                if start < characters.count, characters[start] == "#" { start += 1 }
                if let last = number(at: start), last.value > first.value {
                    if last.value - first.value < longestRange {
                        numbers += Array((first.value + 1)...last.value)
                    } else {
                        tooLong.append(String(characters[index..<last.end]))
                    }
                    next = last.end
                }
            }
            index = next - 1
        }
        if let repository {
            let prefix = Array((repository.hasSuffix("/") ? repository : repository + "/") + "issues/")
            var start = 0
            while start + prefix.count <= characters.count {
                if characters[start] == prefix[0], Array(characters[start..<(start + prefix.count)]) == prefix,
                    let found = number(at: start + prefix.count)
                {
                    numbers.append(found.value)
                    start = found.end
                } else {
                    start += 1
                }
            }
        }
        return (numbers, tooLong)
    }

    /// The References lines the author wrote (the template's own lines and placeholders are left out).
    mutating func readReferences() {
        for entry in outline.lines where entry.context.section == "references" {
            guard case .item(nil, let text) = entry.entry else { continue }
            let line = text.trimmed
            let value = ValueText.nameAndValue(line)?.value ?? line
            if TemplateExamples.shared.referenceLines.contains(line) || ValueText.isPlaceholder(value) { continue }
            issue.references.append(line.removingAll("**"))
        }
    }

    /// The summary, the user feedback and the business context.
    mutating func readFreeText() {
        issue.summary = freeText(named: "summary") { $0.context.section.hasSuffix("summary") }
        issue.userFeedback = freeText(named: "user feedback") { $0.context.group == "user feedback" }
        issue.businessContext = freeText(named: "business context") { $0.context.group == "business context" }
    }

    private mutating func freeText(named name: String, where belongs: (Outline.Line) -> Bool) -> String? {
        var paragraphs: [String] = []
        var firstLine: Int?
        for entry in outline.lines where belongs(entry) {
            let text: String
            switch entry.entry {
            case .text(let line): text = line
            case .field(_, let value): text = value
            case .item(nil, let line): text = "- " + line
            default: continue
            }
            if text.isEmpty { continue }
            firstLine = firstLine ?? entry.line
            paragraphs.append(text.trimmed)
        }
        let joined = paragraphs.joined(separator: "\n\n").removingAll("**")
        if joined.isEmpty { return nil }
        if ValueText.isPlaceholder(joined) || TemplateExamples.shared.prompts.contains(joined) {
            warnPlaceholders(firstLine ?? 0, [(name: "the \(name)", placeholder: Self.shortened(joined))])
            return nil
        }
        return joined
    }

    private static func shortened(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(57)) + "..." : text
    }
}
