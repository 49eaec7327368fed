import ReportModel

/// The reports filed against one endpoint, oldest first.
public struct EndpointSeries: Sendable, Equatable {
    /// The endpoint, as written (method and path).
    public let endpoint: String
    /// The reports in date order (then by number).
    public let reports: [EndpointReport]

    /// A series for every endpoint that an issue with a date reports latency or throughput for.
    static func series(of issues: [Issue]) -> [EndpointSeries] {
        var byEndpoint: [String: [Issue]] = [:]
        for issue in issues where issue.date != nil {
            guard let endpoint = issue.metrics.endpoint else { continue }
            let metrics = issue.metrics
            let latency = metrics.currentLatency
            guard latency.p50 != nil || latency.p95 != nil || latency.p99 != nil || metrics.currentThroughput != nil
            else { continue }
            byEndpoint[endpoint, default: []].append(issue)
        }
        return byEndpoint.keys.sorted().map { endpoint in
            let ordered = byEndpoint[endpoint]!.sorted { ($0.date!, $0.number) < ($1.date!, $1.number) }
            var reports: [EndpointReport] = []
            for issue in ordered {
                reports.append(EndpointReport(issue: issue, previous: reports.last))
            }
            return EndpointSeries(endpoint: endpoint, reports: reports)
        }
    }
}

/// One issue's figures for an endpoint, and how they changed since the report before.
public struct EndpointReport: Sendable, Equatable {
    /// The issue that reported them.
    public let issue: Int
    /// The issue's date.
    public let date: Day
    /// The current latency reported.
    public let latency: Percentiles
    /// The current throughput reported.
    public let throughput: Rate?
    /// This report's value over the previous one's, per percentile (1.25 = 25% slower), when both are given.
    public let change: Percentiles

    init(issue: Issue, previous: EndpointReport?) {
        self.issue = issue.number
        self.date = issue.date!
        latency = issue.metrics.currentLatency
        throughput = issue.metrics.currentThroughput
        func ratio(_ now: Double?, _ before: Double?) -> Double? {
            guard let now, let before, before > 0 else { return nil }
            return now / before
        }
        change = Percentiles(
            p50: ratio(latency.p50, previous?.latency.p50), p95: ratio(latency.p95, previous?.latency.p95),
            p99: ratio(latency.p99, previous?.latency.p99))
    }

    /// The percentile this report is compared by: p95, or p50, or p99, when p95 cannot be compared.
    public var comparedBy: Percentile? { change.headline }

    /// This report's value over the previous one's by ``comparedBy``.
    public var headlineChange: Double? { comparedBy.flatMap { change[$0] } }

    /// Worse than the report before: its headline percentile grew.
    public var isRegression: Bool { (headlineChange ?? 0) > 1 }
}
