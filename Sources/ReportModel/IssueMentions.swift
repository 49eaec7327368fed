/// `#N` in an issue's rendered body: found in its text (not in code, links, tags or entities such as `&#39;`), and
/// linked to issue N's page when that issue exists, as GitHub links them.
public enum IssueMentions {
    /// The issue numbers mentioned in `html`, in order of first mention.
    public static func numbers(in html: String) -> [Int] {
        guard html.utf8.contains(UInt8(ascii: "#")) else { return [] }
        var numbers: [Int] = []
        _ = scan(html, copying: false) { number, _ in
            if !numbers.contains(number) { numbers.append(number) }
            return nil
        }
        return numbers
    }

    /// `html` with each `#N` whose issue has a page (`href(N)`) made a link to it.
    public static func linking(_ html: String, href: (Int) -> String?) -> String {
        guard html.utf8.contains(UInt8(ascii: "#")) else { return html }
        return scan(html, copying: true) { number, text in
            href(number).map { "<a class=\"mention\" href=\"\($0)\">\(text)</a>" }
        }
    }

    /// Walks the text of `html` outside `a`, `code` and `pre` elements, handing each `#N` (not part of a word or an
    /// entity) to `replace`, and returns the HTML with the replacements made (with `copying`; else only walks it,
    /// for the numbers, and returns an empty string).
    private static func scan(_ html: String, copying: Bool, replace: (Int, String) -> String?) -> String {
        var html = html
        return html.withUTF8 { scan($0, copying: copying, replace: replace) }
    }

    private static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, copying: Bool, replace: (Int, String) -> String?
    ) -> String {
        var output: [UInt8] = []
        if copying { output.reserveCapacity(bytes.count + 64) }
        var index = 0
        var skipping: [UInt8] = []  // open elements whose text is not scanned, by ``skippedElement(_:)``
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "<") || byte == UInt8(ascii: "#") else {
                // Text up to the next tag or `#`, copied as it is.
                var end = index + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "<"), bytes[end] != UInt8(ascii: "#") { end += 1 }
                if copying { output.append(contentsOf: bytes[index..<end]) }
                index = end
                continue
            }
            if byte == UInt8(ascii: "<") {
                let end = bytes[index...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count - 1
                let tag = bytes[(index + 1)..<end]
                let closing = tag.first == UInt8(ascii: "/")
                let name = tag.drop { $0 == UInt8(ascii: "/") }.prefix {
                    $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "/")
                }
                if let element = skippedElement(name) {
                    if closing {
                        if let last = skipping.lastIndex(of: element) { skipping.remove(at: last) }
                    } else {
                        skipping.append(element)
                    }
                }
                if copying { output.append(contentsOf: bytes[index...end]) }
                index = end + 1
                continue
            }
            if byte == UInt8(ascii: "#"), skipping.isEmpty, index + 1 < bytes.count, isDigit(bytes[index + 1]),
                index == 0 || !isWordOrEntity(bytes[index - 1])
            {
                var end = index + 1
                while end < bytes.count, isDigit(bytes[end]) { end += 1 }
                let digits = bytes[(index + 1)..<end]
                if digits.count <= 9,
                    end == bytes.count || !isWordOrEntity(bytes[end]) || bytes[end] == UInt8(ascii: "&"),
                    let number = Int(String(decoding: digits, as: UTF8.self)), number > 0,
                    let replacement = replace(number, String(decoding: bytes[index..<end], as: UTF8.self))
                {
                    if copying { output.append(contentsOf: replacement.utf8) }
                    index = end
                    continue
                }
            }
            if copying { output.append(byte) }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static let skippedNames: [[UInt8]] = ["a", "code", "pre"].map { Array($0.utf8) }

    /// Which of `a`, `code` and `pre` (0, 1, 2) a tag's name is, in any case; `nil` for any other element.
    private static func skippedElement(_ name: Slice<UnsafeBufferPointer<UInt8>>) -> UInt8? {
        for (element, wanted) in skippedNames.enumerated() where wanted.count == name.count {
            if zip(name, wanted).allSatisfy({ $0 == $1 || ($0 | 0x20 == $1) }) { return UInt8(element) }
        }
        return nil
    }

    /// A letter, digit, `_` or `&` (an entity's start), or any byte of a non-ASCII character.
    private static func isWordOrEntity(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "&") || byte >= 0x80
    }
}
