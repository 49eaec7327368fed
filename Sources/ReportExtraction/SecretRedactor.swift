import Foundation

/// Replaces credentials pasted into an issue by `[REDACTED]` before anything is read from it, so that no page, data
/// file or feed can publish them.
///
/// What is replaced:
/// - vendor tokens wherever they stand: GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`), GitLab
///   (`glpat-`), Slack (`xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`, `xoxs-`), Google API keys (`AIza`), Stripe secret keys
///   (`sk_live_`, `rk_live_`, `sk_test_`, `rk_test_`), npm (`npm_`), AWS access key ids, JSON Web Tokens;
/// - bearer tokens, also when the token is on the line after `Bearer` or after a shell `\` line break, and what
///   follows `Authorization: Basic` or `Authorization: Token`;
/// - the password of a URL (`postgresql://user:[REDACTED]@host/db`) and of `curl -u user:[REDACTED]`, also on the
///   continued lines of a curl command;
/// - private-key blocks, PGP ones too, each of which becomes one `[REDACTED]`;
/// - AWS secret access keys, and the value after `name=` or `name:` when a word part of the name is a password,
///   token, secret or API key (`POSTGRES_PASSWORD`, `PGPASSWORD`, `DB_PASS`, `_authToken`, `KEYCLOAK_CLIENT_SECRET`,
///   `X-Api-Key`), except names about such a value (`TOKEN_URL`, `PASSWORD_FILE`, `secretName`, `max_tokens`).
///
/// The value after such a name is a secret when it is quoted and not empty, or unquoted, four characters or more
/// (three after a variable, see below), and not code. Never a secret: placeholders (`$VAR`, `${VAR}`, `<your key>`, `[X]`, `{{ x }}`, `***`, `xxxx`,
/// `!vault`), calls and subscripts (`get_token()`, `os.environ["X"]`), `None`, `null`, `true`, type names (`str`,
/// `String`) and the like. Not a secret either, unless the name is an upper-case variable set with `=` and no spaces
/// or with `:` (a shell, `.env` or compose variable, whose value is always a literal): a name that holds a
/// credential word (`token` in `{"token": token}`), a dotted name without digits (`self.token`), a lower-case word
/// followed by more words (prose), and the end of the string that holds the name (`print("Password: " + x)`).
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

    /// The replacement for every credential in a file name, which becomes part of a URL.
    static let fileNameMark = "REDACTED"

    private struct Rule: @unchecked Sendable {
        let kind: String
        let expression: NSRegularExpression
        /// Lower-case words (UTF-8, each starting with a letter) one of which a line must hold before the
        /// expression runs on it: most lines hold none.
        let keywords: [[UInt8]]
        /// Lower-case strings one of which the line must hold too, in any case (none: no such condition).
        let needs: [[UInt8]]
        /// The range of the secret in a match in a line, or nil when the match holds none.
        let secret: @Sendable (NSTextCheckingResult, String) -> NSRange?
    }

    private static func rule(
        _ kind: String, _ pattern: String, group: Int = 0, keywords: [String], needs: [String] = [],
        secret: (@Sendable (NSTextCheckingResult, String) -> NSRange?)? = nil
    ) -> Rule {
        Rule(
            kind: kind, expression: try! NSRegularExpression(pattern: pattern),
            keywords: keywords.map { Array($0.utf8) },
            needs: needs.map { Array($0.utf8) }, secret: secret ?? { match, _ in match.range(at: group) })
    }

    /// The range of a group when its text is not a placeholder.
    private static func unlessPlaceholder(_ group: Int) -> @Sendable (NSTextCheckingResult, String) -> NSRange? {
        { match, line in
            guard let value = substring(match, group, line), !isPlaceholder(value) else { return nil }
            return match.range(at: group)
        }
    }

    private static let privateKeyMarker = Array("PRIVATE KEY".utf8)

    /// Whether a keyword starts with these two bytes (the first times 256 plus the second, both in lower case), one
    /// bit each: 8 KB, which stays in the first-level cache while every byte of a file is looked up.
    private static let keywordPairs: [UInt64] = {
        var table = [UInt64](repeating: 0, count: 65_536 / 64)
        for rule in lineRules {
            for keyword in rule.keywords {
                let pair = Int(keyword[0]) << 8 | Int(keyword[1] | 0x20)
                table[pair >> 6] |= 1 << UInt64(pair & 63)
            }
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

    /// Credentials that fit on one line, in the order they run: the specific shapes before the general ones, so
    /// that a GitHub token after `token=` is reported as a GitHub token.
    private static let lineRules: [Rule] = [
        rule(
            "a JSON Web Token",
            #"\beyJ(?:[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}|[A-Za-z0-9_.-]{8,}+(?=\\\r?$))"#,
            keywords: ["eyj"]),
        rule(
            "a GitHub token",
            #"(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9])|github_pat_[A-Za-z0-9_]{22,})"#,
            keywords: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"]),
        rule("a GitLab token", #"(?<![A-Za-z0-9])glpat-[A-Za-z0-9_-]{20,}"#, keywords: ["glpat-"]),
        rule(
            "a Slack token", #"(?<![A-Za-z0-9])xox[baprs]-[A-Za-z0-9-]{10,}"#,
            keywords: ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-"]),
        rule("a Google API key", #"(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])"#, keywords: ["aiza"]),
        rule(
            "a Stripe key", #"(?<![A-Za-z0-9])[sr]k_(?:live|test)_[A-Za-z0-9]{16,}"#,
            keywords: ["sk_live_", "rk_live_", "sk_test_", "rk_test_"]),
        rule("an npm token", #"(?<![A-Za-z0-9])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])"#, keywords: ["npm_"]),
        rule(
            "an AWS access key id", #"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[A-Z0-9]{16}\b"#,
            keywords: ["akia", "asia", "agpa", "aida", "aroa"]),
        rule(
            "an AWS secret access key",
            #"(?i)aws_?secret_?(?:access_?)?key["']?\s*[=:]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])"#, group: 1,
            keywords: ["secret"], needs: ["=", ":"]),
        rule("a bearer token", #"(?i)\bbearer\s+([A-Za-z0-9._~+/=-]{16,})"#, group: 1, keywords: ["bearer"]),
        rule(
            "basic credentials", #"(?i)\bauthorization["']?[ \t]*[:=][ \t]*["']?basic[ \t]+([A-Za-z0-9+/=._~-]{4,})"#,
            keywords: ["authorization"], needs: ["basic"], secret: unlessPlaceholder(1)),
        rule(
            "an authorization token",
            #"(?i)\bauthorization["']?[ \t]*[:=][ \t]*["']?(?:token|apikey|api-key|key|sso-key|ssws|bot)[ \t]+"#
                + #"([A-Za-z0-9._~+/=-]{8,})"#,
            keywords: ["authorization"], needs: ["token", "key", "ssws", "bot"], secret: unlessPlaceholder(1)),
        rule(
            "a password in a URL", #"://[^\s:/?#@"'<>]*:([^\s/?#"'<>]+)@"#,
            keywords: [
                "postgres", "redis", "amqp", "mongodb", "mysql", "mariadb", "mssql", "http", "ftp", "smtp", "ldap",
                "mqtt", "nats",
            ],
            needs: ["@"], secret: unlessPlaceholder(1)),
        rule(
            "a curl password",
            #"(?<![A-Za-z0-9_-])(?:-u|--user|--proxy-user)(?:[ \t]+|=)"#
                + #"(?:"([^"\s:]*):([^"\n]+)"|'([^'\s:]*):([^'\n]+)'|([^\s"':]*):([^\s"']+))"#,
            keywords: ["curl"], needs: ["-u"], secret: curlPassword),
        rule(
            "a password or token",
            #"(?i)(?:pass|pwd|token|secret|api_?key|api-key)([A-Za-z0-9_.-]*)"#
                + #"((?:["'`]|\*\*)?[ \t]*(?::=|=>|=(?!=)|:)[ \t]*)"#
                + #"(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`([^`\n]*)`|([^\s"'`,;)}\]]+))"#,
            keywords: ["pass", "pwd", "token", "secret", "api_key", "apikey", "api-key"], needs: ["=", ":"],
            secret: keyValueSecret),
    ]

    private static let bearerRule = lineRules.firstIndex { $0.kind == "a bearer token" }!
    private static let curlRule = lineRules.firstIndex { $0.kind == "a curl password" }!

    /// A token at the start of the line after one that ends with `Bearer` (or `Bearer \`).
    private static let wrappedBearer = rule(
        "a bearer token", #"^[ \t]*["']?([A-Za-z0-9._~+/=-]{16,})"#, keywords: [],
        secret: { match, line in
            guard let token = substring(match, 1, line), token.first != "-",
                token.contains(where: { $0.isNumber || "._~+/=".contains($0) })
                    || token.dropFirst().contains(where: \.isUppercase)
            else { return nil }
            return match.range(at: 1)
        })

    /// The rest of a token at the start of the line after one that ends with a redacted token and `\`.
    private static let continuedToken = rule(
        "the rest of a token", #"^[ \t]*([A-Za-z0-9._~+/=-]+)"#, group: 1, keywords: [])

    /// A private key spans lines.
    private static let privateKey = try! NSRegularExpression(
        pattern: #"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?"#
            + #"(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|\z)"#)

    /// The text with every credential replaced, and where each was.
    public static func redact(_ text: String) -> (text: String, findings: [Finding]) {
        var findings: [Finding] = []
        var text = text
        if text.withUTF8({ ASCIIText.firstOffset(of: privateKeyMarker, in: $0, ignoringCase: false) }) != nil {
            text = redactPrivateKeys(in: text, findings: &findings)
        }
        text = redactLines(text, mark: mark, findings: &findings)
        return (text, findings.sorted { ($0.line, $0.kind) < ($1.line, $1.kind) })
    }

    /// The file name with every credential replaced by `REDACTED`, or nil when it holds none.
    ///
    /// A short extension (`.md`) is kept apart, so that it does not end up in a value: `0007-password=hunter22.md`
    /// becomes `0007-password=REDACTED.md`.
    public static func redactFileName(_ name: String) -> String? {
        var stem = name[...]
        var suffix = ""[...]
        if let dot = name.lastIndex(of: "."), dot > name.startIndex {
            let fileExtension = name[name.index(after: dot)...]
            if (1...8).contains(fileExtension.count),
                fileExtension.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
            {
                stem = name[..<dot]
                suffix = name[dot...]
            }
        }
        var findings: [Finding] = []
        let redacted = redactLines(String(stem), mark: fileNameMark, findings: &findings)
        return findings.isEmpty ? nil : redacted + suffix
    }

    /// Replaces every private-key block by one mark followed by the block's line breaks, so that every later line
    /// keeps its number in the file.
    private static func redactPrivateKeys(in text: String, findings: inout [Finding]) -> String {
        let matches = privateKey.matches(in: text, range: NSRange(text.startIndex..., in: text))
        var result = ""
        var copied = text.startIndex
        var line = 1
        for match in matches {
            guard let range = Range(match.range, in: text) else { continue }
            line += newlines(in: text[copied..<range.lowerBound])
            let lines = newlines(in: text[range])
            findings.append(Finding(line: line, kind: "a private key"))
            line += lines
            result += text[copied..<range.lowerBound]
            result += mark + String(repeating: "\n", count: lines)
            copied = range.upperBound
        }
        result += text[copied...]
        return result
    }

    /// A line that some rule may apply to.
    private struct Candidate {
        let line: Int
        /// The offset of its first byte.
        let start: Int
        /// One bit for each rule of `lineRules` whose keyword it holds.
        let rules: UInt64
        /// Whether the line before ends with `Bearer`.
        let followsBearer: Bool
    }

    /// The lines that hold a keyword, found in one pass over the bytes, before any regular expression runs. At each
    /// byte only the keywords starting with that letter are compared. The lines continuing a curl command (after a
    /// line ending with `\`) are candidates for the curl rule too.
    private static func candidates(in bytes: UnsafeBufferPointer<UInt8>) -> [Candidate] {
        keywordPairs.withUnsafeBufferPointer { candidates(in: bytes, pairs: $0) }
    }

    private static func candidates(
        in bytes: UnsafeBufferPointer<UInt8>, pairs: UnsafeBufferPointer<UInt64>
    ) -> [Candidate] {
        var found: [Candidate] = []
        guard bytes.count > 1 else { return found }
        let keywords = keywordsByFirstLetter
        let curl: UInt64 = 1 << curlRule
        let bearer: UInt64 = 1 << bearerRule
        var line = 1
        var lineStart = 0
        var rules: UInt64 = 0
        var followsBearer = false
        for index in 0..<(bytes.count - 1) {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                var nextRules: UInt64 = 0
                var nextFollowsBearer = false
                if rules != 0 || followsBearer {
                    found.append(Candidate(line: line, start: lineStart, rules: rules, followsBearer: followsBearer))
                    if rules & curl != 0, endsWithBackslash(bytes, from: lineStart, to: index) { nextRules = curl }
                    nextFollowsBearer = rules & bearer != 0 && endsWithBearer(bytes, from: lineStart, to: index)
                }
                line += 1
                lineStart = index + 1
                rules = nextRules
                followsBearer = nextFollowsBearer
                continue
            }
            // The first two letters, in lower case, rule out nearly every position without a lookup.
            let pair = Int(byte | 0x20) << 8 | Int(bytes[index + 1] | 0x20)
            guard pairs[pair >> 6] >> UInt64(pair & 63) & 1 != 0 else { continue }
            for (keyword, ruleIndex) in keywords[Int(byte | 0x20)]
            where rules & (1 << ruleIndex) == 0 && bytes.count - index >= keyword.count
                && ASCIIText.hasPrefix(keyword, at: index, in: bytes)
            {
                rules |= 1 << ruleIndex
            }
        }
        if rules != 0 || followsBearer {
            found.append(Candidate(line: line, start: lineStart, rules: rules, followsBearer: followsBearer))
        }
        return found
    }

    /// Whether the line from `start` to the newline at `end` ends with `\`.
    private static func endsWithBackslash(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        var end = end
        if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return end > start && bytes[end - 1] == UInt8(ascii: "\\")
    }

    private static let bearerWord = Array("bearer".utf8)

    /// Whether the line from `start` to the newline at `end` ends with the word `bearer` in any case, maybe followed
    /// by `\`.
    private static func endsWithBearer(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        var end = end
        while end > start && isBlank(bytes[end - 1]) { end -= 1 }
        if end > start && bytes[end - 1] == UInt8(ascii: "\\") { end -= 1 }
        while end > start && isBlank(bytes[end - 1]) { end -= 1 }
        let word = bearerWord
        guard end - start >= word.count else { return false }
        for offset in 0..<word.count where bytes[end - word.count + offset] | 0x20 != word[offset] { return false }
        let before = end - word.count - 1
        return before < start || !(bytes[before] | 0x20 >= 0x61 && bytes[before] | 0x20 <= 0x7A)
    }

    /// Applies the line rules to the candidate lines of `text`; the bytes between them are copied as they are.
    private static func redactLines(_ text: String, mark: String, findings: inout [Finding]) -> String {
        var text = text
        let lines = text.withUTF8 { candidates(in: $0) }
        guard !lines.isEmpty else { return text }
        var output: [UInt8] = []
        var changed = false
        text.withUTF8 { bytes in
            var copied = 0
            var next = 0
            // The line holding the rest of a token that a line before ends with, and its first byte.
            var continued: (line: Int, start: Int)?
            while true {
                let candidate: Candidate
                if let continued, next == lines.count || lines[next].line >= continued.line {
                    if next < lines.count && lines[next].line == continued.line {
                        candidate = lines[next]
                        next += 1
                    } else {
                        candidate = Candidate(
                            line: continued.line, start: continued.start, rules: 0, followsBearer: false)
                    }
                } else if next < lines.count {
                    candidate = lines[next]
                    next += 1
                } else {
                    break
                }
                let continues = continued?.line == candidate.line
                continued = nil
                let start = candidate.start
                let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                let lineBytes = UnsafeBufferPointer(rebasing: bytes[start..<end])
                var rules = candidate.rules
                var remaining = rules
                while remaining != 0 {
                    let ruleIndex = remaining.trailingZeroBitCount
                    remaining &= remaining - 1
                    let needs = lineRules[ruleIndex].needs
                    if !needs.isEmpty
                        && !needs.contains(where: {
                            ASCIIText.firstOffset(of: $0, in: lineBytes, ignoringCase: true) != nil
                        })
                    {
                        rules &= ~(1 << ruleIndex)
                    }
                }
                guard rules != 0 || candidate.followsBearer || continues else { continue }
                var lineText = String(decoding: lineBytes, as: UTF8.self)
                let findingsBefore = findings.count
                var lineChanged = false
                if continues {
                    // The same token as on the line before: replaced, but not reported again.
                    var unreported: [Finding] = []
                    lineText = apply(
                        continuedToken, to: lineText, line: candidate.line, mark: mark, findings: &unreported)
                    lineChanged = !unreported.isEmpty
                }
                if candidate.followsBearer {
                    lineText = apply(wrappedBearer, to: lineText, line: candidate.line, mark: mark, findings: &findings)
                }
                remaining = rules
                while remaining != 0 {
                    let ruleIndex = remaining.trailingZeroBitCount
                    remaining &= remaining - 1
                    lineText = apply(
                        lineRules[ruleIndex], to: lineText, line: candidate.line, mark: mark, findings: &findings)
                }
                lineChanged = lineChanged || findings.count > findingsBefore
                guard lineChanged else { continue }
                // A shell `\` right after the token: the token goes on at the start of the next line.
                if end < bytes.count, lineText.hasSuffix(mark + "\\") || lineText.hasSuffix(mark + "\\\r") {
                    continued = (candidate.line + 1, end + 1)
                }
                output.reserveCapacity(bytes.count + 64)
                output.append(contentsOf: bytes[copied..<start])
                output.append(contentsOf: lineText.utf8)
                copied = end
                changed = true
            }
            if changed { output.append(contentsOf: bytes[copied...]) }
        }
        return changed ? String(decoding: output, as: UTF8.self) : text
    }

    /// Replaces every secret a rule finds in a line.
    private static func apply(
        _ rule: Rule, to text: String, line: Int, mark: String, findings: inout [Finding]
    ) -> String {
        let matches = rule.expression.matches(in: text, range: NSRange(text.startIndex..., in: text))
        guard !matches.isEmpty else { return text }
        var result = text
        for match in matches.reversed() {
            guard let range = rule.secret(match, text), range.location != NSNotFound, range.length > 0,
                let swiftRange = Range(range, in: text), text[swiftRange] != mark,
                let replacementRange = Range(range, in: result)
            else { continue }
            findings.append(Finding(line: line, kind: rule.kind))
            result.replaceSubrange(replacementRange, with: mark)
        }
        return result
    }

    /// The text of a group of a match in `text`, nil when the group took no part.
    private static func substring(_ match: NSTextCheckingResult, _ group: Int, _ text: String) -> Substring? {
        let range = match.range(at: group)
        guard range.location != NSNotFound, let swiftRange = Range(range, in: text) else { return nil }
        return text[swiftRange]
    }

    private static func newlines(in text: Substring) -> Int { text.utf8.count(where: { $0 == 0x0A }) }

    /// Whether a value stands for a secret instead of being one: `$VAR`, `${VAR}`, `<your key>`, `[X]`, `{{ x }}`,
    /// `*alias`, `&anchor`, `***`, `xxxx`, `!vault`, `%(x)s`, or a mark.
    private static func isPlaceholder(_ value: Substring) -> Bool {
        guard let first = value.first else { return true }
        if "$<[{*&".contains(first) || value.allSatisfy({ $0 == first }) { return true }
        if first == "!" && value.dropFirst().allSatisfy(\.isLetter) { return true }
        if first == "%" && !(value.count >= 3 && value.dropFirst().prefix(2).allSatisfy(\.isHexDigit)) { return true }
        return holds(value, redactedWord) || holds(value, ellipsis)
    }

    private static let redactedWord = Array("redacted".utf8)
    private static let ellipsis = Array("...".utf8)

    /// Whether `text` holds `needle`, lower-case ASCII, with ASCII letters in either case.
    private static func holds(_ text: Substring, _ needle: [UInt8]) -> Bool {
        let offset = text.utf8.withContiguousStorageIfAvailable {
            ASCIIText.firstOffset(of: needle, in: $0, ignoringCase: true)
        }
        guard let offset else { return holds(String(text)[...], needle) }
        return offset != nil
    }

    /// The password of `curl -u user:password`, unless it is a placeholder or the pair is numeric (`-u 1000:1000`
    /// is a user and a group).
    private static func curlPassword(_ match: NSTextCheckingResult, _ line: String) -> NSRange? {
        for group in [2, 4, 6] {
            guard let password = substring(match, group, line) else { continue }
            let user = substring(match, group - 1, line) ?? ""
            guard !isPlaceholder(password),
                !(user.allSatisfy(\.isNumber) && password.allSatisfy(\.isNumber))
            else { return nil }
            return match.range(at: group)
        }
        return nil
    }

    /// Name parts that say a value is about a credential, not the credential: `TOKEN_URL`, `PASSWORD_FILE`,
    /// `secretName`, `token_count`, `secretKeyRef`.
    private static let aboutWords: Set<String> = [
        "file", "files", "path", "dir", "url", "uri", "endpoint", "host", "name", "names", "type", "length", "len",
        "count", "size", "min", "max", "num", "total", "ttl", "expiry", "expires", "expire", "expiration", "lifetime",
        "timeout", "header", "field", "policy", "required", "enabled", "enable", "rotation", "prompt", "ref",
        "provider", "version", "format", "mode", "method", "kind", "limit", "rate", "bucket", "usage", "duration",
        "interval", "seconds", "minutes", "hours", "days", "ms", "sec", "in", "at", "hint", "label", "reset",
        "pattern", "regex",
    ]

    /// The extensions of files that a stack trace or compiler message names with a line number.
    private static let sourceExtensions: Set<String> = [
        "py", "rs", "go", "java", "kt", "kts", "scala", "swift", "m", "mm", "c", "h", "cc", "cpp", "hpp", "cs", "js",
        "mjs", "cjs", "ts", "tsx", "jsx", "rb", "php", "ex", "exs", "erl", "clj", "dart", "lua", "pl", "sh", "yaml",
        "yml", "json", "toml", "ini", "conf", "cfg", "xml", "sql", "log", "txt", "md",
    ]

    /// Words that are code, not a secret, after `password:` or `token=`: values, types, keywords.
    private static let codeWords: Set<String> = [
        "none", "null", "nil", "true", "false", "undefined", "str", "string", "int", "integer", "bool", "boolean",
        "bytes", "data", "any", "object", "optional", "required", "text", "varchar", "char", "secretstr",
        "securestring", "secretstring", "final", "await", "new", "function", "lambda", "yield", "self", "this", "env",
    ]

    /// How code reads an environment variable: `process.env.API_KEY_2`.
    private static let environmentPrefixes = [
        "process.env.", "os.environ", "import.meta.env.", "ENV.", "System.getenv",
    ]

    /// Words a code name for a credential holds: `access_token`, `self.password`, `apiKey`.
    private static let credentialWords = ["pass", "pwd", "token", "secret", "key", "auth", "cred"].map {
        Array($0.utf8)
    }

    /// The lower-case parts of a name, split at `_`, `-`, `.` and where a lower-case letter or digit is followed by
    /// an upper-case one: `_authToken` is `auth` and `token`; `PGPASSWORD` is one part.
    private static func nameParts(_ name: Substring) -> [String] {
        var parts: [String] = []
        var part = ""
        var afterLowerOrDigit = false
        for character in name {
            if character == "_" || character == "-" || character == "." {
                if !part.isEmpty { parts.append(part.lowercased()) }
                part = ""
                afterLowerOrDigit = false
                continue
            }
            if character.isUppercase && afterLowerOrDigit {
                parts.append(part.lowercased())
                part = ""
            }
            part.append(character)
            afterLowerOrDigit = character.isLowercase || character.isNumber
        }
        if !part.isEmpty { parts.append(part.lowercased()) }
        return parts
    }

    /// Name parts that are a credential word.
    private static let credentialParts: Set<String> = [
        "password", "passwd", "passphrase", "pwd", "secret", "token", "apikey",
    ]

    /// Endings of name parts that make them a credential word: `PGPASSWORD`, `authtoken`, `clientsecret`.
    private static let credentialEndings = ["password", "passwd", "token", "secret", "apikey"]

    /// Whether a name is the name of a credential: one of its parts is a password, token, secret or API key, and
    /// none says that the value is about one (`TOKEN_URL`). `pass` counts as the last part after another
    /// (`DB_PASS`), not alone (`pass: 3`) nor inside a word (`bypass`).
    private static func namesCredential(_ parts: [String]) -> Bool {
        guard !parts.contains(where: aboutWords.contains) else { return false }
        for (index, part) in parts.enumerated() {
            if credentialParts.contains(part) || credentialEndings.contains(where: { part.hasSuffix($0) }) {
                return true
            }
            if part == "pass" && index > 0 && index == parts.count - 1 { return true }
            if part == "api" && index + 1 < parts.count && parts[index + 1] == "key" { return true }
        }
        return false
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "_.-".contains(character))
    }

    private static func isIdentifierStart(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character == "_")
    }

    private static func isIdentifierCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_")
    }

    /// Whether a value is an expression with a call or subscript: `get_token(`, `os.environ[`,
    /// `req.headers.authorization?.split(`, `Optional<`.
    private static func isCall(_ value: Substring) -> Bool {
        guard let first = value.first, isIdentifierStart(first) else { return false }
        if value.utf8.contains(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "[") }) { return true }
        guard let end = value.firstIndex(where: { !isIdentifierCharacter($0) && $0 != "." }) else { return false }
        return value[end] == "<"
    }

    /// Whether a value is a dotted name without digits: `self.token`, `settings.SECRET_KEY`.
    private static func isDottedName(_ value: Substring) -> Bool {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count > 1
            && parts.allSatisfy { part in
                part.first.map(isIdentifierStart) == true && part.allSatisfy(isIdentifierCharacter)
                    && !part.contains(where: \.isNumber)
            }
    }

    /// The value of a match of the `name=value` rule, when it is a secret (see the rule in the type's comment).
    private static func keyValueSecret(_ match: NSTextCheckingResult, _ line: String) -> NSRange? {
        // The value first: most matches are placeholders or code, and their names need not be read.
        guard let group = (3...6).first(where: { match.range(at: $0).location != NSNotFound }),
            var value = substring(match, group, line), let separator = substring(match, 2, line),
            let rest = substring(match, 1, line), !isPlaceholder(value)
        else { return nil }
        if group == 6 {
            guard value.count >= 3, !":=|>".contains(value.first!), !isCall(value) else { return nil }
        }
        // The expression starts at the credential word, which is faster than at the start of every word: the name
        // starts further back.
        var nameStart = rest.startIndex
        while nameStart > line.startIndex, isNameCharacter(line[line.index(before: nameStart)]) {
            nameStart = line.index(before: nameStart)
        }
        let name = line[nameStart..<rest.endIndex]
        let parts = nameParts(name)
        guard namesCredential(parts) else { return nil }
        // `token.rs:1042`, `(TokenService.java:1142)`: a source file and a line number.
        if let dot = name.lastIndex(of: "."), sourceExtensions.contains(name[name.index(after: dot)...].lowercased()) {
            return nil
        }
        let before = nameStart > line.startIndex ? line[line.index(before: nameStart)] : nil
        if group < 6 {
            let quote: Character = group == 3 ? "\"" : group == 4 ? "'" : "`"
            // `print("Password: " + x)`: the quote ends the string that holds the name.
            guard before != quote || separator.first == quote else { return nil }
            // `` TOKEN=`cat token.txt` `` is a command.
            guard quote != "`" || !value.utf8.contains(UInt8(ascii: " ")) else { return nil }
            return match.range(at: group)
        }
        var range = match.range(at: 6)
        // `?api_key=abc&page=2`: in a query, `&` starts the next parameter.
        if before == "?" || before == "&", let ampersand = value.firstIndex(of: "&") {
            range.length -= value[ampersand...].utf16.count
            value = value[..<ampersand]
        }
        // `TOKEN=abc\` at the end of a line: the `\` continues the command.
        if value.hasSuffix("\\") && line[value.endIndex...].allSatisfy({ $0 == "\r" }) {
            value = value.dropLast()
            range.length -= 1
        }
        guard value.count >= 3, !isPlaceholder(value) else { return nil }
        // `String?`, `process.env.API_KEY!`: the same code as without the mark.
        var code = value
        while code.last == "?" || code.last == "!" { code = code.dropLast() }
        guard !codeWords.contains(code.lowercased()) else { return nil }
        if parts == ["pwd"] || parts == ["oldpwd"], value.first == "/" || value.first == "~" { return nil }
        let upperCaseName = name.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }
        let isVariable = upperCaseName && (separator == "=" || separator.first == ":")
        guard !isVariable else { return range }
        guard value.count >= 4 else { return nil }
        if code.allSatisfy(isIdentifierCharacter), credentialWords.contains(where: { holds(code, $0) }) { return nil }
        if isDottedName(code) || environmentPrefixes.contains(where: { code.hasPrefix($0) }) { return nil }
        // Prose: `Token: expires after an hour`.
        if value.allSatisfy({ $0.isASCII && $0.isLowercase }), let matchEnd = Range(match.range, in: line)?.upperBound {
            let after = line[matchEnd...]
            if after.first == " ", after.dropFirst().first?.isLetter == true { return nil }
        }
        return range
    }
}
