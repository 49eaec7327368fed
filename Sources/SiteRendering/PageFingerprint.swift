/// A fingerprint of everything a page is made from (its view model, template and the theme), so that a rebuild can
/// keep a page whose inputs did not change instead of rendering it again. 64-bit FNV-1a over the UTF-8 of each
/// value, with lengths and counts mixed in so that `["ab"]` and `["a", "b"]` differ.
public struct PageFingerprint: Sendable, Equatable {
    /// The fingerprint so far.
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0100_0000_01b3

    /// An empty fingerprint.
    public init() {}

    /// Mixes in one value.
    mutating func add(_ value: some FingerprintedValue) { value.fingerprint(into: &self) }

    public mutating func add(word: UInt64) {
        var word = word
        for _ in 0..<8 {
            add(byte: UInt8(truncatingIfNeeded: word))
            word >>= 8
        }
    }

    mutating func add(byte: UInt8) { value = (value ^ UInt64(byte)) &* Self.prime }

    /// Mixes in bytes as they are (no length).
    public mutating func add(bytes: some Sequence<UInt8>) {
        // One call on the whole buffer: from another module this generic function is not specialised.
        if bytes.withContiguousStorageIfAvailable({ add(buffer: $0) }) == nil {
            for byte in bytes { add(byte: byte) }
        }
    }

    private mutating func add(buffer: UnsafeBufferPointer<UInt8>) {
        var value = self.value
        for byte in buffer { value = (value ^ UInt64(byte)) &* Self.prime }
        self.value = value
    }
}

/// A view model whose template lookup (`child(named:)`) and fingerprint `scripts/embed-view-models.py` wrote: the
/// names of the stored properties it found. A test compares them with what Mirror finds in every model of a rendered
/// site, so that a field the generator missed (and so a page a rebuild would keep stale) fails the tests.
protocol GeneratedLookup {
    static var lookupNames: [String] { get }
}

/// A value that can be mixed into a ``PageFingerprint``; view models get theirs from `scripts/embed-view-models.py`.
protocol FingerprintedValue {
    func fingerprint(into fingerprint: inout PageFingerprint)
}

extension String: FingerprintedValue {
    func fingerprint(into fingerprint: inout PageFingerprint) {
        var text = self
        text.withUTF8 { bytes in
            fingerprint.add(word: UInt64(bytes.count))
            fingerprint.add(bytes: bytes)
        }
    }
}

extension Int: FingerprintedValue {
    func fingerprint(into fingerprint: inout PageFingerprint) { fingerprint.add(word: UInt64(bitPattern: Int64(self))) }
}

extension Bool: FingerprintedValue {
    func fingerprint(into fingerprint: inout PageFingerprint) { fingerprint.add(byte: self ? 1 : 0) }
}

extension Optional: FingerprintedValue where Wrapped: FingerprintedValue {
    func fingerprint(into fingerprint: inout PageFingerprint) {
        switch self {
        case .none: fingerprint.add(byte: 0)
        case .some(let wrapped):
            fingerprint.add(byte: 1)
            wrapped.fingerprint(into: &fingerprint)
        }
    }
}

extension Array: FingerprintedValue where Element: FingerprintedValue {
    func fingerprint(into fingerprint: inout PageFingerprint) {
        fingerprint.add(word: UInt64(count))
        for element in self { element.fingerprint(into: &fingerprint) }
    }
}
