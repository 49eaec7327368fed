import ReportModel
import Testing

@Suite struct ChoicesTests {
    @Test func tickedBoxesMapToItemIdsInTemplateOrder() {
        let read = issue(
            """
            ### Issue Type
            - [x] **Database** - Slow queries/operations (the results JOIN)
            - [ ] **Memory** - High memory usage/leaks
            - [X] **Latency** - Response time too slow
            * [x] cache - poor cache performance

            ### Affected Component
            - [x] 3D Visualization - 3Dmol.js rendering
            - [x] **Multi-tenant Operations**
            """)
        #expect(read.choices(in: .issueTypes) == ["latency", "database", "cache"])
        #expect(read.choices(in: .components) == ["3d-visualization", "multi-tenant-operations"])
    }

    /// A box one letter away from one item is that item, with a warning; a label that ends in a connective before
    /// the template's placeholder takes other words there; a line near no item is none.
    @Test func aBoxOneLetterAwayOrWithItsOwnWordsAfterAConnectiveIsItsItem() {
        let body = """
            ### Issue Type
            - [x] **Concurency** - Thread contention
            - [x] Lantency and Memroy
            - [x] Dtabase

            ## 📈 Additional Context
            **Historical Performance:**
            - [x] Gradual degradation as screens grew
            - [x] Sudden regresion after the 2.3 deploy
            - [x] Performance was fine until March
            """
        let read = issue(body)
        #expect(read.choices(in: .issueTypes) == ["latency", "database", "concurrency"])
        #expect(
            read.historicalPerformance == [
                HistoricalNote(id: "gradual-degradation-over", detail: "as screens grew"),
                HistoricalNote(id: "sudden-regression-after", detail: "the 2.3 deploy"),
            ])
        #expect(
            messages(body).filter { $0.contains("ticked box") } == [
                "7: warning: the ticked box 'Concurency - Thread contention' under Issue Type was read as "
                    + "'Concurrency', one letter away: correct the spelling",
                "8: warning: the ticked box 'Lantency and Memroy' under Issue Type was read as 'Latency', one letter "
                    + "away: correct the spelling",
                "9: warning: the ticked box 'Dtabase' under Issue Type was read as 'Database', one letter away: "
                    + "correct the spelling",
                "14: warning: the ticked box 'Sudden regresion after the 2.3 deploy' under Historical Performance was "
                    + "read as 'Sudden regression after', one letter away: correct the spelling",
                "15: warning: the ticked box 'Performance was fine until March' under Historical Performance is none "
                    + "of its items, so it was not counted; start the line with one of: Performance was acceptable "
                    + "until, Gradual degradation over, Sudden regression after",
            ])
    }

    @Test func aBoxCountsOnlyUnderItsOwnGroupAndOnceWhenTickedTwice() {
        let body = """
            ### Affected Component
            - [x] **Latency** - Response time too slow
            - [x] **Job Queue** - Celery task processing
            - [x] **Job Queue** - again

            **How measured:**
            - [x] **API Endpoints**
            - [x] APM tool (DataDog)
            """
        #expect(issue(body).choices(in: .components) == ["job-queue"])
        #expect(issue(body).choices(in: .issueTypes) == [])
        #expect(issue(body).choices(in: .measurementMethods) == ["apm-tool"])
        #expect(
            messages(body) == [
                "7: warning: the ticked box 'Latency - Response time too slow' under Affected Component is none of its "
                    + "items, so it was not counted; start the line with one of: API Endpoints, Database Operations, "
                    + "Docking Engine Processing, File Processing, Job Queue, Frontend Rendering, 3D Visualization, "
                    + "Authentication, Multi-tenant Operations, Cache Operations, Storage Operations",
                "12: warning: the ticked box 'API Endpoints' under How measured is none of its items, so it was not "
                    + "counted; start the line with one of: Application logs, APM tool, Database monitoring, "
                    + "Custom metrics, Load testing tools, Browser dev tools, System monitoring",
            ])
    }

    @Test func boxesInsideCodeBlocksAndUntickedBoxesNeverCount() {
        let read = issue(
            """
            ### Issue Type
            ```text
            - [x] **Latency** - Response time too slow
            ```
            - [ ] **CPU** - High CPU utilization
            """)
        #expect(read.choices(in: .issueTypes) == [])
    }

    @Test func headingsMatchByTheirWordsWithRealGarbledOrNoEmoji() {
        let garbled = issue("## üîç Performance Context\n### ISSUE TYPE\n- [x] **Scaling**\n")
        let real = issue("## 🔍 Performance Context\n### Issue Type\n- [x] **Scaling**\n")
        let bare = issue("### issue type\n- [x] Scaling - horizontal\n")
        #expect(garbled.choices(in: .issueTypes) == ["scaling"])
        #expect(real.choices(in: .issueTypes) == ["scaling"])
        #expect(bare.choices(in: .issueTypes) == ["scaling"])
    }

    @Test func movedBusinessImpactIsStillFoundByItsLabel() {
        let read = issue(
            """
            ## 📈 Additional Context
            **User Experience:**
            - [x] High - Significant delays in research work

            **System Capacity:**
            - [x] Approaching capacity limits
            - [x] Proactive optimization
            """)
        #expect(read.businessImpact == "high")
        #expect(read.choices(in: .systemCapacity) == ["approaching-capacity-limits", "proactive-optimization"])
    }

    @Test func severalUserExperienceLevelsKeepTheMostSevere() {
        let body = "**User Experience:**\n- [x] Medium\n- [x] Critical - Users cannot complete workflows\n"
        #expect(issue(body).businessImpact == "critical")
        #expect(
            messages(body) == [
                "-: warning: several User Experience levels are ticked (critical, medium); the most severe, critical, "
                    + "is used: tick one"
            ])
    }

    @Test func layersAreReadUnderTheLabelOrTheHeading() {
        #expect(
            issue("### Clean Architecture Layer\n**Primary Performance Issue:**\n- [x] Adapters - External\n")
                .choices(in: .layers) == ["adapters"])
        #expect(
            issue("### Clean Architecture Layer\n- [x] Frontend - React\n- [x] Infrastructure\n")
                .choices(in: .layers) == ["infrastructure", "frontend"])
    }

    @Test func authorsOwnOptimizationLinesAreKeptVerbatimAsCustomIdeas() {
        let read = issue(
            """
            **Database Optimizations:**
            - [x] Add missing indexes
            - [ ] Add read replicas
            - [x] Use **pgbouncer** in transaction mode
            - [ ] Partition by organization_id

            **Application Optimizations:**
            - [x] Reduce N+1 queries (selectinload on poses)
            - Switch RDKit conformer generation to ETKDGv3
            """)
        #expect(
            read.optimizations == [
                OptimizationChoice(
                    category: "database", id: "add-missing-indexes", label: "Add missing indexes", custom: false),
                OptimizationChoice(
                    category: "database", id: "use-pgbouncer-in-transaction-mode",
                    label: "Use pgbouncer in transaction mode", custom: true),
                OptimizationChoice(
                    category: "application", id: "reduce-n-1-queries", label: "Reduce N+1 queries", custom: false),
                OptimizationChoice(
                    category: "application", id: "switch-rdkit-conformer-generation-to-etkdgv3",
                    label: "Switch RDKit conformer generation to ETKDGv3", custom: true),
            ])
    }

    @Test func testingPlanAndValidationBoxes() {
        let read = issue(
            """
            **Load Testing:**
            - [x] Baseline performance measurement
            - [x] Spike testing with 10x bursts
            **Monitoring:**
            - [x] Implement alerting
            **Success Metrics:**
            - [x] Response time improved by 60%
            """)
        #expect(read.choices(in: .loadTesting) == ["baseline-performance-measurement", "spike-testing"])
        #expect(read.choices(in: .monitoring) == ["implement-alerting"])
        #expect(read.choices(in: .successMetrics) == ["response-time-improved"])
    }

    @Test func historicalBoxesKeepTheAuthorsDetail() {
        let body = """
            **Historical Performance:**
            - [x] Sudden regression after deploy 2026.03.2 (switched to orjson)
            - [x] Gradual degradation over [time period]
            - [ ] Performance was acceptable until [event/change]
            """
        #expect(
            issue(body).historicalPerformance == [
                HistoricalNote(id: "gradual-degradation-over", detail: nil),
                HistoricalNote(id: "sudden-regression-after", detail: "deploy 2026.03.2 (switched to orjson)"),
            ])
        #expect(
            messages(body) == [
                "8: warning: the historical-performance detail is still the template placeholder [time period]"
            ])
    }

    @Test func aSiteSchemaMayAddGroupsAndItems() {
        var schema = IssueSchema.template
        schema.groups[0].items.append(ChoiceItem("GPU"))
        schema.groups.append(
            ChoiceGroup(
                id: ChoiceGroup.ID(rawValue: "regulatory"), title: "Regulatory Impact", names: ["Regulatory Impact"],
                items: [ChoiceItem("Audit trail")]))
        let read = issue(
            "### Issue Type\n- [x] GPU memory\n### Regulatory Impact\n- [x] Audit trail gaps\n", schema: schema)
        #expect(read.choices(in: .issueTypes) == ["gpu"])
        #expect(read.choices(in: ChoiceGroup.ID(rawValue: "regulatory")) == ["audit-trail"])
    }
}

@Suite struct ClaimTests {
    static let body = """
        ### Validation Criteria
        **Success Metrics:**
        - [x] Response time improved by 70%
        - [x] Throughput increased by 12.5 % at peak
        - [ ] Resource usage reduced by 30%
        - [x] User satisfaction improved
        """

    /// Only ticked boxes claim: the unticked one states a wish.
    @Test func tickedBoxesWithAPercentageAreClaims() {
        let read = issue(Self.body)
        #expect(
            read.claims == [
                Claim(metric: "response-time-improved", percent: 70, line: 8),
                Claim(metric: "throughput-increased", percent: 12.5, line: 9),
            ])
        #expect(messages(Self.body) == [])
    }

    @Test func aPlaceholderOrAFigureThatIsNotAPercentageIsAWarning() {
        let body = """
            ### Validation Criteria
            - [x] Response time improved by X%
            - [x] Throughput increased by 40 jobs/hour
            """
        #expect(issue(body).claims == [])
        #expect(
            messages(body) == [
                "7: warning: the improvement claimed is still the template placeholder X%",
                "8: warning: the improvement claimed, '40 jobs/hour', is not read: write it as a percentage, like "
                    + "'by 70%'",
            ])
    }
}
