/// Emoji whose UTF-8 bytes were read as Mac OS Roman somewhere on their way into a file (`## ‚ö° Performance Issue
/// Summary` for `## ⚡ Performance Issue Summary`, `üîç` for `🔍`), as pasted templates often arrive. Only heading
/// lines are repaired, and only a run of characters whose Mac OS Roman bytes are valid UTF-8 for emoji: `## Café`
/// stays as it is.
enum Mojibake {
    /// The characters of Mac OS Roman's bytes 0x80–0xFF, in byte order (Apple's mapping table; Foundation's
    /// `.macOSRoman` on Linux does not follow it).
    private static let characters: [UInt32] = [
        0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1, 0x00E0, 0x00E2, 0x00E4, 0x00E3, 0x00E5, 0x00E7,
        0x00E9, 0x00E8,
        0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3, 0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9,
        0x00FB, 0x00FC,
        0x2020, 0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF, 0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260,
        0x00C6, 0x00D8,
        0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211, 0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9,
        0x00E6, 0x00F8,
        0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB, 0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5,
        0x0152, 0x0153,
        0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA, 0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A,
        0xFB01, 0xFB02,
        0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1, 0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC,
        0x00D3, 0x00D4,
        0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC, 0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD,
        0x02DB, 0x02C7,
    ]

    /// The byte each non-ASCII character of Mac OS Roman stands for.
    private static let bytes: [Unicode.Scalar: UInt8] = Dictionary(
        uniqueKeysWithValues: characters.enumerated().map { (Unicode.Scalar($1)!, UInt8(0x80 + $0)) })

    /// U+F8FF and U+201A in UTF-8.
    private static let appleLogo: [UInt8] = [0xEF, 0xA3, 0xBF]
    private static let lowQuote: [UInt8] = [0xE2, 0x80, 0x9A]

    /// `text` with the garbled emoji of its heading lines (`#` first) shown as the emoji they stand for.
    static func repairingHeadings(_ text: String) -> String {
        // Mac OS Roman reads the emoji lead bytes F0 and E2 as U+F8FF and `‚`: a file without them has nothing to
        // repair.
        guard
            text.withUTF8Bytes({ bytes in
                ASCIIText.firstOffset(of: Self.appleLogo, in: bytes, ignoringCase: false) != nil
                    || ASCIIText.firstOffset(of: Self.lowQuote, in: bytes, ignoringCase: false) != nil
            })
        else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var changed = false
        for index in lines.indices where lines[index].drop(while: { $0 == " " }).hasPrefix("#") {
            let repaired = repairing(lines[index])
            if repaired != lines[index] {
                lines[index] = repaired
                changed = true
            }
        }
        return changed ? lines.joined(separator: "\n") : text
    }

    /// One line with each run of Mac OS Roman characters that decodes to emoji replaced by them.
    static func repairing(_ line: String) -> String {
        var output = String.UnicodeScalarView()
        var run: [Unicode.Scalar] = []
        func flush() {
            defer { run.removeAll() }
            guard !run.isEmpty else { return }
            let encoded = run.compactMap { bytes[$0] }
            if encoded.count == run.count, let decoded = String(validating: encoded, as: UTF8.self),
                decoded.unicodeScalars.allSatisfy(isEmojiPart),
                decoded.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation || $0.value > 0x2000 })
            {
                output.append(contentsOf: decoded.unicodeScalars)
            } else {
                output.append(contentsOf: run)
            }
        }
        for scalar in line.unicodeScalars {
            if bytes[scalar] != nil {
                run.append(scalar)
            } else {
                flush()
                output.append(scalar)
            }
        }
        flush()
        return String(output)
    }

    /// An emoji, or a part of one (a variation selector, a joiner, a skin tone).
    private static func isEmojiPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isEmoji && scalar.value > 0x7F || scalar.value == 0xFE0F || scalar.value == 0x200D
    }
}
