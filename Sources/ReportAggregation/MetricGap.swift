import ReportModel

/// How far a current figure is from the expected one, as a ratio where 1 is on target and more is worse.
public struct MetricGap: Sendable, Equatable {
    /// What a gap measures.
    public enum Metric: Sendable, Equatable, Hashable {
        case latency(Percentile)
        case throughput

        /// `p95 latency`, `throughput`: the name pages and data files show.
        public var label: String {
            switch self {
            case .latency(let percentile): "\(percentile.rawValue) latency"
            case .throughput: "throughput"
            }
        }
    }

    /// The metric.
    public let metric: Metric
    /// The current value.
    public let current: Double
    /// The expected value.
    public let expected: Double
    /// The unit of both (`ms`, or the throughput's unit).
    public let unit: String
    /// Current over expected for latency; expected over current for throughput (less is worse there).
    public let ratio: Double

    /// Every metric of an issue that has both a current and an expected value.
    static func gaps(of issue: Issue) -> [MetricGap] {
        let metrics = issue.metrics
        var gaps: [MetricGap] = []
        for percentile in Percentile.allCases {
            guard let current = metrics.currentLatency[percentile], let expected = metrics.expectedLatency[percentile],
                expected > 0
            else { continue }
            gaps.append(
                MetricGap(
                    metric: .latency(percentile), current: current, expected: expected, unit: "ms",
                    ratio: current / expected))
        }
        if let current = metrics.currentThroughput, let expected = metrics.expectedThroughput, current.value > 0,
            current.unit == expected.unit
        {
            gaps.append(
                MetricGap(
                    metric: .throughput, current: current.value, expected: expected.value, unit: current.unit,
                    ratio: expected.value / current.value))
        }
        return gaps
    }
}
