/// Control characters pasted into issues (terminal colour codes, a stray bell or backspace) are no text a page, a
/// feed or a data file can hold: XML forbids most of them, and a terminal obeys them. They are dropped where text
/// comes in, and escaped where text goes to a terminal.
public enum ControlCharacters {
    /// Whether the scalar is a control character other than tab and line feed (C0, DEL, C1), or a bidirectional
    /// override or isolate (U+202A–U+202E, U+2066–U+2069), which can make a terminal line read other than it is.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// The text without control characters (tab and line feed stay), and without the escape sequences terminals
    /// read (`ESC [ 31 m` colours, `ESC ] … BEL` titles), so that pasted terminal output reads as its text.
    public static func stripped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard isControl(scalar) else {
                result.append(scalar)
                continue
            }
            guard scalar == "\u{1B}" else { continue }
            // ESC [ parameters final-byte (CSI); ESC ] … BEL or ESC \ (OSC); otherwise ESC and one more character.
            // A sequence never takes a line break with it: line numbers stay those of the file.
            guard let next = scalars.next() else { break }
            if next == "[" {
                while let byte = scalars.next(), !(0x40...0x7E).contains(byte.value) {
                    if byte == "\n" {
                        result.append(byte)
                        break
                    }
                }
            } else if next == "]" {
                var previous: Unicode.Scalar = " "
                while let byte = scalars.next(), byte != "\u{07}", !(previous == "\u{1B}" && byte == "\\") {
                    if byte == "\n" {
                        result.append(byte)
                        break
                    }
                    previous = byte
                }
            } else if next == "\n" || (!isControl(next) && !(0x40...0x5F).contains(next.value)) {
                result.append(next)
            }
        }
        return String(result)
    }

    /// The offset of the first control character of ``isControl(_:)`` in UTF-8 bytes, other than CR (which
    /// line-ending handling owns) and NUL (dropped with its own warning); a byte scan, for every file read.
    public static func firstOffset(in bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 {
                if byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0 { return index }
            } else if byte == 0x7F {
                return index
            } else if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                return index
            } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80,
                (0xAA...0xAE).contains(bytes[index + 2])
            {
                return index
            } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x81,
                (0xA6...0xA9).contains(bytes[index + 2])
            {
                return index
            }
            index += 1
        }
        return nil
    }
}

/// Text printed to a terminal or a CI log: every control character is shown as an escape (`\u{1B}`), so that
/// nothing read from a file can move the cursor, change colours or hide part of a line.
public enum TerminalText {
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { ControlCharacters.isControl($0) || $0 == "\n" || $0 == "\t" })
        else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case _ where ControlCharacters.isControl(scalar):
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
