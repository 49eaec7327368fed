import ReportModel

/// What a target line measures, told by its unit: the kind of figure of an issue it can be compared with.
public enum TargetKind: String, Sendable, CaseIterable, Codable {
    /// `ms` (seconds are read as milliseconds): compared with the issue's headline current latency.
    case latency
    /// A rate, `/hour`, `jobs/second`: compared with the current throughput over the same time.
    case throughput
    /// `MB`: compared with the memory figure (its peak, else its average).
    case memory
    /// `%`: compared with the CPU figure (its peak, else its average).
    case cpu

    /// The kind a target's unit gives, if any (`cores`, `users` and a bare number have none).
    public init?(unit: String?) {
        guard let unit else { return nil }
        switch unit {
        case "ms": self = .latency
        case "MB": self = .memory
        case "%": self = .cpu
        default:
            guard unit.contains("/") else { return nil }
            self = .throughput
        }
    }

}

/// One issue's figure held against a named target it states.
public struct TargetMeasurement: Sendable, Equatable {
    /// The issue whose figure it is.
    public let issue: Int
    /// The day the issue was filed.
    public let day: Day?
    /// The measured figure, in ``unit``.
    public let measured: Double
    /// The target's value, in ``unit``.
    public let target: Double
    /// The unit of both.
    public let unit: String
    /// How far the figure is from the target: 1 on it, more is worse.
    public let ratio: Double
    /// Met, at risk or unmet, by ``ratio`` (a figure equal to a strict `<` target is at risk, not met).
    public let status: Attainment
}

/// A target named in Target Metrics ("Docking job submission: < 500ms"), gathered across the issues that name it
/// however they spell it (case, spaces and punctuation aside).
public struct NamedTarget: Sendable {
    /// The name's key: its words, lower-cased, joined by `-` (`docking-job-submission`).
    public let key: String
    /// The name as most issues write it (ties: the earliest issue's spelling).
    public let name: String
    /// What it measures, when its unit says (the latest statement's unit).
    public let kind: TargetKind?
    /// The issues that name it, by number.
    public let issues: [Int]
    /// The target as the latest issue states it: `< 500 ms`.
    public let latestStatement: Target
    /// Every measurement against it, oldest first (by day filed, then number).
    public let measurements: [TargetMeasurement]

    /// The newest measurement.
    public var latest: TargetMeasurement? { measurements.last }
    /// The status of the newest measurement; no data without one.
    public var status: Attainment { latest?.status ?? .noData }

    /// Every named target of `issues`, sorted by key.
    static func targets(of issues: [Issue]) -> [NamedTarget] {
        var named: [String: [(issue: Issue, target: Target)]] = [:]
        for issue in issues {
            var seen: Set<String> = []
            for target in issue.targets {
                let key = ChoiceItem.id(for: target.name)
                guard !key.isEmpty, seen.insert(key).inserted else { continue }
                named[key, default: []].append((issue, target))
            }
        }
        return named.keys.sorted().map { key in
            let statements = named[key]!.sorted { order($0.issue, $1.issue) }
            var spellings: [String: Int] = [:]
            for statement in statements { spellings[statement.target.name, default: 0] += 1 }
            let most = spellings.values.max() ?? 0
            let name = statements.first { spellings[$0.target.name] == most }!.target.name
            let latest = statements.last!.target
            let measurements = statements.compactMap { measurement(of: $0.target, in: $0.issue) }
            return NamedTarget(
                key: key, name: name, kind: TargetKind(unit: latest.unit), issues: statements.map(\.issue.number),
                latestStatement: latest, measurements: measurements)
        }
    }

    private static func order(_ a: Issue, _ b: Issue) -> Bool {
        switch (a.date, b.date) {
        case (let x?, let y?) where x != y: x < y
        case (nil, _?): true
        case (_?, nil): false
        default: a.number < b.number
        }
    }

    /// The issue's figure against one of its targets, when the issue has one of the same kind and this is its only
    /// target of that kind (an issue's one latency figure cannot say which of four latency targets it measures).
    /// A memory or CPU target must say so in its name (`Memory per container`): `Access token size: < 4KB` is no
    /// memory figure.
    static func measurement(of target: Target, in issue: Issue) -> TargetMeasurement? {
        guard let kind = measuredKind(of: target), let value = target.value, value > 0,
            issue.targets.count(where: { measuredKind(of: $0) == kind }) == 1,
            let measured = figure(kind, of: issue, unit: target.unit!), measured > 0
        else { return nil }
        let lowerIsBetter: Bool
        switch target.comparator {
        case "<", "<=": lowerIsBetter = true
        case ">", ">=": lowerIsBetter = false
        // Without a comparison, a rate is a floor (the template's `50/hour per worker`); anything else says
        // neither "at most" nor "at least", so it is not held against a figure.
        case nil where kind == .throughput: lowerIsBetter = false
        default: return nil
        }
        let ratio = lowerIsBetter ? measured / value : value / measured
        var status = Attainment(worstRatio: ratio)
        if status == .met, ratio == 1, target.comparator == "<" || target.comparator == ">" { status = .atRisk }
        return TargetMeasurement(
            issue: issue.number, day: issue.date, measured: measured, target: value, unit: target.unit!, ratio: ratio,
            status: status)
    }

    /// The kind of figure a target can be held against: its unit's kind, and for memory and CPU its name's word.
    static func measuredKind(of target: Target) -> TargetKind? {
        guard let kind = TargetKind(unit: target.unit) else { return nil }
        let words = Set(ChoiceItem.id(for: target.name).split(separator: "-"))
        switch kind {
        case .memory: return words.contains("memory") || words.contains("ram") ? kind : nil
        case .cpu: return words.contains("cpu") ? kind : nil
        case .latency, .throughput: return kind
        }
    }

    /// The issue's current figure of a kind, in the target's unit.
    private static func figure(_ kind: TargetKind, of issue: Issue, unit: String) -> Double? {
        let metrics = issue.metrics
        switch kind {
        case .latency:
            return metrics.currentLatency.headline.flatMap { metrics.currentLatency[$0] }
        case .memory:
            return metrics.memoryMB.peak ?? metrics.memoryMB.average
        case .cpu:
            return metrics.cpuPercent.peak ?? metrics.cpuPercent.average
        case .throughput:
            guard let rate = metrics.currentThroughput, RateUnit(rate.unit)?.matches(RateUnit(unit)) == true
            else { return nil }
            return rate.value
        }
    }
}

/// A rate's unit read as what is counted and over what time: `jobs/hour`, `/second`, `req/s`.
struct RateUnit: Equatable {
    /// What is counted, lower-cased; empty when the unit names nothing (`/hour`).
    let counted: String
    /// The time, as `second`, `minute`, `hour` or `day`.
    let per: String

    init?(_ unit: String) {
        guard let slash = unit.lastIndex(of: "/") else { return nil }
        let time = unit[unit.index(after: slash)...].lowercased()
        switch time {
        case "s", "sec", "secs", "second", "seconds": per = "second"
        case "m", "min", "mins", "minute", "minutes": per = "minute"
        case "h", "hr", "hrs", "hour", "hours": per = "hour"
        case "d", "day", "days": per = "day"
        default: return nil
        }
        counted = unit[..<slash].lowercased()
    }

    /// The same time, and the same thing counted unless the target names none.
    func matches(_ target: RateUnit?) -> Bool {
        guard let target, target.per == per else { return false }
        return target.counted.isEmpty || target.counted == counted
    }
}
