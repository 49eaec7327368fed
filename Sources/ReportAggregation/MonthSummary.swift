import ReportModel

/// One month of the timeline: issues opened and closed in it, and the backlog at its end.
public struct MonthSummary: Sendable, Equatable {
    /// `YYYY-MM`.
    public let month: String
    /// Issues filed in the month.
    public let opened: Int
    /// Issues closed in the month (by their `closed` date).
    public let closed: Int
    /// Issues filed by the month's end and not closed by then.
    public let openAtEnd: Int

    /// Every month from the first issue's to the last date any issue names, empty months included.
    ///
    /// An issue closed without a `closed` date counts as closed in the month it was filed: the backlog never
    /// holds an issue that is known to be closed.
    static func timeline(of issues: [Issue]) -> [MonthSummary] {
        let dated = issues.compactMap { issue in issue.date.map { (issue, $0) } }
        guard let first = dated.map(\.1).min() else { return [] }
        let last = dated.flatMap { [$0.1, $0.0.closedDate].compactMap { $0 } }.max() ?? first
        var summaries: [MonthSummary] = []
        var (year, month) = (first.year, first.month)
        while (year, month) <= (last.year, last.month) {
            let key = Day(year: year, month: month, day: 1)!.monthKey
            let opened = dated.count { $0.1.monthKey == key }
            let closed = dated.count { closedMonth(of: $0.0, filed: $0.1) == key }
            let openAtEnd = dated.count { issue, filed in
                guard filed.monthKey <= key else { return false }
                guard let closedMonth = closedMonth(of: issue, filed: filed) else { return true }
                return closedMonth > key
            }
            summaries.append(MonthSummary(month: key, opened: opened, closed: closed, openAtEnd: openAtEnd))
            month += 1
            if month > 12 { (year, month) = (year + 1, 1) }
        }
        return summaries
    }

    private static func closedMonth(of issue: Issue, filed: Day) -> String? {
        guard issue.state == .closed else { return nil }
        return (issue.closedDate ?? filed).monthKey
    }
}

/// One item of a group (a component, a layer, an issue type) with its issues and counts.
public struct GroupSummary: Sendable {
    /// The group the item belongs to.
    public let group: ChoiceGroup.ID
    /// The item.
    public let item: ChoiceItem
    /// The issues that ticked the item, by number.
    public let issues: [Issue]
    /// Issues opened per month, aligned with ``Report/months``.
    public let openedPerMonth: [Int]

    init(group: ChoiceGroup.ID, item: ChoiceItem, issues: [Issue], months: [String]) {
        self.group = group
        self.item = item
        self.issues = issues
        openedPerMonth = months.map { month in issues.count { $0.date?.monthKey == month } }
    }

    /// Issues in a state.
    public func count(_ state: IssueState) -> Int { issues.count { $0.state == state } }

    /// Open issues of a priority.
    public func openCount(_ priority: Priority) -> Int {
        issues.count { $0.state == .open && $0.priority == priority }
    }

    /// Issues of a priority, open or closed.
    public func count(_ priority: Priority?) -> Int { issues.count { $0.priority == priority } }
}
