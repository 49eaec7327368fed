import Foundation
import Testing

@testable import ReportSite

@Suite struct StageTimingsTests {
    @Test func stagesNestAndThreadedWorkIsShownUnderItsStage() throws {
        let timings = StageTimings()
        timings.measure("read") {
            timings.work("parse") {}
            timings.work("parse") {}
            timings.measure("inner") {}
        }
        timings.measure("write") {}
        #expect(timings.stages.map(\.name) == ["read", "inner", "write"])
        #expect(timings.stages.map(\.depth) == [0, 1, 0])
        let lines = timings.table().split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("stage ") && lines[0].hasSuffix("wall s      CPU s    peak MB"))
        #expect(lines[1].hasPrefix("read "))
        #expect(lines[2].hasPrefix("  parse (threads) "))
        #expect(lines[3].hasPrefix("  inner "))
        #expect(lines[4].hasPrefix("write "))
        #expect(lines[5].hasPrefix("total "))
        #expect(lines[6].hasPrefix("peak memory ") && lines[6].hasSuffix(" MB"))
        #expect(lines.count == 7)
        // The work's two pieces are one row, with no wall time or memory of its own.
        #expect(lines[2].split(separator: " ").count == 3)
        #expect(lines[1].split(separator: " ").count == 4)
    }

    /// `check --timings` and `build --timings`: the stages in order, each figure a number, and the whole run at
    /// least as long as its stages one after another.
    @Test func theCommandsPrintEveryStage() throws {
        let site = try TemporarySite([
            "content/0001-a.md": issueFile(number: 1), "content/0002-b.md": issueFile(number: 2),
        ])
        let check = try perfsite(["check", "--timings"], in: site.folder)
        #expect(check.status == 0)
        #expect(
            try rows(check.errors).map(\.name) == [
                "read and extract", "  file reads (threads)", "  parse and extract (threads)", "aggregate", "total",
            ])
        let build = try perfsite(
            ["build", "--timings", "--no-cache"], in: site.folder, environment: ["PERFSITE_PAGEFIND": ""])
        #expect(build.status == 0)
        let stages = try rows(build.errors)
        #expect(
            stages.map(\.name) == [
                "read and extract", "  file reads (threads)", "  parse and extract (threads)", "aggregate",
                "load templates", "plan", "render and write", "  make data files (threads)",
                "  prepare view models (threads)",
                "  render pages (threads)", "  write files (threads)", "  search index", "  swap in", "total",
            ])
        // With the cache, loading it is the first stage.
        let cached = try perfsite(["build", "--timings"], in: site.folder, environment: ["PERFSITE_PAGEFIND": ""])
        #expect(try rows(cached.errors).map(\.name).prefix(2) == ["load cache", "read and extract"])
        let topLevel = stages.filter { !$0.name.hasPrefix(" ") && $0.name != "total" }
        let total = try #require(stages.last?.wall)
        // Each figure is printed to the millisecond: the stages' sum may exceed the total by half a millisecond each.
        let rounding = 0.0005 * Double(topLevel.count + 1)
        #expect(topLevel.reduce(0) { $0 + ($1.wall ?? 0) } <= total + rounding)
        #expect(build.errors.split(separator: "\n").last?.hasPrefix("peak memory ") == true)
        // The peak when each stage ended: it never falls from one top-level stage to the next (they end in the
        // order shown), a nested stage's is at most its parent's, and the total's is the peak printed below.
        let peaks = stages.filter { !$0.name.hasPrefix(" ") }.map { $0.peakMB ?? -1 }
        #expect(peaks.allSatisfy { $0 > 0 })
        #expect(peaks == peaks.sorted())
        let render = try #require(stages.first { $0.name == "render and write" }?.peakMB)
        #expect(
            stages.filter { $0.name == "  search index" || $0.name == "  swap in" }.allSatisfy {
                ($0.peakMB ?? .max) <= render
            })
        #expect(build.errors.split(separator: "\n").last == "peak memory \(peaks.last ?? 0) MB")
    }

    /// The rows of a timings table at the end of `text`: name, wall and CPU seconds and peak MB (threaded work has
    /// CPU seconds only).
    private func rows(_ text: String) throws -> [(name: String, wall: Double?, cpu: Double, peakMB: Int?)] {
        let lines = text.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("stage ") })
        return try lines[(header + 1)...].dropLast().map { line in
            let numbers = line.split(separator: " ").reversed().prefix { Double($0) != nil }.reversed().compactMap {
                Double($0)
            }
            let label = line.prefix(while: { !($0.isNumber) }).replacingOccurrences(
                of: "\\s+$", with: "", options: .regularExpression)
            #expect(numbers.allSatisfy { $0 >= 0 })
            #expect(numbers.count == 3 || numbers.count == 1)
            if numbers.count == 1 { return (label, nil, numbers[0], nil) }
            return (label, numbers[0], numbers[1], Int(exactly: numbers[2]))
        }
    }
}
