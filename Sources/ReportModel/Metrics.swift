/// The figures of the Performance Metrics section, units normalised: times in milliseconds, sizes in MB.
public struct Metrics: Sendable, Equatable, Codable {
    /// The endpoint, method and path as written, without backticks.
    public var endpoint: String?
    /// The measured latency.
    public var currentLatency = Percentiles()
    /// The latency the author expects.
    public var expectedLatency = Percentiles()
    /// The measured throughput.
    public var currentThroughput: Rate?
    /// The throughput the author expects.
    public var expectedThroughput: Rate?
    /// CPU use in percent.
    public var cpuPercent = Spread()
    /// Memory use in MB (1 GB = 1024 MB).
    public var memoryMB = Spread()
    /// Storage used in MB.
    public var storageUsedMB: Double?
    /// Storage I/O operations per second.
    public var storageIOPS: Double?
    /// Database query time in milliseconds; `peak` is the slowest query.
    public var databaseQueryMs = Spread()
    /// Connections of the pool in use.
    public var connectionsUsed: Double?
    /// Connections in the pool.
    public var connectionsTotal: Double?
    /// Queries blocked by lock contention.
    public var blockedQueries: Double?
    /// The line each metric was first read from, by the metric's name (`current latency`, `memory`, …).
    public var lines: [MetricLine] = []

    /// Creates empty metrics.
    public init() {}

    /// Whether any figure at all was given.
    public var isEmpty: Bool { figures == Metrics() }

    /// The figures alone, without the lines they were read from: two writings of the same figures have the same.
    public var figures: Metrics {
        var figures = self
        figures.lines = []
        return figures
    }

    /// The line a metric was first read from.
    public func line(of metric: String) -> Int? { lines.first { $0.metric == metric }?.line }
}

/// Where a metric was read: `current latency` on line 45.
public struct MetricLine: Sendable, Equatable, Codable {
    public var metric: String
    public var line: Int

    public init(metric: String, line: Int) {
        self.metric = metric
        self.line = line
    }
}

/// A latency percentile the template asks for.
public enum Percentile: String, Sendable, CaseIterable, Codable {
    case p50, p95, p99

    /// The order a single figure is chosen in where one stands for an issue or a change: p95, else p50, else p99.
    public static let headlineOrder: [Percentile] = [.p95, .p50, .p99]
}

/// Latency percentiles in milliseconds, each given or not on its own.
public struct Percentiles: Sendable, Equatable, Codable {
    /// The median.
    public var p50: Double?
    /// The 95th percentile.
    public var p95: Double?
    /// The 99th percentile.
    public var p99: Double?

    /// Creates percentiles.
    public init(p50: Double? = nil, p95: Double? = nil, p99: Double? = nil) {
        self.p50 = p50
        self.p95 = p95
        self.p99 = p99
    }

    /// The figure of one percentile.
    public subscript(_ percentile: Percentile) -> Double? {
        get {
            switch percentile {
            case .p50: p50
            case .p95: p95
            case .p99: p99
            }
        }
        set {
            switch percentile {
            case .p50: p50 = newValue
            case .p95: p95 = newValue
            case .p99: p99 = newValue
            }
        }
    }

    /// The percentile that stands for these figures: the first given of ``Percentile/headlineOrder``.
    public var headline: Percentile? { Percentile.headlineOrder.first { self[$0] != nil } }
}

/// A rate and its unit as written (`1200`, `requests/second`).
public struct Rate: Sendable, Equatable, Codable {
    /// The number.
    public var value: Double
    /// The unit, as written.
    public var unit: String

    /// Creates a rate.
    public init(value: Double, unit: String) {
        self.value = value
        self.unit = unit
    }
}

/// An average and a peak (for query time, the slowest query).
public struct Spread: Sendable, Equatable, Codable {
    /// The average.
    public var average: Double?
    /// The peak.
    public var peak: Double?

    /// Creates a spread.
    public init(average: Double? = nil, peak: Double? = nil) {
        self.average = average
        self.peak = peak
    }
}

/// An improvement an author claims, from a ticked box of Validation Criteria: `Response time improved by 70%`.
public struct Claim: Sendable, Equatable, Codable {
    /// The Success Metrics item the box is (`response-time-improved`, `throughput-increased`,
    /// `resource-usage-reduced`).
    public var metric: String
    /// The percentage claimed (70 for `by 70%`).
    public var percent: Double
    /// The line it was read from.
    public var line: Int

    /// Creates a claim.
    public init(metric: String, percent: Double, line: Int) {
        self.metric = metric
        self.percent = percent
        self.line = line
    }
}

/// One line of Target Metrics: `Molecule upload: < 2s for 10MB files`.
public struct Target: Sendable, Equatable, Codable {
    /// The id of the bold group the line stands under (`api-response-times`).
    public var group: String
    /// The name before the colon (`Molecule upload`).
    public var name: String
    /// The comparison (`<`, `<=`, `>`, `>=`, `=`); a trailing `+` reads as `>=`; `nil` when none is written.
    public var comparator: String?
    /// The number, normalised to `unit` (2 s becomes 2000 ms).
    public var value: Double?
    /// The unit after normalisation (`ms`, `MB`, `%`), or as written (`/hour`, `cores`), or `nil`.
    public var unit: String?
    /// The rest of the line (`for 10MB files`).
    public var qualifier: String?
    /// The name and the rest of the line as HTML, when they hold inline Markdown (`` (use `numThreads`) ``).
    public var nameHTML: String?
    public var qualifierHTML: String?
    /// The line it was read from.
    public var line: Int

    /// Creates a target.
    public init(
        group: String, name: String, comparator: String?, value: Double?, unit: String?, qualifier: String?,
        line: Int
    ) {
        self.group = group
        self.name = name
        self.comparator = comparator
        self.value = value
        self.unit = unit
        self.qualifier = qualifier
        self.line = line
    }
}

/// The Reproduction Steps: commands and test data.
public struct Reproduction: Sendable, Equatable, Codable {
    /// The Environment Setup code blocks.
    public var environmentSetup: [CodeSample] = []
    /// The Load Generation code blocks.
    public var loadGeneration: [CodeSample] = []
    /// The Monitoring Commands code blocks.
    public var monitoring: [CodeSample] = []
    /// Molecule file size in MB.
    public var moleculeFileSizeMB: Double?
    /// Number of concurrent users.
    public var concurrentUsers: Double?
    /// Test duration in minutes.
    public var testDurationMinutes: Double?
    /// Molecular complexity, as written.
    public var molecularComplexity: String?

    /// Creates empty reproduction steps.
    public init() {}
}

/// The Investigation Data: the blocks as written and the figures of fixed form read from them.
public struct Investigation: Sendable, Equatable, Codable {
    /// Backend profiling blocks.
    public var backendProfiling: [CodeSample] = []
    /// Database query analysis blocks.
    public var queryAnalysis: [CodeSample] = []
    /// Frontend profiling blocks.
    public var frontendProfiling: [CodeSample] = []
    /// Lighthouse performance score, 0 to 100.
    public var lighthouseScore: Double?
    /// Largest Contentful Paint in milliseconds.
    public var largestContentfulPaintMs: Double?
    /// First Input Delay in milliseconds.
    public var firstInputDelayMs: Double?
    /// The rows of the container resources table.
    public var containers: [ContainerUsage] = []
    /// Database connections in use.
    public var databaseConnectionsUsed: Double?
    /// Database connections available.
    public var databaseConnectionsTotal: Double?
    /// Buffer cache hit ratio in percent.
    public var bufferHitRatioPercent: Double?
    /// Slow queries counted.
    public var slowQueries: Double?
    /// Index usage in percent.
    public var indexUsagePercent: Double?

    /// Creates empty investigation data.
    public init() {}
    /// The line each figure of fixed form was read from, by its name (`performance score`, `container api`, …).
    public var lines: [MetricLine] = []

    /// The line a figure was read from.
    public func line(of figure: String) -> Int? { lines.first { $0.metric == figure }?.line }
}

/// One row of a `docker stats`-style container table.
public struct ContainerUsage: Sendable, Equatable, Codable {
    /// The container name.
    public var name: String
    /// CPU use in percent.
    public var cpuPercent: Double?
    /// Memory used in MB.
    public var memoryUsedMB: Double?
    /// Memory limit in MB.
    public var memoryLimitMB: Double?

    /// Creates a row.
    public init(name: String, cpuPercent: Double?, memoryUsedMB: Double?, memoryLimitMB: Double?) {
        self.name = name
        self.cpuPercent = cpuPercent
        self.memoryUsedMB = memoryUsedMB
        self.memoryLimitMB = memoryLimitMB
    }
}
