import Foundation
import ReportExtraction

/// `perfsite init`: the files a new report repository starts from. Nothing that exists is ever overwritten.
public enum ProjectInit {
    /// What one run wrote and what it left as it was, paths relative to the folder.
    public struct Result: Equatable, Sendable {
        public var written: [String] = []
        public var kept: [String] = []
    }

    /// The action other repositories use (`uses: <repository>@v1`), as `action.yml` at this repository's root.
    public static let actionRepository = "perfsite/perfsite"

    /// The files, in the order they are written.
    public static var files: [(path: String, text: String)] {
        [
            ("perfsite.yml", configuration), ("content/0001-example-upload-is-slow.md", exampleIssue),
            (".gitignore", gitignore), (".github/ISSUE_TEMPLATE/performance.md", issueTemplate),
            (".github/workflows/perfsite.yml", workflow),
        ]
    }

    /// Writes every file that does not exist yet into `folder` (made when missing).
    public static func run(in folder: URL) throws -> Result {
        var result = Result()
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw SiteError(
                    "'\(url.deletingLastPathComponent().path)' cannot be made: \(error.localizedDescription)")
            }
            // O_EXCL: a file made between a check and the write is still never replaced.
            let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            if descriptor < 0 {
                guard errno == EEXIST else {
                    throw SiteError("'\(url.path)' cannot be written: \(String(cString: strerror(errno)))")
                }
                result.kept.append(path)
                continue
            }
            let bytes = Array(text.utf8)
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
            guard written == bytes.count else { throw SiteError("'\(url.path)' could not be written in full") }
            result.written.append(path)
        }
        return result
    }

    /// Every key of `perfsite.yml`, commented, at its default (or, where none is set, an example).
    static let configuration = """
        # perfsite's settings. Every key is shown at its default, commented out; uncomment a line to change it.
        # docs/site.md and docs/data-format.md (in perfsite's repository) say what each does.

        # The site's name, in every page's header.
        # title: Performance report

        # The site's address, for the sitemap, the feeds and canonical links (none by default: every link is relative).
        # baseURL: https://perf.example.org/

        # The repository the issues are filed in: links to its issues count as related issues, and each figure on an
        # issue page links to the line it was read from.
        # repository: https://github.com/org/platform
        # branch: HEAD

        # Files larger than this (in MB) are left out with an error.
        # maxFileSizeMB: 10

        # Rows per page of the issue index and of each component, layer and type page; 0 puts each list on one page.
        # paginate: 100

        # Raw HTML in issue bodies is dropped; true keeps it, through an allow-list sanitiser.
        # rawHTML: false

        # Days an issue of each priority may stay open before it is overdue (none by default).
        # closeWithin: {P0: 7, P1: 30}

        # Days without an update after which an open issue is stale.
        # staleAfterDays: 60

        # A Pagefind search index and page (Pagefind runs when it is installed: pip install pagefind-bin).
        # search: true

        # Groups and items added to or renamed from the template's (docs/data-format.md, "perfsite.yml").
        # schema:
        #   - group: issue-types
        #     names: [Problem Type]
        #     items: [GPU]

        """

    static let gitignore = """
        # perfsite's output and its build cache.
        /public/
        /.perfsite-cache/

        """

    /// The template as a GitHub Markdown issue template: `name` and `about`, and labels that say nothing the body
    /// decides (the priority is the body's **Priority:** line).
    static var issueTemplate: String { IssueTemplate.markdown }

    /// A workflow for a repository that holds only issues: checks and builds on every push and pull request,
    /// deploys to GitHub Pages from the main branch only; only the deploying job gets Pages rights.
    static let workflow = """
        # Checks the performance issues in content/, builds the report site and publishes it to GitHub Pages.
        # Settings › Pages › Source: "GitHub Actions". Pull requests are checked and built, not published.
        name: Performance report

        on:
          push:
            branches: [main]
          pull_request:
          workflow_dispatch:

        permissions:
          contents: read

        # One deployment at a time, and none cancelled midway: a newer run waits for the one under way.
        concurrency:
          group: pages-${{ github.ref }}
          cancel-in-progress: false

        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
                with:
                  fetch-depth: 1

              - name: Configure Pages
                id: pages
                if: github.event_name != 'pull_request'
                uses: actions/configure-pages@v5

              # Annotates the issue files, writes the step summary and uploads the site as the Pages artifact.
              - uses: \(actionRepository)@v1
                with:
                  content: content
                  base-url: ${{ steps.pages.outputs.base_url }}
                  upload: ${{ github.event_name != 'pull_request' }}

          deploy:
            if: github.event_name != 'pull_request' && github.ref == 'refs/heads/main'
            needs: build
            runs-on: ubuntu-latest
            permissions:
              pages: write
              id-token: write
            environment:
              name: github-pages
              url: ${{ steps.deployment.outputs.page_url }}
            steps:
              - name: Deploy to GitHub Pages
                id: deployment
                uses: actions/deploy-pages@v4

        """

    /// One issue, filled in as the template asks, so the first site has something on every page.
    static let exampleIssue = """
        ---
        title: "Example: POST /api/v1/molecules takes 6 s for 25MB SDF uploads"
        number: 1
        date: 2026-01-12
        state: open
        labels: [type:performance]
        author: example
        assignees: []
        ---

        ## Performance Issue Summary
        An example issue, written by `perfsite init`: replace it with your own (`perfsite new "Title"` starts one from \
        the template). Uploading a 25MB SDF through `POST /api/v1/molecules` takes 6 s at p50: the handler parses \
        every record with RDKit inside the request before it stores the file.

        ## Performance Context

        ### Issue Type
        - [x] **Latency** - Response time too slow
        - [ ] **Throughput** - System can't handle load

        ### Affected Component
        - [x] **API Endpoints** - Specific routes
        - [x] **File Processing** - Upload/download/conversion

        ## Performance Metrics

        ### Current Performance
        **Response Times:**
        - Endpoint: `POST /api/v1/molecules`
        - Current: `6.2s` (p50), `9.1s` (p95), `28.4s` (p99)
        - Expected: `0.8s` (p50), `2s` (p95), `3.5s` (p99)

        **Throughput:**
        - Current: `3` requests/second
        - Expected: `20` requests/second

        ### Measurement Details
        **How measured:**
        - [x] Application logs
        - [x] Load testing tools

        **Measurement period:** Production, 2026-01-05 to 2026-01-09
        **Sample size:** 1,260 uploads over 5MB

        ## Performance Targets

        ### Target Metrics
        **API Response Times:**
        - Molecule upload: < 4s for 25MB files

        ## Architecture Context

        ### Clean Architecture Layer
        **Primary Performance Issue:**
        - [x] Use Cases - Application service inefficiency

        ## Optimization Ideas

        ### Potential Solutions
        **Application Optimizations:**
        - [x] Implement async processing

        ## Implementation Stage

        **Related Milestone:** Stage 2
        **Priority:** P1
        **Estimated Effort:** M

        """
}
