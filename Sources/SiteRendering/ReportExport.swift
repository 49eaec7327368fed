import ReportAggregation
import ReportModel

/// `data/report.json`: the aggregates the pages are drawn from, for anyone who wants the numbers; and beside it, in
/// `data/report/`, every list that grows with the number of issues (gaps, endpoint reports, target measurements,
/// outcomes, the open issues by age, …) in shards of ``rowsPerShard`` rows, so that no file outgrows what a static
/// host takes however many issues there are. `report.json` names each list's shards where the list was.
struct ReportExport: Sendable {
    let report: Report
    let ageing: Ageing
    let staleness: Staleness
    let changes: Changes
    /// The lists written to `data/report/`, in the order `report.json` names them.
    let lists: [RowList]

    /// One list of rows, `data/report/<name>/0.json`, `1.json`, … each `{generator, rows}` of ``rowsPerShard``
    /// rows in order (the last fewer; an empty list has one empty shard).
    struct RowList: Sendable {
        let name: String
        let count: Int
        let rowsPerShard: Int
        /// The rows at these positions, made when their shard is written.
        let rows: @Sendable (Range<Int>) -> [JSONValue]

        init<Element: Sendable>(
            _ name: String, _ elements: [Element], _ rowsPerShard: Int, row: @escaping @Sendable (Element) -> JSONValue
        ) {
            self.name = name
            count = elements.count
            self.rowsPerShard = rowsPerShard
            rows = { range in elements[range].map(row) }
        }

        /// A list of the `inner` elements of each of `outer`'s, in order (each issue's gaps, each endpoint's
        /// reports), never held flattened: where each outer element's rows start is kept (a word each), and a
        /// shard's rows are found from there.
        init<Outer: Sendable, Inner>(
            _ name: String, nested outer: [Outer], _ rowsPerShard: Int, inner: @escaping @Sendable (Outer) -> [Inner],
            row: @escaping @Sendable (Outer, Inner) -> JSONValue
        ) {
            var starts = [0]
            starts.reserveCapacity(outer.count + 1)
            for element in outer { starts.append(starts[starts.count - 1] + inner(element).count) }
            self.name = name
            count = starts[starts.count - 1]
            self.rowsPerShard = rowsPerShard
            rows = { [starts] range in
                guard !range.isEmpty else { return [] }
                // The last outer element whose rows start at or before the range.
                var (low, high) = (0, outer.count - 1)
                while low < high {
                    let middle = (low + high + 1) / 2
                    if starts[middle] <= range.lowerBound { low = middle } else { high = middle - 1 }
                }
                var made: [JSONValue] = []
                made.reserveCapacity(range.count)
                var index = low
                while made.count < range.count, index < outer.count {
                    let elements = inner(outer[index])
                    let first = max(0, range.lowerBound - starts[index])
                    for element in elements[first...].prefix(range.count - made.count) {
                        made.append(row(outer[index], element))
                    }
                    index += 1
                }
                return made
            }
        }

        var shardCount: Int { max(1, (count + rowsPerShard - 1) / rowsPerShard) }

        /// The site path of shard `index`.
        func path(_ index: Int) -> String { "data/report/\(name)/\(index).json" }

        /// What `report.json` holds in the list's place: how many rows, and the files, relative to `data/`.
        var reference: JSONValue {
            .object([
                ("count", .integer(count)),
                ("files", .strings((0..<shardCount).map { "report/\(name)/\($0).json" })),
            ])
        }

        func shard(_ index: Int) -> String {
            let start = min(count, index * rowsPerShard)
            let range = start..<min(count, start + rowsPerShard)
            return JSONValue.object([("generator", .string(IssueExport.generator)), ("rows", .array(rows(range)))])
                .serialized() + "\n"
        }
    }

    /// 5,000 rows a shard: about 1 MB of the longest rows (endpoint reports).
    init(report: Report, ageing: Ageing, staleness: Staleness, changes: Changes, rowsPerShard: Int = 5_000) {
        self.report = report
        self.ageing = ageing
        self.staleness = staleness
        self.changes = changes
        lists = Self.lists(report, ageing, staleness, rowsPerShard)
    }

    private static func lists(_ report: Report, _ ageing: Ageing, _ staleness: Staleness, _ rowsPerShard: Int)
        -> [RowList]
    {
        let gaps = report.gaps
        return [
            RowList("gaps", nested: report.issues, rowsPerShard, inner: { gaps[$0.number] ?? [] }) { issue, gap in
                .object([
                    ("issue", .integer(issue.number)), ("metric", .string(gap.metric.label)),
                    ("current", .number(gap.current)),
                    ("expected", .number(gap.expected)), ("unit", .string(gap.unit)),
                    ("ratio", .number((gap.ratio * 1000).rounded() / 1000)),
                ])
            },
            RowList("endpoint-reports", nested: report.endpoints, rowsPerShard, inner: \.reports) { series, report in
                .object([
                    ("endpoint", .string(series.endpoint)), ("issue", .integer(report.issue)),
                    ("date", .string(report.date.description)), ("latencyMs", percentiles(report.latency)),
                    ("change", percentiles(report.change)), ("regression", .bool(report.isRegression)),
                ])
            },
            RowList("target-measurements", nested: report.targets, rowsPerShard, inner: \.measurements) {
                target, measurement in
                .object([
                    ("key", .string(target.key)), ("issue", .integer(measurement.issue)),
                    ("date", .string(measurement.day?.description)), ("measured", .number(measurement.measured)),
                    ("target", .number(measurement.target)), ("unit", .string(measurement.unit)),
                    ("ratio", .number((measurement.ratio * 1000).rounded() / 1000)),
                    ("status", .string(measurement.status.rawValue)),
                ])
            },
            RowList("outcomes", report.outcomes, rowsPerShard) { outcome($0) },
            RowList("open-by-age", nested: ageing.openByAge, rowsPerShard, inner: \.issues) { band, issue in
                .object([("issue", .integer(issue)), ("band", .string(band.band.rawValue))])
            },
            RowList("overdue", ageing.overdue, rowsPerShard) {
                .object([("issue", .integer($0.issue)), ("days", .integer($0.days)), ("limit", .integer($0.limit))])
            },
            RowList("uncounted", ageing.uncounted, rowsPerShard) { .object([("issue", .integer($0))]) },
            RowList("unmeasured", staleness.unmeasured, rowsPerShard) { .object([("issue", .integer($0))]) },
            RowList("not-updated", staleness.stale, rowsPerShard) {
                .object([("issue", .integer($0.issue)), ("days", .integer($0.days))])
            },
        ]
    }

    private static func percentiles(_ value: Percentiles) -> JSONValue {
        .object([("p50", .number(value.p50)), ("p95", .number(value.p95)), ("p99", .number(value.p99))])
    }

    /// The reference to list `name` (one of ``lists``).
    private func list(_ name: String) -> JSONValue {
        lists.first { $0.name == name }?.reference ?? .null
    }

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
            ("byPriority", .object(report.byPriority.map { ($0.key?.rawValue ?? "none", .integer($0.issues.count)) })),
            ("byEffort", .object(report.byEffort.map { ($0.key?.rawValue ?? "none", .integer($0.issues.count)) })),
            ("componentLayerPivot", pivot(report.componentLayerPivot)),
            ("priorityEffortPivot", pivot(report.priorityEffortPivot)),
            (
                "endpoints",
                .array(
                    report.endpoints.map {
                        .object([("endpoint", .string($0.endpoint)), ("reports", .integer($0.reports.count))])
                    })
            ),
            ("endpointReports", list("endpoint-reports")),
            ("gaps", list("gaps")),
            (
                "optimizations",
                .array(
                    report.catalogue.map {
                        .object([
                            ("category", .string($0.category)), ("id", .string($0.id)), ("label", .string($0.label)),
                            ("custom", .bool($0.custom)), ("issues", .integer($0.issues.count)),
                            ("closed", .integer($0.closedCount)), ("components", .strings($0.components)),
                            ("layers", .strings($0.layers)),
                            ("outcome", ideaOutcome(report.ideaOutcome($0))),
                        ])
                    })
            ),
            ("attainment", attainment),
            ("targets", .array(report.targets.map(target))),
            ("targetMeasurements", list("target-measurements")),
            ("outcomes", list("outcomes")),
            ("ageing", ageingJSON),
            ("changes", changesJSON),
            (
                "stale",
                .object([
                    ("afterDays", .integer(staleness.afterDays)), ("unmeasured", list("unmeasured")),
                    ("notUpdated", list("not-updated")),
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
            ("issues", .integer(target.issues.count)),
            ("comparator", .string(target.latestStatement.comparator)),
            ("value", .number(target.latestStatement.value)),
            ("unit", .string(target.latestStatement.unit)), ("status", .string(target.status.rawValue)),
            ("measurements", .integer(target.measurements.count)),
        ])
    }

    private static func outcome(_ outcome: Outcome) -> JSONValue {
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
            ("uncounted", list("uncounted")),
            ("openByAge", .object(ageing.openByAge.map { ($0.band.rawValue, .integer($0.issues.count)) })),
            ("openIssuesByAge", list("open-by-age")),
            ("overdue", list("overdue")),
        ])
    }
}
