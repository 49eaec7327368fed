import ReportExtraction
import Testing

@Suite struct SecretRedactorTests {
    @Test(arguments: [
        (
            "curl -H \"Authorization: Bearer 4f9a8c7e6d5b4a3928172635abcdef01\" /api", "a bearer token",
            "curl -H \"Authorization: Bearer [REDACTED]\" /api"
        ),
        (
            "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U end",
            "a JSON Web Token", "token [REDACTED] end"
        ),
        (
            "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "an AWS access key id",
            "export AWS_ACCESS_KEY_ID=[REDACTED]"
        ),
        (
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "an AWS secret access key",
            "aws_secret_access_key = [REDACTED]"
        ),
        ("GET /jobs?api_key=sk_live_51Habc&page=2", "a password or token", "GET /jobs?api_key=[REDACTED]&page=2"),
        ("DB password: hunter22!", "a password or token", "DB password: [REDACTED]"),
        (
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----", "a private key",
            "[REDACTED]"
        ),
    ])
    func credentialsAreReplaced(text: String, kind: String, redacted: String) {
        let (result, findings) = SecretRedactor.redact(text)
        #expect(result == redacted)
        #expect(findings == [SecretRedactor.Finding(line: 1, kind: kind)])
    }

    @Test func placeholdersAndOrdinaryTextAreLeftAlone() {
        let text = """
            curl -H "Authorization: Bearer $TOKEN" -H "Authorization: Bearer <token>"
            password: `[X]`, token=${API_TOKEN}, api_key=<your key>
            The token bucket refills at 50 tokens/second; AKIA is a prefix.
            """
        #expect(SecretRedactor.redact(text).text == text)
        #expect(SecretRedactor.redact(text).findings == [])
    }

    @Test func aRedactionWarnsWithTheLineAndEveryOutputLosesTheSecret() {
        let body = "## Summary\nSlow.\n\n```\ncurl -H 'Authorization: Bearer 0123456789abcdef0123' /x\n```\n"
        let result = extract(body)
        #expect(
            result.diagnostics.map(\.message) == [
                "a bearer token was replaced by [REDACTED] in every page and data file: remove it from the file and "
                    + "rotate it"
            ])
        #expect(result.diagnostics.first?.line == 10)
        #expect(result.issue?.technicalStack == [])
    }
}
