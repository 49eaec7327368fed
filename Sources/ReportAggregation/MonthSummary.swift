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
        let start = first.monthNumber
        let count = last.monthNumber - start + 1
        var opened = [Int](repeating: 0, count: count)
        var closed = [Int](repeating: 0, count: count)
        // +1 in the month an issue starts to be open at the month's end, −1 in the month it stops.
        var openChange = [Int](repeating: 0, count: count + 1)
        for (issue, filed) in dated {
            let filedAt = filed.monthNumber - start
            opened[filedAt] += 1
            let closedAt = issue.state == .closed ? (issue.closedDate ?? filed).monthNumber - start : nil
            if let closedAt, closedAt >= 0 { closed[closedAt] += 1 }
            openChange[filedAt] += 1
            // Closed in its filing month or before it (a mistyped date): never open at a month's end.
            openChange[closedAt.map { max($0, filedAt) } ?? count] -= 1
        }
        var summaries: [MonthSummary] = []
        var openAtEnd = 0
        for offset in 0..<count {
            openAtEnd += openChange[offset]
            summaries.append(
                MonthSummary(
                    month: Day(monthNumber: start + offset).monthKey, opened: opened[offset], closed: closed[offset],
                    openAtEnd: openAtEnd))
        }
        return summaries
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

    init(group: ChoiceGroup.ID, item: ChoiceItem, issues: [Issue], openedPerMonth: [Int]) {
        self.group = group
        self.item = item
        self.issues = issues
        self.openedPerMonth = openedPerMonth
    }

    /// The summaries of a group's items, in one pass over the issues.
    ///
    /// - Parameter monthIndex: where a day's month stands among the report's `monthCount` months.
    static func summaries(
        of group: ChoiceGroup, issues: [Issue], monthCount: Int, monthIndex: (Day) -> Int?
    ) -> [GroupSummary] {
        let itemIndex = Dictionary(group.items.enumerated().map { ($1.id, $0) }) { first, _ in first }
        var members = [[Issue]](repeating: [], count: group.items.count)
        var opened = [[Int]](repeating: [Int](repeating: 0, count: monthCount), count: group.items.count)
        for issue in issues {
            let month = issue.date.flatMap(monthIndex)
            var seen: [Int] = []
            for id in issue.choices(in: group.id) {
                guard let index = itemIndex[id], !seen.contains(index) else { continue }
                seen.append(index)
                members[index].append(issue)
                if let month { opened[index][month] += 1 }
            }
        }
        return group.items.indices.map { index in
            GroupSummary(
                group: group.id, item: group.items[index], issues: members[index], openedPerMonth: opened[index])
        }
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
