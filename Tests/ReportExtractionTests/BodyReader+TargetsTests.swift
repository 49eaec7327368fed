import ReportModel
import Testing

@Suite struct TargetsTests {
    @Test func everyTargetLineIsReadAsNameComparatorValueUnitAndQualifier() {
        let read = issue(
            """
            ### Target Metrics
            **API Response Times:**
            - Molecule upload: < 2s for 10MB files
            - Authentication: <= 100ms

            **Throughput Requirements:**
            - Concurrent users: 100+
            - Molecules processed: 50/hour per worker
            - API requests: ≥ 1,000/second sustained

            **Resource Limits:**
            - Memory per container: < 1.5GB
            - CPU per container: < 2 cores under normal load
            - Database connections: < 50 per API instance
            """)
        #expect(
            read.targets == [
                Target(
                    group: "api-response-times", name: "Molecule upload", comparator: "<", value: 2000, unit: "ms",
                    qualifier: "for 10MB files", line: 8),
                Target(
                    group: "api-response-times", name: "Authentication", comparator: "<=", value: 100, unit: "ms",
                    qualifier: nil, line: 9),
                Target(
                    group: "throughput-requirements", name: "Concurrent users", comparator: ">=", value: 100,
                    unit: nil, qualifier: nil, line: 12),
                Target(
                    group: "throughput-requirements", name: "Molecules processed", comparator: nil, value: 50,
                    unit: "/hour", qualifier: "per worker", line: 13),
                Target(
                    group: "throughput-requirements", name: "API requests", comparator: ">=", value: 1000,
                    unit: "/second", qualifier: "sustained", line: 14),
                Target(
                    group: "resource-limits", name: "Memory per container", comparator: "<", value: 1536, unit: "MB",
                    qualifier: nil, line: 17),
                Target(
                    group: "resource-limits", name: "CPU per container", comparator: "<", value: 2, unit: "cores",
                    qualifier: "under normal load", line: 18),
                Target(
                    group: "resource-limits", name: "Database connections", comparator: "<", value: 50, unit: nil,
                    qualifier: "per API instance", line: 19),
            ])
    }

    @Test func aTargetWithoutNumberIsKeptAndWarned() {
        let body = "### Target Metrics\n- Export: first byte soon\n- not a target\n"
        #expect(
            issue(body).targets == [
                Target(
                    group: "targets", name: "Export", comparator: nil, value: nil, unit: nil,
                    qualifier: "first byte soon", line: 7)
            ])
        #expect(
            messages(body) == [
                "7: warning: the target 'Export' has no number to measure against: write it like 'Export: < 2s'",
                "8: warning: the target 'not a target' is not of the form 'Name: < 2s for 10MB files'; it was left out",
            ])
    }
}

@Suite struct InlineMarkdownTests {
    /// An author's own idea and a target's wording show their code spans as GitHub does; plain text has no HTML
    /// of its own, and raw HTML never passes.
    @Test func ideasAndTargetsRenderTheirInlineMarkdown() {
        let read = issue(
            """
            ### Database Optimizations
            - [x] Bulk insert with `COPY` in batches of 1,000
            - [x] Plain words only
            - [x] <b onmouseover=x>raw</b> `ok`
            ### Target Metrics
            - CPU per container: 4 cores (use `numThreads`)
            - Submission: `< 500ms`
            """)
        #expect(
            read.optimizations.map(\.labelHTML) == [
                "Bulk insert with <code>COPY</code> in batches of 1,000", nil,
                "<!-- raw HTML omitted -->raw<!-- raw HTML omitted --> <code>ok</code>",
            ])
        #expect(read.targets.map(\.unit) == ["cores", "ms"])
        #expect(read.targets.map(\.qualifier) == ["(use numThreads)", nil])
        #expect(read.targets.map(\.qualifierHTML) == ["(use <code>numThreads</code>)", nil])
    }
}
