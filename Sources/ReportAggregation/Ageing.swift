import ReportModel

/// Medians and 90th percentiles of a list of durations, as GitHub's issue-metrics reports time to close.
public enum Statistics {
    /// The `fraction` quantile (0…1) by linear interpolation between the closest ranks, as numpy's
    /// `percentile` (and so issue-metrics) computes it; `nil` for no values.
    public static func quantile(_ values: [Double], _ fraction: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let position = fraction * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }

    /// The median: the middle value, or the mean of the two middle ones.
    public static func median(_ values: [Double]) -> Double? { quantile(values, 0.5) }
}

/// How many days a set of issues took to close.
public struct DaysToClose: Sendable, Equatable {
    /// Issues with both a filed and a closed date.
    public let count: Int
    /// The median and 90th percentile of their days from filed to closed.
    public let median: Double?
    public let p90: Double?

    init(_ days: [Int]) {
        let values = days.map(Double.init)
        count = days.count
        median = Statistics.median(values)
        p90 = Statistics.quantile(values, 0.9)
    }
}

/// How old the open issues are.
public enum AgeBand: String, Sendable, CaseIterable, Codable {
    case underWeek = "under-7-days"
    case underMonth = "7-30-days"
    case underQuarter = "30-90-days"
    case older = "over-90-days"

    /// The band of an age in days: under 7, 7 to 30, over 30 to 90, over 90.
    public init(days: Int) {
        self = days < 7 ? .underWeek : days <= 30 ? .underMonth : days <= 90 ? .underQuarter : .older
    }

    /// `Under 7 days`, `7–30 days`, …
    public var label: String {
        switch self {
        case .underWeek: "Under 7 days"
        case .underMonth: "7–30 days"
        case .underQuarter: "30–90 days"
        case .older: "Over 90 days"
        }
    }
}

/// An open issue past the close target of its priority.
public struct OverdueIssue: Sendable, Equatable {
    public let issue: Int
    /// Days open as of the report's day.
    public let days: Int
    /// Its priority's close target in days (`closeWithin`).
    public let limit: Int
}

/// Time to close and ageing, as issue-metrics and Jira's control chart show them: days from filed to closed by
/// priority, component, layer and month closed; open issues by age; those past their priority's close target.
public struct Ageing: Sendable {
    /// The day ages are counted to (`SOURCE_DATE_EPOCH`, else the newest day of the data).
    public let asOf: Day?
    /// Every closed issue with both dates.
    public let overall: DaysToClose
    /// By priority, P0…P3 then none; priorities no closed issue has are left out.
    public let byPriority: [(priority: Priority?, days: DaysToClose)]
    /// By item of each browsable group (components, layers, …), in schema order; items no closed issue ticks are
    /// left out.
    public let byGroup: [ChoiceGroup.ID: [(item: ChoiceItem, days: DaysToClose)]]
    /// By month closed (`YYYY-MM`), oldest first.
    public let byMonthClosed: [(month: String, days: DaysToClose)]
    /// Closed issues whose days to close cannot be counted: no closed date, no filed date, or closed before filed.
    public let uncounted: [Int]
    /// Open issues in each age band (every band, empty ones too), by number; open issues without a date are in
    /// none.
    public let openByAge: [(band: AgeBand, issues: [Int])]
    /// Open issues past their priority's close target, the longest overdue first.
    public let overdue: [OverdueIssue]

    /// The ageing of a report's issues as of `asOf`, with close targets in days by priority.
    public init(_ report: Report, asOf: Day?, closeWithin: [Priority: Int] = [:]) {
        self.asOf = asOf
        var counted: [(issue: Issue, days: Int)] = []
        var uncounted: [Int] = []
        for issue in report.issues where issue.state == .closed {
            if let days = issue.daysToClose {
                counted.append((issue, days))
            } else {
                uncounted.append(issue.number)
            }
        }
        self.uncounted = uncounted
        overall = DaysToClose(counted.map(\.days))
        byPriority = (Priority.allCases.map { Optional($0) } + [nil]).compactMap { priority in
            let days = counted.filter { $0.issue.priority == priority }.map(\.days)
            return days.isEmpty ? nil : (priority, DaysToClose(days))
        }
        var byGroup: [ChoiceGroup.ID: [(item: ChoiceItem, days: DaysToClose)]] = [:]
        for id in report.schema.browsable {
            guard let group = report.schema.group(id) else { continue }
            byGroup[id] = group.items.compactMap { item in
                let days = counted.filter { $0.issue.choices(in: id).contains(item.id) }.map(\.days)
                return days.isEmpty ? nil : (item, DaysToClose(days))
            }
        }
        self.byGroup = byGroup
        let months = Dictionary(grouping: counted) { $0.issue.closedDate!.monthKey }
        byMonthClosed = months.keys.sorted().map { ($0, DaysToClose(months[$0]!.map(\.days))) }
        var bands: [AgeBand: [Int]] = [:]
        var overdue: [OverdueIssue] = []
        if let asOf {
            for issue in report.issues where issue.state == .open {
                guard let filed = issue.date else { continue }
                let days = max(asOf.days(since: filed), 0)
                bands[AgeBand(days: days), default: []].append(issue.number)
                if let priority = issue.priority, let limit = closeWithin[priority], days > limit {
                    overdue.append(OverdueIssue(issue: issue.number, days: days, limit: limit))
                }
            }
        }
        openByAge = AgeBand.allCases.map { ($0, bands[$0] ?? []) }
        self.overdue = overdue.sorted { ($0.days - $0.limit, $1.issue) > ($1.days - $1.limit, $0.issue) }
    }
}

/// Open issues nobody can act on or nobody has touched: no figures, or not updated for a while.
public struct Staleness: Sendable, Equatable {
    /// Open issues without a single figure (every value missing or left as the template's placeholder).
    public let unmeasured: [Int]
    /// Open issues not updated (`updated:`, else the filed date) for more than ``afterDays``, the longest first.
    public let stale: [(issue: Int, days: Int)]
    /// The days without an update after which an open issue is stale (`staleAfterDays`).
    public let afterDays: Int

    public init(_ report: Report, asOf: Day?, afterDays: Int) {
        self.afterDays = afterDays
        let open = report.issues.filter { $0.state == .open }
        unmeasured = open.filter { $0.metrics.isEmpty }.map(\.number)
        var stale: [(issue: Int, days: Int)] = []
        if let asOf {
            for issue in open {
                guard let last = issue.updated ?? issue.date else { continue }
                let days = asOf.days(since: last)
                if days > afterDays { stale.append((issue.number, days)) }
            }
        }
        self.stale = stale.sorted { ($0.days, $1.issue) > ($1.days, $0.issue) }
    }

    public static func == (lhs: Staleness, rhs: Staleness) -> Bool {
        lhs.unmeasured == rhs.unmeasured && lhs.afterDays == rhs.afterDays
            && lhs.stale.map(\.issue) == rhs.stale.map(\.issue) && lhs.stale.map(\.days) == rhs.stale.map(\.days)
    }
}
