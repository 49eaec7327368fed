import Foundation
import ReportExtraction
import ReportModel
import Testing

@testable import ReportSite

@Suite struct BinaryCodingTests {
    private func roundTrip<Value: Codable>(_ value: Value) throws -> Value {
        var bytes: [UInt8] = []
        try BinaryCoding.encode(value, into: &bytes)
        return try bytes.withUnsafeBytes { try BinaryCoding.decode(Value.self, from: $0) }
    }

    /// Every sample issue, with every field the template has, comes back equal: a field the binary form dropped
    /// or misread would differ.
    @Test func everySampleIssueComesBackEqual() throws {
        let reader = IssueReader()
        let results = try ContentLoader.load(from: repositoryRoot.appendingPathComponent("content")).map {
            reader.read($0)
        }
        #expect(results.count == 34)
        for result in results {
            let issue = try #require(result.issue)
            #expect(try roundTrip(issue) == issue, "\(issue.path)")
            let back = try roundTrip(result)
            #expect(back.issue == issue && back.diagnostics == result.diagnostics, "\(issue.path)")
        }
        // Choices (the one dictionary) and optional numbers, present and absent, are among what is compared.
        #expect(results.contains { $0.issue?.choices.count ?? 0 >= 3 })
        #expect(results.contains { $0.issue?.metrics.currentLatency.p99 == nil })
        #expect(results.contains { $0.issue?.metrics.currentLatency.p99 != nil })
    }

    @Test func cutOrDamagedBytesThrowRatherThanMisread() throws {
        var issue = Issue(number: 7, title: "Ünïcode title", path: "a.md")
        issue.choices = ["components": ["api-endpoints", "database-operations"], "layers": []]
        issue.metrics.currentLatency.p95 = 1_250
        issue.closedDate = Day(year: 2026, month: 3, day: 1)
        var bytes: [UInt8] = []
        try BinaryCoding.encode(issue, into: &bytes)
        #expect(try roundTrip(issue) == issue)
        for end in 0..<bytes.count {
            #expect(throws: (any Error).self) {
                try bytes[..<end].withUnsafeBytes { try BinaryCoding.decode(Issue.self, from: $0) }
            }
        }
        #expect(throws: (any Error).self) {
            try (bytes + [0]).withUnsafeBytes { try BinaryCoding.decode(Issue.self, from: $0) }
        }
    }

    /// Only `[String: [String]]` is written as a dictionary; any other cannot be read back, so it is never
    /// misread as something else.
    @Test func otherDictionariesAreRefused() throws {
        #expect(throws: (any Error).self) { try roundTrip(["a": 1]) }
        #expect(try roundTrip(["b": ["x"], "a": []]) == ["b": ["x"], "a": []])
    }
}
