import ReportAggregation
import ReportModel

/// `data/index/`: every issue as one compact row, in table order, for the issue tables' filter to search every
/// issue and not only the page it is on. `manifest.json` lists the shards and the component and layer labels;
/// each shard holds ``shardSize`` rows `[number, title, state, priority, effort, components, layers, date, gap,
/// page]`, components and layers as indexes into the manifest's labels, the page's path under `issues/`.
struct IssueIndex {
    /// Rows a shard: a filter loads the shards one after another and shows rows as they come.
    static let shardSize = 5000

    let rows: [IssueRow]
    let issues: [Issue]
    let schema: IssueSchema

    /// The manifest, then each shard, as files of the output.
    func files() -> [OutputFile] {
        let components = schema.group(.components)?.items ?? []
        let layers = schema.group(.layers)?.items ?? []
        let componentIndex = Dictionary(uniqueKeysWithValues: components.enumerated().map { ($1.id, $0) })
        let layerIndex = Dictionary(uniqueKeysWithValues: layers.enumerated().map { ($1.id, $0) })
        var shards: [String] = []
        var files: [OutputFile] = []
        for start in stride(from: 0, to: issues.count, by: Self.shardSize) {
            let end = min(start + Self.shardSize, issues.count)
            let values: [JSONValue] = (start..<end).map { index in
                let (issue, row) = (issues[index], rows[index])
                return .array([
                    .integer(issue.number), .string(issue.title), .string(issue.state.rawValue),
                    .string(issue.priority?.rawValue ?? ""), .string(issue.effort?.rawValue ?? ""),
                    .array(issue.choices(in: .components).compactMap { componentIndex[$0] }.map { .integer($0) }),
                    .array(issue.choices(in: .layers).compactMap { layerIndex[$0] }.map { .integer($0) }),
                    .string(issue.date?.description ?? ""), .string(row.worstGap == "–" ? "" : row.worstGap),
                    .string(String(row.href.dropFirst("issues/".count))),
                ])
            }
            let name = "\(shards.count).json"
            shards.append(name)
            files.append(OutputFile(path: "data/index/" + name, text: JSONValue.array(values).compact() + "\n"))
        }
        let manifest = JSONValue.object([
            ("count", .integer(issues.count)), ("shards", .strings(shards)),
            ("components", .strings(components.map(\.label))), ("layers", .strings(layers.map(\.label))),
        ])
        return [OutputFile(path: "data/index/manifest.json", text: manifest.compact() + "\n")] + files
    }
}
