import ReportModel

/// One optimization idea of the catalogue and the issues that chose it.
public struct CatalogueEntry: Sendable, Equatable {
    /// The category id (`database`).
    public let category: String
    /// The idea's id.
    public let id: String
    /// The label (the template's, or the first author's wording).
    public let label: String
    /// Whether the idea is an author's own line.
    public let custom: Bool
    /// For an author's own idea written with inline Markdown, its label as HTML.
    public var labelHTML: String?
    /// The issues that chose it, by number.
    public let issues: [Int]
    /// How many of them are closed.
    public let closedCount: Int
    /// The components those issues name, ids in schema order.
    public let components: [String]
    /// The layers those issues name, ids in schema order.
    public let layers: [String]

    /// Every idea chosen by at least one issue: template items in template order, then custom ideas by label.
    /// One pass over the issues collects who chose what, so the catalogue grows with the choices, not their square.
    static func catalogue(of issues: [Issue], schema: IssueSchema) -> [CatalogueEntry] {
        struct Key: Hashable {
            let category: String
            let id: String
        }
        var choosers: [Key: [Issue]] = [:]
        var customLabels: [Key: String] = [:]
        var customHTML: [Key: String] = [:]
        for issue in issues {
            var seen = Set<Key>()
            for choice in issue.optimizations {
                let key = Key(category: choice.category, id: choice.id)
                guard seen.insert(key).inserted else { continue }
                choosers[key, default: []].append(issue)
                if choice.custom, customLabels[key] == nil {
                    customLabels[key] = choice.label
                    customHTML[key] = choice.labelHTML
                }
            }
        }
        let componentOrder = schema.group(.components)?.items.map(\.id) ?? []
        let layerOrder = schema.group(.layers)?.items.map(\.id) ?? []
        var entries: [CatalogueEntry] = []
        for group in schema.groups {
            guard let category = group.optimizationCategory else { continue }
            let templateIDs = Set(group.items.map(\.id))
            var ideas: [(id: String, label: String, custom: Bool)] = group.items.map { ($0.id, $0.label, false) }
            ideas += customLabels.filter { $0.key.category == category && !templateIDs.contains($0.key.id) }
                .map { (id: $0.key.id, label: $0.value, custom: true) }
                .sorted { ($0.label.lowercased(), $0.id) < ($1.label.lowercased(), $1.id) }
            for idea in ideas {
                guard let choosing = choosers[Key(category: category, id: idea.id)] else { continue }
                let components = Set(choosing.flatMap { $0.choices(in: .components) })
                let layers = Set(choosing.flatMap { $0.choices(in: .layers) })
                var entry = CatalogueEntry(
                    category: category, id: idea.id, label: idea.label, custom: idea.custom,
                    issues: choosing.map(\.number), closedCount: choosing.count { $0.state == .closed },
                    components: componentOrder.filter(components.contains),
                    layers: layerOrder.filter(layers.contains))
                if idea.custom { entry.labelHTML = customHTML[Key(category: category, id: idea.id)] }
                entries.append(entry)
            }
        }
        return entries
    }
}
