import Foundation
import Testing

/// The inputs fuzzing found trouble with (and seeds worth keeping), replayed by the real `FuzzIssue` binary: each
/// goes through reading, extraction, aggregation and rendering and must come out without a crash.
@Suite struct FuzzRegressionTests {
    @Test func everyKeptInputIsReadAndRenderedWithoutACrash() throws {
        let folder = repositoryRoot.appendingPathComponent("Tests/Fuzz/regressions")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(!inputs.isEmpty)
        let replay = perfsiteExecutable.deletingLastPathComponent().appendingPathComponent("FuzzIssue")
        let run = try program(replay.path, inputs.map { folder.appendingPathComponent($0).path }, in: folder)
        #expect(run.status == 0)
        #expect(run.output.split(separator: "\n").count { $0.hasPrefix("ok ") } == inputs.count)
    }
}
