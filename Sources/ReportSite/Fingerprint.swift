import Foundation
import SiteRendering

/// FNV-1a, 64 bits: a fast fingerprint to notice that bytes changed (it guards against accidents, not adversaries).
enum Fingerprint {
    static func of(_ bytes: some Sequence<UInt8>) -> String {
        var fingerprint = PageFingerprint()
        fingerprint.add(bytes: bytes)
        let hex = String(fingerprint.value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// perfsite's version and its executable's size and time: a new build of perfsite may read or render the same
    /// inputs differently, so the parse cache and the page manifest keep nothing from another.
    static let executable: String = {
        let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
        let attributes = (try? FileManager.default.attributesOfItem(atPath: path)) ?? [:]
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(IssueExport.generator) \(size) \(modified)"
    }()
}
