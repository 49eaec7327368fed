import Foundation

/// Byte-level search in UTF-8 text, for checks that run on every line of every file.
enum ASCIIText {
    /// Whether `haystack` holds `needle`, comparing ASCII letters without regard to case when asked.
    static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8], ignoringCase: Bool) -> Bool {
        haystack.withUnsafeBufferPointer { firstOffset(of: needle, in: $0, ignoringCase: ignoringCase) } != nil
    }

    /// Whether `haystack` holds the lower-case `needle` at `index`, ASCII letters in either case; `needle` must fit.
    static func hasPrefix(_ needle: [UInt8], at index: Int, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        for offset in 1..<needle.count {
            let candidate = haystack[index + offset]
            let wanted = needle[offset]
            guard candidate == wanted || (candidate | 0x20 == wanted && wanted >= 0x61 && wanted <= 0x7A) else {
                return false
            }
        }
        return true
    }

    /// The offset of the first `needle` in `haystack`; with `ignoringCase`, `needle` is lower-case and ASCII letters
    /// match either case.
    static func firstOffset(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, ignoringCase: Bool) -> Int? {
        needle.withUnsafeBufferPointer { firstOffset(of: $0, in: haystack, from: 0, ignoringCase: ignoringCase) }
    }

    /// The offset of the first `needle` in `haystack` at or after `start`, as ``firstOffset(of:in:ignoringCase:)``.
    static func firstOffset(
        of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int,
        ignoringCase: Bool
    ) -> Int? {
        guard let first = needle.first else { return start }
        guard haystack.count - start >= needle.count else { return nil }
        let folds = ignoringCase && first >= 0x61 && first <= 0x7A
        for index in start...(haystack.count - needle.count) {
            let byte = haystack[index]
            guard byte == first || (folds && byte | 0x20 == first) else { continue }
            var offset = 1
            while offset < needle.count {
                let candidate = haystack[index + offset]
                let wanted = needle[offset]
                guard
                    candidate == wanted
                        || (ignoringCase && candidate | 0x20 == wanted && wanted >= 0x61 && wanted <= 0x7A)
                else { break }
                offset += 1
            }
            if offset == needle.count { return index }
        }
        return nil
    }

    /// Whether every byte is ASCII.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var union: UInt8 = 0
        for byte in bytes { union |= byte }
        return union < 0x80
    }
}

// The Character-level searches of the standard library and Foundation (`replacing(_:with:)`, `range(of:)`) walk
// grapheme clusters or bridge to UTF-16, and ran on every line of every file. On ASCII text bytes and Characters are
// the same thing, so these do the work on the bytes there; on any other text they call the Character-level function,
// whose rules (a combining mark joins the `*` before it into one Character) stay the ones that decide.
extension StringProtocol {
    /// The text with every `needle` (ASCII) taken out, left to right: `replacing(needle, with: "")`.
    func removingAll(_ needle: StaticString) -> String {
        let removed = onASCII(needle) { pattern, bytes -> String in
            guard var match = ASCIIText.firstOffset(of: pattern, in: bytes, from: 0, ignoringCase: false) else {
                return String(self)
            }
            return String(unsafeUninitializedCapacity: bytes.count) { output in
                var count = 0
                var index = 0
                while true {
                    for offset in index..<match { output[count + offset - index] = bytes[offset] }
                    count += match - index
                    index = match + pattern.count
                    guard index < bytes.count else { return count }
                    match =
                        ASCIIText.firstOffset(of: pattern, in: bytes, from: index, ignoringCase: false) ?? bytes.count
                }
            }
        }
        return removed ?? String(self).replacing(needle.description, with: "")
    }

    /// Whether the text holds `needle` (ASCII), as `contains(needle)` answers: Characters compared, not bytes.
    func holds(_ needle: StaticString) -> Bool {
        let found = onASCII(needle) { pattern, bytes in
            ASCIIText.firstOffset(of: pattern, in: bytes, from: 0, ignoringCase: false) != nil
        }
        if let found { return found }
        let text = needle.description
        return text.count == 1 ? contains(Character(text)) : contains(text)
    }

    /// The first `needle` (ASCII; lower-case when `ignoringCase`), as Foundation's `range(of:)` finds it, with
    /// `.caseInsensitive` when `ignoringCase`.
    func asciiRange(of needle: StaticString, ignoringCase: Bool = false) -> Range<Index>? {
        let found = onASCII(needle) { pattern, bytes in
            ASCIIText.firstOffset(of: pattern, in: bytes, from: 0, ignoringCase: ignoringCase).map { offset in
                let start = utf8.index(startIndex, offsetBy: offset)
                return start..<utf8.index(start, offsetBy: pattern.count)
            }
        }
        return found ?? range(of: needle.description, options: ignoringCase ? .caseInsensitive : [])
    }

    /// `firstIndex(of:)` the one ASCII character `needle`, found on the bytes when the text is ASCII (where each byte
    /// but those of `\r\n` is a Character, and `needle` is not one of those).
    func asciiIndex(of needle: StaticString) -> Index? {
        let found = onASCII(needle) { pattern, bytes in
            bytes.firstIndex(of: pattern[0]).map { utf8.index(startIndex, offsetBy: $0) }
        }
        return found ?? firstIndex(of: Character(needle.description))
    }

    /// `body` over the bytes of `needle` and of the text when the text is all ASCII; `nil` when it is not, for the
    /// caller to ask the Character-level function. (`.some(nil)` is an answer: not found.)
    private func onASCII<Answer>(
        _ needle: StaticString, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Answer
    ) -> Answer? {
        needle.withUTF8Buffer { pattern in
            withUTF8Bytes { bytes in ASCIIText.isASCII(bytes) ? body(pattern, bytes) : nil }
        }
    }

    /// Runs `body` over the text's UTF-8 bytes, in place when they are contiguous (native strings).
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(utf8).withUnsafeBufferPointer(body)
    }
}

extension StringProtocol where SubSequence == Substring {
    /// `split(separator: "\n", omittingEmptySubsequences:)`, found on the bytes. A line feed is a Character of its
    /// own except after a carriage return (`\r\n` is one Character, which the Character split does not split): text
    /// with a carriage return is split by Characters.
    func lines(omittingEmpty: Bool = false) -> [Substring] {
        let breaks = withUTF8Bytes { bytes -> [Int]? in
            var breaks: [Int] = []
            for (offset, byte) in bytes.enumerated() {
                if byte == 0x0A { breaks.append(offset) } else if byte == 0x0D { return nil }
            }
            return breaks
        }
        guard let breaks else { return split(separator: "\n", omittingEmptySubsequences: omittingEmpty) }
        var lines: [Substring] = []
        lines.reserveCapacity(breaks.count + 1)
        var start = startIndex
        var startOffset = 0
        for offset in breaks {
            let end = utf8.index(start, offsetBy: offset - startOffset)
            if !omittingEmpty || offset > startOffset { lines.append(self[start..<end]) }
            start = utf8.index(after: end)
            startOffset = offset + 1
        }
        if !omittingEmpty || start < endIndex { lines.append(self[start..<endIndex]) }
        return lines
    }
}
