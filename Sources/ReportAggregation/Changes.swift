import ReportModel

/// What a build showed, kept beside the site (`data/state.json`) so that the next build can say what changed: the
/// open and closed issues, each endpoint's latest report and each named target's status.
public struct BuildState: Sendable, Equatable {
    /// An endpoint's latest report: its issue and headline latency.
    public struct Endpoint: Sendable, Equatable {
        public let issue: Int
        public let percentile: Percentile?
        public let milliseconds: Double?

        public init(issue: Int, percentile: Percentile?, milliseconds: Double?) {
            self.issue = issue
            self.percentile = percentile
            self.milliseconds = milliseconds
        }
    }

    /// The day the build's data was as of.
    public var day: Day?
    public var open: Set<Int>
    public var closed: Set<Int>
    public var endpoints: [String: Endpoint]
    public var targets: [String: Attainment]

    public init(
        day: Day?, open: Set<Int>, closed: Set<Int>, endpoints: [String: Endpoint], targets: [String: Attainment]
    ) {
        self.day = day
        self.open = open
        self.closed = closed
        self.endpoints = endpoints
        self.targets = targets
    }

    /// The state of a report as of `day`.
    public init(_ report: Report, day: Day?) {
        self.day = day
        open = Set(report.issues.filter { $0.state == .open }.map(\.number))
        closed = Set(report.issues.filter { $0.state == .closed }.map(\.number))
        var endpoints: [String: Endpoint] = [:]
        for series in report.endpoints {
            guard let latest = series.reports.last else { continue }
            let percentile = latest.latency.headline
            endpoints[series.endpoint] = Endpoint(
                issue: latest.issue, percentile: percentile, milliseconds: percentile.flatMap { latest.latency[$0] })
        }
        self.endpoints = endpoints
        targets = Dictionary(uniqueKeysWithValues: report.targets.map { ($0.key, $0.status) })
    }

    /// Whether two states show the same data, whatever day each was as of.
    public func showsTheSame(as other: BuildState) -> Bool {
        open == other.open && closed == other.closed && endpoints == other.endpoints && targets == other.targets
    }

    /// What the next build compares with, given the last build's state and what that build compared with: the
    /// last build, unless nothing changed since (then the same base as the last build, so a rebuild of unchanged
    /// issues shows the same page); `nil` (the last 30 days) when there was no last build.
    public static func base(now: BuildState, last: BuildState?, lastBase: BuildState?) -> BuildState? {
        guard let last else { return nil }
        return now.showsTheSame(as: last) ? lastBase : last
    }
}

/// One endpoint's change between two reports.
public struct EndpointChange: Sendable, Equatable {
    public let endpoint: String
    public let beforeIssue: Int
    public let afterIssue: Int
    public let percentile: Percentile
    public let before: Double
    public let after: Double
    /// After over before: above 1 is slower.
    public var ratio: Double { after / before }
}

/// What is new since the previous build of the same output, or, without one, in the last 30 days: issues filed and
/// closed, endpoints regressed and improved, named targets newly met or missed.
public struct Changes: Sendable {
    /// What the changes are counted from.
    public enum Base: Sendable, Equatable {
        /// The previous build, as of its day.
        case previousBuild(Day?)
        /// The days up to and including `to`.
        case lastDays(Int, to: Day?)
    }

    public let base: Base
    public let filed: [Int]
    public let closed: [Int]
    public let regressed: [EndpointChange]
    public let improved: [EndpointChange]
    /// Named targets' keys.
    public let newlyMet: [String]
    public let newlyMissed: [String]

    /// Whether nothing changed.
    public var isEmpty: Bool {
        filed.isEmpty && closed.isEmpty && regressed.isEmpty && improved.isEmpty && newlyMet.isEmpty
            && newlyMissed.isEmpty
    }

    /// The changes since `previous`, or in the `days` up to `asOf` without it.
    public init(_ report: Report, since previous: BuildState?, asOf: Day?, days: Int = 30) {
        let missed: Set<Attainment> = [.unmet, .atRisk]
        var regressed: [EndpointChange] = []
        var improved: [EndpointChange] = []
        func add(_ change: EndpointChange) {
            if change.after > change.before { regressed.append(change) }
            if change.after < change.before { improved.append(change) }
        }
        if let previous {
            base = .previousBuild(previous.day)
            filed = report.issues.map(\.number).filter { !previous.open.contains($0) && !previous.closed.contains($0) }
            closed = report.issues.filter { $0.state == .closed && !previous.closed.contains($0.number) }.map(\.number)
            for series in report.endpoints {
                guard let latest = series.reports.last, let before = previous.endpoints[series.endpoint],
                    before.issue != latest.issue, let percentile = before.percentile, let was = before.milliseconds,
                    was > 0, let now = latest.latency[percentile]
                else { continue }
                add(
                    EndpointChange(
                        endpoint: series.endpoint, beforeIssue: before.issue, afterIssue: latest.issue,
                        percentile: percentile, before: was, after: now))
            }
            newlyMet = report.targets.filter { $0.status == .met && previous.targets[$0.key] != .met }.map(\.key)
            newlyMissed = report.targets.filter {
                missed.contains($0.status) && !(previous.targets[$0.key].map(missed.contains) ?? false)
            }.map(\.key)
        } else {
            base = .lastDays(days, to: asOf)
            let from = asOf?.adding(days: -days)
            func recent(_ day: Day?) -> Bool {
                guard let day, let from, let asOf else { return false }
                return day > from && day <= asOf
            }
            filed = report.issues.filter { recent($0.date) }.map(\.number)
            closed = report.issues.filter { $0.state == .closed && recent($0.closedDate) }.map(\.number)
            for series in report.endpoints {
                let reports = series.reports
                guard reports.count >= 2, let latest = reports.last, recent(latest.date),
                    let percentile = latest.comparedBy
                else { continue }
                let before = reports[reports.count - 2]
                guard let was = before.latency[percentile], was > 0, let now = latest.latency[percentile] else {
                    continue
                }
                add(
                    EndpointChange(
                        endpoint: series.endpoint, beforeIssue: before.issue, afterIssue: latest.issue,
                        percentile: percentile, before: was, after: now))
            }
            var met: [String] = []
            var missing: [String] = []
            for target in report.targets {
                guard let latest = target.latest, recent(latest.day) else { continue }
                let earlier = target.measurements.dropLast().last?.status
                if latest.status == .met, earlier != .met { met.append(target.key) }
                if missed.contains(latest.status), !(earlier.map(missed.contains) ?? false) {
                    missing.append(target.key)
                }
            }
            newlyMet = met
            newlyMissed = missing
        }
        self.regressed = regressed
        self.improved = improved
    }
}
