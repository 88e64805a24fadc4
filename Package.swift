// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Canvass",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "canvass", targets: ["canvass"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        // The system SQLite (libsqlite3-dev); the raw C API is 2x faster than GRDB on bulk paths.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // Pure Swift, no I/O: questionnaire model, loading from text, validation, expressions, interview engine.
        .target(name: "CanvassCore", dependencies: [.product(name: "Yams", package: "Yams")]),
        // The only module that speaks SQLite.
        .target(name: "CanvassStorage", dependencies: ["CanvassCore", "CSQLite"]),
        // Tables from plain values.
        .target(name: "CanvassTabulation", dependencies: ["CanvassCore"]),
        // CSV and JSON Lines writers.
        .target(name: "CanvassExport", dependencies: ["CanvassCore"]),
        .executableTarget(
            name: "canvass",
            dependencies: [
                "CanvassCore", "CanvassStorage", "CanvassTabulation", "CanvassExport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Measures durable answer saves for scripts/bench; not part of the tool.
        .executableTarget(name: "canvass-bench", dependencies: ["CanvassCore", "CanvassStorage", "CSQLite"]),
        .testTarget(name: "CanvassCoreTests", dependencies: ["CanvassCore"]),
        .testTarget(name: "CanvassStorageTests", dependencies: ["CanvassStorage", "CanvassCore"]),
        .testTarget(name: "CanvassTabulationTests", dependencies: ["CanvassTabulation", "CanvassCore"]),
        .testTarget(name: "CanvassExportTests", dependencies: ["CanvassExport", "CanvassCore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["CanvassCore"]),
    ]
)
