/// One filed performance issue, with every part of the template read into typed values.
///
/// Absent values are `nil` or empty: a template placeholder left as it was is never a number.
///
/// A value type kept in one shared box, copied only when changed (as `Array` is): aggregation and rendering put each
/// issue into many lists, and a copy of some forty fields each time had cost a tenth of a build.
public struct Issue: Sendable, Equatable, Codable {
    /// The stored fields; `Codable` through them, so the encoded form is a plain object of these keys (the details
    /// under `details`).
    struct Fields: Sendable, Equatable, Codable {
        var number: Int
        var title: String
        var author: String?
        var assignees: [String] = []
        var date: Day?
        var state: IssueState = .open
        var closedDate: Day?
        var labels: [String] = []
        var priority: Priority?
        var effort: Effort?
        var milestone: String?
        var path: String
        var summary: String?
        var choices: [String: [String]] = [:]
        var metrics = Metrics()
        var targets: [Target] = []
        var investigation = Investigation()
        var architectureChanges: [CodeSample] = []
        var optimizations: [OptimizationChoice] = []
        var relatedIssues: [Int] = []
        var placeholders: [String] = []
        var claims: [Claim] = []
        var mentions: [Int] = []
        var updated: Day?
        var url: String?
        var bodyHTML: String?
        var details = DetailsBox()
    }

    private final class Storage: @unchecked Sendable {
        // Written only through `mutableFields`, after a copy unless this value holds the only reference.
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    private var mutableFields: Fields {
        get { storage.fields }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
            yield &storage.fields
        }
    }

    /// The issue number from the front matter; unique in a site.
    public var number: Int {
        get { storage.fields.number }
        set { mutableFields.number = newValue }
    }

    /// The title from the front matter.
    public var title: String {
        get { storage.fields.title }
        set { mutableFields.title = newValue }
    }

    /// The author's handle.
    public var author: String? {
        get { storage.fields.author }
        set { mutableFields.author = newValue }
    }

    /// The assignees' handles.
    public var assignees: [String] {
        get { storage.fields.assignees }
        set { mutableFields.assignees = newValue }
    }

    /// The day the issue was filed, in UTC.
    public var date: Day? {
        get { storage.fields.date }
        set { mutableFields.date = newValue }
    }

    /// Whether the issue is open or closed.
    public var state: IssueState {
        get { storage.fields.state }
        set { mutableFields.state = newValue }
    }

    /// The day the issue was closed, when given.
    public var closedDate: Day? {
        get { storage.fields.closedDate }
        set { mutableFields.closedDate = newValue }
    }

    /// Days from filed to closed, for a closed issue with both dates, closed on or after the day it was filed.
    public var daysToClose: Int? {
        guard state == .closed, let filed = date, let closed = closedDate, closed >= filed else { return nil }
        return closed.days(since: filed)
    }

    /// The labels, trimmed, without duplicates, in the order written.
    public var labels: [String] {
        get { storage.fields.labels }
        set { mutableFields.labels = newValue }
    }

    /// The priority from the `**Priority:**` line.
    public var priority: Priority? {
        get { storage.fields.priority }
        set { mutableFields.priority = newValue }
    }

    /// The effort from the `**Estimated Effort:**` line.
    public var effort: Effort? {
        get { storage.fields.effort }
        set { mutableFields.effort = newValue }
    }

    /// The related milestone, as written.
    public var milestone: String? {
        get { storage.fields.milestone }
        set { mutableFields.milestone = newValue }
    }

    /// The source file's path relative to the content folder, with `/` separators.
    public var path: String {
        get { storage.fields.path }
        set { mutableFields.path = newValue }
    }

    /// The summary paragraph(s).
    public var summary: String? {
        get { storage.fields.summary }
        set { mutableFields.summary = newValue }
    }

    /// Every ticked box, by group id (`issue-types`, `components`, ...), as item ids in template order.
    public var choices: [String: [String]] {
        get { storage.fields.choices }
        set { mutableFields.choices = newValue }
    }

    /// The measurement period and sample size, as written.
    public var measurement: Measurement {
        get { storage.fields.details.value.measurement }
        set { mutableFields.details.value.measurement = newValue }
        _modify { yield &mutableFields.details.value.measurement }
    }

    /// The measured metrics.
    public var metrics: Metrics {
        get { storage.fields.metrics }
        set { mutableFields.metrics = newValue }
    }

    /// The performance targets of the Target Metrics section.
    public var targets: [Target] {
        get { storage.fields.targets }
        set { mutableFields.targets = newValue }
    }

    /// The reproduction steps.
    public var reproduction: Reproduction {
        get { storage.fields.details.value.reproduction }
        set { mutableFields.details.value.reproduction = newValue }
        _modify { yield &mutableFields.details.value.reproduction }
    }

    /// The investigation data and the figures read from it.
    public var investigation: Investigation {
        get { storage.fields.investigation }
        set { mutableFields.investigation = newValue }
    }

    /// The code blocks of Technical Stack Analysis.
    public var technicalStack: [CodeSample] {
        get { storage.fields.details.value.technicalStack }
        set { mutableFields.details.value.technicalStack = newValue }
        _modify { yield &mutableFields.details.value.technicalStack }
    }

    /// The code blocks of Architecture Changes.
    public var architectureChanges: [CodeSample] {
        get { storage.fields.architectureChanges }
        set { mutableFields.architectureChanges = newValue }
    }

    /// The optimization ideas chosen, template items and the author's own lines.
    public var optimizations: [OptimizationChoice] {
        get { storage.fields.optimizations }
        set { mutableFields.optimizations = newValue }
    }

    /// The historical-performance boxes, with the author's filled-in detail.
    public var historicalPerformance: [HistoricalNote] {
        get { storage.fields.details.value.historicalPerformance }
        set { mutableFields.details.value.historicalPerformance = newValue }
        _modify { yield &mutableFields.details.value.historicalPerformance }
    }

    /// The issue numbers named in the Related Issues section, sorted and unique.
    public var relatedIssues: [Int] {
        get { storage.fields.relatedIssues }
        set { mutableFields.relatedIssues = newValue }
    }

    /// The reference lines, as written.
    public var references: [String] {
        get { storage.fields.details.value.references }
        set { mutableFields.details.value.references = newValue }
        _modify { yield &mutableFields.details.value.references }
    }

    /// The user feedback text.
    public var userFeedback: String? {
        get { storage.fields.details.value.userFeedback }
        set { mutableFields.details.value.userFeedback = newValue }
        _modify { yield &mutableFields.details.value.userFeedback }
    }

    /// The business context text.
    public var businessContext: String? {
        get { storage.fields.details.value.businessContext }
        set { mutableFields.details.value.businessContext = newValue }
        _modify { yield &mutableFields.details.value.businessContext }
    }

    /// The improvements its author claims under Validation Criteria (`Response time improved by 70%`).
    public var claims: [Claim] {
        get { storage.fields.claims }
        set { mutableFields.claims = newValue }
    }

    /// The other issues its body mentions as `#N`, in order of first mention (linked on its page when they exist).
    public var mentions: [Int] {
        get { storage.fields.mentions }
        set { mutableFields.mentions = newValue }
    }

    /// The day the issue was last updated (`updated:` in the front matter, which `import github` fills).
    public var updated: Day? {
        get { storage.fields.updated }
        set { mutableFields.updated = newValue }
    }

    /// The issue's own address, such as its GitHub issue (`url:` in the front matter).
    public var url: String? {
        get { storage.fields.url }
        set { mutableFields.url = newValue }
    }

    /// The values still left as the template's placeholders (`current p95`), for the data-quality page.
    public var placeholders: [String] {
        get { storage.fields.placeholders }
        set { mutableFields.placeholders = newValue }
    }

    /// The body rendered to HTML by cmark-gfm, when rendering was asked for.
    public var bodyHTML: String? {
        get { storage.fields.bodyHTML }
        set { mutableFields.bodyHTML = newValue }
    }

    /// The parts only the issue's data export shows.
    public var details: IssueDetails {
        get { storage.fields.details.value }
        set { mutableFields.details = DetailsBox(newValue) }
    }

    /// The issue as the pages and aggregation see it: without ``details`` and the investigation's code blocks,
    /// which only its data export shows. A build keeps this in memory and the export's object on disk.
    public var withoutExportOnlyParts: Issue {
        var issue = self
        issue.details = IssueDetails()
        issue.investigation.backendProfiling = []
        issue.investigation.queryAnalysis = []
        issue.investigation.frontendProfiling = []
        return issue
    }

    /// Creates an issue with its identity; every other part starts empty.
    public init(number: Int, title: String, path: String) {
        storage = Storage(Fields(number: number, title: title, path: path))
    }

    public init(from decoder: Decoder) throws { storage = Storage(try Fields(from: decoder)) }

    public func encode(to encoder: Encoder) throws { try storage.fields.encode(to: encoder) }

    public static func == (lhs: Issue, rhs: Issue) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    /// The item ids ticked in one group.
    public func choices(in group: ChoiceGroup.ID) -> [String] { choices[group.rawValue] ?? [] }

    /// The user-experience level: the single most severe box ticked under User Experience.
    public var businessImpact: String? { choices(in: .userExperience).first }
}

/// The parts of an issue that only its data export shows (its page shows them in its body): the reproduction steps,
/// the technical stack and the other free-text sections. Neither aggregation nor any page reads them, so a build
/// keeps them only in the issue's object of the export, on disk (``Issue/withoutExportOnlyParts``).
public struct IssueDetails: Sendable, Equatable, Codable {
    /// The measurement period and sample size, as written.
    public var measurement = Measurement()
    /// The reproduction steps.
    public var reproduction = Reproduction()
    /// The code blocks of Technical Stack Analysis.
    public var technicalStack: [CodeSample] = []
    /// The historical-performance boxes, with the author's filled-in detail.
    public var historicalPerformance: [HistoricalNote] = []
    /// The reference lines, as written.
    public var references: [String] = []
    /// The user feedback text.
    public var userFeedback: String?
    /// The business context text.
    public var businessContext: String?

    /// Details with every part empty.
    public init() {}

    static let empty = IssueDetails()
}

/// An issue's details in a box of their own, shared until changed; no box while they are empty (a build's issues,
/// once their details are in their export's object on disk), so an issue without them holds one pointer, not the
/// details' fields inline.
struct DetailsBox: Sendable, Equatable, Codable {
    private final class Storage: @unchecked Sendable {
        // Written only through `value`, after a copy unless this box holds the only reference.
        var details: IssueDetails
        init(_ details: IssueDetails) { self.details = details }
    }

    private var storage: Storage?

    init(_ details: IssueDetails = .empty) { storage = details == .empty ? nil : Storage(details) }

    var value: IssueDetails {
        get { storage?.details ?? .empty }
        _modify {
            if storage == nil {
                storage = Storage(.empty)
            } else if !isKnownUniquelyReferenced(&storage) {
                storage = Storage(storage!.details)
            }
            yield &storage!.details
        }
    }

    init(from decoder: Decoder) throws { self.init(try IssueDetails(from: decoder)) }

    func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }

    static func == (lhs: DetailsBox, rhs: DetailsBox) -> Bool {
        lhs.storage === rhs.storage || lhs.value == rhs.value
    }
}

/// Whether an issue is still open.
public enum IssueState: String, Sendable, Equatable, CaseIterable, Codable {
    /// Not yet resolved.
    case open
    /// Resolved.
    case closed
}

/// The template's priorities, most urgent first.
public enum Priority: String, Sendable, Equatable, Comparable, CaseIterable, Codable {
    case p0 = "P0", p1 = "P1", p2 = "P2", p3 = "P3"

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The template's effort sizes, smallest first.
public enum Effort: String, Sendable, Equatable, Comparable, CaseIterable, Codable {
    case small = "S", medium = "M", large = "L", extraLarge = "XL"

    public static func < (lhs: Effort, rhs: Effort) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How the metrics were measured, beyond the ticked methods.
public struct Measurement: Sendable, Equatable, Codable {
    /// The measurement period, as written.
    public var period: String?
    /// The sample size, as written.
    public var sampleSize: String?
    /// Creates an empty measurement.
    public init(period: String? = nil, sampleSize: String? = nil) {
        self.period = period
        self.sampleSize = sampleSize
    }
}

/// A fenced code block kept from the issue, with the bold label above it.
public struct CodeSample: Sendable, Equatable, Codable {
    /// The bold label that introduces the block (`Database Performance`), if any.
    public var label: String?
    /// The first word of the fence's info string (`sql`), if any.
    public var language: String?
    /// The code, as written.
    public var code: String
    /// The line on which the block starts.
    public var line: Int

    /// Creates a code sample.
    public init(label: String?, language: String?, code: String, line: Int) {
        self.label = label
        self.language = language
        self.code = code
        self.line = line
    }
}

/// An optimization idea an issue chose.
public struct OptimizationChoice: Sendable, Hashable, Codable {
    /// The category id: `database`, `application`, `infrastructure` or `frontend`.
    public var category: String
    /// The item id; for an author's own line, the id its text maps to by the same rule.
    public var id: String
    /// The template's label, or the author's line verbatim.
    public var label: String
    /// Whether the line is the author's own rather than a template item.
    public var custom: Bool

    /// The author's line as HTML when it holds inline Markdown (`` `COPY` ``, `*bold*`), else `nil`.
    public var labelHTML: String?

    /// Creates an optimization choice.
    public init(category: String, id: String, label: String, custom: Bool) {
        self.category = category
        self.id = id
        self.label = label
        self.custom = custom
    }
}

/// A ticked historical-performance box and the detail its author filled in.
public struct HistoricalNote: Sendable, Equatable, Codable {
    /// The item id (`sudden-regression-after`).
    public var id: String
    /// The text after the label (`deploy 2026.03.2`), or `nil` when still a placeholder.
    public var detail: String?

    /// Creates a note.
    public init(id: String, detail: String?) {
        self.id = id
        self.detail = detail
    }
}
