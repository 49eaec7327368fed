import Foundation

/// Replaces credentials pasted into an issue by `[REDACTED]` before anything is read from it, so that no page, data
/// file or feed can publish them: bearer tokens, JWTs, AWS access key ids and secret keys, private-key blocks, and
/// the values of `password=`, `token=`, `api_key=` and the like.
public enum SecretRedactor {
    /// What was redacted and where.
    public struct Finding: Sendable, Equatable {
        /// The 1-based line of the text.
        public let line: Int
        /// What kind of credential (`a bearer token`).
        public let kind: String

        /// Creates a finding.
        public init(line: Int, kind: String) {
            self.line = line
            self.kind = kind
        }
    }

    /// The replacement for every credential.
    public static let mark = "[REDACTED]"

    private struct Rule: @unchecked Sendable {
        let kind: String
        let expression: NSRegularExpression
        /// The capture group holding the secret; 0 is the whole match.
        let group: Int
        /// Lower-case words (UTF-8, each starting with a letter) one of which a line must hold before the
        /// expression runs on it: most lines hold none.
        let keywords: [[UInt8]]
    }

    private static func rule(_ kind: String, _ pattern: String, group: Int = 0, keywords: [String]) -> Rule {
        Rule(
            kind: kind, expression: try! NSRegularExpression(pattern: pattern), group: group,
            keywords: keywords.map { Array($0.utf8) })
    }

    private static let privateKeyMarker = Array("PRIVATE KEY-----".utf8)

    /// Whether a keyword starts with these two bytes (the first times 256 plus the second, both in lower case).
    private static let keywordPairs: [Bool] = {
        var table = [Bool](repeating: false, count: 65_536)
        for rule in lineRules {
            for keyword in rule.keywords { table[Int(keyword[0]) << 8 | Int(keyword[1] | 0x20)] = true }
        }
        return table
    }()

    /// For each lower-case first byte, the keywords that start with it and the rule each belongs to.
    private static let keywordsByFirstLetter: [[(keyword: [UInt8], rule: Int)]] = {
        var table = [[(keyword: [UInt8], rule: Int)]](repeating: [], count: 256)
        for (ruleIndex, rule) in lineRules.enumerated() {
            for keyword in rule.keywords { table[Int(keyword[0])].append((keyword, ruleIndex)) }
        }
        return table
    }()

    /// Credentials that fit on one line.
    private static let lineRules: [Rule] = [
        rule(
            "a JSON Web Token", "\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}", keywords: ["eyj"]),
        rule("a bearer token", "(?i)\\bbearer\\s+([A-Za-z0-9._~+/=-]{16,})", group: 1, keywords: ["bearer"]),
        rule(
            "an AWS access key id", "\\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[A-Z0-9]{16}\\b",
            keywords: ["akia", "asia", "agpa", "aida", "aroa"]),
        rule(
            "an AWS secret access key",
            "(?i)aws_?secret_?(?:access_?)?key[\"']?\\s*[=:]\\s*[\"']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])", group: 1,
            keywords: ["secret"]),
        rule(
            "a password or token",
            "(?i)\\b(?:password|passwd|pwd|token|access_token|refresh_token|api_key|apikey|api-key|secret|"
                + "client_secret)[\"']?\\s*[=:]\\s*[\"']?((?![$<\\[{*]|REDACTED)[^\\s\"'&,;)}\\]]{4,})",
            group: 1, keywords: ["password", "passwd", "pwd", "token", "api_key", "apikey", "api-key", "secret"]),
    ]

    /// A private key spans lines.
    private static let privateKey = rule(
        "a private key", "-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|\\z)",
        keywords: [])

    /// The text with every credential replaced, and where each was.
    public static func redact(_ text: String) -> (text: String, findings: [Finding]) {
        var findings: [Finding] = []
        var text = text
        if text.withUTF8({ ASCIIText.firstOffset(of: privateKeyMarker, in: $0, ignoringCase: false) }) != nil {
            text = apply(privateKey, to: text, firstLine: 1, findings: &findings)
        }
        // Most lines hold no keyword: find the ones that do in one pass over the bytes, before any regular
        // expression runs. At each byte only the keywords starting with that letter are compared.
        let (candidates, lineStarts) = text.withUTF8 { bytes in
            var candidates: [Int: Set<Int>] = [:]
            var lineStarts: [Int: Int] = [:]
            var line = 1
            var lineStart = 0
            guard bytes.count > 1 else { return (candidates, lineStarts) }
            for index in 0..<(bytes.count - 1) {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    lineStart = index + 1
                }
                // The first two letters, in lower case, rule out nearly every position without a lookup.
                guard keywordPairs[Int(byte | 0x20) << 8 | Int(bytes[index + 1] | 0x20)] else { continue }
                for (keyword, ruleIndex) in keywordsByFirstLetter[Int(byte | 0x20)]
                where bytes.count - index >= keyword.count && ASCIIText.hasPrefix(keyword, at: index, in: bytes) {
                    candidates[line, default: []].insert(ruleIndex)
                    lineStarts[line] = lineStart
                }
            }
            return (candidates, lineStarts)
        }
        guard !candidates.isEmpty else { return (text, findings) }
        // Only the candidate lines are taken out as strings; the bytes between them are copied as they are.
        var output: [UInt8] = []
        text.withUTF8 { bytes in
            output.reserveCapacity(bytes.count + 64)
            var copied = 0
            for line in candidates.keys.sorted() {
                let start = lineStarts[line]!
                let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                var lineText = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                for ruleIndex in candidates[line]!.sorted() {
                    lineText = apply(lineRules[ruleIndex], to: lineText, firstLine: line, findings: &findings)
                }
                output.append(contentsOf: bytes[copied..<start])
                output.append(contentsOf: lineText.utf8)
                copied = end
            }
            output.append(contentsOf: bytes[copied...])
        }
        return (String(decoding: output, as: UTF8.self), findings.sorted { ($0.line, $0.kind) < ($1.line, $1.kind) })
    }

    /// Replaces every match of a rule in `text`, whose first line is `firstLine` of the file.
    private static func apply(_ rule: Rule, to text: String, firstLine: Int, findings: inout [Finding]) -> String {
        let matches = rule.expression.matches(in: text, range: NSRange(text.startIndex..., in: text))
        guard !matches.isEmpty else { return text }
        var result = text
        for match in matches.reversed() {
            let range = match.range(at: rule.group)
            guard range.location != NSNotFound, let swiftRange = Range(range, in: text),
                let replacementRange = Range(range, in: result)
            else { continue }
            let line = firstLine + text[..<swiftRange.lowerBound].count(where: { $0 == "\n" })
            findings.append(Finding(line: line, kind: rule.kind))
            result.replaceSubrange(replacementRange, with: mark)
        }
        return result
    }
}

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
        guard let first = needle.first else { return 0 }
        guard haystack.count >= needle.count else { return nil }
        let folds = ignoringCase && first >= 0x61 && first <= 0x7A
        for index in 0...(haystack.count - needle.count) {
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
}
