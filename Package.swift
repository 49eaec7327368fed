// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "perfsite",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "perfsite", targets: ["perfsite"]),
        .library(name: "ReportSite", targets: ["ReportSite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "MarkdownTree", dependencies: ["CCmarkGFM"]),
        .target(name: "ReportModel"),
        .target(
            name: "ReportExtraction",
            dependencies: ["MarkdownTree", "ReportModel", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "ReportAggregation", dependencies: ["ReportModel"]),
        .target(
            name: "SiteRendering",
            dependencies: ["ReportModel", "ReportAggregation", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .target(
            name: "ReportSite",
            dependencies: [
                "MarkdownTree", "ReportModel", "ReportExtraction", "ReportAggregation", "SiteRendering",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "SitePreview",
            dependencies: [
                "ReportSite", "ReportModel", .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        // The commit a release build names (`make dist`), for `perfsite --version`.
        .target(name: "CBuildInfo"),
        .executableTarget(
            name: "perfsite",
            dependencies: [
                "ReportSite", "SitePreview", "CBuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // jemalloc (Debian's libjemalloc-dev) in place of glibc's malloc: a build makes some 3,000 short-lived
            // allocations an issue on two threads, and glibc's malloc and free were about 15 % of its profile
            // (docs/performance.md).
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        .executableTarget(
            name: "FuzzIssue", dependencies: ["ReportExtraction", "ReportAggregation", "ReportModel", "SiteRendering"]
        ),
        .testTarget(name: "MarkdownTreeTests", dependencies: ["MarkdownTree"]),
        .testTarget(
            name: "ReportExtractionTests", dependencies: ["ReportExtraction", "ReportModel"], exclude: ["Templates"]),
        .testTarget(name: "ReportAggregationTests", dependencies: ["ReportAggregation", "ReportModel"]),
        .testTarget(name: "SiteRenderingTests", dependencies: ["SiteRendering", "ReportAggregation", "ReportModel"]),
        .testTarget(
            name: "ReportSiteTests",
            dependencies: ["ReportSite", "perfsite", "FuzzIssue"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
