import ReportExtraction
import Testing

/// Made-up credentials of the right shapes, each written in two pieces so that no secret scanner takes this file
/// for a leak.
private enum Fake {
    static let githubClassic = "gh" + "p_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
    static let githubOAuth = "gh" + "o_Zq8Wm3Xn5Bv7Cc9Ld1Kf2Gh4Jp6Rt0Ys8Ua3"
    static let githubUser = "gh" + "u_Zq8Wm3Xn5Bv7Cc9Ld1Kf2Gh4Jp6Rt0Ys8Ua3"
    static let githubApp = "gh" + "s_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
    static let githubRefresh = "gh" + "r_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
    static let githubFineGrained =
        "github" + "_pat_11ABCDEFG0aBcDeFgHiJkL_mNoPqRsTuVwXyZ0123456789aBcDeFgHiJkLmNoPqRsTuVwXyZ012345678"
    static let gitlab = "gl" + "pat-xk9T2mQ7vR4pL8sN3wZ1"
    static let slackBot = "xo" + "xb-2345678901-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"
    static let slackUser = "xo" + "xp-2345678901-2345678901-3456789012-0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d"
    static let google = "AI" + "zaSyA-1bC2dE3fG4hI5jK6lM7nO8pQ9rS0tUv"
    static let stripeLive = "sk" + "_live_4eC39HqLyjWDarjtT1zdp7dc"
    static let stripeRestricted = "rk" + "_live_51H8xYzAbCdEfGhIjKlMnOpQr"
    static let stripeTest = "sk" + "_test_4eC39HqLyjWDarjtT1zdp7dc"
    static let npm = "np" + "m_Zq8Wm3Xn5Bv7Cc9Ld1Kf2Gh4Jp6Rt0Ys8Ua3"
    static let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
}

@Suite struct SecretRedactorTests {
    /// Checks that `text` becomes `redacted` with one finding of `kind` on line 1.
    private func expectRedacted(_ text: String, _ kind: String, _ redacted: String) {
        let (result, findings) = SecretRedactor.redact(text)
        #expect(result == redacted)
        #expect(findings == [SecretRedactor.Finding(line: 1, kind: kind)])
    }

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
            "[REDACTED]\n\n"
        ),
        (
            "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\nlQOYBF4xY2EBCADHk3Zq\n=Xm9q\n"
                + "-----END PGP PRIVATE KEY BLOCK-----",
            "a private key", "[REDACTED]\n\n\n\n\n"
        ),
        (
            "{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n"
                + "-----END PRIVATE KEY-----\\n\", \"client_email\": \"ci@proj.iam.gserviceaccount.com\"}",
            "a private key",
            "{\"type\": \"service_account\", \"private_key\": \"[REDACTED]\\n\", "
                + "\"client_email\": \"ci@proj.iam.gserviceaccount.com\"}"
        ),
        (
            "curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9P'",
            "a JSON Web Token", "curl -H 'Authorization: Bearer [REDACTED]'"
        ),
    ])
    func credentialsAreReplaced(text: String, kind: String, redacted: String) {
        let (result, findings) = SecretRedactor.redact(text)
        #expect(result == redacted)
        #expect(findings == [SecretRedactor.Finding(line: 1, kind: kind)])
    }

    @Test(arguments: [
        ("POSTGRES_PASSWORD=s3cr3t-Pa55", "POSTGRES_PASSWORD=[REDACTED]"),
        ("export PGPASSWORD=hunter22", "export PGPASSWORD=[REDACTED]"),
        (
            "PGPASSWORD=postgres psql -h db -U app -c 'select 1'",
            "PGPASSWORD=[REDACTED] psql -h db -U app -c 'select 1'"
        ),
        ("DB_PASSWORD=\"correct horse battery staple\"", "DB_PASSWORD=\"[REDACTED]\""),
        ("      REDIS_PASSWORD: rEd1s-pr0d-2024", "      REDIS_PASSWORD: [REDACTED]"),
        ("      POSTGRES_PASSWORD: \"postgres\"", "      POSTGRES_PASSWORD: \"[REDACTED]\""),
        ("      POSTGRES_PASSWORD: password", "      POSTGRES_PASSWORD: [REDACTED]"),
        ("  - MYSQL_ROOT_PASSWORD=example123", "  - MYSQL_ROOT_PASSWORD=[REDACTED]"),
        ("  - \"MYSQL_PASSWORD=wp-db-2024\"", "  - \"MYSQL_PASSWORD=[REDACTED]\""),
        ("API_TOKEN='tok_9f8e7d6c5b4a'", "API_TOKEN='[REDACTED]'"),
        (
            "//registry.npmjs.org/:_authToken=9a8b7c6d-1234-4e5f-8a9b-0c1d2e3f4a5b",
            "//registry.npmjs.org/:_authToken=[REDACTED]"
        ),
        ("KEYCLOAK_CLIENT_SECRET=8f2c1e4a-77b0-4d2e-9a51-3c6e0f7d2b19", "KEYCLOAK_CLIENT_SECRET=[REDACTED]"),
        ("  -e POSTGRES_PASSWORD=mysecretpassword \\", "  -e POSTGRES_PASSWORD=[REDACTED] \\"),
        ("RABBITMQ_DEFAULT_PASS=Rabb1t!Prod", "RABBITMQ_DEFAULT_PASS=[REDACTED]"),
        ("SECRET_KEY=django-insecure-8#x@2k!q", "SECRET_KEY=[REDACTED]"),
        ("OPENAI_API_KEY=sk-proj-Ab12Cd34Ef56Gh78", "OPENAI_API_KEY=[REDACTED]"),
        (
            "{\"username\": \"admin\", \"password\": \"Adm1n!2024\"}",
            "{\"username\": \"admin\", \"password\": \"[REDACTED]\"}"
        ),
        ("  password: aHVudGVyMjI=", "  password: [REDACTED]"),
        ("spring.datasource.password=Spr1ngS3cret", "spring.datasource.password=[REDACTED]"),
        (
            "curl -H \"X-Api-Key: 3f2a9c1e7b5d4f60a8e2\" https://api.example.com",
            "curl -H \"X-Api-Key: [REDACTED]\" https://api.example.com"
        ),
        ("GET /oauth?access_token=ya29.a0AfH6SMBx&page=2", "GET /oauth?access_token=[REDACTED]&page=2"),
        (
            "jdbc:postgresql://db:5432/app?user=app&password=Jdbc5ecret",
            "jdbc:postgresql://db:5432/app?user=app&password=[REDACTED]"
        ),
        ("**Password**: Tr0ub4dor&3", "**Password**: [REDACTED]"),
        ("db = connect(host=\"db\", password=\"s3cret\")", "db = connect(host=\"db\", password=\"[REDACTED]\")"),
        (
            "kubectl create secret generic db --from-literal=DB_PASSWORD=hunter22",
            "kubectl create secret generic db --from-literal=DB_PASSWORD=[REDACTED]"
        ),
        ("wget --user=deploy --password=W9et!pass https://x", "wget --user=deploy --password=[REDACTED] https://x"),
        (
            "const config = { apiKey: 'AbCdEf123456', region: 'eu' }",
            "const config = { apiKey: '[REDACTED]', region: 'eu' }"
        ),
    ])
    func namedValuesAreReplaced(text: String, redacted: String) {
        expectRedacted(text, "a password or token", redacted)
    }

    @Test(arguments: [
        ("export GITHUB_TOKEN=\(Fake.githubClassic)", "a GitHub token", "export GITHUB_TOKEN=[REDACTED]"),
        (
            "git clone https://x-access-token:\(Fake.githubApp)@github.com/acme/api.git", "a GitHub token",
            "git clone https://x-access-token:[REDACTED]@github.com/acme/api.git"
        ),
        ("remote: Invalid token \(Fake.githubOAuth).", "a GitHub token", "remote: Invalid token [REDACTED]."),
        ("GH_TOKEN: \(Fake.githubUser)", "a GitHub token", "GH_TOKEN: [REDACTED]"),
        ("refresh_token=\(Fake.githubRefresh)", "a GitHub token", "refresh_token=[REDACTED]"),
        (
            "curl -H \"Authorization: token \(Fake.githubFineGrained)\" https://api.github.com/user", "a GitHub token",
            "curl -H \"Authorization: token [REDACTED]\" https://api.github.com/user"
        ),
        (
            "curl --header \"PRIVATE-TOKEN: \(Fake.gitlab)\" https://gitlab.example.com/api/v4/projects",
            "a GitLab token", "curl --header \"PRIVATE-TOKEN: [REDACTED]\" https://gitlab.example.com/api/v4/projects"
        ),
        ("SLACK_BOT_TOKEN=\(Fake.slackBot)", "a Slack token", "SLACK_BOT_TOKEN=[REDACTED]"),
        ("  \"token\": \"\(Fake.slackUser)\",", "a Slack token", "  \"token\": \"[REDACTED]\","),
        (
            "GET https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key=\(Fake.google) 200 OK",
            "a Google API key",
            "GET https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key=[REDACTED] 200 OK"
        ),
        ("stripe.api_key = \"\(Fake.stripeLive)\"", "a Stripe key", "stripe.api_key = \"[REDACTED]\""),
        ("STRIPE_SECRET_KEY=\(Fake.stripeRestricted)", "a Stripe key", "STRIPE_SECRET_KEY=[REDACTED]"),
        (
            "Stripe::Charge.create(api_key: '\(Fake.stripeTest)')", "a Stripe key",
            "Stripe::Charge.create(api_key: '[REDACTED]')"
        ),
        ("//registry.npmjs.org/:_authToken=\(Fake.npm)", "an npm token", "//registry.npmjs.org/:_authToken=[REDACTED]"),
        ("npm ERR! 403 token \(Fake.npm) is revoked", "an npm token", "npm ERR! 403 token [REDACTED] is revoked"),
    ])
    func vendorTokensAreReplaced(text: String, kind: String, redacted: String) {
        expectRedacted(text, kind, redacted)
    }

    @Test(arguments: [
        (
            "DATABASE_URL=postgresql://app:Sup3rS3cret@db.internal:5432/orders",
            "DATABASE_URL=postgresql://app:[REDACTED]@db.internal:5432/orders"
        ),
        ("psql postgres://user:pass@host/db", "psql postgres://user:[REDACTED]@host/db"),
        ("REDIS_URL=redis://:p4ssw0rd@cache:6379/0", "REDIS_URL=redis://:[REDACTED]@cache:6379/0"),
        (
            "      - CACHE=rediss://default:AbC123xyz@eu1-redis.upstash.io:6379",
            "      - CACHE=rediss://default:[REDACTED]@eu1-redis.upstash.io:6379"
        ),
        ("broker_url = 'amqp://guest:guest@rabbit//'", "broker_url = 'amqp://guest:[REDACTED]@rabbit//'"),
        ("amqps://svc:Rmq-2024@mq.example.com:5671/prod", "amqps://svc:[REDACTED]@mq.example.com:5671/prod"),
        (
            "MONGO_URI=mongodb+srv://admin:M0ng0Pass@cluster0.ab1cd.mongodb.net/app?retryWrites=true&w=majority",
            "MONGO_URI=mongodb+srv://admin:[REDACTED]@cluster0.ab1cd.mongodb.net/app?retryWrites=true&w=majority"
        ),
        ("mysql://root:r00tpw@127.0.0.1:3306/shop", "mysql://root:[REDACTED]@127.0.0.1:3306/shop"),
        (
            "git push https://deploy:hunter22@git.example.com/org/repo.git",
            "git push https://deploy:[REDACTED]@git.example.com/org/repo.git"
        ),
        ("postgresql://app:p@ss@db/orders", "postgresql://app:[REDACTED]@db/orders"),
    ])
    func passwordsInURLsAreReplaced(text: String, redacted: String) {
        expectRedacted(text, "a password in a URL", redacted)
    }

    @Test(arguments: [
        ("curl -u admin:s3cret https://api.example.com/jobs", "curl -u admin:[REDACTED] https://api.example.com/jobs"),
        ("curl --user deploy:Tr1cky! -X POST https://x/hook", "curl --user deploy:[REDACTED] -X POST https://x/hook"),
        ("curl -s -u \"ci-bot:abc 123\" https://x", "curl -s -u \"ci-bot:[REDACTED]\" https://x"),
        ("curl --user=admin:pw1234 https://x", "curl --user=admin:[REDACTED] https://x"),
        (
            "$ curl -u elastic:changeme localhost:9200/_cat/indices",
            "$ curl -u elastic:[REDACTED] localhost:9200/_cat/indices"
        ),
    ])
    func curlPasswordsAreReplaced(text: String, redacted: String) {
        expectRedacted(text, "a curl password", redacted)
    }

    @Test(arguments: [
        ("Authorization: Basic dXNlcjpwYXNz", "basic credentials", "Authorization: Basic [REDACTED]"),
        ("> authorization: basic YWRtaW46c2VjcmV0", "basic credentials", "> authorization: basic [REDACTED]"),
        (
            "headers = {\"Authorization\": \"Basic YWRtaW46aHVudGVyMg==\"}", "basic credentials",
            "headers = {\"Authorization\": \"Basic [REDACTED]\"}"
        ),
        (
            "curl -H \"Authorization: Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b\" https://x/api/",
            "an authorization token", "curl -H \"Authorization: Token [REDACTED]\" https://x/api/"
        ),
    ])
    func authorizationHeadersAreReplaced(text: String, kind: String, redacted: String) {
        expectRedacted(text, kind, redacted)
    }

    @Test(arguments: [
        (
            "curl https://api.example.com/v1/jobs -H \"Authorization: Bearer\n  4f9a8c7e6d5b4a3928172635abcdef01\"",
            "curl https://api.example.com/v1/jobs -H \"Authorization: Bearer\n  [REDACTED]\"",
            [SecretRedactor.Finding(line: 2, kind: "a bearer token")]
        ),
        (
            "curl -X POST https://api.example.com/v1/jobs \\\n  -H \"Authorization: Bearer \\\n  \(Fake.jwt)\" \\\n"
                + "  -d '{}'",
            "curl -X POST https://api.example.com/v1/jobs \\\n  -H \"Authorization: Bearer \\\n  [REDACTED]\" \\\n"
                + "  -d '{}'",
            [SecretRedactor.Finding(line: 3, kind: "a bearer token")]
        ),
        (
            "Authorization: Bearer\n'Zx81Qw72Er63Ty54Ui45Op36'",
            "Authorization: Bearer\n'[REDACTED]'",
            [SecretRedactor.Finding(line: 2, kind: "a bearer token")]
        ),
        (
            "curl -H \"Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIi\\\nOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N\" \\\n"
                + "  https://x",
            "curl -H \"Authorization: Bearer [REDACTED]\\\n[REDACTED]\" \\\n  https://x",
            [SecretRedactor.Finding(line: 1, kind: "a JSON Web Token")]
        ),
        (
            "-H 'Authorization: Bearer 0123456789abcdef\\\n    0123456789abcdef' \\\n  https://x",
            "-H 'Authorization: Bearer [REDACTED]\\\n    [REDACTED]' \\\n  https://x",
            [SecretRedactor.Finding(line: 1, kind: "a bearer token")]
        ),
        (
            "export TOKEN=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozj\\\ngNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            "export TOKEN=[REDACTED]\\\n[REDACTED]", [SecretRedactor.Finding(line: 1, kind: "a JSON Web Token")]
        ),
        (
            "curl -X POST https://api.example.com/v1/jobs \\\n  -u admin:s3cret \\\n  -d @job.json",
            "curl -X POST https://api.example.com/v1/jobs \\\n  -u admin:[REDACTED] \\\n  -d @job.json",
            [SecretRedactor.Finding(line: 2, kind: "a curl password")]
        ),
        (
            "## Keys\n\n-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF4xY2EBCADHk3Zq\n=Xm9q\n"
                + "-----END PGP PRIVATE KEY BLOCK-----\n\nPGPASSWORD=hunter22 psql",
            "## Keys\n\n[REDACTED]\n\n\n\n\n\nPGPASSWORD=[REDACTED] psql",
            [
                SecretRedactor.Finding(line: 3, kind: "a private key"),
                SecretRedactor.Finding(line: 9, kind: "a password or token"),
            ]
        ),
        (
            "a\r\nPOSTGRES_PASSWORD=hunter22\r\nb", "a\r\nPOSTGRES_PASSWORD=[REDACTED]\r\nb",
            [SecretRedactor.Finding(line: 2, kind: "a password or token")]
        ),
    ])
    func credentialsAcrossLinesAreReplaced(text: String, redacted: String, findings: [SecretRedactor.Finding]) {
        let result = SecretRedactor.redact(text)
        #expect(result.text == redacted)
        #expect(result.findings == findings)
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

    @Test(arguments: [
        "data={\"token\": token}",
        "token = get_token()",
        "password = os.environ[\"DB_PASSWORD\"]",
        "password = os.getenv(\"DB_PASSWORD\", \"\")",
        "POSTGRES_PASSWORD=${POSTGRES_PASSWORD}",
        "PGPASSWORD=$PGPASSWORD",
        "password: <your password>",
        "token bucket refills at 50 tokens/second",
        "passwords are hashed with argon2",
        "the secret sauce",
        "redis://redis:6379/0",
        "postgresql://localhost/docking",
        "postgresql://app@db:5432/orders",
        "postgres://user:$PGPASSWORD@db/app",
        "curl -u $USER:$PASS https://x",
        "curl -u admin https://x",
        "Authorization: Bearer $TOKEN",
        "Authorization: Basic <base64>",
        "Rotate the API token every 90 days.",
        "Fine-grained tokens start with github_pat, Stripe secret keys with sk_live.",
        "def verify_password(password: str) -> bool:",
        "if not check_token(token):",
        "user.password_hash = bcrypt.hashpw(password, salt)",
        "tokenizer = AutoTokenizer.from_pretrained(\"bert-base-uncased\")",
        "tokenizer = AutoTokenizer()",
        "The password_hash column is indexed; password_hash: text NOT NULL",
        "conn = psycopg.connect(user=user, password=password)",
        "password = input(\"Password: \")",
        "log.info(\"Token: \" + token + \" expired\")",
        "let token: String?",
        "self.token = token",
        "password: ${{ secrets.DB_PASSWORD }}",
        "password: \"{{ vault_db_password }}\"",
        "DB_PASSWORD: ***",
        "password: !vault |",
        "max_tokens: 4096",
        "{\"max_tokens\": 256, \"temperature\": 0.2}",
        "token_type: Bearer",
        "ACCESS_TOKEN_EXPIRE_MINUTES=30",
        "POSTGRES_PASSWORD_FILE=/run/secrets/postgres_password",
        "        secretName: postgres-credentials",
        "      - name: POSTGRES_PASSWORD",
        "            key: password",
        "All tests pass: 120/120",
        "Token: expires after one hour",
        "PWD=/home/runner/work/app",
        "docker run -u 1000:1000 app",
        "ssh://git@github.com:22/acme/api.git",
        "See https://github.com/acme/api/blob/main/src/token.rs#L42",
        "Bearer authentication is configured in auth.py",
        "Authorization: Bearer\nfollowed by the token from step 2",
        "TOKEN=`cat /run/secrets/token`",
        "    token_test.go:1042: expected 200, got 401",
        "  --> src/auth/token.rs:120:5",
        "\tat com.acme.auth.TokenService.refresh(TokenService.java:1142)",
        "const token = req.headers.authorization?.split(\" \")[1]",
        "const secret = process.env.JWT_SECRET",
        "SECRET_KEY = env(\"SECRET_KEY\")",
        "password: &db_password",
        "test_password_reset: PASSED",
        "\"prompt_tokens\": 1523, \"completion_tokens\": 212",
        "export const API_KEY = process.env.NEXT_PUBLIC_API_KEY!;",
        "    database_password: SecretStr",
        "with open(password_file) as f: password = f.read().strip()",
        "              name: db-credentials",
        "            secretKeyRef:",
        "token_endpoint: https://auth.example.com/oauth/token",
    ])
    func ordinaryTextIsLeftAlone(text: String) {
        let result = SecretRedactor.redact(text)
        #expect(result.text == text)
        #expect(result.findings == [])
    }

    @Test(arguments: [
        ("0042-leak-\(Fake.githubClassic).md", "0042-leak-REDACTED.md"),
        ("0007-slow-password=hunter22.md", "0007-slow-password=REDACTED.md"),
        ("0013-token=\(Fake.gitlab).md", "0013-token=REDACTED.md"),
        ("0099-AKIAIOSFODNN7EXAMPLE.md", "0099-REDACTED.md"),
    ])
    func fileNamesLoseTheirCredentials(name: String, redacted: String) {
        #expect(SecretRedactor.redactFileName(name) == redacted)
    }

    @Test(arguments: [
        "0042-upload-is-slow.md", "0007-password-reset-slow.md", "0003-api-key-rotation.md",
        "0021-postgresql-timeout.md", "0008-token-bucket.md",
    ])
    func ordinaryFileNamesAreKept(name: String) {
        #expect(SecretRedactor.redactFileName(name) == nil)
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
