// The values templates receive: display-ready text and flags, never the domain types (STYLE rule 4).
// swift-mustache reads them through Mirror, so every field is a stored property.

/// What every page's layout needs.
struct PageContext {
    /// The prefix from the page back to the site root (`""` or `"../"`).
    let root: String
    let siteTitle: String
    let navigation: [NavigationLink]
    let footer: String
    /// The page's absolute address, with a base URL only.
    let canonical: String?
    /// The feed's address, with a base URL only.
    let feed: String?
}

struct NavigationLink {
    let href: String
    let label: String
    let isCurrent: Bool
}

/// A link in a comma-separated list; `last` tells the template not to add a comma.
struct ListLink {
    let href: String
    let label: String
    let number: Int
    let last: Bool
}

/// A group's name and the links to the items an issue ticked in it.
struct GroupLinks {
    let title: String
    let links: [ListLink]
}

/// An issue named by its number in a comma-separated list (`#42, #57`): without its title, so that editing a title
/// leaves the long lists of the catalogue and the group pages as they were.
struct NumberLink {
    let href: String
    let number: Int
    let last: Bool
}

struct IssueRow {
    let href: String
    let number: Int
    let title: String
    let state: String
    let priority: String?
    let priorityClass: String
    let effort: String
    let components: String
    let layers: String
    let date: String
    let worstGap: String
    /// The row rendered by `issue-row.mustache`, once per issue and depth however many tables list it.
    let html: RowHTML
}

struct IssueTable {
    let rows: [IssueRow]
}

struct TableRow {
    let label: String
    let cells: [String]
}

struct MonthTable {
    let chart: String
    let caption: String
    let columns: [String]
    let rows: [TableRow]
}

struct CountLink {
    let href: String
    let label: String
    let count: Int
}

struct PriorityCount {
    let label: String
    let count: Int
    let priorityClass: String
}

struct GapRow {
    let href: String
    let number: Int
    let title: String
    let metric: String
    let current: String
    let expected: String
    let ratio: String
}

struct RegressionRow {
    let endpoint: String
    let previousHref: String
    let previousNumber: Int
    let previousDate: String
    let latestHref: String
    let latestNumber: Int
    let latestDate: String
    let before: String
    let after: String
    let change: String
}

struct DashboardPage {
    let page: PageContext
    let summary: String
    let openCount: Int
    let closedCount: Int
    let totalCount: Int
    /// The open issues by status against their expected figures.
    let attainment: [StatusCount]
    let hasOverdue: Bool
    /// The open issues longest past their priority's close target (at most five).
    let overdue: [OverdueRow]
    let overdueCount: Int
    let staleCount: Int
    let unmeasuredCount: Int
    let staleAfterDays: Int
    let openByPriority: [PriorityCount]
    let hotComponents: [CountLink]
    let hotLayers: [CountLink]
    let worstGaps: [GapRow]
    let hasRegressions: Bool
    let regressionMetric: String
    let regressions: [RegressionRow]
    let monthly: MonthTable
    let newest: IssueTable
}

struct IssuesPage {
    let page: PageContext
    let summary: String
    let table: IssueTable
    let pager: Pager
}

/// Where a page stands in its list, and the links to the list's other pages (`pager.mustache`).
struct Pager {
    /// This page's path in the site.
    let path: String
    /// This page's number, from 1.
    let number: Int
    let count: Int
    let isFirst: Bool
    /// Whether the list has more than one page.
    let hasPages: Bool
    /// `Page 2 of 79`.
    let label: String
    /// The link to the list's first page.
    let first: String
    let previous: String?
    let next: String?
    /// The first and last pages and those near this one; `afterGap` marks a link that skips pages.
    let links: [PagerLink]
}

struct PagerLink {
    let href: String
    let number: Int
    let isCurrent: Bool
    let afterGap: Bool
}

struct MetricRow {
    let name: String
    let current: String
    let expected: String
    let gap: String
    let isOff: Bool
    /// `line 45`: where the figure was read; linked to that line in the repository when one is configured.
    let line: String?
    let lineHref: String?
}

struct NameValue {
    let name: String
    let value: String
}

struct ContainerRow {
    let name: String
    let cpu: String
    let memory: String
    let line: String?
    let lineHref: String?
}

/// A figure of an issue page and where it came from: `line 45` of the issue's file (linked to it in the
/// repository when one is configured), or another issue's page.
struct SourcedValue {
    let name: String
    let value: String
    /// The value as HTML, when it holds an author's inline Markdown (a target's wording).
    var valueHTML: String?
    let line: String?
    let lineHref: String?
}

struct IssuePage {
    let page: PageContext
    let number: Int
    let title: String
    let state: String
    /// Met, at risk, unmet or no data, against its expected figures (``Attainment``).
    let status: String
    let statusLabel: String
    /// For a closed issue: before, after, ratio, improvement measured and claimed, target met.
    let hasOutcome: Bool
    let outcome: [SourcedValue]
    let priority: String?
    let priorityClass: String
    let effort: String?
    let date: String
    let author: String?
    let closedDate: String?
    let endpoint: String?
    let components: [ListLink]
    let layers: [ListLink]
    let types: [ListLink]
    /// The site's own groups (perfsite.yml), each with the items this issue ticked.
    let ownGroups: [GroupLinks]
    let impact: String?
    let milestone: String?
    let assignees: String?
    let labels: String?
    let related: [ListLink]
    let unknownRelated: [Int]
    let hasRelated: Bool
    let backLinks: [ListLink]
    let hasBackLinks: Bool
    let sourcePath: String
    /// The file in the repository (`repository:` and `branch:` in perfsite.yml), and the issue's own page (`url:`).
    let sourceHref: String?
    let url: String?
    let hasMetrics: Bool
    let metrics: [MetricRow]
    let hasTargets: Bool
    let targets: [SourcedValue]
    let hasInvestigation: Bool
    let investigation: [SourcedValue]
    let hasContainers: Bool
    let containers: [ContainerRow]
    let bodyHTML: String
}

struct GroupRow {
    let href: String
    let label: String
    let open: Int
    let closed: Int
    let p0: Int
    let p1: Int
    let p2: Int
    let p3: Int
}

struct GroupIndexPage {
    let page: PageContext
    let heading: String
    let singular: String
    let summary: String
    let rows: [GroupRow]
}

struct EndpointMetricRow {
    let href: String
    let number: Int
    let date: String
    let endpoint: String
    let p50: String
    let p95: String
    let p99: String
    let throughput: String
}

struct IdeaRow {
    let label: String
    let labelHTML: String?
    let category: String
    let custom: Bool
    /// The idea's own page, which lists every issue that chose it.
    let href: String
    /// The first issues of the group that chose it (``SiteRenderer/shownLinks`` at most).
    let issues: [NumberLink]
    /// "and 412 more", when the group has more.
    let more: String?
}

struct GroupPage {
    let page: PageContext
    let kind: String
    let label: String
    let openCount: Int
    let closedCount: Int
    let byPriority: [PriorityCount]
    let table: IssueTable
    let pager: Pager
    let hasIssues: Bool
    /// On the first page only, like the ideas: the whole group's figures.
    let monthly: MonthTable?
    let hasMetrics: Bool
    let metrics: [EndpointMetricRow]
    let hasIdeas: Bool
    let ideas: [IdeaRow]
}

struct ReportRow {
    let date: String
    let href: String
    let number: Int
    let p50: String
    let p95: String
    let p99: String
    let change: String
    let changeClass: String
}

struct EndpointBlock {
    let endpoint: String
    /// Every report's p95, oldest first.
    let sparkline: String
    /// The newest reports (``SiteRenderer/shownLinks`` at most), oldest first.
    let reports: [ReportRow]
    /// "12 earlier reports are not listed; each is on its issue's page", when there are more.
    let earlier: String?
}

struct Breakdown {
    let heading: String
    let caption: String
    let columns: [String]
    let rows: [TableRow]
}

struct TrendsPage {
    let page: PageContext
    let backlog: MonthTable
    let breakdowns: [Breakdown]
    let endpoints: [EndpointBlock]
}

struct CatalogueRow {
    let href: String
    let label: String
    let labelHTML: String?
    let custom: Bool
    let chosen: Int
    let closed: Int
    /// The median improvement measured and claimed by the closed issues that chose it, and how many closed their gap.
    let measured: String
    let claimed: String
    let closedGap: Int
}

struct CatalogueCategory {
    let heading: String
    let ideas: [CatalogueRow]
}

struct ChangeBlock {
    let label: String
    let href: String
    let number: Int
    let title: String
    let language: String?
    let code: String
}

struct ValidationRow {
    let label: String
    let count: Int
    /// The first closed issues that reached it (``SiteRenderer/shownLinks`` at most).
    let issues: [NumberLink]
    /// "and 412 more", when there are more.
    let more: String?
}

struct OptimizationsPage {
    let page: PageContext
    let summary: String
    let categories: [CatalogueCategory]
    /// Whether any issue proposes an architecture change (the blocks are on `changes.html`).
    let hasChanges: Bool
    /// `9 architecture changes proposed by 8 issues`.
    let changeSummary: String
    let validation: [ValidationRow]
}

/// A page of the Architecture Changes blocks, by issue number.
struct ChangesPage {
    let page: PageContext
    let summary: String
    let changes: [ChangeBlock]
    let pager: Pager
}

struct LeftOutFile {
    let path: String
    let reasons: [String]
}

struct IssueNote {
    let href: String
    let number: Int
    let title: String
    let note: String
}

struct WarningRow {
    let file: String
    let line: String
    let message: String
}

/// The data-quality pages: the first lists each kind of problem (a page's worth of rows of each, and how many more
/// there are), and every page a page of the warnings.
struct QualityPage {
    let page: PageContext
    let leftOut: [LeftOutFile]
    let placeholders: NoteList
    let unplaced: NoteList
    let unknownRelated: NoteList
    /// Open issues without a single figure.
    let unmeasured: NoteList
    /// Open issues not updated for longer than ``staleAfterDays``.
    let stale: NoteList
    let staleAfterDays: Int
    let warningCount: Int
    let warnings: [WarningRow]
    let pager: Pager
}

/// The first rows of a list of issues with a note each, and what is said of the rest.
struct NoteList {
    let rows: [IssueNote]
    /// "and 412 more: perfsite check prints every one", when there are more.
    let more: String?
}

/// One status of attainment and how many issues have it, linked to where they are listed.
struct StatusCount {
    let status: String
    let label: String
    let count: Int
    let href: String
}

struct OverdueRow {
    let href: String
    let number: Int
    let title: String
    let priority: String
    let days: Int
    let limit: Int
}

struct TargetHistoryPoint {
    let date: String
    let href: String
    let number: Int
    let measured: String
    let status: String
    let statusLabel: String
    let last: Bool
}

struct TargetRow {
    let anchor: String
    let name: String
    let nameHTML: String?
    let statementHTML: String
    let issueCount: Int
    let latest: String
    let latestHref: String?
    let latestNumber: Int?
    let status: String
    let statusLabel: String
    /// The latest measurements, oldest first (at most ``SiteRenderer/historyShown``), and how many earlier ones
    /// are left out.
    let history: [TargetHistoryPoint]
    let hasHistory: Bool
    let hasEarlier: Bool
    let earlier: Int
}

struct AttainmentRow {
    let href: String
    let label: String
    let met: Int
    let atRisk: Int
    let unmet: Int
    let noData: Int
    let metShare: String
}

struct AttainmentTable {
    let heading: String
    let caption: String
    let rows: [AttainmentRow]
}

struct TargetsPage {
    let page: PageContext
    let summary: String
    let counts: [StatusCount]
    let hasTargets: Bool
    let targets: [TargetRow]
    let tables: [AttainmentTable]
    let monthly: MonthTable?
    /// For components and layers: how many of each month's issues met their figures.
    let perMonth: [Breakdown]
}

struct OutcomeRow {
    let href: String
    let number: Int
    let title: String
    let endpoint: String
    let closed: String
    let metric: String
    let before: String
    let after: String
    let afterHref: String?
    let afterNumber: Int?
    let ratio: String
    let measured: String
    let claimed: String
    let targetMet: String
    let targetMetClass: String
}

struct OutcomesPage {
    let page: PageContext
    let summary: String
    let hasRows: Bool
    let rows: [OutcomeRow]
    let pager: Pager
}

struct DaysRow {
    let label: String
    let href: String?
    let count: Int
    let median: String
    let p90: String
}

struct DaysTable {
    let heading: String
    let rows: [DaysRow]
}

struct AgeBandRow {
    let label: String
    let count: Int
    /// The band's first issues (``SiteRenderer/shownLinks`` at most).
    let issues: [NumberLink]
    /// "and 412 more", linked to the open issues oldest first, when the band has more.
    let more: String?
}

struct AgeingPage {
    let page: PageContext
    let summary: String
    let tables: [DaysTable]
    let bands: [AgeBandRow]
    /// The issue index showing the open issues, oldest first: where a band's issues beyond the first are.
    let oldestOpen: String
    let hasOverdue: Bool
    let overdue: [OverdueRow]
    let hasCloseTargets: Bool
    let closeTargets: String
    let hasUncounted: Bool
    let uncounted: [NumberLink]
}

/// A page of one optimization idea: the issues that chose it, and what came of those closed.
struct IdeaPage {
    let page: PageContext
    let category: String
    let label: String
    let labelHTML: String?
    let custom: Bool
    let summary: String
    let components: String
    let layers: String
    let table: IssueTable
    let pager: Pager
    /// On the first page only.
    let hasOutcomes: Bool
    let outcomes: [OutcomeRow]
}

struct EndpointChangeRow {
    let endpoint: String
    let beforeHref: String
    let beforeNumber: Int
    let afterHref: String
    let afterNumber: Int
    let metric: String
    let before: String
    let after: String
    let change: String
}

struct TargetLink {
    let href: String
    let name: String
    let last: Bool
}

struct ChangedPage {
    let page: PageContext
    let since: String
    let isEmpty: Bool
    let filed: [NumberLink]
    let closed: [NumberLink]
    let hasRegressed: Bool
    let regressed: [EndpointChangeRow]
    let hasImproved: Bool
    let improved: [EndpointChangeRow]
    let newlyMet: [TargetLink]
    let newlyMissed: [TargetLink]
    let feed: String?
}

extension MonthTable {
    /// The table with its newest month first, so that no width hides it off to the right; the chart keeps time
    /// running left to right.
    var newestFirst: MonthTable {
        MonthTable(
            chart: chart, caption: caption, columns: columns.reversed(),
            rows: rows.map { TableRow(label: $0.label, cells: $0.cells.reversed()) })
    }
}

extension Breakdown {
    /// The table with its newest month first.
    var newestFirst: Breakdown {
        Breakdown(
            heading: heading, caption: caption, columns: columns.reversed(),
            rows: rows.map { TableRow(label: $0.label, cells: $0.cells.reversed()) })
    }
}

/// The search page: Pagefind's box, which its own script fills when the site is served over http(s).
struct SearchPage {
    let page: PageContext
}
