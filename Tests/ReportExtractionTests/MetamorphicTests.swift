import ReportModel
import Testing

@testable import ReportExtraction

/// One issue's figures written in many equivalent ways must extract to exactly the same values, with no warning;
/// and a number perfsite reads is the number written, or nothing.
@Suite struct MetamorphicTests {
    /// The figures every variant states.
    static var expected: Metrics {
        var metrics = Metrics()
        metrics.endpoint = "POST /api/v1/docking/jobs"
        metrics.currentLatency = Percentiles(p50: 850, p95: 2300, p99: 4100)
        metrics.expectedLatency = Percentiles(p50: 200, p95: 500, p99: 1000)
        metrics.currentThroughput = Rate(value: 1200, unit: "requests/second")
        metrics.expectedThroughput = Rate(value: 2000, unit: "requests/second")
        metrics.cpuPercent = Spread(average: 45, peak: 80)
        metrics.memoryMB = Spread(average: 1536, peak: 3072)
        metrics.databaseQueryMs = Spread(average: 14, peak: 2100)
        return metrics
    }

    static let expectedChoices = ["issue-types": ["latency", "database"], "components": ["api-endpoints"]]

    /// One way to write each part; a variant picks one of each.
    struct Writing {
        var heading: String
        var bullet: String
        var responseLabel: String
        var latency: (current: String, expected: String)?
        var latencyTable: String?
        var throughput: (String, String)
        var cpu: String
        var memory: String
        var query: String
        var boxes: String
        var extra: String
    }

    static let headings = [
        "### Current Performance", "## Current Performance:", "#### Current Performance", "### current performance",
    ]
    static let bullets = ["- ", "* ", "+ ", ""]
    static let responseLabels = ["**Response Times:**", "**Response Times**:", "**Response Times**"]
    static let latencies: [(String, String)] = [
        ("`850ms` (p50), `2,300ms` (p95), `4,100ms` (p99)", "`200ms` (p50), `500ms` (p95), `1s` (p99)"),
        ("p50=850ms, p95=2.3s, p99=4.1s", "p50=200ms, p95=500ms, p99=1s"),
        ("p50: 850 ms, p95: 2 300 ms, p99: 4.1 s", "p50: 200 ms, p95: 500 ms, p99: 1000 ms"),
        ("median 850ms, p95 2.3s, p99 4.1s", "median 0.2s, p95 0.5s, p99 1.0s"),
        ("p99 4.1s, p50 850ms, p95 2.3s", "p95 < 500ms, p99 < 1s, p50 < 200ms"),
        ("850 ms (p50), 2\u{A0}300 ms (p95), 4\u{202F}100 ms (p99)", "≤ 200ms (p50), ≤ 500ms (p95), ≤ 1s (p99)"),
        ("**850ms** (p50), **2.3 s** (p95), **4.1 s** (p99)", "`0.2 s` (p50), `0.5 s` (p95), `1 s` (p99)"),
        ("850ms (p50), 2_300ms (p95), 4_100ms (p99)", "200ms (p50), 500ms (p95), 1,000ms (p99)"),
        ("~850 ms (p50), ~2.3 s (p95), ~4.1 s (p99)", "200 msec (p50), 500 msec (p95), 1 sec (p99)"),
        ("850ms (p50), 2'300 ms (p95), 4'100 ms (p99)", "0.2s (p50), 0.5s (p95), 1s (p99)"),
    ]
    static let latencyTables = [
        "| | p50 | p95 | p99 |\n|---|---|---|---|\n| Current | 850ms | 2.3s | 4.1s |\n"
            + "| Expected | 200ms | 500ms | 1s |\n",
        "| Percentile | Current | Expected |\n|---|---|---|\n| p50 | 850 ms | 200 ms |\n| p95 | 2,300 ms | 500 ms |\n"
            + "| p99 | 4.1 s | 1 s |\n",
        "| | median | p95 | p99 |\n|:--|--:|--:|--:|\n| **Current** | `850ms` | `2.3s` | `4.1s` |\n"
            + "| **Expected** | `200ms` | `500ms` | `1s` |\n",
    ]
    static let throughputs: [(String, String)] = [
        ("`1,200` requests/second", "`2,000` requests/second"), ("1.2k req/s", "2k req/s"),
        ("1,200 rps", "2000 RPS"), ("1 200 requests per second", "2 000 requests per second"),
        ("`1200 requests/s`", "`2000 requests/sec`"), ("~1.2k requests/second", "≥ 2k requests/second"),
    ]
    static let cpus = [
        "CPU: `45%` average, `80%` peak", "CPU: 45% average, 80% peak", "CPU: avg 45%, peak 80%",
        "CPU: average: 45%, max: 80%", "**CPU**: 45 % average, 80 % peak",
    ]
    static let memories = [
        "Memory: `1.5GB` average, `3GB` peak", "Memory: 1536MiB average, 3072MiB peak",
        "Memory: 1.5Gi average, 3Gi peak", "Memory: `1.5 GiB` average, `3 GiB` peak",
        "Memory: avg 1,536 MB, peak 3 GB", "**Memory:** 1536Mi average, 3Gi peak",
    ]
    static let queries = [
        "Query time: `14ms` average, `2,100ms` slowest", "Query time: avg 14 ms, max 2.1 s",
        "**Query time**: avg 14 ms, max 2.1 s", "Query time: mean 14ms, worst 2.1s",
        "Query time: 14 ms average, 2 100 ms slowest",
    ]
    static let boxes = [
        "- [x] **Latency** - Response time too slow\n- [ ] **Memory** - High memory usage/leaks\n"
            + "- [x] **Database** - Slow queries/operations",
        "- [X] Latency\n- [x] database\n<!-- - [x] Memory -->",
        "* [x] latency - p95 too slow\n* [x]  **Database**",
        "1. [x] Latency\n2. [x] Database\n3. [ ] Memory",
        "+ [x] **Latency**\n+ [x] **Database**\n  - [ ] **Memory**",
    ]
    static let extras = [
        "", "\n<details><summary>Output</summary>\n\n```\n2300 ms\n```\n\n</details>\n",
        "\n<!-- Fill in the figures below -->\n",
        "\n"
            + IssueTemplate.markdown.split(separator: "\n").drop {
                !$0.hasPrefix("## ⚡")
            }.joined(separator: "\n") + "\n",
    ]

    /// The `index`th variant: each part's choice by a different stride, so that 240 variants cover every choice of
    /// every part, in many combinations.
    static func variant(_ index: Int) -> Writing {
        func pick<T>(_ options: [T], _ stride: Int) -> T {
            options[(index * stride + index / options.count) % options.count]
        }
        let table = index % 4 == 3
        return Writing(
            heading: pick(headings, 1), bullet: pick(bullets, 3), responseLabel: pick(responseLabels, 5),
            latency: table ? nil : pick(latencies, 7), latencyTable: table ? pick(latencyTables, 2) : nil,
            throughput: pick(throughputs, 11), cpu: pick(cpus, 13), memory: pick(memories, 17),
            query: pick(queries, 19), boxes: pick(boxes, 23), extra: pick(extras, 29))
    }

    static func body(_ writing: Writing) -> String {
        let bullet = writing.bullet
        var lines = [
            "## ⚡ Performance Issue Summary", "Docking submission is slow.", "", "## 🔍 Performance Context", "",
            "### Issue Type", writing.boxes, "", "### Affected Component", "- [x] **API Endpoints** - Specific routes",
            "", "## 📊 Performance Metrics", "", writing.heading, writing.responseLabel,
            "\(bullet)Endpoint: `POST /api/v1/docking/jobs`",
        ]
        if let (current, expected) = writing.latency {
            lines += ["\(bullet)Current: \(current)", "\(bullet)Expected: \(expected)"]
        } else if let table = writing.latencyTable {
            lines += ["", table]
        }
        lines += [
            "", "**Throughput:**", "\(bullet)Current: \(writing.throughput.0)",
            "\(bullet)Expected: \(writing.throughput.1)",
            "", "**Resource Usage:**", bullet + writing.cpu, bullet + writing.memory, "", "**Database Performance:**",
            bullet + writing.query, "", writing.extra,
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: 0..<240)
    func everyWritingOfTheFiguresReadsTheSame(index: Int) {
        let text = Self.body(Self.variant(index))
        let result = extract(text)
        let warnings = result.diagnostics.filter { !$0.message.contains("placeholder") && $0.message.contains(":") }
        #expect(result.issue?.metrics.figures == Self.expected, "variant \(index):\n\(text)")
        #expect(result.issue?.choices.filter { Self.expectedChoices[$0.key] != nil } == Self.expectedChoices)
        #expect(
            warnings.filter { $0.message.contains("could not") || $0.message.contains("range") }.isEmpty,
            "variant \(index): \(warnings.map(\.message))")
    }

    /// A whole number of milliseconds, written in a random valid way, reads as itself; written in a random
    /// mangled way, it reads as itself or as nothing, never as another number.
    @Test func aNumberReadIsTheNumberWrittenOrNothing() {
        var random = SplitMix64(state: 20_261_201)
        for _ in 0..<500 {
            let milliseconds = random.below(9_999_999) + 1
            let digits = String(milliseconds)
            var grouped = ""
            let separator = ["", ",", " ", "\u{A0}", "_", "'"][random.below(6)]
            for (offset, character) in digits.enumerated() {
                if offset > 0, (digits.count - offset) % 3 == 0 { grouped += separator }
                grouped.append(character)
            }
            let unit = ["ms", " ms", " msec", "ms"][random.below(4)]
            let written = ["`\(grouped)\(unit)`", "\(grouped)\(unit)", "**\(grouped)\(unit)**", "~\(grouped)\(unit)"][
                random.below(4)]
            let line = "**Response Times:**\n- Current: \(written) (p95)\n"
            #expect(issue(line).metrics.currentLatency.p95 == Double(milliseconds), "\(written)")

            // Mangled: a digit group of the wrong size, a second point, a range, a stray digit after a space.
            let mangled = [
                "\(digits) 12\(unit)", "\(digits).5.5\(unit)", "\(digits)-\(milliseconds + 5)\(unit)",
                "\(digits)–\(milliseconds + 5)\(unit)", "\(digits.prefix(1)) \(digits.dropFirst().prefix(2))\(unit)",
            ][random.below(5)]
            let read = issue("**Response Times:**\n- Current: \(mangled) (p95)\n").metrics.currentLatency.p95
            #expect(read == nil, "\(mangled) read as \(String(describing: read))")
        }
    }

    /// Digits perfsite did not turn into a value are a warning that names them.
    @Test(arguments: [
        ("- Current: 1 25 ms (p95)", "current p95: could not read"),
        ("- Current: 850-900 ms (p95)", "current p95: '850-900 ms' is a range: write one number"),
        ("- Current: 850–900 ms (p95)", "current p95: '850–900 ms' is a range: write one number"),
        ("- Current: 2.3s", "current: could not tell which percentile"),
    ])
    func digitsNotReadAreAWarning(line: String, message: String) {
        let result = extract("**Response Times:**\n\(line)\n")
        #expect(result.issue?.metrics.currentLatency == Percentiles())
        #expect(result.diagnostics.contains { $0.message.hasPrefix(message) && $0.line == 7 }, "\(result.diagnostics)")
    }

    /// Deliberate "not given" answers are no placeholder and no figure.
    @Test(arguments: ["n/a", "N/A", "n/a — worker-side, no HTTP", "unknown", "TBD", "-", "—", "?", "none"])
    func notGivenAnswersAreNeitherFiguresNorPlaceholders(answer: String) {
        let result = extract("**Response Times:**\n- Endpoint: \(answer)\n- Current: \(answer)\n")
        #expect(result.issue?.metrics.endpoint == nil)
        #expect(result.issue?.metrics.currentLatency == Percentiles())
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
    }

    @Test func currentAndExpectedOnOneLine() {
        let read = issue("**Response Times:**\n- Current: 2.1s p95 / Expected: 400ms p95\n")
        #expect(read.metrics.currentLatency == Percentiles(p95: 2100))
        #expect(read.metrics.expectedLatency == Percentiles(p95: 400))
    }

    @Test func aBoxLineMatchesByTheWordsBeforeThePlaceholderOrWithOneTypo() {
        let result = extract(
            "### Issue Type\n- [x] **Concurency** - Thread contention\n\n**Historical Performance:**\n"
                + "- [x] Gradual degradation as screens grew from 10 to 500 poses\n")
        #expect(result.issue?.choices["issue-types"] == ["concurrency"])
        #expect(
            result.issue?.historicalPerformance == [
                HistoricalNote(id: "gradual-degradation-over", detail: "as screens grew from 10 to 500 poses")
            ])
        #expect(
            result.diagnostics.map(\.message) == [
                "the ticked box 'Concurency - Thread contention' under Issue Type was read as 'Concurrency', one "
                    + "letter away: correct the spelling"
            ])
    }

    @Test func relatedIssuesAreListsRangesAndThisRepositorysLinks() {
        let text =
            "## 🔗 Related Issues\n- Related performance issues: #12, #13, #645–#647, #20-22\n"
            + "- See https://github.com/org/docking/issues/123 and org/other#1012, repo#7\n- Range #1–#900\n"
        let reader = IssueReader(repository: "https://github.com/org/docking")
        let file = "---\ntitle: T\nnumber: 42\ndate: 2026-01-02\n---\n" + text
        let result = reader.read(SourceFile(path: "42.md", text: file), rendersHTML: false)
        #expect(result.issue?.relatedIssues == [1, 12, 13, 20, 21, 22, 123, 645, 646, 647])
        #expect(
            result.diagnostics.map(\.message) == [
                "the range #1–#900 spans more than 50 issues, so it was not expanded: list the related issues"
            ])
        #expect(extract(text).issue?.relatedIssues == [1, 12, 13, 20, 21, 22, 645, 646, 647])
    }

    @Test func otherPercentilesAndCPUInCoresFillNoSlotOfAnother() {
        let read = extract(
            "**Response Times:**\n- Current: 2.3s (p95), 9.1s (p99.9)\n\n**Resource Usage:**\n"
                + "- CPU: 500m average, 80% peak\n")
        #expect(read.issue?.metrics.currentLatency == Percentiles(p95: 2300))
        #expect(read.issue?.metrics.cpuPercent == Spread(average: nil, peak: 80))
        #expect(read.diagnostics.map(\.message).contains("CPU average: could not read the unit 'm'"))
    }

    @Test func otherMetricBlocksReadAsTablesToo() {
        let read = issue(
            "**Resource Usage:**\n\n| Metric | Value |\n|---|---|\n| CPU | 45% average, 80% peak |\n"
                + "| Memory | 1.5 GiB average, 3 GiB peak |\n\n**Database Performance:**\n\n"
                + "| Metric | Average | Slowest |\n|---|---|---|\n| Query time | 14 ms | 2.1 s |\n")
        #expect(read.metrics.cpuPercent == Spread(average: 45, peak: 80))
        #expect(read.metrics.memoryMB == Spread(average: 1536, peak: 3072))
        #expect(read.metrics.databaseQueryMs == Spread(average: 14, peak: 2100))
    }
}
