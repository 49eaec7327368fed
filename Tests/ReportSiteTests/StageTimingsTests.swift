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
        #expect(lines[0].hasPrefix("stage ") && lines[0].hasSuffix("wall s      CPU s"))
        #expect(lines[1].hasPrefix("read "))
        #expect(lines[2].hasPrefix("  parse (threads) "))
        #expect(lines[3].hasPrefix("  inner "))
        #expect(lines[4].hasPrefix("write "))
        #expect(lines[5].hasPrefix("total "))
        #expect(lines[6].hasPrefix("peak memory ") && lines[6].hasSuffix(" MB"))
        #expect(lines.count == 7)
        // The work's two pieces are one row, with no wall time of its own.
        #expect(lines[2].split(separator: " ").count == 3)
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
    }

    /// The rows of a timings table at the end of `text`: name, wall (none for threaded work) and CPU seconds.
    private func rows(_ text: String) throws -> [(name: String, wall: Double?, cpu: Double)] {
        let lines = text.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("stage ") })
        return try lines[(header + 1)...].dropLast().map { line in
            let numbers = line.split(separator: " ").reversed().prefix { Double($0) != nil }.reversed().compactMap {
                Double($0)
            }
            let label = line.prefix(while: { !($0.isNumber) }).replacingOccurrences(
                of: "\\s+$", with: "", options: .regularExpression)
            #expect(numbers.allSatisfy { $0 >= 0 })
            return (label, numbers.count == 2 ? numbers[0] : nil, try #require(numbers.last))
        }
    }
}
