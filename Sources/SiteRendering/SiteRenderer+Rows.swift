import ReportAggregation
import ReportModel

extension SiteRenderer {
    /// A table row for an issue, with links relative to `root`.
    func row(_ issue: Issue, in report: Report, root: String) -> IssueRow {
        let html = RowHTML(
            number: issue.number, root: root, fields: { self.row(issue, in: report, root: $0) }, cache: rows)
        return IssueRow(
            href: root + issuePath(issue), number: issue.number, title: issue.title, state: issue.state.rawValue,
            priority: issue.priority?.rawValue, priorityClass: issue.priority?.rawValue.lowercased() ?? "none",
            effort: issue.effort?.rawValue ?? "–",
            components: labels(issue.choices(in: .components), in: .components, report),
            layers: labels(issue.choices(in: .layers), in: .layers, report), date: issue.date?.description ?? "–",
            worstGap: report.worstGap(of: issue.number).map { DisplayFormat.ratio($0.ratio) } ?? "–", html: html)
    }

    /// Open before closed, then by priority (none last), then newest first, then by number.
    func sortedForTables(_ issues: [Issue]) -> [Issue] {
        issues.sorted { left, right in
            let leftKey = (left.state == .open ? 0 : 1, left.priority?.rawValue ?? "P9")
            let rightKey = (right.state == .open ? 0 : 1, right.priority?.rawValue ?? "P9")
            if leftKey != rightKey { return leftKey < rightKey }
            if left.date != right.date {
                return (left.date ?? Day(year: 1, month: 1, day: 1)!) > (right.date ?? Day(year: 1, month: 1, day: 1)!)
            }
            return left.number < right.number
        }
    }

    func labels(_ ids: [String], in group: ChoiceGroup.ID, _ report: Report) -> String {
        ids.isEmpty ? "–" : ids.map { report.schema.label(of: $0, in: group) }.joined(separator: ", ")
    }

    func links(_ ids: [String], in group: ChoiceGroup.ID, _ schema: IssueSchema, root: String) -> [ListLink] {
        ids.enumerated().map { index, id in
            ListLink(
                href: root + SitePaths.item(id, in: group), label: schema.label(of: id, in: group), number: 0,
                last: index == ids.count - 1)
        }
    }

    /// The most issue links a list of numbers in one cell or line shows; the rest are counted ("and 412 more") and
    /// found on a page of their own, so that no page grows with the number of issues.
    static let shownLinks = 20

    /// The most reports an endpoint's sparkline on the trends page draws (its newest), so that the page stays under
    /// 1 MB however many reports there are.
    static let sparklineReports = 200

    /// The first ``shownLinks`` of `numbers` as links, and "and N more" for the rest.
    func firstNumberLinks(_ numbers: [Int], in report: Report, root: String) -> ([NumberLink], more: String?) {
        let shown = numberLinks(Array(numbers.prefix(Self.shownLinks)), in: report, root: root)
        let rest = numbers.count - min(numbers.count, Self.shownLinks)
        return (shown, rest > 0 ? "and \(rest) more" : nil)
    }

    func numberLinks(_ numbers: [Int], in report: Report, root: String) -> [NumberLink] {
        let issues = numbers.compactMap(report.issue)
        return issues.enumerated().map { index, issue in
            NumberLink(href: root + issuePath(issue), number: issue.number, last: index == issues.count - 1)
        }
    }

    func issueLinks(_ issues: [Issue], root: String) -> [ListLink] {
        issues.enumerated().map { index, issue in
            ListLink(
                href: root + issuePath(issue), label: issue.title, number: issue.number,
                last: index == issues.count - 1)
        }
    }

    /// Opened and closed bars, and the open backlog on its own scale, with the same numbers as a table.
    func backlogTable(_ report: Report) -> MonthTable {
        let months = report.months.map(\.month)
        let flow = Charts.monthly(
            title: "Issues opened and closed per month", months: months,
            bars: [("opened", report.months.map(\.opened)), ("closed", report.months.map(\.closed))], width: 480)
        let backlog = Charts.monthly(
            title: "Open issues at each month's end", months: months, bars: [],
            line: ("open at month end", report.months.map(\.openAtEnd)), width: 480)
        return MonthTable(
            chart: flow + backlog, caption: "Issues opened and closed per month, and open at the month's end",
            columns: months.map(DisplayFormat.shortMonth),
            rows: [
                TableRow(label: "Opened", cells: report.months.map { String($0.opened) }),
                TableRow(label: "Closed", cells: report.months.map { String($0.closed) }),
                TableRow(label: "Open at end", cells: report.months.map { String($0.openAtEnd) }),
            ]
        ).newestFirst
    }

    func priorityCounts(_ issues: [Issue]) -> [PriorityCount] {
        Priority.allCases.map { priority in
            PriorityCount(
                label: priority.rawValue, count: issues.count { $0.priority == priority },
                priorityClass: priority.rawValue.lowercased())
        }
    }
}
