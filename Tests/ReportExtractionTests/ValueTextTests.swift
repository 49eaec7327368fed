import ReportModel
import Testing

@testable import ReportExtraction

@Suite struct ValueTextTests {
    @Test(arguments: [
        ("850ms", 850.0), ("850 ms", 850), ("2,900 ms", 2900), ("0.85s", 850), ("1.2 s", 1200), ("6.5 min", 390_000),
        ("3 sec", 3000), ("250us", 0.25), ("1h", 3_600_000), ("900", 900),
    ])
    func timesAreReadInMilliseconds(written: String, milliseconds: Double) {
        #expect(Quantity(written)?.milliseconds() == milliseconds)
    }

    @Test(arguments: [
        ("640MB", 640.0), ("1.5GB", 1536), ("1 GB", 1024), ("512 MiB", 512), ("2GiB", 2048), ("1,024KB", 1),
    ])
    func sizesAreReadInMegabytes(written: String, megabytes: Double) {
        #expect(Quantity(written)?.megabytes() == megabytes)
    }

    @Test func aNumberWithoutUnitTakesTheTemplatesUnit() {
        #expect(Quantity("3")?.megabytes(defaultUnit: "GB") == 3072)
        #expect(Quantity("45")?.milliseconds() == 45)
    }

    @Test func piecesSplitAtCommasOutsideBackticksAndNotBetweenDigits() {
        let pieces = ValueText.pieces("`850ms` (p50), 2,900 ms (p95), `[Z]ms` (p99)")
        #expect(
            pieces == [
                ValueText.Piece(quantity: Quantity("850ms"), placeholder: nil, keywords: "(p50)"),
                ValueText.Piece(quantity: Quantity("2,900 ms (p95)"), placeholder: nil, keywords: "(p95)"),
                ValueText.Piece(quantity: nil, placeholder: "[Z]ms", keywords: "(p99)"),
            ])
    }

    @Test func aUnitAfterTheCodeSpanBelongsToTheValue() {
        let piece = ValueText.piece("`1,200` requests/second")
        #expect(piece.quantity?.value == 1200)
        #expect(piece.quantity?.unit == "requests/second")
    }

    @Test(arguments: [
        "[X]ms", "`[/api/v1/endpoint]`", "[P0/P1/P2/P3]", "[e.g., \"1000 requests\"]", "#[numbers]", "e.g. 500ms",
        "E.G. nightly", " \"`[TBD]`\"", "\u{0B}[X]", "\u{A0}[X]",
    ])
    func templatePlaceholdersAreRecognised(text: String) {
        #expect(ValueText.isPlaceholder(text))
    }

    @Test(arguments: ["500ms", "`2.4s`", "each [X]", "[\u{301}X]", "", "é.g."])
    func valuesAreNotPlaceholders(text: String) {
        #expect(!ValueText.isPlaceholder(text))
    }

    /// ASCII text takes a byte path and other text the Unicode one; both follow one rule.
    @Test func headingKeysAndTrimmingAgreeOnEveryPath() {
        #expect(Outline.key("**API Response Times:**") == "api response times")
        #expect(Outline.key("  3D  Visualization ") == "3d visualization")
        #expect(Outline.key("Ã°ÂŸÂ“ÂŠ Performance Metrics") == "performance metrics")
        #expect(Outline.key("⚡ Perfórmance Summary") == "perf rmance summary")
        #expect("  a b \t".trimmed == "a b")
        #expect("plain".trimmed == "plain")
        #expect("\r\nabc\r\n".trimmed == "abc")
        #expect("x\u{301}".trimmed == "x\u{301}")
        #expect("\u{A0}x\u{2003}".trimmed == "x")
        #expect(" \u{301}x ".trimmed == "x")
        #expect(" \t\n ".trimmed == "")
        #expect("\t[X] ms\u{0B}".trimmed == "[X] ms")
    }

    @Test func labelsMapToIdsByOneRule() {
        #expect(ChoiceItem.id(for: "3D Visualization") == "3d-visualization")
        #expect(ChoiceItem.id(for: "Reduce N+1 queries") == "reduce-n-1-queries")
        #expect(ChoiceItem.id(for: "  APM tool (New Relic, DataDog, etc.) ") == "apm-tool-new-relic-datadog-etc")
    }
}
