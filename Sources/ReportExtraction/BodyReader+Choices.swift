import MarkdownTree
import ReportModel

extension BodyReader {
    /// Ticked boxes under their own group; authors' own lines in the optimization lists.
    mutating func readChoices() {
        var ticked: [ChoiceGroup.ID: Set<String>] = [:]
        var customIdeas: [OptimizationChoice] = []
        var details: [String: String] = [:]
        for entry in outline.lines {
            guard case .item(let checkbox, let text) = entry.entry, checkbox != .unchecked,
                let (group, labels) = choices.groups[entry.context.group]
            else { continue }
            let bare = text.removingAll("**").trimmed
            let match = Self.item(bare, in: group, labels: labels)
            let item = match?.item
            if let match, match.misspelt, checkbox == .checked {
                warn(
                    entry.line,
                    "the ticked box '\(bare)' under \(group.title) was read as '\(match.item.label)', one letter away: "
                        + "correct the spelling")
            }
            switch (checkbox, item, group.optimizationCategory) {
            case (.checked, let item?, _):
                ticked[group.id, default: []].insert(item.id)
                let rest = String(bare.dropFirst(match?.length ?? item.label.count))
                if group.id == .historicalPerformance {
                    readHistoricalDetail(rest, for: item.id, line: entry.line, into: &details)
                } else if group.id == .successMetrics {
                    readClaim(rest, for: item.id, line: entry.line)
                }
            case (_, nil, let category?):
                // An author's own idea, ticked or written as a plain line, is kept verbatim.
                let label = bare
                if !label.isEmpty, !customIdeas.contains(where: { $0.category == category && $0.label == label }) {
                    var idea = OptimizationChoice(
                        category: category, id: ChoiceItem.id(for: label), label: label, custom: true)
                    idea.labelHTML = InlineMarkdown.html(label)
                    customIdeas.append(idea)
                }
            case (.checked, nil, nil):
                warn(
                    entry.line,
                    "the ticked box '\(bare)' under \(group.title) is none of its items, so it was not counted; "
                        + "start the line with one of: \(group.items.map(\.label).joined(separator: ", "))")
            default:
                break
            }
        }
        for group in schema.groups {
            guard let ids = ticked[group.id] else { continue }
            issue.choices[group.id.rawValue] = group.items.map(\.id).filter(ids.contains)
        }
        let levels = issue.choices(in: .userExperience)
        if levels.count > 1 {
            warn(
                nil,
                "several User Experience levels are ticked (\(levels.joined(separator: ", "))); "
                    + "the most severe, \(levels[0]), is used: tick one")
            issue.choices[ChoiceGroup.ID.userExperience.rawValue] = [levels[0]]
        }
        issue.optimizations = schema.groups.flatMap { group -> [OptimizationChoice] in
            guard let category = group.optimizationCategory else { return [] }
            return issue.choices(in: group.id).map { id in
                OptimizationChoice(category: category, id: id, label: schema.label(of: id, in: group.id), custom: false)
            } + customIdeas.filter { $0.category == category }
        }
        issue.historicalPerformance = issue.choices(in: .historicalPerformance).map {
            HistoricalNote(id: $0, detail: details[$0])
        }
    }

    /// Words that join a template item to its placeholder (`Gradual degradation over [time period]`): a line may
    /// put other words there (`Gradual degradation as screens grew`).
    static let connectives: Set<String> = [
        "over", "until", "after", "since", "before", "during", "in", "at", "by", "for", "to", "of", "from", "when",
    ]

    /// The item a box's line names: the longest label the line starts with, case aside; or, for a label that ends in
    /// a connective before the template's placeholder, the words before it; or else the one label exactly one
    /// letter away from the line's first words (`Concurency`), marked `misspelt`.
    ///
    /// `length` is how many characters of the line the match took: what follows is the line's own detail.
    static func item(
        _ line: String, in group: ChoiceGroup, labels: [ChoiceLabel]
    ) -> (item: ChoiceItem, misspelt: Bool, length: Int)? {
        let lowercased = line.lowercased()
        // The longest label the line starts with; the first of those as long (no array of matches is built).
        var exact: (item: ChoiceItem, length: Int)?
        for label in labels where lowercased.hasPrefix(label.text) {
            if label.length > exact?.length ?? -1 { exact = (label.item, label.length) }
        }
        if let exact { return (exact.item, false, exact.length) }
        let words = Words.joined(lowercased, by: " ").split(separator: " ")
        for label in labels {
            guard let before = label.wordsBeforeConnective else { continue }
            if words.starts(with: before) { return (label.item, false, length(ofWords: before.count, in: line)) }
        }
        // One edit away (a distance of exactly 1 is also within what `Suggestion.nearest` allows, and not equal).
        var starts: [Int: [Unicode.Scalar]] = [:]
        let near = labels.filter { label in
            let start =
                starts[label.wordCount] ?? Array(words.prefix(label.wordCount).joined(separator: " ").unicodeScalars)
            starts[label.wordCount] = start
            return Suggestion.editDistance(start, label.keyScalars, limit: 1) == 1
        }
        guard let first = near.first, near.allSatisfy({ $0.item.id == first.item.id }) else { return nil }
        return (first.item, true, length(ofWords: first.wordCount, in: line))
    }

    /// The characters of `line` up to the end of its `count`th word (a run of ASCII letters and digits).
    private static func length(ofWords count: Int, in line: String) -> Int {
        var words = 0
        var inWord = false
        for (offset, character) in line.enumerated() {
            let isWordCharacter = character.isASCII && (character.isLetter || character.isNumber)
            if inWord && !isWordCharacter {
                words += 1
                if words == count { return offset }
            }
            inWord = isWordCharacter
        }
        return line.count
    }

    /// The percentage a ticked Success Metrics box claims: `Response time improved by 70%` is 70 %. A box with no
    /// figure claims none; one left as the template's `X%`, or with a figure that is not a percentage, is a warning.
    private mutating func readClaim(_ rest: String, for id: String, line: Int) {
        var text = Substring(rest.trimmed)
        if text.lowercased().hasPrefix("by ") { text = text.dropFirst(3) }
        let figure = text.trimmed
        guard !figure.isEmpty else { return }
        if ValueText.isPlaceholder(figure) || figure.first.map({ $0.isLetter }) == true && figure.hasSuffix("%") {
            warnPlaceholders(line, [(name: "the improvement claimed", placeholder: String(figure))])
            return
        }
        guard let quantity = Quantity(figure), quantity.unit == "%" else {
            warn(
                line,
                "the improvement claimed, '\(figure)', is not read: write it as a percentage, like 'by 70%'")
            return
        }
        issue.claims.append(Claim(metric: id, percent: quantity.value, line: line))
    }

    private mutating func readHistoricalDetail(
        _ rest: String, for id: String, line: Int, into details: inout [String: String]
    ) {
        let detail = rest.trimmed.drop(while: { $0 == ":" || $0 == "-" || $0 == " " }).trimmed
        if ValueText.isPlaceholder(detail) {
            warnPlaceholders(line, [(name: "the historical-performance detail", placeholder: detail)])
        } else if !detail.isEmpty, details[id] == nil {
            details[id] = detail
        }
    }
}

/// One label of a checkbox item (its label or an alias), with what every line is compared with worked out once.
struct ChoiceLabel: Sendable {
    let item: ChoiceItem
    /// The label in lower case.
    let text: String
    /// Its length in Characters.
    let length: Int
    /// How many space-separated words it has.
    let wordCount: Int
    /// Its words (``Words/joined(_:by:)-(String,_)``) as scalars.
    let keyScalars: [Unicode.Scalar]
    /// For a label that ends in a connective before the template's placeholder (`Gradual degradation over`), the
    /// words before it.
    let wordsBeforeConnective: [Substring]?

    init(item: ChoiceItem, label: String) {
        self.item = item
        text = label.lowercased()
        length = text.count
        wordCount = text.split(separator: " ").count
        let key = Words.joined(text, by: " ")
        keyScalars = Array(key.unicodeScalars)
        var words = key.split(separator: " ")
        if words.count > 1, let last = words.last, BodyReader.connectives.contains(String(last)) {
            words.removeLast()
            wordsBeforeConnective = words
        } else {
            wordsBeforeConnective = nil
        }
    }
}

/// The schema's checkbox groups by the key of each of their names, with their items' labels in lower case: what
/// every file's boxes are matched against.
struct ChoiceLookup: Sendable {
    /// Each group with its items' labels and aliases, one entry per label (an item may have several).
    let groups: [String: (group: ChoiceGroup, labels: [ChoiceLabel])]

    init(_ schema: IssueSchema) {
        var groups: [String: (group: ChoiceGroup, labels: [ChoiceLabel])] = [:]
        for group in schema.groups {
            let labels = group.items.flatMap { item in
                ([item.label] + item.aliases).map { ChoiceLabel(item: item, label: $0) }
            }
            for name in group.names { groups[Outline.key(name)] = (group, labels) }
        }
        self.groups = groups
    }
}
