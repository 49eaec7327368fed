import ReportAggregation
import ReportModel

extension SiteRenderer {
    func dashboard(_ report: Report, at path: String, ageing: Ageing, staleness: Staleness) -> DashboardPage {
        let issues = report.issues
        let open = issues.filter { $0.state == .open }
        func hotspots(_ group: ChoiceGroup.ID) -> [CountLink] {
            report.hotspots(in: group).map { item, count in
                CountLink(href: SitePaths.item(item.id, in: group), label: item.label, count: count)
            }
        }
        let gaps = report.widestGaps()
        let regressions = report.regressions.compactMap { series -> RegressionRow? in
            let reports = series.reports.suffix(2)
            guard reports.count == 2, let before = reports.first, let after = reports.last,
                let previous = report.issue(before.issue), let latest = report.issue(after.issue)
            else { return nil }
            let ratio = after.headlineChange
            let pick = { (latency: Percentiles) in after.comparedBy.flatMap { latency[$0] } }
            return RegressionRow(
                endpoint: series.endpoint, previousHref: issuePath(previous), previousNumber: previous.number,
                previousDate: before.date.description, latestHref: issuePath(latest), latestNumber: latest.number,
                latestDate: after.date.description, before: DisplayFormat.duration(pick(before.latency)),
                after: DisplayFormat.duration(pick(after.latency)), change: DisplayFormat.change(ratio))
        }
        let newest = issues.filter { $0.date != nil }.sorted { ($1.date!, $1.number) < ($0.date!, $0.number) }.prefix(5)
        let dates = issues.compactMap(\.date)
        let span =
            dates.isEmpty
            ? ""
            : " filed from \(DisplayFormat.month(dates.min()!.monthKey)) to \(DisplayFormat.month(dates.max()!.monthKey))"
        return DashboardPage(
            page: context(at: path),
            summary: "\(issues.count) issues\(span): \(open.count) open, \(issues.count - open.count) closed.",
            openCount: open.count, closedCount: issues.count - open.count, totalCount: issues.count,
            attainment: statusCounts(report.openAttainment, root: ""), hasOverdue: !ageing.overdue.isEmpty,
            overdue: overdueRows(Array(ageing.overdue.prefix(5)), in: report, root: ""),
            overdueCount: ageing.overdue.count, staleCount: staleness.stale.count,
            unmeasuredCount: staleness.unmeasured.count, staleAfterDays: staleness.afterDays,
            openByPriority: priorityCounts(open), hotComponents: hotspots(.components), hotLayers: hotspots(.layers),
            worstGaps: gaps.map { issue, gap in
                GapRow(
                    href: issuePath(issue), number: issue.number, title: issue.title, metric: gap.metric.label,
                    current: value(gap.current, unit: gap.unit), expected: value(gap.expected, unit: gap.unit),
                    ratio: DisplayFormat.ratio(gap.ratio))
            }, hasRegressions: !regressions.isEmpty, regressionMetric: "p95", regressions: regressions,
            monthly: backlogTable(report),
            newest: IssueTable(rows: newest.map { row($0, in: report, root: "") }))
    }

    /// A page of the issue index: `rows`, already in table order.
    /// A page of the issue index; `openCount`, the open issues of the whole report.
    func issuesPage(_ report: Report, rows: [Issue], pager: Pager, openCount: Int) -> IssuesPage {
        IssuesPage(
            page: context(at: pager.path),
            summary:
                "\(report.issues.count) issues, \(openCount) open. Open issues first, then by priority, newest first.",
            table: IssueTable(rows: rows.map { row($0, in: report, root: "../") }), pager: pager)
    }

    func issuePage(
        _ inputs: IssuePageInputs, at path: String, body: String?
    ) -> IssuePage {
        let (issue, schema) = (inputs.issue, inputs.schema)
        let root = SitePaths.root(of: path)
        let related = issueLinks(inputs.related, root: root)
        let unknown = inputs.unknownRelated
        let backLinks = issueLinks(inputs.backLinks, root: root)
        let source = options.sourceBase.map { $0 + SitePaths.urlPath(issue.path) }
        let metrics = metricRows(issue, gaps: inputs.gaps, source: source)
        let targets = issue.targets.map { target in
            var row = sourced(target.name, statement(of: target), line: target.line, source: source)
            if target.qualifierHTML != nil { row.valueHTML = statementHTML(of: target) }
            return row
        }
        let (investigation, containers) = investigationRows(issue.investigation, source: source)
        let outcome = outcomeRows(inputs.outcome, of: issue, after: inputs.afterIssue, root: root, source: source)
        return IssuePage(
            page: context(at: path), number: issue.number, title: issue.title, state: issue.state.rawValue,
            status: inputs.status.rawValue, statusLabel: inputs.status.label, hasOutcome: !outcome.isEmpty,
            outcome: outcome,
            priority: issue.priority?.rawValue, priorityClass: issue.priority?.rawValue.lowercased() ?? "none",
            effort: issue.effort?.rawValue, date: issue.date?.description ?? "on an unknown date", author: issue.author,
            closedDate: issue.closedDate?.description, endpoint: issue.metrics.endpoint,
            components: links(issue.choices(in: .components), in: .components, schema, root: root),
            layers: links(issue.choices(in: .layers), in: .layers, schema, root: root),
            types: links(issue.choices(in: .issueTypes), in: .issueTypes, schema, root: root),
            ownGroups: schema.groups.filter(\.isAddedBySite).map { group in
                GroupLinks(
                    title: group.title, links: links(issue.choices(in: group.id), in: group.id, schema, root: root))
            },
            impact: issue.businessImpact.map { schema.label(of: $0, in: .userExperience) },
            milestone: issue.milestone,
            assignees: issue.assignees.isEmpty ? nil : issue.assignees.joined(separator: ", "),
            labels: issue.labels.isEmpty ? nil : issue.labels.joined(separator: ", "), related: related,
            unknownRelated: unknown, hasRelated: !related.isEmpty || !unknown.isEmpty, backLinks: backLinks,
            hasBackLinks: !backLinks.isEmpty, sourcePath: "\(options.contentFolder)/\(issue.path)",
            sourceHref: source, url: issue.url,
            hasMetrics: !metrics.isEmpty, metrics: metrics, hasTargets: !targets.isEmpty, targets: targets,
            hasInvestigation: !investigation.isEmpty || !containers.isEmpty, investigation: investigation,
            hasContainers: !containers.isEmpty, containers: containers,
            bodyHTML: IssueMentions.linking(body ?? "") { number in
                inputs.mentioned.first { $0.number == number }.map { root + issuePath($0) }
            })
    }

    /// A value read from a line of the issue's file.
    private func sourced(_ name: String, _ value: String, line: Int?, source: String?) -> SourcedValue {
        SourcedValue(
            name: name, value: value, line: line.map { "line \($0)" },
            lineHref: line.flatMap { number in source.map { "\($0)#L\(number)" } })
    }

    /// What came of a closed issue, as lines of its page: each from a line of its file, or from the later report.
    private func outcomeRows(
        _ outcome: Outcome?, of issue: Issue, after later: Issue?, root: String, source: String?
    ) -> [SourcedValue] {
        guard let outcome else { return [] }
        var rows: [SourcedValue] = []
        let metric = outcome.percentile.map { "\($0.rawValue) latency" } ?? "latency"
        if let before = outcome.before {
            rows.append(
                sourced(
                    "Before (\(metric))", DisplayFormat.duration(before),
                    line: issue.metrics.line(of: "current latency"), source: source))
        }
        if let after = outcome.after, let later {
            rows.append(
                SourcedValue(
                    name: "After", value: DisplayFormat.duration(after),
                    line: "#\(later.number), filed \(later.date?.description ?? "undated")",
                    lineHref: root + issuePath(later)))
        } else if outcome.before != nil {
            rows.append(
                SourcedValue(name: "After", value: "not measured since", line: "no later report", lineHref: nil))
        }
        if let ratio = outcome.ratio {
            rows.append(
                SourcedValue(name: "After / before", value: DisplayFormat.ratio(ratio), line: nil, lineHref: nil))
        }
        if let measured = outcome.measuredImprovementPercent {
            rows.append(
                SourcedValue(
                    name: "Measured improvement", value: DisplayFormat.percent(measured), line: nil, lineHref: nil))
        }
        for claim in outcome.claims {
            rows.append(
                sourced(
                    "Claimed (\(claim.metric.replacing("-", with: " ")))", DisplayFormat.percent(claim.percent),
                    line: claim.line, source: source))
        }
        if let met = outcome.targetMet {
            rows.append(SourcedValue(name: "Target now", value: met ? "met" : "unmet", line: nil, lineHref: nil))
        }
        return rows
    }

    private func metricRows(_ issue: Issue, gaps: [MetricGap], source: String?) -> [MetricRow] {
        let metrics = issue.metrics
        var rows: [MetricRow] = []
        /// The line of the file a row's figure was read from: its current figure's, else its expected one's.
        func line(of name: String) -> Int? {
            let metric: [String]
            switch name {
            case "p50 latency", "p95 latency", "p99 latency": metric = ["current latency", "expected latency"]
            case "throughput": metric = ["current throughput", "expected throughput"]
            case "CPU average", "CPU peak": metric = ["cpu"]
            case "memory average", "memory peak": metric = ["memory"]
            case "storage used", "storage IOPS": metric = ["storage"]
            case "query time average", "slowest query": metric = ["query time"]
            default: metric = [name]
            }
            return metric.lazy.compactMap { metrics.line(of: $0) }.first
        }
        func add(_ name: String, _ current: String, _ expected: String = "–") {
            guard current != "–" || expected != "–" else { return }
            let gap = gaps.first { $0.metric.label == name }
            let number = line(of: name)
            rows.append(
                MetricRow(
                    name: name, current: current, expected: expected,
                    gap: gap.map { DisplayFormat.ratio($0.ratio) } ?? "–", isOff: (gap?.ratio ?? 0) > 1,
                    line: number.map { "line \($0)" },
                    lineHref: number.flatMap { n in source.map { "\($0)#L\(n)" } }))
        }
        add(
            "p50 latency", DisplayFormat.duration(metrics.currentLatency.p50),
            DisplayFormat.duration(metrics.expectedLatency.p50))
        add(
            "p95 latency", DisplayFormat.duration(metrics.currentLatency.p95),
            DisplayFormat.duration(metrics.expectedLatency.p95))
        add(
            "p99 latency", DisplayFormat.duration(metrics.currentLatency.p99),
            DisplayFormat.duration(metrics.expectedLatency.p99))
        add("throughput", DisplayFormat.rate(metrics.currentThroughput), DisplayFormat.rate(metrics.expectedThroughput))
        add("CPU average", DisplayFormat.percent(metrics.cpuPercent.average))
        add("CPU peak", DisplayFormat.percent(metrics.cpuPercent.peak))
        add("memory average", DisplayFormat.size(metrics.memoryMB.average))
        add("memory peak", DisplayFormat.size(metrics.memoryMB.peak))
        add("storage used", DisplayFormat.size(metrics.storageUsedMB))
        add("storage IOPS", metrics.storageIOPS.map { DisplayFormat.number($0) } ?? "–")
        add("query time average", DisplayFormat.duration(metrics.databaseQueryMs.average))
        add("slowest query", DisplayFormat.duration(metrics.databaseQueryMs.peak))
        if let used = metrics.connectionsUsed, let total = metrics.connectionsTotal {
            add("connection pool", "\(DisplayFormat.number(used)) of \(DisplayFormat.number(total))")
        }
        add("blocked queries", metrics.blockedQueries.map { DisplayFormat.number($0) } ?? "–")
        return rows
    }

    private func investigationRows(
        _ investigation: Investigation, source: String?
    ) -> ([SourcedValue], [ContainerRow]) {
        var rows: [SourcedValue] = []
        func add(_ name: String, _ figure: String, _ value: String?) {
            if let value { rows.append(sourced(name, value, line: investigation.line(of: figure), source: source)) }
        }
        add(
            "Lighthouse score", "performance score",
            investigation.lighthouseScore.map { "\(DisplayFormat.number($0))/100" })
        add(
            "Largest Contentful Paint", "largest contentful paint",
            investigation.largestContentfulPaintMs.map { DisplayFormat.duration($0) })
        add(
            "First Input Delay", "first input delay", investigation.firstInputDelayMs.map { DisplayFormat.duration($0) }
        )
        if let used = investigation.databaseConnectionsUsed, let total = investigation.databaseConnectionsTotal {
            add("DB connections", "connections", "\(DisplayFormat.number(used)) of \(DisplayFormat.number(total))")
        }
        add(
            "Buffer hit ratio", "buffer hit ratio",
            investigation.bufferHitRatioPercent.map { DisplayFormat.percent($0) })
        add("Slow queries", "slow queries", investigation.slowQueries.map { DisplayFormat.number($0) })
        add("Index usage", "index usage", investigation.indexUsagePercent.map { DisplayFormat.percent($0) })
        let containers = investigation.containers.map { container in
            let line = investigation.line(of: "container " + container.name)
            return ContainerRow(
                name: container.name, cpu: DisplayFormat.percent(container.cpuPercent),
                memory:
                    "\(DisplayFormat.size(container.memoryUsedMB)) / \(DisplayFormat.size(container.memoryLimitMB))",
                line: line.map { "line \($0)" }, lineHref: line.flatMap { n in source.map { "\($0)#L\(n)" } })
        }
        return (rows, containers)
    }

    /// ``statement(of:)`` as HTML, the qualifier's inline Markdown rendered.
    func statementHTML(of target: Target) -> String {
        let figure = HTMLText.escaped(statement(of: target, qualifier: nil))
        let qualifier = target.qualifierHTML ?? target.qualifier.map(HTMLText.escaped)
        return [figure, qualifier ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// `< 2 s for 10MB files`.
    func statement(of target: Target) -> String { statement(of: target, qualifier: target.qualifier) }

    private func statement(of target: Target, qualifier: String?) -> String {
        var parts: [String] = []
        if let comparator = target.comparator { parts.append(comparator) }
        if let number = target.value { parts.append(value(number, unit: target.unit ?? "")) }
        if let qualifier { parts.append(qualifier) }
        return parts.joined(separator: " ")
    }

    /// A number with its unit, in the unit a person reads best.
    func value(_ number: Double, unit: String) -> String {
        switch unit {
        case "ms": DisplayFormat.duration(number)
        case "MB": DisplayFormat.size(number)
        case "%": DisplayFormat.percent(number)
        case "": DisplayFormat.number(number)
        default: unit.hasPrefix("/") ? DisplayFormat.number(number) + unit : "\(DisplayFormat.number(number)) \(unit)"
        }
    }
}

/// Everything an issue's page is made from besides the renderer's options: ``SiteRenderer/issuePage(_:at:body:)`` reads
/// nothing else. So when the source of every issue here is known unchanged, the page is too, and a rebuild keeps it
/// without building its model (most of the work of preparing 10,000 unchanged pages).
struct IssuePageInputs {
    let issue: Issue
    /// The related issues that exist, in the order named.
    let related: [Issue]
    /// Related numbers that match no issue.
    let unknownRelated: [Int]
    /// The issues whose Related Issues name this one.
    let backLinks: [Issue]
    let gaps: [MetricGap]
    let schema: IssueSchema
    let status: Attainment
    /// The issues its body mentions that exist (their pages are linked), and the numbers that match none.
    let mentioned: [Issue]
    let unknownMentions: [Int]
    /// For a closed issue, what came of it, and the later report it was measured by.
    let outcome: Outcome?
    let afterIssue: Issue?

    init(_ issue: Issue, in report: Report) {
        self.issue = issue
        related = issue.relatedIssues.compactMap(report.issue)
        unknownRelated = report.unknownRelated[issue.number] ?? []
        backLinks = (report.backLinks[issue.number] ?? []).compactMap(report.issue)
        gaps = report.gaps[issue.number] ?? []
        schema = report.schema
        status = report.status(of: issue.number)
        mentioned = issue.mentions.compactMap(report.issue)
        unknownMentions = issue.mentions.filter { report.issue($0) == nil }
        outcome = report.outcome(of: issue.number)
        afterIssue = outcome?.afterIssue.flatMap(report.issue)
    }

    /// A fingerprint of the inputs from each issue's source fingerprint (what it was read from, and how), or `nil`
    /// when one is unknown. The gaps come from the issue itself, and the schema is in every source fingerprint.
    func fingerprint(sources: (Issue) -> UInt64?) -> UInt64? {
        var fingerprint = PageFingerprint()
        // The status and the outcome come from the issue and the later report it was measured by.
        let after = afterIssue.map { [$0] } ?? []
        for (issues, kind) in [([issue], 1), (related, 2), (backLinks, 3), (after, 5), (mentioned, 6)]
            as [([Issue], UInt64)]
        {
            fingerprint.add(word: kind)
            for issue in issues {
                guard let source = sources(issue) else { return nil }
                fingerprint.add(word: UInt64(bitPattern: Int64(issue.number)))
                fingerprint.add(word: source)
            }
        }
        fingerprint.add(word: 4)
        for number in unknownRelated { fingerprint.add(word: UInt64(bitPattern: Int64(number))) }
        fingerprint.add(word: 7)
        for number in unknownMentions { fingerprint.add(word: UInt64(bitPattern: Int64(number))) }
        return fingerprint.value
    }
}
