import ReportAggregation
import ReportModel

extension Issue {
    /// The issue as its object in `perfsite export` and `data/issues/`, with exactly the documented keys in the documented order.
    public func json(schema: IssueSchema) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("number", .integer(number)),
            ("title", .string(title)),
            ("author", .string(author)),
            ("date", .string(date?.description)),
            ("month", .string(date?.monthKey)),
            ("state", .string(state.rawValue)),
            ("closedDate", .string(closedDate?.description)),
            ("updated", .string(updated?.description)),
            ("url", .string(url)),
            ("status", .string(attainment.rawValue)),
            ("labels", .strings(labels)),
            ("priority", .string(priority?.rawValue)),
            ("effort", .string(effort?.rawValue)),
            ("milestone", .string(milestone)),
            ("path", .string(path)),
            ("summary", .string(summary)),
            ("issueTypes", .strings(choices(in: .issueTypes))),
            ("components", .strings(choices(in: .components))),
            ("layers", .strings(choices(in: .layers))),
            ("measurementMethods", .strings(choices(in: .measurementMethods))),
            ("businessImpact", .string(businessImpact)),
            ("systemCapacity", .strings(choices(in: .systemCapacity))),
            ("metrics", metrics.json),
            ("targets", .array(targets.map(\.json))),
            ("reproduction", reproduction.json),
            ("investigation", investigationJSON),
            (
                "optimizations",
                .array(
                    optimizations.map {
                        .object([
                            ("category", .string($0.category)), ("id", .string($0.id)), ("label", .string($0.label)),
                            ("custom", .bool($0.custom)),
                        ])
                    })
            ),
            (
                "testingPlan",
                .object([
                    ("loadTesting", .strings(choices(in: .loadTesting))),
                    ("monitoring", .strings(choices(in: .monitoring))),
                    ("successMetrics", .strings(choices(in: .successMetrics))),
                ])
            ),
            (
                "claims",
                .array(
                    claims.map {
                        .object([
                            ("metric", .string($0.metric)), ("percent", .number($0.percent)),
                            ("line", .integer($0.line)),
                        ])
                    })
            ),
            ("claimedImprovementPercent", .number(claimedImprovementPercent)),
            ("relatedIssues", .array(relatedIssues.map { .integer($0) })),
            (
                "historicalPerformance",
                .array(historicalPerformance.map { .object([("id", .string($0.id)), ("detail", .string($0.detail))]) })
            ),
        ]
        let extraGroups = schema.groups.filter { !IssueSchema.template.groups.map(\.id).contains($0.id) }
        if !extraGroups.isEmpty {
            members.append(("otherGroups", .object(extraGroups.map { ($0.id.rawValue, .strings(choices(in: $0.id))) })))
        }
        return .object(members)
    }

    /// Investigation data, plus the parts of the template that the fixed key list has no place for.
    private var investigationJSON: JSONValue {
        .object([
            ("measurementPeriod", .string(measurement.period)),
            ("sampleSize", .string(measurement.sampleSize)),
            ("backendProfiling", .array(investigation.backendProfiling.map(\.json))),
            ("queryAnalysis", .array(investigation.queryAnalysis.map(\.json))),
            ("frontendProfiling", .array(investigation.frontendProfiling.map(\.json))),
            (
                "lighthouse",
                .object([
                    ("performanceScore", .number(investigation.lighthouseScore)),
                    ("largestContentfulPaintMs", .number(investigation.largestContentfulPaintMs)),
                    ("firstInputDelayMs", .number(investigation.firstInputDelayMs)),
                ])
            ),
            (
                "containers",
                .array(
                    investigation.containers.map {
                        .object([
                            ("name", .string($0.name)), ("cpuPercent", .number($0.cpuPercent)),
                            ("memoryUsedMB", .number($0.memoryUsedMB)), ("memoryLimitMB", .number($0.memoryLimitMB)),
                        ])
                    })
            ),
            (
                "databaseStats",
                .object([
                    ("connectionsUsed", .number(investigation.databaseConnectionsUsed)),
                    ("connectionsTotal", .number(investigation.databaseConnectionsTotal)),
                    ("bufferHitRatioPercent", .number(investigation.bufferHitRatioPercent)),
                    ("slowQueries", .number(investigation.slowQueries)),
                    ("indexUsagePercent", .number(investigation.indexUsagePercent)),
                ])
            ),
            ("technicalStack", .array(technicalStack.map(\.json))),
            ("architectureChanges", .array(architectureChanges.map(\.json))),
            ("references", .strings(references)),
            ("userFeedback", .string(userFeedback)),
            ("businessContext", .string(businessContext)),
        ])
    }
}

extension Metrics {
    var json: JSONValue {
        func percentiles(_ value: Percentiles) -> JSONValue {
            .object([("p50", .number(value.p50)), ("p95", .number(value.p95)), ("p99", .number(value.p99))])
        }
        func rate(_ value: Rate?) -> JSONValue {
            value.map { .object([("value", .number($0.value)), ("unit", .string($0.unit))]) } ?? .null
        }
        func spread(_ value: Spread, _ average: String, _ peak: String) -> JSONValue {
            .object([(average, .number(value.average)), (peak, .number(value.peak))])
        }
        return .object([
            ("endpoint", .string(endpoint)),
            (
                "latencyMs",
                .object([("current", percentiles(currentLatency)), ("expected", percentiles(expectedLatency))])
            ),
            ("throughput", .object([("current", rate(currentThroughput)), ("expected", rate(expectedThroughput))])),
            ("cpuPercent", spread(cpuPercent, "average", "peak")),
            ("memoryMB", spread(memoryMB, "average", "peak")),
            ("storage", .object([("usedMB", .number(storageUsedMB)), ("iops", .number(storageIOPS))])),
            ("dbQueryMs", spread(databaseQueryMs, "average", "slowest")),
            ("connectionPool", .object([("used", .number(connectionsUsed)), ("total", .number(connectionsTotal))])),
            ("blockedQueries", .number(blockedQueries)),
        ])
    }
}

extension Target {
    var json: JSONValue {
        .object([
            ("group", .string(group)), ("name", .string(name)), ("comparator", .string(comparator)),
            ("value", .number(value)), ("unit", .string(unit)), ("qualifier", .string(qualifier)),
        ])
    }
}

extension CodeSample {
    var json: JSONValue {
        .object([("label", .string(label)), ("language", .string(language)), ("code", .string(code))])
    }
}

extension Reproduction {
    var json: JSONValue {
        .object([
            ("environmentSetup", .array(environmentSetup.map(\.json))),
            ("loadGeneration", .array(loadGeneration.map(\.json))),
            ("monitoring", .array(monitoring.map(\.json))),
            (
                "testData",
                .object([
                    ("moleculeFileSizeMB", .number(moleculeFileSizeMB)),
                    ("concurrentUsers", .number(concurrentUsers)),
                    ("durationMinutes", .number(testDurationMinutes)),
                    ("molecularComplexity", .string(molecularComplexity)),
                ])
            ),
        ])
    }
}
