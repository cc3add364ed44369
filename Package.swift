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
        // Pure values and logic, no sockets: profile, schedule, statistics, reports.
        .target(
            name: "LoadRunnerCore",
            dependencies: [
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Side effects: the curl event loops, virtual users, the load engine, self-monitoring.
        .target(
            name: "LoadRunnerEngine",
            dependencies: ["LoadRunnerCore", "CCurl"]
        ),
        // A profile's own commands beside the load: actions, checks, command monitors, reached through the
        // engine's run phases (`RunPhases`).
        .target(
            name: "LoadRunnerCommands",
            dependencies: [
                "LoadRunnerCore",
                "LoadRunnerEngine",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // The executable: arguments, files, console, exit codes.
        .executableTarget(
            name: "LoadRunner",
            dependencies: [
                "LoadRunnerCore",
                "LoadRunnerEngine",
                "LoadRunnerCommands",
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
            dependencies: ["LoadRunnerCore"],
            resources: [.copy("Golden"), .copy("Fixtures")]
        ),
        .testTarget(
            name: "LoadRunnerEngineTests",
            dependencies: ["LoadRunnerEngine", "LoadRunnerCore", "LoadRunnerTestSupport"]
        ),
        .testTarget(
            name: "LoadRunnerCommandsTests",
            dependencies: ["LoadRunnerCommands", "LoadRunnerEngine", "LoadRunnerCore", "LoadRunnerTestSupport"]
        ),
        .testTarget(
            name: "LoadRunnerCLITests",
            dependencies: ["LoadRunnerTestSupport"]
        ),
    ]
)
