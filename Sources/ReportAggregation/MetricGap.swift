import ReportModel

/// How far a current figure is from the expected one, as a ratio where 1 is on target and more is worse.
public struct MetricGap: Sendable, Equatable {
    /// The metric (`p95 latency`, `throughput`).
    public let metric: String
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
        let percentiles: [(String, Double?, Double?)] = [
            ("p50 latency", metrics.currentLatency.p50, metrics.expectedLatency.p50),
            ("p95 latency", metrics.currentLatency.p95, metrics.expectedLatency.p95),
            ("p99 latency", metrics.currentLatency.p99, metrics.expectedLatency.p99),
        ]
        for (name, current, expected) in percentiles {
            guard let current, let expected, expected > 0 else { continue }
            gaps.append(
                MetricGap(metric: name, current: current, expected: expected, unit: "ms", ratio: current / expected))
        }
        if let current = metrics.currentThroughput, let expected = metrics.expectedThroughput, current.value > 0,
            current.unit == expected.unit
        {
            gaps.append(
                MetricGap(
                    metric: "throughput", current: current.value, expected: expected.value, unit: current.unit,
                    ratio: expected.value / current.value))
        }
        return gaps
    }
}
