// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "LoadRunner",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "LoadRunner", targets: ["LoadRunner"]),
        .executable(name: "loadrunner-demo-server", targets: ["LoadRunnerDemoServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
    ],
    targets: [
        // The only code that includes <curl/curl.h>: typed wrappers around libcurl's variadic calls.
        .target(
            name: "CCurl",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        // The layers below are pure (no sockets, no files); each may use only the ones listed before it.
        // Text and number utilities shared by every layer: number formats, XML and CSV escaping, tables.
        .target(name: "LoadRunnerText"),
        // The values a run is made of: profile values, schedule, statistics, results, monitors, commands.
        .target(
            name: "LoadRunnerModel",
            dependencies: ["LoadRunnerText", .product(name: "Histogram", package: "hdrhistogram-swift")]
        ),
        // Profile decoding and validation with its messages.
        .target(
            name: "LoadRunnerProfile",
            dependencies: ["LoadRunnerModel", "LoadRunnerText", .product(name: "Yams", package: "Yams")]
        ),
        // Gates and compare: thresholds, checks, budgets, bootstrap, the run comparator.
        .target(
            name: "LoadRunnerAnalysis",
            dependencies: ["LoadRunnerModel", "LoadRunnerText"]
        ),
        // Every renderer and chart: console, Markdown, HTML, CSV, JSON, JUnit, SVG.
        .target(
            name: "LoadRunnerReports",
            dependencies: ["LoadRunnerModel", "LoadRunnerAnalysis", "LoadRunnerText"]
        ),
        // Side effects: the curl event loops, virtual users, the load engine, self-monitoring.
        .target(
            name: "LoadRunnerEngine",
            dependencies: ["LoadRunnerModel", "LoadRunnerProfile", "LoadRunnerAnalysis", "LoadRunnerText", "CCurl"]
        ),
        // A profile's own commands beside the load: actions, checks, command monitors, reached through the
        // engine's run phases (`RunPhases`).
        .target(
            name: "LoadRunnerCommands",
            dependencies: [
                "LoadRunnerText",
                "LoadRunnerModel",
                "LoadRunnerAnalysis",
                "LoadRunnerEngine",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // The live view of `run --listen`: a SwiftNIO server on its own thread for the dashboard, /metrics and
        // /api/state; and `run --out-prometheus`, remote write with libcurl on a thread of its own.
        .target(
            name: "LoadRunnerLive",
            dependencies: [
                "LoadRunnerText",
                "LoadRunnerModel",
                "LoadRunnerReports",
                "LoadRunnerEngine",
                "CCurl",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // The executable: arguments, files, console, exit codes.
        .executableTarget(
            name: "LoadRunner",
            dependencies: [
                "LoadRunnerText",
                "LoadRunnerModel",
                "LoadRunnerProfile",
                "LoadRunnerAnalysis",
                "LoadRunnerReports",
                "LoadRunnerEngine",
                "LoadRunnerCommands",
                "LoadRunnerLive",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A real HTTP server on 127.0.0.1:0 for tests and the demo.
        .target(
            name: "LoadRunnerTestSupport",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "LoadRunnerDemoServer",
            dependencies: [
                "LoadRunnerTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "LoadRunnerCoreTests",
            dependencies: [
                "LoadRunnerText", "LoadRunnerModel", "LoadRunnerProfile", "LoadRunnerAnalysis", "LoadRunnerReports",
                // The engine's `DiskFiles` and the executable, for the tests that read profiles and write output
                // folders (file I/O lives there).
                "LoadRunnerEngine", "LoadRunner",
            ],
            resources: [.copy("Golden"), .copy("Fixtures")]
        ),
        .testTarget(
            name: "LoadRunnerEngineTests",
            dependencies: [
                "LoadRunnerEngine", "LoadRunnerText", "LoadRunnerModel", "LoadRunnerProfile", "LoadRunnerAnalysis",
                "LoadRunnerReports", "LoadRunnerTestSupport", "LoadRunnerLive",
            ]
        ),
        .testTarget(
            name: "LoadRunnerCommandsTests",
            dependencies: [
                "LoadRunnerCommands", "LoadRunnerEngine", "LoadRunnerText", "LoadRunnerModel", "LoadRunnerProfile",
                "LoadRunnerAnalysis", "LoadRunnerTestSupport",
            ]
        ),
        .testTarget(
            name: "LoadRunnerCLITests",
            // Reports and Model only to read the list of output files (`OutputFile`) and decode result.json.
            dependencies: ["LoadRunnerTestSupport", "LoadRunnerReports", "LoadRunnerModel"]
        ),
    ]
)
