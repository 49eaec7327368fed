import ReportModel

extension BodyReader {
    private static let metricGroups: Set<String> = [
        "response times", "throughput", "resource usage", "database performance",
    ]

    /// The `Name: value` lines of Performance Metrics, wherever their bold group was moved.
    mutating func readMetrics() {
        for entry in outline.lines {
            let context = entry.context
            guard context.section == "performance metrics" || Self.metricGroups.contains(context.group) else {
                continue
            }
            for (offset, name, value) in Self.metricLines(entry.entry) {
                // `Current: 2.1s p95 / Expected: 400ms p95` holds two lines in one.
                for (part, text) in Self.splitExpected(name: Outline.key(name), value: value) {
                    readMetric(name: part, value: text, group: context.group, line: entry.line + offset)
                }
            }
        }
    }

    /// A plain list item, a field, or each line of a paragraph written without bullets, as `Name: value`, with the
    /// line's offset from the entry's first line.
    static func metricLines(_ entry: Outline.Entry) -> [(offset: Int, name: String, value: String)] {
        switch entry {
        case .item(nil, let text):
            return ValueText.nameAndValue(text).map { [(0, $0.name, $0.value)] } ?? []
        case .field(let label, let value):
            // Without bullets, the paragraph's next lines follow the label: each is a metric line of its own. Under a
            // group label (`**Response Times:**`) the label's own line holds nothing, so the first one is line 1.
            let lines = value.lines().map(String.init)
            let isGroup = metricGroups.contains(Outline.key(label))
            let first: [(offset: Int, name: String, value: String)] = isGroup ? [] : [(0, label, lines[0])]
            return first
                + lines.enumerated().dropFirst(isGroup ? 0 : 1).compactMap { offset, line in
                    ValueText.nameAndValue(line).map { (offset + (isGroup ? 1 : 0), $0.name, $0.value) }
                }
        case .text(let text):
            return text.lines().enumerated().compactMap {
                offset, line in ValueText.nameAndValue(String(line)).map { (offset, $0.name, $0.value) }
            }
        default:
            return []
        }
    }

    /// A line that is `metric` only, or a Current value followed by `/ Expected: …` (or `; Expected: …`), split in
    /// two.
    static func metricLine(_ entry: Outline.Entry) -> (name: String, value: String)? {
        metricLines(entry).first.map { ($0.name, $0.value) }
    }

    static func splitExpected(name: String, value: String) -> [(name: String, value: String)] {
        guard name == "current", let range = value.asciiRange(of: "expected:", ignoringCase: true) else {
            return [(name, value)]
        }
        var current = value[..<range.lowerBound].trimmed
        while let last = current.last, "/;|,-–—".contains(last) { current = String(current.dropLast()).trimmed }
        var expected = String(value[range.upperBound...]).trimmed
        if expected.hasPrefix("**") { expected = String(expected.dropFirst(2)).trimmed }
        return [("current", current), ("expected", expected)]
    }

    /// Reads one metric line. A value already read is never replaced (the template pasted twice, its second copy
    /// left as the template wrote it, keeps the first copy's figures), and a figure that cannot be read exactly is
    /// left out with a warning naming what was written, never read as another number.
    private mutating func readMetric(name: String, value: String, group: String, line: Int) {
        let before = issue.metrics
        defer { noteLines(since: before, line: line) }
        let pieces = ValueText.pieces(value)
        var left: [(name: String, placeholder: String)] = []
        var unread: [String] = []
        /// Stores a piece's quantity when `isSet` is false; a placeholder is reported only where no value is.
        func place(_ label: String, _ piece: ValueText.Piece, isSet: Bool = false, _ store: (Quantity) -> Void) {
            if let placeholder = piece.placeholder {
                if !isSet { left.append((label, placeholder)) }
            } else if let quantity = piece.quantity {
                if !isSet { store(quantity) }
            } else if piece.refusal == .range {
                unread.append("\(label): '\(piece.unreadable ?? value)' is a range: write one number")
            } else if let written = piece.unreadable {
                unread.append("\(label): could not read '\(written)'")
            }
        }
        /// A time in milliseconds, or a warning when the unit is not a time.
        func milliseconds(_ label: String, _ quantity: Quantity, defaultUnit: String = "ms") -> Double? {
            guard let milliseconds = quantity.milliseconds(defaultUnit: defaultUnit) else {
                unread.append("\(label): '\(quantity.unit)' is not a unit of time")
                return nil
            }
            return milliseconds
        }
        switch name {
        case "endpoint":
            let endpoint = value.removingAll("`").trimmed
            if ValueText.isNotGiven(endpoint) {
                break
            } else if ValueText.isPlaceholder(endpoint) {
                if issue.metrics.endpoint == nil { left.append(("the endpoint", endpoint)) }
            } else if !endpoint.isEmpty, issue.metrics.endpoint == nil {
                issue.metrics.endpoint = endpoint
            }
        case "current", "expected":
            let isLatency =
                group == "response times"
                || (group != "throughput" && pieces.contains { Self.percentile($0.keywords) != nil })
            if isLatency {
                var percentiles = name == "current" ? issue.metrics.currentLatency : issue.metrics.expectedLatency
                for piece in pieces where !piece.notGiven {
                    guard let percentile = Self.percentile(piece.keywords) else {
                        if piece.quantity != nil || piece.unreadable != nil {
                            let written = piece.unreadable ?? value
                            unread.append(
                                "\(name): could not tell which percentile '\(written)' is: write it like "
                                    + "'850ms (p95)' or 'p95: 850ms'")
                        }
                        continue
                    }
                    let label = "\(name) \(percentile.rawValue)"
                    place(label, piece, isSet: percentiles[percentile] != nil) { quantity in
                        percentiles[percentile] = milliseconds(label, quantity)
                    }
                }
                if name == "current" {
                    issue.metrics.currentLatency = percentiles
                } else {
                    issue.metrics.expectedLatency = percentiles
                }
            } else if let piece = pieces.first, !piece.notGiven {
                let existing = name == "current" ? issue.metrics.currentThroughput : issue.metrics.expectedThroughput
                var rate = existing
                place("\(name) throughput", piece, isSet: existing != nil) { quantity in
                    var unit = (quantity.unit + " " + quantity.rest).trimmed
                    if let alternative = unit.asciiRange(of: " or ") { unit = String(unit[..<alternative.lowerBound]) }
                    rate = Rate(value: quantity.value, unit: Quantity.normalizedUnit(unit) ?? unit)
                }
                if name == "current" {
                    issue.metrics.currentThroughput = rate
                } else {
                    issue.metrics.expectedThroughput = rate
                }
            }
        case "cpu":
            issue.metrics.cpuPercent = spread(
                pieces, "CPU", peakWord: "peak", existing: issue.metrics.cpuPercent, &left, &unread
            ) { $0.percent() }
        case "memory":
            issue.metrics.memoryMB = spread(
                pieces, "memory", peakWord: "peak", existing: issue.metrics.memoryMB, &left, &unread
            ) {
                $0.megabytes(defaultUnit: "GB")
            }
        case "query time":
            issue.metrics.databaseQueryMs = spread(
                pieces, "query time", peakWord: "slowest", existing: issue.metrics.databaseQueryMs, &left, &unread
            ) {
                $0.milliseconds()
            }
        case "storage":
            for piece in pieces {
                if piece.keywords.holds("iops") || (piece.quantity?.unit.lowercased() == "iops") {
                    place("storage IOPS", piece) { issue.metrics.storageIOPS = $0.value }
                } else {
                    place("storage used", piece) { issue.metrics.storageUsedMB = $0.megabytes(defaultUnit: "GB") }
                }
            }
        case "connection pool":
            let pair = value.removingAll("`").split(separator: " ").first.map(String.init) ?? ""
            if ValueText.isPlaceholder(pair) {
                left.append(("the connection pool", pair))
            } else if let (used, total) = Self.fraction(pair) {
                issue.metrics.connectionsUsed = used
                issue.metrics.connectionsTotal = total
            }
        case "lock contention", "blocked queries":
            if let piece = pieces.first {
                place("blocked queries", piece) { issue.metrics.blockedQueries = $0.value }
            }
        default:
            break
        }
        warnPlaceholders(line, left)
        for message in unread { warn(line, message) }
    }

    /// An average and a peak from pieces tagged `average` and `peak` (or `max`, `slowest`), else by position; a
    /// slot `existing` already holds keeps its value.
    private func spread(
        _ pieces: [ValueText.Piece], _ label: String, peakWord: String, existing: Spread,
        _ left: inout [(name: String, placeholder: String)], _ unread: inout [String],
        _ convert: (Quantity) -> Double?
    ) -> Spread {
        var spread = existing
        for (index, piece) in pieces.filter({ !$0.notGiven }).prefix(2).enumerated() {
            let isPeak =
                piece.keywords.contains(peakWord) || piece.keywords.holds("max") || piece.keywords.holds("peak")
                || (index == 1 && !piece.keywords.holds("av"))
            let slot = isPeak ? peakWord : "average"
            let isSet = (isPeak ? existing.peak : existing.average) != nil
            if let placeholder = piece.placeholder {
                if !isSet { left.append(("\(label) \(slot)", placeholder)) }
            } else if let quantity = piece.quantity {
                guard !isSet else { continue }
                guard let value = convert(quantity) else {
                    unread.append("\(label) \(slot): could not read the unit '\(quantity.unit)'")
                    continue
                }
                if isPeak { spread.peak = value } else { spread.average = value }
            } else if piece.refusal == .range {
                unread.append("\(label) \(slot): '\(piece.unreadable ?? "")' is a range: write one number")
            } else if let written = piece.unreadable {
                unread.append("\(label) \(slot): could not read '\(written)'")
            }
        }
        return spread
    }

    /// The first of `p50`, `p95` and `p99` that the keywords name (`(p99) to interactive, p50 …` is p99).
    static func percentile(_ keywords: String) -> Percentile? {
        keywords.withUTF8Bytes({ bytes in percentile(ascii: bytes) }) ?? characterPercentile(keywords)
    }

    /// ``percentile(_:)`` on Characters, for keywords that are not all ASCII.
    static func characterPercentile(_ keywords: String) -> Percentile? {
        // A whole word only: `p99.9` and `p995` are other percentiles, whose figures must not fill the p99 slot.
        func isWhole(_ range: Range<String.Index>) -> Bool {
            guard range.upperBound < keywords.endIndex else { return true }
            let next = keywords[range.upperBound]
            if next.isNumber { return false }
            if next == ".", keywords.index(after: range.upperBound) < keywords.endIndex,
                keywords[keywords.index(after: range.upperBound)].isNumber
            {
                return false
            }
            return true
        }
        return Percentile.allCases.compactMap { percentile in
            var search = keywords.startIndex..<keywords.endIndex
            while let range = keywords.range(of: percentile.rawValue, range: search) {
                if isWhole(range) { return (percentile, range.lowerBound) }
                search = range.upperBound..<keywords.endIndex
            }
            return nil
        }.min { $0.1 < $1.1 }?.0
    }

    private static let percentileNames = Percentile.allCases.map { ($0, Array($0.rawValue.utf8)) }

    /// ``percentile(_:)`` of ASCII keywords, on their bytes; `.some(nil)` when none is named, `nil` when the keywords
    /// are not ASCII.
    private static func percentile(ascii bytes: UnsafeBufferPointer<UInt8>) -> Percentile?? {
        guard ASCIIText.isASCII(bytes) else { return nil }
        var first: (percentile: Percentile, offset: Int)?
        for (percentile, name) in percentileNames {
            var start = 0
            while let offset = name.withUnsafeBufferPointer({
                ASCIIText.firstOffset(of: $0, in: bytes, from: start, ignoringCase: false)
            }) {
                let end = offset + name.count
                let isWhole =
                    end == bytes.count
                    || !(ValueScanner.isDigit(bytes[end])
                        || (bytes[end] == UInt8(ascii: ".") && end + 1 < bytes.count
                            && ValueScanner.isDigit(bytes[end + 1])))
                if isWhole {
                    if offset < first?.offset ?? .max { first = (percentile, offset) }
                    break
                }
                start = end
            }
        }
        return .some(first?.percentile)
    }

    /// `48/50` → (48, 50).
    static func fraction(_ text: String) -> (Double, Double)? {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let used = Quantity(parts[0])?.value, let total = Quantity(parts[1])?.value else {
            return nil
        }
        return (used, total)
    }

    /// The Test Data lines of the Reproduction Steps.
    mutating func readTestData() {
        for entry in outline.lines where entry.context.group == "test data" {
            guard let (name, value) = Self.metricLine(entry.entry) else { continue }
            let key = Outline.key(name)
            let piece = ValueText.pieces(value).first
            if let placeholder = piece?.placeholder {
                warnPlaceholders(entry.line, [(name: name.lowercased(), placeholder: placeholder)])
                continue
            }
            let quantity = piece?.quantity
            if key.hasPrefix("molecule file size") {
                issue.reproduction.moleculeFileSizeMB = quantity?.megabytes()
            } else if key.holds("concurrent users") {
                issue.reproduction.concurrentUsers = quantity?.value
            } else if key.hasPrefix("test duration") {
                issue.reproduction.testDurationMinutes = quantity?.milliseconds(defaultUnit: "min").map {
                    Quantity.rounded($0 / 60_000)
                }
            } else if key.hasPrefix("molecular complexity") {
                let written = value.removingAll("`").trimmed
                issue.reproduction.molecularComplexity = written.isEmpty ? nil : written
            }
        }
    }
}

extension BodyReader {
    /// Records the line of each metric a line set, unless an earlier line already set it.
    fileprivate mutating func noteLines(since before: Metrics, line: Int) {
        let now = issue.metrics
        let changed: [(String, Bool)] = [
            ("endpoint", now.endpoint != before.endpoint),
            ("current latency", now.currentLatency != before.currentLatency),
            ("expected latency", now.expectedLatency != before.expectedLatency),
            ("current throughput", now.currentThroughput != before.currentThroughput),
            ("expected throughput", now.expectedThroughput != before.expectedThroughput),
            ("cpu", now.cpuPercent != before.cpuPercent), ("memory", now.memoryMB != before.memoryMB),
            ("query time", now.databaseQueryMs != before.databaseQueryMs),
            ("storage", now.storageUsedMB != before.storageUsedMB || now.storageIOPS != before.storageIOPS),
            ("connection pool", now.connectionsTotal != before.connectionsTotal),
            ("blocked queries", now.blockedQueries != before.blockedQueries),
        ]
        for (metric, isChanged) in changed where isChanged && now.line(of: metric) == nil {
            issue.metrics.lines.append(MetricLine(metric: metric, line: line))
        }
    }
}
