// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "citynet",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "citynet", targets: ["citynet"]),
        .library(name: "CityNetPipeline", targets: ["CityNetPipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CUchardet",
            pkgConfig: "uchardet",
            providers: [.apt(["libuchardet-dev"])]
        ),
        .target(name: "CityNetModel"),
        .target(
            name: "CityNetIngest",
            dependencies: [
                "CityNetModel", "CLibXML2", "CUchardet", "CByteScan", .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "CityNetNormalize", dependencies: ["CityNetModel"]),
        .target(name: "CityNetAggregate", dependencies: ["CityNetModel"]),
        .target(name: "CityNetEmit", dependencies: ["CityNetModel"]),
        .target(
            name: "CityNetStore",
            dependencies: [
                "CityNetModel", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "CityNetPipeline",
            dependencies: [
                "CityNetModel", "CityNetIngest", "CityNetNormalize", "CityNetAggregate", "CityNetEmit", "CityNetStore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "CityNetTestSupport"),
        .target(name: "CMallocTuning"),
        .target(name: "CByteScan"),
        .executableTarget(
            name: "citynet",
            dependencies: [
                "CityNetPipeline", "CityNetIngest", "CMallocTuning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "CityNetModelTests", dependencies: ["CityNetModel", "CityNetTestSupport"]),
        .testTarget(name: "CityNetIngestTests", dependencies: ["CityNetIngest", "CityNetTestSupport"]),
        .testTarget(name: "CityNetNormalizeTests", dependencies: ["CityNetNormalize"]),
        .testTarget(name: "CityNetAggregateTests", dependencies: ["CityNetAggregate", "CityNetTestSupport"]),
        .testTarget(
            name: "CityNetEmitTests",
            dependencies: ["CityNetEmit", "CityNetIngest", "CityNetTestSupport"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "CityNetStoreTests",
            dependencies: ["CityNetStore", "CityNetAggregate", "CityNetNormalize", "CityNetTestSupport"]
        ),
        .testTarget(
            name: "CityNetPipelineTests",
            dependencies: ["CityNetPipeline", "CityNetIngest", "CityNetTestSupport"],
            exclude: ["Golden", "Fixtures"]
        ),
        .testTarget(name: "citynetTests", dependencies: ["citynet", "CityNetTestSupport"], exclude: ["Golden"]),
    ]
)

for target in package.targets where target.type != .system && !["CMallocTuning", "CByteScan"].contains(target.name) {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("ExistentialAny"),
            .enableUpcomingFeature("InternalImportsByDefault"),
        ]
}
