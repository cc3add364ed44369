// swift-tools-version:6.0
import PackageDescription

/// `lab-service`: the demo social-network service for experiment 1 (reads on the primary or on the
/// standbys) and experiment 2 (`POST /template` on the current primary, across a failover), backed by the
/// PostgreSQL lab in `Lab/pg`.
let package = Package(
    name: "lab-service",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lab-service", targets: ["LabService"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .executableTarget(
            name: "LabService",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The pure parts (body validation, topology, the write rules) and every route through HummingbirdTesting
        // against a throwaway PostgreSQL 15; test-service.sh keeps what needs the multi-node lab.
        .testTarget(
            name: "LabServiceTests",
            dependencies: [
                "LabService",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
    ]
)
