import ReportAggregation
import ReportModel

/// `data/report.json`: the aggregates the pages are drawn from, for anyone who wants the numbers.
struct ReportExport {
    let report: Report
    let ageing: Ageing
    let staleness: Staleness
    let changes: Changes

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
                            ("outcome", ideaOutcome(report.ideaOutcome($0))),
                        ])
                    })
            ),
            ("attainment", attainment),
            ("targets", .array(report.targets.map(target))),
            ("outcomes", .array(report.outcomes.map(outcome))),
            ("ageing", ageingJSON),
            ("changes", changesJSON),
            (
                "stale",
                .object([
                    ("afterDays", .integer(staleness.afterDays)),
                    ("unmeasured", .array(staleness.unmeasured.map { .integer($0) })),
                    (
                        "notUpdated",
                        .array(
                            staleness.stale.map {
                                .object([("issue", .integer($0.issue)), ("days", .integer($0.days))])
                            })
                    ),
                ])
            ),
        ]).serialized() + "\n"
    }

    private var changesJSON: JSONValue {
        let since: JSONValue
        switch changes.base {
        case .previousBuild(let day):
            since = .object([("previousBuild", .bool(true)), ("day", .string(day?.description))])
        case .lastDays(let days, let to):
            since = .object([("lastDays", .integer(days)), ("to", .string(to?.description))])
        }
        func endpoints(_ list: [EndpointChange]) -> JSONValue {
            .array(
                list.map {
                    .object([
                        ("endpoint", .string($0.endpoint)), ("beforeIssue", .integer($0.beforeIssue)),
                        ("afterIssue", .integer($0.afterIssue)), ("percentile", .string($0.percentile.rawValue)),
                        ("beforeMs", .number($0.before)), ("afterMs", .number($0.after)),
                        ("ratio", .number(($0.ratio * 1000).rounded() / 1000)),
                    ])
                })
        }
        return .object([
            ("since", since), ("filed", .array(changes.filed.map { .integer($0) })),
            ("closed", .array(changes.closed.map { .integer($0) })), ("regressed", endpoints(changes.regressed)),
            ("improved", endpoints(changes.improved)), ("newlyMet", .strings(changes.newlyMet)),
            ("newlyMissed", .strings(changes.newlyMissed)),
        ])
    }

    private func counts(_ counts: AttainmentCounts) -> JSONValue {
        .object(Attainment.allCases.map { ($0.rawValue, .integer(counts[$0])) })
    }

    private var attainment: JSONValue {
        var byGroup: [(String, JSONValue)] = []
        for group in [ChoiceGroup.ID.components, .layers] {
            guard let breakdown = report.attainment(by: group) else { continue }
            byGroup.append(
                (
                    group.rawValue,
                    .array(
                        breakdown.items.map { .object([("id", .string($0.item.id)), ("open", counts($0.counts))]) })
                ))
        }
        return .object(
            [
                ("open", counts(report.openAttainment)),
                (
                    "byIssue",
                    .object(report.issues.map { (String($0.number), .string(report.status(of: $0.number).rawValue)) })
                ),
                (
                    "byMonthFiled",
                    .array(
                        report.attainmentByMonth.map {
                            .object([("month", .string($0.month)), ("counts", counts($0.counts))])
                        })
                ),
            ] + byGroup)
    }

    private func target(_ target: NamedTarget) -> JSONValue {
        .object([
            ("key", .string(target.key)), ("name", .string(target.name)), ("kind", .string(target.kind?.rawValue)),
            ("issues", .array(target.issues.map { .integer($0) })),
            ("comparator", .string(target.latestStatement.comparator)),
            ("value", .number(target.latestStatement.value)),
            ("unit", .string(target.latestStatement.unit)), ("status", .string(target.status.rawValue)),
            (
                "measurements",
                .array(
                    target.measurements.map {
                        .object([
                            ("issue", .integer($0.issue)), ("date", .string($0.day?.description)),
                            ("measured", .number($0.measured)), ("target", .number($0.target)),
                            ("unit", .string($0.unit)), ("ratio", .number(($0.ratio * 1000).rounded() / 1000)),
                            ("status", .string($0.status.rawValue)),
                        ])
                    })
            ),
        ])
    }

    private func outcome(_ outcome: Outcome) -> JSONValue {
        .object([
            ("issue", .integer(outcome.issue)), ("endpoint", .string(outcome.endpoint)),
            ("percentile", .string(outcome.percentile?.rawValue)), ("beforeMs", .number(outcome.before)),
            ("afterMs", .number(outcome.after)), ("afterIssue", outcome.afterIssue.map { .integer($0) } ?? .null),
            ("expectedMs", .number(outcome.expected)),
            ("ratio", .number(outcome.ratio.map { ($0 * 1000).rounded() / 1000 })),
            (
                "measuredImprovementPercent",
                .number(outcome.measuredImprovementPercent.map { ($0 * 10).rounded() / 10 })
            ),
            ("claimedImprovementPercent", .number(outcome.claimedPercent)),
            ("targetMet", outcome.targetMet.map { .bool($0) } ?? .null),
        ])
    }

    private func ideaOutcome(_ idea: IdeaOutcome) -> JSONValue {
        .object([
            ("closed", .integer(idea.closed)), ("medianMeasuredPercent", .number(idea.medianMeasuredPercent)),
            ("measured", .integer(idea.measuredCount)), ("medianClaimedPercent", .number(idea.medianClaimedPercent)),
            ("claimed", .integer(idea.claimedCount)), ("closedGap", .integer(idea.closedGap)),
        ])
    }

    private func days(_ days: DaysToClose) -> JSONValue {
        .object([("count", .integer(days.count)), ("median", .number(days.median)), ("p90", .number(days.p90))])
    }

    private var ageingJSON: JSONValue {
        .object([
            ("asOf", .string(ageing.asOf?.description)),
            ("closeDays", days(ageing.overall)),
            (
                "closeDaysByPriority",
                .object(ageing.byPriority.map { ($0.priority?.rawValue ?? "none", days($0.days)) })
            ),
            (
                "closeDaysByGroup",
                .object(
                    report.schema.browsable.compactMap { group in
                        ageing.byGroup[group].map { rows in
                            (group.rawValue, .object(rows.map { ($0.item.id, days($0.days)) }))
                        }
                    })
            ),
            ("closeDaysByMonthClosed", .object(ageing.byMonthClosed.map { ($0.month, days($0.days)) })),
            ("uncounted", .array(ageing.uncounted.map { .integer($0) })),
            ("openByAge", .object(ageing.openByAge.map { ($0.band.rawValue, .array($0.issues.map { .integer($0) })) })),
            (
                "overdue",
                .array(
                    ageing.overdue.map {
                        .object([
                            ("issue", .integer($0.issue)), ("days", .integer($0.days)), ("limit", .integer($0.limit)),
                        ])
                    })
            ),
        ])
    }
}
