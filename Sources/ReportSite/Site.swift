import Foundation
import ReportAggregation
import ReportExtraction
import ReportModel
import SiteRendering

/// Where a site's inputs and output are.
public struct SiteLocations: Sendable {
    /// The folder of issue files.
    public var content: URL
    /// The folder the site is written to.
    public var output: URL
    /// The configuration file (optional on disk).
    public var configuration: URL
    /// The site's own templates, overriding the built-in theme file by file (optional on disk).
    public var templates: URL

    /// Creates locations from paths as the user gave them.
    public init(
        content: String = "content", output: String = "public", configuration: String = "perfsite.yml",
        templates: String = "templates"
    ) {
        self.content = URL(fileURLWithPath: content)
        self.output = URL(fileURLWithPath: output)
        self.configuration = URL(fileURLWithPath: configuration)
        self.templates = URL(fileURLWithPath: templates)
    }
}

/// What a build did.
public struct BuildResult: Sendable {
    /// The issues and diagnostics read.
    public let catalog: IssueCatalog
    /// The files written, or `nil` when the build stopped and the previous output was kept.
    public let filesWritten: [String]?

    /// How many HTML pages were written.
    public var pagesWritten: Int { filesWritten?.count { $0.hasSuffix(".html") } ?? 0 }
}

/// The pipeline: load, parse and extract, render, write. The only code that touches the disk.
public enum Site {
    /// Reads every issue and reports what is wrong, writing nothing.
    public static func check(_ locations: SiteLocations) throws -> IssueCatalog {
        try read(locations, rendersHTML: false).catalog
    }

    /// Builds the site; with `strict`, any diagnostic stops the build and the previous output stays as it was.
    public static func build(_ locations: SiteLocations, strict: Bool = false) throws -> BuildResult {
        let (configuration, catalog) = try read(locations, rendersHTML: true)
        // Two files with one number would write one page twice: never publish that.
        if catalog.hasDuplicateNumbers || (strict && !catalog.diagnostics.isEmpty) {
            return BuildResult(catalog: catalog, filesWritten: nil)
        }
        let theme = Theme.builtIn.overridden(by: try ThemeLoader.load(from: locations.templates))
        let report = Report(issues: catalog.issues, schema: configuration.schema)
        var options = SiteRenderer.Options()
        options.title = configuration.title
        options.contentFolder = locations.content.relativePath
        let outputs: [OutputFile]
        do {
            outputs = try SiteRenderer(theme: theme, options: options).render(report, diagnostics: catalog.diagnostics)
        } catch {
            throw SiteError("\(error.message): fix it in '\(locations.templates.relativePath)'")
        }
        try OutputWriter.write(outputs, to: locations.output)
        return BuildResult(catalog: catalog, filesWritten: outputs.map(\.path))
    }

    /// The issues as `issues.json` or CSV text.
    public static func export(_ locations: SiteLocations, csv: Bool) throws -> (text: String, catalog: IssueCatalog) {
        let (configuration, catalog) = try read(locations, rendersHTML: false)
        let export = IssueExport(issues: catalog.issues, schema: configuration.schema)
        return (csv ? export.csv() : export.json(), catalog)
    }

    /// Load, parse and extract: the stages every command shares.
    private static func read(
        _ locations: SiteLocations, rendersHTML: Bool
    ) throws -> (configuration: SiteConfiguration, catalog: IssueCatalog) {
        let configuration = try SiteConfiguration.load(from: locations.configuration)
        let files = try ContentLoader.load(from: locations.content)
        let reader = IssueReader(schema: configuration.schema)
        return (configuration, IssueCatalog(reading: files, with: reader, rendersHTML: rendersHTML))
    }
}
