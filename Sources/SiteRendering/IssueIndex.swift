import ReportAggregation
import ReportModel

/// `data/index/`: every issue as one compact row, in table order, for the issue tables' filter to search every
/// issue and not only the page it is on. `manifest.json` lists the shards and the component and layer labels;
/// each shard holds ``shardSize`` rows `[number, title, state, priority, effort, components, layers, date, gap,
/// page]`, components and layers as indexes into the manifest's labels, the page's path under `issues/`.
struct IssueIndex: Sendable {
    /// Rows a shard.
    static let shardSize = 5000

    /// The issues in table order.
    let issues: [Issue]
    let report: Report
    /// An issue's page, `issues/42-upload.html`.
    let path: @Sendable (Issue) -> String

    /// The files' paths, the manifest first, with what makes each: a shard's rows are made when it is written.
    func plan() -> [(path: String, make: @Sendable () -> OutputFile)] {
        let shards = stride(from: 0, to: issues.count, by: Self.shardSize).map {
            $0..<min($0 + Self.shardSize, issues.count)
        }
        let manifestPath = "data/index/manifest.json"
        var files: [(path: String, make: @Sendable () -> OutputFile)] = [
            (manifestPath, { OutputFile(path: manifestPath, text: manifest(shards: shards.count).compact() + "\n") })
        ]
        for (number, range) in shards.enumerated() {
            let path = "data/index/\(number).json"
            files.append((path, { OutputFile(path: path, text: JSONValue.array(range.map(row)).compact() + "\n") }))
        }
        return files
    }

    private var components: [ChoiceItem] { report.schema.group(.components)?.items ?? [] }
    private var layers: [ChoiceItem] { report.schema.group(.layers)?.items ?? [] }

    private func manifest(shards: Int) -> JSONValue {
        .object([
            ("count", .integer(issues.count)), ("shards", .strings((0..<shards).map { "\($0).json" })),
            ("components", .strings(components.map(\.label))), ("layers", .strings(layers.map(\.label))),
        ])
    }

    private func row(_ position: Int) -> JSONValue {
        let issue = issues[position]
        func indexes(_ group: ChoiceGroup.ID, _ items: [ChoiceItem]) -> JSONValue {
            let ids = issue.choices(in: group)
            return .array(items.indices.filter { ids.contains(items[$0].id) }.map { .integer($0) })
        }
        return .array([
            .integer(issue.number), .string(issue.title), .string(issue.state.rawValue),
            .string(issue.priority?.rawValue ?? ""), .string(issue.effort?.rawValue ?? ""),
            indexes(.components, components), indexes(.layers, layers), .string(issue.date?.description ?? ""),
            .string(report.worstGap(of: issue.number).map { DisplayFormat.ratio($0.ratio) } ?? ""),
            .string(String(path(issue).dropFirst("issues/".count))),
        ])
    }
}
