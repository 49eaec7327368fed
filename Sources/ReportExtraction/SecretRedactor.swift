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
        /// A cheap test that must hold before the expression runs: most files hold no credential.
        let hint: @Sendable (String) -> Bool
    }

    private static let rules: [Rule] = {
        func rule(_ kind: String, _ pattern: String, group: Int = 0, hint: @escaping @Sendable (String) -> Bool) -> Rule
        {
            Rule(kind: kind, expression: try! NSRegularExpression(pattern: pattern), group: group, hint: hint)
        }
        return [
            rule(
                "a private key",
                "-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|\\z)",
                hint: { $0.contains("PRIVATE KEY-----") }),
            rule(
                "a JSON Web Token", "\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}",
                hint: { $0.contains("eyJ") }),
            rule(
                "a bearer token", "(?i)\\bbearer\\s+([A-Za-z0-9._~+/=-]{16,})", group: 1,
                hint: { $0.range(of: "bearer", options: .caseInsensitive) != nil }),
            rule("an AWS access key id", "\\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[A-Z0-9]{16}\\b", hint: { $0.contains("A") }),
            rule(
                "an AWS secret access key",
                "(?i)aws_?secret_?(?:access_?)?key[\"']?\\s*[=:]\\s*[\"']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])",
                group: 1,
                hint: { $0.range(of: "secret", options: .caseInsensitive) != nil }),
            rule(
                "a password or token",
                "(?i)\\b(?:password|passwd|pwd|token|access_token|refresh_token|api_key|apikey|api-key|secret|"
                    + "client_secret)[\"']?\\s*[=:]\\s*[\"']?((?![$<\\[{*]|REDACTED)[^\\s\"'&,;)}\\]]{4,})",
                group: 1,
                hint: { text in
                    ["password", "passwd", "pwd", "token", "key", "secret"].contains {
                        text.range(of: $0, options: .caseInsensitive) != nil
                    }
                }),
        ]
    }()

    /// The text with every credential replaced, and where each was.
    public static func redact(_ text: String) -> (text: String, findings: [Finding]) {
        var text = text
        var findings: [Finding] = []
        for rule in rules where rule.hint(text) {
            let matches = rule.expression.matches(in: text, range: NSRange(text.startIndex..., in: text))
            guard !matches.isEmpty else { continue }
            var result = text
            for match in matches.reversed() {
                let range = match.range(at: rule.group)
                guard range.location != NSNotFound, let swiftRange = Range(range, in: text) else { continue }
                let line = text[..<swiftRange.lowerBound].count(where: { $0 == "\n" }) + 1
                findings.append(Finding(line: line, kind: rule.kind))
                let replacementRange = Range(range, in: result)!
                result.replaceSubrange(replacementRange, with: mark)
            }
            text = result
        }
        return (text, findings.sorted { ($0.line, $0.kind) < ($1.line, $1.kind) })
    }
}
