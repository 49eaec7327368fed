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

// MARK: - Numbers, prefixes and multipliers

@Suite struct NumberReadingTests {
    /// The value of a number's digits is the one `Double(String)` reads from them, whether it is multiplied out (the
    /// exact fast path) or parsed: generated mantissas and exponents from a fixed seed, both sides of 2^53 and 10^22.
    @Test func aNumberHasTheValueTheParserGivesItsDigits() {
        var random = SplitMix64(state: 0x0DD_BA11)
        var multiplied = 0
        for _ in 0..<20_000 {
            var mantissa = ""
            for _ in 0..<random.below(20) + 1 { mantissa += String(random.below(10)) }
            if random.below(2) == 0 {
                let dot = mantissa.index(mantissa.startIndex, offsetBy: random.below(mantissa.count))
                mantissa.insert(".", at: dot)
            }
            if mantissa.first == "." { mantissa = "0" + mantissa }
            let number = ValueScanner.Number(mantissa: mantissa, exponent: random.below(61) - 30)
            let sign = random.below(2) == 0 ? "" : "-"
            let extra = [0, 3, -3, 6, -6][random.below(5)]
            let parsed = Double(sign + mantissa + "e" + String(number.exponent + extra))
            #expect(
                number.value(sign: sign, exponent: extra) == parsed, "\(sign)\(mantissa)e\(number.exponent + extra)")
            if number.exactProduct(negative: sign == "-", exponent: extra) != nil { multiplied += 1 }
        }
        // Most values take the fast path, and some do not.
        #expect(multiplied > 5_000 && multiplied < 20_000)
    }

    /// Every accepted grouping, with the value and unit read.
    @Test(arguments: [
        ("1 250 ms", 1250.0, "ms"), ("1 250ms", 1250, "ms"), ("1\u{A0}250 ms", 1250, "ms"),
        ("1\u{202F}250 ms", 1250, "ms"), ("1\u{2009}250 ms", 1250, "ms"), ("1_900ms", 1900, "ms"),
        ("1'250 ms", 1250, "ms"), ("1’250 ms", 1250, "ms"), ("1,250.5", 1250.5, ""), ("12,345,678", 12_345_678, ""),
        ("12 345 678", 12_345_678, ""), ("1 234 567.25 s", 1_234_567.25, "s"), ("999", 999, ""), ("1,000", 1000, ""),
        ("1250", 1250, ""), ("1250.75ms", 1250.75, "ms"), ("0.5", 0.5, ""), (".5s", 0.5, "s"), ("0", 0, ""),
        ("007", 7, ""), ("1e6", 1_000_000, ""), ("2.5E-3 s", 0.0025, "s"), ("1.5e3ms", 1500, "ms"), ("-5%", -5, "%"),
        ("−12.5%", -12.5, "%"), ("+20%", 20, "%"), ("100+", 100, ""), ("48/100", 48, "/100"),
        ("48/50 connections used", 48, "/50"), ("1,000,000,000", 1_000_000_000, ""), ("0.001", 0.001, ""),
        ("850ms.", 850, "ms"), ("**850ms**", 850, "ms"), ("*850ms*", 850, "ms"), ("_850 ms_", 850, "ms"),
        ("850\u{A0}ms", 850, "ms"), ("62 %", 62, "%"), ("85°C", 85, "°C"), ("4 cores", 4, "cores"),
    ])
    func numbersAreReadExactly(written: String, value: Double, unit: String) {
        let quantity = Quantity(written)
        #expect(quantity?.value == value)
        #expect(quantity?.unit == unit)
    }

    @Test func whatFollowsTheUnitIsTheRest() {
        #expect(Quantity("2s for 10MB files")?.rest == "for 10MB files")
        #expect(Quantity("100+")?.rest == "+")
        #expect(Quantity("48/50 connections used")?.rest == "connections used")
        #expect(Quantity("**850ms** (p50)")?.rest == "(p50)")
        #expect(Quantity("12 blocked queries")?.unit == "")
        #expect(Quantity("12 blocked queries")?.rest == "blocked queries")
        #expect(Quantity("50 per API instance")?.unit == "")
        #expect(Quantity("50 per API instance")?.rest == "per API instance")
        #expect(Quantity("50/hour per worker")?.unit == "/hour")
        #expect(Quantity("50/hour per worker")?.rest == "per worker")
        #expect(Quantity("850 ms — worker side")?.rest == "— worker side")
        #expect(Quantity("1,200 requests (all endpoints)")?.rest == "requests (all endpoints)")
    }

    @Test func theNumberAtTheStartIsReadWithoutPrefixOrUnit() {
        #expect(Quantity.leadingNumber("1 250ms")?.value == 1250)
        #expect(Quantity.leadingNumber("1 250ms")?.rest == "ms")
        #expect(Quantity.leadingNumber("2,900 ms")?.value == 2900)
        #expect(Quantity.leadingNumber("1 25 ms") == nil)
        #expect(Quantity.leadingNumber("~850") == nil)
        #expect(Quantity.leadingNumber("ms") == nil)
    }

    /// Digits that are not one validly grouped number.
    @Test(arguments: [
        "1 25 ms", "1,2", "1,2 s", "0,850", "1250 000", "1.2.3 s", "1.250,5", "1  250", "12,34,567", "1,250 000",
        "1 250,000", "1.5 250 ms", "850 9ms", "10.0.0.1", "1,2345", "1_25", "1,25,000", "0 250", "1 2s", "1,250_000",
        "1.5,2.5", "~1 25 ms", "1\t250",
    ])
    func misgroupedDigitsAreRefused(written: String) {
        #expect(Quantity.reading(written) == .refused(.grouping))
        #expect(Quantity(written) == nil)
    }

    /// Two numbers where one is asked for.
    @Test(arguments: [
        "850-900 ms", "850–900 ms", "850 to 900 ms", "850 — 900ms", "850ms-900ms", "850ms – 900ms", "850ms to 900ms",
        "between 850 and 900 ms", "from 850 to 900ms", "0.8-1.2s", "85-90%", "850~900ms", "850 or 900 ms",
        "850ms vs 900ms", "850ms vs. 900ms", "850ms → 900ms", "850 -> 900", "850..900", "850…900", "2k-3k",
        "2026-01-02", "850 - 900", "850ms - ~900ms", "1.2 GB to 1.5 GB", "850 ms versus 900 ms", "~850-900ms",
    ])
    func rangesAreRefused(written: String) {
        #expect(Quantity.reading(written) == .refused(.range))
    }

    /// Ways of writing a number this reader does not take.
    @Test(arguments: [
        "1:30", "12:34:56", "850 ± 20 ms", "850ms ± 20ms", "850 +/- 20", "850 +-20", "2×10^6", "2 x 10^6", "2x10^6",
        "10^6", "3k5", "850ms/900ms", "1h30m", "1h 30m", "2 min 30 s", "1 hour and 30 minutes", "1½ h", "10⁶",
        "1e99999", "48/50/60", "2 * 10", "5ms:30",
    ])
    func otherNotationsAreRefused(written: String) {
        #expect(Quantity.reading(written) == .refused(.notation))
    }

    @Test(arguments: ["", "ms", "fast", "p95 800ms", "(850ms)", "~", "< fast", "overall 5", "x5", "#12", "- 5"])
    func textWithoutLeadingNumberIsAbsent(written: String) {
        #expect(Quantity.reading(written) == .absent)
    }

    /// Each prefix, the qualifier it gives and the number read.
    @Test(arguments: [
        ("~850 ms", Quantity.Qualifier.approximately, 850.0, "ms"), ("~ 850ms", .approximately, 850, "ms"),
        ("≈ 90", .approximately, 90, ""), ("≈90", .approximately, 90, ""), ("about 90", .approximately, 90, ""),
        ("About 90ms", .approximately, 90, "ms"), ("approx. 90", .approximately, 90, ""),
        ("approx.90", .approximately, 90, ""), ("approx 90", .approximately, 90, ""),
        ("approximately 1.2 s", .approximately, 1.2, "s"), ("around 40ms", .approximately, 40, "ms"),
        ("roughly 2 GB", .approximately, 2, "GB"), ("circa 300", .approximately, 300, ""),
        ("ca. 300", .approximately, 300, ""), ("~= 5", .approximately, 5, ""), ("∼5", .approximately, 5, ""),
        ("≤ 500ms", .atMost, 500, "ms"), ("<= 500ms", .atMost, 500, "ms"), ("=< 500ms", .atMost, 500, "ms"),
        ("⩽500ms", .atMost, 500, "ms"), ("up to 2s", .atMost, 2, "s"), ("Up to 2s", .atMost, 2, "s"),
        ("at most 3 s", .atMost, 3, "s"), ("no more than 100", .atMost, 100, ""), ("< 2s", .below, 2, "s"),
        ("<2s", .below, 2, "s"), ("under 2s", .below, 2, "s"), ("below 300ms", .below, 300, "ms"),
        ("less than 1GB", .below, 1, "GB"), ("fewer than 10", .below, 10, ""), ("> 2s", .above, 2, "s"),
        ("over 9,000", .above, 9000, ""), ("above 90%", .above, 90, "%"),
        ("more than 50 jobs/hour", .above, 50, "jobs/hour"), ("greater than 5", .above, 5, ""),
        (">= 100", .atLeast, 100, ""), ("≥ 100", .atLeast, 100, ""), ("⩾100", .atLeast, 100, ""),
        ("at least 100", .atLeast, 100, ""), ("no less than 5", .atLeast, 5, ""), ("< ~2s", .below, 2, "s"),
        ("~ <2s", .below, 2, "s"), ("about 1 250 ms", .approximately, 1250, "ms"),
    ])
    func prefixesKeepTheirComparison(
        written: String, qualifier: Quantity.Qualifier, value: Double, unit: String
    ) {
        let quantity = Quantity(written)
        #expect(quantity?.qualifier == qualifier)
        #expect(quantity?.value == value)
        #expect(quantity?.unit == unit)
    }

    @Test(arguments: ["850ms", "= 500ms", "between 850", "from 850", "2s", "=> 5"])
    func valuesWithoutComparisonHaveNoQualifier(written: String) {
        #expect(Quantity(written) != nil)
        #expect(Quantity(written)?.qualifier == nil)
    }

    /// Multiplier suffixes and words, with the value, unit, suffix as written and number as written.
    @Test(arguments: [
        ("2.3k req/s", 2300.0, "req/s", "k", 2.3), ("1.2k requests/second", 1200, "requests/second", "k", 1.2),
        ("1.2M rows", 1_200_000, "", "M", 1.2), ("5K", 5000, "", "K", 5), ("3B rows", 3_000_000_000, "", "B", 3),
        ("3bn rows", 3_000_000_000, "", "bn", 3), ("2k", 2000, "", "k", 2), ("2k/s", 2000, "/s", "k", 2),
        ("1.5k ms", 1500, "ms", "k", 1.5), ("2.5 million rows", 2_500_000, "", "million", 2.5),
        ("3 thousand", 3000, "", "thousand", 3), ("1 billion", 1_000_000_000, "", "billion", 1),
        ("5K+", 5000, "", "K", 5), ("12.345k", 12345, "", "k", 12.345), ("1 234.5k", 1_234_500, "", "k", 1234.5),
        ("500M", 500_000_000, "", "M", 500), ("500B", 500_000_000_000, "", "B", 500), ("2k)", 2000, "", "k", 2),
        ("1.2k\u{A0}rps", 1200, "rps", "k", 1.2), ("2kb", 2, "kb", "", 2), ("750Mi", 750, "Mi", "", 750),
        ("1.5m", 1.5, "m", "", 1.5), ("2KB", 2, "KB", "", 2), ("500MB", 500, "MB", "", 500),
        ("5 M", 5, "M", "", 5), ("2 k", 2, "k", "", 2), ("5k%", 5, "k%", "", 5), ("3b", 3, "b", "", 3),
    ])
    func multipliersScaleTheValue(written: String, value: Double, unit: String, multiplier: String, number: Double) {
        let quantity = Quantity(written)
        #expect(quantity?.value == value)
        #expect(quantity?.unit == unit)
        #expect(quantity?.multiplier == multiplier)
        #expect(quantity?.number == number)
    }
}

// MARK: - Units

@Suite struct UnitTests {
    @Test(arguments: [
        ("1.5m", 90_000.0), ("5 mins", 300_000), ("5 minutes", 300_000), ("250µs", 0.25), ("250μs", 0.25),
        ("250 us", 0.25), ("250 usec", 0.25), ("500ns", 0.0005), ("3 msec", 3), ("3 msecs", 3),
        ("3 milliseconds", 3), ("2 secs", 2000), ("2 seconds", 2000), ("1 second", 1000), ("1.5 h", 5_400_000),
        ("2 hrs", 7_200_000), ("2 hr", 7_200_000), ("1 hour", 3_600_000), ("1d", 86_400_000),
        ("2 days", 172_800_000), ("1.5k ms", 1500), ("~850 ms", 850), ("1 250ms", 1250), ("1_900ms", 1900),
        ("4.1 s", 4100), ("0.85s", 850), ("1.2k", 1200), ("2.5E-3 s", 2.5), ("95 S", 95000), ("3 MIN", 180_000),
    ])
    func everyTimeSpellingIsReadInMilliseconds(written: String, milliseconds: Double) {
        #expect(Quantity(written)?.milliseconds() == milliseconds)
    }

    @Test(arguments: ["5 M", "2 GB", "48/100", "62%", "2 cores", "5x", "500 req/s", "3 foo/bar"])
    func otherUnitsAreNotTimes(written: String) {
        #expect(Quantity(written) != nil)
        #expect(Quantity(written)?.milliseconds() == nil)
    }

    @Test func theDefaultUnitOfATimeMayBeMinutes() {
        #expect(Quantity("2")?.milliseconds(defaultUnit: "min") == 120_000)
        #expect(Quantity("2 hours")?.milliseconds(defaultUnit: "min") == 7_200_000)
    }

    @Test(arguments: [
        ("512MiB", 512.0), ("1.2 GiB", 1228.8), ("900 KB", Quantity.rounded(900.0 / 1024)), ("750Mi", 750),
        ("1.4Gi", 1433.6), ("2G", 2048), ("2Gi", 2048), ("500M", 500), ("1T", 1_048_576), ("1 TiB", 1_048_576),
        ("1Ti", 1_048_576), ("2048 bytes", Quantity.rounded(2048.0 / 1_048_576)),
        ("500B", Quantity.rounded(500.0 / 1_048_576)), ("500 B", Quantity.rounded(500.0 / 1_048_576)),
        ("5K", Quantity.rounded(5.0 / 1024)), ("900K", Quantity.rounded(900.0 / 1024)),
        ("900k", Quantity.rounded(900.0 / 1024)), ("900Ki", Quantity.rounded(900.0 / 1024)), ("1 GB", 1024),
        ("2 gigabytes", 2048), ("2 Mb", 2), ("2.5k MB", 2500), ("1,024KB", 1), ("1.2M", 1.2), ("3 megabytes", 3),
        ("0.5 TB", 524_288), ("1 250 MB", 1250), ("1.5 G", 1536), ("64 kilobytes", 0.0625),
    ])
    func everySizeSpellingIsReadInMegabytes(written: String, megabytes: Double) {
        #expect(Quantity(written)?.megabytes() == megabytes)
    }

    @Test(arguments: ["512m", "3bn", "2 million", "5 ms", "62%", "2 cores", "48/100"])
    func otherUnitsAreNotSizes(written: String) {
        #expect(Quantity(written) != nil)
        #expect(Quantity(written)?.megabytes() == nil)
    }

    @Test func aSizeWithoutUnitTakesTheDefault() {
        #expect(Quantity("3")?.megabytes(defaultUnit: "GB") == 3072)
        #expect(Quantity("500M")?.megabytes(defaultUnit: "GB") == 500)
        #expect(Quantity("2.5")?.megabytes() == 2.5)
    }

    @Test(arguments: [
        ("500m", 0.5), ("2 cores", 2), ("1 core", 1), ("4 vCPU", 4), ("4 vCPUs", 4), ("2 CPUs", 2),
        ("250 millicores", 0.25), ("250 mCPU", 0.25), ("2", 2), ("1.5", 1.5),
    ])
    func cpuIsReadInCores(written: String, cores: Double) {
        #expect(Quantity(written)?.cores() == cores)
    }

    @Test func percentagesAreNotCores() {
        #expect(Quantity("50%")?.cores() == nil)
        #expect(Quantity("62%")?.percent() == 62)
        #expect(Quantity("62 %")?.percent() == 62)
        #expect(Quantity("62 percent")?.percent() == 62)
        #expect(Quantity("62 pct")?.percent() == 62)
        #expect(Quantity("62")?.percent() == 62)
        #expect(Quantity("500m")?.percent() == nil)
        #expect(Quantity("2 cores")?.percent() == nil)
    }

    @Test(arguments: [
        ("rps", "requests/second"), ("RPS", "requests/second"), ("req/s", "requests/second"),
        ("reqs/s", "requests/second"), ("requests/s", "requests/second"), ("requests/sec", "requests/second"),
        ("requests per second", "requests/second"), ("req/sec", "requests/second"),
        ("Requests/Second", "requests/second"), ("request/s", "requests/second"), ("jobs/hr", "jobs/hour"),
        ("jobs/h", "jobs/hour"), ("jobs per hour", "jobs/hour"), ("jobs an hour", "jobs/hour"),
        ("jobs/hour", "jobs/hour"), ("job/hrs", "jobs/hour"), ("/min", "/minute"), ("per minute", "/minute"),
        ("/m", "/minute"), ("per hour", "/hour"), ("/hr", "/hour"), ("/h", "/hour"), ("/hour", "/hour"),
        ("/second", "/second"), ("a day", "/day"), ("ops/s", "operations/second"), ("qps", "queries/second"),
        ("QPS", "queries/second"), ("queries/sec", "queries/second"), ("tps", "transactions/second"),
        ("txn/s", "transactions/second"), ("rpm", "requests/minute"), ("msg/s", "messages/second"),
        ("messages per second", "messages/second"), ("events/min", "events/minute"), ("MB/s", "MB/second"),
        ("GiB/s", "GB/second"), ("ligands/hour", "ligands/hour"), ("Molecules/Hour", "molecules/hour"),
        ("pose-views/minute", "pose-views/minute"), ("ms", "ms"), ("msec", "ms"), ("milliseconds", "ms"),
        ("µs", "µs"), ("μs", "µs"), ("us", "µs"), ("ns", "ns"), ("s", "s"), ("sec", "s"), ("secs", "s"),
        ("seconds", "s"), ("min", "min"), ("mins", "min"), ("minutes", "min"), ("h", "h"), ("hrs", "h"),
        ("hours", "h"), ("d", "d"), ("days", "d"), ("MiB", "MB"), ("mb", "MB"), ("GiB", "GB"), ("KB", "KB"),
        ("KiB", "KB"), ("K", "KB"), ("Ki", "KB"), ("Mi", "MB"), ("M", "MB"), ("Gi", "GB"), ("G", "GB"), ("T", "TB"),
        ("Ti", "TB"), ("terabytes", "TB"), ("bytes", "B"), ("B", "B"), ("%", "%"), ("percent", "%"),
        ("cores", "cores"), ("core", "cores"), ("vCPU", "cores"), ("millicores", "millicores"), ("IOPS", "IOPS"),
        ("iops", "IOPS"), ("ops", "operations"), ("", ""),
    ])
    func unitsAreNormalisedByOneTable(written: String, normalized: String) {
        #expect(Quantity.normalizedUnit(written) == normalized)
    }

    @Test(arguments: ["m", "x", "/100", "foo bar baz", "ms/request", "req/ms", "a/b/c", "5/s", "k%", "m/s", "M/s"])
    func unitsOutsideTheTableAreNotNormalised(written: String) {
        #expect(Quantity.normalizedUnit(written) == nil)
    }

    @Test(arguments: [
        ("1,200 rps", "requests/second"), ("2.3k req/s", "requests/second"),
        ("1.2k requests/second", "requests/second"), ("300 requests per second", "requests/second"),
        ("300 Requests Per Second", "requests/second"), ("45 jobs an hour", "jobs/hour"),
        ("45 jobs/hr", "jobs/hour"), ("50 per minute", "/minute"), ("50/hr", "/hour"), ("1200RPS", "requests/second"),
        ("90 qps", "queries/second"), ("20 msg/s", "messages/second"), ("290 MB/s", "MB/second"),
        ("1.5 GiB", "GB"), ("750Mi", "MB"), ("62%", "%"), ("3 secs", "s"), ("12", ""), ("50MB per second", "MB/second"),
    ])
    func aQuantityNamesItsUnitByTheTable(written: String, normalized: String) {
        #expect(Quantity(written)?.normalizedUnit == normalized)
    }

    @Test func anUnknownUnitIsKeptAsWrittenForTheCallersWarning() {
        let quantity = Quantity("850 parsecs")
        #expect(quantity?.unit == "")
        let attached = Quantity("850zz")
        #expect(attached?.unit == "zz")
        #expect(attached?.milliseconds() == nil)
        #expect(attached?.megabytes() == nil)
        #expect(attached?.normalizedUnit == nil)
    }
}

// MARK: - Pieces: not given, refusals, statistics

@Suite struct PieceTests {
    @Test(arguments: [
        "n/a", "N/A", "NA", "na", "n.a.", "N/A.", "n/a — worker-side", "n/a (all in memory)",
        "n/a — worker-side, no HTTP", "unknown", "Unknown yet", "TBD", "tbd", "TBC", "TBA", "-", "—", "–", "--", "?",
        "???", "none", "None", "not measured", "Not measured yet", "not applicable", "Not applicable.",
        "not available", "`n/a`", "**n/a**", "\"n/a\"", "null", "- see below", "  n/a  ", "—(no data)",
    ])
    func deliberateNoFigureIsRecognised(text: String) {
        #expect(ValueText.isNotGiven(text))
    }

    @Test(arguments: [
        "n/ab", "nan", "NaN", "nanoseconds", "none5", "-5", "— 850ms", "?5", "850ms", "unknowns", "tbd2",
        "national", "", "   ", "[TBD]", "notable", "- 5 s", "n", "0",
    ])
    func figuresAndWordsAreNotNotGiven(text: String) {
        #expect(!ValueText.isNotGiven(text))
    }

    @Test func aNotGivenPieceHasNoQuantityAndNoWarning() {
        let piece = ValueText.piece("`n/a` IOPS")
        #expect(piece == ValueText.Piece(quantity: nil, placeholder: nil, keywords: "iops", notGiven: true))
        let plain = ValueText.piece("n/a — worker-side")
        #expect(plain.notGiven && plain.quantity == nil && plain.unreadable == nil && plain.placeholder == nil)
        #expect(ValueText.pieces("n/a — worker-side, no HTTP").first?.notGiven == true)
        #expect(ValueText.piece("`[TBD]`").placeholder == "[TBD]")
        #expect(ValueText.piece("`[TBD]`").notGiven == false)
    }

    @Test func piecesCarryEveryAnswer() {
        let pieces = ValueText.pieces("`850ms` (p50), `n/a` (p95), `850-900 ms` (p99), 1 25 ms, fast (p90)")
        #expect(
            pieces == [
                ValueText.Piece(quantity: Quantity("850ms"), placeholder: nil, keywords: "(p50)"),
                ValueText.Piece(quantity: nil, placeholder: nil, keywords: "(p95)", notGiven: true),
                ValueText.Piece(
                    quantity: nil, placeholder: nil, keywords: "(p99)", unreadable: "850-900 ms", refusal: .range),
                ValueText.Piece(
                    quantity: nil, placeholder: nil, keywords: "1 25 ms", unreadable: "1 25 ms", refusal: .grouping),
                ValueText.Piece(
                    quantity: nil, placeholder: nil, keywords: "fast (p90)", unreadable: "fast", refusal: .noNumber),
            ])
    }

    @Test func aCommaBetweenDigitsThatIsNotAGroupIsRefusedNotSplit() {
        #expect(ValueText.pieces("1,2 s").map(\.refusal) == [.grouping])
        #expect(ValueText.pieces("`0,85s` (p50)").map(\.unreadable) == ["0,85s"])
        #expect(ValueText.pieces("850ms,900ms").map { $0.quantity?.value } == [850, 900])
        #expect(ValueText.pieces("1,250, 1,300").map { $0.quantity?.value } == [1250, 1300])
    }

    @Test(arguments: [
        ("1 25 ms (p95)", Quantity.Refusal.grouping, "1 25 ms"), ("`850-900 ms` (p95)", .range, "850-900 ms"),
        ("850 to 900 ms", .range, "850 to 900 ms"), ("850 — 900ms", .range, "850 — 900ms"),
        ("p95: 850–900 ms", .range, "850–900 ms"), ("850-900 ms (p95)", .range, "850-900 ms"),
        ("`1.2.3 s`", .grouping, "1.2.3 s"),
        ("`fast` (p95)", .noNumber, "fast"), ("maxmemory 6GB; up to 2,100", .noNumber, "maxmemory 6GB; up to 2,100"),
        ("`1:30` min", .notation, "1:30"), ("1h 30m", .notation, "1h 30m"), ("`` (p50)", .noNumber, "`` (p50)"),
        ("(850ms)", .noNumber, "(850ms)"),
    ])
    func unreadablePiecesKeepTheirText(text: String, refusal: Quantity.Refusal, unreadable: String) {
        let piece = ValueText.piece(text)
        #expect(piece.quantity == nil)
        #expect(piece.refusal == refusal)
        #expect(piece.unreadable == unreadable)
    }

    @Test func aRangeKeepsTheStatisticItWasFor() {
        #expect(ValueText.piece("`850-900 ms` (p95)").keywords == "(p95)")
        #expect(ValueText.piece("p95: 850–900 ms").keywords.hasPrefix("p95"))
        #expect(ValueText.piece("850-900 ms (p99)").keywords == "850-900 ms (p99)")
        #expect(ValueText.piece("850-900 ms (median)").keywords == "850-900 ms p50 (median)")
    }

    /// A statistic named before the value, the milliseconds read and the keywords.
    @Test(arguments: [
        ("p50=850ms", 850.0, "p50"), ("p95: 800ms", 800, "p95"), ("p95 800ms", 800, "p95"),
        ("P99 = 4.1 s", 4100, "p99"), ("p95:800ms", 800, "p95"), ("median 2.8s", 2800, "p50 median"),
        ("Median: 2.8s", 2800, "p50 median"), ("p99 < 3s", 3000, "p99"), ("avg 14 ms", 14, "average avg"),
        ("avg. 14 ms", 14, "average avg"), ("average: 14ms", 14, "average"), ("mean 14 ms", 14, "average mean"),
        ("max 2.1 s", 2100, "peak max"), ("slowest 2.1s", 2100, "peak slowest"), ("worst 2.1 s", 2100, "peak worst"),
        ("peak 2.1 s", 2100, "peak"), ("p99.9: 5s", 5000, "p99.9"),
        ("95th percentile: 800ms", 800, "p95 95th percentile"),
        ("99th pct 1.2s", 1200, "p99 99th pct"), ("min 2ms", 2, "minimum min"),
        ("p95: `800ms`", 800, "p95"), ("median: `2.8s`", 2800, "p50 median"), ("`p95 800ms`", 800, "p95"),
        ("p95: **800ms**", 800, "p95"), ("**p95**: 800ms", 800, "p95"), ("p95 ~800ms (cold)", 800, "p95 (cold)"),
        ("850ms (p50)", 850, "(p50)"), ("`850ms` (p50)", 850, "(p50)"), ("**850ms** (p50)", 850, "(p50)"),
        ("*850ms* (p50)", 850, "(p50)"), ("`850ms`(p50)", 850, "(p50)"), ("850ms p50", 850, "p50"),
        ("p95 1 250 ms", 1250, "p95"),
    ])
    func aStatisticBeforeTheValueGoesToTheKeywords(text: String, milliseconds: Double, keywords: String) {
        let piece = ValueText.piece(text)
        #expect(piece.quantity?.milliseconds() == milliseconds)
        #expect(piece.keywords == keywords)
    }

    /// A statistic named first after the value is normalised too; `min` after a number stays minutes.
    @Test(arguments: [
        ("`850ms` (median)", "p50 (median)"), ("850ms (median)", "p50 (median)"), ("`14ms` mean", "average mean"),
        ("`2,100ms` slowest", "peak slowest"), ("`2.1s` max", "peak max"), ("`98%` peak", "peak"),
        ("`62%` average", "average"), ("`800ms` (95th percentile)", "p95 (95th percentile)"), ("`5` min", "min"),
        ("`6.5 min` (p99)", "(p99)"), ("`45` jobs/hour", "jobs/hour"), ("`340ms` avg", "average avg"),
    ])
    func aStatisticAfterTheValueIsNormalised(text: String, keywords: String) {
        #expect(ValueText.piece(text).keywords == keywords)
    }

    @Test func aLineBreakEndsAPiece() {
        let pieces = ValueText.pieces("45 % average, 80 % peak\nMemory: `1.5 GiB` average")
        #expect(pieces.map { $0.quantity?.value } == [45, 80, 1.5])
        #expect(pieces.map(\.keywords) == ["average", "peak", "memory: average"])
        #expect(ValueText.pieces("`850ms\n` (p50)").count == 1)
    }

    @Test func aStatisticBeforeAPrefixedSpanIsKept() {
        #expect(ValueText.piece("p95 < `2s`").keywords == "p95")
        #expect(ValueText.piece("median ~ `1.5s`").keywords == "p50 median")
        #expect(ValueText.piece("see `850ms` (p50)").keywords == "see (p50)")
    }

    @Test func aStatisticKeepsTheComparisonAndTheSize() {
        #expect(ValueText.piece("p99 < 3s").quantity?.qualifier == .below)
        #expect(ValueText.piece("peak 3.1GB").quantity?.megabytes() == 3174.4)
        #expect(ValueText.piece("peak 3.1GB").keywords == "peak")
        #expect(ValueText.piece("peak usage 3.1GB").quantity == nil)
        #expect(ValueText.piece("p95").quantity == nil)
        #expect(ValueText.piece("maximum").unreadable == nil)
    }

    /// Values in code spans and bold keep their prefix, unit and multiplier.
    @Test(arguments: [
        ("`~14 jobs/hour`", 14.0, "jobs/hour", Quantity.Qualifier?.some(.approximately)),
        ("`~14` jobs/hour", 14, "jobs/hour", .approximately), ("`45` jobs/hour", 45, "jobs/hour", nil),
        ("`1,200` requests per second", 1200, "requests per second", nil), ("`2.3k` req/s", 2300, "req/s", nil),
        ("`1 250` ms (p95)", 1250, "ms", nil), ("`< 2s`", 2, "s", .below), ("**~850 ms**", 850, "ms", .approximately),
        ("`62` %", 62, "%", nil), ("`1` concurrent export per pod", 1, "", nil),
        ("`290` MB/s aggregate", 290, "MB/s", nil),
        ("≈ `90` ms", 90, "ms", .approximately), ("`1.2M` rows", 1_200_000, "", nil), ("< `2s`", 2, "s", .below),
        ("p95 < `2s`", 2, "s", .below), ("about `1 250` ms", 1250, "ms", .approximately),
        ("see `850ms`", 850, "ms", nil),
    ])
    func codeSpansAndBoldKeepTheValue(text: String, value: Double, unit: String, qualifier: Quantity.Qualifier?) {
        let quantity = ValueText.piece(text).quantity
        #expect(quantity?.value == value)
        #expect(quantity?.unit == unit)
        #expect(quantity?.qualifier == qualifier)
    }
}

// MARK: - The readers that use pieces

@Suite struct ValueFormsInIssuesTests {
    @Test func statisticsBeforeValuesFillThePercentiles() {
        let read = issue(
            """
            **Response Times:**
            - Current: p50=850ms, p95: 1 250 ms, P99 = 4.1 s
            - Expected: median 200ms, p95 < 1s, `p99` ~ `1.5s`
            **Throughput:**
            - Current: `~14` jobs/hour
            **Resource Usage:**
            - Memory: avg 1.2 GiB, peak 1.4Gi
            - Query time: avg 5ms, slowest 60ms
            """)
        #expect(read.metrics.currentLatency == Percentiles(p50: 850, p95: 1250, p99: 4100))
        #expect(read.metrics.expectedLatency == Percentiles(p50: 200, p95: 1000, p99: nil))
        #expect(read.metrics.currentThroughput == Rate(value: 14, unit: "jobs/hour"))
        #expect(read.metrics.memoryMB == Spread(average: 1228.8, peak: 1433.6))
        #expect(read.metrics.databaseQueryMs == Spread(average: 5, peak: 60))
    }

    @Test func refusedAndNotGivenValuesAreNotNumbers() {
        let read = issue(
            """
            **Response Times:**
            - Current: `850-900 ms` (p50), 1 25 ms (p95), `n/a` (p99)
            **Resource Usage:**
            - Storage: `n/a` (all in memory)
            """)
        #expect(read.metrics.currentLatency == Percentiles())
        #expect(read.metrics.storageUsedMB == nil)
    }

    @Test func groupedAndMultipliedThroughputIsExact() {
        let read = issue(
            """
            **Throughput:**
            - Current: `2.3k` req/s
            - Expected: 1 900 requests/second
            """)
        #expect(read.metrics.currentThroughput?.value == 2300)
        #expect(read.metrics.currentThroughput.flatMap { Quantity.normalizedUnit($0.unit) } == "requests/second")
        #expect(read.metrics.expectedThroughput?.value == 1900)
        #expect(read.metrics.expectedThroughput.flatMap { Quantity.normalizedUnit($0.unit) } == "requests/second")
    }
}

// MARK: - Properties

/// SplitMix64: a small deterministic generator, so that every run draws the same cases.
struct SplitMix64 {
    /// The state, advanced by each draw.
    var state: UInt64

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A number in `0..<count`.
    mutating func below(_ count: Int) -> Int { Int(next() % UInt64(count)) }

    /// One of `items`.
    mutating func pick<Item>(_ items: [Item]) -> Item { items[below(items.count)] }

    /// `true` `percent` times in a hundred.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

/// A number written in a random but valid way, and what reading it must give.
struct WrittenValue: CustomStringConvertible {
    /// What a unit must convert to.
    enum Kind {
        /// No unit: the value itself, and milliseconds by default.
        case none
        /// A time, so many milliseconds per unit.
        case time(Double)
        /// A size, so many MB per unit.
        case size(Double)
        /// A rate, with its normalised unit.
        case rate(String)
        /// A percentage.
        case percent
        /// A count word left in the rest (`rows`).
        case count
    }

    /// The text.
    var text: String
    /// The number as written, in plain digits.
    var digits: String
    /// The unit's kind.
    var kind: Kind
    /// The qualifier of the prefix.
    var qualifier: Quantity.Qualifier?

    /// The text, for a failing expectation.
    var description: String { "'\(text)' (\(digits))" }

    /// The number written.
    var number: Double { Double(digits)! }

    /// Whether `quantity` says exactly what was written.
    func isRead(as quantity: Quantity?) -> Bool {
        guard let quantity, quantity.qualifier == qualifier else { return false }
        switch kind {
        case .none: return quantity.value == number && quantity.milliseconds() == Quantity.rounded(number)
        case .time(let factor): return quantity.milliseconds() == Quantity.rounded(number * factor)
        case .size(let factor): return quantity.megabytes() == Quantity.rounded(number * factor)
        case .rate(let unit): return quantity.value == number && quantity.normalizedUnit == unit
        case .percent: return quantity.percent() == number
        case .count: return quantity.value == number && quantity.rest.hasPrefix("rows")
        }
    }
}

/// Writes random numbers in every valid way.
struct ValueWriter {
    /// The generator.
    var random: SplitMix64

    /// Units: spelling, whether it may be attached, whether it may follow a space, and its kind.
    static let units: [(spelling: String, attached: Bool, spaced: Bool, kind: WrittenValue.Kind)] = [
        ("ms", true, true, .time(1)), ("msec", true, true, .time(1)), ("s", true, true, .time(1000)),
        ("sec", true, true, .time(1000)), ("secs", true, true, .time(1000)), ("seconds", false, true, .time(1000)),
        ("us", true, true, .time(0.001)), ("µs", true, true, .time(0.001)), ("μs", true, true, .time(0.001)),
        ("min", true, true, .time(60_000)), ("mins", true, true, .time(60_000)), ("m", true, true, .time(60_000)),
        ("h", true, true, .time(3_600_000)), ("hr", true, true, .time(3_600_000)),
        ("hrs", true, true, .time(3_600_000)), ("hours", false, true, .time(3_600_000)),
        ("days", false, true, .time(86_400_000)), ("MB", true, true, .size(1)), ("MiB", true, true, .size(1)),
        ("Mi", true, false, .size(1)), ("M", true, true, .size(1)), ("GB", true, true, .size(1024)),
        ("GiB", true, true, .size(1024)), ("Gi", true, false, .size(1024)), ("G", true, true, .size(1024)),
        ("KB", true, true, .size(1.0 / 1024)), ("KiB", true, true, .size(1.0 / 1024)),
        ("K", true, false, .size(1.0 / 1024)), ("k", true, false, .size(1.0 / 1024)),
        ("TB", true, true, .size(1_048_576)), ("T", true, false, .size(1_048_576)),
        ("B", true, true, .size(1.0 / 1_048_576)), ("bytes", false, true, .size(1.0 / 1_048_576)),
        ("rps", true, true, .rate("requests/second")), ("RPS", true, true, .rate("requests/second")),
        ("req/s", true, true, .rate("requests/second")), ("reqs/s", true, true, .rate("requests/second")),
        ("requests/sec", false, true, .rate("requests/second")),
        ("requests per second", false, true, .rate("requests/second")),
        ("req/sec", true, true, .rate("requests/second")), ("jobs/hr", false, true, .rate("jobs/hour")),
        ("jobs per hour", false, true, .rate("jobs/hour")), ("jobs an hour", false, true, .rate("jobs/hour")),
        ("/min", true, false, .rate("/minute")), ("per minute", false, true, .rate("/minute")),
        ("/h", true, false, .rate("/hour")), ("/hour", true, false, .rate("/hour")),
        ("ops/s", false, true, .rate("operations/second")), ("qps", true, true, .rate("queries/second")),
        ("msg/s", false, true, .rate("messages/second")), ("%", true, true, .percent),
        ("percent", false, true, .percent), ("rows", false, true, .count),
    ]

    /// Prefixes and their qualifier.
    static let prefixes: [(String, Quantity.Qualifier?)] = [
        ("~", .approximately), ("~ ", .approximately), ("≈ ", .approximately), ("about ", .approximately),
        ("approx. ", .approximately), ("≤ ", .atMost), ("<= ", .atMost), ("< ", .below), ("<", .below),
        ("> ", .above), (">= ", .atLeast), ("≥ ", .atLeast), ("under ", .below), ("below ", .below),
        ("up to ", .atMost), ("at most ", .atMost), ("at least ", .atLeast), ("= ", nil),
    ]

    /// Group separators (empty: none).
    static let separators = ["", ",", " ", "\u{A0}", "\u{202F}", "_", "'", "’", "\u{2009}"]

    /// Spaces between a number and a spaced unit.
    static let spaces = [" ", " ", "\u{A0}", "\u{202F}"]

    /// Statistics written before a value.
    static let labels = ["p95: ", "p95 ", "p50=", "P99 = ", "median ", "avg ", "average: ", "max ", "slowest "]

    /// A random number from 0.001 to 10^9 in plain digits: integer digits and up to three decimals.
    mutating func digits() -> (integer: String, fraction: String) {
        if random.chance(1) { return ("1000000000", "") }
        let count = random.below(10)
        var integer = count == 0 ? "0" : String(1 + random.below(9))
        for _ in 1..<max(count, 1) { integer += String(random.below(10)) }
        var fraction = ""
        for _ in 0..<(integer == "0" ? 1 + random.below(3) : random.below(4)) { fraction += String(random.below(10)) }
        if integer == "0", fraction.allSatisfy({ $0 == "0" }) { fraction = String(fraction.dropLast()) + "1" }
        return (integer, fraction)
    }

    /// `integer` with `separator` between groups of three from the right.
    static func grouped(_ integer: String, _ separator: String) -> String {
        var groups: [String] = []
        var rest = Substring(integer)
        while rest.count > 3 {
            groups.insert(String(rest.suffix(3)), at: 0)
            rest = rest.dropLast(3)
        }
        groups.insert(String(rest), at: 0)
        return groups.joined(separator: separator)
    }

    /// One value written at random; `wrapped` allows bold, code spans and statistics around it.
    mutating func value(wrapped: Bool = true) -> WrittenValue {
        var (integer, fraction) = digits()
        let plain = integer + (fraction.isEmpty ? "" : "." + fraction)
        var unit = random.pick(Self.units)
        if random.chance(15) { unit = ("", true, true, .none) }
        var suffix = ""
        let countable: Bool = {
            switch unit.kind {
            case .none, .rate, .count: unit.spaced
            default: false
            }
        }()
        if countable, integer.count > 3, random.chance(40) {
            let (shift, mark) = random.pick(
                integer.count > 9
                    ? [(3, "k"), (6, "M"), (9, "B")] : integer.count > 6 ? [(3, "K"), (6, "M")] : [(3, "k")])
            var shifted = String(integer.suffix(shift)) + fraction
            while shifted.hasSuffix("0") { shifted.removeLast() }
            (integer, fraction, suffix) = (String(integer.dropLast(shift)), shifted, mark)
        }
        var number = Self.grouped(integer, random.pick(Self.separators)) + (fraction.isEmpty ? "" : "." + fraction)
        number += suffix
        let spaced = !unit.spelling.isEmpty && unit.spaced && (!unit.attached || !suffix.isEmpty || random.chance(50))
        let unitText = unit.spelling.isEmpty ? "" : (spaced ? random.pick(Self.spaces) : "") + unit.spelling
        let (prefix, qualifier) = random.chance(40) ? random.pick(Self.prefixes) : ("", nil)
        let written = prefix + number + unitText
        let text: String
        switch wrapped ? random.below(10) : 9 {
        case 0: text = "**" + written + "**"
        case 1: text = "*" + written + "*"
        case 2: text = "`" + written + "`"
        case 3 where spaced && !unit.spelling.hasPrefix("/"): text = "`" + prefix + number + "` " + unit.spelling
        case 4: text = random.pick(Self.labels) + written
        case 5: text = random.pick(Self.labels) + "`" + written + "`"
        case 6: text = written + " (p95)"
        default: text = written
        }
        return WrittenValue(text: text, digits: plain, kind: unit.kind, qualifier: qualifier)
    }
}

/// The longest number at the start of a text by the grouping rules, found another way than the reader's, and
/// whether what follows it makes it unreadable (digits after spaces, a range, a clock).
enum NumberOracle {
    /// What the oracle found.
    enum Answer: Equatable {
        /// No number at the start.
        case none
        /// The characters that look like a number do not follow the grouping rules, or what follows spoils them.
        case invalid
        /// A number that must be read exactly, or refused.
        case number(Double)
    }

    /// Characters that separate digit groups.
    static let separators: Set<Character> = [",", " ", "_", "'", "’", "\u{A0}", "\u{202F}", "\u{2009}"]

    /// The prefixes the writer uses and the junk alphabet can make, longest first where one begins another.
    static let prefixes = [
        "<=", "≤", ">=", "≥", "<", ">", "~", "≈", "=", "approx.", "about", "under", "below", "up to", "at most",
        "at least",
    ]

    /// Characters that count as a space.
    static let spaces: Set<Character> = [" ", "\u{A0}", "\u{202F}", "\u{2009}"]

    /// The oracle's answer for `text` (which holds only characters of the junk alphabet).
    static func answer(_ text: String) -> Answer {
        var rest = Substring(text).drop { spaces.contains($0) || $0 == "_" || $0 == "*" }
        for _ in 0..<3 {
            let lowered = rest.lowercased()
            guard
                let prefix = prefixes.first(where: {
                    lowered.hasPrefix($0)
                        && ($0.last == "." || !$0.first!.isLetter
                            || lowered.dropFirst($0.count).first.map(spaces.contains) == true)
                })
            else { break }
            rest = rest.dropFirst(prefix.count).drop { spaces.contains($0) }
        }
        var sign = ""
        let characters = Array(rest)
        var index = 0
        func isDigit(_ offset: Int) -> Bool {
            offset < characters.count && characters[offset].isASCII && characters[offset].isNumber
        }
        if index < characters.count, characters[index] == "-" || characters[index] == "+",
            isDigit(index + 1) || (index + 2 < characters.count && characters[index + 1] == "." && isDigit(index + 2))
        {
            sign = characters[index] == "-" ? "-" : ""
            index += 1
        }
        let start = index
        guard isDigit(index) || (index + 1 < characters.count && characters[index] == "." && isDigit(index + 1)) else {
            return .none
        }
        while index < characters.count {
            if isDigit(index) {
                index += 1
            } else if separators.contains(characters[index]) || characters[index] == ".", isDigit(index + 1) {
                index += 1
            } else {
                break
            }
        }
        let run = String(characters[start..<index])
        guard let digits = validDigits(run), !spoils(characters[index...]) else { return .invalid }
        return .number(Double(sign + digits)!)
    }

    /// The run without separators when it follows the grouping rules.
    static func validDigits(_ run: String) -> String? {
        let halves = run.split(separator: ".", omittingEmptySubsequences: false)
        guard halves.count <= 2 else { return nil }
        let integer = halves[0]
        let fraction = halves.count == 2 ? halves[1] : ""
        guard fraction.allSatisfy({ $0.isNumber }) else { return nil }
        let marks = Set(integer.filter { !$0.isNumber })
        guard marks.count <= 1 else { return nil }
        if let mark = marks.first {
            let groups = integer.split(separator: mark, omittingEmptySubsequences: false)
            guard (1...3).contains(groups[0].count), groups[0].first != "0",
                groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { return nil }
        }
        let whole = integer.filter { $0.isNumber }
        return (whole.isEmpty ? "0" : whole) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// Whether what follows a number makes it unreadable: a digit after spaces, a dash and a number, a clock.
    static func spoils(_ after: ArraySlice<Character>) -> Bool {
        let afterSpaces = after.drop { spaces.contains($0) }
        if let first = afterSpaces.first, first.isASCII, first.isNumber { return true }
        if after.first == ":", let next = after.dropFirst().first, next.isASCII, next.isNumber { return true }
        if let first = afterSpaces.first, first == "-" || first == "–" {
            let number = afterSpaces.dropFirst().drop { spaces.contains($0) }.drop { $0 == "." }
            if let next = number.first, next.isASCII, next.isNumber { return true }
        }
        return false
    }
}

@Suite struct ValuePropertyTests {
    /// 2,000 numbers written in random valid ways are each read as the number written.
    @Test func everyValidWayOfWritingANumberIsReadExactly() {
        var writer = ValueWriter(random: SplitMix64(state: 20_260_102))
        var read = 0
        for _ in 0..<2000 {
            let written = writer.value()
            let piece = ValueText.piece(written.text)
            #expect(written.isRead(as: piece.quantity), "\(written): \(String(describing: piece))")
            if written.isRead(as: piece.quantity) { read += 1 }
        }
        #expect(read == 2000)
    }

    /// Plain values (no code span or statistic) read the same through `Quantity` as through a piece.
    @Test func quantityAndPieceAgreeOnPlainValues() {
        var writer = ValueWriter(random: SplitMix64(state: 7))
        for _ in 0..<1000 {
            let written = writer.value()
            guard !written.text.contains("`"), !ValueWriter.labels.contains(where: written.text.hasPrefix) else {
                continue
            }
            #expect(Quantity(written.text) == ValueText.piece(written.text).quantity, "\(written)")
        }
    }

    /// The alphabet of the junk strings: digits (often), separators, signs, unit letters, brackets.
    static let junk: [Character] =
        Array("0123456789012345678901234567890123456789") + [
            " ", " ", ",", ",", ".", ".", "_", "'", "\u{A0}", "\u{202F}", "-", "–", ":", "/", "m", "s", "k", "M", "B",
            "G", "i", "h", "%", "x", "(", ")", "p", "n", "a", "~", "<", "+",
        ]

    /// 5,000 random strings over the junk alphabet: what is read is the number at their start, never another.
    @Test func junkIsReadAsItsLeadingNumberOrRefused() {
        var random = SplitMix64(state: 42)
        var counts = (read: 0, refused: 0, absent: 0)
        for _ in 0..<5000 {
            let text = String((0..<(1 + random.below(12))).map { _ in random.pick(Self.junk) })
            let oracle = NumberOracle.answer(text)
            switch Quantity.reading(text) {
            case .quantity(let quantity):
                counts.read += 1
                #expect(oracle == .number(quantity.number), "'\(text)' read as \(quantity.number)")
                #expect(quantity.value == scaled(quantity.number, by: quantity.multiplier), "'\(text)'")
            case .refused:
                counts.refused += 1
                #expect(oracle != .none, "'\(text)' refused without a number")
            case .absent:
                counts.absent += 1
                #expect(oracle == .none, "'\(text)' not read: \(oracle)")
            }
            let piece = ValueText.piece(text)
            let answered =
                piece.quantity != nil || piece.notGiven || piece.placeholder != nil || piece.unreadable != nil
            #expect(answered || !text.contains(where: { $0.isASCII && $0.isNumber }), "'\(text)' has no answer")
        }
        print("junk: \(counts)")
        #expect(counts.read > 1000)
        #expect(counts.refused > 500)
    }

    /// Mangled valid values (a character inserted, dropped or changed): read exactly as the oracle sees them, or
    /// refused.
    @Test func mangledValuesAreReadAsWrittenOrRefused() {
        var random = SplitMix64(state: 99)
        var writer = ValueWriter(random: SplitMix64(state: 100))
        for _ in 0..<2000 {
            var characters = Array(writer.value(wrapped: false).text)
            let position = random.below(characters.count + 1)
            switch random.below(3) {
            case 0: characters.insert(random.pick(Self.junk), at: position)
            case 1 where position < characters.count: characters.remove(at: position)
            default: if position < characters.count { characters[position] = random.pick(Self.junk) }
            }
            let text = String(characters)
            guard case .quantity(let quantity) = Quantity.reading(text) else { continue }
            #expect(NumberOracle.answer(text) == .number(quantity.number), "'\(text)' read as \(quantity.number)")
        }
    }

    /// `number` times the power of ten that `multiplier` names.
    private func scaled(_ number: Double, by multiplier: String) -> Double {
        let exponents = ["": 0, "k": 3, "K": 3, "M": 6, "B": 9, "bn": 9, "thousand": 3, "million": 6, "billion": 9]
        return Double("\(number)e\(exponents[multiplier] ?? 0)") ?? .nan
    }
}
