import ReportModel

/// What came of a closed issue, as benchmark trackers lead with a change: its figure before (the issue's own
/// current latency), after (the next report on the same endpoint filed after it closed), their ratio, whether the
/// target is met now, and the improvement its author claims.
public struct Outcome: Sendable, Equatable {
    /// The closed issue.
    public let issue: Int
    /// Its endpoint.
    public let endpoint: String?
    /// The percentile compared (the headline of the issue's own figures).
    public let percentile: Percentile?
    /// The issue's current latency at ``percentile``, in ms.
    public let before: Double?
    /// The next report's current latency at the same percentile, in ms.
    public let after: Double?
    /// The next report on the endpoint, filed after the issue closed.
    public let afterIssue: Int?
    /// The issue's expected latency at ``percentile``, in ms.
    public let expected: Double?
    /// The improvements the author claims (Validation Criteria).
    public let claims: [Claim]

    /// After over before: below 1 is faster.
    public var ratio: Double? {
        guard let before, let after, before > 0 else { return nil }
        return after / before
    }

    /// How much faster, in percent of before: `(before − after) / before × 100` (negative when slower).
    public var measuredImprovementPercent: Double? { ratio.map { (1 - $0) * 100 } }

    /// The response-time improvement claimed, else the first claim.
    public let claimedPercent: Double?

    /// Whether the figure after meets the expected one; `nil` when either is missing.
    public var targetMet: Bool? {
        guard let after, let expected else { return nil }
        return after <= expected
    }

    /// The outcome of every closed issue, by number. An issue closed without a date, or whose endpoint no later
    /// issue reports, has no figure after.
    static func outcomes(of issues: [Issue], endpoints: [EndpointSeries]) -> [Outcome] {
        let series = Dictionary(endpoints.map { ($0.endpoint, $0) }) { first, _ in first }
        return issues.filter { $0.state == .closed }.map { issue in
            let current = issue.metrics.currentLatency
            let percentile = current.headline
            var after: (Int, Double)?
            if let endpoint = issue.metrics.endpoint, let closed = issue.closedDate, let percentile,
                let reports = series[endpoint]?.reports
            {
                // Reports are in date order: the first filed after the day the issue closed, with that percentile.
                after =
                    reports.lazy.filter { $0.date > closed && $0.issue != issue.number }
                    .compactMap { report in report.latency[percentile].map { (report.issue, $0) } }.first
            }
            return Outcome(
                issue: issue.number, endpoint: issue.metrics.endpoint, percentile: percentile,
                before: percentile.flatMap { current[$0] }, after: after?.1, afterIssue: after?.0,
                expected: percentile.flatMap { issue.metrics.expectedLatency[$0] }, claims: issue.claims,
                claimedPercent: issue.claimedImprovementPercent)
        }
    }
}

/// What the closed issues that chose one idea achieved.
public struct IdeaOutcome: Sendable, Equatable {
    /// How many closed issues chose it.
    public let closed: Int
    /// The median measured improvement of those with a figure after, in percent; with how many had one.
    public let medianMeasuredPercent: Double?
    public let measuredCount: Int
    /// The median claimed improvement of those that claim one, in percent; with how many did.
    public let medianClaimedPercent: Double?
    public let claimedCount: Int
    /// How many closed their gap: the figure after meets the expected one.
    public let closedGap: Int

    init(_ outcomes: [Outcome]) {
        closed = outcomes.count
        let measured = outcomes.compactMap(\.measuredImprovementPercent)
        let claimed = outcomes.compactMap(\.claimedPercent)
        medianMeasuredPercent = Statistics.median(measured)
        measuredCount = measured.count
        medianClaimedPercent = Statistics.median(claimed)
        claimedCount = claimed.count
        closedGap = outcomes.count { $0.targetMet == true }
    }
}
