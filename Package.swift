// swift-tools-version:6.0
import PackageDescription

// The compiler checks that each file imports the modules it uses (Foundation included): a module's imports
// say what it depends on.
let strictImports: [SwiftSetting] = [.enableUpcomingFeature("MemberImportVisibility")]

let package = Package(
    name: "Canvass",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "canvass", targets: ["canvass"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        // reads XLSForm workbooks (.xlsx is a zip of XML parts; the XML is read with Foundation's parser)
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        // seals identifier answers with the study's public key (HPKE, RFC 9180): no cryptography of our own
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    ],
    targets: [
        // The system SQLite (libsqlite3-dev); the raw C API is 2x faster than GRDB on bulk paths.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // Pure Swift, no I/O: questionnaire model, loading from text, validation, expressions, interview engine,
        // the answer rule and codec, stored-interview reading.
        .target(name: "CanvassCore", dependencies: [.product(name: "Yams", package: "Yams")], swiftSettings: strictImports),
        // Files at the edge: outputs written under a temporary name and renamed when complete, folders swapped in
        // whole, stale temporaries removed, databases never overwritten by an output.
        .systemLibrary(name: "CSystem", path: "Sources/CSystem"),
        .target(name: "CanvassFiles", dependencies: ["CanvassCore", "CSystem"], swiftSettings: strictImports),
        // The study key: a key pair made by the principal investigator; identifier answers sealed to its public half
        // with HPKE (X25519, HKDF-SHA256, ChaCha20-Poly1305) from swift-crypto, opened only with its private half.
        .target(
            name: "CanvassSealing", dependencies: ["CanvassCore", "CanvassFiles", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictImports),
        // The only module that speaks SQLite: the store, its migrations, merge, checks.
        .target(
            name: "CanvassStorage", dependencies: ["CanvassCore", "CanvassFiles", "CanvassSealing", "CSQLite"], swiftSettings: strictImports),
        // Tables from interviews handed to it: frequencies, concern matrices, plans, the small-base rule, the report.
        .target(name: "CanvassTabulation", dependencies: ["CanvassCore"], swiftSettings: strictImports),
        // Layouts and writers: CSV, JSON Lines, long, audit, paradata, codebook, stats syntax, transcripts, table files.
        .target(name: "CanvassExport", dependencies: ["CanvassCore", "CanvassTabulation", "CanvassFiles"], swiftSettings: strictImports),
        // Readers with located diagnostics: JSON Lines import into the store, XLSForms (.xlsx, .csv) as questionnaires.
        .target(
            name: "CanvassImport",
            dependencies: [
                "CanvassCore", "CanvassFiles", "CanvassStorage", "CanvassTabulation", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strictImports),
        // Files in the analysts' tools' own formats, written by the libraries those tools use: Stata and SPSS through
        // ReadStat (libreadstat-dev), Excel through libxlsxwriter (libxlsxwriter-dev).
        .systemLibrary(name: "CReadStat", path: "Sources/CReadStat", providers: [.apt(["libreadstat-dev"])]),
        .systemLibrary(name: "CXLSXWriter", path: "Sources/CXLSXWriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .target(
            name: "CanvassNativeFiles", dependencies: ["CanvassCore", "CanvassExport", "CanvassFiles", "CReadStat", "CXLSXWriter"],
            swiftSettings: strictImports),
        // The terminal at the edge: standard input read line by line (Ctrl-C pauses), output and colours, progress.
        .target(name: "CanvassTerminal", dependencies: ["CanvassCore"], swiftSettings: strictImports),
        .executableTarget(
            name: "canvass",
            dependencies: [
                "CanvassCore", "CanvassStorage", "CanvassTabulation", "CanvassExport", "CanvassImport", "CanvassTerminal", "CanvassFiles",
                "CanvassNativeFiles", "CanvassSealing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictImports
        ),
        // Measures durable answer saves for scripts/bench; not part of the tool.
        .executableTarget(name: "canvass-bench", dependencies: ["CanvassCore", "CanvassStorage", "CanvassSealing", "CSQLite"]),
        // Helpers shared by the test targets: scenario interviews, the binary harness, CSV reading, seeded randomness.
        .target(name: "CanvassTestSupport", dependencies: ["CanvassCore"], path: "Tests/CanvassTestSupport"),
        .testTarget(name: "CanvassCoreTests", dependencies: ["CanvassCore", "CanvassTestSupport"]),
        .testTarget(name: "CanvassStorageTests", dependencies: ["CanvassStorage", "CanvassCore", "CanvassTestSupport", "CSQLite"]),
        .testTarget(name: "CanvassSealingTests", dependencies: ["CanvassSealing", "CanvassCore", "CanvassTestSupport"]),
        .testTarget(name: "CanvassTabulationTests", dependencies: ["CanvassTabulation", "CanvassCore", "CanvassTestSupport"]),
        .testTarget(name: "CanvassExportTests", dependencies: ["CanvassExport", "CanvassCore", "CanvassTestSupport"]),
        .testTarget(name: "CanvassImportTests", dependencies: ["CanvassImport", "CanvassExport", "CanvassCore", "CanvassTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["CanvassCore", "CanvassTestSupport"]),
    ]
)
