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
    /// The issues that chose it, by number.
    public let issues: [Int]
    /// How many of them are closed.
    public let closedCount: Int
    /// The components those issues name, ids in schema order.
    public let components: [String]
    /// The layers those issues name, ids in schema order.
    public let layers: [String]

    /// Every idea chosen by at least one issue: template items in template order, then custom ideas by label.
    static func catalogue(of issues: [Issue], schema: IssueSchema) -> [CatalogueEntry] {
        var entries: [CatalogueEntry] = []
        let componentOrder = schema.group(.components)?.items.map(\.id) ?? []
        let layerOrder = schema.group(.layers)?.items.map(\.id) ?? []
        for group in schema.groups {
            guard let category = group.optimizationCategory else { continue }
            var ideas: [(id: String, label: String, custom: Bool)] = group.items.map { ($0.id, $0.label, false) }
            var customSeen = Set<String>()
            let custom = issues.flatMap(\.optimizations).filter { $0.category == category && $0.custom }
                .filter { customSeen.insert($0.id).inserted }
                .sorted { $0.label.lowercased() < $1.label.lowercased() }
            ideas += custom.map { ($0.id, $0.label, true) }
            for idea in ideas {
                let choosing = issues.filter { issue in
                    issue.optimizations.contains { $0.category == category && $0.id == idea.id }
                }
                guard !choosing.isEmpty else { continue }
                let components = Set(choosing.flatMap { $0.choices(in: .components) })
                let layers = Set(choosing.flatMap { $0.choices(in: .layers) })
                entries.append(
                    CatalogueEntry(
                        category: category, id: idea.id, label: idea.label, custom: idea.custom,
                        issues: choosing.map(\.number), closedCount: choosing.count { $0.state == .closed },
                        components: componentOrder.filter(components.contains),
                        layers: layerOrder.filter(layers.contains)))
            }
        }
        return entries
    }
}
