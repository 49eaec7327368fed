import ReportModel

extension BodyReader {
    private static let metricGroups: Set<String> = ["response times", "throughput", "resource usage"]

    /// The `Name: value` lines of Performance Metrics, wherever their bold group was moved.
    mutating func readMetrics() {
        for entry in outline.lines {
            let context = entry.context
            guard context.section == "performance metrics" || Self.metricGroups.contains(context.group),
                let (name, value) = Self.metricLine(entry.entry)
            else { continue }
            readMetric(name: Outline.key(name), value: value, group: context.group, line: entry.line)
        }
    }

    /// A plain list item or a field as `Name: value`.
    static func metricLine(_ entry: Outline.Entry) -> (name: String, value: String)? {
        switch entry {
        case .item(nil, let text): ValueText.nameAndValue(text)
        case .field(let label, let value): (label, value)
        default: nil
        }
    }

    private mutating func readMetric(name: String, value: String, group: String, line: Int) {
        let pieces = ValueText.pieces(value)
        var left: [(name: String, placeholder: String)] = []
        func place(_ label: String, _ piece: ValueText.Piece, _ store: (Quantity) -> Void) {
            if let placeholder = piece.placeholder {
                left.append((label, placeholder))
            } else if let quantity = piece.quantity {
                store(quantity)
            }
        }
        switch name {
        case "endpoint":
            let endpoint = value.replacing("`", with: "").trimmed
            if ValueText.isPlaceholder(endpoint) {
                left.append(("the endpoint", endpoint))
            } else if !endpoint.isEmpty {
                issue.metrics.endpoint = endpoint
            }
        case "current", "expected":
            let isLatency =
                group == "response times"
                || (group != "throughput" && pieces.contains { Self.percentile($0.keywords) != nil })
            if isLatency {
                var percentiles = Percentiles()
                for piece in pieces {
                    guard let percentile = Self.percentile(piece.keywords) else { continue }
                    place("\(name) \(percentile)", piece) { quantity in
                        // The first value given for a percentile is its value; later remarks do not overwrite it.
                        let milliseconds = quantity.milliseconds()
                        switch percentile {
                        case "p50": percentiles.p50 = percentiles.p50 ?? milliseconds
                        case "p95": percentiles.p95 = percentiles.p95 ?? milliseconds
                        default: percentiles.p99 = percentiles.p99 ?? milliseconds
                        }
                    }
                }
                if name == "current" {
                    issue.metrics.currentLatency = percentiles
                } else {
                    issue.metrics.expectedLatency = percentiles
                }
            } else if let piece = pieces.first {
                var rate: Rate?
                place("\(name) throughput", piece) { quantity in
                    var unit = (quantity.unit + " " + quantity.rest).trimmed
                    if let alternative = unit.range(of: " or ") { unit = String(unit[..<alternative.lowerBound]) }
                    rate = Rate(value: quantity.value, unit: unit)
                }
                if name == "current" {
                    issue.metrics.currentThroughput = rate
                } else {
                    issue.metrics.expectedThroughput = rate
                }
            }
        case "cpu":
            issue.metrics.cpuPercent = spread(pieces, "CPU", peakWord: "peak", &left) { $0.value }
        case "memory":
            issue.metrics.memoryMB = spread(pieces, "memory", peakWord: "peak", &left) {
                $0.megabytes(defaultUnit: "GB")
            }
        case "query time":
            issue.metrics.databaseQueryMs = spread(pieces, "query time", peakWord: "slowest", &left) {
                $0.milliseconds()
            }
        case "storage":
            for piece in pieces {
                if piece.keywords.contains("iops") || (piece.quantity?.unit.lowercased() == "iops") {
                    place("storage IOPS", piece) { issue.metrics.storageIOPS = $0.value }
                } else {
                    place("storage used", piece) { issue.metrics.storageUsedMB = $0.megabytes(defaultUnit: "GB") }
                }
            }
        case "connection pool":
            let pair = value.replacing("`", with: "").split(separator: " ").first.map(String.init) ?? ""
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
    }

    /// An average and a peak from pieces tagged `average` and `peak` (or `slowest`), else by position.
    private func spread(
        _ pieces: [ValueText.Piece], _ label: String, peakWord: String,
        _ left: inout [(name: String, placeholder: String)], _ convert: (Quantity) -> Double?
    ) -> Spread {
        var spread = Spread()
        for (index, piece) in pieces.prefix(2).enumerated() {
            let isPeak =
                piece.keywords.contains(peakWord) || piece.keywords.contains("max")
                || (index == 1 && !piece.keywords.contains("av"))
            let slot = isPeak ? peakWord : "average"
            if let placeholder = piece.placeholder {
                left.append(("\(label) \(slot)", placeholder))
            } else if let quantity = piece.quantity {
                if isPeak { spread.peak = convert(quantity) } else { spread.average = convert(quantity) }
            }
        }
        return spread
    }

    /// The first of `p50`, `p95` and `p99` that the keywords name (`(p99) to interactive, p50 …` is p99).
    static func percentile(_ keywords: String) -> String? {
        ["p50", "p95", "p99"].compactMap { name in keywords.range(of: name).map { (name, $0.lowerBound) } }
            .min { $0.1 < $1.1 }?.0
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
            } else if key.contains("concurrent users") {
                issue.reproduction.concurrentUsers = quantity?.value
            } else if key.hasPrefix("test duration") {
                issue.reproduction.testDurationMinutes = quantity?.milliseconds(defaultUnit: "min").map {
                    Quantity.rounded($0 / 60_000)
                }
            } else if key.hasPrefix("molecular complexity") {
                let written = value.replacing("`", with: "").trimmed
                issue.reproduction.molecularComplexity = written.isEmpty ? nil : written
            }
        }
    }
}
