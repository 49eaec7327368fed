import ReportAggregation
import ReportModel

/// `data/report.json`: the aggregates the pages are drawn from, for anyone who wants the numbers.
struct ReportExport {
    let report: Report

    func json() -> String {
        let groups: [(String, JSONValue)] = report.schema.browsable.map { group in
            (
                group.rawValue,
                .array(
                    (report.groups[group] ?? []).map { summary in
                        .object([
                            ("id", .string(summary.item.id)), ("label", .string(summary.item.label)),
                            ("open", .integer(summary.count(.open))), ("closed", .integer(summary.count(.closed))),
                            (
                                "byPriority",
                                .object(Priority.allCases.map { ($0.rawValue, .integer(summary.count($0))) })
                            ),
                            ("issues", .array(summary.issues.map { .integer($0.number) })),
                            ("openedPerMonth", .array(summary.openedPerMonth.map { .integer($0) })),
                        ])
                    })
            )
        }
        func pivot(_ pivot: Pivot) -> JSONValue {
            .object([
                ("rows", .strings(pivot.rows)), ("columns", .strings(pivot.columns)),
                ("counts", .array(pivot.counts.map { .array($0.map { .integer($0) }) })),
            ])
        }
        func percentiles(_ value: Percentiles) -> JSONValue {
            .object([("p50", .number(value.p50)), ("p95", .number(value.p95)), ("p99", .number(value.p99))])
        }
        return JSONValue.object([
            ("generator", .string(IssueExport.generator)),
            (
                "months",
                .array(
                    report.months.map {
                        .object([
                            ("month", .string($0.month)), ("opened", .integer($0.opened)),
                            ("closed", .integer($0.closed)), ("openAtEnd", .integer($0.openAtEnd)),
                        ])
                    })
            ),
            ("groups", .object(groups)),
            (
                "byPriority",
                .object(report.byPriority.map { ($0.key?.rawValue ?? "none", .array($0.issues.map { .integer($0) })) })
            ),
            (
                "byEffort",
                .object(report.byEffort.map { ($0.key?.rawValue ?? "none", .array($0.issues.map { .integer($0) })) })
            ),
            ("componentLayerPivot", pivot(report.componentLayerPivot)),
            ("priorityEffortPivot", pivot(report.priorityEffortPivot)),
            (
                "endpoints",
                .array(
                    report.endpoints.map { series in
                        .object([
                            ("endpoint", .string(series.endpoint)),
                            (
                                "reports",
                                .array(
                                    series.reports.map {
                                        .object([
                                            ("issue", .integer($0.issue)), ("date", .string($0.date.description)),
                                            ("latencyMs", percentiles($0.latency)), ("change", percentiles($0.change)),
                                            ("regression", .bool($0.isRegression)),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
            (
                "gaps",
                .array(
                    report.issues.compactMap { issue in
                        guard let gaps = report.gaps[issue.number], !gaps.isEmpty else { return nil }
                        return .object([
                            ("issue", .integer(issue.number)),
                            (
                                "gaps",
                                .array(
                                    gaps.map {
                                        .object([
                                            ("metric", .string($0.metric.label)), ("current", .number($0.current)),
                                            ("expected", .number($0.expected)), ("unit", .string($0.unit)),
                                            ("ratio", .number(($0.ratio * 1000).rounded() / 1000)),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
            (
                "optimizations",
                .array(
                    report.catalogue.map {
                        .object([
                            ("category", .string($0.category)), ("id", .string($0.id)), ("label", .string($0.label)),
                            ("custom", .bool($0.custom)), ("issues", .array($0.issues.map { .integer($0) })),
                            ("closed", .integer($0.closedCount)), ("components", .strings($0.components)),
                            ("layers", .strings($0.layers)),
                        ])
                    })
            ),
        ]).serialized() + "\n"
    }
}
