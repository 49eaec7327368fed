import ReportAggregation
import ReportModel

/// The pages that answer readers' questions across issues: which targets are met, what came of the fixes, how
/// long issues take to close. Every figure is worked out in ReportAggregation; these only reshape it.
extension SiteRenderer {
    /// The open issues' counts of each status, linked to the Targets page.
    func statusCounts(_ counts: AttainmentCounts, root: String) -> [StatusCount] {
        Attainment.allCases.map { status in
            StatusCount(
                status: status.rawValue, label: status.label, count: counts[status], href: root + "targets.html")
        }
    }

    func targetsPage(_ report: Report) -> TargetsPage {
        let path = "targets.html"
        let root = SitePaths.root(of: path)
        let open = report.openAttainment
        let targets = report.targets.map { target -> TargetRow in
            let latest = target.latest
            let shown = target.measurements.suffix(Self.historyShown)
            let history = shown.enumerated().map { index, point in
                TargetHistoryPoint(
                    date: point.day?.description ?? "undated", href: root + issuePath(report.issue(point.issue)!),
                    number: point.issue, measured: value(point.measured, unit: point.unit),
                    status: point.status.rawValue, statusLabel: point.status.label,
                    last: index == shown.count - 1)
            }
            return TargetRow(
                anchor: "target-" + target.key, name: target.name,
                nameHTML: target.latestStatement.name == target.name ? target.latestStatement.nameHTML : nil,
                statementHTML: statementHTML(of: target.latestStatement), issueCount: target.issues.count,
                latest: latest.map { value($0.measured, unit: $0.unit) } ?? "–",
                latestHref: latest.map { root + issuePath(report.issue($0.issue)!) }, latestNumber: latest?.issue,
                status: target.status.rawValue, statusLabel: target.status.label, history: history,
                hasHistory: !history.isEmpty, hasEarlier: target.measurements.count > shown.count,
                earlier: target.measurements.count - shown.count)
        }
        var tables: [AttainmentTable] = []
        for group in [ChoiceGroup.ID.components, .layers] {
            guard let breakdown = report.attainment(by: group), !breakdown.items.isEmpty else { continue }
            let singular = names(of: group).singular
            tables.append(
                AttainmentTable(
                    heading: "Open issues by \(singular.lowercased())",
                    caption: "Open issues against their expected figures, by \(singular.lowercased())",
                    rows: breakdown.items.map { item, counts in
                        AttainmentRow(
                            href: root + SitePaths.item(item.id, in: group), label: item.label, met: counts.met,
                            atRisk: counts.atRisk, unmet: counts.unmet, noData: counts.noData,
                            metShare: share(counts.met, of: counts.total))
                    }))
        }
        let months = report.attainmentByMonth
        var perMonth: [Breakdown] = []
        var monthly: MonthTable?
        if !months.isEmpty {
            let columns = months.map { DisplayFormat.shortMonth($0.month) }
            let statuses = Attainment.allCases
            monthly =
                MonthTable(
                    chart: Charts.monthly(
                        title: "Issues filed per month by status against their expected figures",
                        months: months.map(\.month),
                        // The chart draws two series; the table below it has all four.
                        bars: [
                            ("Met", months.map { $0.counts.met }),
                            ("At risk or unmet", months.map { $0.counts.atRisk + $0.counts.unmet }),
                        ]),
                    caption: "Issues filed per month by status against their expected figures",
                    columns: columns,
                    rows: statuses.map { status in
                        TableRow(label: status.label, cells: months.map { String($0.counts[status]) })
                    }
                ).newestFirst
        }
        for group in [ChoiceGroup.ID.components, .layers] {
            let rows = report.attainmentByMonth(of: group)
            guard !rows.isEmpty else { continue }
            let singular = names(of: group).singular.lowercased()
            perMonth.append(
                Breakdown(
                    heading: "Met per \(singular), by month filed",
                    caption: "Issues met of those filed, per \(singular) and month",
                    columns: months.map { DisplayFormat.shortMonth($0.month) },
                    rows: rows.map { item, counts in
                        TableRow(
                            label: item.label, cells: counts.map { $0.total == 0 ? "–" : "\($0.met) of \($0.total)" })
                    }
                ).newestFirst)
        }
        let named = report.targets.count
        let measured = report.targets.count { $0.latest != nil }
        return TargetsPage(
            page: context(at: path),
            summary: "\(open.total) open issues: \(open.met) met, \(open.atRisk) at risk, \(open.unmet) unmet and "
                + "\(open.noData) without data. \(named) named targets, \(measured) of them measured.",
            counts: statusCounts(open, root: root), hasTargets: !targets.isEmpty, targets: targets, tables: tables,
            monthly: monthly, perMonth: perMonth)
    }

    /// A page of the outcomes table, `outcomes` the page's rows, under ``outcomesSummary(_:)``.
    func outcomesPage(_ report: Report, outcomes: [Outcome], pager: Pager, summary: String) -> OutcomesPage {
        let path = pager.path
        let rows = outcomeRows(outcomes, in: report, root: SitePaths.root(of: path))
        return OutcomesPage(
            page: context(at: path), summary: summary, hasRows: !rows.isEmpty, rows: rows, pager: pager)
    }

    /// What every page of the outcomes says of them all.
    func outcomesSummary(_ report: Report) -> String {
        let measured = report.outcomes.count { $0.after != nil }
        let met = report.outcomes.count { $0.targetMet == true }
        return "\(report.outcomes.count) closed issues; \(measured) measured again after closing (the next report "
            + "on the same endpoint), \(met) of them within the expected figure."
    }

    func outcomeRows(_ outcomes: [Outcome], in report: Report, root: String) -> [OutcomeRow] {
        outcomes.map { outcome -> OutcomeRow in
            let issue = report.issue(outcome.issue)!
            let after = outcome.afterIssue.flatMap(report.issue)
            let met = outcome.targetMet
            return OutcomeRow(
                href: root + issuePath(issue), number: issue.number, title: issue.title,
                endpoint: outcome.endpoint ?? "–", closed: issue.closedDate?.description ?? "no date",
                metric: outcome.percentile.map { "\($0.rawValue) latency" } ?? "–",
                before: DisplayFormat.duration(outcome.before), after: DisplayFormat.duration(outcome.after),
                afterHref: after.map { root + issuePath($0) }, afterNumber: after?.number,
                ratio: outcome.ratio.map(DisplayFormat.ratio) ?? "–",
                measured: DisplayFormat.percent(outcome.measuredImprovementPercent),
                claimed: DisplayFormat.percent(outcome.claimedPercent),
                targetMet: met.map { $0 ? "Met" : "Unmet" } ?? "–",
                targetMetClass: met.map { $0 ? "met" : "unmet" } ?? "")
        }
    }

    func ageingPage(_ report: Report, _ ageing: Ageing) -> AgeingPage {
        let path = "ageing.html"
        let root = SitePaths.root(of: path)
        func days(_ label: String, href: String? = nil, _ summary: DaysToClose) -> DaysRow {
            DaysRow(
                label: label, href: href, count: summary.count, median: Self.days(summary.median),
                p90: Self.days(summary.p90))
        }
        var tables = [
            DaysTable(
                heading: "By priority",
                rows: ageing.byPriority.map { days($0.priority?.rawValue ?? "No priority", $0.days) })
        ]
        for group in [ChoiceGroup.ID.components, .layers] {
            guard let rows = ageing.byGroup[group], !rows.isEmpty else { continue }
            tables.append(
                DaysTable(
                    heading: "By \(names(of: group).singular.lowercased())",
                    rows: rows.map { days($0.item.label, href: root + SitePaths.item($0.item.id, in: group), $0.days) }
                ))
        }
        tables.append(
            DaysTable(
                heading: "By month closed",
                rows: ageing.byMonthClosed.reversed().map { days(DisplayFormat.month($0.month), $0.days) }))
        let limits = Priority.allCases.compactMap { priority in
            options.closeWithin[priority].map { "\(priority.rawValue) within \($0) days" }
        }
        return AgeingPage(
            page: context(at: path),
            summary: "Days from filed to closed of \(ageing.overall.count) closed issues: median "
                + "\(Self.days(ageing.overall.median)), 90th percentile \(Self.days(ageing.overall.p90)). Open "
                + "issues' ages are counted to \(ageing.asOf?.description ?? "the newest day of the data").",
            tables: tables,
            bands: ageing.openByAge.map { band, issues in
                let (links, more) = firstNumberLinks(issues, in: report, root: root)
                return AgeBandRow(label: band.label, count: issues.count, issues: links, more: more)
            }, oldestOpen: root + "issues/index.html#state=open&sort=filed", hasOverdue: !ageing.overdue.isEmpty,
            overdue: overdueRows(ageing.overdue, in: report, root: root),
            hasCloseTargets: !limits.isEmpty, closeTargets: limits.joined(separator: ", "),
            hasUncounted: !ageing.uncounted.isEmpty, uncounted: numberLinks(ageing.uncounted, in: report, root: root))
    }

    func overdueRows(_ overdue: [OverdueIssue], in report: Report, root: String) -> [OverdueRow] {
        overdue.map { item in
            let issue = report.issue(item.issue)!
            return OverdueRow(
                href: root + issuePath(issue), number: issue.number, title: issue.title,
                priority: issue.priority?.rawValue ?? "–", days: item.days, limit: item.limit)
        }
    }

    func changedPage(_ report: Report, _ changes: Changes) -> ChangedPage {
        let path = "changed.html"
        let root = SitePaths.root(of: path)
        let since: String
        switch changes.base {
        case .previousBuild(let day):
            since = "Since the previous build of this site" + (day.map { ", whose data was as of \($0)" } ?? "") + "."
        case .lastDays(let days, let to):
            since =
                "No earlier build of this site to compare with: the last \(days) days"
                + (to.map { " to \($0)" } ?? "") + "."
        }
        func rows(_ list: [EndpointChange]) -> [EndpointChangeRow] {
            list.map { change in
                EndpointChangeRow(
                    endpoint: change.endpoint, beforeHref: root + issuePath(report.issue(change.beforeIssue)!),
                    beforeNumber: change.beforeIssue, afterHref: root + issuePath(report.issue(change.afterIssue)!),
                    afterNumber: change.afterIssue, metric: "\(change.percentile.rawValue) latency",
                    before: DisplayFormat.duration(change.before), after: DisplayFormat.duration(change.after),
                    change: DisplayFormat.change(change.ratio))
            }
        }
        let names = Dictionary(uniqueKeysWithValues: report.targets.map { ($0.key, $0.name) })
        func targets(_ keys: [String]) -> [TargetLink] {
            keys.enumerated().map { index, key in
                TargetLink(
                    href: root + "targets.html#target-" + key, name: names[key] ?? key, last: index == keys.count - 1)
            }
        }
        let regressed = rows(changes.regressed)
        let improved = rows(changes.improved)
        return ChangedPage(
            page: context(at: path), since: since, isEmpty: changes.isEmpty,
            filed: numberLinks(changes.filed, in: report, root: root),
            closed: numberLinks(changes.closed, in: report, root: root), hasRegressed: !regressed.isEmpty,
            regressed: regressed, hasImproved: !improved.isEmpty, improved: improved,
            newlyMet: targets(changes.newlyMet), newlyMissed: targets(changes.newlyMissed),
            feed: options.baseURL.map { _ in root + "regressions.xml" })
    }

    /// How many of a target's measurements its row shows: the latest ones.
    static let historyShown = 5

    /// `12 days`, `1 day`, `2.5 days`; `–` for none.
    static func days(_ value: Double?) -> String {
        guard let value else { return "–" }
        return value == 1 ? "1 day" : "\(DisplayFormat.number(value, digits: 1)) days"
    }

    /// `40 %` of a total; `–` of none.
    func share(_ part: Int, of total: Int) -> String {
        total == 0 ? "–" : DisplayFormat.percent(Double(part) / Double(total) * 100)
    }
}
