import ReportAggregation
import ReportModel
import SiteRendering

extension Site {
    /// The Markdown for `$GITHUB_STEP_SUMMARY`: counts, new issues, regressions and diagnostics.
    public static func stepSummary(
        report: Report, catalog: IssueCatalog, generatedOn: Day?, contentFolder: String, outcome: String
    ) -> String {
        StepSummary(
            report: report, diagnostics: catalog.diagnostics, fileCount: catalog.fileCount, generatedOn: generatedOn,
            contentFolder: contentFolder, outcome: outcome
        ).markdown()
    }
}
