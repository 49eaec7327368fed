import SiteRendering

/// FNV-1a, 64 bits: a fast fingerprint to notice that bytes changed (it guards against accidents, not adversaries).
enum Fingerprint {
    static func of(_ bytes: some Sequence<UInt8>) -> String {
        var fingerprint = PageFingerprint()
        fingerprint.add(bytes: bytes)
        let hex = String(fingerprint.value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
