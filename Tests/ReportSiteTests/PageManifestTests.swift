import Testing

@testable import ReportSite

/// The rule that decides whether a published page is stale, on its own.
@Suite struct PageManifestTests {
    static let record = PageManifest.Record(fingerprint: 0xABC, size: 120, modified: 1_764_000_000.5)

    @Test func aPageFromTheSameInputsAndUntouchedIsKept() {
        #expect(PageManifest.isFresh(Self.record, fingerprint: 0xABC, file: (120, 1_764_000_000.5)))
    }

    @Test(arguments: [
        (UInt64(0xABD), 120, 1_764_000_000.5),  // its inputs changed
        (UInt64(0xABC), 121, 1_764_000_000.5),  // edited by hand: another size
        (UInt64(0xABC), 120, 1_764_000_001.5),  // edited by hand: another time
    ])
    func aPageWhoseInputsOrFileChangedIsRenderedAgain(fingerprint: UInt64, size: Int, modified: Double) {
        #expect(!PageManifest.isFresh(Self.record, fingerprint: fingerprint, file: (size, modified)))
    }

    @Test func aPageNeverRecordedOrGoneIsRenderedAgain() {
        #expect(!PageManifest.isFresh(nil, fingerprint: 0xABC, file: (120, 1_764_000_000.5)))
        #expect(!PageManifest.isFresh(Self.record, fingerprint: 0xABC, file: nil))
    }
}
