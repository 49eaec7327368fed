import ReportModel

/// Renders the issues into the files of the site. Pure: it writes nothing to disk.
public struct SiteRenderer: Sendable {
    /// The schema the issues were read with.
    public let schema: IssueSchema

    /// Creates a renderer.
    public init(schema: IssueSchema) {
        self.schema = schema
    }

    /// Every file of the site, sorted by path.
    public func render(_ issues: [Issue]) -> [OutputFile] {
        [OutputFile(path: "data/issues.json", text: IssueExport(issues: issues, schema: schema).json())]
    }
}
