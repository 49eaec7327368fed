import Dispatch
import ReportModel
import Synchronization

/// Everything the site shows, aggregated from the issues. Pure values, computed once, sorted explicitly.
public struct Report: Sendable {
    /// The issues, sorted by number.
    public let issues: [Issue]
    /// The schema the issues were read with, for labels.
    public let schema: IssueSchema
    /// Month by month, from the first month an issue was opened to the last month anything happened.
    public let months: [MonthSummary]
    /// One summary per item of each browsable group (components, layers, issue types, a site's own), in schema order.
    public let groups: [ChoiceGroup.ID: [GroupSummary]]
    /// Issues by priority (P0…P3, then none).
    public let byPriority: [Bucket<Priority?>]
    /// Issues by effort (S…XL, then none).
    public let byEffort: [Bucket<Effort?>]
    /// Components × layers: how many issues name both.
    public let componentLayerPivot: Pivot
    /// Priorities × efforts: how many issues have both.
    public let priorityEffortPivot: Pivot
    /// Every endpoint's reports in date order.
    public let endpoints: [EndpointSeries]
    /// The gaps of every issue between current and expected figures, by issue number.
    public let gaps: [Int: [MetricGap]]
    /// The optimization catalogue.
    public let catalogue: [CatalogueEntry]
    /// For every issue number, the issues whose Related Issues name it.
    public let backLinks: [Int: [Int]]
    /// Issue numbers named as related that match no issue, by the issue naming them.
    public let unknownRelated: [Int: [Int]]
    /// Each issue's status against its expected figures, by number.
    public let attainment: [Int: Attainment]
    /// The statuses of the open issues.
    public let openAttainment: AttainmentCounts
    /// The statuses of the issues filed each month (every state: the figures as filed), oldest first.
    public let attainmentByMonth: [(month: String, counts: AttainmentCounts)]
    /// Every named target of Target Metrics, by key.
    public let targets: [NamedTarget]
    /// What came of each closed issue, by number.
    public let outcomes: [Outcome]

    /// Aggregates issues.
    public init(issues unsorted: [Issue], schema: IssueSchema) {
        let issues = unsorted.sorted { $0.number < $1.number }
        // The catalogue takes about as long as everything else here: another core builds it meanwhile.
        let catalogue = Mutex<[CatalogueEntry]>([])
        let cataloguing = DispatchGroup()
        DispatchQueue.global().async(group: cataloguing) {
            let entries = CatalogueEntry.catalogue(of: issues, schema: schema)
            catalogue.withLock { $0 = entries }
        }
        self.issues = issues
        issueIndex = Dictionary(issues.enumerated().map { ($0.element.number, $0.offset) }) { first, _ in first }
        self.schema = schema
        let months = MonthSummary.timeline(of: issues)
        self.months = months
        let firstMonth = issues.compactMap(\.date).min()?.monthNumber ?? 0
        self.firstMonth = firstMonth
        var groups: [ChoiceGroup.ID: [GroupSummary]] = [:]
        for id in schema.browsable {
            guard let group = schema.group(id) else { continue }
            groups[id] = GroupSummary.summaries(of: group, issues: issues, monthCount: months.count) {
                Report.index(of: $0, firstMonth: firstMonth, count: months.count)
            }
        }
        self.groups = groups
        byPriority = (Priority.allCases.map { Optional($0) } + [nil]).map { priority in
            Bucket(key: priority, issues: issues.filter { $0.priority == priority }.map(\.number))
        }
        byEffort = (Effort.allCases.map { Optional($0) } + [nil]).map { effort in
            Bucket(key: effort, issues: issues.filter { $0.effort == effort }.map(\.number))
        }
        componentLayerPivot = Pivot(
            rows: schema.group(.components)?.items.map(\.id) ?? [],
            columns: schema.group(.layers)?.items.map(\.id) ?? [], issues: issues,
            row: { $0.choices(in: .components) }, column: { $0.choices(in: .layers) })
        priorityEffortPivot = Pivot(
            rows: Priority.allCases.map(\.rawValue), columns: Effort.allCases.map(\.rawValue), issues: issues,
            row: { $0.priority.map { [$0.rawValue] } ?? [] }, column: { $0.effort.map { [$0.rawValue] } ?? [] })
        endpoints = EndpointSeries.series(of: issues)
        var gaps: [Int: [MetricGap]] = [:]
        for issue in issues { gaps[issue.number] = MetricGap.gaps(of: issue) }
        self.gaps = gaps
        let numbers = Set(issues.map(\.number))
        var backLinks: [Int: [Int]] = [:]
        var unknownRelated: [Int: [Int]] = [:]
        for issue in issues {
            for related in issue.relatedIssues where related != issue.number {
                if numbers.contains(related) {
                    backLinks[related, default: []].append(issue.number)
                } else {
                    unknownRelated[issue.number, default: []].append(related)
                }
            }
        }
        self.backLinks = backLinks
        self.unknownRelated = unknownRelated
        var attainment: [Int: Attainment] = [:]
        for issue in issues { attainment[issue.number] = Attainment(gaps: gaps[issue.number] ?? []) }
        self.attainment = attainment
        openAttainment = AttainmentCounts(issues.lazy.filter { $0.state == .open }.map { attainment[$0.number]! })
        var byMonth: [String: AttainmentCounts] = [:]
        for issue in issues {
            guard let day = issue.date else { continue }
            byMonth[day.monthKey, default: AttainmentCounts()].add(attainment[issue.number]!)
        }
        attainmentByMonth = byMonth.keys.sorted().map { ($0, byMonth[$0]!) }
        targets = NamedTarget.targets(of: issues)
        outcomes = Outcome.outcomes(of: issues, endpoints: endpoints)
        outcomeIndex = Dictionary(outcomes.enumerated().map { ($1.issue, $0) }) { first, _ in first }
        cataloguing.wait()
        self.catalogue = catalogue.withLock { $0 }
    }

    /// The issue with a number.
    public func issue(_ number: Int) -> Issue? {
        guard let index = issueIndex[number] else { return nil }
        return issues[index]
    }

    /// Where each issue number stands in ``issues``.
    private let issueIndex: [Int: Int]
    /// Where each closed issue's outcome stands in ``outcomes``.
    private let outcomeIndex: [Int: Int]

    /// The outcome of a closed issue.
    public func outcome(of number: Int) -> Outcome? { outcomeIndex[number].map { outcomes[$0] } }

    /// An issue's status against its expected figures.
    public func status(of number: Int) -> Attainment { attainment[number] ?? .noData }

    /// The statuses of the open issues of each item of a group.
    public func attainment(by group: ChoiceGroup.ID) -> AttainmentBreakdown? {
        schema.group(group).map { AttainmentBreakdown($0, issues: issues) { self.status(of: $0.number) } }
    }

    /// The statuses of the issues of each item of a group filed each month (every state), in schema order, over
    /// the months of ``attainmentByMonth``: each item's counts, one per month.
    public func attainmentByMonth(of group: ChoiceGroup.ID) -> [(item: ChoiceItem, months: [AttainmentCounts])] {
        guard let items = schema.group(group)?.items else { return [] }
        let months = attainmentByMonth.map(\.month)
        let column = Dictionary(uniqueKeysWithValues: months.enumerated().map { ($1, $0) })
        var counts: [String: [AttainmentCounts]] = [:]
        for issue in issues {
            guard let month = issue.date.flatMap({ column[$0.monthKey] }) else { continue }
            for id in issue.choices(in: group) {
                counts[id, default: Array(repeating: AttainmentCounts(), count: months.count)][month].add(
                    status(of: issue.number))
            }
        }
        return items.compactMap { item in counts[item.id].map { (item, $0) } }
    }

    /// What the closed issues that chose an idea achieved.
    public func ideaOutcome(_ entry: CatalogueEntry) -> IdeaOutcome {
        IdeaOutcome(entry.issues.compactMap { outcome(of: $0) })
    }

    /// The ``Day/monthNumber`` of the first of ``months``.
    private let firstMonth: Int

    /// Where the month of `day` stands in ``months``, if it is one of them.
    public func monthIndex(of day: Day) -> Int? { Report.index(of: day, firstMonth: firstMonth, count: months.count) }

    private static func index(of day: Day, firstMonth: Int, count: Int) -> Int? {
        let index = day.monthNumber - firstMonth
        return (0..<count).contains(index) ? index : nil
    }

    /// The worst gap of an issue: the largest ratio between current and expected, if any.
    public func worstGap(of number: Int) -> MetricGap? {
        gaps[number]?.max { $0.ratio < $1.ratio }
    }

    /// The items of a group that the most open P0 and P1 issues tick, with their counts: at most `limit`, the most
    /// first, ties in schema order; items no such issue ticks are left out.
    public func hotspots(in group: ChoiceGroup.ID, limit: Int = 5) -> [(item: ChoiceItem, count: Int)] {
        let urgent = issues.filter { $0.state == .open && ($0.priority == .p0 || $0.priority == .p1) }
        let items = schema.group(group)?.items ?? []
        return items.map { item in (item, urgent.count { $0.choices(in: group).contains(item.id) }) }
            .filter { $0.1 > 0 }.enumerated()
            .sorted { ($1.element.1, $0.offset) < ($0.element.1, $1.offset) }
            .prefix(limit).map(\.element)
    }

    /// The open issues furthest from their targets: each with its worst gap above 1, the widest first (ties by
    /// number), at most `limit`.
    public func widestGaps(limit: Int = 5) -> [(issue: Issue, gap: MetricGap)] {
        Array(
            issues.filter { $0.state == .open }.compactMap { issue in worstGap(of: issue.number).map { (issue, $0) } }
                .filter { $0.1.ratio > 1 }.sorted { ($1.1.ratio, $0.0.number) < ($0.1.ratio, $1.0.number) }
                .prefix(limit))
    }

    /// What an issue lacks to be placed in the site's breakdowns: `no component`, `no layer`.
    public static func placementGaps(of issue: Issue) -> [String] {
        [
            issue.choices(in: .components).isEmpty ? "no component" : nil,
            issue.choices(in: .layers).isEmpty ? "no layer" : nil,
        ].compactMap { $0 }
    }

    /// Endpoints whose latest report is worse than the one before.
    public var regressions: [EndpointSeries] {
        endpoints.filter { $0.reports.last?.isRegression == true }
    }
}

/// Issue numbers under one key.
public struct Bucket<Key: Sendable & Equatable>: Sendable, Equatable {
    /// The key (a priority, an effort, `nil` for none).
    public let key: Key
    /// The issue numbers, ascending.
    public let issues: [Int]
}

/// Counts of issues that fall in both a row and a column.
public struct Pivot: Sendable, Equatable {
    /// The row keys.
    public let rows: [String]
    /// The column keys.
    public let columns: [String]
    /// `counts[row][column]`.
    public let counts: [[Int]]

    init(
        rows: [String], columns: [String], issues: [Issue], row: (Issue) -> [String], column: (Issue) -> [String]
    ) {
        self.rows = rows
        self.columns = columns
        var counts = Array(repeating: Array(repeating: 0, count: columns.count), count: rows.count)
        let rowIndex = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($0.element, $0.offset) })
        let columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($0.element, $0.offset) })
        for issue in issues {
            for rowKey in row(issue) {
                for columnKey in column(issue) {
                    if let rowAt = rowIndex[rowKey], let columnAt = columnIndex[columnKey] {
                        counts[rowAt][columnAt] += 1
                    }
                }
            }
        }
        self.counts = counts
    }
}
