import ReportAggregation
import ReportModel

extension SiteRenderer {
    /// A browsable group's heading and its items' kind.
    func names(of group: ChoiceGroup.ID) -> (plural: String, singular: String) {
        let browsable = options.schema.browsableGroup(group)
        return (browsable?.plural ?? group.rawValue, browsable?.singular ?? group.rawValue)
    }

    func groupIndex(_ group: ChoiceGroup.ID, _ summaries: [GroupSummary], in report: Report) -> GroupIndexPage {
        let (plural, singular) = names(of: group)
        return GroupIndexPage(
            page: context(at: "\(SitePaths.folder(of: group))/index.html"), heading: plural, singular: singular,
            summary: "Issues by \(singular.lowercased()): open and closed, and every issue by priority.",
            rows: summaries.map { summary in
                GroupRow(
                    href: SitePaths.itemFile(summary.item.id), label: summary.item.label,
                    open: summary.count(.open), closed: summary.count(.closed), p0: summary.count(.p0),
                    p1: summary.count(.p1), p2: summary.count(.p2), p3: summary.count(.p3))
            })
    }

    /// A page of a component, layer or type: `rows` of its issues, already in table order, and their metrics;
    /// the first page also has the whole group's issues per month and the ideas chosen.
    func groupPage(
        _ summary: GroupSummary, rows: [Issue], pager: Pager, counts: GroupCounts, in report: Report
    ) -> GroupPage {
        let path = pager.path
        let root = SitePaths.root(of: path)
        var monthly: MonthTable?
        if pager.isFirst && !summary.issues.isEmpty {
            let months = report.months.map(\.month)
            let chart = Charts.monthly(
                title: "\(summary.item.label): issues filed per month", months: months,
                bars: [("filed", summary.openedPerMonth)])
            monthly =
                MonthTable(
                    chart: chart, caption: "\(summary.item.label): issues filed per month",
                    columns: months.map(DisplayFormat.shortMonth),
                    rows: [TableRow(label: "Filed", cells: summary.openedPerMonth.map(String.init))]
                ).newestFirst
        }
        let reported = rows.filter { issue in
            let latency = issue.metrics.currentLatency
            return latency.p50 != nil || latency.p95 != nil || latency.p99 != nil
                || issue.metrics.currentThroughput != nil
        }.sorted {
            ($0.date ?? Day(year: 1, month: 1, day: 1)!, $0.number) < (
                $1.date ?? Day(year: 1, month: 1, day: 1)!, $1.number
            )
        }
        let ideas =
            !pager.isFirst
            ? []
            : ideasChosen(in: summary, report).map { entry, chosen -> IdeaRow in
                let (links, more) = firstNumberLinks(chosen, in: report, root: root)
                return IdeaRow(
                    label: entry.label, labelHTML: entry.labelHTML, category: entry.category, custom: entry.custom,
                    href: root + SitePaths.idea(entry), issues: links, more: more)
            }
        return GroupPage(
            page: context(at: path), kind: names(of: summary.group).plural, label: summary.item.label,
            openCount: counts.open, closedCount: counts.closed, byPriority: counts.byPriority,
            table: IssueTable(rows: rows.map { row($0, in: report, root: root) }), pager: pager,
            hasIssues: !summary.issues.isEmpty, monthly: monthly,
            hasMetrics: !reported.isEmpty,
            metrics: reported.map { issue in
                EndpointMetricRow(
                    href: root + issuePath(issue), number: issue.number, date: issue.date?.description ?? "–",
                    endpoint: issue.metrics.endpoint ?? "–",
                    p50: DisplayFormat.duration(issue.metrics.currentLatency.p50),
                    p95: DisplayFormat.duration(issue.metrics.currentLatency.p95),
                    p99: DisplayFormat.duration(issue.metrics.currentLatency.p99),
                    throughput: DisplayFormat.rate(issue.metrics.currentThroughput))
            }, hasIdeas: !ideas.isEmpty, ideas: ideas)
    }

    /// A fingerprint of everything ``groupPage(_:rows:pager:counts:in:)`` makes its page from, without making it
    /// (`nil` when an issue's source is unknown): a rebuild keeps the hundreds of group pages an edit did not touch
    /// without building their models.
    ///
    /// A row and a metrics line are made from their issue alone (its fields, its gaps, its page's name), so the
    /// issue's source stands for them. The first page also shows the whole group per month, against the report's
    /// months, and the ideas its issues chose, in the catalogue's order and wording, linked to those issues' pages:
    /// an issue's title edit leaves it as it was.
    func groupPageInputs(
        _ summary: GroupSummary, rows: [Issue], pager: Pager, counts: GroupCounts, in report: Report
    ) -> UInt64? {
        var fingerprint = PageFingerprint()
        for text in [summary.group.rawValue, summary.item.id, summary.item.label] { fingerprint.add(text) }
        for number in [pager.number, pager.count, summary.issues.count, counts.open, counts.closed] {
            fingerprint.add(word: UInt64(bitPattern: Int64(number)))
        }
        for count in counts.byPriority { fingerprint.add(word: UInt64(count.count)) }
        func add(_ issues: [Issue]) -> Bool {
            for issue in issues {
                guard let known = source(issue) else { return false }
                fingerprint.add(word: UInt64(bitPattern: Int64(issue.number)))
                fingerprint.add(word: known)
            }
            return true
        }
        guard add(rows) else { return nil }
        if pager.isFirst {
            for month in report.months { fingerprint.add(month.month) }
            for count in summary.openedPerMonth { fingerprint.add(word: UInt64(count)) }
            for (entry, chosen) in ideasChosen(in: summary, report) {
                for text in [entry.category, entry.id, entry.label, entry.custom ? "custom" : ""] {
                    fingerprint.add(text)
                }
                for number in chosen { fingerprint.add(word: UInt64(bitPattern: Int64(number))) }
            }
            // The ideas link to the pages of the issues that chose them, and a page is named after its number and
            // file: the files of every issue here that chose an idea stand for those links.
            for issue in summary.issues where !issue.optimizations.isEmpty { fingerprint.add(issue.path) }
        }
        return fingerprint.value
    }

    /// The catalogue's ideas that issues of the group chose, in the catalogue's order, with those issues' numbers:
    /// what a group's first page lists, and so what its fingerprint is made from.
    private func ideasChosen(in summary: GroupSummary, _ report: Report) -> [(entry: CatalogueEntry, chosen: [Int])] {
        let numbers = Set(summary.issues.map(\.number))
        return report.catalogue.compactMap { entry in
            let chosen = entry.issues.filter(numbers.contains)
            return chosen.isEmpty ? nil : (entry, chosen)
        }
    }

    /// A group's counts by state and priority, on every one of its pages: counted once, not once a page.
    struct GroupCounts: Sendable {
        let open: Int
        let closed: Int
        let byPriority: [PriorityCount]

        init(_ summary: GroupSummary, renderer: SiteRenderer) {
            open = summary.count(.open)
            closed = summary.count(.closed)
            byPriority = renderer.priorityCounts(summary.issues)
        }
    }

    func trendsPage(_ report: Report) -> TrendsPage {
        let months = report.months.map(\.month)
        func breakdown(_ heading: String, rows: [(label: String, counts: [Int])]) -> Breakdown {
            Breakdown(
                heading: heading, caption: "\(heading), per month", columns: months.map(DisplayFormat.shortMonth),
                rows: rows.filter { $0.counts.contains { $0 > 0 } }.map {
                    TableRow(label: $0.label, cells: $0.counts.map(String.init))
                }
            ).newestFirst
        }
        var breakdowns: [Breakdown] = []
        for (group, heading) in [(ChoiceGroup.ID.components, "Opened per component"), (.layers, "Opened per layer")] {
            breakdowns.append(
                breakdown(heading, rows: (report.groups[group] ?? []).map { ($0.item.label, $0.openedPerMonth) }))
        }
        let priorities = Priority.allCases.map { Optional($0) } + [nil]
        var openedByPriority = [[Int]](repeating: [Int](repeating: 0, count: months.count), count: priorities.count)
        for issue in report.issues {
            guard let month = issue.date.flatMap(report.monthIndex) else { continue }
            openedByPriority[priorities.firstIndex(of: issue.priority)!][month] += 1
        }
        breakdowns.append(
            breakdown(
                "Opened per priority",
                rows: zip(priorities, openedByPriority).map { ($0?.rawValue ?? "none", $1) }))
        let endpoints = report.endpoints.filter { $0.reports.count >= 2 }.map { series in
            let earlier = series.reports.count - min(series.reports.count, Self.shownLinks)
            return EndpointBlock(
                endpoint: series.endpoint,
                sparkline: Charts.sparkline(
                    title: "\(series.endpoint): current p95 latency by report",
                    values: series.reports.suffix(Self.sparklineReports).map(\.latency.p95)),
                reports: series.reports.suffix(Self.shownLinks).map { entry in
                    let issue = report.issue(entry.issue)!
                    let change = entry.change.p95
                    return ReportRow(
                        date: entry.date.description, href: issuePath(issue), number: issue.number,
                        p50: DisplayFormat.duration(entry.latency.p50), p95: DisplayFormat.duration(entry.latency.p95),
                        p99: DisplayFormat.duration(entry.latency.p99), change: DisplayFormat.change(change),
                        changeClass: change.map { $0 > 1 ? "worse" : ($0 < 1 ? "better" : "") } ?? "")
                },
                earlier: earlier > 0
                    ? "The newest \(Self.shownLinks) of \(series.reports.count) reports; the line above shows "
                        + (series.reports.count > Self.sparklineReports
                            ? "the newest \(Self.sparklineReports)." : "every one.")
                    : nil)
        }
        return TrendsPage(
            page: context(at: "trends.html"), backlog: backlogTable(report), breakdowns: breakdowns,
            endpoints: endpoints)
    }

    /// The catalogue; `changeSummary` tells how many architecture changes there are (`nil`: none).
    func optimizationsPage(_ report: Report, changeSummary: String?) -> OptimizationsPage {
        // The categories in the schema's order, as the optimization groups define them.
        let categories = report.schema.groups.compactMap(\.optimizationCategory).compactMap {
            category -> CatalogueCategory? in
            let entries = report.catalogue.filter { $0.category == category }
            guard !entries.isEmpty else { return nil }
            return CatalogueCategory(
                heading: category.prefix(1).uppercased() + category.dropFirst() + " optimizations",
                ideas: entries.map { entry in
                    let outcome = report.ideaOutcome(entry)
                    return CatalogueRow(
                        href: SitePaths.idea(entry), label: entry.label, labelHTML: entry.labelHTML,
                        custom: entry.custom,
                        chosen: entry.issues.count, closed: entry.closedCount,
                        measured: Self.median(outcome.medianMeasuredPercent, of: outcome.measuredCount),
                        claimed: Self.median(outcome.medianClaimedPercent, of: outcome.claimedCount),
                        closedGap: outcome.closedGap)
                })
        }
        let closed = report.issues.filter { $0.state == .closed }
        let validation = (report.schema.group(.successMetrics)?.items ?? []).compactMap { item -> ValidationRow? in
            let reached = closed.filter { $0.choices(in: .successMetrics).contains(item.id) }.map(\.number)
            guard !reached.isEmpty else { return nil }
            let (links, more) = firstNumberLinks(reached, in: report, root: "")
            return ValidationRow(label: item.label, count: reached.count, issues: links, more: more)
        }
        let chosen = report.catalogue.reduce(0) { $0 + $1.issues.count }
        return OptimizationsPage(
            page: context(at: "optimizations.html"),
            summary: "\(report.catalogue.count) ideas chosen \(chosen) times across the issues: the template's items "
                + "and the authors' own lines, by category.",
            categories: categories, hasChanges: changeSummary != nil, changeSummary: changeSummary ?? "",
            validation: validation)
    }

    /// `60% (2)`: a median and how many values it is of; `–` of none.
    static func median(_ value: Double?, of count: Int) -> String {
        value.map { "\(DisplayFormat.percent($0)) (\(count))" } ?? "–"
    }

    /// A page of an idea's issues, `rows` already in table order, with the outcomes of the closed ones among them (so
    /// that a page stays the same size however many issues chose the idea).
    func ideaPage(
        _ entry: CatalogueEntry, rows: [Issue], pager: Pager, in report: Report, outcome: IdeaOutcome
    ) -> IdeaPage {
        let root = SitePaths.root(of: pager.path)
        let outcomes = outcomeRows(rows.compactMap { report.outcome(of: $0.number) }, in: report, root: root)
        return IdeaPage(
            page: context(at: pager.path),
            category: entry.category.prefix(1).uppercased() + entry.category.dropFirst() + " optimizations",
            label: entry.label, labelHTML: entry.labelHTML, custom: entry.custom,
            summary: "Chosen by \(entry.issues.count) issues, \(entry.closedCount) of them closed; median improvement "
                + "measured \(Self.median(outcome.medianMeasuredPercent, of: outcome.measuredCount)), claimed "
                + "\(Self.median(outcome.medianClaimedPercent, of: outcome.claimedCount)); \(outcome.closedGap) closed "
                + "their gap.",
            components: labels(entry.components, in: .components, report),
            layers: labels(entry.layers, in: .layers, report),
            table: IssueTable(rows: rows.map { row($0, in: report, root: root) }), pager: pager,
            hasOutcomes: !outcomes.isEmpty, outcomes: outcomes)
    }

    /// A fingerprint of what a page of an idea is made from, or `nil` when a source is unknown: the idea and its
    /// figures (its summary), the pager, each row's issue and, for a closed one, the later report its outcome was
    /// measured by (an outcome comes from the two).
    func ideaPageInputs(
        _ entry: CatalogueEntry, rows: [Issue], pager: Pager, in report: Report, outcome: IdeaOutcome
    ) -> UInt64? {
        var fingerprint = PageFingerprint()
        func add(_ number: Int) { fingerprint.add(word: UInt64(bitPattern: Int64(number))) }
        for text in [entry.category, entry.id, entry.label, entry.labelHTML ?? "", entry.custom ? "custom" : ""] {
            fingerprint.add(text)
        }
        for list in [entry.components, entry.layers] {
            add(list.count)
            for id in list { fingerprint.add(id) }
        }
        for number in [
            pager.number, pager.count, entry.issues.count, entry.closedCount, outcome.measuredCount,
            outcome.claimedCount, outcome.closedGap,
        ] {
            add(number)
        }
        for median in [outcome.medianMeasuredPercent, outcome.medianClaimedPercent] {
            fingerprint.add(word: median.map { $0.bitPattern } ?? 0x7FF8_DEAD_0000_0001)
        }
        for issue in rows {
            guard let known = source(issue) else { return nil }
            add(issue.number)
            fingerprint.add(word: known)
            guard let after = report.outcome(of: issue.number)?.afterIssue else {
                add(-1)
                continue
            }
            guard let later = report.issue(after), let laterSource = source(later) else { return nil }
            add(after)
            fingerprint.add(word: laterSource)
        }
        return fingerprint.value
    }

    /// The issues that propose architecture changes, by number: the rows of the changes pages.
    func issuesProposingChanges(_ report: Report) -> [Issue] {
        report.issues.filter { !$0.architectureChanges.isEmpty }
    }

    /// `9 architecture changes proposed by 8 issues`, from the issues that propose them; `nil` when none does.
    func changeSummary(of proposing: [Issue]) -> String? {
        guard !proposing.isEmpty else { return nil }
        let count = proposing.reduce(0) { $0 + $1.architectureChanges.count }
        return "\(count) architecture \(count == 1 ? "change" : "changes") proposed by \(proposing.count) "
            + "\(proposing.count == 1 ? "issue" : "issues")"
    }

    /// A page of the Architecture Changes blocks: those of `rows`, issues in number order.
    func changesPage(rows: [Issue], pager: Pager, summary: String) -> ChangesPage {
        let root = SitePaths.root(of: pager.path)
        let changes = rows.flatMap { issue in
            issue.architectureChanges.map { sample in
                ChangeBlock(
                    label: sample.label ?? "Architecture change", href: root + issuePath(issue), number: issue.number,
                    title: issue.title, language: sample.language, code: sample.code)
            }
        }
        return ChangesPage(
            page: context(at: pager.path), summary: summary, changes: changes, pager: pager)
    }

    /// A page of the data-quality pages: the first lists each kind of problem, every one a page of `warnings`, of
    /// `warningCount` in all.
    func qualityPage(
        _ report: Report, diagnostics: [Diagnostic], staleness: Staleness, warnings: [Diagnostic], warningCount: Int,
        pager: Pager
    ) -> QualityPage {
        let limit = options.paginate > 0 ? options.paginate : Int.max
        // The lists are on the first page only, and only made for it: the later pages are the warnings'.
        func list(_ make: @autoclosure () -> [IssueNote], restAre where: String) -> NoteList {
            guard pager.isFirst else { return NoteList(rows: [], more: nil) }
            let notes = make()
            let rest = notes.count - min(notes.count, limit)
            return NoteList(rows: Array(notes.prefix(limit)), more: rest > 0 ? "and \(rest) more: \(`where`)" : nil)
        }
        let root = SitePaths.root(of: pager.path)
        let published = pager.isFirst ? Set(report.issues.map(\.path)) : []
        var leftOut: [String: [String]] = [:]
        for diagnostic in pager.isFirst ? diagnostics : []
        where diagnostic.severity == .error && !published.contains(diagnostic.file) {
            let line = diagnostic.line.map { "line \($0): " } ?? ""
            leftOut[diagnostic.file, default: []].append(line + diagnostic.message)
        }
        func note(_ issue: Issue, _ text: String) -> IssueNote {
            IssueNote(href: root + issuePath(issue), number: issue.number, title: issue.title, note: text)
        }
        // Where the rest of each list is, named truthfully: only placeholders are diagnostics of `perfsite check`.
        let checkPrints = "perfsite check prints every one"
        func reportLists(_ name: String) -> String { "data/report/\(name)/ lists every one" }
        let issuesList = "data/issues/ has every issue's components and layers"
        let pagesMark = "each issue's page marks the numbers that match no issue"
        func placeholders() -> [IssueNote] {
            report.issues.filter { !$0.placeholders.isEmpty }.map { note($0, $0.placeholders.joined(separator: ", ")) }
        }
        func unplaced() -> [IssueNote] {
            report.issues.compactMap { issue -> IssueNote? in
                let missing = Report.placementGaps(of: issue)
                return missing.isEmpty ? nil : note(issue, missing.joined(separator: " and "))
            }
        }
        func unknown() -> [IssueNote] {
            report.issues.compactMap { issue -> IssueNote? in
                guard let numbers = report.unknownRelated[issue.number] else { return nil }
                return note(issue, numbers.map { "#\($0)" }.joined(separator: ", "))
            }
        }
        return QualityPage(
            page: context(at: pager.path),
            leftOut: !pager.isFirst
                ? []
                : leftOut.keys.sorted().map {
                    LeftOutFile(path: "\(options.contentFolder)/\($0)", reasons: leftOut[$0]!)
                },
            placeholders: list(placeholders(), restAre: checkPrints), unplaced: list(unplaced(), restAre: issuesList),
            unknownRelated: list(unknown(), restAre: pagesMark),
            unmeasured: list(
                staleness.unmeasured.compactMap(report.issue).map {
                    note($0, "no current figure: every value is missing or left as the template's placeholder")
                }, restAre: reportLists("unmeasured")),
            stale: list(
                staleness.stale.compactMap { item in
                    report.issue(item.issue).map {
                        note($0, "not updated for \(item.days) days" + ($0.updated == nil ? " (since filed)" : ""))
                    }
                }, restAre: reportLists("not-updated")),
            staleAfterDays: staleness.afterDays, warningCount: warningCount,
            warnings: warnings.map {
                WarningRow(
                    file: "\(options.contentFolder)/\($0.file)", line: $0.line.map(String.init) ?? "",
                    message: $0.message)
            }, pager: pager)
    }
}
