import Foundation
import ReportModel
import Testing

@testable import ReportExtraction

@Suite struct SectionsTests {
    @Test func implementationStageFieldsAreRead() {
        let read = issue(
            """
            ## 🎯 Implementation Stage
            **Related Milestone:** Stage 4 - Docking pipeline hardening
            **Priority:** P0 (customer escalation)
            **Estimated Effort:** XL

            **Measurement period:** Peak hours over 1 week
            **Sample size:** 1,000 requests
            """)
        #expect(read.milestone == "Stage 4 - Docking pipeline hardening")
        #expect(read.priority == .p0)
        #expect(read.effort == .extraLarge)
        #expect(read.measurement == Measurement(period: "Peak hours over 1 week", sampleSize: "1,000 requests"))
    }

    @Test func priorityComesOnlyFromItsLineAndBadValuesAreWarned() {
        let body = "**Priority:** High\n**Estimated Effort:** [S/M/L/XL]\n"
        let read = issue(body)
        #expect(read.priority == nil)
        #expect(read.effort == nil)
        #expect(
            messages(body) == [
                "6: warning: the priority 'High' is not P0, P1, P2 or P3, so the issue has no priority",
                "7: warning: estimated effort is still the template placeholder [S/M/L/XL]",
            ])
    }

    @Test func codeBlocksKeepTheirLanguageAndLabel() {
        let read = issue(
            """
            ### Environment Setup
            ```bash
            make up
            ```
            ### Technical Stack Analysis
            **Database Performance:**
            ```sql
            EXPLAIN ANALYZE SELECT 1;
            ```
            ### Architecture Changes
            **Caching Strategy:**
            ```python
            cache = {}
            ```
            """)
        #expect(
            read.reproduction.environmentSetup == [CodeSample(label: nil, language: "bash", code: "make up\n", line: 7)]
        )
        #expect(
            read.technicalStack == [
                CodeSample(
                    label: "Database Performance", language: "sql", code: "EXPLAIN ANALYZE SELECT 1;\n", line: 12)
            ])
        #expect(
            read.architectureChanges == [
                CodeSample(label: "Caching Strategy", language: "python", code: "cache = {}\n", line: 17)
            ])
    }

    @Test func investigationFiguresOfFixedFormAreRead() {
        let read = issue(
            """
            ## 🔍 Investigation Data
            **Frontend Performance:**
            ```
            Performance Score: 48/100
            Largest Contentful Paint: 4.1s
            First Input Delay: 180ms
            ```
            **Container Resources:**
            ```
            CONTAINER         CPU %    MEM USAGE / LIMIT     MEM %
            api               45.3%    512MB / 1GB          51.2%
            worker            189.1%   1.5GiB / 2GiB        75.0%
            ```
            **Database Stats:**
            ```
            Connections: 88/100
            Buffer hit ratio: 87%
            Slow queries: 42 (last hour)
            Index usage: 61%
            ```
            """)
        let investigation = read.investigation
        #expect(investigation.lighthouseScore == 48)
        #expect(investigation.largestContentfulPaintMs == 4100)
        #expect(investigation.firstInputDelayMs == 180)
        #expect(
            investigation.containers == [
                ContainerUsage(name: "api", cpuPercent: 45.3, memoryUsedMB: 512, memoryLimitMB: 1024),
                ContainerUsage(name: "worker", cpuPercent: 189.1, memoryUsedMB: 1536, memoryLimitMB: 2048),
            ])
        #expect(investigation.databaseConnectionsUsed == 88)
        #expect(investigation.databaseConnectionsTotal == 100)
        #expect(investigation.bufferHitRatioPercent == 87)
        #expect(investigation.slowQueries == 42)
        #expect(investigation.indexUsagePercent == 61)
        #expect(investigation.frontendProfiling.count == 1)
    }

    @Test func relatedIssuesComeOnlyFromTheirSection() {
        let body = """
            ## Summary
            Like #99 last year.
            ## 🔗 Related Issues
            - Related performance issues: #12, #3 and #12
            - Blocking features: #[numbers]
            ## 📚 References
            - See #7
            """
        #expect(issue(body).relatedIssues == [3, 12])
        #expect(messages(body) == ["10: warning: the related-issue list is still the template placeholder #[numbers]"])
    }

    @Test func referencesKeepTheAuthorsLinesOnly() {
        let read = issue(
            """
            ## References
            - Performance requirements: `project_design/[doc].md`
            - Architecture docs: `project_design/ARCHITECTURE.md`
            - Runbook: `docs/runbooks/celery.md`
            - Similar optimizations: [links to past work]
            """)
        #expect(read.references == ["Runbook: `docs/runbooks/celery.md`"])
    }

    @Test func freeTextSectionsAreReadAndPromptsAreNotText() {
        let body = """
            ## ⚡ Performance Issue Summary
            Uploads time out.

            They block onboarding.
            ## 📈 Additional Context
            **User Feedback:**
            "The upload spinner never stops" (Acme)

            **Business Context:**
            [Include information about why this performance issue matters to the business]
            """
        let read = issue(body)
        #expect(read.summary == "Uploads time out.\n\nThey block onboarding.")
        #expect(read.userFeedback == "\"The upload spinner never stops\" (Acme)")
        #expect(read.businessContext == nil)
        #expect(
            messages(body) == [
                "14: warning: the business context is still the template placeholder "
                    + "[Include information about why this performance issue mat..."
            ])
    }

    @Test func theUntouchedTemplateYieldsNoMeasurements() throws {
        let template = try String(contentsOfFile: Self.sharedTemplate(named: "performance-issue.md"), encoding: .utf8)
        let body = template.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(7).joined(
            separator: "\n")
        let read = issue(body)
        #expect(read.metrics == Metrics())
        #expect(read.targets == [])
        #expect(read.investigation == Investigation())
        #expect(read.reproduction == Reproduction())
        #expect(read.technicalStack == [] && read.architectureChanges == [])
        #expect(read.choices.isEmpty)
        #expect(read.priority == nil && read.effort == nil && read.milestone == nil && read.summary == nil)
        #expect(read.relatedIssues == [] && read.references == [])
    }

    @Test func theGarbledTemplateReadsLikeTheRealOne() throws {
        func read(_ name: String) throws -> ReportModel.Issue {
            var text = try String(contentsOfFile: Self.sharedTemplate(named: name), encoding: .utf8)
            text = text.replacing("- [ ]", with: "- [x]")
            let body = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(7)
            return issue(body.joined(separator: "\n"))
        }
        let real = try read("performance-issue.md")
        let garbled = try read("performance-issue.mojibake.md")
        #expect(real.choices == garbled.choices)
        #expect(real.choices(in: .components).count == 11)
        #expect(real.choices(in: .layers).count == 6)
    }

    /// Garbled heading emoji are shown as the emoji: the garbled template's body renders as the real one's.
    @Test func theGarbledTemplateRendersWithItsRealEmoji() throws {
        func html(_ name: String) throws -> String {
            let text = try String(contentsOfFile: Self.sharedTemplate(named: name), encoding: .utf8)
            let file = "---\ntitle: T\nnumber: 1\n---\n" + text
            let read = IssueReader().read(SourceFile(path: "1.md", text: file), rendersHTML: true)
            return try #require(read.issue?.bodyHTML)
        }
        let real = try html("performance-issue.md")
        #expect(real.contains("<h2>⚡ Performance Issue Summary</h2>"))
        #expect(try html("performance-issue.mojibake.md") == real)
    }

    @Test(arguments: [
        ("## ‚ö° Summary", "## ⚡ Summary"), ("### \u{F8FF}üîç Context", "### 🔍 Context"),
        ("## Café résumé", "## Café résumé"),
        ("## ‚Ä¶ and more", "## ‚Ä¶ and more"),
    ])
    func aGarbledEmojiIsRepairedAndNothingElse(line: String, repaired: String) {
        #expect(Mojibake.repairingHeadings(line) == repaired)
    }

    @Test func theEmbeddedTemplateIsTheShippedOne() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shipped = try String(
            contentsOf: root.appendingPathComponent(".github/ISSUE_TEMPLATE/performance.md"), encoding: .utf8)
        let embedded = IssueTemplate.markdown.split(separator: "\n", omittingEmptySubsequences: false)
        let file = shipped.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference = zip(embedded, file).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(firstDifference == nil && embedded.count == file.count, "line \(firstDifference?.offset ?? -1)")
    }

    /// A copy of `../shared/template/NAME` kept with the tests, so a clone alone can run them.
    static func sharedTemplate(named name: String) -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent("Tests/ReportExtractionTests/Templates/\(name)").path
    }
}
