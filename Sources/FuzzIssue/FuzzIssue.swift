import ReportAggregation
import ReportExtraction
import ReportModel
import SiteRendering

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The pages that show one issue's data: enough to exercise every view model without rendering a whole site.
private let pagesToRender: Set<String> = ["index.html", "issues/index.html", "quality.html", "data/issues/0.json"]

private let renderer = try! SiteRenderer()

/// Arbitrary bytes as an issue file, through front matter, parsing, extraction, aggregation and rendering.
/// Nothing may crash, trap or hang, whatever the bytes; and both front-matter readers read the same.
func exercise(_ bytes: [UInt8]) {
    // The front matter's two readers must agree wherever the simple one answers.
    if let text = String(validating: bytes, as: UTF8.self), !FrontMatterReaders.agree(on: text) {
        fatalError("the simple front-matter reader and Yams disagree")
    }
    let result = IssueReader().read(SourceFile(path: "fuzz.md", bytes: bytes), rendersHTML: true)
    let report = Report(issues: result.issue.map { [$0] } ?? [], schema: .template)
    for job in renderer.jobs(report, diagnostics: result.diagnostics)
    where pagesToRender.contains(job.path) || job.path.hasPrefix("issues/") {
        _ = try? job.render()
    }
}

#if FUZZING
    /// libFuzzer's entry point (`make fuzz` builds with `-DFUZZING`).
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
        exercise(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }
#else
    /// Without the fuzzer, replays the files named on the command line (the crashes fuzzing found, kept as
    /// regression tests) and prints one line each.
    @main
    struct FuzzReplay {
        static func main() {
            for path in CommandLine.arguments.dropFirst() {
                guard let file = fopen(path, "rb") else {
                    print("cannot read \(path)")
                    exit(2)
                }
                var bytes: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 65_536)
                while true {
                    let count = fread(&buffer, 1, buffer.count, file)
                    if count <= 0 { break }
                    bytes += buffer[0..<count]
                }
                fclose(file)
                exercise(bytes)
                print("ok \(path) (\(bytes.count) bytes)")
            }
        }
    }
#endif
