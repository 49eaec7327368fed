import ReportModel
import Testing

@Suite struct MetricsTests {
    @Test func everyMetricLineIsReadWithUnitsNormalised() {
        let read = issue(
            """
            ## 📊 Performance Metrics
            **Response Times:**
            - Endpoint: `GET /api/v1/docking/jobs/{id}/results`
            - Current: `850ms` (p50), `2,900 ms` (p95), `6.5 min` (p99)
            - Expected: `0.2s` (p50), `1.2 s` (p95), `[C]ms` (p99)

            **Throughput:**
            - Current: `1,200` requests/second
            - Expected: `45 jobs/hour`

            **Resource Usage:**
            - CPU: `62%` average, `98%` peak
            - Memory: `1.5GB` average, `640MB` peak
            - Storage: `120GB` used, `900` IOPS

            **Database Performance:**
            - Query time: `340ms` average, `2,100ms` slowest
            - Connection pool: `48/50` connections used
            - Lock contention: `12` blocked queries
            """)
        var expected = Metrics()
        expected.endpoint = "GET /api/v1/docking/jobs/{id}/results"
        expected.currentLatency = Percentiles(p50: 850, p95: 2900, p99: 390_000)
        expected.expectedLatency = Percentiles(p50: 200, p95: 1200, p99: nil)
        expected.currentThroughput = Rate(value: 1200, unit: "requests/second")
        expected.expectedThroughput = Rate(value: 45, unit: "jobs/hour")
        expected.cpuPercent = Spread(average: 62, peak: 98)
        expected.memoryMB = Spread(average: 1536, peak: 640)
        expected.storageUsedMB = 122_880
        expected.storageIOPS = 900
        expected.databaseQueryMs = Spread(average: 340, peak: 2100)
        expected.connectionsUsed = 48
        expected.connectionsTotal = 50
        expected.blockedQueries = 12
        // The body starts on line 6 of the file: the endpoint is on line 8, the blocked queries on line 24.
        expected.lines = [
            ("endpoint", 8), ("current latency", 9), ("expected latency", 10), ("current throughput", 13),
            ("expected throughput", 14), ("cpu", 17), ("memory", 18), ("storage", 19), ("query time", 22),
            ("connection pool", 23), ("blocked queries", 24),
        ].map { MetricLine(metric: $0.0, line: $0.1) }
        #expect(read.metrics == expected)
    }

    @Test func placeholdersAreNotGivenAndWarnedOncePerLine() {
        let body = """
            **Response Times:**
            - Endpoint: `[/api/v1/endpoint]`
            - Current: `[X]ms` (p50), `900ms` (p95), `[Z]ms` (p99)
            - Expected: `[A]ms` (p50), `[B]ms` (p95), `[C]ms` (p99)
            **Resource Usage:**
            - CPU: `[X]%` average, `[Y]%` peak
            - Connection pool: `[X]/[Y]` connections used
            """
        let read = issue(body)
        #expect(read.metrics.endpoint == nil)
        #expect(read.metrics.currentLatency == Percentiles(p50: nil, p95: 900, p99: nil))
        #expect(read.metrics.expectedLatency == Percentiles())
        #expect(read.metrics.cpuPercent == Spread())
        #expect(read.metrics.connectionsUsed == nil)
        #expect(
            messages(body) == [
                "7: warning: the endpoint is still the template placeholder [/api/v1/endpoint]",
                "8: warning: current p50 and current p99 are still the template placeholders [X]ms, [Z]ms",
                "9: warning: expected p50, expected p95 and expected p99 are still the template placeholders "
                    + "[A]ms, [B]ms, [C]ms",
                "11: warning: CPU average and CPU peak are still the template placeholders [X]%, [Y]%",
                "12: warning: the connection pool is still the template placeholder [X]/[Y]",
            ])
    }

    @Test func withoutGroupLabelsPercentilesTellLatencyFromThroughput() {
        let read = issue(
            """
            ## Performance Metrics
            - Current: 1.2 s (p50), 3 s (p95)
            - Current: `300` jobs/hour
            """)
        #expect(read.metrics.currentLatency == Percentiles(p50: 1200, p95: 3000))
        #expect(read.metrics.currentThroughput == Rate(value: 300, unit: "jobs/hour"))
    }

    @Test func aRemarkAfterAValueDoesNotChangeItsPercentile() {
        let read = issue(
            """
            **Response Times:**
            - Current: `2,100 ms` (p50), `6,000 ms` (p95), `9,400 ms` (p99) to interactive (API part: `1,400 ms` p50)
            """)
        #expect(read.metrics.currentLatency == Percentiles(p50: 2100, p95: 6000, p99: 9400))
    }

    @Test func movedMetricGroupsAreStillRead() {
        let read = issue("## Summary\nSlow.\n\n**Response Times:**\n- Current: `40ms` (p50)\n")
        #expect(read.metrics.currentLatency.p50 == 40)
    }

    @Test func testDataIsReadInMegabytesAndMinutes() {
        let read = issue(
            """
            **Test Data:**
            - Molecule file size: `0.5GB`
            - Number of concurrent users: `50`
            - Test duration: `2` hours
            - Molecular complexity: `~12,000 atoms / 12,400 bonds`
            """)
        #expect(read.reproduction.moleculeFileSizeMB == 512)
        #expect(read.reproduction.concurrentUsers == 50)
        #expect(read.reproduction.testDurationMinutes == 120)
        #expect(read.reproduction.molecularComplexity == "~12,000 atoms / 12,400 bonds")
    }
}
