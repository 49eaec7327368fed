/// Reads the values authors write after a metric's name: `` `850ms` (p50), `2,900 ms` (p95) ``.
enum ValueText {
    /// One comma-separated part of a value line.
    struct Piece: Equatable {
        /// The number and unit, when the piece has them.
        var quantity: Quantity?
        /// The template placeholder the piece still holds (`[Y]ms`), if any.
        var placeholder: String?
        /// The rest of the piece, lower-cased: `(p95)`, `average`, `requests/second`.
        var keywords: String
    }

    /// Splits a value line into pieces at commas outside backticks; a comma between digits is a thousands separator.
    static func pieces(_ text: some StringProtocol) -> [Piece] {
        var parts: [String] = []
        var current = ""
        var inCode = false
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if character == "`" { inCode.toggle() }
            let betweenDigits =
                index > 0 && index + 1 < characters.count && characters[index - 1].isNumber
                && characters[index + 1].isNumber
            if character == ",", !inCode, !betweenDigits {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts.map { $0.trimmed }.filter { !$0.isEmpty }.map(piece)
    }

    /// Reads one piece: the value is the first code span, or else the text at the start of the piece.
    static func piece(_ text: String) -> Piece {
        var valueText = text
        var outside = text
        if let open = text.firstIndex(of: "`"),
            let close = text[text.index(after: open)...].firstIndex(of: "`")
        {
            valueText = String(text[text.index(after: open)..<close])
            outside = String(text[..<open]) + " " + String(text[text.index(after: close)...])
            // `45` jobs/hour: the unit follows the code span.
            if let number = Quantity.leadingNumber(valueText), number.rest.trimmed.isEmpty {
                let after = String(text[text.index(after: close)...]).trimmed
                if let word = after.split(separator: " ").first, !word.hasPrefix("(") {
                    valueText += " " + word
                    outside = String(text[..<open]) + " " + after
                }
            }
        }
        if isPlaceholder(valueText) {
            return Piece(quantity: nil, placeholder: valueText.trimmed, keywords: outside.lowercased().trimmed)
        }
        let quantity = Quantity(valueText)
        let keywords = valueText == text ? (quantity?.rest ?? text) : outside
        return Piece(quantity: quantity, placeholder: nil, keywords: keywords.lowercased().trimmed)
    }

    /// Whether a value is still the template's placeholder: it starts with `[` (or `#[`), backticks aside.
    static func isPlaceholder(_ text: some StringProtocol) -> Bool {
        // The first byte that is not a space, quote or backtick decides, when it is ASCII.
        let skipped: Set<UInt8> = [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, UInt8(ascii: "`"), UInt8(ascii: "\"")]
        if let first = text.utf8.first(where: { !skipped.contains($0) }), first < 0x80,
            first != UInt8(ascii: "["), first != UInt8(ascii: "#"), first | 0x20 != UInt8(ascii: "e")
        {
            return false
        }
        let bare = String(text.filter { $0 != "`" && $0 != "\"" }).trimmed
        return bare.hasPrefix("[") || bare.hasPrefix("#[") || bare.lowercased().hasPrefix("e.g.")
    }

    /// Splits `Name: value` at its first colon; `nil` when the line has no colon.
    static func nameAndValue(_ line: String) -> (name: String, value: String)? {
        let text = line.utf8.contains(UInt8(ascii: "*")) ? line.replacing("**", with: "") : line
        guard let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]).trimmed, String(text[text.index(after: colon)...]).trimmed)
    }
}

/// A number and the unit written with it (`2,900 ms`, `1.5GB`, `62%`, `50/hour`).
struct Quantity: Equatable {
    /// The number.
    var value: Double
    /// The unit as written, trimmed (`ms`, `GB`, `requests/second`), or empty.
    var unit: String
    /// What follows the unit.
    var rest: String

    /// Reads a number at the start of `text` (after `~`, `≈` or `about`) and the unit attached to it or after a space.
    init?(_ text: some StringProtocol) {
        var body = Substring(text.trimmed)
        for prefix in ["~", "≈", "about ", "approx. ", "approximately "] where body.lowercased().hasPrefix(prefix) {
            body = body.dropFirst(prefix.count).drop(while: { $0 == " " })
        }
        guard let (value, afterNumber) = Quantity.leadingNumber(body) else { return nil }
        self.value = value
        var remainder = afterNumber
        var unit = Substring("")
        let attached = remainder.prefix(while: Quantity.isUnitCharacter)
        if !attached.isEmpty {
            unit = attached
            remainder = remainder.dropFirst(attached.count)
        } else if remainder.first == " " {
            let word = remainder.drop(while: { $0 == " " }).prefix(while: Quantity.isUnitCharacter)
            if Quantity.knownUnits.contains(word.lowercased()) || word.contains("/") {
                unit = word
                remainder = remainder.drop(while: { $0 == " " }).dropFirst(word.count)
            }
        }
        self.unit = String(unit)
        self.rest = remainder.trimmed
    }

    /// A decimal number with optional thousands commas at the start of `text`, and what follows it.
    static func leadingNumber(_ text: some StringProtocol) -> (value: Double, rest: Substring)? {
        let body = Substring(text)
        var digits = ""
        var index = body.startIndex
        var sawDigit = false
        var sawPoint = false
        while index < body.endIndex {
            let character = body[index]
            if character.isASCII, character.isNumber {
                digits.append(character)
                sawDigit = true
            } else if character == ",", sawDigit, !sawPoint, body.index(after: index) < body.endIndex,
                body[body.index(after: index)].isNumber
            {
                // a thousands separator: skip it
            } else if character == ".", !sawPoint, body.index(after: index) < body.endIndex,
                body[body.index(after: index)].isNumber
            {
                digits.append(character)
                sawPoint = true
            } else {
                break
            }
            index = body.index(after: index)
        }
        guard sawDigit, let value = Double(digits) else { return nil }
        return (value, body[index...])
    }

    private static func isUnitCharacter(_ character: Character) -> Bool {
        character.isLetter || character == "%" || character == "/" || character == "µ"
    }

    private static let knownUnits: Set<String> = [
        "us", "µs", "ms", "msec", "s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes", "h",
        "hr", "hrs", "hour", "hours", "b", "kb", "kib", "mb", "mib", "gb", "gib", "tb", "tib", "%", "iops", "core",
        "cores",
    ]

    /// The value in milliseconds, if the unit is a time (no unit counts as `defaultUnit`).
    func milliseconds(defaultUnit: String = "ms") -> Double? {
        let factor: Double? =
            switch (unit.isEmpty ? defaultUnit : unit).lowercased() {
            case "us", "µs": 0.001
            case "ms", "msec", "msecs", "millisecond", "milliseconds": 1
            case "s", "sec", "secs", "second", "seconds": 1000
            case "min", "mins", "minute", "minutes": 60_000
            case "h", "hr", "hrs", "hour", "hours": 3_600_000
            default: nil
            }
        return factor.map { Quantity.rounded(value * $0) }
    }

    /// The value in MB (1 GB = 1024 MB), if the unit is a size (no unit counts as `defaultUnit`).
    func megabytes(defaultUnit: String = "MB") -> Double? {
        let factor: Double? =
            switch (unit.isEmpty ? defaultUnit : unit).lowercased() {
            case "b", "bytes": 1.0 / 1_048_576
            case "kb", "kib": 1.0 / 1024
            case "mb", "mib": 1
            case "gb", "gib": 1024
            case "tb", "tib": 1_048_576
            default: nil
            }
        return factor.map { Quantity.rounded(value * $0) }
    }

    /// Rounds away binary noise (0.85 × 1000 = 850.0000000000001) to a millionth.
    static func rounded(_ value: Double) -> Double {
        (value * 1_000_000).rounded() / 1_000_000
    }
}
