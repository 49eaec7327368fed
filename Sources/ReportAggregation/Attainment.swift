import ReportModel

/// Whether figures meet what is expected of them, as SLO dashboards (Grafana SLO, Nobl9) show a target: met,
/// at risk, unmet, or no data.
public enum Attainment: String, Sendable, CaseIterable, Codable, Comparable {
    /// Every figure within its expected value (a gap of at most 1).
    case met
    /// The worst gap above 1 and at most ``atRiskLimit``.
    case atRisk = "at-risk"
    /// The worst gap above ``atRiskLimit``.
    case unmet
    /// No figure has both a current and an expected value.
    case noData = "no-data"

    /// The widest gap still "at risk": 10 % past the expected value.
    public static let atRiskLimit = 1.1

    /// The status of gaps (current against expected, 1 on target, more is worse): the worst decides.
    public init(gaps: [MetricGap]) {
        self.init(worstRatio: gaps.map(\.ratio).max())
    }

    /// The status of the worst ratio, `nil` for none.
    public init(worstRatio: Double?) {
        guard let worst = worstRatio else {
            self = .noData
            return
        }
        self = worst <= 1 ? .met : worst <= Self.atRiskLimit ? .atRisk : .unmet
    }

    /// `Met`, `At risk`, `Unmet`, `No data`.
    public var label: String {
        switch self {
        case .met: "Met"
        case .atRisk: "At risk"
        case .unmet: "Unmet"
        case .noData: "No data"
        }
    }

    private var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: Attainment, rhs: Attainment) -> Bool { lhs.order < rhs.order }
}

/// How many issues have each status.
public struct AttainmentCounts: Sendable, Equatable {
    public private(set) var met = 0
    public private(set) var atRisk = 0
    public private(set) var unmet = 0
    public private(set) var noData = 0

    /// No issues.
    public init() {}

    /// The counts of these statuses.
    public init(_ statuses: some Sequence<Attainment>) {
        for status in statuses { add(status) }
    }

    /// Counts one more issue.
    public mutating func add(_ status: Attainment) {
        switch status {
        case .met: met += 1
        case .atRisk: atRisk += 1
        case .unmet: unmet += 1
        case .noData: noData += 1
        }
    }

    /// The count of one status.
    public subscript(status: Attainment) -> Int {
        switch status {
        case .met: met
        case .atRisk: atRisk
        case .unmet: unmet
        case .noData: noData
        }
    }

    /// Every issue counted.
    public var total: Int { met + atRisk + unmet + noData }
}

/// The statuses of the issues of each item of a group (a component, a layer), and of each month's issues.
public struct AttainmentBreakdown: Sendable {
    /// Each item of the group that an issue ticks, in schema order, with the counts of its open issues.
    public let items: [(item: ChoiceItem, counts: AttainmentCounts)]

    /// The breakdown of a group over the open issues.
    init(_ group: ChoiceGroup, issues: [Issue], status: (Issue) -> Attainment) {
        var counts: [String: AttainmentCounts] = [:]
        for issue in issues where issue.state == .open {
            for id in issue.choices(in: group.id) { counts[id, default: AttainmentCounts()].add(status(issue)) }
        }
        items = group.items.compactMap { item in counts[item.id].map { (item, $0) } }
    }
}

extension Issue {
    /// The issue's status against its expected figures: the worst of its gaps decides.
    public var attainment: Attainment { Attainment(gaps: MetricGap.gaps(of: self)) }

    /// The improvement its author claims: the response-time claim, else the first (Validation Criteria).
    public var claimedImprovementPercent: Double? {
        (claims.first { $0.metric == "response-time-improved" } ?? claims.first)?.percent
    }
}
