/// One filed performance issue, with every part of the template read into typed values.
///
/// Absent values are `nil` or empty: a template placeholder left as it was is never a number.
public struct Issue: Sendable, Equatable, Codable {
    /// The issue number from the front matter; unique in a site.
    public var number: Int
    /// The title from the front matter.
    public var title: String
    /// The author's handle.
    public var author: String?
    /// The assignees' handles.
    public var assignees: [String] = []
    /// The day the issue was filed, in UTC.
    public var date: Day?
    /// Whether the issue is open or closed.
    public var state: IssueState = .open
    /// The day the issue was closed, when given.
    public var closedDate: Day?
    /// The labels, trimmed, without duplicates, in the order written.
    public var labels: [String] = []
    /// The priority from the `**Priority:**` line.
    public var priority: Priority?
    /// The effort from the `**Estimated Effort:**` line.
    public var effort: Effort?
    /// The related milestone, as written.
    public var milestone: String?
    /// The source file's path relative to the content folder, with `/` separators.
    public var path: String
    /// The summary paragraph(s).
    public var summary: String?
    /// Every ticked box, by group id (`issue-types`, `components`, ...), as item ids in template order.
    public var choices: [String: [String]] = [:]
    /// The measurement period and sample size, as written.
    public var measurement = Measurement()
    /// The measured metrics.
    public var metrics = Metrics()
    /// The performance targets of the Target Metrics section.
    public var targets: [Target] = []
    /// The reproduction steps.
    public var reproduction = Reproduction()
    /// The investigation data and the figures read from it.
    public var investigation = Investigation()
    /// The code blocks of Technical Stack Analysis.
    public var technicalStack: [CodeSample] = []
    /// The code blocks of Architecture Changes.
    public var architectureChanges: [CodeSample] = []
    /// The optimization ideas chosen, template items and the author's own lines.
    public var optimizations: [OptimizationChoice] = []
    /// The historical-performance boxes, with the author's filled-in detail.
    public var historicalPerformance: [HistoricalNote] = []
    /// The issue numbers named in the Related Issues section, sorted and unique.
    public var relatedIssues: [Int] = []
    /// The reference lines, as written.
    public var references: [String] = []
    /// The user feedback text.
    public var userFeedback: String?
    /// The business context text.
    public var businessContext: String?
    /// The values still left as the template's placeholders (`current p95`), for the data-quality page.
    public var placeholders: [String] = []
    /// The body rendered to HTML by cmark-gfm, when rendering was asked for.
    public var bodyHTML: String?

    /// Creates an issue with its identity; every other part starts empty.
    public init(number: Int, title: String, path: String) {
        self.number = number
        self.title = title
        self.path = path
    }

    /// The item ids ticked in one group.
    public func choices(in group: ChoiceGroup.ID) -> [String] { choices[group.rawValue] ?? [] }

    /// The user-experience level: the single most severe box ticked under User Experience.
    public var businessImpact: String? { choices(in: .userExperience).first }
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
public struct OptimizationChoice: Sendable, Equatable, Codable {
    /// The category id: `database`, `application`, `infrastructure` or `frontend`.
    public var category: String
    /// The item id; for an author's own line, the id its text maps to by the same rule.
    public var id: String
    /// The template's label, or the author's line verbatim.
    public var label: String
    /// Whether the line is the author's own rather than a template item.
    public var custom: Bool

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
