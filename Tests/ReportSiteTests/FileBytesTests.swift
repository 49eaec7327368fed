import Foundation
import Testing

@testable import ReportSite

@Suite struct FileBytesTests {
    /// A file written from pieces (more than one 256 KB write's worth, the last piece short) reads back as the
    /// pieces joined; nothing handed over makes an empty file.
    @Test func aFileWrittenInPiecesReadsBackWhole() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pieces-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pieces = (0..<700).map { index in [UInt8](repeating: UInt8(index % 251), count: 1_000 + index % 7) }
        let path = folder.appendingPathComponent("file").path
        #expect(FileBytes.write(to: path) { append in pieces.forEach(append) })
        #expect(FileBytes.read(path) == pieces.flatMap { $0 })
        #expect(FileBytes.write(to: path) { _ in })
        #expect(FileBytes.read(path) == [])
        #expect(!FileBytes.write(to: folder.appendingPathComponent("missing/file").path) { $0([1]) })
    }
}
