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
            let bare = (text.utf8.contains(UInt8(ascii: "*")) ? text.replacing("**", with: "") : text).trimmed
            let lowercased = bare.lowercased()
            let item = zip(group.items, labels).filter { lowercased.hasPrefix($0.1) }
                .max { $0.0.label.count < $1.0.label.count }?.0
            switch (checkbox, item, group.optimizationCategory) {
            case (.checked, let item?, _):
                ticked[group.id, default: []].insert(item.id)
                if group.id == .historicalPerformance {
                    readHistoricalDetail(
                        String(bare.dropFirst(item.label.count)), for: item.id, line: entry.line, into: &details)
                }
            case (_, nil, let category?):
                // An author's own idea, ticked or written as a plain line, is kept verbatim.
                let label = bare
                if !label.isEmpty, !customIdeas.contains(where: { $0.category == category && $0.label == label }) {
                    customIdeas.append(
                        OptimizationChoice(
                            category: category, id: ChoiceItem.id(for: label), label: label, custom: true))
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

/// The schema's checkbox groups by the key of each of their names, with their items' labels in lower case: what
/// every file's boxes are matched against.
struct ChoiceLookup: Sendable {
    let groups: [String: (group: ChoiceGroup, lowercasedLabels: [String])]

    init(_ schema: IssueSchema) {
        var groups: [String: (group: ChoiceGroup, lowercasedLabels: [String])] = [:]
        for group in schema.groups {
            for name in group.names { groups[Outline.key(name)] = (group, group.items.map { $0.label.lowercased() }) }
        }
        self.groups = groups
    }
}
