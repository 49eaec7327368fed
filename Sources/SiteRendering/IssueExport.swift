import ReportAggregation
import ReportModel

/// The data exports of a set of issues: the JSON `perfsite export` prints, its shards in `data/issues/`, and its CSV
/// twin.
public struct IssueExport: Sendable {
    /// perfsite's version, one place for every file and command that names it.
    public static let version = "0.1.0"
    /// The generator named in the JSON files.
    public static let generator = "perfsite \(version)"

    /// Issues a shard of `data/issues/`: about 4 MB of the bench corpus's issues, and under 25 MiB (the largest
    /// file Cloudflare Pages takes) while an issue's object averages under 50 KB.
    public static let shardSize = 500

    /// The issues, sorted by number.
    public let issues: [Issue]
    /// The schema, for the extra groups a site's configuration adds.
    public let schema: IssueSchema

    /// Creates an export; the issues are sorted by number.
    public init(issues: [Issue], schema: IssueSchema) {
        self.issues = issues.sorted { $0.number < $1.number }
        self.schema = schema
    }

    /// `{"generator": …, "issues": [...]}`, with a final newline.
    public func json() -> String { String(decoding: jsonBytes(), as: UTF8.self) }

    /// ``json()`` as UTF-8, written one issue at a time: the whole file is never held as a tree of values (10,000
    /// issues make some 90 MB of JSON).
    public func jsonBytes() -> [UInt8] { fragments().assemble() }

    /// The issues of each shard of `data/issues/`: ``shardSize`` in number order (the last fewer); an empty site has
    /// one empty shard.
    private var shardRanges: [Range<Int>] {
        stride(from: 0, to: max(issues.count, 1), by: Self.shardSize).map {
            $0..<min($0 + Self.shardSize, issues.count)
        }
    }

    /// `data/issues/0.json`, `1.json`, …: the paths of the shards.
    public var shardPaths: [String] { shardRanges.indices.map { "data/issues/\($0).json" } }

    /// The issues of shard `number` (of ``shardPaths``).
    public func issues(inShard number: Int) -> ArraySlice<Issue> { issues[shardRanges[number]] }

    /// Shard `number` (of ``shardPaths``), as fragments: the JSON of ``json()`` for its issues, each object as
    /// `stored` has it (made when the issue's file was read, from the whole issue), else encoded.
    public func shard(
        _ number: Int, stored: @escaping @Sendable (Issue) -> [UInt8]? = { _ in nil }
    ) -> IssueFragments {
        IssueExport(sorted: Array(issues(inShard: number)), schema: schema).fragments(stored: stored)
    }

    /// `data/issues/manifest.json`: the generator, how many issues there are, and each shard's file, count and first
    /// and last issue number, so that a reader fetches only the shard an issue is in.
    public func manifest() -> String {
        let shards = shardRanges.enumerated().map { shard, range in
            var fields: [(String, JSONValue)] = [("file", .string("\(shard).json")), ("count", .integer(range.count))]
            if let first = range.first, let last = range.last {
                fields += [("first", .integer(issues[first].number)), ("last", .integer(issues[last].number))]
            }
            return JSONValue.object(fields)
        }
        return JSONValue.object([
            ("generator", .string(Self.generator)), ("count", .integer(issues.count)), ("shards", .array(shards)),
        ]).compact() + "\n"
    }

    private init(sorted issues: [Issue], schema: IssueSchema) {
        self.issues = issues
        self.schema = schema
    }

    /// ``json()`` as fragments, each issue's object taken from `stored` when it has it, else encoded, only when the
    /// file is assembled (``IssueFragments/assemble()``).
    public func fragments(stored: @escaping @Sendable (Issue) -> [UInt8]? = { _ in nil }) -> IssueFragments {
        var prefix: [UInt8] = []
        prefix += "{\n  \"generator\": ".utf8
        JSONValue.string(IssueExport.generator).write(to: &prefix, indent: 1)
        prefix += ",\n  \"issues\": ".utf8
        let schema = schema
        let items = issues.map { issue in { stored(issue) ?? IssueExport.object(of: issue, schema: schema) } }
        return IssueFragments(prefix: prefix, items: items, suffix: Array("\n}\n".utf8))
    }

    /// An issue's object as ``json()`` and the shards hold it, one item of their list.
    public static func object(of issue: Issue, schema: IssueSchema) -> [UInt8] {
        var output: [UInt8] = []
        issue.json(schema: schema).write(to: &output, indent: 2)
        return output
    }

    /// The CSV columns, in order.
    public static let csvColumns = [
        "number", "title", "state", "date", "month", "closedDate", "daysToClose", "author", "assignees", "priority",
        "effort", "milestone", "labels", "issueTypes", "components", "layers", "businessImpact", "endpoint",
        "currentP50Ms", "currentP95Ms", "currentP99Ms", "expectedP50Ms", "expectedP95Ms", "expectedP99Ms",
        "currentThroughput", "throughputUnit", "expectedThroughput", "worstGap", "status", "cpuAveragePercent",
        "cpuPeakPercent", "memoryAverageMB", "memoryPeakMB", "storageUsedMB", "storageIOPS", "dbQueryAverageMs",
        "dbQuerySlowestMs", "connectionsUsed", "connectionsTotal", "blockedQueries", "optimizations", "relatedIssues",
        "url", "path",
    ]

    /// One row an issue, flat columns, as a spreadsheet reads them: items by their labels (`API Endpoints`), lists
    /// joined by `; `, RFC 4180 quoting, CRLF-free. A group a site adds in `perfsite.yml` has a column of its own
    /// after the template's, named by its id. `worstGap` is the widest of the issue's gaps (current over expected),
    /// `daysToClose` the days from filed to closed (as the ageing counts them). With `excel`, a UTF-8 byte-order mark first, so that Excel reads
    /// the file as UTF-8.
    public func csv(_ report: Report, excel: Bool = false) -> String {
        let ownGroups = schema.groups.filter(\.isAddedBySite).map(\.id)
        var rows = [(IssueExport.csvColumns + ownGroups.map(\.rawValue)).joined(separator: ",")]
        func labels(_ issue: Issue, _ group: ChoiceGroup.ID) -> String {
            issue.choices(in: group).map { schema.label(of: $0, in: group) }.joined(separator: "; ")
        }
        for issue in issues {
            let metrics = issue.metrics
            let worstGap = report.worstGap(of: issue.number).map { ($0.ratio * 1000).rounded() / 1000 }
            let cells: [String?] =
                [
                    String(issue.number), issue.title, issue.state.rawValue, issue.date?.description,
                    issue.date?.monthKey, issue.closedDate?.description, issue.daysToClose.map(String.init),
                    issue.author, issue.assignees.joined(separator: "; "), issue.priority?.rawValue,
                    issue.effort?.rawValue, issue.milestone, issue.labels.joined(separator: "; "),
                    labels(issue, .issueTypes), labels(issue, .components), labels(issue, .layers),
                    issue.businessImpact, metrics.endpoint,
                    number(metrics.currentLatency.p50), number(metrics.currentLatency.p95),
                    number(metrics.currentLatency.p99), number(metrics.expectedLatency.p50),
                    number(metrics.expectedLatency.p95), number(metrics.expectedLatency.p99),
                    number(metrics.currentThroughput?.value),
                    metrics.currentThroughput?.unit ?? metrics.expectedThroughput?.unit,
                    number(metrics.expectedThroughput?.value), number(worstGap),
                    report.status(of: issue.number).rawValue, number(metrics.cpuPercent.average),
                    number(metrics.cpuPercent.peak), number(metrics.memoryMB.average), number(metrics.memoryMB.peak),
                    number(metrics.storageUsedMB), number(metrics.storageIOPS), number(metrics.databaseQueryMs.average),
                    number(metrics.databaseQueryMs.peak), number(metrics.connectionsUsed),
                    number(metrics.connectionsTotal), number(metrics.blockedQueries),
                    issue.optimizations.map(\.label).joined(separator: "; "),
                    issue.relatedIssues.map(String.init).joined(separator: "; "), issue.url, issue.path,
                ] + ownGroups.map { labels(issue, $0) }
            rows.append(cells.map { IssueExport.csvField($0 ?? "") }.joined(separator: ","))
        }
        return (excel ? "\u{FEFF}" : "") + rows.joined(separator: "\n") + "\n"
    }

    private func number(_ value: Double?) -> String? { value.map(JSONValue.format) }

    /// Quotes a field when it holds a comma, a quote or a line break, doubling its quotes.
    public static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}

/// A file of issue objects (`perfsite export`, a shard of `data/issues/`), each made only when the file is assembled:
/// a build takes them from where it stored them as each issue's file was read (``IssueExport/object(of:schema:)``).
public struct IssueFragments {
    /// Before the list of objects, and after it.
    let prefix: [UInt8]
    let items: [() -> [UInt8]]
    let suffix: [UInt8]

    /// The file: `[` the objects `]` between prefix and suffix, one a line. Each object is made first, so that the
    /// file is allocated once at its size rather than grown.
    public func assemble() -> [UInt8] {
        let objects = items.map { $0() }
        var output: [UInt8] = []
        output.reserveCapacity(prefix.count + objects.reduce(0) { $0 + $1.count + 6 } + suffix.count + 8)
        walk(objects, count: objects.count) { output += $0 }
        return output
    }

    /// The file of ``assemble()`` handed to `emit` in pieces (the prefix, each object as it is made, the separators,
    /// the suffix), never held whole: a build writes a shard of `data/issues/` this way.
    public func stream(_ emit: ([UInt8]) -> Void) {
        walk(items.lazy.map { $0() }, count: items.count, emit)
    }

    private func walk(_ objects: some Sequence<[UInt8]>, count: Int, _ emit: ([UInt8]) -> Void) {
        emit(prefix)
        if count == 0 {
            emit(Array("[]".utf8))
        } else {
            emit(Array("[\n".utf8))
            for (index, object) in objects.enumerated() {
                emit(Self.indent)
                emit(object)
                emit(index + 1 < count ? Self.between : Self.last)
            }
            emit(Array("  ]".utf8))
        }
        emit(suffix)
    }

    private static let indent = Array("    ".utf8)
    private static let between = Array(",\n".utf8)
    private static let last = Array("\n".utf8)
}
