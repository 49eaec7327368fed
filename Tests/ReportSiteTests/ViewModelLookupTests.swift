import Foundation
import ReportAggregation
import ReportExtraction
import ReportModel
import Testing

@testable import ReportSite
@testable import SiteRendering

/// Every view model's template lookup and fingerprint name each of its stored properties: a field the generator
/// missed would render as nothing and let a rebuild keep a stale page.
@Suite struct ViewModelLookupTests {
    /// The fields Mirror finds in `value` that its generated lookup does not name, for every model reachable from it.
    static func missingNames(in value: Any) -> [String] {
        var missing: [String] = []
        var seen: Set<String> = []
        func walk(_ value: Any) {
            let mirror = Mirror(reflecting: value)
            if let lookup = type(of: value) as? any GeneratedLookup.Type {
                let typeName = String(describing: type(of: value))
                let names = Set(lookup.lookupNames)
                for case let label? in mirror.children.map(\.label) where !names.contains(label) {
                    if seen.insert("\(typeName).\(label)").inserted { missing.append("\(typeName).\(label)") }
                }
            }
            guard
                mirror.displayStyle == .struct || mirror.displayStyle == .collection
                    || mirror.displayStyle == .optional
            else { return }
            for child in mirror.children { walk(child.value) }
        }
        walk(value)
        return missing
    }

    @Test func everyFieldOfEveryModelOfTheSampleSiteHasItsLookup() throws {
        let reader = IssueReader()
        let issues = try ContentLoader.load(from: repositoryRoot.appendingPathComponent("content")).compactMap {
            reader.read($0).issue
        }
        let report = Report(issues: issues, schema: .template)
        var options = SiteRenderer.Options()
        options.paginate = 5
        options.baseURL = "https://perf.example.org/"
        let renderer = try SiteRenderer(options: options)
        var models = 0
        var missing: [String] = []
        for job in renderer.jobs(report, diagnostics: []) {
            guard let model = job.model?() else { continue }
            models += 1
            missing += Self.missingNames(in: model).filter { !missing.contains($0) }
        }
        #expect(models > 60)
        #expect(missing == [])
    }

    /// A model with a field its lookup leaves out: the check names it.
    struct Drifted: GeneratedLookup {
        static let lookupNames = ["title"]
        let title: String
        var subtitle: String
    }

    @Test func aFieldLeftOutOfALookupIsFound() {
        #expect(Self.missingNames(in: [Drifted(title: "a", subtitle: "b")]) == ["Drifted.subtitle"])
    }
}
